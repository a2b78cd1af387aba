#!/usr/bin/env node
// Runs the extension in a real VS Code: a fresh code-server (VS Code OSS server + web workbench)
// on a free 127.0.0.1 port, opened in headless Chromium through playwright-core.
//
// Two modes, one launch path:
//   B (default)  mocha runs INSIDE the extension host (out/test/vscode/suite/index.js) and calls
//                the `vscode` API directly, like @vscode/test-electron's extensionTestsPath.
//   A (--ui)     the extension is loaded in development mode and a Playwright script drives the
//                workbench UI (test/vscode/ui-smoke.mjs).
//
// Usage:
//   node test/vscode/harness.mjs                      # mode B with the defaults below
//   node test/vscode/harness.mjs --grep 'wsl.conf'    # mode B, only matching tests (MOCHA_GREP)
//   node test/vscode/harness.mjs --ui test/vscode/ui-smoke.mjs
//
// Environment (all optional; paths may be relative to the current directory):
//   EXT_DEV_PATH     extension folder                 default: repo root
//   EXT_TESTS_PATH   compiled suite entry (run())     default: out/test/vscode/suite/index.js
//                    (must lie inside EXT_DEV_PATH: that picks the extension host that runs it)
//   WORKSPACE        folder to open                   default: test/fixtures/workspace
//   UI_SCRIPT        same as --ui
//   EXT_ENV          JSON object: extra environment variables for the extension host, which
//                    otherwise inherits this process's environment (PATH gets Node 24 first)
//   VSCODE_SETTINGS  JSON object merged into the user settings
//   SCREENSHOT       write a PNG of the workbench at the end (both modes)
//   TEST_TIMEOUT_S   whole-run limit, default 600 (a loaded 2-core machine needs it)
//   INSTALL_VSIX     a packaged .vsix: installed with `code-server --install-extension` into this
//                    run's fresh extensions folder and loaded from there, as a user gets it (no
//                    development path); EXT_DEV_PATH is then not used
//   RESTRICTED=1     workspace trust on: the workspace opens untrusted (Restricted Mode), and the
//                    suite runs only its Restricted Mode tests (suite/restrictedMode.test.ts)
//   VERBOSE=1        also print untagged workbench/extension-host log lines and code-server's log
//   CODE_SERVER, NODE24_BIN, CHROMIUM   override the install found by ./paths.mjs
//
// Output: `[harness] …` progress lines, the suite's tagged lines (mocha spec output), and always
// exactly one closing line `N passed, N failed, N skipped` (mode A counts as one test).
// Exit code: 0 all passed, 1 a test failed / the run broke, 2 the test host is not installed.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { REPO_ROOT, SAMPLE_WORKSPACE, SETUP_SCRIPT, SUITE_ENTRY, findVscodeHost } from './paths.mjs';

/** Prefix the suite (suite/index.ts) puts on every line meant for us; everything else is workbench noise. */
const TAG = '[ext-test] ';
const SUMMARY = /^(\d+) passed, (\d+) failed, (\d+) skipped$/;

const env = process.env;
const { values: args } = parseArgs({
  options: { ui: { type: 'string' }, grep: { type: 'string' }, workspace: { type: 'string' } },
});
const uiScript = args.ui || env.UI_SCRIPT ? path.resolve(args.ui || env.UI_SCRIPT) : undefined;
const vsix = env.INSTALL_VSIX ? path.resolve(env.INSTALL_VSIX) : undefined;
const devPath = path.resolve(env.EXT_DEV_PATH || REPO_ROOT);
const testsPath = uiScript ? undefined : path.resolve(env.EXT_TESTS_PATH || SUITE_ENTRY);
const workspace = path.resolve(args.workspace || env.WORKSPACE || SAMPLE_WORKSPACE);
const extEnv = {
  ...JSON.parse(env.EXT_ENV || '{}'),
  ...(args.grep ? { MOCHA_GREP: args.grep } : {}),
  ...(env.RESTRICTED === '1' ? { WSL_NETWORK_SUITE: 'restricted' } : {}),
};
// The suite (mode B) may run commands without their dialogs; only it gets this (client/src/cockpit/testHooks.ts).
if (testsPath) extEnv.WSL_NETWORK_TEST_HOOKS = '1';
const timeoutMs = Number(env.TEST_TIMEOUT_S || 600) * 1000;

