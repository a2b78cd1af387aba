/**
 * Smoke test of the editing features on the bundled server (`node dist/server.js --stdio`, built by
 * `node esbuild.mjs`): completion, hover, a quick fix, fix all, symbols, folding and formatting.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type {
  CodeAction,
  CompletionList,
  DocumentSymbol,
  FoldingRange,
  Hover,
  TextEdit,
} from 'vscode-languageserver-protocol';
import { applyTextEdits, applyWorkspaceEdit } from './applyTextEdits';
import { uriFor } from './editingHelpers';
import { LspTestClient } from './lspTestClient';

describe('editing features over stdio', () => {
  let client: LspTestClient;
  const uri = uriFor('wslconfig');
  const text = 'memory=4gb\n[wsl2]\n  processors = 2  \nnetworkingMode=mirrored\n';

  before(async () => {
    client = LspTestClient.stdio();
    const result = await client.initialize();
    for (const capability of [
      'completionProvider',
      'hoverProvider',
      'codeActionProvider',
      'documentSymbolProvider',
      'foldingRangeProvider',
      'documentFormattingProvider',
    ] as const) {
      assert.ok(result.capabilities[capability], `${capability} missing from the bundled server`);
    }
  });
  after(() => client.dispose());

  it('completes, hovers, fixes, outlines, folds and formats', async () => {
    const diagnostics = await client.open(uri, text);
    const list = await client.request<CompletionList>('textDocument/completion', {
      textDocument: { uri },
      position: { line: 3, character: 15 },
    });
    assert.ok(list.items.some((i) => i.label === 'Mirrored'));

    const hover = await client.request<Hover>('textDocument/hover', {
      textDocument: { uri },
      position: { line: 3, character: 2 },
    });
    assert.match((hover.contents as { value: string }).value, /How the WSL 2 VM is connected/);

    const misplaced = diagnostics.find((d) => d.code === 'key-before-section')!;
    const quick = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: misplaced.range,
      context: { diagnostics: [misplaced], only: ['quickfix'] },
    });
    assert.equal(
      applyWorkspaceEdit(text, quick[0].edit!, uri),
      '[wsl2]\n  processors = 2  \nnetworkingMode=mirrored\nmemory=4gb\n',
    );

    const [fixAll] = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: misplaced.range,
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    assert.equal(
      applyWorkspaceEdit(text, fixAll.edit!, uri),
      '[wsl2]\n  processors = 2  \nnetworkingMode=mirrored\nmemory=4GB\n',
    );

    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.deepEqual(
      symbols.map((s) => s.name),
      ['memory', '[wsl2]'],
    );
    const folds = await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri } });
    assert.deepEqual(folds, [{ startLine: 1, endLine: 3 }]);

    const edits = await client.request<TextEdit[]>('textDocument/formatting', {
      textDocument: { uri },
      options: { tabSize: 2, insertSpaces: true },
    });
    assert.equal(applyTextEdits(text, edits), 'memory=4gb\n[wsl2]\nprocessors=2\nnetworkingMode=mirrored\n');
  });
});
