/**
 * Inside a distro, its /etc/wsl.conf (or /etc/wsl-distribution.conf) opened straight from disk
 * (`file:///etc/wsl.conf`, or `code /etc/wsl.conf` for a file that does not exist yet) belongs
 * to root, so VS Code's save fails with "permission denied". This offers the same root save as
 * the distro file system (DistroConfigFileSystem.saveAsRoot): through interop
 * (`wsl.exe -d <this distro> -u root`), or `sudo -n` where interop is off.
 *
 * Why a context key and a "Save as Root" command bound to the save keys, rather than reacting to
 * the failed save: VS Code has no "save failed" event, and an onWillSaveTextDocument listener can
 * neither cancel the save nor wait for a dialog (the extension host gives save participants about
 * 1.5 seconds). Reopening the file through the distro file system was the other way, but it
 * replaces the user's editor (its URI, its undo history). So while such a file is the active
 * editor and this user may not write it, `wslNetwork.activeFileNeedsRoot` is set: the editor
 * title shows "Save as Root" and Ctrl+S / Cmd+S run it, so the user's ordinary save becomes the
 * root save after one confirmation (the first root write of a session shows the exact command),
 * with no failed save in between. A save that still reaches VS Code (File > Save, Save All) fails
 * as before, keeping the edits in the editor, and is followed by the same offer.
 */
import * as vscode from 'vscode';
import type { DistroConfigPath, SaveResult } from '../host/distroConfigFile';
import { checkWriteAccess, type WriteAccess } from '../host/writeAccess';
import { localDistroConfigPath } from '../model/distroConfig';
import type { Cockpit } from './cockpit';
import type { DistroConfigFileSystem } from './distroConfigFs';
import type { Prompter } from './prompts';

const t = vscode.l10n.t;

export const CONTEXT_ACTIVE_FILE_NEEDS_ROOT = 'wslNetwork.activeFileNeedsRoot';

/** A document that is this distro's configuration file, opened from disk. */
export interface LocalConfigTarget {
  readonly distro: string;
  readonly path: DistroConfigPath;
  /** Where the file is on this machine (the distro's "/" plus the path). */
  readonly localPath: string;
}

export class LocalRootSave implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private contextValue = false;

  constructor(
    private readonly cockpit: Cockpit,
    private readonly files: DistroConfigFileSystem,
    /** Runs "Save as Root" for a document (the registered command, so the offer behaves like it). */
    private readonly saveCommand: (uri: vscode.Uri) => Thenable<unknown>,
  ) {
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor(() => void this.updateContext()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.updateContext()),
      vscode.workspace.onWillSaveTextDocument((event) => {
        if (event.reason === vscode.TextDocumentSaveReason.Manual) void this.offerAfterFailedSave(event.document);
      }),
    );
    void this.updateContext();
  }

  /** This distro's configuration file, when the document is one opened from disk inside the distro. */
  target(document: vscode.TextDocument): LocalConfigTarget | undefined {
    if (document.uri.scheme !== 'file' && document.uri.scheme !== 'untitled') return undefined;
    const side = this.files.side();
    if (side.situation.kind !== 'wsl' || side.situation.distro === undefined) return undefined;
    // An untitled document with a path is what `code /etc/wsl.conf` opens when the file does not exist.
    const localPath = document.uri.scheme === 'file' ? document.uri.fsPath : document.uri.path;
    const path = localDistroConfigPath(localPath, side.root);
    return path ? { distro: side.situation.distro, path, localPath } : undefined;
  }

  /** Whether saving the document needs root: the file (or, for a new one, /etc) is not writable by this user. */
  async access(target: LocalConfigTarget): Promise<WriteAccess> {
    const identity = this.files.side().identity;
    if (identity === undefined) return { writable: true };
    return checkWriteAccess(target.localPath, identity);
  }

  async updateContext(): Promise<void> {
    const document = vscode.window.activeTextEditor?.document;
    const target = document ? this.target(document) : undefined;
    let needsRoot = false;
    try {
      needsRoot = target !== undefined && !(await this.access(target)).writable;
    } catch {
      // Neither the file nor its folder can be inspected: leave VS Code's own save alone.
    }
    if (needsRoot === this.contextValue) return;
    this.contextValue = needsRoot;
    await vscode.commands.executeCommand('setContext', CONTEXT_ACTIVE_FILE_NEEDS_ROOT, needsRoot);
  }

  /**
   * Writes the document's text as root through the distro file system's save, then shows the
   * file as saved: the editor is reverted to the bytes now on disk, and an untitled document
   * (a file that did not exist) is replaced by the file it became.
   */
  async save(document: vscode.TextDocument, prompter: Prompter): Promise<SaveResult> {
    const target = this.target(document);
    if (!target) throw new Error(t("{0} is not this distro's wsl.conf or wsl-distribution.conf.", document.uri.path));
    const previous = await vscode.workspace.fs.readFile(vscode.Uri.file(target.localPath)).then(
      (bytes) => bytes,
      () => undefined,
    );
    const content = new TextEncoder().encode(document.getText());
    const saved = await this.files.saveAsRoot(target, content, previous, prompter);
    await vscode.window.showTextDocument(document, { preview: false });
    if (document.isUntitled) {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      await vscode.window.showTextDocument(vscode.Uri.file(target.localPath), { preview: false });
    } else {
      // VS Code's revert reloads the active editor from disk: the root save's bytes, no longer dirty.
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    return saved;
  }

  /** After a save VS Code itself will fail (File > Save, Save All): offer the root save instead. */
  private async offerAfterFailedSave(document: vscode.TextDocument): Promise<void> {
    const target = this.target(document);
    if (!target || !vscode.workspace.isTrusted) return;
    const access = await this.access(target).catch(() => undefined);
    if (!access || access.writable) return;
    const action = t('Save as Root');
    const message = t(
      '{0} belongs to root: {1} is not writable for you. Save it as root in {2}?',
      target.path,
      access.blockedBy,
      target.distro,
    );
    const choice = await this.cockpit.interactivePrompter().notify('warning', message, action);
    if (choice === action) await this.saveCommand(document.uri);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
