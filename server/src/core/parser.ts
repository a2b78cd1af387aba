/**
 * The one parser for `.wslconfig`, `/etc/wsl.conf` and `/etc/wsl-distribution.conf`.
 *
 * It is a faithful re-implementation of WSL's `ParseConfigFile` (src/shared/configfile/configfile.cpp),
 * character for character, including its quirks: `#`-only comments, letter-led alphanumeric names,
 * quote toggling, the escape table, `\`+LF continuation, the CR handling that makes CRLF line numbers
 * drift on Linux, the section-name buffer that is garbled by a malformed header, and the two modes:
 * the Windows service skips a malformed line, Linux `init` stops at it.
 *
 * Besides what WSL computes, it records where every element sits in the text (offsets into the
 * string), so diagnostics have precise ranges and edits can be minimal.
 */

export type ParseMode = 'windows' | 'linux';

export interface Span {
  start: number;
  end: number;
}

export type SyntaxIssueCode =
  | 'invalid-key-name'
  | 'invalid-section-name'
  | 'expected-bracket'
  | 'expected-equals'
  | 'expected-eol'
  | 'expected-quote'
  | 'invalid-escape';

export interface SyntaxIssue {
  code: SyntaxIssueCode;
  /** WSL's message without the ` in <file>:<line>` suffix. */
  message: string;
  /** The offending characters. */
  span: Span;
  /** The line number WSL prints (its own count, which drifts on CRLF files under Linux). */
  wslLine: number;
}

export interface EscapeSequence {
  /** Offset of the backslash. */
  offset: number;
  /** The character after the backslash, or '' at end of file. */
  char: string;
  valid: boolean;
}

export interface SectionHeader {
  kind: 'section';
  /** Name as typed. */
  name: string;
  nameSpan: Span;
  /** From `[` to `]`. */
  span: Span;
  comment?: Span;
  wslLine: number;
}

export interface Entry {
  kind: 'entry';
  /** Key name as typed, without the section. */
  key: string;
  keySpan: Span;
  /**
   * The section prefix WSL uses for this key (as typed in the header), or undefined before any
   * section. After a malformed header this can be a garbled name, exactly as WSL computes it.
   */
  section: string | undefined;
  /** `section.key` as WSL looks it up and prints it. */
  fullName: string;
  /** The last well-formed section header above the entry (what an editor shows it under). */
  header: SectionHeader | undefined;
  equalsOffset: number;
  /** The raw value text, from its first character to its last non-blank character. */
  valueSpan: Span;
  /** The text of `valueSpan`, as typed. */
  rawValue: string;
  /** The value after quote removal, escapes and trimming: what WSL hands to the typed parser. */
  value: string;
  /** Spans of the double quotes in the value (they are removed by WSL). */
  quotes: number[];
  escapes: EscapeSequence[];
  /** Line continuations (`\` + LF) inside the value. */
  continuations: number;
  comment?: Span;
  /** From the first character of the key to the end of the value or comment. */
  span: Span;
  wslLine: number;
}

export interface CommentLine {
  kind: 'comment';
  span: Span;
}

/** A line WSL rejected. On Windows it is skipped; on Linux parsing stops there. */
export interface InvalidLine {
  kind: 'invalid';
  issue: SyntaxIssue;
  /** From the first non-blank character of the line to its end. */
  span: Span;
  /** The key (and value so far) when the line failed inside a key/value. */
  key?: string;
  keySpan?: Span;
  section?: string;
  header?: SectionHeader;
  valueStart?: number;
}

export type Element = SectionHeader | Entry | CommentLine | InvalidLine;

export interface ParsedConfig {
  text: string;
  mode: ParseMode;
  elements: Element[];
  sections: SectionHeader[];
  entries: Entry[];
  issues: SyntaxIssue[];
  /** Linux only: offset of the line where WSL stopped reading; everything from there on is ignored. */
  stoppedAt?: number;
  /** Offset just past the end of the stopping line (the first ignored byte after it). */
  ignoredFrom?: number;
}

