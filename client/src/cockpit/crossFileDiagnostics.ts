/**
 * `.wslconfig` and each opened distro's /etc/wsl.conf checked together (server/src/core/crossFile.ts):
 * where a combination makes a setting do nothing or something unexpected, both files say so, each
 * diagnostic pointing at the other file's line through related information. WSL reads both: the
 * service applies `.wslconfig` to the VM, then each distro's init applies its wsl.conf inside it.
 * Also gives the status bar tooltip its per-distro summary.
 */
import * as vscode from 'vscode';
import { crossFileFindings, decodeConfigBytes, type CrossFileFinding, type Severity } from '../../../server/src/core';
import { WSL_CONF_PATH } from '../host/distroConfigFile';
import { DISTRO_CONFIG_SCHEME, distroSummaryMarkdown, parseDistroConfigUriPath } from '../model/distroConfig';
import { samePath, type Cockpit } from './cockpit';
import { distroConfigUri, type DistroConfigFileSystem } from './distroConfigFs';

export const CROSS_FILE_COLLECTION = 'wsl-network-cross-file';
const t = vscode.l10n.t;

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

function toRange(range: CrossFileFinding['range']): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

export class CrossFileDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection(CROSS_FILE_COLLECTION);
  private readonly disposables: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly cockpit: Cockpit,
    private readonly fs: DistroConfigFileSystem,
  ) {
    const relevant = (doc: vscode.TextDocument): boolean =>
      doc.uri.scheme === DISTRO_CONFIG_SCHEME || this.isWslConfig(doc.uri);
    this.disposables.push(
      this.collection,
      vscode.workspace.onDidOpenTextDocument((doc) => relevant(doc) && this.schedule()),
      vscode.workspace.onDidChangeTextDocument((event) => relevant(event.document) && this.schedule()),
      vscode.workspace.onDidCloseTextDocument((doc) => relevant(doc) && this.schedule()),
      cockpit.onDidRender(() => this.schedule()),
      fs.onDidSave(() => {
        this.schedule();
        cockpit.rerender();
      }),
    );
    cockpit.tooltipSections.push(() => this.tooltipSection());
  }

  private wslConfigPath(): string | undefined {
    return this.cockpit.facts?.config.location.path;
  }

  private isWslConfig(uri: vscode.Uri): boolean {
    const path = this.wslConfigPath();
    return uri.scheme === 'file' && path !== undefined && samePath(uri.fsPath, path);
  }

  /** The `.wslconfig` text: the open editor's (unsaved edits count), else the file as last read. */
  private wslConfigText(): string | undefined {
    const open = vscode.workspace.textDocuments.find((doc) => this.isWslConfig(doc.uri));
    return open ? open.getText() : this.cockpit.facts?.config.snapshot?.text;
  }

  /** Each distro's wsl.conf: the open editor's text, else the bytes read from the distro this session. */
  private distroTexts(): Map<string, { text: string; uri: vscode.Uri }> {
    const texts = new Map<string, { text: string; uri: vscode.Uri }>();
    for (const file of this.fs.readTexts()) {
      if (file.path !== WSL_CONF_PATH) continue;
      texts.set(file.distro, { text: decodeConfigBytes(file.bytes).text, uri: distroConfigUri(file) });
    }
    for (const doc of vscode.workspace.textDocuments) {
      if (doc.uri.scheme !== DISTRO_CONFIG_SCHEME) continue;
      const address = parseDistroConfigUriPath(doc.uri.path);
      if (address?.path === WSL_CONF_PATH) texts.set(address.distro, { text: doc.getText(), uri: doc.uri });
    }
    return texts;
  }

  schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.update(), 150);
  }

  /** Recomputes every cross-file diagnostic now. */
  update(): void {
    this.collection.clear();
    const wslconfigText = this.wslConfigText();
    const wslconfigPath = this.wslConfigPath();
    const distros = this.distroTexts();
    if (wslconfigText === undefined || wslconfigPath === undefined || distros.size === 0) return;
    const wslconfigUri = vscode.Uri.file(wslconfigPath);
    const found = crossFileFindings(
      wslconfigText,
      [...distros].map(([distro, { text }]) => ({ distro, wslconfText: text })),
    );
    const diagnostic = (finding: CrossFileFinding): vscode.Diagnostic => {
      const d = new vscode.Diagnostic(toRange(finding.range), finding.message, SEVERITY[finding.severity]);
      d.source = 'WSL Network';
      d.code = finding.interaction;
      d.relatedInformation = finding.related.flatMap(({ location, message }) => {
        const uri =
          location.file === 'wslconfig'
            ? wslconfigUri
            : location.distro !== undefined
              ? distros.get(location.distro)?.uri
              : undefined;
        return uri
          ? [new vscode.DiagnosticRelatedInformation(new vscode.Location(uri, toRange(location.range)), message)]
          : [];
      });
      return d;
    };
    this.collection.set(wslconfigUri, found.wslconfig.map(diagnostic));
    for (const [distro, findings] of found.wslconf) {
      const uri = distros.get(distro)?.uri;
      if (uri) this.collection.set(uri, findings.map(diagnostic));
    }
  }

  private tooltipSection(): string | undefined {
    const files = [...this.distroTexts()].map(([distro, { text }]) => ({ distro, wslconfText: text }));
    return distroSummaryMarkdown(files, this.wslConfigText(), t);
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}
