/** Expose Port to LAN, Remove Port Exposure, Repair Port Forwarding and its Undo. */
import * as vscode from 'vscode';
import { modeLabel } from '../../../server/src/core';
import { StepsFailedError } from '../host/elevation';
import { createdBySteps, listOwnExposures, planUndoRepair, type OwnExposure } from '../host/exposurePlan';
import type { Protocol } from '../host/validators';
import { renderCommands, type Cockpit } from '../cockpit/cockpit';
import type { Prompter } from '../cockpit/prompts';
import { assembleWindowsFacts, buildConnectivityQueryCommand } from '../host/connectivity';
import {
  cidrInputProblem,
  decideExpose,
  formatSteps,
  parsePortInput,
  parseScopeInput,
  planRepair,
  scopeOf,
  tailscaleAdapterUp,
  type ScopeChoice,
} from '../model/exposure';
import { describeScope } from '../host/firewallScope';
import { TAILSCALE_PREFIX } from '../host/validators';
import type { StaleNode } from '../model/portsModel';
import {
  askPort,
  describeError,
  portNodeOf,
  precheck,
  result,
  showDone,
  t,
  type CockpitCommandOptions,
  type CommandResult,
} from './common';
import { COMMAND_IDS } from './ids';
import { portConflictWarnings } from './portConflicts';

