import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfig, type Entry } from '../../server/src/core/parser';

const entries = (text: string, mode: 'windows' | 'linux' = 'windows'): Entry[] => parseConfig(text, mode).entries;
const values = (text: string, mode: 'windows' | 'linux' = 'windows'): Record<string, string> =>
  Object.fromEntries(entries(text, mode).map((e) => [e.fullName, e.value]));
const issues = (text: string, mode: 'windows' | 'linux' = 'windows'): string[] =>
  parseConfig(text, mode).issues.map((i) => `${i.wslLine}:${i.message}`);

describe('parser: lexical rules of WSL configfile.cpp', () => {
  it('reads sections, keys and values with blanks around =', () => {
    assert.deepEqual(values('[wsl2]\nmemory = 4GB\n  processors=2\n'), {
      'wsl2.memory': '4GB',
      'wsl2.processors': '2',
    });
  });

  it('ends an unquoted value at # with or without a blank, and trims trailing blanks', () => {
    assert.deepEqual(values('[boot]\ncommand=echo a#b\n[wsl2]\nmemory=10GB   # Limits VM memory\n'), {
      'boot.command': 'echo a',
      'wsl2.memory': '10GB',
    });
  });

  it('keeps # and blanks inside double quotes and removes the quotes wherever they are', () => {
    assert.deepEqual(values('[a]\nk="a # b"\nc = bash -c "echo hi"\ns = " x "  \n'), {
      'a.k': 'a # b',
      'a.c': 'bash -c echo hi',
      'a.s': ' x ',
    });
  });

  it('applies the escape table, keeps \\" as a quote, and turns \\t \\b into control characters silently', () => {
    const text = '[wsl2]\nkernelCommandLine=x=\\"0 1\\"\nkernel=C:\\temp\\bzImage\nswapFile=C:\\\\a\\\\b.vhdx\n';
    assert.deepEqual(values(text), {
      'wsl2.kernelCommandLine': 'x="0 1"',
      'wsl2.kernel': 'C:\temp\bzImage',
      'wsl2.swapFile': 'C:\\a\\b.vhdx',
    });
    assert.deepEqual(issues(text), []);
  });

  it('rejects an unknown escape, naming the character, and drops the key', () => {
    const parsed = parseConfig('[wsl2]\nkernel=C:\\Users\\me\nmemory=4GB\n', 'windows');
    assert.deepEqual(
      parsed.issues.map((i) => `${i.wslLine}:${i.message}`),
      ["2:Invalid escaped character: 'U'"],
    );
    assert.deepEqual(
      parsed.entries.map((e) => e.fullName),
      ['wsl2.memory'],
    );
    assert.equal(parsed.text.slice(parsed.issues[0].span.start, parsed.issues[0].span.end), '\\U');
  });

  it('joins a line continuation (backslash + LF) and counts the line', () => {
    const parsed = parseConfig('[a]\nk=b \\\nc\nz=1\n', 'linux');
    assert.deepEqual(Object.fromEntries(parsed.entries.map((e) => [e.fullName, e.value])), {
      'a.k': 'b c',
      'a.z': '1',
    });
    assert.equal(parsed.entries[1].wslLine, 4);
  });

  it('reports every malformed-line message with WSL wording', () => {
    assert.deepEqual(
      issues('[ wsl2]\n[wsl2 ]\n[wsl2] ;x\nkey # x = 1\n; comment\nnetworkingMode.excludedInterfaces=x\nk="open\n'),
      [
        '1:Invalid section name',
        "2:Expected ']'",
        "3:Expected ' ' or '\\n'",
        "4:Expected '='",
        '5:Invalid key name',
        "6:Expected '='",
        '7:Expected "',
      ],
    );
  });

  it('reproduces the WSLg [system-distro-env] block from Fedora-Remix #210 line for line', () => {
    const text =
      '\n\n\n\n\n[system-distro-env]\n; hi-dpi\nWESTON_RDP_HI_DPI_SCALING = true\nWESTON_RDP_FRACTIONAL_HI_DPI_SCALING = false\n; 100 to 500\nWESTON_RDP_DEBUG_DESKTOP_SCALING_FACTOR = 120\n';
    assert.deepEqual(issues(text), [
      "6:Expected ']'",
      '7:Invalid key name',
      "8:Expected '='",
      "9:Expected '='",
      '10:Invalid key name',
      "11:Expected '='",
    ]);
  });

  it('Windows skips a malformed line and goes on; Linux stops there and ignores the rest', () => {
    const text = '[automount]\nenabled = true\n; options = "metadata"\noptions = "metadata,uid=1000"\n';
    assert.deepEqual(values(text, 'windows'), {
      'automount.enabled': 'true',
      'automount.options': 'metadata,uid=1000',
    });
    const linux = parseConfig(text, 'linux');
    assert.deepEqual(Object.keys(values(text, 'linux')), ['automount.enabled']);
    assert.equal(linux.stoppedAt, text.indexOf(';'));
    assert.equal(linux.ignoredFrom, text.indexOf('options = "metadata,'));
  });

  it('gives keys before the first section no prefix', () => {
    assert.deepEqual(
      entries('  memory=17825792000\n  [wsl2]\n').map((e) => [e.fullName, e.section]),
      [['memory', undefined]],
    );
  });

  it('matches section and key names case-insensitively only later: the parser keeps them as typed', () => {
    assert.deepEqual(
      entries('[WSL2]\nnetworkingMode = mirrored\n').map((e) => e.fullName),
      ['WSL2.networkingMode'],
    );
  });

  it('garbles the section prefix after a malformed header the way WSL does', () => {
    // "[system-distro-env]" leaves "system" in the buffer while the length of "wsl2" is kept.
    assert.deepEqual(
      entries('[wsl2]\n[system-distro-env]\nfoo=1\n').map((e) => e.fullName),
      ['syst.foo'],
    );
    // A shorter partial name is padded with NULs, which cut the C string.
    assert.deepEqual(
      entries('[experimental]\n[ab-c]\nfoo=1\n').map((e) => e.fullName),
      ['ab'],
    );
    // "[wsl2] ;x" keeps the previous section length (none), so the next key has no section.
    assert.deepEqual(
      entries('[wsl2] ;x\nmemory=1\n').map((e) => e.fullName),
      ['memory'],
    );
  });

  it('reads CRLF files on Windows with correct line numbers', () => {
    const text = '[wsl2]\r\nmemory=4GB\r\n\r\nbad line\r\nswap=0\r\n';
    const parsed = parseConfig(text, 'windows');
    assert.deepEqual(Object.fromEntries(parsed.entries.map((e) => [e.fullName, e.value])), {
      'wsl2.memory': '4GB',
      'wsl2.swap': '0',
    });
    assert.deepEqual(
      parsed.issues.map((i) => i.wslLine),
      [4],
    );
    assert.deepEqual(
      parsed.entries.map((e) => e.wslLine),
      [2, 5],
    );
  });

  it('double-counts CRLF key and section lines on Linux, as WSL init does', () => {
    const parsed = parseConfig('[boot]\r\nsystemd = true\r\n\r\ncommand=x\r\n', 'linux');
    assert.deepEqual(
      parsed.entries.map((e) => [e.fullName, e.value, e.wslLine]),
      [
        ['boot.systemd', 'true', 3],
        ['boot.command', 'x', 6],
      ],
    );
  });

  it('cuts a CRLF line continuation on Linux so the next line is parsed as a key', () => {
    const parsed = parseConfig('[boot]\r\ncommand=a \\\r\nb c\r\n', 'linux');
    // The backslash before the CR counts as a non-blank, so the blank before it survives trimming.
    assert.equal(parsed.entries[0].value, 'a ');
    assert.deepEqual(
      parsed.issues.map((i) => i.message),
      ["Expected '='"],
    );
  });

  it('skips a UTF-8 BOM on Windows and rejects it on Linux', () => {
    assert.deepEqual(values('\ufeff[wsl2]\nmemory=4GB\n', 'windows'), { 'wsl2.memory': '4GB' });
    const linux = parseConfig('\ufeff[boot]\nsystemd=true\n', 'linux');
    assert.deepEqual(
      linux.issues.map((i) => `${i.wslLine}:${i.message}`),
      ['1:Invalid key name'],
    );
    assert.equal(linux.entries.length, 0);
  });

  it('records precise spans for keys, values, comments and headers', () => {
    const text = '[wsl2]   # core\n  memory = "4GB"  # note\n';
    const parsed = parseConfig(text, 'windows');
    const [header] = parsed.sections;
    const [entry] = parsed.entries;
    const slice = (s: { start: number; end: number }): string => text.slice(s.start, s.end);
    assert.equal(slice(header.nameSpan), 'wsl2');
    assert.equal(slice(header.comment!), '# core');
    assert.equal(slice(entry.keySpan), 'memory');
    assert.equal(slice(entry.valueSpan), '"4GB"');
    assert.equal(entry.value, '4GB');
    assert.equal(slice(entry.comment!), '# note');
    assert.equal(entry.header, header);
  });

  it('treats a lone CR after a value as the end of the line', () => {
    assert.deepEqual(values('[a]\nk=1\rj=2\n', 'windows'), { 'a.k': '1', 'a.j': '2' });
  });

  it('survives hostile input without throwing', () => {
    const inputs = [
      '\u0000\u0001\u0002',
      '['.repeat(1000),
      '\\',
      'a=\\',
      '[a]\nb="',
      'x'.repeat(100000),
      '\r\r\r\n\n',
      '\ud800',
      '[a]\nk=\\\n',
    ];
    for (const input of inputs)
      for (const mode of ['windows', 'linux'] as const) assert.doesNotThrow(() => parseConfig(input, mode));
  });
});

