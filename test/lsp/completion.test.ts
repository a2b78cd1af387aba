/** Completion through the real server: every context, ranking, snippets and the client capability. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CompletionItem, CompletionList } from 'vscode-languageserver-protocol';
import { catalogueIndex, catalogues } from '../../server/src/core/catalogue';
import { applyTextEdits } from './applyTextEdits';
import { languageIdOf, uriFor, withCursor } from './editingHelpers';
import { LspTestClient } from './lspTestClient';

type Kind = 'wslconfig' | 'wslconf' | 'wsldistribution';

const DEPRECATED = 1;

describe('completion', () => {
  let client: LspTestClient;
  before(async () => {
    client = LspTestClient.inProcess();
    const result = await client.initialize({
      textDocument: {
        completion: {
          completionItem: {
            snippetSupport: true,
            documentationFormat: ['markdown'],
            tagSupport: { valueSet: [DEPRECATED] },
          },
        },
      },
    });
    assert.deepEqual(result.capabilities.completionProvider?.triggerCharacters, ['[', '=']);
  });
  after(() => client.dispose());

  async function complete(
    marked: string,
    kind: Kind = 'wslconfig',
    on: LspTestClient = client,
  ): Promise<{ items: CompletionItem[]; text: string }> {
    const { text, position } = withCursor(marked);
    const uri = uriFor(kind);
    await on.open(uri, text, languageIdOf(kind));
    const list = await on.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position });
    return {
      items: [...list.items].sort((a, b) => (a.sortText! < b.sortText! ? -1 : a.sortText! > b.sortText! ? 1 : 0)),
      text,
    };
  }
  const labels = (items: CompletionItem[]): string[] => items.map((i) => i.label);
  const apply = (text: string, item: CompletionItem): string =>
    applyTextEdits(text, [item.textEdit as { range: never; newText: string }]);

  it("offers the file kind's section names after [ and closes the bracket", async () => {
    const { items, text } = await complete('[|');
    assert.deepEqual(labels(items), ['wsl2', 'experimental', 'general']);
    assert.equal(apply(text, items[0]), '[wsl2]');
    const conf = await complete('[a|]\n', 'wslconf');
    assert.deepEqual(new Set(labels(conf.items)), new Set(catalogues.wslconf.sections.map((s) => s.name)));
    const automount = conf.items.find((i) => i.label === 'automount')!;
    assert.equal(
      apply(conf.text, automount),
      '[automount]\n',
      'an existing ] is not doubled, the typed prefix is replaced',
    );
    const distribution = await complete('[|', 'wsldistribution');
    assert.deepEqual(labels(distribution.items), ['oobe', 'shortcut', 'windowsterminal']);
  });

  it('offers [wsl2] keys with a key= snippet holding the example, and nothing from other sections or files', async () => {
    const { items, text } = await complete('[wsl2]\n|');
    const keys = items.filter((i) => i.kind === 10);
    assert.deepEqual(
      new Set(labels(keys)),
      new Set(
        catalogueIndex('wslconfig')
          .keysIn('wsl2')
          .map((k) => k.name),
      ),
    );
    assert.ok(!labels(items).includes('autoMemoryReclaim'), '[experimental]-only key offered in [wsl2]');
    assert.ok(!labels(items).includes('systemd'), 'wsl.conf key offered in .wslconfig');
    const memory = items.find((i) => i.label === 'memory')!;
    assert.equal(memory.insertTextFormat, 2);
    assert.equal((memory.textEdit as { newText: string }).newText, 'memory=${1:4GB}');
    assert.equal(apply(text, memory), '[wsl2]\nmemory=${1:4GB}');
    const kernel = items.find((i) => i.label === 'kernel')!;
    assert.equal(
      (kernel.textEdit as { newText: string }).newText,
      'kernel=${1:C:\\\\\\\\path\\\\\\\\to\\\\\\\\bzImage}',
      'backslashes are escaped for the snippet syntax',
    );
    const doc = memory.documentation as { kind: string; value: string };
    assert.equal(doc.kind, 'markdown');
    assert.match(doc.value, /How much memory/);
    assert.match(doc.value, /\*\*Default:\*\* 50% of physical RAM/);
    assert.match(doc.value, /\*\*Type:\*\* memory size/);
    // Section headers are offered too at the start of a line, after the keys.
    const sections = items.filter((i) => i.kind === 9);
    assert.deepEqual(new Set(labels(sections)), new Set(['[wsl2]', '[experimental]', '[general]']));
    assert.ok(items.indexOf(sections[0]) > items.indexOf(keys[keys.length - 1]));
  });

  it('offers the 10 own [experimental] keys first and the 4 legacy aliases last, marked deprecated', async () => {
    const { items } = await complete('[experimental]\nn|');
    const keys = items.filter((i) => i.kind === 10);
    const own = catalogueIndex('wslconfig')
      .keysIn('experimental')
      .map((k) => k.name);
    assert.equal(own.length, 10);
    assert.deepEqual(labels(keys.slice(0, 10)).sort(), [...own].sort());
    assert.deepEqual(labels(keys.slice(10)).sort(), ['autoProxy', 'dnsTunneling', 'firewall', 'networkingMode']);
    for (const alias of keys.slice(10)) {
      assert.deepEqual(alias.tags, [DEPRECATED], alias.label);
      assert.match(alias.detail ?? '', /prefer \[wsl2\]/);
    }
    assert.ok(!labels(items).includes('memory'), 'memory is not an [experimental] key');
    const typed = items.find((i) => i.label === 'networkingMode')!;
    assert.deepEqual((typed.textEdit as { range: unknown }).range, {
      start: { line: 1, character: 0 },
      end: { line: 1, character: 1 },
    });
  });

  it('offers exactly the [boot] keys in wsl.conf', async () => {
    const { items } = await complete('[boot]\n|\n', 'wslconf');
    assert.deepEqual(labels(items.filter((i) => i.kind === 10)).sort(), [
      'command',
      'initTimeout',
      'protectBinfmt',
      'systemd',
    ]);
  });

  it('offers sections, not keys, before any section header', async () => {
    const { items, text } = await complete('# my settings\n|\n[wsl2]\nmemory=4GB\n');
    assert.ok(items.length > 0);
    assert.ok(
      items.every((i) => i.kind === 9),
      labels(items).join(','),
    );
    assert.deepEqual(new Set(labels(items)), new Set(['[wsl2]', '[experimental]', '[general]']));
    assert.equal(items[items.length - 1].label, '[wsl2]', 'a section already in the file ranks last');
    assert.equal(apply(text, items[0]), '# my settings\n[experimental]\n[wsl2]\nmemory=4GB\n');
  });

  it('ranks keys the file already sets (in any accepted spelling) last', async () => {
    const { items } = await complete('[experimental]\nnetworkingMode=Mirrored\n[wsl2]\nmemory=4GB\n|\n');
    const keys = items.filter((i) => i.kind === 10);
    assert.deepEqual(labels(keys.slice(-2)).sort(), ['memory', 'networkingMode']);
    assert.match(keys.find((i) => i.label === 'memory')!.detail ?? '', /already set on line 4/);
  });

  it('offers networkingMode values in canonical spelling, with VirtioProxy and Bridged deprecated and last', async () => {
    const { items, text } = await complete('[wsl2]\nnetworkingMode = mir| # fast\n');
    assert.deepEqual(labels(items), ['None', 'Nat', 'Mirrored', 'Consomme', 'Bridged', 'VirtioProxy']);
    assert.deepEqual(items.find((i) => i.label === 'VirtioProxy')!.tags, [DEPRECATED]);
    assert.match(items.find((i) => i.label === 'VirtioProxy')!.detail ?? '', /legacy name of Consomme/);
    assert.deepEqual(items.find((i) => i.label === 'Bridged')!.tags, [DEPRECATED]);
    assert.equal(items.find((i) => i.label === 'Mirrored')!.tags, undefined);
    assert.match((items.find((i) => i.label === 'Nat')!.documentation as { value: string }).value, /The default/);
    assert.equal(
      apply(
        text,
        items.find((i) => i.label === 'Mirrored')!,
      ),
      '[wsl2]\nnetworkingMode = Mirrored # fast\n',
    );
  });

  it('offers true and false for booleans', async () => {
    const { items, text } = await complete('[wsl2]\nlocalhostForwarding=|');
    assert.deepEqual(labels(items), ['true', 'false']);
    assert.equal(items[0].detail, 'default');
    assert.equal(apply(text, items[1]), '[wsl2]\nlocalhostForwarding=false');
  });

  it('offers memory sizes with their byte counts', async () => {
    const { items } = await complete('[wsl2]\nmemory=|\n');
    assert.deepEqual(labels(items), ['4GB', '8GB', '16GB', '512MB']);
    assert.equal(items[0].detail, '4,294,967,296 bytes');
  });

  it('offers a port list example for ignoredPorts', async () => {
    const { items } = await complete('[experimental]\nignoredPorts=|\n');
    assert.deepEqual(labels(items), ['3000,9000,9090']);
  });

  it("follows the file's key = value style and only renames when the line already has =", async () => {
    const spaced = await complete('[wsl2]\nswap = 0\nprocessors = 2\nme|\n');
    assert.equal(
      (spaced.items.find((i) => i.label === 'memory')!.textEdit as { newText: string }).newText,
      'memory = ${1:4GB}',
    );
    const renaming = await complete('[wsl2]\nmemr|y=4GB\n');
    const memory = renaming.items.find((i) => i.label === 'memory')!;
    assert.equal(apply(renaming.text, memory), '[wsl2]\nmemory=4GB\n');
    assert.ok(
      renaming.items.every((i) => i.kind === 10),
      'no section headers inside a key=value line',
    );
  });

  it('offers nothing in comments, in front of other text, after an inline comment or under an unknown section', async () => {
    assert.deepEqual((await complete('# [|')).items, []);
    assert.deepEqual((await complete('[wsl2]\nmemory=4GB\n|[experimental]\n')).items, []);
    assert.deepEqual((await complete('[wsl2]\nmemory=4GB # |')).items, []);
    const unknown = await complete('[boot]\n|', 'wslconfig');
    assert.ok(
      unknown.items.every((i) => i.kind === 9),
      'no keys under a section .wslconfig does not have',
    );
  });

  it('inserts plain key= text for a client without snippet support', async () => {
    const plain = LspTestClient.inProcess();
    try {
      await plain.initialize({
        textDocument: { completion: { completionItem: { snippetSupport: false, deprecatedSupport: true } } },
      });
      const { items } = await complete('[wsl2]\n|', 'wslconfig', plain);
      const memory = items.find((i) => i.label === 'memory')!;
      assert.equal(memory.insertTextFormat, 1);
      assert.equal((memory.textEdit as { newText: string }).newText, 'memory=');
      assert.equal((memory.documentation as { kind: string }).kind, 'markdown');
      const values = await complete('[wsl2]\nnetworkingMode=|', 'wslconfig', plain);
      const legacy = values.items.find((i) => i.label === 'VirtioProxy')!;
      assert.equal(legacy.deprecated, true, 'deprecatedSupport without tagSupport uses the deprecated flag');
      assert.equal(legacy.tags, undefined);
    } finally {
      await plain.dispose();
    }
  });
});