const t0 = Date.now();
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)}s`;
const say = (...a) => console.log('[harness]', ...a);
process.stdout.on('error', () => {}); // output piped into `head` etc.

// ---- preconditions: fail fast with a useful message instead of a 300 s timeout ----------------
const bail = (code, message) => {
  say(message);
  console.log('0 passed, 1 failed, 0 skipped');
  process.exit(code);
};
const host = findVscodeHost();
if (host.missing.length)
  bail(
    2,
    `VS Code test host not installed: missing ${host.missing.join(', ')}. Run: bash ${path.relative(process.cwd(), SETUP_SCRIPT)}`,
  );
const required = [
  vsix ? ['packaged extension', vsix] : ['extension folder', path.join(devPath, 'package.json')],
  ['workspace', workspace],
];
if (testsPath) required.push(['suite entry (run `npx tsc -p .`)', testsPath]);
if (uiScript) required.push(['UI script', uiScript]);
for (const [what, p] of required) if (!fs.existsSync(p)) bail(1, `${what} not found: ${p}`);
if (vsix && testsPath) bail(2, 'INSTALL_VSIX runs a UI script (--ui): a test suite needs a development path');
if (testsPath && !testsPath.startsWith(devPath + path.sep)) {
  bail(2, `EXT_TESTS_PATH must lie inside EXT_DEV_PATH (${devPath}): VS Code picks the extension host by that folder`);
}

// ---- private dirs: code-server, VS Code and Chromium all write under $HOME/XDG otherwise -------
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wsl-network-vscode-'));
const dir = (name) => {
  const d = path.join(tmp, name);
  fs.mkdirSync(d, { recursive: true });
  return d;
};
const dirs = {
  userData: dir('user-data'),
  extensions: dir('extensions'),
  chrome: dir('chrome'),
  home: dir('home'),
  config: dir('xdg-config'),
  data: dir('xdg-data'),
};
const privateEnv = {
  HOME: dirs.home,
  XDG_CONFIG_HOME: dirs.config,
  XDG_DATA_HOME: dirs.data,
  XDG_CACHE_HOME: path.join(dirs.home, '.cache'),
};
fs.mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
fs.writeFileSync(
  path.join(dirs.userData, 'User', 'settings.json'),
  JSON.stringify(
    {
      // A quiet, deterministic window: no welcome page, no chat side bar, no update/gallery chatter.
      'workbench.startupEditor': 'none',
      'workbench.secondarySideBar.defaultVisibility': 'hidden',
      'chat.disableAIFeatures': true,
      'telemetry.telemetryLevel': 'off',
      'extensions.autoUpdate': false,
      'extensions.autoCheckUpdates': false,
      'git.enabled': false,
      ...JSON.parse(env.VSCODE_SETTINGS || '{}'),
    },
    null,
    1,
  ),
);

const freePort = () =>
  new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
const port = await freePort();
const authority = `127.0.0.1:${port}`;
const base = `http://${authority}`;

