// What "Expose Port to LAN", "Remove Port Exposure" and "Repair Port Forwarding" would run, as
// pure decisions on the facts, plus the record of what we created so it can be undone. The
// commands themselves come from the host layer (CommandSpec arrays; nothing here runs them).
import { buildFirewallRuleRemove, buildHyperVRuleRemove, buildPortProxyDelete, type CommandSpec } from '../host/commandBuilders';
import { describeCommand } from '../host/processRunner';
import { planExposeToLan, planRepairStalePortProxies, type ExposurePlan } from '../host/exposurePlan';
import type { ListeningSocket, NetworkingMode, PortProxyRule } from '../host/hostTypes';
import { addressFamily, classifyBindAddress } from '../host/ipAddress';
import { hyperVRuleName, parseRuleDisplayName } from '../host/ruleNaming';
import type { NetworkContext } from '../host/reachability';
import { validatePort, type ProfileChoice, type Protocol } from '../host/validators';
import type { Localize } from './l10n';

/** What one "Expose" created, kept in the extension's global state so "Remove" can undo it. */
export interface ExposureRecord {
  readonly port: number;
  readonly protocol: Protocol;
  readonly mode: NetworkingMode;
  /** The Windows port LAN clients use (NAT portproxy listen port; = port otherwise). */
  readonly listenPort: number;
  readonly listenAddress?: string;
  readonly connectAddress?: string;
  readonly created: readonly ('portproxy' | 'firewall' | 'hyperv')[];
  readonly ruleNamePrefix: string;
  readonly profile: ProfileChoice;
  readonly distro?: string;
  readonly at: number;
}

export type PortInput = { readonly ok: true; readonly port: number } | { readonly ok: false; readonly error: string };

/** A port typed by the user or passed programmatically: digits only, 1-65535 (surrounding blanks allowed). */
export function parsePortInput(input: unknown, t: Localize): PortInput {
  const text = typeof input === 'string' ? input.trim() : input;
  const result = validatePort(text);
  if (result.ok) return { ok: true, port: result.value };
  return { ok: false, error: t('Enter a port number from 1 to 65535 (digits only).') };
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
}

const BIND_HINT =
  'Restart the program bound to 0.0.0.0 (all interfaces), for example `vite --host 0.0.0.0`, `python3 -m http.server --bind 0.0.0.0`, `flask run --host=0.0.0.0`, or `HOST=0.0.0.0` for many Node servers.';

