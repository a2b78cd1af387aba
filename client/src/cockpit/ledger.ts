/**
 * What WSL Network created on Windows, kept in the extension's global state across reloads: the
 * exposures (so Remove can undo them and the tree can mark them) and the rules the last Repair
 * re-pointed (so it can be undone).
 */
import * as vscode from 'vscode';
import type { ExposureRecord, RepointedRule } from '../host/exposurePlan';

const LEDGER_KEY = 'wslNetwork.exposures';
const LAST_REPAIR_KEY = 'wslNetwork.lastRepair';
export const CONTEXT_REPAIR_UNDOABLE = 'wslNetwork.repairUndoable';

export class ExposureLedger {
  constructor(private readonly state: vscode.Memento) {
    void vscode.commands.executeCommand('setContext', CONTEXT_REPAIR_UNDOABLE, this.lastRepair.length > 0);
  }

  get records(): readonly ExposureRecord[] {
    return this.state.get<ExposureRecord[]>(LEDGER_KEY, []);
  }

  async record(entry: ExposureRecord): Promise<void> {
    const rest = this.records.filter((r) => !(r.port === entry.port && r.protocol === entry.protocol));
    await this.state.update(LEDGER_KEY, [...rest, entry]);
  }

  async forget(port: number, protocol: string): Promise<void> {
    await this.state.update(
      LEDGER_KEY,
      this.records.filter((r) => !(r.port === port && r.protocol === protocol)),
    );
  }

  /** The rules the last Repair re-pointed (kept across reloads), until it is undone. */
  get lastRepair(): readonly RepointedRule[] {
    return this.state.get<RepointedRule[]>(LAST_REPAIR_KEY, []);
  }

  async recordRepair(repointed: readonly RepointedRule[]): Promise<void> {
    await this.state.update(LAST_REPAIR_KEY, repointed);
    void vscode.commands.executeCommand('setContext', CONTEXT_REPAIR_UNDOABLE, repointed.length > 0);
  }
}
