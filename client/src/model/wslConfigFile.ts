/**
 * Reading and writing `.wslconfig` on disk without losing anything: the bytes read are kept so
 * a write can (1) reproduce encoding, BOM and line endings (core/encoding.ts), and (2) refuse
 * when the file changed on disk since it was read. The one parser (core/analyzer.ts) interprets it.
 *
 * Everything here is asynchronous: it runs on the extension host's thread, which a blocking read
 * would freeze (a FIFO at the path blocks `readFileSync` forever). A path that is not a regular
 * file, or is larger than MAX_CONFIG_FILE_BYTES, is refused before a byte is read.
 *
 * Writes keep what the user set up: a symbolic link is written through (the temporary file goes
 * next to the link's target and is renamed over the target, so the link stays a link); a file with
 * several hard links is rewritten in place, because a rename would detach it from its other names
 * (the caller keeps a backup first, configBackups.ts); a file without write permission bits is
 * refused. Otherwise a write is atomic: a temporary file in the same folder, then a rename.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  analyze,
  decodeConfigBytes,
  describeNonRegularFile,
  encodeConfigText,
  MAX_CONFIG_FILE_BYTES,
  spliceConfigBytes,
  type FileEncoding,
  type NetworkingMode,
} from '../../../server/src/core';

export interface WslConfigSnapshot {
  readonly path: string;
  readonly exists: boolean;
  /** The exact bytes read (undefined when missing or unreadable). */
  readonly bytes?: Buffer;
  /** Decoded text without BOM. */
  readonly text?: string;
  readonly encoding?: FileEncoding;
  readonly mtimeMs?: number;
  readonly readError?: string;
}

type BoundedRead =
  | { readonly kind: 'missing' }
  | { readonly kind: 'refused'; readonly reason: string }
  | { readonly kind: 'read'; readonly bytes: Buffer; readonly stats: fs.Stats };

const tooLarge = (file: string): string =>
  `${file} is larger than ${MAX_CONFIG_FILE_BYTES} bytes; a .wslconfig is a few kilobytes, so WSL Network does not read it.`;

/**
 * Reads `file` if it is a regular file of at most MAX_CONFIG_FILE_BYTES. `stat` first (it does not
 * open, so a FIFO cannot block it); then a non-blocking open and `fstat` of what was opened, so a
 * FIFO swapped in between is still refused; the read stops one byte past the limit, so a file that
 * grows while read cannot make it unbounded.
 */
async function readRegularFile(file: string): Promise<BoundedRead> {
  let stats: fs.Stats;
  try {
    stats = await fs.promises.stat(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'missing' };
    return { kind: 'refused', reason: (error as Error).message };
  }
  if (!stats.isFile()) return { kind: 'refused', reason: `${file} ${describeNonRegularFile(stats)}.` };
  if (stats.size > MAX_CONFIG_FILE_BYTES) return { kind: 'refused', reason: tooLarge(file) };
  let handle: fs.promises.FileHandle;
  try {
    // O_NONBLOCK does not exist on Windows (where a FIFO cannot be opened by path anyway).
    handle = await fs.promises.open(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'refused', reason: (error as Error).message };
  }
  try {
    const opened = await handle.stat();
    if (!opened.isFile()) return { kind: 'refused', reason: `${file} ${describeNonRegularFile(opened)}.` };
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(64 * 1024, MAX_CONFIG_FILE_BYTES + 1 - total));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
      if (total > MAX_CONFIG_FILE_BYTES) return { kind: 'refused', reason: tooLarge(file) };
    }
    return { kind: 'read', bytes: Buffer.concat(chunks, total), stats: opened };
  } finally {
    await handle.close();
  }
}

export async function readWslConfig(file: string): Promise<WslConfigSnapshot> {
  const read = await readRegularFile(file);
  if (read.kind === 'missing') return { path: file, exists: false };
  if (read.kind === 'refused') return { path: file, exists: false, readError: read.reason };
  const decoded = decodeConfigBytes(read.bytes);
  return {
    path: file,
    exists: true,
    bytes: read.bytes,
    text: decoded.text,
    encoding: decoded.encoding,
    mtimeMs: read.stats.mtimeMs,
  };
}

/** What the cockpit needs from `.wslconfig`, as WSL reads it (first occurrence wins, defaults applied). */
export interface ConfigSummary {
  /** The mode WSL will try at the next start (NAT when unset or invalid). */
  readonly mode: NetworkingMode;
  /** networkingMode is written in the file (and valid). */
  readonly modeExplicit: boolean;
  readonly localhostForwarding?: boolean;
  readonly ignoredPorts?: readonly number[];
  readonly hostAddressLoopback?: boolean;
  readonly virtio?: boolean;
  readonly vmSwitch?: string;
  readonly firewall?: boolean;
}

