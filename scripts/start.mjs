#!/usr/bin/env node
// `npm start`: try the extension in a real VS Code in your browser.
//
//   1. builds the bundles (node esbuild.mjs);
//   2. installs the VS Code host (code-server, Node 24, chromium) if missing (scripts/setup-vscode-host.sh);
//   3. installs THIS checkout as an extension into a private extensions dir: a folder of hard links to
//      the repo's package.json, dist/, syntaxes/, … so a rebuild + "Developer: Reload Window" picks
//      up changes (code-server only loads development-mode extensions through the test driver,
//      which is not something to hand a person);
//   4. starts code-server on 127.0.0.1 (no password) on a copy of test/fixtures/workspace and prints the URL.
//
// Demo mode: without WSL (no wsl.exe on PATH and not running inside WSL), the stand-in Windows
// executables in test/fakes/windows-bin go first on code-server's PATH and WSL_NETWORK_DEMO=1 is
// set, so the extension works against simulated wsl.exe/netsh output and labels itself "demo".
//
// Options / environment:
//   PORT=<n>                   port to listen on (default: a free one)
//   --no-build                 skip step 1
//   --demo                     demo mode even where WSL exists
//   WSL_NETWORK_FAKE_STATE     state dir of the stand-ins (default .cache/vscode-start/fake-state)
//   EXT_DEV_PATH               extension folder to install (default: this repo)
//   WORKSPACE                  folder to open (default: a copy of test/fixtures/workspace in
//                              .cache/vscode-start/workspace; in demo mode its .wslconfig is the
//                              simulated %UserProfile%\.wslconfig)
// Ctrl+C stops code-server and everything it started.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  REPO_ROOT,
  SAMPLE_WORKSPACE,
  SETUP_SCRIPT,
  findVscodeHost,
  withoutNpmEnvironment,
} from '../test/vscode/paths.mjs';

const { values: opts } = parseArgs({ options: { 'no-build': { type: 'boolean' }, demo: { type: 'boolean' } } });
const env = process.env;
const say = (...a) => console.log('[start]', ...a);
const die = (msg) => {
  console.error(`[start] ${msg}`);
  process.exit(1);
};

const extSource = path.resolve(env.EXT_DEV_PATH || REPO_ROOT);
// Persistent (not per run) so settings and the opened editors survive restarts; gitignored.
const stateDir = path.join(REPO_ROOT, '.cache', 'vscode-start');
// The sample workspace is copied under .cache once, so typing in it never changes a tracked file.
// Delete .cache/vscode-start/workspace to start again from the samples.
const workspace = env.WORKSPACE ? path.resolve(env.WORKSPACE) : path.join(stateDir, 'workspace');
if (!env.WORKSPACE && !fs.existsSync(workspace)) fs.cpSync(SAMPLE_WORKSPACE, workspace, { recursive: true });
const fakeBin = path.join(REPO_ROOT, 'test', 'fakes', 'windows-bin');

function run(cmd, args, runEnv = env) {
  const r = spawnSync(cmd, args, { cwd: REPO_ROOT, env: runEnv, stdio: 'inherit' });
  if (r.status !== 0) die(`${[cmd, ...args].join(' ')} failed (exit ${r.status ?? r.signal})`);
}

// ---- 1. build -----------------------------------------------------------------------------------
if (!opts['no-build']) {
  say('building: node esbuild.mjs');
  run(process.execPath, ['esbuild.mjs']);
}

// ---- 2. VS Code host ----------------------------------------------------------------------------
let host = findVscodeHost();
if (host.missing.length) {
  say(`VS Code host missing (${host.missing.join(', ')}); installing, ~3 min the first time`);
  run('bash', [SETUP_SCRIPT], withoutNpmEnvironment(env));
  host = findVscodeHost();
  if (host.missing.length) die(`still missing after setup: ${host.missing.join(', ')}`);
}

