// /proc/net/{tcp,tcp6,udp,udp6}. The kernel prints addresses as the raw in-memory words in
// hex: IPv4 is one 32-bit word and IPv6 four of them, each in host byte order (little-endian
// on x86-64 and arm64, the only WSL architectures); the port is printed as a number, so it
// is plain big-endian hex.
import type { ProcNetTable } from './hostTypes';

export interface ProcNetEntry {
  readonly table: ProcNetTable;
  readonly localAddress: string;
  readonly localPort: number;
  readonly remoteAddress: string;
  readonly remotePort: number;
  /** The kernel socket state number (TCP_LISTEN = 0x0A, TCP_CLOSE = 0x07, …). */
  readonly state: number;
  readonly uid: number;
  readonly inode: number;
}

export const TCP_LISTEN = 0x0a;
/** Unbound-peer UDP sockets sit in TCP_CLOSE; connected ones move to ESTABLISHED (0x01). */
export const UDP_UNCONNECTED = 0x07;

export function parseProcNetTable(text: string, table: ProcNetTable): ProcNetEntry[] {
  const entries: ProcNetEntry[] = [];
  let start = 0;
  // The first line is the column header; data lines start with "<slot>:".
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end);
    start = end + 1;
    const fields = line.trim().split(/\s+/);
    if (fields.length < 10 || !/^[0-9]+:$/.test(fields[0] as string)) continue;
    const local = splitEndpoint(fields[1] as string);
    const remote = splitEndpoint(fields[2] as string);
    if (local === undefined || remote === undefined) continue;
    entries.push({
      table,
      localAddress: local.address,
      localPort: local.port,
      remoteAddress: remote.address,
      remotePort: remote.port,
      state: parseInt(fields[3] as string, 16),
      uid: Number(fields[7]),
      inode: Number(fields[9]),
    });
  }
  return entries;
}

export function isListening(entry: ProcNetEntry): boolean {
  if (entry.table === 'tcp' || entry.table === 'tcp6') return entry.state === TCP_LISTEN;
  return entry.state === UDP_UNCONNECTED && entry.remotePort === 0 && entry.localPort !== 0;
}

function splitEndpoint(field: string): { address: string; port: number } | undefined {
  const colon = field.indexOf(':');
  if (colon < 0) return undefined;
  const address = decodeProcAddress(field.slice(0, colon));
  const port = parseInt(field.slice(colon + 1), 16);
  return address === undefined || Number.isNaN(port) ? undefined : { address, port };
}

/** 8 hex digits → IPv4, 32 → IPv6 (RFC 5952 text; IPv4-mapped as ::ffff:a.b.c.d). */
export function decodeProcAddress(hex: string): string | undefined {
  if (!/^[0-9A-Fa-f]+$/.test(hex)) return undefined;
  if (hex.length === 8) return littleEndianWordBytes(hex).join('.');
  if (hex.length !== 32) return undefined;
  const bytes: number[] = [];
  for (let word = 0; word < 4; word++) bytes.push(...littleEndianWordBytes(hex.slice(word * 8, word * 8 + 8)));
  return formatIPv6(bytes);
}

function littleEndianWordBytes(hex8: string): number[] {
  const value = parseInt(hex8, 16);
  return [value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, (value >>> 24) & 0xff];
}

/** RFC 5952: lower case, longest run (≥ 2) of zero groups compressed, first run on ties. */
export function formatIPv6(bytes: readonly number[]): string {
  const isMapped = bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
  if (isMapped) return `::ffff:${bytes.slice(12).join('.')}`;
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] as number) << 8) | (bytes[i + 1] as number));
  let bestStart = -1;
  let bestLength = 0;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((group) => group.toString(16));
  if (bestLength < 2) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}
