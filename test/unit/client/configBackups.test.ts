/**
 * Backups of `.wslconfig` and the persistent undo records (client/src/model/configBackups.ts) on
 * real files: a change goes through the product's own write path, a second store over the same
 * state stands for the window after a reload, and Undo gives back the exact original bytes, or
 * refuses (writing nothing, keeping the backup) when the file changed since.
 */
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  CONFIG_CHANGES_KEY,
  ConfigBackupStore,
  MAX_CONFIG_BACKUPS,
  type StateStore,
} from '../../../client/src/model/configBackups';
import { readWslConfig, writeWslConfigAtomic } from '../../../client/src/model/wslConfigFile';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wsl-network-backups-'));
  dirs.push(dir);
  return dir;
}

/** Global state as VS Code keeps it: values survive as JSON. */
class JsonState implements StateStore {
  readonly values = new Map<string, string>();
  get<T>(key: string, defaultValue: T): T {
    const value = this.values.get(key);
    return value === undefined ? defaultValue : (JSON.parse(value) as T);
  }
  async update(key: string, value: unknown): Promise<void> {
    this.values.set(key, JSON.stringify(value));
  }
}

/** A change as writeConfig makes it: backup, write, record. */
async function change(store: ConfigBackupStore, file: string, newText: string): Promise<void> {
  const snapshot = await readWslConfig(file);
  const pending = await store.prepare(snapshot);
  const written = await writeWslConfigAtomic(snapshot, newText);
  await store.commit(pending, written, newText.trim());
}

// An ANSI é (0xE9) that no UTF-8 decoder keeps: undo must give back that byte, not EF BF BD.
const ORIGINAL = Buffer.concat([
  Buffer.from('[wsl2]\r\nkernel=C:\\Users\\Ren'),
  Buffer.from([0xe9]),
  Buffer.from('\\vmlinux\r\nnetworkingMode=NAT\r\n'),
]);

