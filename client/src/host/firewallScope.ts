/**
 * Who may connect through a firewall rule, read back from its remote addresses (the address
 * filter's RemoteAddress, a Hyper-V rule's RemoteAddresses): the words the tree and Diagnose Port
 * show, and the one case flagged as an exposure: an inbound Allow rule open to any address while it
 * applies on the Public profile, the one "used for public Internet access points"
 * (NET_FW_PROFILE_TYPE2, learn.microsoft.com/windows/win32/api/icftypes/ne-icftypes-net_fw_profile_type2).
 */
import type { FirewallAction, FirewallDirection, FirewallProfile } from './hostTypes';
import type { Localize } from './localize';
import { TAILSCALE_PREFIX } from './validators';

export type ScopeKind = 'anyone' | 'local-subnet' | 'tailscale' | 'addresses' | 'unknown';

/** 100.64.0.0/10 as typed, or as Windows may print an IPv4 prefix (mask form). */
const TAILSCALE_FORMS = new Set([TAILSCALE_PREFIX, '100.64.0.0/255.192.0.0']);

export function classifyScope(remote: readonly string[] | undefined): ScopeKind {
  if (remote === undefined) return 'unknown';
  if (remote.length === 0 || remote.some((value) => /^(any|\*)$/i.test(value))) return 'anyone';
  if (remote.length === 1 && /^localsubnet[46]?$/i.test(remote[0] as string)) return 'local-subnet';
  if (remote.length === 1 && TAILSCALE_FORMS.has(remote[0] as string)) return 'tailscale';
  return 'addresses';
}

/** Short words for a tree description ("anyone", "this subnet", …); plain text, escape before Markdown. */
export function describeScope(remote: readonly string[] | undefined, t: Localize): string {
  switch (classifyScope(remote)) {
    case 'anyone':
      return t('anyone');
    case 'local-subnet':
      return t("this network's subnet");
    case 'tailscale':
      return t('Tailscale peers ({0})', TAILSCALE_PREFIX);
    case 'addresses':
      return (remote ?? []).join(', ');
    case 'unknown':
      return t('scope unknown');
  }
}

export interface ScopedRule {
  readonly enabled: boolean;
  readonly direction: FirewallDirection | undefined;
  readonly action: FirewallAction | undefined;
  readonly profiles: readonly FirewallProfile[];
  readonly remoteAddresses?: readonly string[];
}

/** An enabled inbound Allow rule that lets any address in on the Public profile. */
export function openToAnyoneOnPublic(rule: ScopedRule): boolean {
  return (
    rule.enabled &&
    rule.direction !== 'Outbound' &&
    rule.action === 'Allow' &&
    rule.profiles.includes('Public') &&
    classifyScope(rule.remoteAddresses) === 'anyone'
  );
}
