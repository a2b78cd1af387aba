/** Restart WSL (`wsl --shutdown`), after saying what stops and who disconnects. */
import * as vscode from 'vscode';
import { buildWslShutdown } from '../host/commandBuilders';
import type { Cockpit } from '../cockpit/cockpit';
import type { Prompter } from '../cockpit/prompts';
import { precheck, result, t, type CommandResult } from './common';

export async function restartWsl(cockpit: Cockpit, prompter: Prompter): Promise<CommandResult> {
  const refused = await precheck(cockpit, t('Restarting WSL'), false);
  if (refused) return refused;
  const facts = cockpit.facts!;
  const step = buildWslShutdown();
  const warnings: string[] = [];
  if (vscode.env.remoteName === 'wsl') {
    warnings.push(
      t(
        '⚠ This VS Code window is connected to WSL and will disconnect; VS Code offers to reconnect, which starts WSL again.',
      ),
    );
  }
  if (cockpit.host.situation.kind === 'wsl') {
    warnings.push(
      t(
        '⚠ This extension runs inside WSL ({0}): the shutdown also stops it until the window reconnects.',
        cockpit.host.currentDistro ?? 'WSL',
      ),
    );
  }
  const running = facts.distros.filter((d) => d.state === 'Running').map((d) => d.name);
  if (running.length > 0)
    warnings.push(
      t('Running distros that will stop: {0}. Programs in them end; unsaved work in them is lost.', running.join(', ')),
    );
  warnings.push(t('Other VS Code windows connected to WSL disconnect too.'));
  const detail = [
    t('Runs: {0}', cockpit.describe(step)),
    t('WSL starts again on next use and then reads .wslconfig.'),
    '',
    ...warnings,
  ].join('\n');
  if (!(await prompter.confirm(t('Restart WSL?'), detail, t('Restart WSL'))))
    return result(false, 'cancelled', t('Cancelled.'));
  await cockpit.runSteps(t('Shutting down WSL'), [step]);
  cockpit.tracker.noteOurRestart(Date.now());
  await cockpit.refresh(true);
  const message = t('WSL was shut down. It starts again on next use, with the current .wslconfig.');
  void prompter.notify('info', message);
  return result(true, 'done', message, { commands: [step] });
}
