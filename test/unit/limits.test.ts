/**
 * The size limit and the refusal of paths that are not regular files, which the language server,
 * the CLI and the extension share (server/src/core/limits.ts). Each kind of path is a real one made
 * here (a directory, a FIFO, a character device, a socket); a block device cannot be made without
 * root, so its stat is a probe.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { MAX_CONFIG_FILE_BYTES, describeNonRegularFile, type FileTypeProbe } from '../../server/src/core/limits';

describe('limits', () => {
  let dir: string;
  let server: net.Server;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wsl-limits-'));
    fs.writeFileSync(path.join(dir, 'file'), '[wsl2]\n');
    execFileSync('/usr/bin/mkfifo', [path.join(dir, 'fifo')]);
    server = net.createServer();
    await new Promise<void>((resolve) => server.listen(path.join(dir, 'socket'), resolve));
  });
  after(() => {
    server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is 4 MiB, the default of the setting that changes it', () => {
    assert.equal(MAX_CONFIG_FILE_BYTES, 4 * 1024 * 1024);
    const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../package.json'), 'utf8'));
    const settings = [manifest.contributes.configuration].flat().map((c: { properties: object }) => c.properties);
    const setting = Object.assign({}, ...settings)['wslNetwork.maxFileSize'];
    assert.equal(setting?.default, MAX_CONFIG_FILE_BYTES);
  });

  it('says what each kind of path is', () => {
    const kind = (name: string) =>
      describeNonRegularFile(fs.statSync(name.startsWith('/') ? name : path.join(dir, name)));
    assert.equal(kind('.'), 'is a directory');
    assert.equal(kind('fifo'), 'is a FIFO (named pipe), not a regular file');
    assert.equal(kind('/dev/null'), 'is a character device, not a regular file');
    assert.equal(kind('socket'), 'is a socket, not a regular file');
    // Callers only ask about paths that are not regular files; a regular one still gets an answer.
    assert.equal(kind('file'), 'is not a regular file');
  });

  it('says a block device is one', () => {
    const probe: FileTypeProbe = {
      isFile: () => false,
      isDirectory: () => false,
      isFIFO: () => false,
      isCharacterDevice: () => false,
      isBlockDevice: () => true,
      isSocket: () => false,
    };
    assert.equal(describeNonRegularFile(probe), 'is a block device, not a regular file');
  });
});