// ---- 3. install the extension as hard links ---------------------------------------------------
const manifest = JSON.parse(fs.readFileSync(path.join(extSource, 'package.json'), 'utf8'));
const extId = `${manifest.publisher}.${manifest.name}`;
const extensionsDir = path.join(stateDir, 'extensions');
// What a packaged .vsix would hold (no sources, tests or node_modules: dist/ is self-contained),
// plus the top-level entry that holds `main`.
const entries = new Set([
  'package.json',
  'dist',
  'syntaxes',
  'schemas',
  'snippets',
  'media',
  'images',
  'language-configuration.json',
  'README.md',
  'CHANGELOG.md',
  'LICENSE',
]);
for (const f of fs.readdirSync(extSource)) if (/^package\.nls(\..+)?\.json$/.test(f)) entries.add(f);
if (manifest.main) entries.add(path.normalize(manifest.main).split(path.sep)[0]);
if (!fs.existsSync(path.join(extSource, manifest.main ?? 'dist/extension.js')))
  die(`${manifest.main} not built in ${extSource}`);

fs.mkdirSync(extensionsDir, { recursive: true });
// Replace any earlier copy (another version, or from another checkout) and VS Code's registry of
// installed extensions, which it rebuilds by scanning the folder.
for (const f of fs.readdirSync(extensionsDir)) {
  if (f.toLowerCase().startsWith(`${extId.toLowerCase()}-`) || f === 'extensions.json' || f === '.obsolete')
    fs.rmSync(path.join(extensionsDir, f), { recursive: true, force: true });
}
const extDir = path.join(extensionsDir, `${extId}-${manifest.version}`);
fs.mkdirSync(extDir);
for (const entry of entries) {
  if (fs.existsSync(path.join(extSource, entry))) linkTree(path.join(extSource, entry), path.join(extDir, entry));
}

/**
 * Hard links, not symlinks: the extension host tells which extension a `require('vscode')` comes from
 * by the requiring file's real path, and a symlink resolves to the checkout, outside the extensions
 * folder. Every notification then said "Source: Null Extension Description". A hard link has no other
 * path, and a rebuild rewrites the same file in place, so "Reload Window" still picks it up.
 */
function linkTree(from, to) {
  if (fs.statSync(from).isDirectory()) {
    fs.mkdirSync(to, { recursive: true });
    for (const name of fs.readdirSync(from)) linkTree(path.join(from, name), path.join(to, name));
    return;
  }
  try {
    fs.linkSync(from, to);
  } catch {
    fs.copyFileSync(from, to); // another file system: a copy (rebuilds then need `npm start` again)
  }
}

// ---- 4. demo mode? -----------------------------------------------------------------------------
function onPath(name) {
  return (env.PATH || '').split(path.delimiter).some((d) => d && fs.existsSync(path.join(d, name)));
}
function insideWsl() {
  if (env.WSL_DISTRO_NAME || env.WSL_INTEROP) return true;
  try {
    return /microsoft/i.test(fs.readFileSync('/proc/sys/kernel/osrelease', 'utf8'));
  } catch {
    return false;
  }
}
const demo = opts.demo || env.WSL_NETWORK_DEMO === '1' || (!onPath('wsl.exe') && !insideWsl());
const extraEnv = {};
const pathPrefix = host.node24BinDir; // code-server must run on the Node it was built for
if (demo) {
  if (!fs.existsSync(fakeBin))
    say(`warning: ${path.relative(REPO_ROOT, fakeBin)} does not exist yet; WSL commands will fail`);
  const fakeState = path.resolve(env.WSL_NETWORK_FAKE_STATE || path.join(stateDir, 'fake-state'));
  fs.mkdirSync(fakeState, { recursive: true });
  // A first demo shows a few ports and a stale forwarding rule instead of an empty view.
  const stateFile = path.join(fakeState, 'state.json');
  if (!fs.existsSync(stateFile)) fs.copyFileSync(path.join(REPO_ROOT, 'test/fakes/demoState.json'), stateFile);
  // The open sample .wslconfig IS the simulated %UserProfile%\.wslconfig: the status bar reads it,
  // and "Apply Networking Mode" edits it in front of the user.
  // The stand-ins are named by WSL_NETWORK_WINDOWS_TOOLS_DIR (honoured in demo mode only), never found on PATH.
  Object.assign(extraEnv, {
    WSL_NETWORK_DEMO: '1',
    WSL_NETWORK_FAKE_STATE: fakeState,
    WSL_NETWORK_WINDOWS_TOOLS_DIR: fakeBin,
    USERPROFILE: workspace,
  });
}

