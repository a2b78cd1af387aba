/**
 * Analyses one config file: WSL's own parse (same messages, first duplicate wins, Linux stops at the
 * first malformed line), the catalogue lookups with "did you mean", typed values, and cross-key rules.
 */
import { catalogueIndex, catalogues, type CatalogueIndex, type FileKind, type KeyEntry } from './catalogue';
import { DuplicateKeyFinding } from './duplicateKeyFinding';
import type { Finding, FindingData } from './findings';
import { networkingFindings } from './networkingRules';
import { linesFrom } from './lineIndex';
import { modeFor, parseConfig, type Entry, type InvalidLine, type ParsedConfig, type SectionHeader, type Span, type SyntaxIssue } from './parser';
import { ResolvedSettings } from './resolvedSettings';
import { closest } from './suggestions';
import { checkValue } from './valueRules';

export interface Analysis {
  kind: FileKind;
  parsed: ParsedConfig;
  settings: ResolvedSettings;
  findings: Finding[];
}

const OTHER_FILES: Record<FileKind, FileKind[]> = {
  wslconfig: ['wslconf', 'wsldistribution'],
  wslconf: ['wslconfig', 'wsldistribution'],
  wsldistribution: ['wslconf', 'wslconfig'],
};

/** DrvFs mount options that users write as keys instead of inside `automount.options`. */
const DRVFS_OPTIONS = new Set(['uid', 'gid', 'umask', 'fmask', 'dmask', 'metadata', 'case']);

/** At most this many lines get their own "ignored" marker; the rest share one. */
const MAX_IGNORED_MARKERS = 500;

export function analyze(text: string, kind: FileKind): Analysis {
  const parsed = parseConfig(text, modeFor(kind));
  const index = catalogueIndex(kind);
  const settings = new ResolvedSettings(index);
  const findings: Finding[] = [];
  const unknownContext: UnknownKeyContext = { suggestions: new Map(), bufferRewrites: bufferRewrites(parsed) };

  const invalidLines = new Map<SyntaxIssue, InvalidLine>();
  for (const element of parsed.elements) if (element.kind === 'invalid') invalidLines.set(element.issue, element);
  // A broken file repeats the same few messages: keep one string per distinct message.
  const messages = new Map<string, string>();
  for (const issue of parsed.issues) {
    const finding = syntaxFinding(parsed, kind, issue, invalidLines.get(issue));
    const shared = messages.get(finding.message);
    if (shared === undefined) messages.set(finding.message, finding.message);
    else finding.message = shared;
    findings.push(finding);
  }
  // A loop, not push(...spread): a spread passes every element as an argument on the stack, and a
  // file of 126,000 `[s]` lines has that many section findings.
  for (const finding of ignoredLines(parsed, kind)) findings.push(finding);
  for (const finding of sectionFindings(parsed, kind, index)) findings.push(finding);

  // Files repeat the same few names; look each spelling up once.
  const keyByName = new Map<string, KeyEntry | undefined>();
  for (const entry of parsed.entries) {
    let key = keyByName.get(entry.fullName);
    if (key === undefined && !keyByName.has(entry.fullName)) {
      key = index.lookupFullName(entry.fullName);
      keyByName.set(entry.fullName, key);
    }
    if (!key) {
      findings.push(unknownKeyFinding(entry, kind, index, unknownContext));
      continue;
    }
    if (!settings.claim(key, entry)) {
      findings.push(new DuplicateKeyFinding(entry, settings.firstEntry(key)!));
      continue;
    }
    if (index.isAliasSpelling(entry.section ?? '', entry.key)) {
      findings.push({
        code: 'legacy-alias',
        severity: 'information',
        message: `'${entry.fullName}' is the legacy spelling of '${key.section}.${key.name}'. WSL still accepts it; [${key.section}] is the current section.`,
        span: entry.keySpan,
        fixes: [{ fix: 'move-to-section', section: key.section, entrySpan: entry.span }],
      });
    }
    const checked = checkValue(kind, key, entry);
    settings.setValue(key, checked.value);
    findings.push(...checked.findings);
  }

  if (kind === 'wslconfig') findings.push(...networkingFindings(settings));
  const restart = restartNote(parsed, kind);
  if (restart) findings.push(restart);
  return { kind, parsed, settings, findings };
}

