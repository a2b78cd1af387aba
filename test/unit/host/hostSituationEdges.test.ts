// Where the extension runs and where the Windows tools are, whole answers: detectHost for each mix
// of interop registration (binfmt_misc WSLInterop, enabled or disabled), WSL_DISTRO_NAME,
// WSL_INTEROP and /proc/version (learn.microsoft.com/windows/wsl/filesystems#interoperability-between-windows-and-linux-commands),
// and resolveWindowsTools' paths on Windows, inside WSL (drvfs under [automount] root) and with
// stand-ins, with validatedSystemRoot's refusals.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { detectHost } from '../../../client/src/host/detectHost';
import type { HostEnvironment } from '../../../client/src/host/hostEnvironment';
import { resolveWindowsTools, validatedSystemRoot } from '../../../client/src/host/windowsTools';

function host(
  files: Record<string, string | null>,
  env: Record<string, string> = {},
  platform: NodeJS.Platform = 'linux',
): HostEnvironment {
  return {
    platform,
    env,
    readFile: (p) => (typeof files[p] === 'string' ? (files[p] as string) : undefined),
    exists: (p) => p in files,
  };
}

const INTEROP = '/proc/sys/fs/binfmt_misc/WSLInterop';
const LATE = '/proc/sys/fs/binfmt_misc/WSLInterop-late';
const WSL2_VERSION = 'Linux version 5.15.167.4-microsoft-standard-WSL2 (root@f9c826d3017f) (gcc (GCC) 11.2.0)';
const WSL1_VERSION = 'Linux version 4.4.0-19041-Microsoft (Microsoft@Microsoft.com) (gcc version 5.4.0 (GCC) )';

describe('detectHost, whole answers', () => {
  it('WSL2 with interop on: every piece of evidence, in order', () => {
    assert.deepEqual(
      detectHost(
        host(
          { [INTEROP]: 'enabled\ninterpreter /init\n', '/proc/version': WSL2_VERSION },
          { WSL_DISTRO_NAME: 'Ubuntu', WSL_INTEROP: '/run/WSL/1_interop' },
        ),
      ),
      {
        kind: 'wsl',
        distro: 'Ubuntu',
        interop: true,
        wslVersion: 2,
        evidence: [
          `${INTEROP} is present (enabled)`,
          'WSL_DISTRO_NAME=Ubuntu',
          'WSL_INTEROP is set',
          '/proc/version mentions Microsoft',
        ],
      },
    );
  });
  it('interop registered but disabled, the late registration enabled: interop is on', () => {
    const situation = detectHost(host({ [INTEROP]: ' disabled \n', [LATE]: 'enabled\n' }));
    assert.deepEqual(situation, {
      kind: 'wsl',
      distro: undefined,
      interop: true,
      wslVersion: undefined,
      evidence: [`${INTEROP} is present (disabled)`, `${LATE} is present (enabled)`],
    });
  });
  it('interop disabled everywhere; an unreadable registration counts as enabled', () => {
    assert.equal(detectHost(host({ [INTEROP]: 'disabled' }, { WSL_DISTRO_NAME: 'Debian' })).kind, 'wsl');
    assert.equal((detectHost(host({ [INTEROP]: 'disabled' })) as { interop: boolean }).interop, false);
    assert.deepEqual(detectHost(host({ [INTEROP]: null })), {
      kind: 'wsl',
      distro: undefined,
      interop: true,
      wslVersion: undefined,
      evidence: [`${INTEROP} is present (enabled)`],
    });
  });
  it('no interop registration: interop is off even in a distro', () => {
    assert.deepEqual(detectHost(host({ '/proc/version': WSL1_VERSION }, { WSL_DISTRO_NAME: ' ' })), {
      kind: 'wsl',
      distro: undefined,
      interop: false,
      wslVersion: 1,
      evidence: ['/proc/version mentions Microsoft'],
    });
  });
  it('a plain Linux host, macOS and Windows', () => {
    assert.deepEqual(
      detectHost(host({ '/proc/version': 'Linux version 6.1.0-18-amd64 (debian-kernel@lists.debian.org)' })),
      {
        kind: 'unavailable',
        reason:
          'WSL not available: this Linux host is not a WSL distro (no /proc/sys/fs/binfmt_misc/WSLInterop, WSL_DISTRO_NAME is unset and /proc/version does not mention Microsoft).',
      },
    );
    assert.deepEqual(detectHost(host({}, {}, 'darwin')), {
      kind: 'unavailable',
      reason: 'WSL not available: the extension host runs on darwin, not on Windows or inside a WSL distro.',
    });
    assert.deepEqual(detectHost(host({}, {}, 'win32')), { kind: 'windows' });
  });
});

