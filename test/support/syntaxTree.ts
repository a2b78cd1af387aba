/**
 * A lossless token view of a parsed config file: every character of the text belongs to exactly one
 * token, so `printTokens(toTokens(parseConfig(text, mode))) === text` byte for byte.
 *
 * The tokens are derived from the parser's spans (section headers, entries, comments, rejected lines,
 * the part Linux ignores after a stop); what lies between them becomes whitespace, newline or `other`
 * tokens. The derivation also checks the spans: a span outside the text, spans that overlap, or a span
 * whose text is not what the element claims (a key span that does not hold the key, an `=` offset that
 * is not an `=`) make `toTokens` throw a `SyntaxTreeError`, so a parser bug cannot hide behind a
 * cosmetic view.
 */
import type { ParsedConfig, Span } from '../../server/src/core/parser';
import { linesFrom } from '../../server/src/core/lineIndex';

export type TokenKind =
  /** U+FEFF at offset 0 that the Windows CRT consumes (on Linux it is part of a rejected line). */
  | 'bom'
  | 'section-open'
  | 'section-name'
  | 'section-close'
  | 'key'
  | 'equals'
  /** The raw value as typed (quotes, escapes and line continuations included), trailing blanks excluded. */
  | 'value'
  /** A `#` comment, own line or trailing, without its line break. */
  | 'comment'
  /** Spaces and tabs. */
  | 'whitespace'
  /** One line break: LF, CRLF or a lone CR. */
  | 'newline'
  /** A line WSL rejected (skipped on Windows; on Linux the line where WSL stopped). */
  | 'invalid'
  /** Linux only: a line after the stop, which WSL never reads (without its line break). */
  | 'ignored'
  /** Text no element claims and that is neither blank nor a line break. */
  | 'other';

export interface Token {
  kind: TokenKind;
  start: number;
  end: number;
  /** `text.slice(start, end)` of the parsed text. */
  text: string;
}

/** The parser's spans are inconsistent with the text (a parser bug, not a problem of the input). */
export class SyntaxTreeError extends Error {
  override readonly name = 'SyntaxTreeError';
}

interface Anchor {
  kind: TokenKind;
  span: Span;
  /** What produced it, for error messages. */
  what: string;
}

/** Contiguous, non-overlapping tokens covering `parsed.text` exactly once, in text order. */
export function toTokens(parsed: ParsedConfig): Token[] {
  const text = parsed.text;
  const anchors: Anchor[] = [];
  const add = (kind: TokenKind, span: Span, what: string): void => {
    checkSpan(text, span, what);
    if (span.end > span.start) anchors.push({ kind, span, what });
  };
  const expectText = (span: Span, expected: string, what: string): void => {
    checkSpan(text, span, what);
    const actual = text.slice(span.start, span.end);
    if (actual !== expected)
      throw new SyntaxTreeError(
        `${what} at ${span.start}-${span.end} holds ${JSON.stringify(actual)}, not ${JSON.stringify(expected)}`,
      );
  };

  if (parsed.mode === 'windows' && text.charCodeAt(0) === 0xfeff) add('bom', { start: 0, end: 1 }, 'byte order mark');

  for (const element of parsed.elements) {
    switch (element.kind) {
      case 'section': {
        const { span, nameSpan } = element;
        const what = `section [${element.name}]`;
        checkSpan(text, span, what);
        expectText({ start: span.start, end: span.start + 1 }, '[', `${what} open bracket`);
        expectText({ start: span.end - 1, end: span.end }, ']', `${what} close bracket`);
        expectText(nameSpan, element.name, `${what} name`);
        if (nameSpan.start !== span.start + 1 || nameSpan.end !== span.end - 1) {
          throw new SyntaxTreeError(
            `${what}: name ${nameSpan.start}-${nameSpan.end} is not between the brackets ${span.start}-${span.end}`,
          );
        }
        add('section-open', { start: span.start, end: span.start + 1 }, `${what} open bracket`);
        add('section-name', nameSpan, `${what} name`);
        add('section-close', { start: span.end - 1, end: span.end }, `${what} close bracket`);
        if (element.comment) addComment(text, element.comment, `${what} comment`, add);
        break;
      }
      case 'entry': {
        const what = `entry ${element.fullName}`;
        expectText(element.keySpan, element.key, `${what} key`);
        expectText({ start: element.equalsOffset, end: element.equalsOffset + 1 }, '=', `${what} equals`);
        expectText(element.valueSpan, element.rawValue, `${what} value`);
        if (
          element.span.start !== element.keySpan.start ||
          element.span.end < element.equalsOffset + 1 ||
          element.span.end < element.valueSpan.end
        ) {
          throw new SyntaxTreeError(
            `${what}: span ${element.span.start}-${element.span.end} does not hold its key, '=' and value`,
          );
        }
        add('key', element.keySpan, `${what} key`);
        add('equals', { start: element.equalsOffset, end: element.equalsOffset + 1 }, `${what} equals`);
        add('value', element.valueSpan, `${what} value`);
        if (element.comment) addComment(text, element.comment, `${what} comment`, add);
        break;
      }
      case 'comment':
        addComment(text, element.span, 'comment', add);
        break;
      case 'invalid': {
        const what = `rejected line (${element.issue.code})`;
        const issue = element.issue.span;
        checkSpan(text, issue, `${what} issue`);
        checkSpan(text, element.span, what);
        // The offending characters start on the rejected line (an empty issue span may sit at its end).
        if (issue.start < element.span.start || issue.start > element.span.end) {
          throw new SyntaxTreeError(
            `${what}: issue ${issue.start}-${issue.end} lies outside the line ${element.span.start}-${element.span.end}`,
          );
        }
        add('invalid', element.span, what);
        break;
      }
    }
  }

  if (parsed.stoppedAt !== undefined || parsed.ignoredFrom !== undefined) {
    if (parsed.mode !== 'linux') throw new SyntaxTreeError('stoppedAt/ignoredFrom set in windows mode');
    if (parsed.stoppedAt === undefined || parsed.ignoredFrom === undefined)
      throw new SyntaxTreeError('only one of stoppedAt/ignoredFrom is set');
    checkSpan(text, { start: parsed.stoppedAt, end: parsed.ignoredFrom }, 'stopping line');
    // Each ignored line is a token of its own; the line breaks between them are newline tokens.
    for (const line of linesFrom(text, parsed.ignoredFrom)) add('ignored', line, 'ignored line');
  }

  // Elements come in text order except trailing comments, which the loop above adds right after their
  // owner; a stable sort by start keeps equal starts (impossible for non-empty tokens) in order.
  anchors.sort((a, b) => a.span.start - b.span.start);
  const tokens: Token[] = [];
  let at = 0;
  let previous: Anchor | undefined;
  for (const anchor of anchors) {
    if (anchor.span.start < at) {
      throw new SyntaxTreeError(
        `${anchor.what} at ${anchor.span.start}-${anchor.span.end} overlaps ${previous?.what ?? 'the text before it'} ending at ${at}`,
      );
    }
    fillGap(text, at, anchor.span.start, tokens);
    tokens.push({
      kind: anchor.kind,
      start: anchor.span.start,
      end: anchor.span.end,
      text: text.slice(anchor.span.start, anchor.span.end),
    });
    at = anchor.span.end;
    previous = anchor;
  }
  fillGap(text, at, text.length, tokens);
  return tokens;
}

