// Whether a user may write a file in place (or create it), decided from the file's owner, group
// and mode bits rather than fs.access: fs.access can only answer for this process, and the
// question is asked for the user VS Code runs as inside a distro, which the tests (running as
// root on a plain Linux machine) must be able to name. The kernel's check for a file without
// ACLs is exactly this: owner bits for the owner, group bits for a member of its group, the
// others' bits for everyone else, and root passes (path_resolution(7), "Permissions").
import * as fs from 'node:fs/promises';
import * as path from 'node:path';

export interface UserIdentity {
  readonly uid: number;
  /** Primary and supplementary groups. */
  readonly gids: readonly number[];
}

/** This process's user, or undefined where POSIX ids do not exist (Windows). */
export function processIdentity(): UserIdentity | undefined {
  if (typeof process.geteuid !== 'function' || typeof process.getgroups !== 'function') return undefined;
  const gids = new Set<number>(process.getgroups());
  if (typeof process.getegid === 'function') gids.add(process.getegid());
  return { uid: process.geteuid(), gids: [...gids] };
}

export type WriteAccess =
  | { readonly writable: true }
  /** `blockedBy` is the file itself, or its folder when the file does not exist yet. */
  | { readonly writable: false; readonly blockedBy: string };

const WRITE = 0o2;
const SEARCH = 0o1;

function allowed(stat: { uid: number; gid: number; mode: number }, who: UserIdentity, bits: number): boolean {
  if (who.uid === 0) return true;
  const shift = stat.uid === who.uid ? 6 : who.gids.includes(stat.gid) ? 3 : 0;
  return ((stat.mode >> shift) & bits) === bits;
}

/**
 * Whether `who` may save `target` the way an editor does: write the existing file in place, or
 * create it in its folder (write and search permission on the folder) when it does not exist.
 */
export async function checkWriteAccess(target: string, who: UserIdentity): Promise<WriteAccess> {
  try {
    const stat = await fs.stat(target);
    return allowed(stat, who, WRITE) ? { writable: true } : { writable: false, blockedBy: target };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const folder = path.dirname(target);
  const stat = await fs.stat(folder);
  return allowed(stat, who, WRITE | SEARCH) ? { writable: true } : { writable: false, blockedBy: folder };
}
