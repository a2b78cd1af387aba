/**
 * Where `.wslconfig` is found (client/src/host/wslConfigLocation.ts): the Windows path from
 * USERPROFILE, its drvfs path inside a distro, and asking Windows for the profile folder from inside
 * WSL, cmd.exe first and PowerShell when cmd.exe cannot say it in ASCII. The runner here is a
 * recording fake: the tools' answers are what they print (cmd.exe echoes the path and a CRLF).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  findWslConfigFromWsl,
  windowsPathToWsl,
  wslConfigPathOnWindows,
} from '../../../client/src/host/wslConfigLocation';
import { nodeHostEnvironment } from '../../../client/src/host/hostEnvironment';
import { POWERSHELL_BASE_ARGS, USER_PROFILE_SCRIPT } from '../../../client/src/host/powershellQueries';
import { fakeEnvironment, scriptedRunner } from './testSupport';

/** A runner that answers cmd.exe and powershell.exe with the given output (or failure), and records each call. */
function fakeRunner(answers: { cmd?: string | Error; powershell?: string | Error }) {
  return scriptedRunner(
    (file) => (file === 'cmd.exe' ? answers.cmd : answers.powershell) ?? new Error(`${file}: not found`),
  );
}

const inWsl = (files: Record<string, string> = { '/mnt/c': '' }) => fakeEnvironment({ platform: 'linux', files });

describe('windowsPathToWsl', () => {
  it('puts a drive path under the automount root, drive letter in lowercase', () => {
    assert.equal(windowsPathToWsl('C:\\Users\\me'), '/mnt/c/Users/me');
    assert.equal(windowsPathToWsl(' D:\\a\\b\\ '), '/mnt/d/a/b');
    assert.equal(windowsPathToWsl('e:/x/y'), '/mnt/e/x/y');
    assert.equal(windowsPathToWsl('C:\\'), '/mnt/c');
    assert.equal(windowsPathToWsl('C:'), '/mnt/c');
  });

  it('uses the automount root of wsl.conf, with or without its slash', () => {
    assert.equal(windowsPathToWsl('C:\\Users\\me', '/win/'), '/win/c/Users/me');
    assert.equal(windowsPathToWsl('C:\\Users\\me', '/'), '/c/Users/me');
    assert.equal(windowsPathToWsl('C:\\Users\\me', '/win'), '/win/c/Users/me');
  });

  it('has no answer for UNC and relative paths, which have no drvfs mount', () => {
    assert.equal(windowsPathToWsl('\\\\server\\share\\me'), undefined);
    assert.equal(windowsPathToWsl('Users\\me'), undefined);
    assert.equal(windowsPathToWsl('CD:\\x'), undefined);
  });
});

describe('wslConfigPathOnWindows', () => {
  it('is .wslconfig in USERPROFILE', () => {
    const environment = fakeEnvironment({ platform: 'win32', env: { USERPROFILE: 'C:\\Users\\me' } });
    assert.equal(wslConfigPathOnWindows(environment), 'C:\\Users\\me\\.wslconfig');
  });
  it('is unknown without USERPROFILE, or with an empty one', () => {
    assert.equal(wslConfigPathOnWindows(fakeEnvironment({ platform: 'win32' })), undefined);
    assert.equal(wslConfigPathOnWindows(fakeEnvironment({ platform: 'win32', env: { USERPROFILE: '' } })), undefined);
  });
});

describe('findWslConfigFromWsl', () => {
  it('asks cmd.exe from the C: drive mount, and gives both paths', async () => {
    const { runner, calls } = fakeRunner({ cmd: 'C:\\Users\\me\n' });
    assert.deepEqual(await findWslConfigFromWsl(runner, inWsl()), {
      windowsPath: 'C:\\Users\\me\\.wslconfig',
      wslPath: '/mnt/c/Users/me/.wslconfig',
    });
    assert.deepEqual(calls, [
      { file: 'cmd.exe', args: ['/d', '/c', 'echo', '%USERPROFILE%'], options: { cwd: '/mnt/c', timeoutMs: 10_000 } },
    ]);
  });

  it('starts cmd.exe in no folder of its own when the C: drive is not mounted, and honours the automount root', async () => {
    const { runner, calls } = fakeRunner({ cmd: 'C:\\Users\\me\n' });
    const found = await findWslConfigFromWsl(runner, inWsl({}), '/win');
    assert.equal(found?.wslPath, '/win/c/Users/me/.wslconfig');
    assert.deepEqual(calls[0].options, { timeoutMs: 10_000 });
    const second = fakeRunner({ cmd: 'C:\\Users\\me\n' });
    await findWslConfigFromWsl(second.runner, inWsl({ '/win/c': '' }), '/win');
    assert.equal(second.calls[0].options?.cwd, '/win/c');
  });

  it('asks PowerShell when cmd.exe prints a path it cannot write in ASCII, or fails', async () => {
    for (const cmd of [
      'C:\\Users\\Jos\u00e9\n',
      new Error('cmd.exe: not found'),
      '%USERPROFILE%\n',
      '\\\\srv\\home\n',
    ]) {
      const { runner, calls } = fakeRunner({ cmd, powershell: 'C:\\Users\\Jos\u00e9\n' });
      assert.deepEqual(
        await findWslConfigFromWsl(runner, inWsl()),
        { windowsPath: 'C:\\Users\\Jos\u00e9\\.wslconfig', wslPath: '/mnt/c/Users/Jos\u00e9/.wslconfig' },
        String(cmd),
      );
      assert.deepEqual(calls[1], {
        file: 'powershell.exe',
        args: [...POWERSHELL_BASE_ARGS, USER_PROFILE_SCRIPT],
        options: { cwd: '/mnt/c', timeoutMs: 20_000 },
      });
    }
  });

  it("reads PowerShell's last line, after anything a profile or warning printed", async () => {
    const { runner } = fakeRunner({ cmd: new Error('no cmd'), powershell: 'WARNING: something\n  D:\\Home\\me  \n' });
    assert.equal((await findWslConfigFromWsl(runner, inWsl()))?.windowsPath, 'D:\\Home\\me\\.wslconfig');
  });

  it('gives up when neither tool names a drive path', async () => {
    for (const powershell of [new Error('powershell.exe: not found'), '\\\\srv\\home\n', '', 'C:']) {
      const { runner } = fakeRunner({ cmd: new Error('no cmd'), powershell });
      assert.equal(await findWslConfigFromWsl(runner, inWsl()), undefined, String(powershell));
    }
  });
});

describe('nodeHostEnvironment', () => {
  it('is this machine: its platform, its environment, its files', () => {
    const environment = nodeHostEnvironment();
    assert.equal(environment.platform, process.platform);
    assert.equal(environment.env, process.env);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wsl-host-env-'));
    try {
      const file = path.join(dir, 'wsl.conf');
      fs.writeFileSync(file, '[boot]\nsystemd=true\n');
      assert.equal(environment.readFile(file), '[boot]\nsystemd=true\n');
      assert.equal(environment.exists(file), true);
      assert.equal(environment.readFile(path.join(dir, 'missing')), undefined);
      assert.equal(environment.exists(path.join(dir, 'missing')), false);
      // A folder cannot be read as a file: no answer, no exception.
      assert.equal(environment.readFile(dir), undefined);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