// An installed extension gets no URL payload (that is for development paths), so EXT_ENV reaches
// its extension host through code-server's own environment, as a user's environment would.
const serverEnv = {
  ...env,
  ...privateEnv,
  ...(vsix ? extEnv : {}),
  PATH: `${host.node24BinDir}${path.delimiter}${(vsix && extEnv.PATH) || env.PATH}`,
};
if (vsix) {
  const install = spawnSync(
    host.codeServer,
    ['--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions, '--install-extension', vsix],
    {
      env: serverEnv,
      encoding: 'utf8',
      timeout: 120_000,
    },
  );
  if (install.status !== 0)
    bail(
      1,
      `code-server --install-extension ${vsix} failed (${install.status ?? install.error?.message}):\n${install.stdout}${install.stderr}`,
    );
  say(
    `installed ${path.basename(vsix)} into a fresh extensions folder: ${fs
      .readdirSync(dirs.extensions)
      .filter((f) => !f.endsWith('.json'))
      .join(', ')}`,
  );
}

// ---- code-server: fresh per run, in its own process group -------------------------------------
// A long-lived server keeps file watchers and the extension host alive for the reconnection grace
// period (hours), so every run gets its own server and the whole group is killed afterwards.
const server = spawn(
  host.codeServer,
  [
    '--auth',
    'none',
    '--bind-addr',
    authority,
    '--user-data-dir',
    dirs.userData,
    '--extensions-dir',
    dirs.extensions,
    '--disable-telemetry',
    '--disable-update-check',
    // RESTRICTED=1 keeps workspace trust on, so the fresh workspace opens in Restricted Mode.
    ...(env.RESTRICTED === '1' ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override',
    '--ignore-last-opened',
    // The built workbench honours extensionDevelopmentPath/extensionTestsPath/extensionEnvironment in
    // the URL payload only with this flag; without it they are silently ignored and nothing reports.
    '--vscode-option',
    'enable-smoke-test-driver',
    // The extension host gets exactly this process's environment (+ EXT_ENV), not one re-read from a
    // login shell (`bash -ilc env`), which would replace PATH (e.g. a stand-ins folder put first).
    '--vscode-option',
    'force-disable-user-env',
  ],
  {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: serverEnv,
  },
);
let serverLog = '';
const keepLog = (d) => {
  serverLog = (serverLog + d).slice(-20000);
  if (env.VERBOSE) process.stdout.write(`[code-server] ${d}`);
};
server.stdout.on('data', keepLog);
server.stderr.on('data', keepLog);

const killGroup = (signal) => {
  try {
    process.kill(-server.pid, signal);
  } catch {
    /* already gone */
  }
};
let browser;
let cleaning; // one shared promise: the signal handler and the normal path may both ask
function cleanUp() {
  cleaning ??= (async () => {
    await browser?.close().catch(() => {});
    if (server.exitCode === null && server.signalCode === null) {
      killGroup('SIGTERM');
      for (let i = 0; i < 50 && server.exitCode === null && server.signalCode === null; i++)
        await new Promise((r) => setTimeout(r, 100));
    }
    killGroup('SIGKILL'); // stragglers in the group (file watcher, extension host, language server)
    fs.rmSync(tmp, { recursive: true, force: true, maxRetries: 5 });
  })();
  return cleaning;
}
// Interrupted (Ctrl+C, CI timeout): still take the server's whole tree down, then exit 130.
let interrupted = false;
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    if (interrupted) return;
    interrupted = true;
    say(`${sig}: stopping code-server and the browser`);
    cleanUp().finally(() => {
      console.log('0 passed, 1 failed, 0 skipped');
      process.exit(130);
    });
  });
}
process.on('exit', () => killGroup('SIGKILL')); // last resort if something threw past cleanUp

