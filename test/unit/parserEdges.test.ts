/**
 * Edges of parseConfig() that the analysis part of the mutation run showed no in-process test
 * reached (docs/mutation-survivors-analysis.md): files of more than 64 entries (the entry table
 * grows), every escape WSL accepts, continuations in each mode, where a line that stops WSL ends,
 * and where a comment before a CRLF ends.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfig } from '../../server/src/core/parser';

describe('parseConfig(): edges', () => {
  it('keeps every offset and line of a file with hundreds of entries', () => {
    const lines = ['[a]'];
    for (let i = 0; i < 300; i++) lines.push(`key${i} = value${i}`);
    const text = lines.join('\n') + '\n';
    const parsed = parseConfig(text, 'linux');
    assert.equal(parsed.entries.length, 300);
    for (const [i, entry] of parsed.entries.entries()) {
      assert.equal(entry.key, `key${i}`);
      assert.equal(entry.value, `value${i}`);
      assert.equal(entry.wslLine, i + 2);
      assert.equal(text[entry.equalsOffset], '=');
      assert.equal(text.slice(entry.keySpan.start, entry.keySpan.end), `key${i}`);
      assert.equal(text.slice(entry.valueSpan.start, entry.valueSpan.end), `value${i}`);
    }
  });

  it('applies each escape WSL accepts, and lists where each is', () => {
    const text = '[a]\nk="x\\n\\b\\t\\\\\\"y"\n';
    const [entry] = parseConfig(text, 'linux').entries;
    assert.equal(entry.value, 'x\n\b\t\\"y');
    assert.deepEqual(
      entry.escapes.map((e) => [text.slice(e.offset, e.offset + 2), e.char, e.valid]),
      [
        ['\\n', 'n', true],
        ['\\b', 'b', true],
        ['\\t', 't', true],
        ['\\\\', '\\', true],
        ['\\"', '"', true],
      ],
    );
    assert.deepEqual(entry.quotes, [6, 19]);
  });

  it('continues a value over backslash + LF, and on Windows over backslash + CRLF', () => {
    const [entry] = parseConfig('[a]\nk=a\\\nb\\\r\nc\n', 'windows').entries;
    assert.equal(entry.value, 'abc');
    assert.equal(entry.continuations, 2);
    assert.equal(entry.wslLine, 4);
    assert.deepEqual(entry.escapes, []);
  });

  it('ends a line that stops WSL before its CR, and ignores from the next line on', () => {
    for (const text of ['[a]\n;x\r\nk=1\n', '[a]\n;x\rk=1\n']) {
      const parsed = parseConfig(text, 'linux');
      const invalid = parsed.elements.find((e) => e.kind === 'invalid')!;
      assert.equal(text.slice(invalid.span.start, invalid.span.end), ';x', JSON.stringify(text));
      assert.equal(parsed.stoppedAt, 4);
      assert.equal(text.slice(parsed.ignoredFrom), 'k=1\n', JSON.stringify(text));
    }
  });

  it('ends a skipped Windows line before the CR of its CRLF, and reads on', () => {
    const text = '[a]\n;x\r\nk=1\n';
    const parsed = parseConfig(text, 'windows');
    const invalid = parsed.elements.find((e) => e.kind === 'invalid')!;
    assert.equal(text.slice(invalid.span.start, invalid.span.end), ';x');
    assert.equal(parsed.stoppedAt, undefined);
    assert.deepEqual(
      parsed.entries.map((e) => [e.key, e.wslLine]),
      [['k', 3]],
    );
  });

  it('ends a trailing comment before the CR of its CRLF, but keeps a CR inside it', () => {
    for (const mode of ['linux', 'windows'] as const) {
      const text = '[a]\nk=1 # c\r\nj=2\n';
      const [k, j] = parseConfig(text, mode).entries;
      assert.equal(text.slice(k.comment!.start, k.comment!.end), '# c', mode);
      assert.deepEqual([j.key, j.wslLine], ['j', 3], mode);
    }
    const text = '[a]\nk=1 # c\rx\nj=2\n';
    const [k] = parseConfig(text, 'linux').entries;
    assert.equal(text.slice(k.comment!.start, k.comment!.end), '# c\rx');
  });
});
