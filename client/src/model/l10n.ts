/**
 * Markdown helpers for the cockpit's localised text. The localisation seam itself (`Localize`,
 * `formatOnly`) lives in host/localize.ts so the host layer can use it too.
 */
export { formatOnly, type Localize } from '../host/localize';

/** Escapes text for Markdown (tooltips, the diagnosis preview) so paths and names render literally. */
export function md(text: string): string {
  return text.replace(/[\\`*_[\]<>|~]/g, (ch) => `\\${ch}`);
}

/** Inline code span that survives backticks in the text. */
export function code(text: string): string {
  const fence = text.includes('`') ? '``' : '`';
  return `${fence}${fence.length > 1 ? ' ' : ''}${text}${fence.length > 1 ? ' ' : ''}${fence}`;
}
