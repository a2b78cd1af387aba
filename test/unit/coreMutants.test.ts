// Behaviour of the language server's core modules that the mutation run of stryker.core.config.mjs
// found untested (issue #14): how WSL reads booleans, integers, memory sizes, addresses and port
// lists (valueParsers.ts), the exact bytes kept by a re-encode or a splice (encoding.ts), offset
// edits (textEdits.ts), minimal config edits (configEdits.ts) and line/offset conversions
// (lineIndex.ts). Each test pins down what a user would see change if the code did otherwise.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  cleanHostname,
  matchEnum,
  parseBool,
  parseInteger,
  parseIPv4,
  parseMacAddress,
  parseMemorySize,
  parsePortList,
  validValuesList,
} from '../../server/src/core/valueParsers';
import {
  decodeConfigBytes,
  encodeConfigText,
  encodingProblem,
  spliceConfigBytes,
  type FileEncoding,
} from '../../server/src/core/encoding';
import { applyOffsetEdits, minimalReplacement, sortEdits } from '../../server/src/core/textEdits';
import {
  applyTextEdits,
  commentOutKey,
  detectLineEnding,
  formatConfigValue,
  removeKey,
  setKey,
} from '../../server/src/core/configEdits';
import { LineIndex, linesFrom } from '../../server/src/core/lineIndex';

const MAX64 = 2n ** 64n - 1n;
const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);
const utf16le = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text, 'utf16le'));
const utf16be = (text: string): Uint8Array => {
  const le = Buffer.from(text, 'utf16le');
  for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1]!, le[i]!];
  return Uint8Array.from(le);
};
const hex = (data: Uint8Array): string => Buffer.from(data).toString('hex');