export function decideExpose(input: ExposeInput, t: Localize): ExposeDecision {
  if (!input.context) return { kind: 'unavailable', message: t('No WSL distro is running, so there is nothing to expose (this extension does not start WSL).') };
  const protocol = input.protocol ?? 'TCP';
  if (input.modeUnknown) {
    return { kind: 'unavailable', message: t('The effective networking mode could not be read (wslinfo --networking-mode), and the commands differ per mode. Nothing was changed; try again.') };
  }
  if (input.socketsError !== undefined) {
    return { kind: 'unavailable', message: t('The listening ports in WSL could not be read ({0}), so it is unknown how port {1} is bound. Nothing was changed.', input.socketsError, input.port) };
  }
  const matching = input.sockets.filter((s) => s.port === input.port && s.protocol === protocol.toLowerCase());
  const warnings: string[] = [];
  let socket: ListeningSocket | undefined = [...matching].sort((a, b) => bindRank(a) - bindRank(b))[0];
  if (socket === undefined) {
    warnings.push(t('Nothing listens on {0} port {1} in WSL right now. The rules are created anyway and work once a program listens on 0.0.0.0:{1}.', protocol, input.port));
    socket = { protocol: protocol === 'TCP' ? 'tcp' : 'udp', family: 4, address: '0.0.0.0', port: input.port, inode: 0, uid: 0, pid: undefined, processName: undefined, table: protocol === 'TCP' ? 'tcp' : 'udp' };
  } else if (classifyBindAddress(socket.address) === 'loopback') {
    return {
      kind: 'bound-locally',
      socket,
      message: t('Port {0} listens on {1} only (loopback), so nothing outside WSL can reach it, whatever the firewall says. {2}', input.port, socket.address, BIND_HINT),
    };
  }
  const plan = planExposeToLan(socket, input.context, { profile: input.profile, ruleNamePrefix: input.ruleNamePrefix });
  if (plan.feasible && plan.steps.length === 0) return { kind: 'already', socket, message: t('Port {0} is already reachable from the LAN.', input.port) };
  if (!plan.feasible) {
    const bound = plan.notes.some((note) => note.includes('restart it bound to 0.0.0.0'));
    if (bound) return { kind: 'bound-locally', socket, message: t('Port {0} listens on {1}, which LAN clients cannot reach. {2}', input.port, socket.address, BIND_HINT) };
    return { kind: 'infeasible', message: t('Port {0} cannot be exposed in {1} mode.', input.port, input.context.mode), notes: plan.notes };
  }
  const publicNets = (input.context.connectionProfiles ?? []).filter((p) => p.networkCategory === 'Public' && !/^vEthernet \(WSL/i.test(p.interfaceAlias));
  if (publicNets.length > 0) {
    const names = publicNets.map((p) => `${p.name} (${p.interfaceAlias})`).join(', ');
    warnings.push(
      input.profile === 'Public' || input.profile === 'Any'
        ? t('The active network {0} is Public, and the rule applies to Public networks: anyone on that network can connect.', names)
        : t('The active network {0} is Public, but the rule is for the {1} profile: LAN clients on that network still cannot connect. Make the network Private in Windows settings if you trust it.', names, input.profile),
    );
  }
  const created: ExposureRecord['created'][number][] = [];
  let listenAddress: string | undefined;
  let connectAddress: string | undefined;
  let listenPort = input.port;
  for (const step of plan.steps) {
    if (step.file === 'netsh.exe' && step.args.includes('add')) {
      created.push('portproxy');
      listenPort = Number(argValue(step.args, 'listenport') ?? input.port);
      listenAddress = argValue(step.args, 'listenaddress');
      connectAddress = argValue(step.args, 'connectaddress');
    } else if (step.script?.startsWith('New-NetFirewallRule')) created.push('firewall');
    else if (step.script?.startsWith('New-NetFirewallHyperVRule')) created.push('hyperv');
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
      ...(input.distro ? { distro: input.distro } : {}),
    },
  };
}

function bindRank(socket: ListeningSocket): number {
  const kind = classifyBindAddress(socket.address);
  return kind === 'wildcard' ? (socket.family === 4 ? 0 : 1) : kind === 'specific' ? 2 : 3;
}

function argValue(args: readonly string[], name: string): string | undefined {
  const prefix = `${name}=`;
  return args.find((arg) => arg.startsWith(prefix))?.slice(prefix.length);
}

/** One port we (probably) exposed: from our records and from rules named with our prefix. */
export interface OwnExposure {
  readonly port: number;
  readonly protocol: Protocol;
  readonly steps: readonly CommandSpec[];
  /** What exists now, for the quick pick. */
  readonly parts: readonly string[];
  readonly recorded: boolean;
}

/**
 * Everything we created that still exists, grouped by port: portproxy rules we recorded (or
 * that sit on the listen port of one of our firewall rules), our Windows firewall rules and our
 * Hyper-V rules. Rules created by anyone else are never listed.
 */
