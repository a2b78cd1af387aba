/**
 * Reach Windows from WSL: can a Linux program connect to a program listening on Windows? The
 * user picks a Windows listening port (Get-NetTCPConnection, already in the cockpit's facts) or
 * types one. The report says which address WSL must use in the current mode (NAT: the default
 * gateway from `ip route`, not resolv.conf; mirrored: 127.0.0.1), whether the Windows program
 * listens on loopback only, and whether the firewall lets WSL through: the inbound Windows
 * firewall on the WSL interface in NAT, the Hyper-V firewall's loopback and outbound settings in
 * mirrored mode (host/connectivity/reachWindows.ts). Where the Linux side runs here (inside WSL, or demo mode
 * on Linux) it also connects for real; from a Windows extension host that probe would test
 * Windows itself, so it is reported as not run. The one fix, a firewall rule for the WSL
 * interface (NAT) or the WSL VM (mirrored, Hyper-V) and that port only, goes through the doctor's safe-change path (confirm with the
 * exact command, run elevated, lasting undo). Restricted Mode: the report, no fix.
 */
import { isIP } from 'node:net';
import * as vscode from 'vscode';
import {
  assembleWindowsFacts,
  buildConnectivityQueryCommand,
  DOCTOR_DEFAULTS,
  parseResolvConf,
  primaryNameserver,
  reachFixes,
  reachWindowsPort,
  readDefaultRoutes,
  REAL_PROBES,
  renderReachWindowsReport,
  windowsHostAddress,
  type IpInterface,
  type TcpProbeResult,
} from '../host/connectivity';
import type { WindowsTcpListener } from '../host/hostTypes';
import type { Cockpit } from '../cockpit/cockpit';
import type { ConnectivityFixLedger } from '../cockpit/fixLedger';
import type { Prompter } from '../cockpit/prompts';
import { doctorWslConfigValues } from '../model/doctorSetup';
import { parsePortInput } from '../model/exposure';
import {
  describeError,
  refuseInRestrictedMode,
  result,
  t,
  type CockpitCommandOptions,
  type CommandResult,
} from './common';
import { applyDoctorFix, gatherDeps, offerFixesLater, showMarkdown, withNotes } from './connectivity';
import type { DiagnosisPreviews } from './diagnose';

/** Programmatic options of Reach Windows from WSL (besides `confirm`, `port` and `open`). */
export interface ReachWindowsOptions extends CockpitCommandOptions {
  /** Apply the fix of this step (`firewall`, `listener`). */
  readonly fix?: string;
  /** Use this address as the default gateway instead of `ip route`'s (an IP literal; for tests). */
  readonly gateway?: string;
}

const PROBE_TIMEOUT_MS = 2500;
const WINDOWS_TIMEOUT_MS = 4000;