describe('valueParsers: how WSL reads a value', () => {
  it('reads booleans as exactly 1, 0, true or false in any letter case', () => {
    for (const yes of ['1', 'true', 'TRUE', 'True']) assert.equal(parseBool(yes), true, yes);
    for (const no of ['0', 'false', 'FALSE', 'False']) assert.equal(parseBool(no), false, no);
    for (const bad of ['', 'yes', 'no', '2', ' true', 'true ', '01', 'on'])
      assert.equal(parseBool(bad), undefined, bad);
  });

  it('reads integers as strtol base 0: decimal, hex and octal with a leading zero', () => {
    assert.deepEqual(parseInteger('42', 64), { value: 42 });
    assert.deepEqual(parseInteger('0x1F', 64), { value: 31 });
    assert.deepEqual(parseInteger('0X1f', 32), { value: 31 });
    assert.deepEqual(parseInteger('010', 64), { value: 8 });
    assert.deepEqual(parseInteger('0777', 32), { value: 511 });
    assert.deepEqual(parseInteger('0', 64), { value: 0 });
    assert.deepEqual(parseInteger('00', 64), { value: 0 });
    assert.deepEqual(parseInteger('-7', 64), { value: -7 });
    assert.deepEqual(parseInteger('+7', 64), { value: 7 });
    assert.deepEqual(parseInteger('-0x10', 64), { value: -16 });
  });

  it('accepts the leading blanks strtol skips, and nothing after the number', () => {
    for (const blank of [' ', '\t', '\n', '\v', '\f', '\r'])
      assert.deepEqual(parseInteger(`${blank}${blank}5`, 64), { value: 5 }, JSON.stringify(blank));
    for (const bad of ['', '5 ', '5x', 'x5', '08', '09', '0x', '1e3', '1.5', '+-1', '- 1', '0xG', '5\n'])
      assert.equal(parseInteger(bad, 64), undefined, JSON.stringify(bad));
  });

  it('takes int limits exactly; beyond them a 32-bit long clamps and a 64-bit long rejects', () => {
    assert.deepEqual(parseInteger('2147483647', 64), { value: 2147483647 });
    assert.deepEqual(parseInteger('-2147483648', 64), { value: -2147483648 });
    assert.deepEqual(parseInteger('2147483647', 32), { value: 2147483647 });
    assert.deepEqual(parseInteger('-2147483648', 32), { value: -2147483648 });
    assert.equal(parseInteger('2147483648', 64), undefined);
    assert.equal(parseInteger('-2147483649', 64), undefined);
    assert.equal(parseInteger('9223372036854775807', 64), undefined);
    assert.equal(parseInteger('9223372036854775808', 64), undefined);
    assert.equal(parseInteger('-9223372036854775808', 64), undefined);
    assert.equal(parseInteger('-9223372036854775809', 64), undefined);
    assert.deepEqual(parseInteger('2147483648', 32), { value: 2147483647, clamped: true });
    assert.deepEqual(parseInteger('0x80000000', 32), { value: 2147483647, clamped: true });
    assert.deepEqual(parseInteger('-2147483649', 32), { value: -2147483648, clamped: true });
    assert.deepEqual(parseInteger('99999999999999999999', 32), { value: 2147483647, clamped: true });
    assert.deepEqual(parseInteger('-99999999999999999999', 32), { value: -2147483648, clamped: true });
  });

  it('reads memory sizes with each of WSL’s uppercase units as powers of 1024', () => {
    const cases: [string, bigint, string][] = [
      ['512', 512n, ''],
      ['512B', 512n, 'B'],
      ['2K', 2048n, 'K'],
      ['2KB', 2048n, 'KB'],
      ['3M', 3n << 20n, 'M'],
      ['3MB', 3n << 20n, 'MB'],
      ['4G', 4n << 30n, 'G'],
      ['4GB', 4n << 30n, 'GB'],
      ['1T', 1n << 40n, 'T'],
      ['1TB', 1n << 40n, 'TB'],
      ['0', 0n, ''],
      ['0GB', 0n, 'GB'],
    ];
    for (const [text, size, unit] of cases) assert.deepEqual(parseMemorySize(text), { bytes: size, unit }, text);
  });

  it('rejects lowercase, spaced, unknown or doubled units and every zero but a bare "0"', () => {
    for (const bad of [
      '4gb',
      '4Gb',
      '4 GB',
      '4GBs',
      '4GiB',
      'GB',
      '',
      '4P',
      '4BB',
      '00',
      ' 0',
      '+0',
      '-0',
      ' 0GB',
      '00GB',
    ])
      assert.equal(parseMemorySize(bad), undefined, JSON.stringify(bad));
  });

  it('takes leading blanks and a sign as strtoull does, wrapping negatives around 2^64', () => {
    assert.deepEqual(parseMemorySize(' \t4GB'), { bytes: 4n << 30n, unit: 'GB' });
    assert.deepEqual(parseMemorySize('+4GB'), { bytes: 4n << 30n, unit: 'GB' });
    assert.deepEqual(parseMemorySize('-1'), { bytes: MAX64, unit: '' });
    assert.deepEqual(parseMemorySize('-2'), { bytes: MAX64 - 1n, unit: '' });
    assert.deepEqual(parseMemorySize('-1K'), { bytes: (MAX64 * 1024n) & MAX64, unit: 'K' });
  });

  it('saturates a number past 2^64 - 1 and wraps the unit product to 64 bits', () => {
    assert.deepEqual(parseMemorySize('18446744073709551615'), { bytes: MAX64, unit: '' });
    assert.deepEqual(parseMemorySize('99999999999999999999999'), { bytes: MAX64, unit: '' });
    assert.deepEqual(parseMemorySize('18446744073709551616B'), { bytes: MAX64, unit: 'B' });
    assert.deepEqual(parseMemorySize('17179869184G'), { bytes: 0n, unit: 'G' });
    assert.deepEqual(parseMemorySize('17179869185G'), { bytes: 1n << 30n, unit: 'G' });
  });

  it('reads IPv4 addresses as inet_pton: four parts 0-255 without leading zeros', () => {
    for (const good of ['0.0.0.0', '192.168.1.1', '255.255.255.255', '10.0.99.100'])
      assert.equal(parseIPv4(good), good);
    for (const bad of [
      '1.2.3',
      '1.2.3.4.5',
      '256.0.0.1',
      '1.2.3.256',
      '01.2.3.4',
      '1.2.3.1000',
      '',
      'a.b.c.d',
      '1..2.3',
      ' 1.2.3.4',
      '1.2.3.4 ',
    ])
      assert.equal(parseIPv4(bad), undefined, bad);
  });

  it('reads MAC addresses with one separator, colon or dash, throughout', () => {
    assert.equal(parseMacAddress('00:15:5d:AB:cd:01'), '00:15:5d:AB:cd:01');
    assert.equal(parseMacAddress('00-15-5D-ab-CD-01'), '00-15-5D-ab-CD-01');
    for (const bad of [
      '00:15-5d:ab:cd:01',
      '00:15:5d:ab:cd',
      '00:15:5d:ab:cd:01:02',
      '0:15:5d:ab:cd:01',
      'x00:15:5d:ab:cd:01',
      '00:15:5d:ab:cd:01x',
      '00:15:5g:ab:cd:01',
      '001:5:5d:ab:cd:01',
      '00.15.5d.ab.cd.01',
    ])
      assert.equal(parseMacAddress(bad), undefined, bad);
  });

  it('reads ignoredPorts as std::stoi per comma item, skipping empty items, ports 1..65535', () => {
    assert.deepEqual(parsePortList('22,,3000-3010, 80,0,65535,65536,+8080,-1,http'), [
      { text: '22', offset: 0, port: 22, truncated: false },
      { text: '3000-3010', offset: 4, port: 3000, truncated: true },
      { text: ' 80', offset: 14, port: 80, truncated: false },
      { text: '0', offset: 18, port: undefined, truncated: false },
      { text: '65535', offset: 20, port: 65535, truncated: false },
      { text: '65536', offset: 26, port: undefined, truncated: false },
      { text: '+8080', offset: 32, port: 8080, truncated: false },
      { text: '-1', offset: 38, port: undefined, truncated: false },
      { text: 'http', offset: 41, port: undefined, truncated: false },
    ]);
    assert.deepEqual(parsePortList(''), []);
    assert.deepEqual(parsePortList('\t1 '), [{ text: '\t1 ', offset: 0, port: 1, truncated: true }]);
  });

  it('matches enum names case-insensitively and lists them sorted case-insensitively', () => {
    assert.equal(matchEnum('MIRRORED', ['nat', 'mirrored']), 'mirrored');
    assert.equal(matchEnum('Nat', ['NAT', 'mirrored']), 'NAT');
    assert.equal(matchEnum('mirror', ['nat', 'mirrored']), undefined);
    assert.equal(
      validValuesList(['virtioproxy', 'Mirrored', 'nat', 'bridged', 'None']),
      'bridged, Mirrored, nat, None, virtioproxy',
    );
    assert.equal(validValuesList(['b', 'A', 'a', 'B']), 'A, a, b, B');
    const names = ['z', 'y'];
    validValuesList(names);
    assert.deepEqual(names, ['z', 'y'], 'the caller’s list is left in its order');
  });

  it('cleans a hostname as WSL does', () => {
    assert.equal(cleanHostname('my_host!name'), 'myhostname');
    assert.equal(cleanHostname('a.b.c'), 'a.bc');
    assert.equal(cleanHostname('.-a'), 'a');
    assert.equal(cleanHostname('a-.b'), 'a-b');
    assert.equal(cleanHostname('a.-b'), 'a.b');
    assert.equal(cleanHostname('a--b'), 'a-b');
    assert.equal(cleanHostname('a.-.b'), 'a.b');
    assert.equal(cleanHostname('host-'), 'host');
    assert.equal(cleanHostname('host.'), 'host');
    assert.equal(cleanHostname('host-.'), 'host');
    assert.equal(cleanHostname(''), 'localhost');
    assert.equal(cleanHostname('___'), 'localhost');
    assert.equal(cleanHostname('é'), 'localhost');
    assert.equal(cleanHostname('x'.repeat(70)), 'x'.repeat(64));
    assert.equal(cleanHostname(`${'x'.repeat(63)}-y`), 'x'.repeat(63));
  });
});

