/**
 * The invariants every input must satisfy, shared by the property tests and the benchmark's fuzz run:
 *
 * - the parser never throws, in both modes;
 * - its spans are inside the text and do not overlap: `toTokens` accepts them, and the tokens print
 *   back to the input byte for byte;
 * - the analyzer never throws, for all three file kinds, and every finding span (and related span and
 *   fix data) lies inside the document with start <= end;
 * - every quick fix applies cleanly and fixes what it targets without adding an error (checkQuickFixes).
 */
import { analyze, type Analysis } from '../../server/src/core/analyzer';
import type { FileKind } from '../../server/src/core/catalogue';
import type { Finding, FindingCode } from '../../server/src/core/findings';
import { parseConfig, type ParseMode, type Span } from '../../server/src/core/parser';
import { assertTokensCover, printTokens, toTokens } from '../support/syntaxTree';
import { fixActions } from '../../server/src/editing/fixes';
import { applyOffsetEdits, sortEdits, type OffsetEdit } from '../../server/src/editing/text';
import { FILE_KINDS } from './configArbitraries';

export const PARSE_MODES: readonly ParseMode[] = ['windows', 'linux'];

export class InvariantError extends Error {
  override readonly name = 'InvariantError';
  constructor(
    message: string,
    readonly input: string,
  ) {
    super(`${message}\ninput: ${JSON.stringify(input)}`);
  }
}

/** Parses in both modes, rebuilds the tokens and prints them back. Returns how many `other` tokens there were. */
export function checkParseRoundTrip(text: string): { otherTokens: number } {
  let otherTokens = 0;
  for (const mode of PARSE_MODES) {
    let printed: string;
    try {
      const tokens = toTokens(parseConfig(text, mode));
      assertTokensCover(tokens, text.length);
      otherTokens += tokens.filter((t) => t.kind === 'other').length;
      printed = printTokens(tokens);
    } catch (error) {
      throw new InvariantError(`${mode}: ${(error as Error).stack ?? String(error)}`, text);
    }
    if (printed !== text)
      throw new InvariantError(`${mode}: printTokens(toTokens(parse(x))) !== x: ${JSON.stringify(printed)}`, text);
  }
  return { otherTokens };
}

function checkSpan(text: string, span: Span | undefined, what: string): void {
  if (
    !span ||
    !Number.isInteger(span.start) ||
    !Number.isInteger(span.end) ||
    span.start < 0 ||
    span.start > span.end ||
    span.end > text.length
  ) {
    throw new InvariantError(
      `${what}: span ${JSON.stringify(span)} is not inside the document (length ${text.length})`,
      text,
    );
  }
}

/** Every span a finding carries lies inside the document. */
export function checkFinding(text: string, finding: Finding, kind: FileKind): void {
  const what = `${kind} ${finding.code}`;
  checkSpan(text, finding.span, what);
  if (finding.related) checkSpan(text, finding.related.span, `${what} related`);
  for (const fix of finding.fixes ?? []) {
    switch (fix.fix) {
      case 'replace':
        checkSpan(text, fix.span, `${what} replace fix`);
        break;
      case 'move-to-section':
        checkSpan(text, fix.entrySpan, `${what} move fix`);
        break;
      case 'delete-line':
        checkSpan(text, fix.lineSpan, `${what} delete fix`);
        break;
      case 'escape-backslashes':
        checkSpan(text, fix.valueSpan, `${what} escape fix`);
        break;
      case 'semicolon-to-hash':
        if (text[fix.offset] !== ';')
          throw new InvariantError(`${what}: semicolon fix at ${fix.offset} is not on a ';'`, text);
        break;
    }
  }
}

/** Analyzes as every file kind and checks every finding's spans. */
export function checkAnalysis(text: string, kinds: readonly FileKind[] = FILE_KINDS): Map<FileKind, Analysis> {
  const analyses = new Map<FileKind, Analysis>();
  for (const kind of kinds) {
    let analysis: Analysis;
    try {
      analysis = analyze(text, kind);
    } catch (error) {
      throw new InvariantError(`analyze(${kind}) threw: ${(error as Error).stack ?? String(error)}`, text);
    }
    for (const finding of analysis.findings) checkFinding(text, finding, kind);
    analyses.set(kind, analysis);
  }
  return analyses;
}

/** Where an offset of the fixed text came from in the original: unchanged text, or the edit that wrote it. */
interface Origin {
  offset: number;
  edit?: OffsetEdit;
}

