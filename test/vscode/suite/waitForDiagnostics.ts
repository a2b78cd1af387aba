/**
 * Waiting for the language server's diagnostics through the VS Code API, shared by the suites.
 */
import * as vscode from 'vscode';

export const DIAGNOSTICS_TIMEOUT_MS = 30000;

export function describeDiagnostics(diagnostics: readonly vscode.Diagnostic[]): string {
  if (!diagnostics.length) return '  (none)';
  return diagnostics
    .map((d) => {
      const lines =
        d.range.start.line === d.range.end.line
          ? `${d.range.start.line + 1}`
          : `${d.range.start.line + 1}-${d.range.end.line + 1}`;
      const tags = d.tags?.length ? ` tags=${d.tags.map((t) => vscode.DiagnosticTag[t]).join(',')}` : '';
      return `  ${vscode.DiagnosticSeverity[d.severity]} line ${lines} [${d.source ?? ''}] ${d.message}${tags}`;
    })
    .join('\n');
}

/**
 * Resolves with the diagnostics of `uri` once `done` accepts them, re-checking on every diagnostics
 * change event (no fixed sleeps). Rejects after `timeoutMs` listing what was there.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  done: (diagnostics: vscode.Diagnostic[]) => boolean,
  what: string,
  timeoutMs = DIAGNOSTICS_TIMEOUT_MS,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const diagnostics = vscode.languages.getDiagnostics(uri);
      if (!done(diagnostics)) return false;
      finish();
      resolve(diagnostics);
      return true;
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((changed) => changed.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      finish();
      reject(
        new Error(
          `timed out after ${timeoutMs} ms waiting for ${what} on ${uri.path}; current diagnostics:\n${describeDiagnostics(vscode.languages.getDiagnostics(uri))}`,
        ),
      );
    }, timeoutMs);
    const finish = (): void => {
      clearTimeout(timer);
      subscription.dispose();
    };
    check();
  });
}
