/**
 * What "Expose Port to LAN" and "Repair Port Forwarding" decide, as pure functions of the facts.
 * The plans come from the host layer (host/exposurePlan.ts) as typed steps; this module reads
 * them as data and renders command lines only to show them (formatSteps).
 */
import type { CommandSpec } from '../host/commandBuilders';
import { describeCommand } from '../host/processRunner';
import {
  createdBySteps,
  listOwnExposures,
  planExposeToLan,
  planRepairStalePortProxies,
  type ExposurePlan,
  type ExposureRecord,
} from '../host/exposurePlan';
import type { ListeningSocket } from '../host/hostTypes';
import { classifyBindAddress } from '../host/ipAddress';
import { renderStep, type PlanStep } from '../host/planSteps';
import type { NetworkContext } from '../host/reachability';
import type { NetAdapter } from '../host/connectivity/windowsParsers';
import {
  TAILSCALE_PREFIX,
  validateCidr,
  validatePort,
  validateRemoteScope,
  type ProfileChoice,
  type Protocol,
  type RemoteScope,
} from '../host/validators';
import type { Localize } from './l10n';

export type PortInput = { readonly ok: true; readonly port: number } | { readonly ok: false; readonly error: string };

/** A port typed by the user or passed programmatically: digits only, 1-65535 (surrounding blanks allowed). */
export function parsePortInput(input: unknown, t: Localize): PortInput {
  const text = typeof input === 'string' ? input.trim() : input;
  const result = validatePort(text);
  if (result.ok) return { ok: true, port: result.value };
  return { ok: false, error: t('Enter a port number from 1 to 65535 (digits only).') };
}

/** Who may connect, as asked: a firewall scope, or Tailscale (resolved once its adapter is seen). */
export type ScopeChoice = RemoteScope | 'tailscale';

export type ScopeInput =
  { readonly ok: true; readonly scope: ScopeChoice } | { readonly ok: false; readonly error: string };

/** The `scope` option of Expose Port: `LocalSubnet`, `tailscale`, `Any` or a network prefix; anything else is refused. */
export function parseScopeInput(input: unknown, t: Localize): ScopeInput {
  // Blanks around a typed value are forgiven (as for ports); line breaks and anything inside are not.
  const text = typeof input === 'string' ? input.replace(/^[ \t]+|[ \t]+$/g, '') : input;
  if (typeof text === 'string' && /^tailscale$/i.test(text)) return { ok: true, scope: 'tailscale' };
  const result = validateRemoteScope(text);
  if (result.ok) return { ok: true, scope: result.value };
  return { ok: false, error: t('Who may connect: {0}', result.error) };
}

/** A typed network prefix, for the input box: undefined when valid, else what is wrong. */
export function cidrInputProblem(input: string): string | undefined {
  const result = validateCidr(input.replace(/^[ \t]+|[ \t]+$/g, ''));
  return result.ok ? undefined : result.error;
}

/**
 * A Tailscale adapter that is up (Get-NetAdapter; the doctor recognises it by its description,
 * "Tailscale Tunnel"): only then are Tailscale peers offered as who may connect.
 */
export function tailscaleAdapterUp(adapters: readonly NetAdapter[] | undefined): boolean {
  return (adapters ?? []).some((adapter) => adapter.vpn === 'Tailscale' && /^up$/i.test(adapter.status));
}

/** The firewall scope a choice stands for. */
export function scopeOf(choice: ScopeChoice): RemoteScope {
  return choice === 'tailscale' ? TAILSCALE_PREFIX : choice;
}

export type ExposeDecision =
  | { readonly kind: 'unavailable'; readonly message: string }
  | { readonly kind: 'bound-locally'; readonly message: string; readonly socket: ListeningSocket }
  | { readonly kind: 'already'; readonly message: string; readonly socket: ListeningSocket }
  | { readonly kind: 'infeasible'; readonly message: string; readonly notes: readonly string[] }
  | {
      readonly kind: 'plan';
      readonly socket: ListeningSocket;
      readonly plan: ExposurePlan;
      /** Things the user must read before confirming (nothing listening, Public network, …). */
      readonly warnings: readonly string[];
      readonly record: Omit<ExposureRecord, 'at'>;
    };

