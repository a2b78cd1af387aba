// Starts Windows tools (and, from Windows, Linux commands through wsl.exe) as child
// processes. Arguments always travel as an array with `shell: false`, so no value is ever
// re-parsed by cmd.exe or sh on our side; the validators in validators.ts keep hostile
// text out of the arrays in the first place.
import { execa } from 'execa';
import { decodeOutput, type OutputEncoding } from './decodeOutput';
import { isWslErrorExitCode, parseWslErrorMessage } from './wslErrorOutput';

export interface RunOptions {
  /** Milliseconds before the child is killed (SIGTERM, then SIGKILL after 2 s). */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
  readonly cwd?: string;
  /** Extra environment entries for this call only. */
  readonly env?: Readonly<Record<string, string>>;
  /** How to decode stdout/stderr; 'auto' sniffs UTF-16LE (default). */
  readonly encoding?: OutputEncoding | 'auto';
  /** Exit codes that count as success besides 0. */
  readonly okExitCodes?: readonly number[];
  /** Bytes for the child's stdin (file content travels here, never on a command line); stdin is closed otherwise. */
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
    const result = await execa(file, argList, {
      shell: false,
      reject: false,
      encoding: 'buffer',
      stripFinalNewline: false,
      extendEnv: false,
      env: buildChildEnv(baseEnv, config.insideWsl, options.env),
      timeout: options.timeoutMs ?? defaultTimeout,
      forceKillAfterDelay: 2000,
      windowsHide: true,
      maxBuffer: MAX_BUFFER_BYTES,
      ...(options.input !== undefined ? { input: options.input } : { stdin: 'ignore' as const }),
      ...(options.cwd !== undefined ? { cwd: options.cwd } : {}),
      ...(options.signal !== undefined ? { cancelSignal: options.signal } : {}),
    });

    const stdoutBytes = toBuffer(result.stdout);
    const stdoutDecoded = decodeOutput(stdoutBytes, options.encoding ?? 'auto');
    const stderr = decodeOutput(toBuffer(result.stderr), options.encoding ?? 'auto').text;
    const stdout = stdoutDecoded.text;
    const fail = (failure: HostCommandFailure, detail: string, wslCode?: string): never => {
      throw new HostCommandError(failure, file, argList, result.exitCode, stdout, stderr, wslCode, detail);
    };

    if (result.isCanceled) fail('canceled', 'was canceled');
    if (result.timedOut) fail('timeout', `timed out after ${options.timeoutMs ?? defaultTimeout} ms`);
    const spawnCode = (result as { code?: unknown }).code;
    if (result.exitCode === undefined) {
      if (spawnCode === 'ENOENT') fail('not-found', `could not be started: ${file} was not found on PATH`);
      if (result.signal !== undefined) fail('killed', `was killed by ${String(result.signal)}`);
      fail('spawn-failed', `could not be started: ${result.shortMessage}`);
    }
    const exitCode = result.exitCode as number;
    if (exitCode === 0 || options.okExitCodes?.includes(exitCode)) {
      return { file, args: argList, exitCode, stdout, stderr, stdoutEncoding: stdoutDecoded.encoding, stdoutBytes };
    }
    if (isWslExecutable(file) && isWslErrorExitCode(exitCode)) {
      // wsl.exe's own error text, even when the caller forced UTF-8 for relayed Linux output:
      // an old wsl.exe that ignores WSL_UTF8 writes it as UTF-16.
      const parsed = parseWslErrorMessage(decodeOutput(stdoutBytes, 'auto').text);
      fail('wsl-error', `failed (exit code ${exitCode}): ${firstNonEmpty(parsed.message, stderr, '(no output)')}`, parsed.code);
    }
    return fail('exit-code', `exited with code ${exitCode}: ${firstNonEmpty(stderr.trim(), stdout.trim(), '(no output)')}`);
  };
}

export function isWslExecutable(file: string): boolean {
  return /(^|[\\/])wsl(\.exe)?$/i.test(file);
}

/** Short, log-friendly rendering; long arguments (encoded commands) are abbreviated. */
export function describeCommand(file: string, args: readonly string[]): string {
  const shown = args.map((arg) => (arg.length > 120 ? `${arg.slice(0, 117)}...` : arg));
  return [file, ...shown].map((part) => (/[\s'"]/.test(part) || part === '' ? JSON.stringify(part) : part)).join(' ');
}

function toBuffer(value: unknown): Buffer {
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  if (typeof value === 'string') return Buffer.from(value, 'utf8');
  return Buffer.alloc(0);
}

function firstNonEmpty(...values: string[]): string {
  return values.find((value) => value.trim() !== '') ?? '';
}