describe('encoding: the bytes a config file is read from and written back as', () => {
  it('recognises each byte order mark and reports it', () => {
    assert.deepEqual(decodeConfigBytes(bytes(0xef, 0xbb, 0xbf, 0x61)), { text: 'a', encoding: 'utf8bom' });
    assert.deepEqual(decodeConfigBytes(bytes(0xef, 0xbb, 0xbf, 0x61), { keepUtf8Bom: true }), {
      text: '\ufeffa',
      encoding: 'utf8bom',
    });
    assert.deepEqual(decodeConfigBytes(bytes(0xff, 0xfe, 0x61, 0x00)), { text: 'a', encoding: 'utf16le' });
    assert.deepEqual(decodeConfigBytes(bytes(0xfe, 0xff, 0x00, 0x61)), { text: 'a', encoding: 'utf16be' });
  });

  it('takes a partial BOM as ordinary UTF-8', () => {
    assert.equal(decodeConfigBytes(bytes(0xef, 0xbb, 0x61)).encoding, 'utf8');
    assert.equal(decodeConfigBytes(bytes(0xef, 0x61, 0xbf)).encoding, 'utf8');
    assert.equal(decodeConfigBytes(bytes(0x61, 0xbb, 0xbf)).encoding, 'utf8');
    assert.equal(decodeConfigBytes(bytes(0xff, 0x61)).encoding, 'utf8');
    assert.equal(decodeConfigBytes(bytes(0x61, 0xfe)).encoding, 'utf8');
    assert.equal(decodeConfigBytes(bytes(0xfe, 0x61)).encoding, 'utf8');
    assert.equal(decodeConfigBytes(bytes(0x61, 0xff)).encoding, 'utf8');
    assert.deepEqual(decodeConfigBytes(bytes()), { text: '', encoding: 'utf8' });
  });

  it('recognises UTF-16LE without a BOM by its NUL high bytes, tolerating a few other characters', () => {
    const ascii = utf16le('[wsl2]\nmemory=4GB\n');
    assert.deepEqual(decodeConfigBytes(ascii), { text: '[wsl2]\nmemory=4GB\n', encoding: 'utf16le-nobom' });
    // 9 of 10 code units with a NUL high byte: still UTF-16; 8 of 10: no longer.
    assert.equal(decodeConfigBytes(utf16le('abcdefghi\u4e2d')).encoding, 'utf16le-nobom');
    assert.equal(decodeConfigBytes(utf16le('abcdefgh\u4e2d\u4e2d')).encoding, 'utf8');
    // NUL low bytes (code units like U+0100) on 1 of 10: still UTF-16; on 1 of 9... (U+0100 = 00 01)
    assert.equal(decodeConfigBytes(utf16le('abcdefghi\u0100')).encoding, 'utf8');
    assert.equal(decodeConfigBytes(utf16le('abcdefghijklmnopqrs\u0100')).encoding, 'utf16le-nobom');
    assert.equal(decodeConfigBytes(utf16le('a')).encoding, 'utf16le-nobom');
    assert.equal(decodeConfigBytes(bytes(0x61)).encoding, 'utf8');
    assert.equal(decodeConfigBytes(bytes(0x61, 0x00, 0x62)).encoding, 'utf8');
    assert.equal(decodeConfigBytes(bytes(0x00, 0x00)).encoding, 'utf8');
  });

  it('judges a large UTF-16 file by its first 4 KiB, where the settings are', () => {
    const text = `${'#'.repeat(2048)}\n${'\u4e2d'.repeat(4096)}`;
    assert.deepEqual(decodeConfigBytes(utf16le(text)), { text, encoding: 'utf16le-nobom' });
  });

  it('writes each encoding with exactly one BOM where it has one', () => {
    assert.equal(hex(encodeConfigText('a', 'utf8')), '61');
    assert.equal(hex(encodeConfigText('\ufeffa', 'utf8')), 'efbbbf61');
    assert.equal(hex(encodeConfigText('a', 'utf8bom')), 'efbbbf61');
    assert.equal(hex(encodeConfigText('\ufeffa', 'utf8bom')), 'efbbbf61');
    assert.equal(hex(encodeConfigText('a', 'utf16le')), 'fffe6100');
    assert.equal(hex(encodeConfigText('\ufeffa', 'utf16le')), 'fffe6100');
    assert.equal(hex(encodeConfigText('a', 'utf16le-nobom')), '6100');
    assert.equal(hex(encodeConfigText('\ufeffa', 'utf16le-nobom')), '6100');
    assert.equal(hex(encodeConfigText('a\u00e9\ud83d\ude00', 'utf16be')), 'feff006100e9d83dde00');
    assert.equal(hex(encodeConfigText('\ufeffa', 'utf16be')), 'feff0061');
    assert.equal(hex(encodeConfigText('', 'utf16be')), 'feff');
  });

  it('round-trips text through every encoding', () => {
    const text = '[wsl2]\r\nmemory=4GB # é 😀\n';
    for (const encoding of ['utf8', 'utf8bom', 'utf16le', 'utf16be', 'utf16le-nobom'] as FileEncoding[]) {
      const decoded = decodeConfigBytes(encodeConfigText(text, encoding));
      assert.equal(decoded.text, text, encoding);
      assert.equal(decoded.encoding, encoding === 'utf16le-nobom' ? 'utf16le-nobom' : encoding, encoding);
    }
  });

  it('says what WSL makes of a file in an encoding it does not read as an editor shows it', () => {
    assert.match(
      encodingProblem('utf16le-nobom', 'wslconfig') ?? '',
      /UTF-16 without a byte order mark.*Save it as UTF-8/,
    );
    assert.match(encodingProblem('utf16be', 'wslconfig') ?? '', /big-endian.*Save it as UTF-8/);
    assert.equal(encodingProblem('utf16le', 'wslconfig'), undefined);
    assert.equal(encodingProblem('utf8bom', 'wslconfig'), undefined);
    assert.equal(encodingProblem('utf8', 'wslconfig'), undefined);
    for (const kind of ['wslconf', 'wsldistribution'] as const) {
      for (const encoding of ['utf16le', 'utf16be', 'utf16le-nobom'] as FileEncoding[])
        assert.match(
          encodingProblem(encoding, kind) ?? '',
          /in UTF-16 it is ignored entirely\. Save it as UTF-8 without BOM/,
        );
      assert.equal(encodingProblem('utf8', kind), undefined);
      assert.equal(encodingProblem('utf8bom', kind), undefined);
    }
  });
});

