/**
 * Edges of the value rules (server/src/core/valueRules.ts) that the analysis part of the mutation
 * run showed no in-process test reached (docs/mutation-survivors-analysis.md): how a fix writes a
 * value back, which memory strings get which repair, the unit a unitless size most plausibly meant,
 * the words read as a boolean, octal integers, port ranges at their limits, and the checks that
 * apply to one key or one file only.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FileKind } from '../../server/src/core/catalogue';
import type { FindingData } from '../../server/src/core/findings';
import { rawValueFor } from '../../server/src/core/valueRules';
import { seen } from './findingView';

interface Seen {
  code: string;
  message: string;
  at: string;
  /** The text each fix writes, or the kind of fix when it writes none. */
  fixes?: string[];
}

/** The findings of one line under `header`, but the restart note and networking-mode notes. */
function findingsOf(header: string, line: string, kind: FileKind): Seen[] {
  return seen(`[${header}]\n${line}\n`, kind, { withRestartNote: false })
    .filter((f) => f.code !== 'mode-no-effect')
    .map(({ code, message, at, fixes }) => {
      const view: Seen = { code, message, at };
      if (fixes !== undefined) view.fixes = (fixes as FindingData[]).map((fix) => ('text' in fix ? fix.text : fix.fix));
      return view;
    });
}
const fixesOf = (header: string, line: string, kind: FileKind) => findingsOf(header, line, kind).map((f) => f.fixes);
const codesOf = (header: string, line: string, kind: FileKind) => findingsOf(header, line, kind).map((f) => f.code);

describe('rawValueFor: a value written back so that WSL reads it as meant', () => {
  it('escapes a backslash, a quote, a line break, a TAB and a backspace', () => {
    assert.equal(rawValueFor('a"b\\c'), 'a\\"b\\\\c');
    assert.equal(rawValueFor('x\ny\tz\bw'), 'x\\ny\\tz\\bw');
  });

  it("quotes a value with '#' or with a blank at either end, not one with a blank inside", () => {
    assert.equal(rawValueFor('#x'), '"#x"');
    assert.equal(rawValueFor(' x'), '" x"');
    assert.equal(rawValueFor('x '), '"x "');
    assert.equal(rawValueFor('\tx'), '"\\tx"');
    assert.equal(rawValueFor('x\t'), '"x\\t"');
    assert.equal(rawValueFor('a b'), 'a b');
    assert.equal(rawValueFor(''), '');
  });

  it('cannot write a CR or another control character', () => {
    for (const value of ['a\x01', 'a\x7f', 'a\rb', '\x1fz'])
      assert.equal(rawValueFor(value), undefined, JSON.stringify(value));
  });
});

describe('memory strings WSL rejects, and their repair', () => {
  const repair = (value: string) => fixesOf('wsl2', `memory=${value}`, 'wslconfig');
  it('uppercases the unit, drops the blanks and reads IEC units as WSL units', () => {
    assert.deepEqual(repair(' 4 gb '), [['4GB']]);
    assert.deepEqual(repair('4gib'), [['4GB']]);
    assert.deepEqual(repair('4Gi'), [['4GB']]);
    assert.deepEqual(repair('4 B'), [['4B']]);
  });

  it('turns a decimal into a whole number of a smaller unit, when there is one', () => {
    assert.deepEqual(repair('1.5GB'), [['1536MB']]);
    assert.deepEqual(repair('4.0GB'), [['4GB']]);
    assert.deepEqual(repair('1.25KB'), [['1280B']]);
    assert.deepEqual(repair('1.5kb'), [['1536B']]);
    assert.deepEqual(repair('1.3B'), [[]]);
    assert.deepEqual(repair('0.5'), [[]]);
  });

  it('offers nothing for a unit WSL does not have', () => {
    assert.deepEqual(repair('4XB'), [[]]);
    assert.deepEqual(repair('4 GBs'), [[]]);
    assert.deepEqual(repair('x4GB'), [[]]);
  });
});

describe('a size without a unit', () => {
  it('offers the unit that gives a size near the key’s typical one, then the next nearest', () => {
    const [memory] = findingsOf('wsl2', 'memory=4096', 'wslconfig');
    assert.deepEqual(memory, {
      code: 'unitless-memory',
      message:
        "'4096' has no unit, so WSL reads it as 4096 bytes (WSL then raises it to its minimum, 256 MB). Add a unit: '4096MB' is 4 GB.",
      at: '4096',
      fixes: ['4096MB', '4096GB'],
    });
    assert.deepEqual(fixesOf('wsl2', 'memory=8', 'wslconfig'), [['8GB', '8MB']]);
    assert.deepEqual(fixesOf('wsl2', 'memory=3', 'wslconfig'), [['3GB', '3TB']]);
  });

  it('gives the size in the largest whole unit', () => {
    assert.match(findingsOf('wsl2', 'memory=1536', 'wslconfig')[0].message, /'1536MB' is 1536 MB\.$/);
  });

  it('says one byte, and names the 256 MB minimum only for memory', () => {
    assert.equal(
      findingsOf('wsl2', 'swap=1', 'wslconfig')[0].message,
      "'1' has no unit, so WSL reads it as 1 byte. Add a unit: '1GB' is 1 GB.",
    );
  });

  it('says nothing about 0, which turns swap off, nor about a size of 256 MB or more', () => {
    assert.deepEqual(findingsOf('wsl2', 'swap=0', 'wslconfig'), []);
    assert.deepEqual(findingsOf('wsl2', `memory=${256 * 1024 * 1024}`, 'wslconfig'), []);
    assert.deepEqual(codesOf('wsl2', `memory=${256 * 1024 * 1024 - 1}`, 'wslconfig'), ['unitless-memory']);
  });
});

