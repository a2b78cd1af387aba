/**
 * No input takes the server down or stalls it (issue 13), and what other editors need (issue 11):
 * the real server over stdio or in-process streams, driven the way an editor drives it.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { marked } from 'marked';
import type { CodeAction, Diagnostic, DocumentSymbol, FoldingRange, Hover } from 'vscode-languageserver-protocol';
import { MAX_CONFIG_FILE_BYTES } from '../../server/src/core/limits';
import { MAX_SYMBOLS } from '../../server/src/providers/documentSymbolProvider';
import { LspTestClient } from './lspTestClient';

/** The answer to a request, or the error the server answered with. */
async function settle<T>(promise: Promise<T>): Promise<{ result?: T; error?: { code: number; message: string } }> {
  try {
    return { result: await promise };
  } catch (error) {
    return { error: error as { code: number; message: string } };
  }
}

describe('hostile input over stdio: the server answers and stays up', () => {
  let client: LspTestClient;
  before(async () => {
    client = LspTestClient.stdio();
    await client.initialize();
  });
  after(() => client.dispose());

  /** The server is still there: a hover on a small file answers. */
  async function alive(): Promise<void> {
    const uri = `file:///alive/${Math.random()}/.wslconfig`;
    await client.open(uri, '[wsl2]\nmemory=4GB\n');
    const hover = await client.request<Hover | null>('textDocument/hover', {
      textDocument: { uri },
      position: { line: 1, character: 1 },
    });
    assert.ok(hover, 'the server answers a hover');
  }

  for (const [name, languageId] of [
    ['wsl.conf', 'wslconf'],
    ['.wslconfig', 'wslconfig'],
  ]) {
    it(`analyses 126,000 '[s]' lines of ${name} (about 504 KB) without overflowing the stack`, async () => {
      const uri = `file:///deep/${name}`;
      const diagnostics = await client.open(uri, '[s]\n'.repeat(126000), languageId);
      assert.equal(diagnostics.filter((d) => d.code === 'unknown-section').length, 1000);
      assert.equal(diagnostics.at(-1)?.code, 'too-many-problems');
      await alive();
    });
  }

  it('survives a malformed % escape in a URI', async () => {
    const diagnostics = await client.open('file:///home/u/%E0%A4%A/.wslconfig', '[wsl2]\nmemroy=4GB\n');
    assert.deepEqual(
      diagnostics.filter((d) => d.severity === 1).map((d) => d.code),
      ['unknown-key'],
    );
    await alive();
  });

  it('refuses a didOpen whose uri or text is not a string, and a request whose uri is not', async () => {
    await client.notify('textDocument/didOpen', {
      textDocument: { uri: 42, languageId: 'wslconfig', version: 1, text: '[wsl2]\n' },
    });
    await client.notify('textDocument/didOpen', {
      textDocument: { uri: 'file:///bad/.wslconfig', languageId: 'wslconfig', version: 1, text: 42 },
    });
    await client.notify('textDocument/didChange', {
      textDocument: { uri: 'file:///bad/.wslconfig', version: 2 },
      contentChanges: [{ text: null }],
    });
    const answer = await settle(
      client.request('textDocument/hover', { textDocument: { uri: 42 }, position: { line: 0, character: 0 } }),
    );
    assert.equal(answer.error?.code, -32602, 'invalid params');
    const noDocument = await settle(client.request('textDocument/documentSymbol', { textDocument: null }));
    assert.equal(noDocument.error?.code, -32602);
    await alive();
  });
});