export async function exposePort(
  cockpit: Cockpit,
  prompter: Prompter,
  options: CockpitCommandOptions,
): Promise<CommandResult> {
  // Validate first: hostile input must not even trigger a refresh.
  let listenPort: number | undefined;
  if (options.listenPort !== undefined) {
    const parsed = parsePortInput(options.listenPort, t);
    if (!parsed.ok) return result(false, 'refused', parsed.error);
    listenPort = parsed.port;
  }
  let scope: ScopeChoice | undefined;
  if (options.scope !== undefined) {
    const parsed = parseScopeInput(options.scope, t);
    if (!parsed.ok) return result(false, 'refused', parsed.error);
    scope = parsed.scope;
  }
  let preset = options.preset === 'ssh' ? ('ssh' as const) : undefined;
  let asked: { port: number } | CommandResult;
  if (preset) asked = { port: SSH_PORT };
  else if (prompter.interactive && options.port === undefined) {
    const chosen = await pickListedPort(cockpit, prompter);
    if ('ok' in chosen) return chosen;
    if (chosen.preset) preset = chosen.preset;
    asked =
      chosen.port !== undefined
        ? { port: chosen.port }
        : await askPort(cockpit, prompter, options, t('Expose Port to LAN'), false);
  } else asked = await askPort(cockpit, prompter, options, t('Expose Port to LAN'));
  if ('ok' in asked) return asked;
  const protocol: Protocol = options.protocol === 'UDP' ? 'UDP' : 'TCP';
  const refused = await precheck(cockpit, t('Exposing a port'), true);
  if (refused) return refused;
  const facts = cockpit.facts!;
  const settings = cockpit.settings;
  const sockets = facts.ports?.sockets.flatMap((s) => s.sockets) ?? [];
  if (preset === 'ssh') {
    // The preset is only useful when an SSH server answers in WSL; say how to get one otherwise.
    const sshd = sockets.find((s) => s.protocol === 'tcp' && s.port === SSH_PORT);
    if (!sshd)
      return result(
        false,
        'refused',
        t(
          'Nothing listens on TCP port 22 in WSL. Install and start an SSH server first, e.g. `sudo apt install openssh-server` and `sudo service ssh start`.',
        ),
      );
    if (sshd.processName && !/^sshd/.test(sshd.processName))
      return result(false, 'refused', t('TCP port 22 in WSL belongs to {0}, not sshd.', sshd.processName));
    listenPort ??= SSH_WINDOWS_PORT;
  }
  if (prompter.interactive && listenPort === undefined && facts.ports?.context?.mode !== 'mirrored') {
    const typed = await prompter.input({
      title: t('Expose Port to LAN'),
      prompt: t('Windows port that LAN clients connect to (forwarded to WSL port {0})', asked.port),
      value: String(asked.port),
      validateInput: (value) =>
        parsePortInput(value, t).ok ? undefined : t('Enter a port number from 1 to 65535 (digits only).'),
    });
    if (typed === undefined) return result(false, 'cancelled', t('Cancelled.'));
    const parsed = parsePortInput(typed, t);
    if (!parsed.ok) return result(false, 'refused', parsed.error);
    listenPort = parsed.port;
  }
  if (scope === 'tailscale' || (scope === undefined && prompter.interactive)) {
    const tailscale = await tailscaleUp(cockpit);
    if (scope === 'tailscale' && !tailscale)
      return result(
        false,
        'refused',
        t('No Tailscale adapter is up on Windows, so Tailscale peers cannot connect. Nothing was changed.'),
      );
    if (scope === undefined) {
      const asked = await askScope(prompter, tailscale, settings.profile);
      if (asked === undefined) return result(false, 'cancelled', t('Cancelled.'));
      scope = asked;
    }
  }
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
      ...(listenPort !== undefined ? { listenPort } : {}),
      scope: scopeOf(scope ?? 'LocalSubnet'),
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
  const conflicts = await portConflictWarnings(cockpit, decision.record.listenPort, protocol);
  const detail = [
    ...[...decision.warnings, ...conflicts].map((w) => `⚠ ${w}`),
    ...(decision.record.scope ? [t('Who may connect: {0}', describeScope([decision.record.scope], t))] : []),
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
  try {
    await cockpit.runSteps(t('Exposing {0} port {1}', protocol, asked.port), steps);
  } catch (error) {
    // A half-done Expose: record what was created, so Remove can take it away again.
    const created = error instanceof StepsFailedError ? createdBySteps(steps.slice(0, error.completed)) : [];
    if (created.length === 0) throw error;
    await cockpit.exposures.record({ ...decision.record, created, at: Date.now() });
    await cockpit.refresh(true);
    const removeHint = t('"Remove Port Exposure" removes what was created.');
    return result(false, 'failed', `${describeError(error)} ${removeHint}`);
  }
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

/** Get-NetAdapter, read-only, as the doctor runs it: is a Tailscale adapter up? */
async function tailscaleUp(cockpit: Cockpit): Promise<boolean> {
  const query = buildConnectivityQueryCommand(['netAdapters']);
  try {
    const output = await cockpit.host.windowsTool(query.file, query.args, { timeoutMs: 15_000 });
    return tailscaleAdapterUp(assembleWindowsFacts(output.stdout).adapters);
  } catch (error) {
    cockpit.log(`Network adapters could not be read: ${(error as Error).message}`);
    return false;
  }
}

/** Who may connect: this subnet (default), Tailscale peers (when its adapter is up), a typed prefix, or anyone. */
async function askScope(prompter: Prompter, tailscale: boolean, profile: string): Promise<ScopeChoice | undefined> {
  const items: { label: string; description: string; scope: ScopeChoice | 'typed' }[] = [
    { label: t("This network's subnet only"), description: t('LocalSubnet (recommended)'), scope: 'LocalSubnet' },
    ...(tailscale ? [{ label: t('Tailscale peers'), description: TAILSCALE_PREFIX, scope: 'tailscale' as const }] : []),
    { label: t('A network prefix...'), description: t('e.g. 192.168.1.0/24'), scope: 'typed' },
    {
      label: t('Anyone on {0} networks', profile),
      description: t('no address condition'),
      scope: 'Any',
    },
  ];
  const picked = await prompter.pick(items, {
    title: t('Expose Port to LAN'),
    placeHolder: t('Who may connect?'),
  });
  if (!picked) return undefined;
  if (picked.scope !== 'typed') return picked.scope;
  const typed = await prompter.input({
    title: t('Expose Port to LAN'),
    prompt: t('Network prefix that may connect (IPv4 or IPv6, e.g. 192.168.1.0/24)'),
    validateInput: (value) => cidrInputProblem(value),
  });
  if (typed === undefined) return undefined;
  const parsed = parseScopeInput(typed, t);
  return parsed.ok ? parsed.scope : undefined;
}

const SSH_PORT = 22;
/** Windows' own OpenSSH server may hold 22, so the preset forwards 2222 (the port the SSH guides use). */
const SSH_WINDOWS_PORT = 2222;

/**
 * Interactive Expose: the ports WSL lists now (with their programs), the SSH preset, or "another
 * port". Returns the chosen port, or none for "another port" (then the input box asks).
 */
async function pickListedPort(
  cockpit: Cockpit,
  prompter: Prompter,
): Promise<{ port?: number; preset?: 'ssh' } | CommandResult> {
  await cockpit.refresh(true);
  const distro = cockpit.facts?.inspectDistro;
  const sockets = (cockpit.facts?.ports?.sockets ?? [])
    .filter((s) => distro === undefined || s.distro === distro)
    .flatMap((s) => s.sockets)
    .filter((s) => s.protocol === 'tcp');
  const seen = new Set<number>();
  const listed = sockets
    .filter((s) => !seen.has(s.port) && seen.add(s.port))
    .sort((a, b) => a.port - b.port)
    .map((s) => ({
      label: String(s.port),
      description: [s.processName, s.address].filter(Boolean).join(' · '),
      port: s.port as number | undefined,
      preset: undefined as 'ssh' | undefined,
    }));
  const picked = await prompter.pick(
    [
      ...listed,
      {
        label: t('SSH into WSL'),
        description: t('Windows port 2222 → WSL port 22 (checks that sshd listens)'),
        port: undefined,
        preset: 'ssh' as const,
      },
      { label: t('Another port...'), description: '', port: undefined, preset: undefined },
    ],
    { title: t('Expose Port to LAN'), placeHolder: t('A port listening in WSL, or another one') },
  );
  if (!picked) return result(false, 'cancelled', t('Cancelled.'));
  return picked.preset
    ? { port: SSH_PORT, preset: picked.preset }
    : picked.port !== undefined
      ? { port: picked.port }
      : {};
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
    try {
      await cockpit.runSteps(t('Removing port exposure'), steps);
    } catch (error) {
      // Forget only the exposures whose every step finished; the others stay recorded for another Remove.
      if (!(error instanceof StepsFailedError)) throw error;
      let start = 0;
      for (const o of chosen) {
        start += o.steps.length;
        if (start <= error.completed) await cockpit.exposures.forget(o.port, o.protocol);
      }
      await cockpit.refresh(true);
      return result(false, 'failed', describeError(error));
    }
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
    ...uacPromptNote(cockpit, plan.steps),
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
  try {
    await cockpit.runSteps(t('Repairing port forwarding'), plan.steps);
  } catch (error) {
    // The rules re-pointed before the failure are recorded, so Undo can point them back.
    if (!(error instanceof StepsFailedError) || error.completed === 0) throw error;
    await cockpit.exposures.recordRepair((plan.repointed ?? []).slice(0, error.completed));
    await cockpit.refresh(true);
    return result(false, 'failed', describeError(error));
  }
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

/** When the steps do not fit one Windows command line they run in batches, one UAC prompt each: say so. */
function uacPromptNote(cockpit: Cockpit, steps: Parameters<typeof renderCommands>[0]): string[] {
  const prompts = cockpit.host.elevatedBatchCount(renderCommands(steps));
  return prompts > 1
    ? [
        '',
        t(
          'These changes are too long for one Windows command line: Windows will ask for administrator rights {0} times, once per batch.',
          prompts,
        ),
      ]
    : [];
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
  const detail = [
    ...plan.notes,
    '',
    t('Commands:'),
    formatSteps(plan.steps, t),
    ...uacPromptNote(cockpit, plan.steps),
  ].join('\n');
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