export function listOwnExposures(context: NetworkContext | undefined, ledger: readonly ExposureRecord[], prefix: string): OwnExposure[] {
  const byKey = new Map<string, { port: number; protocol: Protocol; steps: CommandSpec[]; parts: string[]; recorded: boolean }>();
  const entry = (port: number, protocol: Protocol) => {
    const key = `${protocol}:${port}`;
    let item = byKey.get(key);
    if (!item) {
      item = { port, protocol, steps: [], parts: [], recorded: false };
      byKey.set(key, item);
    }
    return item;
  };
  const prefixes = [...new Set([prefix, ...ledger.map((r) => r.ruleNamePrefix)])];
  const ownRule = (name: string) => {
    for (const p of prefixes) {
      const parsed = parseRuleDisplayName(name, p);
      if (parsed) return { ...parsed, prefix: p };
    }
    return undefined;
  };
  const proxies = context?.portProxies;
  const proxyOn = (listenPort: number, listenAddress?: string): PortProxyRule | undefined =>
    proxies?.find(
      (rule) =>
        rule.kind === 'v4tov4' &&
        rule.listenPort === listenPort &&
        addressFamily(rule.listenAddress) === 4 &&
        (listenAddress === undefined || rule.listenAddress === listenAddress),
    );
  const addProxy = (item: ReturnType<typeof entry>, rule: PortProxyRule) => {
    const text = `portproxy ${rule.listenAddress}:${rule.listenPort} → ${rule.connectAddress}:${rule.connectPort}`;
    if (item.parts.includes(text)) return;
    item.parts.push(text);
    item.steps.push(buildPortProxyDelete({ listenPort: rule.listenPort, listenAddress: rule.listenAddress }));
  };

  for (const record of ledger) {
    const item = entry(record.port, record.protocol);
    item.recorded = true;
    if (record.created.includes('portproxy')) {
      const rule = proxyOn(record.listenPort, record.listenAddress);
      if (rule) addProxy(item, rule);
    }
  }
  for (const rule of context?.firewallRules ?? []) {
    const own = ownRule(rule.displayName);
    if (!own) continue;
    const item = entry(own.port, own.protocol);
    const proxy = proxyOn(own.port);
    if (proxy && !ledger.some((r) => r.created.includes('portproxy') && r.listenPort === own.port)) addProxy(item, proxy);
    const text = `${rule.displayName} (Windows firewall)`;
    if (!item.parts.includes(text)) {
      item.parts.push(text);
      item.steps.push(buildFirewallRuleRemove({ port: own.port, protocol: own.protocol, ruleNamePrefix: own.prefix }));
    }
  }
  for (const rule of context?.hyperVRules ?? []) {
    const own = ownRule(rule.displayName);
    if (!own || rule.name.toLowerCase() !== hyperVRuleName(own.protocol, own.port, own.prefix).toLowerCase()) continue;
    const item = entry(own.port, own.protocol);
    const text = `${rule.displayName} (Hyper-V firewall)`;
    if (!item.parts.includes(text)) {
      item.parts.push(text);
      item.steps.push(buildHyperVRuleRemove({ port: own.port, protocol: own.protocol, ruleNamePrefix: own.prefix }));
    }
  }
  // Portproxy deletes first, then firewall rules: traffic stops before the hole closes.
  return [...byKey.values()]
    .filter((item) => item.steps.length > 0 || item.recorded)
    .map((item) => ({ ...item, steps: [...item.steps].sort((a, b) => Number(b.file === 'netsh.exe') - Number(a.file === 'netsh.exe')) }))
    .sort((a, b) => a.port - b.port || a.protocol.localeCompare(b.protocol));
}

/** `only`: repair just this rule (a stale rule picked in the ports view). */
export function planRepair(context: NetworkContext | undefined, only?: { readonly listenAddress: string; readonly listenPort: number }): ExposurePlan {
  if (!context) return { feasible: false, steps: [], notes: ['No WSL distro is running, so the current WSL IP is unknown.'] };
  return planRepairStalePortProxies(context, undefined, only);
}

/** The command line as the user should read it: PowerShell steps show their script. */
export function formatCommand(spec: CommandSpec): string {
  if (spec.script !== undefined) return `powershell.exe: ${spec.script}`;
  return describeCommand(spec.file, spec.args);
}

/** The detail text of a confirmation dialog: one numbered line per command. */
export function formatSteps(steps: readonly CommandSpec[], t: Localize): string {
  const lines = steps.map((step, i) => `${i + 1}. ${step.description}\n   ${formatCommand(step)}`);
  const elevated = steps.some((step) => step.elevated);
  return [
    ...lines,
    '',
    elevated ? t('They run together in one administrator PowerShell (one Windows UAC prompt).') : t('They run without administrator rights.'),
  ].join('\n');
}
