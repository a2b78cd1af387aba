// Running commands as administrator behind a UAC prompt.
//
// How quoting is avoided:
// 1. The steps are turned into one PowerShell script (`& 'C:\Windows\System32\netsh.exe' …`
//    and cmdlet lines). Every value in it was validated (digits, dotted IPv4, fixed words,
//    the validated System32 path) and is additionally written as a single-quoted PowerShell
//    literal, where nothing expands.
// 2. That script is passed to the elevated powershell.exe as `-EncodedCommand`: base64 of its
//    UTF-16LE bytes. Base64 uses only A-Z a-z 0-9 + / =, so no quote, space, `$`, `;` or
//    backtick of the script survives into any command line; PowerShell decodes it verbatim.
// 3. The non-elevated launcher is a constant `Start-Process … -Verb RunAs -Wait -PassThru`
//    script whose only variable parts are the absolute powershell.exe path and that base64
//    text. It is passed as one argv element with `shell: false`, so neither cmd.exe nor sh
//    ever parses it.
//
// What each step did: Start-Process -Verb RunAs cannot redirect the elevated process's output
// (learn.microsoft.com/powershell/module/microsoft.powershell.management/start-process: -Verb
// and the -Redirect* parameters are in different parameter sets), so the elevated script
// reports through its EXIT CODE: 0 when every step finished, else
// STEP_FAILURE_UNIT × (number of the failed step) + (that step's own exit code & 0xFFFF), e.g.
// 200001: step 2 failed with exit code 1 (decimal, so it reads the same in any log);
// the steps before it finished, the ones after it did not run. The launcher prints that code
// on stdout (`@@elevated-exit <code>`), because a Linux parent (inside WSL) only sees the low 8
// bits of an exit code. No file is involved, so nothing can be swapped or left behind.
// Start-Process throws when the user declines the UAC prompt; the launcher then exits 1223
// (ERROR_CANCELLED) WITHOUT the marker line: "declined" is only ever that.
//
// Length: the launcher's command line carries the base64 text (8/3 characters per script
// character) and CreateProcess accepts at most 32,767 characters including the final NUL
// (learn.microsoft.com/windows/win32/api/processthreadsapi/nf-processthreadsapi-createprocessw,
// lpCommandLine). Many steps (a repair of many rules) are therefore split into batches that
// each fit, one UAC prompt per batch. Writing the script to a temp file for `-File` would keep
// one prompt, but a file in the user's temp folder can be replaced by any process of the same
// (non-elevated) user between our write and the elevated read: code injection into an
// administrator process. The encoded command never touches the disk.
import { assertScriptSafe, psQuote, type CommandSpec } from './commandBuilders';
import { POWERSHELL_BASE_ARGS, POWERSHELL_EXE } from './powershellQueries';
import { HostCommandError } from './processRunner';
import { ValidationError } from './validators';
import { isWindowsToolName, type WindowsToolName } from './windowsTools';

export const ELEVATION_CANCELED_EXIT_CODE = 1223;
/**
 * How the launcher's exit code arrives: 1223 on Windows; a Linux parent (inside WSL, via
 * interop) only sees the low 8 bits, 1223 & 0xff = 199.
 */
export const ELEVATION_CANCELED_EXIT_CODES: readonly number[] = [
  ELEVATION_CANCELED_EXIT_CODE,
  ELEVATION_CANCELED_EXIT_CODE & 0xff,
];

/** The elevated script's exit code for "step n failed" is n × this + the step's own code (16 bits). */
export const STEP_FAILURE_UNIT = 100_000;
/** The launcher's stdout line with the elevated process's full exit code. */
export const ELEVATED_EXIT_MARKER = '@@elevated-exit ';
/** CreateProcess' limit for lpCommandLine, in characters, including the terminating NUL. */
export const WINDOWS_COMMAND_LINE_LIMIT = 32_767;

/** How the scripts name the Windows programs they start (WslHost.tools.windowsPath). */
export type WindowsPathOf = (tool: WindowsToolName) => string;

export function encodePowerShellCommand(script: string): string {
  return Buffer.from(script, 'utf16le').toString('base64');
}

export function decodePowerShellCommand(encoded: string): string {
  return Buffer.from(encoded, 'base64').toString('utf16le');
}

/**
 * The script the elevated process runs: one line per step, stopping at the first failure with
 * an exit code that names the step (see the header).
 */
export function buildElevatedScript(steps: readonly CommandSpec[], windowsPath: WindowsPathOf): string {
  if (steps.length === 0) throw new ValidationError('Nothing to run.');
  const lines = ["$ErrorActionPreference = 'Stop'"];
  steps.forEach((step, index) => {
    const failed = STEP_FAILURE_UNIT * (index + 1);
    if (step.file === POWERSHELL_EXE && step.script !== undefined) {
      assertScriptSafe(step.script);
      lines.push(`try { ${step.script} } catch { exit ${failed + 1} }`);
    } else {
      if (!isWindowsToolName(step.file))
        throw new ValidationError(`Internal error: ${JSON.stringify(step.file)} is not a known Windows tool.`);
      const call = ['&', psQuote(windowsPath(step.file)), ...step.args.map(psQuote)].join(' ');
      lines.push(`try { ${call} } catch { exit ${failed + 1} }`);
      lines.push(`if ($LASTEXITCODE -ne 0) { exit (${failed} + ($LASTEXITCODE -band 65535)) }`);
    }
  });
  lines.push('exit 0');
  return lines.join('\n');
}

export interface ElevatedCommandSpec extends CommandSpec {
  /** The steps inside, for display and for the audit log. */
  readonly steps: readonly CommandSpec[];
}

