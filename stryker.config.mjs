// Mutation testing with StrykerJS, the settings every part shares. `npm run mutation`
// (scripts/mutation.mjs; not part of `npm test`, it takes long) runs five parts, each with its own
// config on top of this one, and merges their reports into reports/mutation/mutation.json.
//
// Stryker copies the project into a sandbox, puts every mutant of the part's files into the
// TypeScript sources at once (mutant schemata, switched on by an environment variable), compiles them
// once with tsc, and then runs the compiled unit tests with `node --test` through the TAP runner.
// Coverage is per test file, so a mutant only reruns the files that reach it.
//
// `npx stryker run` with this file alone mutates both folders against every unit test file at once:
// on 2 cores that takes many hours (see scripts/mutation.mjs).
/** The report a part writes, which scripts/mutation.mjs merges into reports/mutation/mutation.json. */
export const partReportFile = (part) => `reports/mutation/${part}.json`;

/** The name a re-run of some of a part's files writes its report under (scripts/mutation.mjs --files). */
export const rerunPartName = (part) => `${part}.rerun`;

/** Where a part writes its reports and keeps its sandbox, so that parts never overwrite each other. */
export function partOutputs(part) {
  return {
    jsonReporter: { fileName: partReportFile(part) },
    htmlReporter: { fileName: `reports/mutation/${part}.html` },
    tempDirName: `.stryker-tmp-${part}`,
  };
}

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'tap',
  tap: {
    // cli.test.js runs the prebuilt dist/cli.js bundle, which carries no mutants.
    testFiles: ['out/test/unit/!(cli).test.js', 'out/test/unit/*/**/*.test.js'],
    nodeArgs: ['--test-reporter=tap', '-r', '{{hookFile}}', '{{testFile}}'],
  },
  buildCommand: 'npx tsc -p .',
  mutate: ['server/src/core/**/*.ts', 'client/src/host/**/*.ts'],
  // Mutants do not type-check; tsc must still emit, so every compiled file skips type checks.
  disableTypeChecks: '{client,server,test}/**/*.ts',
  coverageAnalysis: 'perTest',
  // The machine this runs on has 2 cores.
  concurrency: 2,
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  timeoutMS: 10000,
  reporters: ['clear-text', 'progress', 'json', 'html'],
  // Not mutation.json: that name is the merged report of the parts.
  ...partOutputs('all'),
  // Other parts' sandboxes are not copied into this one.
  ignorePatterns: ['out', '.cache', 'test-results', 'bench-results', 'reports', '*.vsix', '.stryker-tmp*'],
  cleanTempDir: 'always',
};
