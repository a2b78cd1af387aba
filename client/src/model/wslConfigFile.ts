/**
 * Reading and writing `.wslconfig` on disk without losing anything: the bytes read are kept so
 * a write can (1) reproduce encoding, BOM and line endings (core/encoding.ts), and (2) refuse
 * when the file changed on disk since it was read. Writes are atomic: a temporary file in the
 * same folder, then a rename over the original. The one parser (core/analyzer.ts) interprets it.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  analyze,
  decodeConfigBytes,
  encodeConfigText,
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

export function readWslConfig(file: string): WslConfigSnapshot {
  try {
    const stat = fs.statSync(file);
    const bytes = fs.readFileSync(file);
    const decoded = decodeConfigBytes(bytes);
    return { path: file, exists: true, bytes, text: decoded.text, encoding: decoded.encoding, mtimeMs: stat.mtimeMs };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { path: file, exists: false };
    return { path: file, exists: false, readError: (error as Error).message };
  }
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

/** True when the file on disk still holds exactly what `snapshot` read (or is still missing). */
export function unchangedOnDisk(snapshot: WslConfigSnapshot): boolean {
  let current: Buffer | undefined;
  try {
    current = fs.readFileSync(snapshot.path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') current = undefined;
    else throw error;
  }
  if (!snapshot.exists) return current === undefined;
  return current !== undefined && snapshot.bytes !== undefined && current.equals(snapshot.bytes);
}

/**
 * Replaces the file's text with `newText`, encoded like the original (a new file: UTF-8 without
 * BOM). Refuses with ConfigChangedOnDiskError when the file changed since `snapshot` was read.
 * Returns the bytes written.
 */
export function writeWslConfigAtomic(snapshot: WslConfigSnapshot, newText: string): Buffer {
  if (snapshot.readError) throw new Error(`${snapshot.path} could not be read: ${snapshot.readError}`);
  // Only the changed lines are re-encoded; every other byte is copied as read (core/encoding.ts).
  const spliced =
    snapshot.bytes && snapshot.text !== undefined
      ? spliceConfigBytes(snapshot.bytes, snapshot.encoding ?? 'utf8', snapshot.text, newText)
      : undefined;
  return writeWslConfigBytes(snapshot, Buffer.from(spliced ?? encodeConfigText(newText, snapshot.encoding ?? 'utf8')));
}

/**
 * Replaces the file's bytes with `bytes` exactly (Undo gives back the original bytes this way).
 * Refuses with ConfigChangedOnDiskError when the file changed since `snapshot` was read.
 */
export function writeWslConfigBytes(snapshot: WslConfigSnapshot, bytes: Buffer): Buffer {
  if (snapshot.readError) throw new Error(`${snapshot.path} could not be read: ${snapshot.readError}`);
  if (!unchangedOnDisk(snapshot)) {
    throw new ConfigChangedOnDiskError(
      `${snapshot.path} changed on disk after it was read; nothing was written. Try again.`,
    );
  }
  const dir = path.dirname(snapshot.path);
  fs.mkdirSync(dir, { recursive: true });
  const temp = path.join(
    dir,
    `.${path.basename(snapshot.path)}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`,
  );
  let mode: number | undefined;
  try {
    mode = fs.statSync(snapshot.path).mode & 0o777;
  } catch {
    mode = undefined;
  }
  try {
    const fd = fs.openSync(temp, 'wx', mode ?? 0o644);
    try {
      fs.writeFileSync(fd, bytes);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    // Last check right before the rename: the window for a lost update is the rename itself.
    if (!unchangedOnDisk(snapshot)) {
      throw new ConfigChangedOnDiskError(
        `${snapshot.path} changed on disk while it was being written; nothing was changed. Try again.`,
      );
    }
    fs.renameSync(temp, snapshot.path);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
  return bytes;
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
export function createWslConfig(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text, { flag: 'wx' });
}
