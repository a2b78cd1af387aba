/**
 * WslHost's own decisions, with a scripted runner in place of real processes: which program it
 * starts for each question and from where, what it caches, how it combines partial answers, and
 * how a failed or declined elevated run is reported. wslHost.test.ts runs WslHost against the
 * stand-in tools as real processes; that suite is too slow for the mutation run to rerun for each
 * mutant, so these decisions are also checked here.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildFirewallRuleAdd, buildPortProxyAdd, type CommandSpec } from '../../../client/src/host/commandBuilders';
import { StepsFailedError } from '../../../client/src/host/elevation';
import { HostCommandError } from '../../../client/src/host/processRunner';
import { WslHost } from '../../../client/src/host/wslHost';
import { fakeEnvironment, fieldText, scriptedRunner } from './testSupport';

type Handler = (file: string, args: readonly string[]) => string | Error;

const failure = (file: string, args: readonly string[], exitCode: number, stdout = '') =>
  new HostCommandError('exit-code', file, args, exitCode, stdout, '', undefined, `exited with ${exitCode}.`);

const WSL_EXE = 'C:\\Windows\\System32\\wsl.exe';
const POWERSHELL = 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe';

function onWindows(handler: Handler, log?: (message: string) => void) {
  const { runner, calls } = scriptedRunner(handler);
  const host = new WslHost({
    environment: fakeEnvironment({ platform: 'win32', env: { SystemRoot: 'C:\\Windows' } }),
    runner,
    ...(log ? { log } : {}),
  });
  return { host, calls };
}

/** Real captures (test/fixtures/field, each with its source in index.json). */
const VERSION_EN = fieldText('wsl-version.en-US.store-1.2.5.win10.txt');
const INBOX_USAGE = fieldText('wsl-version.en-US.inbox-usage.win10.txt');

describe('WslHost: wsl --version', () => {
  it('is asked once: the answer is kept for every later call', async () => {
    const { host, calls } = onWindows(() => VERSION_EN);
    const first = await host.getVersion();
    assert.equal(first?.wslVersion, '1.2.5.0');
    assert.equal(await host.getVersion(), first);
    assert.deepEqual(
      calls.map((c) => [c.file, c.args]),
      [[WSL_EXE, ['--version']]],
    );
  });

  it("keeps inbox WSL's usage text as the final answer, but asks again after any other failure", async () => {
    let answer: string | Error = failure('wsl.exe', ['--version'], 1, INBOX_USAGE);
    const { host, calls } = onWindows(() => answer);
    assert.equal(await host.getVersion(), undefined);
    assert.equal(await host.getVersion(), undefined);
    assert.equal(calls.length, 1, 'inbox WSL is asked once');

    answer = failure('wsl.exe', ['--version'], 1, 'something else\n');
    const second = onWindows(() => answer);
    assert.equal(await second.host.getVersion(), undefined);
    answer = VERSION_EN;
    assert.equal((await second.host.getVersion())?.wslVersion, '1.2.5.0');
    assert.equal(second.calls.length, 2, 'a failure that is not the usage text is not kept');
  });

  it('passes on a failure to start wsl.exe, and asks again next time', async () => {
    let answer: string | Error = new HostCommandError(
      'not-found',
      'wsl.exe',
      ['--version'],
      undefined,
      '',
      '',
      undefined,
      'not found',
    );
    const { host, calls } = onWindows(() => answer);
    await assert.rejects(host.getVersion(), (e) => e instanceof HostCommandError && e.failure === 'not-found');
    answer = VERSION_EN;
    assert.equal((await host.getVersion())?.wslVersion, '1.2.5.0');
    assert.equal(calls.length, 2);
  });
});

