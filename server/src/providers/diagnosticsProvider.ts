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
  type Position,
  type Range,
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
 * What a diagnostic carries besides what the user sees, only where it says something the range does
 * not (most diagnostics carry no `data`): the start column in the server's UTF-16 units when
 * non-ASCII text precedes it on the line, so that a code action request finds its finding again even
 * when the client echoes the range in another position encoding (Neovim 0.7 sends byte columns); and
 * WSL's own line number where it is not the editor's line + 1 (a CRLF wsl.conf: see wslLineNotes.ts).
 */
export interface DiagnosticData {
  character?: number;
  wslLine?: number;
}

/** Whether the text from `start` to `end` is all ASCII, where UTF-8, UTF-16 and UTF-32 columns agree. */
function isAscii(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
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
  const diagnostic: Diagnostic = {
    range,
    severity: SEVERITY[finding.severity],
    code: finding.code,
    source: DIAGNOSTIC_SOURCE,
    message: finding.message,
  };
  const data: DiagnosticData = {};
  if (!isAscii(lines.text, finding.span.start - range.start.character, finding.span.start))
    data.character = range.start.character;
  if (finding.wslLine !== undefined && finding.wslLine !== range.start.line + 1) data.wslLine = finding.wslLine;
  if (data.character !== undefined || data.wslLine !== undefined) diagnostic.data = data;
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

const samePosition = (a: Position, b: Position): boolean => a.line === b.line && a.character === b.character;
const sameRange = (a: Range, b: Range): boolean => samePosition(a.start, b.start) && samePosition(a.end, b.end);

/**
 * Whether two diagnostics say the same, field by field, for the fields toDiagnostic and the two
 * summaries above write. node:util's isDeepStrictEqual took longer over 800 of them than the
 * analysis that made them.
 */
export function sameDiagnostic(a: Diagnostic, b: Diagnostic): boolean {
  if (
    !sameRange(a.range, b.range) ||
    a.severity !== b.severity ||
    a.code !== b.code ||
    a.source !== b.source ||
    a.message !== b.message ||
    a.data?.character !== b.data?.character ||
    a.data?.wslLine !== b.data?.wslLine ||
    (a.data === undefined) !== (b.data === undefined) ||
    String(a.tags ?? '') !== String(b.tags ?? '') ||
    (a.relatedInformation?.length ?? 0) !== (b.relatedInformation?.length ?? 0)
  )
    return false;
  return (a.relatedInformation ?? []).every((related, i) => {
    const other = b.relatedInformation![i];
    return (
      related.message === other.message &&
      related.location.uri === other.location.uri &&
      sameRange(related.location.range, other.location.range)
    );
  });
}

const sameDiagnostics = (a: readonly Diagnostic[], b: readonly Diagnostic[]): boolean =>
  a.length === b.length && a.every((diagnostic, i) => sameDiagnostic(diagnostic, b[i]));

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
  /** The last diagnostics sent or answered per document, with their result id. */
  const lastSent = new Map<string, { diagnostics: Diagnostic[]; resultId: string }>();
  let nextResultId = 1;
  /** Documents waiting for their edits to pause, with the timer that checks again. */
  const waiting = new Map<string, ReturnType<typeof setTimeout> | undefined>();
  const lastChangeAt = new Map<string, number>();
  const opened = new Set<string>();

  /**
   * The result id of `diagnostics`: the previous one when nothing changed. Compared as values, not
   * serialised: turning 800 diagnostics into JSON once more cost as much as computing them.
   */
  const remember = (uri: string, diagnostics: Diagnostic[]): { resultId: string; changed: boolean } => {
    const previous = lastSent.get(uri);
    if (previous && sameDiagnostics(previous.diagnostics, diagnostics))
      return { resultId: previous.resultId, changed: false };
    const resultId = String(nextResultId++);
    lastSent.set(uri, { diagnostics, resultId });
    return { resultId, changed: true };
  };

  const publish = async (uri: string): Promise<void> => {
    const options = await settings.forDocument(uri);
    const document = store.configDocument(uri);
    // Closed, or edited while the settings came: the edit's own wait publishes the newer text.
    if (!document || waiting.has(uri)) return;
    // The newest version: whatever versions came before it were never analysed.
    const version = document.version;
    const diagnostics = diagnosticsOf(store, uri, options);
    if (!diagnostics) return;
    if (!remember(uri, diagnostics).changed) return;
    await connection.sendDiagnostics({ uri, version, diagnostics });
  };

  /**
   * Publishes once `uri` has been quiet for the delay. An edit only stamps its time: the one timer
   * per document looks at the stamp when it fires and waits out the rest, so a keystroke costs no
   * timer of its own and no settings lookup.
   */
  const whenQuiet = (uri: string): void => {
    waiting.set(uri, undefined);
    logFailure(connection, `diagnostics of ${uri}`, async () => {
      const { diagnosticsDelayMs } = await settings.forDocument(uri);
      if (!waiting.has(uri)) return;
      const quietFor = performance.now() - (lastChangeAt.get(uri) ?? -Infinity);
      if (quietFor < diagnosticsDelayMs) {
        waiting.set(
          uri,
          setTimeout(() => whenQuiet(uri), diagnosticsDelayMs - quietFor),
        );
        return;
      }
      waiting.delete(uri);
      await publish(uri);
    });
  };

  const stopWaiting = (uri: string): void => {
    clearTimeout(waiting.get(uri));
    waiting.delete(uri);
  };

  store.documents.onDidChangeContent((event) => {
    const { uri } = event.document;
    if (typeof uri !== 'string') return;
    // The first diagnostics of a document come at once; after that, only once the edits pause.
    if (opened.has(uri)) lastChangeAt.set(uri, performance.now());
    else opened.add(uri);
    if (!pull && !waiting.has(uri)) whenQuiet(uri);
  });
  store.documents.onDidClose((event) => {
    const uri = event.document.uri;
    stopWaiting(uri);
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
          const waited = performance.now() - (lastChangeAt.get(uri) ?? -Infinity);
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
      for (const document of store.documents.all()) {
        stopWaiting(document.uri);
        logFailure(connection, `diagnostics of ${document.uri}`, () => publish(document.uri));
      }
    },
  };
}
