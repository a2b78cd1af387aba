/**
 * What "Expose to LAN", "Remove Port Exposure" and "Repair Port Forwarding" would do, per
 * networking mode, derived from the same facts as the reachability model. A plan is data: typed
 * steps (planSteps.ts) with their values, a machine-readable blocker when nothing can help, and
 * notes for the user. The UI renders the steps to command lines only to show and run them.
 */
import { activeLanProfiles, windowsFirewallVerdict } from './firewallMatching';
import type { NetworkingMode, ListeningSocket, PortProxyRule } from './hostTypes';
import { addressFamily, isLoopback } from './ipAddress';
import { renderSteps, type PlanStep } from './planSteps';
import { ownRule, RULE_NAME_PREFIX, validateRuleNamePrefix, type OwnRule } from './ruleNaming';
import { assessReachability, type LanBlocker, type NetworkContext } from './reachability';
import { findStalePortProxies } from './stalePortProxy';
import {
  required,
  validateProfile,
  validateRemoteScope,
  type ProfileChoice,
  type Protocol,
  type RemoteScope,
} from './validators';

/** Why a plan cannot help, as a code (the notes say it in words). */
export type PlanBlocker =
  LanBlocker | 'tcp-only' | 'wsl-ip-unknown' | 'no-stale-rules' | 'mode-unsupported' | 'local-subnet-unknown';

export interface ExposurePlan {
  /** False when no command can help (e.g. the app listens on 127.0.0.1 in mirrored mode). */
  readonly feasible: boolean;
  readonly steps: readonly PlanStep[];
  readonly notes: readonly string[];
  /** Set when the plan is not feasible. */
  readonly blocker?: PlanBlocker;
  /** Repair only: each rule re-pointed, in the order of `steps`, so the change can be undone. */
  readonly repointed?: readonly RepointedRule[];
}

/** A portproxy rule whose connect address a repair changes from `from` to `to`. */
export interface RepointedRule {
  readonly listenAddress: string;
  readonly listenPort: number;
  readonly connectPort: number;
  readonly from: string;
  readonly to: string;
  /** WSL Network created it (so "Remove Port Exposure" removes it); set when the repair knew the ledger. */
  readonly ours?: boolean;
}

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
  /** Who may connect, as asked (absent in records made before the question existed: anyone). */
  readonly scope?: RemoteScope;
  readonly distro?: string;
  readonly at: number;
}

/** What finished steps created, in step order (the ledger records only these: a half-done Expose too). */
export function createdBySteps(steps: readonly PlanStep[]): ExposureRecord['created'] {
  const created: ExposureRecord['created'][number][] = [];
  for (const step of steps) {
    if (step.action === 'add-portproxy') created.push('portproxy');
    else if (step.action === 'add-firewall-rule') created.push('firewall');
    else if (step.action === 'add-hyperv-rule') created.push('hyperv');
  }
  return created;
}

export interface ExposeOptions {
  readonly profile?: ProfileChoice;
  /** NAT: the Windows port LAN clients use; defaults to the Linux port. */
  readonly listenPort?: number;
  /** NAT: the VM address to forward to; defaults to the first IPv4 in context.wslIps. */
  readonly targetIp?: string;
  /** Prefix of the firewall rule names (validated when the steps are rendered); default RULE_NAME_PREFIX. */
  readonly ruleNamePrefix?: string;
  /** Who may connect (validateRemoteScope); default LocalSubnet: this network's subnet only. */
  readonly scope?: RemoteScope;
}

const LOCAL_SUBNET_UNKNOWN =
  "This network's subnet is unknown (the address of WSL's mirrored eth0 could not be read), and the Hyper-V firewall needs it spelled out. Choose a network prefix instead.";

const infeasible = (blocker: PlanBlocker, notes: readonly string[]): ExposurePlan => ({
  feasible: false,
  steps: [],
  notes,
  blocker,
});

