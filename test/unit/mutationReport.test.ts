/**
 * `npm run mutation` runs StrykerJS in parts and merges their reports (scripts/mutation.mjs); the
 * bench reads the merged report (test/bench/mutation.mjs). The score is detected (Killed, Timeout)
 * over detected and undetected (Survived, NoCoverage), of all files and of each part.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const REPO = path.resolve(__dirname, '..', '..', '..');
/* eslint-disable @typescript-eslint/no-require-imports */
type PartReport = { files: Record<string, { mutants: Record<string, unknown>[] }>; reruns?: unknown[] };
const { mergeReports, guardFiles, applyRerun, splitFilesOption } = require(
  path.join(REPO, 'scripts', 'mutation.mjs'),
) as {
  applyRerun(part: PartReport, rerun: PartReport, files: string[], at: string): PartReport;
  splitFilesOption(args: string[]): { files: string[] | undefined; rest: string[] };
  guardFiles(dir: string): () => string[];
  mergeReports(parts: { name: string; file: string }[]): {
    files: Record<string, unknown>;
    parts: { name: string; missing?: boolean; files?: string[] }[];
  };
};
const { readMutationReport } = require(path.join(REPO, 'test', 'bench', 'mutation.mjs')) as {
  readMutationReport(file: string): {
    score: number;
    detected: number;
    undetected: number;
    files: number;
    parts: { name: string; missing?: boolean; score?: number; files?: number }[];
  };
};
/* eslint-enable @typescript-eslint/no-require-imports */

const mutants = (...statuses: string[]) => statuses.map((status, i) => ({ id: String(i), status }));

function partReport(dir: string, name: string, files: Record<string, string[]>): string {
  const file = path.join(dir, `${name}.json`);
  const entries = Object.fromEntries(
    Object.entries(files).map(([source, statuses]) => [
      source,
      { language: 'typescript', source: '', mutants: mutants(...statuses) },
    ]),
  );
  fs.writeFileSync(file, JSON.stringify({ schemaVersion: '1.0', files: entries }));
  return file;
}

