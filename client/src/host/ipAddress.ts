// Small address helpers for the reachability model: what kind of bind an address is, and
// which literal addresses a portproxy rule or socket can match.
import { isIP } from 'node:net';

export type BindKind = 'loopback' | 'wildcard' | 'specific';

export function classifyBindAddress(address: string): BindKind {
  const plain = unmapIPv4(address);
  if (plain === '0.0.0.0' || plain === '::' || plain === '*') return 'wildcard';
  if (isLoopback(plain)) return 'loopback';
  return 'specific';
}

export function isLoopback(address: string): boolean {
  const plain = unmapIPv4(address).toLowerCase();
  return plain === '::1' || plain === 'localhost' || /^127\./.test(plain);
}

/**
 * An address as it is written before a port: an IPv6 literal in brackets (`[::1]`, RFC 3986 §3.2.2),
 * anything else as it is; then `:port` when there is one. `[::]:5432`, `localhost`, `127.0.0.1:7890`.
 */
export function hostWithPort(host: string, port?: number | string): string {
  const shown = host.includes(':') ? `[${host}]` : host;
  return port === undefined ? shown : `${shown}:${port}`;
}

/** `::ffff:10.1.2.3` → `10.1.2.3`; other text unchanged. */
export function unmapIPv4(address: string): string {
  const match = /^::ffff:([0-9.]+)$/i.exec(address);
  return match && isIP(match[1] as string) === 4 ? (match[1] as string) : address;
}

export function addressFamily(address: string): 4 | 6 | undefined {
  const kind = isIP(unmapIPv4(address));
  return kind === 4 ? 4 : kind === 6 ? 6 : undefined;
}

export function sameAddress(a: string, b: string): boolean {
  return unmapIPv4(a).toLowerCase() === unmapIPv4(b).toLowerCase();
}

function ipv4ToNumber(address: string): number | undefined {
  if (isIP(address) !== 4) return undefined;
  return address.split('.').reduce((acc, octet) => acc * 256 + Number(octet), 0);
}

/** IPv4 CIDR containment (`172.16.0.0/12`). IPv6 ranges are not needed by the model. */
export function ipv4InCidr(address: string, cidr: string): boolean {
  const [base, lengthText] = cidr.split('/');
  const value = ipv4ToNumber(unmapIPv4(address));
  const baseValue = ipv4ToNumber(base ?? '');
  // Digits only: `Number('')` is 0, so a bare `10.0.0.0/` would otherwise read as /0, everyone.
  const length = /^[0-9]{1,2}$/.test(lengthText ?? '') ? Number(lengthText) : -1;
  if (value === undefined || baseValue === undefined || length < 0 || length > 32) return false;
  const size = 2 ** (32 - length);
  return Math.floor(value / size) === Math.floor(baseValue / size);
}

/** `172.23.21.232`, 20 → `172.23.16.0/20`: the network an interface address with that prefix length sits in. */
export function ipv4Network(address: string, prefixLength: number): string | undefined {
  const value = ipv4ToNumber(address);
  if (value === undefined || !Number.isInteger(prefixLength) || prefixLength < 1 || prefixLength > 32) return undefined;
  const size = 2 ** (32 - prefixLength);
  const network = Math.floor(value / size) * size;
  return `${[24, 16, 8, 0].map((shift) => Math.floor(network / 2 ** shift) % 256).join('.')}/${prefixLength}`;
}
