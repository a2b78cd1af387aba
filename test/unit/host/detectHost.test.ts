import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { detectHost, windowsToolsUnavailableReason } from '../../../client/src/host/detectHost';
import { fakeEnvironment } from './testSupport';

const WSL2_VERSION =
  'Linux version 5.15.153.1-microsoft-standard-WSL2 (root@941d701f84f1) (gcc (GCC) 12.2.0) #1 SMP Fri Mar 29 23:14:13 UTC 2024\n';
const WSL1_VERSION =
  'Linux version 4.4.0-19041-Microsoft (Microsoft@Microsoft.com) (gcc version 5.4.0 (GCC) ) #1237-Microsoft Sat Sep 11 14:32:00 PST 2021\n';
const PLAIN_LINUX =
  'Linux version 6.8.0-45-generic (buildd@lcy02-amd64-115) (x86_64-linux-gnu-gcc-13 (Ubuntu 13.2.0-23ubuntu4) 13.2.0) #45-Ubuntu SMP\n';

describe('detectHost', () => {
  it('Windows: the extension host runs on win32', () => {
    assert.deepEqual(detectHost(fakeEnvironment({ platform: 'win32' })), { kind: 'windows' });
    assert.equal(windowsToolsUnavailableReason({ kind: 'windows' }), undefined);
  });

  it('inside WSL2 with interop: WSLInterop + WSL_DISTRO_NAME + /proc/version', () => {
    const situation = detectHost(
      fakeEnvironment({
        platform: 'linux',
        env: { WSL_DISTRO_NAME: 'Ubuntu-24.04', WSL_INTEROP: '/run/WSL/12_interop' },
        files: {
          '/proc/sys/fs/binfmt_misc/WSLInterop': 'enabled\ninterpreter /init\nflags: PF\noffset 0\nmagic 4d5a\n',
          '/proc/version': WSL2_VERSION,
        },
      }),
    );
    assert.equal(situation.kind, 'wsl');
    if (situation.kind !== 'wsl') return;
    assert.equal(situation.distro, 'Ubuntu-24.04');
    assert.equal(situation.interop, true);
    assert.equal(situation.wslVersion, 2);
    assert.equal(situation.evidence.length, 4);
    assert.equal(windowsToolsUnavailableReason(situation), undefined);
  });

  it('systemd distros register WSLInterop-late instead', () => {
    const situation = detectHost(
      fakeEnvironment({ platform: 'linux', files: { '/proc/sys/fs/binfmt_misc/WSLInterop-late': 'enabled\n' } }),
    );
    assert.equal(situation.kind, 'wsl');
    assert.equal(situation.kind === 'wsl' && situation.interop, true);
    assert.equal(situation.kind === 'wsl' && situation.distro, undefined);
  });

  it('interop disabled: still WSL, but Windows tools are unavailable with a reason', () => {
    const situation = detectHost(
      fakeEnvironment({
        platform: 'linux',
        env: { WSL_DISTRO_NAME: 'Debian' },
        files: {
          '/proc/sys/fs/binfmt_misc/WSLInterop': 'disabled\ninterpreter /init\n',
          '/proc/version': WSL2_VERSION,
        },
      }),
    );
    assert.equal(situation.kind === 'wsl' && situation.interop, false);
    assert.match(windowsToolsUnavailableReason(situation) ?? '', /interop is disabled/);
  });

  it('only WSL_DISTRO_NAME (no binfmt entry visible): WSL without interop', () => {
    const situation = detectHost(fakeEnvironment({ platform: 'linux', env: { WSL_DISTRO_NAME: 'Alpine' } }));
    assert.deepEqual(
      situation.kind === 'wsl' ? [situation.distro, situation.interop, situation.wslVersion] : situation,
      ['Alpine', false, undefined],
    );
  });

  it('WSL1 is told apart by its kernel string', () => {
    const situation = detectHost(fakeEnvironment({ platform: 'linux', files: { '/proc/version': WSL1_VERSION } }));
    assert.equal(situation.kind === 'wsl' && situation.wslVersion, 1);
  });

  it('plain Linux and macOS: WSL not available, with a reason', () => {
    const linux = detectHost(fakeEnvironment({ platform: 'linux', files: { '/proc/version': PLAIN_LINUX } }));
    assert.equal(linux.kind, 'unavailable');
    assert.match(linux.kind === 'unavailable' ? linux.reason : '', /^WSL not available: .*WSLInterop/);
    const mac = detectHost(fakeEnvironment({ platform: 'darwin', env: { WSL_DISTRO_NAME: 'x' } }));
    assert.equal(mac.kind, 'unavailable');
    assert.match(mac.kind === 'unavailable' ? mac.reason : '', /darwin/);
  });

  it('an empty WSL_DISTRO_NAME is not evidence', () => {
    assert.equal(detectHost(fakeEnvironment({ platform: 'linux', env: { WSL_DISTRO_NAME: ' ' } })).kind, 'unavailable');
  });
});