describe('booleans', () => {
  const fixes = (value: string) => fixesOf('wsl2', `guiApplications=${value}`, 'wslconfig')[0];
  it('offers true for the words that mean yes, in any case', () => {
    for (const value of ['yes', 'On', 'y', 'enable', 'Enabled']) assert.deepEqual(fixes(value), ['true'], value);
  });
  it('offers false for the words that mean no, in any case', () => {
    for (const value of ['no', 'OFF', 'n', 'disable', 'disabled']) assert.deepEqual(fixes(value), ['false'], value);
  });
  it('offers both for a word that only contains one of them', () => {
    for (const value of ['yess', 'xyes', 'enabledd', 'noo', 'anno'])
      assert.deepEqual(fixes(value), ['true', 'false'], value);
  });
});

describe('integers', () => {
  const OCTAL = ' A leading 0 makes the number octal, so the digits 8 and 9 are not allowed.';
  const invalid = (value: string, octal: boolean, fixes?: string[]) => {
    const finding: Seen = {
      code: 'invalid-integer',
      message: `Invalid integer value '${value}' for key 'wsl2.processors'.${octal ? OCTAL : ''} WSL keeps the default.`,
      at: value,
    };
    if (fixes) finding.fixes = fixes;
    return [finding];
  };
  const seenFor = (value: string) => findingsOf('wsl2', `processors=${value}`, 'wslconfig');

  it('explains octal digits after a leading 0, and offers the number without its zeros', () => {
    assert.deepEqual(seenFor('08'), invalid('08', true, ['8']));
    assert.deepEqual(seenFor('0009'), invalid('0009', true, ['9']));
    assert.deepEqual(seenFor('0900'), invalid('0900', true, ['900']));
    assert.deepEqual(seenFor('+09'), invalid('+09', true));
    assert.deepEqual(seenFor('-08'), invalid('-08', true));
  });

  it('does not say octal where there is no leading 0', () => {
    assert.deepEqual(seenFor('10x'), invalid('10x', false));
    assert.deepEqual(seenFor('9.5'), invalid('9.5', false));
    assert.deepEqual(seenFor('x08'), invalid('x08', false));
    assert.deepEqual(seenFor('08x'), invalid('08x', false));
  });

  it('says what WSL uses instead of a number past 32 bits', () => {
    assert.deepEqual(seenFor('4294967296'), [
      {
        code: 'integer-clamped',
        message: "'4294967296' does not fit in a 32-bit integer: WSL silently uses 2147483647.",
        at: '4294967296',
      },
    ]);
    assert.match(seenFor('-2147483649')[0].message, /WSL silently uses -2147483648\.$/);
  });

  it('warns about a decimal umask in wsl.conf only, and offers its octal spelling', () => {
    assert.deepEqual(findingsOf('filesystem', 'umask=22', 'wslconf'), [
      {
        code: 'umask-decimal',
        message:
          "umask '22' is read as the decimal number 22 (octal 026). Write it with a leading 0 to mean octal, e.g. '022'.",
        at: '22',
        fixes: ['022'],
      },
    ]);
    assert.deepEqual(findingsOf('filesystem', 'umask=022', 'wslconf'), []);
    assert.deepEqual(findingsOf('boot', 'initTimeout=22', 'wslconf'), []);
    assert.deepEqual(findingsOf('wsl2', 'processors=22', 'wslconfig'), []);
  });
});

