// Behaviour of the wsl.exe and netsh parsers that mutation testing (StrykerJS, issue #14) showed
// no test pinned down. Each case fails on the surviving mutants it is written against; the ones
// left alive are explained in docs/mutation-survivors-wsl-parsers.md.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decodeOutput } from '../../../client/src/host/decodeOutput';
import { parsePortProxyShow } from '../../../client/src/host/parsePortProxy';
import { parseWslListVerbose } from '../../../client/src/host/parseWslListVerbose';
import { parseWslStatus } from '../../../client/src/host/parseWslStatus';
import { parseWslVersion } from '../../../client/src/host/parseWslVersion';
import {
  isNoDistributionsFailure,
  isWslUsageText,
  parseWslErrorMessage,
} from '../../../client/src/host/wslErrorOutput';
import { asWslExeWrites, fieldIndex, fieldText } from './testSupport';

/** The capture as the parser sees it from a real wsl.exe pipe (UTF-16LE + CRLF, decoded). */
const wslText = (name: string): string => decodeOutput(asWslExeWrites(fieldText(name))).text;
/** The same capture with its CRLF line ends kept, as a caller that does not decode would pass it. */
const crlf = (text: string): string => text.replace(/\n/g, '\r\n');
const reports = (): { calls: [string, string][]; report: (what: string, raw: string) => void } => {
  const calls: [string, string][] = [];
  return { calls, report: (what, raw) => calls.push([what, raw]) };
};
const captures = (prefix: string): string[] =>
  fieldIndex()
    .map((e) => e.file)
    .filter((file) => file.startsWith(prefix));

// `netsh interface portproxy show all` with one rule per table, as netsh lays it out.
const SHOW_ALL = [
  '',
  'Listen on ipv4:             Connect to ipv4:',
  '',
  'Address         Port        Address         Port',
  '--------------- ----------  --------------- ----------',
  '0.0.0.0         2222        172.23.21.232   22',
  '',
  'Listen on ipv6:             Connect to ipv4:',
  '',
  'Address         Port        Address         Port',
  '--------------- ----------  --------------- ----------',
  '*               3000        127.0.0.1       3000',
  '',
].join('\n');
const SHOW_ALL_RULES = [
  { kind: 'v4tov4', listenAddress: '0.0.0.0', listenPort: 2222, connectAddress: '172.23.21.232', connectPort: 22 },
  { kind: 'v6tov4', listenAddress: '*', listenPort: 3000, connectAddress: '127.0.0.1', connectPort: 3000 },
];
const v4Table = (rows: string[]): string =>
  [
    'Listen on ipv4:             Connect to ipv4:',
    '',
    'Address         Port        Address         Port',
    '--------------- ----------  --------------- ----------',
    ...rows,
    '',
  ].join('\n');

