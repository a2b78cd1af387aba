/** Writing `.wslconfig` (through the open editor when it is open) and Open .wslconfig. */
import * as vscode from 'vscode';
import { detectLineEnding, minimalReplacement } from '../../../server/src/core';
import type { WslConfigEditFix } from '../host/connectivity';
import { samePath, type Cockpit } from '../cockpit/cockpit';
import type { Prompter } from '../cockpit/prompts';
import { newChangeId } from '../model/configBackups';
import { applyWslConfigFix } from '../model/doctorSetup';
import {
  createWslConfig,
  readWslConfig,
  writeWslConfigAtomic,
  wslConfigTemplate,
  type WslConfigSnapshot,
} from '../model/wslConfigFile';
import {
  defaultEol,
  describeError,
  refuseInRestrictedMode,
  result,
  showDone,
  t,
  type CockpitCommandOptions,
  type CommandResult,
} from './common';

/** The whole lines of `text` that the range [from, to) touches, trimmed, blank ones left out. */
function linesTouched(text: string, from: number, to: number): string[] {
  // A range that ends with its line feed does not touch the next line.
  const last = to > from && text[to - 1] === '\n' ? to - 1 : to;
  const start = text.lastIndexOf('\n', from - 1) + 1;
  const newline = text.indexOf('\n', last);
  return text
    .slice(start, newline === -1 ? text.length : newline)
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** The lines a change leaves changed, for the record and the Undo confirmation ("networkingMode=mirrored"). */
function describeChange(before: string, after: string): string {
  const edit = minimalReplacement(before, after);
  if (!edit) return '';
  const added = linesTouched(after, edit.start, edit.start + edit.newText.length);
  const lines = added.length > 0 ? added : linesTouched(before, edit.start, edit.end).map((line) => `- ${line}`);
  const text = lines.join('; ');
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}

/**
 * Follows a range of a document through later edits: where our own edit's text is now, or
 * undefined once any edit touched it (or the document was closed or reloaded from disk).
 */
function trackRange(
  document: vscode.TextDocument,
  start: number,
  end: number,
): { current: () => { start: number; end: number } | undefined; dispose: () => void } {
  let range: { start: number; end: number } | undefined = { start, end };
  const subscriptions = [
    vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.document !== document || !range) return;
      // The changes of one event apply one after the other, each at offsets of the text before it.
      for (const change of event.contentChanges) {
        if (!range) break;
        const changeEnd = change.rangeOffset + change.rangeLength;
        const delta = change.text.length - change.rangeLength;
        if (changeEnd <= range.start) range = { start: range.start + delta, end: range.end + delta };
        else if (change.rangeOffset >= range.end) continue;
        else range = undefined;
      }
    }),
    vscode.workspace.onDidCloseTextDocument((closed) => {
      if (closed === document) range = undefined;
    }),
  ];
  return {
    current: () => range,
    dispose: () => {
      range = undefined;
      for (const subscription of subscriptions) subscription.dispose();
    },
  };
}

/**
 * Writes `.wslconfig`. When the file is open in VS Code: a WorkspaceEdit on the document, so the
 * editor's Undo reverts it; saved right away unless the document already had unsaved changes (then
 * the user saves). Otherwise: atomically on disk, keeping encoding, BOM and line endings, and
 * refusing when the file changed since it was read. Before anything reaches the disk, the exact
 * bytes are kept as a backup with a record in global state (configBackups.ts), so Undo Last
 * .wslconfig Change restores them, also after a reload. `transform` maps the current text to the new one.
 */
