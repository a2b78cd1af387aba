// The scheduled task that keeps our LAN exposures working while VS Code is closed: its script is
// built from validated values only and names only our own portproxy rules, hostile values are
// refused before any command exists, and install/remove run against the stand-ins leave exactly
// the task and file (install) or nothing at all (remove) in the fake Windows state.
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { listOwnExposures, type ExposureRecord } from '../../../client/src/host/exposurePlan';
import type { PortProxyRule } from '../../../client/src/host/hostTypes';
import {
  buildKeepScript,
  keepTaskPaths,
  keptForwards,
  KEEP_TASK_NAME,
  planKeepTask,
  validateWindowsFolder,
} from '../../../client/src/host/lastingExposures';
import { decodePowerShellCommand } from '../../../client/src/host/elevation';
import { ValidationError } from '../../../client/src/host/validators';
import { WslHost } from '../../../client/src/host/wslHost';
import { createFakeWindows, type FakeWindows } from '../../fakes/fakeWindows';
import { fakeEnvironment } from './testSupport';

let fake: FakeWindows | undefined;
afterEach(() => fake?.dispose());

const proxy = (listenPort: number, connectAddress: string, connectPort = listenPort): PortProxyRule => ({
  kind: 'v4tov4',
  listenAddress: '0.0.0.0',
  listenPort,
  connectAddress,
  connectPort,
});

const record = (port: number, listenPort = port): ExposureRecord => ({
  port,
  protocol: 'TCP',
  mode: 'nat',
  listenPort,
  listenAddress: '0.0.0.0',
  connectAddress: '172.23.21.232',
  created: ['portproxy', 'firewall'],
  ruleNamePrefix: 'WSL Network',
  profile: 'Private',
  at: 1,
});

/** Our 8080 and 2222→22 exposures, next to someone else's 3389 and 9000 rules into the WSL range. */
function ownAndForeign() {
  const context = {
    mode: 'nat' as const,
    wslIps: ['172.23.21.232'],
    portProxies: [
      proxy(8080, '172.20.0.5'),
      proxy(2222, '172.20.0.5', 22),
      proxy(3389, '172.20.0.9'),
      proxy(9000, '172.20.0.5'),
    ],
    firewallRules: [
      {
        name: '{a}',
        displayName: 'WSL Network: TCP 8080',
        enabled: true,
        direction: 'Inbound',
        action: 'Allow',
        profiles: ['Private'],
        protocol: 'TCP',
        localPorts: ['8080'],
        programs: [],
      },
      {
        name: '{b}',
        displayName: 'Someone else: TCP 9000',
        enabled: true,
        direction: 'Inbound',
        action: 'Allow',
        profiles: ['Private'],
        protocol: 'TCP',
        localPorts: ['9000'],
        programs: [],
      },
    ],
  };
  return listOwnExposures(context as never, [record(8080), record(22, 2222)], 'WSL Network');
}

const updateLines = (script: string): string[] =>
  script.split('\r\n').filter((line) => line.startsWith('Update-Forward '));

