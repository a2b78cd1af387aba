// Minimal edits of .wslconfig text (server/src/core/configEdits.ts): what changes is exactly the
// value, the inserted line or the removed line; line endings, comments and the final-newline
// state stay as they were. Each result is re-parsed with the analyzer to check WSL's reading.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/core/analyzer';
import {
  applyTextEdits,
  commentOutKey,
  detectLineEnding,
  formatConfigValue,
  removeKey,
  setKey,
} from '../../server/src/core/configEdits';
import { decodeConfigBytes, encodeConfigText } from '../../server/src/core/encoding';

const set = (text: string, section: string, key: string, value: string): string =>
  applyTextEdits(text, setKey(text, 'wslconfig', section, key, value));
const mode = (text: string): string => analyze(text, 'wslconfig').settings.networkingMode;

describe('configEdits.setKey', () => {
  it('replaces only the value span of an existing key', () => {
    const text = '# my settings\n[wsl2]\nmemory=4GB\nnetworkingMode = NAT   # was nat\nswap=0\n';
    const edits = setKey(text, 'wslconfig', 'wsl2', 'networkingMode', 'mirrored');
    assert.equal(edits.length, 1);
    assert.equal(text.slice(edits[0]!.start, edits[0]!.end), 'NAT');
    assert.equal(
      applyTextEdits(text, edits),
      '# my settings\n[wsl2]\nmemory=4GB\nnetworkingMode = mirrored   # was nat\nswap=0\n',
    );
  });

  it('changes the FIRST occurrence, which is the one WSL uses', () => {
    const text = '[wsl2]\nnetworkingMode=bridged\nnetworkingMode=nat\n';
    const result = set(text, 'wsl2', 'networkingMode', 'mirrored');
    assert.equal(result, '[wsl2]\nnetworkingMode=mirrored\nnetworkingMode=nat\n');
    assert.equal(mode(result), 'mirrored');
  });

  it('treats the [experimental] alias as the same setting', () => {
    const text = '[experimental]\nnetworkingMode=mirrored\n\n[wsl2]\nmemory=8GB\n';
    const result = set(text, 'wsl2', 'networkingMode', 'nat');
    assert.equal(result, '[experimental]\nnetworkingMode=nat\n\n[wsl2]\nmemory=8GB\n');
    assert.equal(mode(result), 'nat');
  });

  it('matches keys and sections case-insensitively', () => {
    assert.equal(
      set('[WSL2]\nNETWORKINGMODE=nat\n', 'wsl2', 'networkingMode', 'mirrored'),
      '[WSL2]\nNETWORKINGMODE=mirrored\n',
    );
  });

  it('returns no edit when the value is already written that way', () => {
    assert.deepEqual(
      setKey('[wsl2]\nnetworkingMode=mirrored\n', 'wslconfig', 'wsl2', 'networkingMode', 'mirrored'),
      [],
    );
  });

  it('fills an empty value', () => {
    const result = set('[wsl2]\nnetworkingMode=\n', 'wsl2', 'networkingMode', 'mirrored');
    assert.equal(result, '[wsl2]\nnetworkingMode=mirrored\n');
  });

  it('inserts under the existing section after its last entry', () => {
    const text = '[wsl2]\nmemory=4GB\nprocessors=2\n# about experimental\n\n[experimental]\nsparseVhd=true\n';
    const result = set(text, 'wsl2', 'networkingMode', 'mirrored');
    assert.equal(
      result,
      '[wsl2]\nmemory=4GB\nprocessors=2\nnetworkingMode=mirrored\n# about experimental\n\n[experimental]\nsparseVhd=true\n',
    );
    assert.equal(mode(result), 'mirrored');
  });

  it('inserts right after a header that has no entries yet', () => {
    assert.equal(
      set('[wsl2]\n\n[experimental]\n', 'wsl2', 'networkingMode', 'nat'),
      '[wsl2]\nnetworkingMode=nat\n\n[experimental]\n',
    );
  });

  it('keeps the trailing comment of the last entry on its line', () => {
    assert.equal(set('[wsl2]\nmemory=4GB # half\n', 'wsl2', 'swap', '0'), '[wsl2]\nmemory=4GB # half\nswap=0\n');
  });

  it('appends a new section block at the end, keeping a missing final newline missing', () => {
    assert.equal(
      set('[experimental]\nsparseVhd=true', 'wsl2', 'networkingMode', 'mirrored'),
      '[experimental]\nsparseVhd=true\n\n[wsl2]\nnetworkingMode=mirrored',
    );
    assert.equal(
      set('[experimental]\nsparseVhd=true\n', 'wsl2', 'networkingMode', 'mirrored'),
      '[experimental]\nsparseVhd=true\n\n[wsl2]\nnetworkingMode=mirrored\n',
    );
    assert.equal(
      set('# only a comment\n\n', 'wsl2', 'networkingMode', 'mirrored'),
      '# only a comment\n\n[wsl2]\nnetworkingMode=mirrored\n',
    );
    assert.equal(set('', 'wsl2', 'networkingMode', 'mirrored'), '[wsl2]\nnetworkingMode=mirrored\n');
  });

  it('keeps CRLF line endings', () => {
    const text = '[wsl2]\r\nmemory=4GB\r\n';
    assert.equal(detectLineEnding(text), '\r\n');
    assert.equal(
      set(text, 'wsl2', 'networkingMode', 'mirrored'),
      '[wsl2]\r\nmemory=4GB\r\nnetworkingMode=mirrored\r\n',
    );
    assert.equal(
      set('[experimental]\r\nsparseVhd=true\r\n', 'wsl2', 'networkingMode', 'nat'),
      '[experimental]\r\nsparseVhd=true\r\n\r\n[wsl2]\r\nnetworkingMode=nat\r\n',
    );
  });

  it('round-trips a UTF-8 BOM and UTF-16 file byte for byte apart from the value', () => {
    const original = '[wsl2]\r\n# Kommentar: Größe\r\nnetworkingMode=nat\r\n';
    for (const encoding of ['utf8bom', 'utf16le'] as const) {
      const bytes = encodeConfigText(original, encoding);
      const decoded = decodeConfigBytes(bytes);
      assert.equal(decoded.encoding, encoding);
      const written = encodeConfigText(set(decoded.text, 'wsl2', 'networkingMode', 'mirrored'), decoded.encoding);
      const expected = encodeConfigText(original.replace('networkingMode=nat', 'networkingMode=mirrored'), encoding);
      assert.deepEqual(Buffer.from(written), Buffer.from(expected));
    }
  });

  it('quotes values WSL would otherwise cut or unescape', () => {
    assert.equal(formatConfigValue('mirrored'), 'mirrored');
    assert.equal(formatConfigValue('C:/wsl/kernel'), 'C:/wsl/kernel');
    assert.equal(formatConfigValue('a # b'), '"a # b"');
    assert.equal(formatConfigValue('C:\\temp\\bzImage'), '"C:\\\\temp\\\\bzImage"');
    assert.throws(() => formatConfigValue('a\nb'));
    const text = set('[wsl2]\n', 'wsl2', 'kernel', 'C:\\temp\\bzImage');
    assert.equal(analyze(text, 'wslconfig').settings.value('wsl2', 'kernel'), 'C:\\temp\\bzImage');
  });
});

