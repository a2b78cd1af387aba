/**
 * Quick fixes built from the diagnostics' fix data, and a "Fix all" source action
 * (`source.fixAll.wslNetwork`, matched by the standard `source.fixAll`) that applies every safe fix
 * in one edit. What counts as safe is defined in `editing/fixes.ts`.
 */
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic } from 'vscode-languageserver/node';
import type { Finding } from '../core/findings';
import type { LineIndex } from '../core/lineIndex';
import { fixActions, fixAll } from '../editing/fixes';
import { guardRequest, hasRange, isObject } from '../requestGuard';
import { DIAGNOSTIC_SOURCE } from './diagnosticsProvider';
import { toTextEdits, toWorkspaceEdit } from './lspEdits';
import { analyzedFor } from './analyzedFor';
import type { Provider } from './index';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.wslNetwork`;

/** Whether an action of `kind` is wanted by the client's `only` filter. */
function wanted(only: string[] | undefined, kind: string): boolean {
  if (!only || only.length === 0) return true;
  return only.some((requested) => kind === requested || kind.startsWith(`${requested}.`));
}

export const codeActionProvider: Provider = {
  capabilities: (params) => ({
    codeActionProvider: params.capabilities.textDocument?.codeAction?.codeActionLiteralSupport
      ? {
          codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll, FIX_ALL_KIND],
          resolveProvider: false,
        }
      : true,
  }),
  register(context) {
    const { connection } = context;
    const isCodeActionParams = (params: unknown): params is CodeActionParams =>
      hasRange(params) &&
      isObject((params as { context?: unknown }).context) &&
      Array.isArray((params as CodeActionParams).context.diagnostics);
    connection.onCodeAction(
      guardRequest(
        connection,
        'textDocument/codeAction',
        isCodeActionParams,
        async (params, token): Promise<CodeAction[]> => {
          const uri = params.textDocument.uri;
          if (!context.clientCapabilities?.textDocument?.codeAction?.codeActionLiteralSupport) return [];
          const found = await analyzedFor(context, uri, token);
          if (!found || !found.options.validate) return [];
          const { analysis, lines, document } = found.analyzed;
          const only = Array.isArray(params.context.only) ? params.context.only : undefined;
          const edit = (edits: Parameters<typeof toTextEdits>[0]) =>
            toWorkspaceEdit(uri, document.version, toTextEdits(edits, lines), context.clientCapabilities);
          const actions: CodeAction[] = [];
          const ours = params.context.diagnostics.filter((d) => isObject(d) && d.source === DIAGNOSTIC_SOURCE);

          if (wanted(only, CodeActionKind.QuickFix)) {
            for (const diagnostic of ours) {
              const finding = findingFor(diagnostic, analysis.findings, lines);
              if (!finding) continue;
              for (const action of fixActions(analysis, finding)) {
                if (action.edits.length === 0) continue;
                actions.push({
                  title: action.title,
                  kind: CodeActionKind.QuickFix,
                  diagnostics: [diagnostic],
                  isPreferred: action.preferred || undefined,
                  edit: edit(action.edits),
                });
              }
            }
          }

          // Source actions: when asked for explicitly, or alongside the quick fixes of our diagnostics.
          if ((only && wanted(only, FIX_ALL_KIND)) || (!only && ours.length > 0)) {
            const all = fixAll(analysis);
            if (all.edits.length > 0) {
              actions.push({
                title: `Fix all safe WSL config problems (${all.fixed})`,
                kind: FIX_ALL_KIND,
                edit: edit(all.edits),
              });
            }
          }
          return actions;
        },
      ),
    );
  },
};

/**
 * The finding behind a diagnostic of the current text: same code, same line, and the start column
 * that the diagnostic's `data` carries in the server's own UTF-16 units. The range's columns are not
 * compared: a client may echo them in another position encoding (Neovim 0.7 sends byte columns after
 * non-ASCII text). The fix is computed from the current analysis, so a diagnostic of an older text
 * that no longer matches a finding on its line gets no quick fix.
 */
function findingFor(diagnostic: Diagnostic, findings: readonly Finding[], lines: LineIndex): Finding | undefined {
  const line = diagnostic.range?.start?.line;
  if (typeof line !== 'number') return undefined;
  const data = isObject(diagnostic.data) ? diagnostic.data : {};
  const character = typeof data.character === 'number' ? data.character : diagnostic.range.start.character;
  const lineStart = lines.offsetAt({ line, character: 0 });
  const lineEnd = lines.offsetAt({ line: line + 1, character: 0 });
  let fallback: Finding | undefined;
  let candidates = 0;
  for (const finding of findings) {
    if (finding.code !== diagnostic.code || finding.span.start < lineStart || finding.span.start > lineEnd) continue;
    const start = lines.rangeOf(finding.span.start, finding.span.start).start;
    if (start.line !== line) continue;
    if (start.character === character) return finding;
    fallback = finding;
    candidates++;
  }
  // Without a column to go by, a single finding of that code on the line is the one.
  return candidates === 1 && typeof data.character !== 'number' ? fallback : undefined;
}
