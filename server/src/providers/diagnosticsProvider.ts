/**
 * Turns the analysis findings into LSP diagnostics, pushed (`textDocument/publishDiagnostics`) or,
 * for clients that support it, pulled (`textDocument/diagnostic`, with result ids).
 *
 * Under an edit storm nothing is computed per keystroke: a document's diagnostics wait until it has
 * been quiet for `wslNetwork.diagnostics.delayMs`, work for a version that a newer edit superseded is
 * dropped, and a result identical to the last one sent is not sent again. A diagnostic carries no
 * fixes (they are computed when the client asks for code actions), only what finds its finding again.
 */
import {
  DiagnosticSeverity,
  DiagnosticTag,
  DocumentDiagnosticReportKind,
  type CancellationToken,
  type Connection,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type InitializeParams,
  type ServerCapabilities,
} from 'vscode-languageserver/node';
import type { Finding, Severity } from '../core/findings';
import type { LineIndex } from '../core/lineIndex';
import type { DocumentStore } from '../documentStore';
import { cancelled, guardRequest, hasDocument, logFailure } from '../requestGuard';
import type { DocumentOptions, ServerSettings } from '../serverSettings';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export const DIAGNOSTIC_SOURCE = 'wsl-network';

/** More problems than this would flood the editor and the JSON-RPC channel; the rest is summarised. */
export const MAX_DIAGNOSTICS = 1000;

/**
 * What a diagnostic carries so that a code action request finds its finding again, even when the
 * client echoes the range in another position encoding (Neovim 0.7 sends byte columns): the start
 * column in the server's UTF-16 units, and WSL's own line number where WSL reports the problem.
 */