export function planExposeToLan(
  socket: ListeningSocket,
  context: NetworkContext,
  options: ExposeOptions = {},
): ExposurePlan {
  // Validated up front, so a plan never carries a value its rendering would refuse.
  const prefix = required(validateRuleNamePrefix(options.ruleNamePrefix ?? RULE_NAME_PREFIX));
  required(validateProfile(options.profile ?? 'Private'));
  const scope = required(validateRemoteScope(options.scope ?? 'LocalSubnet'));
  const now = assessReachability(socket, context);
  if (now.fromLan) return { feasible: true, steps: [], notes: ['Already reachable from the LAN.'] };
  const notes: string[] = [];
  const profile = options.profile ?? 'Private';
  const protocol = socket.protocol === 'tcp' ? 'TCP' : 'UDP';

  const hardBlocker = now.lanBlockers.find((b) => b === 'network-none' || b === 'ignored-port');
  if (hardBlocker) return infeasible(hardBlocker, now.reasons);
  const bindBlocker = now.lanBlockers.find((b) => b === 'loopback-bind' || b === 'address-not-on-lan');
  if (bindBlocker)
    return infeasible(bindBlocker, [
      `The program listens on ${socket.address}; restart it bound to 0.0.0.0 (all interfaces) first.`,
    ]);

  switch (context.mode) {
    case 'nat':
    case 'consomme': {
      if (socket.protocol !== 'tcp') return infeasible('tcp-only', ['netsh portproxy forwards TCP only.']);
      const targetIp = options.targetIp ?? context.wslIps.find((ip) => addressFamily(ip) === 4 && !isLoopback(ip));
      if (targetIp === undefined) return infeasible('wsl-ip-unknown', ['The current WSL IPv4 address is unknown.']);
      const listenPort = options.listenPort ?? socket.port;
      const steps: PlanStep[] = [];
      // netsh replaces a rule with the same listen address and port, but an explicit delete of
      // a stale rule makes the audit trail obvious.
      for (const stale of findStalePortProxies(context.portProxies ?? [], context.wslIps)) {
        if (stale.rule.listenPort === listenPort && addressFamily(stale.rule.listenAddress) === 4) {
          steps.push({ action: 'delete-portproxy', listenPort, listenAddress: stale.rule.listenAddress });
          notes.push(stale.reason);
        }
      }
      steps.push({
        action: 'add-portproxy',
        listenAddress: '0.0.0.0',
        listenPort,
        connectPort: socket.port,
        connectAddress: targetIp,
      });
      const alreadyAllowed =
        context.firewallRules !== undefined &&
        windowsFirewallVerdict(context.firewallRules, 'TCP', listenPort, activeLanProfiles(context.connectionProfiles))
          .allowedOn.length > 0;
      if (!alreadyAllowed)
        steps.push({
          action: 'add-firewall-rule',
          port: listenPort,
          protocol: 'TCP',
          profile,
          ruleNamePrefix: prefix,
          remoteAddresses: [scope],
        });
      notes.push(
        `LAN clients will connect to this PC's address on port ${listenPort}. The rule must be updated when the WSL IP changes.`,
      );
      renderSteps(steps); // validates every value now (throws ValidationError), not only when the steps are shown
      return { feasible: true, steps, notes };
    }
    case 'mirrored': {
      // The Hyper-V cmdlet takes prefixes, not the LocalSubnet keyword (commandBuilders.ts):
      // "this subnet" becomes the prefixes of the mirrored LAN interfaces; "anyone" is no condition.
      const remote = scope === 'Any' ? undefined : scope === 'LocalSubnet' ? context.lanSubnets : [scope];
      if (remote === undefined ? scope !== 'Any' : remote.length === 0)
        return infeasible('local-subnet-unknown', [LOCAL_SUBNET_UNKNOWN]);
      const steps: PlanStep[] = [
        {
          action: 'add-hyperv-rule',
          port: socket.port,
          protocol,
          profile,
          ruleNamePrefix: prefix,
          ...(remote ? { remoteAddresses: remote } : {}),
        },
      ];
      renderSteps(steps);
      return {
        feasible: true,
        steps,
        notes: ['Mirrored mode: the Hyper-V firewall decides; no portproxy is needed.'],
      };
    }
    case 'bridged':
    case 'wsl1':
    case 'none':
      return infeasible(now.lanBlockers[0] ?? 'mode-unsupported', now.reasons);
  }
}

