/**
 * The server's line-array document and the joining of didChange notifications leave exactly the text
 * that the library's TextDocument leaves, for any sequence of edits (line breaks of every kind,
 * non-ASCII text, ranges past the end, reversed ranges, whole-text replacements).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import '../fuzz/fastCheckSeed';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Message, TextDocumentContentChangeEvent } from 'vscode-languageserver/node';
import { LineIndex } from '../../server/src/core/lineIndex';
import { LineDocument } from '../../server/src/lineDocument';
import { joinDocumentChanges } from '../../server/src/coalescingReader';

const piece = fc.constantFrom('a', 'b', 'é', '😀', ' ', '=', '[', '\n', '\r\n', '\r', '');
const text = fc.array(piece, { maxLength: 30 }).map((parts) => parts.join(''));
const position = fc.record({ line: fc.integer({ min: -1, max: 8 }), character: fc.integer({ min: -1, max: 8 }) });
const change: fc.Arbitrary<TextDocumentContentChangeEvent> = fc.oneof(
  { weight: 9, arbitrary: fc.record({ range: fc.record({ start: position, end: position }), text }) },
  { weight: 1, arbitrary: fc.record({ text }) },
);

/** What the library makes of the edits: the reference. */
function reference(initial: string, changes: TextDocumentContentChangeEvent[][]): string {
  let document = TextDocument.create('file:///x/.wslconfig', 'wslconfig', 1, initial);
  // The library computes each range against its own line table, which it patches per edit; a fresh
  // document per step gives the line table a fresh split would, as LineDocument keeps it.
  changes.forEach((batch, i) => {
    for (const one of batch)
      document = TextDocument.update(
        TextDocument.create(document.uri, document.languageId, document.version, document.getText()),
        [one],
        i + 2,
      );
  });
  return document.getText();
}

describe('LineDocument', () => {
  it('leaves the same text as TextDocument after any edits, with positions that agree with LineIndex', () => {
    const batches = fc.array(fc.array(change, { minLength: 1, maxLength: 3 }), { maxLength: 12 });
    fc.assert(
      fc.property(text, batches, (initial, changes) => {
        const document = new LineDocument('file:///x/.wslconfig', 'wslconfig', 1, initial);
        changes.forEach((batch, i) => document.update(batch, i + 2));
        const expected = reference(initial, changes);
        assert.equal(document.getText(), expected);
        assert.equal(document.version, changes.length + 1);
        const index = new LineIndex(expected);
        assert.equal(document.lineCount, index.lineCount);
        for (let offset = 0; offset <= expected.length; offset++)
          assert.deepEqual(document.positionAt(offset), index.positionAt(offset));
      }),
      { numRuns: 2000 },
    );
  });

  it('joins a lone CR and an LF typed after it into one line break', () => {
    const document = new LineDocument('file:///x/.wslconfig', 'wslconfig', 1, 'a\rb');
    document.update([{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: '\n' }], 2);
    assert.equal(document.getText(), 'a\r\nb');
    assert.equal(document.lineCount, 2);
  });

  it('joins a lone CR and the LF left when the text between them is deleted', () => {
    // Found by the property test above (seed 1092261688): "\r\n\ra\n" without its "a".
    const document = new LineDocument('file:///x/.wslconfig', 'wslconfig', 1, '\r\n\ra\n');
    document.update([{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 1 } }, text: '' }], 2);
    assert.equal(document.getText(), '\r\n\r\n');
    assert.equal(document.lineCount, 3);
    assert.deepEqual(document.positionAt(4), { line: 2, character: 0 });
  });

  it('takes a paste of more lines than a function accepts arguments', () => {
    const document = new LineDocument('file:///x/.wslconfig', 'wslconfig', 1, '[wsl2]\nmemory=4GB\n');
    const pasted = '[s]\n'.repeat(200_000);
    document.update([{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: pasted }], 2);
    assert.equal(document.getText(), `[wsl2]\n${pasted}memory=4GB\n`);
    assert.equal(document.lineCount, 200_003);
  });
});

describe('joinDocumentChanges', () => {
  const edit = (uri: string, version: number, text: string): Message =>
    ({
      jsonrpc: '2.0',
      method: 'textDocument/didChange',
      params: { textDocument: { uri, version }, contentChanges: [{ text }] },
    }) as Message;

  it("joins consecutive changes of one document, in order, with the last one's version", () => {
    const hover = { jsonrpc: '2.0', id: 1, method: 'textDocument/hover', params: {} } as Message;
    const joined = joinDocumentChanges([
      edit('file:///a', 2, 'x'),
      edit('file:///a', 3, 'y'),
      edit('file:///b', 2, 'z'),
      edit('file:///a', 4, 'w'),
      hover,
      edit('file:///a', 5, 'v'),
    ]);
    assert.deepEqual(joined, [
      {
        jsonrpc: '2.0',
        method: 'textDocument/didChange',
        params: { textDocument: { uri: 'file:///a', version: 3 }, contentChanges: [{ text: 'x' }, { text: 'y' }] },
      },
      edit('file:///b', 2, 'z'),
      edit('file:///a', 4, 'w'),
      hover,
      edit('file:///a', 5, 'v'),
    ]);
  });

  it('keeps a malformed change apart, so that the well-formed ones around it still apply', () => {
    const malformed = {
      jsonrpc: '2.0',
      method: 'textDocument/didChange',
      params: { textDocument: { uri: 'file:///a', version: 3 }, contentChanges: [{ text: 42 }] },
    } as Message;
    const joined = joinDocumentChanges([edit('file:///a', 2, 'x'), malformed, edit('file:///a', 4, 'y')]);
    assert.equal(joined.length, 3);
  });
});
