/**
 * What to complete at a position, from the catalogue: section names after `[`, `[section]` headers
 * and the keys of the current section at the start of a line, and values after `=`.
 */
import type { Analysis } from '../core/analyzer';
import { catalogueIndex, catalogues, type KeyEntry } from '../core/catalogue';
import { LineIndex } from '../core/lineIndex';
import { parseMemorySize } from '../core/valueParsers';
import { code, deprecationText, isDefaultValue, keyMarkdown, sectionMarkdown, summary, typeName } from './docs';
import { equalsStyle } from './format';
import { editorStructure, sectionAt } from './structure';
import { lineEndOf, lineStartOf } from './text';
import { formatBytes } from './values';

export type CompletionKind = 'section' | 'key' | 'value';

export interface Completion {
  label: string;
  kind: CompletionKind;
  detail?: string;
  /** Markdown. */
  documentation?: string;
  sortText: string;
  filterText?: string;
  deprecated?: boolean;
  preselect?: boolean;
  /** The text replaced by the item (offsets). */
  range: { start: number; end: number };
  /** Plain text to insert. */
  text: string;
  /** Snippet to insert when the client supports snippets (else `text`). */
  snippet?: string;
}

/** Sizes offered for memory values, besides the key's own example. */
const MEMORY_SIZES = ['4GB', '8GB', '16GB', '512MB'];

const identifierLength = (s: string): number => /^[A-Za-z0-9]*/.exec(s)![0].length;

/** Escapes text for use inside a snippet placeholder. */
export function snippetEscape(text: string): string {
  return text.replace(/[\\$}]/g, (c) => `\\${c}`);
}