/** Re-points stale v4tov4 portproxy rules at the current WSL IP (same listen side). */
/**
 * `own`: the exposures WSL Network owns (listOwnExposures), so each re-pointed rule says whether
 * it is ours; Repair re-points every stale rule either way, as before.
 */
export function planRepairStalePortProxies(
  context: NetworkContext,
  targetIp?: string,
  only?: { readonly listenAddress: string; readonly listenPort: number },
  own?: readonly OwnExposure[],
): ExposurePlan {
  const ip = targetIp ?? context.wslIps.find((candidate) => addressFamily(candidate) === 4 && !isLoopback(candidate));
  const stale = findStalePortProxies(context.portProxies ?? [], context.wslIps).filter(
    (item) =>
      item.rule.kind === 'v4tov4' &&
      addressFamily(item.rule.listenAddress) === 4 &&
      (only === undefined ||
        (item.rule.listenAddress === only.listenAddress && item.rule.listenPort === only.listenPort)),
  );
  if (stale.length === 0) return infeasible('no-stale-rules', ['No stale portproxy rules.']);
  if (ip === undefined) return infeasible('wsl-ip-unknown', ['The current WSL IPv4 address is unknown.']);
  const repointed = stale.map((item) => ({
    listenAddress: item.rule.listenAddress,
    listenPort: item.rule.listenPort,
    connectPort: item.rule.connectPort,
    from: item.rule.connectAddress,
    to: ip,
    ...(own
      ? {
          ours: own.some((o) =>
            o.portProxies.some(
              (p) => p.listenAddress === item.rule.listenAddress && p.listenPort === item.rule.listenPort,
            ),
          ),
        }
      : {}),
  }));
  const steps: PlanStep[] = repointed.map((rule) => ({
    action: 'add-portproxy',
    listenAddress: rule.listenAddress,
    listenPort: rule.listenPort,
    connectPort: rule.connectPort,
    connectAddress: rule.to,
  }));
  return { feasible: true, steps, notes: stale.map((item) => item.reason), repointed };
}

/**
 * Undoing a repair: each rule the repair re-pointed goes back to its old connect address, but only
 * while it still points where the repair put it (a rule changed or deleted since is left alone).
 */
export function planUndoRepair(repointed: readonly RepointedRule[], current: readonly PortProxyRule[]): ExposurePlan {
  const steps: PlanStep[] = [];
  const notes: string[] = [];
  for (const rule of repointed) {
    const now = current.find(
      (r) => r.kind === 'v4tov4' && r.listenAddress === rule.listenAddress && r.listenPort === rule.listenPort,
    );
    const where = `${rule.listenAddress}:${rule.listenPort}`;
    if (!now) notes.push(`${where}: the rule no longer exists; nothing to put back.`);
    else if (now.connectAddress !== rule.to || now.connectPort !== rule.connectPort)
      notes.push(`${where}: changed since the repair (now ${now.connectAddress}:${now.connectPort}); left alone.`);
    else if (addressFamily(rule.from) !== 4)
      notes.push(`${where}: the old target ${rule.from} is not an IPv4 address; left alone.`);
    else
      steps.push({
        action: 'add-portproxy',
        listenAddress: rule.listenAddress,
        listenPort: rule.listenPort,
        connectPort: rule.connectPort,
        connectAddress: rule.from,
      });
  }
  return { feasible: steps.length > 0, steps, notes };
}

/** One port WSL Network exposed: from the ledger and from rules that are ours (ownRule). */
export interface OwnExposure {
  readonly port: number;
  readonly protocol: Protocol;
  /** What removing it takes: portproxy deletes first, then firewall rules (traffic stops before the hole closes). */
  readonly steps: readonly PlanStep[];
  /** What exists now, for the quick pick. */
  readonly parts: readonly string[];
  readonly recorded: boolean;
  /** Our portproxy rules for this port. */
  readonly portProxies: readonly PortProxyRule[];
  /** Our firewall and Hyper-V rules for this port. */
  readonly rules: readonly OwnRule[];
}