export function summarizeConfig(text: string | undefined): ConfigSummary {
  if (text === undefined) return { mode: 'nat', modeExplicit: false };
  const settings = analyze(text, 'wslconfig').settings;
  const bool = (section: string, key: string): boolean | undefined => {
    const value = settings.value(section, key);
    return typeof value === 'boolean' ? value : undefined;
  };
  const ports = settings.value('experimental', 'ignoredPorts');
  const vmSwitch = settings.value('wsl2', 'vmSwitch');
  const localhostForwarding = bool('wsl2', 'localhostForwarding');
  const hostAddressLoopback = bool('experimental', 'hostAddressLoopback');
  const virtio = bool('wsl2', 'virtio');
  const firewall = bool('wsl2', 'firewall');
  return {
    mode: settings.networkingMode,
    modeExplicit: typeof settings.value('wsl2', 'networkingMode') === 'string',
    ...(localhostForwarding !== undefined ? { localhostForwarding } : {}),
    ...(Array.isArray(ports) ? { ignoredPorts: ports } : {}),
    ...(hostAddressLoopback !== undefined ? { hostAddressLoopback } : {}),
    ...(virtio !== undefined ? { virtio } : {}),
    ...(typeof vmSwitch === 'string' && vmSwitch !== '' ? { vmSwitch } : {}),
    ...(firewall !== undefined ? { firewall } : {}),
  };
}

/**
 * The `[experimental] ignoredPorts` value with `port` added, from the file's current text: the
 * items already there are kept as written (blanks around commas dropped, which WSL skips anyway);
 * undefined when WSL already reads `port` from one of them.
 */
