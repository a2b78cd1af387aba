/**
 * A distro's /etc/wsl.conf and /etc/wsl-distribution.conf as VS Code documents
 * (`wsl-distro-config:/<distro>/etc/wsl.conf`). Reads and writes go through DistroConfigFiles
 * (host/distroConfigFile.ts), so VS Code's normal Save is a root save, the same from Windows and
 * from inside WSL: the first root write of a session is confirmed with the exact command, a line
 * that makes WSL stop reading is named before saving, a backup is kept and Undo restores it, and
 * afterwards `wsl --terminate <distro>` is offered (WSL reads wsl.conf again only at distro start).
 * Restricted Mode may open these files but never writes them.
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  DistroConfigFiles,
  lineThatStopsReading,
  planTerminateAfterSave,
  readWouldStartDistro,
  showRootCommand,
  WSL_DISTRIBUTION_CONF_PATH,
  type DistroConfigPath,
  type SaveResult,
} from '../host/distroConfigFile';
import {
  bytesToSave,
  DISTRO_CONFIG_SCHEME,
  distroConfigUriPath,
  parseDistroConfigUriPath,
  type DistroConfigAddress,
} from '../model/distroConfig';
import type { HostSituation } from '../host/detectHost';
import { processIdentity, type UserIdentity } from '../host/writeAccess';
import type { Cockpit } from './cockpit';
import type { Prompter } from './prompts';

const t = vscode.l10n.t;

export function distroConfigUri(address: DistroConfigAddress): vscode.Uri {
  return vscode.Uri.from({ scheme: DISTRO_CONFIG_SCHEME, path: distroConfigUriPath(address) });
}

interface CachedFile {
  bytes: Uint8Array;
  exists: boolean;
  mtime: number;
}

export class DistroConfigFileSystem implements vscode.FileSystemProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;
  private readonly cache = new Map<string, CachedFile>();
  /** Distros the user agreed to start by reading their file (key: lower-case name). */
  private readonly startAllowed = new Set<string>();
  /** wsl-distribution.conf documents the user asked to edit. */
  private readonly editable = new Set<string>();
  /** Documents opened by a caller that confirmed everything (`confirm: false`): their saves ask nothing. */
  private readonly prompters = new Map<string, Prompter>();
  private rootWriteConfirmed = false;
  /** Saves of this session, newest last, for Undo wsl.conf Save. */
  readonly saves: SaveResult[] = [];
  private readonly savedEmitter = new vscode.EventEmitter<SaveResult>();
  /** Fires after each root save (for the cross-file diagnostics and the status tooltip). */
  readonly onDidSave = this.savedEmitter.event;

  constructor(private readonly cockpit: Cockpit) {}

  /**
   * Where this extension host runs: the cockpit's host (its distro's "/" is "/", the user is this
   * process), or the test harness's stand-in for a window inside a distro (testHooks.ts).
   */
  side(): { situation: HostSituation; root: string; identity: UserIdentity | undefined } {
    const stand = this.cockpit.testHooks?.insideDistro;
    if (stand) {
      return {
        situation: { kind: 'wsl', distro: stand.distro, interop: true, wslVersion: 2, evidence: ['test harness'] },
        root: stand.root,
        identity: stand.identity,
      };
    }
    return { situation: this.cockpit.host.situation, root: '/', identity: processIdentity() };
  }

  /** Built from the current host each time: the cockpit replaces its host when the setup changes. */
  files(): DistroConfigFiles {
    const host = this.cockpit.host;
    const side = this.side();
    return new DistroConfigFiles({
      situation: side.situation,
      windowsTool: (file, args, options) => host.windowsTool(file, args, options),
      run: host.run,
      readLocalFile: (file) => fs.readFile(path.posix.join(side.root, file)),
      ...(side.identity ? { uid: side.identity.uid } : {}),
    });
  }

  allowStart(distro: string): void {
    this.startAllowed.add(distro.toLowerCase());
  }

  allowEdit(uri: vscode.Uri): void {
    this.editable.add(uri.toString());
  }

  /** The prompter of a caller that confirmed everything, or undefined for the usual dialogs. */
  usePrompter(uri: vscode.Uri, prompter: Prompter | undefined): void {
    if (prompter) this.prompters.set(uri.toString(), prompter);
    else this.prompters.delete(uri.toString());
  }

  /** The texts of every wsl.conf read so far (for the status bar tooltip). */
  readTexts(): { distro: string; path: DistroConfigPath; bytes: Uint8Array }[] {
    const out: { distro: string; path: DistroConfigPath; bytes: Uint8Array }[] = [];
    for (const [key, file] of this.cache) {
      const address = parseDistroConfigUriPath(vscode.Uri.parse(key).path);
      if (address) out.push({ ...address, bytes: file.bytes });
    }
    return out;
  }

  private address(uri: vscode.Uri): DistroConfigAddress {
    const address = parseDistroConfigUriPath(uri.path);
    if (!address) throw vscode.FileSystemError.FileNotFound(uri);
    return address;
  }

  private async load(uri: vscode.Uri): Promise<CachedFile> {
    const key = uri.toString();
    const cached = this.cache.get(key);
    if (cached) return cached;
    const { distro, path } = this.address(uri);
    const starts = readWouldStartDistro(distro, this.cockpit.facts?.distros ?? [], this.cockpit.host.situation);
    // A restored editor must not start a stopped distro behind the user's back: the command asks first.
    if (starts.starts === true && !this.startAllowed.has(distro.toLowerCase())) {
      throw vscode.FileSystemError.Unavailable(
        t(
          '{0} is stopped ({1}); reading its {2} would start it. Use "Open wsl.conf…" to start it and open the file.',
          distro,
          starts.state,
          path,
        ),
      );
    }
    const read = await this.files().read(distro, path);
    const file: CachedFile = read.exists
      ? { bytes: new Uint8Array(read.bytes), exists: true, mtime: Date.now() }
      : { bytes: new Uint8Array(), exists: false, mtime: Date.now() };
    this.cache.set(key, file);
    return file;
  }

  /** Forgets the cached bytes and reads the file again (after Undo, or on request). */
  async reload(uri: vscode.Uri): Promise<void> {
    this.cache.delete(uri.toString());
    await this.load(uri);
    this.changed.fire([{ type: vscode.FileChangeType.Changed, uri }]);
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    const file = await this.load(uri);
    const { path } = this.address(uri);
    const readonly = path === WSL_DISTRIBUTION_CONF_PATH && !this.editable.has(uri.toString());
    return {
      type: vscode.FileType.File,
      ctime: file.mtime,
      mtime: file.mtime,
      size: file.bytes.length,
      ...(readonly ? { permissions: vscode.FilePermission.Readonly } : {}),
    };
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    // A missing file opens as a new empty one; the first save creates it (root:root 0644).
    return (await this.load(uri)).bytes;
  }

  async writeFile(uri: vscode.Uri, content: Uint8Array): Promise<void> {
    const { distro, path } = this.address(uri);
    // The message of a FileSystemError does not survive VS Code's file service (it reports the
    // URI only), so the reason is also shown as a notification.
    const refuse = (message: string): never => {
      void vscode.window.showErrorMessage(message);
      throw vscode.FileSystemError.NoPermissions(message);
    };
    if (!vscode.workspace.isTrusted) {
      refuse(
        t(
          '{0} in {1} was not saved: WSL Network does not write system files in Restricted Mode. Trust this workspace to save it.',
          path,
          distro,
        ),
      );
    }
    if (path === WSL_DISTRIBUTION_CONF_PATH && !this.editable.has(uri.toString())) {
      refuse(t('{0} is open read-only. Use "Open wsl-distribution.conf…" and choose editing to change it.', path));
    }
    const prompter = this.prompters.get(uri.toString()) ?? this.cockpit.interactivePrompter();
    const previous = this.cache.get(uri.toString());
    await this.saveAsRoot({ distro, path }, content, previous?.exists ? previous.bytes : undefined, prompter);
  }

  /**
   * The one root save, for this file system's documents and for a file opened from disk inside
   * the distro (cockpit/localRootSave.ts): the line where WSL would stop reading is named first,
   * the first root write of a session is confirmed with the exact command, the previous bytes are
   * kept in a backup for Undo, and afterwards Undo and `wsl --terminate` are offered. Throws
   * NoPermissions when the user says no (VS Code then keeps the edits in the editor).
   */
  async saveAsRoot(
    address: DistroConfigAddress,
    content: Uint8Array,
    previous: Uint8Array | undefined,
    prompter: Prompter,
  ): Promise<SaveResult> {
    const { distro, path: file } = address;
    if (!vscode.workspace.isTrusted)
      throw vscode.FileSystemError.NoPermissions(t('WSL Network does not write system files in Restricted Mode.'));
    const { bytes, text } = bytesToSave(content, previous);

    const stop = lineThatStopsReading(text, file);
    if (stop) {
      const go = await prompter.confirm(
        t('WSL stops reading {0} at line {1}: "{2}" ({3}).', file, stop.line, stop.text, stop.message),
        t('Everything after that line would be ignored ({0} more non-blank lines). Save anyway?', stop.ignoredLines),
        t('Save Anyway'),
      );
      if (!go)
        throw vscode.FileSystemError.NoPermissions(
          t('Not saved: WSL would stop reading {0} at line {1}.', file, stop.line),
        );
    }

    const files = this.files();
    if (!this.rootWriteConfirmed) {
      const { command } = files.planWrite(distro, file, bytes.length);
      const go = await prompter.confirm(
        t('Save {0} in {1} as root?', file, distro),
        [
          t('Runs: {0}', showRootCommand(command)),
          '',
          t(
            'The previous content is kept in a backup; "Undo wsl.conf Save" restores it. This is asked once per session.',
          ),
        ].join('\n'),
        t('Save as Root'),
      );
      if (!go) throw vscode.FileSystemError.NoPermissions(t('Not saved: the root write was not confirmed.'));
      this.rootWriteConfirmed = true;
    }
    const saved = await files.write(distro, file, bytes);
    this.cockpit.log(`${saved.command.description}: ${showRootCommand(saved.command)}`);
    // The bytes of a file this file system has read are now these (a file saved from disk inside
    // the distro may have been read here too: the status tooltip summarises what was read).
    const uri = distroConfigUri(address);
    const known = this.cache.has(uri.toString());
    if (known) this.cache.set(uri.toString(), { bytes: new Uint8Array(bytes), exists: true, mtime: Date.now() });
    this.saves.push(saved);
    this.savedEmitter.fire(saved);
    if (known) this.changed.fire([{ type: vscode.FileChangeType.Changed, uri }]);
    void this.offerAfterSave(prompter, saved);
    return saved;
  }

  /** After a save: Undo, or stop the distro so that WSL reads the new file. */
  private async offerAfterSave(prompter: Prompter, saved: SaveResult): Promise<void> {
    const undo = t('Undo');
    const terminate = t('Stop {0}…', saved.distro);
    const message = saved.backupPath
      ? t(
          '{0} saved in {1} as root; the previous content is in {2}. WSL reads it when {1} starts again.',
          saved.path,
          saved.distro,
          saved.backupPath,
        )
      : t('{0} created in {1} as root. WSL reads it when {1} starts again.', saved.path, saved.distro);
    const choice = await prompter.notify('info', message, undo, terminate);
    if (choice === undo) await vscode.commands.executeCommand('wslNetwork.undoDistroConfigSave');
    else if (choice === terminate) await this.terminate(prompter, saved.distro);
  }

  /** `wsl --terminate <distro>` after saying what it costs; through the cockpit's confirm + run path. */
  async terminate(prompter: Prompter, distro: string): Promise<boolean> {
    const offer = planTerminateAfterSave(distro);
    const go = await prompter.confirm(
      t('Stop {0} now?', distro),
      [t('Runs: {0}', this.cockpit.describe(offer.command)), '', `⚠ ${offer.warning}`].join('\n'),
      t('Stop {0}', distro),
    );
    if (!go) return false;
    await this.cockpit.runSteps(t('Stopping {0}', distro), [offer.command]);
    await this.cockpit.refresh(false);
    return true;
  }

  /** Undo of the newest save: the backup's exact bytes back (or a created file set aside), then the editor reloads. */
  async undoLast(prompter: Prompter): Promise<SaveResult | undefined> {
    const save = this.saves[this.saves.length - 1];
    if (!save) return undefined;
    const files = this.files();
    const command = files.planUndo(save);
    const go = await prompter.confirm(
      t('Undo the save of {0} in {1}?', save.path, save.distro),
      t('Runs: {0}', showRootCommand(command)),
      t('Undo Save'),
    );
    if (!go) return undefined;
    await files.undo(save);
    this.saves.pop();
    this.cockpit.log(`${command.description}: ${showRootCommand(command)}`);
    const uri = distroConfigUri({ distro: save.distro, path: save.path });
    if (this.cache.has(uri.toString())) await this.reload(uri);
    return save;
  }

  // Directories and renames are not part of this file system: it holds two files per distro.
  readDirectory(): [string, vscode.FileType][] {
    return [];
  }
  createDirectory(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }
  delete(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }
  rename(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  dispose(): void {
    this.changed.dispose();
    this.savedEmitter.dispose();
  }
}
