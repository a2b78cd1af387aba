// WslHost against the stand-ins replaying real captured outputs (test/fixtures/field): what the
// cockpit gets for old Windows builds, Store WSL's "no distributions" error code, localized
// --version, and the log of output nobody could read.
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { WslHost } from '../../../client/src/host/wslHost';
import { createFakeWindows, type FakeStateInput, type FakeWindows } from '../../fakes/fakeWindows';
import { fakeEnvironment } from './testSupport';

let fake: FakeWindows | undefined;
afterEach(() => {
  fake?.dispose();
  fake = undefined;
});

function host(state: FakeStateInput, log?: (message: string) => void): WslHost {
  fake = createFakeWindows({ state });
  return new WslHost({
    environment: fakeEnvironment({ platform: 'win32', env: { ...fake.env } }),
    windowsToolsDir: fake.binDir,
    ...(log ? { log } : {}),
  });
}

const replay = (args: string, capture: string, exitCode?: number): FakeStateInput['replay'] => ({
  [args]: { capture, ...(exitCode !== undefined ? { exitCode } : {}) },
});

describe('WslHost on real captures', () => {
  it('Store WSL 1.x-2.3 "no installed distributions" + WSL_E_DEFAULT_DISTRO_NOT_FOUND lists no distros instead of failing', async () => {
    const wsl = host({
      replay: replay('--list --verbose', 'wsl-list-verbose.en-US.no-distros-error-code.store-2.2.4.win11.txt', 255),
    });
    assert.deepEqual(await wsl.listDistros(), []);
  });

  it('the zh-TW variant with its localized label is read the same way', async () => {
    const wsl = host({
      replay: replay('--list --verbose', 'wsl-list-verbose.zh-TW.no-distros-error-code.reconstructed.txt', 255),
    });
    assert.deepEqual(await wsl.listDistros(), []);
  });

  for (const capture of [
    'wsl-list-verbose.en-US.inbox-usage.win10-1909.txt',
    'wsl-list-verbose.zh-CN.inbox-usage.win10-1903.txt',
  ]) {
    it(`Windows 10 before 2004 printing usage for -l -v (${capture}) says to update Windows, not to run wsl --install`, async () => {
      const wsl = host({ replay: replay('--list --verbose', capture, 255) });
      const error = await wsl.listDistros().then(
        () => assert.fail('expected a failure'),
        (e: Error) => e,
      );
      assert.match(error.message, /Update Windows to version 2004/);
      assert.match(error.message, /Microsoft Store/);
      assert.doesNotMatch(error.message, /wsl(\.exe)? --install/);
    });
  }

  it('the same usage text with exit code 0 is not read as an empty list either', async () => {
    const wsl = host({ replay: replay('--list --verbose', 'wsl-list-verbose.en-US.inbox-usage.win10-1909.txt', 0) });
    await assert.rejects(wsl.listDistros(), /Update Windows/);
  });

  it('reads a real -l -v listing', async () => {
    const wsl = host({ replay: replay('--list --verbose', 'wsl-list-verbose.en-US.inbox.win10-2004.txt') });
    assert.deepEqual(await wsl.listDistros(), [{ name: 'Ubuntu', state: 'Running', version: 1, isDefault: true }]);
  });

  it('asks wsl --version once (it only changes with a WSL update) and reads Traditional Chinese', async () => {
    const wsl = host({ replay: replay('--version', 'wsl-version.zh-TW.store-1.0.3.win11.txt') });
    const first = await wsl.getVersion();
    const second = await wsl.getVersion();
    assert.equal(first?.kernelVersion, '5.15.79.1');
    assert.equal(first?.windowsVersion, '10.0.22000.1335');
    assert.equal(second, first);
    assert.equal(
      (fake as FakeWindows).calls().filter((c) => c.tool === 'wsl.exe' && c.argv.includes('--version')).length,
      1,
    );
  });

  it('a failed wsl --version is asked again next time', async () => {
    const wsl = host({
      replay: replay('--version', 'wsl-list-verbose.en-US.no-distros-error-code.store-2.2.4.win11.txt', 255),
    });
    assert.equal(await wsl.getVersion(), undefined);
    assert.equal(await wsl.getVersion(), undefined);
    assert.equal((fake as FakeWindows).calls().filter((c) => c.argv.includes('--version')).length, 2);
  });

  it('logs output it cannot read once, with the raw text', async () => {
    const logged: string[] = [];
    const wsl = host({ replay: replay('--version', 'wsl-version.en-US.inbox-usage.win10.txt', 255) }, (m) =>
      logged.push(m),
    );
    // Exit -1 with usage text: undefined, no log (the exit code already said "not supported").
    assert.equal(await wsl.getVersion(), undefined);
    fake?.writeState({ replay: replay('--version', 'wsl-version.en-US.inbox-usage.win10.txt', 0) });
    const again = new WslHost({
      environment: fakeEnvironment({ platform: 'win32', env: { ...(fake as FakeWindows).env } }),
      windowsToolsDir: (fake as FakeWindows).binDir,
      log: (m) => logged.push(m),
    });
    assert.equal(await again.getVersion(), undefined);
    assert.equal(await again.getVersion(), undefined);
    assert.equal(logged.length, 1);
    assert.match(logged[0] as string, /^Unrecognised output of wsl\.exe --version/);
    assert.ok((logged[0] as string).includes('Invalid command line option: --version'));
  });

  it('a netsh row holding a port range is skipped and logged; the table is still read', async () => {
    const logged: string[] = [];
    const wsl = host(
      { replay: replay('interface portproxy show all', 'netsh-portproxy-show-v4tov4.en-US.port-range.win10.txt') },
      (m) => logged.push(m),
    );
    assert.deepEqual(await wsl.getPortProxies(), []);
    assert.equal(logged.length, 1);
    assert.ok((logged[0] as string).includes('30000-50000'));
  });
});
