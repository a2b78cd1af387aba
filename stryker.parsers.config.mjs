// The host layer's parsers and address helpers against the unit tests that test them directly:
// `npx tsc -p . && npx stryker run stryker.parsers.config.mjs` (about 6 minutes on 2 cores).
//
// The full `npm run mutation` (stryker.config.mjs) also reruns, for each mutant, the suites that
// start the stand-in Windows tools (wslHost, commandSafety, elevatedExecution…): seconds per file per
// mutant, hours in all on 2 cores. These files are what reads text from wsl.exe, netsh, ip and
// /proc, where a misreading written the same way into a stand-in and into its parser would pass
// every file-based test (issue 14); the survivors left are listed, each with its reason, in
// docs/mutation-survivors-*.md.
import base, { partOutputs } from './stryker.config.mjs';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  ...base,
  mutate: [
    'client/src/host/parsePortProxy.ts',
    'client/src/host/parseProcNet.ts',
    'client/src/host/parseWslVersion.ts',
    'client/src/host/parseWslStatus.ts',
    'client/src/host/parseWslListVerbose.ts',
    'client/src/host/parseWslListQuiet.ts',
    'client/src/host/wslErrorOutput.ts',
    'client/src/host/decodeOutput.ts',
    'client/src/host/parseNetworkingMode.ts',
    'client/src/host/parseWslAddresses.ts',
    'client/src/host/ipAddress.ts',
    'client/src/host/validators.ts',
  ],
  tap: {
    ...base.tap,
    testFiles: [
      'out/test/unit/host/parsePortProxy.test.js',
      'out/test/unit/host/wslParsers.test.js',
      'out/test/unit/host/wslParserMutants.test.js',
      'out/test/unit/host/procNet.test.js',
      'out/test/unit/host/decodeOutput.test.js',
      'out/test/unit/host/addressMutants.test.js',
      'out/test/unit/host/mutantSurvivors.test.js',
      'out/test/unit/host/stalePortProxy.test.js',
      'out/test/unit/host/commandBuilders.test.js',
      'out/test/unit/host/detectHost.test.js',
      'out/test/unit/client/exposureScope.test.js',
    ],
  },
  incremental: false,
  ...partOutputs('parsers'),
};