describe('mutation report of the parts', () => {
  it('merges the files of every part, records a missing part, and scores all and each part', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mutation-'));
    try {
      const parts = [
        { name: 'a', file: partReport(dir, 'a', { 'x.ts': ['Killed', 'Killed', 'Survived', 'Ignored'] }) },
        { name: 'b', file: partReport(dir, 'b', { 'y.ts': ['Timeout', 'NoCoverage'], 'z.ts': ['CompileError'] }) },
        { name: 'c', file: path.join(dir, 'c.json') },
      ];
      const merged = mergeReports(parts);
      assert.deepEqual(Object.keys(merged.files).sort(), ['x.ts', 'y.ts', 'z.ts']);
      assert.deepEqual(
        merged.parts.map((p) => [p.name, p.missing ?? false, p.files]),
        [
          ['a', false, ['x.ts']],
          ['b', false, ['y.ts', 'z.ts']],
          ['c', true, undefined],
        ],
      );
      const mergedFile = path.join(dir, 'mutation.json');
      fs.writeFileSync(mergedFile, JSON.stringify(merged));
      const read = readMutationReport(mergedFile);
      // Detected: 2 Killed + 1 Timeout; undetected: 1 Survived + 1 NoCoverage; Ignored and CompileError do not count.
      assert.equal(read.detected, 3);
      assert.equal(read.undetected, 2);
      assert.equal(read.score, 3 / 5);
      assert.equal(read.files, 3);
      assert.deepEqual(
        read.parts.map((p) => [p.name, p.score, p.files, p.missing ?? false]),
        [
          ['a', 2 / 3, 1, false],
          ['b', 1 / 2, 2, false],
          ['c', undefined, undefined, true],
        ],
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses two parts that mutate the same file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mutation-'));
    try {
      const a = partReport(dir, 'a', { 'x.ts': ['Killed'] });
      const b = partReport(dir, 'b', { 'x.ts': ['Survived'] });
      assert.throws(
        () =>
          mergeReports([
            { name: 'a', file: a },
            { name: 'b', file: b },
          ]),
        /x\.ts is mutated by two parts/,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the mutation run guards the config files a mutant could write as root', () => {
  it('deletes what appeared, and puts back what changed or vanished, byte for byte', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guard-etc-'));
    try {
      const original = Buffer.from([0x5b, 0x62, 0x5d, 0x0d, 0x0a, 0xe9]);
      fs.writeFileSync(path.join(dir, 'wsl.conf'), original);
      fs.writeFileSync(path.join(dir, 'wsl-distribution.conf'), '[oobe]\n');
      fs.writeFileSync(path.join(dir, 'hosts'), 'kept\n');
      const restore = guardFiles(dir);
      fs.writeFileSync(path.join(dir, 'wsl.conf'), '[network]\ngenerateResolvConf=false\n');
      fs.rmSync(path.join(dir, 'wsl-distribution.conf'));
      fs.writeFileSync(path.join(dir, 'wsl.conf.bak-20261130T123456789Z'), 'x');
      fs.writeFileSync(path.join(dir, 'hosts'), 'changed by a test, not ours to guard\n');
      assert.deepEqual(restore().sort(), ['wsl-distribution.conf', 'wsl.conf', 'wsl.conf.bak-20261130T123456789Z']);
      assert.deepEqual(fs.readFileSync(path.join(dir, 'wsl.conf')), original);
      assert.equal(fs.readFileSync(path.join(dir, 'wsl-distribution.conf'), 'utf8'), '[oobe]\n');
      assert.deepEqual(fs.readdirSync(dir).sort(), ['hosts', 'wsl-distribution.conf', 'wsl.conf']);
      assert.deepEqual(restore(), [], 'nothing left to repair');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('re-running some files of a part (npm run mutation -- host --files …)', () => {
  it('reads --files in both spellings, trims and drops empty names, and leaves the other arguments', () => {
    assert.deepEqual(splitFilesOption(['host', '--files', 'a.ts, b.ts,']), { files: ['a.ts', 'b.ts'], rest: ['host'] });
    assert.deepEqual(splitFilesOption(['--files=c.ts', 'connectivity']), { files: ['c.ts'], rest: ['connectivity'] });
    assert.deepEqual(splitFilesOption(['host', '--merge-only']), { files: undefined, rest: ['host', '--merge-only'] });
    assert.deepEqual(splitFilesOption(['host', '--files']), { files: [], rest: ['host'] });
  });

  it("puts the re-run files' results in place of the old ones, keeps the others, and records the re-run", () => {
    const part: PartReport = {
      files: {
        'a.ts': { mutants: [{ id: '1', status: 'Survived', coveredBy: ['7'] }] },
        'b.ts': { mutants: [{ id: '2', status: 'Killed', coveredBy: ['8'], killedBy: ['8'] }] },
      },
      reruns: [{ files: ['b.ts'], at: 'earlier' }],
    };
    const rerun: PartReport = {
      files: {
        'a.ts': {
          mutants: [
            { id: '1', status: 'Killed', coveredBy: ['3'], killedBy: ['3'] },
            { id: '2', status: 'NoCoverage' },
          ],
        },
      },
    };
    const updated = applyRerun(part, rerun, ['a.ts'], '2026-12-01T06:00:00.000Z');
    assert.deepEqual(updated, {
      files: {
        // The re-run's test ids are its own: they are dropped, the statuses stay.
        'a.ts': {
          mutants: [
            { id: '1', status: 'Killed' },
            { id: '2', status: 'NoCoverage' },
          ],
        },
        'b.ts': part.files['b.ts'],
      },
      reruns: [
        { files: ['b.ts'], at: 'earlier' },
        { files: ['a.ts'], at: '2026-12-01T06:00:00.000Z' },
      ],
    });
    assert.equal(part.files['a.ts']?.mutants[0]?.status, 'Survived', 'the last report object is not changed in place');
    assert.throws(() => applyRerun(part, rerun, ['c.ts'], 'now'), /the re-run has no results for c\.ts/);
  });
});
