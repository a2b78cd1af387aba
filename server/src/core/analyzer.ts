/**
 * Analyses one config file: WSL's own parse (same messages, first duplicate wins, Linux stops at the
 * first malformed line), the catalogue lookups with "did you mean", typed values, and cross-key rules.
 */
import {
  catalogueIndex,
  catalogues,
  homesInOtherFiles,
  OTHER_FILES,
  type CatalogueIndex,
  type FileKind,
  type KeyEntry,
  type KeyHome,
  type MeaningAlias,
} from './catalogue';
import { DuplicateKeyFinding } from './duplicateKeyFinding';
import type { Finding, FindingCode, FindingData, Severity } from './findings';
import { networkingFindings } from './networkingRules';
import { linesFrom } from './lineIndex';
import {
  modeFor,
  parseConfig,
  type Entry,
  type InvalidLine,
  type ParsedConfig,
  type SectionHeader,
  type Span,
  type SyntaxIssue,
} from './parser';
import { ResolvedSettings } from './resolvedSettings';
import { closest } from './suggestions';
import { checkValue } from './valueRules';
import { WslLineNotes } from './wslLineNotes';

export interface Analysis {
  kind: FileKind;
  parsed: ParsedConfig;
  settings: ResolvedSettings;
  findings: Finding[];
}

/** At most this many lines get their own "ignored" marker; the rest share one. */
const MAX_IGNORED_MARKERS = 500;

export function analyze(text: string, kind: FileKind): Analysis {
  return analyzeParsed(parseConfig(text, modeFor(kind)), kind);
}

/**
 * The analysis of `text`, parsed now, with its settings and findings worked out when one of them is
 * first read (then kept). A hover on a known key and the outline need only the parse: in the middle
 * of an edit storm, a hover on a new version of a 1,000-line file with 800 findings was waiting for
 * all of them (the suggestions of every unknown key included), on code V8 had not compiled yet.
 */
export function analyzeOnDemand(text: string, kind: FileKind): Analysis {
  const parsed = parseConfig(text, modeFor(kind));
  let complete: Analysis | undefined;
  const full = (): Analysis => (complete ??= analyzeParsed(parsed, kind));
  return {
    kind,
    parsed,
    get settings() {
      return full().settings;
    },
    get findings() {
      return full().findings;
    },
  };
}

function analyzeParsed(parsed: ParsedConfig, kind: FileKind): Analysis {
  const index = catalogueIndex(kind);
  const settings = new ResolvedSettings(index);
  const findings: Finding[] = [];
  const unknownContext: UnknownKeyContext = { suggestions: new Map(), bufferRewrites: bufferRewrites(parsed) };

  const wslLines = WslLineNotes.forText(parsed, kind);
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
  for (const finding of ignoredLines(parsed, kind, wslLines)) findings.push(finding);
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
      findings.push(new DuplicateKeyFinding(entry, settings.firstEntry(key)!, wslLines));
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
  if (wslLines) {
    for (const finding of findings) {
      if (finding.wslLine === undefined || finding instanceof DuplicateKeyFinding) continue;
      finding.message += wslLines.note(finding.span.start, finding.wslLine);
    }
  }
  const restart = restartNote(parsed, kind);
  if (restart) findings.push(restart);
  return { kind, parsed, settings, findings };
}