describe('parsePortProxyShow: mutants that survived', () => {
  it('well-formed output, with LF or CRLF, gives its rules and no report', () => {
    for (const text of [SHOW_ALL, crlf(SHOW_ALL)]) {
      const { calls, report } = reports();
      assert.deepEqual(parsePortProxyShow(text, report), SHOW_ALL_RULES);
      assert.deepEqual(calls, []);
    }
  });

  it('the kind comes from the table title, not from the address syntax ("*" listens on IPv6 in a v6tov4 table, a host name connects over IPv6)', () => {
    const text =
      SHOW_ALL +
      '\nListen on ipv4:             Connect to ipv6:\n\nAddress         Port        Address         Port\n' +
      '--------------- ----------  --------------- ----------\n0.0.0.0         5000        wsl.example     5000\n';
    assert.deepEqual(
      parsePortProxyShow(text).map((r) => r.kind),
      ['v4tov4', 'v6tov4', 'v4tov6'],
    );
  });

  it('the title is read up to four lines above the dashes (an extra blank line), and never from the rows below them', () => {
    // The v6tov4 table, whose "*" would otherwise be read as IPv4.
    const extraBlank = SHOW_ALL.replace(
      'ipv6:             Connect to ipv4:\n\n',
      'ipv6:             Connect to ipv4:\n\n\n',
    );
    assert.deepEqual(parsePortProxyShow(extraBlank), SHOW_ALL_RULES);
    // A host name that happens to contain "ipv4" and "ipv6" does not turn the table into v4tov6.
    assert.deepEqual(
      parsePortProxyShow(v4Table(['0.0.0.0         8080        ipv4-ipv6.example 80'])).map((r) => r.kind),
      ['v4tov4'],
    );
  });

  it('a line naming only one address family is not a title: the kind falls back to the addresses', () => {
    const text =
      'Rules for ipv6 only\n\nAddress         Port        Address         Port\n' +
      '--------------- ----------  --------------- ----------\n0.0.0.0         80          10.0.0.1        80\n';
    assert.deepEqual(
      parsePortProxyShow(text).map((r) => r.kind),
      ['v4tov4'],
    );
  });

  it('ports 0-65535 are read, 65536 is skipped and reported, on either side of the rule', () => {
    const { calls, report } = reports();
    const text = v4Table([
      '0.0.0.0         65535       10.0.0.1        65535',
      '0.0.0.0         65536       10.0.0.1        80',
      '0.0.0.0         80          10.0.0.1        65536',
      '0.0.0.0         0           10.0.0.1        1',
    ]);
    assert.deepEqual(
      parsePortProxyShow(text, report).map((r) => [r.listenPort, r.connectPort]),
      [
        [65535, 65535],
        [0, 1],
      ],
    );
    assert.deepEqual(calls, [['netsh interface portproxy show', text]]);
  });

  it('port text that JavaScript would read as a number but is no decimal port (0x1F90, 8e3) is skipped and reported', () => {
    for (const port of ['0x1F90', '8e3', '+80']) {
      const { calls, report } = reports();
      assert.deepEqual(parsePortProxyShow(v4Table([`0.0.0.0         ${port}        10.0.0.1        80`]), report), []);
      assert.equal(calls.length, 1, port);
    }
  });

  it('output that ends without a line break after the last row is read', () => {
    const text = v4Table(['0.0.0.0         80          10.0.0.1        8080']).trimEnd();
    assert.deepEqual(
      parsePortProxyShow(text).map((r) => r.connectPort),
      [8080],
    );
  });

  it('an indented paste (a code block in an issue) is read', () => {
    const text = SHOW_ALL.split('\n')
      .map((line) => (line === '' ? line : `    ${line}`))
      .join('\n');
    assert.deepEqual(parsePortProxyShow(text), SHOW_ALL_RULES);
  });

  it('a message after the rows ends the table without a report', () => {
    const { calls, report } = reports();
    const text = v4Table(['0.0.0.0         80          10.0.0.1        80']).replace(
      /\n$/,
      '\nThe following helper DLL cannot be loaded: 80 10.0.0.1 80.\n',
    );
    assert.equal(parsePortProxyShow(text, report).length, 1);
    assert.deepEqual(calls, []);
  });

  it('a dashed table of five columns is not a portproxy table', () => {
    const text =
      'Name  Port  Address  Port  Note\n---------- ---------- ---------- ---------- ----------\n' +
      'x     80    10.0.0.1 80\n';
    assert.deepEqual(parsePortProxyShow(text), []);
  });
});

describe('parseWslListVerbose: mutants that survived', () => {
  it('the real captures (LF or CRLF, trailing line break) give their distros and no report', () => {
    for (const name of [
      'wsl-list-verbose.en-US.inbox.win10-2004.txt',
      'wsl-list-verbose.en-US.collapsed-spaces.win11.txt',
    ])
      for (const text of [wslText(name), crlf(fieldText(name))]) {
        const { calls, report } = reports();
        assert.equal(parseWslListVerbose(text, report).length, 1, name);
        assert.deepEqual(calls, [], name);
      }
  });

  it('a paste with indentation, trailing spaces, whitespace-only lines and unpadded rows is read', () => {
    const { calls, report } = reports();
    const text = '    NAME STATE VERSION   \n    * Ubuntu-22.04 Running 2   \n   \ndocker-desktop Stopped 2\n\n';
    assert.deepEqual(parseWslListVerbose(text, report), [
      { name: 'Ubuntu-22.04', state: 'Running', version: 2, isDefault: true },
      { name: 'docker-desktop', state: 'Stopped', version: 2, isDefault: false },
    ]);
    assert.deepEqual(calls, []);
  });

  it('a version column that is not a whole number gives no version (not NaN); any whole number is read', () => {
    const rows = parseWslListVerbose('  NAME STATE VERSION\n* A Running v2\n  B Running 2b\n  C Stopped 10\n');
    assert.deepEqual(
      rows.map((r) => r.version),
      [undefined, undefined, 10],
    );
  });

  it('an unreadable row is reported under the command name, and without a reporter nothing throws', () => {
    const { calls, report } = reports();
    const text = '  NAME STATE VERSION\n* Ubuntu\n';
    parseWslListVerbose(text, report);
    assert.deepEqual(calls, [['wsl.exe --list --verbose', text]]);
    assert.deepEqual(parseWslListVerbose(text), []);
  });
});

