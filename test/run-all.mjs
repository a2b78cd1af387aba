#!/usr/bin/env node
// The single test driver behind `npm test` (which builds and compiles first). Runs, in order:
//   0. lint, format          `npm run lint` (ESLint with the layer rules) and `npm run format:check`
//                            (Prettier; skipped with a printed note while WSL_NETWORK_FORMAT_PENDING=1),
//                            each counted as one test
//   1. unit + LSP tests      node --test (spec reporter) on out/test/unit/**/*.test.js and out/test/lsp/**/*.test.js
//   2. VS Code suite         mocha inside a real VS Code extension host (test/vscode/harness.mjs, mode B)
//   3. UI smoke              Playwright through the real workbench (harness mode A; counts as one test)
//   4. Restricted Mode       the suite's Restricted Mode file in a VS Code with workspace trust on
// Parts 2 to 4 run when the VS Code host is installed (scripts/setup-vscode-host.sh). With CI set
// they are required: a missing install fails the run instead of being skipped.
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
import { REPO_ROOT, SETUP_SCRIPT, UI_SMOKE_SCRIPT, findVscodeHost } from './vscode/paths.mjs';

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
function stream(cmd, args, onLine, timeoutS) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    for (const source of [child.stdout, child.stderr]) {
      let rest = '';
      source.on('data', (chunk) => {
        const lines = (rest + chunk).split('\n');
        rest = lines.pop();
        lines.forEach(onLine);
      });
      source.on('end', () => rest && onLine(rest));
    }
    const signalGroup = (sig) => { try { process.kill(-child.pid, sig); } catch { /* gone */ } };
    let killer;
    const stop = (sig) => { signalGroup(sig); killer ??= setTimeout(() => signalGroup('SIGKILL'), 10000); };
    const watchdog = setTimeout(() => { onLine(`[run-all] timed out after ${timeoutS}s, stopping`); stop('SIGTERM'); }, timeoutS * 1000);
    // Ctrl+C: the child is in its own group, so pass it on (the harness cleans up on SIGINT).
    let interrupted = false;
    const onInterrupt = () => { interrupted = true; stop('SIGINT'); };
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
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? testFiles(full) : e.isFile() && e.name.endsWith('.test.js') ? [full] : [];
  }).sort();
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
  // The spec reporter ends with `ℹ pass N`, `ℹ fail N`, … (the last occurrence wins). The TAP
  // reporter's `# pass N` lines are not an option: with --test-force-exit, Node 20 exits before
  // writing them to a file destination.
  // --test-force-exit: a test file that leaves a handle open (a server, a timer) must not hang
  // the whole run; its tests have reported by then.
  // CI runs the property tests from a fixed seed, so a landing never hinges on a random draw; local
  // runs draw a new seed each time and keep exploring (a failure prints the seed to replay).
  if (process.env.CI && process.env.FC_SEED === undefined) process.env.FC_SEED = CI_FC_SEED;
  console.log(process.env.FC_SEED === undefined ? 'property tests: random seeds' : `property tests: FC_SEED=${process.env.FC_SEED}`);
  const counts = {};
  const code = await stream(process.execPath, [
    '--test', '--test-force-exit', '--test-reporter=spec',
    ...files.map((f) => path.relative(REPO_ROOT, f)),
  ], (line) => {
    const m = /^ℹ (pass|fail|cancelled|skipped|todo) (\d+)$/.exec(line);
    if (m) counts[m[1]] = Number(m[2]);
    console.log(line);
  }, Number(process.env.UNIT_TIMEOUT_S || 900));
  const result = { name, passed: counts.pass ?? 0, failed: (counts.fail ?? 0) + (counts.cancelled ?? 0), skipped: (counts.skipped ?? 0) + (counts.todo ?? 0) };
  if (code !== 0 && result.failed === 0) Object.assign(result, { failed: 1, note: `node --test exited ${code}` });
  results.push(result);
}

// ---- 0. lint and format ------------------------------------------------------------------------
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** One npm script as one counted test: passes when it exits 0. */
async function npmScript(name, script) {
  banner(name);
  const code = await stream(NPM, ['run', '--silent', script], (line) => console.log(line), Number(process.env.LINT_TIMEOUT_S || 300));
  results.push({ name, passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1, skipped: 0, ...(code === 0 ? {} : { note: `npm run ${script} exited ${code}` }) });
}