export function ignoredPortsWith(text: string | undefined, port: number): string | undefined {
  const settings = analyze(text ?? '', 'wslconfig').settings;
  const read = settings.value('experimental', 'ignoredPorts');
  if (Array.isArray(read) && read.includes(port)) return undefined;
  const items = (settings.entry('experimental', 'ignoredPorts')?.value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  return [...items, String(port)].join(',');
}

export class ConfigChangedOnDiskError extends Error {
  override readonly name = 'ConfigChangedOnDiskError';
}

/** The file (or a link's target) cannot be written as it is: read-only, a dangling link, not a regular file. */
export class ConfigNotWritableError extends Error {
  override readonly name = 'ConfigNotWritableError';
}

/** True when the file on disk still holds exactly what `snapshot` read (or is still missing). */
export async function unchangedOnDisk(snapshot: WslConfigSnapshot): Promise<boolean> {
  const current = await readRegularFile(snapshot.path);
  if (current.kind === 'refused') return false;
  if (!snapshot.exists) return current.kind === 'missing';
  return current.kind === 'read' && snapshot.bytes !== undefined && current.bytes.equals(snapshot.bytes);
}

/**
 * Replaces the file's text with `newText`, encoded like the original (a new file: UTF-8 without
 * BOM). Refuses with ConfigChangedOnDiskError when the file changed since `snapshot` was read.
 * Returns the bytes written.
 */
export async function writeWslConfigAtomic(snapshot: WslConfigSnapshot, newText: string): Promise<Buffer> {
  if (snapshot.readError) throw new Error(`${snapshot.path} could not be read: ${snapshot.readError}`);
  // Only the changed lines are re-encoded; every other byte is copied as read (core/encoding.ts).
  const spliced =
    snapshot.bytes && snapshot.text !== undefined
      ? spliceConfigBytes(snapshot.bytes, snapshot.encoding ?? 'utf8', snapshot.text, newText)
      : undefined;
  return writeWslConfigBytes(snapshot, Buffer.from(spliced ?? encodeConfigText(newText, snapshot.encoding ?? 'utf8')));
}

/** Where a write really goes: the file itself, or the final target of a symbolic link. */
interface WriteTarget {
  readonly path: string;
  /** undefined: no file there yet. */
  readonly stats?: fs.Stats;
}

async function writeTarget(file: string): Promise<WriteTarget> {
  let link: fs.Stats;
  try {
    link = await fs.promises.lstat(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { path: file };
    throw error;
  }
  let target = file;
  if (link.isSymbolicLink()) {
    try {
      target = await fs.promises.realpath(file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ELOOP') throw error;
      // Writing a new file would replace the link with a plain file: not what whoever made it wants.
      const points = await fs.promises.readlink(file).catch(() => '?');
      throw new ConfigNotWritableError(
        `${file} is a symbolic link to ${points}, which does not exist; nothing was written. Create the target, or remove the link.`,
      );
    }
  }
  const stats = await fs.promises.stat(target);
  if (!stats.isFile())
    throw new ConfigNotWritableError(`${target} ${describeNonRegularFile(stats)}; nothing was written.`);
  // The mode bits, not access(): tests (and some WSL setups) run as root, which access() lets write anyway.
  if ((stats.mode & 0o222) === 0)
    throw new ConfigNotWritableError(
      `${target} is read-only; nothing was written. Make it writable (clear the read-only attribute) to let WSL Network change it.`,
    );
  return { path: target, stats };
}

/** The name of our temporary file next to `target`; `isStaleTempFile` recognises exactly this pattern. */
function tempFileFor(target: string): string {
  return path.join(
    path.dirname(target),
    `.${path.basename(target)}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`,
  );
}

function tempPattern(target: string): RegExp {
  const escaped = path.basename(target).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^\\.${escaped}\\.(\\d{1,10})\\.[0-9a-f]{8}\\.tmp$`);
}

/**
 * Replaces the file's bytes with `bytes` exactly (Undo gives back the original bytes this way).
 * Refuses with ConfigChangedOnDiskError when the file changed since `snapshot` was read, and with
 * ConfigNotWritableError when it is read-only or a dangling link.
 */
export async function writeWslConfigBytes(snapshot: WslConfigSnapshot, bytes: Buffer): Promise<Buffer> {
  if (snapshot.readError) throw new Error(`${snapshot.path} could not be read: ${snapshot.readError}`);
  if (!(await unchangedOnDisk(snapshot))) {
    throw new ConfigChangedOnDiskError(
      `${snapshot.path} changed on disk after it was read; nothing was written. Try again.`,
    );
  }
  const target = await writeTarget(snapshot.path);
  if (target.stats && target.stats.nlink > 1) {
    await writeInPlace(target.path, bytes);
    return bytes;
  }
  await fs.promises.mkdir(path.dirname(target.path), { recursive: true });
  const temp = tempFileFor(target.path);
  let created = false;
  try {
    const handle = await fs.promises.open(temp, 'wx', target.stats ? target.stats.mode & 0o777 : 0o644);
    created = true;
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    // Last check right before the rename: the window for a lost update is the rename itself.
    if (!(await unchangedOnDisk(snapshot))) {
      throw new ConfigChangedOnDiskError(
        `${snapshot.path} changed on disk while it was being written; nothing was changed. Try again.`,
      );
    }
    await fs.promises.rename(temp, target.path);
  } catch (error) {
    if (created) await fs.promises.rm(temp, { force: true });
    throw error;
  }
  return bytes;
}

/**
 * Overwrites a hard-linked file through its own inode, so every name keeps seeing the new bytes (a
 * rename would leave the other names on the old file). Not atomic: configBackups.ts keeps the
 * original bytes on disk before any change, and Undo restores them.
 */
async function writeInPlace(target: string, bytes: Buffer): Promise<void> {
  const handle = await fs.promises.open(target, 'r+');
  try {
    let written = 0;
    while (written < bytes.length) {
      const { bytesWritten } = await handle.write(bytes, written, bytes.length - written, written);
      written += bytesWritten;
    }
    await handle.truncate(bytes.length);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** A stale temporary file is removed once it is this old, even when its pid runs (pids are reused). */
const STALE_TEMP_AGE_MS = 60 * 60 * 1000;

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the temporary files a crash between write and rename left next to `file` (or next to its
 * link's target): only regular files named exactly like ours, and only when the process that wrote
 * them is gone or they are old. Returns the paths removed.
 */
export async function cleanStaleTempFiles(
  file: string,
  options: { now?: number; isAlive?: (pid: number) => boolean } = {},
): Promise<string[]> {
  const now = options.now ?? Date.now();
  const isAlive = options.isAlive ?? processAlive;
  const targets = new Set([file]);
  targets.add(await fs.promises.realpath(file).catch(() => file));
  const removed: string[] = [];
  for (const target of targets) {
    const pattern = tempPattern(target);
    const dir = path.dirname(target);
    const names = await fs.promises.readdir(dir).catch(() => [] as string[]);
    for (const name of names) {
      const match = pattern.exec(name);
      if (!match) continue;
      const candidate = path.join(dir, name);
      const stats = await fs.promises.lstat(candidate).catch(() => undefined);
      if (!stats?.isFile()) continue;
      const pid = Number(match[1]);
      const old = now - stats.mtimeMs > STALE_TEMP_AGE_MS;
      if (!old && (pid === process.pid || isAlive(pid))) continue;
      await fs.promises.rm(candidate, { force: true });
      removed.push(candidate);
    }
  }
  return removed;
}

/** A commented starting point for a missing `.wslconfig`; every setting is commented out. */
export function wslConfigTemplate(eol: '\n' | '\r\n'): string {
  return [
    '# .wslconfig: settings for every WSL 2 distro, read by WSL when its VM starts.',
    '# Changes take effect after `wsl --shutdown`. Only "#" starts a comment; ";" does not.',
    '# The first occurrence of a key wins. Reference: https://learn.microsoft.com/windows/wsl/wsl-config',
    '',
    '[wsl2]',
    '# networkingMode=mirrored',
    '# memory=8GB',
    '# processors=4',
    '# localhostForwarding=true',
    '',
    '[experimental]',
    '# hostAddressLoopback=true',
    '',
  ].join(eol);
}

/** Creates the file with `text`; fails when it exists (the caller asked before). */
export async function createWslConfig(file: string, text: string): Promise<void> {
  await fs.promises.mkdir(path.dirname(file), { recursive: true });
  await fs.promises.writeFile(file, text, { flag: 'wx' });
}
