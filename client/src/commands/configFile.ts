/** Writing `.wslconfig` (through the open editor when it is open) and Open .wslconfig. */
import * as vscode from 'vscode';
import { detectLineEnding, minimalReplacement } from '../../../server/src/core';
import type { WslConfigEditFix } from '../host/connectivity';
import { samePath, type Cockpit } from '../cockpit/cockpit';
import type { Prompter } from '../cockpit/prompts';
import { applyWslConfigFix } from '../model/doctorSetup';
import {
  ConfigChangedOnDiskError,
  createWslConfig,
  readWslConfig,
  writeWslConfigAtomic,
  writeWslConfigBytes,
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

/**
 * Writes `.wslconfig`. When the file is open in VS Code: a WorkspaceEdit on the document, so the
 * editor's Undo reverts it; saved right away unless the document already had unsaved changes (then
 * the user saves). Otherwise: atomically on disk, keeping encoding, BOM and line endings, and
 * refusing when the file changed since it was read. `transform` maps the current text to the new one.
 */
export async function writeConfig(
  cockpit: Cockpit,
  snapshot: WslConfigSnapshot,
  transform: (text: string) => string,
): Promise<{ via: string; changed: boolean; saved: boolean; undo?: () => Promise<void> }> {
  const document = vscode.workspace.textDocuments.find(
    (doc) => doc.uri.scheme === 'file' && samePath(doc.uri.fsPath, snapshot.path),
  );
  if (document) {
    const before = document.getText();
    const replacement = minimalReplacement(before, transform(before));
    if (!replacement) return { via: t('no change'), changed: false, saved: true };
    const wasDirty = document.isDirty;
    const edit = new vscode.WorkspaceEdit();
    edit.replace(
      document.uri,
      new vscode.Range(document.positionAt(replacement.start), document.positionAt(replacement.end)),
      replacement.newText,
    );
    if (!(await vscode.workspace.applyEdit(edit)))
      throw new Error(t('VS Code did not apply the edit to {0}.', snapshot.path));
    if (!wasDirty) await document.save();
    return {
      via: wasDirty
        ? t('edited in the open editor, which has unsaved changes: save it to apply')
        : t('edited in the open editor and saved; Undo in the editor reverts it'),
      changed: true,
      saved: !wasDirty,
      undo: async () => {
        const back = minimalReplacement(document.getText(), before);
        if (!back) return;
        const undoEdit = new vscode.WorkspaceEdit();
        undoEdit.replace(
          document.uri,
          new vscode.Range(document.positionAt(back.start), document.positionAt(back.end)),
          back.newText,
        );
        await vscode.workspace.applyEdit(undoEdit);
        if (!wasDirty) await document.save();
        cockpit.configChanged();
      },
    };
  }
  const original = snapshot.text ?? '';
  const newText = transform(original);
  if (newText === original) return { via: t('no change'), changed: false, saved: true };
  const bytes = writeWslConfigAtomic(snapshot, newText);
  const written: WslConfigSnapshot = { ...readWslConfig(snapshot.path), bytes };
  const originalBytes = snapshot.bytes;
  return {
    via: t('written atomically'),
    changed: true,
    saved: true,
    undo: async () => {
      try {
        // The exact bytes read, not the decoded text: undo restores what no decoder could represent.
        if (originalBytes) writeWslConfigBytes(written, originalBytes);
        else writeWslConfigAtomic(written, original);
        cockpit.configChanged();
        void vscode.window.showInformationMessage(t('.wslconfig restored.'));
      } catch (error) {
        void vscode.window.showErrorMessage(
          error instanceof ConfigChangedOnDiskError
            ? t('.wslconfig changed again since; not restored.')
            : describeError(error),
        );
      }
    },
  };
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
  const snapshot = readWslConfig(file);
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
  let snapshot = readWslConfig(file);
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
    createWslConfig(file, wslConfigTemplate(defaultEol(cockpit)));
    cockpit.log(`created ${file} from the template`);
    snapshot = readWslConfig(file);
    cockpit.configChanged();
  }
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  await vscode.window.showTextDocument(document, { preview: false });
  return result(true, 'done', file, { data: file });
}
