/** WSL's own line numbers, for messages in files where they differ from the editor's. */
import { catalogues, type FileKind } from './catalogue';
import { LineIndex } from './lineIndex';
import type { ParsedConfig } from './parser';

/**
 * WSL's line numbers where they differ from the editor's. WSL counts a line at each LF, and on Linux
 * a key or section line ending in CRLF counts twice: its value or header ends at the CR, and the LF
 * after it reads as one more, empty line. A lone CR ends a line for the editor, but on a blank line
 * or in a comment WSL does not count it (src/shared/configfile/configfile.cpp, ParseConfigFile). Undefined when the file has no CR, so the
 * numbers agree.
 */
export class WslLineNotes {
  private constructor(
    private readonly lines: LineIndex,
    private readonly file: string,
    private readonly reason: string,
  ) {}

  static forText(parsed: ParsedConfig, kind: FileKind): WslLineNotes | undefined {
    const text = parsed.text;
    if (!text.includes('\r')) return undefined;
    const crlf = parsed.mode === 'linux' && text.includes('\r\n');
    const reason = crlf
      ? 'WSL counts every key or section line that ends in CRLF twice'
      : 'WSL does not count a lone carriage return (CR) on a blank line or in a comment as a line break';
    return new WslLineNotes(new LineIndex(text), catalogues[kind].displayName, reason);
  }

  /** The 1-based editor line of an offset. */
  editorLine(offset: number): number {
    return this.lines.lineOf(offset) + 1;
  }

  /** " WSL's own message gives /etc/wsl.conf:8, …" when WSL's line differs from the editor's, else "". */
  note(offset: number, wslLine: number): string {
    return this.editorLine(offset) === wslLine
      ? ''
      : ` WSL's own message gives ${this.file}:${wslLine}, because ${this.reason}.`;
  }
}
