// The status bar's quick pick: the mode and the restart state first, each opening the command that
// changes it, then the commands; optional commands only when VS Code has them registered.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { COMMAND_IDS, FOCUS_PORTS_VIEW } from '../../../client/src/commands/ids';
import { computeStatus, type StatusInput } from '../../../client/src/model/status';
import {
  OPTIONAL_STATUS_COMMANDS,
  statusMenuEntries,
  type StatusMenuInput,
} from '../../../client/src/model/statusMenu';
import { t } from './support';

const NOW = 1_700_000_100_000;
const statusInput = (extra: Partial<StatusInput> = {}): StatusInput => ({
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
  now: NOW,
  ...extra,
});
const menu = (extra: Partial<StatusMenuInput> = {}, status: Partial<StatusInput> = {}) =>
  statusMenuEntries(
    {
      available: true,
      running: true,
      effectiveMode: 'nat',
      configuredMode: 'nat',
      status: computeStatus(statusInput(status), t),
      registered: new Set(),
      ...extra,
    },
    t,
  );

describe('statusMenuEntries', () => {
  it('NAT as configured, no restart needed, then the commands in order', () => {
    const entries = menu();
    assert.deepEqual(
      entries.slice(0, 2).map((e) => [e.label, e.description, e.command]),
      [
        ['$(vm-running) Networking mode: NAT', 'as configured', COMMAND_IDS.applyNetworkingMode],
        ['$(check) No restart needed', '.wslconfig has not changed since WSL started', COMMAND_IDS.restartWsl],
      ],
    );
    assert.deepEqual(entries[2], { label: 'Commands', separator: true });
    assert.deepEqual(
      entries.slice(3).map((e) => e.command),
      [
        COMMAND_IDS.applyNetworkingMode,
        COMMAND_IDS.restartWsl,
        FOCUS_PORTS_VIEW,
        COMMAND_IDS.exposePort,
        COMMAND_IDS.repairPortForwarding,
        COMMAND_IDS.diagnosePort,
        COMMAND_IDS.reachWindowsPort,
        COMMAND_IDS.openWslConfig,
        COMMAND_IDS.showOutput,
      ],
    );
  });

  it('restart needed: the second entry says so and restarts WSL', () => {
    const entries = menu(
      { configuredMode: 'mirrored' },
      { config: { exists: true, mtimeMs: NOW, summary: { mode: 'mirrored', modeExplicit: true } } },
    );
    assert.equal(entries[0]!.description, '.wslconfig asks for Mirrored');
    assert.deepEqual([entries[1]!.label, entries[1]!.command], ['$(warning) Restart needed', COMMAND_IDS.restartWsl]);
  });

  it('stopped WSL: the configured mode, no restart line', () => {
    const entries = menu({ running: false }, { running: false });
    assert.equal(entries[0]!.label, '$(vm-outline) Networking mode: NAT (configured)');
    assert.equal(entries[1]!.separator, true);
  });

  it('unavailable: the reason, opening the output', () => {
    const entries = menu({ available: false, unavailableReason: 'wsl.exe not found' });
    assert.deepEqual([entries[0]!.detail, entries[0]!.command], ['wsl.exe not found', COMMAND_IDS.showOutput]);
  });

  it('lists Check Connectivity and Open wsl.conf only when registered', () => {
    const without = menu().map((e) => e.command);
    for (const id of Object.values(OPTIONAL_STATUS_COMMANDS)) assert.ok(!without.includes(id), id);
    const withBoth = menu({ registered: new Set(Object.values(OPTIONAL_STATUS_COMMANDS)) }).map((e) => e.command);
    assert.ok(
      withBoth.indexOf(OPTIONAL_STATUS_COMMANDS.checkConnectivity) === withBoth.indexOf(COMMAND_IDS.diagnosePort) + 1,
    );
    assert.ok(
      withBoth.indexOf(OPTIONAL_STATUS_COMMANDS.openWslConf) === withBoth.indexOf(COMMAND_IDS.openWslConfig) + 1,
    );
  });
});
