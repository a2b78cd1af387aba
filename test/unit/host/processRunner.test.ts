// The process runner against the stand-in executables, as real child processes.
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
  buildChildEnv,
  createProcessRunner,
  describeCommand,
  HostCommandError,
} from '../../../client/src/host/processRunner';
import { createFakeWindows, type FakeWindows } from '../../fakes/fakeWindows';

let fake: FakeWindows | undefined;
afterEach(() => fake?.dispose());

async function rejection(promise: Promise<unknown>): Promise<HostCommandError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof HostCommandError, `expected HostCommandError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the command to fail');
}

describe('buildChildEnv', () => {
  it('always sets WSL_UTF8=1; inside WSL appends it to WSLENV once, keeping existing entries', () => {
    assert.deepEqual(buildChildEnv({ A: '1', B: undefined }, false), { A: '1', WSL_UTF8: '1' });
    assert.equal(
      buildChildEnv({ WSLENV: 'USERPROFILE/p:GOPATH/l' }, true)['WSLENV'],
      'USERPROFILE/p:GOPATH/l:WSL_UTF8',
    );
    assert.equal(buildChildEnv({ WSLENV: 'WSL_UTF8:X' }, true)['WSLENV'], 'WSL_UTF8:X');
    assert.equal(buildChildEnv({}, true)['WSLENV'], 'WSL_UTF8');
    assert.equal(buildChildEnv({ WSLENV: 'X' }, false)['WSLENV'], 'X');
  });
});

describe('process runner (Windows host situation)', () => {
  it('runs wsl.exe with WSL_UTF8=1 and returns UTF-8 text without \\r', async () => {
    fake = createFakeWindows({ state: { locale: 'fr-FR' } });
    const run = createProcessRunner({ insideWsl: false, env: fake.env });
    const result = await run(fake.tool('wsl.exe'), ['--status']);
    assert.equal(result.stdoutEncoding, 'utf8');
    assert.equal(result.stdout, 'Distribution par d\u00e9faut\u00a0: Ubuntu-24.04\nVersion par d\u00e9faut\u00a0: 2\n');
    assert.ok(result.stdoutBytes.includes(Buffer.from('\r\n')), 'the raw bytes still carry CRLF');
    const [call] = fake.calls();
    assert.deepEqual([call?.tool, call?.argv, call?.wslUtf8, call?.elevated], ['wsl.exe', ['--status'], '1', false]);
  });

  it('falls back to UTF-16 decoding when the tool ignores WSL_UTF8 (old WSL), via the env override', async () => {
    fake = createFakeWindows({ state: { locale: 'de-DE' } });
    const run = createProcessRunner({ insideWsl: false, env: fake.env });
    const result = await run(fake.tool('wsl.exe'), ['-l', '-v'], { env: { WSL_UTF8: 'true' } });
    assert.equal(result.stdoutEncoding, 'utf16le');
    assert.match(result.stdout, /^ {2}NAME +STATE +VERSION\n\* Ubuntu-24\.04 +Running +2\n/);
  });

  it('a wsl.exe failure (exit 255 = -1) carries the stdout message and the Wsl/… code', async () => {
    fake = createFakeWindows();
    const run = createProcessRunner({ insideWsl: false, env: fake.env });
    const error = await rejection(run(fake.tool('wsl.exe'), ['-d', 'Missing', '-e', 'true']));
    assert.equal(error.failure, 'wsl-error');
    assert.equal(error.exitCode, 255);
    assert.equal(error.wslErrorCode, 'Wsl/Service/WSL_E_DISTRO_NOT_FOUND');
    assert.match(
      error.message,
      /^\S+\/wsl\.exe -d Missing -e true failed \(exit code 255\): There is no distribution with the supplied name\.$/,
    );
  });

  it('other failures name the command, the arguments, the exit code and stderr', async () => {
    fake = createFakeWindows();
    const run = createProcessRunner({ insideWsl: false, env: fake.env });
    const script =
      "New-NetFirewallRule -DisplayName 'WSL Network: TCP 8080' -Direction Inbound -Protocol TCP -LocalPort 8080 -Action Allow -Profile Private";
    const error = await rejection(
      run(fake.tool('powershell.exe'), ['-NoProfile', '-NonInteractive', '-Command', script]),
    );
    assert.equal(error.failure, 'exit-code');
    assert.equal(error.exitCode, 1);
    // A cmdlet's error is non-terminating: PowerShell writes "<Cmdlet> : <message>" to stderr and
    // exits 1 because the last statement failed.
    assert.equal(error.stderr, 'New-NetFirewallRule : Access is denied.\n');
    assert.ok(
      error.message.startsWith(
        `${fake.tool('powershell.exe')} -NoProfile -NonInteractive -Command "New-NetFirewallRule`,
      ),
      error.message,
    );
    assert.ok(error.message.endsWith('exited with code 1: New-NetFirewallRule : Access is denied.'), error.message);
    assert.deepEqual(fake.readState().windows.firewallRules, [], 'nothing was created without elevation');
  });

  it('a missing executable is reported as not-found (WSL not installed)', async () => {
    fake = createFakeWindows({ omit: ['wsl.exe'] });
    const run = createProcessRunner({ insideWsl: false, env: fake.env });
    const error = await rejection(run(fake.tool('wsl.exe'), ['--status']));
    assert.equal(error.failure, 'not-found');
    assert.match(error.message, /\/wsl\.exe was not found$/);
  });

  it('okExitCodes turns an expected non-zero exit into a result', async () => {
    fake = createFakeWindows({ state: { distros: [], defaultDistro: null } });
    const run = createProcessRunner({ insideWsl: false, env: fake.env });
    const result = await run(fake.tool('wsl.exe'), ['-l', '-v'], { okExitCodes: [255] });
    assert.equal(result.exitCode, 255);
    assert.match(result.stdout, /^Windows Subsystem for Linux has no installed distributions\./);
  });

  it('times out and cancels real child processes', async () => {
    const run = createProcessRunner({ insideWsl: false });
    const timedOut = await rejection(run('sleep', ['5'], { timeoutMs: 100 }));
    assert.equal(timedOut.failure, 'timeout');
    assert.match(timedOut.message, /^sleep 5 timed out after 100 ms$/);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();
    const canceled = await rejection(run('sleep', ['5'], { signal: controller.signal }));
    assert.equal(canceled.failure, 'canceled');
    assert.ok(Date.now() - started < 3000);
  });

  it('a timeout ends the whole process tree and settles even when a grandchild keeps stdout open', async () => {
    // The grandchild inherits stdout and outlives the child: waiting for the pipe to close (as the
    // runner used to) never settles, and every command waited on the refresh behind it.
    const run = createProcessRunner({ insideWsl: false, env: { PATH: process.env['PATH'] ?? '' } });
    const marker = `wsl-network-grandchild-${process.pid}-${Date.now()}`;
    const started = Date.now();
    const error = await rejection(
      run('/bin/sh', ['-c', `/bin/sh -c 'sleep 30; echo ${marker}' & echo started; wait`], { timeoutMs: 300 }),
    );
    assert.equal(error.failure, 'timeout');
    assert.ok(Date.now() - started < 6000, `settled after ${Date.now() - started} ms`);
    await new Promise((r) => setTimeout(r, 300));
    const left = execFileSync('/bin/ps', ['-eo', 'args'], { encoding: 'utf8' })
      .split('\n')
      .filter((line) => line.includes(marker));
    assert.deepEqual(left, [], 'the grandchild went with the tree');
  });

  it('a grandchild holding the pipe after a cancel does not hold the command either', async () => {
    const run = createProcessRunner({ insideWsl: false, env: { PATH: process.env['PATH'] ?? '' } });
    const controller = new AbortController();
    const pending = run('/bin/sh', ['-c', '(sleep 30 &) ; sleep 30'], { timeoutMs: 60_000, signal: controller.signal });
    setTimeout(() => controller.abort(), 200);
    const started = Date.now();
    const error = await rejection(pending);
    assert.equal(error.failure, 'canceled');
    assert.ok(Date.now() - started < 6000, `settled after ${Date.now() - started} ms`);
  });

  it('passes input on stdin, byte for byte', async () => {
    const run = createProcessRunner({ insideWsl: false, env: { PATH: process.env['PATH'] ?? '' } });
    const bytes = Buffer.from([0xff, 0xfe, 0x5b, 0x00, 0x0d, 0x0a, 0xe9]);
    const result = await run('/bin/sh', ['-c', 'od -An -tx1 | tr -s " \\n" " "'], { input: bytes, encoding: 'utf8' });
    assert.equal(result.stdout.trim(), 'ff fe 5b 00 0d 0a e9');
  });

  it('passes arguments verbatim without a shell (metacharacters stay data)', async () => {
    const run = createProcessRunner({ insideWsl: false });
    const hostile = ['$(touch /tmp/pwned)', '`id`', 'a; b', 'it\'s "quoted"', '*'];
    const result = await run('node', ['-e', 'process.stdout.write(JSON.stringify(process.argv.slice(1)))', ...hostile]);
    assert.deepEqual(JSON.parse(result.stdout), hostile);
  });

  it('describeCommand quotes arguments with spaces and abbreviates huge ones', () => {
    assert.equal(describeCommand('netsh.exe', ['interface', 'a b']), 'netsh.exe interface "a b"');
    assert.ok(describeCommand('powershell.exe', ['x'.repeat(500)]).endsWith('...'));
  });
});

