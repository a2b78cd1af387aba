// The status bar's text and tooltip from the facts: NAT, mirrored, fallback, restart needed,
// unknown start time, stopped, unavailable, demo.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { computeStatus, fallbackReasons, parseWindowsBuild, type StatusInput } from '../../../client/src/model/status';
import { configChangedSinceStart, parseUptime, VmStartTracker } from '../../../client/src/model/vmClock';
import { t } from './support';

const NOW = 1_700_000_100_000;
const input = (extra: Partial<StatusInput> = {}): StatusInput => ({
  demo: false,
  available: true,
  distro: 'Ubuntu-24.04',
  running: true,
  effectiveMode: 'nat',
  config: {
    path: 'C:\\Users\\dev\\.wslconfig',
    exists: true,
    mtimeMs: NOW - 60_000,
    summary: { mode: 'nat', modeExplicit: true },
  },
  vmStart: { notBefore: NOW - 30_000, notAfter: NOW - 30_000, source: 'uptime' },
  version: {
    wslVersion: '2.0.9.0',
    kernelVersion: '5.15.133.1-1',
    wslgVersion: '',
    msrdcVersion: '',
    direct3dVersion: '',
    dxcoreVersion: '',
    windowsVersion: '10.0.22621.2861',
    extra: [],
  },
  now: NOW,
  formatTime: (ms) => `T${ms}`,
  ...extra,
});

describe('computeStatus', () => {
  it('NAT, nothing pending', () => {
    const view = computeStatus(input(), t);
    assert.equal(view.text, '$(vm-running) WSL: NAT');
    assert.equal(view.severity, 'ok');
    assert.equal(view.restartNeeded, false);
    assert.match(view.tooltip, /Effective \(wslinfo --networking-mode\): \*\*NAT\*\*/);
    assert.match(view.tooltip, /\[Switch mode…\]\(command:wslNetwork\.applyNetworkingMode\)/);
    assert.match(view.tooltip, /\(command:wslNetwork\.restartWsl\)/);
    assert.match(view.tooltip, /\(command:wslNetwork\.openWslConfig\)/);
    assert.match(view.tooltip, /\(command:wslNetwork\.views\.ports\.focus\)/);
  });

  it('Mirrored when configured and effective agree', () => {
    const view = computeStatus(
      input({
        effectiveMode: 'mirrored',
        config: { ...input().config, summary: { mode: 'mirrored', modeExplicit: true } },
      }),
      t,
    );
    assert.equal(view.text, '$(vm-running) WSL: Mirrored');
  });

  it('restart needed when .wslconfig changed after WSL started and the mode differs', () => {
    const view = computeStatus(
      input({ config: { ...input().config, mtimeMs: NOW - 1000, summary: { mode: 'mirrored', modeExplicit: true } } }),
      t,
    );
    assert.equal(view.text, '$(warning) WSL: NAT · restart needed');
    assert.equal(view.severity, 'warning');
    assert.equal(view.restartNeeded, true);
    assert.equal(view.configChange, 'yes');
    assert.match(view.tooltip, /the file changed after WSL started/);
  });

  it('restart needed for other settings when the mode already matches', () => {
    const view = computeStatus(input({ config: { ...input().config, mtimeMs: NOW - 1000 } }), t);
    assert.equal(view.text, '$(warning) WSL: NAT · restart needed');
    assert.match(view.tooltip, /other settings in it apply only after a restart/);
  });

  it('fallback: mirrored configured, NAT running, file unchanged since start', () => {
    const view = computeStatus(
      input({ config: { ...input().config, summary: { mode: 'mirrored', modeExplicit: true } } }),
      t,
    );
    assert.equal(view.text, '$(warning) WSL: NAT (fallback)');
    assert.equal(view.fallback, true);
    assert.equal(view.restartNeeded, false);
    assert.match(view.tooltip, /WSL fell back at start-up/);
    assert.match(view.tooltip, /Windows build 22621\.2861 supports mirrored mode/);
    assert.match(view.tooltip, /IPv6 is disabled/);
  });

  it('fallback on Windows 10 names the Windows version as the reason', () => {
    const base = input();
    const view = computeStatus(
      input({
        config: { ...base.config, summary: { mode: 'mirrored', modeExplicit: true } },
        version: { ...base.version!, windowsVersion: '10.0.19045.3693' },
      }),
      t,
    );
    assert.match(view.tooltip, /This is Windows 10 \(build 19045\): mirrored mode is not supported/);
  });

  it('says honestly when it cannot tell a fallback from a pending restart', () => {
    const view = computeStatus(
      input({
        vmStart: { notBefore: Number.NEGATIVE_INFINITY, notAfter: NOW - 10_000, source: 'first-seen' },
        config: { ...input().config, summary: { mode: 'mirrored', modeExplicit: true } },
      }),
      t,
    );
    assert.equal(view.configChange, 'unknown');
    assert.equal(view.text, '$(warning) WSL: NAT · restart needed');
    assert.match(view.tooltip, /Either the file changed after WSL started/);
    assert.match(view.tooltip, /already running when this window first looked/);
  });

  it('stopped: shows the configured mode and does not claim an effective one', () => {
    const view = computeStatus(
      input({
        running: false,
        effectiveMode: undefined,
        config: { ...input().config, summary: { mode: 'mirrored', modeExplicit: true } },
      }),
      t,
    );
    assert.equal(view.text, '$(vm-outline) WSL: Mirrored (stopped)');
    assert.match(view.tooltip, /does not start WSL just to look/);
    assert.match(view.tooltip, /next start uses the configured mode/);
  });

  it('unavailable: greyed text with the reason', () => {
    const view = computeStatus(
      input({ available: false, unavailableReason: 'WSL not available: this Linux host is not a WSL distro.' }),
      t,
    );
    assert.equal(view.text, '$(circle-slash) WSL: unavailable');
    assert.equal(view.severity, 'unavailable');
    assert.match(view.tooltip, /this Linux host is not a WSL distro/);
  });

  it('demo mode says so in the text and the tooltip', () => {
    const view = computeStatus(input({ demo: true }), t);
    assert.equal(view.text, '$(vm-running) WSL: NAT (demo)');
    assert.match(view.tooltip, /\*\*Demo mode\*\*/);
  });

  it('explains the default when .wslconfig does not exist', () => {
    const view = computeStatus(
      input({ config: { path: '/x/.wslconfig', exists: false, summary: { mode: 'nat', modeExplicit: false } } }),
      t,
    );
    assert.match(view.tooltip, /NAT \(the default: there is no \.wslconfig\)/);
  });
});

