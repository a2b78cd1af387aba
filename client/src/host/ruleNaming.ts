// Names of the firewall rules this extension creates. A fixed, recognisable prefix lets us
// find and remove exactly our own rules later and lets users spot them in wf.msc.
import type { Protocol } from './validators';

export const RULE_NAME_PREFIX = 'WSL Network';

/** Display name for Windows firewall and Hyper-V firewall rules: `WSL Network: TCP 8080`. */
export function ruleDisplayName(protocol: Protocol, port: number): string {
  return `${RULE_NAME_PREFIX}: ${protocol} ${port}`;
}

/**
 * The unique `-Name` of Hyper-V rules (`WSL-Network-TCP-8080`): Name is the identifier
 * PowerShell matches exactly, so it avoids spaces and colons.
 */
export function hyperVRuleName(protocol: Protocol, port: number): string {
  return `${RULE_NAME_PREFIX.replace(/ /g, '-')}-${protocol}-${port}`;
}

/** Parses one of our display names back, or undefined for rules we did not create. */
export function parseRuleDisplayName(displayName: string): { protocol: Protocol; port: number } | undefined {
  const match = /^WSL Network: (TCP|UDP) ([0-9]{1,5})$/.exec(displayName);
  if (!match) return undefined;
  const port = Number(match[2]);
  return port >= 1 && port <= 65535 ? { protocol: match[1] as Protocol, port } : undefined;
}

export function isOwnRule(rule: { readonly displayName: string }): boolean {
  return parseRuleDisplayName(rule.displayName) !== undefined;
}