export async function reachWindows(
  cockpit: Cockpit,
  previews: DiagnosisPreviews,
  ledger: ConnectivityFixLedger,
  prompter: Prompter,
  options: ReachWindowsOptions,
): Promise<CommandResult> {
  // Validate first: hostile input must not even trigger a refresh.
  let port: number | undefined;
  if (options.port !== undefined) {
    const parsed = parsePortInput(options.port, t);
    if (!parsed.ok) return result(false, 'refused', parsed.error);
    port = parsed.port;
  }
  if (options.gateway !== undefined && (typeof options.gateway !== 'string' || isIP(options.gateway) === 0))
    return result(false, 'refused', t('gateway must be an IP address.'));
  await cockpit.refresh(true);
  const facts = cockpit.facts;
  if (!facts?.available)
    return result(false, 'refused', t('WSL is not available: {0}', facts?.unavailableReason ?? t('unknown reason')));
  const listeners = facts.ports?.windowsListeners;
  if (port === undefined) {
    if (!prompter.interactive)
      return result(false, 'refused', t('Pass {0} when calling this command without dialogs.', '{ port }'));
    const chosen = await askWindowsPort(prompter, listeners);
    if (typeof chosen !== 'number') return chosen;
    port = chosen;
  }

  const gathered = await gatherDeps(cockpit);
  const [route, resolvText, ipInterfaces] = await Promise.all([
    readDefaultRoutes(gathered.deps.routeSource),
    gathered.deps.readFile(DOCTOR_DEFAULTS.resolvConfPath),
    readIpInterfaces(cockpit),
  ]);
  const gateway = options.gateway ?? route.routes[0]?.gateway;
  const resolv = resolvText !== undefined ? parseResolvConf(resolvText, gateway) : undefined;
  const nameserver = resolv ? primaryNameserver(resolv)?.host : undefined;
  const mode = facts.effectiveMode;
  const address = windowsHostAddress(mode, gateway);
  const notRun = gathered.notRun.linux ?? gathered.notRun.probes;
  let probe: TcpProbeResult | undefined;
  if (notRun === undefined && address !== undefined)
    probe = await (gathered.deps.probes ?? REAL_PROBES).tcp(address, port, PROBE_TIMEOUT_MS);
  const reach = reachWindowsPort(
    {
      port,
      mode,
      defaultGateway: gateway,
      ...(nameserver !== undefined ? { resolvNameserver: nameserver } : {}),
      hostAddressLoopback: doctorWslConfigValues(facts.config.snapshot?.text).hostAddressLoopback === true,
      ...(listeners !== undefined ? { tcpListeners: listeners } : {}),
      ...(facts.ports?.context?.firewallRules !== undefined
        ? { firewallRules: facts.ports.context.firewallRules }
        : {}),
      ...(ipInterfaces !== undefined ? { ipInterfaces } : {}),
      ...(facts.ports?.context?.hyperVSetting !== undefined
        ? { hyperVSetting: facts.ports.context.hyperVSetting }
        : {}),
      ruleNamePrefix: cockpit.settings.ruleNamePrefix,
      ...(probe !== undefined ? { probe } : {}),
    },
    t,
  );
  const offerFixes = vscode.workspace.isTrusted;
  const notes = notRun !== undefined ? [t('The connection test did not run: {0}', notRun)] : [];
  const markdown = withNotes(renderReachWindowsReport(reach, port, t, { offerFixes }), gathered.where, notes);
  if (options.open !== false) await showMarkdown(previews, `/reach-windows-${port}.md`, markdown);
  cockpit.log(`reach Windows port ${port}: ${reach.steps.map((s) => `${s.id}=${s.verdict}`).join(' ')}`);
  const fixes = offerFixes ? reachFixes(reach).map((f) => ({ check: reachSubject(f.check), fix: f.fix })) : [];
  const problems = reach.steps.filter((s) => s.verdict === 'fail').length;
  const summary =
    problems === 0
      ? t('WSL can reach Windows port {0} at {1}.', port, address ?? '?')
      : t('Reach Windows port {0}: {1} problem(s).', port, problems);
  const data = { port, address, steps: reach.steps, markdown, offerFixes, fixes: fixes.map((f) => f.check.id) };

  if (options.fix !== undefined) {
    if (!offerFixes)
      return (
        refuseInRestrictedMode(t('Applying a connectivity fix')) ??
        result(false, 'refused', t('Restricted Mode: no fix is offered.'), { data })
      );
    const chosen = fixes.find((f) => f.check.id === `reach.${String(options.fix)}`);
    if (!chosen) return result(false, 'nothing', t('The step {0} offers no fix now.', String(options.fix)), { data });
    const applied = await applyDoctorFix(cockpit, ledger, prompter, chosen.check, chosen.fix);
    return { ...applied, data: { ...data, applied: applied.data } };
  }
  offerFixesLater(cockpit, ledger, prompter, `${summary} ${t('The report offers {0} fix(es).', fixes.length)}`, fixes);
  return result(true, 'done', summary, { data });
}

/** A step as the subject of a fix: ids are namespaced (`reach.firewall`) in the undo record. */
function reachSubject(step: { readonly id: string; readonly title: string }): { id: string; title: string } {
  return { id: `reach.${step.id}`, title: step.title };
}

/** The Windows listening ports (one entry per port, with its addresses and PIDs), or another port. */
async function askWindowsPort(
  prompter: Prompter,
  listeners: readonly WindowsTcpListener[] | undefined,
): Promise<number | CommandResult> {
  const byPort = new Map<number, WindowsTcpListener[]>();
  for (const listener of listeners ?? [])
    byPort.set(listener.localPort, [...(byPort.get(listener.localPort) ?? []), listener]);
  const picked = await prompter.pick(
    [
      ...[...byPort.entries()]
        .sort(([a], [b]) => a - b)
        .map(([port, list]) => ({
          label: String(port),
          description: list
            .map((l) => `${l.localAddress}${l.owningProcess !== undefined ? ` (PID ${l.owningProcess})` : ''}`)
            .join(' · '),
          port: port as number | undefined,
        })),
      { label: t('Another port...'), description: '', port: undefined },
    ],
    {
      title: t('Reach Windows from WSL'),
      placeHolder:
        listeners === undefined
          ? t('The Windows listening ports could not be read; type a port')
          : t('A port a Windows program listens on, or another one'),
    },
  );
  if (!picked) return result(false, 'cancelled', t('Cancelled.'));
  if (picked.port !== undefined) return picked.port;
  const typed = await prompter.input({
    title: t('Reach Windows from WSL'),
    prompt: t('Windows port (1-65535) that a Linux program should connect to'),
    validateInput: (value) =>
      parsePortInput(value, t).ok ? undefined : t('Enter a port number from 1 to 65535 (digits only).'),
  });
  if (typed === undefined) return result(false, 'cancelled', t('Cancelled.'));
  const parsed = parsePortInput(typed, t);
  return parsed.ok ? parsed.port : result(false, 'refused', parsed.error);
}

/** Get-NetIPInterface (read-only), for the WSL adapter's exact alias; undefined when unreadable. */
async function readIpInterfaces(cockpit: Cockpit): Promise<readonly IpInterface[] | undefined> {
  const host = cockpit.host;
  if (host.unavailableReason() !== undefined) return undefined;
  const query = buildConnectivityQueryCommand(['ipInterfaces']);
  try {
    const run = await host.windowsTool(query.file, query.args, { timeoutMs: WINDOWS_TIMEOUT_MS });
    return assembleWindowsFacts(run.stdout).ipInterfaces;
  } catch (error) {
    cockpit.log(`reach Windows: interfaces could not be read: ${describeError(error)}`);
    return undefined;
  }
}