/** One non-elevated powershell.exe call that shows a single UAC prompt and runs all steps. */
export function buildElevatedCommand(steps: readonly CommandSpec[], windowsPath: WindowsPathOf): ElevatedCommandSpec {
  const inner = buildElevatedScript(steps, windowsPath);
  const encoded = encodePowerShellCommand(inner);
  const launcher =
    `try { $p = Start-Process -FilePath ${psQuote(windowsPath('powershell.exe'))} ` +
    `-ArgumentList '-NoProfile','-NonInteractive','-EncodedCommand','${encoded}' ` +
    `-Verb RunAs -Wait -PassThru -WindowStyle Hidden -ErrorAction Stop; ` +
    `Write-Output ('${ELEVATED_EXIT_MARKER}' + $p.ExitCode); exit $p.ExitCode } ` +
    `catch { exit ${ELEVATION_CANCELED_EXIT_CODE} }`;
  assertScriptSafe(launcher);
  return {
    file: POWERSHELL_EXE,
    args: [...POWERSHELL_BASE_ARGS, launcher],
    elevated: true,
    description: steps.map((step) => step.description).join('; '),
    script: inner,
    steps,
  };
}

export function isElevatedCommand(spec: CommandSpec): spec is ElevatedCommandSpec {
  return Array.isArray((spec as Partial<ElevatedCommandSpec>).steps);
}

/**
 * Characters of the command line Windows gets for `file args` (as libuv quotes it: an argument
 * with a space, tab or quote, or an empty one, goes in double quotes, inner quotes and the
 * backslashes before them escaped), without the final NUL.
 */
export function windowsCommandLineLength(file: string, args: readonly string[]): number {
  const quoted = (arg: string): number => {
    if (arg !== '' && !/[\s"]/.test(arg)) return arg.length;
    const escapes = (arg.match(/"/g) ?? []).length + (arg.match(/\\+(?="|$)/g) ?? []).join('').length;
    return arg.length + escapes + 2;
  };
  return [file, ...args].reduce((sum, part) => sum + quoted(part), 0) + args.length;
}

/**
 * The steps in batches whose launcher command line (the longer of the two: it carries the same
 * base64 as the elevated one plus the Start-Process text) fits below CreateProcess' limit.
 * Order is kept; each batch is one UAC prompt.
 */
export function splitElevatedBatches(
  steps: readonly CommandSpec[],
  windowsPath: WindowsPathOf,
  limit = WINDOWS_COMMAND_LINE_LIMIT - 1,
): CommandSpec[][] {
  const fits = (batch: readonly CommandSpec[]): boolean => {
    const spec = buildElevatedCommand(batch, windowsPath);
    return windowsCommandLineLength(windowsPath('powershell.exe'), spec.args) <= limit;
  };
  const batches: CommandSpec[][] = [];
  let current: CommandSpec[] = [];
  for (const step of steps) {
    if (current.length > 0 && !fits([...current, step])) {
      batches.push(current);
      current = [];
    }
    if (!fits([step])) throw new ValidationError(`Internal error: one step is too long for a Windows command line.`);
    current.push(step);
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/** What the elevated script's exit code says about its steps (see the header). */
export interface ElevatedOutcome {
  /** How many steps finished, from the first. */
  readonly completed: number;
  /** The step (0-based) that failed, when known, and its own exit code. */
  readonly failedStep?: number;
  readonly failedExitCode?: number;
}

export function decodeElevatedExitCode(exitCode: number, stepCount: number): ElevatedOutcome {
  if (exitCode === 0) return { completed: stepCount };
  const step = Math.floor(exitCode / STEP_FAILURE_UNIT);
  // Not a code of ours (e.g. PowerShell could not start): nothing is known to have finished.
  if (exitCode < 0 || step < 1 || step > stepCount) return { completed: 0 };
  return { completed: step - 1, failedStep: step - 1, failedExitCode: exitCode % STEP_FAILURE_UNIT };
}

/** The elevated exit code the launcher printed, or undefined when the elevated process never ran. */
export function readElevatedExitCode(launcherStdout: string): number | undefined {
  const line = launcherStdout
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l.startsWith(ELEVATED_EXIT_MARKER.trim()));
  if (line === undefined) return undefined;
  const code = Number(line.slice(ELEVATED_EXIT_MARKER.trim().length).trim());
  return Number.isSafeInteger(code) ? code : undefined;
}

/**
 * A run of several steps that stopped part-way: the first `completed` steps finished and stay
 * in place (callers record them so Remove/Repair can undo them); `failedStep` (when known)
 * failed; the rest did not run. `declined`: a later UAC prompt (batch) was declined.
 */
export class StepsFailedError extends HostCommandError {
  constructor(
    readonly steps: readonly CommandSpec[],
    readonly completed: number,
    readonly failedStep: number | undefined,
    readonly failedExitCode: number | undefined,
    readonly declined: boolean,
    cause: HostCommandError,
  ) {
    super(
      'steps-failed',
      cause.file,
      cause.args,
      cause.exitCode,
      cause.stdout,
      cause.stderr,
      undefined,
      describeStepsFailure(steps, completed, failedStep, failedExitCode, declined, cause),
    );
  }
}

function describeStepsFailure(
  steps: readonly CommandSpec[],
  completed: number,
  failedStep: number | undefined,
  failedExitCode: number | undefined,
  declined: boolean,
  cause: HostCommandError,
): string {
  const failed = failedStep !== undefined ? steps[failedStep] : undefined;
  const why = declined
    ? 'the administrator prompt for the next batch was declined'
    : failed !== undefined
      ? `step ${(failedStep ?? 0) + 1} of ${steps.length} failed ` +
        `(exit code ${failedExitCode ?? 'unknown'}): ${failed.description}`
      : `stopped after step ${completed} of ${steps.length}: ${cause.message}`;
  return `${why}. Finished: ${completed} of ${steps.length} steps.`;
}