describe('encoding.spliceConfigBytes: only the changed lines are re-encoded', () => {
  const splice = (data: Uint8Array, encoding: FileEncoding, edit: (text: string) => string): Uint8Array | undefined => {
    const { text } = decodeConfigBytes(data);
    return spliceConfigBytes(data, encoding, text, edit(text));
  };

  it('keeps invalid UTF-8 bytes on lines the edit did not touch', () => {
    const before = Buffer.concat([
      Buffer.from('[wsl2]\nkernel=C:\\'),
      Buffer.from([0xe9]),
      Buffer.from('\\k\nmemory=4GB\n'),
    ]);
    const after = splice(before, 'utf8', (t) => t.replace('4GB', '8GB'));
    assert.equal(hex(after!), hex(Buffer.concat([before.subarray(0, before.length - 4), Buffer.from('8GB\n')])));
  });

  it('keeps the invalid bytes also on the last line when the file has no final line break', () => {
    const before = Buffer.concat([Buffer.from('memory=4GB\n# '), Buffer.from([0xff, 0xfe, 0xfd])]);
    const after = splice(before, 'utf8', (t) => t.replace('4GB', '2GB'));
    assert.equal(hex(after!), hex(Buffer.concat([Buffer.from('memory=2GB\n# '), Buffer.from([0xff, 0xfe, 0xfd])])));
  });

  it('keeps the UTF-8 BOM and CRLF line ends', () => {
    const before = Buffer.from('\ufeff[wsl2]\r\nmemory=4GB\r\nswap=0\r\n');
    const after = splice(before, 'utf8bom', (t) => t.replace('4GB', '6GB'));
    assert.equal(hex(after!), hex(Buffer.from('\ufeff[wsl2]\r\nmemory=6GB\r\nswap=0\r\n')));
  });

  it('splits lines on LF only, so a lone CR stays inside its line', () => {
    const before = Buffer.concat([
      Buffer.from('a=1\rb=\xff'.replace('\xff', '')),
      Buffer.from([0xff]),
      Buffer.from('\nc=3\n'),
    ]);
    const after = splice(before, 'utf8', (t) => t.replace('c=3', 'c=4'));
    assert.equal(hex(after!), hex(Buffer.concat([before.subarray(0, before.length - 2), Buffer.from('4\n')])));
  });

  it('splices UTF-16LE with and without BOM and UTF-16BE in their code units', () => {
    for (const [encoding, prefix, encode] of [
      ['utf16le', 'fffe', utf16le],
      ['utf16le-nobom', '', utf16le],
      ['utf16be', 'feff', utf16be],
    ] as const) {
      const before = Uint8Array.from([...Buffer.from(prefix, 'hex'), ...encode('[wsl2]\nmemory=4GB\n\u0a0a=1\n')]);
      const after = splice(before, encoding, (t) => t.replace('4GB', '8GB'));
      assert.equal(hex(after!), prefix + hex(encode('[wsl2]\nmemory=8GB\n\u0a0a=1\n')), encoding);
    }
  });

  it('keeps a truncated last UTF-16 code unit that no edit touched', () => {
    const before = Uint8Array.from([0xff, 0xfe, ...utf16le('a=1\nb=2\n'), 0x41]);
    const after = splice(before, 'utf16le', (t) => t.replace('a=1', 'a=5'));
    assert.equal(hex(after!), `fffe${hex(utf16le('a=5\nb=2\n'))}41`);
  });

  it('inserts, appends and deletes whole lines', () => {
    const before = Buffer.from('a=1\nb=2\nc=3\n');
    assert.equal(Buffer.from(splice(before, 'utf8', (t) => t.replace('b=2\n', ''))!).toString(), 'a=1\nc=3\n');
    assert.equal(
      Buffer.from(splice(before, 'utf8', (t) => t.replace('b=2\n', 'b=2\nx=9\n'))!).toString(),
      'a=1\nb=2\nx=9\nc=3\n',
    );
    assert.equal(Buffer.from(splice(before, 'utf8', (t) => `${t}d=4`)!).toString(), 'a=1\nb=2\nc=3\nd=4');
    assert.equal(Buffer.from(splice(before, 'utf8', () => '')!).toString(), '');
    assert.equal(Buffer.from(splice(Buffer.from('a\na\na\n'), 'utf8', () => 'a\na\n')!).toString(), 'a\na\n');
    assert.equal(Buffer.from(splice(Buffer.from('a\na\n'), 'utf8', () => 'a\na\na\n')!).toString(), 'a\na\na\n');
    assert.equal(hex(spliceConfigBytes(bytes(), 'utf8', '', 'x=1\n')!), hex(Buffer.from('x=1\n')));
  });

  it('refuses when the text given is not what the bytes decode to', () => {
    assert.equal(spliceConfigBytes(Buffer.from('a=1\n'), 'utf8', 'a=2\n', 'a=3\n'), undefined);
  });
});

