// Starts Windows tools (and, from Windows, Linux commands through wsl.exe) as child
// processes. Arguments always travel as an array with `shell: false`, so no value is ever
// re-parsed by cmd.exe or sh on our side; the validators in validators.ts keep hostile
// text out of the arrays in the first place.
import { spawn, type ChildProcess } from 'node:child_process';
import { decodeOutput, type OutputEncoding } from './decodeOutput';
import { validatedSystemRoot } from './windowsTools';
import { isWslErrorExitCode, parseWslErrorMessage } from './wslErrorOutput';

export interface RunOptions {
  /** Milliseconds before the child's process tree is ended (SIGTERM, then SIGKILL after 2 s). */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
  readonly cwd?: string;
  /** Extra environment entries for this call only. */
  readonly env?: Readonly<Record<string, string>>;
  /** How to decode stdout/stderr; 'auto' sniffs UTF-16LE (default). */
  readonly encoding?: OutputEncoding | 'auto';
  /** Exit codes that count as success besides 0. */
  readonly okExitCodes?: readonly number[];
  /** Bytes for the child's stdin (file contents travel here, never on a command line). */
  readonly input?: Uint8Array;
}

export interface RunResult {
  readonly file: string;
  readonly args: readonly string[];
  readonly exitCode: number;
  /** Decoded text with every "\r" removed. */
  readonly stdout: string;
  readonly stderr: string;
  readonly stdoutEncoding: OutputEncoding;
  /** The undecoded bytes, for callers that need them (fixtures, diagnostics). */
  readonly stdoutBytes: Buffer;
}

export type HostCommandFailure =
  | 'exit-code'
  | 'elevation-canceled'
  | 'steps-failed'
  | 'wsl-error'
  | 'timeout'
  | 'canceled'
  | 'not-found'
  | 'spawn-failed'
  | 'killed';

/** A failed command, with everything needed to tell the user what ran and why it failed. */
export class HostCommandError extends Error {
  override readonly name = 'HostCommandError';
  constructor(
    readonly failure: HostCommandFailure,
    readonly file: string,
    readonly args: readonly string[],
    readonly exitCode: number | undefined,
    readonly stdout: string,
    readonly stderr: string,
    /** For wsl.exe failures: the stable `Wsl/…` code when WSL printed one. */
    readonly wslErrorCode: string | undefined,
    detail: string,
  ) {
    super(`${describeCommand(file, args)} ${detail}`);
  }
}

export type ProcessRunner = (file: string, args: readonly string[], options?: RunOptions) => Promise<RunResult>;

export interface ProcessRunnerConfig {
  /** True inside a WSL distro: WSL_UTF8 must then be listed in WSLENV to reach Windows tools. */
  readonly insideWsl: boolean;
  /** Base environment (defaults to process.env). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly defaultTimeoutMs?: number;
}

export const DEFAULT_TIMEOUT_MS = 20_000;
const MAX_BUFFER_BYTES = 64 * 1024 * 1024;

/**
 * The environment every child gets: WSL_UTF8=1 asks wsl.exe for UTF-8 (honoured since store
 * WSL 0.64; the decoder still copes with UTF-16). Inside WSL, interop only copies variables
 * named in WSLENV to Windows processes, so WSL_UTF8 is appended there without dropping what
 * the user already shares.
 */
export function buildChildEnv(
  base: Readonly<Record<string, string | undefined>>,
  insideWsl: boolean,
  extra?: Readonly<Record<string, string>>,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(base)) if (value !== undefined) env[key] = value;
  env['WSL_UTF8'] = '1';
  if (insideWsl) {
    const entries = (env['WSLENV'] ?? '').split(':').filter((entry) => entry !== '');
    if (!entries.some((entry) => entry.split('/')[0] === 'WSL_UTF8')) entries.push('WSL_UTF8');
    env['WSLENV'] = entries.join(':');
  }
  if (extra) Object.assign(env, extra);
  return env;
}

