/** Document symbols (outline) and folding ranges through the real server. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { DocumentSymbol, FoldingRange, SymbolInformation } from 'vscode-languageserver-protocol';
import { languageIdOf, uriFor } from './editingHelpers';
import { LspTestClient } from './lspTestClient';

const NAMESPACE = 3;
const PROPERTY = 7;

const TEXT = [
  'memory=4GB', // 0: before any section
  '# VM settings', // 1
  '# second comment line', // 2
  '[wsl2]', // 3
  'processors = 4', // 4
  'networkingMode=Mirrored # fast', // 5
  '', // 6
  '[experimental]', // 7
  '# one', // 8
  '# two', // 9
  '# three', // 10
  'sparseVhd=true', // 11
  '', // 12
  '', // 13
].join('\n');

describe('document symbols', () => {
  let client: LspTestClient;
  before(async () => {
    client = LspTestClient.inProcess();
    await client.initialize();
  });
  after(() => client.dispose());

  const line = (l: number, s: number, el: number, e: number) => ({
    start: { line: l, character: s },
    end: { line: el, character: e },
  });

  it('shows sections as namespaces holding their keys as properties, with the value as detail', async () => {
    const uri = uriFor('wslconfig');
    await client.open(uri, TEXT);
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.deepEqual(
      symbols.map((s) => [s.name, s.kind, s.detail, (s.children ?? []).map((c) => [c.name, c.kind, c.detail])]),
      [
        ['memory', PROPERTY, '4GB (unknown key)', []],
        [
          '[wsl2]',
          NAMESPACE,
          undefined,
          [
            ['processors', PROPERTY, '4'],
            ['networkingMode', PROPERTY, 'Mirrored'],
          ],
        ],
        ['[experimental]', NAMESPACE, undefined, [['sparseVhd', PROPERTY, 'true']]],
      ],
    );
    const wsl2 = symbols[1];
    assert.deepEqual(
      wsl2.range,
      line(3, 0, 5, 30),
      'a section spans from its header to its last key, comment included',
    );
    assert.deepEqual(wsl2.selectionRange, line(3, 1, 3, 5));
    assert.deepEqual(wsl2.children![1].range, line(5, 0, 5, 30));
    assert.deepEqual(wsl2.children![1].selectionRange, line(5, 0, 5, 14));
  });

  it('still lists what follows the line where WSL stops reading a Linux file, marked as not read', async () => {
    const uri = uriFor('wslconf');
    await client.open(uri, '[boot]\nsystemd=true\n; note\n[network]\nhostname=box\n', languageIdOf('wslconf'));
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.deepEqual(
      symbols.map((s) => [s.name, s.detail, (s.children ?? []).map((c) => c.detail)]),
      [
        ['[boot]', undefined, ['true']],
        ['[network]', 'not read by WSL', ['box (not read by WSL)']],
      ],
    );
  });

  it('returns a flat list with container names to clients without hierarchical symbols', async () => {
    const flat = LspTestClient.inProcess();
    try {
      await flat.initialize({ textDocument: { documentSymbol: { hierarchicalDocumentSymbolSupport: false } } });
      const uri = uriFor('wslconfig');
      await flat.open(uri, '[wsl2]\nmemory=4GB\n');
      const symbols = await flat.request<SymbolInformation[]>('textDocument/documentSymbol', { textDocument: { uri } });
      assert.deepEqual(
        symbols.map((s) => [s.name, s.kind, s.containerName]),
        [
          ['[wsl2]', NAMESPACE, undefined],
          ['memory', PROPERTY, '[wsl2]'],
        ],
      );
    } finally {
      await flat.dispose();
    }
  });
});

describe('folding ranges', () => {
  let client: LspTestClient;
  before(async () => {
    client = LspTestClient.inProcess();
    await client.initialize();
  });
  after(() => client.dispose());

  it('folds each section to its last non-blank line and each run of comment lines', async () => {
    const uri = uriFor('wslconfig');
    await client.open(uri, TEXT);
    const ranges = await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri } });
    assert.deepEqual(ranges, [
      { startLine: 1, endLine: 2, kind: 'comment' },
      { startLine: 3, endLine: 5 },
      { startLine: 7, endLine: 11 },
      { startLine: 8, endLine: 10, kind: 'comment' },
    ]);
  });

  it('works on CRLF text and does not fold a single line', async () => {
    const uri = uriFor('wslconfig');
    await client.open(uri, '[wsl2]\r\n[experimental]\r\n# only\r\nsparseVhd=true\r\n');
    const ranges = await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri } });
    assert.deepEqual(ranges, [{ startLine: 1, endLine: 3 }]);
  });
});
