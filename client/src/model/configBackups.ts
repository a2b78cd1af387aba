/**
 * Backups of `.wslconfig` on disk and the record of each change WSL Network made to it, so that
 * Undo restores the exact original bytes also after a window reload.
 *
 * The backups go into the extension's global storage folder, not next to the file: %UserProfile%
 * is the user's own folder (often synced, and WSL reads `.wslconfig` from there), and a workspace
 * cannot point our storage elsewhere. The records live in the extension's global state (like the
 * exposure ledger, cockpit/ledger.ts). Only the newest MAX_CONFIG_BACKUPS are kept; older backups
 * and backups no record names are removed.
 *
 * A record holds SHA-256 digests of the bytes before and after our change: Undo writes the backup
 * back only while the file still holds exactly what we wrote (and the backup what we read), so a
 * later change by the user or another program is never overwritten.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readWslConfig, writeWslConfigBytes, type WslConfigSnapshot } from './wslConfigFile';

/** The part of vscode.Memento used here (so plain Node tests can pass a Map-backed one). */
export interface StateStore {
  get<T>(key: string, defaultValue: T): T;
  update(key: string, value: unknown): PromiseLike<void>;
}

export interface ConfigChangeRecord {
  /** `<ms since 1970>-<16 hex>`; also the backup's file name (`<id>.bak`). */
  readonly id: string;
  /** The `.wslconfig` that was changed. */
  readonly path: string;
  readonly at: number;
  /** The changed lines, for the confirmation ("networkingMode=mirrored"). */
  readonly what: string;
  /** false: the change created the file, and Undo removes it again. */
  readonly existed: boolean;
  readonly originalSha256?: string;
  readonly writtenSha256: string;
}

export const CONFIG_CHANGES_KEY = 'wslNetwork.wslconfigChanges';
export const MAX_CONFIG_BACKUPS = 10;

const ID_PATTERN = /^\d{13}-[0-9a-f]{16}$/;
const BACKUP_PATTERN = /^\d{13}-[0-9a-f]{16}\.bak$/;
const SHA256_PATTERN = /^[0-9a-f]{64}$/;

/** A new change id: the time first, so ids sort by it. */
export function newChangeId(): string {
  return `${String(Date.now()).padStart(13, '0')}-${crypto.randomBytes(8).toString('hex')}`;
}

export const sha256 = (bytes: Uint8Array): string => crypto.createHash('sha256').update(bytes).digest('hex');

/** Global state is ours, but a record is still checked before it names a file to read or write. */
function validRecord(value: unknown): value is ConfigChangeRecord {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  return (
    typeof r['id'] === 'string' &&
    ID_PATTERN.test(r['id']) &&
    typeof r['path'] === 'string' &&
    path.isAbsolute(r['path']) &&
    !r['path'].includes('\0') &&
    typeof r['at'] === 'number' &&
    typeof r['what'] === 'string' &&
    typeof r['existed'] === 'boolean' &&
    typeof r['writtenSha256'] === 'string' &&
    SHA256_PATTERN.test(r['writtenSha256']) &&
    (r['existed']
      ? typeof r['originalSha256'] === 'string' && SHA256_PATTERN.test(r['originalSha256'])
      : r['originalSha256'] === undefined)
  );
}

/** A backup written before a change; committed as a record once the change is on disk. */
export interface PendingBackup {
  readonly id: string;
  readonly snapshot: WslConfigSnapshot;
}

export type RestoreOutcome =
  | { readonly kind: 'restored'; readonly record: ConfigChangeRecord }
  | { readonly kind: 'removed'; readonly record: ConfigChangeRecord }
  | { readonly kind: 'changed-since'; readonly record: ConfigChangeRecord; readonly backupPath?: string }
  | { readonly kind: 'unreadable'; readonly record: ConfigChangeRecord; readonly reason: string };

export class ConfigBackupStore {
  constructor(
    private readonly state: StateStore,
    /** The folder of the backups (created on the first backup). */
    readonly folder: string,
  ) {}

  /** The valid records, oldest first. */
  get records(): readonly ConfigChangeRecord[] {
    const stored = this.state.get<unknown>(CONFIG_CHANGES_KEY, []);
    return Array.isArray(stored) ? stored.filter(validRecord) : [];
  }

