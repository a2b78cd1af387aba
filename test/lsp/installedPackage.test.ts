/**
 * The npm package, installed the way a user of another editor installs it: `npm pack`, then
 * `npm install --global` of the tarball into a fresh prefix, offline and with an empty cache (so
 * the package must not need anything from the registry), then both `bin` commands run from there.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type SpawnSyncOptions } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { REPO_ROOT } from './lspTestClient';

/** The environment of a user's shell: without the npm_* variables of an outer `npm test`. */
function userEnvironment(prefix: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!/^npm_/i.test(key)) env[key] = value;
  // The installed commands start with `#!/usr/bin/env node`: make that the node running this test.
  env.PATH = [path.join(prefix, 'bin'), path.dirname(process.execPath), process.env.PATH].join(path.delimiter);
  return env;
}

function npm(args: string[], options: SpawnSyncOptions): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync('npm', [...args, '--no-audit', '--no-fund', '--no-update-notifier', '--loglevel=error'], {
    encoding: 'utf8',
    timeout: 180_000,
    ...options,
  });
  return { status: result.status, stdout: String(result.stdout), stderr: String(result.stderr) };
}

describe(
  'the npm package installed into a fresh prefix',
  { skip: process.platform === 'win32' && 'bin shims differ on Windows' },
  () => {
    let dir: string;
    let prefix: string;
    let env: NodeJS.ProcessEnv;
    let packedFiles: string[];
    const bin = (name: string): string => path.join(prefix, 'bin', name);

    before(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wsl-network-pkg-'));
      prefix = path.join(dir, 'prefix');
      env = userEnvironment(prefix);
      // --ignore-scripts: pack the bundles that `npm test` just built. The prepack script (a
      // production build) would rewrite dist/ while other test files run the server from it.
      const packed = npm(['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: REPO_ROOT, env });
      assert.equal(packed.status, 0, packed.stderr);
      const [manifest] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
      packedFiles = manifest.files.map((f) => f.path).sort();
      const tarball = path.join(dir, path.basename(manifest.filename));
      // --offline with an empty cache: an install that needs any other package fails here.
      const installed = npm(
        ['install', '--global', '--prefix', prefix, '--offline', '--cache', path.join(dir, 'cache'), tarball],
        { cwd: dir, env },
      );
      assert.equal(installed.status, 0, installed.stderr);
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('packs the two bundles, the README and the licence, and nothing from the source tree', () => {
      assert.deepEqual(packedFiles, ['LICENSE', 'README.md', 'dist/cli.js', 'dist/server.js', 'package.json']);
    });

    it('installs both commands from the tarball alone, with no dependency to fetch', () => {
      const packageDir = path.join(prefix, 'lib', 'node_modules', 'wsl-network');
      for (const [name, target] of [
        ['wsl-network-language-server', 'dist/server.js'],
        ['wsl-network-check', 'dist/cli.js'],
      ]) {
        assert.equal(fs.realpathSync(bin(name)), fs.realpathSync(path.join(packageDir, target)), name);
        fs.accessSync(bin(name), fs.constants.X_OK);
        assert.equal(
          fs.readFileSync(bin(name), 'utf8').split('\n', 1)[0],
          '#!/usr/bin/env node',
          `${name} starts with a shebang`,
        );
      }
      assert.equal(fs.existsSync(path.join(packageDir, 'node_modules')), false, 'nothing else was installed');
    });

    it('wsl-network-check reports a known finding with exit 1, and exit 0 on a clean file', () => {
      const sample = path.join(REPO_ROOT, 'test/fixtures/samples/W15/.wslconfig');
      const result = spawnSync(bin('wsl-network-check'), [sample], { encoding: 'utf8', env, timeout: 60_000 });
      assert.equal(result.status, 1, result.stderr);
      assert.ok(
        result.stdout.includes(
          `${sample}:2:8 error invalid-memory Invalid memory string '1.5GB' for .wslconfig entry 'wsl2.memory'.`,
        ),
        result.stdout,
      );
      const clean = spawnSync(
        bin('wsl-network-check'),
        ['--min-severity', 'error', path.join(REPO_ROOT, 'test/fixtures/samples/W3/.wslconfig')],
        { encoding: 'utf8', env, timeout: 60_000 },
      );
      assert.equal(clean.status, 0, clean.stderr);
      assert.equal(clean.stdout, '');
    });

    it('wsl-network-language-server --stdio publishes diagnostics for an opened .wslconfig and exits on shutdown/exit', async () => {
      const child = spawn(bin('wsl-network-language-server'), ['--stdio'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr!.on('data', (chunk) => (stderr += chunk));
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      const connection = createMessageConnection(
        new StreamMessageReader(child.stdout!),
        new StreamMessageWriter(child.stdin!),
      );
      const uri = `file://${path.join(dir, 'home', '.wslconfig')}`;
      const published = new Promise<PublishDiagnosticsParams>((resolve) =>
        connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
          if (params.uri === uri) resolve(params);
        }),
      );
      connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => null));
      connection.listen();
      try {
        const initialized = await connection.sendRequest<{ capabilities: Record<string, unknown> }>('initialize', {
          processId: null,
          rootUri: null,
          capabilities: {},
        });
        assert.ok(initialized.capabilities.textDocumentSync, 'the server announces document sync');
        await connection.sendNotification('initialized', {});
        await connection.sendNotification('textDocument/didOpen', {
          textDocument: { uri, languageId: 'wslconfig', version: 1, text: '[wsl2]\nmemory=1.5GB\n' },
        });
        const { diagnostics } = await published;
        const memory = diagnostics.find((d) => d.code === 'invalid-memory');
        assert.ok(memory, JSON.stringify(diagnostics));
        assert.deepEqual(memory.range.start, { line: 1, character: 7 });
        assert.equal(memory.severity, 1);
        await connection.sendRequest('shutdown');
        await connection.sendNotification('exit');
        assert.equal(await exited, 0, stderr);
      } finally {
        connection.dispose();
        child.kill();
      }
    });
  },
);