describe('size limit (wslNetwork.maxFileSize)', () => {
  let client: LspTestClient;
  before(async () => {
    client = LspTestClient.inProcess();
    await client.initialize();
  });
  after(() => client.dispose());

  const big = (bytes: number): string => {
    const block = '[wsl2]\nmemory=4GB\n# a comment\n# another\n';
    return block.repeat(Math.ceil(bytes / block.length));
  };

  it('past the limit: one diagnostic at line 0 naming the limit and the setting; folding still works; no outline', async () => {
    const uri = 'file:///large/.wslconfig';
    const text = big(MAX_CONFIG_FILE_BYTES + 1024);
    const diagnostics = await client.open(uri, text);
    assert.equal(diagnostics.length, 1);
    const [tooLarge] = diagnostics;
    assert.equal(tooLarge.code, 'file-too-large');
    assert.deepEqual(tooLarge.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    assert.match(tooLarge.message, /too large to analyse/);
    assert.match(tooLarge.message, /wslNetwork\.maxFileSize/);
    assert.match(tooLarge.message, new RegExp(`${MAX_CONFIG_FILE_BYTES} bytes`));
    const folds = await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri } });
    assert.ok(folds.length > 0 && folds.length <= 5000, `folds: ${folds.length}`);
    assert.deepEqual(await client.request('textDocument/documentSymbol', { textDocument: { uri } }), []);
    assert.equal(
      await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 1 } }),
      null,
    );
  });

  it('follows the setting: a lower limit applies to a small file, a higher one lets a large file through with a capped outline', async () => {
    client.configuration = { wslNetwork: { maxFileSize: 10 } };
    await client.notify('workspace/didChangeConfiguration', { settings: {} });
    const small = await client.open('file:///limit/small/.wslconfig', '[wsl2]\nmemory=4GB\n');
    assert.deepEqual(
      small.map((d) => d.code),
      ['file-too-large'],
    );
    assert.match(small[0].message, /\(10 bytes\)/);

    client.configuration = { wslNetwork: { maxFileSize: 64 * 1024 * 1024 } };
    await client.notify('workspace/didChangeConfiguration', { settings: {} });
    const uri = 'file:///limit/large/.wslconfig';
    const text = '[wsl2]\n' + 'kernelCommandLine=quiet\n'.repeat(200000);
    const diagnostics = await client.open(uri, text);
    assert.ok(!diagnostics.some((d) => d.code === 'file-too-large'));
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    const count = symbols.reduce((sum, s) => sum + 1 + (s.children?.length ?? 0), 0);
    assert.equal(count, MAX_SYMBOLS, 'the outline is capped');
    client.configuration = {};
    await client.notify('workspace/didChangeConfiguration', { settings: {} });
  });
});

describe('hover text from the file stays text', () => {
  let client: LspTestClient;
  before(async () => {
    client = LspTestClient.inProcess();
    await client.initialize();
  });
  after(() => client.dispose());

  async function rendered(text: string, position: { line: number; character: number }): Promise<string> {
    const uri = `file:///md/${Math.random()}/.wslconfig`;
    await client.open(uri, text);
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position });
    assert.ok(hover);
    return marked.parse((hover.contents as { value: string }).value, { async: false });
  }

  it('a value with two backticks does not escape its code span (no image, no link)', async () => {
    const value = '``![x](https://attacker.example/a.png)``[link](command:workbench.action.quit)``';
    const html = await rendered(`[wsl2]\nmemory=${value}\n`, { line: 1, character: 9 });
    assert.doesNotMatch(html, /<img|<a /, html);
    assert.ok(html.includes('![x](https://attacker.example/a.png)'), 'the value is shown as typed');
  });

  it("a value quoted in a finding's message is shown literally", async () => {
    // wsl.conf: a DrvFs option written as a key; the message quotes its value.
    const uri = `file:///md/${Math.random()}/wsl.conf`;
    await client.open(uri, '[mounts]\nuid=<img src=x onerror=alert(1)>[a](command:x)\n', 'wslconf');
    const hover = await client.request<Hover | null>('textDocument/hover', {
      textDocument: { uri },
      position: { line: 1, character: 1 },
    });
    assert.ok(hover);
    const value = (hover.contents as { value: string }).value;
    assert.match(value, /is an option inside .*options, not a key/, 'the hover explains the finding');
    const html = marked.parse(value, { async: false });
    assert.doesNotMatch(html, /<img|<a /, html);
  });
});

