/**
 * Markdown helpers for the cockpit's localised text. The localisation seam itself (`Localize`,
 * `formatOnly`) lives in host/localize.ts so the host layer can use it too.
 */
export { formatOnly, type Localize } from '../host/localize';

/**
 * Escapes text from a file or a tool for Markdown (tooltips, the diagnosis preview), so it renders
 * literally and never as markup. Every character that means something inline gets a backslash
 * (CommonMark lets any ASCII punctuation be escaped): links, images, autolinks (`:`), HTML, entities,
 * emphasis, code spans, table pipes and `$(icon)` syntax are inert. Control characters go, and line
 * breaks become spaces, so the value cannot start a block of its own; a block marker at its very
 * start (`-`, `+`, `=`, `1.`) is escaped too, for values placed at the start of a line.
 */
export function md(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
    .replace(/\r\n|\r|\n/g, ' ')
    .replace(/[\\`*_[\]()<>|~!$&#{}:"'^@]/g, (ch) => `\\${ch}`)
    .replace(
      /^(\s*)([-+=]|\d+[.)])/,
      (_all, space: string, marker: string) => `${space}${marker.slice(0, -1)}\\${marker.slice(-1)}`,
    );
}

/** Inline code span for a literal value: the fence is longer than any run of backticks inside. */
export function code(text: string): string {
  const clean = text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').replace(/\r\n|\r|\n/g, ' ');
  const longest = Math.max(0, ...(clean.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = longest > 0 || clean.startsWith(' ') || clean.endsWith(' ') ? ' ' : '';
  return `${fence}${pad}${clean}${pad}${fence}`;
}
