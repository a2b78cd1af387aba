/**
 * Edits never lose data: applying a networking mode through the real minimal-edit and atomic-write
 * path leaves every byte but the intended change, in every encoding, and a failed write leaves the
 * original file untouched with no temporary file behind.
 */
import { afterEach, describe, it, mock } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readWslConfig, writeWslConfigAtomic } from '../../../client/src/model/wslConfigFile';
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
  await writeWslConfigAtomic(snapshot, applyTextEdits(text, setKey(text, 'wslconfig', 'wsl2', 'networkingMode', 'Mirrored')));
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
