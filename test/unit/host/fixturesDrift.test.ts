// The stand-ins (test/fakes/windows-bin) generate their output from state; these tests hold
// that output against REAL captures (test/fixtures/field), so a misreading written the same
// way into a stand-in and into its parser cannot pass: the capture is the referee.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { decodeOutput } from '../../../client/src/host/decodeOutput';
import { fieldText, repoRoot } from './testSupport';

interface RunSpec {
  tool: string;
  args: string[];
  utf8?: boolean;
  state?: unknown;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const capture = require(path.join(repoRoot(), 'test', 'fakes', 'captureFixtures.js')) as {
  runFixture(spec: RunSpec): { stdout: Buffer; status: number };
};

/** Pastes keep neither CRLF nor the blank lines at the end; compare on that footing. */
const normalize = (text: string): string => text.replace(/\r/g, '').replace(/\s+$/, '') + '\n';

const cases: { capture: string; spec: RunSpec; status?: number; pasteLosesNoBreakSpace?: boolean }[] = [
  {
    capture: 'wsl-version.en-US.store-1.2.5.win10.txt',
    spec: {
      tool: 'wsl.exe',
      args: ['--version'],
      state: {
        versions: {
          wsl: '1.2.5.0',
          kernel: '5.15.90.1',
          wslg: '1.0.51',
          msrdc: '1.2.3770',
          direct3d: '1.608.2-61064218',
          dxcore: '10.0.25131.1002-220531-1700.rs-onecore-base2-hyp',
          windows: '10.0.19045.3393',
        },
      },
    },
  },
  {
    capture: 'wsl-list-verbose.en-US.inbox.win10-2004.txt',
    spec: {
      tool: 'wsl.exe',
      args: ['-l', '-v'],
      state: { distros: [{ name: 'Ubuntu', state: 'Running', version: 1 }], defaultDistro: 'Ubuntu' },
    },
  },
  {
    capture: 'wsl-status.en-US.win11-22621.txt',
    spec: {
      tool: 'wsl.exe',
      args: ['--status'],
      state: {
        distros: [{ name: 'Debian', state: 'Stopped', version: 2 }],
        defaultDistro: 'Debian',
        defaultWslVersion: 2,
      },
    },
  },
  {
    capture: 'wsl-version.fr-FR.store-2.3.26.win11.txt',
    spec: {
      tool: 'wsl.exe',
      args: ['--version'],
      state: {
        locale: 'fr-FR',
        versions: {
          wsl: '2.3.26.0',
          kernel: '5.15.167.4-1',
          wslg: '1.0.65',
          msrdc: '1.2.5620',
          direct3d: '1.611.1-81528511',
          dxcore: '10.0.26100.1-240331-1435.ge-release',
          windows: '10.0.26100.2894',
        },
      },
    },
  },
  {
    capture: 'wsl-status.fr-FR.store-1.0.3.win10.txt',
    spec: {
      tool: 'wsl.exe',
      args: ['--status'],
      state: {
        locale: 'fr-FR',
        distros: [{ name: 'Ubuntu-22.04', state: 'Stopped', version: 2 }],
        defaultDistro: 'Ubuntu-22.04',
        defaultWslVersion: 2,
      },
    },
    // The fr-FR strings put a no-break space before ':' (Resources.resw); the pasted capture has a plain one.
    pasteLosesNoBreakSpace: true,
  },
  {
    capture: 'netsh-portproxy-show-v4tov4.en-US.port-range.win10.txt',
    spec: {
      tool: 'netsh.exe',
      args: ['interface', 'portproxy', 'show', 'v4tov4'],
      state: {
        portProxy: [
          {
            kind: 'v4tov4',
            listenAddress: '0.0.0.0',
            listenPort: '30000-50000',
            connectAddress: '172.23.188.236',
            connectPort: '30000-50000',
          },
        ],
      },
    },
  },
];

describe('stand-in output against real captures', () => {
  for (const { capture: name, spec, status, pasteLosesNoBreakSpace } of cases) {
    it(`${spec.tool} ${spec.args.join(' ')} generates what ${name} shows`, () => {
      const run = capture.runFixture(spec);
      assert.equal(run.status, status ?? 0);
      const generated = normalize(decodeOutput(run.stdout).text);
      assert.equal(pasteLosesNoBreakSpace ? generated.replace(/\u00a0/g, ' ') : generated, normalize(fieldText(name)));
    });
  }

  it('wsl.exe writes UTF-16LE without BOM and CRLF unless WSL_UTF8=1', () => {
    const spec = cases[0]?.spec as RunSpec;
    const utf16 = capture.runFixture(spec).stdout;
    assert.notDeepEqual([utf16[0], utf16[1]], [0xff, 0xfe]);
    assert.equal(utf16[1], 0);
    assert.ok(utf16.includes(Buffer.from('\r\n', 'utf16le')));
    const utf8 = capture.runFixture({ ...spec, utf8: true }).stdout;
    assert.equal(utf8.toString('utf8').replace(/\r/g, ''), fieldText('wsl-version.en-US.store-1.2.5.win10.txt'));
  });

  it('a replayed capture comes out byte for byte as wsl.exe would write it', () => {
    const run = capture.runFixture({
      tool: 'wsl.exe',
      args: ['-l', '-v'],
      state: { replay: { '-l -v': { capture: 'wsl-list-verbose.zh-CN.inbox-usage.win10-1903.txt', exitCode: 255 } } },
    });
    assert.equal(run.status, 255);
    assert.ok(
      run.stdout.equals(
        Buffer.from(fieldText('wsl-list-verbose.zh-CN.inbox-usage.win10-1903.txt').replace(/\n/g, '\r\n'), 'utf16le'),
      ),
    );
  });
});
