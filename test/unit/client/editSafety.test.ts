/**
 * Edits never lose data: applying a networking mode through the real minimal-edit and atomic-write
 * path leaves every byte but the intended change, in every encoding, and a failed write leaves the
 * original file untouched with no temporary file behind. Reads refuse a FIFO, a device and an
 * oversized file without blocking; writes go through symlinks, keep hard links, refuse read-only
 * files; temporary files left by a crash are removed on the next start.
 */
import { afterEach, describe, it, mock } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import {
  cleanStaleTempFiles,
  ConfigNotWritableError,
  readWslConfig,
  writeWslConfigAtomic,
  writeWslConfigBytes,
} from '../../../client/src/model/wslConfigFile';
import { MAX_CONFIG_FILE_BYTES } from '../../../server/src/core/limits';
import { applyTextEdits, setKey } from '../../../server/src/core/configEdits';
import { decodeConfigBytes, encodeConfigText, type FileEncoding } from '../../../server/src/core/encoding';

const dirs: string[] = [];
afterEach(() => {
  mock.restoreAll();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function fileWith(bytes: Uint8Array): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wsl-network-safety-'));
  dirs.push(dir);
  const file = path.join(dir, '.wslconfig');
  fs.writeFileSync(file, bytes);
  return file;
}

/** Switches networkingMode through the product's own functions and returns the bytes on disk. */
async function switchToMirrored(file: string): Promise<Buffer> {
  const snapshot = await readWslConfig(file);
  const text = snapshot.text ?? '';
  await writeWslConfigAtomic(
    snapshot,
    applyTextEdits(text, setKey(text, 'wslconfig', 'wsl2', 'networkingMode', 'Mirrored')),
  );
  return fs.readFileSync(file);
}

const ORIGINAL =
  '# Größe und 内存\r\n[wsl2]\r\nmemory=4GB   # keep me\r\nnetworkingMode=NAT\r\n\r\n[experimental]\r\nsparseVhd=true';

describe('apply networking mode keeps every other byte', () => {
  for (const encoding of ['utf8', 'utf8bom', 'utf16le', 'utf16le-nobom'] as FileEncoding[]) {
    it(`${encoding}, CRLF, comments, no final newline`, async () => {
      const file = fileWith(encodeConfigText(ORIGINAL, encoding));
      const written = await switchToMirrored(file);
      assert.deepEqual(
        written,
        Buffer.from(encodeConfigText(ORIGINAL.replace('networkingMode=NAT', 'networkingMode=Mirrored'), encoding)),
      );
      assert.equal(decodeConfigBytes(written).encoding, encoding);
    });
  }

  it('a 50,000-line file changes in exactly one place', async () => {
    const filler = Array.from({ length: 50000 }, (_, i) => `# comment line ${i} with trailing blanks   `).join('\n');
    const original = `[wsl2]\nnetworkingMode=nat\n${filler}\n`;
    const written = (await switchToMirrored(fileWith(Buffer.from(original)))).toString('utf8');
    assert.equal(written, original.replace('networkingMode=nat', 'networkingMode=Mirrored'));
  });
});

describe('a failed write leaves the original', () => {
  const original = Buffer.from('[wsl2]\nnetworkingMode=nat\n# mine\n');

  const failure = (what: string): Error => Object.assign(new Error(`${what}: simulated failure`), { code: 'ENOSPC' });

  it('when the temporary file cannot be written (disk full)', async () => {
    const file = fileWith(original);
    const snapshot = await readWslConfig(file);
    const realOpen = fs.promises.open.bind(fs.promises);
    // The temporary file is really created; only writing into it fails.
    mock.method(fs.promises, 'open', async (...args: Parameters<typeof fs.promises.open>) => {
      const handle = await realOpen(...args);
      if (args[1] === 'wx') handle.writeFile = () => Promise.reject(failure('writeFile'));
      return handle;
    });
    await assert.rejects(writeWslConfigAtomic(snapshot, '[wsl2]\nnetworkingMode=Mirrored\n'), /simulated failure/);
    mock.restoreAll();
    assert.deepEqual(fs.readFileSync(file), original);
    assert.deepEqual(fs.readdirSync(path.dirname(file)), ['.wslconfig'], 'no temporary file left behind');
  });

  it('when the rename fails', async () => {
    const file = fileWith(original);
    const snapshot = await readWslConfig(file);
    mock.method(fs.promises, 'rename', () => Promise.reject(failure('rename')));
    await assert.rejects(writeWslConfigAtomic(snapshot, '[wsl2]\nnetworkingMode=Mirrored\n'), /simulated failure/);
    mock.restoreAll();
    assert.deepEqual(fs.readFileSync(file), original);
    assert.deepEqual(fs.readdirSync(path.dirname(file)), ['.wslconfig'], 'no temporary file left behind');
  });
});

describe('reading refuses what is not a regular config file, without blocking', () => {
  /**
   * Reads `file` with readWslConfig in a child Node process: a read that blocks (a FIFO without a
   * writer, /dev/zero) would freeze this test process, so the child gets a deadline instead.
   */
  function readInChild(file: string): { readError?: string; exists: boolean; timedOut: boolean } {
    const module = path.join(__dirname, '..', '..', '..', 'client', 'src', 'model', 'wslConfigFile.js');
    const script = `require(${JSON.stringify(module)}).readWslConfig(process.argv[1]).then((s) => process.stdout.write(JSON.stringify({ exists: s.exists, readError: s.readError })))`;
    const child = spawnSync(process.execPath, ['-e', script, file], { timeout: 5000, encoding: 'utf8' });
    if (child.error || child.signal) return { exists: false, timedOut: true };
    return { ...(JSON.parse(child.stdout) as { readError?: string; exists: boolean }), timedOut: false };
  }

  it('a FIFO at the path is refused at once', { skip: process.platform === 'win32' && 'no FIFOs' }, () => {
    const fifo = path.join(path.dirname(fileWith(Buffer.from(''))), 'fifo.wslconfig');
    assert.equal(spawnSync('mkfifo', [fifo]).status, 0, 'mkfifo');
    const read = readInChild(fifo);
    assert.equal(read.timedOut, false, 'the read returned instead of waiting for a writer');
    assert.equal(read.exists, false);
    assert.match(read.readError ?? '', /is a FIFO \(named pipe\), not a regular file/);
  });

  it('a device (/dev/zero) is refused instead of read without end', { skip: !fs.existsSync('/dev/zero') }, () => {
    const read = readInChild('/dev/zero');
    assert.equal(read.timedOut, false);
    assert.match(read.readError ?? '', /is a character device, not a regular file/);
  });

  it('a file over MAX_CONFIG_FILE_BYTES is refused, one at the limit is read', async () => {
    const over = fileWith(Buffer.alloc(MAX_CONFIG_FILE_BYTES + 1, 0x23));
    const snapshot = await readWslConfig(over);
    assert.equal(snapshot.bytes, undefined);
    assert.match(snapshot.readError ?? '', new RegExp(`larger than ${MAX_CONFIG_FILE_BYTES} bytes`));
    await assert.rejects(writeWslConfigAtomic(snapshot, '[wsl2]\n'), /could not be read/);
    const at = await readWslConfig(fileWith(Buffer.alloc(MAX_CONFIG_FILE_BYTES, 0x23)));
    assert.equal(at.readError, undefined);
    assert.equal(at.bytes?.length, MAX_CONFIG_FILE_BYTES);
  });

  it('a directory is refused with a clear message', async () => {
    const dir = path.dirname(fileWith(Buffer.from('')));
    const snapshot = await readWslConfig(dir);
    assert.match(snapshot.readError ?? '', /is a directory/);
  });
});

describe('links and permissions', () => {
  const original = Buffer.from('[wsl2]\r\nnetworkingMode=NAT\r\n');
  const edited = Buffer.from('[wsl2]\r\nnetworkingMode=Mirrored\r\n');
  const unix = process.platform !== 'win32';

  it('a symlinked .wslconfig is written through the link: the link stays a link', { skip: !unix }, async () => {
    const target = fileWith(original);
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'wsl-network-link-'));
    dirs.push(elsewhere);
    const link = path.join(elsewhere, '.wslconfig');
    fs.symlinkSync(target, link);
    assert.deepEqual(await switchToMirrored(link), edited);
    assert.ok(fs.lstatSync(link).isSymbolicLink(), 'still a link');
    assert.equal(fs.readlinkSync(link), target);
    assert.deepEqual(fs.readFileSync(target), edited, 'the target holds the change');
    assert.deepEqual(fs.readdirSync(elsewhere), ['.wslconfig'], 'no temporary file next to the link');
    assert.deepEqual(fs.readdirSync(path.dirname(target)), ['.wslconfig'], 'none next to the target');
  });

  it('a dangling symlink is refused, and stays a link', { skip: !unix }, async () => {
    const dir = path.dirname(fileWith(original));
    const link = path.join(dir, 'dangling.wslconfig');
    fs.symlinkSync(path.join(dir, 'missing'), link);
    const snapshot = await readWslConfig(link);
    assert.equal(snapshot.exists, false);
    await assert.rejects(writeWslConfigAtomic(snapshot, '[wsl2]\n'), (error: Error) => {
      assert.ok(error instanceof ConfigNotWritableError);
      assert.match(error.message, /symbolic link to .*missing, which does not exist; nothing was written/);
      return true;
    });
    assert.ok(fs.lstatSync(link).isSymbolicLink());
  });

  it('a hard-linked .wslconfig keeps its links: every name sees the change', async () => {
    const file = fileWith(original);
    const other = path.join(path.dirname(file), 'hardlink');
    fs.linkSync(file, other);
    const inode = fs.statSync(file).ino;
    assert.deepEqual(await switchToMirrored(file), edited);
    assert.deepEqual(fs.readFileSync(other), edited, 'the other name sees it');
    assert.equal(fs.statSync(file).ino, inode);
    assert.equal(fs.statSync(file).nlink, 2);
    // Shorter content is truncated, not left with a tail of the old bytes.
    const snapshot = await readWslConfig(file);
    await writeWslConfigBytes(snapshot, Buffer.from('[wsl2]\n'));
    assert.equal(fs.readFileSync(other, 'utf8'), '[wsl2]\n');
    assert.deepEqual(fs.readdirSync(path.dirname(file)).sort(), ['.wslconfig', 'hardlink']);
  });

  it('a read-only file (mode 0444) is refused and nothing is written', async () => {
    const file = fileWith(original);
    fs.chmodSync(file, 0o444);
    const snapshot = await readWslConfig(file);
    await assert.rejects(writeWslConfigAtomic(snapshot, edited.toString()), (error: Error) => {
      assert.ok(error instanceof ConfigNotWritableError);
      assert.match(error.message, /is read-only; nothing was written/);
      return true;
    });
    assert.deepEqual(fs.readFileSync(file), original);
    assert.equal(fs.statSync(file).mode & 0o777, 0o444);
    assert.deepEqual(fs.readdirSync(path.dirname(file)), ['.wslconfig']);
  });

  it('the file mode is kept by an atomic write', { skip: !unix }, async () => {
    const file = fileWith(original);
    fs.chmodSync(file, 0o600);
    await switchToMirrored(file);
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
  });
});

