#!/usr/bin/env node
// The single test driver behind `npm test` (which builds and compiles first). Runs, in order:
//   0. setup                 scripts/setup-vscode-host.sh, when the VS Code host or Neovim is missing
//   1. lint, format          `npm run lint` (ESLint with the layer rules) and `npm run format:check`
//                            (Prettier; skipped with a printed note while WSL_NETWORK_FORMAT_PENDING=1),
//                            each counted as one test
//   2. unit + LSP tests      node --test (spec reporter) on out/test/unit/**/*.test.js and out/test/lsp/**/*.test.js
//   3. VS Code suite         mocha inside a real VS Code extension host (test/vscode/harness.mjs, mode B)
//   4. UI smoke              Playwright through the real workbench (harness mode A; counts as one test),
//                            which also takes the README's pictures (into test-results/screenshots)
//   5. installed .vsix       `vsce package`, installed into a fresh code-server, checked from there
//   6. Restricted Mode       the suite's Restricted Mode file in a VS Code with workspace trust on
// Parts 3 to 6 need the VS Code host: one that cannot be installed fails the run. They are skipped
// only when the user asks for it with WSL_NETWORK_SKIP_VSCODE=1, and then reported as skipped.
//
// Ends with exactly one line `N passed, N failed, N skipped` summing all parts (the parts' own count
// lines are folded into the summary table above it); exits 1 if anything failed.
//
//   node test/run-all.mjs [--unit-only]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { nodeTestArgs, readCountLine } from './nodeTestArgs.mjs';
import { demoEnvironment } from './vscode/demo.mjs';
import { REPO_ROOT, SETUP_SCRIPT, UI_SMOKE_SCRIPT, findVscodeHost, withoutNpmEnvironment } from './vscode/paths.mjs';