/** The shared empty list of an entry without quotes or escapes; never mutated. */
const NONE: never[] = Object.freeze([]) as unknown as never[];

const EOF = -1;
const LF = 10;
const CR = 13;
const HASH = 35;
const QUOTE = 34;
const BACKSLASH = 92;
const EQUALS = 61;
const OPEN = 91;
const CLOSE = 93;

const isHSpace = (c: number): boolean => c === 32 || c === 9;
const isAlpha = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isAlnum = (c: number): boolean => isAlpha(c) || (c >= 48 && c <= 57);
/** Characters the value loop must look at one by one; a blank ends a run so trimming stays exact. */
const isSpecialInValue = (c: number): boolean =>
  c === QUOTE || c === BACKSLASH || c === HASH || c === LF || c === CR || c === 32 || c === 9;

/** Reads characters the way the C runtime hands them to WSL's parser. */
class CharReader {
  pos = 0;
  /** Offset where the character last returned by `get` starts. */
  last = 0;
  eof = false;

  constructor(
    private readonly text: string,
    private readonly textMode: boolean,
  ) {}

  get(): number {
    this.last = this.pos;
    if (this.pos >= this.text.length) {
      this.eof = true;
      return EOF;
    }
    const c = this.text.charCodeAt(this.pos);
    // The Windows CRT in text mode turns CRLF into LF before the parser sees it.
    if (this.textMode && c === CR && this.text.charCodeAt(this.pos + 1) === LF) {
      this.pos += 2;
      return LF;
    }
    this.pos++;
    return c;
  }

  unget(): void {
    this.pos = this.last;
    this.eof = false;
  }
}

/**
 * An entry as the parser stores it: one small object per key line. Its offsets live in the parse's
 * EntryTable, its names are shared with every entry spelled the same way, a plain value is read from
 * the text when asked, and span objects are built on first use. A 100,000-line file keeps far fewer
 * objects alive this way, and the garbage collector's work grows with what stays alive.
 */
class ParsedEntry implements Entry {
  private extras: { comment?: Span; spans?: { key: Span; value: Span; whole: Span } } | undefined = undefined;

  constructor(
    private readonly names: KeyNames,
    readonly header: SectionHeader | undefined,
    private readonly table: EntryTable,
    /** Where this entry's numbers start in `table.numbers`. */
    private readonly slot: number,
    /** Only values with quotes or backslashes have one; the others are their raw text. */
    private readonly detail: ValueDetail | undefined,
  ) {}

  get kind(): 'entry' {
    return 'entry';
  }
  get key(): string {
    return this.names.key;
  }
  get section(): string | undefined {
    return this.names.section;
  }
  get fullName(): string {
    return this.names.fullName;
  }
  get equalsOffset(): number {
    return this.table.numbers[this.slot + EQUALS_OFFSET];
  }
  set equalsOffset(offset: number) {
    this.table.numbers[this.slot + EQUALS_OFFSET] = offset;
  }
  get wslLine(): number {
    return this.table.numbers[this.slot + WSL_LINE];
  }
  set wslLine(line: number) {
    this.table.numbers[this.slot + WSL_LINE] = line;
  }
  get value(): string {
    return this.detail ? this.detail.value : this.rawText();
  }
  get rawValue(): string {
    return this.detail ? this.detail.rawValue : this.rawText();
  }
  get quotes(): number[] {
    return this.detail ? this.detail.quotes : NONE;
  }
  get escapes(): EscapeSequence[] {
    return this.detail ? this.detail.escapes : NONE;
  }
  get continuations(): number {
    return this.detail ? this.detail.continuations : 0;
  }
  get comment(): Span | undefined {
    return this.extras?.comment;
  }
  set comment(span: Span | undefined) {
    (this.extras ??= {}).comment = span;
  }
  get keySpan(): Span {
    return this.memo().key;
  }
  set keySpan(span: Span) {
    this.memo().key = span;
  }
  get valueSpan(): Span {
    return this.memo().value;
  }
  set valueSpan(span: Span) {
    this.memo().value = span;
  }
  /** From the first character of the key to the end of the value (the value starts after the '='). */
  get span(): Span {
    return this.memo().whole;
  }
  set span(span: Span) {
    this.memo().whole = span;
  }

