// The process runner's less travelled paths, with real child processes (node itself, so that each
// run takes milliseconds): the working folder, per-call environment, a child killed by a signal, a
// file that exists but cannot be run, a tool missing by path or on PATH, a request cancelled before
// it starts, and exactly what each failure says.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  createProcessRunner,
  describeCommand,
  HostCommandError,
  isWslExecutable,
} from '../../../client/src/host/processRunner';

const NODE = process.execPath;
const run = createProcessRunner({
  insideWsl: false,
  env: { PATH: process.env['PATH'] ?? '' },
  defaultTimeoutMs: 10_000,
});

async function failure(promise: Promise<unknown>): Promise<HostCommandError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof HostCommandError, `expected HostCommandError, got ${String(error)}`);
    assert.equal(error.name, 'HostCommandError');
    return error;
  }
  assert.fail('expected the command to fail');
}

describe('process runner: options', () => {
  it('runs in the folder it is given, else in ours', async () => {
    const folder = fs.realpathSync(os.tmpdir());
    const script = ['-e', 'process.stdout.write(process.cwd())'];
    assert.equal((await run(NODE, script, { cwd: folder })).stdout, folder);
    assert.equal((await run(NODE, script)).stdout, process.cwd());
  });
  it("adds a call's own environment to the base one, WSL_UTF8 included", async () => {
    const result = await run(
      NODE,
      ['-e', 'process.stdout.write([process.env.EXTRA, process.env.WSL_UTF8, typeof process.env.HOME].join(","))'],
      {
        env: { EXTRA: 'yes' },
      },
    );
    // HOME is not in the base environment this runner was given.
    assert.equal(result.stdout, 'yes,1,undefined');
  });
  it('accepts the exit codes it is told to, and returns both streams decoded', async () => {
    const result = await run(
      NODE,
      ['-e', 'process.stdout.write("out\\r\\n"); process.stderr.write("err"); process.exit(3)'],
      {
        okExitCodes: [3],
      },
    );
    assert.deepEqual(
      [result.exitCode, result.stdout, result.stderr, result.file, result.args.length],
      [3, 'out\n', 'err', NODE, 2],
    );
  });
});

describe('process runner: failures, and what they say', () => {
  it('an exit code: stderr, else stdout, else "(no output)"', async () => {
    const withStderr = await failure(
      run(NODE, ['-e', 'process.stdout.write("o"); process.stderr.write(" e \\n"); process.exit(2)']),
    );
    assert.equal(withStderr.failure, 'exit-code');
    assert.equal(withStderr.exitCode, 2);
    assert.match(withStderr.message, / exited with code 2: e$/);
    const withStdout = await failure(
      run(NODE, ['-e', 'process.stdout.write(" only out "); process.stderr.write("  "); process.exit(4)']),
    );
    assert.match(withStdout.message, / exited with code 4: only out$/);
    const silent = await failure(run(NODE, ['-e', 'process.exit(5)']));
    assert.match(silent.message, / exited with code 5: \(no output\)$/);
  });
  it('a child killed by a signal', async () => {
    const killed = await failure(run(NODE, ['-e', 'process.kill(process.pid, "SIGKILL")']));
    assert.equal(killed.failure, 'killed');
    assert.equal(killed.exitCode, undefined);
    assert.match(killed.message, / was killed by SIGKILL$/);
  });
  it('a file that exists but cannot be run', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runner-'));
    const file = path.join(dir, 'not-a-program.txt');
    fs.writeFileSync(file, 'text', { mode: 0o644 });
    try {
      const error = await failure(run(file, []));
      assert.equal(error.failure, 'spawn-failed');
      assert.match(error.message, /could not be started: .*EACCES/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
  it('a missing tool: by its path, or on PATH', async () => {
    const byPath = await failure(run('/nonexistent/folder/tool.exe', []));
    assert.equal(byPath.failure, 'not-found');
    assert.match(byPath.message, /could not be started: \/nonexistent\/folder\/tool\.exe was not found$/);
    const bare = await failure(run('no-such-tool-wsl-network.exe', []));
    assert.match(bare.message, /could not be started: no-such-tool-wsl-network\.exe was not found on PATH$/);
  });
  it('cancelled before it started: no child runs', async () => {
    const controller = new AbortController();
    controller.abort();
    const marker = path.join(os.tmpdir(), `runner-marker-${process.pid}-${Date.now()}`);
    const error = await failure(
      run(NODE, ['-e', `require("fs").writeFileSync(${JSON.stringify(marker)}, "ran")`], { signal: controller.signal }),
    );
    assert.equal(error.failure, 'canceled');
    assert.match(error.message, / was canceled$/);
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(fs.existsSync(marker), false);
  });
});

describe('isWslExecutable and describeCommand', () => {
  it('wsl.exe by any path and case, nothing else', () => {
    const table: [string, boolean][] = [
      ['wsl.exe', true],
      ['WSL', true],
      ['/mnt/c/Windows/System32/wsl.exe', true],
      ['C:\\Windows\\System32\\WSL.EXE', true],
      ['wslhost.exe', false],
      ['mywsl.exe', false],
      ['/usr/bin/notwsl', false],
      ['wsl.exe.bak', false],
      ['wsl.ex', false],
    ];
    for (const [file, expected] of table) assert.equal(isWslExecutable(file), expected, file);
  });
  it('quotes what needs it and abbreviates arguments past 120 characters', () => {
    const at120 = 'a'.repeat(120);
    const at121 = 'b'.repeat(121);
    assert.equal(describeCommand('netsh.exe', ['show', at120]), `netsh.exe show ${at120}`);
    assert.equal(describeCommand('x', [at121]), `x ${'b'.repeat(117)}...`);
    assert.equal(
      describeCommand('my tool', ['', "it's", 'say "hi"', 'tab\there', 'plain']),
      '"my tool" "" "it\'s" "say \\"hi\\"" "tab\\there" plain',
    );
  });
});