/** The text of the tokens, concatenated. For tokens of `toTokens(parsed)` it is `parsed.text`. */
export function printTokens(tokens: readonly Token[]): string {
  let result = '';
  for (const token of tokens) result += token.text;
  return result;
}

/**
 * Throws unless the tokens are contiguous from 0, non-empty, consistent with their offsets, and end at
 * `length` (when given). `toTokens` guarantees this; the check is for tests and for callers that edit
 * token lists.
 */
export function assertTokensCover(tokens: readonly Token[], length?: number): void {
  let at = 0;
  for (const token of tokens) {
    if (token.start !== at) throw new SyntaxTreeError(`token ${token.kind} starts at ${token.start}, expected ${at}`);
    if (token.end <= token.start) throw new SyntaxTreeError(`empty ${token.kind} token at ${token.start}`);
    if (token.text.length !== token.end - token.start)
      throw new SyntaxTreeError(`${token.kind} token text does not match its offsets at ${token.start}`);
    at = token.end;
  }
  if (length !== undefined && at !== length) throw new SyntaxTreeError(`tokens end at ${at}, the text at ${length}`);
}

function checkSpan(text: string, span: Span, what: string): void {
  if (
    !Number.isInteger(span.start) ||
    !Number.isInteger(span.end) ||
    span.start < 0 ||
    span.end < span.start ||
    span.end > text.length
  ) {
    throw new SyntaxTreeError(`${what}: span ${span.start}-${span.end} is not inside the text (length ${text.length})`);
  }
}

function addComment(
  text: string,
  span: Span,
  what: string,
  add: (kind: TokenKind, span: Span, what: string) => void,
): void {
  checkSpan(text, span, what);
  if (span.end > span.start && text.charCodeAt(span.start) !== 35) {
    throw new SyntaxTreeError(`${what} at ${span.start}-${span.end} does not start with '#'`);
  }
  add('comment', span, what);
}

/** Blanks, line breaks and anything else between two anchored tokens. */
function fillGap(text: string, from: number, to: number, tokens: Token[]): void {
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    let end = i + 1;
    let kind: TokenKind;
    if (c === 10) {
      kind = 'newline';
    } else if (c === 13) {
      kind = 'newline';
      if (end < to && text.charCodeAt(end) === 10) end++;
    } else if (c === 32 || c === 9) {
      kind = 'whitespace';
      while (end < to && (text.charCodeAt(end) === 32 || text.charCodeAt(end) === 9)) end++;
    } else {
      kind = 'other';
      while (end < to) {
        const d = text.charCodeAt(end);
        if (d === 10 || d === 13 || d === 32 || d === 9) break;
        end++;
      }
    }
    tokens.push({ kind, start: i, end, text: text.slice(i, end) });
    i = end;
  }
}
