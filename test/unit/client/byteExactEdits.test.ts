// Bytes that no edit touched are written back unchanged, in every encoding, including invalid ones:
// an ANSI `é` (0xE9) in a UTF-8 file, a lone surrogate and a truncated code unit in UTF-16. The
// edit goes through the product's own path (setKey + applyTextEdits + writeWslConfigAtomic), and
// Undo (writeWslConfigBytes with the bytes read) restores the exact original bytes.
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readWslConfig, writeWslConfigAtomic, writeWslConfigBytes } from '../../../client/src/model/wslConfigFile';
import { applyTextEdits, setKey } from '../../../server/src/core/configEdits';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function fileWith(bytes: Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wsl-network-bytes-'));
  dirs.push(dir);
  const file = path.join(dir, '.wslconfig');
  fs.writeFileSync(file, bytes);
  return file;
}

const utf16le = (text: string): Buffer => Buffer.from(text, 'utf16le');

/** Sets networkingMode=mirrored through the product's path; returns the bytes on disk, then undoes. */
async function editAndUndo(original: Buffer): Promise<{ edited: Buffer; restored: Buffer }> {
  const file = fileWith(original);
  const snapshot = await readWslConfig(file);
  const text = snapshot.text ?? '';
  await writeWslConfigAtomic(
    snapshot,
    applyTextEdits(text, setKey(text, 'wslconfig', 'wsl2', 'networkingMode', 'mirrored')),
  );
  const edited = fs.readFileSync(file);
  await writeWslConfigBytes({ ...(await readWslConfig(file)), bytes: edited }, snapshot.bytes!);
  return { edited, restored: fs.readFileSync(file) };
}

describe('byte-exact edits of .wslconfig', () => {
  it('UTF-8 with an ANSI é (0xE9) in a path: that line keeps its byte (no EF BF BD)', async () => {
    const original = Buffer.concat([
      Buffer.from('[wsl2]\nkernel=C:\\Users\\Ren'),
      Buffer.from([0xe9]),
      Buffer.from('\\vmlinux\nnetworkingMode=nat\nmemory=4GB\n'),
    ]);
    const { edited, restored } = await editAndUndo(original);
    assert.deepEqual(
      edited,
      Buffer.concat([
        Buffer.from('[wsl2]\nkernel=C:\\Users\\Ren'),
        Buffer.from([0xe9]),
        Buffer.from('\\vmlinux\nnetworkingMode=mirrored\nmemory=4GB\n'),
      ]),
    );
    assert.equal(edited.includes(Buffer.from([0xef, 0xbf, 0xbd])), false);
    assert.deepEqual(restored, original);
  });

  it('UTF-16LE with BOM, a lone surrogate and a truncated last code unit: untouched bytes stay (no FD FF)', async () => {
    const loneSurrogate = Buffer.from([0x00, 0xd8]); // U+D800 alone
    const original = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      utf16le('[wsl2]\r\nswapFile=C:\\'),
      loneSurrogate,
      utf16le('.vhdx\r\nnetworkingMode=nat\r\n# end'),
      Buffer.from([0x41]),
    ]);
    const { edited, restored } = await editAndUndo(original);
    const expected = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      utf16le('[wsl2]\r\nswapFile=C:\\'),
      loneSurrogate,
      utf16le('.vhdx\r\nnetworkingMode=mirrored\r\n# end'),
      Buffer.from([0x41]),
    ]);
    assert.deepEqual(edited, expected);
    assert.deepEqual(restored, original);
  });

  it('UTF-8 with BOM and CRLF, a key added to a new section: everything before stays byte for byte', async () => {
    const original = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('[experimental]\r\nname=caf'),
      Buffer.from([0xe9, 0xff]),
      Buffer.from('\r\n'),
    ]);
    const { edited, restored } = await editAndUndo(original);
    assert.deepEqual(edited.subarray(0, original.length), original);
    assert.match(edited.subarray(original.length).toString('utf8'), /networkingMode=mirrored\r\n/);
    assert.deepEqual(restored, original);
  });

  it('UTF-16BE: the edited line is encoded big-endian, the rest kept', async () => {
    const be = (text: string): Buffer => {
      const le = utf16le(text);
      for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1]!, le[i]!];
      return le;
    };
    const original = Buffer.concat([
      Buffer.from([0xfe, 0xff]),
      be('[wsl2]\nx='),
      Buffer.from([0xdc, 0x00]),
      be('\nnetworkingMode=nat\n'),
    ]);
    const { edited, restored } = await editAndUndo(original);
    assert.deepEqual(
      edited,
      Buffer.concat([
        Buffer.from([0xfe, 0xff]),
        be('[wsl2]\nx='),
        Buffer.from([0xdc, 0x00]),
        be('\nnetworkingMode=mirrored\n'),
      ]),
    );
    assert.deepEqual(restored, original);
  });
});