const INSTALLED_VSIX_SCRIPT = path.join(REPO_ROOT, 'test', 'vscode', 'installed-vsix.mjs');
const VSCE = path.join(REPO_ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');

const { values: opts } = parseArgs({ options: { 'unit-only': { type: 'boolean' } } });
const SUMMARY = /^(\d+) passed, (\d+) failed, (\d+) skipped$/;
const HARNESS = path.join(REPO_ROOT, 'test', 'vscode', 'harness.mjs');

/** @type {{ name: string, passed: number, failed: number, skipped: number, note?: string }[]} */
const results = [];
const banner = (title) => console.log(`\n=== ${title} ${'='.repeat(Math.max(3, 72 - title.length))}`);

/**
 * Runs a command in its own process group, streaming its output line by line through `onLine`
 * (which may swallow lines). After `timeoutS` the group gets SIGTERM (the harness then stops its
 * code-server), and SIGKILL 10 s later; the part then counts as failed through its exit code.
 */
function stream(cmd, args, onLine, timeoutS, env = process.env) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    for (const source of [child.stdout, child.stderr]) {
      let rest = '';
      source.on('data', (chunk) => {
        const lines = (rest + chunk).split('\n');
        rest = lines.pop();
        lines.forEach(onLine);
      });
      source.on('end', () => rest && onLine(rest));
    }
    const signalGroup = (sig) => {
      try {
        process.kill(-child.pid, sig);
      } catch {
        /* gone */
      }
    };
    let killer;
    const stop = (sig) => {
      signalGroup(sig);
      killer ??= setTimeout(() => signalGroup('SIGKILL'), 10000);
    };
    const watchdog = setTimeout(() => {
      onLine(`[run-all] timed out after ${timeoutS}s, stopping`);
      stop('SIGTERM');
    }, timeoutS * 1000);
    // Ctrl+C: the child is in its own group, so pass it on (the harness cleans up on SIGINT).
    let interrupted = false;
    const onInterrupt = () => {
      interrupted = true;
      stop('SIGINT');
    };
    process.on('SIGINT', onInterrupt);
    child.on('close', (code, signal) => {
      clearTimeout(watchdog);
      clearTimeout(killer);
      process.off('SIGINT', onInterrupt);
      if (interrupted) process.exit(130);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

function testFiles(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => {
      const full = path.join(dir, e.name);
      return e.isDirectory() ? testFiles(full) : e.isFile() && e.name.endsWith('.test.js') ? [full] : [];
    })
    .sort();
}

// ---- 1. unit + LSP ------------------------------------------------------------------------------
/** The property tests' seed under CI (see unitAndLsp). */
const CI_FC_SEED = '20261122';

async function unitAndLsp() {
  const name = 'unit + LSP';
  banner(name);
  // Node 20's --test does not expand globs, so the files are listed explicitly.
  const files = ['unit', 'lsp'].flatMap((d) => testFiles(path.join(REPO_ROOT, 'out', 'test', d)));
  if (!files.length) {
    console.log('no compiled tests in out/test/unit or out/test/lsp (run `npx tsc -p .`)');
    results.push({ name, passed: 0, failed: 1, skipped: 0, note: 'no test files' });
    return;
  }
  // The counts are read from the spec reporter's summary lines (nodeTestArgs.mjs, which also says
  // why there is no --test-force-exit).
  // CI runs the property tests from a fixed seed, so a landing never hinges on a random draw; local
  // runs draw a new seed each time and keep exploring (a failure prints the seed to replay).
  if (process.env.CI && process.env.FC_SEED === undefined) process.env.FC_SEED = CI_FC_SEED;
  console.log(
    process.env.FC_SEED === undefined
      ? 'property tests: random seeds'
      : `property tests: FC_SEED=${process.env.FC_SEED}`,
  );
  const counts = {};
  const why = [];
  const code = await stream(
    process.execPath,
    nodeTestArgs(files.map((f) => path.relative(REPO_ROOT, f))),
    (line) => {
      readCountLine(line, counts);
      keepFailureLine(why, line);
      console.log(line);
    },
    Number(process.env.UNIT_TIMEOUT_S || 900),
  );
  const result = {
    name,
    passed: counts.pass ?? 0,
    failed: (counts.fail ?? 0) + (counts.cancelled ?? 0),
    skipped: (counts.skipped ?? 0) + (counts.todo ?? 0),
  };
  if (code !== 0 && result.failed === 0) Object.assign(result, { failed: 1, note: `node --test exited ${code}` });
  if (result.failed) result.why = why;
  results.push(result);
}

// ---- 0. lint and format ------------------------------------------------------------------------
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** One npm script as one counted test: passes when it exits 0. */
async function npmScript(name, script) {
  banner(name);
  const code = await stream(
    NPM,
    ['run', '--silent', script],
    (line) => console.log(line),
    Number(process.env.LINT_TIMEOUT_S || 300),
  );
  results.push({
    name,
    passed: code === 0 ? 1 : 0,
    failed: code === 0 ? 0 : 1,
    skipped: 0,
    ...(code === 0 ? {} : { note: `npm run ${script} exited ${code}` }),
  });
}

async function formatCheck() {
  const name = 'format (prettier --check)';
  if (process.env.WSL_NETWORK_FORMAT_PENDING === '1') {
    banner(name);
    console.log(
      'skipped: WSL_NETWORK_FORMAT_PENDING=1 (the tree awaits its one formatting pass; run `npx prettier --write .` and drop the variable)',
    );
    results.push({ name, passed: 0, failed: 0, skipped: 1, note: 'WSL_NETWORK_FORMAT_PENDING=1' });
    return;
  }
  await npmScript(name, 'format:check');
}

// ---- 2 + 3. VS Code --------------------------------------------------------------------------
async function harness(name, args, extraEnv = {}) {
  results.push(await harnessRun(name, args, extraEnv));
}

/**
 * What a failing stage printed about why (a UI step's `FAILED:` line, a mocha `1) …` title, the
 * harness's own error): the summary repeats it under the table, so the end of a CI log, which is
 * often all there is of it, says which test failed and how.
 */
const FAILURE_LINE = /FAILED:|^\s*\d+\) \S|✖|\[harness\] (error|timed out|no test summary)|AssertionError|Error: /;
const FAILURE_LINES_MAX = 8;

/** Adds `line` to `why` when it says why a stage failed, up to FAILURE_LINES_MAX lines. */
function keepFailureLine(why, line) {
  if (FAILURE_LINE.test(line) && why.length < FAILURE_LINES_MAX) why.push(line.trim().slice(0, 240));
}

async function harnessRun(name, args, extraEnv) {
  banner(name);
  let summary;
  const why = [];
  const code = await stream(
    process.execPath,
    [HARNESS, ...args],
    (line) => {
      const m = SUMMARY.exec(line.trim());
      if (m)
        summary = m; // folded into the final table
      else {
        keepFailureLine(why, line);
        console.log(line);
      }
    },
    Number(process.env.TEST_TIMEOUT_S || 600) + 60,
    { ...process.env, ...extraEnv },
  ); // the harness has its own TEST_TIMEOUT_S limit
  const result = summary
    ? { name, passed: Number(summary[1]), failed: Number(summary[2]), skipped: Number(summary[3]) }
    : { name, passed: 0, failed: 1, skipped: 0, note: 'no count line from the harness' };
  if (code !== 0 && result.failed === 0) Object.assign(result, { failed: 1, note: `harness exited ${code}` });
  if (result.failed) result.why = why;
  return result;
}

/**
 * The UI smoke drives a real browser through the workbench's animations on whatever CPU is left;
 * on a busy 2-core machine a step can miss its wait once (it happened in 1 of ~20 CI runs). A failed
 * run is repeated once in a fresh code-server with a fresh demo state, and the summary keeps the
 * first failure visible; two failures in a row fail the stage.
 */
async function uiSmoke() {
  const name = 'VS Code UI smoke';
  const attempt = async (label) => {
    // Demo mode, so it checks a populated status bar and ports view.
    const demo = demoEnvironment();
    try {
      return await harnessRun(label, ['--ui', UI_SMOKE_SCRIPT], demo.env);
    } finally {
      demo.remove();
    }
  };
  const first = await attempt(name);
  if (!first.failed) {
    results.push(first);
    return;
  }
  const second = await attempt(`${name}: second attempt after a failure`);
  const firstWhy = first.why.find((line) => /FAILED:/.test(line)) ?? first.why[0] ?? first.note ?? 'no reason printed';
  results.push(
    second.failed
      ? { ...second, name, note: 'failed twice', why: [...first.why, ...second.why] }
      : { ...second, name, note: `passed on the second attempt; the first failed: ${firstWhy}` },
  );
}

/**
 * `vsce package` into a temporary folder, then the harness installs that .vsix into a fresh
 * code-server (`--install-extension`, no development path) and test/vscode/installed-vsix.mjs
 * checks it from the installed copy, files included.
 */
async function installedVsix() {
  const name = 'VS Code installed .vsix';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wsl-network-vsix-'));
  const vsix = path.join(dir, 'wsl-network.vsix');
  banner(`${name}: vsce package`);
  const packaged = await stream(
    process.execPath,
    [VSCE, 'package', '--no-dependencies', '--out', vsix],
    (line) => console.log(line),
    300,
  );
  if (packaged !== 0 || !fs.existsSync(vsix)) {
    results.push({ name, passed: 0, failed: 1, skipped: 0, note: `vsce package exited ${packaged}` });
  } else {
    const demo = demoEnvironment();
    await harness(name, ['--ui', INSTALLED_VSIX_SCRIPT], { ...demo.env, INSTALL_VSIX: vsix });
    demo.remove();
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

function commandOnPath(name) {
  return (process.env.PATH || '').split(path.delimiter).some((dir) => dir && fs.existsSync(path.join(dir, name)));
}

/** WSL_NETWORK_SKIP_VSCODE=1: the user asked to leave out the VS Code suites (they then count as skipped). */
const skipVscode = process.env.WSL_NETWORK_SKIP_VSCODE === '1';

// A fresh machine: the setup installs what the tests need beyond Node (apt chromium and neovim,
// Node 24, code-server) before anything runs, so `npm test` works as documented. It is idempotent
// and quick when everything is there; it also runs when only Neovim (for the Neovim LSP test) is missing.
let host = findVscodeHost();
if (!opts['unit-only'] && !skipVscode && (host.missing.length > 0 || !commandOnPath('nvim'))) {
  banner('VS Code host setup');
  const code = await stream(
    'bash',
    [SETUP_SCRIPT],
    (line) => console.log(line),
    45 * 60,
    withoutNpmEnvironment(process.env),
  );
  host = findVscodeHost();
  if (code !== 0) {
    if (host.missing.length === 0) host.missing.push(`setup exited ${code}`);
    results.push({ name: 'VS Code host setup', passed: 0, failed: 1, skipped: 0, note: `exit ${code}` });
  }
}

await npmScript('lint (eslint)', 'lint');
await formatCheck();
await unitAndLsp();
if (!opts['unit-only']) {
  if (host.missing.length === 0) {
    await harness('VS Code extension host suite', []);
    await uiSmoke();
    // The packaged .vsix, installed as a user installs it, in a fresh code-server.
    await installedVsix();
    // Restricted Mode: a fresh VS Code with workspace trust on, so the workspace opens untrusted; the
    // stand-ins' call log then shows that nothing ran.
    const restricted = demoEnvironment();
    await harness('VS Code Restricted Mode suite', [], { ...restricted.env, RESTRICTED: '1' });
    restricted.remove();
  } else {
    banner('VS Code');
    const names = [
      'VS Code extension host suite',
      'VS Code UI smoke',
      'VS Code installed .vsix',
      'VS Code Restricted Mode suite',
    ];
    if (skipVscode) {
      // Only on request: the user set WSL_NETWORK_SKIP_VSCODE=1 (README). Reported as skipped, never as passed.
      console.log('skipped on request (WSL_NETWORK_SKIP_VSCODE=1): the VS Code suites did not run');
      for (const name of names)
        results.push({ name, passed: 0, failed: 0, skipped: 1, note: 'not run: WSL_NETWORK_SKIP_VSCODE=1' });
    } else {
      console.log(`FAIL: the VS Code host could not be installed (missing ${host.missing.join(', ')}).`);
      console.log(
        `  See the setup output above; run \`bash ${path.relative(REPO_ROOT, SETUP_SCRIPT)}\` to retry it alone,`,
      );
      console.log('  or set WSL_NETWORK_SKIP_VSCODE=1 to run everything else without VS Code.');
      for (const name of names)
        results.push({ name, passed: 0, failed: 1, skipped: 0, note: 'not run: VS Code host missing' });
    }
  }
}

// ---- summary -------------------------------------------------------------------------------------
banner('summary');
const total = { passed: 0, failed: 0, skipped: 0 };
for (const r of results) {
  for (const k of Object.keys(total)) total[k] += r[k];
  console.log(
    `  ${r.failed ? 'FAIL' : 'ok  '}  ${r.name.padEnd(30)} ${String(r.passed).padStart(4)} pass ${String(r.failed).padStart(3)} fail ${String(r.skipped).padStart(3)} skip${r.note ? `  (${r.note})` : ''}`,
  );
}
for (const r of results.filter((r) => r.failed && r.why?.length)) {
  console.log(`  why "${r.name}" failed:`);
  for (const line of r.why) console.log(`    ${line}`);
}
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed > 0 ? 1 : 0);
