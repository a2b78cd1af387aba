// WSL's own start-up warnings (event log, source "WSL") replace the status bar tooltip's list of
// possible fallback reasons with the exact one, but only a warning from the current start counts.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { computeStatus, exactFallbackWarning, type StatusInput } from '../../../client/src/model/status';
import { t } from './support';

const NOW = Date.parse('2024-05-07T13:10:00Z');
const START = Date.parse('2024-05-07T12:59:00Z');
// The en-US text as quoted in microsoft/WSL#10495.
const FALLBACK = 'Mirrored networking mode is not supported, falling back to NAT networking.';

const fallbackInput = (extra: Partial<StatusInput> = {}): StatusInput => ({
  demo: false,
  available: true,
  distro: 'Ubuntu-24.04',
  running: true,
  effectiveMode: 'nat',
  // .wslconfig asks for mirrored and has not changed since WSL started: a start-up fallback.
  config: {
    path: 'C:\\Users\\dev\\.wslconfig',
    exists: true,
    mtimeMs: START - 3_600_000,
    summary: { mode: 'mirrored', modeExplicit: true },
  },
  vmStart: { notBefore: START, notAfter: START, source: 'uptime' },
  now: NOW,
  formatTime: (ms) => `T${ms}`,
  ...extra,
});

describe("status: WSL's own fallback warning", () => {
  it('without the event log, lists the possible reasons', () => {
    const view = computeStatus(fallbackInput(), t);
    assert.equal(view.fallback, true);
    assert.match(view.tooltip, /Mirrored mode needs Windows 11 22H2/);
    assert.doesNotMatch(view.tooltip, /WSL's own warning/);
  });

  it('with a fallback warning from this start, shows that one instead of the possible reasons', () => {
    const view = computeStatus(
      fallbackInput({ wslWarnings: [{ time: '2024-05-07T12:59:07Z', message: FALLBACK, kind: 'mirroredFallback' }] }),
      t,
    );
    assert.equal(view.fallback, true);
    assert.match(
      view.tooltip,
      /WSL's own warning at this start \(event log\): Mirrored networking mode is not supported, falling back to NAT networking\./,
    );
    assert.doesNotMatch(view.tooltip, /Mirrored mode needs Windows 11 22H2/);
  });

  it('ignores warnings from an earlier start, other kinds, and events without a time', () => {
    const old = { time: '2024-05-06T09:00:00Z', message: FALLBACK, kind: 'mirroredFallback' };
    const other = {
      time: '2024-05-07T12:59:07Z',
      message: 'DNS Tunneling is not supported.',
      kind: 'dnsTunnelingNotSupported',
    };
    const untimed = { time: undefined, message: FALLBACK, kind: 'mirroredFallback' };
    assert.equal(
      exactFallbackWarning([other, old, untimed], { notBefore: START, notAfter: START, source: 'uptime' }),
      undefined,
    );
    assert.equal(
      exactFallbackWarning([{ ...old, time: '2024-05-07T12:59:07Z' }], undefined),
      undefined,
      'no start time: cannot tell which start it belongs to',
    );
    const view = computeStatus(fallbackInput({ wslWarnings: [old] }), t);
    assert.match(view.tooltip, /Mirrored mode needs Windows 11 22H2/);
  });
});
