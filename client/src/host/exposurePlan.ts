// What "Expose to LAN", "Stop exposing" and "Repair stale rules" would run, per networking
// mode, derived from the same facts as the reachability model. The result is a list of
// CommandSpecs the UI shows before asking for confirmation (and one UAC prompt).
import {
  buildFirewallRuleAdd,
  buildFirewallRuleRemove,
  buildHyperVRuleAdd,
  buildHyperVRuleRemove,
  buildPortProxyAdd,
  buildPortProxyDelete,
  type CommandSpec,
} from './commandBuilders';
import { activeLanProfiles, windowsFirewallVerdict } from './firewallMatching';
import type { ListeningSocket, PortProxyRule } from './hostTypes';
import { addressFamily, isLoopback } from './ipAddress';
import { isOwnRule } from './ruleNaming';
import { assessReachability, type NetworkContext } from './reachability';
import { findStalePortProxies } from './stalePortProxy';
import type { ProfileChoice } from './validators';

export interface ExposurePlan {
  /** False when no command can help (e.g. the app listens on 127.0.0.1 in mirrored mode). */
  readonly feasible: boolean;
  readonly steps: readonly CommandSpec[];
  readonly notes: readonly string[];
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
}

export interface ExposeOptions {
  readonly profile?: ProfileChoice;
  /** NAT: the Windows port LAN clients use; defaults to the Linux port. */
  readonly listenPort?: number;
  /** NAT: the VM address to forward to; defaults to the first IPv4 in context.wslIps. */
  readonly targetIp?: string;
  /** Prefix of the firewall rule names (validated by the builders); default RULE_NAME_PREFIX. */
  readonly ruleNamePrefix?: string;
}

export function planExposeToLan(socket: ListeningSocket, context: NetworkContext, options: ExposeOptions = {}): ExposurePlan {
  const now = assessReachability(socket, context);
  if (now.fromLan) return { feasible: true, steps: [], notes: ['Already reachable from the LAN.'] };
  const notes: string[] = [];
  const profile = options.profile ?? 'Private';
  const protocol = socket.protocol === 'tcp' ? 'TCP' : 'UDP';

  if (now.lanBlockers.includes('network-none') || now.lanBlockers.includes('ignored-port')) {
    return { feasible: false, steps: [], notes: [...now.reasons] };
  }
  if (now.lanBlockers.includes('loopback-bind') || now.lanBlockers.includes('address-not-on-lan')) {
    return {
      feasible: false,
      steps: [],
      notes: [`The program listens on ${socket.address}; restart it bound to 0.0.0.0 (all interfaces) first.`],
    };
  }

  switch (context.mode) {
    case 'nat':
    case 'consomme': {
      if (socket.protocol !== 'tcp') return { feasible: false, steps: [], notes: ['netsh portproxy forwards TCP only.'] };
      const targetIp = options.targetIp ?? context.wslIps.find((ip) => addressFamily(ip) === 4 && !isLoopback(ip));
      if (targetIp === undefined) return { feasible: false, steps: [], notes: ['The current WSL IPv4 address is unknown.'] };
      const listenPort = options.listenPort ?? socket.port;
      const steps: CommandSpec[] = [];
      // netsh replaces a rule with the same listen address and port, but an explicit delete of
      // a stale rule makes the audit trail obvious.
      for (const stale of findStalePortProxies(context.portProxies ?? [], context.wslIps)) {
        if (stale.rule.listenPort === listenPort && addressFamily(stale.rule.listenAddress) === 4) {
          steps.push(buildPortProxyDelete({ listenPort, listenAddress: stale.rule.listenAddress }));
          notes.push(stale.reason);
        }
      }
      steps.push(buildPortProxyAdd({ listenPort, connectPort: socket.port, connectAddress: targetIp }));
      const alreadyAllowed =
        context.firewallRules !== undefined &&
        windowsFirewallVerdict(context.firewallRules, 'TCP', listenPort, activeLanProfiles(context.connectionProfiles)).allowedOn.length > 0;
      if (!alreadyAllowed) steps.push(buildFirewallRuleAdd({ port: listenPort, protocol: 'TCP', profile, ...prefixOption(options) }));
      notes.push(`LAN clients will connect to this PC's address on port ${listenPort}. The rule must be updated when the WSL IP changes.`);
      return { feasible: true, steps, notes };
    }
    case 'mirrored':
      return {
        feasible: true,
        steps: [buildHyperVRuleAdd({ port: socket.port, protocol, profile, ...prefixOption(options) })],
        notes: ['Mirrored mode: the Hyper-V firewall decides; no portproxy is needed.'],
      };
    case 'bridged':
    case 'wsl1':
    case 'none':
      return { feasible: false, steps: [], notes: [...now.reasons] };
  }
}