function syntaxFinding(
  parsed: ParsedConfig,
  kind: FileKind,
  issue: SyntaxIssue,
  invalid: InvalidLine | undefined,
): Finding {
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
        explanation =
          ' The file starts with a UTF-8 byte order mark, which WSL reads as part of the first line. Save the file as UTF-8 without BOM.';
      } else {
        explanation = ' Key names must start with a letter (A-Z, a-z).';
      }
      break;
    case 'expected-equals':
      explanation = /^[_.-]/.test(offending)
        ? ` Key names may contain only letters and digits: '${offending}' is not allowed.`
        : offending === '' || offending === '\r'
          ? ' Every key needs a value: write key=value.'
          : '';
      break;
    case 'expected-bracket':
      explanation = /^[_.\- ]/.test(offending)
        ? ` Section names may contain only letters and digits: '${offending}' is not allowed.`
        : '';
      break;
    case 'invalid-section-name':
      explanation = ' Section names must start with a letter, right after the [.';
      break;
    case 'expected-eol':
      explanation = " Only blanks or a '#' comment may follow a section header.";
      if (offending === ';') fixes.push({ fix: 'semicolon-to-hash', offset: issue.span.start });
      break;
    case 'invalid-escape':
      explanation =
        " A backslash starts an escape (\\\\ \\\" \\b \\n \\t). Write '\\\\' for a backslash, or use '/' in paths.";
      if (invalid?.valueStart !== undefined) {
        fixes.push({
          fix: 'escape-backslashes',
          valueSpan: { start: invalid.valueStart, end: valueEnd(text, invalid.valueStart, parsed.mode === 'windows') },
        });
      }
      break;
    case 'expected-quote':
      explanation = ' This double quote is never closed. Close it, or write \\" for a literal quote.';
      break;
  }
  const hidden =
    parsed.mode === 'windows' && invalid !== undefined && hidesTextAfterLoneCr(text, issue.span.end, invalid.span.end);
  const consequence =
    parsed.mode === 'linux'
      ? ` WSL stops reading ${catalogues[kind].displayName} here: this line and every line after it are ignored.`
      : hidden
        ? ' WSL skips this line, and with it the text after the lone carriage return (CR) up to the next line feed.'
        : ' WSL skips this line.';
  // A fix that makes the line valid would bring that hidden text into effect, unreviewed.
  return {
    code: issue.code,
    severity: 'error',
    message: `${issue.message}.${explanation}${consequence}`.replace(/\.\./g, '.'),
    span,
    wslLine: issue.wslLine,
    fixes: hidden ? [] : fixes,
  };
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
function ignoredLines(parsed: ParsedConfig, kind: FileKind, wslLines: WslLineNotes | undefined): Finding[] {
  if (parsed.ignoredFrom === undefined || parsed.stoppedAt === undefined) return [];
  const text = parsed.text;
  const stopIssue = parsed.issues[parsed.issues.length - 1];
  const editorLine = wslLines ? wslLines.editorLine(stopIssue.span.start) : stopIssue.wslLine;
  const wslNote = editorLine === stopIssue.wslLine ? '' : `; WSL's own message says line ${stopIssue.wslLine}`;
  const message = `Ignored: WSL stopped reading ${catalogues[kind].displayName} at line ${editorLine} (${stopIssue.message}${wslNote}), so nothing below it takes effect.`;
  const findings: Finding[] = [];
  for (const { start, end } of linesFrom(text, parsed.ignoredFrom)) {
    if (text.slice(start, end).trim().length === 0) continue;
    if (findings.length === MAX_IGNORED_MARKERS) {
      findings.push({
        code: 'ignored-after-stop',
        severity: 'hint',
        message,
        span: { start, end: text.length },
        unnecessary: true,
      });
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
    const suggestion = closest(
      header.name,
      index.catalogue.sections.map((s) => s.name),
    );
    findings.push({
      code: 'unknown-section',
      severity: 'error',
      message: `Unknown section [${header.name}]: WSL reports every key in it as unknown.${suggestion ? ` Did you mean [${suggestion}]?` : ` ${catalogues[kind].displayName} has the sections ${index.catalogue.sections.map((s) => `[${s.name}]`).join(', ')}.`}`,
      span: header.nameSpan,
      fixes: suggestion
        ? [{ fix: 'replace', span: header.nameSpan, text: suggestion, title: `Change to [${suggestion}]` }]
        : undefined,
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
function cachedClosest(
  cache: Map<string, string | undefined>,
  word: string,
  candidates: () => string[],
  scope: string,
): string | undefined {
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
    if (
      element.kind === 'invalid' &&
      (element.issue.code === 'expected-bracket' || element.issue.code === 'expected-eol')
    )
      offsets.push(element.span.start);
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
  const homes = index.sectionsAccepting(entry.key);
  const here = catalogues[kind].displayName;
  if (entry.section === undefined) {
    const home = homes[0] ?? index.lookupFullName(`${index.catalogue.sections[0].name}.${entry.key}`)?.section;
    const elsewhere = home ? [] : homesInOtherFiles(kind, entry.key);
    const where = home
      ? `; '${entry.key}' belongs under [${home}]`
      : elsewhere.length > 0
        ? `; '${elsewhere[0].name}' is a setting of ${places(elsewhere)}, not of ${here}`
        : '';
    return keyFinding(
      entry,
      'key-before-section',
      `${wsl}. Keys before the first section header are ignored by WSL${where}.`,
      home ? [{ fix: 'move-to-section', section: home, entrySpan: entry.span }] : undefined,
    );
  }
  // A removed setting does nothing wherever it is written; WSL says "Unknown key" and goes on, so
  // this is a warning (src/shared/configfile/configfile.cpp SetConfig warns and continues).
  const removed =
    homes.length === 0 ? (index.removed(entry.section, entry.key) ?? index.removedAnywhere(entry.key)) : undefined;
  if (removed) {
    const finding = keyFinding(entry, 'removed-key', `${wsl}. ${removed.note}`, [deleteLine(entry)], 'warning');
    finding.deprecated = true;
    return finding;
  }
  const knownSection = index.section(entry.section) !== undefined;
  // [boot] systemd in .wslconfig: the other file's exact `section.key`.
  const exact = knownSection ? undefined : exactInOtherFile(entry, kind, wsl);
  if (exact) return exact;
  // A name users write for a setting of this file (`uid` for an option inside automount.options). It
  // outranks the same name in another section only where that section is not what was meant.
  const meant = index.meaningOf(entry.key);
  const meantHere =
    meant !== undefined && (!knownSection || meant.key.section.toLowerCase() === entry.section.toLowerCase());
  const sectionTypo = knownSection
    ? undefined
    : cachedClosest(cache, entry.section, () => index.catalogue.sections.map((s) => s.name), '[]');
  if (homes.length > 0 && !meantHere && !(sectionTypo && index.lookup(sectionTypo, entry.key))) {
    const home = homes[0];
    const canonical = index.lookup(home, entry.key)!;
    return keyFinding(
      entry,
      'wrong-section',
      `${wsl}: '${canonical.name}' belongs in [${home}], not in [${entry.section}].`,
      [{ fix: 'move-to-section', section: home, entrySpan: entry.span }],
    );
  }
  // The key of another file, written under any section: [wsl2] systemd in .wslconfig.
  const elsewhere = homes.length === 0 ? homesInOtherFiles(kind, entry.key) : [];
  if (elsewhere.length > 0) {
    const only = elsewhere.length === 1 && elsewhere[0].sections.length === 1 ? elsewhere[0] : undefined;
    const move = only ? ` Move it to [${only.sections[0]}] in ${catalogues[only.kind].displayName}.` : '';
    const also = meant ? ` ${meaningHint(entry, meant, undefined, true)}` : '';
    return keyFinding(
      entry,
      'wrong-file',
      `${wsl}: '${elsewhere[0].name}' is a setting of ${places(elsewhere)}, not of ${here}.${move}${also}`,
      [deleteLine(entry)],
    );
  }
  const fixes: FindingData[] = [];
  let hint = '';
  if (sectionTypo && index.lookup(sectionTypo, entry.key)) {
    hint = ` [${entry.section}] looks like a typo for [${sectionTypo}].`;
    // After a malformed header WSL's section name is not the header above the key: rename only a real one.
    if (entry.header && namedByHeader(entry, entry.header, context.bufferRewrites)) {
      fixes.push({
        fix: 'replace',
        span: entry.header.nameSpan,
        text: sectionTypo,
        title: `Change [${entry.section}] to [${sectionTypo}]`,
      });
    }
  } else {
    // A section of another file ([network] in .wslconfig) that does not have this key either.
    const sectionOwner = knownSection
      ? undefined
      : OTHER_FILES[kind].find((other) => catalogueIndex(other).section(entry.section!));
    if (sectionOwner)
      hint = ` [${entry.section}] is a section of ${catalogues[sectionOwner].displayName}, but no WSL config file has a key '${entry.key}'.`;
    const suggestion = suggestKey(entry, kind, index, cache);
    if (suggestion) {
      hint += ` ${suggestion.text}`;
      fixes.push(...suggestion.fixes);
    } else if (sectionTypo && !sectionOwner) {
      hint += ` Is [${entry.section}] a typo for [${sectionTypo}]?`;
    }
  }
  return keyFinding(entry, 'unknown-key', `${wsl}.${hint}`, fixes);
}

/** "/etc/wsl.conf (under [boot])", for each file with the sections that have the key. */
function places(homes: KeyHome[]): string {
  return homes
    .map((home) => `${catalogues[home.kind].displayName} (under ${orList(home.sections.map((s) => `[${s}]`))})`)
    .join(' and of ');
}

function orList(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/**
 * "Did you mean": a key with the same meaning first (in this file, then the others), then a near
 * spelling in the same section, in this file, and in the other files. Only this file's keys get fixes.
 */
function suggestKey(
  entry: Entry,
  kind: FileKind,
  index: CatalogueIndex,
  cache: Map<string, string | undefined>,
): { text: string; fixes: FindingData[] } | undefined {
  const section = entry.section!;
  const meant = index.meaningOf(entry.key);
  if (meant)
    return meant.alias.option
      ? { text: meaningHint(entry, meant, undefined, false), fixes: [] }
      : renameSuggestion(entry, index, meant.key.name);
  const inSection = index.section(section) ? index.keysIn(section).map((k) => k.name) : [];
  const keyGuess =
    cachedClosest(cache, entry.key, () => inSection, section.toLowerCase()) ??
    cachedClosest(cache, entry.key, () => index.catalogue.keys.map((k) => k.name), '*');
  if (keyGuess) return renameSuggestion(entry, index, keyGuess);
  for (const other of OTHER_FILES[kind]) {
    const otherMeant = catalogueIndex(other).meaningOf(entry.key);
    if (otherMeant) return { text: meaningHint(entry, otherMeant, other, false), fixes: [] };
  }
  for (const other of OTHER_FILES[kind]) {
    const otherIndex = catalogueIndex(other);
    const guess = cachedClosest(cache, entry.key, () => otherIndex.catalogue.keys.map((k) => k.name), other);
    if (guess)
      return {
        text: `Did you mean '${guess}' in ${orList(otherIndex.sectionsAccepting(guess).map((s) => `[${s}]`))} of ${catalogues[other].displayName}?`,
        fixes: [],
      };
  }
  return undefined;
}

/** "Did you mean 'sparseVhd' in [experimental]?" with a rename (and a move when the section differs). */
function renameSuggestion(entry: Entry, index: CatalogueIndex, name: string): { text: string; fixes: FindingData[] } {
  const homes = index.sectionsAccepting(name);
  const sameSection = homes.some((s) => s.toLowerCase() === entry.section!.toLowerCase());
  const fixes: FindingData[] = [{ fix: 'replace', span: entry.keySpan, text: name, title: `Change to '${name}'` }];
  if (!sameSection) fixes.push({ fix: 'move-to-section', section: homes[0], entrySpan: entry.span });
  return { text: sameSection ? `Did you mean '${name}'?` : `Did you mean '${name}' in [${homes[0]}]?`, fixes };
}

/** The hint for a meaning alias: the setting it means, or the option inside that setting's value. */
function meaningHint(
  entry: Entry,
  meant: { alias: MeaningAlias; key: KeyEntry },
  file: FileKind | undefined,
  also: boolean,
): string {
  const { alias, key } = meant;
  const inFile = file ? ` of ${catalogues[file].displayName}` : '';
  if (!alias.option) return `${also ? 'Or did' : 'Did'} you mean '${key.name}' in [${key.section}]${inFile}?`;
  // The value as an example, unless it is empty or too long to quote in a message.
  const item = alias.flag
    ? alias.option
    : `${alias.option}=${entry.value.length > 0 && entry.value.length <= 64 && !/[\r\n]/.test(entry.value) ? entry.value : '…'}`;
  const example = `e.g. ${key.name} = "${item}"`;
  if (alias.option.toLowerCase() === entry.key.toLowerCase() && !also) {
    return `'${entry.key}' is an option inside [${key.section}] ${key.name}${inFile}, not a key: write it into that value, ${example}.`;
  }
  return `${also ? 'Or did' : 'Did'} you mean the option '${alias.option}' inside [${key.section}] ${key.name}${inFile}, ${example}?`;
}

/** 'wrong-file' when another file has exactly this `section.key` (the section is not this file's). */
function exactInOtherFile(entry: Entry, kind: FileKind, wsl: string): Finding | undefined {
  for (const other of OTHER_FILES[kind]) {
    const key = catalogueIndex(other).lookup(entry.section ?? '', entry.key);
    if (!key) continue;
    const name = `${key.section}.${key.name}`;
    return keyFinding(
      entry,
      'wrong-file',
      `${wsl}: '${name}' is a setting of ${catalogues[other].displayName}, not of ${catalogues[kind].displayName}. Move it to ${catalogues[other].displayName}.`,
      [deleteLine(entry)],
    );
  }
  return undefined;
}

/** A fix that deletes the entry with its trailing comment, as one line. */
function deleteLine(entry: Entry): FindingData {
  return {
    fix: 'delete-line',
    lineSpan: { start: entry.span.start, end: entry.comment ? entry.comment.end : entry.span.end },
  };
}

/**
 * A finding on the key of an unknown entry, written out field by field rather than as
 * `{ ...shared, code, message }`: on Node 20 (V8 11.3) each object spread cost about 8 µs, most of
 * the analysis of a file with hundreds of unknown keys (the bench's 1,000-line findings-heavy
 * `.wslconfig`: 8 ms with spreads, 1 ms without). Node 24 does not have that cost.
 */
function keyFinding(
  entry: Entry,
  code: FindingCode,
  message: string,
  fixes: FindingData[] | undefined,
  severity: Severity = 'error',
): Finding {
  return { code, severity, message, span: entry.keySpan, wslLine: entry.wslLine, fixes };
}

function restartNote(parsed: ParsedConfig, kind: FileKind): Finding | undefined {
  const first = parsed.sections[0];
  if (!first || parsed.entries.length === 0) return undefined;
  return {
    code: 'restart-required',
    severity: 'information',
    message: catalogues[kind].restartNote,
    span: first.nameSpan,
  };
}
