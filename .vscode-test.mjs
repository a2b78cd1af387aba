// Config for @vscode/test-cli (`npx vscode-test`), for developers whose machine can download
// desktop VS Code from Microsoft. It runs the same suite as `npm test`, compiled by `npx tsc -p .`.
//
// Where VS Code's download servers are unreachable (CI and the dev containers of this project),
// `npm test` runs the suite in code-server instead: see test/vscode/harness.mjs and
// scripts/setup-vscode-host.sh. The test files use only mocha's BDD globals and the `vscode` API, so
// both launchers run them unchanged (test-cli brings its own mocha setup and skips suite/index.js).
import { defineConfig } from '@vscode/test-cli';

export default defineConfig({
  label: 'integration',
  files: 'out/test/vscode/suite/**/*.test.js',
  workspaceFolder: 'test/fixtures/workspace',
  version: process.env.VSCODE_TEST_VERSION || 'stable',
  launchArgs: ['--disable-extensions'], // only the extension under development
  mocha: { ui: 'bdd', timeout: 60000 },
  env: { WSL_NETWORK_TEST_HOOKS: '1' }, // the suite may skip dialogs (client/src/cockpit/testHooks.ts)
});
