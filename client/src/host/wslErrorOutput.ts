// Reading wsl.exe failures. wsl.exe prints its errors on STDOUT (PrintMessage defaults to
// stdout) and exits with -1 (src/windows/wsl/WslClient.cpp `Main`). How -1 looks depends on who waits for it:
// Node on Windows reports the DWORD 4294967295 (some wrappers -1), and a Linux process that
// ran wsl.exe through interop sees 255 because POSIX keeps only the low 8 bits.

export const WSL_ERROR_EXIT_CODES: readonly number[] = [-1, 4294967295, 255];

export function isWslErrorExitCode(exitCode: number | undefined): boolean {
  return exitCode !== undefined && WSL_ERROR_EXIT_CODES.includes(exitCode);
}

export interface WslErrorMessage {
  /** The localized message, lines joined with "\n". */
  readonly message: string;
  /**
   * The stable code such as `Wsl/Service/WSL_E_DISTRO_NOT_FOUND`, from the last line
   * `<localized "Error code">: <code>`. Current WSL prints the "no installed distributions"
   * message and usage errors without it (WslClient.cpp `Main`); Store WSL 1.x–2.3 added
   * `Wsl/WSL_E_DEFAULT_DISTRO_NOT_FOUND` under the former.
   */
  readonly code: string | undefined;
}

// The code is built from context names joined by "/" plus an HRESULT name or 0x… value
// (wslutil.cpp `ErrorToString`); the label in front of it is localized, so only the value
// after the last colon is inspected.
const ERROR_CODE_VALUE = /^(?:[A-Za-z?()0-9]+\/)+(?:[A-Z][A-Z0-9_]*|0x[0-9a-fA-F]+)$/;

export function parseWslErrorMessage(stdout: string): WslErrorMessage {
  const lines = stdout
    .replace(/\r/g, '')
    .split('\n')
    .map((line) => line.trimEnd());
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const last = lines[lines.length - 1] ?? '';
  // Traditional Chinese (and older Simplified Chinese) strings end labels with "：".
  const colon = Math.max(last.lastIndexOf(':'), last.lastIndexOf('：'));
  const candidate = colon >= 0 ? last.slice(colon + 1).trim() : '';
  if (ERROR_CODE_VALUE.test(candidate)) {
    return { message: lines.slice(0, -1).join('\n').trim(), code: candidate };
  }
  return { message: lines.join('\n').trim(), code: undefined };
}

const DEFAULT_DISTRO_NOT_FOUND = /(^|\/)WSL_E_DEFAULT_DISTRO_NOT_FOUND$/;

/**
 * True when a failed `wsl.exe --list --verbose`-style call means "no distro is installed":
 * exit -1 with a message and either no error code (current WSL, and the inbox one) or
 * `…/WSL_E_DEFAULT_DISTRO_NOT_FOUND` (Store WSL 1.x–2.3). The message text is localized, so it
 * is not compared; usage text (an option this build lacks) is not "no distributions".
 */
export function isNoDistributionsFailure(exitCode: number | undefined, stdout: string): boolean {
  if (!isWslErrorExitCode(exitCode) || isWslUsageText(stdout)) return false;
  const parsed = parseWslErrorMessage(stdout);
  if (parsed.message === '') return false;
  return parsed.code === undefined || DEFAULT_DISTRO_NOT_FOUND.test(parsed.code);
}

/**
 * True when wsl.exe answered with its usage text, which it does for an option this build does
 * not know (Windows 10 before 2004 has no `--list --verbose`; inbox WSL has no `--version`).
 * The prose is localized but two things are not: the synopsis line keeps `[CommandLine]` in every
 * language (`用法: wsl.exe [参数] [选项...] [CommandLine]`), and usage lists many `--options`, while
 * the longest real message ("no installed distributions") names three (`--list --online`,
 * `--install`). Either is enough: a pasted usage text is often cut after the first few options.
 */
export function isWslUsageText(text: string): boolean {
  if (/\bwsl(?:\.exe)? \[[^\]\n]+\] \[[^\]\n]+\] \[CommandLine\]/.test(text)) return true;
  const options = new Set(text.match(/(?<![\w-])--[a-z][a-z-]+/g) ?? []);
  return options.size >= 5;
}
