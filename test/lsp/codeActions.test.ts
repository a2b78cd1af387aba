/**
 * Every quick fix through the real server: the returned WorkspaceEdit is applied to the text, the whole
 * result compared exactly, and the result re-opened to check that the targeted diagnostic is gone.
 * Then "Fix all": safe fixes only, one edit, fewer problems and no new error.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { analyze } from '../../server/src/core/analyzer';
import { applyWorkspaceEdit } from './applyTextEdits';
import { countCode, languageIdOf, uriFor } from './editingHelpers';
import { LspTestClient } from './lspTestClient';

type Kind = 'wslconfig' | 'wslconf' | 'wsldistribution';

interface QuickFixCase {
  name: string;
  kind?: Kind;
  text: string;
  /** The diagnostic to fix (the first with this code). */
  code: string;
  /** The title of the action to apply. */
  title: string | RegExp;
  expected: string;
  /** Whether the applied action must be the preferred one. */
  preferred: boolean;
  /** The 0-based line of the diagnostic, when several have the code. */
  line?: number;
}

const CASES: QuickFixCase[] = [
  {
    name: 'renames a misspelled key',
    text: '[wsl2]\nmemroy=4GB # limit\n',
    code: 'unknown-key',
    title: "Change to 'memory'",
    expected: '[wsl2]\nmemory=4GB # limit\n',
    preferred: true,
  },
  {
    name: 'renames a misspelled section',
    text: '[wsl2]\nswap=0\n[experimentl]\nsparseVhd=true\n',
    code: 'unknown-section',
    title: 'Change to [experimental]',
    expected: '[wsl2]\nswap=0\n[experimental]\nsparseVhd=true\n',
    preferred: true,
  },
  {
    name: "renames a misspelled key of another section and moves it there, after the section's last entry",
    text: '[wsl2]\nprocessors=2\n# tuning\nswap=0\n\n[experimental]\nsparseVhd=true\nmemroy=8GB\n',
    code: 'unknown-key',
    title: "Change to 'memory' and move it to [wsl2]",
    expected: '[wsl2]\nprocessors=2\n# tuning\nswap=0\nmemory=8GB\n\n[experimental]\nsparseVhd=true\n',
    preferred: true,
  },
  {
    name: 'moves a key written before any section under its section',
    text: 'memory=4GB # half\n[wsl2]  # vm\n',
    code: 'key-before-section',
    title: "Move 'memory' to [wsl2]",
    expected: '[wsl2]  # vm\nmemory=4GB # half\n',
    preferred: true,
  },
  {
    name: 'moves a key in the wrong section to a new section at the end',
    text: '[wsl2]\nautoMemoryReclaim=Gradual\nmemory=4GB\n',
    code: 'wrong-section',
    title: "Move 'autoMemoryReclaim' to a new [experimental] section",
    expected: '[wsl2]\nmemory=4GB\n\n[experimental]\nautoMemoryReclaim=Gradual\n',
    preferred: true,
  },
  {
    name: 'moves a legacy [experimental] alias to [wsl2], keeping indentation and spacing',
    text: '[wsl2]\n  memory = 4GB\n[experimental]\nnetworkingMode = Mirrored\nsparseVhd = true\n',
    code: 'legacy-alias',
    title: "Move 'networkingMode' to [wsl2]",
    expected: '[wsl2]\n  memory = 4GB\n  networkingMode = Mirrored\n[experimental]\nsparseVhd = true\n',
    preferred: true,
  },
  {
    name: 'moves a legacy alias in front of the [wsl2] duplicate it overrides, so WSL keeps using it',
    text: '[experimental]\nnetworkingMode=Mirrored\n[wsl2]\nmemory=4GB\nnetworkingMode=Nat\n',
    code: 'legacy-alias',
    title: "Move 'networkingMode' to [wsl2]",
    expected: '[experimental]\n[wsl2]\nmemory=4GB\nnetworkingMode=Mirrored\nnetworkingMode=Nat\n',
    preferred: true,
  },
  {
    name: 'doubles unescaped backslashes of a rejected path',
    text: '[wsl2]\nkernel=C:\\Users\\me\\bzImage\n',
    code: 'invalid-escape',
    title: 'Double each backslash (\\ → \\\\)',
    expected: '[wsl2]\nkernel=C:\\\\Users\\\\me\\\\bzImage\n',
    preferred: true,
  },
  {
    name: 'switches the backslashes of a rejected path to /',
    text: '[wsl2]\nswapFile="C:\\Users\\me\\swap.vhdx"\n',
    code: 'invalid-escape',
    title: "Use '/' instead of backslashes",
    expected: '[wsl2]\nswapFile="C:/Users/me/swap.vhdx"\n',
    preferred: false,
  },
  {
    name: 'doubles the backslashes of a path that WSL silently turns into a TAB and a backspace',
    text: '[wsl2]\nkernel=C:\\temp\\bzImage\n',
    code: 'control-escape',
    title: 'Double each backslash (\\ → \\\\)',
    expected: '[wsl2]\nkernel=C:\\\\temp\\\\bzImage\n',
    preferred: true,
  },
  {
    name: "turns a ';' comment into '#' (and WSL reads the lines after it again)",
    kind: 'wslconf',
    text: '[boot]\n; start docker\ncommand=service docker start\n',
    code: 'invalid-key-name',
    title: "Turn ';' into a '#' comment",
    expected: '[boot]\n# start docker\ncommand=service docker start\n',
    preferred: true,
  },
  {
    name: "turns a ';' after a section header into '#'",
    text: '[wsl2] ;vm\nmemory=4GB\n',
    code: 'expected-eol',
    title: "Turn ';' into a '#' comment",
    expected: '[wsl2] #vm\nmemory=4GB\n',
    preferred: true,
  },
  {
    name: 'fixes the unit casing of a memory size',
    text: '[wsl2]\nmemory=8gb\n',
    code: 'invalid-memory',
    title: "Change to '8GB'",
    expected: '[wsl2]\nmemory=8GB\n',
    preferred: true,
  },
  {
    name: 'adds a unit to a unitless memory size',
    text: '[wsl2]\nswap=8\n',
    code: 'unitless-memory',
    title: "Change to '8GB'",
    expected: '[wsl2]\nswap=8GB\n',
    preferred: true,
  },
  {
    name: 'replaces yes by true',
    text: '[wsl2]\nguiApplications=yes\n',
    code: 'invalid-bool',
    title: "Change to 'true'",
    expected: '[wsl2]\nguiApplications=true\n',
    preferred: true,
  },
  {
    name: 'offers both booleans for an unguessable value, neither preferred',
    text: '[wsl2]\nguiApplications=maybe\n',
    code: 'invalid-bool',
    title: "Change to 'false'",
    expected: '[wsl2]\nguiApplications=false\n',
    preferred: false,
  },
  {
    name: 'corrects a misspelled enum value',
    text: '[wsl2]\nnetworkingMode=mirror\n',
    code: 'invalid-enum',
    title: "Change to 'Mirrored'",
    expected: '[wsl2]\nnetworkingMode=Mirrored\n',
    preferred: true,
  },
  {
    name: 'fixes enum casing',
    text: '[experimental]\nautoMemoryReclaim=DROPCACHE\n',
    code: 'enum-casing',
    title: "Change to 'DropCache'",
    expected: '[experimental]\nautoMemoryReclaim=DropCache\n',
    preferred: true,
  },
  {
    name: 'renames the legacy VirtioProxy value',
    text: '[wsl2]\nnetworkingMode=VirtioProxy\n',
    code: 'legacy-value',
    title: "Change to 'Consomme'",
    expected: '[wsl2]\nnetworkingMode=Consomme\n',
    preferred: true,
  },
  {
    name: 'strips the leading zero of an invalid octal integer',
    text: '[wsl2]\nprocessors=08\n',
    code: 'invalid-integer',
    title: "Change to '8'",
    expected: '[wsl2]\nprocessors=8\n',
    preferred: true,
  },
  {
    name: 'makes a decimal umask octal',
    kind: 'wslconf',
    text: '[filesystem]\numask=22\n',
    code: 'umask-decimal',
    title: "Change to '022'",
    expected: '[filesystem]\numask=022\n',
    preferred: true,
  },
  {
    name: 'lists the ports of a range one by one',
    text: '[wsl2]\nnetworkingMode=Mirrored\n[experimental]\nignoredPorts=3000-3002,8080\n',
    code: 'port-range',
    title: 'List ports 3000 to 3002 one by one',
    expected: '[wsl2]\nnetworkingMode=Mirrored\n[experimental]\nignoredPorts=3000,3001,3002,8080\n',
    preferred: true,
  },
  {
    name: 'writes the hostname WSL would use',
    kind: 'wslconf',
    text: '[network]\nhostname=my_host\n',
    code: 'hostname-rewritten',
    title: "Change to 'myhost'",
    expected: '[network]\nhostname=myhost\n',
    preferred: true,
  },
  {
    name: 'removes a duplicate with its comment and line break',
    text: '[wsl2]\nmemory=4GB\nmemory=8GB # try\nswap=0\n',
    code: 'duplicate-key',
    title: "Remove duplicate 'wsl2.memory' (WSL uses the first one)",
    expected: '[wsl2]\nmemory=4GB\nswap=0\n',
    preferred: true,
  },
  {
    name: 'removes a duplicate on the last line without a line break',
    text: '[wsl2]\nmemory=4GB\nmemory=8GB',
    code: 'duplicate-key',
    title: "Remove duplicate 'wsl2.memory' (WSL uses the first one)",
    expected: '[wsl2]\nmemory=4GB',
    preferred: true,
  },
  {
    name: 'removes a key WSL no longer reads',
    text: '[wsl2]\npageReporting=false\nmemory=4GB\n',
    code: 'removed-key',
    title: "Remove 'wsl2.pageReporting' (WSL no longer reads it)",
    expected: '[wsl2]\nmemory=4GB\n',
    preferred: true,
  },
  {
    name: 'removes a key that has no effect in the networking mode',
    text: '[wsl2]\nnetworkingMode=Mirrored\nlocalhostForwarding=true\n',
    code: 'mode-no-effect',
    title: "Remove 'wsl2.localhostForwarding' (it has no effect)",
    expected: '[wsl2]\nnetworkingMode=Mirrored\n',
    preferred: true,
  },
  {
    name: 'removes a DNS setting that has no effect without DNS tunneling',
    text: '[wsl2]\ndnsTunneling=false\n[experimental]\nbestEffortDnsParsing=true\n',
    code: 'dns-tunneling-off',
    title: "Remove 'experimental.bestEffortDnsParsing' (it has no effect)",
    expected: '[wsl2]\ndnsTunneling=false\n[experimental]\n',
    preferred: true,
  },
  {
    name: 'removes virtio9p=true, which WSL always turns off',
    text: '[wsl2]\nvirtio9p=true\n',
    code: 'virtio9p-disabled',
    title: "Remove 'wsl2.virtio9p' (it has no effect)",
    expected: '[wsl2]\n',
    preferred: true,
  },
  {
    name: 'removes an empty path so the default applies',
    text: '[wsl2]\nswapFile=\nswap=4GB\n',
    code: 'empty-value',
    title: "Remove the empty 'wsl2.swapFile' to use the default",
    expected: '[wsl2]\nswap=4GB\n',
    preferred: true,
  },
  {
    name: 'explains that a wsl.conf section in .wslconfig belongs in /etc/wsl.conf and offers to delete it',
    text: '[wsl2]\nmemory=4GB\n[boot]\nsystemd=true # needed\n[experimental]\nsparseVhd=true\n',
    code: 'wrong-file',
    title: 'Remove the [boot] section: it belongs in /etc/wsl.conf, not .wslconfig',
    expected: '[wsl2]\nmemory=4GB\n[experimental]\nsparseVhd=true\n',
    preferred: false,
  },
  {
    name: 'explains that a .wslconfig key in wsl.conf belongs in .wslconfig and offers to delete it',
    kind: 'wslconf',
    text: '[boot]\nsystemd=true\n[wsl2]\nmemory=4GB\n',
    code: 'wrong-file',
    title: "Remove 'wsl2.memory': it belongs in .wslconfig, not /etc/wsl.conf",
    expected: '[boot]\nsystemd=true\n[wsl2]\n',
    preferred: false,
    line: 3,
  },
  {
    name: 'names the file of a wsl.conf key written under [wsl2] in .wslconfig when offering to delete it',
    text: '[wsl2]\nmemory=4GB\nsystemd=true\n',
    code: 'wrong-file',
    title: "Remove 'wsl2.systemd': it belongs in /etc/wsl.conf, not .wslconfig",
    expected: '[wsl2]\nmemory=4GB\n',
    preferred: false,
  },
  {
    name: 'renames a key written by its meaning and moves it to its section',
    text: '[wsl2]\nmemory=4GB\nsparse=true\n[experimental]\nautoMemoryReclaim=gradual\n',
    code: 'unknown-key',
    title: /sparseVhd/,
    expected: '[wsl2]\nmemory=4GB\n[experimental]\nautoMemoryReclaim=gradual\nsparseVhd=true\n',
    preferred: true,
  },
];