  get last(): ConfigChangeRecord | undefined {
    return this.records.at(-1);
  }

  find(id: string): ConfigChangeRecord | undefined {
    return this.records.find((r) => r.id === id);
  }

  backupPath(record: { readonly id: string }): string {
    return path.join(this.folder, `${record.id}.bak`);
  }

  /** Keeps the exact bytes `snapshot` read (nothing when the file does not exist) before a change. */
  async prepare(snapshot: WslConfigSnapshot): Promise<PendingBackup> {
    const id = newChangeId();
    if (snapshot.exists && snapshot.bytes) {
      await fs.promises.mkdir(this.folder, { recursive: true });
      const handle = await fs.promises.open(this.backupPath({ id }), 'wx', 0o600);
      try {
        await handle.writeFile(snapshot.bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
    }
    return { id, snapshot };
  }

  /** The change failed: its backup is not needed. */
  async discard(pending: PendingBackup): Promise<void> {
    await fs.promises.rm(this.backupPath(pending), { force: true });
  }

  /** The change is on disk (`written` are its bytes): records it, and drops the oldest beyond the limit. */
  async commit(pending: PendingBackup, written: Uint8Array, what: string): Promise<ConfigChangeRecord> {
    const { snapshot } = pending;
    const record: ConfigChangeRecord = {
      id: pending.id,
      path: snapshot.path,
      at: Date.now(),
      what,
      existed: snapshot.exists,
      ...(snapshot.exists && snapshot.bytes ? { originalSha256: sha256(snapshot.bytes) } : {}),
      writtenSha256: sha256(written),
    };
    const all = [...this.records, record];
    const dropped = all.slice(0, Math.max(0, all.length - MAX_CONFIG_BACKUPS));
    await this.state.update(CONFIG_CHANGES_KEY, all.slice(dropped.length));
    for (const old of dropped) await fs.promises.rm(this.backupPath(old), { force: true });
    return record;
  }

  /** Forgets a record and removes its backup (after an undo, or when the editor's undo took over). */
  async forget(id: string): Promise<void> {
    const rest = this.records.filter((r) => r.id !== id);
    await this.state.update(CONFIG_CHANGES_KEY, rest);
    if (ID_PATTERN.test(id)) await fs.promises.rm(this.backupPath({ id }), { force: true });
  }

  /** Removes backups that no record names (left by a crash, or by records dropped elsewhere). */
  async removeOrphans(): Promise<string[]> {
    const named = new Set(this.records.map((r) => `${r.id}.bak`));
    const names = await fs.promises.readdir(this.folder).catch(() => [] as string[]);
    const removed: string[] = [];
    for (const name of names) {
      if (!BACKUP_PATTERN.test(name) || named.has(name)) continue;
      await fs.promises.rm(path.join(this.folder, name), { force: true });
      removed.push(name);
    }
    return removed;
  }

  /**
   * Puts the file back as it was before `record`'s change: the exact bytes of the backup, or no
   * file when the change created it. Refuses, writing nothing and keeping the backup, when the file
   * no longer holds exactly what the change wrote.
   */
  async restore(record: ConfigChangeRecord): Promise<RestoreOutcome> {
    const current = await readWslConfig(record.path);
    if (current.readError) return { kind: 'unreadable', record, reason: current.readError };
    const backupPath = record.existed ? this.backupPath(record) : undefined;
    if (!current.exists || !current.bytes || sha256(current.bytes) !== record.writtenSha256)
      return { kind: 'changed-since', record, ...(backupPath ? { backupPath } : {}) };
    if (!record.existed) {
      await fs.promises.rm(record.path);
      await this.forget(record.id);
      return { kind: 'removed', record };
    }
    let original: Buffer;
    try {
      original = await fs.promises.readFile(this.backupPath(record));
    } catch (error) {
      return { kind: 'unreadable', record, reason: `the backup ${backupPath}: ${(error as Error).message}` };
    }
    if (sha256(original) !== record.originalSha256)
      return { kind: 'unreadable', record, reason: `the backup ${backupPath} is not what was kept` };
    await writeWslConfigBytes(current, original);
    await this.forget(record.id);
    return { kind: 'restored', record };
  }
}
