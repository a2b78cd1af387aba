/** The outline (sections holding their keys) and the folding ranges of a config file. */
import type { Analysis } from '../core/analyzer';
import { catalogueIndex } from '../core/catalogue';
import { LineIndex } from '../core/lineIndex';
import type { SectionHeader, Span } from '../core/parser';
import { editorStructure, endOf, sectionAt } from './structure';

export interface OutlineKey {
  name: string;
  /** The value as typed. */
  value: string;
  /** The whole entry, trailing comment included. */
  span: Span;
  keySpan: Span;
  /** Whether WSL knows the key in this section. */
  known: boolean;
  /** WSL does not read it (a Linux file after the line where parsing stopped). */
  ignored: boolean;
}

export interface OutlineSection {
  name: string;
  /** From the header to the end of its last key. */
  span: Span;
  nameSpan: Span;
  known: boolean;
  ignored: boolean;
  keys: OutlineKey[];
}

export interface Outline {
  /** Keys written before any section header. */
  topLevel: OutlineKey[];
  sections: OutlineSection[];
}

export function outline(analysis: Analysis): Outline {
  const structure = editorStructure(analysis);
  const index = catalogueIndex(analysis.kind);
  const ignored = (offset: number): boolean => structure.ignoredFrom !== undefined && offset >= structure.ignoredFrom;
  const byHeader = new Map<SectionHeader, OutlineSection>();
  const sections: OutlineSection[] = structure.sections.map((header) => ({
    name: header.name,
    span: { start: header.span.start, end: endOf(header) },
    nameSpan: header.nameSpan,
    known: index.section(header.name) !== undefined,
    ignored: ignored(header.span.start),
    keys: [],
  }));
  structure.sections.forEach((header, i) => byHeader.set(header, sections[i]));
  const topLevel: OutlineKey[] = [];
  for (const entry of structure.entries) {
    const header = sectionAt(structure, entry.keySpan.start);
    const key: OutlineKey = {
      name: entry.key,
      value: entry.rawValue,
      span: { start: entry.keySpan.start, end: endOf(entry) },
      keySpan: entry.keySpan,
      known: header !== undefined && index.lookup(header.name, entry.key) !== undefined,
      ignored: ignored(entry.keySpan.start),
    };
    const section = header && byHeader.get(header);
    if (!section) {
      topLevel.push(key);
      continue;
    }
    section.keys.push(key);
    section.span.end = Math.max(section.span.end, key.span.end);
  }
  return { topLevel, sections };
}

export interface LineFold {
  startLine: number;
  endLine: number;
  kind?: 'comment';
}

const HEADER = /^[ \t]*\[[A-Za-z][A-Za-z0-9]*\][ \t]*(#.*)?$/;
const COMMENT = /^[ \t]*#/;

/** One fold per section (header to its last non-blank line) and per run of two or more comment lines. */
export function foldingRanges(text: string): LineFold[] {
  const lines = new LineIndex(text);
  const folds: LineFold[] = [];
  const count = lines.lineCount;
  const headers: number[] = [];
  for (let line = 0; line < count; line++) if (HEADER.test(lines.lineText(line))) headers.push(line);
  headers.forEach((start, i) => {
    let end = (i + 1 < headers.length ? headers[i + 1] : count) - 1;
    while (end > start && lines.lineText(end).trim() === '') end--;
    if (end > start) folds.push({ startLine: start, endLine: end });
  });
  let runStart = -1;
  for (let line = 0; line <= count; line++) {
    const isComment = line < count && COMMENT.test(lines.lineText(line));
    if (isComment && runStart < 0) runStart = line;
    if (!isComment && runStart >= 0) {
      if (line - 1 > runStart) folds.push({ startLine: runStart, endLine: line - 1, kind: 'comment' });
      runStart = -1;
    }
  }
  return folds.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}