/** The prefixes our rules may carry: the current setting and every prefix the ledger recorded. */
export function ownPrefixes(prefix: string, ledger: readonly ExposureRecord[]): string[] {
  return [...new Set([prefix, ...ledger.map((r) => r.ruleNamePrefix)])];
}

/**
 * Everything we created that still exists, grouped by port: portproxy rules we recorded (or that
 * sit on the listen port of one of our firewall rules), and the firewall and Hyper-V rules that
 * ownRule calls ours. Rules created by anyone else are never listed. This is the plan Remove runs.
 */
export function listOwnExposures(
  context: NetworkContext | undefined,
  ledger: readonly ExposureRecord[],
  prefix: string,
): OwnExposure[] {
  type Item = {
    port: number;
    protocol: Protocol;
    steps: PlanStep[];
    parts: string[];
    recorded: boolean;
    portProxies: PortProxyRule[];
    rules: OwnRule[];
  };
  const byKey = new Map<string, Item>();
  const entry = (port: number, protocol: Protocol): Item => {
    const key = `${protocol}:${port}`;
    let item = byKey.get(key);
    if (!item) {
      item = { port, protocol, steps: [], parts: [], recorded: false, portProxies: [], rules: [] };
      byKey.set(key, item);
    }
    return item;
  };
  const prefixes = ownPrefixes(prefix, ledger);
  const proxies = context?.portProxies;
  const proxyOn = (listenPort: number, listenAddress?: string): PortProxyRule | undefined =>
    proxies?.find(
      (rule) =>
        rule.kind === 'v4tov4' &&
        rule.listenPort === listenPort &&
        addressFamily(rule.listenAddress) === 4 &&
        (listenAddress === undefined || rule.listenAddress === listenAddress),
    );
  const addProxy = (item: Item, rule: PortProxyRule): void => {
    const text = `portproxy ${rule.listenAddress}:${rule.listenPort} → ${rule.connectAddress}:${rule.connectPort}`;
    if (item.parts.includes(text)) return;
    item.parts.push(text);
    item.portProxies.push(rule);
    item.steps.push({ action: 'delete-portproxy', listenPort: rule.listenPort, listenAddress: rule.listenAddress });
  };
  const addRule = (item: Item, own: OwnRule, text: string): void => {
    if (item.parts.includes(text)) return;
    item.parts.push(text);
    item.rules.push(own);
    const target = { port: own.port, protocol: own.protocol, ruleNamePrefix: own.prefix };
    item.steps.push(
      own.store === 'hyperv'
        ? { action: 'remove-hyperv-rule', ...target }
        : { action: 'remove-firewall-rule', ...target },
    );
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
    const own = ownRule('firewall', rule, prefixes);
    if (!own) continue;
    // The Windows rule opens the listen port, which a remapped exposure (Windows 2222 → WSL 22)
    // records apart from the WSL port: the rule belongs to that exposure.
    const remapped = ledger.find(
      (r) =>
        r.protocol === own.protocol &&
        r.listenPort === own.port &&
        r.port !== own.port &&
        r.created.includes('firewall'),
    );
    const item = remapped ? entry(remapped.port, remapped.protocol) : entry(own.port, own.protocol);
    const proxy = proxyOn(own.port);
    if (proxy && !ledger.some((r) => r.created.includes('portproxy') && r.listenPort === own.port))
      addProxy(item, proxy);
    addRule(item, own, `${rule.displayName} (Windows firewall)`);
  }
  for (const rule of context?.hyperVRules ?? []) {
    const own = ownRule('hyperv', rule, prefixes);
    if (own) addRule(entry(own.port, own.protocol), own, `${rule.displayName} (Hyper-V firewall)`);
  }
  const proxyFirst = (step: PlanStep): number => Number(step.action === 'delete-portproxy');
  return [...byKey.values()]
    .filter((item) => item.steps.length > 0 || item.recorded)
    .map((item) => ({ ...item, steps: [...item.steps].sort((a, b) => proxyFirst(b) - proxyFirst(a)) }))
    .sort((a, b) => a.port - b.port || a.protocol.localeCompare(b.protocol));
}