  private rawText(): string {
    const numbers = this.table.numbers;
    return this.table.text.slice(numbers[this.slot + VALUE_START], numbers[this.slot + VALUE_END]);
  }

  /** The span objects, built together on first use so each keeps its identity afterwards. */
  private memo(): { key: Span; value: Span; whole: Span } {
    const extras = (this.extras ??= {});
    if (!extras.spans) {
      const numbers = this.table.numbers;
      const keyStart = numbers[this.slot + KEY_START];
      const valueStart = numbers[this.slot + VALUE_START];
      const valueEnd = numbers[this.slot + VALUE_END];
      extras.spans = {
        key: { start: keyStart, end: keyStart + this.names.key.length },
        value: { start: valueStart, end: valueEnd },
        whole: { start: keyStart, end: valueEnd },
      };
    }
    return extras.spans;
  }
}

/** Where each of an entry's numbers sits within its slot of the EntryTable. */
const KEY_START = 0;
const EQUALS_OFFSET = 1;
const VALUE_START = 2;
const VALUE_END = 3;
const WSL_LINE = 4;
const NUMBERS_PER_ENTRY = 5;

/**
 * The offsets and line numbers of one parse's entries, five per entry in one growing Int32Array. Its
 * memory is outside the JavaScript heap, so the garbage collector neither copies nor scans it.
 */
class EntryTable {
  numbers = new Int32Array(NUMBERS_PER_ENTRY * 64);
  private used = 0;

  constructor(readonly text: string) {}

  /** Stores one entry's numbers; returns its slot. */
  add(keyStart: number, equalsOffset: number, valueStart: number, valueEnd: number, wslLine: number): number {
    if (this.used + NUMBERS_PER_ENTRY > this.numbers.length) {
      const grown = new Int32Array(this.numbers.length * 2);
      grown.set(this.numbers);
      this.numbers = grown;
    }
    const slot = this.used;
    this.numbers[slot + KEY_START] = keyStart;
    this.numbers[slot + EQUALS_OFFSET] = equalsOffset;
    this.numbers[slot + VALUE_START] = valueStart;
    this.numbers[slot + VALUE_END] = valueEnd;
    this.numbers[slot + WSL_LINE] = wslLine;
    this.used += NUMBERS_PER_ENTRY;
    return slot;
  }
}

/** What sets a value with quotes or backslashes apart from the text as typed. */
interface ValueDetail {
  value: string;
  rawValue: string;
  quotes: number[];
  escapes: EscapeSequence[];
  continuations: number;
}

/** The names of a key as typed under one state of WSL's section buffer. */
interface KeyNames {
  key: string;
  section: string | undefined;
  fullName: string;
}

/**
 * The names WSL computes for keys under one state of its section buffer: the section, and
 * `section.key` per key as typed. One per distinct buffer state in a file, so a file that repeats
 * the same sections and keys shares one string per spelling instead of building new ones per line.
 */
class SectionNames {
  /** The section WSL prints for these keys, or undefined before any section. */
  readonly section: string | undefined;
  private readonly known = new Map<string, KeyNames>();

  /** `prefix`: the buffer's first `sectionLength` characters, NUL-padded when a malformed header left it short. */
  constructor(private readonly prefix: string) {
    const nul = prefix.indexOf('\0');
    this.section = prefix.length === 0 ? undefined : nul >= 0 ? prefix.slice(0, nul) : prefix;
  }

  /** The key as typed (one shared string per spelling) and WSL's `section.key`, cut at a NUL as C++ prints it. */
  names(typed: string): KeyNames {
    let names = this.known.get(typed);
    if (names === undefined) {
      const buffer = this.prefix.length > 0 ? `${this.prefix}.${typed}` : typed;
      const nul = buffer.indexOf('\0');
      names = { key: typed, section: this.section, fullName: nul >= 0 ? buffer.slice(0, nul) : buffer };
      this.known.set(typed, names);
    }
    return names;
  }
}

