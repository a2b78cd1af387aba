// Does a firewall rule set let inbound traffic to one port through? Both the Windows
// Defender Firewall (NAT portproxy path) and the Hyper-V firewall (mirrored mode) evaluate
// block rules before allow rules by default, so any matching block wins.
import type {
  ConnectionProfile,
  FirewallProfile,
  FirewallRule,
  HyperVFirewallRule,
  HyperVVmSetting,
} from './hostTypes';
import { WSL_VM_CREATOR_ID, sameGuid } from './parseHyperVFirewall';

export type Proto = 'TCP' | 'UDP';

/** `Any`, `8080`, `8000-8100`; keywords such as `RPC` or `IPHTTPSIn` never match a plain port. */
export function portListCovers(localPorts: readonly string[], port: number): boolean {
  return localPorts.some((spec) => {
    const text = spec.trim();
    if (/^any$/i.test(text)) return true;
    const range = /^([0-9]+)\s*-\s*([0-9]+)$/.exec(text);
    if (range) return port >= Number(range[1]) && port <= Number(range[2]);
    return /^[0-9]+$/.test(text) && Number(text) === port;
  });
}

export function protocolCovers(ruleProtocol: string, protocol: Proto): boolean {
  const text = ruleProtocol.trim().toUpperCase();
  return text === 'ANY' || text === '' || text === protocol || text === (protocol === 'TCP' ? '6' : '17');
}

/**
 * Firewall profiles of the networks LAN clients can arrive on. The WSL NAT adapter
 * (`vEthernet (WSL…)`) gets a profile too but carries no LAN traffic, so it is ignored.
 * undefined when nothing usable is known.
 */
export function activeLanProfiles(profiles: readonly ConnectionProfile[] | undefined): FirewallProfile[] | undefined {
  if (profiles === undefined) return undefined;
  const result = new Set<FirewallProfile>();
  for (const profile of profiles) {
    if (/^vEthernet \(WSL/i.test(profile.interfaceAlias)) continue;
    if (profile.networkCategory === 'DomainAuthenticated') result.add('Domain');
    else if (profile.networkCategory !== undefined) result.add(profile.networkCategory);
  }
  return result.size > 0 ? [...result] : undefined;
}

export interface FirewallVerdict {
  /** Profiles (of those considered) on which the port is let through. */
  readonly allowedOn: readonly FirewallProfile[];
  readonly allowingRules: readonly { readonly name: string; readonly displayName: string }[];
  readonly blockingRules: readonly { readonly name: string; readonly displayName: string }[];
  /** The profiles that were evaluated. */
  readonly considered: readonly FirewallProfile[];
}

const ALL: readonly FirewallProfile[] = ['Domain', 'Private', 'Public'];

export function windowsFirewallVerdict(
  rules: readonly FirewallRule[],
  protocol: Proto,
  port: number,
  profiles: readonly FirewallProfile[] | undefined,
): FirewallVerdict {
  // Program-scoped rules are skipped: portproxy traffic is accepted by the IP Helper service,
  // not by the program a rule names, and WSL1 processes are not Windows programs either.
  const relevant = rules.filter((rule) => coversInbound(rule, protocol, port) && /^any$/i.test(rule.program));
  return verdict(relevant, profiles ?? ALL, false);
}

export function hyperVFirewallVerdict(
  rules: readonly HyperVFirewallRule[],
  setting: HyperVVmSetting | undefined,
  protocol: Proto,
  port: number,
  profiles: readonly FirewallProfile[] | undefined,
): FirewallVerdict {
  const relevant = rules.filter(
    (rule) =>
      coversInbound(rule, protocol, port) &&
      (sameGuid(rule.vmCreatorId, WSL_VM_CREATOR_ID) || /^any$/i.test(rule.vmCreatorId)),
  );
  return verdict(relevant, profiles ?? ALL, setting?.defaultInboundAction === 'Allow');
}

/** The filter both firewalls share: an enabled inbound rule for this protocol and port. */
function coversInbound(rule: FirewallRule | HyperVFirewallRule, protocol: Proto, port: number): boolean {
  return (
    rule.enabled &&
    rule.direction === 'Inbound' &&
    protocolCovers(rule.protocol, protocol) &&
    portListCovers(rule.localPorts, port)
  );
}

const isBlock = (rule: FirewallRule | HyperVFirewallRule): boolean => rule.action === 'Block';
const isAllow = (rule: FirewallRule | HyperVFirewallRule): boolean =>
  rule.action === 'Allow' || rule.action === 'AllowBypass';

function verdict<R extends FirewallRule | HyperVFirewallRule>(
  rules: readonly R[],
  considered: readonly FirewallProfile[],
  defaultAllows: boolean,
): FirewallVerdict {
  const allowedOn: FirewallProfile[] = [];
  const allowing = new Set<R>();
  const blocking = new Set<R>();
  for (const profile of considered) {
    const onProfile = rules.filter((rule) => rule.profiles.includes(profile));
    const blocks = onProfile.filter(isBlock);
    const allows = onProfile.filter(isAllow);
    blocks.forEach((rule) => blocking.add(rule));
    if (blocks.length > 0) continue;
    if (allows.length > 0 || defaultAllows) {
      allowedOn.push(profile);
      allows.forEach((rule) => allowing.add(rule));
    }
  }
  return { allowedOn, allowingRules: [...allowing], blockingRules: [...blocking], considered };
}
