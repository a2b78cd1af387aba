/**
 * Language features seen through the real VS Code API: language ids from the manifest, and the
 * language server's diagnostics on the sample workspace (test/fixtures/workspace).
 *
 * Messages are WSL's own wording (wsl-config-truth.md §4) without the "in <file>:<line>" suffix;
 * the server may append an explanation, so only prefixes are compared. Diagnostic codes are not
 * asserted (not frozen yet); lines are.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { DIAGNOSTICS_TIMEOUT_MS, describeDiagnostics, waitForDiagnostics } from './waitForDiagnostics';

const EXTENSION_ID = 'wsl-network.wsl-network';
const SOURCE = 'wsl-network';

function workspaceUri(...segments: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder is open (expected test/fixtures/workspace)');
  return vscode.Uri.joinPath(folder.uri, ...segments);
}

async function open(uri: vscode.Uri): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document, { preview: false });
  return document;
}

/** 0-based line of the first line matching `pattern`; fails when the fixture changed under the test. */
function lineOf(document: vscode.TextDocument, pattern: RegExp): number {
  for (let line = 0; line < document.lineCount; line++) {
    if (pattern.test(document.lineAt(line).text)) return line;
  }
  assert.fail(`fixture ${document.fileName} has no line matching ${pattern}`);
}

const published = (diagnostics: vscode.Diagnostic[]): boolean => diagnostics.length > 0;

/** The diagnostic on `line` whose message starts with `prefix`, checked for severity and source. */
function expectDiagnostic(
  diagnostics: readonly vscode.Diagnostic[],
  line: number,
  prefix: string,
  severities: vscode.DiagnosticSeverity[] = [vscode.DiagnosticSeverity.Error],
): vscode.Diagnostic {
  const found = diagnostics.find((d) => d.message.startsWith(prefix));
  assert.ok(found, `no diagnostic starting with "${prefix}"; got:\n${describeDiagnostics(diagnostics)}`);
  assert.strictEqual(
    found.range.start.line,
    line,
    `"${prefix}" should be on line ${line + 1}, is on line ${found.range.start.line + 1}`,
  );
  assert.ok(
    severities.includes(found.severity),
    `"${prefix}" has severity ${vscode.DiagnosticSeverity[found.severity]}, expected ${severities.map((s) => vscode.DiagnosticSeverity[s]).join(' or ')}`,
  );
  assert.strictEqual(found.source, SOURCE);
  return found;
}

describe('sample workspace language ids', () => {
  it('.wslconfig opens as language wslconfig', async () => {
    const document = await open(workspaceUri('.wslconfig'));
    assert.strictEqual(document.languageId, 'wslconfig');
  });

  it('wsl.conf opens as language wslconf', async () => {
    const document = await open(workspaceUri('wsl.conf'));
    assert.strictEqual(document.languageId, 'wslconf');
  });
});

describe('diagnostics from the language server', () => {
  before(async function () {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `extension ${EXTENSION_ID} is not loaded`);
    await extension.activate();
  });

  describe('.wslconfig with mistakes', () => {
    let document: vscode.TextDocument;
    let diagnostics: vscode.Diagnostic[];

    before(async () => {
      document = await open(workspaceUri('.wslconfig'));
      diagnostics = await waitForDiagnostics(document.uri, published, 'any diagnostic');
    });

    it("flags the typo 'locahostForwarding' as an unknown key", () => {
      expectDiagnostic(
        diagnostics,
        lineOf(document, /^locahostForwarding\s*=/),
        "Unknown key 'wsl2.locahostForwarding'",
      );
    });

    it("flags the lowercase memory unit '4gb'", () => {
      expectDiagnostic(
        diagnostics,
        lineOf(document, /^memory\s*=/),
        "Invalid memory string '4gb' for .wslconfig entry 'wsl2.memory'",
      );
    });

    it('flags hostAddressLoopback under [wsl2] (it belongs in [experimental])', () => {
      expectDiagnostic(
        diagnostics,
        lineOf(document, /^hostAddressLoopback\s*=/),
        "Unknown key 'wsl2.hostAddressLoopback'",
        [vscode.DiagnosticSeverity.Error, vscode.DiagnosticSeverity.Warning],
      );
    });

    it('warns about \\t and \\b silently changing the kernel path', () => {
      const line = lineOf(document, /^kernel\s*=/);
      const onLine = diagnostics.filter(
        (d) => d.range.start.line === line && d.severity <= vscode.DiagnosticSeverity.Warning && d.source === SOURCE,
      );
      assert.ok(
        onLine.length > 0,
        `no Error/Warning on line ${line + 1} (kernel=C:\\temp\\bzImage); got:\n${describeDiagnostics(diagnostics)}`,
      );
    });
  });

  describe('wsl.conf with a ; line', () => {
    let document: vscode.TextDocument;
    let diagnostics: vscode.Diagnostic[];
    let stopLine: number;

    before(async () => {
      document = await open(workspaceUri('wsl.conf'));
      stopLine = lineOf(document, /^\s*;/);
      diagnostics = await waitForDiagnostics(document.uri, published, 'any diagnostic');
    });

    it("reports 'Invalid key name' on the ; line, where WSL stops parsing", () => {
      expectDiagnostic(diagnostics, stopLine, 'Invalid key name');
    });

    it('greys out every later non-empty line as Unnecessary', () => {
      const unnecessary = diagnostics.filter((d) => d.tags?.includes(vscode.DiagnosticTag.Unnecessary));
      const uncovered: number[] = [];
      for (let line = stopLine + 1; line < document.lineCount; line++) {
        if (document.lineAt(line).isEmptyOrWhitespace) continue;
        if (!unnecessary.some((d) => d.range.start.line <= line && line <= d.range.end.line)) uncovered.push(line + 1);
      }
      assert.ok(unnecessary.length > 0, `no Unnecessary-tagged diagnostics; got:\n${describeDiagnostics(diagnostics)}`);
      assert.deepStrictEqual(uncovered, [], `lines without an Unnecessary diagnostic: ${uncovered.join(', ')}`);
      const before = unnecessary.filter((d) => d.range.start.line <= stopLine);
      assert.deepStrictEqual(
        before.map((d) => d.range.start.line + 1),
        [],
        'lines up to the ; line are still read by WSL and must not be greyed out',
      );
    });
  });

  describe('valid .wslconfig', () => {
    it('has no Error or Warning diagnostics', async () => {
      const uri = workspaceUri('valid', '.wslconfig');
      // The server publishes (possibly empty) diagnostics for every opened document; wait for that
      // publication, so "no problems" is not just "not analysed yet".
      const publication = new Promise<void>((resolve) => {
        const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
          if (event.uris.some((changed) => changed.toString() === uri.toString())) {
            subscription.dispose();
            resolve();
          }
        });
      });
      await open(uri);
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new Error(`the server published no diagnostics for valid/.wslconfig within ${DIAGNOSTICS_TIMEOUT_MS} ms`),
            ),
          DIAGNOSTICS_TIMEOUT_MS,
        );
      });
      await Promise.race([publication, timeout]).finally(() => clearTimeout(timer));
      const problems = vscode.languages
        .getDiagnostics(uri)
        .filter((d) => d.severity <= vscode.DiagnosticSeverity.Warning);
      assert.deepStrictEqual(
        problems.map((d) => d.message),
        [],
        `unexpected problems:\n${describeDiagnostics(problems)}`,
      );
    });
  });
});