/** Maps offsets of `applyOffsetEdits(text, edits)` back to the original text. */
function originMapper(edits: readonly OffsetEdit[]): (offset: number) => Origin {
  const segments: { newStart: number; newEnd: number; origStart: number; edit?: OffsetEdit }[] = [];
  let orig = 0;
  let now = 0;
  for (const edit of sortEdits(edits)) {
    segments.push({ newStart: now, newEnd: now + (edit.start - orig), origStart: orig });
    now += edit.start - orig;
    segments.push({ newStart: now, newEnd: now + edit.newText.length, origStart: edit.start, edit });
    now += edit.newText.length;
    orig = edit.end;
  }
  return (offset) => {
    for (const s of segments) {
      if (offset >= s.newStart && offset < s.newEnd)
        return s.edit ? { offset: s.edit.start, edit: s.edit } : { offset: s.origStart + (offset - s.newStart) };
    }
    // After the last edit: unchanged text.
    return { offset: orig + (offset - now) };
  };
}

/**
 * - `no-op`: the quick fix changes nothing.
 * - `target-remains`: after the fix, a finding of the same code is still at the target's place.
 * - `created-error`: an error appeared on a line WSL read without that error before: a regression.
 * - `revealed-error`: an error appeared on a line WSL did not read before (a rejected line, a line
 *   after a Linux stop, a comment, a key WSL ignored, a key under a malformed header whose garbled
 *   section depends on the headers above): the fix made WSL read it, so its other problems show now.
 *   Not a regression; reported.
 * - `still-ignored`: like `revealed-error`, but the new error says WSL still ignores the key (unknown
 *   key, wrong section, key before any section, wrong file): the fix changed the diagnosis, not what
 *   WSL reads. Not a regression either; reported as a weak fix.
 */
export type FixViolationKind = 'no-op' | 'target-remains' | 'created-error' | 'revealed-error' | 'still-ignored';

/** Violations that are regressions; the others are reported but expected. */
export const REGRESSIONS: ReadonlySet<FixViolationKind> = new Set(['no-op', 'target-remains', 'created-error']);

export interface FixViolation {
  kind: FixViolationKind;
  fileKind: FileKind;
  /** The finding whose quick fix was applied. */
  target: { code: FindingCode; start: number; text: string };
  fix: string;
  /** The error that appeared (not for 'no-op' and 'target-remains'). */
  appeared?: { code: FindingCode; message: string; text: string };
  input: string;
  fixed: string;
}

export interface FixReport {
  /** Quick fixes applied and re-analyzed. */
  applied: number;
  violations: FixViolation[];
}

/** Findings that mean WSL does not use the key (or the whole section) they sit on. */
const NOT_READ = new Set<FindingCode>([
  'unknown-key',
  'unknown-section',
  'key-before-section',
  'wrong-section',
  'wrong-file',
  'removed-key',
  'duplicate-key',
]);
const SYNTAX = new Set<FindingCode>([
  'invalid-key-name',
  'invalid-section-name',
  'expected-bracket',
  'expected-equals',
  'expected-eol',
  'expected-quote',
  'invalid-escape',
]);

/** Whether WSL read the line holding `offset` of the analyzed text (false: rejected, ignored, or an ignored key). */
function wasRead(analysis: Analysis, offset: number): boolean {
  const text = analysis.parsed.text;
  let lineStart = offset;
  while (lineStart > 0 && text[lineStart - 1] !== '\n' && text[lineStart - 1] !== '\r') lineStart--;
  let lineEnd = offset;
  while (lineEnd < text.length && text[lineEnd] !== '\n' && text[lineEnd] !== '\r') lineEnd++;
  const onLine = (span: Span): boolean => span.start <= lineEnd && span.end >= lineStart;
  if (analysis.parsed.stoppedAt !== undefined && lineEnd >= analysis.parsed.stoppedAt) return false;
  for (const element of analysis.parsed.elements) {
    if (element.kind === 'invalid' && onLine(element.span)) return false;
    // A '#' comment runs to the next LF, across a lone CR: text after such a CR is comment to WSL.
    const comment =
      element.kind === 'comment' ? element.span : element.kind === 'invalid' ? undefined : element.comment;
    if (comment && offset >= comment.start && offset < comment.end) return false;
    // Under a malformed header the section WSL uses is garbled from the headers above (one shared
    // buffer), so fixing any header above changes what such a key is: it was never read reliably.
    if (
      element.kind === 'entry' &&
      onLine(element.span) &&
      element.section !== undefined &&
      element.section !== element.header?.name
    )
      return false;
  }
  for (const finding of analysis.findings)
    if ((NOT_READ.has(finding.code) || SYNTAX.has(finding.code)) && onLine(finding.span)) return false;
  return true;
}