describe('process runner (inside-WSL situation, Windows tools through interop)', () => {
  it('adds WSL_UTF8 to WSLENV so wsl.exe answers in UTF-8', async () => {
    fake = createFakeWindows({ situation: 'wsl' });
    const run = createProcessRunner({ insideWsl: true, env: { ...fake.env, WSLENV: 'USERPROFILE/p' } });
    const result = await run(fake.tool('wsl.exe'), ['--list', '--quiet']);
    assert.equal(result.stdoutEncoding, 'utf8');
    assert.equal(result.stdout, 'Ubuntu-24.04\ndocker-desktop\n');
    const [call] = fake.calls();
    assert.equal(call?.wslenv, 'USERPROFILE/p:WSL_UTF8');
  });

  it('without the WSLENV entry interop would drop WSL_UTF8: output is UTF-16 and still decoded', async () => {
    fake = createFakeWindows({ situation: 'wsl' });
    const run = createProcessRunner({ insideWsl: false, env: fake.env });
    const result = await run(fake.tool('wsl.exe'), ['--list', '--quiet']);
    assert.equal(result.stdoutEncoding, 'utf16le');
    assert.equal(result.stdout, 'Ubuntu-24.04\ndocker-desktop\n');
  });
});

describe('process runner: wsl.exe errors under a forced encoding', () => {
  it('still decodes a UTF-16 error message when the caller forced UTF-8 for -e output', async () => {
    fake = createFakeWindows();
    const run = createProcessRunner({ insideWsl: false, env: fake.env });
    const error = await rejection(
      run(fake.tool('wsl.exe'), ['-d', 'Nope', '-e', 'true'], { encoding: 'utf8', env: { WSL_UTF8: '0' } }),
    );
    assert.equal(error.wslErrorCode, 'Wsl/Service/WSL_E_DISTRO_NOT_FOUND');
    assert.ok(!error.message.includes('\u0000'));
  });
});