describe('quick fixes', () => {
  let client: LspTestClient;
  before(async () => {
    client = LspTestClient.inProcess();
    const result = await client.initialize();
    const provider = result.capabilities.codeActionProvider as { codeActionKinds: string[] };
    assert.deepEqual(provider.codeActionKinds, ['quickfix', 'source.fixAll', 'source.fixAll.wslNetwork']);
  });
  after(() => client.dispose());

  async function actionsFor(uri: string, diagnostic: Diagnostic, only?: string[]): Promise<CodeAction[]> {
    return client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic], ...(only ? { only } : {}) },
    });
  }

  for (const testCase of CASES) {
    it(testCase.name, async () => {
      const kind = testCase.kind ?? 'wslconfig';
      const uri = uriFor(kind);
      const diagnostics = await client.open(uri, testCase.text, languageIdOf(kind));
      const diagnostic = diagnostics.find(
        (d) => d.code === testCase.code && (testCase.line === undefined || d.range.start.line === testCase.line),
      );
      assert.ok(diagnostic, `no ${testCase.code} diagnostic; got ${diagnostics.map((d) => d.code).join(', ')}`);
      const actions = await actionsFor(uri, diagnostic, ['quickfix']);
      const action = actions.find((a) =>
        typeof testCase.title === 'string' ? a.title === testCase.title : testCase.title.test(a.title),
      );
      assert.ok(action, `no action '${testCase.title}'; got ${actions.map((a) => `'${a.title}'`).join(', ')}`);
      assert.equal(action.kind, 'quickfix');
      assert.deepEqual(action.diagnostics, [diagnostic]);
      assert.equal(action.isPreferred === true, testCase.preferred, 'isPreferred');
      assert.ok(actions.filter((a) => a.isPreferred).length <= 1, 'at most one preferred fix per diagnostic');
      const fixed = applyWorkspaceEdit(testCase.text, action.edit!, uri);
      assert.equal(fixed, testCase.expected);
      const after = await client.change(uri, fixed);
      assert.ok(
        countCode(after, testCase.code) < countCode(diagnostics, testCase.code),
        `${testCase.code} is still reported`,
      );
    });
  }

  it('uses minimal edits: lines the fix does not change are not rewritten', async () => {
    const uri = uriFor('wslconfig');
    const text = '# top\n[wsl2]\nmemroy=4GB\n# bottom\n';
    const diagnostics = await client.open(uri, text);
    const [action] = await actionsFor(
      uri,
      diagnostics.find((d) => d.code === 'unknown-key')!,
      ['quickfix'],
    );
    const edits = action.edit!.changes![uri];
    assert.deepEqual(edits, [
      { range: { start: { line: 2, character: 0 }, end: { line: 2, character: 6 } }, newText: 'memory' },
    ]);
  });

  it('keeps CRLF line endings when moving a key', async () => {
    const uri = uriFor('wslconfig');
    const text = 'memory=4GB\r\n[wsl2]\r\nswap=0\r\n[experimental]\r\nhostAddressLoopback=true\r\nmemory=2GB\r\n';
    const diagnostics = await client.open(uri, text);
    const wrong = diagnostics.find((d) => d.code === 'key-before-section')!;
    const [move] = await actionsFor(uri, wrong, ['quickfix']);
    const fixed = applyWorkspaceEdit(text, move.edit!, uri);
    assert.equal(
      fixed,
      '[wsl2]\r\nswap=0\r\nmemory=4GB\r\n[experimental]\r\nhostAddressLoopback=true\r\nmemory=2GB\r\n',
    );
    assert.doesNotMatch(fixed, /[^\r]\n/, 'a bare LF crept in');
    const appended = uriFor('wslconfig');
    const crlf = '[wsl2]\r\nsparseVhd=true\r\n';
    const [toNew] = await actionsFor(
      appended,
      (await client.open(appended, crlf)).find((d) => d.code === 'wrong-section')!,
      ['quickfix'],
    );
    assert.equal(applyWorkspaceEdit(crlf, toNew.edit!, appended), '[wsl2]\r\n\r\n[experimental]\r\nsparseVhd=true\r\n');
  });

  it('computes the fix from the current text, not from what the diagnostic carries, and ignores a diagnostic of an older text', async () => {
    const uri = uriFor('wslconfig');
    const diagnostics = await client.open(uri, '[wsl2]\nmemory=4gb\n');
    const diagnostic = diagnostics.find((d) => d.code === 'invalid-memory')!;
    assert.equal(diagnostic.data, undefined, 'no fixes, nor anything else, in the published diagnostic');
    const tampered = {
      ...diagnostic,
      data: {
        fixes: [{ fix: 'replace', span: { start: 0, end: 6 }, text: 'evil', title: 'Change to evil' }],
      },
    };
    const [fromText] = await actionsFor(uri, tampered, ['quickfix']);
    assert.equal(fromText.title, "Change to '4GB'");
    assert.equal(applyWorkspaceEdit('[wsl2]\nmemory=4gb\n', fromText.edit!, uri), '[wsl2]\nmemory=4GB\n');
    await client.change(uri, '[wsl2]\nswap=0\nmemory=4gb\n');
    assert.deepEqual(await actionsFor(uri, diagnostic, ['quickfix']), [], 'a stale diagnostic gets no fix');
  });

  it('returns versioned documentChanges when the client supports them', async () => {
    const versioned = LspTestClient.inProcess();
    try {
      await versioned.initialize({ workspace: { configuration: true, workspaceEdit: { documentChanges: true } } });
      const uri = uriFor('wslconfig');
      await versioned.open(uri, '[wsl2]\nmemory=4GB\n');
      const diagnostics = await versioned.change(uri, '[wsl2]\nmemory=4gb\n');
      const actions = await versioned.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri },
        range: diagnostics[0].range,
        context: { diagnostics: diagnostics.filter((d) => d.code === 'invalid-memory'), only: ['quickfix'] },
      });
      const change = actions[0].edit!.documentChanges![0] as { textDocument: { uri: string; version: number } };
      assert.deepEqual(change.textDocument, { uri, version: 2 });
      assert.equal(applyWorkspaceEdit('[wsl2]\nmemory=4gb\n', actions[0].edit!, uri), '[wsl2]\nmemory=4GB\n');
    } finally {
      await versioned.dispose();
    }
  });

  it('offers nothing when validation is turned off', async () => {
    const uri = uriFor('wslconfig');
    const diagnostics = await client.open(uri, '[wsl2]\nmemory=4gb\n');
    const diagnostic = diagnostics.find((d) => d.code === 'invalid-memory')!;
    client.configuration = { wslNetwork: { validate: { enable: false } } };
    try {
      const other = uriFor('wslconfig');
      await client.open(other, '[wsl2]\nmemory=4gb\n');
      const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri: other },
        range: diagnostic.range,
        context: { diagnostics: [{ ...diagnostic }] },
      });
      assert.deepEqual(actions, []);
    } finally {
      client.configuration = {};
    }
  });
});

