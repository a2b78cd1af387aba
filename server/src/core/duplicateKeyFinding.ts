/**
 * The finding for a key WSL ignores because the same setting came earlier in the file.
 *
 * Generated files repeat whole sections, so this is by far the most numerous finding: tens of
 * thousands in a 100,000-line file. Each one keeps only the two entries; the message, ranges and fix
 * are built when a consumer reads them (the diagnostics provider reads at most 1,000 findings), so a
 * large analysis keeps little alive for the garbage collector to copy.
 */
import { plainFinding, type Finding, type FindingData } from './findings';
import type { Entry, Span } from './parser';
import type { WslLineNotes } from './wslLineNotes';

export class DuplicateKeyFinding implements Finding {
  constructor(
    private readonly entry: Entry,
    private readonly first: Entry,
    /** Set when WSL numbers lines differently from the editor (CR line breaks). */
    private readonly wslLines?: WslLineNotes,
  ) {}

  get code(): 'duplicate-key' {
    return 'duplicate-key';
  }

  get severity(): 'warning' {
    return 'warning';
  }

  get unnecessary(): boolean {
    return true;
  }

  get message(): string {
    const lines = this.wslLines;
    const firstLine = lines ? lines.editorLine(this.first.keySpan.start) : this.first.wslLine;
    const note = lines ? lines.note(this.entry.keySpan.start, this.entry.wslLine) : '';
    return `Duplicated config key '${this.entry.fullName}' (Conflicting key: '${this.first.fullName}' at line ${firstLine}). WSL uses the first one and ignores this one.${note}`;
  }

  get span(): Span {
    return this.entry.keySpan;
  }

  get wslLine(): number {
    return this.entry.wslLine;
  }

  get related(): { span: Span; message: string } {
    return { span: this.first.keySpan, message: `First '${this.first.fullName}', the one WSL uses` };
  }

  get fixes(): FindingData[] {
    return [{ fix: 'delete-line', lineSpan: this.entry.span }];
  }

  /** Getters are not own properties: give JSON the plain shape. */
  toJSON(): Finding {
    return plainFinding(this);
  }
}
