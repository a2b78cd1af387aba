/**
 * Open wsl.conf…, Open wsl-distribution.conf…, Undo wsl.conf Save: a distro's own configuration
 * files, opened through the root file system of cockpit/distroConfigFs.ts and checked together
 * with `.wslconfig` (cockpit/crossFileDiagnostics.ts).
 */
import * as vscode from 'vscode';
import {
  readWouldStartDistro,
  WSL_CONF_PATH,
  WSL_DISTRIBUTION_CONF_PATH,
  type DistroConfigPath,
} from '../host/distroConfigFile';
import { validateDistroName } from '../host/validators';
import type { Cockpit } from '../cockpit/cockpit';
import { CrossFileDiagnostics } from '../cockpit/crossFileDiagnostics';
import { distroConfigUri, DistroConfigFileSystem } from '../cockpit/distroConfigFs';
import { LocalRootSave } from '../cockpit/localRootSave';
import type { Prompter } from '../cockpit/prompts';
import { COMMAND_IDS } from './ids';
import { DISTRO_CONFIG_SCHEME, distroPickItems } from '../model/distroConfig';
import {
  isNode,
  refuseInRestrictedMode,
  result,
  t,
  type Arg,
  type CockpitCommandOptions,
  type CommandResult,
} from './common';

export class DistroConfigCommands implements vscode.Disposable {
  readonly fs: DistroConfigFileSystem;
  readonly diagnostics: CrossFileDiagnostics;
  readonly localRootSave: LocalRootSave;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly cockpit: Cockpit) {
    this.fs = new DistroConfigFileSystem(cockpit);
    this.diagnostics = new CrossFileDiagnostics(cockpit, this.fs);
    this.localRootSave = new LocalRootSave(cockpit, this.fs, (uri) =>
      vscode.commands.executeCommand(COMMAND_IDS.saveDistroConfigAsRoot, uri),
    );
    this.disposables.push(
      this.fs,
      this.diagnostics,
      this.localRootSave,
      vscode.workspace.registerFileSystemProvider(DISTRO_CONFIG_SCHEME, this.fs, { isCaseSensitive: true }),
    );
  }

  /** Opens a distro's /etc/wsl.conf, or /etc/wsl-distribution.conf (read-only unless asked to edit). */
  async open(
    arg: Arg,
    prompter: Prompter,
    options: CockpitCommandOptions,
    path: DistroConfigPath,
  ): Promise<CommandResult> {
    await this.cockpit.refresh(false);
    const facts = this.cockpit.facts;
    if (!facts?.available)
      return result(false, 'refused', t('WSL is not available: {0}', facts?.unavailableReason ?? t('unknown reason')));

    let distro: unknown = isNode(arg) && arg.kind === 'distro' ? arg.label : options.distro;
    if (distro === undefined) {
      if (!prompter.interactive)
        return result(false, 'refused', t('Pass {0} when calling this command without dialogs.', '{ distro }'));
      const picked = await prompter.pick(distroPickItems(facts.distros, t), {
        title: t('Open {0} of which distro?', path),
        placeHolder: t('Distros from wsl.exe -l -v, with their state'),
      });
      if (!picked) return result(false, 'cancelled', t('Cancelled.'));
      distro = picked.distro;
    }
    const valid = validateDistroName(distro);
    if (!valid.ok) return result(false, 'refused', valid.error);
    const listed = facts.distros.find((d) => d.name.toLowerCase() === valid.value.toLowerCase());
    if (!listed && !this.fs.files().isLocal(valid.value))
      return result(false, 'refused', t('No distro named {0} in wsl.exe -l -v.', valid.value));
    const name = listed?.name ?? valid.value;

    const starts = readWouldStartDistro(name, facts.distros, this.cockpit.host.situation);
    if (starts.starts === true) {
      const go = await prompter.confirm(
        t('{0} is {1}. Start it to read {2}?', name, starts.state, path),
        t('Reading the file starts the distro: its boot command and services run, as when you open a shell in it.'),
        t('Start and Open'),
      );
      if (!go) return result(false, 'cancelled', t('Cancelled.'));
    }
    this.fs.allowStart(name);

    let edit = options.edit === true;
    if (path === WSL_DISTRIBUTION_CONF_PATH && prompter.interactive && options.edit === undefined) {
      const readOnly = { label: t('Open read-only'), description: t('the distribution ships this file') };
      const forEditing = { label: t('Open for editing'), description: t('saves as root, with a backup') };
      const picked = await prompter.pick([readOnly, forEditing], { title: t('Open {0} of {1}', path, name) });
      if (!picked) return result(false, 'cancelled', t('Cancelled.'));
      edit = picked === forEditing;
    }
    if (edit && path === WSL_DISTRIBUTION_CONF_PATH) {
      const untrusted = refuseInRestrictedMode(t('Editing {0}', path));
      if (untrusted) return untrusted;
    }

    const uri = distroConfigUri({ distro: name, path });
    if (edit) this.fs.allowEdit(uri);
    // Saves ask through the opener's prompter only while it was opened without dialogs; opened
    // again with dialogs, its saves ask again.
    this.fs.usePrompter(uri, prompter.interactive ? undefined : prompter);
    const document = await vscode.workspace.openTextDocument(uri);
    if (document.languageId !== 'wslconf') await vscode.languages.setTextDocumentLanguage(document, 'wslconf');
    await vscode.window.showTextDocument(document, { preview: false });
    if (starts.starts === true) void this.cockpit.refresh(false);
    this.diagnostics.schedule();
    this.cockpit.rerender();
    return result(true, 'done', uri.toString(), { data: uri.toString() });
  }

  /**
   * Save as Root: inside a distro, its /etc/wsl.conf or /etc/wsl-distribution.conf opened from
   * disk (the active editor, or the editor title's resource), written through the root save.
   */
  async saveAsRoot(arg: unknown, prompter: Prompter): Promise<CommandResult> {
    const untrusted = refuseInRestrictedMode(t('Saving a distro configuration file as root'));
    if (untrusted) return untrusted;
    const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
    const document = uri && vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    const target = document && this.localRootSave.target(document);
    if (!document || !target)
      return result(
        false,
        'refused',
        t('Save as Root saves /etc/wsl.conf or /etc/wsl-distribution.conf of the distro this window runs in.'),
      );
    try {
      const saved = await this.localRootSave.save(document, prompter);
      this.diagnostics.schedule();
      return result(true, 'done', t('{0} in {1} saved as root.', saved.path, saved.distro), { data: saved });
    } catch (error) {
      if (error instanceof vscode.FileSystemError && error.code === 'NoPermissions')
        return result(false, 'cancelled', error.message);
      throw error;
    }
  }

  async undo(prompter: Prompter): Promise<CommandResult> {
    const untrusted = refuseInRestrictedMode(t('Undoing a wsl.conf save'));
    if (untrusted) return untrusted;
    if (this.fs.saves.length === 0) return result(false, 'nothing', t('No wsl.conf save of this session to undo.'));
    const undone = await this.fs.undoLast(prompter);
    if (!undone) return result(false, 'cancelled', t('Cancelled.'));
    const message = undone.backupPath
      ? t('{0} in {1} restored from {2}.', undone.path, undone.distro, undone.backupPath)
      : t('{0} in {1}, which the save created, was moved aside.', undone.path, undone.distro);
    void prompter.notify('info', message);
    this.diagnostics.schedule();
    return result(true, 'done', message, { data: undone });
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

export { WSL_CONF_PATH, WSL_DISTRIBUTION_CONF_PATH };
