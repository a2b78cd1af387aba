/** Expose Port to LAN, Remove Port Exposure, Repair Port Forwarding and its Undo. */
import * as vscode from 'vscode';
import { modeLabel } from '../../../server/src/core';
import { listOwnExposures, planUndoRepair, type OwnExposure } from '../host/exposurePlan';
import type { Protocol } from '../host/validators';
import { renderCommands, type Cockpit } from '../cockpit/cockpit';
import type { Prompter } from '../cockpit/prompts';
import { decideExpose, formatSteps, parsePortInput, planRepair } from '../model/exposure';
import type { StaleNode } from '../model/portsModel';
import {
  askPort,
  portNodeOf,
  precheck,
  result,
  showDone,
  t,
  type CockpitCommandOptions,
  type CommandResult,
} from './common';
import { COMMAND_IDS } from './ids';

export async function exposePort(
  cockpit: Cockpit,
  prompter: Prompter,
  options: CockpitCommandOptions,
): Promise<CommandResult> {
  // Validate first: hostile input must not even trigger a refresh.
  const asked = await askPort(cockpit, prompter, options, t('Expose Port to LAN'));
  if ('ok' in asked) return asked;
  const protocol: Protocol = options.protocol === 'UDP' ? 'UDP' : 'TCP';
  const refused = await precheck(cockpit, t('Exposing a port'), true);
  if (refused) return refused;
  const facts = cockpit.facts!;
  const settings = cockpit.settings;
  const sockets = facts.ports?.sockets.flatMap((s) => s.sockets) ?? [];
  const decision = decideExpose(
    {
      port: asked.port,
      protocol,
      ...(facts.inspectDistro ? { distro: facts.inspectDistro } : {}),
      sockets,
      context: facts.ports?.context,
      ...socketsError(facts),
      ...(facts.effectiveMode === undefined ? { modeUnknown: true } : {}),
      profile: settings.profile,
      ruleNamePrefix: settings.ruleNamePrefix,
    },
    t,
  );
  switch (decision.kind) {
    case 'unavailable':
      return result(false, 'refused', decision.message);
    case 'bound-locally':
      return result(false, 'refused', decision.message);
    case 'already':
      void prompter.notify('info', decision.message);
      return result(true, 'nothing', decision.message);
    case 'infeasible':
      return result(false, 'refused', [decision.message, ...decision.notes].join(' '));
    case 'plan':
      break;
  }
  const steps = decision.plan.steps;
  const detail = [
    ...decision.warnings.map((w) => `⚠ ${w}`),
    ...decision.plan.notes,
    '',
    t('Commands:'),
    formatSteps(steps, t),
    '',
    t('Undo: "WSL Network: Remove Port Exposure" removes exactly these rules.'),
  ].join('\n');
  const title = t('Expose {0} port {1} to the LAN ({2} mode)?', protocol, asked.port, modeLabel(decision.record.mode));
  if (!(await prompter.confirm(title, detail, t('Run as Administrator'))))
    return result(false, 'cancelled', t('Cancelled.'));
  await cockpit.runSteps(t('Exposing {0} port {1}', protocol, asked.port), steps);
  await cockpit.exposures.record({ ...decision.record, at: Date.now() });
  await cockpit.refresh(true);
  const node = portNodeOf(cockpit, { port: asked.port, protocol });
  const where = node?.lanUrls.length
    ? node.lanUrls.join(', ')
    : t("this PC's LAN address, port {0}", decision.record.listenPort);
  const message = t('Port {0} is exposed to the LAN: {1}. To undo, run "Remove Port Exposure".', asked.port, where);
  void prompter.notify('info', message, t('Remove Exposure')).then(async (picked) => {
    if (picked) await vscode.commands.executeCommand(COMMAND_IDS.removePortExposure, { port: asked.port, protocol });
  });
  return result(true, 'done', message, { commands: renderCommands(steps), data: decision.record });
}

function socketsError(facts: NonNullable<Cockpit['facts']>): { socketsError?: string } {
  const failed = facts.ports?.sockets.find((s) => s.distro === facts.inspectDistro && s.error !== undefined);
  return failed?.error !== undefined ? { socketsError: failed.error } : {};
}