describe('configEdits.removeKey', () => {
  it('removes every line that sets the key, aliases included, and nothing else', () => {
    const text = '[wsl2]\nlocalhostForwarding=true # fwd\nmemory=4GB\n# keep me\nLOCALHOSTFORWARDING=false\n';
    assert.equal(
      applyTextEdits(text, removeKey(text, 'wslconfig', 'wsl2', 'localhostForwarding')),
      '[wsl2]\nmemory=4GB\n# keep me\n',
    );
  });

  it('removes the last line without leaving a blank line, keeping CRLF', () => {
    const text = '[experimental]\r\nsparseVhd=true\r\nhostAddressLoopback=true';
    assert.equal(
      applyTextEdits(text, removeKey(text, 'wslconfig', 'experimental', 'hostAddressLoopback')),
      '[experimental]\r\nsparseVhd=true',
    );
  });

  it('returns no edits when the key is absent', () => {
    assert.deepEqual(removeKey('[wsl2]\nmemory=4GB\n', 'wslconfig', 'experimental', 'ignoredPorts'), []);
  });
});

describe('configEdits.commentOutKey', () => {
  it('prefixes the key with "# " so WSL ignores it and the value is kept', () => {
    const text = '[experimental]\nhostAddressLoopback=true\nignoredPorts=3000 # dev\n';
    const result = applyTextEdits(text, [
      ...commentOutKey(text, 'wslconfig', 'experimental', 'hostAddressLoopback', 'mirrored only'),
      ...commentOutKey(text, 'wslconfig', 'experimental', 'ignoredPorts', 'mirrored only'),
    ]);
    assert.equal(result, '[experimental]\n# hostAddressLoopback=true  # mirrored only\n# ignoredPorts=3000 # dev\n');
    const settings = analyze(result, 'wslconfig').settings;
    assert.equal(settings.entry('experimental', 'hostAddressLoopback'), undefined);
    assert.equal(settings.entry('experimental', 'ignoredPorts'), undefined);
  });
});
