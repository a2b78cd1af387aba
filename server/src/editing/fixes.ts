/**
 * Turns the analyzer's fix data (`Finding.fixes`) into concrete, minimal text edits: one list of
 * quick fixes per finding, and one "fix all" edit for the whole file.
 *
 * Edits never rewrite a line they do not change: comments, order, blank lines and the file's line
 * break style (LF or CRLF) are kept. A deleted line goes with its line break.
 *
 * ## What "Fix all" applies (the safety rule)
 *
 * For each finding, in document order, Fix all takes the finding's *preferred* quick fix, and only
 * when that fix is safe:
 *
 * 1. There is a single best fix. Findings whose fixes are equal alternatives (an invalid boolean with
 *    no obvious guess: `true` or `false`? an enum value that resembles nothing) have no preferred fix.
 * 2. It does not delete user content, with one exception: a duplicate key, which WSL ignores anyway
 *    (the first occurrence wins), so deleting it changes nothing WSL reads. Keys that have no effect,
 *    removed keys, empty values and keys that belong in the other file are left for the user.
 * 3. It does not reinterpret a value WSL already accepts: `memory=8` (8 bytes) becoming `8GB`, a
 *    decimal `umask=22` becoming octal `022`, a port range expanded, or an escape such as `\n` in a
 *    string value doubled are guesses about intent, so they are offered one by one only. (Doubling the
 *    backslashes of a *path*, where `\t` or `\b` can only be a mistake, is safe.)
 * 4. It must not change which occurrence of a setting WSL uses: a key WSL applies today is never
 *    moved behind another occurrence of the same setting, and a key WSL ignores today (before any
 *    section, in the wrong section, misspelled, or under a misspelled section) is not moved or renamed
 *    into a setting the file already sets (it would override it, or become a duplicate).
 * 5. Its edits do not overlap the edits of a fix already taken. Identical edits (a section typo
 *    reported once per key) are applied once; several keys moved to the same section are inserted
 *    together, in order; a value fix inside a line that is being moved is applied to the moved line.
 *
 * Safe fixes therefore include: misspelled keys and sections with one candidate (a misspelled key of
 * another section is renamed and moved in one go), keys moved to their section (before any section,
 * wrong section, legacy `[experimental]` alias), value spelling (`8gb` -> `8GB`, `yes` -> `true`,
 * enum casing, `VirtioProxy` -> `Consomme`, a hostname spelled the way WSL rewrites it anyway),
 * unescaped backslashes in paths, `;` comments, and duplicate keys.
 */
import type { Analysis } from '../core/analyzer';
import { catalogueIndex, catalogues, type CatalogueIndex, type FileKind, type KeyEntry } from '../core/catalogue';
import type { Finding, FindingCode, FindingData } from '../core/findings';
import type { Element, Entry, InvalidLine, ParsedConfig, SectionHeader, Span } from '../core/parser';
import { backslashesToSlashes, checkValue } from '../core/valueRules';
import { blockOf, endOf } from './structure';
import {
  afterBreak,
  applyOffsetEdits,
  coalesceEdits,
  editsOverlap,
  eolOf,
  lineEndOf,
  lineStartOf,
  wholeLinesRange,
  type OffsetEdit,
} from './text';

export interface FixAction {
  title: string;
  /** Edits on the original text, sorted, merged where they touch. */
  edits: OffsetEdit[];
  /** The single best fix of the finding (VS Code applies it with "Auto Fix"). */
  preferred: boolean;
  /** Taken by "Fix all" (see the rule at the top of this file). */
  safe: boolean;
}

interface EditPlan {
  kind: 'edits';
  edits: OffsetEdit[];
}

/**
 * Where moved lines go: at the start of a line (`indent` + line + line break), at the very end of a
 * text whose last line has no line break (line break + `indent` + line), or in a new section block.
 */
type Insertion = { mode: 'line' | 'end'; at: number; indent: string } | { mode: 'append'; at: number; section: string };

interface MovePlan {
  kind: 'move';
  entry: Entry;
  /** The moved text in the original: from the key to the end of its (last) line, comment included. */
  line: Span;
  /** Edits inside `line` (absolute offsets) applied to the moved text, e.g. a key rename. */
  lineEdits: OffsetEdit[];
  /** What is deleted where the key was. */
  remove: Span;
  /** Canonical target section. */
  section: string;
  insert: Insertion;
  /** The setting the moved line sets in its new section. */
  key: KeyEntry | undefined;
}

