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

/** More problems than this would flood the editor and the JSON-RPC channel; the rest is summarised. */
export const MAX_DIAGNOSTICS = 1000;

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

/** Keeps the most severe findings (in document order within a severity) when there are too many. */
function capped(findings: Finding[]): { shown: Finding[]; hidden: number } {
  if (findings.length <= MAX_DIAGNOSTICS) return { shown: findings, hidden: 0 };
  const ranked = findings.map((finding, order) => ({ finding, order })).sort((a, b) => SEVERITY_ORDER[a.finding.severity] - SEVERITY_ORDER[b.finding.severity] || a.order - b.order);
  const shown = ranked.slice(0, MAX_DIAGNOSTICS).sort((a, b) => a.order - b.order).map((r) => r.finding);
  return { shown, hidden: findings.length - MAX_DIAGNOSTICS };
}

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
    const diagnostics: Diagnostic[] = [];
    if (options.validate) {
      const relevant = analyzed.analysis.findings.filter((finding) => options.restartNotice || finding.code !== 'restart-required');
      const { shown, hidden } = capped(relevant);
      for (const finding of shown) diagnostics.push(toDiagnostic(finding, analyzed.lines, uri));
      if (hidden > 0) {
        diagnostics.push({
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          severity: DiagnosticSeverity.Information,
          code: 'too-many-problems',
          source: DIAGNOSTIC_SOURCE,
          message: `${hidden} more problems are not shown (at most ${MAX_DIAGNOSTICS} per file). Run 'node dist/cli.js' on the file for the full list.`,
        });
      }
    }
    connection.sendDiagnostics({ uri, version: analyzed.document.version, diagnostics });
  };
  store.documents.onDidChangeContent((event) => void publish(event.document.uri));
  store.documents.onDidClose((event) => connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] }));
  return { refreshAll: () => store.documents.all().forEach((document) => void publish(document.uri)) };
}