describe('parseWslStatus: mutants that survived', () => {
  const inbox = fieldText('wsl-status.en-US.inbox-kernel-line.win11-22000.txt');
  const inboxNotes = [
    'Windows Subsystem for Linux was last updated on 27-Mar-22',
    'WSL automatic updates are on.',
    'Kernel version: 5.10.102.1',
  ];

  it('without a default distribution (the real inbox capture without its first line) the version and notes are read', () => {
    const { calls, report } = reports();
    const withoutDistro = inbox.slice(inbox.indexOf('\n') + 1);
    for (const text of [withoutDistro, crlf(withoutDistro)])
      assert.deepEqual(parseWslStatus(text, report), {
        defaultDistro: undefined,
        defaultVersion: 2,
        notes: inboxNotes,
      });
    assert.deepEqual(parseWslStatus('Default Version: 2\n', report), {
      defaultDistro: undefined,
      defaultVersion: 2,
      notes: [],
    });
    assert.deepEqual(calls, []);
  });

  it('a version value that is not a single digit gives no version (not NaN) and is reported under the command name', () => {
    for (const text of ['Default Version: two\n', 'Default Distribution: Ubuntu\nDefault Version: 2.0\n']) {
      const { calls, report } = reports();
      assert.equal(parseWslStatus(text, report).defaultVersion, undefined, text);
      assert.deepEqual(calls, [['wsl.exe --status', text]], text);
    }
  });

  it('unreadable output is kept whole in notes, its first line included', () => {
    const text = 'Windows Subsystem for Linux is not installed\nDefault Version: 2\n';
    const { calls, report } = reports();
    assert.deepEqual(parseWslStatus(text, report), {
      defaultDistro: undefined,
      defaultVersion: undefined,
      notes: ['Windows Subsystem for Linux is not installed', 'Default Version: 2'],
    });
    assert.equal(calls.length, 1);
    assert.deepEqual(parseWslStatus('something else entirely\n').notes, ['something else entirely']);
  });

  it('an empty value is never the default distribution', () => {
    assert.notEqual(parseWslStatus('Default Distribution:\nDefault Version: 2\n').defaultDistro, '');
  });

  it('empty or blank output is not reported, and without a reporter unreadable output does not throw', () => {
    const { calls, report } = reports();
    for (const text of ['', '\r\n', '  \n\n']) parseWslStatus(text, report);
    assert.deepEqual(calls, []);
    assert.equal(parseWslStatus('garbage').defaultVersion, undefined);
  });
});