describe('WslHost: Linux facts through wsl.exe', () => {
  const IP_ADDR = [
    '6: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc mq state UP group default qlen 1000',
    '    inet 172.23.21.232/20 brd 172.23.31.255 scope global eth0',
    '       valid_lft forever preferred_lft forever',
    '',
  ].join('\n');

  it('runs a command in the default distro, or in a named one, as raw UTF-8 output', async () => {
    const { host, calls } = onWindows(() => 'mirrored\n');
    assert.equal(await host.getNetworkingMode(), 'mirrored');
    assert.equal(await host.getNetworkingMode('Ubuntu-24.04'), 'mirrored');
    assert.deepEqual(
      calls.map((c) => [c.file, c.args, c.options?.encoding]),
      [
        [WSL_EXE, ['-e', 'wslinfo', '--networking-mode'], 'utf8'],
        [WSL_EXE, ['-d', 'Ubuntu-24.04', '-e', 'wslinfo', '--networking-mode'], 'utf8'],
      ],
    );
  });

  it('refuses a distro name that is not one, before running anything', async () => {
    const { host, calls } = onWindows(() => 'nat\n');
    await assert.rejects(host.getNetworkingMode('-d x; rm -rf /'));
    assert.deepEqual(calls, []);
  });

  it('reports an unknown networking mode once, with the raw text', async () => {
    const logged: string[] = [];
    const { host } = onWindows(
      () => 'quantum\n',
      (m) => logged.push(m),
    );
    assert.equal(await host.getNetworkingMode(), undefined);
    assert.equal(await host.getNetworkingMode(), undefined);
    assert.deepEqual(logged, [
      'Unrecognised output of wslinfo --networking-mode (please report it with this text):\nquantum\n',
    ]);
  });

  it("combines hostname -I and eth0's address and subnet", async () => {
    const { host } = onWindows((_, args) => (args.includes('hostname') ? '172.23.21.232 fd00::5 \n' : IP_ADDR));
    assert.deepEqual(await host.getWslAddresses(), {
      all: ['172.23.21.232', 'fd00::5'],
      eth0: '172.23.21.232',
      eth0Subnet: '172.23.16.0/20',
    });
  });

  it('makes do with either answer when the other fails, and fails only when both do', async () => {
    const onlyEth0 = onWindows((file, args) => (args.includes('hostname') ? failure(file, args, 1) : IP_ADDR));
    assert.deepEqual(await onlyEth0.host.getWslAddresses(), {
      all: ['172.23.21.232'],
      eth0: '172.23.21.232',
      eth0Subnet: '172.23.16.0/20',
    });
    const onlyHostname = onWindows((file, args) =>
      args.includes('hostname') ? 'fd00::5 10.0.0.7\n' : failure(file, args, 1),
    );
    assert.deepEqual(await onlyHostname.host.getWslAddresses(), { all: ['fd00::5', '10.0.0.7'], eth0: '10.0.0.7' });
    const neither = onWindows((file, args) => failure(file, args, args.includes('hostname') ? 7 : 8));
    await assert.rejects(neither.host.getWslAddresses(), (e) => e instanceof HostCommandError && e.exitCode === 7);
  });
});

