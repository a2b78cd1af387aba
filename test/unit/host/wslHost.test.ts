// The facade end to end: real child processes of the stand-in Windows executables, in both
// host situations, plus real sockets of this test process.
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildFirewallRuleAdd, buildPortProxyAdd, buildWslShutdown } from '../../../client/src/host/commandBuilders';
import { planExposeToLan, planRepairStalePortProxies } from '../../../client/src/host/exposurePlan';
import { renderSteps } from '../../../client/src/host/planSteps';
import { HostCommandError } from '../../../client/src/host/processRunner';
import { assessReachability } from '../../../client/src/host/reachability';
import { findStalePortProxies } from '../../../client/src/host/stalePortProxy';
import { ValidationError } from '../../../client/src/host/validators';
import { WslHost } from '../../../client/src/host/wslHost';
import { createFakeWindows, fakeBinSourceDir, type FakeStateInput, type FakeWindows } from '../../fakes/fakeWindows';
import { collectNetworkContext, fakeEnvironment } from './testSupport';

let fake: FakeWindows | undefined;
const cleanups: (() => void)[] = [];
afterEach(() => {
  fake?.dispose();
  fake = undefined;
  while (cleanups.length > 0) cleanups.pop()?.();
});

const WSL_IP = '172.23.21.232';

function windowsHost(state: FakeStateInput = {}, omit?: string[]): WslHost {
  fake = createFakeWindows({ state, ...(omit ? { omit } : {}) });
  return new WslHost({
    environment: fakeEnvironment({ platform: 'win32', env: { ...fake.env, USERPROFILE: 'C:\\Users\\dev' } }),
    windowsToolsDir: fake.binDir,
  });
}

function insideWslHost(
  state: FakeStateInput = {},
  options: { omit?: string[]; automountRoot?: string; files?: Record<string, string>; interop?: string } = {},
): WslHost {
  fake = createFakeWindows({ state, situation: 'wsl', ...(options.omit ? { omit: options.omit } : {}) });
  return new WslHost({
    environment: fakeEnvironment({
      platform: 'linux',
      env: { ...fake.env, WSL_DISTRO_NAME: 'Ubuntu-24.04' },
      files: { '/proc/sys/fs/binfmt_misc/WSLInterop': options.interop ?? 'enabled\n', ...(options.files ?? {}) },
    }),
    ...(options.automountRoot ? { automountRoot: options.automountRoot } : {}),
    windowsToolsDir: fake.binDir,
  });
}

function listen(host: string): Promise<net.Server> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen({ host, port: 0 }, () => resolve(server));
    cleanups.push(() => server.close());
  });
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  assert.fail('expected a failure');
}

const calls = () => (fake as FakeWindows).calls();

