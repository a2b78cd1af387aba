// Where the Windows executables are started from: always an absolute, validated System32 path.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { WslHost } from '../../../client/src/host/wslHost';
import { resolveWindowsTools, validatedSystemRoot, WINDOWS_TOOL_NAMES } from '../../../client/src/host/windowsTools';
import { hostForSetup, resolveHostSetup } from '../../../client/src/model/hostSetup';
import { fakeEnvironment } from './testSupport';

const onWindows = (env: Record<string, string | undefined>) =>
  resolveWindowsTools({
    situation: { kind: 'windows' },
    environment: fakeEnvironment({ platform: 'win32', env }),
    automountRoot: '/mnt/',
  });

describe('Windows tools by absolute path', () => {
  it('on Windows: %SystemRoot%\\System32\\…, PowerShell under WindowsPowerShell\\v1.0', () => {
    const tools = onWindows({ SystemRoot: 'D:\\WINNT' });
    assert.deepEqual(
      WINDOWS_TOOL_NAMES.map((tool) => tools.launchPath(tool)),
      [
        'D:\\WINNT\\System32\\wsl.exe',
        'D:\\WINNT\\System32\\netsh.exe',
        'D:\\WINNT\\System32\\WindowsPowerShell\\v1.0\\powershell.exe',
        'D:\\WINNT\\System32\\cmd.exe',
      ],
    );
    for (const tool of WINDOWS_TOOL_NAMES) assert.ok(path.win32.isAbsolute(tools.launchPath(tool)));
  });

  it('a SystemRoot that is not an absolute drive path of plain folder names falls back to C:\\Windows', () => {
    for (const hostile of [
      undefined,
      '',
      'Windows',
      '.\\Windows',
      '\\\\server\\share\\Windows',
      "C:\\Windows'; calc; '",
      'C:\\Windows\\..\\Users\\me',
      'C:\\Windows" & calc',
      'C:\\Win$(calc)',
      'C:\\Windows\nC:\\evil',
      'C:/Windows',
    ]) {
      assert.equal(validatedSystemRoot(hostile), 'C:\\Windows', JSON.stringify(hostile));
      assert.equal(onWindows({ SystemRoot: hostile }).launchPath('powershell.exe').slice(0, 11), 'C:\\Windows\\');
    }
    assert.equal(validatedSystemRoot('C:\\Windows\\'), 'C:\\Windows');
    assert.equal(validatedSystemRoot('E:\\Win 10 (x64)'), 'E:\\Win 10 (x64)');
  });

  it('inside WSL: <automount root>c/Windows/System32/…, which Windows calls C:\\Windows\\System32\\…', () => {
    const tools = resolveWindowsTools({
      situation: { kind: 'wsl', distro: 'Ubuntu', interop: true, wslVersion: 2, evidence: [] },
      environment: fakeEnvironment({ platform: 'linux', files: { '/win/c/Windows/System32/netsh.exe': '' } }),
      automountRoot: '/win',
    });
    assert.equal(tools.launchPath('netsh.exe'), '/win/c/Windows/System32/netsh.exe');
    assert.equal(tools.windowsPath('netsh.exe'), 'C:\\Windows\\System32\\netsh.exe');
    assert.equal(tools.missing('netsh.exe'), undefined);
    assert.match(tools.missing('wsl.exe') ?? '', /\/win\/c\/Windows\/System32\/wsl\.exe does not exist/);
  });

  it('the stand-in folder is a test/demo override: honoured in demo mode only, never taken from PATH', () => {
    const env = { WSL_NETWORK_WINDOWS_TOOLS_DIR: '/opt/stand-ins', PATH: '/opt/stand-ins' };
    const real = resolveHostSetup(fakeEnvironment({ platform: 'win32', env }));
    assert.equal(real.windowsToolsDir, undefined);
    assert.equal(hostForSetup(real).tools.launchPath('wsl.exe'), 'C:\\Windows\\System32\\wsl.exe');
    const demo = resolveHostSetup(fakeEnvironment({ platform: 'linux', env: { ...env, WSL_NETWORK_DEMO: '1' } }));
    assert.equal(hostForSetup(demo).tools.launchPath('wsl.exe'), '/opt/stand-ins/wsl.exe');
    const relative = resolveHostSetup(
      fakeEnvironment({ platform: 'linux', env: { WSL_NETWORK_DEMO: '1', WSL_NETWORK_WINDOWS_TOOLS_DIR: 'bin' } }),
    );
    assert.equal(relative.windowsToolsDir, undefined, 'a relative folder is ignored');
  });

  it('a name that is not one of the four tools is refused, not looked up', async () => {
    const host = new WslHost({ environment: fakeEnvironment({ platform: 'win32' }) });
    await assert.rejects(host.windowsTool('calc.exe', []), /is not a Windows tool we run/);
  });
});
