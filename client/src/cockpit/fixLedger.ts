/**
 * The Windows command fixes the connectivity doctor and Reach Windows applied, kept in the
 * extension's global state so "Undo Connectivity Fix" works after a reload (the notification's
 * Undo button does not survive one). A record holds the undo as data (host/connectivity
 * UndoRecipe); the command is rebuilt and validated from it only when the user undoes.
 */
import * as vscode from 'vscode';
import type { UndoRecipe } from '../host/connectivity';

const FIX_LEDGER_KEY = 'wslNetwork.connectivityFixes';
export const CONTEXT_CONNECTIVITY_FIX_UNDOABLE = 'wslNetwork.connectivityFixUndoable';
/** Older records are dropped: the list is for undoing recent changes, not a history. */
const MAX_RECORDS = 20;

export interface AppliedFixRecord {
  /** The check or step that offered it (`symptom.vpnMetric`, `reach.firewall`). */
  readonly checkId: string;
  readonly title: string;
  /** What ran, as shown when it was confirmed. */
  readonly applied: string;
  readonly undo: UndoRecipe;
  /** Epoch ms; also the record's key. */
  readonly at: number;
}

export class ConnectivityFixLedger {
  constructor(private readonly state: vscode.Memento) {
    this.publish();
  }

  /** Oldest first. */
  get records(): readonly AppliedFixRecord[] {
    const stored = this.state.get<unknown>(FIX_LEDGER_KEY, []);
    return Array.isArray(stored) ? (stored as AppliedFixRecord[]) : [];
  }

  async record(entry: AppliedFixRecord): Promise<void> {
    await this.state.update(FIX_LEDGER_KEY, [...this.records, entry].slice(-MAX_RECORDS));
    this.publish();
  }

  async forget(at: number): Promise<void> {
    await this.state.update(
      FIX_LEDGER_KEY,
      this.records.filter((r) => r.at !== at),
    );
    this.publish();
  }

  private publish(): void {
    void vscode.commands.executeCommand('setContext', CONTEXT_CONNECTIVITY_FIX_UNDOABLE, this.records.length > 0);
  }
}