describe('validatedSystemRoot', () => {
  it('a drive path of plain folder names, trailing backslashes dropped; anything else is C:\\Windows', () => {
    const table: [string | undefined, string][] = [
      [undefined, 'C:\\Windows'],
      ['D:\\WINNT', 'D:\\WINNT'],
      ['C:\\Windows\\\\', 'C:\\Windows'],
      ['E:\\My Windows (x64)\\Sys_1.2-3', 'E:\\My Windows (x64)\\Sys_1.2-3'],
      ['C:\\', 'C:\\Windows'],
      ['C:', 'C:\\Windows'],
      ['Windows', 'C:\\Windows'],
      ['\\\\server\\Windows', 'C:\\Windows'],
      ['C:\\Windows\\..\\Temp', 'C:\\Windows'],
      ['C:\\...', 'C:\\Windows'],
      ['C:\\ Windows', 'C:\\Windows'],
      ['C:\\Windows \\x', 'C:\\Windows'],
      ["C:\\it's", 'C:\\Windows'],
      ['C:\\%TEMP%', 'C:\\Windows'],
      ['C:\\Win;calc', 'C:\\Windows'],
      ['xC:\\Windows', 'C:\\Windows'],
    ];
    for (const [value, expected] of table) assert.equal(validatedSystemRoot(value), expected, String(value));
  });
});

describe('resolveWindowsTools', () => {
  it('on Windows: %SystemRoot% (validated) for launching and for scripts', () => {
    const tools = resolveWindowsTools({
      situation: { kind: 'windows' },
      environment: host({}, { SystemRoot: 'D:\\Win' }, 'win32'),
      automountRoot: '/mnt/',
    });
    assert.equal(tools.launchPath('powershell.exe'), 'D:\\Win\\System32\\WindowsPowerShell\\v1.0\\powershell.exe');
    assert.equal(tools.windowsPath('netsh.exe'), 'D:\\Win\\System32\\netsh.exe');
    assert.equal(tools.missing('wsl.exe'), undefined);
  });
  it('inside WSL: the drvfs path under [automount] root, checked once per tool; scripts still name C:\\Windows', () => {
    const checked: string[] = [];
    const environment: HostEnvironment = {
      platform: 'linux',
      env: { SystemRoot: 'D:\\Ignored' },
      readFile: () => undefined,
      exists: (p) => {
        checked.push(p);
        return p.endsWith('/wsl.exe');
      },
    };
    const tools = resolveWindowsTools({
      situation: { kind: 'wsl', distro: 'Ubuntu', interop: true, wslVersion: 2, evidence: [] },
      environment,
      automountRoot: '/windir',
    });
    assert.equal(tools.launchPath('cmd.exe'), '/windir/c/Windows/System32/cmd.exe');
    assert.equal(tools.windowsPath('cmd.exe'), 'C:\\Windows\\System32\\cmd.exe');
    assert.equal(tools.missing('wsl.exe'), undefined);
    assert.equal(
      tools.missing('netsh.exe'),
      '/windir/c/Windows/System32/netsh.exe does not exist (is the C: drive mounted under /windir/? See [automount] root in /etc/wsl.conf)',
    );
    tools.missing('netsh.exe');
    tools.missing('wsl.exe');
    assert.deepEqual(checked, ['/windir/c/Windows/System32/wsl.exe', '/windir/c/Windows/System32/netsh.exe']);
  });
  it('with stand-ins: launched from their folder, nothing reported missing', () => {
    const tools = resolveWindowsTools({
      situation: { kind: 'windows' },
      environment: host({}, {}, 'win32'),
      automountRoot: '/mnt/',
      standInDir: 'fakes/bin',
    });
    assert.equal(tools.launchPath('wsl.exe'), path.resolve('fakes/bin', 'wsl.exe'));
    assert.equal(tools.windowsPath('wsl.exe'), 'C:\\Windows\\System32\\wsl.exe');
    assert.equal(tools.missing('wsl.exe'), undefined);
  });
});
