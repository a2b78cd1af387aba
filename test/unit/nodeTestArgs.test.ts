/**
 * test/run-all.mjs counts the unit and LSP tests from `node --test`'s own summary. With
 * `--test-force-exit`, Node dropped the tail of a file's results and reported fewer tests than had
 * run, with exit 0 (nodejs/node#64833): a full run here reported 1,155 of 1,168, and a failure in the
 * lost tail would have been lost with it. The command run-all uses must report every test that ran.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const REPO = path.resolve(__dirname, '..', '..', '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { nodeTestArgs, readCountLine } = require(path.join(REPO, 'test', 'nodeTestArgs.mjs')) as {
  nodeTestArgs(files: string[]): string[];
  readCountLine(line: string, counts: Record<string, number>): boolean;
};

/** Runs `node` with run-all's arguments on `files`, its output read through a pipe as run-all reads it. */
function countsOf(files: string[], cwd: string): Promise<Record<string, number>> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env };
    delete env['NODE_TEST_CONTEXT']; // this file runs under node --test itself
    const child = spawn(process.execPath, nodeTestArgs(files), { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const counts: Record<string, number> = {};
    let rest = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (text: string) => {
      const lines = (rest + text).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) readCountLine(line, counts);
    });
    child.on('error', reject);
    child.on('close', () => {
      readCountLine(rest, counts);
      resolve(counts);
    });
  });
}

describe("run-all's node --test command", () => {
  it('reports every test of files with thousands of quick tests (nodejs/node#64833)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'node-test-count-'));
    try {
      const body = [
        "const { test } = require('node:test');",
        ...Array.from({ length: 1500 }, (_, i) => `test('t${i}', () => {});`),
      ].join('\n');
      const files = ['a.test.cjs', 'b.test.cjs', 'c.test.cjs'];
      for (const file of files) fs.writeFileSync(path.join(dir, file), body);
      // With --test-force-exit, a run of these three files lost 2 to 30 results in 4 of 6 tries on
      // Node 20; the loss is a race, so the next test pins the flag itself down too.
      const counts = await countsOf(files, dir);
      assert.equal(counts['tests'], 4500, JSON.stringify(counts));
      assert.equal(counts['pass'], 4500);
      assert.equal(counts['fail'], 0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('leaves out --test-force-exit, which loses results', () => {
    assert.deepEqual(nodeTestArgs(['x.test.js']), ['--test', '--test-reporter=spec', 'x.test.js']);
  });

  it('reads the summary lines and nothing else', () => {
    const counts: Record<string, number> = {};
    assert.equal(readCountLine('ℹ tests 12', counts), true);
    assert.equal(readCountLine('ℹ fail 1', counts), true);
    assert.equal(readCountLine('  ✔ ℹ tests 99 (0.2ms)', counts), false);
    assert.equal(readCountLine('ℹ duration_ms 20.5', counts), false);
    assert.deepEqual(counts, { tests: 12, fail: 1 });
  });
});
