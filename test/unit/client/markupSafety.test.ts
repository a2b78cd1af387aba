// Text from files and tools never becomes markup: a crafted value in .wslconfig (vmSwitch), a distro
// or process name, or a tool's error message renders literally in the status bar tooltip (trusted
// Markdown with command links), the ports tree tooltips and the Diagnose Port report. The Markdown is
// parsed by a real CommonMark parser (markdown-it, with GFM autolinks on) and every link, image and
// HTML token in the result is checked: only our own command links may appear.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { computeStatus, STATUS_COMMANDS, type StatusInput } from '../../../client/src/model/status';
import { buildPortsTree, type PortsNode } from '../../../client/src/model/portsModel';
import { diagnosePort } from '../../../client/src/model/diagnose';
import { code, md } from '../../../client/src/model/l10n';
import { facts, socket, t } from './support';

interface Token {
  type: string;
  content: string;
  attrs: [string, string][] | null;
  children: Token[] | null;
}
interface MarkdownIt {
  parse(src: string, env: object): Token[];
  renderInline(src: string): string;
}
// markdown-it comes with @vscode/vsce (a devDependency); it is CommonJS without bundled types.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const markdownIt = require('markdown-it') as (options: object) => MarkdownIt;
const parser = markdownIt({ html: true, linkify: true });

const OUR_LINKS = new Set(Object.values(STATUS_COMMANDS).map((id) => `command:${id}`));
const ATTACKS = [
  '[click](command:wslNetwork.restartWsl?%7B%22confirm%22%3Afalse%7D)',
  '![x](https://evil.example/p.png)',
  '<img src=x onerror=alert(1)>',
  '<command:wslNetwork.restartWsl>',
  'see https://evil.example/ and a@evil.example',
  '``x`` [y](command:wslNetwork.applyNetworkingMode)',
  '$(alert) *bold* _em_ ~~gone~~ | a | b |',
  '\n\n# heading\n\n[ref]: command:wslNetwork.restartWsl\n[ref]',
  '- list &amp; &#x41;',
];

function tokensOf(markdown: string): Token[] {
  const all: Token[] = [];
  const walk = (list: Token[]): void => {
    for (const token of list) {
      all.push(token);
      if (token.children) walk(token.children);
    }
  };
  walk(parser.parse(markdown, {}));
  return all;
}

/** Every link, image and HTML token in the rendered Markdown that is not one of our own command links. */
function foreignMarkup(markdown: string): string[] {
  const found: string[] = [];
  for (const token of tokensOf(markdown)) {
    if (token.type === 'link_open') {
      const href = token.attrs?.find(([name]) => name === 'href')?.[1] ?? '';
      if (!OUR_LINKS.has(href)) found.push(`link ${href}`);
    } else if (
      token.type === 'image' ||
      token.type === 'html_inline' ||
      token.type === 'html_block' ||
      token.type === 's_open'
    ) {
      found.push(`${token.type} ${token.content}`);
    }
  }
  return found;
}

/** The text a reader sees (inline text and code), whitespace collapsed. */
function visibleText(markdown: string): string {
  return tokensOf(markdown)
    .filter((token) => token.type === 'text' || token.type === 'code_inline')
    .map((token) => token.content)
    .join('')
    .replace(/\s+/g, ' ');
}

const flat = (value: string): string => value.replace(/\s+/g, ' ').trim();

const NOW = 1_700_000_100_000;
function statusInput(value: string): StatusInput {
  return {
    demo: false,
    available: true,
    distro: value,
    running: true,
    effectiveMode: 'nat',
    config: {
      path: value,
      exists: true,
      mtimeMs: NOW - 180_000, // before WSL started: the fallback reasons (with vmSwitch) are shown
      readError: value,
      summary: { mode: 'bridged', modeExplicit: true, vmSwitch: value },
    },
    vmStart: { notBefore: NOW - 120_000, notAfter: NOW - 120_000, source: 'uptime' },
    version: {
      wslVersion: value,
      kernelVersion: `1.0 ${value}`,
      wslgVersion: '',
      msrdcVersion: '',
      direct3dVersion: '',
      dxcoreVersion: '',
      windowsVersion: value,
      extra: [],
    },
    now: NOW,
    formatTime: () => 'T',
  };
}

describe('markup safety: the status bar tooltip', () => {
  for (const attack of ATTACKS) {
    it(`a crafted vmSwitch / distro / path / error renders literally: ${JSON.stringify(attack)}`, () => {
      const view = computeStatus(statusInput(attack), t);
      assert.deepEqual(foreignMarkup(view.tooltip), [], view.tooltip);
      assert.ok(
        visibleText(view.tooltip).includes(flat(attack)),
        `${flat(attack)} not shown literally in:\n${visibleText(view.tooltip)}`,
      );
      // Our own links are still there.
      assert.ok(
        tokensOf(view.tooltip).some(
          (tk) => tk.type === 'link_open' && tk.attrs?.some(([, v]) => v === `command:${STATUS_COMMANDS.applyMode}`),
        ),
      );
    });
  }

  it('unavailable and stopped tooltips too', () => {
    for (const attack of ATTACKS) {
      const unavailable = computeStatus({ ...statusInput(attack), available: false, unavailableReason: attack }, t);
      assert.deepEqual(foreignMarkup(unavailable.tooltip), []);
      const stopped = computeStatus({ ...statusInput(attack), running: false, effectiveModeError: attack }, t);
      assert.deepEqual(foreignMarkup(stopped.tooltip), []);
      const broken = computeStatus(
        { ...statusInput(attack), effectiveMode: undefined as never, effectiveModeError: attack },
        t,
      );
      assert.deepEqual(foreignMarkup(broken.tooltip), []);
    }
  });
});

describe('markup safety: ports tree tooltips and the Diagnose Port report', () => {
  for (const attack of ATTACKS) {
    it(`a crafted distro and process name render literally: ${JSON.stringify(attack)}`, () => {
      const distro = { name: attack, state: 'Running' as const, version: 2 as const, isDefault: true };
      const f = facts({
        distros: [distro],
        sockets: [{ distro: attack, sockets: [socket(8080, '0.0.0.0', { processName: attack })] }],
        ports: { errors: [attack] },
        extra: { distro: attack, inspectDistro: attack },
      });
      const nodes = buildPortsTree({ facts: f, showWslOnly: true, ruleNamePrefix: 'WSL Network', ledger: [] }, t);
      const all = (list: readonly PortsNode[]): PortsNode[] => list.flatMap((n) => [n, ...all(n.children)]);
      assert.ok(all(nodes).length > 2);
      for (const node of all(nodes)) assert.deepEqual(foreignMarkup(node.tooltip), [], node.tooltip);
      const diagnosis = diagnosePort({ facts: f, port: 8080 }, t);
      assert.deepEqual(foreignMarkup(diagnosis.markdown), [], diagnosis.markdown);
    });
  }
});

describe('md() and code()', () => {
  it('md() keeps the text as the reader sees it', () => {
    for (const attack of ATTACKS) assert.equal(flat(visibleText(md(attack))), flat(attack));
  });

  it('code() survives any run of backticks (no escape from the code span)', () => {
    for (const value of ['a``b', '``', '`start', 'end`', 'x ``` y ` z', '``[l](command:x)``']) {
      const spans = tokensOf(code(value)).filter((tk) => tk.type === 'code_inline');
      assert.equal(spans.length, 1, code(value));
      assert.equal(spans[0]?.content, value);
      assert.deepEqual(foreignMarkup(code(value)), []);
    }
  });
});
