/** The CLI as users run it: the bundled `node dist/cli.js` as a child process, on real files. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decodeConfigBytes, encodeConfigText } from '../../server/src/core/encoding';

const REPO = path.resolve(__dirname, '../../..');
const CLI = path.join(REPO, 'dist/cli.js');

function run(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('CLI: node dist/cli.js', () => {
  let dir: string;
  const write = (name: string, bytes: Uint8Array | string): string => {
    const folder = fs.mkdtempSync(path.join(dir, 'f-'));
    const file = path.join(folder, name);
    fs.writeFileSync(file, bytes);
    return file;
  };
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wsl-network-cli-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints file:line:col severity code message and exits 1 on errors', () => {
    const file = path.join(REPO, 'test/fixtures/samples/W15/.wslconfig');
    const { status, stdout } = run(file);
    assert.equal(status, 1);
    assert.match(stdout, new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2:8 error invalid-memory Invalid memory string '1\\.5GB' for \\.wslconfig entry 'wsl2\\.memory'\\.`, 'm'));
  });

  it('warns about a removed key without failing the run, and still fails on an unknown key', () => {
    const removed = write('.wslconfig', '[wsl2]\nmemory=4GB\npageReporting=false\n');
    const warned = run(removed);
    assert.equal(warned.status, 0);
    assert.match(warned.stdout, /:3:1 warning removed-key Unknown key 'wsl2\.pageReporting'\./);
    const unknown = write('.wslconfig', '[wsl2]\nmemory=4GB\npageReportingX=false\n');
    assert.equal(run(unknown).status, 1);
    assert.equal(run(path.join(REPO, 'test/fixtures/samples/W2/.wslconfig')).status, 0);
  });

  it('exits 0 on a valid file and reports several files in one run', () => {
    assert.equal(run(path.join(REPO, 'test/fixtures/samples/W3/.wslconfig')).status, 0);
    const both = run(path.join(REPO, 'test/fixtures/samples/W3/.wslconfig'), path.join(REPO, 'test/fixtures/samples/I1/wsl.conf'));
    assert.equal(both.status, 1);
    assert.match(both.stdout, /I1\/wsl\.conf:4:1 error invalid-key-name Invalid key name\./);
    assert.match(both.stdout, /I1\/wsl\.conf:5:1 hint ignored-after-stop /);
  });

  it('prints JSON with positions and WSL line numbers', () => {
    const { status, stdout } = run('--json', path.join(REPO, 'test/fixtures/samples/I6/.wslconfig'));
    assert.equal(status, 1);
    const reported = JSON.parse(stdout) as { line: number; column: number; code: string; wslLine?: number; severity: string }[];
    const unknown = reported.find((r) => r.code === 'unknown-key')!;
    assert.deepEqual([unknown.line, unknown.column, unknown.wslLine, unknown.severity], [5, 1, 5, 'error']);
  });

  it('reads a UTF-16LE .wslconfig with BOM like WSL does', () => {
    const file = write('.wslconfig', encodeConfigText('[wsl2]\r\nmemory=4gb\r\n', 'utf16le'));
    const { status, stdout } = run(file);
    assert.equal(status, 1);
    assert.match(stdout, /:2:8 error invalid-memory /);
    assert.doesNotMatch(stdout, /file-encoding/);
  });

  it('warns that WSL cannot read a UTF-16 .wslconfig without BOM, and a UTF-16 wsl.conf at all', () => {
    const noBom = write('.wslconfig', encodeConfigText('[wsl2]\nmemory=4GB\n', 'utf16le-nobom'));
    assert.match(run(noBom).stdout, /:1:1 error file-encoding This file is UTF-16 without a byte order mark/);
    const conf = write('wsl.conf', encodeConfigText('[boot]\nsystemd=true\n', 'utf16le'));
    assert.match(run(conf).stdout, /:1:1 error file-encoding WSL reads this file byte by byte/);
  });

  it('flags a UTF-8 BOM in wsl.conf (Linux init stops at it) but not in .wslconfig', () => {
    const conf = write('wsl.conf', '\ufeff[boot]\nsystemd=true\n');
    const result = run(conf);
    assert.equal(result.status, 1);
    assert.match(result.stdout, /:1:1 error invalid-key-name Invalid key name\. The file starts with a UTF-8 byte order mark/);
    assert.equal(run(write('.wslconfig', '\ufeff[wsl2]\nmemory=4GB\n')).status, 0);
  });

  it('needs --kind for an unrecognised file name and rejects bad usage with exit 2', () => {
    const file = write('my-config.ini', '[boot]\nsystemd=yes\n');
    const unknown = run(file);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /pass --kind/);
    assert.match(run('--kind', 'wslconf', file).stdout, /invalid-bool Invalid boolean value 'yes' for key 'boot\.systemd'/);
    assert.equal(run('--kind', 'nope', file).status, 2);
    assert.equal(run().status, 2);
    assert.equal(run(path.join(dir, 'missing', '.wslconfig')).status, 2);
  });

  it('does not crash on binary input', () => {
    const file = write('.wslconfig', Uint8Array.from({ length: 65536 }, (_, i) => (i * 131) % 256));
    const result = run(file);
    assert.ok(result.status === 0 || result.status === 1, result.stderr);
  });
});

describe('encoding round trip', () => {
  for (const encoding of ['utf8', 'utf8bom', 'utf16le', 'utf16be', 'utf16le-nobom'] as const) {
    it(`${encoding}: decode(encode(text)) gives the text and the encoding back`, () => {
      const text = '# José\r\n[wsl2]\r\nmemory=4GB # 内存\r\n';
      const decoded = decodeConfigBytes(encodeConfigText(text, encoding));
      assert.equal(decoded.text, text);
      assert.equal(decoded.encoding, encoding);
    });
  }
});
