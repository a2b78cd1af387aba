// The language server's core editing and value-reading modules against the fast unit tests that
// test them directly: `npx tsc -p . && npx stryker run stryker.core.config.mjs`.
//
// These modules reproduce how WSL reads a value (valueParsers), and make the minimal-byte edits
// that must leave every other byte of the file as it was: encodings and BOMs (encoding), line
// breaks and offsets (lineIndex, textEdits, configEdits). Only the files that import these modules
// and test them run: configEdits.test and client/byteExactEdits.test (under 1 s each) and
// coreMutants.test. Left out: editing.test, analyzer.test and samples.test, which reach them only
// through the analyzer, fixes and formatter and would rerun for nearly every mutant (with them a run
// takes about an hour on 2 cores); properties.test (over 5 s a run); lineDocument.test (its property
// draws new inputs on every run, so a mutant's fate would depend on the draw); parser.test (reaches
// none of them); cli.test (runs the prebuilt bundle, which carries no mutants) and the suites that
// start the stand-in Windows tools. The survivors left are listed, each with its reason, in
// docs/mutation-survivors-core.md.
import base, { partOutputs } from './stryker.config.mjs';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  ...base,
  mutate: [
    'server/src/core/valueParsers.ts',
    'server/src/core/encoding.ts',
    'server/src/core/textEdits.ts',
    'server/src/core/configEdits.ts',
    'server/src/core/lineIndex.ts',
  ],
  tap: {
    ...base.tap,
    testFiles: [
      'out/test/unit/configEdits.test.js',
      'out/test/unit/client/byteExactEdits.test.js',
      'out/test/unit/coreMutants.test.js',
    ],
  },
  incremental: false,
  concurrency: 1,
  ...partOutputs('core'),
};
