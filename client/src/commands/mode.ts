/** Apply Networking Mode: pick a mode, offer the related clean-ups, write `.wslconfig`, offer a restart. */
import * as vscode from 'vscode';
import { detectLineEnding, type NetworkingMode } from '../../../server/src/core';
import type { Cockpit } from '../cockpit/cockpit';
import type { Prompter } from '../cockpit/prompts';
import {
  applyModeChange,
  modeChoices,
  modeNotes,
  parseConfigMode,
  relatedFixes,
  type RelatedFix,
} from '../model/modeSwitch';
import { modeLabel } from '../../../server/src/core';
import { readWslConfig } from '../model/wslConfigFile';
import {
  defaultEol,
  refuseInRestrictedMode,
  result,
  showDone,
  t,
  type CockpitCommandOptions,
  type CommandResult,
} from './common';
import { writeConfig } from './configFile';
import { COMMAND_IDS } from './ids';
import { restartWsl } from './restart';

export async function applyNetworkingMode(
  cockpit: Cockpit,
  prompter: Prompter,
  options: CockpitCommandOptions,
): Promise<CommandResult> {
  const untrusted = refuseInRestrictedMode(t('Applying a networking mode'));
  if (untrusted) return untrusted;
  await cockpit.refresh(false);
  const location = await cockpit.wslConfigLocation();
  if (!location.path) return result(false, 'refused', t('.wslconfig cannot be located: {0}', location.note ?? ''));
  const file = location.path;
  const snapshot = await readWslConfig(file);
  if (snapshot.readError) return result(false, 'failed', t('{0} could not be read: {1}', file, snapshot.readError));
  const text = snapshot.text ?? '';
  const current = cockpit.facts?.config.summary.mode ?? 'nat';

  let target: NetworkingMode | undefined;
  if (options.mode !== undefined) {
    target = parseConfigMode(options.mode);
    if (!target)
      return result(
        false,
        'refused',
        t(
          'Unknown networking mode {0}: use nat, mirrored, bridged, none or consomme.',
          JSON.stringify(String(options.mode)),
        ),
      );
  } else {
    if (!prompter.interactive)
      return result(false, 'refused', t('Pass {0} when calling this command without dialogs.', '{ mode }'));
    const choices = modeChoices(t).map((choice) => ({
      ...choice,
      description: choice.mode === current ? `${choice.description} · ${t('configured now')}` : choice.description,
      picked: choice.mode === current,
    }));
    target = (
      await prompter.pick(choices, {
        title: t('WSL networking mode'),
        placeHolder: t('Written to {0}; WSL applies it after a restart', file),
        matchOnDetail: true,
      })
    )?.mode;
    if (!target) return result(false, 'cancelled', t('Cancelled.'));
  }
  const choice = modeChoices(t).find((c) => c.mode === target);
  // A mode the caller named (not picked here) is confirmed even without a warning: the caller may
  // be a command link, and every change to .wslconfig asks first.
  const named = options.mode !== undefined && prompter.interactive;
  if (
    (choice?.warning || named) &&
    !(await prompter.confirm(
      t('Switch to {0} mode?', choice?.label ?? target),
      choice?.warning ?? t('Writes networkingMode={0} to {1}.', target, file),
      t('Switch to {0}', choice?.label ?? target),
    ))
  ) {
    return result(false, 'cancelled', t('Cancelled.'));
  }

  const fixes = relatedFixes(text, target, t);
  let accepted: readonly RelatedFix[] = [];
  if (fixes.length > 0) {
    const items = fixes.map((fix) => ({ label: fix.label, detail: fix.reason, picked: true, fix }));
    const picked = await prompter.pickMany(items, {
      title: t('Related settings'),
      placeHolder: t(
        'These settings change meaning in {0} mode. Select the changes to make too (nothing else is touched).',
        modeLabel(target),
      ),
    });
    if (picked === undefined && prompter.interactive) return result(false, 'cancelled', t('Cancelled.'));
    accepted = (picked ?? []).map((item) => item.fix);
  }
  for (const note of modeNotes(text, target, t)) void prompter.notify('warning', note);

  const fallbackEol = defaultEol(cockpit);
  const written = await writeConfig(cockpit, snapshot, (current) =>
    applyModeChange(current, target, accepted, detectLineEnding(current, fallbackEol)),
  );
  const undo = written.undo;
  if (written.changed)
    cockpit.log(
      `${file}: networkingMode=${target}${accepted.length ? `; ${accepted.map((f) => f.label).join('; ')}` : ''} (${written.via})`,
    );
  cockpit.configChanged();
  await cockpit.refresh(false);

  const facts = cockpit.facts;
  const needsRestart =
    written.saved && facts?.vmRunning === true && (facts.effectiveMode !== target || written.changed);
  const message = !written.changed
    ? t('.wslconfig already sets networkingMode={0}.', target)
    : !written.saved
      ? t('networkingMode={0} is set in the open editor; save .wslconfig to apply it.', target)
      : needsRestart
        ? t('.wslconfig now sets networkingMode={0}. WSL applies it after a restart.', target)
        : t('.wslconfig now sets networkingMode={0}. WSL uses it the next time it starts.', target);
  if (!needsRestart) {
    showDone(prompter, message, undo);
    return result(true, written.changed ? 'done' : 'nothing', message, {
      data: { file, mode: target, fixes: accepted.map((f) => f.id) },
    });
  }
  if (prompter.interactive) {
    const actions = [t('Restart WSL'), ...(undo ? [t('Undo')] : [])];
    void prompter.notify('info', message, ...actions).then(async (picked) => {
      if (picked === t('Restart WSL')) await vscode.commands.executeCommand(COMMAND_IDS.restartWsl);
      else if (picked === t('Undo') && undo) await undo();
    });
    return result(true, 'done', message, { data: { file, mode: target, fixes: accepted.map((f) => f.id) } });
  }
  void prompter.notify('info', message);
  const restart = options.restart ? await restartWsl(cockpit, prompter) : undefined;
  return result(true, 'done', message, {
    data: { file, mode: target, fixes: accepted.map((f) => f.id), restart },
    ...(restart?.commands ? { commands: restart.commands } : {}),
  });
}
