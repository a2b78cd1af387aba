// Names of the firewall rules this extension creates. A fixed, recognisable prefix lets us
// find and remove exactly our own rules later and lets users spot them in wf.msc.
import type { Protocol, Validation } from './validators';

export const RULE_NAME_PREFIX = 'WSL Network';

/**
 * A user-chosen prefix (setting `wslNetwork.firewall.ruleNamePrefix`): letters, digits, spaces,
 * '.', '_' and '-', starting with a letter or digit, at most 40 characters. It ends up inside
 * single-quoted PowerShell literals, so quotes and other specials are refused outright.
 */
export function validateRuleNamePrefix(input: unknown): Validation<string> {
  if (typeof input === 'string' && /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,39}$/.test(input) && !/ $/.test(input)) return { ok: true, value: input };
  return { ok: false, error: `Not a usable rule name prefix: ${JSON.stringify(String(input))} (letters, digits, spaces, '.', '_', '-'; at most 40).` };
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
export function parseRuleDisplayName(displayName: string, prefix: string = RULE_NAME_PREFIX): { protocol: Protocol; port: number } | undefined {
  const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`^${escaped}: (TCP|UDP) ([0-9]{1,5})$`).exec(displayName);
  if (!match) return undefined;
  const port = Number(match[2]);
  return port >= 1 && port <= 65535 ? { protocol: match[1] as Protocol, port } : undefined;
}

export function isOwnRule(rule: { readonly displayName: string }, prefix: string = RULE_NAME_PREFIX): boolean {
  return parseRuleDisplayName(rule.displayName, prefix) !== undefined;
}