/** The physical lines of the target finding and of the entry its fixes move or delete. */
function sourceLines(text: string, target: Finding): Span {
  let start = target.span.start;
  let end = target.span.end;
  for (const fix of target.fixes ?? []) {
    const span = fix.fix === 'move-to-section' ? fix.entrySpan : fix.fix === 'delete-line' ? fix.lineSpan : undefined;
    if (span) {
      start = Math.min(start, span.start);
      end = Math.max(end, span.end);
    }
  }
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  return { start, end };
}

/**
 * Applies every quick fix of every finding (one at a time) and re-analyzes. A fix must change the
 * text, fix its target (afterwards no finding of the same code sits at the same place, the place being
 * followed through the edits; a finding inside text the fix wrote counts as at the edit's place), and
 * add no error: every error afterwards is one that was already there (same code, same place), or one
 * that WSL could not see before (see FixViolationKind). Everything else is reported as a violation.
 */
export function checkQuickFixes(text: string, kind: FileKind, analysis: Analysis = analyze(text, kind)): FixReport {
  const report: FixReport = { applied: 0, violations: [] };
  const before = new Map<string, Finding[]>();
  for (const f of analysis.findings) before.set(f.code, [...(before.get(f.code) ?? []), f]);

  for (const target of analysis.findings) {
    if (!target.fixes || target.fixes.length === 0) continue;
    let actions;
    try {
      actions = fixActions(analysis, target);
    } catch (error) {
      throw new InvariantError(
        `fixActions(${kind}, ${target.code}) threw: ${(error as Error).stack ?? String(error)}`,
        text,
      );
    }
    const describe = {
      code: target.code,
      start: target.span.start,
      text: text.slice(target.span.start, target.span.end),
    };
    const targetWasRead = !NOT_READ.has(target.code) && !SYNTAX.has(target.code);
    for (const action of actions) {
      let fixed: string;
      try {
        fixed = applyOffsetEdits(text, action.edits);
      } catch (error) {
        throw new InvariantError(
          `${kind} ${target.code} fix '${action.title}' does not apply: ${(error as Error).message}`,
          text,
        );
      }
      for (const edit of action.edits) checkSpan(text, edit, `${kind} ${target.code} fix '${action.title}' edit`);
      report.applied++;
      const violation = (kind2: FixViolationKind, appeared?: Finding): void => {
        report.violations.push({
          kind: kind2,
          fileKind: kind,
          target: describe,
          fix: action.title,
          appeared: appeared && {
            code: appeared.code,
            message: appeared.message,
            text: fixed.slice(appeared.span.start, appeared.span.end),
          },
          input: text,
          fixed,
        });
      };
      if (fixed === text) {
        violation('no-op');
        continue;
      }
      const after = analyze(fixed, kind);
      const origin = originMapper(action.edits);
      const atPlace = (g: Finding, o: Origin): boolean =>
        o.edit ? g.span.start >= o.edit.start && g.span.start <= o.edit.end : g.span.start === o.offset;

      // A moved line carries its findings along: same code and same text, from the target's lines.
      const source = sourceLines(text, target);
      const carried = (g: Finding, f: Finding): boolean =>
        g.span.start >= source.start &&
        g.span.end <= source.end &&
        text.slice(g.span.start, g.span.end) === fixed.slice(f.span.start, f.span.end);

      for (const f of after.findings) {
        const o = origin(f.span.start);
        if (f.code === target.code && atPlace(target, o)) violation('target-remains');
        if (f.severity !== 'error') continue;
        if ((before.get(f.code) ?? []).some((g) => atPlace(g, o) || (o.edit !== undefined && carried(g, f)))) continue;
        // Text the fix wrote comes from the target's line, or from the line the edit replaced.
        const read = o.edit ? targetWasRead && wasRead(analysis, o.edit.start) : wasRead(analysis, o.offset);
        if (read) violation('created-error', f);
        else violation(NOT_READ.has(f.code) ? 'still-ignored' : 'revealed-error', f);
      }
    }
  }
  return report;
}