function syntaxFinding(parsed: ParsedConfig, kind: FileKind, issue: SyntaxIssue, invalid: InvalidLine | undefined): Finding {
  const text = parsed.text;
  const lineSpan = invalid ? invalid.span : issue.span;
  const span = issue.span.end > issue.span.start ? issue.span : lineSpan.end > lineSpan.start ? lineSpan : issue.span;
  const fixes: FindingData[] = [];
  let explanation = '';
  const offending = text.slice(issue.span.start, issue.span.end);
  switch (issue.code) {
    case 'invalid-key-name':
      if (offending === ';') {
        explanation = " ';' does not start a comment in WSL config files; only '#' does.";
        fixes.push({ fix: 'semicolon-to-hash', offset: issue.span.start });
      } else if (offending === '\ufeff') {
        explanation = ' The file starts with a UTF-8 byte order mark, which WSL reads as part of the first line. Save the file as UTF-8 without BOM.';
      } else {
        explanation = ' Key names must start with a letter (A-Z, a-z).';
      }
      break;
    case 'expected-equals':
      explanation = /^[_.\-]/.test(offending)
        ? ` Key names may contain only letters and digits: '${offending}' is not allowed.`
        : offending === '' || offending === '\r'
          ? ' Every key needs a value: write key=value.'
          : '';
      break;
    case 'expected-bracket':
      explanation = /^[_.\- ]/.test(offending) ? ` Section names may contain only letters and digits: '${offending}' is not allowed.` : '';
      break;
    case 'invalid-section-name':
      explanation = ' Section names must start with a letter, right after the [.';
      break;
    case 'expected-eol':
      explanation = " Only blanks or a '#' comment may follow a section header.";
      if (offending === ';') fixes.push({ fix: 'semicolon-to-hash', offset: issue.span.start });
      break;
    case 'invalid-escape':
      explanation = " A backslash starts an escape (\\\\ \\\" \\b \\n \\t). Write '\\\\' for a backslash, or use '/' in paths.";
      if (invalid?.valueStart !== undefined) {
        fixes.push({ fix: 'escape-backslashes', valueSpan: { start: invalid.valueStart, end: valueEnd(text, invalid.valueStart, parsed.mode === 'windows') } });
      }
      break;
    case 'expected-quote':
      explanation = ' This double quote is never closed. Close it, or write \\" for a literal quote.';
      break;
  }
  const hidden = parsed.mode === 'windows' && invalid !== undefined && hidesTextAfterLoneCr(text, issue.span.end, invalid.span.end);
  const consequence =
    parsed.mode === 'linux'
      ? ` WSL stops reading ${catalogues[kind].displayName} here: this line and every line after it are ignored.`
      : hidden
        ? ' WSL skips this line, and with it the text after the lone carriage return (CR) up to the next line feed.'
        : ' WSL skips this line.';
  // A fix that makes the line valid would bring that hidden text into effect, unreviewed.
  return { code: issue.code, severity: 'error', message: `${issue.message}.${explanation}${consequence}`.replace(/\.\./g, '.'), span, wslLine: issue.wslLine, fixes: hidden ? [] : fixes };
}

/**
 * Windows reads a rejected line up to the next LF, but a lone CR ends a line for the parser: text after
 * one (old Mac line breaks, a stray CR) is skipped with the rejected line.
 */
function hidesTextAfterLoneCr(text: string, from: number, lineEnd: number): boolean {
  for (let i = from; i < lineEnd; i++) if (text.charCodeAt(i) === 13) return text.slice(i, lineEnd).trim() !== '';
  return false;
}

