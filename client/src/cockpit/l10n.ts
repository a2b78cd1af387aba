// Localisation seam for the vscode-free cockpit modules. The UI passes `vscode.l10n.t`; unit
// tests pass `formatOnly`. Messages use `{0}`-style placeholders exactly as `vscode.l10n.t` does,
// and every call site passes a string literal to a function named `t`, so the bundle in
// l10n/bundle.l10n.json can be checked against the sources (test/unit/client/l10nBundle.test.ts).

export type Localize = (message: string, ...args: Array<string | number | boolean>) => string;

/** `{0}`, `{1}`, … replaced by the arguments; no translation. */
export const formatOnly: Localize = (message, ...args) =>
  message.replace(/\{(\d+)\}/g, (match, index: string) => {
    const value = args[Number(index)];
    return value === undefined ? match : String(value);
  });

/** Escapes text for Markdown (tooltips, the diagnosis preview) so paths and names render literally. */
export function md(text: string): string {
  return text.replace(/[\\`*_[\]<>|~]/g, (ch) => `\\${ch}`);
}

/** Inline code span that survives backticks in the text. */
export function code(text: string): string {
  const fence = text.includes('`') ? '``' : '`';
  return `${fence}${fence.length > 1 ? ' ' : ''}${text}${fence.length > 1 ? ' ' : ''}${fence}`;
}
