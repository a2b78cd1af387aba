/**
 * Under an edit storm the server answers for the newest text (issue 13), and its diagnostics carry
 * nothing that the range does not already say, while code actions still find every fix (issue 14).
 * The real bundled server over stdio and over Node IPC, its input written as an editor writes it: frame
 * after frame, many to one pipe write, or one IPC message after another.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeAction, Hover } from 'vscode-languageserver-protocol';
import { analyze } from '../../server/src/core/analyzer';
import { fixActions } from '../../server/src/editing/fixes';
import { LineIndex } from '../../server/src/core/lineIndex';
import { LspTestClient } from './lspTestClient';

const frame = (message: object): Buffer => {
  const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
};

for (const transport of ['stdio', 'ipc'] as const) {
  describe(`edit storm over ${transport}: the answer is for the newest text`, () => {
    let client: LspTestClient;
    before(async () => {
      client = transport === 'stdio' ? LspTestClient.stdio() : LspTestClient.ipc();
      await client.initialize();
    });
    after(() => client.dispose());

    it('applies 3,000 incremental edits sent in one go, then answers a hover and publishes for the last of them', async () => {
      const uri = `file:///storm/${transport}/.wslconfig`;
      await client.open(uri, '[wsl2]\nmemory=4GB\n');
      // Each edit types one character of a new line "swap=<n>GB" at the end, or a line break, with CRLF
      // and non-ASCII text among them; the last edits rename the key `memory` to `processors`.
      let text = '[wsl2]\nmemory=4GB\n';
      const messages: object[] = [];
      let version = 1;
      const edit = (line: number, character: number, endCharacter: number, newText: string): void => {
        const lines = new LineIndex(text);
        const start = lines.offsetAt({ line, character });
        const end = lines.offsetAt({ line, character: endCharacter });
        text = text.slice(0, start) + newText + text.slice(end);
        messages.push({
          method: 'textDocument/didChange',
          params: {
            textDocument: { uri, version: ++version },
            contentChanges: [
              { range: { start: { line, character }, end: { line, character: endCharacter } }, text: newText },
            ],
          },
        });
      };
      for (let i = 0; messages.length < 3000; i++) {
        const line = new LineIndex(text).lineCount - 1;
        const typeAtEnd = (typed: string): void => {
          const end = new LineIndex(text).lineText(line).length;
          edit(line, end, end, typed);
        };
        for (const typed of `# é ${i}`) typeAtEnd(typed);
        typeAtEnd(i % 2 ? '\r\n' : '\n');
      }
      edit(1, 0, 6, 'processors');
      const published = client.nextDiagnostics(uri, version);
      // Every edit before the hover: over stdio in one pipe write, over IPC one send each.
      if (transport === 'stdio') client.writeRaw(Buffer.concat(messages.map(frame)));
      else client.sendRaw(messages);
      const answer = await client.request<Hover | null>('textDocument/hover', {
        textDocument: { uri },
        position: { line: 1, character: 3 },
      });
      assert.match(
        (answer!.contents as { value: string }).value,
        /\*\*processors\*\*/,
        'the hover is on the renamed key',
      );
      const diagnostics = await published;
      // The server's text is the client's: its diagnostics are those of the same text opened afresh.
      const fresh = await client.open(`file:///storm/${transport}-fresh/.wslconfig`, text);
      assert.deepEqual(
        diagnostics.map((d) => [d.code, d.range, d.message]),
        fresh.map((d) => [d.code, d.range, d.message]),
      );
      assert.ok(text.includes('processors=4GB') && text.split('\n').length > 100);
    });
  });
}

describe('diagnostics carry no fixes, code actions compute them (issue 14)', () => {
  let client: LspTestClient;
  before(async () => {
    client = LspTestClient.inProcess();
    await client.initialize();
  });
  after(() => client.dispose());

  it('sends no data where the range says it all, and offers for each diagnostic the fixes of its finding', async () => {
    const lines = ['[wsl2]'];
    for (let i = 1; lines.length < 60; i++)
      lines.push(['memroy=4GB', `memory=${i}gb`, `swap=${i}x`, 'networkingMode=Mirrored'][i % 4]);
    const text = `${lines.join('\n')}\n`;
    const uri = 'file:///payload/.wslconfig';
    const diagnostics = await client.open(uri, text);
    assert.ok(diagnostics.length > 40);
    assert.deepEqual(
      diagnostics.filter((d) => d.data !== undefined),
      [],
      'ASCII text, .wslconfig lines as WSL counts them: nothing beyond the range',
    );
    const analysis = analyze(text, 'wslconfig');
    const index = new LineIndex(text);
    for (const diagnostic of diagnostics) {
      const finding = analysis.findings.find(
        (f) =>
          f.code === diagnostic.code &&
          index.positionAt(f.span.start).line === diagnostic.range.start.line &&
          index.positionAt(f.span.start).character === diagnostic.range.start.character,
      )!;
      const expected = fixActions(analysis, finding)
        .filter((action) => action.edits.length > 0)
        .map((action) => action.title);
      const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri },
        range: diagnostic.range,
        context: { diagnostics: [diagnostic], only: ['quickfix'] },
      });
      assert.deepEqual(
        actions.map((action) => action.title),
        expected,
        `${diagnostic.code} on line ${diagnostic.range.start.line}`,
      );
    }
  });

  it('carries the UTF-16 start column where non-ASCII text precedes it on the line', async () => {
    // `\\b` in the kernel command line, after an é: Neovim 0.7 would count that column in bytes.
    const diagnostics = await client.open('file:///payload/utf/.wslconfig', '[wsl2]\nkernelCommandLine=é\\b\n');
    const escape = diagnostics.find((d) => d.code === 'control-escape')!;
    assert.deepEqual(escape.data, { character: 19 });
    assert.equal(escape.range.start.character, 19);
    const unknown = await client.open('file:///payload/utf2/.wslconfig', '[wsl2]\nmemory=4GB # é\né=1\n');
    assert.ok(
      unknown.every((d) => d.data === undefined),
      'nothing before the key on its line',
    );
  });
});