describe('textEdits: edits as offsets into the original text', () => {
  it('applies edits given in any order, an insertion before a replacement at the same offset', () => {
    assert.equal(
      applyOffsetEdits('abcdef', [
        { start: 4, end: 6, newText: 'X' },
        { start: 0, end: 1, newText: '' },
        { start: 2, end: 2, newText: '+' },
        { start: 2, end: 3, newText: 'C' },
      ]),
      'b+CdX',
    );
    assert.equal(
      applyOffsetEdits('ab', [
        { start: 1, end: 2, newText: 'B' },
        { start: 1, end: 1, newText: '1' },
        { start: 1, end: 1, newText: '2' },
      ]),
      'a12B',
    );
  });

  it('sorts stably by offset with insertions first', () => {
    const a = { start: 3, end: 5, newText: 'a' };
    const b = { start: 3, end: 3, newText: 'b' };
    const c = { start: 1, end: 2, newText: 'c' };
    const d = { start: 3, end: 3, newText: 'd' };
    assert.deepEqual(sortEdits([a, b, c, d]), [c, b, d, a]);
    assert.deepEqual(sortEdits([d, a, b]), [d, b, a]);
  });

  it('accepts edits that touch end to start and at the very end, and refuses the rest', () => {
    assert.equal(
      applyOffsetEdits('abc', [
        { start: 0, end: 1, newText: 'x' },
        { start: 1, end: 3, newText: 'y' },
      ]),
      'xy',
    );
    assert.equal(applyOffsetEdits('abc', [{ start: 3, end: 3, newText: '!' }]), 'abc!');
    assert.equal(applyOffsetEdits('abc', []), 'abc');
    assert.throws(() => applyOffsetEdits('abc', [{ start: -1, end: 0, newText: '' }]), RangeError);
    assert.throws(() => applyOffsetEdits('abc', [{ start: 2, end: 1, newText: '' }]), RangeError);
    assert.throws(() => applyOffsetEdits('abc', [{ start: 3, end: 4, newText: '' }]), /outside the text/);
    assert.throws(
      () =>
        applyOffsetEdits('abc', [
          { start: 0, end: 2, newText: '' },
          { start: 1, end: 3, newText: '' },
        ]),
      /overlapping edits at 1/,
    );
  });

  it('finds the one replacement covering exactly where two texts differ', () => {
    assert.equal(minimalReplacement('same', 'same'), undefined);
    assert.deepEqual(minimalReplacement('memory=4GB\n', 'memory=16GB\n'), { start: 7, end: 8, newText: '16' });
    assert.deepEqual(minimalReplacement('aa', 'aaa'), { start: 2, end: 2, newText: 'a' });
    assert.deepEqual(minimalReplacement('aaa', 'aa'), { start: 2, end: 3, newText: '' });
    assert.deepEqual(minimalReplacement('abc', 'xbc'), { start: 0, end: 1, newText: 'x' });
    assert.deepEqual(minimalReplacement('abc', 'abx'), { start: 2, end: 3, newText: 'x' });
    assert.deepEqual(minimalReplacement('', 'x'), { start: 0, end: 0, newText: 'x' });
    assert.deepEqual(minimalReplacement('abab', 'ab'), { start: 2, end: 4, newText: '' });
  });
});