/** End of a raw value that starts at `start`: the line end or an unquoted '#', trailing blanks excluded. */
function valueEnd(text: string, start: number, windows: boolean): number {
  let end = start;
  let inQuote = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === '\n' || c === '\r') break;
    if (c === '"') inQuote = !inQuote;
    if (c === '#' && !inQuote) break;
    // An escape; on Windows a backslash + CRLF is one continuation.
    if (c === '\\') i += windows && text[i + 1] === '\r' && text[i + 2] === '\n' ? 2 : 1;
    if (c !== ' ' && c !== '\t') end = Math.min(i + 1, text.length);
  }
  return end;
}

/** In Linux files, everything after the line where WSL stopped is greyed out, line by line. */
function ignoredLines(parsed: ParsedConfig, kind: FileKind): Finding[] {
  if (parsed.ignoredFrom === undefined || parsed.stoppedAt === undefined) return [];
  const text = parsed.text;
  const stopIssue = parsed.issues[parsed.issues.length - 1];
  const message = `Ignored: WSL stopped reading ${catalogues[kind].displayName} at line ${stopIssue.wslLine} (${stopIssue.message}), so nothing below it takes effect.`;
  const findings: Finding[] = [];
  for (const { start, end } of linesFrom(text, parsed.ignoredFrom)) {
    if (text.slice(start, end).trim().length === 0) continue;
    if (findings.length === MAX_IGNORED_MARKERS) {
      findings.push({ code: 'ignored-after-stop', severity: 'hint', message, span: { start, end: text.length }, unnecessary: true });
      break;
    }
    findings.push({ code: 'ignored-after-stop', severity: 'hint', message, span: { start, end }, unnecessary: true });
  }
  return findings;
}

/** Section headers this file does not have: another file's, or a typo. */
function sectionFindings(parsed: ParsedConfig, kind: FileKind, index: CatalogueIndex): Finding[] {
  const findings: Finding[] = [];
  let blocks: Map<SectionHeader, Span> | undefined;
  for (const header of parsed.sections) {
    if (index.section(header.name)) continue;
    const owner = OTHER_FILES[kind].find((other) => catalogueIndex(other).section(header.name));
    if (owner) {
      blocks ??= sectionBlocks(parsed);
      findings.push({
        code: 'wrong-file',
        severity: 'error',
        message: `[${header.name}] is a section of ${catalogues[owner].displayName}, not of ${catalogues[kind].displayName}. WSL ignores every key in it here.`,
        span: header.nameSpan,
        fixes: [{ fix: 'delete-line', lineSpan: blocks.get(header)! }],
      });
      continue;
    }
    const suggestion = closest(header.name, index.catalogue.sections.map((s) => s.name));
    findings.push({
      code: 'unknown-section',
      severity: 'error',
      message: `Unknown section [${header.name}]: WSL reports every key in it as unknown.${suggestion ? ` Did you mean [${suggestion}]?` : ` ${catalogues[kind].displayName} has the sections ${index.catalogue.sections.map((s) => `[${s.name}]`).join(', ')}.`}`,
      span: header.nameSpan,
      fixes: suggestion ? [{ fix: 'replace', span: header.nameSpan, text: suggestion, title: `Change to [${suggestion}]` }] : undefined,
    });
  }
  return findings;
}

/** Each header with the lines under it up to the next header, in one pass over the file. */
function sectionBlocks(parsed: ParsedConfig): Map<SectionHeader, Span> {
  const blocks = new Map<SectionHeader, Span>();
  let current: Span | undefined;
  for (const element of parsed.elements) {
    if (element.kind === 'section') {
      current = { start: element.span.start, end: element.span.end };
      blocks.set(element, current);
      continue;
    }
    if (!current) continue;
    const span = element.span;
    current.end = Math.max(current.end, element.kind === 'entry' && element.comment ? element.comment.end : span.end);
  }
  return blocks;
}

