/**
 * Quick fixes built from the diagnostics' fix data, and a "Fix all" source action
 * (`source.fixAll.wslNetwork`, matched by the standard `source.fixAll`) that applies every safe fix
 * in one edit. What counts as safe is defined in `editing/fixes.ts`.
 */
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic } from 'vscode-languageserver/node';
import { plainFinding, type Finding, type FindingData } from '../core/findings';
import { fixActions, fixAll } from '../editing/fixes';
import { DIAGNOSTIC_SOURCE } from './diagnosticsProvider';
import { toTextEdits, toWorkspaceEdit } from './lspEdits';
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
      ? { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll, FIX_ALL_KIND], resolveProvider: false }
      : true,
  }),
  register(context) {
    const { connection, store, settings } = context;
    connection.onCodeAction(async (params: CodeActionParams): Promise<CodeAction[]> => {
      const uri = params.textDocument.uri;
      const analyzed = store.get(uri);
      if (!analyzed) return [];
      if (!context.clientCapabilities?.textDocument?.codeAction?.codeActionLiteralSupport) return [];
      const options = await settings.forDocument(uri);
      if (!options.validate) return [];
      const { analysis, lines, document } = analyzed;
      const only = params.context.only;
      const edit = (edits: Parameters<typeof toTextEdits>[0]) => toWorkspaceEdit(uri, document.version, toTextEdits(edits, lines), context.clientCapabilities);
      const actions: CodeAction[] = [];
      const ours = params.context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE);

      if (wanted(only, CodeActionKind.QuickFix)) {
        for (const diagnostic of ours) {
          const finding = findingFor(diagnostic, analysis.findings, (f) => lines.rangeOf(f.span.start, f.span.end));
          if (!finding) continue;
          for (const action of fixActions(analysis, finding)) {
            if (action.edits.length === 0) continue;
            actions.push({ title: action.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: action.preferred || undefined, edit: edit(action.edits) });
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
    });
  },
};

/**
 * The finding behind a diagnostic, with the fixes the diagnostic carries in `data.fixes`. A diagnostic
 * must match a finding of the current analysis (same code and range): fix data of an older version of
 * the text would point at the wrong characters, so such a diagnostic gets no quick fix.
 */
function findingFor(diagnostic: Diagnostic, findings: readonly Finding[], rangeOf: (f: Finding) => Diagnostic['range']): Finding | undefined {
  const same = (a: Diagnostic['range'], b: Diagnostic['range']): boolean =>
    a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
  const current = findings.find((f) => f.code === diagnostic.code && same(rangeOf(f), diagnostic.range));
  if (!current) return undefined;
  const data = diagnostic.data as { fixes?: FindingData[] } | undefined;
  return Array.isArray(data?.fixes) ? { ...plainFinding(current), fixes: data.fixes } : current;
}