describe('configEdits: minimal edits keep the file’s own style', () => {
  const set = (text: string, section: string, key: string, value: string): string =>
    applyTextEdits(text, setKey(text, 'wslconfig', section, key, value));

  it('takes the line ending from the first line break', () => {
    assert.equal(detectLineEnding('a\r\nb\n'), '\r\n');
    assert.equal(detectLineEnding('a\nb\r\n'), '\n');
    assert.equal(detectLineEnding('\nb\r\n'), '\n');
    assert.equal(detectLineEnding('\r\n'), '\r\n');
    assert.equal(detectLineEnding('abc'), '\n');
    assert.equal(detectLineEnding('abc', '\r\n'), '\r\n');
    assert.equal(detectLineEnding('a\rb'), '\n');
  });

  it('writes plain values bare and quotes the rest so WSL reads them back', () => {
    assert.equal(formatConfigValue('C:/a.b_c:d,e=f+g@h-i'), 'C:/a.b_c:d,e=f+g@h-i');
    assert.equal(formatConfigValue(''), '');
    assert.equal(formatConfigValue('C:\\Temp'), '"C:\\\\Temp"');
    assert.equal(formatConfigValue('say "hi"'), '"say \\"hi\\""');
    assert.equal(formatConfigValue('a b'), '"a b"');
    assert.equal(formatConfigValue('a#b'), '"a#b"');
    for (const bad of ['a\nb', 'a\rb', 'a\0b']) assert.throws(() => formatConfigValue(bad), /line breaks/);
  });

  it('appends a new section as its own block, whatever the end of the file looks like', () => {
    assert.equal(set('', 'wsl2', 'memory', '4GB'), '[wsl2]\nmemory=4GB\n');
    assert.equal(set('# x', 'wsl2', 'memory', '4GB'), '# x\n\n[wsl2]\nmemory=4GB');
    assert.equal(set('# x\n', 'wsl2', 'memory', '4GB'), '# x\n\n[wsl2]\nmemory=4GB\n');
    assert.equal(set('# x\n\n', 'wsl2', 'memory', '4GB'), '# x\n\n[wsl2]\nmemory=4GB\n');
    assert.equal(set('# x\n \t\n', 'wsl2', 'memory', '4GB'), '# x\n \t\n[wsl2]\nmemory=4GB\n');
    assert.equal(set('# x\r\n\r\n', 'wsl2', 'memory', '4GB'), '# x\r\n\r\n[wsl2]\r\nmemory=4GB\r\n');
    assert.equal(set('# x\r\n', 'wsl2', 'memory', '4GB'), '# x\r\n\r\n[wsl2]\r\nmemory=4GB\r\n');
    assert.equal(set('# x\r', 'wsl2', 'memory', '4GB'), '# x\r\n[wsl2]\nmemory=4GB\n');
  });

  it('uses the given line ending for a file that has none yet', () => {
    assert.equal(
      applyTextEdits('', setKey('', 'wslconfig', 'wsl2', 'memory', '4GB', { defaultEol: '\r\n' })),
      '[wsl2]\r\nmemory=4GB\r\n',
    );
  });

  it('inserts after the last entry of the section, past its comment, before the next section', () => {
    assert.equal(
      set('[wsl2]\nswap=0 # none\n\n[experimental]\n', 'wsl2', 'memory', '4GB'),
      '[wsl2]\nswap=0 # none\nmemory=4GB\n\n[experimental]\n',
    );
    assert.equal(set('[wsl2] # mine\n[x]\n', 'wsl2', 'memory', '4GB'), '[wsl2] # mine\nmemory=4GB\n[x]\n');
    assert.equal(set('[wsl2]\r\nswap=0\r\n', 'wsl2', 'memory', '4GB'), '[wsl2]\r\nswap=0\r\nmemory=4GB\r\n');
    assert.equal(set('[wsl2]\nswap=0', 'wsl2', 'memory', '4GB'), '[wsl2]\nswap=0\nmemory=4GB');
    assert.equal(set('[wsl2]\nswap=0\r[x]\n', 'wsl2', 'memory', '4GB'), '[wsl2]\nswap=0\nmemory=4GB\r[x]\n');
  });

  it('removes a whole line with its break, whichever break it is', () => {
    const remove = (text: string): string => applyTextEdits(text, removeKey(text, 'wslconfig', 'wsl2', 'memory'));
    assert.equal(remove('[wsl2]\nmemory=4GB\nswap=0\n'), '[wsl2]\nswap=0\n');
    assert.equal(remove('[wsl2]\r\nmemory=4GB\r\nswap=0\r\n'), '[wsl2]\r\nswap=0\r\n');
    assert.equal(remove('[wsl2]\rmemory=4GB\rswap=0\r'), '[wsl2]\rswap=0\r');
    assert.equal(remove('[wsl2]\nmemory=4GB # big\nswap=0\n'), '[wsl2]\nswap=0\n');
    assert.equal(remove('[wsl2]\nmemory=4GB'), '[wsl2]');
    assert.equal(remove('[wsl2]\r\nmemory=4GB'), '[wsl2]');
    assert.equal(remove('[wsl2]\rmemory=4GB'), '[wsl2]');
    assert.equal(remove('[wsl2]\n  memory=4GB\n'), '[wsl2]\n');
    assert.equal(remove('[wsl2]\nswap=0\n'), '[wsl2]\nswap=0\n');
  });

  it('comments out every occurrence, adding the note only where the line has no comment', () => {
    const out = (text: string, note?: string): string =>
      applyTextEdits(text, commentOutKey(text, 'wslconfig', 'wsl2', 'memory', note));
    assert.equal(
      out('[wsl2]\nmemory=4GB\nmemory=2GB # old\n', 'why'),
      '[wsl2]\n# memory=4GB  # why\n# memory=2GB # old\n',
    );
    assert.equal(out('[wsl2]\nmemory=4GB\n'), '[wsl2]\n# memory=4GB\n');
    assert.equal(out('[wsl2]\nmemory=4GB\n', ''), '[wsl2]\n# memory=4GB  # \n');
    assert.throws(() => out('[wsl2]\nmemory=4GB\n', 'a\nb'), /line breaks/);
    assert.throws(() => out('[wsl2]\nmemory=4GB\n', 'a\rb'), /line breaks/);
  });
});

