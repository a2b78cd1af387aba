/**
 * Invariants of the editing logic (server/src/editing) on the real samples and on generated files:
 * formatting never changes what WSL reads and is idempotent; quick fixes and Fix all produce
 * non-overlapping edits, keep the line break style, and Fix all never adds an error.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import '../fuzz/fastCheckSeed';
import { analyze } from '../../server/src/core/analyzer';
import type { FileKind } from '../../server/src/core/catalogue';
import { decodeConfigBytes } from '../../server/src/core/encoding';
import { modeFor, parseConfig } from '../../server/src/core/parser';
import { fixActions, fixAll } from '../../server/src/editing/fixes';
import { formatEdits } from '../../server/src/editing/format';
import { applyOffsetEdits } from '../../server/src/editing/text';
import { fileKindOf } from '../../server/src/fileKind';

/** Generated files per property; raise with FC_RUNS=5000 for a longer search. */
const RUNS = Number(process.env.FC_RUNS ?? 400);
const SAMPLES = path.resolve(__dirname, '../../../test/fixtures/samples');

/** What WSL reads: every entry with its value, and every syntax message, in order. */
function reading(text: string, kind: FileKind): string[] {
  const parsed = parseConfig(text, modeFor(kind));
  return [
    ...parsed.entries.map((e) => `${e.fullName}=${JSON.stringify(e.value)}`),
    ...parsed.issues.map((i) => i.message),
  ];
}

const errors = (text: string, kind: FileKind): number =>
  analyze(text, kind).findings.filter((f) => f.severity === 'error').length;
const breaks = (text: string): string[] => text.match(/\r\n|\n|\r/g) ?? [];

function checkFormatting(text: string, kind: FileKind): void {
  const formatted = applyOffsetEdits(text, formatEdits(parseConfig(text, modeFor(kind))));
  assert.deepEqual(reading(formatted, kind), reading(text, kind), 'formatting changed what WSL reads');
  assert.deepEqual(breaks(formatted), breaks(text), 'formatting changed line breaks');
  assert.deepEqual(formatEdits(parseConfig(formatted, modeFor(kind))), [], 'formatting is not idempotent');
}

function checkFixes(text: string, kind: FileKind): void {
  const analysis = analyze(text, kind);
  const crlf = /\r\n/.test(text) && !/[^\r]\n/.test(text);
  for (const finding of analysis.findings) {
    const actions = fixActions(analysis, finding);
    assert.ok(actions.filter((a) => a.preferred).length <= 1);
    for (const action of actions) {
      const fixed = applyOffsetEdits(text, action.edits);
      if (crlf) assert.doesNotMatch(fixed, /[^\r]\n/, `${action.title} added a bare LF`);
    }
  }
  const all = fixAll(analysis);
  const fixed = applyOffsetEdits(text, all.edits);
  if (crlf) assert.doesNotMatch(fixed, /[^\r]\n/, 'fix all added a bare LF');
  // Linux files that stop early hide problems below the stop; fixing the stop reveals them.
  if (analysis.parsed.stoppedAt === undefined)
    assert.ok(errors(fixed, kind) <= errors(text, kind), `fix all added errors:\n${text}\n---\n${fixed}`);
  if (all.edits.length === 0) assert.equal(all.fixed, 0);
}

describe('editing invariants on the real samples', () => {
  for (const id of fs.readdirSync(SAMPLES).sort()) {
    it(id, () => {
      const [name] = fs.readdirSync(path.join(SAMPLES, id));
      const kind = fileKindOf(name)!;
      const { text } = decodeConfigBytes(fs.readFileSync(path.join(SAMPLES, id, name)), {
        keepUtf8Bom: kind !== 'wslconfig',
      });
      checkFormatting(text, kind);
      checkFixes(text, kind);
    });
  }
});

describe('editing invariants on generated files', () => {
  const sections = [
    '[wsl2]',
    '[experimental]',
    '[general]',
    '[boot]',
    '[wsl]',
    '  [wsl2]  ',
    '[automount]',
    '[network]',
    '[wsl2] # vm',
    '[wsl2] ;x',
  ];
  const keys = [
    'memory',
    'memroy',
    'networkingMode',
    'sparseVhd',
    'localhostForwarding',
    'processors',
    'kernel',
    'dnsProxy',
    'pageReporting',
    'autoMemoryReclaim',
    'hostAddressLoopback',
    'swap',
    'systemd',
    'enabled',
    'hostname',
    'umask',
    'ignoredPorts',
    'firewall',
  ];
  const separators = ['=', ' = ', ' =', '=  ', '\t=\t'];
  const values = [
    '4GB',
    '8gb',
    'mirrored',
    'Mirrored',
    'VirtioProxy',
    'yes',
    'true',
    '0',
    '8',
    'C:\\Users\\me',
    'C:\\temp\\x',
    'C:\\\\ok',
    '"a b"',
    '"open',
    '3000-3002,80',
    'my_host',
    '',
    'x\\',
    'dropcache',
  ];
  const comments = ['', '', ' # note', '#n', '   '];
  const entry = fc
    .tuple(
      fc.constantFrom('', '  ', '\t'),
      fc.constantFrom(...keys),
      fc.constantFrom(...separators),
      fc.constantFrom(...values),
      fc.constantFrom(...comments),
    )
    .map((p) => p.join(''));
  const other = fc.constantFrom('; comment', '# comment', '', '   ', 'key # x = 1', 'bad.key=1', '[ bad]');
  const line = fc.oneof(
    { weight: 5, arbitrary: entry },
    { weight: 2, arbitrary: fc.constantFrom(...sections) },
    { weight: 1, arbitrary: other },
  );
  const file = fc
    .tuple(fc.array(line, { maxLength: 14 }), fc.constantFrom('\n', '\r\n'), fc.boolean())
    .map(([lines, eol, final]) => lines.join(eol) + (final && lines.length ? eol : ''));

  for (const kind of ['wslconfig', 'wslconf'] as const) {
    it(`${kind}: formatting keeps what WSL reads and is idempotent`, () => {
      fc.assert(
        fc.property(file, (text) => checkFormatting(text, kind)),
        { numRuns: RUNS },
      );
    });
    it(`${kind}: quick fixes and fix all apply cleanly and fix all adds no error`, () => {
      fc.assert(
        fc.property(file, (text) => checkFixes(text, kind)),
        { numRuns: RUNS },
      );
    });
  }
});