describe('fallbackReasons', () => {
  it('consomme with virtio=false and bridged without vmSwitch', () => {
    assert.match(
      fallbackReasons('consomme', 'nat', { mode: 'consomme', modeExplicit: true, virtio: false }, undefined, t).join(
        '\n',
      ),
      /virtio=false/,
    );
    assert.match(
      fallbackReasons('bridged', 'none', { mode: 'bridged', modeExplicit: true }, undefined, t).join('\n'),
      /needs wsl2\.vmSwitch/,
    );
  });
  it('parses Windows versions', () => {
    assert.deepEqual(parseWindowsBuild('10.0.22621.2428'), { major: 10, build: 22621, ubr: 2428 });
    assert.equal(parseWindowsBuild('garbage'), undefined);
  });
});

describe('VmStartTracker', () => {
  it('uptime gives a tight window', () => {
    const tracker = new VmStartTracker();
    tracker.observe(100_000, true, 40);
    assert.equal(tracker.current?.source, 'uptime');
    assert.equal(configChangedSinceStart(90_000, tracker.current), 'yes');
    assert.equal(configChangedSinceStart(50_000, tracker.current), 'no');
  });

  it('first seen running: only "changed after we looked" is known', () => {
    const tracker = new VmStartTracker();
    tracker.observe(100_000, true);
    assert.equal(tracker.current?.source, 'first-seen');
    assert.equal(configChangedSinceStart(150_000, tracker.current), 'yes');
    assert.equal(configChangedSinceStart(50_000, tracker.current), 'unknown');
  });

  it('stopped then running, and our own restart', () => {
    const tracker = new VmStartTracker();
    tracker.observe(100_000, false);
    tracker.observe(200_000, true);
    assert.deepEqual(tracker.current, { notBefore: 100_000, notAfter: 200_000, source: 'observed-start' });
    assert.equal(configChangedSinceStart(90_000, tracker.current), 'no');
    assert.equal(configChangedSinceStart(150_000, tracker.current), 'unknown');
    tracker.noteOurRestart(300_000);
    assert.equal(tracker.current, undefined);
    tracker.observe(400_000, true);
    assert.deepEqual(tracker.current, { notBefore: 300_000, notAfter: 400_000, source: 'our-restart' });
    tracker.observe(500_000, true);
    assert.equal(
      (tracker.current as { notAfter: number } | undefined)?.notAfter,
      400_000,
      'a later observation of the same run keeps the window',
    );
  });

  it('parses /proc/uptime', () => {
    assert.equal(parseUptime('3521.17 6902.48\n'), 3521.17);
    assert.equal(parseUptime(''), undefined);
  });
});