export async function writeConfig(
  cockpit: Cockpit,
  snapshot: WslConfigSnapshot,
  transform: (text: string) => string,
): Promise<{ via: string; changed: boolean; saved: boolean; undo?: () => Promise<void> }> {
  const changes = cockpit.wslConfigChanges;
  const document = vscode.workspace.textDocuments.find(
    (doc) => doc.uri.scheme === 'file' && samePath(doc.uri.fsPath, snapshot.path),
  );
  if (document) {
    const before = document.getText();
    const after = transform(before);
    const replacement = minimalReplacement(before, after);
    if (!replacement) return { via: t('no change'), changed: false, saved: true };
    const wasDirty = document.isDirty;
    // A clean document is saved right after the edit: keep the bytes on disk before that.
    const onDisk = wasDirty ? undefined : await readWslConfig(snapshot.path);
    const pending = onDisk && !onDisk.readError ? await changes.store.prepare(onDisk) : undefined;
    const id = pending?.id ?? newChangeId();
    const edit = new vscode.WorkspaceEdit();
    edit.replace(
      document.uri,
      new vscode.Range(document.positionAt(replacement.start), document.positionAt(replacement.end)),
      replacement.newText,
    );
    if (!(await vscode.workspace.applyEdit(edit))) {
      if (pending) await changes.store.discard(pending);
      throw new Error(t('VS Code did not apply the edit to {0}.', snapshot.path));
    }
    const tracked = trackRange(document, replacement.start, replacement.start + replacement.newText.length);
    if (!wasDirty && (await document.save()) && pending) {
      const saved = await readWslConfig(snapshot.path);
      if (saved.bytes) await changes.store.commit(pending, saved.bytes, describeChange(before, after));
      else await changes.store.discard(pending);
    } else if (pending) await changes.store.discard(pending);
    const original = before.slice(replacement.start, replacement.end);
    changes.addEditorUndo(
      id,
      async () => {
        const range = tracked.current();
        if (document.isClosed) return undefined;
        const at = range && new vscode.Range(document.positionAt(range.start), document.positionAt(range.end));
        // Only the exact inverse of our own edit, and only while our text is still there untouched:
        // anything else would discard what the user typed since.
        if (!at || document.getText(at) !== replacement.newText)
          return {
            ok: false,
            message: t(
              '.wslconfig was edited since this change, so WSL Network does not undo it (that would discard your edit). Use Undo in the editor instead.',
            ),
          };
        const dirtyBefore = document.isDirty;
        const undoEdit = new vscode.WorkspaceEdit();
        undoEdit.replace(document.uri, at, original);
        if (!(await vscode.workspace.applyEdit(undoEdit)))
          return { ok: false, message: t('VS Code did not apply the edit to {0}.', snapshot.path) };
        if (!dirtyBefore) await document.save();
        return {
          ok: true,
          message: dirtyBefore
            ? t('The change to .wslconfig was undone in the editor; save it to apply.')
            : t('.wslconfig restored.'),
        };
      },
      tracked.dispose,
    );
    return {
      via: wasDirty
        ? t('edited in the open editor, which has unsaved changes: save it to apply')
        : t('edited in the open editor and saved; Undo in the editor reverts it'),
      changed: true,
      saved: !wasDirty,
      undo: () => undoNotified(cockpit, id),
    };
  }
  const original = snapshot.text ?? '';
  const newText = transform(original);
  if (newText === original) return { via: t('no change'), changed: false, saved: true };
  const pending = await changes.store.prepare(snapshot);
  let bytes: Buffer;
  try {
    bytes = await writeWslConfigAtomic(snapshot, newText);
  } catch (error) {
    await changes.store.discard(pending);
    throw error;
  }
  const record = await changes.store.commit(pending, bytes, describeChange(original, newText));
  changes.updateContext();
  return {
    via: t('written atomically'),
    changed: true,
    saved: true,
    undo: () => undoNotified(cockpit, record.id),
  };
}

/** Undo from a notification's button: the outcome is shown, never thrown. */
async function undoNotified(cockpit: Cockpit, id: string): Promise<void> {
  const outcome = await undoConfigChange(cockpit, id).catch((error: unknown) =>
    result(false, 'failed', describeError(error)),
  );
  if (outcome.ok) void vscode.window.showInformationMessage(outcome.message);
  else void vscode.window.showWarningMessage(outcome.message);
}