export async function removeExposure(
  cockpit: Cockpit,
  prompter: Prompter,
  options: CockpitCommandOptions,
): Promise<CommandResult> {
  let wanted: number | undefined;
  if (options.port !== undefined) {
    const parsed = parsePortInput(options.port, t);
    if (!parsed.ok) return result(false, 'refused', parsed.error);
    wanted = parsed.port;
  }
  const refused = await precheck(cockpit, t('Removing a port exposure'), true);
  if (refused) return refused;
  const settings = cockpit.settings;
  const own = listOwnExposures(cockpit.facts?.ports?.context, cockpit.exposures.records, settings.ruleNamePrefix);
  let chosen: OwnExposure[];
  if (wanted !== undefined) {
    chosen = own.filter(
      (o) => o.port === wanted && (options.protocol === undefined || o.protocol === options.protocol),
    );
    if (chosen.length === 0)
      return result(
        false,
        'nothing',
        t('WSL Network has no rules for port {0}. Rules it did not create are never removed.', wanted),
      );
  } else {
    if (own.length === 0)
      return result(
        false,
        'nothing',
        t('There are no port exposures created by WSL Network (rules named "{0}: …").', settings.ruleNamePrefix),
      );
    if (!prompter.interactive)
      return result(false, 'refused', t('Pass {0} when calling this command without dialogs.', '{ port }'));
    const picked = await prompter.pickMany(
      own.map((o) => ({
        label: `${o.protocol} ${o.port}`,
        description: o.parts.length ? o.parts.join(' · ') : t('already gone; forget the record'),
        picked: false,
        exposure: o,
      })),
      { title: t('Remove Port Exposure'), placeHolder: t('Only rules created by WSL Network are listed') },
    );
    if (!picked || picked.length === 0) return result(false, 'cancelled', t('Cancelled.'));
    chosen = picked.map((p) => p.exposure);
  }
  const steps = chosen.flatMap((o) => o.steps);
  if (steps.length > 0) {
    const detail = [t('Commands:'), formatSteps(steps, t)].join('\n');
    const title = t('Remove the exposure of {0}?', chosen.map((o) => `${o.protocol} ${o.port}`).join(', '));
    if (!(await prompter.confirm(title, detail, t('Run as Administrator'))))
      return result(false, 'cancelled', t('Cancelled.'));
    await cockpit.runSteps(t('Removing port exposure'), steps);
  }
  for (const o of chosen) await cockpit.exposures.forget(o.port, o.protocol);
  await cockpit.refresh(true);
  const message =
    steps.length > 0
      ? t(
          'Removed: {0}. The ports are no longer forwarded or allowed by WSL Network rules.',
          chosen.flatMap((o) => o.parts).join('; '),
        )
      : t('The rules were already gone; the record was cleared.');
  void prompter.notify('info', message);
  return result(true, 'done', message, { commands: renderCommands(steps) });
}

export async function repair(
  cockpit: Cockpit,
  prompter: Prompter,
  node: StaleNode | undefined,
  ownOnly = false,
): Promise<CommandResult> {
  const refused = await precheck(cockpit, t('Repairing port forwarding'), true);
  if (refused) return refused;
  const context = cockpit.facts?.ports?.context;
  const plan = planRepair(
    context,
    { ledger: cockpit.exposures.records, ruleNamePrefix: cockpit.settings.ruleNamePrefix },
    node?.rule,
    ownOnly,
  );
  if (!plan.feasible || plan.steps.length === 0)
    return result(false, 'nothing', plan.notes.join(' ') || t('No stale portproxy rules.'));
  const detail = [
    ...plan.notes,
    '',
    t('Commands:'),
    formatSteps(plan.steps, t),
    '',
    t('Undo: "WSL Network: Undo Port Forwarding Repair" points them back.'),
  ].join('\n');
  if (
    !(await prompter.confirm(
      t('Re-point {0} stale portproxy rules to the current WSL IP?', plan.steps.length),
      detail,
      t('Run as Administrator'),
    ))
  ) {
    return result(false, 'cancelled', t('Cancelled.'));
  }
  await cockpit.runSteps(t('Repairing port forwarding'), plan.steps);
  await cockpit.exposures.recordRepair(plan.repointed ?? []);
  await cockpit.refresh(true);
  const message = t(
    'Re-pointed {0} portproxy rules to the current WSL IP. "Remove Port Exposure" removes the ones WSL Network created.',
    plan.steps.length,
  );
  showDone(prompter, message, async () => {
    await vscode.commands.executeCommand(COMMAND_IDS.undoPortForwardingRepair);
  });
  return result(true, 'done', message, { commands: renderCommands(plan.steps) });
}

export async function undoRepair(cockpit: Cockpit, prompter: Prompter): Promise<CommandResult> {
  const refused = await precheck(cockpit, t('Undoing the port forwarding repair'), true);
  if (refused) return refused;
  const repointed = cockpit.exposures.lastRepair;
  if (repointed.length === 0) return result(false, 'nothing', t('There is no port forwarding repair to undo.'));
  const plan = planUndoRepair(repointed, cockpit.facts?.ports?.context?.portProxies ?? []);
  if (!plan.feasible) {
    await cockpit.exposures.recordRepair([]);
    return result(false, 'nothing', [t('Nothing to undo:'), ...plan.notes].join(' '));
  }
  const detail = [...plan.notes, '', t('Commands:'), formatSteps(plan.steps, t)].join('\n');
  if (
    !(await prompter.confirm(
      t('Point {0} portproxy rules back to their old WSL IP?', plan.steps.length),
      detail,
      t('Run as Administrator'),
    ))
  ) {
    return result(false, 'cancelled', t('Cancelled.'));
  }
  await cockpit.runSteps(t('Undoing the port forwarding repair'), plan.steps);
  await cockpit.exposures.recordRepair([]);
  await cockpit.refresh(true);
  const message = t('Pointed {0} portproxy rules back to their old WSL IP.', plan.steps.length);
  void prompter.notify('info', [message, ...plan.notes].join(' '));
  return result(true, 'done', message, { commands: renderCommands(plan.steps) });
}
