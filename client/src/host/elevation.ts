// Running commands as administrator with one UAC prompt.
//
// How quoting is avoided:
// 1. The steps are turned into one PowerShell script (`& 'netsh.exe' 'interface' …` and
//    cmdlet lines). Every value in it was validated (digits, dotted IPv4, fixed words) and is
//    additionally written as a single-quoted PowerShell literal, where nothing expands.
// 2. That script is passed to the elevated powershell.exe as `-EncodedCommand`: base64 of its
//    UTF-16LE bytes. Base64 uses only A-Z a-z 0-9 + / =, so no quote, space, `$`, `;` or
//    backtick of the script survives into any command line; PowerShell decodes it verbatim.
// 3. The non-elevated launcher is a constant `Start-Process … -Verb RunAs -Wait -PassThru`
//    script whose only variable part is that base64 text. It is passed as one argv element
//    with `shell: false`, so neither cmd.exe nor sh ever parses it.
// Start-Process throws when the user declines the UAC prompt; the launcher maps that to
// exit code 1223 (ERROR_CANCELLED) so callers need not read localized error text.
import { assertScriptSafe, psQuote, type CommandSpec } from './commandBuilders';
import { POWERSHELL_BASE_ARGS, POWERSHELL_EXE } from './powershellQueries';
import { ValidationError } from './validators';

export const ELEVATION_CANCELED_EXIT_CODE = 1223;
/**
 * How the launcher's exit code arrives: 1223 on Windows; a Linux parent (inside WSL, via
 * interop) only sees the low 8 bits, 1223 & 0xff = 199.
 */
export const ELEVATION_CANCELED_EXIT_CODES: readonly number[] = [
  ELEVATION_CANCELED_EXIT_CODE,
  ELEVATION_CANCELED_EXIT_CODE & 0xff,
];

export function encodePowerShellCommand(script: string): string {
  return Buffer.from(script, 'utf16le').toString('base64');
}

export function decodePowerShellCommand(encoded: string): string {
  return Buffer.from(encoded, 'base64').toString('utf16le');
}

/** The script the elevated process runs: one line per step, stopping at the first failure. */
export function buildElevatedScript(steps: readonly CommandSpec[]): string {
  if (steps.length === 0) throw new ValidationError('Nothing to run.');
  const lines = ["$ErrorActionPreference = 'Stop'"];
  for (const step of steps) {
    if (step.file === POWERSHELL_EXE && step.script !== undefined) {
      assertScriptSafe(step.script);
      lines.push(step.script);
    } else {
      lines.push(['&', psQuote(step.file), ...step.args.map(psQuote)].join(' '));
      lines.push('if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }');
    }
  }
  lines.push('exit 0');
  return lines.join('\n');
}

export interface ElevatedCommandSpec extends CommandSpec {
  /** The steps inside, for display and for the audit log. */
  readonly steps: readonly CommandSpec[];
}

/** One non-elevated powershell.exe call that shows a single UAC prompt and runs all steps. */
export function buildElevatedCommand(steps: readonly CommandSpec[]): ElevatedCommandSpec {
  const inner = buildElevatedScript(steps);
  const encoded = encodePowerShellCommand(inner);
  const launcher =
    `try { $p = Start-Process -FilePath 'powershell.exe' ` +
    `-ArgumentList '-NoProfile','-NonInteractive','-EncodedCommand','${encoded}' ` +
    `-Verb RunAs -Wait -PassThru -WindowStyle Hidden -ErrorAction Stop; exit $p.ExitCode } ` +
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
