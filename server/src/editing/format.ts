/**
 * Document formatting that WSL cannot notice: it only changes blanks that WSL skips.
 *
 * - `key = value` spacing follows the file's majority: ` = ` when more than half of the entries with
 *   a value use blanks on both sides of `=`, `=` otherwise.
 * - Indentation before keys and section headers is removed (WSL skips it).
 * - Trailing blanks are removed, except inside double quotes and after a backslash (where they are
 *   part of the value or of an escape).
 * - Comments, values, line continuations, blank lines and line breaks are never changed, and lines
 *   are never joined or split. Lines that are continuations of a value are left alone entirely.
 */
import type { ParseMode } from '../core/parser';
import { afterBreak, lineEndOf, type OffsetEdit } from './text';

export type EqualsStyle = 'tight' | 'spaced';

interface KeyLine {
  lineStart: number;
  keyStart: number;
  keyEnd: number;
  equals: number;
  /** First character after the blanks that follow `=`. */
  valueStart: number;
  /** Whether a value (not a comment, not the line end) follows `=` on this line. */
  hasValue: boolean;
}

interface LineFacts {
  start: number;
  contentEnd: number;
  /** Offset where trailing removable blanks start (== contentEnd when there are none). */
  trimFrom: number;
  /** Blanks before a key or section header that can be removed. */
  indentEnd?: number;
  key?: KeyLine;
}

const isBlank = (c: string | undefined): boolean => c === ' ' || c === '\t';
const isAlpha = (c: string | undefined): boolean => c !== undefined && /^[A-Za-z]$/.test(c);
const isAlnum = (c: string | undefined): boolean => c !== undefined && /^[A-Za-z0-9]$/.test(c);

/** Splits the text into lines and finds, per line, what formatting may touch. */
function scan(text: string, mode: ParseMode): LineFacts[] {
  const lines: LineFacts[] = [];
  let start = 0;
  // A value continued from the previous line (`\` + line break), and whether it is inside quotes.
  let continued = false;
  let inQuote = false;
  for (;;) {
    const contentEnd = lineEndOf(text, start);
    const facts: LineFacts = { start, contentEnd, trimFrom: contentEnd };
    let i = start;
    let valueFrom: number | undefined;
    if (continued) {
      valueFrom = start;
    } else {
      inQuote = false;
      while (i < contentEnd && isBlank(text[i])) i++;
      const first = text[i];
      if (first === '[' || isAlpha(first)) facts.indentEnd = i;
      if (isAlpha(first)) {
        const keyStart = i;
        while (isAlnum(text[i])) i++;
        const keyEnd = i;
        let j = i;
        while (j < contentEnd && isBlank(text[j])) j++;
        if (text[j] === '=') {
          let v = j + 1;
          while (v < contentEnd && isBlank(text[v])) v++;
          facts.key = { lineStart: start, keyStart, keyEnd, equals: j, valueStart: v, hasValue: v < contentEnd && text[v] !== '#' };
          valueFrom = j + 1;
        }
      }
    }
    continued = false;
    let significantEnd = start;
    if (valueFrom !== undefined) {
      // Lex the value like WSL: quotes toggle, a backslash takes the next character, '#' outside quotes
      // starts a comment.
      let k = valueFrom;
      let comment = false;
      for (; k < contentEnd; k++) {
        const c = text[k];
        if (comment) {
          if (!isBlank(c)) significantEnd = k + 1;
          continue;
        }
        if (c === '"') {
          inQuote = !inQuote;
          significantEnd = k + 1;
        } else if (c === '\\') {
          if (k + 1 >= contentEnd) {
            // A backslash at the end of the line: a continuation when the break is LF (or CRLF, which
            // the Windows CRT turns into LF). WSL's Linux init drops the CR and ends the value.
            const lf = text[contentEnd] === '\n' || (mode === 'windows' && text[contentEnd] === '\r' && text[contentEnd + 1] === '\n');
            continued = lf;
            significantEnd = k + 1;
          } else {
            significantEnd = k + 2;
            k++;
          }
        } else if (c === '#' && !inQuote) {
          comment = true;
          significantEnd = k + 1;
        } else if (inQuote || !isBlank(c)) {
          significantEnd = k + 1;
        }
      }
      if (inQuote && !continued) significantEnd = contentEnd;
    } else {
      // Not a key=value line (comment, header, blank, or a line WSL rejects): blanks at the end only,
      // and nothing at all if a quote could make them part of something.
      const content = text.slice(start, contentEnd);
      const trimmed = content.replace(/[ \t]+$/, '');
      const endsWithBackslash = trimmed.endsWith('\\');
      significantEnd = content.includes('"') || endsWithBackslash ? contentEnd : start + trimmed.length;
    }
    facts.trimFrom = Math.max(significantEnd, facts.key ? facts.key.equals + 1 : start);
    lines.push(facts);
    const next = afterBreak(text, contentEnd);
    if (next === contentEnd) break;
    start = next;
  }
  return lines;
}

/** The file's `=` style: spaced when more than half of the entries with a value use ` = `. */
export function equalsStyle(text: string, mode: ParseMode): EqualsStyle {
  let spaced = 0;
  let total = 0;
  for (const line of scan(text, mode)) {
    const key = line.key;
    if (!key || !key.hasValue) continue;
    total++;
    if (key.equals > key.keyEnd && key.valueStart > key.equals + 1) spaced++;
  }
  return spaced * 2 > total ? 'spaced' : 'tight';
}

export interface LineRange {
  /** First line to format (0-based). */
  startLine: number;
  /** Last line to format, inclusive. */
  endLine: number;
}

/** Minimal edits that format the text (or only the lines of `range`). */
export function formatEdits(text: string, mode: ParseMode, range?: LineRange): OffsetEdit[] {
  const lines = scan(text, mode);
  const style = equalsStyle(text, mode);
  const edits: OffsetEdit[] = [];
  const replace = (start: number, end: number, newText: string): void => {
    if (text.slice(start, end) !== newText) edits.push({ start, end, newText });
  };
  lines.forEach((line, number) => {
    if (range && (number < range.startLine || number > range.endLine)) return;
    if (line.indentEnd !== undefined) replace(line.start, line.indentEnd, '');
    const key = line.key;
    if (key) {
      replace(key.keyEnd, key.equals, style === 'spaced' ? ' ' : '');
      if (key.hasValue) replace(key.equals + 1, key.valueStart, style === 'spaced' ? ' ' : '');
    }
    if (line.trimFrom < line.contentEnd && /^[ \t]+$/.test(text.slice(line.trimFrom, line.contentEnd))) {
      // Blanks between '=' and the line end are covered here when the value is empty.
      const from = key && !key.hasValue && line.trimFrom <= key.equals + 1 ? key.equals + 1 : line.trimFrom;
      replace(from, line.contentEnd, '');
    }
  });
  return edits;
}