type Plan = EditPlan | MovePlan;

interface Candidate {
  title: string;
  plan: Plan;
  deletes: boolean;
}

interface Context {
  analysis: Analysis;
  text: string;
  parsed: ParsedConfig;
  index: CatalogueIndex;
  kind: FileKind;
  /** Entries by `span.start`, section headers by `span.start`, rejected lines by value start. */
  entryAt: Map<number, Entry>;
  sectionAt: Map<number, SectionHeader>;
  invalidAt: Map<number, InvalidLine>;
  /** Entries per setting they resolve to, in document order. */
  entriesOf: Map<KeyEntry, Entry[]>;
  /** The first header of each section name (lowercase): where moved keys go. */
  firstHeader: Map<string, SectionHeader>;
  /** Section headers by the start of their name (the span a section rename replaces). */
  headerAtName: Map<number, SectionHeader>;
  /** Memoized elements under a header (`blockFor`). */
  blocks: Map<SectionHeader, Element[]>;
}

/** Findings whose fixes are unranked alternatives: no fix is preferred when there are several. */
const ALTERNATIVES = new Set<FindingCode>(['invalid-bool', 'invalid-enum']);
/** Fixes that reinterpret a value WSL accepts: offered, never applied by Fix all. */
const GUESSES = new Set<FindingCode>(['unitless-memory', 'umask-decimal', 'port-range']);
/** Deletions Fix all may apply: WSL ignores these lines already. */
const SAFE_DELETIONS = new Set<FindingCode>(['duplicate-key']);

const OTHER_FILES: Record<FileKind, FileKind[]> = {
  wslconfig: ['wslconf', 'wsldistribution'],
  wslconf: ['wslconfig', 'wsldistribution'],
  wsldistribution: ['wslconf', 'wslconfig'],
};

const contexts = new WeakMap<Analysis, Context>();

/** Indexes of the parse, built once per analysis so that Fix all stays linear on huge files. */
function contextOf(analysis: Analysis): Context {
  const cached = contexts.get(analysis);
  if (cached) return cached;
  const parsed = analysis.parsed;
  const index = catalogueIndex(analysis.kind);
  const ctx: Context = {
    analysis,
    text: parsed.text,
    parsed,
    index,
    kind: analysis.kind,
    entryAt: new Map(parsed.entries.map((e) => [e.span.start, e])),
    sectionAt: new Map(parsed.sections.map((h) => [h.span.start, h])),
    invalidAt: new Map(),
    entriesOf: new Map(),
    firstHeader: new Map(),
    headerAtName: new Map(parsed.sections.map((h) => [h.nameSpan.start, h])),
    blocks: new Map(),
  };
  for (const element of parsed.elements) {
    if (element.kind === 'invalid' && element.valueStart !== undefined) ctx.invalidAt.set(element.valueStart, element);
  }
  for (const entry of parsed.entries) {
    const key = index.lookupFullName(entry.fullName);
    if (!key) continue;
    const list = ctx.entriesOf.get(key) ?? [];
    list.push(entry);
    ctx.entriesOf.set(key, list);
  }
  for (const header of parsed.sections) {
    if (!ctx.firstHeader.has(header.name.toLowerCase())) ctx.firstHeader.set(header.name.toLowerCase(), header);
  }
  contexts.set(analysis, ctx);
  return ctx;
}

/** The elements under a section header (memoized). */
function blockFor(ctx: Context, header: SectionHeader): Element[] {
  let block = ctx.blocks.get(header);
  if (!block) {
    block = blockOf(ctx.parsed, header);
    ctx.blocks.set(header, block);
  }
  return block;
}

