/**
 * The changes WSL Network made to `.wslconfig` that can still be undone: the records with their
 * backups on disk (model/configBackups.ts, kept across reloads), and, for this session, the edits
 * made through an open editor, whose undo is the exact inverse of our own edit. The context key
 * CONTEXT_WSLCONFIG_UNDOABLE shows "Undo Last .wslconfig Change" in the palette while one exists.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ConfigBackupStore } from '../model/configBackups';

export const CONTEXT_WSLCONFIG_UNDOABLE = 'wslNetwork.wslconfigUndoable';

/** Undoes one editor edit; undefined when it no longer applies (the document was closed). */
export type EditorUndo = () => Promise<{ ok: boolean; message: string } | undefined>;

export class WslConfigChanges implements vscode.Disposable {
  readonly store: ConfigBackupStore;
  private readonly editorUndos = new Map<string, { undo: EditorUndo; dispose: () => void }>();

  constructor(context: vscode.ExtensionContext, log: (line: string) => void) {
    this.store = new ConfigBackupStore(
      context.globalState,
      path.join(context.globalStorageUri.fsPath, 'wslconfig-backups'),
    );
    this.updateContext();
    void this.store.removeOrphans().then(
      (removed) => removed.length && log(`removed ${removed.length} old .wslconfig backup(s) no change refers to`),
      (error: unknown) => log(`cleaning old .wslconfig backups failed: ${(error as Error).message}`),
    );
  }

  /** The newest change that can be undone (ids begin with the time, so they sort by it). */
  latestId(): string | undefined {
    const ids = [...this.store.records.map((r) => r.id), ...this.editorUndos.keys()].sort();
    return ids.at(-1);
  }

  editorUndo(id: string): EditorUndo | undefined {
    return this.editorUndos.get(id)?.undo;
  }

  addEditorUndo(id: string, undo: EditorUndo, dispose: () => void): void {
    this.editorUndos.set(id, { undo, dispose });
    this.updateContext();
  }

  /** Forgets change `id` (its editor undo and its record with the backup). */
  async forget(id: string): Promise<void> {
    this.editorUndos.get(id)?.dispose();
    this.editorUndos.delete(id);
    await this.store.forget(id);
    this.updateContext();
  }

  updateContext(): void {
    void vscode.commands.executeCommand('setContext', CONTEXT_WSLCONFIG_UNDOABLE, this.latestId() !== undefined);
  }

  dispose(): void {
    for (const entry of this.editorUndos.values()) entry.dispose();
    this.editorUndos.clear();
  }
}
