'use strict';
// `wsl.exe -d <distro> -u <user> (-e|--) <command…>` against a fake distro root folder:
// $WSL_NETWORK_FAKE_STATE/distros/<name>/root/ stands for the distro's "/". The command runs
// for real on this machine (sh, cat, cp, mv, chmod of the host), with every argument that is an
// absolute path moved under that folder, stdin passed through and stdout/stderr relayed as the
// command's own bytes: real wsl.exe relays a Linux command's output untouched (UTF-8 here, never
// its own UTF-16 text mode). Only `sh` and `cat` are accepted, so a test cannot reach outside
// the folder by accident. Every call is also logged to distro-root-calls.jsonl with the user,
// the original argv, the stdin byte count and the exit code.
//
// The folder must exist for the distro (tests create it); without it wsl.exe keeps its usual
// behaviour. Only `-u root` is emulated: another user gets exit 1 and "Permission denied" on
// anything under /etc, since this machine's own file permissions cannot stand in for the distro's.
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const ALLOWED_COMMANDS = new Set(['sh', 'cat']);

function distroRootDir(stateDir, name) {
  return path.join(stateDir, 'distros', name, 'root');
}

/** The parts of a `-d X -u U (-e|--) cmd …` command line, or undefined for any other shape. */
function parseRootCall(argv) {
  let distro;
  let user;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-d' || arg === '--distribution') distro = argv[++i];
    else if (arg === '-u' || arg === '--user') user = argv[++i];
    else if (arg === '-e' || arg === '--exec' || arg === '--') {
      if (user === undefined) return undefined;
      return { distro, user, command: argv[i + 1], args: argv.slice(i + 2) };
    } else return undefined;
  }
  return undefined;
}

/** Absolute paths move under the fake root; everything else (the script text, "sh") stays. */
function remapArgs(root, args) {
  return args.map((arg) => (arg.startsWith('/') ? path.join(root, arg) : arg));
}

function readStdin() {
  try {
    return fs.readFileSync(0);
  } catch {
    return Buffer.alloc(0);
  }
}

/**
 * Handles the call when it has the shape above and the distro has a root folder: returns true
 * after writing the output and setting the exit code. `findDistro` is wsl.exe's own lookup (it
 * fails like wsl.exe for an unknown distro); `writeState` persists the distro's new state.
 */
function dispatch(argv, { state, lib, findDistro }) {
  const call = parseRootCall(argv);
  if (call === undefined) return false;
  const distro = findDistro(call.distro);
  const root = distroRootDir(lib.stateDir(), distro.name);
  if (!fs.existsSync(root)) return false;
  // Any command in a distro starts it (wsl.exe -d boots a stopped distro first).
  if (distro.state !== 'Running') {
    distro.state = 'Running';
    lib.writeState(state);
  }
  const stdin = readStdin();
  const log = (exitCode) =>
    fs.appendFileSync(
      path.join(lib.stateDir(), 'distro-root-calls.jsonl'),
      JSON.stringify({
        distro: distro.name,
        user: call.user,
        command: call.command,
        args: call.args,
        stdinBytes: stdin.length,
        exitCode,
      }) + '\n',
    );
  if (call.command === undefined || !ALLOWED_COMMANDS.has(call.command)) {
    lib.writeErr(Buffer.from(`<3>WSL ERROR: execvpe(${call.command}) failed: No such file or directory\n`));
    log(1);
    process.exitCode = 1;
    return true;
  }
  if (call.user !== 'root' && call.args.some((arg) => arg.startsWith('/etc/'))) {
    lib.writeErr(Buffer.from(`${call.command}: /etc: Permission denied\n`));
    log(1);
    process.exitCode = 1;
    return true;
  }
  const child = spawnSync(call.command, remapArgs(root, call.args), {
    cwd: root,
    input: stdin,
    stdio: ['pipe', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  lib.writeOut(child.stdout || Buffer.alloc(0));
  lib.writeErr(child.stderr || Buffer.alloc(0));
  const code = child.status === null ? 1 : child.status;
  log(code);
  process.exitCode = code;
  return true;
}

module.exports = { dispatch, parseRootCall, distroRootDir };
