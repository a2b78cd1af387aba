/**
 * Keep LAN Exposures Working While VS Code Is Closed, and its removal. Opt-in: the install shows the
 * scheduled task's script in full and every command, asks, runs behind one UAC prompt and offers Undo;
 * "Stop Keeping LAN Exposures Working" removes the task, the script and its folder (host/lastingExposures.ts
 * says why the task runs elevated, where the script lives and how it finds the WSL IP).
 */
import * as vscode from 'vscode';
import { listOwnExposures } from '../host/exposurePlan';
import {
  buildKeepTaskRemove,
  KEEP_REPEAT_MINUTES,
  KEEP_TASK_NAME,
  keepTaskPaths,
  keptForwards,
  planKeepTask,
} from '../host/lastingExposures';
import { ValidationError } from '../host/validators';
import { renderCommands, type Cockpit } from '../cockpit/cockpit';
import type { Prompter } from '../cockpit/prompts';
import { formatSteps } from '../model/exposure';
import { precheck, result, showDone, t, type CommandResult } from './common';
import { COMMAND_IDS } from './ids';

export async function keepLanExposures(cockpit: Cockpit, prompter: Prompter): Promise<CommandResult> {
  const refused = await precheck(cockpit, t('Keeping LAN exposures working'), true);
  if (refused) return refused;
  const facts = cockpit.facts!;
  const context = facts.ports?.context;
  if (context && context.mode !== 'nat' && context.mode !== 'consomme')
    return result(
      false,
      'nothing',
      t('Only NAT mode forwards through portproxy rules that go stale when the WSL IP changes; nothing to keep.'),
    );
  // Only rules our ownership check recognises (ledger and rule names): never anyone else's.
  const forwards = keptForwards(listOwnExposures(context, cockpit.exposures.records, cockpit.settings.ruleNamePrefix));
  if (forwards.length === 0)
    return result(
      false,
      'nothing',
      t('WSL Network has no portproxy rules to keep working. Expose a port to the LAN first.'),
    );
  let plan: ReturnType<typeof planKeepTask>;
  try {
    plan = planKeepTask({
      programData: await cockpit.host.getProgramDataFolder(),
      distro: facts.inspectDistro,
      forwards,
      windowsPath: cockpit.host.tools.windowsPath,
    });
  } catch (error) {
    if (error instanceof ValidationError) return result(false, 'refused', error.message);
    throw error;
  }
  const detail = [
    t(
      'A scheduled task runs this script as administrator at logon and every {0} minutes. While the distro runs, it re-points these WSL Network rules to the current WSL IP; it changes no other rule and never starts a stopped distro.',
      KEEP_REPEAT_MINUTES,
    ),
    '',
    t('Script ({0}):', plan.paths.script),
    plan.scriptText.replace(/\r\n/g, '\n'),
    t('Commands:'),
    formatSteps(plan.install, t),
    '',
    t('Undo: "Stop Keeping LAN Exposures Working" removes the task and the script.'),
  ].join('\n');
  if (
    !(await prompter.confirm(
      t('Keep {0} LAN exposures working while VS Code is closed?', forwards.length),
      detail,
      t('Run as Administrator'),
    ))
  )
    return result(false, 'cancelled', t('Cancelled.'));
  await cockpit.runSteps(t('Installing the scheduled task'), plan.install);
  const message = t(
    'The scheduled task "{0}" now keeps {1} LAN exposures pointed at the WSL IP. Exposures added later need this command again.',
    KEEP_TASK_NAME,
    forwards.length,
  );
  showDone(prompter, message, async () => {
    await vscode.commands.executeCommand(COMMAND_IDS.stopKeepingLanExposures);
  });
  return result(true, 'done', message, {
    commands: renderCommands(plan.install),
    data: { scriptPath: plan.paths.script, scriptText: plan.scriptText },
  });
}

export async function stopKeepingLanExposures(cockpit: Cockpit, prompter: Prompter): Promise<CommandResult> {
  const refused = await precheck(cockpit, t('Removing the scheduled task'), false);
  if (refused) return refused;
  let steps: ReturnType<typeof buildKeepTaskRemove>;
  try {
    steps = buildKeepTaskRemove(keepTaskPaths(await cockpit.host.getProgramDataFolder()));
  } catch (error) {
    if (error instanceof ValidationError) return result(false, 'refused', error.message);
    throw error;
  }
  const detail = [t('Commands:'), formatSteps(steps, t)].join('\n');
  if (
    !(await prompter.confirm(
      t('Remove the scheduled task that keeps LAN exposures working, and its script?'),
      detail,
      t('Run as Administrator'),
    ))
  )
    return result(false, 'cancelled', t('Cancelled.'));
  await cockpit.runSteps(t('Removing the scheduled task'), steps);
  const message = t(
    'Removed the scheduled task and its script. Port exposures stay; after a WSL restart, repair them from VS Code.',
  );
  void prompter.notify('info', message);
  return result(true, 'done', message, { commands: renderCommands(steps) });
}
