/**
 * Names of the firewall rules this extension creates. A fixed, recognisable prefix lets us
 * find and remove exactly our own rules later and lets users spot them in wf.msc.
 */
import type { Protocol, Validation } from './validators';

export const RULE_NAME_PREFIX = 'WSL Network';

/**
 * A user-chosen prefix (setting `wslNetwork.firewall.ruleNamePrefix`): letters, digits, spaces,
 * '.', '_' and '-', starting with a letter or digit, at most 40 characters. It ends up inside
 * single-quoted PowerShell literals, so quotes and other specials are refused outright.
 */
export function validateRuleNamePrefix(input: unknown): Validation<string> {
  if (typeof input === 'string' && /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,39}$/.test(input) && !/ $/.test(input))
    return { ok: true, value: input };
  return {
    ok: false,
    error: `Not a usable rule name prefix: ${JSON.stringify(String(input))} (letters, digits, spaces, '.', '_', '-'; at most 40).`,
  };
}

/** Display name for Windows firewall and Hyper-V firewall rules: `WSL Network: TCP 8080`. */
export function ruleDisplayName(protocol: Protocol, port: number, prefix: string = RULE_NAME_PREFIX): string {
  return `${prefix}: ${protocol} ${port}`;
}

/**
 * The unique `-Name` of Hyper-V rules (`WSL-Network-TCP-8080`): Name is the identifier
 * PowerShell matches exactly, so it avoids spaces and colons.
 */
export function hyperVRuleName(protocol: Protocol, port: number, prefix: string = RULE_NAME_PREFIX): string {
  return `${prefix.replace(/ /g, '-')}-${protocol}-${port}`;
}

/** Parses one of our display names back, or undefined for rules we did not create. */
export function parseRuleDisplayName(
  displayName: string,
  prefix: string = RULE_NAME_PREFIX,
): { protocol: Protocol; port: number } | undefined {
  const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`^${escaped}: (TCP|UDP) ([0-9]{1,5})$`).exec(displayName);
  if (!match) return undefined;
  const port = Number(match[2]);
  return port >= 1 && port <= 65535 ? { protocol: match[1] as Protocol, port } : undefined;
}

/** Where a firewall rule lives: the Windows firewall (NAT) or the Hyper-V firewall (mirrored). */
export type RuleStore = 'firewall' | 'hyperv';

/** A firewall rule WSL Network created: what it opens, and the prefix it was named with. */
export interface OwnRule {
  readonly store: RuleStore;
  readonly protocol: Protocol;
  readonly port: number;
  readonly prefix: string;
}

/**
 * "Is this rule ours?": the one answer the ports tree, Remove, Repair and the exposure plan share.
 * A rule is ours when its display name is one we write under one of `prefixes` (the current
 * setting and every prefix the exposure ledger recorded). A Hyper-V rule must also carry our
 * `-Name`, because Remove deletes Hyper-V rules by Name: a rule that only borrows our display
 * name (someone else's, or a Group Policy copy) is not ours, and nothing offers to remove it.
 * Prefixes that fail validation are never ours, so a hostile prefix cannot reach a command line.
 */
export function ownRule(
  store: RuleStore,
  rule: { readonly name: string; readonly displayName: string },
  prefixes: readonly string[],
): OwnRule | undefined {
  for (const prefix of prefixes) {
    if (!validateRuleNamePrefix(prefix).ok) continue;
    const parsed = parseRuleDisplayName(rule.displayName, prefix);
    if (!parsed) continue;
    if (
      store === 'hyperv' &&
      rule.name.toLowerCase() !== hyperVRuleName(parsed.protocol, parsed.port, prefix).toLowerCase()
    )
      continue;
    return { store, ...parsed, prefix };
  }
  return undefined;
}