describe('backups and undo records of .wslconfig', () => {
  it('after a reload, Undo restores the exact original bytes and forgets the backup', async () => {
    const dir = tempDir();
    const file = path.join(dir, '.wslconfig');
    fs.writeFileSync(file, ORIGINAL);
    const state = new JsonState();
    const folder = path.join(dir, 'storage', 'wslconfig-backups');
    const before = new ConfigBackupStore(state, folder);
    const text = (await readWslConfig(file)).text!;
    await change(before, file, text.replace('networkingMode=NAT', 'networkingMode=mirrored'));
    assert.notDeepEqual(fs.readFileSync(file), ORIGINAL);
    const record = before.last!;
    assert.deepEqual(fs.readFileSync(before.backupPath(record)), ORIGINAL, 'the backup holds the bytes read');

    const afterReload = new ConfigBackupStore(state, folder);
    const outcome = await afterReload.restore(afterReload.last!);
    assert.equal(outcome.kind, 'restored');
    assert.deepEqual(fs.readFileSync(file), ORIGINAL);
    assert.deepEqual(afterReload.records, []);
    assert.deepEqual(fs.readdirSync(folder), []);
  });

  it('refuses when the file changed since our write: nothing written, backup kept', async () => {
    const dir = tempDir();
    const file = path.join(dir, '.wslconfig');
    fs.writeFileSync(file, ORIGINAL);
    const store = new ConfigBackupStore(new JsonState(), path.join(dir, 'backups'));
    await change(store, file, '[wsl2]\r\nnetworkingMode=mirrored\r\n');
    const users = Buffer.from('[wsl2]\r\nnetworkingMode=mirrored\r\nmemory=8GB\r\n');
    fs.writeFileSync(file, users);
    const record = store.last!;
    const outcome = await store.restore(record);
    assert.equal(outcome.kind, 'changed-since');
    assert.equal(outcome.kind === 'changed-since' && outcome.backupPath, store.backupPath(record));
    assert.deepEqual(fs.readFileSync(file), users, "the user's change stays");
    assert.deepEqual(fs.readFileSync(store.backupPath(record)), ORIGINAL, 'the backup stays');
    assert.equal(store.records.length, 1);
  });

  it('undoes a chain of changes newest first', async () => {
    const dir = tempDir();
    const file = path.join(dir, '.wslconfig');
    fs.writeFileSync(file, ORIGINAL);
    const store = new ConfigBackupStore(new JsonState(), path.join(dir, 'backups'));
    await change(store, file, '[wsl2]\nnetworkingMode=mirrored\n');
    const middle = fs.readFileSync(file);
    await change(store, file, '[wsl2]\nnetworkingMode=none\n');
    assert.equal((await store.restore(store.last!)).kind, 'restored');
    assert.deepEqual(fs.readFileSync(file), middle);
    assert.equal((await store.restore(store.last!)).kind, 'restored');
    assert.deepEqual(fs.readFileSync(file), ORIGINAL);
  });

  it('a change that created the file is undone by removing it, unless it changed since', async () => {
    const dir = tempDir();
    const file = path.join(dir, '.wslconfig');
    const store = new ConfigBackupStore(new JsonState(), path.join(dir, 'backups'));
    await change(store, file, '[wsl2]\nnetworkingMode=mirrored\n');
    assert.equal(store.last?.existed, false);
    assert.equal((await store.restore(store.last!)).kind, 'removed');
    assert.equal(fs.existsSync(file), false);

    await change(store, file, '[wsl2]\nnetworkingMode=mirrored\n');
    fs.appendFileSync(file, 'memory=8GB\n');
    assert.equal((await store.restore(store.last!)).kind, 'changed-since');
    assert.equal(fs.readFileSync(file, 'utf8'), '[wsl2]\nnetworkingMode=mirrored\nmemory=8GB\n');
  });

  it(`keeps only the newest ${MAX_CONFIG_BACKUPS} backups and removes orphans`, async () => {
    const dir = tempDir();
    const file = path.join(dir, '.wslconfig');
    fs.writeFileSync(file, '[wsl2]\n');
    const folder = path.join(dir, 'backups');
    const store = new ConfigBackupStore(new JsonState(), folder);
    for (let i = 0; i < MAX_CONFIG_BACKUPS + 3; i++) await change(store, file, `[wsl2]\nmemory=${i + 1}GB\n`);
    assert.equal(store.records.length, MAX_CONFIG_BACKUPS);
    assert.equal(store.records[0]!.what, '[wsl2]\nmemory=4GB', 'the oldest three were dropped');
    assert.deepEqual(fs.readdirSync(folder).sort(), store.records.map((r) => `${r.id}.bak`).sort());
    const orphan = '1700000000000-0123456789abcdef.bak';
    fs.writeFileSync(path.join(folder, orphan), 'left by a crash');
    fs.writeFileSync(path.join(folder, 'notes.txt'), 'not ours');
    assert.deepEqual(await store.removeOrphans(), [orphan]);
    assert.ok(fs.existsSync(path.join(folder, 'notes.txt')));
  });

  it('ignores records that were not written by us (bad id, relative path, bad digest)', async () => {
    const dir = tempDir();
    const state = new JsonState();
    const good = {
      id: '1700000000000-0123456789abcdef',
      path: path.join(dir, '.wslconfig'),
      at: 1,
      what: 'x',
      existed: true,
      originalSha256: 'a'.repeat(64),
      writtenSha256: 'b'.repeat(64),
    };
    await state.update(CONFIG_CHANGES_KEY, [
      { ...good, id: '../../../etc/passwd' },
      { ...good, path: 'relative/.wslconfig' },
      { ...good, writtenSha256: 'nothex' },
      { ...good, existed: false },
      'garbage',
      good,
    ]);
    const store = new ConfigBackupStore(state, path.join(dir, 'backups'));
    assert.deepEqual(store.records, [good]);
  });
});