describe('port lists', () => {
  const ports = (value: string) => findingsOf('experimental', `ignoredPorts=${value}`, 'wslconfig');
  const list = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i).join(',');

  it('offers to list a range of up to 65 ports one by one', () => {
    assert.deepEqual(ports('8000-8010')[0].fixes, [list(8000, 8010)]);
    assert.deepEqual(ports('8000-8064')[0].fixes, [list(8000, 8064)]);
    assert.deepEqual(ports(' 8000 - 8002 ')[0], {
      code: 'port-range',
      message:
        "WSL reads '8000 - 8002' as port 8000 only: ranges and trailing text are ignored. List every port, separated by commas.",
      at: '8000 - 8002',
      fixes: ['8000,8001,8002'],
    });
  });

  it('offers no list for a longer range, a reversed or empty one, or trailing text', () => {
    for (const value of ['8000-8065', '8010-8000', '8000-8000', '8000x', '8000-8002x']) {
      const [finding] = ports(value);
      assert.equal(finding.code, 'port-range', value);
      assert.deepEqual(finding.fixes, [], value);
    }
  });

  it('replaces the whole quoted value, since an item’s offsets are not its text’s', () => {
    assert.deepEqual(ports('"8000-8002"')[0].at, '"8000-8002"');
  });

  it('names the item that is not a port, without its blanks, and underlines it', () => {
    assert.deepEqual(ports('80, abc'), [
      {
        code: 'invalid-port',
        message:
          "Invalid integer value '80, abc' for key 'experimental.ignoredPorts'. 'abc' is not a port from 1 to 65535; WSL skips it and keeps the other ports.",
        at: ' abc',
      },
    ]);
  });
});

describe('strings and paths', () => {
  it('explains a control escape in a string, and offers only to double the backslashes', () => {
    assert.deepEqual(findingsOf('wsl2', 'kernelCommandLine=a\\tb', 'wslconfig'), [
      {
        code: 'control-escape',
        message:
          "'\\t' is an escape: WSL puts a TAB into the value here. Write '\\\\t' for a backslash followed by 't'.",
        at: '\\t',
        fixes: ['escape-backslashes'],
      },
    ]);
  });

  it('explains each control escape in a path, and offers slashes as well', () => {
    assert.deepEqual(findingsOf('wsl2', 'kernel=C:\\new\\bzImage', 'wslconfig'), [
      {
        code: 'control-escape',
        message:
          "'\\n' is an escape: WSL puts a line break into this path instead of a backslash and 'n'. Double the backslashes (\\\\) or use '/'.",
        at: '\\n',
        fixes: ['escape-backslashes', 'C:/new/bzImage'],
      },
      {
        code: 'control-escape',
        message:
          "'\\b' is an escape: WSL puts a backspace into this path instead of a backslash and 'b'. Double the backslashes (\\\\) or use '/'.",
        at: '\\b',
        fixes: ['escape-backslashes', 'C:/new/bzImage'],
      },
    ]);
  });

  it('warns about an empty path, not an empty string', () => {
    assert.deepEqual(codesOf('wsl2', 'kernel=', 'wslconfig'), ['empty-value']);
    assert.deepEqual(codesOf('wsl2', 'kernelCommandLine=', 'wslconfig'), []);
  });

  it('underlines an environment variable in a path where it is typed, quotes and escapes included', () => {
    const [finding] = findingsOf('wsl2', 'kernel="C:\\\\%USERPROFILE%\\\\k"', 'wslconfig');
    assert.equal(finding.code, 'env-var-in-path');
    assert.equal(finding.at, '%USERPROFILE%');
    assert.deepEqual(codesOf('wsl2', 'kernelCommandLine=%PATH%', 'wslconfig'), []);
  });

  it('warns about non-ASCII text in .wslconfig only', () => {
    assert.deepEqual(codesOf('wsl2', 'kernel=C:/Users/José/k', 'wslconfig'), ['non-ascii-value']);
    assert.deepEqual(codesOf('automount', 'root=/mnt/José/', 'wslconf'), []);
  });

  it("refuses '..' in wsl-distribution.conf paths only", () => {
    assert.deepEqual(codesOf('shortcut', 'icon=../x.ico', 'wsldistribution'), ['parent-path']);
    assert.deepEqual(codesOf('shortcut', 'icon=C:\\\\a\\\\..\\\\x.ico', 'wsldistribution'), ['parent-path']);
    assert.deepEqual(codesOf('shortcut', 'icon=a..b/x.ico', 'wsldistribution'), []);
    assert.deepEqual(codesOf('automount', 'root=/mnt/../x/', 'wslconf'), []);
  });

  it('checks the hostname of [network] in wsl.conf only', () => {
    assert.deepEqual(fixesOf('network', 'hostname=my_host', 'wslconf'), [['myhost']]);
    assert.deepEqual(codesOf('boot', 'command=my_host', 'wslconf'), []);
  });

  it("hints that boot.command needs no 'sudo' word, and only there", () => {
    assert.deepEqual(findingsOf('boot', 'command= sudo service x start', 'wslconf'), [
      {
        code: 'redundant-sudo',
        message: "boot.command already runs as root: 'sudo' is not needed.",
        at: 'sudo service x start',
      },
    ]);
    for (const line of ['command=sudoku x', 'command=sudo', 'command=echo sudo x'])
      assert.deepEqual(codesOf('boot', line, 'wslconf'), [], line);
    assert.deepEqual(codesOf('oobe', 'command=sudo x', 'wsldistribution'), []);
  });
});