/** `lines` is the document's line index (the server keeps one per version; built here when absent). */
export function completionsAt(analysis: Analysis, offset: number, lines?: LineIndex): Completion[] {
  const text = analysis.parsed.text;
  const lineStart = lineStartOf(text, offset);
  const lineEnd = lineEndOf(text, offset);
  const before = text.slice(lineStart, offset);
  const after = text.slice(offset, lineEnd);
  if (/^[ \t]*#/.test(before)) return [];

  const sectionMatch = /^[ \t]*\[([A-Za-z0-9]*)$/.exec(before);
  if (sectionMatch) {
    const start = offset - sectionMatch[1].length;
    const end = offset + identifierLength(after);
    const closed = text[end] === ']';
    return sectionItems(analysis, { start, end }, (name) => (closed ? name : `${name}]`), false);
  }

  const valueMatch = /^([ \t]*)([A-Za-z][A-Za-z0-9]*)[ \t]*=(.*)$/.exec(before);
  if (valueMatch) {
    const valueBefore = valueMatch[3];
    if (hasUnquotedHash(valueBefore)) return [];
    const header = sectionAt(editorStructure(analysis), lineStart);
    if (!header) return [];
    const key = catalogueIndex(analysis.kind).lookup(header.name, valueMatch[2]);
    if (!key) return [];
    const equals = lineStart + before.length - valueBefore.length - 1;
    let start = equals + 1;
    while (start < offset && (text[start] === ' ' || text[start] === '\t')) start++;
    let end = start;
    let inQuote = false;
    for (let i = start; i < lineEnd; i++) {
      if (text[i] === '"') inQuote = !inQuote;
      if (text[i] === '#' && !inQuote) break;
      if (text[i] !== ' ' && text[i] !== '\t') end = i + 1;
    }
    return valueItems(key, { start, end: Math.max(end, offset) });
  }

  const keyMatch = /^[ \t]*([A-Za-z][A-Za-z0-9]*)?$/.exec(before);
  if (!keyMatch) return [];
  const word = keyMatch[1] ?? '';
  const range = { start: offset - word.length, end: offset + identifierLength(after) };
  const rest = text.slice(range.end, lineEnd);
  // Only where a key can go: not in front of a section header or other text on the line.
  if (!/^[ \t]*($|#|=)/.test(rest)) return [];
  const hasEquals = /^[ \t]*=/.test(rest);
  const header = sectionAt(editorStructure(analysis), lineStart);
  if (!header) return hasEquals ? [] : sectionItems(analysis, range, (name) => `[${name}]`, true);
  const keys = keyItems(analysis, header.name, range, hasEquals, lineStart, lines);
  return hasEquals ? keys : [...keys, ...sectionItems(analysis, range, (name) => `[${name}]`, true, '9')];
}

function hasUnquotedHash(value: string): boolean {
  let inQuote = false;
  for (const c of value) {
    if (c === '"') inQuote = !inQuote;
    if (c === '#' && !inQuote) return true;
  }
  return false;
}

function sectionItems(
  analysis: Analysis,
  range: { start: number; end: number },
  insert: (name: string) => string,
  bracketed: boolean,
  tier = '0',
): Completion[] {
  const present = new Set(analysis.parsed.sections.map((h) => h.name.toLowerCase()));
  return catalogues[analysis.kind].sections.map((section, i) => {
    const exists = present.has(section.name.toLowerCase());
    return {
      label: bracketed ? `[${section.name}]` : section.name,
      kind: 'section' as const,
      detail: exists ? 'section (already in this file)' : 'section',
      documentation: sectionMarkdown(analysis.kind, section, false),
      sortText: `${tier}${exists ? 1 : 0}${String(i).padStart(3, '0')}`,
      filterText: bracketed ? section.name : undefined,
      range,
      text: insert(section.name),
    };
  });
}

function keyItems(
  analysis: Analysis,
  section: string,
  range: { start: number; end: number },
  nameOnly: boolean,
  lineStart: number,
  known?: LineIndex,
): Completion[] {
  const index = catalogueIndex(analysis.kind);
  const catalogue = catalogues[analysis.kind];
  if (!index.section(section)) return [];
  // Settings the file already sets (any accepted spelling), except on the line being edited.
  const text = analysis.parsed.text;
  const set = new Map<KeyEntry, number>();
  let lines = known;
  const lineOf = (offset: number): number => (lines ??= new LineIndex(text)).lineOf(offset) + 1;
  const entries = editorStructure(analysis).entries;
  for (const entry of entries) {
    if (lineStartOf(text, entry.keySpan.start) === lineStart) continue;
    const key = index.lookupFullName(entry.fullName);
    if (key && !set.has(key)) set.set(key, entry.keySpan.start);
  }
  const spaced = equalsStyle(entries) === 'spaced';
  const equals = spaced ? ' = ' : '=';
  const items: Completion[] = [];
  catalogue.keys.forEach((key, i) => {
    const own = key.section.toLowerCase() === section.toLowerCase();
    const alias = !own && (key.aliasSections ?? []).some((s) => s.toLowerCase() === section.toLowerCase());
    if (!own && !alias) return;
    const setAt = set.get(key);
    const tier = setAt !== undefined ? 3 : alias ? 2 : key.documented ? 0 : 1;
    const details = [typeName(key)];
    if (alias) details.push(`legacy alias: prefer [${key.section}]`);
    if (setAt !== undefined) details.push(`already set on line ${lineOf(setAt)}`);
    items.push({
      label: key.name,
      kind: 'key',
      detail: details.join(' · '),
      documentation: keyMarkdown(analysis.kind, key, { full: false, writtenIn: alias ? section : undefined }),
      sortText: `${tier}${String(i).padStart(3, '0')}`,
      deprecated: alias || undefined,
      range,
      text: nameOnly ? key.name : `${key.name}${equals}`,
      snippet: nameOnly ? undefined : `${key.name}${equals}\${1:${snippetEscape(key.example)}}`,
    });
  });
  return items;
}

function valueItems(key: KeyEntry, range: { start: number; end: number }): Completion[] {
  const item = (label: string, i: number, extra: Partial<Completion> = {}): Completion => ({
    label,
    kind: 'value',
    sortText: String(i).padStart(3, '0'),
    range,
    text: label,
    ...extra,
  });
  switch (key.type) {
    case 'enum':
      return (key.values ?? []).map((value, i) => {
        const isDefault = isDefaultValue(key, value.name);
        const notes = [
          value.aliasOf ? `legacy name of ${value.aliasOf}` : '',
          deprecationText(value)
            ?.replace(/\.$/, '')
            .replace(/^Deprecated/, 'deprecated') ?? '',
          isDefault ? 'default' : '',
        ].filter(Boolean);
        const lastTier = value.aliasOf || value.deprecated ? 1 : 0;
        return item(value.name, lastTier * 100 + i, {
          detail: notes.join(' · ') || undefined,
          documentation: value.description,
          deprecated: value.aliasOf || value.deprecated ? true : undefined,
        });
      });
    case 'bool':
      return ['true', 'false'].map((value, i) =>
        item(value, i, {
          detail: key.default.toLowerCase().startsWith(value) ? 'default' : undefined,
          documentation: `${value === 'true' ? 'Turns on' : 'Turns off'} ${code(key.name)}. Default: ${key.default}.\n\n${summary(key.description)}`,
        }),
      );
    case 'mem': {
      const sizes = MEMORY_SIZES.includes(key.example) ? MEMORY_SIZES : [key.example, ...MEMORY_SIZES];
      return sizes.map((size, i) => {
        const parsed = parseMemorySize(size);
        return item(size, i, {
          detail: parsed ? `${formatBytes(parsed.bytes)} bytes` : undefined,
          documentation: parsed ? `${code(size)} = ${formatBytes(parsed.bytes)} bytes` : undefined,
        });
      });
    }
    default:
      return key.example
        ? [item(key.example, 0, { detail: `example ${typeName(key)}`, documentation: summary(key.description) })]
        : [];
  }
}
