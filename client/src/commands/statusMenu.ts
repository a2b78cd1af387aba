/**
 * The status bar item's click: a quick pick with the networking mode, the restart state and the
 * commands for them. Called programmatically (`{ confirm: false }`) it shows nothing and returns
 * the entries it would offer, so tests and other extensions can read the menu.
 */
import * as vscode from 'vscode';
import type { Cockpit } from '../cockpit/cockpit';
import type { Prompter } from '../cockpit/prompts';
import { statusMenuEntries, type StatusMenuEntry } from '../model/statusMenu';
import { result, t, type CommandResult } from './common';

export async function showStatusMenu(cockpit: Cockpit, prompter: Prompter): Promise<CommandResult> {
  const facts = cockpit.facts;
  const registered = new Set(await vscode.commands.getCommands(true));
  const entries = statusMenuEntries(
    {
      available: facts?.available ?? false,
      ...(facts?.unavailableReason ? { unavailableReason: facts.unavailableReason } : {}),
      running: facts?.inspectDistro !== undefined,
      ...(facts?.effectiveMode ? { effectiveMode: facts.effectiveMode } : {}),
      configuredMode: facts?.config.summary.mode ?? 'nat',
      ...(cockpit.status ? { status: cockpit.status } : {}),
      registered,
    },
    t,
  );
  if (!prompter.interactive)
    return result(true, 'nothing', t('The status menu was not shown (called without dialogs).'), { data: entries });
  const items = entries.map((entry) =>
    entry.separator
      ? { label: entry.label, kind: vscode.QuickPickItemKind.Separator, entry }
      : {
          label: entry.label,
          ...(entry.description ? { description: entry.description } : {}),
          ...(entry.detail ? { detail: entry.detail } : {}),
          entry,
        },
  );
  const picked = await prompter.pick<vscode.QuickPickItem & { entry: StatusMenuEntry }>(items, {
    title: t('WSL Network'),
    placeHolder: t('Networking mode, restart state and commands'),
    matchOnDescription: true,
  });
  if (!picked?.entry.command) return result(false, 'cancelled', t('Cancelled.'));
  await vscode.commands.executeCommand(picked.entry.command);
  return result(true, 'done', picked.entry.command, { data: entries });
}
