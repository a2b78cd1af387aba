/** Publishes the analysis findings as LSP diagnostics. */
import {
  DiagnosticSeverity,
  DiagnosticTag,
  type Connection,
  type Diagnostic,
} from 'vscode-languageserver/node';
import type { Finding, Severity } from '../core/findings';
import type { LineIndex } from '../core/lineIndex';
import type { DocumentStore } from '../documentStore';
import type { ServerSettings } from '../serverSettings';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export const DIAGNOSTIC_SOURCE = 'wsl-network';

export function toDiagnostic(finding: Finding, lines: LineIndex, uri: string): Diagnostic {
  const tags: DiagnosticTag[] = [];
  if (finding.unnecessary) tags.push(DiagnosticTag.Unnecessary);
  if (finding.deprecated) tags.push(DiagnosticTag.Deprecated);
  const diagnostic: Diagnostic = {
    range: lines.rangeOf(finding.span.start, finding.span.end),
    severity: SEVERITY[finding.severity],
    code: finding.code,
    source: DIAGNOSTIC_SOURCE,
    message: finding.message,
    data: { fixes: finding.fixes ?? [], wslLine: finding.wslLine },
  };
  if (tags.length) diagnostic.tags = tags;
  if (finding.related) {
    diagnostic.relatedInformation = [{ location: { uri, range: lines.rangeOf(finding.related.span.start, finding.related.span.end) }, message: finding.related.message }];
  }
  return diagnostic;
}

export function registerDiagnostics(connection: Connection, store: DocumentStore, settings: ServerSettings): { refreshAll(): void } {
  const publish = async (uri: string): Promise<void> => {
    const analyzed = store.get(uri);
    if (!analyzed) return;
    const options = await settings.forDocument(uri);
    const diagnostics = options.validate
      ? analyzed.analysis.findings
          .filter((finding) => options.restartNotice || finding.code !== 'restart-required')
          .map((finding) => toDiagnostic(finding, analyzed.lines, uri))
      : [];
    connection.sendDiagnostics({ uri, version: analyzed.document.version, diagnostics });
  };
  store.documents.onDidChangeContent((event) => void publish(event.document.uri));
  store.documents.onDidClose((event) => connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] }));
  return { refreshAll: () => store.documents.all().forEach((document) => void publish(document.uri)) };
}