/** The SectionNames of each buffer state met in one file. */
class NameTable {
  private readonly byPrefix = new Map<string, SectionNames>();

  forBuffer(buffer: string, sectionLength: number): SectionNames {
    const prefix = buffer.length >= sectionLength ? buffer.slice(0, sectionLength) : buffer.padEnd(sectionLength, '\0');
    let names = this.byPrefix.get(prefix);
    if (names === undefined) {
      names = new SectionNames(prefix);
      this.byPrefix.set(prefix, names);
    }
    return names;
  }
}

function describeChar(c: number): string {
  return c === EOF ? '' : String.fromCharCode(c);
}

export function parseConfig(text: string, mode: ParseMode): ParsedConfig {
  const skipInvalidLines = mode === 'windows';
  // The Windows CRT consumes a UTF-8 BOM (ccs=UTF-8); Linux init sees it as a non-letter.
  const reader = new CharReader(text, mode === 'windows');
  if (mode === 'windows' && text.charCodeAt(0) === 0xfeff) reader.pos = 1;

  const result: ParsedConfig = { text, mode, elements: [], sections: [], entries: [], issues: [] };
  let ch = 0;
  let line = 0;
  let trailingComment = false;
  let sectionLength = 0;
  // WSL keeps the section name and the current key in one buffer; a malformed header changes the
  // buffer but not `sectionLength`, which garbles the names of the keys that follow. Each key line
  // cuts the buffer back to `sectionLength`, so only what a header wrote outlives a line: that is
  // what is kept here, and the names derived from it are rebuilt only when a header writes it.
  let keyBuffer = '';
  const nameTable = new NameTable();
  const table = new EntryTable(text);
  let sectionNames: SectionNames | undefined;
  let header: SectionHeader | undefined;
  let lastEntryOrSection: SectionHeader | Entry | undefined;
  let lineStart = 0;

  const issue = (code: SyntaxIssueCode, message: string, start: number, end: number): SyntaxIssue => {
    const found: SyntaxIssue = { code, message, span: { start, end: Math.max(end, start) }, wslLine: line };
    result.issues.push(found);
    return found;
  };

  /** Consumes the rest of a rejected line (Windows) or stops parsing (Linux). Returns true to stop. */
  const invalidLine = (found: SyntaxIssue, extra: Partial<InvalidLine> = {}): boolean => {
    const invalid: InvalidLine = {
      kind: 'invalid',
      issue: found,
      span: { start: lineStart, end: lineStart },
      ...extra,
    };
    result.elements.push(invalid);
    if (!skipInvalidLines) {
      result.stoppedAt = lineStart;
      let end = found.span.end;
      while (end < text.length && text.charCodeAt(end) !== LF && text.charCodeAt(end) !== CR) end++;
      invalid.span.end = end;
      if (text.charCodeAt(end) === CR) end++;
      if (text.charCodeAt(end) === LF) end++;
      result.ignoredFrom = end;
      return true;
    }
    while (ch !== EOF && ch !== LF) ch = reader.get();
    invalid.span.end = ch === LF ? reader.last : text.length;
    // Do not count the CR of a CRLF pair as part of the line.
    if (invalid.span.end > invalid.span.start && text.charCodeAt(invalid.span.end - 1) === CR) invalid.span.end--;
    return false;
  };

  /** Skips a `#` comment up to and including its LF, counting that line break like WSL does. */
  const skipComment = (start: number): void => {
    let end = start + 1;
    do {
      ch = reader.get();
      if (ch !== LF && ch !== EOF && ch !== CR) end = reader.pos;
      if (ch === CR) {
        ch = reader.get();
        if (ch !== LF && ch !== EOF) end = reader.pos;
      }
      if (ch === LF) line++;
    } while (ch !== LF && ch !== EOF);
    const span = { start, end };
    if (trailingComment && lastEntryOrSection) lastEntryOrSection.comment = span;
    else result.elements.push({ kind: 'comment', span });
  };

  // Stryker disable next-line all: StrykerJS's instrumenter wraps a mutated labelled loop in a block, after
  // which `continue newLine` no longer names a loop and the mutated code does not compile.
  newLine: for (;;) {
    if (!trailingComment) line++;

    for (;;) {
      if (ch === HASH) {
        skipComment(reader.last);
        trailingComment = false;
      }
      if (reader.eof) return result;

      ch = reader.get();
      while (isHSpace(ch)) ch = reader.get();
      lineStart = reader.last;

      if (ch === EOF) continue;
      if (ch === CR) {
        const next = reader.get();
        if (next === LF) line++;
        else reader.unget();
        continue;
      }
      if (ch === LF) {
        line++;
        continue;
      }
      if (ch === HASH) continue;
      if (ch === OPEN) break;
      if (!isAlpha(ch)) {
        const found = issue('invalid-key-name', 'Invalid key name', reader.last, reader.pos);
        if (invalidLine(found)) return result;
        continue newLine;
      }

      // ---- key = value; the first character of the key is in ch.
      const keyStart = reader.last;
      do ch = reader.get();
      while (isAlnum(ch));
      const keySpan = { start: keyStart, end: reader.last };
      sectionNames ??= nameTable.forBuffer(keyBuffer, sectionLength);
      const names = sectionNames.names(text.slice(keyStart, reader.last));
      const { key, section } = names;

      while (isHSpace(ch)) ch = reader.get();
      if (ch !== EQUALS) {
        const atLineEnd = ch === EOF || ch === LF || ch === CR;
        const found = issue('expected-equals', "Expected '='", reader.last, atLineEnd ? reader.last : reader.pos);
        if (invalidLine(found, { key, keySpan, section, header })) return result;
        continue newLine;
      }
      const equalsOffset = reader.last;
      ch = reader.get();
      while (isHSpace(ch)) ch = reader.get();

      // Remove unescaped quotes, apply escapes and continuations; stop at LF, CR, EOF or an unquoted '#'.
      const valueStart = reader.last;
      let value = '';
      let trimmedLength = 0;
      let trimmedEnd = valueStart;
      let inQuote = false;
      // Most values have neither: share one empty array instead of allocating two per entry.
      let quotes: number[] = NONE;
      let escapes: EscapeSequence[] = NONE;
      let continuations = 0;
      let crEscape = false;
      let sawBackslash = false;
      let commentStart: number | undefined;
      let failed: SyntaxIssue | undefined;
      while (ch !== EOF && ch !== LF && ch !== CR) {
        if (ch === QUOTE) {
          inQuote = !inQuote;
          if (quotes === NONE) quotes = [];
          quotes.push(reader.last);
        } else if (ch === BACKSLASH) {
          const backslash = reader.last;
          sawBackslash = true;
          const ch2 = reader.get();
          // Linux drops a CR after a backslash; it is a line break, not part of the value as typed.
          if (ch2 === CR) crEscape = true;
          if (ch2 === BACKSLASH || ch2 === QUOTE) value += String.fromCharCode(ch2);
          else if (ch2 === 98) value += '\b';
          else if (ch2 === 110) value += '\n';
          else if (ch2 === 116) value += '\t';
          else if (ch2 === LF) {
            line++;
            continuations++;
          } else if (ch2 !== CR) {
            if (escapes === NONE) escapes = [];
            escapes.push({ offset: backslash, char: describeChar(ch2), valid: false });
            failed = issue(
              'invalid-escape',
              `Invalid escaped character: '${describeChar(ch2)}'`,
              backslash,
              reader.pos,
            );
            break;
          }
          if (ch2 !== CR && ch2 !== LF) {
            if (escapes === NONE) escapes = [];
            escapes.push({ offset: backslash, char: describeChar(ch2), valid: true });
          }
        } else if (ch === HASH && !inQuote) {
          trailingComment = true;
          commentStart = reader.last;
          break;
        } else {
          // Append the whole run of ordinary characters at once; long values stay linear.
          const runStart = reader.last;
          let runEnd = reader.pos;
          while (runEnd < text.length && !isSpecialInValue(text.charCodeAt(runEnd))) runEnd++;
          value += text.slice(runStart, runEnd);
          reader.pos = runEnd;
          reader.last = runEnd - 1;
          ch = text.charCodeAt(runEnd - 1);
        }
        if (!isHSpace(ch)) {
          trimmedLength = value.length;
          trimmedEnd = crEscape ? reader.pos - 1 : reader.pos;
        }
        crEscape = false;
        ch = reader.get();
      }

      if (failed) {
        if (invalidLine(failed, { key, keySpan, section, header, valueStart })) return result;
        continue newLine;
      }
      if (inQuote) {
        const found = issue('expected-quote', 'Expected "', quotes[quotes.length - 1], quotes[quotes.length - 1] + 1);
        // The value ended at a line break, '#' cannot end a quoted value; ch is LF, CR or EOF here.
        if (invalidLine(found, { key, keySpan, section, header, valueStart })) return result;
        continue newLine;
      }

      const valueEnd = Math.max(valueStart, trimmedEnd);
      // Without quotes or backslashes the value is the text as typed: no copy, no detail object.
      const detail =
        quotes === NONE && !sawBackslash
          ? undefined
          : {
              value: value.slice(0, trimmedLength),
              rawValue: text.slice(valueStart, valueEnd),
              quotes,
              escapes,
              continuations,
            };
      const entry = new ParsedEntry(
        names,
        header,
        table,
        table.add(keyStart, equalsOffset, valueStart, valueEnd, line),
        detail,
      );
      result.elements.push(entry);
      result.entries.push(entry);
      lastEntryOrSection = entry;
      if (commentStart !== undefined) ch = HASH;
      continue newLine;
    }

    // ---- [section]; '[' is in ch.
    const open = reader.last;
    ch = reader.get();
    if (!isAlpha(ch)) {
      const found = issue(
        'invalid-section-name',
        'Invalid section name',
        reader.last,
        ch === EOF || ch === LF || ch === CR ? reader.last : reader.pos,
      );
      if (invalidLine(found)) return result;
      continue;
    }
    const nameStart = reader.last;
    do ch = reader.get();
    while (isAlnum(ch));
    keyBuffer = text.slice(nameStart, reader.last);
    sectionNames = undefined;
    const nameSpan = { start: nameStart, end: reader.last };
    if (ch !== CLOSE) {
      const found = issue(
        'expected-bracket',
        "Expected ']'",
        reader.last,
        ch === EOF || ch === LF || ch === CR ? reader.last : reader.pos,
      );
      if (invalidLine(found)) return result;
      continue;
    }
    const close = reader.last;
    ch = reader.get();
    while (isHSpace(ch)) ch = reader.get();
    if (ch !== EOF && ch !== LF && ch !== CR && ch !== HASH) {
      const found = issue('expected-eol', "Expected ' ' or '\\n'", reader.last, reader.pos);
      if (invalidLine(found)) return result;
      continue;
    }
    if (ch === HASH) trailingComment = true;
    sectionLength = keyBuffer.length;
    const parsedHeader: SectionHeader = {
      kind: 'section',
      name: text.slice(nameSpan.start, nameSpan.end),
      nameSpan,
      span: { start: open, end: close + 1 },
      wslLine: line,
    };
    header = parsedHeader;
    lastEntryOrSection = parsedHeader;
    result.elements.push(parsedHeader);
    result.sections.push(parsedHeader);
  }
}

/** The parse mode WSL uses for a file kind: the Windows service or Linux init. */
export function modeFor(kind: 'wslconfig' | 'wslconf' | 'wsldistribution'): ParseMode {
  return kind === 'wslconfig' ? 'windows' : 'linux';
}