describe('WslHost on Windows', () => {
  it('reads status, version and distros through wsl.exe', async () => {
    const host = windowsHost({ locale: 'de-DE' });
    assert.equal(host.situation.kind, 'windows');
    assert.deepEqual(await host.getStatus(), { defaultDistro: 'Ubuntu-24.04', defaultVersion: 2, notes: [] });
    assert.equal((await host.getVersion())?.kernelVersion, '5.15.133.1-1');
    assert.deepEqual(
      (await host.listDistros()).map((d) => [d.name, d.state, d.isDefault]),
      [
        ['Ubuntu-24.04', 'Running', true],
        ['docker-desktop', 'Stopped', false],
      ],
    );
    assert.deepEqual(await host.listDistroNames(), ['Ubuntu-24.04', 'docker-desktop']);
    assert.ok(calls().every((c) => c.tool === 'wsl.exe' && c.wslUtf8 === '1'));
  });

  it('no installed distro is an empty list, not an error', async () => {
    const host = windowsHost({ distros: [], defaultDistro: null });
    assert.deepEqual(await host.listDistros(), []);
    assert.deepEqual(await host.listDistroNames(), []);
  });

  it('WSL not installed: wsl.exe missing is a not-found error', async () => {
    const host = windowsHost({}, ['wsl.exe']);
    const error = await failure(host.getStatus());
    assert.ok(error instanceof HostCommandError && error.failure === 'not-found');
  });

  it('Linux facts come from wsl.exe -d <distro> -e …', async () => {
    const host = windowsHost({ networkingMode: 'mirrored', linux: { addresses: ['192.168.1.50', 'fd00::50'] } });
    assert.equal(await host.getNetworkingMode('Ubuntu-24.04'), 'mirrored');
    assert.deepEqual(await host.getWslAddresses('Ubuntu-24.04'), {
      all: ['192.168.1.50', 'fd00::50'],
      eth0: '192.168.1.50',
      eth0Subnet: '192.168.0.0/20',
    });
    const wslCalls = calls().filter((c) => c.tool === 'wsl.exe');
    assert.deepEqual(wslCalls[0]?.argv, ['-d', 'Ubuntu-24.04', '-e', 'wslinfo', '--networking-mode']);
    assert.ok(
      wslCalls.some((c) => JSON.stringify(c.argv) === JSON.stringify(['-d', 'Ubuntu-24.04', '-e', 'hostname', '-I'])),
    );
  });

  it('listening sockets of an emulated distro, with owners, via the snapshot script', async () => {
    const host = windowsHost({
      linux: {
        sockets: [
          { protocol: 'tcp', address: '127.0.0.1', port: 3000, pid: 4242, comm: 'node', inode: 50001 },
          { protocol: 'tcp', address: '::', port: 8080, pid: 4243, comm: 'python3', inode: 50002 },
          {
            protocol: 'tcp',
            address: WSL_IP,
            port: 22,
            pid: 99,
            comm: 'sshd',
            inode: 50003,
            state: 'ESTABLISHED',
            remoteAddress: '172.23.16.1',
            remotePort: 50123,
          },
          { protocol: 'udp', address: '0.0.0.0', port: 5353, pid: 77, comm: 'avahi-daemon', inode: 50004 },
          { protocol: 'tcp', address: '0.0.0.0', port: 631, inode: 50005 },
        ],
      },
    });
    const sockets = await host.listListeningSockets('Ubuntu-24.04');
    assert.deepEqual(
      sockets.map((s) => [s.protocol, s.address, s.port, s.pid, s.processName]),
      [
        ['tcp', '127.0.0.1', 3000, 4242, 'node'],
        ['tcp', '0.0.0.0', 631, undefined, undefined],
        ['tcp', '::', 8080, 4243, 'python3'],
        ['udp', '0.0.0.0', 5353, 77, 'avahi-daemon'],
      ],
    );
    const call = calls().find((c) => c.tool === 'wsl.exe');
    assert.deepEqual(call?.argv.slice(0, 5), ['-d', 'Ubuntu-24.04', '-e', 'sh', '-c']);
  });

  it('listening sockets of a distro that runs for real (this machine) include this process', async () => {
    const server = await listen('0.0.0.0');
    const host = windowsHost({ linux: { exec: 'host' } });
    const port = (server.address() as net.AddressInfo).port;
    const mine = (await host.listListeningSockets('Ubuntu-24.04')).filter((s) => s.port === port);
    assert.deepEqual(
      mine.map((s) => [s.address, s.pid]),
      [['0.0.0.0', process.pid]],
    );
  });

  it('portproxy rules and all firewall facts in one PowerShell run (numeric enums)', async () => {
    const host = windowsHost({
      portProxy: [
        { kind: 'v4tov4', listenAddress: '0.0.0.0', listenPort: 8080, connectAddress: WSL_IP, connectPort: 8080 },
      ],
      windows: {
        firewallRules: [
          {
            name: '{A}',
            displayName: "Bob's <dev> & test",
            profile: ['Private', 'Public'],
            protocol: 'TCP',
            localPort: ['8080', '9000-9100'],
            remoteAddress: ['192.168.1.0/24', '100.64.0.0/10'],
          },
        ],
        hyperVRules: [
          {
            name: 'WSL-Network-TCP-8080',
            displayName: 'WSL Network: TCP 8080',
            vmCreatorId: '{40E0AC32-46A5-438A-A0B2-2B479E8F2E90}',
            protocol: 'TCP',
            localPorts: '8080',
            profiles: 'Private',
          },
        ],
      },
    });
    assert.deepEqual(await host.getPortProxies(), [
      { kind: 'v4tov4', listenAddress: '0.0.0.0', listenPort: 8080, connectAddress: WSL_IP, connectPort: 8080 },
    ]);
    const facts = await host.getWindowsFirewallFacts();
    assert.deepEqual(facts.firewallRules, {
      ok: true,
      value: [
        {
          name: '{A}',
          displayName: "Bob's <dev> & test",
          enabled: true,
          direction: 'Inbound',
          action: 'Allow',
          profiles: ['Private', 'Public'],
          protocol: 'TCP',
          localPorts: ['8080', '9000-9100'],
          program: 'Any',
          remoteAddresses: ['192.168.1.0/24', '100.64.0.0/10'],
        },
      ],
    });
    assert.equal(facts.hyperVRules.ok && facts.hyperVRules.value[0]?.localPorts[0], '8080');
    assert.deepEqual(facts.hyperVRules.ok && facts.hyperVRules.value[0]?.remoteAddresses, ['Any']);
    assert.deepEqual(facts.hyperVSetting.ok && facts.hyperVSetting.value?.defaultInboundAction, 'Block');
    assert.deepEqual(facts.connectionProfiles.ok && facts.connectionProfiles.value.map((p) => p.networkCategory), [
      'Private',
    ]);
    assert.deepEqual(facts.tcpListeners.ok && facts.tcpListeners.value, [
      { localAddress: '0.0.0.0', localPort: 135, owningProcess: 1044 },
    ]);
    const psCalls = calls().filter((c) => c.tool === 'powershell.exe');
    assert.equal(psCalls.length, 1, 'one powershell.exe for all facts');
  });

  it('string enums give the same facts; a missing Hyper-V module fails only its part', async () => {
    const host = windowsHost({
      windows: {
        enumsAsStrings: true,
        hyperVFirewallSupported: false,
        firewallRules: [{ name: 'r', displayName: 'r', profile: 'Any', localPort: '80' }],
      },
    });
    const facts = await host.getWindowsFirewallFacts();
    assert.equal(facts.firewallRules.ok && facts.firewallRules.value[0]?.profiles.length, 3);
    assert.equal(facts.connectionProfiles.ok && facts.connectionProfiles.value[0]?.networkCategory, 'Private');
    assert.equal(facts.hyperVRules.ok, false);
    assert.match(
      facts.hyperVRules.ok ? '' : facts.hyperVRules.error,
      /^The term 'Get-NetFirewallHyperVRule' is not recognized/,
    );
  });

  it('.wslconfig is found through USERPROFILE without running anything', async () => {
    const host = windowsHost();
    assert.equal(await host.getWslConfigPath(), 'C:\\Users\\dev\\.wslconfig');
    assert.equal(calls().length, 0);
  });

  it('collects a network context and decides reachability end to end', async () => {
    const host = windowsHost({
      portProxy: [
        { kind: 'v4tov4', listenAddress: '0.0.0.0', listenPort: 8080, connectAddress: WSL_IP, connectPort: 8080 },
      ],
      windows: {
        firewallRules: [
          { name: '{F}', displayName: 'WSL Network: TCP 8080', profile: 'Private', protocol: 'TCP', localPort: '8080' },
        ],
      },
      linux: {
        sockets: [
          { protocol: 'tcp', address: '0.0.0.0', port: 8080, pid: 7, comm: 'node', inode: 1 },
          { protocol: 'tcp', address: '127.0.0.1', port: 5173, pid: 8, comm: 'vite', inode: 2 },
        ],
      },
    });
    const { context, errors } = await collectNetworkContext(host, '[wsl2]\nlocalhostForwarding=true\n');
    assert.deepEqual(errors, []);
    assert.equal(context.mode, 'nat');
    assert.deepEqual(context.wslIps, [WSL_IP]);
    const sockets = await host.listListeningSockets('Ubuntu-24.04');
    const levels = sockets.map((s) => [s.port, assessReachability(s, context).level]);
    assert.deepEqual(levels, [
      [8080, 'lan'],
      [5173, 'windows-localhost'],
    ]);
  });

  it('Expose to LAN runs netsh and New-NetFirewallRule behind one elevation and changes state', async () => {
    const host = windowsHost({
      linux: { sockets: [{ protocol: 'tcp', address: '0.0.0.0', port: 3000, pid: 7, comm: 'node', inode: 1 }] },
    });
    const { context } = await collectNetworkContext(host);
    const [socket] = await host.listListeningSockets('Ubuntu-24.04');
    assert.ok(socket);
    const plan = planExposeToLan(socket, context);
    assert.equal(plan.feasible, true);
    assert.deepEqual(
      renderSteps(plan.steps).map((s) => [s.file, s.elevated]),
      [
        ['netsh.exe', true],
        ['powershell.exe', true],
      ],
    );
    const before = calls().length;
    await host.executeElevated(renderSteps(plan.steps));
    const state = (fake as FakeWindows).readState();
    assert.deepEqual(state.portProxy, [
      { kind: 'v4tov4', listenAddress: '0.0.0.0', listenPort: 3000, connectAddress: WSL_IP, connectPort: 3000 },
    ]);
    assert.deepEqual(
      state.windows.firewallRules.map((r) => [r.displayName, r.protocol, r.localPort, r.profile, r.action]),
      [['WSL Network: TCP 3000', 'TCP', '3000', 'Private', 'Allow']],
    );
    const newCalls = calls().slice(before);
    assert.deepEqual(
      newCalls.map((c) => [c.tool, c.elevated]),
      [
        ['powershell.exe', false],
        ['powershell.exe', true],
        ['netsh.exe', true],
      ],
    );
    assert.deepEqual(newCalls[2]?.argv, [
      'interface',
      'portproxy',
      'add',
      'v4tov4',
      'listenport=3000',
      'listenaddress=0.0.0.0',
      'connectport=3000',
      'connectaddress=172.23.21.232',
    ]);
    const after = await collectNetworkContext(host);
    assert.equal(assessReachability(socket, after.context).level, 'lan');
  });

  it('execute() wraps an elevated step automatically; a declined UAC prompt changes nothing', async () => {
    const host = windowsHost({ windows: { uac: 'decline' } });
    const { buildHyperVRuleAdd } = await import('../../../client/src/host/commandBuilders');
    const error = await failure(host.execute(buildHyperVRuleAdd({ port: 8080 })));
    assert.ok(error instanceof HostCommandError);
    assert.equal(error.failure, 'elevation-canceled');
    assert.equal(error.exitCode, 1223 & 0xff, 'a POSIX parent sees the low 8 bits of 1223');
    assert.match(error.message, /administrator prompt was declined/);
    assert.deepEqual((fake as FakeWindows).readState().windows.hyperVRules, []);
    assert.ok(calls().every((c) => !c.elevated));
  });

  it('wsl --shutdown changes the WSL IP; the old portproxy rule is then stale and can be repaired', async () => {
    const host = windowsHost({
      linux: { addresses: [WSL_IP], addressesAfterShutdown: ['172.29.7.9'] },
      portProxy: [
        { kind: 'v4tov4', listenAddress: '0.0.0.0', listenPort: 8080, connectAddress: WSL_IP, connectPort: 8080 },
      ],
    });
    await host.execute(buildWslShutdown());
    assert.ok((fake as FakeWindows).readState().distros.every((d) => d.state === 'Stopped'));
    // The cockpit never starts WSL just to look; the next use of the distro does (here: reading its addresses).
    await host.getWslAddresses('Ubuntu-24.04');
    const { context } = await collectNetworkContext(host);
    assert.deepEqual(
      findStalePortProxies(context.portProxies ?? [], context.wslIps).map((s) => s.rule.connectAddress),
      [WSL_IP],
    );
    const repair = planRepairStalePortProxies(context);
    await host.executeElevated(renderSteps(repair.steps));
    assert.equal((fake as FakeWindows).readState().portProxy[0]?.connectAddress, '172.29.7.9');
  });

  it('hostile distro names never reach a command line', async () => {
    const host = windowsHost();
    for (const name of ['Ubuntu; calc', '$(reboot)', '`id`', 'a b', '--shutdown']) {
      const error = await failure(host.getNetworkingMode(name));
      assert.ok(error instanceof ValidationError, name);
    }
    assert.deepEqual(calls(), []);
  });
});