export function createProcessRunner(config: ProcessRunnerConfig): ProcessRunner {
  const baseEnv = config.env ?? process.env;
  const defaultTimeout = config.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS;

  return async function run(file, args, options = {}) {
    const argList = [...args];
    const timeoutMs = options.timeoutMs ?? defaultTimeout;
    const result = await spawnBounded(file, argList, {
      env: buildChildEnv(baseEnv, config.insideWsl, options.env),
      timeoutMs,
      ...(options.cwd !== undefined ? { cwd: options.cwd } : {}),
      ...(options.signal !== undefined ? { signal: options.signal } : {}),
      ...(options.input !== undefined ? { input: options.input } : {}),
    });

    const stdoutBytes = result.stdout;
    const stdoutDecoded = decodeOutput(stdoutBytes, options.encoding ?? 'auto');
    const stderr = decodeOutput(result.stderr, options.encoding ?? 'auto').text;
    const stdout = stdoutDecoded.text;
    const fail = (failure: HostCommandFailure, detail: string, wslCode?: string): never => {
      throw new HostCommandError(failure, file, argList, result.exitCode, stdout, stderr, wslCode, detail);
    };

    if (result.outcome === 'canceled') fail('canceled', 'was canceled');
    if (result.outcome === 'timeout') fail('timeout', `timed out after ${timeoutMs} ms`);
    if (result.outcome === 'not-found')
      fail('not-found', `could not be started: ${file} was not found${/[\\/]/.test(file) ? '' : ' on PATH'}`);
    if (result.outcome === 'spawn-failed')
      fail('spawn-failed', `could not be started: ${result.spawnError ?? 'unknown error'}`);
    if (result.outcome === 'output-too-large')
      fail('spawn-failed', `wrote more than ${MAX_BUFFER_BYTES} bytes and was stopped`);
    if (result.exitCode === undefined) fail('killed', `was killed by ${result.signal ?? 'a signal'}`);
    const exitCode = result.exitCode as number;
    if (exitCode === 0 || options.okExitCodes?.includes(exitCode)) {
      return { file, args: argList, exitCode, stdout, stderr, stdoutEncoding: stdoutDecoded.encoding, stdoutBytes };
    }
    if (isWslExecutable(file) && isWslErrorExitCode(exitCode)) {
      // wsl.exe's own error text, even when the caller forced UTF-8 for relayed Linux output:
      // an old wsl.exe that ignores WSL_UTF8 writes it as UTF-16.
      const parsed = parseWslErrorMessage(decodeOutput(stdoutBytes, 'auto').text);
      fail(
        'wsl-error',
        `failed (exit code ${exitCode}): ${firstNonEmpty(parsed.message, stderr, '(no output)')}`,
        parsed.code,
      );
    }
    return fail(
      'exit-code',
      `exited with code ${exitCode}: ${firstNonEmpty(stderr.trim(), stdout.trim(), '(no output)')}`,
    );
  };
}

interface BoundedRun {
  readonly outcome: 'exited' | 'timeout' | 'canceled' | 'not-found' | 'spawn-failed' | 'output-too-large';
  readonly exitCode: number | undefined;
  readonly signal: string | undefined;
  readonly stdout: Buffer;
  readonly stderr: Buffer;
  readonly spawnError?: string;
}

/** How long a child gets between SIGTERM and SIGKILL, and how long its pipes may stay open after that. */
const KILL_GRACE_MS = 2000;

/**
 * One child process whose end is bounded: after the timeout (or a cancel) its whole process tree is
 * ended and its pipes are closed, so the promise settles even when a grandchild still holds stdout
 * open (a plain `kill` of the child would leave us waiting for that pipe forever).
 * POSIX: the child leads its own process group, which is signalled as a whole. Windows:
 * `taskkill /T /F` ends the tree, from System32 by absolute path.
 */