describe('LineIndex: offsets and LSP positions, line breaks as VS Code splits them', () => {
  it('starts a line after LF, CRLF and a lone CR', () => {
    assert.deepEqual(new LineIndex('a\nb\r\nc\rd').lineStarts, [0, 2, 5, 7]);
    assert.deepEqual(new LineIndex('\r\r\n\n').lineStarts, [0, 1, 3, 4]);
    assert.deepEqual(new LineIndex('').lineStarts, [0]);
    assert.equal(new LineIndex('a\r').lineCount, 2);
    assert.equal(new LineIndex('a\r\n').lineCount, 2);
  });

  it('converts offsets to positions at line starts and ends, clamping outside the text', () => {
    const index = new LineIndex('ab\r\ncd\ne');
    const at = (offset: number): [number, number] => {
      const p = index.positionAt(offset);
      return [p.line, p.character];
    };
    assert.deepEqual([-5, 0, 1, 2, 3, 4, 5, 6, 7, 8, 99].map(at), [
      [0, 0],
      [0, 0],
      [0, 1],
      [0, 2],
      [0, 3],
      [1, 0],
      [1, 1],
      [1, 2],
      [2, 0],
      [2, 1],
      [2, 1],
    ]);
    const many = new LineIndex('a\nb\nc\nd\ne\nf\n');
    for (let line = 0; line < many.lineCount; line++) {
      assert.equal(many.lineOf(line * 2), line);
      if (line > 0) assert.equal(many.lineOf(line * 2 - 1), line - 1);
    }
  });

  it('converts positions to offsets, never into or past a line break', () => {
    const index = new LineIndex('ab\r\ncd\ne');
    assert.equal(index.offsetAt({ line: 0, character: 1 }), 1);
    assert.equal(index.offsetAt({ line: 0, character: 99 }), 2);
    assert.equal(index.offsetAt({ line: 1, character: -3 }), 4);
    assert.equal(index.offsetAt({ line: 1, character: 2 }), 6);
    assert.equal(index.offsetAt({ line: 2, character: 5 }), 8);
    assert.equal(index.offsetAt({ line: 3, character: 0 }), 8);
    assert.equal(index.offsetAt({ line: -1, character: 5 }), 0);
    assert.equal(new LineIndex('a\rb').offsetAt({ line: 0, character: 5 }), 1);
    assert.deepEqual(index.rangeOf(1, 5), { start: { line: 0, character: 1 }, end: { line: 1, character: 1 } });
  });

  it('counts characters in UTF-16 code units, so an emoji is two', () => {
    const index = new LineIndex('😀=1\nx');
    assert.deepEqual(index.positionAt(2), { line: 0, character: 2 });
    assert.equal(index.offsetAt({ line: 0, character: 4 }), 4);
    assert.equal(index.lineText(0), '😀=1');
  });

  it('gives each line’s text without its break', () => {
    const index = new LineIndex('a\r\n\rb\n\nc\r');
    assert.deepEqual(
      Array.from({ length: index.lineCount }, (_, line) => index.lineText(line)),
      ['a', '', 'b', '', 'c', ''],
    );
    assert.equal(new LineIndex('\n').lineEnd(0), 0);
    assert.equal(new LineIndex('\r\n').lineEnd(0), 0);
    assert.equal(new LineIndex('\r\n').lineEnd(1), 2);
  });

  it('reports the first line break of the file, LF when there is none', () => {
    assert.equal(new LineIndex('a\r\nb\n').eol, '\r\n');
    assert.equal(new LineIndex('a\rb\n').eol, '\r');
    assert.equal(new LineIndex('a\nb\r\n').eol, '\n');
    assert.equal(new LineIndex('abc').eol, '\n');
  });

  it('walks the lines from an offset with their content spans', () => {
    assert.deepEqual(
      [...linesFrom('ab\r\ncd\ref\n', 0)],
      [
        { start: 0, end: 2 },
        { start: 4, end: 6 },
        { start: 7, end: 9 },
      ],
    );
    assert.deepEqual(
      [...linesFrom('ab\ncd', 1)],
      [
        { start: 1, end: 2 },
        { start: 3, end: 5 },
      ],
    );
    assert.deepEqual([...linesFrom('ab', 2)], []);
    assert.deepEqual(
      [...linesFrom('\n\n', 0)],
      [
        { start: 0, end: 0 },
        { start: 1, end: 1 },
      ],
    );
  });
});

