/**
 * Repair after a restart. In NAT mode the WSL VM usually gets a new IP address each time it starts,
 * so a portproxy rule that forwards a Windows port to the old address stops working
 * (learn.microsoft.com/windows/wsl/networking, "Accessing a WSL 2 distribution from your local area
 * network (LAN)"). When the cockpit sees the VM start again and rules WSL Network created point at
 * an old address, ONE notification offers to re-point exactly those rules, through the usual
 * Repair path: the commands are shown first, they run behind one UAC prompt, and Undo puts them
 * back. Rules anyone else created are never touched here.
 *
 * `wslNetwork.ports.repairAfterRestart` (application scope: a workspace cannot turn it on) makes
 * the repair automatic, but only after the user has confirmed one such repair in this profile.
 */
import * as vscode from 'vscode';
import type { Cockpit } from '../cockpit/cockpit';
import { scriptedPrompter, vscodePrompter, type Prompter } from '../cockpit/prompts';
import { planRepair } from '../model/exposure';
import { describeError, result, t, type CommandResult } from './common';
import { repair } from './exposure';

export const REPAIR_AFTER_RESTART_SETTING = 'ports.repairAfterRestart';
/** Global state: the user confirmed a repair after a restart once (the setting may then act alone). */
export const REPAIR_AFTER_RESTART_CONFIRMED = 'wslNetwork.repairAfterRestartConfirmed';

export class RestartRepairOffer implements vscode.Disposable {
  /** Who is asked; tests put a scripted one here (see cockpit/prompts.ts). */
  prompter: Prompter = vscodePrompter();
  /** Settles when the offers started so far are done (tests await it). */
  idle: Promise<CommandResult | undefined> = Promise.resolve(undefined);
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly cockpit: Cockpit,
    private readonly state: vscode.Memento,
  ) {
    this.subscription = cockpit.onVmRestarted(() => {
      this.idle = this.idle.then(
        () => this.check(),
        () => this.check(),
      );
    });
  }

  /** Looks for our rules that point at an old WSL IP and offers (or runs) their repair. */
  async check(): Promise<CommandResult | undefined> {
    if (!vscode.workspace.isTrusted) return undefined; // Restricted Mode changes nothing, so offers nothing
    await this.cockpit.refresh(true);
    const context = this.cockpit.facts?.available ? this.cockpit.facts.ports?.context : undefined;
    if (!context) return undefined;
    const plan = planRepair(
      context,
      { ledger: this.cockpit.exposures.records, ruleNamePrefix: this.cockpit.settings.ruleNamePrefix },
      undefined,
      true,
    );
    if (!plan.feasible || plan.steps.length === 0) return undefined;
    const count = plan.steps.length;
    const newIp = plan.repointed?.[0]?.to ?? '';
    this.cockpit.log(
      `WSL restarted: ${count} portproxy rule(s) created by WSL Network point at an old WSL IP (now ${newIp}).`,
    );
    const automatic =
      vscode.workspace.getConfiguration('wslNetwork').get<boolean>(REPAIR_AFTER_RESTART_SETTING, false) === true &&
      this.state.get<boolean>(REPAIR_AFTER_RESTART_CONFIRMED, false);
    try {
      if (automatic) {
        this.cockpit.log(`wslNetwork.${REPAIR_AFTER_RESTART_SETTING} is on (confirmed before): repairing.`);
        const outcome = await repair(
          this.cockpit,
          scriptedPrompter((line) => this.cockpit.log(line)),
          undefined,
          true,
        );
        if (outcome.outcome === 'failed') void this.prompter.notify('error', outcome.message);
        return outcome;
      }
      const action = count === 1 ? t('Repair 1 LAN exposure') : t('Repair {0} LAN exposures', count);
      const message =
        count === 1
          ? t(
              'WSL restarted with a new IP ({0}): 1 LAN exposure created by WSL Network still points at the old one.',
              newIp,
            )
          : t(
              'WSL restarted with a new IP ({0}): {1} LAN exposures created by WSL Network still point at the old one.',
              newIp,
              count,
            );
      const choice = await this.prompter.notify('warning', message, action);
      if (choice !== action) return result(false, 'cancelled', t('Cancelled.'));
      const outcome = await repair(this.cockpit, this.prompter, undefined, true);
      if (outcome.outcome === 'failed') void this.prompter.notify('error', outcome.message);
      if (outcome.ok) await this.state.update(REPAIR_AFTER_RESTART_CONFIRMED, true);
      return outcome;
    } catch (error) {
      const text = describeError(error);
      this.cockpit.log(`Repair after restart failed: ${text}`);
      void this.prompter.notify('error', text);
      return result(false, 'failed', text);
    }
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
