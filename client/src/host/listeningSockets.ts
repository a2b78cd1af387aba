// Listening sockets of a distro with their owning process, either read from a /proc tree
// on this machine (inside WSL, or a test fixture tree) or from one text snapshot produced
// by a fixed shell script run through `wsl.exe -d <distro> -e sh -c …` (from Windows).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ListeningSocket, ProcNetTable } from './hostTypes';
import { isListening, parseProcNetTable, type ProcNetEntry } from './parseProcNet';
import { parseCommListing, parseFdListing, readSocketOwners, type SocketOwner } from './socketOwners';

export const PROC_NET_TABLES: readonly ProcNetTable[] = ['tcp', 'tcp6', 'udp', 'udp6'];

export interface ReadListeningSocketsOptions {
  /** Root of the proc filesystem; `/proc` normally, a fixture directory in tests. */
  readonly procRoot?: string;
  /** Skip UDP tables (UDP sockets are listed because mirrored/bridged can expose them). */
  readonly tcpOnly?: boolean;
  /** Skip the /proc/<pid>/fd walk when only addresses are needed. */
  readonly withOwners?: boolean;
}

export function readListeningSockets(options: ReadListeningSocketsOptions = {}): ListeningSocket[] {
  const procRoot = options.procRoot ?? '/proc';
  const tables: Partial<Record<ProcNetTable, string>> = {};
  for (const table of PROC_NET_TABLES) {
    if (options.tcpOnly && table.startsWith('udp')) continue;
    try {
      tables[table] = fs.readFileSync(path.join(procRoot, 'net', table), 'utf8');
    } catch {
      // tcp6/udp6 are absent when IPv6 is disabled in the kernel; that is not an error.
    }
  }
  const entries = listeningEntries(tables);
  const owners =
    options.withOwners === false
      ? new Map<number, SocketOwner>()
      : readSocketOwners(procRoot, new Set(entries.map((e) => e.inode)));
  return toSockets(entries, owners);
}

/**
 * The fixed script run in the distro from Windows. Only constants, single quotes and no
 * values from outside, so nothing in it can be influenced by user input. `ls -l` and
 * `grep -H` work with both GNU tools and busybox (Alpine); `/proc/self/fd` is listed so
 * `ls` always prints per-directory headers, even when only one process matches.
 */
export const SOCKET_SNAPSHOT_SCRIPT = [
  "for t in tcp tcp6 udp udp6; do echo '@@table' $t; cat /proc/net/$t 2>/dev/null; done",
  "echo '@@fd'",
  'ls -l /proc/self/fd /proc/[0-9]*/fd 2>/dev/null',
  "echo '@@comm'",
  "grep -H '' /proc/[0-9]*/comm 2>/dev/null",
  'exit 0',
].join('; ');

/** Parses the output of SOCKET_SNAPSHOT_SCRIPT. */
export function parseSocketSnapshot(text: string): ListeningSocket[] {
  const tables: Partial<Record<ProcNetTable, string>> = {};
  const fdLines: string[] = [];
  const commLines: string[] = [];
  let section: ProcNetTable | 'fd' | 'comm' | undefined;
  let tableLines: string[] = [];
  const closeTable = (): void => {
    if (section !== undefined && section !== 'fd' && section !== 'comm') tables[section] = tableLines.join('\n');
  };
  for (const line of text.replace(/\r/g, '').split('\n')) {
    const marker = /^@@(table (tcp6?|udp6?)|fd|comm)\s*$/.exec(line);
    if (marker) {
      closeTable();
      section = marker[2] !== undefined ? (marker[2] as ProcNetTable) : (marker[1] as 'fd' | 'comm');
      tableLines = [];
      continue;
    }
    if (section === 'fd') fdLines.push(line);
    else if (section === 'comm') commLines.push(line);
    else if (section !== undefined) tableLines.push(line);
  }
  closeTable();

  const entries = listeningEntries(tables);
  const inodeToPid = parseFdListing(fdLines.join('\n'));
  const names = parseCommListing(commLines.join('\n'));
  const owners = new Map<number, SocketOwner>();
  for (const [inode, pid] of inodeToPid) owners.set(inode, { pid, processName: names.get(pid) });
  return toSockets(entries, owners);
}

function listeningEntries(tables: Partial<Record<ProcNetTable, string>>): ProcNetEntry[] {
  const entries: ProcNetEntry[] = [];
  for (const table of PROC_NET_TABLES) {
    const text = tables[table];
    if (text === undefined) continue;
    for (const entry of parseProcNetTable(text, table)) if (isListening(entry)) entries.push(entry);
  }
  return entries;
}

function toSockets(entries: readonly ProcNetEntry[], owners: ReadonlyMap<number, SocketOwner>): ListeningSocket[] {
  return entries.map((entry) => {
    const owner = entry.inode === 0 ? undefined : owners.get(entry.inode);
    return {
      protocol: entry.table.startsWith('tcp') ? 'tcp' : 'udp',
      family: entry.table.endsWith('6') ? 6 : 4,
      address: entry.localAddress,
      port: entry.localPort,
      inode: entry.inode,
      uid: entry.uid,
      pid: owner?.pid,
      processName: owner?.processName,
      table: entry.table,
    };
  });
}