describe('clients other than VS Code (issue 11)', () => {
  it('honours settings pushed with workspace/didChangeConfiguration by a client that is never asked', async () => {
    const client = LspTestClient.inProcess();
    try {
      await client.initialize({ workspace: { configuration: false } });
      const uri = 'file:///pushed/.wslconfig';
      assert.ok((await client.open(uri, '[wsl2]\nmemory=4gb\n')).some((d) => d.code === 'restart-required'));
      const next = client.nextDiagnostics(uri);
      await client.notify('workspace/didChangeConfiguration', {
        settings: { wslNetwork: { diagnostics: { restartNotice: false } } },
      });
      assert.deepEqual(
        (await next).map((d) => d.code),
        ['invalid-memory'],
      );
      const off = client.nextDiagnostics(uri);
      await client.notify('workspace/didChangeConfiguration', {
        settings: { wslNetwork: { validate: { enable: false } } },
      });
      assert.deepEqual(await off, []);
      assert.equal(client.configurationRequests.length, 0);
    } finally {
      await client.dispose();
    }
  });

  it('answers hover and completion documentation in plain text when the client does not list markdown', async () => {
    const client = LspTestClient.inProcess();
    try {
      await client.initialize({
        textDocument: {
          hover: { contentFormat: ['plaintext'] },
          completion: { completionItem: { documentationFormat: ['plaintext'] } },
        },
      });
      const uri = 'file:///plain/.wslconfig';
      await client.open(uri, '[wsl2]\nmemory=4GB\n\n');
      const hover = await client.request<Hover>('textDocument/hover', {
        textDocument: { uri },
        position: { line: 1, character: 2 },
      });
      const contents = hover.contents as { kind: string; value: string };
      assert.equal(contents.kind, 'plaintext');
      assert.match(contents.value, /^memory in \[wsl2\] of \.wslconfig/);
      assert.doesNotMatch(contents.value, /\*\*|`|\]\(/, contents.value);
      const list = await client.request<{
        items: { label: string; documentation?: { kind: string; value: string } }[];
      }>('textDocument/completion', {
        textDocument: { uri },
        position: { line: 2, character: 0 },
      });
      const documented = list.items.filter((i) => i.documentation);
      assert.ok(documented.length > 0);
      for (const item of documented) {
        assert.equal(item.documentation!.kind, 'plaintext');
        assert.doesNotMatch(item.documentation!.value, /\*\*|`/, item.label);
      }
    } finally {
      await client.dispose();
    }
  });

  it('offers the quick fix when the client echoes the range in byte columns (Neovim 0.7 after non-ASCII text)', async () => {
    const client = LspTestClient.inProcess();
    try {
      await client.initialize();
      const uri = 'file:///bytes/.wslconfig';
      const diagnostics = await client.open(uri, '[wsl2]\nswap=0 # größe é\nmemory=4gb\n');
      const diagnostic = diagnostics.find((d) => d.code === 'invalid-memory')!;
      // The same line, columns as UTF-8 bytes would count them: shifted.
      const echoed: Diagnostic = {
        ...diagnostic,
        range: {
          start: { line: 2, character: diagnostic.range.start.character + 3 },
          end: { line: 2, character: diagnostic.range.end.character + 3 },
        },
      };
      const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri },
        range: echoed.range,
        context: { diagnostics: [echoed], only: ['quickfix'] },
      });
      assert.equal(actions[0]?.title, "Change to '4GB'");
    } finally {
      await client.dispose();
    }
  });
});