describe('parser: spans around a Linux backslash-CR', () => {
  it('keeps the dropped CR out of the value span so edits cannot eat the line break', () => {
    const text = '[automount]\r\nenabled=x\\\r\nroot=/\r\n';
    const parsed = parseConfig(text, 'linux');
    assert.equal(parsed.entries[0].rawValue, 'x\\');
    assert.equal(text.slice(parsed.entries[0].valueSpan.end, parsed.entries[0].valueSpan.end + 2), '\r\n');
  });
});

describe('parser: entry objects', () => {
  it('derives spans and raw text from offsets, and keeps each span object once built', () => {
    const text = '[wsl2]\nmemory = 4GB  # note\nkernel="C:\\\\k"\n';
    const [plain, quoted] = parseConfig(text, 'windows').entries;
    assert.equal(plain.kind, 'entry');
    assert.equal(text.slice(plain.keySpan.start, plain.keySpan.end), 'memory');
    assert.equal(text.slice(plain.valueSpan.start, plain.valueSpan.end), '4GB');
    assert.equal(text.slice(plain.span.start, plain.span.end), 'memory = 4GB');
    assert.equal(plain.rawValue, '4GB');
    assert.deepEqual([plain.quotes, plain.escapes, plain.continuations], [[], [], 0]);
    assert.equal(plain.keySpan, plain.keySpan, 'the same object on every read');
    assert.equal(quoted.rawValue, '"C:\\\\k"');
    assert.equal(quoted.value, 'C:\\k');
    assert.equal(quoted.quotes.length, 2);
    assert.equal(quoted.escapes.length, 1);
    assert.equal(text.slice(quoted.valueSpan.start, quoted.valueSpan.end), quoted.rawValue);
  });

  it('shares one name string between entries that spell a key the same way', () => {
    const parsed = parseConfig('[wsl2]\nswap=1GB\n[wsl2]\nswap=2GB\n[WSL2]\nswap=3GB\n', 'windows');
    assert.deepEqual(
      parsed.entries.map((e) => e.fullName),
      ['wsl2.swap', 'wsl2.swap', 'WSL2.swap'],
    );
    assert.deepEqual(
      parsed.entries.map((e) => e.section),
      ['wsl2', 'wsl2', 'WSL2'],
    );
  });
});