describe('keep-exposures script', () => {
  it('names only our own portproxy rules, with foreign rules present', () => {
    const forwards = keptForwards(ownAndForeign());
    assert.deepEqual(forwards, [
      { listenAddress: '0.0.0.0', listenPort: 2222, connectPort: 22 },
      { listenAddress: '0.0.0.0', listenPort: 8080, connectPort: 8080 },
    ]);
    const script = buildKeepScript({ distro: 'Ubuntu-24.04', forwards });
    assert.deepEqual(updateLines(script), ["Update-Forward '0.0.0.0' 2222 22", "Update-Forward '0.0.0.0' 8080 8080"]);
    assert.doesNotMatch(script, /3389|9000/);
  });

  it('is ASCII with CRLF line ends, and asks a distro for its IP only when it is running', () => {
    const script = buildKeepScript({
      distro: 'Ubuntu-24.04',
      forwards: [{ listenAddress: '0.0.0.0', listenPort: 8080, connectPort: 8080 }],
    });
    assert.match(script, /^[\x20-\x7e\r\n]*$/);
    assert.doesNotMatch(script.replace(/\r\n/g, ''), /\n/);
    const lines = script.split('\r\n');
    const running = lines.findIndex((l) => l.includes('--list --running --quiet'));
    const guard = lines.findIndex((l) => l === 'if ($running -notcontains $distro) { exit 0 }');
    const askIp = lines.findIndex((l) => l.includes("wsl.exe' -d $distro -e hostname -I"));
    assert.ok(running >= 0 && guard > running && askIp > guard, 'the running check comes before wsl.exe -d');
    assert.ok(lines.includes("$distro = 'Ubuntu-24.04'"));
    // Every variable part is one of the validated values: no other quoted literal carries data.
    for (const line of updateLines(script))
      assert.match(line, /^Update-Forward '(?:[0-9]{1,3}\.){3}[0-9]{1,3}' [0-9]{1,5} [0-9]{1,5}$/);
  });

  it("names every program by its absolute System32 path: the task runs as administrator, PATH is the user's", () => {
    const forwards = [{ listenAddress: '0.0.0.0', listenPort: 8080, connectPort: 8080 }];
    const plan = planKeepTask({ programData: 'C:\\ProgramData', distro: 'Ubuntu-24.04', forwards });
    const invoked = [...plan.scriptText.matchAll(/& ('[^']*'|\S+)/g)].map((m) => m[1]);
    assert.ok(invoked.length >= 4, plan.scriptText);
    for (const program of invoked)
      assert.match(program!, /^'C:\\Windows\\System32\\(?:wsl|netsh)\.exe'$/, `bare or relative program: ${program}`);
    const register = plan.install.find((step) => /Register-ScheduledTask/.test(step.script ?? ''));
    assert.match(register?.script ?? '', /-Execute 'C:\\Windows\\System32\\WindowsPowerShell\\v1\.0\\powershell\.exe'/);
    // The host's resolved paths are used, and a path that is not an absolute .exe is refused.
    const onD = planKeepTask({
      programData: 'C:\\ProgramData',
      distro: 'Ubuntu-24.04',
      forwards,
      windowsPath: (tool) => `D:\\Win\\System32\\${tool}`,
    });
    assert.match(onD.scriptText, /& 'D:\\Win\\System32\\wsl\.exe' --list/);
    for (const bad of ['wsl.exe', '.\\wsl.exe', "C:\\x'; calc; '\\wsl.exe", 'C:\\Windows\\System32\\cmd.exe'])
      assert.throws(
        () => buildKeepScript({ distro: 'Ubuntu-24.04', forwards, windowsPath: () => bad }),
        ValidationError,
        bad,
      );
  });

  it('refuses hostile distro names, addresses, ports and folders before any command is built', () => {
    const ok = { listenAddress: '0.0.0.0', listenPort: 8080, connectPort: 8080 };
    const hostile: Parameters<typeof planKeepTask>[0][] = [
      { programData: 'C:\\ProgramData', distro: "Ubuntu'; Remove-Item C:\\ -Recurse; '", forwards: [ok] },
      { programData: 'C:\\ProgramData', distro: '--shutdown', forwards: [ok] },
      { programData: 'C:\\ProgramData', distro: 'Ubuntu\r\nexit', forwards: [ok] },
      { programData: 'C:\\ProgramData', distro: 'Ubuntu', forwards: [{ ...ok, listenAddress: "0.0.0.0' ; calc ; '" }] },
      { programData: 'C:\\ProgramData', distro: 'Ubuntu', forwards: [{ ...ok, listenPort: '80; calc' as never }] },
      { programData: 'C:\\ProgramData', distro: 'Ubuntu', forwards: [{ ...ok, connectPort: 70000 }] },
      { programData: 'C:\\ProgramData', distro: 'Ubuntu', forwards: [] },
      { programData: 'C:\\Program Data', distro: 'Ubuntu', forwards: [ok] },
      { programData: "C:\\x';calc;'", distro: 'Ubuntu', forwards: [ok] },
      { programData: 'C:\\..\\Windows', distro: 'Ubuntu', forwards: [ok] },
      { programData: '%TEMP%', distro: 'Ubuntu', forwards: [ok] },
    ];
    for (const input of hostile) assert.throws(() => planKeepTask(input), ValidationError, JSON.stringify(input));
    assert.equal(validateWindowsFolder('D:\\Data\\Shared').ok, true);
  });

  it('install writes the script the dialog shows and registers a highest-privilege task that names it with -File', () => {
    const plan = planKeepTask({
      programData: 'C:\\ProgramData',
      distro: 'Ubuntu',
      forwards: [{ listenAddress: '0.0.0.0', listenPort: 8080, connectPort: 8080 }],
    });
    assert.deepEqual(keepTaskPaths('C:\\ProgramData'), plan.paths);
    assert.equal(plan.paths.script, 'C:\\ProgramData\\WSLNetwork\\keep-lan-exposures.ps1');
    assert.ok(plan.install.every((step) => step.elevated && step.script !== undefined && !/["\r\n]/.test(step.script)));
    const write = plan.install[1]!.script!;
    const base64 = /FromBase64String\('([A-Za-z0-9+/=]+)'\)/.exec(write)?.[1];
    assert.equal(Buffer.from(base64 ?? '', 'base64').toString('utf8'), plan.scriptText);
    const register = plan.install[2]!.script!;
    assert.match(register, /-File C:\\ProgramData\\WSLNetwork\\keep-lan-exposures\.ps1'\)/);
    assert.match(register, /-RunLevel Highest/);
    assert.match(register, /-AtLogOn/);
  });
});

describe('keep-exposures task against the stand-ins', () => {
  function host(uac: 'accept' | 'decline' = 'accept'): WslHost {
    fake = createFakeWindows({ state: { windows: { uac } as never } });
    return new WslHost({
      environment: fakeEnvironment({ platform: 'win32', env: fake.env }),
      windowsToolsDir: fake.binDir,
    });
  }
  const plan = () =>
    planKeepTask({ programData: 'C:\\ProgramData', distro: 'Ubuntu-24.04', forwards: keptForwards(ownAndForeign()) });

  it('install leaves the task and the script file; remove leaves neither, nor the folder', async () => {
    const h = host();
    const p = plan();
    await h.executeElevated(p.install);
    let state = (fake as FakeWindows).readState();
    assert.deepEqual(
      state.windows.scheduledTasks.map((t) => [t.name, t.execute, t.runLevel, t.triggers.length]),
      [[KEEP_TASK_NAME, 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', 'Highest', 2]],
    );
    assert.match(
      state.windows.scheduledTasks[0]!.argument,
      /-File C:\\ProgramData\\WSLNetwork\\keep-lan-exposures\.ps1$/,
    );
    assert.equal(state.windows.files[p.paths.script], p.scriptText);
    assert.ok(state.windows.directories.includes(p.paths.folder));

    await h.executeElevated(p.remove);
    state = (fake as FakeWindows).readState();
    assert.deepEqual(state.windows.scheduledTasks, []);
    assert.deepEqual(state.windows.files, {});
    assert.deepEqual(state.windows.directories, ['C:\\ProgramData']);
    const elevatedScripts = (fake as FakeWindows)
      .calls()
      .filter((c) => c.tool === 'powershell.exe' && c.elevated)
      .map((c) => c.script ?? '');
    assert.equal(elevatedScripts.length, 2);
    assert.match(elevatedScripts[0]!, /Register-ScheduledTask/);
    assert.match(elevatedScripts[1]!, /Unregister-ScheduledTask/);
  });

  it('remove is safe to run twice and keeps a folder that holds someone else’s file', async () => {
    const h = host();
    const p = plan();
    await h.executeElevated(p.install);
    const state = (fake as FakeWindows).readState();
    state.windows.files[`${p.paths.folder}\\notes.txt`] = 'not ours';
    (fake as FakeWindows).writeState(state);
    await h.executeElevated(p.remove);
    await h.executeElevated(p.remove);
    const after = (fake as FakeWindows).readState();
    assert.deepEqual(after.windows.scheduledTasks, []);
    assert.deepEqual(Object.keys(after.windows.files), [`${p.paths.folder}\\notes.txt`]);
    assert.ok(after.windows.directories.includes(p.paths.folder));
  });

  it('a declined UAC prompt changes nothing', async () => {
    const h = host('decline');
    await assert.rejects(h.executeElevated(plan().install));
    const state = (fake as FakeWindows).readState();
    assert.deepEqual(state.windows.scheduledTasks, []);
    assert.deepEqual(state.windows.files, {});
    const launched = (fake as FakeWindows).calls().filter((c) => c.tool === 'powershell.exe');
    assert.ok(launched.every((c) => !c.elevated));
    assert.match(
      decodePowerShellCommand(/'-EncodedCommand','([^']+)'/.exec(launched[0]!.script ?? '')?.[1] ?? ''),
      /Register-ScheduledTask/,
    );
  });
});