/** The entry whose span contains `offset` (entries are in document order). */
function entryContaining(ctx: Context, offset: number): Entry | undefined {
  const entries = ctx.parsed.entries;
  let low = 0;
  let high = entries.length - 1;
  let found: Entry | undefined;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (entries[mid].span.start <= offset) {
      found = entries[mid];
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  return found && offset <= found.span.end ? found : undefined;
}

/** The quick fixes of one finding, best first. */
export function fixActions(analysis: Analysis, finding: Finding): FixAction[] {
  const ctx = contextOf(analysis);
  const eol = eolOf(ctx.text);
  return rankedCandidates(ctx, finding).map(({ candidate, preferred, safe }) => ({
    title: candidate.title,
    edits: render(ctx.text, eol, [candidate.plan]),
    preferred,
    safe,
  }));
}

export interface FixAllResult {
  edits: OffsetEdit[];
  /** How many findings the edits fix. */
  fixed: number;
  titles: string[];
}

/** Every safe fix of the file in one non-overlapping edit list (see the rule at the top). */
export function fixAll(analysis: Analysis): FixAllResult {
  const ctx = contextOf(analysis);
  const findings = [...analysis.findings].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  const accepted: Plan[] = [];
  const occupied = new SpanSet();
  const movedKeys = new Set<KeyEntry>();
  /** Moves by the start of the line they take away, to find the move a value fix belongs to. */
  const movesByLine = new Map<number, MovePlan>();
  const done = new Set<string>();
  const id = (e: OffsetEdit): string => `${e.start}:${e.end}:${e.newText}`;
  const titles: string[] = [];

  for (const finding of findings) {
    const chosen = rankedCandidates(ctx, finding).find((c) => c.preferred && c.safe)?.candidate;
    if (!chosen) continue;
    const plan = chosen.plan;
    if (plan.kind === 'edits') {
      if (plan.edits.every((edit) => done.has(id(edit)))) continue;
      // A fix inside a line that moves goes with the moved line.
      const host = movesByLine.get(lineStartOf(ctx.text, plan.edits[0].start));
      if (host && plan.edits.every((e) => e.start >= host.line.start && e.end <= host.line.end)) {
        if (plan.edits.some((e) => host.lineEdits.some((other) => editsOverlap(e, other)))) continue;
        host.lineEdits.push(...plan.edits);
        plan.edits.forEach((e) => done.add(id(e)));
        titles.push(chosen.title);
        continue;
      }
      if (plan.edits.some((e) => occupied.conflicts(e))) continue;
      plan.edits.forEach((e) => (occupied.add(e), done.add(id(e))));
      accepted.push(plan);
      titles.push(chosen.title);
      // A misspelled key that gets its name: WSL will now check its value too.
      const renamed = renamedEntry(ctx, finding, plan);
      for (const edit of renamed ? valueFixesOnceRead(ctx, renamed.entry, renamed.key) : []) {
        if (occupied.conflicts(edit) || done.has(id(edit))) continue;
        occupied.add(edit);
        done.add(id(edit));
        accepted.push({ kind: 'edits', edits: [edit] });
      }
      continue;
    }
    if (plan.key && movedKeys.has(plan.key)) continue;
    const group = `${plan.insert.mode}:${plan.insert.at}`;
    const insertAt = { start: plan.insert.at, end: plan.insert.at };
    if (occupied.conflicts(plan.remove) || occupied.conflicts(insertAt, group)) continue;
    occupied.add(plan.remove);
    occupied.add(insertAt, group);
    movesByLine.set(lineStartOf(ctx.text, plan.line.start), plan);
    if (plan.key) movedKeys.add(plan.key);
    if (plan.key && !ctx.index.lookupFullName(plan.entry.fullName)) {
      for (const edit of valueFixesOnceRead(ctx, plan.entry, plan.key)) {
        if (
          edit.start >= plan.line.start &&
          edit.end <= plan.line.end &&
          !plan.lineEdits.some((other) => editsOverlap(edit, other))
        )
          plan.lineEdits.push(edit);
      }
    }
    accepted.push(plan);
    titles.push(chosen.title);
  }
  return { edits: render(ctx.text, eolOf(ctx.text), accepted), fixed: titles.length, titles };
}

/**
 * A key WSL ignores where it is (unknown there) has never had its value checked. Once it is moved or
 * renamed it will be, so Fix all also applies the safe value fixes it would then get
 * (`memory=8gb` -> `8GB`). Only single-edit fixes inside the value.
 */
function valueFixesOnceRead(ctx: Context, entry: Entry, key: KeyEntry): OffsetEdit[] {
  const edits: OffsetEdit[] = [];
  for (const finding of checkValue(ctx.kind, key, entry).findings) {
    const chosen = rankedCandidates(ctx, finding).find((c) => c.preferred && c.safe)?.candidate.plan;
    if (chosen?.kind !== 'edits' || chosen.edits.length !== 1) continue;
    const [edit] = chosen.edits;
    if (
      edit.start < entry.valueSpan.start ||
      edit.end > entry.valueSpan.end ||
      edits.some((other) => editsOverlap(edit, other))
    )
      continue;
    edits.push(edit);
  }
  return edits;
}

/** The entry and its new setting when `plan` gives an unknown key a known name. */
function renamedEntry(ctx: Context, finding: Finding, plan: EditPlan): { entry: Entry; key: KeyEntry } | undefined {
  if (finding.code !== 'unknown-key' || plan.edits.length !== 1) return undefined;
  const [edit] = plan.edits;
  const entry = entryContaining(ctx, edit.start);
  if (!entry || entry.section === undefined || edit.start !== entry.keySpan.start || edit.end !== entry.keySpan.end)
    return undefined;
  const key = ctx.index.lookup(entry.section, edit.newText);
  return key ? { entry, key } : undefined;
}

interface Ranked {
  candidate: Candidate;
  preferred: boolean;
  safe: boolean;
}

function rankedCandidates(ctx: Context, finding: Finding): Ranked[] {
  const candidates = candidatesFor(ctx, finding);
  if (candidates.length === 0) return [];
  const replaces = (finding.fixes ?? []).filter((f) => f.fix === 'replace').length;
  const ambiguous = ALTERNATIVES.has(finding.code) && replaces > 1;
  // Deleting a setting the user wants in the other file loses it: explain, but do not prefer.
  const preferFirst = !ambiguous && finding.code !== 'wrong-file';
  return candidates.map((candidate, i) => {
    const preferred = preferFirst && i === 0;
    return { candidate, preferred, safe: preferred && isSafe(ctx, finding, candidate) };
  });
}

function isSafe(ctx: Context, finding: Finding, candidate: Candidate): boolean {
  if (candidate.deletes && !SAFE_DELETIONS.has(finding.code)) return false;
  if (GUESSES.has(finding.code)) return false;
  if (finding.code === 'control-escape') {
    const entry = entryContaining(ctx, finding.span.start);
    const key = entry && ctx.index.lookupFullName(entry.fullName);
    if (key?.type !== 'path') return false;
  }
  if (candidate.plan.kind === 'move') return moveKeepsMeaning(ctx, candidate.plan);
  if (finding.code === 'unknown-key' || finding.code === 'unknown-section')
    return renameKeepsMeaning(ctx, candidate.plan);
  return true;
}

/**
 * Rule 4 for renames: a misspelled key (or every key under a misspelled section) must not become a
 * setting the file already sets, or it would override it (when it comes first) or duplicate it.
 */
function renameKeepsMeaning(ctx: Context, plan: EditPlan): boolean {
  for (const edit of plan.edits) {
    const entry = entryContaining(ctx, edit.start);
    if (entry && entry.section !== undefined && edit.start === entry.keySpan.start && edit.end === entry.keySpan.end) {
      const key = ctx.index.lookup(entry.section, edit.newText);
      if (key && ctx.analysis.settings.firstEntry(key)) return false;
      continue;
    }
    const header = ctx.headerAtName.get(edit.start);
    if (!header) continue;
    for (const element of blockFor(ctx, header)) {
      if (element.kind !== 'entry') continue;
      const key = ctx.index.lookup(edit.newText, element.key);
      if (key && ctx.analysis.settings.firstEntry(key)) return false;
    }
  }
  return true;
}

/** Rule 4: the move must not change which occurrence of the setting WSL uses. */
function moveKeepsMeaning(ctx: Context, plan: MovePlan): boolean {
  if (!plan.key) return false;
  const current = ctx.index.lookupFullName(plan.entry.fullName);
  const effective = current !== undefined && ctx.analysis.settings.firstEntry(current) === plan.entry;
  if (!effective) return ctx.analysis.settings.firstEntry(plan.key) === undefined;
  const from = plan.entry.keySpan.start;
  const to = plan.insert.at;
  return !(ctx.entriesOf.get(plan.key) ?? []).some(
    (e) => e !== plan.entry && e.keySpan.start > Math.min(from, to) && e.keySpan.start < Math.max(from, to),
  );
}

function candidatesFor(ctx: Context, finding: Finding): Candidate[] {
  const fixes = finding.fixes ?? [];
  const candidates: Candidate[] = [];
  // A misspelled key of another section: rename and move in one go, instead of the move alone.
  const moveData = fixes.find(
    (f): f is Extract<FindingData, { fix: 'move-to-section' }> => f.fix === 'move-to-section',
  );
  const moveEntry = moveData && ctx.entryAt.get(moveData.entrySpan.start);
  const rename =
    moveEntry &&
    fixes.find(
      (f): f is Extract<FindingData, { fix: 'replace' }> =>
        f.fix === 'replace' && f.span.start === moveEntry.keySpan.start && f.span.end === moveEntry.keySpan.end,
    );
  if (moveData && moveEntry && rename) {
    const plan = planMove(ctx, moveEntry, moveData.section, rename.text);
    if (plan)
      candidates.push({ title: `Change to '${rename.text}' and move it to [${plan.section}]`, plan, deletes: false });
  }
  for (const data of fixes) {
    // The combined rename-and-move replaces both halves: either alone leaves the key unknown.
    if (rename && (data === moveData || data === rename) && candidates.length > 0) continue;
    const candidate = candidateFor(ctx, finding, data);
    if (candidate) candidates.push(candidate);
    if (data.fix === 'escape-backslashes' && finding.code === 'invalid-escape') {
      const slashes = slashCandidate(ctx, data.valueSpan);
      if (slashes) candidates.push(slashes);
    }
  }
  return candidates;
}

function candidateFor(ctx: Context, finding: Finding, data: FindingData): Candidate | undefined {
  const text = ctx.text;
  switch (data.fix) {
    case 'replace': {
      if (!validSpan(text, data.span)) return undefined;
      // Never split a CRLF pair (a Linux value span can end with the CR of a '\' + CRLF).
      const end =
        data.span.end > data.span.start && text[data.span.end - 1] === '\r' && text[data.span.end] === '\n'
          ? data.span.end - 1
          : data.span.end;
      return {
        title: data.title,
        plan: { kind: 'edits', edits: [{ start: data.span.start, end, newText: data.text }] },
        deletes: false,
      };
    }
    case 'move-to-section': {
      const entry = ctx.entryAt.get(data.entrySpan.start);
      const plan = entry && planMove(ctx, entry, data.section);
      if (!plan) return undefined;
      const existing = ctx.firstHeader.has(plan.section.toLowerCase());
      return {
        title: `Move '${entry.key}' to ${existing ? '' : 'a new '}[${plan.section}]${existing ? '' : ' section'}`,
        plan,
        deletes: false,
      };
    }
    case 'delete-line': {
      if (!validSpan(text, data.lineSpan)) return undefined;
      const range = wholeLinesRange(text, data.lineSpan) ?? data.lineSpan;
      return {
        title: deletionTitle(ctx, finding, data.lineSpan),
        plan: { kind: 'edits', edits: [{ ...range, newText: '' }] },
        deletes: true,
      };
    }
    case 'escape-backslashes': {
      if (!validSpan(text, data.valueSpan)) return undefined;
      const edits = loneBackslashes(text, data.valueSpan).map((offset) => ({
        start: offset,
        end: offset,
        newText: '\\',
      }));
      if (edits.length === 0) return undefined;
      return { title: 'Double each backslash (\\ → \\\\)', plan: { kind: 'edits', edits }, deletes: false };
    }
    case 'semicolon-to-hash':
      if (text[data.offset] !== ';') return undefined;
      return {
        title: "Turn ';' into a '#' comment",
        plan: { kind: 'edits', edits: [{ start: data.offset, end: data.offset + 1, newText: '#' }] },
        deletes: false,
      };
  }
}

function validSpan(text: string, span: Span): boolean {
  return span.start >= 0 && span.start <= span.end && span.end <= text.length;
}

/** Offsets of the backslashes that do not start `\\`, `\"` or a line continuation. */
function loneBackslashes(text: string, span: Span): number[] {
  const offsets: number[] = [];
  for (let i = span.start; i < span.end; i++) {
    if (text[i] !== '\\') continue;
    const next = text[i + 1];
    if (next === '\\' || next === '"' || next === '\n' || next === '\r') {
      i++;
      continue;
    }
    offsets.push(i);
  }
  return offsets;
}

/** For a rejected Windows path: use '/' for every backslash (a doubled one included). */
function slashCandidate(ctx: Context, span: Span): Candidate | undefined {
  if (!validSpan(ctx.text, span)) return undefined;
  const invalid = ctx.invalidAt.get(span.start);
  if (!invalid || invalid.key === undefined) return undefined;
  const key = invalid.section !== undefined ? ctx.index.lookup(invalid.section, invalid.key) : undefined;
  const raw = ctx.text.slice(span.start, span.end);
  if (key?.type !== 'path' && !/^"?[A-Za-z]:\\/.test(raw)) return undefined;
  const newText = backslashesToSlashes(raw);
  return {
    title: "Use '/' instead of backslashes",
    plan: { kind: 'edits', edits: [{ start: span.start, end: span.end, newText }] },
    deletes: false,
  };
}

function deletionTitle(ctx: Context, finding: Finding, span: Span): string {
  const entry = ctx.entryAt.get(span.start);
  const header = ctx.sectionAt.get(span.start);
  const name = entry ? entry.fullName : header ? `[${header.name}]` : 'this line';
  const quoted = entry ? `'${name}'` : name;
  switch (finding.code) {
    case 'duplicate-key':
      return `Remove duplicate ${quoted} (WSL uses the first one)`;
    case 'removed-key':
      return `Remove ${quoted} (WSL no longer reads it)`;
    case 'mode-no-effect':
    case 'dns-tunneling-off':
    case 'virtio9p-disabled':
      return `Remove ${quoted} (it has no effect)`;
    case 'empty-value':
      return `Remove the empty ${quoted} to use the default`;
    case 'wrong-file': {
      const owner = ownerFile(ctx.kind, entry, header);
      const here = catalogues[ctx.kind].displayName;
      return owner
        ? `Remove ${header && !entry ? `the ${name} section` : quoted}: it belongs in ${owner}, not ${here}`
        : `Remove ${quoted}`;
    }
    default:
      return `Remove ${quoted}`;
  }
}

/** The other config file whose catalogue has this key or section. */
function ownerFile(kind: FileKind, entry: Entry | undefined, header: SectionHeader | undefined): string | undefined {
  for (const other of OTHER_FILES[kind]) {
    const index = catalogueIndex(other);
    if (entry && index.sectionsAccepting(entry.key).length > 0) return catalogues[other].displayName;
    if (!entry && header && index.section(header.name)) return catalogues[other].displayName;
  }
  return undefined;
}

/** Plans moving an entry (its whole line, trailing comment included) into `section`. */
function planMove(ctx: Context, entry: Entry, section: string, rename?: string): MovePlan | undefined {
  const text = ctx.text;
  const sectionEntry = ctx.index.section(section);
  const target = sectionEntry ? sectionEntry.name : section;
  let lineEnd = lineEndOf(text, endOf(entry));
  while (lineEnd > entry.keySpan.start && (text[lineEnd - 1] === ' ' || text[lineEnd - 1] === '\t')) lineEnd--;
  const line = { start: entry.keySpan.start, end: lineEnd };
  const remove = wholeLinesRange(text, line) ?? line;
  const lineEdits: OffsetEdit[] = rename
    ? [{ start: entry.keySpan.start, end: entry.keySpan.end, newText: rename }]
    : [];
  const key = ctx.index.lookup(target, rename ?? entry.key);
  return {
    kind: 'move',
    entry,
    line,
    lineEdits,
    remove,
    section: target,
    insert: insertionFor(ctx, entry, target, key),
    key,
  };
}

/**
 * Where a moved key goes: on the line after the last entry of the first `[section]` block (after the
 * header when the block has no entries), or before the block's own occurrence of the same setting when
 * the moved key is the one WSL uses, or in a new block at the end of the file.
 */
function insertionFor(ctx: Context, entry: Entry, section: string, key: KeyEntry | undefined): Insertion {
  const text = ctx.text;
  const header = ctx.firstHeader.get(section.toLowerCase());
  if (!header) return { mode: 'append', at: text.length, section };
  const block = blockFor(ctx, header);
  const current = ctx.index.lookupFullName(entry.fullName);
  if (key && current === key && ctx.analysis.settings.firstEntry(key) === entry) {
    const same = (ctx.entriesOf.get(key) ?? []).find((e) => block.includes(e));
    if (same) {
      const at = lineStartOf(text, same.keySpan.start);
      return { mode: 'line', at, indent: text.slice(at, same.keySpan.start) };
    }
  }
  const entries = block.filter((e): e is Entry => e.kind === 'entry');
  const last = entries[entries.length - 1];
  const indent = last ? text.slice(lineStartOf(text, last.keySpan.start), last.keySpan.start) : '';
  const end = lineEndOf(text, endOf(last ?? header));
  const next = afterBreak(text, end);
  return next > end ? { mode: 'line', at: next, indent } : { mode: 'end', at: end, indent };
}

/** Turns plans into edits: moved lines are grouped per insertion point, new sections appended once. */
function render(text: string, eol: string, plans: readonly Plan[]): OffsetEdit[] {
  const edits: OffsetEdit[] = [];
  const groups = new Map<string, { insert: Insertion; lines: string[] }>();
  const appended = new Map<string, string[]>();
  for (const plan of plans) {
    if (plan.kind === 'edits') {
      edits.push(...plan.edits);
      continue;
    }
    const moved = applyOffsetEdits(
      text.slice(plan.line.start, plan.line.end),
      plan.lineEdits.map((e) => ({
        start: e.start - plan.line.start,
        end: e.end - plan.line.start,
        newText: e.newText,
      })),
    );
    edits.push({ start: plan.remove.start, end: plan.remove.end, newText: '' });
    if (plan.insert.mode === 'append') {
      const lines = appended.get(plan.insert.section) ?? [];
      lines.push(moved);
      appended.set(plan.insert.section, lines);
      continue;
    }
    const id = `${plan.insert.mode}:${plan.insert.at}`;
    const group = groups.get(id) ?? { insert: plan.insert, lines: [] };
    group.lines.push(moved);
    groups.set(id, group);
  }
  for (const { insert, lines } of groups.values()) {
    if (insert.mode === 'append') continue;
    const indent = insert.indent;
    const newText =
      insert.mode === 'end'
        ? lines.map((l) => `${eol}${indent}${l}`).join('')
        : lines.map((l) => `${indent}${l}${eol}`).join('');
    edits.push({ start: insert.at, end: insert.at, newText });
  }
  // New sections go after whatever is left at the end once the other edits are applied.
  if (appended.size > 0)
    edits.push({
      start: text.length,
      end: text.length,
      newText: appendText(applyOffsetEdits(text, edits), eol, appended),
    });
  return coalesceEdits(text, edits);
}

/** New `[section]` blocks at the end, separated from the text before by one blank line. */
function appendText(text: string, eol: string, blocks: Map<string, string[]>): string {
  const endsWithBreak = /[\r\n]$/.test(text);
  const withoutLastBreak = text.replace(/(\r\n|\n|\r)$/, '');
  const endsWithBlankLine =
    endsWithBreak && /^[ \t]*$/.test(withoutLastBreak.slice(lineStartOf(withoutLastBreak, withoutLastBreak.length)));
  const prefix = text.length === 0 || endsWithBlankLine ? '' : endsWithBreak ? eol : eol + eol;
  const body = [...blocks].map(([section, lines]) => [`[${section}]`, ...lines].join(eol)).join(eol + eol);
  return prefix + body + (endsWithBreak || text.length === 0 ? eol : '');
}

/**
 * Spans already edited, sorted by start, for overlap checks in logarithmic time. Zero-width insertions
 * at the same offset only coexist when they belong to the same group (moved lines merged there).
 */
class SpanSet {
  private readonly spans: { span: Span; group?: string }[] = [];
  private longest = 0;

  add(span: Span, group?: string): void {
    const at = this.lowerBound(span.start);
    this.spans.splice(at, 0, { span, group });
    this.longest = Math.max(this.longest, span.end - span.start);
  }

  conflicts(span: Span, group?: string): boolean {
    // Only spans starting at or before `span.end` can overlap it, and none that starts more than the
    // longest span's length before `span.start`.
    const end = this.lowerBound(span.end + 1);
    for (let i = end - 1; i >= 0; i--) {
      const other = this.spans[i];
      if (other.span.start < span.start - this.longest) break;
      const sameGroup =
        group !== undefined &&
        other.group === group &&
        span.start === span.end &&
        other.span.start === other.span.end &&
        other.span.start === span.start;
      if (!sameGroup && editsOverlap(other.span, span)) return true;
    }
    return false;
  }

  /** Index of the first span starting at or after `offset`. */
  private lowerBound(offset: number): number {
    let low = 0;
    let high = this.spans.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.spans[mid].span.start < offset) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