/** `closest`, memoised per analysis (see UnknownKeyContext.suggestions). */
function cachedClosest(cache: Map<string, string | undefined>, word: string, candidates: () => string[], scope: string): string | undefined {
  const cacheKey = `${scope}\0${word.toLowerCase()}`;
  if (!cache.has(cacheKey)) cache.set(cacheKey, closest(word, candidates()));
  return cache.get(cacheKey);
}

/** What unknown-key findings share across one analysis. */
interface UnknownKeyContext {
  /** `closest` answers, memoised: a file may repeat the same unknown name thousands of times. */
  suggestions: Map<string, string | undefined>;
  /** Offsets of malformed headers that still wrote WSL's section buffer, in document order. */
  bufferRewrites: number[];
}

/**
 * Malformed headers that got as far as the name (`[wsl2` or `[wsl2] x`) overwrite WSL's section
 * buffer; the keys below them are named after that buffer, not after the header an editor shows.
 */
function bufferRewrites(parsed: ParsedConfig): number[] {
  const offsets: number[] = [];
  if (parsed.issues.length === 0) return offsets;
  for (const element of parsed.elements) {
    if (element.kind === 'invalid' && (element.issue.code === 'expected-bracket' || element.issue.code === 'expected-eol')) offsets.push(element.span.start);
  }
  return offsets;
}

/** True when the key's section name comes from the header above it, so renaming that header renames the key. */
function namedByHeader(entry: Entry, header: SectionHeader, rewrites: number[]): boolean {
  if (header.name.toLowerCase() !== entry.section?.toLowerCase()) return false;
  // The first rewrite after the header (binary search: a broken file can have thousands).
  let low = 0;
  let high = rewrites.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (rewrites[middle] <= header.span.start) low = middle + 1;
    else high = middle;
  }
  return low === rewrites.length || rewrites[low] >= entry.keySpan.start;
}

