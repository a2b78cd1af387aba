// Which process owns a socket inode. The kernel exposes it only the other way round: every
// open descriptor /proc/<pid>/fd/<n> is a symlink whose target reads `socket:[<inode>]`.
// We walk all descriptors ONCE and build an inode → pid map, so the cost is linear in the
// number of open descriptors, however many sockets are looked up afterwards.
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface SocketOwner {
  readonly pid: number;
  readonly processName: string | undefined;
}

const SOCKET_LINK = /^socket:\[([0-9]+)\]$/;

/**
 * Reads `<procRoot>/<pid>/fd/*` and `<procRoot>/<pid>/comm`. Processes of other users are
 * skipped silently (EACCES), which is what `ss -p` shows without root too. When
 * `wantedInodes` is given, the walk stops as soon as all of them are found.
 *
 * Synchronous on purpose: thousands of tiny readlink calls through the libuv thread pool
 * are several times slower than doing them back to back, and the whole walk stays in the
 * low milliseconds for typical machines.
 */
export function readSocketOwners(procRoot: string, wantedInodes?: ReadonlySet<number>): Map<number, SocketOwner> {
  const inodeToPid = new Map<number, number>();
  let remaining = wantedInodes?.size ?? Number.POSITIVE_INFINITY;
  if (remaining === 0) return new Map();

  let entries: string[];
  try {
    entries = fs.readdirSync(procRoot);
  } catch {
    return new Map();
  }
  // Ascending pids: when a socket is shared after fork(), the parent (lower pid) usually
  // is the process the user started.
  const pids = entries
    .filter((name) => /^[0-9]+$/.test(name))
    .map(Number)
    .sort((a, b) => a - b);

  walk: for (const pid of pids) {
    const fdDir = path.join(procRoot, String(pid), 'fd');
    let fds: string[];
    try {
      fds = fs.readdirSync(fdDir);
    } catch {
      continue;
    }
    for (const fd of fds) {
      let target: string;
      try {
        target = fs.readlinkSync(path.join(fdDir, fd));
      } catch {
        continue;
      }
      const match = SOCKET_LINK.exec(target);
      if (!match) continue;
      const inode = Number(match[1]);
      if (inodeToPid.has(inode)) continue;
      if (wantedInodes !== undefined && !wantedInodes.has(inode)) continue;
      inodeToPid.set(inode, pid);
      if (--remaining === 0) break walk;
    }
  }

  const names = new Map<number, string | undefined>();
  const owners = new Map<number, SocketOwner>();
  for (const [inode, pid] of inodeToPid) {
    if (!names.has(pid)) names.set(pid, readComm(procRoot, pid));
    owners.set(inode, { pid, processName: names.get(pid) });
  }
  return owners;
}

function readComm(procRoot: string, pid: number): string | undefined {
  try {
    return fs.readFileSync(path.join(procRoot, String(pid), 'comm'), 'utf8').replace(/\n$/, '');
  } catch {
    return undefined;
  }
}

/**
 * Parses `ls -l /proc/[0-9]*\/fd …` output (GNU coreutils and busybox): a `<dir>/<pid>/fd:`
 * header per process followed by `… <n> -> socket:[<inode>]` lines.
 */
export function parseFdListing(text: string): Map<number, number> {
  const inodeToPid = new Map<number, number>();
  let pid: number | undefined;
  for (const line of text.split('\n')) {
    const header = /^(.*)\/fd:\s*$/.exec(line);
    if (header) {
      // `/proc/self/fd:` (the ls process itself) resets the owner so its lines are dropped.
      const pidMatch = /\/([0-9]+)$/.exec(header[1] as string);
      pid = pidMatch ? Number(pidMatch[1]) : undefined;
      continue;
    }
    if (pid === undefined) continue;
    const link = / -> socket:\[([0-9]+)\]\s*$/.exec(line);
    if (link) {
      const inode = Number(link[1]);
      if (!inodeToPid.has(inode)) inodeToPid.set(inode, pid);
    }
  }
  return inodeToPid;
}

/** Parses `grep -H '' /proc/[0-9]*\/comm` output: `<dir>/<pid>/comm:<name>` per line. */
export function parseCommListing(text: string): Map<number, string> {
  const names = new Map<number, string>();
  for (const line of text.split('\n')) {
    const match = /^.*?\/([0-9]+)\/comm:(.*)$/.exec(line);
    if (match) names.set(Number(match[1]), match[2] as string);
  }
  return names;
}
