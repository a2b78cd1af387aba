/**
 * Minimal text edits on WSL config files, as pure functions on the decoded text.
 *
 * They follow WSL's own reading of the file (the one parser in parser.ts):
 * - the FIRST occurrence of a key wins, aliases included (`[experimental] networkingMode` is the
 *   same setting as `[wsl2] networkingMode`), so `setKey` rewrites the value of that occurrence;
 * - otherwise the key goes under the existing `[section]`, right after its last entry;
 * - otherwise a new section block is appended at the end.
 *
 * Everything else is left byte for byte: comments, blank lines, spacing around `=`, the line
 * ending style (LF or CRLF, taken from the file's first line break) and whether the file ends
 * with a line break. Edits are offsets into the given text; `applyTextEdits` applies them.
 * Encoding and BOM are the caller's business (encoding.ts keeps them).
 */
import type { OffsetEdit } from './textEdits';
import { catalogueIndex, type FileKind } from './catalogue';
import { modeFor, parseConfig, type Entry, type ParsedConfig, type SectionHeader } from './parser';

/** An edit to the file's text, as offsets (shared with the quick fixes). */
export type ConfigTextEdit = OffsetEdit;

export type LineEnding = '\n' | '\r\n';

export interface EditOptions {
  /** Line ending for a file that has none yet (a single line or an empty file). Default LF. */
  defaultEol?: LineEnding;
}

/** The file's line ending: the style of its first line break, else `fallback`. */
export function detectLineEnding(text: string, fallback: LineEnding = '\n'): LineEnding {
  const lf = text.indexOf('\n');
  if (lf < 0) return fallback;
  return lf > 0 && text[lf - 1] === '\r' ? '\r\n' : '\n';
}

export { applyOffsetEdits as applyTextEdits } from './textEdits';

/**
 * How a value must be written so WSL reads back exactly `value`: bare when it is plain, else in
 * double quotes with `\` and `"` escaped (WSL removes quotes and processes `\\` and `\"`).
 * Line breaks cannot be represented on one line and are refused.
 */
export function formatConfigValue(value: string): string {
  if (/[\r\n\0]/.test(value)) throw new Error('A config value cannot contain line breaks.');
  if (/^[A-Za-z0-9._:/,=+@-]*$/.test(value)) return value;
  return `"${value.replace(/[\\"]/g, (ch) => `\\${ch}`)}"`;
}

/** All entries WSL treats as `section.key` (aliases and any letter case included), in file order. */
export function findEntries(parsed: ParsedConfig, kind: FileKind, section: string, key: string): Entry[] {
  const index = catalogueIndex(kind);
  const wanted = index.lookup(section, key);
  const name = `${section}.${key}`.toLowerCase();
  return parsed.entries.filter((entry) => {
    if (wanted) return index.lookupFullName(entry.fullName) === wanted;
    return entry.fullName.toLowerCase() === name;
  });
}

/**
 * Sets `section.key` to `value` with the smallest possible edit. Returns [] when the value is
 * already exactly that text. `value` is written as `formatConfigValue` renders it.
 */
export function setKey(
  text: string,
  kind: FileKind,
  section: string,
  key: string,
  value: string,
  options: EditOptions = {},
): ConfigTextEdit[] {
  const parsed = parseConfig(text, modeFor(kind));
  const written = formatConfigValue(value);
  const first = findEntries(parsed, kind, section, key)[0];
  if (first) {
    if (text.slice(first.valueSpan.start, first.valueSpan.end) === written) return [];
    return [{ start: first.valueSpan.start, end: first.valueSpan.end, newText: written }];
  }
  const eol = detectLineEnding(text, options.defaultEol);
  const line = `${key}=${written}`;
  const header = parsed.sections.find((candidate) => candidate.name.toLowerCase() === section.toLowerCase());
  if (header) {
    const at = lineEnd(text, lastLineOfSection(parsed, header));
    return [{ start: at, end: at, newText: `${eol}${line}` }];
  }
  return [{ start: text.length, end: text.length, newText: appendedBlock(text, eol, `[${section}]${eol}${line}`) }];
}

/**
 * Removes every line that sets `section.key` (aliases included): removing only the first would
 * let a later duplicate take effect. A trailing comment on the same line goes with it; comment
 * lines above it stay.
 */
export function removeKey(text: string, kind: FileKind, section: string, key: string): ConfigTextEdit[] {
  const parsed = parseConfig(text, modeFor(kind));
  return findEntries(parsed, kind, section, key).map((entry) => wholeLine(text, entry));
}

/**
 * Turns every line that sets `section.key` into a comment (`# ` in front of the key), so the
 * value is kept for later and WSL ignores it. `note`, when given, is appended as `  # note`
 * unless the line already has a comment.
 */
export function commentOutKey(
  text: string,
  kind: FileKind,
  section: string,
  key: string,
  note?: string,
): ConfigTextEdit[] {
  const parsed = parseConfig(text, modeFor(kind));
  const edits: ConfigTextEdit[] = [];
  for (const entry of findEntries(parsed, kind, section, key)) {
    edits.push({ start: entry.keySpan.start, end: entry.keySpan.start, newText: '# ' });
    if (note !== undefined && !entry.comment && entry.continuations === 0) {
      if (/[\r\n]/.test(note)) throw new Error('A note cannot contain line breaks.');
      edits.push({ start: entry.span.end, end: entry.span.end, newText: `  # ${note}` });
    }
  }
  return edits;
}

/** Offset of the last character that belongs to the section's block of entries (or its header). */
function lastLineOfSection(parsed: ParsedConfig, header: SectionHeader): number {
  let last = header.comment ? Math.max(header.span.end, header.comment.end) : header.span.end;
  for (const entry of parsed.entries) {
    if (entry.header !== header) continue;
    last = Math.max(last, entry.span.end, entry.comment ? entry.comment.end : 0);
  }
  return last;
}

/** Offset of the line break that ends the line containing `offset` (or the end of the text). */
function lineEnd(text: string, offset: number): number {
  let i = Math.max(0, Math.min(offset, text.length));
  // `offset` is just past the last character of the element; step back into the line if it sits on the break.
  if (i > 0 && text[i - 1] === '\n') i--;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

/** The text to append for a new block, keeping the file's final-newline state. */
function appendedBlock(text: string, eol: LineEnding, block: string): string {
  if (text.length === 0) return `${block}${eol}`;
  const endsWithBreak = text.endsWith('\n') || text.endsWith('\r');
  if (!endsWithBreak) return `${eol}${eol}${block}`;
  const endsWithBlankLine = /(\r?\n)[ \t]*(\r?\n)$/.test(text);
  return endsWithBlankLine ? `${block}${eol}` : `${eol}${block}${eol}`;
}

/** The whole line of an entry including its line break (or the break before it on the last line). */
function wholeLine(text: string, entry: Entry): ConfigTextEdit {
  let start = entry.span.start;
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
  const endOfContent = lineEnd(text, entry.comment ? Math.max(entry.span.end, entry.comment.end) : entry.span.end);
  if (endOfContent < text.length) {
    const breakLength = text[endOfContent] === '\r' && text[endOfContent + 1] === '\n' ? 2 : 1;
    return { start, end: endOfContent + breakLength, newText: '' };
  }
  // Last line without a final break: take the break before it instead, so no empty line is left.
  let before = start;
  if (before > 0 && text[before - 1] === '\n') before--;
  if (before > 0 && text[before - 1] === '\r') before--;
  return { start: before, end: endOfContent, newText: '' };
}
