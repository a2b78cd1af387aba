// How test/run-all.mjs runs the unit and LSP test files with `node --test`, in its own module so that
// a unit test (test/unit/nodeTestArgs.test.ts) can run the same command and check its count.
//
// No `--test-force-exit`: with it, Node drops a file's tail of already-run results before the parent
// reads them and reports fewer tests than ran, with exit 0 (nodejs/node#64833; seen here as 1,155 of
// 1,168 tests, with two suites missing from the report). A failure in that tail would be lost too.
// A file that leaves a handle open now hangs instead, until run-all's UNIT_TIMEOUT_S ends the part
// as failed, which is loud.
//
// The spec reporter ends with `ℹ tests N`, `ℹ pass N`, `ℹ fail N`, … (the last occurrence wins).

/** The arguments after `node` for these test files. */
export function nodeTestArgs(files) {
  return ['--test', '--test-reporter=spec', ...files];
}

const COUNT_LINE = /^ℹ (tests|pass|fail|cancelled|skipped|todo) (\d+)$/;

/** Adds the count a spec reporter's summary line gives to `counts`; false for any other line. */
export function readCountLine(line, counts) {
  const m = COUNT_LINE.exec(line);
  if (!m) return false;
  counts[m[1]] = Number(m[2]);
  return true;
}
