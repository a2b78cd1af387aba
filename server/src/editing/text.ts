/**
 * Offset-based text edits and physical-line helpers shared by the editing features (quick fixes,
 * formatting, completion). No LSP types here: the CLI and the client can reuse them.
 *
 * Line breaks are LF, CRLF and a lone CR, the way editors (and `LineIndex`) split lines.
 */
import type { Span } from '../core/parser';
import { sortEdits, type OffsetEdit } from '../core/textEdits';

export { applyOffsetEdits, sortEdits, type OffsetEdit } from '../core/textEdits';

const isBreak = (c: string | undefined): boolean => c === '\n' || c === '\r';

/** Offset of the first character of the line that contains `offset`. */
export function lineStartOf(text: string, offset: number): number {
  let i = Math.max(0, Math.min(offset, text.length));
  while (i > 0 && !isBreak(text[i - 1])) i--;
  return i;
}

/** Offset of the line break (or the end of text) that ends the line containing `offset`. */
export function lineEndOf(text: string, offset: number): number {
  let i = Math.max(0, Math.min(offset, text.length));
  while (i < text.length && !isBreak(text[i])) i++;
  return i;
}

/** The offset just past the line break that starts at `end` (or `end` itself at the end of text). */
export function afterBreak(text: string, end: number): number {
  if (text[end] === '\r') return text[end + 1] === '\n' ? end + 2 : end + 1;
  if (text[end] === '\n') return end + 1;
  return end;
}

/** Start of the line break that ends just before `start` (`start` itself when there is none). */
function beforeBreak(text: string, start: number): number {
  if (start >= 2 && text[start - 1] === '\n' && text[start - 2] === '\r') return start - 2;
  if (start >= 1 && isBreak(text[start - 1])) return start - 1;
  return start;
}

/** The document's line break: the first one found, LF when there is none. */
export function eolOf(text: string): string {
  const match = /\r\n|\n|\r/.exec(text);
  return match ? match[0] : '\n';
}

/**
 * The range that deletes the physical lines holding `span`, line break included, so no empty line is
 * left behind. Undefined when those lines hold something else than blanks before the span or blanks
 * and a `#` comment after it (then only the span itself can be deleted).
 */
export function wholeLinesRange(text: string, span: Span): Span | undefined {
  const start = lineStartOf(text, span.start);
  if (!/^[ \t]*$/.test(text.slice(start, span.start))) return undefined;
  const contentEnd = lineEndOf(text, span.end);
  if (!/^[ \t]*(#.*)?$/.test(text.slice(span.end, contentEnd))) return undefined;
  const next = afterBreak(text, contentEnd);
  if (next > contentEnd) return { start, end: next };
  // The last line has no line break: take the one before it instead, unless that break ends a
  // backslash continuation, which would then continue into the end of the file.
  const before = beforeBreak(text, start);
  if (before > 0 && text[before - 1] === '\\') return { start, end: contentEnd };
  return { start: before, end: contentEnd };
}

/** Whether two edits change overlapping text (touching edits do not overlap). */
export function editsOverlap(a: Span, b: Span): boolean {
  if (a.start === a.end && b.start === b.end) return a.start === b.start;
  if (a.start === a.end) return b.start < a.start && a.start < b.end;
  if (b.start === b.end) return a.start < b.start && b.start < a.end;
  return a.start < b.end && b.start < a.end;
}

/**
 * Merges edits that touch or sit at the same position into one replacement, so no client has to
 * guess the order of an insertion next to a deletion. Drops edits that change nothing.
 */
export function coalesceEdits(text: string, edits: readonly OffsetEdit[]): OffsetEdit[] {
  const result: OffsetEdit[] = [];
  for (const edit of sortEdits(edits)) {
    const last = result[result.length - 1];
    if (last && edit.start <= last.end) {
      if (edit.start < last.end) throw new Error(`overlapping edits at ${edit.start}`);
      last.newText += edit.newText;
      last.end = edit.end;
    } else {
      result.push({ ...edit });
    }
  }
  return result.filter((edit) => text.slice(edit.start, edit.end) !== edit.newText);
}
