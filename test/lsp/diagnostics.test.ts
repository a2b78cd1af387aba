import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { LspTestClient, REPO_ROOT } from './lspTestClient';

const sample = (id: string, name: string): string =>
  fs.readFileSync(path.join(REPO_ROOT, 'test/fixtures/samples', id, name), 'utf8');
const summary = (diagnostics: Diagnostic[]): string[] =>
  diagnostics
    .filter((d) => d.severity === 1 || d.severity === 2)
    .map(
      (d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.code}`,
    );

describe('LSP diagnostics (in-process server over JSON-RPC streams)', () => {
  let client: LspTestClient;
  before(async () => {
    client = LspTestClient.inProcess();
    const result = await client.initialize();
    assert.equal(result.serverInfo?.name, 'wsl-network');
  });
  after(() => client.dispose());

  it('publishes WSL messages with precise ranges, codes, source and fix data', async () => {
    const diagnostics = await client.open('file:///home/u/.wslconfig', sample('I6', '.wslconfig'));
    const unknown = diagnostics.find((d) => d.code === 'unknown-key')!;
    assert.equal(unknown.source, 'wsl-network');
    assert.equal(unknown.severity, 1);
    assert.deepEqual(unknown.range, { start: { line: 4, character: 0 }, end: { line: 4, character: 18 } });
    assert.equal(unknown.message, "Unknown key 'wsl2.locahostForwarding'. Did you mean 'localhostForwarding'?");
    // The fixes are computed on codeAction, not carried by every diagnostic (see codeActions.test.ts);
    // the range says all a code action needs here (ASCII before it, WSL's line is the editor's + 1).
    assert.equal(unknown.data, undefined);
  });

  it('decides the file kind from the file name before the language id', async () => {
    // wsl.conf opened with the .wslconfig language id is still checked as /etc/wsl.conf.
    const diagnostics = await client.open('file:///etc/wsl.conf', '[wsl2]\nmemory=4GB\n', 'wslconfig');
    assert.deepEqual(
      diagnostics.filter((d) => d.severity === 1).map((d) => d.code),
      ['wrong-file', 'wrong-file'],
    );
    // An untitled document falls back to its language id.
    const untitled = await client.open('untitled:Untitled-1', '[boot]\nsystemd=true\n', 'wslconf');
    assert.deepEqual(summary(untitled), []);
  });

  it('greys out what wsl.conf ignores and updates on edit', async () => {
    const uri = 'file:///etc/wsl.conf';
    const broken = await client.change(uri, sample('I1', 'wsl.conf'));
    const ignored = broken.filter((d) => d.code === 'ignored-after-stop');
    assert.equal(ignored.length, 1);
    assert.deepEqual(ignored[0].tags, [1]);
    assert.equal(ignored[0].range.start.line, 4);
    const fixed = await client.change(uri, sample('I1', 'wsl.conf').replace('; options', '# options'));
    assert.deepEqual(summary(fixed), []);
  });

  it('reports nothing but information on every valid sample', async () => {
    for (const id of ['W1', 'W5', 'W12', 'W19']) {
      assert.deepEqual(
        summary(await client.open(`file:///samples/${id}/.wslconfig`, sample(id, '.wslconfig'))),
        [],
        id,
      );
    }
  });

  it('publishes a removed key as a warning tagged Deprecated, and an unknown key as an error', async () => {
    const diagnostics = await client.open('file:///removed/.wslconfig', '[wsl2]\npageReporting=false\nsparse=true\n');
    const removed = diagnostics.find((d) => d.code === 'removed-key')!;
    assert.equal(removed.severity, 2);
    assert.deepEqual(removed.tags, [2]);
    const unknown = diagnostics.find((d) => d.code === 'unknown-key')!;
    assert.equal(unknown.severity, 1);
    assert.equal(unknown.tags, undefined);
    assert.equal(unknown.message, "Unknown key 'wsl2.sparse'. Did you mean 'sparseVhd' in [experimental]?");
  });

  it("gives WSL's own line number in the message of a CRLF wsl.conf", async () => {
    const diagnostics = await client.open('file:///crlf/wsl.conf', '[boot]\r\nsystemd=true\r\nsytemd=1\r\n');
    const unknown = diagnostics.find((d) => d.code === 'unknown-key')!;
    assert.equal(unknown.range.start.line, 2);
    assert.match(
      unknown.message,
      /WSL's own message gives \/etc\/wsl\.conf:5, because WSL counts every key or section line that ends in CRLF twice\.$/,
    );
    assert.equal((unknown.data as { wslLine: number }).wslLine, 5);
  });

  it('points duplicate keys at the first occurrence', async () => {
    const [duplicate] = (await client.open('file:///dup/.wslconfig', '[wsl2]\nmemory=4GB\nmemory=8GB\n')).filter(
      (d) => d.code === 'duplicate-key',
    );
    assert.equal(duplicate.relatedInformation?.[0].location.range.start.line, 1);
    assert.deepEqual(duplicate.tags, [1]);
  });

  it('honours wslNetwork.validate.enable and the restart notice setting', async () => {
    client.configuration = { wslNetwork: { validate: { enable: false } } };
    await client.notify('workspace/didChangeConfiguration', { settings: {} });
    const uri = 'file:///settings/.wslconfig';
    assert.deepEqual(await client.open(uri, '[wsl2]\nmemory=4gb\n'), []);
    client.configuration = { wslNetwork: { validate: { enable: true }, diagnostics: { restartNotice: false } } };
    const next = client.nextDiagnostics(uri);
    await client.notify('workspace/didChangeConfiguration', { settings: {} });
    assert.deepEqual(
      (await next).map((d) => d.code),
      ['invalid-memory'],
    );
    client.configuration = {};
    await client.notify('workspace/didChangeConfiguration', { settings: {} });
  });

  it('asks for settings once per workspace folder, and again after a change of settings or folders', async () => {
    const folders = LspTestClient.inProcess();
    try {
      const a = { uri: 'file:///work/a', name: 'a' };
      const b = { uri: 'file:///work/b', name: 'b' };
      folders.workspaceFolders = [a, b];
      await folders.initialize(
        { workspace: { configuration: true, workspaceFolders: true } },
        { workspaceFolders: folders.workspaceFolders },
      );
      assert.deepEqual(folders.initializeResult?.capabilities.workspace?.workspaceFolders, {
        supported: true,
        changeNotifications: true,
      });
      folders.configuration = { wslNetwork: { diagnostics: { restartNotice: false } } };
      await folders.open('file:///work/a/one/.wslconfig', '[wsl2]\nmemory=4gb\n');
      await folders.open('file:///work/a/two/.wslconfig', '[wsl2]\nmemory=4gb\n');
      await folders.open('file:///work/b/.wslconfig', '[wsl2]\nmemory=4gb\n');
      await folders.open('file:///elsewhere/.wslconfig', '[wsl2]\nmemory=4gb\n');
      await folders.open('file:///elsewhere/too/wsl.conf', '[boot]\nsystemd=true\n', 'wslconf');
      assert.deepEqual(folders.configurationRequests, [
        'file:///work/a/one/.wslconfig',
        'file:///work/b/.wslconfig',
        'file:///elsewhere/.wslconfig',
      ]);

      // A settings change is asked again per folder, and the answer applies to every file in it.
      folders.configuration = { wslNetwork: { validate: { enable: false } } };
      const cleared = folders.nextDiagnostics('file:///work/a/two/.wslconfig');
      await folders.notify('workspace/didChangeConfiguration', { settings: {} });
      assert.deepEqual(await cleared, []);

      // Folders change: the files of a removed folder fall back to user settings, asked again.
      folders.configurationRequests.length = 0;
      folders.workspaceFolders = [b];
      await folders.notify('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [a] } });
      // Validation stays off, so the diagnostics do not change and are not sent again: wait for the questions instead.
      for (let waited = 0; folders.configurationRequests.length < 2 && waited < 60000; waited += 20)
        await new Promise((r) => setTimeout(r, 20));
      await folders.request('textDocument/hover', {
        textDocument: { uri: 'file:///work/a/one/.wslconfig' },
        position: { line: 0, character: 1 },
      });
      assert.ok(folders.configurationRequests.length >= 2, JSON.stringify(folders.configurationRequests));
      assert.ok(
        folders.configurationRequests.length <= 2,
        `one request per scope (b and outside), got ${JSON.stringify(folders.configurationRequests)}`,
      );
    } finally {
      await folders.dispose();
    }
  });

  it('survives hostile documents: binary, 5 MB, UTF-16 read as text, lone CR, very long lines', async () => {
    const hostile = [
      Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)).toString('latin1'),
      '[wsl2]\nmemory=4GB\n'.repeat(300000),
      Buffer.from('[wsl2]\r\nmemory=4GB\r\n', 'utf16le').toString('latin1'),
      '[wsl2]\rmemory=4GB\rswap=0\r',
      `[wsl2]\nkernelCommandLine=${'a'.repeat(1_000_000)}\n${'x'.repeat(500_000)}\n`,
    ];
    for (const [i, text] of hostile.entries()) {
      const diagnostics = await client.open(`file:///hostile/${i}/.wslconfig`, text);
      assert.ok(Array.isArray(diagnostics));
      const lineCount = text.split(/\r\n|\r|\n/).length;
      for (const d of diagnostics)
        assert.ok(d.range.start.line >= 0 && d.range.end.line < lineCount, `range inside document ${i}`);
    }
  });
});

describe('LSP over stdio (node dist/server.js --stdio)', () => {
  let client: LspTestClient;
  before(async () => {
    client = LspTestClient.stdio();
    await client.initialize();
  });
  after(() => client.dispose());

  it('works for any LSP client as a standalone process', async () => {
    const diagnostics = await client.open('file:///c/Users/me/.wslconfig', sample('W15', '.wslconfig'));
    assert.deepEqual(summary(diagnostics), ['1:7-1:12 invalid-memory']);
    assert.match(
      diagnostics.find((d) => d.code === 'invalid-memory')!.message,
      /^Invalid memory string '1\.5GB' for \.wslconfig entry 'wsl2\.memory'\./,
    );
  });
});
