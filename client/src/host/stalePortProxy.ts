// In NAT mode the WSL VM usually gets a new address after every `wsl --shutdown` or reboot,
// while netsh portproxy rules keep the address they were created with. Such a rule silently
// stops working; this finds them so the UI can offer to re-point them.
import type { PortProxyRule } from './hostTypes';
import { addressFamily, ipv4InCidr, isLoopback, sameAddress } from './ipAddress';

/**
 * Where the WSL NAT network is carved from: Hyper-V picks a free subnet inside 172.16.0.0/12
 * in practice. Rules pointing elsewhere (another machine on the LAN, a VPN host) are left
 * alone unless the caller names them as ours.
 */
export const DEFAULT_WSL_NAT_RANGES: readonly string[] = ['172.16.0.0/12'];

export interface StalePortProxyOptions {
  /** Extra CIDRs that count as "a WSL address" (e.g. the current eth0 subnet). */
  readonly wslRanges?: readonly string[];
  /** Listen ports whose rules we created (they have a `WSL Network: …` firewall rule). */
  readonly ownedListenPorts?: ReadonlySet<number>;
}

export interface StalePortProxy {
  readonly rule: PortProxyRule;
  readonly reason: string;
}

export function describePortProxy(rule: PortProxyRule): string {
  return `${rule.listenAddress}:${rule.listenPort} -> ${rule.connectAddress}:${rule.connectPort}`;
}

/** True when the rule targets an address that looks like an old WSL VM address. */
export function isStalePortProxy(
  rule: PortProxyRule,
  currentWslIps: readonly string[],
  options: StalePortProxyOptions = {},
): boolean {
  const target = rule.connectAddress;
  const family = addressFamily(target);
  // Host names and loopback targets do not go stale: loopback reaches WSL through the
  // localhost relay whatever the VM address is.
  if (family === undefined || isLoopback(target)) return false;
  if (currentWslIps.some((ip) => sameAddress(ip, target))) return false;
  if (options.ownedListenPorts?.has(rule.listenPort)) return true;
  if (family !== 4) return false;
  return [...DEFAULT_WSL_NAT_RANGES, ...(options.wslRanges ?? [])].some((cidr) => ipv4InCidr(target, cidr));
}

export function findStalePortProxies(
  rules: readonly PortProxyRule[],
  currentWslIps: readonly string[],
  options: StalePortProxyOptions = {},
): StalePortProxy[] {
  const current = currentWslIps.length > 0 ? currentWslIps.join(', ') : 'unknown';
  return rules
    .filter((rule) => isStalePortProxy(rule, currentWslIps, options))
    .map((rule) => ({
      rule,
      reason: `portproxy ${describePortProxy(rule)} points at ${rule.connectAddress}, which is not a current WSL address (now ${current})`,
    }));
}