describe('WslHost: which programs run', () => {
  it('starts Windows tools by their absolute path under %SystemRoot%, and refuses any other name', async () => {
    const { runner, calls } = scriptedRunner(() => '');
    const host = new WslHost({
      environment: fakeEnvironment({ platform: 'win32', env: { SystemRoot: 'D:\\Win' } }),
      runner,
    });
    await host.windowsTool('netsh.exe', ['interface', 'portproxy', 'show', 'all']);
    assert.equal(calls[0].file, 'D:\\Win\\System32\\netsh.exe');
    await assert.rejects(
      host.windowsTool('calc.exe', []),
      (e) => e instanceof HostCommandError && /is not a Windows tool we run/.test(e.message),
    );
    assert.equal(calls.length, 1);
  });

  it('runs nothing where WSL is not available, and says why', async () => {
    const { runner, calls } = scriptedRunner(() => '');
    const host = new WslHost({ environment: fakeEnvironment({ platform: 'darwin' }), runner });
    assert.match(host.unavailableReason() ?? '', /runs on darwin/);
    assert.equal(host.currentDistro, undefined);
    await assert.rejects(host.getStatus(), (e) => e instanceof HostCommandError && e.failure === 'spawn-failed');
    assert.deepEqual(calls, []);
  });

  it('runs a non-elevated command as it is, and wraps an elevated one', async () => {
    const { host, calls } = onWindows(() => '@@elevated-exit 0\n');
    await host.execute({ file: 'wsl.exe', args: ['--shutdown'], elevated: false, description: 'Shut down WSL' });
    await host.execute(buildFirewallRuleAdd({ port: 8080 }));
    assert.deepEqual(calls[0].args, ['--shutdown']);
    assert.equal(calls[1].file, POWERSHELL);
    assert.match(calls[1].args[3], /-Verb RunAs/);
    assert.equal(calls[1].options?.timeoutMs, 600_000);
  });
});

describe('WslHost.executeElevated', () => {
  const WSL_IP = '172.23.21.232';
  const steps: CommandSpec[] = [
    buildPortProxyAdd({ listenPort: 8080, connectAddress: WSL_IP }),
    buildFirewallRuleAdd({ port: 8080 }),
  ];

  it('says "declined" only when the prompt was declined before any step ran', async () => {
    for (const exitCode of [1223, 199]) {
      const { host } = onWindows((file, args) => failure(file, args, exitCode));
      await assert.rejects(
        host.executeElevated(steps),
        (e) =>
          e instanceof HostCommandError &&
          !(e instanceof StepsFailedError) &&
          e.failure === 'elevation-canceled' &&
          /the administrator prompt was declined or could not be shown/.test(e.message),
      );
    }
  });

  it('names the step that failed from the exit code the launcher printed', async () => {
    const { host } = onWindows((file, args) => failure(file, args, 200001 & 0xff, '@@elevated-exit 200001\n'));
    await assert.rejects(
      host.executeElevated(steps),
      (e) =>
        e instanceof StepsFailedError &&
        e.completed === 1 &&
        e.failedStep === 1 &&
        e.failedExitCode === 1 &&
        !e.declined,
    );
  });

  it('passes on a failure of the first batch that names no step', async () => {
    const { host } = onWindows((file, args) => failure(file, args, 1, 'launcher broke\n'));
    await assert.rejects(
      host.executeElevated(steps),
      (e) => e instanceof HostCommandError && !(e instanceof StepsFailedError) && e.failure === 'exit-code',
    );
    const thrown = new Error('runner bug');
    const other = onWindows(() => thrown);
    await assert.rejects(other.host.executeElevated(steps), (e) => e === thrown);
  });

  it('counts the steps of earlier batches as finished when a later batch fails or is declined', async () => {
    const many = Array.from({ length: 400 }, (_, i) =>
      buildPortProxyAdd({ listenPort: 10000 + i, connectAddress: WSL_IP }),
    );
    const probe = onWindows(() => '');
    const batches = probe.host.elevatedBatchCount(many);
    assert.ok(batches >= 2, `400 rules need more than one command line (${batches})`);
    assert.equal(probe.host.elevatedBatchCount([]), 0);
    for (const [exitCode, declined] of [
      [1223, true],
      [5, false],
    ] as const) {
      let runs = 0;
      const { host } = onWindows((file, args) =>
        ++runs === 1 ? '@@elevated-exit 0\n' : failure(file, args, exitCode),
      );
      const error = await host.executeElevated(many).then(
        () => assert.fail('expected a failure'),
        (e: unknown) => e,
      );
      assert.ok(error instanceof StepsFailedError);
      assert.equal(error.declined, declined);
      assert.equal(error.failedStep, undefined);
      assert.ok(error.completed > 0 && error.completed < many.length, String(error.completed));
    }
  });
});
