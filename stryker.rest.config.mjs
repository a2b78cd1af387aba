// Everything in server/src/core and client/src/host that stryker.parsers.config.mjs and
// stryker.core.config.mjs leave out, in three parts that each finish with their own report, chosen by
// STRYKER_PART (`STRYKER_PART=host npx stryker run stryker.rest.config.mjs`):
//   analysis      the rest of server/src/core: the parser, analyzer, rules and suggestions
//   host          the rest of client/src/host itself (its folder, not the connectivity doctor)
//   connectivity  client/src/host/connectivity, the connectivity doctor
// The host layer is two parts, not one, because its 6,878 mutants need more than two hours of 2 cores
// in one run, and a run that is stopped leaves no report. `npm run mutation` runs all three
// (scripts/mutation.mjs), and puts back any /etc/wsl.conf* a mutant of the distro config code wrote
// as root; run through `npx stryker run` directly, the host part has no such guard.
//
// Each part runs the unit tests of its own side. A mutant Stryker cannot kill with them counts as
// survived, even when a test left out here would kill it, so the score is a lower bound. Left out:
// - the analysis part: the client's and host layer's tests, which reach the analyzer only through the
//   CLI-like paths already covered here, and would rerun for every surviving mutant (about 60 s each
//   with all 67 files: hours in all);
// - cli.test (it runs the prebuilt dist/cli.js bundle, which carries no mutants);
// - properties.test (4 s a run), and, for the host part, the suites that start the stand-in Windows
//   tools for several seconds a run: elevatedExecution (35 s), wslHost (12 s), dockerCli (7 s), and
//   doctorBudget (4.5 s of waiting for the doctor's own timeouts);
// - l10nBundle.test, which reads client/src as text for its t() messages: in Stryker's sandbox that
//   text is the instrumented source.
// fast-check properties run from one fixed seed, so a mutant's fate does not depend on the draw.
import fs from 'node:fs';
import path from 'node:path';
import base, { partOutputs, rerunPartName } from './stryker.config.mjs';
import parsers from './stryker.parsers.config.mjs';
import core from './stryker.core.config.mjs';

process.env.FC_SEED ??= '20261130';
/** What each part mutates, besides the files the parsers and core parts mutate. */
const MUTATED = {
  analysis: 'server/src/core/**/*.ts',
  host: 'client/src/host/*.ts',
  connectivity: 'client/src/host/connectivity/**/*.ts',
};
const PART = process.env.STRYKER_PART ?? 'analysis';
if (!Object.hasOwn(MUTATED, PART)) {
  throw new Error(`STRYKER_PART=${PART} is not a part; the parts are ${Object.keys(MUTATED).join(', ')}`);
}

/**
 * `npm run mutation -- <part> --files a.ts,b.ts`: only these files of the part, into a report of their
 * own that scripts/mutation.mjs puts into the part's (each must be one the part mutates).
 */
const RERUN_FILES = process.env.STRYKER_MUTATE_FILES?.split(',');
for (const file of RERUN_FILES ?? []) {
  const inPart = path.matchesGlob(file, MUTATED[PART]);
  const elsewhere = [...parsers.mutate, ...core.mutate].includes(file);
  if (!inPart || elsewhere) throw new Error(`${file} is not one of the files the ${PART} part mutates`);
}

const ANALYSIS_TESTS = [
  'analyzer',
  'analyzerMessages',
  'analyzerEdges',
  'parserEdges',
  'valueRuleEdges',
  'limits',
  'networkingMode',
  'valueRuleMessages',
  'keyFindingMessages',
  'networkingRuleMessages',
  'parser',
  'catalogue',
  'crossFile',
  'suggestions',
  'samples',
  'editing',
  'coreMutants',
  'configEdits',
].map((name) => `out/test/unit/${name}.test.js`);

const HOST_LEFT_OUT = new Set([
  'out/test/unit/host/elevatedExecution.test.js',
  'out/test/unit/host/wslHost.test.js',
  'out/test/unit/host/dockerCli.test.js',
  'out/test/unit/connectivity/doctorBudget.test.js',
  'out/test/unit/client/l10nBundle.test.js',
]);

/** The compiled unit test files of the host layer, the client and the connectivity doctor, but those above. */
function hostTestFiles() {
  return ['host', 'client', 'connectivity'].flatMap((folder) => {
    const dir = path.posix.join('out/test/unit', folder);
    return fs.existsSync(dir)
      ? fs
          .readdirSync(dir)
          .filter((name) => name.endsWith('.test.js'))
          .map((name) => path.posix.join(dir, name))
          .filter((file) => !HOST_LEFT_OUT.has(file))
          .sort()
      : [];
  });
}

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  ...base,
  mutate: RERUN_FILES ?? [MUTATED[PART], ...[...parsers.mutate, ...core.mutate].map((file) => `!${file}`)],
  tap: { ...base.tap, testFiles: PART === 'analysis' ? ANALYSIS_TESTS : hostTestFiles() },
  incremental: false,
  ...partOutputs(RERUN_FILES ? rerunPartName(PART) : PART),
};
