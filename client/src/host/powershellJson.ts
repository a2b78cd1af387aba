// Helpers for what `ConvertTo-Json` prints. Its quirks shape every PowerShell parser:
// - no input prints nothing, one object prints that object (not an array), several print an array;
// - enum properties print as their numbers in Windows PowerShell 5.1 (and in 7 without
//   -EnumsAsStrings) but as names when someone converts them to strings, so both are accepted;
// - a string-array property with one element may arrive as a plain string;
// - a value nested deeper than -Depth is printed as its string form, and a string array turns
//   into its elements joined by spaces ("8000-8100 9000"), so port lists are split again.
// Enum numbers are those of the NetSecurity / NetTCPIP CIM classes (MSFT_NetFirewallRule,
// MSFT_NetFirewallHyperVRule, MSFT_NetConnectionProfile, MSFT_NetTCPConnection docs).
import type { FirewallAction, FirewallDirection, FirewallProfile, NetworkCategory } from './hostTypes';

export type JsonObject = Readonly<Record<string, unknown>>;

export class PowerShellJsonError extends Error {
  override readonly name = 'PowerShellJsonError';
}

/** Parses ConvertTo-Json output into a list of objects (0, 1 or many). */
export function parsePowerShellJsonList(text: string): JsonObject[] {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed === '') return [];
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch (error) {
    throw new PowerShellJsonError(
      `PowerShell did not print JSON: ${(error as Error).message}: ${trimmed.slice(0, 120)}`,
    );
  }
  // PowerShell 5.1 wraps arrays piped as a single object into {"value":[...],"Count":n}.
  if (isObject(value) && Array.isArray(value['value']) && typeof value['Count'] === 'number') value = value['value'];
  const items = Array.isArray(value) ? value : [value];
  return items.filter(isObject);
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

export function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^-?[0-9]+$/.test(value.trim())) return Number(value.trim());
  return undefined;
}

/** A string or array of strings (PowerShell string[] properties). */
export function asStringList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(asString).filter((item): item is string => item !== undefined);
  const single = asString(value);
  return single === undefined ? [] : [single];
}

/**
 * A port list (`LocalPort` / `LocalPorts`): an array, one string, or the space-joined string of
 * an array cut off by -Depth. Entries are `Any`, keywords (`RPC`, `RPC-EPMap`, `IPHTTPSIn`, …),
 * single ports and ranges (`8000-8100`). Empty means "not given".
 */
export function asPortList(value: unknown): string[] {
  return asStringList(value)
    .flatMap((item) => item.split(/[\s,]+/))
    .filter((item) => item !== '');
}

/**
 * A remote address list (the address filter's `RemoteAddress`, a Hyper-V rule's
 * `RemoteAddresses`): `Any`, keywords (`LocalSubnet`, …), addresses, subnets and ranges, shaped
 * like a port list. Not given means the cmdlets' default, `Any`.
 */
export function asAddressList(value: unknown): string[] {
  const list = asPortList(value);
  return list.length > 0 ? list : ['Any'];
}

/** Looks up an enum given as number or (case-insensitive) name. */
export function asEnum<T extends string>(value: unknown, byNumber: Readonly<Record<number, T>>): T | undefined {
  if (typeof value === 'number') return byNumber[value];
  if (typeof value === 'string') {
    const trimmed = value.trim();
    if (/^[0-9]+$/.test(trimmed)) return byNumber[Number(trimmed)];
    const names = Object.values(byNumber);
    return names.find((name) => name.toLowerCase() === trimmed.toLowerCase());
  }
  return undefined;
}

export const ACTION_BY_NUMBER: Readonly<Record<number, FirewallAction>> = {
  0: 'NotConfigured',
  2: 'Allow',
  3: 'AllowBypass',
  4: 'Block',
};
export const DIRECTION_BY_NUMBER: Readonly<Record<number, FirewallDirection>> = { 1: 'Inbound', 2: 'Outbound' };
export const CATEGORY_BY_NUMBER: Readonly<Record<number, NetworkCategory>> = {
  0: 'Public',
  1: 'Private',
  2: 'DomainAuthenticated',
};
export const CONNECTIVITY_BY_NUMBER: Readonly<Record<number, string>> = {
  0: 'Disconnected',
  1: 'NoTraffic',
  2: 'Subnet',
  3: 'LocalNetwork',
  4: 'Internet',
};

/**
 * The `Enabled` enum of firewall rules: True = 1, False = 2 (not 0!). Real JSON booleans are
 * accepted too, in case a caller selected a computed property.
 */
export function asRuleEnabled(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value === 1;
  if (typeof value === 'string') return /^(true|1)$/i.test(value.trim());
  return false;
}

/**
 * The GpoBoolean of per-VM settings: False = 0, True = 1, NotConfigured = 2 (undefined here,
 * meaning "the default applies").
 */
export function asGpoBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value === 1 ? true : value === 0 ? false : undefined;
  if (typeof value === 'string') {
    const word = value.trim().toLowerCase();
    return word === 'true' || word === '1' ? true : word === 'false' || word === '0' ? false : undefined;
  }
  return undefined;
}

const PROFILE_BITS: readonly [FirewallProfile, number][] = [
  ['Domain', 1],
  ['Private', 2],
  ['Public', 4],
];
const ALL_PROFILES: readonly FirewallProfile[] = ['Domain', 'Private', 'Public'];

/**
 * Profile flags: 0 = Any, 1 Domain, 2 Private, 4 Public, combinations OR-ed; as text
 * "Any" or "Private, Public". NotApplicable (65535) maps to no profile.
 */
export function asProfiles(value: unknown): FirewallProfile[] {
  if (value === undefined || value === null) return [...ALL_PROFILES];
  if (typeof value === 'number') {
    if (value === 0) return [...ALL_PROFILES];
    if (value === 65535) return [];
    return PROFILE_BITS.filter(([, bit]) => (value & bit) !== 0).map(([name]) => name);
  }
  const words = asStringList(value)
    .flatMap((item) => item.split(','))
    .map((word) => word.trim().toLowerCase())
    .filter((word) => word !== '');
  if (words.length === 1 && /^[0-9]+$/.test(words[0] as string)) return asProfiles(Number(words[0]));
  if (words.includes('any')) return [...ALL_PROFILES];
  return ALL_PROFILES.filter((profile) => words.includes(profile.toLowerCase()));
}