/**
 * Undoes change `id`: through the open editor when it was made there (the inverse of our edit,
 * refused when the user edited that text since), otherwise from the backup on disk (refused when
 * the file no longer holds exactly what we wrote). Nothing the user wrote since is ever lost.
 */
async function undoConfigChange(cockpit: Cockpit, id: string): Promise<CommandResult> {
  const changes = cockpit.wslConfigChanges;
  const viaEditor = await changes.editorUndo(id)?.();
  if (viaEditor) {
    if (viaEditor.ok) {
      await changes.forget(id);
      cockpit.configChanged();
    }
    return result(viaEditor.ok, viaEditor.ok ? 'done' : 'refused', viaEditor.message);
  }
  const record = changes.store.find(id);
  if (!record) {
    await changes.forget(id);
    return result(false, 'nothing', t('That .wslconfig change cannot be undone any more.'));
  }
  const open = vscode.workspace.textDocuments.find(
    (doc) => doc.uri.scheme === 'file' && samePath(doc.uri.fsPath, record.path),
  );
  if (open?.isDirty)
    return result(
      false,
      'refused',
      t('{0} has unsaved changes in the editor; save or revert them, then undo again.', record.path),
    );
  const outcome = await changes.store.restore(record);
  // Done: an editor undo of the same change (its document was closed) must not be offered again.
  if (outcome.kind === 'restored' || outcome.kind === 'removed') await changes.forget(record.id);
  changes.updateContext();
  switch (outcome.kind) {
    case 'restored':
      cockpit.log(`${record.path}: restored the bytes from before "${record.what}" (backup ${record.id})`);
      cockpit.configChanged();
      return result(true, 'done', t('.wslconfig restored.'), { data: { file: record.path } });
    case 'removed':
      cockpit.log(`${record.path}: removed again (the undone change "${record.what}" had created it)`);
      cockpit.configChanged();
      return result(true, 'done', t('{0} removed again: the change had created it.', record.path), {
        data: { file: record.path },
      });
    case 'changed-since':
      return result(
        false,
        'refused',
        outcome.backupPath
          ? t(
              '{0} changed since WSL Network wrote it; nothing was restored. The earlier version is kept in {1}.',
              record.path,
              outcome.backupPath,
            )
          : t('{0} changed since WSL Network created it; nothing was removed.', record.path),
      );
    case 'unreadable':
      return result(false, 'failed', t('{0} could not be restored: {1}', record.path, outcome.reason));
  }
}

/** Undo Last .wslconfig Change: the newest change WSL Network made (also before a reload). */
export async function undoLastWslConfigChange(cockpit: Cockpit, prompter: Prompter): Promise<CommandResult> {
  const untrusted = refuseInRestrictedMode(t('Undoing a .wslconfig change'));
  if (untrusted) return untrusted;
  const changes = cockpit.wslConfigChanges;
  const id = changes.latestId();
  if (!id) return result(false, 'nothing', t('No .wslconfig change of WSL Network to undo.'));
  const record = changes.store.find(id);
  if (record) {
    const location = await cockpit.wslConfigLocation();
    if (!location.path || !samePath(location.path, record.path))
      return result(
        false,
        'refused',
        t(
          'The last change was made to {0}, but WSL Network now uses {1}; nothing was changed.',
          record.path,
          location.path ?? '?',
        ),
      );
  }
  const detail = record
    ? [
        t('Change of {0}: {1}', new Date(record.at).toLocaleString(), record.what),
        record.existed
          ? t('Writes back the exact bytes kept in {0}.', changes.store.backupPath(record))
          : t('Removes {0}: the change had created it.', record.path),
        t('Refused if the file changed since.'),
      ].join('\n')
    : t('Reverts the edit in the open editor; refused if you edited that text since.');
  if (!(await prompter.confirm(t('Undo the last change to .wslconfig?'), detail, t('Undo Change'))))
    return result(false, 'cancelled', t('Cancelled.'));
  return undoConfigChange(cockpit, id);
}

