/**
 * What each finding of analyze() says and offers, not only that it is found: the message with its
 * explanation and WSL's consequence, the span, and the quick fixes. Until now only the LSP suites
 * checked these, from a child process that mutation testing cannot see into
 * (docs/mutation-survivors-analysis.md); these cases check them in process.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { seen } from './findingView';

const SKIPS = ' WSL skips this line.';
const RESTART_WSLCONFIG = {
  code: 'restart-required',
  severity: 'information',
  message: '.wslconfig changes take effect after `wsl --shutdown`',
};

describe('analyze(): what a syntax finding says and offers', () => {
  it("explains a ';' comment and offers to make it '#'", () => {
    assert.deepEqual(seen(';comment\n', 'wslconfig'), [
      {
        code: 'invalid-key-name',
        severity: 'error',
        message: "Invalid key name. ';' does not start a comment in WSL config files; only '#' does." + SKIPS,
        at: ';',
        fixes: [{ fix: 'semicolon-to-hash', offset: 0 }],
      },
    ]);
  });

  it('says a key name must start with a letter, with no fix', () => {
    assert.deepEqual(seen('[wsl2]\n1abc=2\n', 'wslconfig'), [
      {
        code: 'invalid-key-name',
        severity: 'error',
        message: 'Invalid key name. Key names must start with a letter (A-Z, a-z).' + SKIPS,
        at: '1',
        fixes: [],
      },
    ]);
  });

  it('names a UTF-8 BOM in wsl.conf, where Linux stops reading, and marks every line after it as ignored', () => {
    assert.deepEqual(seen('\ufeff[boot]\nsystemd=true\n', 'wslconf'), [
      {
        code: 'invalid-key-name',
        severity: 'error',
        message:
          'Invalid key name. The file starts with a UTF-8 byte order mark, which WSL reads as part of the first line. Save the file as UTF-8 without BOM. WSL stops reading /etc/wsl.conf here: this line and every line after it are ignored.',
        at: '\ufeff',
        fixes: [],
      },
      {
        code: 'ignored-after-stop',
        severity: 'hint',
        message:
          'Ignored: WSL stopped reading /etc/wsl.conf at line 1 (Invalid key name), so nothing below it takes effect.',
        at: 'systemd=true',
        unnecessary: true,
      },
    ]);
  });

  it('names the character a key may not contain, and ignores every non-blank line after it in wsl.conf', () => {
    const ignored = {
      code: 'ignored-after-stop',
      severity: 'hint',
      message: "Ignored: WSL stopped reading /etc/wsl.conf at line 2 (Expected '='), so nothing below it takes effect.",
      unnecessary: true,
    };
    assert.deepEqual(seen('[boot]\nsys_temd=true\n[network]\nhostname=a\n\n# c\n', 'wslconf'), [
      {
        code: 'expected-equals',
        severity: 'error',
        message:
          "Expected '='. Key names may contain only letters and digits: '_' is not allowed. WSL stops reading /etc/wsl.conf here: this line and every line after it are ignored.",
        at: '_',
        fixes: [],
      },
      { ...ignored, at: '[network]' },
      { ...ignored, at: 'hostname=a' },
      { ...ignored, at: '# c' },
    ]);
  });

  it('asks for a value when a key stands alone, at the end of an LF or a CRLF line', () => {
    const expected = {
      code: 'expected-equals',
      severity: 'error',
      message: "Expected '='. Every key needs a value: write key=value." + SKIPS,
      fixes: [],
    };
    assert.deepEqual(seen('[wsl2]\nmemory\n', 'wslconfig'), [{ ...expected, at: 'memory' }]);
    assert.deepEqual(seen('[wsl2]\nmemory=4GB\r\nfoo\r\n', 'wslconfig'), [
      { ...expected, at: 'foo' },
      { ...RESTART_WSLCONFIG, at: 'wsl2' },
    ]);
  });

  it('gives no explanation for other characters after a key', () => {
    const [finding] = seen('[wsl2]\nmemory:4GB\n', 'wslconfig');
    assert.deepEqual(finding, {
      code: 'expected-equals',
      severity: 'error',
      message: "Expected '='." + SKIPS,
      at: ':',
      fixes: [],
    });
  });

  it('names the character a section name may not contain, and gives no explanation for others', () => {
    assert.deepEqual(seen('[ws l2]\n', 'wslconfig'), [
      {
        code: 'expected-bracket',
        severity: 'error',
        message: "Expected ']'. Section names may contain only letters and digits: ' ' is not allowed." + SKIPS,
        at: ' ',
        fixes: [],
      },
    ]);
    assert.deepEqual(seen('[wsl2:x]\n', 'wslconfig'), [
      { code: 'expected-bracket', severity: 'error', message: "Expected ']'." + SKIPS, at: ':', fixes: [] },
    ]);
  });

  it('says a section name must start with a letter', () => {
    assert.deepEqual(seen('[2wsl]\n', 'wslconfig'), [
      {
        code: 'invalid-section-name',
        severity: 'error',
        message: 'Invalid section name. Section names must start with a letter, right after the [.' + SKIPS,
        at: '2',
        fixes: [],
      },
    ]);
  });

  it("explains text after a section header, offering '#' for a ';' only", () => {
    const message = "Expected ' ' or '\\n'. Only blanks or a '#' comment may follow a section header." + SKIPS;
    assert.deepEqual(seen('[wsl2] ;x\n', 'wslconfig'), [
      { code: 'expected-eol', severity: 'error', message, at: ';', fixes: [{ fix: 'semicolon-to-hash', offset: 7 }] },
    ]);
    assert.deepEqual(seen('[wsl2] x\n', 'wslconfig'), [
      { code: 'expected-eol', severity: 'error', message, at: 'x', fixes: [] },
    ]);
  });

  it('offers to double the backslashes of the whole value, up to its comment and trailing blanks', () => {
    const text = '[wsl2]\nkernel=C:\\temp\\k  # c\n';
    assert.deepEqual(seen(text, 'wslconfig'), [
      {
        code: 'invalid-escape',
        severity: 'error',
        message:
          "Invalid escaped character: 'k'. A backslash starts an escape (\\\\ \\\" \\b \\n \\t). Write '\\\\' for a backslash, or use '/' in paths." +
          SKIPS,
        at: '\\k',
        fixes: [{ fix: 'escape-backslashes', valueSpan: { start: 14, end: 23 } }],
      },
    ]);
    assert.equal(text.slice(14, 23), 'C:\\temp\\k');
  });

  it('explains a quote that is never closed', () => {
    assert.deepEqual(seen('[wsl2]\nkernel="abc\n', 'wslconfig'), [
      {
        code: 'expected-quote',
        severity: 'error',
        message: 'Expected ". This double quote is never closed. Close it, or write \\" for a literal quote.' + SKIPS,
        at: '"',
        fixes: [],
      },
    ]);
  });

  it('says what a lone CR hides in .wslconfig, and offers no fix that would bring the hidden text into effect', () => {
    assert.deepEqual(seen('[wsl2]\n;bad\rmemory=4GB\n', 'wslconfig'), [
      {
        code: 'invalid-key-name',
        severity: 'error',
        message:
          "Invalid key name. ';' does not start a comment in WSL config files; only '#' does. WSL skips this line, and with it the text after the lone carriage return (CR) up to the next line feed.",
        at: ';',
        fixes: [],
      },
    ]);
    // A CR followed only by blanks hides nothing: the fix stays.
    const [plain] = seen('[wsl2]\n;bad\r  \n', 'wslconfig');
    assert.equal(plain.message.endsWith(SKIPS), true, plain.message);
    assert.deepEqual(plain.fixes, [{ fix: 'semicolon-to-hash', offset: 7 }]);
  });
});

describe('analyze(): what a key finding says and offers', () => {
  it('names the current section of a legacy spelling and offers to move the line there', () => {
    const text = '[experimental]\nnetworkingMode=mirrored\n';
    assert.deepEqual(seen(text, 'wslconfig'), [
      {
        code: 'legacy-alias',
        severity: 'information',
        message:
          "'experimental.networkingMode' is the legacy spelling of 'wsl2.networkingMode'. WSL still accepts it; [wsl2] is the current section.",
        at: 'networkingMode',
        fixes: [{ fix: 'move-to-section', section: 'wsl2', entrySpan: { start: 15, end: 38 } }],
      },
      { ...RESTART_WSLCONFIG, at: 'experimental' },
    ]);
    assert.equal(text.slice(15, 38), 'networkingMode=mirrored');
  });
});