/** Removes what planExposeToLan created for a port: our portproxy, firewall and Hyper-V rules. */
export function planUnexpose(
  port: number,
  protocol: 'TCP' | 'UDP',
  context: NetworkContext,
  options: { readonly ruleNamePrefix?: string } = {},
): ExposurePlan {
  const prefix = options.ruleNamePrefix;
  const steps: CommandSpec[] = [];
  for (const rule of context.portProxies ?? []) {
    if (rule.kind === 'v4tov4' && rule.listenPort === port && addressFamily(rule.listenAddress) === 4) {
      steps.push(buildPortProxyDelete({ listenPort: rule.listenPort, listenAddress: rule.listenAddress }));
    }
  }
  if ((context.firewallRules ?? []).some((rule) => isOwnRule(rule, prefix) && rule.displayName.endsWith(`${protocol} ${port}`))) {
    steps.push(buildFirewallRuleRemove({ port, protocol, ...prefixOption(options) }));
  }
  if ((context.hyperVRules ?? []).some((rule) => isOwnRule(rule, prefix) && rule.displayName.endsWith(`${protocol} ${port}`))) {
    steps.push(buildHyperVRuleRemove({ port, protocol, ...prefixOption(options) }));
  }
  return { feasible: steps.length > 0, steps, notes: steps.length === 0 ? ['Nothing of ours is exposing this port.'] : [] };
}

/** Re-points stale v4tov4 portproxy rules at the current WSL IP (same listen side). */
export function planRepairStalePortProxies(context: NetworkContext, targetIp?: string, only?: { readonly listenAddress: string; readonly listenPort: number }): ExposurePlan {
  const ip = targetIp ?? context.wslIps.find((candidate) => addressFamily(candidate) === 4 && !isLoopback(candidate));
  const stale = findStalePortProxies(context.portProxies ?? [], context.wslIps).filter(
    (item) =>
      item.rule.kind === 'v4tov4' &&
      addressFamily(item.rule.listenAddress) === 4 &&
      (only === undefined || (item.rule.listenAddress === only.listenAddress && item.rule.listenPort === only.listenPort)),
  );
  if (stale.length === 0) return { feasible: false, steps: [], notes: ['No stale portproxy rules.'] };
  if (ip === undefined) return { feasible: false, steps: [], notes: ['The current WSL IPv4 address is unknown.'] };
  const repointed = stale.map((item) => ({
    listenAddress: item.rule.listenAddress,
    listenPort: item.rule.listenPort,
    connectPort: item.rule.connectPort,
    from: item.rule.connectAddress,
    to: ip,
  }));
  const steps = repointed.map((rule) => buildPortProxyAdd({ ...rule, connectAddress: rule.to }));
  return { feasible: true, steps, notes: stale.map((item) => item.reason), repointed };
}

/**
 * Undoing a repair: each rule the repair re-pointed goes back to its old connect address, but only
 * while it still points where the repair put it (a rule changed or deleted since is left alone).
 */
export function planUndoRepair(repointed: readonly RepointedRule[], current: readonly PortProxyRule[]): ExposurePlan {
  const steps: CommandSpec[] = [];
  const notes: string[] = [];
  for (const rule of repointed) {
    const now = current.find((r) => r.kind === 'v4tov4' && r.listenAddress === rule.listenAddress && r.listenPort === rule.listenPort);
    const where = `${rule.listenAddress}:${rule.listenPort}`;
    if (!now) notes.push(`${where}: the rule no longer exists; nothing to put back.`);
    else if (now.connectAddress !== rule.to || now.connectPort !== rule.connectPort) notes.push(`${where}: changed since the repair (now ${now.connectAddress}:${now.connectPort}); left alone.`);
    else if (addressFamily(rule.from) !== 4) notes.push(`${where}: the old target ${rule.from} is not an IPv4 address; left alone.`);
    else steps.push(buildPortProxyAdd({ listenAddress: rule.listenAddress, listenPort: rule.listenPort, connectPort: rule.connectPort, connectAddress: rule.from }));
  }
  return { feasible: steps.length > 0, steps, notes };
}

function prefixOption(options: { readonly ruleNamePrefix?: string }): { ruleNamePrefix?: string } {
  return options.ruleNamePrefix === undefined ? {} : { ruleNamePrefix: options.ruleNamePrefix };
}
