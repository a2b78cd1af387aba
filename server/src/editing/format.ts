/**
 * Document formatting that WSL cannot notice: it only changes blanks that WSL skips.
 *
 * - `key = value` spacing follows the file's majority: ` = ` when more than half of the entries with
 *   a value use blanks on both sides of `=`, `=` otherwise.
 * - Indentation before keys and section headers is removed (WSL skips it).
 * - Trailing blanks are removed after a value, a section header, a comment and on blank lines.
 * - Comments, values, line continuations, blank lines and line breaks are never changed, and lines
 *   are never joined or split. Lines WSL rejects keep everything but their indentation and their
 *   trailing blanks, and keep those too when a quote or a final backslash could make them count.
 *
 * Everything is decided on the parser's spans (the lines after a Linux stop included, see
 * `structureOf`), so formatting reads the file exactly as WSL does: where a value ends, what is
 * quoted, which lines continue a value.
 */
import { LineIndex, linesFrom } from '../core/lineIndex';
import type { Element, Entry, ParsedConfig, Span } from '../core/parser';
import { structureOf, type EditorStructure } from './structure';
import { lineEndOf, lineStartOf, type OffsetEdit } from './text';

export type EqualsStyle = 'tight' | 'spaced';

const isBlank = (c: string | undefined): boolean => c === ' ' || c === '\t';
const allBlank = (text: string, start: number, end: number): boolean => {
  for (let i = start; i < end; i++) if (!isBlank(text[i])) return false;
  return true;
};

/** Whether a value (not a comment, not the line end) follows `=`. */
const hasValue = (entry: Entry): boolean => entry.valueSpan.end > entry.valueSpan.start;

/** The file's `=` style: spaced when more than half of the entries with a value use ` = `. */
export function equalsStyle(entries: readonly Entry[]): EqualsStyle {
  let spaced = 0;
  let total = 0;
  for (const entry of entries) {
    if (!hasValue(entry)) continue;
    total++;
    if (entry.equalsOffset > entry.keySpan.end && entry.valueSpan.start > entry.equalsOffset + 1) spaced++;
  }
  return spaced * 2 > total ? 'spaced' : 'tight';
}

export interface LineRange {
  /** First line to format (0-based). */
  startLine: number;
  /** Last line to format, inclusive. */
  endLine: number;
}

/**
 * Minimal edits that format the parsed text (or only the lines of `range`). `structure` is the
 * editor's structure of that parse, when the caller already has it (the server caches it per version).
 */
export function formatEdits(
  parsed: ParsedConfig,
  range?: LineRange,
  structure: EditorStructure = structureOf(parsed),
): OffsetEdit[] {
  const text = parsed.text;
  const spacing = equalsStyle(structure.entries) === 'spaced' ? ' ' : '';
  const lines = range ? new LineIndex(text) : undefined;
  const edits: OffsetEdit[] = [];
  const replace = (start: number, end: number, newText: string): void => {
    if (lines && range) {
      const line = lines.lineOf(start);
      if (line < range.startLine || line > range.endLine) return;
    }
    if (text.slice(start, end) !== newText) edits.push({ start, end, newText });
  };
  /** Removes the blanks from `from` to the end of its line, when that is all there is. */
  const trimFrom = (from: number): void => {
    const end = lineEndOf(text, from);
    if (end > from && allBlank(text, from, end)) replace(from, end, '');
  };
  /** Removes the blanks that indent `start`. */
  const unindent = (start: number): void => {
    const lineStart = lineStartOf(text, start);
    if (start > lineStart && allBlank(text, lineStart, start)) replace(lineStart, start, '');
  };

  // Lines holding something (an element or the continuation of a value); the others are blank.
  const held = new Set<number>();
  for (const element of structure.elements) {
    for (const line of linesOf(text, element)) held.add(line);
    switch (element.kind) {
      case 'entry':
        unindent(element.keySpan.start);
        replace(element.keySpan.end, element.equalsOffset, spacing);
        if (hasValue(element)) replace(element.equalsOffset + 1, element.valueSpan.start, spacing);
        trimFrom(
          element.comment
            ? trimmedEnd(text, element.comment)
            : hasValue(element)
              ? element.valueSpan.end
              : element.equalsOffset + 1,
        );
        break;
      case 'section':
        unindent(element.span.start);
        trimFrom(element.comment ? trimmedEnd(text, element.comment) : element.span.end);
        break;
      case 'comment':
        trimFrom(trimmedEnd(text, element.span));
        break;
      case 'invalid': {
        // A rejected line is left as typed, except for the blanks WSL skips: all of its indentation,
        // and its trailing blanks unless a quote or a backslash could make them part of something.
        unindent(element.span.start);
        const content = text.slice(element.span.start, element.span.end);
        if (!content.includes('"') && !/\\[ \t]*$/.test(content)) trimFrom(trimmedEnd(text, element.span));
        break;
      }
    }
  }
  for (const line of linesFrom(text, 0)) if (!held.has(line.start)) trimFrom(line.start);
  return edits;
}

/** Start offsets of the physical lines an element covers (an entry's value may continue on more). */
function linesOf(text: string, element: Element): number[] {
  const start = element.kind === 'entry' ? element.keySpan.start : element.span.start;
  const end = element.kind === 'entry' ? Math.max(element.span.end, element.comment?.end ?? 0) : element.span.end;
  const lines: number[] = [];
  for (const line of linesFrom(text, lineStartOf(text, start))) {
    lines.push(line.start);
    if (line.end >= end) break;
  }
  return lines;
}

/** The end of a span without its trailing blanks (a comment's span runs to the line end). */
function trimmedEnd(text: string, span: Span): number {
  let end = span.end;
  while (end > span.start && isBlank(text[end - 1])) end--;
  return end;
}