describe('edit storms: debounced, superseded work dropped, nothing resent (issue 13, issue 14)', () => {
  it('publishes only the final version after a burst of edits', async () => {
    const client = LspTestClient.inProcess();
    try {
      await client.initialize();
      // A delay long enough that the burst below always arrives within it.
      client.configuration = { wslNetwork: { diagnostics: { delayMs: 3000 } } };
      const uri = 'file:///storm/.wslconfig';
      await client.open(uri, '[wsl2]\nmemory=1GB\n');
      const last = client.nextDiagnostics(uri, 201);
      for (let version = 2; version <= 201; version++) {
        void client.notify('textDocument/didChange', {
          textDocument: { uri, version },
          contentChanges: [{ text: `[wsl2]\nmemory=${version}gb\n` }],
        });
      }
      const diagnostics = await last;
      assert.deepEqual(
        client.published.map((p) => p.version),
        [1, 201],
        'the first open at once, then only the last version of the burst',
      );
      assert.match(diagnostics.find((d) => d.code === 'invalid-memory')!.message, /201gb/);
    } finally {
      await client.dispose();
    }
  });

  it('answers a request the client cancelled as cancelled', async () => {
    const client = LspTestClient.inProcess();
    try {
      await client.initialize();
      const uri = 'file:///cancel/.wslconfig';
      await client.open(uri, '[wsl2]\nmemory=4GB\n');
      // Hold the server's next settings question, so that the hover is certainly still waiting when the cancel arrives.
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let asked!: () => void;
      const questionArrived = new Promise<void>((resolve) => (asked = resolve));
      client.connection.onRequest('workspace/configuration', async (params: { items: unknown[] }) => {
        asked();
        await held;
        return params.items.map(() => null);
      });
      await client.notify('workspace/didChangeConfiguration', { settings: {} });
      await questionArrived;
      const { CancellationTokenSource } = await import('vscode-jsonrpc');
      const source = new CancellationTokenSource();
      const hover = settle(
        client.connection.sendRequest(
          'textDocument/hover',
          { textDocument: { uri }, position: { line: 1, character: 1 } },
          source.token,
        ),
      );
      source.cancel();
      // A round trip after the cancel: the server has read it before the settings come back.
      await client.request('textDocument/foldingRange', { textDocument: { uri } });
      release();
      const answer = await hover;
      assert.equal(answer.error?.code, -32800, 'RequestCancelled');
    } finally {
      await client.dispose();
    }
  });

  it('does not resend diagnostics that did not change', async () => {
    const client = LspTestClient.inProcess();
    const count = (): number => client.published.length;
    try {
      await client.initialize({ workspace: { configuration: false } });
      const uri = 'file:///same/.wslconfig';
      await client.open(uri, '[wsl2]\nmemory=4gb\n');
      assert.equal(count(), 1);
      // A settings change that changes nothing, then one that does: only the second is sent.
      await client.notify('workspace/didChangeConfiguration', {
        settings: { wslNetwork: { format: { enable: false } } },
      });
      const next = client.nextDiagnostics(uri);
      await client.notify('workspace/didChangeConfiguration', {
        settings: { wslNetwork: { diagnostics: { restartNotice: false } } },
      });
      await next;
      assert.equal(count(), 2);
    } finally {
      await client.dispose();
    }
  });

  it('pull diagnostics: a full report with a result id, then unchanged while nothing changed', async () => {
    const client = LspTestClient.inProcess();
    try {
      const result = await client.initialize({ textDocument: { diagnostic: { dynamicRegistration: false } } });
      assert.ok(result.capabilities.diagnosticProvider, 'the server offers pull diagnostics');
      const uri = 'file:///pull/.wslconfig';
      void client.notify('textDocument/didOpen', {
        textDocument: { uri, languageId: 'wslconfig', version: 1, text: '[wsl2]\nmemory=4gb\n' },
      });
      type Report = { kind: string; resultId?: string; items?: Diagnostic[] };
      const first = await client.request<Report>('textDocument/diagnostic', { textDocument: { uri } });
      assert.equal(first.kind, 'full');
      assert.ok(first.items!.some((d) => d.code === 'invalid-memory'));
      const again = await client.request<Report>('textDocument/diagnostic', {
        textDocument: { uri },
        previousResultId: first.resultId,
      });
      assert.deepEqual(again, { kind: 'unchanged', resultId: first.resultId });
      void client.notify('textDocument/didChange', {
        textDocument: { uri, version: 2 },
        contentChanges: [{ text: '[wsl2]\nmemory=4GB\n' }],
      });
      const changed = await client.request<Report>('textDocument/diagnostic', {
        textDocument: { uri },
        previousResultId: first.resultId,
      });
      assert.equal(changed.kind, 'full');
      assert.ok(!changed.items!.some((d) => d.code === 'invalid-memory'));
      assert.equal(client.published.length, 0, 'a pull client gets nothing pushed');
    } finally {
      await client.dispose();
    }
  });
});