function unknownKeyFinding(entry: Entry, kind: FileKind, index: CatalogueIndex, context: UnknownKeyContext): Finding {
  const cache = context.suggestions;
  const wsl = `Unknown key '${entry.fullName}'`;
  const base = { severity: 'error' as const, span: entry.keySpan, wslLine: entry.wslLine };
  const homes = index.sectionsAccepting(entry.key);
  if (entry.section === undefined) {
    const home = homes[0] ?? index.lookupFullName(`${index.catalogue.sections[0].name}.${entry.key}`)?.section;
    return {
      ...base,
      code: 'key-before-section',
      message: `${wsl}. Keys before the first section header are ignored by WSL${home ? `; '${entry.key}' belongs under [${home}]` : ''}.`,
      fixes: home ? [{ fix: 'move-to-section', section: home, entrySpan: entry.span }] : undefined,
    };
  }
  const removed = index.removed(entry.section, entry.key);
  if (removed) {
    return { ...base, code: 'removed-key', message: `${wsl}. ${removed.note}`, deprecated: true, fixes: [{ fix: 'delete-line', lineSpan: lineOf(entry) }] };
  }
  // A section this file does not have: maybe the key is the other file's (e.g. [boot] in .wslconfig).
  const knownSection = index.section(entry.section) !== undefined;
  const elsewhere = knownSection ? undefined : otherFileFinding(entry, kind, base, wsl);
  if (elsewhere) return elsewhere;
  if (kind === 'wslconf' && !index.section(entry.section) && DRVFS_OPTIONS.has(entry.key.toLowerCase())) {
    const hint = ` '${entry.key}' is a DrvFs mount option: put it in [automount] options, e.g. options = "${entry.key}=${entry.value}".`;
    return { ...base, code: 'unknown-key', message: `${wsl}.${hint}` };
  }
  const sectionTypo = knownSection ? undefined : cachedClosest(cache, entry.section, () => index.catalogue.sections.map((s) => s.name), '[]');
  if (homes.length > 0 && !(sectionTypo && index.lookup(sectionTypo, entry.key))) {
    const home = homes[0];
    const canonical = index.lookup(home, entry.key)!;
    return {
      ...base,
      code: 'wrong-section',
      message: `${wsl}: '${canonical.name}' belongs in [${home}], not in [${entry.section}].`,
      fixes: [{ fix: 'move-to-section', section: home, entrySpan: entry.span }],
    };
  }
  const ownedElsewhere = knownSection ? otherFileFinding(entry, kind, base, wsl) : undefined;
  if (ownedElsewhere) return ownedElsewhere;
  // A typo: of the section, of the key in this section, or of a key elsewhere in the file.
  const sectionGuess = sectionTypo;
  const fixes: FindingData[] = [];
  let hint = '';
  if (sectionGuess && index.lookup(sectionGuess, entry.key)) {
    hint = ` [${entry.section}] looks like a typo for [${sectionGuess}].`;
    // After a malformed header WSL's section name is not the header above the key: rename only a real one.
    if (entry.header && namedByHeader(entry, entry.header, context.bufferRewrites)) {
      fixes.push({ fix: 'replace', span: entry.header.nameSpan, text: sectionGuess, title: `Change [${entry.section}] to [${sectionGuess}]` });
    }
  } else {
    const inSection = index.section(entry.section) ? index.keysIn(entry.section).map((k) => k.name) : [];
    const keyGuess =
      cachedClosest(cache, entry.key, () => inSection, entry.section.toLowerCase()) ?? cachedClosest(cache, entry.key, () => index.catalogue.keys.map((k) => k.name), '*');
    if (keyGuess) {
      const homes = index.sectionsAccepting(keyGuess);
      const sameSection = homes.some((s) => s.toLowerCase() === entry.section!.toLowerCase());
      hint = sameSection ? ` Did you mean '${keyGuess}'?` : ` Did you mean '${keyGuess}' in [${homes[0]}]?`;
      fixes.push({ fix: 'replace', span: entry.keySpan, text: keyGuess, title: `Change to '${keyGuess}'` });
      if (!sameSection) fixes.push({ fix: 'move-to-section', section: homes[0], entrySpan: entry.span });
    } else if (sectionGuess) {
      hint = ` Is [${entry.section}] a typo for [${sectionGuess}]?`;
    }
  }
  return { ...base, code: 'unknown-key', message: `${wsl}.${hint}`, fixes };
}

/** 'wrong-file' when the other files have this key, or (for a section this file lacks) this section. */
function otherFileFinding(entry: Entry, kind: FileKind, base: Pick<Finding, 'severity' | 'span' | 'wslLine'>, wsl: string): Finding | undefined {
  const index = catalogueIndex(kind);
  for (const other of OTHER_FILES[kind]) {
    const otherIndex = catalogueIndex(other);
    const key = otherIndex.lookup(entry.section ?? '', entry.key);
    if (!key && !(otherIndex.section(entry.section ?? '') && !index.section(entry.section ?? ''))) continue;
    const name = key ? `${key.section}.${key.name}` : entry.fullName;
    return {
      ...base,
      code: 'wrong-file',
      message: `${wsl}: '${name}' is a setting of ${catalogues[other].displayName}, not of ${catalogues[kind].displayName}.${key ? ` Move it to ${catalogues[other].displayName}.` : ''}`,
      fixes: [{ fix: 'delete-line', lineSpan: lineOf(entry) }],
    };
  }
  return undefined;
}

/** The entry with its trailing comment, as one deletable line. */
function lineOf(entry: Entry): { start: number; end: number } {
  return { start: entry.span.start, end: entry.comment ? entry.comment.end : entry.span.end };
}

function restartNote(parsed: ParsedConfig, kind: FileKind): Finding | undefined {
  const first = parsed.sections[0];
  if (!first || parsed.entries.length === 0) return undefined;
  return { code: 'restart-required', severity: 'information', message: catalogues[kind].restartNote, span: first.nameSpan };
}
