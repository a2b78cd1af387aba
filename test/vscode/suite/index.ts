/**
 * Mocha entry loaded by VS Code's extension host (the `extensionTestsPath`), compiled by tsc to
 * out/test/vscode/suite/index.js. VS Code calls `run()` once the extension under development is
 * loaded, and reports the promise's outcome as the process exit code.
 *
 * Runs under both launchers:
 *  - test/vscode/harness.mjs (code-server + headless Chromium; what `npm test` uses here);
 *  - @vscode/test-cli / .vscode-test.mjs on a developer machine with a desktop VS Code. That runner
 *    adds its own mocha setup, but `run()` is what the extension host calls either way.
 *
 * Environment (set through the harness's EXT_ENV / --grep):
 *   MOCHA_GREP        only run tests whose full title matches this pattern
 *   WSL_NETWORK_SUITE `restricted`: only the Restricted Mode file (the harness sets it with RESTRICTED=1,
 *                     for a workspace opened untrusted); otherwise every file but that one
 *   EXT_TEST_LOG_TAG  line prefix the harness filters on (default `[ext-test]`)
 */
import * as fs from 'fs';
import * as path from 'path';
import * as util from 'util';
import Mocha from 'mocha';

const TAG = process.env.EXT_TEST_LOG_TAG || '[ext-test]';
const RESTRICTED_FILE = 'restrictedMode.test.js';

/**
 * Writes tagged lines. Under code-server the extension host forwards console output into the
 * workbench log, unformatted (no `%s` substitution) and mixed with workbench noise, and its
 * console methods cannot be reassigned. So lines are pre-formatted and tagged here; the harness
 * prints only tagged lines.
 */
export function log(...args: unknown[]): void {
  const text = util.format(...args);
  console.log(
    text
      .split('\n')
      .map((line) => `${TAG} ${line}`)
      .join('\n'),
  );
}

function testFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return testFiles(full);
      return entry.isFile() && entry.name.endsWith('.test.js') ? [full] : [];
    })
    .sort();
}

export function run(): Promise<void> {
  // Every reporter line goes through Base.consoleLog; route it through the tagger.
  Mocha.reporters.Base.consoleLog = log;
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 60000 });
  if (process.env.MOCHA_GREP) mocha.grep(process.env.MOCHA_GREP);
  // The Restricted Mode tests need an untrusted workspace, which only a run with trust on gives.
  const restricted = process.env.WSL_NETWORK_SUITE === 'restricted';
  for (const file of testFiles(__dirname))
    if ((path.basename(file) === RESTRICTED_FILE) === restricted) mocha.addFile(file);

  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        const stats = runner.stats;
        const passed = stats?.passes ?? 0;
        const skipped = stats?.pending ?? 0;
        // The one machine-read line of the run (test/run-all.mjs sums these).
        log(`${passed} passed, ${failures} failed, ${skipped} skipped`);
        if (failures > 0) reject(new Error(`${failures} test(s) failed`));
        else resolve();
      });
    } catch (error) {
      // A test file that throws at load time (syntax error, failed import) lands here.
      log(`suite failed to load: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      log('0 passed, 1 failed, 0 skipped');
      reject(error);
    }
  });
}
