/** Hover through the real server: keys, sections, values and unknown keys. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Hover } from 'vscode-languageserver-protocol';
import { catalogues } from '../../server/src/core/catalogue';
import { languageIdOf, uriFor, withCursor } from './editingHelpers';
import { LspTestClient } from './lspTestClient';

type Kind = 'wslconfig' | 'wslconf' | 'wsldistribution';

describe('hover', () => {
  let client: LspTestClient;
  before(async () => {
    client = LspTestClient.inProcess();
    await client.initialize();
  });
  after(() => client.dispose());

  async function hover(marked: string, kind: Kind = 'wslconfig'): Promise<Hover | null> {
    const { text, position } = withCursor(marked);
    const uri = uriFor(kind);
    await client.open(uri, text, languageIdOf(kind));
    return client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position });
  }
  const markdown = (result: Hover | null): string => {
    assert.ok(result, 'no hover');
    const contents = result.contents as { kind: string; value: string };
    assert.equal(contents.kind, 'markdown');
    return contents.value;
  };

  it('explains networkingMode: description, format, default, every mode, version, restart and docs link', async () => {
    const result = await hover('[wsl2]\nnetwork|ingMode=Mirrored\n');
    const text = markdown(result);
    assert.deepEqual(result!.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 14 } });
    assert.match(text, /How the WSL 2 VM is connected to the network/);
    assert.match(text, /\*\*Type:\*\* one of `None`, `Nat`, `Bridged`, `Mirrored`, `Consomme`, `VirtioProxy`/);
    assert.match(text, /\*\*Default:\*\* NAT/);
    for (const value of ['None', 'Nat', 'Bridged', 'Mirrored', 'Consomme', 'VirtioProxy'])
      assert.match(text, new RegExp(`^  - \`${value}\`.*: \\S`, 'm'), value);
    assert.match(text, /`VirtioProxy` \(legacy name of `Consomme`\)/);
    assert.match(text, /`Bridged` \(deprecated since WSL 2\.4\.5\)/);
    assert.match(text, /\*\*Version:\*\* since 2\.0\.0/);
    assert.match(text, /wsl --shutdown/);
    assert.ok(text.includes(`(${catalogues.wslconfig.docsUrl})`));
  });

  it('names the networking modes a mode-specific key applies to, and the legacy alias spelling', async () => {
    assert.match(
      markdown(await hover('[experimental]\nignored|Ports=3000\n')),
      /\*\*Networking modes:\*\* only mirrored/,
    );
    assert.match(
      markdown(await hover('[experimental]\n|firewall=true\n')),
      /Legacy alias: WSL still accepts `experimental\.firewall`; prefer `\[wsl2\]`/,
    );
  });

  it('describes a section and lists its keys', async () => {
    const result = await hover('[exp|erimental]\nsparseVhd=true\n');
    const text = markdown(result);
    assert.deepEqual(result!.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 14 } });
    assert.match(text, /Opt-in previews/);
    assert.match(text, /- `sparseVhd`: boolean/);
    assert.match(text, /- `autoMemoryReclaim`: enum/);
    assert.match(text, /legacy aliases.*`networkingMode` \(prefer \[wsl2\]\)/);
  });

  it('explains the mirrored value: requirements, Hyper-V firewall, docs and known issues', async () => {
    const result = await hover('[wsl2]\nnetworkingMode = mirr|ored # new\n');
    const text = markdown(result);
    assert.deepEqual(result!.range, { start: { line: 1, character: 17 }, end: { line: 1, character: 25 } });
    assert.match(text, /\*\*Mirrored\*\*/);
    assert.match(text, /Windows 11 22H2/);
    assert.match(text, /Hyper-V firewall/);
    assert.ok(text.includes('(https://learn.microsoft.com/windows/wsl/networking#mirrored-mode-networking)'));
    assert.match(text, /\*\*Known issues\*\*/);
    assert.match(text, /Falling back to NAT networking/);
  });

  it('explains a legacy enum value', async () => {
    assert.match(markdown(await hover('[wsl2]\nnetworkingMode=Virtio|Proxy\n')), /Legacy name of `Consomme`/);
  });

  it('shows the byte count WSL computes for a memory size', async () => {
    assert.match(markdown(await hover('[wsl2]\nmemory=4|GB\n')), /`4GB` = \*\*4,294,967,296 bytes\*\* \(4 GiB\)/);
    assert.match(markdown(await hover('[wsl2]\nswap=|8\n')), /8 bytes.*No unit means bytes/);
    assert.match(
      markdown(await hover('[wsl2]\nmemory=4|gb\n')),
      /WSL rejects the memory string `4gb` and keeps the default/,
    );
  });

  it('says what a boolean value does', async () => {
    const text = markdown(await hover('[wsl2]\nlocalhostForwarding=fal|se\n'));
    assert.match(
      text,
      /WSL reads \*\*false\*\*: `localhostForwarding` is turned off \(`true` would turn it on\)\. Default: true\./,
    );
  });

  it('shows the decoded value WSL sees for escapes and quotes', async () => {
    const text = markdown(await hover('[wsl2]\nkernel=C:\\te|mp\\bzImage\n'));
    assert.ok(text.includes('```text\nC:\u2409emp\u2408zImage\n```'), text);
    assert.match(text, /␉ is a TAB; ␈ is a backspace/);
    const quoted = markdown(await hover('[automount]\noptions = "meta|data,uid=1000"\n', 'wslconf'));
    assert.ok(quoted.includes('```text\nmetadata,uid=1000\n```'), quoted);
  });

  it('says a key is unknown and quotes what WSL prints', async () => {
    const text = markdown(await hover('[wsl2]\nfoo|bar=1\n'));
    assert.match(text, /\*\*Unknown key\*\* `wsl2\.foobar`/);
    assert.ok(text.includes("wsl: Unknown key 'wsl2.foobar' in C:\\Users\\<you>\\.wslconfig:2"), text);
    const typo = markdown(await hover('[wsl2]\n\nmemr|oy=4GB\n'));
    assert.match(typo, /Did you mean 'memory'\?/);
    assert.match(typo, /How much memory/, 'the key it probably means is documented');
    const conf = markdown(await hover('[boot]\nsystemd=true\n[wsl2]\nmem|ory=4GB\n', 'wslconf'));
    assert.ok(conf.includes("wsl: Unknown key 'wsl2.memory' in /etc/wsl.conf:4"), conf);
    assert.match(conf, /setting of \.wslconfig, not of \/etc\/wsl\.conf/);
  });

  it('says when WSL stopped reading a Linux file before the hovered line', async () => {
    const text = markdown(await hover('[boot]\n; comment\nsys|temd=true\n', 'wslconf'));
    assert.match(text, /WSL does not read this line: it stops reading \/etc\/wsl\.conf at line 2/);
    assert.match(text, /\*\*systemd\*\*/);
  });

  it('has nothing to say on comments and blank lines', async () => {
    assert.equal(await hover('# mem|ory=4GB\n[wsl2]\n'), null);
    assert.equal(await hover('[wsl2]\n|\n'), null);
  });
});