function spawnBounded(
  file: string,
  args: string[],
  options: { env: Record<string, string>; timeoutMs: number; cwd?: string; signal?: AbortSignal; input?: Uint8Array },
): Promise<BoundedRun> {
  return new Promise((resolve) => {
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let outputBytes = 0;
    let outcome: BoundedRun['outcome'] = 'exited';
    let settled = false;
    let child: ChildProcess;
    try {
      child = spawn(file, args, {
        shell: false,
        env: options.env,
        windowsHide: true,
        detached: process.platform !== 'win32', // own process group, so the tree can be ended
        stdio: [options.input !== undefined ? 'pipe' : 'ignore', 'pipe', 'pipe'],
        ...(options.cwd !== undefined ? { cwd: options.cwd } : {}),
      });
    } catch (error) {
      resolve({
        outcome: 'spawn-failed',
        exitCode: undefined,
        signal: undefined,
        stdout: Buffer.alloc(0),
        stderr: Buffer.alloc(0),
        spawnError: (error as Error).message,
      });
      return;
    }
    const timers: NodeJS.Timeout[] = [];
    const finish = (exitCode: number | undefined, signal: string | undefined, spawnError?: string): void => {
      if (settled) return;
      settled = true;
      for (const timer of timers) clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      child.stdout?.destroy();
      child.stderr?.destroy();
      resolve({
        outcome,
        exitCode: outcome === 'exited' ? exitCode : undefined,
        signal,
        stdout: Buffer.concat(stdout),
        stderr: Buffer.concat(stderr),
        ...(spawnError !== undefined ? { spawnError } : {}),
      });
    };
    const stop = (why: BoundedRun['outcome']): void => {
      if (settled || outcome !== 'exited') return;
      outcome = why;
      killTree(child, 'SIGTERM');
      timers.push(setTimeout(() => killTree(child, 'SIGKILL'), KILL_GRACE_MS));
      // Whatever still holds the pipes after that is not waited for.
      timers.push(setTimeout(() => finish(undefined, 'SIGKILL'), KILL_GRACE_MS * 2));
    };
    const onAbort = (): void => stop('canceled');
    const collect = (into: Buffer[]) => (chunk: Buffer) => {
      outputBytes += chunk.length;
      if (outputBytes > MAX_BUFFER_BYTES) stop('output-too-large');
      else into.push(chunk);
    };
    child.stdout?.on('data', collect(stdout));
    child.stderr?.on('data', collect(stderr));
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (child.pid === undefined) {
        outcome = error.code === 'ENOENT' ? 'not-found' : 'spawn-failed';
        finish(undefined, undefined, error.message);
      }
    });
    // 'close' waits for the pipes; after a stop, finish() above does not.
    child.on('close', (code, signal) => finish(code ?? undefined, signal ?? undefined));
    if (options.input !== undefined) {
      child.stdin?.on('error', () => {}); // a child that exits without reading its input
      child.stdin?.end(options.input);
    }
    timers.push(setTimeout(() => stop('timeout'), options.timeoutMs));
    if (options.signal?.aborted) stop('canceled');
    else options.signal?.addEventListener('abort', onAbort);
  });
}

function killTree(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  if (process.platform === 'win32') {
    const systemRoot = validatedSystemRoot(process.env['SystemRoot']);
    try {
      spawn(`${systemRoot}\\System32\\taskkill.exe`, ['/T', '/F', '/PID', String(child.pid)], {
        windowsHide: true,
        stdio: 'ignore',
      }).on('error', () => {});
    } catch {
      child.kill(signal);
    }
    return;
  }
  try {
    process.kill(-child.pid, signal); // the group the child leads
  } catch {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
}

export function isWslExecutable(file: string): boolean {
  return /(^|[\\/])wsl(\.exe)?$/i.test(file);
}

/** Short, log-friendly rendering; long arguments (encoded commands) are abbreviated. */
export function describeCommand(file: string, args: readonly string[]): string {
  const shown = args.map((arg) => (arg.length > 120 ? `${arg.slice(0, 117)}...` : arg));
  return [file, ...shown].map((part) => (/[\s'"]/.test(part) || part === '' ? JSON.stringify(part) : part)).join(' ');
}

function firstNonEmpty(...values: string[]): string {
  return values.find((value) => value.trim() !== '') ?? '';
}