export interface ExposeInput {
  readonly port: number;
  readonly protocol?: Protocol;
  readonly distro?: string;
  /** Sockets of the inspected VM (all running distros). */
  readonly sockets: readonly ListeningSocket[];
  readonly context: NetworkContext | undefined;
  readonly profile: ProfileChoice;
  readonly ruleNamePrefix: string;
  /** The socket list could not be read (then "nothing listens" would be a guess). */
  readonly socketsError?: string;
  /** `wslinfo --networking-mode` could not be read (the context then only assumes NAT). */
  readonly modeUnknown?: boolean;
  /** NAT: the Windows port LAN clients use when it differs from the WSL port (Windows 2222 → WSL 22). */
  readonly listenPort?: number;
  /** Who may connect; default LocalSubnet (this network's subnet only). */
  readonly scope?: RemoteScope;
}

const BIND_HINT =
  'Restart the program bound to 0.0.0.0 (all interfaces), for example `vite --host 0.0.0.0`, `python3 -m http.server --bind 0.0.0.0`, `flask run --host=0.0.0.0`, or `HOST=0.0.0.0` for many Node servers.';

export function decideExpose(input: ExposeInput, t: Localize): ExposeDecision {
  if (!input.context)
    return {
      kind: 'unavailable',
      message: t('No WSL distro is running, so there is nothing to expose (this extension does not start WSL).'),
    };
  const protocol = input.protocol ?? 'TCP';
  if (input.modeUnknown) {
    return {
      kind: 'unavailable',
      message: t(
        'The effective networking mode could not be read (wslinfo --networking-mode), and the commands differ per mode. Nothing was changed; try again.',
      ),
    };
  }
  if (input.socketsError !== undefined) {
    return {
      kind: 'unavailable',
      message: t(
        'The listening ports in WSL could not be read ({0}), so it is unknown how port {1} is bound. Nothing was changed.',
        input.socketsError,
        input.port,
      ),
    };
  }
  const matching = input.sockets.filter((s) => s.port === input.port && s.protocol === protocol.toLowerCase());
  const warnings: string[] = [];
  let socket: ListeningSocket | undefined = [...matching].sort((a, b) => bindRank(a) - bindRank(b))[0];
  if (socket === undefined) {
    warnings.push(
      t(
        'Nothing listens on {0} port {1} in WSL right now. The rules are created anyway and work once a program listens on 0.0.0.0:{1}.',
        protocol,
        input.port,
      ),
    );
    socket = {
      protocol: protocol === 'TCP' ? 'tcp' : 'udp',
      family: 4,
      address: '0.0.0.0',
      port: input.port,
      inode: 0,
      uid: 0,
      pid: undefined,
      processName: undefined,
      table: protocol === 'TCP' ? 'tcp' : 'udp',
    };
  } else if (classifyBindAddress(socket.address) === 'loopback') {
    return {
      kind: 'bound-locally',
      socket,
      message: t(
        'Port {0} listens on {1} only (loopback), so nothing outside WSL can reach it, whatever the firewall says. {2}',
        input.port,
        socket.address,
        BIND_HINT,
      ),
    };
  }
  const remapped = input.listenPort !== undefined && input.listenPort !== input.port;
  if (remapped && input.context.mode !== 'nat' && input.context.mode !== 'consomme') {
    // Without a portproxy the LAN reaches the WSL port itself; only NAT forwards from another port.
    return {
      kind: 'infeasible',
      message: t(
        'A different Windows port needs NAT mode (a portproxy); in {0} mode LAN clients connect to port {1} itself.',
        input.context.mode,
        input.port,
      ),
      notes: [],
    };
  }
  const scope = input.scope ?? 'LocalSubnet';
  const plan = planExposeToLan(socket, input.context, {
    profile: input.profile,
    ruleNamePrefix: input.ruleNamePrefix,
    scope,
    ...(remapped ? { listenPort: input.listenPort } : {}),
  });
  if (plan.feasible && plan.steps.length === 0)
    return { kind: 'already', socket, message: t('Port {0} is already reachable from the LAN.', input.port) };
  if (!plan.feasible) {
    if (plan.blocker === 'loopback-bind' || plan.blocker === 'address-not-on-lan')
      return {
        kind: 'bound-locally',
        socket,
        message: t(
          'Port {0} listens on {1}, which LAN clients cannot reach. {2}',
          input.port,
          socket.address,
          BIND_HINT,
        ),
      };
    return {
      kind: 'infeasible',
      message: t('Port {0} cannot be exposed in {1} mode.', input.port, input.context.mode),
      notes: plan.notes,
    };
  }
  const publicNets = (input.context.connectionProfiles ?? []).filter(
    (p) => p.networkCategory === 'Public' && !/^vEthernet \(WSL/i.test(p.interfaceAlias),
  );
  if (publicNets.length > 0) {
    const names = publicNets.map((p) => `${p.name} (${p.interfaceAlias})`).join(', ');
    warnings.push(
      input.profile === 'Public' || input.profile === 'Any'
        ? t(
            'The active network {0} is Public, and the rule applies to Public networks: anyone on that network can connect.',
            names,
          )
        : t(
            'The active network {0} is Public, but the rule is for the {1} profile: LAN clients on that network still cannot connect. Make the network Private in Windows settings if you trust it.',
            names,
            input.profile,
          ),
    );
  }
  // What the plan creates, read from its typed steps.
  const created = createdBySteps(plan.steps);
  let listenPort = input.port;
  let listenAddress: string | undefined;
  let connectAddress: string | undefined;
  for (const step of plan.steps) {
    if (step.action === 'add-portproxy') ({ listenPort, listenAddress, connectAddress } = step);
  }
  return {
    kind: 'plan',
    socket,
    plan,
    warnings,
    record: {
      port: input.port,
      protocol,
      mode: input.context.mode,
      listenPort,
      ...(listenAddress ? { listenAddress } : {}),
      ...(connectAddress ? { connectAddress } : {}),
      created,
      ruleNamePrefix: input.ruleNamePrefix,
      profile: input.profile,
      // The scope of the rule this exposure created (none when an existing rule already allowed the port).
      ...(created.includes('firewall') || created.includes('hyperv') ? { scope } : {}),
      ...(input.distro ? { distro: input.distro } : {}),
    },
  };
}

function bindRank(socket: ListeningSocket): number {
  const kind = classifyBindAddress(socket.address);
  return kind === 'wildcard' ? (socket.family === 4 ? 0 : 1) : kind === 'specific' ? 2 : 3;
}

/** `only`: repair just this rule (a stale rule picked in the ports view). */
export function planRepair(
  context: NetworkContext | undefined,
  ownership: { readonly ledger: readonly ExposureRecord[]; readonly ruleNamePrefix: string },
  only?: { readonly listenAddress: string; readonly listenPort: number },
  ownOnly = false,
): ExposurePlan {
  if (!context)
    return {
      feasible: false,
      steps: [],
      notes: ['No WSL distro is running, so the current WSL IP is unknown.'],
      blocker: 'wsl-ip-unknown',
    };
  const plan = planRepairStalePortProxies(
    context,
    undefined,
    only,
    listOwnExposures(context, ownership.ledger, ownership.ruleNamePrefix),
  );
  if (!ownOnly || !plan.feasible) return plan;
  // After a restart only the rules WSL Network created are re-pointed; the steps, notes and
  // re-pointed rules of a repair plan are parallel lists (one entry per stale rule).
  const keep = (plan.repointed ?? []).map((rule) => rule.ours === true);
  if (!keep.includes(true))
    return {
      feasible: false,
      steps: [],
      notes: ['No stale portproxy rules created by WSL Network.'],
      blocker: 'no-stale-rules',
    };
  return {
    feasible: true,
    steps: plan.steps.filter((_, i) => keep[i]),
    notes: plan.notes.filter((_, i) => keep[i]),
    repointed: (plan.repointed ?? []).filter((_, i) => keep[i]),
  };
}

/** The command line as the user should read it: PowerShell steps show their script. */
export function formatCommand(spec: CommandSpec): string {
  if (spec.script !== undefined) return `powershell.exe: ${spec.script}`;
  return describeCommand(spec.file, spec.args);
}

/** The detail text of a confirmation dialog: one numbered line per command (rendered from the steps here, at the edge). */
export function formatSteps(steps: readonly (PlanStep | CommandSpec)[], t: Localize): string {
  const specs = steps.map((step) => ('action' in step ? renderStep(step) : step));
  const lines = specs.map((spec, i) => `${i + 1}. ${spec.description}\n   ${formatCommand(spec)}`);
  const elevated = specs.some((spec) => spec.elevated);
  return [
    ...lines,
    '',
    elevated
      ? t('They run together in one administrator PowerShell (one Windows UAC prompt).')
      : t('They run without administrator rights.'),
  ].join('\n');
}
