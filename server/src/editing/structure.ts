/**
 * The structure an editor shows (outline, hover targets, completion context) for a whole file.
 *
 * WSL's Linux `init` stops reading `/etc/wsl.conf` at the first malformed line, so its parse has no
 * elements after that line. An editor still wants to see and complete what is written there; this
 * module continues past the stop with the Windows (skip-the-line) rules and marks those elements as
 * ignored by WSL.
 */
import type { Analysis } from '../core/analyzer';
import { parseConfig, type Element, type Entry, type ParsedConfig, type SectionHeader } from '../core/parser';

export interface EditorStructure {
  elements: Element[];
  sections: SectionHeader[];
  entries: Entry[];
  /** Offset from which WSL reads nothing (Linux files that stop at a malformed line). */
  ignoredFrom?: number;
}

const cache = new WeakMap<Analysis, EditorStructure>();

export function editorStructure(analysis: Analysis): EditorStructure {
  const cached = cache.get(analysis);
  if (cached) return cached;
  const structure = structureOf(analysis.parsed);
  cache.set(analysis, structure);
  return structure;
}

/** The editor's structure of one parse (not cached: `editorStructure` caches per analysis). */
export function structureOf(parsed: ParsedConfig): EditorStructure {
  if (parsed.ignoredFrom === undefined)
    return { elements: parsed.elements, sections: parsed.sections, entries: parsed.entries };
  const from = parsed.ignoredFrom;
  const rest = parseConfig(parsed.text, 'windows').elements.filter((element) => startOf(element) >= from);
  const elements = [...parsed.elements, ...rest];
  return {
    elements,
    sections: elements.filter((e): e is SectionHeader => e.kind === 'section'),
    entries: elements.filter((e): e is Entry => e.kind === 'entry'),
    ignoredFrom: from,
  };
}

export function startOf(element: Element): number {
  return element.kind === 'entry' ? element.keySpan.start : element.span.start;
}

/** End of an element including its trailing comment. */
export function endOf(element: Element): number {
  if (element.kind === 'entry' || element.kind === 'section')
    return element.comment ? element.comment.end : element.span.end;
  return element.span.end;
}

/** The last well-formed section header that starts before `offset`. */
export function sectionAt(structure: EditorStructure, offset: number): SectionHeader | undefined {
  const sections = structure.sections;
  let low = 0;
  let high = sections.length - 1;
  let found: SectionHeader | undefined;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (sections[mid].span.start < offset) {
      found = sections[mid];
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  return found;
}

const SECTION_SYNTAX = new Set(['invalid-section-name', 'expected-bracket', 'expected-eol']);

/**
 * The elements that belong to `header`: up to the next header, or up to a malformed header line
 * (after which WSL garbles the section name of the following keys).
 */
export function blockOf(structure: EditorStructure, header: SectionHeader): Element[] {
  const elements = structure.elements;
  const index = elements.indexOf(header);
  const block: Element[] = [];
  for (let i = index + 1; i < elements.length; i++) {
    const element = elements[i];
    if (element.kind === 'section') break;
    if (element.kind === 'invalid' && SECTION_SYNTAX.has(element.issue.code)) break;
    block.push(element);
  }
  return block;
}