describe('fix all', () => {
  let client: LspTestClient;
  before(async () => {
    client = LspTestClient.inProcess();
    await client.initialize();
  });
  after(() => client.dispose());

  async function fixAll(uri: string, only: string[] = ['source.fixAll']): Promise<CodeAction | undefined> {
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only },
    });
    assert.ok(
      actions.every((a) => a.kind === 'source.fixAll.wslNetwork'),
      'only the fix-all source action is returned',
    );
    return actions[0];
  }

  const MESSY = [
    'memory=8gb',
    '[wsl2]',
    'processors=2',
    'kernel=C:\\Users\\me\\bzImage # custom',
    'localhostForwarding=yes',
    'pageReporting=false',
    'swap=8',
    '; a semicolon comment',
    'processors=4',
    '[experimental]',
    'networkingMode=mirrored',
    'autoMemoryReclaim=gradual',
    'sparseVhd=true',
    'dnsProxy=false',
    '[wsl]',
    'guiApplications=false',
    '',
  ].join('\n');

  it('applies every safe fix in one edit, exactly', async () => {
    const uri = uriFor('wslconfig');
    await client.open(uri, MESSY);
    const action = await fixAll(uri);
    assert.ok(action);
    assert.equal(action.kind, 'source.fixAll.wslNetwork');
    const fixed = applyWorkspaceEdit(MESSY, action.edit!, uri);
    assert.equal(
      fixed,
      [
        '[wsl2]',
        'processors=2',
        'kernel=C:\\\\Users\\\\me\\\\bzImage # custom',
        'localhostForwarding=true',
        'pageReporting=false',
        'swap=8',
        '# a semicolon comment',
        'memory=8GB',
        'networkingMode=mirrored',
        'dnsProxy=false',
        '[experimental]',
        'autoMemoryReclaim=gradual',
        'sparseVhd=true',
        '[wsl2]',
        'guiApplications=false',
        '',
      ].join('\n'),
    );
  });

  it('leaves fewer problems and no new error, and keeps what is not safe to fix', async () => {
    const before = analyze(MESSY, 'wslconfig').findings;
    const uri = uriFor('wslconfig');
    await client.open(uri, MESSY);
    const fixed = applyWorkspaceEdit(MESSY, (await fixAll(uri))!.edit!, uri);
    const afterFindings = analyze(fixed, 'wslconfig').findings;
    const problems = (findings: typeof before): number =>
      findings.filter((f) => f.severity !== 'information' && f.severity !== 'hint').length;
    assert.ok(problems(afterFindings) < problems(before), `${problems(afterFindings)} >= ${problems(before)}`);
    const errorCodes = (findings: typeof before): Map<string, number> => {
      const counts = new Map<string, number>();
      for (const f of findings) if (f.severity === 'error') counts.set(f.code, (counts.get(f.code) ?? 0) + 1);
      return counts;
    };
    const beforeErrors = errorCodes(before);
    for (const [code, count] of errorCodes(afterFindings))
      assert.ok(count <= (beforeErrors.get(code) ?? 0), `new error ${code}`);
    // Deleting a removed key and guessing a unit are not safe; deleting a duplicate is.
    const codes = afterFindings.map((f) => f.code);
    assert.ok(codes.includes('removed-key'), 'a removed key is deleted by the user, not by fix all');
    assert.ok(codes.includes('unitless-memory'), 'swap=8 is a guess, not a safe fix');
    assert.ok(!codes.includes('duplicate-key'));
  });

  it('is offered for source.fixAll.wslNetwork and for the lightbulb, not for quickfix-only requests', async () => {
    const uri = uriFor('wslconfig');
    const diagnostics = await client.open(uri, '[wsl2]\nmemory=4gb\n');
    assert.ok(await fixAll(uri, ['source.fixAll.wslNetwork']));
    assert.ok(await fixAll(uri, ['source']));
    const quick = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: diagnostics[0].range,
      context: { diagnostics, only: ['quickfix'] },
    });
    assert.ok(quick.every((a) => a.kind === 'quickfix'));
    const all = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: diagnostics[0].range,
      context: { diagnostics },
    });
    assert.deepEqual(
      all.map((a) => a.kind),
      ['quickfix', 'source.fixAll.wslNetwork'],
    );
  });

  it('offers nothing for a file with nothing safe to fix', async () => {
    const uri = uriFor('wslconfig');
    await client.open(uri, '[wsl2]\nnetworkingMode=Mirrored\nlocalhostForwarding=true\npageReporting=true\n');
    assert.equal(await fixAll(uri), undefined);
  });

  it('keeps CRLF and merges keys moved into the same new section', async () => {
    const uri = uriFor('wslconfig');
    const text = '[wsl2]\r\nsparseVhd=true\r\nmemory=4GB\r\nhostAddressLoopback=true\r\n';
    await client.open(uri, text);
    const fixed = applyWorkspaceEdit(text, (await fixAll(uri))!.edit!, uri);
    assert.equal(fixed, '[wsl2]\r\nmemory=4GB\r\n\r\n[experimental]\r\nsparseVhd=true\r\nhostAddressLoopback=true\r\n');
  });

  it("swaps keys that sit in each other's section, and gives a lone key its section", async () => {
    const swapped = uriFor('wslconfig');
    const text = '[wsl2]\nsparseVhd=true\n[experimental]\nmemory=4GB\n';
    await client.open(swapped, text);
    assert.equal(
      applyWorkspaceEdit(text, (await fixAll(swapped))!.edit!, swapped),
      '[wsl2]\nmemory=4GB\n[experimental]\nsparseVhd=true\n',
    );
    const lone = uriFor('wslconfig');
    await client.open(lone, 'memory=4gb\n');
    assert.equal(
      applyWorkspaceEdit('memory=4gb\n', (await fixAll(lone))!.edit!, lone),
      '[wsl2]\nmemory=4GB\n',
      'the value is fixed once the key is read',
    );
  });

  it('does not move a key where it would override or duplicate the setting WSL uses', async () => {
    const uri = uriFor('wslconfig');
    // The top-level memory is ignored by WSL today; [wsl2] memory=2GB is what applies.
    const text =
      'memory=8GB\n[wsl2]\nmemory=2GB\n[experimental]\nnetworkingMode=Mirrored\nnetworkingMode=Nat\n[wsl2]\nswap=0\n';
    await client.open(uri, text);
    const action = await fixAll(uri);
    const fixed = applyWorkspaceEdit(text, action!.edit!, uri);
    // The duplicate alias goes; the first alias moves to [wsl2] (still first); memory=8GB stays where it is.
    assert.equal(fixed, 'memory=8GB\n[wsl2]\nmemory=2GB\nnetworkingMode=Mirrored\n[experimental]\n[wsl2]\nswap=0\n');
  });
});
