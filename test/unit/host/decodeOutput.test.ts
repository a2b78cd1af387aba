import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decodeOutput, detectOutputEncoding, meaningfulLines } from '../../../client/src/host/decodeOutput';
import { asWslExeWrites, fieldText } from './testSupport';

describe('decodeOutput', () => {
  it('recognises UTF-16LE without BOM as wsl.exe writes it (a real capture re-encoded)', () => {
    const bytes = asWslExeWrites(fieldText('wsl-status.en-US.win11-22621.txt'));
    const decoded = decodeOutput(bytes);
    assert.equal(decoded.encoding, 'utf16le');
    assert.equal(decoded.text, 'Default Distribution: Debian\nDefault Version: 2\n');
  });

  it('recognises UTF-16LE for every field capture of wsl.exe, CJK and Cyrillic included', () => {
    for (const name of [
      'wsl-version.zh-CN.store-2.5.7.win10.txt',
      'wsl-version.ru-RU.store-2.4.11.win11.txt',
      'wsl-version.ja-JP.reconstructed.txt',
      'wsl-list-verbose.ko-KR.no-distros-error-code.reconstructed.txt',
      'wsl-version.zh-TW.store-1.0.3.win11.txt',
      'wsl-version.pt-BR.store-2.5.9.win11.txt',
    ]) {
      assert.deepEqual(
        decodeOutput(asWslExeWrites(fieldText(name))),
        { text: fieldText(name), encoding: 'utf16le' },
        name,
      );
      assert.deepEqual(
        decodeOutput(Buffer.from(fieldText(name).replace(/\n/g, '\r\n'), 'utf8')),
        { text: fieldText(name), encoding: 'utf8' },
        name,
      );
    }
  });

  it('recognises UTF-16LE with a BOM and drops the BOM', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('nat\r\n', 'utf16le')]);
    assert.deepEqual(decodeOutput(bytes), { text: 'nat\n', encoding: 'utf16le' });
  });

  // fr-FR MessageStatusDefaultDistro (localization/strings/fr-FR/Resources.resw) puts a no-break
  // space before the colon; pasted captures lose it, so the text is spelled out here.
  const frenchStatus = 'Distribution par d\u00e9faut\u00a0: Ubuntu-24.04\nVersion par d\u00e9faut\u00a0: 2\n';

  it('keeps UTF-8 (WSL_UTF8=1) and the fr-FR no-break space intact', () => {
    const decoded = decodeOutput(Buffer.from(frenchStatus.replace(/\n/g, '\r\n'), 'utf8'));
    assert.equal(decoded.encoding, 'utf8');
    assert.equal(decoded.text, frenchStatus);
  });

  it('decodes the fr-FR UTF-16 bytes to the same text as the UTF-8 variant', () => {
    assert.equal(decodeOutput(asWslExeWrites(frenchStatus)).text, frenchStatus);
    const real = fieldText('wsl-status.fr-FR.store-1.0.3.win10.txt');
    assert.equal(decodeOutput(asWslExeWrites(real)).text, decodeOutput(Buffer.from(real, 'utf8')).text);
  });

  it('turns \\r\\r\\n (message already ending in CRLF) into a single \\n', () => {
    // PrintSystemError(ERROR_SUCCESS): FormatMessage text already ends in CRLF and the CRT adds \r.
    const bytes = Buffer.from('The operation completed successfully.\r\r\n\r\n', 'utf16le');
    assert.equal(decodeOutput(bytes).text, 'The operation completed successfully.\n\n');
  });

  it('detects UTF-16 for mostly-CJK text that still carries ASCII digits and line breaks', () => {
    const bytes = Buffer.from(
      'WSL \u30d0\u30fc\u30b8\u30e7\u30f3: 2.0.9.0\r\n\u30ab\u30fc\u30cd\u30eb \u30d0\u30fc\u30b8\u30e7\u30f3: 5.15\r\n',
      'utf16le',
    );
    assert.equal(detectOutputEncoding(bytes), 'utf16le');
  });

  it('does not mistake plain ASCII or empty output for UTF-16', () => {
    assert.equal(detectOutputEncoding(Buffer.from('172.23.21.232 \n')), 'utf8');
    assert.equal(detectOutputEncoding(Buffer.alloc(0)), 'utf8');
    assert.equal(detectOutputEncoding(Buffer.from('x')), 'utf8');
  });

  it('ignores a dangling odd byte of truncated UTF-16 output', () => {
    const bytes = Buffer.concat([Buffer.from('Running\r\n', 'utf16le'), Buffer.from([0x41])]);
    assert.equal(decodeOutput(bytes).text, 'Running\n');
  });

  it('honours a forced encoding (raw Linux output is never sniffed)', () => {
    const bytes = Buffer.from('a\u0000b\u0000', 'latin1');
    assert.equal(decodeOutput(bytes, 'utf8').text, 'a\u0000b\u0000');
    assert.equal(decodeOutput(bytes).text, 'ab');
  });

  it('meaningfulLines trims no-break spaces and drops empty lines', () => {
    assert.deepEqual(meaningfulLines('\r\n  a\u00a0\r\n\r\n\tb \n'), ['a', 'b']);
  });
  it('a BOM alone is empty UTF-16 output, not two replacement characters', () => {
    assert.deepEqual(decodeOutput(Buffer.from([0xff, 0xfe])), { text: '', encoding: 'utf16le' });
  });

  it('a UTF-8 BOM is recognised and dropped, the rest kept as UTF-8', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Version WSL\u00a0: 2.3.26.0\r\n')]);
    assert.deepEqual(decodeOutput(bytes), { text: 'Version WSL\u00a0: 2.3.26.0\n', encoding: 'utf8' });
    assert.deepEqual(decodeOutput(Buffer.from([0xef, 0xbb, 0xbf])), { text: '', encoding: 'utf8' });
  });

  it('a single UTF-16 character (wsl.exe writing only a line break) is UTF-16', () => {
    assert.deepEqual(decodeOutput(Buffer.from('\r\n', 'utf16le')), { text: '\n', encoding: 'utf16le' });
    assert.deepEqual(decodeOutput(Buffer.from('2', 'utf16le')), { text: '2', encoding: 'utf16le' });
  });

  it('exactly 30 % ASCII in mostly-CJK UTF-16 output is still UTF-16', () => {
    // 7 CJK characters (no NUL byte) and 3 ASCII ones: 3 of 10 high bytes are NUL.
    const text = '\u7248\u672c\u53f7\u5185\u6838\u7248\u672c: 2';
    assert.equal(text.length, 10);
    assert.equal(decodeOutput(Buffer.from(text, 'utf16le')).text, text);
  });

  it('CJK characters whose low byte is NUL (U+4E00 "one") do not turn UTF-16 into UTF-8', () => {
    // 4 ASCII characters put NUL in 4 high bytes; U+4E00 puts one NUL in a low byte: the 1-in-4 limit.
    const text = '\u4e00 v2\n';
    assert.deepEqual(decodeOutput(Buffer.from(text, 'utf16le')), { text, encoding: 'utf16le' });
  });

  it('reads a view into a larger buffer (a chunk of a pipe read) from its own offset', () => {
    const whole = Buffer.concat([Buffer.from('XXXX'), Buffer.from('Running\r\n', 'utf16le'), Buffer.from('YYYY')]);
    const view = new Uint8Array(whole.buffer, whole.byteOffset + 4, whole.length - 8);
    assert.deepEqual(decodeOutput(view), { text: 'Running\n', encoding: 'utf16le' });
  });

  it('drops every carriage return, not only the first', () => {
    assert.equal(decodeOutput(Buffer.from('a\r\nb\r\nc\r\n')).text, 'a\nb\nc\n');
    assert.deepEqual(meaningfulLines('a\rb\r\n c \r\n'), ['ab', 'c']);
  });

  it('keeps a lone surrogate from a truncated UTF-16 pair as one replacement, not a crash', () => {
    const bytes = Buffer.from([0x41, 0x00, 0x3d, 0xd8, 0x0a, 0x00]);
    const decoded = decodeOutput(bytes);
    assert.equal(decoded.encoding, 'utf16le');
    assert.equal(decoded.text.startsWith('A'), true);
    assert.equal(decoded.text.endsWith('\n'), true);
  });
  it('NUL bytes in the low half of many pairs are not UTF-16LE (UTF-32LE, zero-filled junk)', () => {
    assert.equal(decodeOutput(Buffer.from('A\0\0\0B\0\0\0C\0\0\0', 'latin1')).encoding, 'utf8');
    assert.equal(decodeOutput(Buffer.alloc(8)).encoding, 'utf8');
  });

  it('one stray NUL in longer UTF-8 output does not make it UTF-16', () => {
    const bytes = Buffer.from('a\0' + 'b'.repeat(20), 'latin1');
    assert.deepEqual(decodeOutput(bytes), { text: 'a\0' + 'b'.repeat(20), encoding: 'utf8' });
  });

  it('short UTF-16 output cut after the NUL low byte of its next character stays UTF-16', () => {
    const bytes = Buffer.concat([Buffer.from('2\r\n', 'utf16le'), Buffer.from([0x00])]);
    assert.deepEqual(decodeOutput(bytes), { text: '2\n', encoding: 'utf16le' });
  });
  it('OEM code-page output (cp850: 0xff no-break space, 0xfe block) is not taken for UTF-16 by half a BOM', () => {
    assert.equal(decodeOutput(Buffer.from([0xff, 0x20, 0x31, 0x30])).encoding, 'utf8');
    assert.equal(decodeOutput(Buffer.from([0x31, 0xfe, 0x20, 0x31])).encoding, 'utf8');
  });
});
