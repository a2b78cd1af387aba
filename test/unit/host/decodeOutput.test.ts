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
});