describe('survivors of the first mutation run', () => {
  it('reads a memory size or a port only from the start of the value, after any strtoull blank', () => {
    assert.equal(parseMemorySize('x4GB'), undefined);
    assert.equal(parseMemorySize('=4GB'), undefined);
    assert.deepEqual(parseMemorySize('\v4GB'), { bytes: 4n << 30n, unit: 'GB' });
    assert.deepEqual(parseMemorySize('V4GB'), undefined);
    assert.deepEqual(parsePortList('x80,\v81,V82'), [
      { text: 'x80', offset: 0, port: undefined, truncated: false },
      { text: '\v81', offset: 4, port: 81, truncated: false },
      { text: 'V82', offset: 8, port: undefined, truncated: false },
    ]);
  });

  it('puts a position on an empty last line at the end of the text, not before its break', () => {
    const index = new LineIndex('a\n');
    assert.equal(index.lineEnd(1), 2);
    assert.equal(index.offsetAt({ line: 1, character: 0 }), 2);
    assert.equal(new LineIndex('a\r').offsetAt({ line: 1, character: 0 }), 2);
  });

  it('takes LF as the file’s line ending when the file starts with a line break', () => {
    assert.equal(detectLineEnding('\nb', '\r\n'), '\n');
  });

  it('edits a key the catalogue does not know where it is written, not another unknown key', () => {
    const text = '[custom]\nbar=1\nfoo=2\n';
    assert.equal(applyTextEdits(text, setKey(text, 'wslconfig', 'custom', 'foo', '3')), '[custom]\nbar=1\nfoo=3\n');
    assert.equal(applyTextEdits(text, setKey(text, 'wslconfig', 'Custom', 'FOO', '4')), '[custom]\nbar=1\nfoo=4\n');
  });

  it('appends after a blank line only when the file ends with one, not when one is earlier', () => {
    const text = '# a\n\n# b\n';
    assert.equal(
      applyTextEdits(text, setKey(text, 'wslconfig', 'wsl2', 'memory', '4GB')),
      '# a\n\n# b\n\n[wsl2]\nmemory=4GB\n',
    );
  });

  it('removes a line with its own break, in files with mixed or blank-line breaks', () => {
    const remove = (text: string): string => applyTextEdits(text, removeKey(text, 'wslconfig', 'wsl2', 'memory'));
    assert.equal(remove('[wsl2]\nmemory=4GB\r\nswap=0\n'), '[wsl2]\nswap=0\n');
    assert.equal(remove('[wsl2]\r\nmemory=4GB\nswap=0\r\n'), '[wsl2]\r\nswap=0\r\n');
    assert.equal(remove('[wsl2]\nmemory=4GB\n\nswap=0\n'), '[wsl2]\n\nswap=0\n');
    assert.equal(remove('[wsl2]\r\rmemory=4GB'), '[wsl2]\r');
    assert.equal(remove('[wsl2]\n\nmemory=4GB'), '[wsl2]\n');
  });

  it('splices an empty UTF-16 file that has only its BOM', () => {
    assert.equal(hex(spliceConfigBytes(bytes(0xff, 0xfe), 'utf16le', '', 'a=1\n')!), `fffe${hex(utf16le('a=1\n'))}`);
    assert.equal(hex(spliceConfigBytes(bytes(0xfe, 0xff), 'utf16be', '', 'a=1\n')!), `feff${hex(utf16be('a=1\n'))}`);
  });

  it('refuses an edit that starts before the text as outside it, not as an overlap', () => {
    assert.throws(() => applyOffsetEdits('abc', [{ start: -1, end: 0, newText: '' }]), /edit -1-0 is outside the text/);
  });

  it('keeps a U+FEFF that starts a line inside the file, as the file has it', () => {
    const before = Buffer.from('a=1\n\ufeffb=2\n');
    const after = spliceConfigBytes(before, 'utf8', 'a=1\n\ufeffb=2\n', 'a=5\n\ufeffb=2\n');
    assert.equal(hex(after!), hex(Buffer.from('a=5\n\ufeffb=2\n')));
    const doubled = Buffer.from('\ufeff\ufeffa=1\n');
    assert.equal(
      hex(spliceConfigBytes(doubled, 'utf8bom', '\ufeffa=1\n', '\ufeffa=2\n')!),
      hex(Buffer.from('\ufeff\ufeffa=2\n')),
    );
  });

  it('re-encodes several changed lines in a row as they are, one after the other', () => {
    const after = spliceConfigBytes(Buffer.from('a=1\nb=2\nc=3\n'), 'utf8', 'a=1\nb=2\nc=3\n', 'a=5\nb=6\nc=3\n');
    assert.equal(Buffer.from(after!).toString(), 'a=5\nb=6\nc=3\n');
  });

  it('adds no note to a value continued on the next line, where it would land inside the value', () => {
    const text = '[wsl2]\nkernelCommandLine=a \\\nb\nswap=0\n';
    assert.equal(
      applyTextEdits(text, commentOutKey(text, 'wslconfig', 'wsl2', 'kernelCommandLine', 'n')),
      '[wsl2]\n# kernelCommandLine=a \\\nb\nswap=0\n',
    );
  });
});