export interface DiagnosticData {
  character: number;
  wslLine?: number;
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

/** Keeps the most severe findings (in document order within a severity) when there are too many. */
function capped(findings: Finding[]): { shown: Finding[]; hidden: number } {
  if (findings.length <= MAX_DIAGNOSTICS) return { shown: findings, hidden: 0 };
  const ranked = findings
    .map((finding, order) => ({ finding, order }))
    .sort((a, b) => SEVERITY_ORDER[a.finding.severity] - SEVERITY_ORDER[b.finding.severity] || a.order - b.order);
  const shown = ranked
    .slice(0, MAX_DIAGNOSTICS)
    .sort((a, b) => a.order - b.order)
    .map((r) => r.finding);
  return { shown, hidden: findings.length - MAX_DIAGNOSTICS };
}

export function toDiagnostic(finding: Finding, lines: LineIndex, uri: string): Diagnostic {
  const tags: DiagnosticTag[] = [];
  if (finding.unnecessary) tags.push(DiagnosticTag.Unnecessary);
  if (finding.deprecated) tags.push(DiagnosticTag.Deprecated);
  const range = lines.rangeOf(finding.span.start, finding.span.end);
  const data: DiagnosticData = { character: range.start.character };
  if (finding.wslLine !== undefined) data.wslLine = finding.wslLine;
  const diagnostic: Diagnostic = {
    range,
    severity: SEVERITY[finding.severity],
    code: finding.code,
    source: DIAGNOSTIC_SOURCE,
    message: finding.message,
    data,
  };
  if (tags.length) diagnostic.tags = tags;
  if (finding.related) {
    diagnostic.relatedInformation = [
      {
        location: { uri, range: lines.rangeOf(finding.related.span.start, finding.related.span.end) },
        message: finding.related.message,
      },
    ];
  }
  return diagnostic;
}

const LINE_ZERO = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MiB`
    : `${Math.ceil(bytes / 1024)} KiB`;
}

/** The one diagnostic of a file past `wslNetwork.maxFileSize`. */
export function tooLargeDiagnostic(bytes: number, limit: number): Diagnostic {
  return {
    range: LINE_ZERO,
    severity: DiagnosticSeverity.Warning,
    code: 'file-too-large',
    source: DIAGNOSTIC_SOURCE,
    message: `This file is too large to analyse: ${sizeText(bytes)} (${bytes} bytes), more than the limit of ${sizeText(limit)} (${limit} bytes) set by the setting wslNetwork.maxFileSize. WSL config files are normally a few KB. Folding still works; diagnostics, hovers, completion, quick fixes, outline and formatting are off for this file.`,
  };
}

/** The diagnostics of the current version of `uri` (undefined: not a WSL config document). */
function diagnosticsOf(store: DocumentStore, uri: string, options: DocumentOptions): Diagnostic[] | undefined {
  const document = store.configDocument(uri);
  if (!document) return undefined;
  if (!options.validate) return [];
  if (store.isTooLarge(uri, options.maxFileSize))
    return [tooLargeDiagnostic(store.byteSize(document), options.maxFileSize)];
  const analyzed = store.get(uri, options.maxFileSize);
  if (!analyzed) return undefined;
  const diagnostics: Diagnostic[] = [];
  const relevant = analyzed.analysis.findings.filter(
    (finding) => options.restartNotice || finding.code !== 'restart-required',
  );
  const { shown, hidden } = capped(relevant);
  for (const finding of shown) diagnostics.push(toDiagnostic(finding, analyzed.lines, uri));
  if (hidden > 0) {
    diagnostics.push({
      range: LINE_ZERO,
      severity: DiagnosticSeverity.Information,
      code: 'too-many-problems',
      source: DIAGNOSTIC_SOURCE,
      message: `${hidden} more problems are not shown (at most ${MAX_DIAGNOSTICS} per file). Run 'node dist/cli.js' on the file for the full list.`,
    });
  }
  return diagnostics;
}

export interface DiagnosticsService {
  /** Recompute every open document (settings or workspace folders changed). */
  refreshAll(): void;
  /** Pull (`textDocument/diagnostic`) instead of push, when the client supports it. */
  capabilities(params: InitializeParams): Partial<ServerCapabilities>;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function registerDiagnostics(
  connection: Connection,
  store: DocumentStore,
  settings: ServerSettings,
): DiagnosticsService {
  let pull = false;
  let refreshSupport = false;
  /** The last diagnostics sent or answered per document, serialised, with their result id. */
  const lastSent = new Map<string, { json: string; resultId: string }>();
  let nextResultId = 1;
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const lastChangeAt = new Map<string, number>();
  const opened = new Set<string>();

  /** The result id of `diagnostics`: the previous one when nothing changed. */
  const remember = (uri: string, diagnostics: Diagnostic[]): { resultId: string; changed: boolean } => {
    const json = JSON.stringify(diagnostics);
    const previous = lastSent.get(uri);
    if (previous && previous.json === json) return { resultId: previous.resultId, changed: false };
    const resultId = String(nextResultId++);
    lastSent.set(uri, { json, resultId });
    return { resultId, changed: true };
  };

  const publish = async (uri: string, version: number): Promise<void> => {
    const options = await settings.forDocument(uri);
    // A newer edit came in meanwhile: its own timer computes that version.
    const document = store.configDocument(uri);
    if (!document || document.version !== version) return;
    const diagnostics = diagnosticsOf(store, uri, options);
    if (!diagnostics) return;
    if (!remember(uri, diagnostics).changed) return;
    await connection.sendDiagnostics({ uri, version, diagnostics });
  };

  const schedule = (uri: string, version: number, delayMs: number): void => {
    clearTimeout(timers.get(uri));
    timers.set(
      uri,
      setTimeout(() => {
        timers.delete(uri);
        logFailure(connection, `diagnostics of ${uri}`, () => publish(uri, version));
      }, delayMs),
    );
  };

  store.documents.onDidChangeContent((event) =>
    logFailure(connection, 'diagnostics', () => {
      const { uri, version } = event.document;
      if (typeof uri !== 'string') return;
      const first = !opened.has(uri);
      opened.add(uri);
      if (!first) lastChangeAt.set(uri, Date.now());
      if (pull) return;
      // The first diagnostics of a document come at once; after that, only once the edits pause.
      if (first) return schedule(uri, version, 0);
      return settings.forDocument(uri).then((options) => {
        if (store.documents.get(uri)?.version === version) schedule(uri, version, options.diagnosticsDelayMs);
      });
    }),
  );
  store.documents.onDidClose((event) => {
    const uri = event.document.uri;
    clearTimeout(timers.get(uri));
    timers.delete(uri);
    opened.delete(uri);
    lastChangeAt.delete(uri);
    const had = lastSent.delete(uri);
    if (!pull && had) void connection.sendDiagnostics({ uri, diagnostics: [] }).catch(() => undefined);
  });

  connection.languages.diagnostics.on(
    guardRequest(
      connection,
      'textDocument/diagnostic',
      hasDocument,
      async (params, token: CancellationToken): Promise<DocumentDiagnosticReport | ReturnType<typeof cancelled>> => {
        const uri = params.textDocument.uri;
        const options = await settings.forDocument(uri);
        // Wait for the edits to pause: a client asks again after each change and cancels the older ask.
        for (;;) {
          const waited = Date.now() - (lastChangeAt.get(uri) ?? 0);
          if (waited >= options.diagnosticsDelayMs) break;
          await sleep(options.diagnosticsDelayMs - waited);
          if (token.isCancellationRequested) return cancelled();
        }
        const diagnostics = diagnosticsOf(store, uri, options) ?? [];
        const { resultId } = remember(uri, diagnostics);
        const previous = (params as { previousResultId?: unknown }).previousResultId;
        if (previous === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
        return { kind: DocumentDiagnosticReportKind.Full, resultId, items: diagnostics };
      },
    ),
  );

  return {
    capabilities(params) {
      pull =
        params.capabilities.textDocument?.diagnostic !== undefined &&
        params.initializationOptions?.diagnosticsMode !== 'push';
      refreshSupport = params.capabilities.workspace?.diagnostics?.refreshSupport === true;
      return pull
        ? {
            diagnosticProvider: {
              identifier: DIAGNOSTIC_SOURCE,
              interFileDependencies: false,
              workspaceDiagnostics: false,
            },
          }
        : {};
    },
    refreshAll() {
      if (pull) {
        lastSent.clear();
        if (refreshSupport)
          logFailure(connection, 'workspace/diagnostic/refresh', () => connection.languages.diagnostics.refresh());
        return;
      }
      for (const document of store.documents.all()) schedule(document.uri, document.version, 0);
    },
  };
}