/**
 * Sets one `.wslconfig` key after showing exactly what changes (section, key, value, file): a
 * minimal edit through writeConfig, which keeps the bytes read and offers Undo. `valueFor`
 * recomputes the value from the file's text at write time (undefined: nothing to change), for
 * values that extend what the file already holds; `reason` goes to the log.
 */
export async function setWslConfigKey(
  cockpit: Cockpit,
  prompter: Prompter,
  fix: WslConfigEditFix,
  request: { question: string; reason: string; valueFor?: (text: string) => string | undefined },
): Promise<CommandResult> {
  const untrusted = refuseInRestrictedMode(t('Changing .wslconfig'));
  if (untrusted) return untrusted;
  const location = await cockpit.wslConfigLocation();
  if (!location.path) return result(false, 'refused', t('.wslconfig cannot be located: {0}', location.note ?? ''));
  const file = location.path;
  const snapshot = await readWslConfig(file);
  if (snapshot.readError) return result(false, 'failed', t('{0} could not be read: {1}', file, snapshot.readError));
  const detail = [
    fix.description,
    '',
    t('Sets in {0}:', file),
    `[${fix.section}]`,
    `${fix.key}=${fix.value}`,
    '',
    t('Nothing else in the file changes. WSL applies it after a restart (wsl --shutdown).'),
  ].join('\n');
  if (!(await prompter.confirm(request.question, detail, t('Change .wslconfig'))))
    return result(false, 'cancelled', t('Cancelled.'));
  const fallbackEol = defaultEol(cockpit);
  let value = fix.value;
  const written = await writeConfig(cockpit, snapshot, (text) => {
    const now = request.valueFor ? request.valueFor(text) : fix.value;
    if (now === undefined) return text;
    value = now;
    return applyWslConfigFix(text, { ...fix, value }, detectLineEnding(text, fallbackEol));
  });
  cockpit.configChanged();
  if (written.changed) cockpit.log(`${file}: [${fix.section}] ${fix.key}=${value} (${written.via}; ${request.reason})`);
  const message = !written.changed
    ? t('.wslconfig already sets {0}={1}.', fix.key, value)
    : t('.wslconfig now sets {0}={1} ({2}). WSL applies it after a restart.', fix.key, value, written.via);
  showDone(prompter, message, written.undo);
  return result(true, written.changed ? 'done' : 'nothing', message, {
    data: { file, section: fix.section, key: fix.key, value },
  });
}

export async function openWslConfig(
  cockpit: Cockpit,
  prompter: Prompter,
  options: CockpitCommandOptions,
): Promise<CommandResult> {
  const location = await cockpit.wslConfigLocation();
  if (!location.path) return result(false, 'refused', t('.wslconfig cannot be located: {0}', location.note ?? ''));
  const file = location.path;
  let snapshot = await readWslConfig(file);
  if (!snapshot.exists) {
    if (snapshot.readError) return result(false, 'failed', t('{0} could not be read: {1}', file, snapshot.readError));
    const untrusted = refuseInRestrictedMode(t('Creating .wslconfig'));
    if (untrusted) return untrusted;
    const create = prompter.interactive
      ? await prompter.confirm(
          t('{0} does not exist. Create it with a commented template?', file),
          t('Every setting in the template is commented out, so WSL behaves exactly as before until you edit it.'),
          t('Create'),
        )
      : options.createIfMissing === true;
    if (!create) return result(false, 'cancelled', t('Cancelled.'));
    await createWslConfig(file, wslConfigTemplate(defaultEol(cockpit)));
    cockpit.log(`created ${file} from the template`);
    snapshot = await readWslConfig(file);
    cockpit.configChanged();
  }
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  await vscode.window.showTextDocument(document, { preview: false });
  return result(true, 'done', file, { data: file });
}
