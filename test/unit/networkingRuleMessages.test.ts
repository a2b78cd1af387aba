/**
 * What the .wslconfig rules across keys say and offer (server/src/core/networkingRules.ts): a setting
 * the networking mode or DNS tunneling makes useless, a mode that needs another key, and WSL's own
 * warnings, each with its span and fix. Checked in process (docs/mutation-survivors-analysis.md).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { deleteLineFix, seen } from './findingView';

const only = (text: string) =>
  seen(text, 'wslconfig', { withRestartNote: false }).filter((f) => f.code !== 'deprecated-value');
const deleteLine = (start: number, end: number) => [deleteLineFix(start, end)];

describe('networking rules: settings that do nothing', () => {
  it("gives WSL's own warning for localhostForwarding in mirrored mode, and says firewall=false is ignored there", () => {
    assert.deepEqual(only('[wsl2]\nnetworkingMode=mirrored\nlocalhostForwarding=true\nfirewall=false\n'), [
      {
        code: 'mode-no-effect',
        severity: 'warning',
        message: 'The wsl2.localhostForwarding setting has no effect when using mirrored networking mode',
        at: 'localhostForwarding',
        fixes: deleteLine(31, 55),
        unnecessary: true,
      },
      {
        code: 'mode-no-effect',
        severity: 'warning',
        message: "'firewall=false' has no effect: mirrored mode always enables the Hyper-V firewall.",
        at: 'firewall',
        fixes: deleteLine(56, 70),
        unnecessary: true,
      },
    ]);
    assert.deepEqual(only('[wsl2]\nnetworkingMode=nat\nlocalhostForwarding=true\nfirewall=false\n'), []);
  });

  it('says dnsProxy does nothing while DNS tunneling is on, and whether that is the default', () => {
    const message = (defaulted: string) =>
      `'dnsProxy' has no effect while DNS tunneling is on${defaulted}: it only matters in NAT mode with dnsTunneling=false.`;
    assert.deepEqual(only('[wsl2]\ndnsProxy=false\n'), [
      {
        code: 'mode-no-effect',
        severity: 'warning',
        message: message(' (the default)'),
        at: 'dnsProxy',
        fixes: deleteLine(7, 21),
        unnecessary: true,
      },
    ]);
    assert.deepEqual(only('[wsl2]\ndnsTunneling=true\ndnsProxy=false\n'), [
      {
        code: 'mode-no-effect',
        severity: 'warning',
        message: message(''),
        at: 'dnsProxy',
        fixes: deleteLine(25, 39),
        unnecessary: true,
      },
    ]);
    assert.deepEqual(only('[wsl2]\ndnsTunneling=false\ndnsProxy=false\n'), []);
  });

  it('says why the DNS tunneling settings do nothing: tunneling off, or a mode that turns it off', () => {
    assert.deepEqual(only('[wsl2]\ndnsTunneling=false\n[experimental]\nbestEffortDnsParsing=true\n'), [
      {
        code: 'dns-tunneling-off',
        severity: 'warning',
        message: "'experimental.bestEffortDnsParsing' has no effect: DNS tunneling is off.",
        at: 'bestEffortDnsParsing',
        fixes: deleteLine(41, 66),
        unnecessary: true,
      },
    ]);
    assert.deepEqual(
      only('[wsl2]\nnetworkingMode=bridged\nvmSwitch=ext\n[experimental]\ndnsTunnelingIpAddress=10.255.255.254\n'),
      [
        {
          code: 'dns-tunneling-off',
          severity: 'warning',
          message:
            "'experimental.dnsTunnelingIpAddress' has no effect: networkingMode is bridged, which turns DNS tunneling off.",
          at: 'dnsTunnelingIpAddress',
          fixes: deleteLine(58, 94),
          unnecessary: true,
        },
      ],
    );
    assert.deepEqual(only('[experimental]\nbestEffortDnsParsing=true\n'), []);
  });

  it('says the swap file is unused when swap is off', () => {
    assert.deepEqual(only('[wsl2]\nswap=0\nswapFile=C:\\\\s.vhdx\n'), [
      {
        code: 'swapfile-unused',
        severity: 'information',
        message: "'swapFile' is not used: swap=0 turns swap off.",
        at: 'swapFile',
        unnecessary: true,
      },
    ]);
    assert.deepEqual(only('[wsl2]\nswap=1GB\nswapFile=C:\\\\s.vhdx\n'), []);
  });
});

describe('networking rules: what a mode or a setting needs', () => {
  it('warns that bridged without vmSwitch starts with no network, on the mode value', () => {
    assert.deepEqual(only('[wsl2]\nnetworkingMode=bridged\n'), [
      {
        code: 'bridged-without-vmswitch',
        severity: 'warning',
        message:
          'Bridged networking requires wsl2.vmSwitch to be set. Without it WSL starts with no networking. Set vmSwitch to the exact (case-sensitive) name of a Hyper-V external switch.',
        at: 'bridged',
      },
    ]);
    assert.deepEqual(only('[wsl2]\nnetworkingMode=bridged\nvmSwitch=ext\n'), []);
  });

  it("gives WSL's fallback for Consomme without virtio", () => {
    assert.deepEqual(only('[wsl2]\nnetworkingMode=Consomme\nvirtio=false\n'), [
      {
        code: 'consomme-without-virtio',
        severity: 'warning',
        message:
          'Consomme networking is not supported when wsl2.virtio is disabled; falling back to networkingMode Nat.',
        at: 'Consomme',
      },
    ]);
    assert.deepEqual(only('[wsl2]\nnetworkingMode=Consomme\nvirtio=true\n'), []);
  });

  it("gives WSL's warnings for kernel modules without a kernel and for virtio9p", () => {
    assert.deepEqual(only('[wsl2]\nkernelModules=C:\\\\m.vhdx\n'), [
      {
        code: 'kernel-modules-without-kernel',
        severity: 'warning',
        message:
          'Customised kernel modules were supplied without specifying a customised kernel. Please see https://aka.ms/wslcustomkernel for more information.',
        at: 'kernelModules',
      },
    ]);
    assert.deepEqual(only('[wsl2]\nkernel=C:\\\\k\nkernelModules=C:\\\\m.vhdx\n'), []);
    assert.deepEqual(only('[wsl2]\nvirtio9p=true\n'), [
      {
        code: 'virtio9p-disabled',
        severity: 'warning',
        message: 'wsl2.virtio9p is disabled, falling back to 9p with vsock transport.',
        at: 'true',
        fixes: deleteLine(7, 20),
      },
    ]);
  });

  it('lists the settings safe mode overrides, only those written', () => {
    const safe =
      'SAFE MODE ENABLED - many features will be disabled. Safe mode turns off networking, GPU, GUI apps, drive mounting, swap and custom kernels';
    assert.deepEqual(only('[wsl2]\nsafeMode=true\n'), [
      { code: 'safe-mode', severity: 'warning', message: `${safe}.`, at: 'true' },
    ]);
    assert.deepEqual(only('[wsl2]\nsafeMode=true\nguiApplications=false\n'), [
      {
        code: 'safe-mode',
        severity: 'warning',
        message: `${safe}, so these settings are ignored: guiApplications.`,
        at: 'true',
      },
    ]);
    assert.deepEqual(only('[wsl2]\nsafeMode=false\n'), []);
  });
});
