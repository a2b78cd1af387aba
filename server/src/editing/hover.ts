/** Hover text for section headers, keys and values, from the catalogue and the analysis. */
import type { Analysis } from '../core/analyzer';
import { catalogueIndex, catalogues } from '../core/catalogue';
import type { FindingCode } from '../core/findings';
import type { SectionHeader, Span } from '../core/parser';
import { code, keyMarkdown, sectionMarkdown, wslFilePath } from './docs';
import { escapeMarkdown, fencedBlock } from './markdown';
import { editorStructure, startOf } from './structure';
import { valueMarkdown } from './values';

export interface HoverResult {
  markdown: string;
  span: Span;
}

const KEY_FINDINGS = new Set<FindingCode>([
  'unknown-key',
  'wrong-section',
  'wrong-file',
  'removed-key',
  'key-before-section',
]);
const SECTION_FINDINGS = new Set<FindingCode>(['unknown-section', 'wrong-file']);

const within = (offset: number, span: Span): boolean => offset >= span.start && offset <= span.end;

export function hoverAt(analysis: Analysis, offset: number): HoverResult | undefined {
  const structure = editorStructure(analysis);
  for (const element of structure.elements) {
    const ignored =
      structure.ignoredFrom !== undefined && startOf(element) >= structure.ignoredFrom
        ? ignoredNote(analysis)
        : undefined;
    const withNote = (result: HoverResult | undefined): HoverResult | undefined =>
      result && ignored ? { ...result, markdown: `${ignored}\n\n${result.markdown}` } : result;
    if (element.kind === 'section' && within(offset, element.span)) return withNote(sectionHover(analysis, element));
    if (element.kind === 'entry') {
      if (within(offset, element.keySpan))
        return withNote(keyHover(analysis, element.key, element.section, element.keySpan, element.wslLine));
      if (element.valueSpan.end > element.valueSpan.start && within(offset, element.valueSpan)) {
        const key =
          element.section === undefined ? undefined : catalogueIndex(analysis.kind).lookupFullName(element.fullName);
        const markdown = valueMarkdown(analysis.kind, element, key);
        return withNote(markdown ? { markdown, span: element.valueSpan } : undefined);
      }
    }
    if (element.kind === 'invalid' && element.key !== undefined && element.keySpan && within(offset, element.keySpan)) {
      return withNote(keyHover(analysis, element.key, element.section, element.keySpan, element.issue.wslLine));
    }
  }
  return undefined;
}

function ignoredNote(analysis: Analysis): string {
  const stop = analysis.parsed.issues[analysis.parsed.issues.length - 1];
  return `*WSL does not read this line: it stops reading ${catalogues[analysis.kind].displayName} at line ${stop?.wslLine ?? '?'}.*`;
}

function keyHover(
  analysis: Analysis,
  name: string,
  section: string | undefined,
  span: Span,
  wslLine: number,
): HoverResult {
  const kind = analysis.kind;
  const index = catalogueIndex(kind);
  const key = section === undefined ? undefined : index.lookup(section, name);
  if (key) return { markdown: keyMarkdown(kind, key, { full: true, writtenIn: section }), span };
  const full = section === undefined ? name : `${section}.${name}`;
  const finding = analysis.findings.find(
    (f) => KEY_FINDINGS.has(f.code) && f.span.start === span.start && f.span.end === span.end,
  );
  const parts = [
    `**Unknown key** ${code(full)} in ${code(catalogues[kind].displayName)}`,
    `WSL does not read this key. When it reads the file it prints:\n\n${fencedBlock(`wsl: Unknown key '${full}' in ${wslFilePath(kind)}:${wslLine}`)}`,
  ];
  // The analysis explains why (did you mean, wrong section or file, removed): keep what it adds.
  const explanation = finding?.message.replace(/^Unknown key '[^']*'[.:]?\s*/, '').trim();
  // The message quotes the file (names, values): literal text, never markup.
  if (explanation) parts.push(escapeMarkdown(explanation));
  // Document the key the user probably meant: this name in its own section, or the suggested spelling.
  const suggestion = finding?.fixes?.find(
    (f) => f.fix === 'replace' && f.span.start === span.start && f.span.end === span.end,
  );
  const meant =
    index.sectionsAccepting(name).length > 0 ? name : suggestion?.fix === 'replace' ? suggestion.text : name;
  const home = index.sectionsAccepting(meant)[0];
  const homeKey = home ? index.lookup(home, meant) : undefined;
  if (homeKey) parts.push(`---\n\n${keyMarkdown(kind, homeKey, { full: false })}`);
  return { markdown: parts.join('\n\n'), span };
}

function sectionHover(analysis: Analysis, header: SectionHeader): HoverResult {
  const kind = analysis.kind;
  const section = catalogueIndex(kind).section(header.name);
  if (section) return { markdown: sectionMarkdown(kind, section, true), span: header.span };
  const finding = analysis.findings.find((f) => SECTION_FINDINGS.has(f.code) && f.span.start === header.nameSpan.start);
  const catalogue = catalogues[kind];
  const parts = [
    `**Unknown section** ${code(`[${header.name}]`)} in ${code(catalogue.displayName)}`,
    finding ? escapeMarkdown(finding.message) : 'WSL reports every key in it as an unknown key.',
    `${catalogue.displayName} has the sections ${catalogue.sections.map((s) => code(`[${s.name}]`)).join(', ')}.`,
  ];
  return { markdown: parts.join('\n\n'), span: header.span };
}
