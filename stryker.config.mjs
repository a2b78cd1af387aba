// Mutation testing with StrykerJS: `npm run mutation` (not part of `npm test`; it takes long).
//
// Stryker copies the project into .stryker-tmp/, puts every mutant of the core and the host layer
// into the TypeScript sources at once (mutant schemata, switched on by an environment variable),
// compiles them once with tsc, and then runs the compiled unit tests with `node --test` through the
// TAP runner. Coverage is per test file, so a mutant only reruns the files that reach it.
// Incremental: results of unchanged code and tests are reused from reports/stryker-incremental.json.
//
// A subset: `npm run mutation -- --mutate server/src/core/networkingMode.ts`.
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
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  ignorePatterns: ['out', '.cache', 'test-results', 'bench-results', 'reports', '*.vsix'],
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
