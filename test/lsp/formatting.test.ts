/** Document and range formatting through the real server: minimal, idempotent, comment-preserving. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TextEdit } from 'vscode-languageserver-protocol';
import { parseConfig } from '../../server/src/core/parser';
import { applyTextEdits } from './applyTextEdits';
import { languageIdOf, uriFor } from './editingHelpers';
import { LspTestClient } from './lspTestClient';

type Kind = 'wslconfig' | 'wslconf' | 'wsldistribution';
const OPTIONS = { tabSize: 4, insertSpaces: true };

describe('formatting', () => {
  let client: LspTestClient;
  before(async () => {
    client = LspTestClient.inProcess();
    const result = await client.initialize();
    assert.equal(result.capabilities.documentFormattingProvider, true);
    assert.equal(result.capabilities.documentRangeFormattingProvider, true);
  });
  after(() => client.dispose());

  async function format(
    text: string,
    kind: Kind = 'wslconfig',
  ): Promise<{ edits: TextEdit[]; result: string; uri: string }> {
    const uri = uriFor(kind);
    await client.open(uri, text, languageIdOf(kind));
    const edits = await client.request<TextEdit[]>('textDocument/formatting', {
      textDocument: { uri },
      options: OPTIONS,
    });
    return { edits, result: applyTextEdits(text, edits), uri };
  }
  async function formatTwice(text: string, kind: Kind = 'wslconfig'): Promise<string> {
    const first = await format(text, kind);
    const second = await format(first.result, kind);
    assert.deepEqual(second.edits, [], 'formatting the formatted text changes nothing');
    return first.result;
  }
  const values = (text: string, kind: Kind): Record<string, string> =>
    Object.fromEntries(
      parseConfig(text, kind === 'wslconfig' ? 'windows' : 'linux').entries.map((e) => [e.fullName, e.value]),
    );

  it('uses the majority " = " style, removes indentation and trailing blanks, keeps comments', async () => {
    const text =
      '  [wsl2]   # the VM  \nmemory = 4GB\n\tprocessors =  2   \nswap  =   0 # none\n  # indented comment   \n\n[experimental]\nsparseVhd =true\n';
    const result = await formatTwice(text);
    assert.equal(
      result,
      '[wsl2]   # the VM\nmemory = 4GB\nprocessors = 2\nswap = 0 # none\n  # indented comment\n\n[experimental]\nsparseVhd = true\n',
    );
    assert.deepEqual(values(result, 'wslconfig'), values(text, 'wslconfig'));
  });

  it('uses key=value when that is the majority (or a tie)', async () => {
    const result = await formatTwice('[wsl2]\nmemory = 4GB\nprocessors=2\n');
    assert.equal(result, '[wsl2]\nmemory=4GB\nprocessors=2\n');
  });

  it('never touches value contents, quotes, escapes, continuations or comments', async () => {
    const text =
      '[boot]\ncommand = "echo  a"   \noptions=x\\ \nk = a\\\n    continued  \n# keep   this # text\nv = "open  \n';
    const result = await formatTwice(text, 'wslconf');
    // `options=x\ ` is rejected (an invalid escape), so it keeps its spacing: formatting follows the parse.
    assert.equal(
      result,
      '[boot]\ncommand = "echo  a"\noptions=x\\ \nk = a\\\n    continued\n# keep   this # text\nv = "open  \n',
    );
    assert.deepEqual(values(result, 'wslconf'), values(text, 'wslconf'));
  });

  it('leaves a line WSL rejects as typed, except its indentation and trailing blanks', async () => {
    const text = '[wsl2]\n  kernel = C:\\temp\\k  \nmemory=4GB\n  bad.key = 1  \n';
    assert.equal(await formatTwice(text, 'wslconfig'), '[wsl2]\nkernel = C:\\temp\\k\nmemory=4GB\nbad.key = 1\n');
    // The majority style counts only entries WSL reads: the two rejected ` = ` lines do not make it spaced.
    assert.equal(
      await formatTwice('[wsl2]\nkernel = C:\\x\nkernel = C:\\y\nmemory=4GB\n', 'wslconfig'),
      '[wsl2]\nkernel = C:\\x\nkernel = C:\\y\nmemory=4GB\n',
    );
  });

  it('trims a Linux comment only at its end when a lone CR does not end it', async () => {
    // Linux init reads a comment up to LF; the "lines" after a lone CR are inside it.
    const text = '[boot]\n# a  \r  b  \nsystemd=true\n';
    assert.equal(await formatTwice(text, 'wslconf'), '[boot]\n# a  \r  b\nsystemd=true\n');
  });

  it('keeps CRLF line endings and returns minimal edits', async () => {
    const text = '[wsl2]\r\nmemory=4GB  \r\n  swap=0\r\n';
    const { edits, result } = await format(text);
    assert.equal(result, '[wsl2]\r\nmemory=4GB\r\nswap=0\r\n');
    assert.deepEqual(edits, [
      { range: { start: { line: 1, character: 10 }, end: { line: 1, character: 12 } }, newText: '' },
      { range: { start: { line: 2, character: 0 }, end: { line: 2, character: 2 } }, newText: '' },
    ]);
  });

  it('returns no edits for a formatted file', async () => {
    assert.deepEqual((await format('# c\n[wsl2]\nmemory=4GB\n\n[experimental]\nsparseVhd=true # x\n')).edits, []);
  });

  it('formats only the lines of a range', async () => {
    const uri = uriFor('wslconfig');
    const text = '[wsl2]\n  memory=4GB  \n  swap=0  \n  processors=2  \n';
    await client.open(uri, text);
    const edits = await client.request<TextEdit[]>('textDocument/rangeFormatting', {
      textDocument: { uri },
      range: { start: { line: 2, character: 0 }, end: { line: 3, character: 0 } },
      options: OPTIONS,
    });
    assert.equal(applyTextEdits(text, edits), '[wsl2]\n  memory=4GB  \nswap=0\n  processors=2  \n');
  });

  it('returns no edits when formatting is turned off', async () => {
    client.configuration = { wslNetwork: { format: { enable: false } } };
    try {
      assert.deepEqual((await format('[wsl2]\n  memory = 4GB  \n')).edits, []);
    } finally {
      client.configuration = {};
    }
  });
});
