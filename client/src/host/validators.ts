// Gatekeepers for every value that ends up on a command line (netsh arguments, PowerShell
// script text, wsl.exe -d). They accept only the plain shapes we need and return the
// canonical text, so a caller cannot accidentally pass the unvalidated original along.
import { isIP } from 'node:net';

export type Validation<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

export class ValidationError extends Error {
  override readonly name = 'ValidationError';
}

/** A TCP/UDP port: ASCII digits only (no sign, exponent, spaces), 1–65535. */
export function validatePort(input: unknown): Validation<number> {
  const text = typeof input === 'number' ? (Number.isInteger(input) ? String(input) : '') : input;
  if (typeof text !== 'string' || !/^[0-9]{1,5}$/.test(text)) {
    return { ok: false, error: `Not a port number: ${preview(input)} (expected digits 1-65535).` };
  }
  const port = Number(text);
  if (port < 1 || port > 65535) return { ok: false, error: `Port out of range: ${text} (expected 1-65535).` };
  return { ok: true, value: port };
}

/** Dotted-quad IPv4 without leading zeros (which some parsers read as octal). */
export function validateIPv4(input: unknown): Validation<string> {
  if (typeof input !== 'string' || !/^(?:0|[1-9][0-9]{0,2})(?:\.(?:0|[1-9][0-9]{0,2})){3}$/.test(input)) {
    return { ok: false, error: `Not an IPv4 address: ${preview(input)}.` };
  }
  if (input.split('.').some((octet) => Number(octet) > 255)) {
    return { ok: false, error: `Not an IPv4 address: ${preview(input)} (octet above 255).` };
  }
  return { ok: true, value: input };
}

/**
 * A distro name as WSL itself accepts for new registrations
 * (`LxssUserSessionImpl::s_ValidateDistroName`, src/windows/service/exe/LxssUserSession.cpp), minus a leading '-': such a
 * name would sit right after `-d` and could be taken for an option like `--shutdown`.
 */
export function validateDistroName(input: unknown): Validation<string> {
  if (typeof input !== 'string' || !/^[a-zA-Z0-9._-]{1,256}$/.test(input)) {
    return {
      ok: false,
      error: `Not a valid WSL distro name: ${preview(input)} (allowed: letters, digits, '.', '_', '-').`,
    };
  }
  if (input.startsWith('-'))
    return { ok: false, error: `Not a usable WSL distro name: ${preview(input)} (must not start with '-').` };
  return { ok: true, value: input };
}

export type Protocol = 'TCP' | 'UDP';
export function validateProtocol(input: unknown): Validation<Protocol> {
  if (typeof input === 'string' && /^(tcp|udp)$/i.test(input))
    return { ok: true, value: input.toUpperCase() as Protocol };
  return { ok: false, error: `Not a protocol: ${preview(input)} (expected TCP or UDP).` };
}

export type ProfileChoice = 'Private' | 'Public' | 'Domain' | 'Any';
export function validateProfile(input: unknown): Validation<ProfileChoice> {
  const known: readonly ProfileChoice[] = ['Private', 'Public', 'Domain', 'Any'];
  const found = known.find((name) => typeof input === 'string' && name.toLowerCase() === input.toLowerCase());
  return found ? { ok: true, value: found } : { ok: false, error: `Not a firewall profile: ${preview(input)}.` };
}

/**
 * A network prefix a user typed for "who may connect": `a.b.c.d/n` (n 1-32) or an IPv6
 * `x:…/n` (n 1-128), nothing else (no ranges, masks, zone ids, host names or blanks inside).
 * Host bits must be zero, so what the firewall matches is what the user reads. /0 is refused:
 * that is "anyone", which has its own choice.
 */
export function validateCidr(input: unknown): Validation<string> {
  const text = typeof input === 'string' ? input : undefined;
  const match = text === undefined ? null : /^([0-9.]{7,15}|[0-9a-fA-F:]{2,39})\/([0-9]{1,3})$/.exec(text);
  const address = match?.[1] ?? '';
  const family = address.includes(':') ? 6 : 4;
  const length = Number(match?.[2]);
  const bad = (why: string): Validation<string> => ({
    ok: false,
    error: `Not a network prefix: ${preview(input)} (${why}; e.g. 192.168.1.0/24 or fd00::/8).`,
  });
  if (!match || (family === 4 ? !validateIPv4(address).ok : isIP(address) !== 6))
    return bad('expected an IPv4 or IPv6 address, a slash and a prefix length');
  if (/^0[0-9]/.test(match[2] ?? '') || length < 1 || length > (family === 4 ? 32 : 128))
    return bad(`the prefix length must be 1-${family === 4 ? 32 : 128}`);
  const bits = family === 4 ? ipv4Bits(address) : ipv6Bits(address);
  const total = family === 4 ? 32n : 128n;
  const hostMask = (1n << (total - BigInt(length))) - 1n;
  if ((bits & hostMask) !== 0n) {
    const network = bits & ~hostMask;
    const suggestion = family === 4 ? formatIPv4Bits(network) : formatIPv6Bits(network);
    return bad(`host bits are set; did you mean ${suggestion}/${length}?`);
  }
  return { ok: true, value: `${family === 4 ? address : address.toLowerCase()}/${length}` };
}

function ipv4Bits(address: string): bigint {
  return address.split('.').reduce((acc, octet) => (acc << 8n) | BigInt(Number(octet)), 0n);
}

function formatIPv4Bits(bits: bigint): string {
  return [24n, 16n, 8n, 0n].map((shift) => String((bits >> shift) & 255n)).join('.');
}

function ipv6Bits(address: string): bigint {
  const [head = '', tail] = address.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const groups =
    tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return groups.reduce((acc, group) => (acc << 16n) | BigInt(parseInt(group, 16)), 0n);
}

function formatIPv6Bits(bits: bigint): string {
  const groups = [7n, 6n, 5n, 4n, 3n, 2n, 1n, 0n].map((i) => ((bits >> (i * 16n)) & 0xffffn).toString(16));
  return groups.join(':').replace(/(^|:)0(:0)+(:|$)/, '::');
}

/**
 * Who may connect to an exposed port: the firewall's `LocalSubnet` or `Any` keyword
 * (New-NetFirewallRule -RemoteAddress, learn.microsoft.com/powershell/module/netsecurity/new-netfirewallrule)
 * or one prefix (validateCidr). Returns the canonical text that goes on the command line.
 */
export type RemoteScope = 'LocalSubnet' | 'Any' | `${string}/${number}`;
export function validateRemoteScope(input: unknown): Validation<RemoteScope> {
  if (typeof input === 'string' && /^localsubnet$/i.test(input)) return { ok: true, value: 'LocalSubnet' };
  if (typeof input === 'string' && /^any$/i.test(input)) return { ok: true, value: 'Any' };
  const cidr = validateCidr(input);
  return cidr.ok ? { ok: true, value: cidr.value as RemoteScope } : cidr;
}

/** Tailscale's peer addresses: the CGNAT block 100.64.0.0/10 (RFC 6598) that tailnets assign from. */
export const TAILSCALE_PREFIX: RemoteScope = '100.64.0.0/10';

/** Returns the value or throws ValidationError; for builders that must not continue. */
export function required<T>(validation: Validation<T>): T {
  if (!validation.ok) throw new ValidationError(validation.error);
  return validation.value;
}

function preview(value: unknown): string {
  const text = typeof value === 'string' ? value : String(value);
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text);
}
