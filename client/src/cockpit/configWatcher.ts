/**
 * Watches the resolved `.wslconfig` and calls `onChange` when it changes. Inside a workspace folder
 * VS Code's FileSystemWatcher does it; elsewhere (the usual %USERPROFILE%) `fs.watch` on the
 * folder, filtered by name, because editors and our own atomic writes replace the file (a watch on
 * the file itself would die). Saves of the file in an editor count too.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

export function samePath(a: string, b: string): boolean {
  return process.platform === 'win32' ? a.toLowerCase() === b.toLowerCase() : a === b;
}

export class ConfigFileWatcher implements vscode.Disposable {
  private watcher: vscode.Disposable | undefined;
  private watchedPath: string | undefined;
  private readonly watchFailureLogged = new Set<string>();
  private readonly onSave: vscode.Disposable;

  constructor(
    private readonly onChange: () => void,
    private readonly log: (line: string) => void,
  ) {
    this.onSave = vscode.workspace.onDidSaveTextDocument((document) => {
      if (this.watchedPath && samePath(document.uri.fsPath, this.watchedPath)) this.onChange();
    });
  }

  /** Watches `file` (undefined: nothing); a no-op when it is already watched. */
  watch(file: string | undefined): void {
    if (file === this.watchedPath) return;
    this.watcher?.dispose();
    this.watcher = undefined;
    this.watchedPath = file;
    if (!file) return;
    const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(file));
    if (folder) {
      const relative = path.relative(folder.uri.fsPath, file).split(path.sep).join('/');
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, relative));
      const changed = (): void => this.onChange();
      watcher.onDidChange(changed);
      watcher.onDidCreate(changed);
      watcher.onDidDelete(changed);
      this.watcher = watcher;
      return;
    }
    const dir = path.dirname(file);
    const name = path.basename(file);
    try {
      const fsWatcher = fs.watch(dir, { persistent: false }, (_event, changed) => {
        if (changed === null || changed === undefined || changed.toString() === name) this.onChange();
      });
      fsWatcher.on('error', (error) => {
        this.log(`watching ${dir} failed: ${error.message}`);
        this.watchedPath = undefined; // set up again on the next refresh
      });
      this.watcher = { dispose: () => fsWatcher.close() };
    } catch (error) {
      // Typically the folder does not exist yet; try again on the next refresh.
      this.watchedPath = undefined;
      if (!this.watchFailureLogged.has(dir)) {
        this.watchFailureLogged.add(dir);
        const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
        this.log(
          missing
            ? `${dir} does not exist (yet): a .wslconfig created there is noticed on the next refresh`
            : `cannot watch ${dir} (${(error as Error).message}); .wslconfig changes are noticed on the next refresh`,
        );
      }
    }
  }

  dispose(): void {
    this.watcher?.dispose();
    this.onSave.dispose();
  }
}