async function formatCheck() {
  const name = 'format (prettier --check)';
  if (process.env.WSL_NETWORK_FORMAT_PENDING === '1') {
    banner(name);
    console.log('skipped: WSL_NETWORK_FORMAT_PENDING=1 (the tree awaits its one formatting pass; run `npx prettier --write .` and drop the variable)');
    results.push({ name, passed: 0, failed: 0, skipped: 1, note: 'WSL_NETWORK_FORMAT_PENDING=1' });
    return;
  }
  await npmScript(name, 'format:check');
}

// ---- 2 + 3. VS Code --------------------------------------------------------------------------
async function harness(name, args) {
  banner(name);
  let summary;
  const code = await stream(process.execPath, [HARNESS, ...args], (line) => {
    const m = SUMMARY.exec(line.trim());
    if (m) summary = m; // folded into the final table
    else console.log(line);
  }, Number(process.env.TEST_TIMEOUT_S || 300) + 60); // the harness has its own TEST_TIMEOUT_S limit
  const result = summary
    ? { name, passed: Number(summary[1]), failed: Number(summary[2]), skipped: Number(summary[3]) }
    : { name, passed: 0, failed: 1, skipped: 0, note: 'no count line from the harness' };
  if (code !== 0 && result.failed === 0) Object.assign(result, { failed: 1, note: `harness exited ${code}` });
  results.push(result);
}

await npmScript('lint (eslint)', 'lint');
await formatCheck();
await unitAndLsp();
if (!opts['unit-only']) {
  let host = findVscodeHost();
  if (host.missing.length > 0 && !process.env.WSL_NETWORK_SKIP_VSCODE) {
    // A fresh machine: install the VS Code host (apt chromium, Node 24, code-server) so `npm test` works as documented.
    banner('VS Code host setup');
    await stream('bash', [SETUP_SCRIPT], (line) => console.log(line), 45 * 60);
    host = findVscodeHost();
  }
  if (host.missing.length === 0) {
    await harness('VS Code extension host suite', []);
    // The UI smoke runs in demo mode so it checks a populated status bar and ports view.
    const demoState = fs.mkdtempSync(path.join(os.tmpdir(), 'wsl-network-demo-'));
    fs.copyFileSync(path.join(REPO_ROOT, 'test/fakes/demoState.json'), path.join(demoState, 'state.json'));
    process.env.EXT_ENV = JSON.stringify({
      WSL_NETWORK_DEMO: '1',
      WSL_NETWORK_FAKE_STATE: demoState,
      PATH: `${path.join(REPO_ROOT, 'test/fakes/windows-bin')}${path.delimiter}${process.env.PATH}`,
    });
    await harness('VS Code UI smoke', ['--ui', UI_SMOKE_SCRIPT]);
    // Restricted Mode: a fresh VS Code with workspace trust on, so the workspace opens untrusted.
    process.env.RESTRICTED = '1';
    await harness('VS Code Restricted Mode suite', []);
    delete process.env.RESTRICTED;
    delete process.env.EXT_ENV;
    fs.rmSync(demoState, { recursive: true, force: true });
  } else {
    const why = `VS Code host not installed (missing ${host.missing.join(', ')}); run: bash ${path.relative(REPO_ROOT, SETUP_SCRIPT)}`;
    banner('VS Code');
    console.log(process.env.CI ? `FAIL: CI is set but the ${why}` : `skipped: ${why}`);
    for (const name of ['VS Code extension host suite', 'VS Code UI smoke', 'VS Code Restricted Mode suite']) {
      results.push(process.env.CI ? { name, passed: 0, failed: 1, skipped: 0, note: 'host missing' } : { name, passed: 0, failed: 0, skipped: 1, note: 'host not installed' });
    }
  }
}

// ---- summary -------------------------------------------------------------------------------------
banner('summary');
const total = { passed: 0, failed: 0, skipped: 0 };
for (const r of results) {
  for (const k of Object.keys(total)) total[k] += r[k];
  console.log(`  ${r.failed ? 'FAIL' : 'ok  '}  ${r.name.padEnd(30)} ${String(r.passed).padStart(4)} pass ${String(r.failed).padStart(3)} fail ${String(r.skipped).padStart(3)} skip${r.note ? `  (${r.note})` : ''}`);
}
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed > 0 ? 1 : 0);