// ---- 5. code-server ----------------------------------------------------------------------------
async function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}
const port = env.PORT ? Number(env.PORT) : await freePort();
if (!Number.isInteger(port) || port <= 0 || port > 65535) die(`bad PORT ${env.PORT}`);
const authority = `127.0.0.1:${port}`;

const dirs = { userData: path.join(stateDir, 'user-data'), home: path.join(stateDir, 'home') };
for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true });
// Defaults for a quiet window; added to the user's settings only where the key is not set yet, so
// changes made in the UI survive restarts.
const settingsFile = path.join(dirs.userData, 'User', 'settings.json');
const defaults = {
  'workbench.startupEditor': 'none',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'git.openRepositoryInParentFolders': 'never', // the sample workspace sits inside this repo
};
let settings;
try {
  settings = JSON.parse(fs.readFileSync(settingsFile, 'utf8'));
} catch (error) {
  settings = error.code === 'ENOENT' ? {} : undefined; // undefined: hand-edited JSONC, left alone
}
if (settings && Object.keys(defaults).some((key) => !(key in settings))) {
  fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
  fs.writeFileSync(settingsFile, JSON.stringify({ ...defaults, ...settings }, null, 1));
}

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
    extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    // Without this the extension host takes its environment from a login shell (`bash -ilc env`),
    // which drops the demo variables set below.
    '--vscode-option',
    'force-disable-user-env',
    workspace,
  ],
  {
    detached: true, // own process group: Ctrl+C takes down the extension host and language server too
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...env,
      ...extraEnv,
      // code-server writes config.yaml and logs under $HOME / XDG dirs: keep them in .cache
      HOME: dirs.home,
      XDG_CONFIG_HOME: path.join(dirs.home, '.config'),
      XDG_DATA_HOME: path.join(dirs.home, '.local', 'share'),
      XDG_CACHE_HOME: path.join(dirs.home, '.cache'),
      PATH: `${pathPrefix}${path.delimiter}${env.PATH}`,
    },
  },
);
let log = '';
server.stdout.on('data', (d) => (log += d));
server.stderr.on('data', (d) => (log += d));

let stopping = false;
async function stop(code) {
  if (stopping) return;
  stopping = true;
  say('stopping code-server');
  try {
    process.kill(-server.pid, 'SIGTERM');
  } catch {
    /* gone */
  }
  for (let i = 0; i < 50 && server.exitCode === null && server.signalCode === null; i++)
    await new Promise((r) => setTimeout(r, 100));
  try {
    process.kill(-server.pid, 'SIGKILL');
  } catch {
    /* gone */
  }
  process.exit(code);
}
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => void stop(0));
server.on('exit', (code, signal) => {
  if (stopping) return;
  console.error(`[start] code-server exited (${code ?? signal}):\n${log.slice(-4000)}`);
  void stop(1);
});

const base = `http://${authority}`;
for (let i = 0; ; i++) {
  try {
    if ((await fetch(`${base}/healthz`)).ok) break;
  } catch {
    /* not yet */
  }
  if (i > 600) {
    console.error(`[start] code-server not ready after 60s:\n${log}`);
    await stop(1);
  }
  await new Promise((r) => setTimeout(r, 100));
}
// From here on, pass code-server's own output through (extension host errors show up there).
server.stdout.on('data', (d) => process.stdout.write(d));
server.stderr.on('data', (d) => process.stderr.write(d));

const url = `${base}/?folder=${encodeURIComponent(workspace)}`;
console.log('');
if (demo) {
  console.log('  ========================================================================');
  console.log('   DEMO MODE: no WSL here. wsl.exe, netsh.exe etc. are STAND-INS from');
  console.log(
    `   ${path.relative(REPO_ROOT, fakeBin)}/ with simulated output (state: ${path.relative(REPO_ROOT, extraEnv.WSL_NETWORK_FAKE_STATE)})`,
  );
  console.log('   The extension runs with WSL_NETWORK_DEMO=1 and labels itself "demo".');
  console.log('  ========================================================================');
}
console.log(
  `  VS Code (code-server) with ${extId} ${manifest.version}, workspace ${path.relative(REPO_ROOT, workspace) || '.'}`,
);
console.log(`  Open: ${url}`);
console.log('  After `npm run build`, run "Developer: Reload Window" to load the new bundle.');
console.log('  Ctrl+C stops everything.');
console.log('');
