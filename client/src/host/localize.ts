// Localisation seam for the vscode-free modules (host layer and cockpit decisions). The extension
// passes `vscode.l10n.t`; tests and the CLI pass `formatOnly`. Messages use `{0}`-style placeholders
// exactly as `vscode.l10n.t` does, and every call site passes a string literal to a function named
// `t`, so l10n/bundle.l10n.json can be checked against the sources (test/unit/client/l10nBundle.test.ts).

export type Localize = (message: string, ...args: Array<string | number | boolean>) => string;

/** `{0}`, `{1}`, … replaced by the arguments; no translation. */
export const formatOnly: Localize = (message, ...args) =>
  message.replace(/\{(\d+)\}/g, (match, index: string) => {
    const value = args[Number(index)];
    return value === undefined ? match : String(value);
  });
