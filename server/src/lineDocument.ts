/**
 * An open document kept as an array of lines, so that a keystroke costs what its line costs.
 *
 * `vscode-languageserver-textdocument` keeps one string and rebuilds it on every change: each
 * keystroke copies the whole file and leaves a file-sized string for the garbage collector. Under an
 * edit storm (10,000 quick edits) that work, not the analysis, is what a hover waits behind, because
 * the connection handles the notifications in order. Here a change rewrites only the lines it
 * touches, and the whole text is joined when someone reads it: once per version at most.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver/node';
import { LineIndex, type Position, type Range } from './core/lineIndex';

/** `text` cut into lines, each with its line break (LF, CRLF or lone CR) except the last. */
function splitLines(text: string): string[] {
  const starts = new LineIndex(text).lineStarts;
  const lines = new Array<string>(starts.length);
  for (let i = 0; i < starts.length; i++) lines[i] = text.slice(starts[i], starts[i + 1] ?? text.length);
  return lines;
}

/** Above this many lines, a pasted text is not spread into function arguments (engines cap their count). */
const SPREAD_LIMIT = 10_000;

/** The length of a line without its line break. */
function contentLength(line: string): number {
  let end = line.length;
  if (end > 0 && line.charCodeAt(end - 1) === 10) end--;
  if (end > 0 && line.charCodeAt(end - 1) === 13) end--;
  return end;
}

export class LineDocument implements TextDocument {
  private lines: string[];
  /** The joined text and its index, for the current version only. */
  private joined: { text: string; index?: LineIndex } | undefined;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    private currentVersion: number,
    text: string,
  ) {
    this.lines = splitLines(text);
    this.joined = { text };
  }

  get version(): number {
    return this.currentVersion;
  }

  get lineCount(): number {
    return this.lines.length;
  }

  getText(range?: Range): string {
    this.joined ??= { text: this.lines.join('') };
    if (!range) return this.joined.text;
    return this.joined.text.slice(this.offsetAt(range.start), this.offsetAt(range.end));
  }

  positionAt(offset: number): Position {
    return this.index().positionAt(offset);
  }

  offsetAt(position: Position): number {
    return this.index().offsetAt(position);
  }

  /** Applies the changes in order (each one's range is in the text left by the one before). */
  update(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    for (const change of changes) {
      if ('range' in change && change.range) this.replace(change.range, change.text);
      else this.lines = splitLines(change.text);
    }
    this.currentVersion = version;
    this.joined = undefined;
  }

  private index(): LineIndex {
    const joined = (this.joined ??= { text: this.lines.join('') });
    return (joined.index ??= new LineIndex(joined.text));
  }

  /**
   * A position inside the lines, clamped as `TextDocument.offsetAt` clamps it: a line past the end is
   * the end of the text, a column past the line's end (or inside its line break) is the line's end.
   */
  private clamp(position: Position): { line: number; character: number } {
    const last = this.lines.length - 1;
    if (position.line > last) return { line: last, character: contentLength(this.lines[last]) };
    if (position.line < 0) return { line: 0, character: 0 };
    const character = Math.max(0, Math.min(position.character, contentLength(this.lines[position.line])));
    return { line: position.line, character };
  }

  private replace(range: Range, text: string): void {
    let start = this.clamp(range.start);
    let end = this.clamp(range.end);
    if (start.line > end.line || (start.line === end.line && start.character > end.character))
      [start, end] = [end, start];
    let first = start.line;
    // A keystroke: within one line, and no line break typed. Both ends are clamped to the line's
    // content, so its own line break stays where it is and the line stays one line. Not from the
    // line's start after a lone CR: emptying "a\n" there makes that CR and this LF one CRLF.
    const afterLoneCr = start.character === 0 && first > 0 && this.lines[first - 1].endsWith('\r');
    if (first === end.line && !afterLoneCr && !/[\r\n]/.test(text)) {
      const line = this.lines[first];
      this.lines[first] = line.slice(0, start.character) + text + line.slice(end.character);
      return;
    }
    let rewritten = this.lines[first].slice(0, start.character) + text + this.lines[end.line].slice(end.character);
    // A lone CR ending the line before, now followed by an LF, becomes one CRLF line break.
    if (first > 0 && start.character === 0 && rewritten.startsWith('\n') && this.lines[first - 1].endsWith('\r')) {
      first--;
      rewritten = this.lines[first] + rewritten;
    }
    const replacement = splitLines(rewritten);
    // Before the last line, `rewritten` ends with the line break of `end.line`: nothing follows it.
    if (end.line < this.lines.length - 1) replacement.pop();
    if (replacement.length === 1 && first === end.line) this.lines[first] = replacement[0];
    else if (replacement.length < SPREAD_LIMIT) this.lines.splice(first, end.line - first + 1, ...replacement);
    else this.lines = this.lines.slice(0, first).concat(replacement, this.lines.slice(end.line + 1));
  }
}

/** What `TextDocuments` creates and updates its documents with. */
export const lineDocuments = {
  create: (uri: string, languageId: string, version: number, content: string): LineDocument =>
    new LineDocument(uri, languageId, version, content),
  update: (document: LineDocument, changes: TextDocumentContentChangeEvent[], version: number): LineDocument => {
    document.update(changes, version);
    return document;
  },
};