describe('temporary files left by a crash are cleaned up on the next start', () => {
  // Our temporary file is `.<name>.<pid>.<8 hex>.tmp`: for `.wslconfig`, `..wslconfig.1234.0a1b2c3d.tmp`.
  it('removes only our own pattern, only of a dead process or when old', async () => {
    const file = fileWith(Buffer.from('[wsl2]\n'));
    const dir = path.dirname(file);
    const now = Date.now();
    const names = {
      deadPid: '..wslconfig.999991.0a1b2c3d.tmp',
      livePid: '..wslconfig.999992.0a1b2c3d.tmp',
      liveButOld: '..wslconfig.999993.0a1b2c3d.tmp',
      notOurs: '..wslconfig.tmp',
      otherFile: '.other.999991.0a1b2c3d.tmp',
      wrongHex: '..wslconfig.999991.XYZ.tmp',
    };
    for (const name of Object.values(names)) fs.writeFileSync(path.join(dir, name), 'partial');
    const twoHoursAgo = (now - 2 * 60 * 60 * 1000) / 1000;
    fs.utimesSync(path.join(dir, names.liveButOld), twoHoursAgo, twoHoursAgo);
    fs.mkdirSync(path.join(dir, '..wslconfig.999994.0a1b2c3d.tmp')); // a folder is never removed
    const removed = await cleanStaleTempFiles(file, { now, isAlive: (pid) => pid !== 999991 });
    assert.deepEqual(removed.map((p) => path.basename(p)).sort(), [names.deadPid, names.liveButOld].sort());
    assert.deepEqual(
      fs.readdirSync(dir).sort(),
      [
        '.wslconfig',
        '..wslconfig.999994.0a1b2c3d.tmp',
        names.livePid,
        names.notOurs,
        names.otherFile,
        names.wrongHex,
      ].sort(),
    );
  });

  it('finds them next to the target of a symlinked .wslconfig', { skip: process.platform === 'win32' }, async () => {
    const target = fileWith(Buffer.from('[wsl2]\n'));
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'wsl-network-link-'));
    dirs.push(elsewhere);
    const link = path.join(elsewhere, '.wslconfig');
    fs.symlinkSync(target, link);
    const leftover = path.join(path.dirname(target), '..wslconfig.999991.0a1b2c3d.tmp');
    fs.writeFileSync(leftover, 'partial');
    assert.deepEqual(await cleanStaleTempFiles(link, { isAlive: () => false }), [leftover]);
  });
});