// ---- the run ----------------------------------------------------------------------------------
let exitCode = 1;
let summary; // the suite's closing line, when seen
const workbenchLog = []; // recent untagged lines, shown when a run breaks without test output
try {
  for (let i = 0; ; i++) {
    if (server.exitCode !== null) throw new Error(`code-server exited early (code ${server.exitCode}):\n${serverLog}`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {
      /* not listening yet */
    }
    if (i > 600) throw new Error(`code-server not ready after 60s:\n${serverLog}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  say(
    `code-server ready on ${base} after ${elapsed()} (${uiScript ? `UI script ${path.relative(REPO_ROOT, uiScript)}` : `suite ${path.relative(REPO_ROOT, testsPath)}`})`,
  );

  browser = await chromium.launchPersistentContext(dirs.chrome, {
    executablePath: host.chromium,
    headless: true,
    // Our own signal handlers close the browser; Playwright's would exit(130) before code-server is stopped.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    viewport: { width: 1400, height: 900 },
    env: { ...env, ...privateEnv }, // keeps Chromium's crash reports and dconf out of $HOME
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = browser.pages()[0] ?? (await browser.newPage());

  // The workbench reports through two window functions; they must exist before navigation.
  let reportExit;
  const exited = new Promise((resolve) => (reportExit = resolve));
  await page.exposeFunction('codeAutomationExit', (code) => reportExit(code));
  await page.exposeFunction('codeAutomationLog', (level, msg) => {
    for (const line of String(msg).split('\n')) {
      const i = line.indexOf(TAG);
      if (i >= 0) {
        const text = line.slice(i + TAG.length);
        if (SUMMARY.test(text.trim()))
          summary = text.trim(); // printed once, at the end
        else console.log(text);
      } else {
        workbenchLog.push(`[${level}] ${line}`);
        if (workbenchLog.length > 60) workbenchLog.shift();
        if (env.VERBOSE) console.log(`[workbench ${level}] ${line}`);
      }
    }
  });

  // Paths travel as vscode-remote URIs whose authority is this server; it maps them back to files.
  const remote = (p) => `vscode-remote://${authority}${p}`;
  const payload = [
    ['skipWelcome', 'true'],
    ['skipReleaseNotes', 'true'],
  ];
  if (!vsix) payload.unshift(['extensionDevelopmentPath', remote(devPath)]);
  if (testsPath) payload.push(['extensionTestsPath', remote(testsPath)]);
  if (Object.keys(extEnv).length) payload.push(['extensionEnvironment', JSON.stringify(extEnv)]);
  await page.goto(
    `${base}/?folder=${encodeURIComponent(remote(workspace))}&payload=${encodeURIComponent(JSON.stringify(payload))}`,
  );

  const uiRun =
    uiScript &&
    (async () => {
      const run = (await import(uiScript)).default;
      const log = (...a) => console.log(`[ui ${elapsed()}]`, ...a);
      try {
        await run(page, {
          log,
          baseUrl: base,
          workspace,
          repoRoot: REPO_ROOT,
          env: extEnv,
          extensionsDir: dirs.extensions,
        });
        return 0;
      } catch (e) {
        log(
          'FAILED:',
          String(e?.message ?? e)
            .split('\n')
            .slice(0, 6)
            .join('\n  '),
        );
        return 1;
      }
    })();
  let timer;
  const result = await Promise.race([
    uiRun || exited,
    new Promise((r) => (timer = setTimeout(() => r('timeout'), timeoutMs))),
  ]);
  clearTimeout(timer);
  if (env.SCREENSHOT) {
    fs.mkdirSync(path.dirname(path.resolve(env.SCREENSHOT)), { recursive: true });
    await page.screenshot({ path: env.SCREENSHOT }).catch((e) => say('screenshot failed:', e.message));
  }
  exitCode = result === 0 ? 0 : 1;
  say(`${uiScript ? 'UI script' : 'extension host'} exit code: ${result} (${elapsed()})`);
  if (result === 'timeout') say(`timed out after ${timeoutMs / 1000}s`);
} catch (e) {
  if (!interrupted) say('error:', e?.stack ?? e); // when interrupted, the failure is just the browser going away
} finally {
  await cleanUp();
}
if (interrupted) await new Promise(() => setTimeout(() => {}, 60000)); // the signal handler exits

// Exactly one closing count line, whatever happened, so callers can always sum.
if (uiScript) {
  summary = exitCode === 0 ? '1 passed, 0 failed, 0 skipped' : '0 passed, 1 failed, 0 skipped';
} else if (!summary) {
  say('no test summary from the extension host; recent workbench log:');
  for (const line of workbenchLog.slice(-25)) console.log(`  ${line}`);
  if (!env.VERBOSE) say(`code-server log tail:\n${serverLog.slice(-1500)}`);
  summary = '0 passed, 1 failed, 0 skipped';
  exitCode = 1;
}
console.log(summary);
process.exit(exitCode);