describe('WslHost inside a WSL distro (Remote-WSL)', () => {
  it('reads /proc of its own distro directly and runs wslinfo locally', async () => {
    const server = await listen('127.0.0.1');
    const host = insideWslHost({ networkingMode: 'mirrored' });
    assert.equal(host.situation.kind, 'wsl');
    assert.equal(host.currentDistro, 'Ubuntu-24.04');
    const port = (server.address() as net.AddressInfo).port;
    const mine = (await host.listListeningSockets()).filter((s) => s.port === port);
    assert.deepEqual(
      mine.map((s) => [s.address, s.pid]),
      [['127.0.0.1', process.pid]],
    );
    assert.equal(await host.getNetworkingMode(), 'mirrored');
    assert.deepEqual(
      calls().map((c) => c.tool),
      ['wslinfo'],
    );
  });

  it('other distros still go through wsl.exe (interop), with WSL_UTF8 shared via WSLENV', async () => {
    const host = insideWslHost({
      linux: { sockets: [{ protocol: 'tcp', address: '0.0.0.0', port: 2375, pid: 5, comm: 'dockerd', inode: 9 }] },
    });
    const sockets = await host.listListeningSockets('docker-desktop');
    assert.deepEqual(
      sockets.map((s) => [s.port, s.processName]),
      [[2375, 'dockerd']],
    );
    assert.deepEqual(await host.getStatus(), { defaultDistro: 'Ubuntu-24.04', defaultVersion: 2, notes: [] });
    const wslCalls = calls().filter((c) => c.tool === 'wsl.exe');
    assert.equal(wslCalls.length, 2);
    assert.ok(wslCalls.every((c) => c.wslUtf8 === '1' && (c.wslenv ?? '').split(':').includes('WSL_UTF8')));
  });

  it('.wslconfig through cmd.exe %USERPROFILE% and the drvfs mount (cwd on C:)', async () => {
    const mount = fs.mkdtempSync(path.join(os.tmpdir(), 'wsl-network-mnt-'));
    cleanups.push(() => fs.rmSync(mount, { recursive: true, force: true }));
    fs.mkdirSync(path.join(mount, 'c'));
    const host = insideWslHost({}, { automountRoot: `${mount}/`, files: { [`${mount}/c`]: '' } });
    assert.equal(await host.getWslConfigPath(), `${mount}/c/Users/dev/.wslconfig`);
    const [call] = calls();
    assert.deepEqual(
      [call?.tool, call?.argv, call?.cwd],
      ['cmd.exe', ['/d', '/c', 'echo', '%USERPROFILE%'], `${mount}/c`],
    );
  });

  it('a non-ASCII profile folder is asked again from PowerShell in UTF-8', async () => {
    const host = insideWslHost({ windows: { userProfile: 'C:\\Users\\Jos\u00e9' } });
    assert.equal(await host.getWslConfigPath(), '/mnt/c/Users/Jos\u00e9/.wslconfig');
    assert.deepEqual(
      calls().map((c) => c.tool),
      ['cmd.exe', 'powershell.exe'],
    );
  });

  it('runs Windows tools from <automount>/c/Windows/System32, never a hostile powershell.exe or netsh.exe earlier on PATH', async () => {
    const mount = fs.mkdtempSync(path.join(os.tmpdir(), 'wsl-network-mnt-'));
    cleanups.push(() => fs.rmSync(mount, { recursive: true, force: true }));
    fake = createFakeWindows({
      situation: 'wsl',
      state: {
        portProxy: [
          { kind: 'v4tov4', listenAddress: '0.0.0.0', listenPort: 22, connectAddress: WSL_IP, connectPort: 22 },
        ],
      },
    });
    // The real layout of the C: drive mount: System32 and System32/WindowsPowerShell/v1.0.
    const windowsDir = path.join(mount, 'c', 'Windows');
    const placed: Record<string, string> = {};
    for (const [tool, below] of [
      ['wsl.exe', 'System32/wsl.exe'],
      ['netsh.exe', 'System32/netsh.exe'],
      ['cmd.exe', 'System32/cmd.exe'],
      ['powershell.exe', 'System32/WindowsPowerShell/v1.0/powershell.exe'],
    ] as const) {
      const target = path.join(windowsDir, below);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.symlinkSync(path.join(fakeBinSourceDir(), tool), target);
      placed[target] = '';
    }
    // A same-user process put recording "powershell.exe" and "netsh.exe" first on PATH.
    const hostile = path.join(mount, 'hostile-bin');
    const ran = path.join(mount, 'hostile-ran.log');
    fs.mkdirSync(hostile);
    for (const name of ['powershell.exe', 'netsh.exe', 'wsl.exe', 'cmd.exe']) {
      fs.writeFileSync(path.join(hostile, name), `#!/bin/sh\necho "${name} $*" >> '${ran}'\nexit 0\n`, {
        mode: 0o755,
      });
    }
    const host = new WslHost({
      environment: fakeEnvironment({
        platform: 'linux',
        env: { ...fake.env, PATH: `${hostile}${path.delimiter}${fake.env['PATH'] ?? ''}`, WSL_DISTRO_NAME: 'Ubuntu' },
        files: { '/proc/sys/fs/binfmt_misc/WSLInterop': 'enabled\n', ...placed },
      }),
      automountRoot: mount,
    });
    assert.equal(
      host.tools.launchPath('powershell.exe'),
      `${mount}/c/Windows/System32/WindowsPowerShell/v1.0/powershell.exe`,
    );
    assert.equal(host.tools.windowsPath('netsh.exe'), 'C:\\Windows\\System32\\netsh.exe');
    assert.equal((await host.getPortProxies()).length, 1);
    await host.getWindowsFirewallFacts();
    await host.executeElevated([
      buildPortProxyAdd({ listenPort: 8080, connectAddress: WSL_IP }),
      buildFirewallRuleAdd({ port: 8080 }),
    ]);
    assert.ok(
      !fs.existsSync(ran),
      `the hostile PATH entry ran: ${fs.existsSync(ran) ? fs.readFileSync(ran, 'utf8') : ''}`,
    );
    const state = fake.readState();
    assert.ok(
      state.portProxy.some((r) => r.listenPort === 8080),
      'the elevated netsh (System32) added the rule',
    );
    assert.ok(state.windows.firewallRules.some((r) => r.displayName === 'WSL Network: TCP 8080'));
    const elevatedScript = calls().find((c) => c.elevated && c.tool === 'powershell.exe')?.script ?? '';
    assert.match(elevatedScript, /& 'C:\\Windows\\System32\\netsh\.exe' 'interface'/);
  });

  it('a missing System32 mount is reported with its path, and nothing on PATH is tried', async () => {
    const host = insideWslHost({}, { automountRoot: '/nonexistent-mount/' });
    const bare = new WslHost({ environment: host.environment, automountRoot: '/nonexistent-mount/' });
    const error = (await failure(bare.getStatus())) as HostCommandError;
    assert.equal(error.failure, 'not-found');
    assert.match(error.message, /\/nonexistent-mount\/c\/Windows\/System32\/wsl\.exe does not exist/);
    assert.deepEqual(calls(), []);
  });

  it('interop disabled: Windows tools are refused with the reason, nothing runs', async () => {
    const host = insideWslHost({}, { interop: 'disabled\n' });
    const error = await failure(host.getStatus());
    assert.match(error.message, /interop is disabled/);
    assert.equal(await host.getWslConfigPath(), undefined);
    assert.deepEqual(calls(), []);
  });
});

describe('WslHost elsewhere', () => {
  it('reports WSL not available on other platforms', async () => {
    const host = new WslHost({ environment: fakeEnvironment({ platform: 'darwin' }) });
    assert.match(host.unavailableReason() ?? '', /^WSL not available/);
    const error = await failure(host.getStatus());
    assert.match(error.message, /WSL not available/);
  });
});