describe('parseWslVersion: mutants that survived', () => {
  it('every real capture, with CRLF kept, gives its versions and no report', () => {
    for (const name of captures('wsl-version.').filter((f) => !f.includes('usage'))) {
      const { calls, report } = reports();
      const info = parseWslVersion(crlf(fieldText(name)), report);
      assert.match(info?.wslVersion ?? '', /^[0-9.]+$/, name);
      assert.deepEqual(calls, [], name);
    }
  });

  it('the kernel line is recognised by its translated word wherever it stands', () => {
    for (const name of captures('wsl-version.').filter((f) => !f.includes('usage'))) {
      const lines = fieldText(name).trimEnd().split('\n');
      const expected = parseWslVersion(fieldText(name))?.kernelVersion;
      // Move the kernel line (second) to the end.
      const moved = [lines[0], ...lines.slice(2), lines[1]].join('\n');
      assert.equal(parseWslVersion(moved)?.kernelVersion, expected, name);
    }
  });

  it('only the second line after a WSL line is taken as the kernel when its label is unknown', () => {
    const { calls, report } = reports();
    // No kernel line: the WSLg line in second place stays WSLg, an unknown label further down is reported.
    const text = 'WSL version: 2.0.9.0\nWSLg version: 1.0.59\nZzz: 1.611.1\nWindows version: 10.0.22621.2861\n';
    const info = parseWslVersion(text, report);
    assert.equal(info?.kernelVersion, undefined);
    assert.equal(info?.wslgVersion, '1.0.59');
    assert.deepEqual(info?.extra, ['Zzz: 1.611.1']);
    assert.deepEqual(calls, [['wsl.exe --version', text]]);
    // No WSL line first: the second line is no kernel either.
    assert.equal(parseWslVersion('WSLg version: 1.0.59\nXyz: 5.15.133.1-1\n')?.kernelVersion, undefined);
  });

  it('a second line for the same component does not replace the first, and is reported', () => {
    const { calls, report } = reports();
    const text = 'WSL version: 2.0.9.0\nKernel version: 5.15.1\nWSL version: 9.9.9.9\nWindows version: 10.0.1\n';
    const info = parseWslVersion(text, report);
    assert.equal(info?.wslVersion, '2.0.9.0');
    assert.deepEqual(info?.extra, ['WSL version: 9.9.9.9']);
    assert.equal(calls.length, 1);
  });

  it('an unreadable line just before the last component is reported; without a reporter nothing throws', () => {
    const { calls, report } = reports();
    const text = 'WSL version: 2.0.9.0\nKernel version: 5.15.1\nZzz: 1.2.3\nWindows version: 10.0.1\n';
    parseWslVersion(text, report);
    assert.equal(calls.length, 1);
    assert.equal(parseWslVersion(text)?.windowsVersion, '10.0.1');
  });

  it('a value is read when the space after the colon was lost', () => {
    assert.equal(parseWslVersion('WSL version:2.0.9.0\nKernel version:5.15.1\n')?.wslVersion, '2.0.9.0');
  });

  it('a value that merely contains a version is not a version', () => {
    const info = parseWslVersion(
      'WSL version: 2.0.9.0\nKernel version: 5.15.1\nWSLg version: v1.0.59\nMSRDC version: 1.2.3 beta\n',
    );
    assert.equal(info?.wslgVersion, undefined);
    assert.equal(info?.msrdcVersion, undefined);
    assert.deepEqual(info?.extra, ['WSLg version: v1.0.59', 'MSRDC version: 1.2.3 beta']);
  });

  it('empty or blank output gives undefined without a report; other text is reported under the command name', () => {
    const { calls, report } = reports();
    for (const text of ['', '\r\n', '  \n']) assert.equal(parseWslVersion(text, report), undefined);
    assert.deepEqual(calls, []);
    parseWslVersion('Usage: wsl.exe [Argument]\n', report);
    assert.deepEqual(calls, [['wsl.exe --version', 'Usage: wsl.exe [Argument]\n']]);
  });
});

describe('wsl.exe error output: mutants that survived', () => {
  it('the message is the text above the error code line, lines joined, surrounding blank lines dropped', () => {
    assert.deepEqual(parseWslErrorMessage(wslText('wsl-list-verbose.de-DE.no-distros-error-code.reconstructed.txt')), {
      message: fieldText('wsl-list-verbose.de-DE.no-distros-error-code.reconstructed.txt')
        .trimEnd()
        .split('\n')
        .slice(0, -1)
        .join('\n'),
      code: 'Wsl/WSL_E_DEFAULT_DISTRO_NOT_FOUND',
    });
    assert.deepEqual(parseWslErrorMessage('\r\nFirst line.   \r\nSecond line.\r\n\r\nError code: Wsl/E_X\r\n\r\n'), {
      message: 'First line.\nSecond line.',
      code: 'Wsl/E_X',
    });
  });

  it('without an error code the whole text is the message (the real Russian capture of current WSL)', () => {
    const name = 'wsl-list.ru-RU.no-distros.store-2.4.11.win11.txt';
    assert.deepEqual(parseWslErrorMessage(wslText(name)), {
      message: fieldText(name).trim(),
      code: undefined,
    });
    assert.deepEqual(parseWslErrorMessage('\n  One.  \nTwo.\n\n'), { message: 'One.\nTwo.', code: undefined });
  });

  it('a last line of prose, or a code-like word without a label, is message text and not a code', () => {
    for (const last of ['Details: see Wsl/Service/E_FAIL', 'Note: Wsl/Service is not running', 'Wsl/Service/E_FAIL']) {
      const parsed = parseWslErrorMessage(`Something failed.\n${last}\n`);
      assert.deepEqual(parsed, { message: `Something failed.\n${last}`, code: undefined }, last);
    }
  });

  it('exit -1 with nothing on stdout is not "no distributions"', () => {
    assert.equal(isNoDistributionsFailure(255, ''), false);
    assert.equal(isNoDistributionsFailure(4294967295, '\r\n'), false);
  });

  it('five different --options make usage text, four do not', () => {
    assert.equal(isWslUsageText('--exec --export --import --list --unregister'), true);
    assert.equal(isWslUsageText('--exec --export --import --list --list'), false);
  });
});
