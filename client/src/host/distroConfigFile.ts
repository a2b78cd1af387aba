// Reading and writing a distro's /etc/wsl.conf and /etc/wsl-distribution.conf, as root, the
// same way from both sides:
// - from Windows: `wsl.exe -d <distro> -u root -e sh -c <constant script> sh <constant path> …`;
// - inside that distro: directly when we are root, else through interop (the same wsl.exe
//   call, found on PATH or under /mnt/c) or, with interop off, `sudo -n sh -c <script> …`.
//
// Nothing variable is ever part of a script: the scripts below are constants, the paths are
// constants, the backup name is built from digits, and the distro name passes
// validateDistroName. The new file content travels on stdin.
//
// `-e` (exec mode) rather than `--`: wsl.exe hands everything after `--` to the user's login
// shell as one command line, which would expand `$1` in the script a second time; `-e` runs
// the program with the arguments as given (WslClient.cpp, WSL_STOP_PARSING_ARG vs WSL_EXEC_ARG).
import * as fs from 'node:fs/promises';
import { parseConfig } from '../../../server/src/core';
import type { CommandSpec } from './commandBuilders';
import { buildWslTerminate, WSL_EXE } from './commandBuilders';
import type { HostSituation } from './detectHost';
import type { DistroInfo } from './hostTypes';
import { HostCommandError, type ProcessRunner, type RunOptions, type RunResult } from './processRunner';
import { required, validateDistroName, ValidationError } from './validators';

export const WSL_CONF_PATH = '/etc/wsl.conf';
export const WSL_DISTRIBUTION_CONF_PATH = '/etc/wsl-distribution.conf';
/** The only files this module reads or writes. */
export type DistroConfigPath = typeof WSL_CONF_PATH | typeof WSL_DISTRIBUTION_CONF_PATH;
export const DISTRO_CONFIG_PATHS: readonly DistroConfigPath[] = [WSL_CONF_PATH, WSL_DISTRIBUTION_CONF_PATH];

/** Exit code of READ_SCRIPT when the file does not exist (distinct from cat's 1). */
export const EXIT_FILE_MISSING = 3;
/** Exit code of the scripts when the target is a symbolic link (renaming over it would replace the link). */
export const EXIT_TARGET_IS_SYMLINK = 4;
/** Exit code of RESTORE_SCRIPT when the backup is gone. */
export const EXIT_BACKUP_MISSING = 5;

/** What WRITE_SCRIPT prints when it kept a backup (the file existed before). */
export const BACKUP_MADE = 'backup-kept';

/** $1 = file. Prints the bytes, or exits EXIT_FILE_MISSING when there is no such file. */
export const READ_SCRIPT = `if [ -e "$1" ]; then exec cat -- "$1"; else exit ${EXIT_FILE_MISSING}; fi`;

/**
 * $1 = target, $2 = backup path; stdin = the new content.
 * The temporary file sits next to the target (same file system, so `mv` is an atomic rename).
 * `cp -p` gives it the owner, group and mode of the existing file before the bytes are written
 * into it; `cat >` truncates without changing them. A new file gets root:root 0644 like the
 * /etc/wsl.conf a distro ships. The previous bytes are kept in the backup (`cp -p`, exact).
 */
export const WRITE_SCRIPT = [
  'set -e',
  `if [ -L "$1" ]; then echo "$1 is a symbolic link; not replacing it" >&2; exit ${EXIT_TARGET_IS_SYMLINK}; fi`,
  'tmp="$1.wsl-network-tmp.$$"',
  `trap 'rm -f -- "$tmp"' EXIT`,
  'umask 077',
  'had=',
  'if [ -e "$1" ]; then had=1; cp -p -- "$1" "$2"; cp -p -- "$1" "$tmp"; fi',
  'cat > "$tmp"',
  'if [ -z "$had" ]; then chmod 644 -- "$tmp"; fi',
  'mv -f -- "$tmp" "$1"',
  'trap - EXIT',
  `if [ -n "$had" ]; then echo ${BACKUP_MADE}; fi`,
].join('\n');

/**
 * $1 = target, $2 = backup to restore. Copies the backup to a temporary file next to the
 * target and renames it over the target: the exact previous bytes, owner and mode.
 */
export const RESTORE_SCRIPT = [
  'set -e',
  `if [ ! -f "$2" ]; then echo "$2 does not exist" >&2; exit ${EXIT_BACKUP_MISSING}; fi`,
  `if [ -L "$1" ]; then echo "$1 is a symbolic link; not replacing it" >&2; exit ${EXIT_TARGET_IS_SYMLINK}; fi`,
  'tmp="$1.wsl-network-tmp.$$"',
  `trap 'rm -f -- "$tmp"' EXIT`,
  'cp -p -- "$2" "$tmp"',
  'mv -f -- "$tmp" "$1"',
  'trap - EXIT',
].join('\n');

/** $1 = target, $2 = where to move it. Undo of a save that created the file: nothing is deleted. */
export const SET_ASIDE_SCRIPT = ['set -e', 'if [ -e "$1" ]; then mv -f -- "$1" "$2"; fi'].join('\n');

/**
 * `/etc/wsl.conf.bak-20261130T120000123Z`: the target plus a UTC time stamp to the millisecond
 * (digits only), so two saves within one second keep two backups and each Undo finds its own.
 */
export function backupPathFor(target: DistroConfigPath, time: Date): string {
  const stamp = time.toISOString().replace(/[-:.]/g, '');
  return `${requiredConfigPath(target)}.bak-${stamp}`;
}

const BACKUP_PATTERN = /^\/etc\/(?:wsl|wsl-distribution)\.conf\.bak-\d{8}T\d{6}(?:\d{3})?Z$/;

export function requiredConfigPath(path: unknown): DistroConfigPath {
  if (path === WSL_CONF_PATH || path === WSL_DISTRIBUTION_CONF_PATH) return path;
  throw new ValidationError(`Not a WSL configuration file this extension edits: ${JSON.stringify(String(path))}.`);
}

export function requiredBackupPath(path: unknown): string {
  if (typeof path === 'string' && BACKUP_PATTERN.test(path)) return path;
  throw new ValidationError(
    `Not a backup path of /etc/wsl.conf or /etc/wsl-distribution.conf: ${JSON.stringify(String(path))}.`,
  );
}

// ---- stopped distros ---------------------------------------------------------------------------

export type ReadStartsDistro =
  | { readonly starts: false; readonly reason: 'running' | 'local' }
  | { readonly starts: true; readonly reason: 'stopped'; readonly state: string }
  | { readonly starts: undefined; readonly reason: 'not-listed' };

/**
 * Whether reading (or writing) a distro's file would start it. Any `wsl.exe -d <distro>` call
 * boots a distro that is not Running, which runs its boot command and systemd and re-reads
 * wsl.conf; the user should be asked first. Inside the distro itself nothing starts.
 */
export function readWouldStartDistro(
  distro: string,
  distros: readonly DistroInfo[],
  situation?: HostSituation,
): ReadStartsDistro {
  if (
    situation?.kind === 'wsl' &&
    situation.distro !== undefined &&
    situation.distro.toLowerCase() === distro.toLowerCase()
  ) {
    return { starts: false, reason: 'local' };
  }
  // WSL matches distro names case-insensitively (wsl.exe -d ubuntu finds Ubuntu).
  const listed = distros.find((d) => d.name.toLowerCase() === distro.toLowerCase());
  if (listed === undefined) return { starts: undefined, reason: 'not-listed' };
  return listed.state === 'Running'
    ? { starts: false, reason: 'running' }
    : { starts: true, reason: 'stopped', state: listed.state };
}

// ---- pre-save and post-save ---------------------------------------------------------------------

export interface StopLine {
  /** 1-based line in the editor (LF, CRLF or CR ends a line). */
  readonly line: number;
  /** The line number WSL prints in its warning (its own count drifts on CRLF files). */
  readonly wslLine: number;
  /** The text of that line, without its line break. */
  readonly text: string;
  /** WSL's message for it, e.g. "Invalid key name". */
  readonly message: string;
  /** How many non-blank lines after it WSL would ignore. */
  readonly ignoredLines: number;
}

/**
 * The line at which WSL's init would stop reading this text, or undefined when the whole file is
 * read. Linux init parses /etc/wsl.conf without CFG_SKIP_INVALID_LINES, so the first malformed
 * line ends the parse (src/shared/configfile/configfile.cpp); the shared parser reproduces that.
 * Run before saving, so the save can ask first and name the line.
 */
export function lineThatStopsReading(text: string, path: DistroConfigPath): StopLine | undefined {
  requiredConfigPath(path);
  const parsed = parseConfig(text, 'linux');
  if (parsed.stoppedAt === undefined) return undefined;
  const issue = parsed.issues[parsed.issues.length - 1];
  const before = text.slice(0, parsed.stoppedAt);
  const line = (before.match(/\r\n|\r|\n/g)?.length ?? 0) + 1;
  const end = text.slice(parsed.stoppedAt).search(/\r|\n/);
  const lineText = end < 0 ? text.slice(parsed.stoppedAt) : text.slice(parsed.stoppedAt, parsed.stoppedAt + end);
  const rest = parsed.ignoredFrom === undefined ? '' : text.slice(parsed.ignoredFrom);
  const ignoredLines = rest.split(/\r\n|\r|\n/).filter((l) => l.trim() !== '').length;
  return {
    line,
    wslLine: issue?.wslLine ?? line,
    text: lineText,
    message: issue?.message ?? 'Invalid line',
    ignoredLines,
  };
}

export interface TerminateOffer {
  readonly command: CommandSpec;
  /** Shown with the offer: what terminating costs the user. */
  readonly warning: string;
}

/**
 * After a save: WSL re-reads wsl.conf only when the distro starts again, so offer
 * `wsl.exe --terminate <distro>` (src/linux/init/WslDistributionConfig.cpp runs at distro start;
 * learn.microsoft.com/windows/wsl/wsl-config "the 8 second rule").
 */
export function planTerminateAfterSave(distro: unknown): TerminateOffer {
  const command = buildWslTerminate(distro);
  const name = command.args[1] as string;
  return {
    command,
    warning:
      `Stopping ${name} closes every shell, editor window and program running in it, and stops its services; unsaved work in them is lost. ` +
      `WSL reads /etc/wsl.conf again the next time ${name} starts.`,
  };
}

// ---- reading -------------------------------------------------------------------------------------

export type ReadResult = { readonly exists: true; readonly bytes: Buffer } | { readonly exists: false };

/** A step that runs as root, as data: shown to the user before the first root write of a session. */
export interface RootCommand {
  readonly file: string;
  readonly args: readonly string[];
  /** What goes to stdin, in words ("the new content of /etc/wsl.conf (123 bytes)"); never the bytes. */
  readonly stdin?: string;
  readonly route: RootRoute;
  readonly description: string;
}

/**
 * - `wsl-exe`: wsl.exe -d <distro> -u root (from Windows, or inside WSL through interop);
 * - `sudo`: sudo -n inside the distro (interop off);
 * - `local-root`: this process is already root inside the distro.
 */
export type RootRoute = 'wsl-exe' | 'sudo' | 'local-root';

/**
 * The exact command as a user can read (and paste into a shell): POSIX single quotes around every
 * argument that needs them, the script verbatim, and what goes to stdin. For the confirmation of
 * the first root write of a session; describeCommand abbreviates long arguments, this does not.
 */
export function showRootCommand(command: RootCommand): string {
  const shown = [command.file, ...command.args]
    .map((arg) => (/^[A-Za-z0-9_./:=@%+-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`))
    .join(' ');
  return command.stdin === undefined ? shown : `${shown}  < ${command.stdin}`;
}

export type RootWriteFailure = 'no-root-route' | 'sudo-needs-password' | 'symlink' | 'backup-missing' | 'failed';

export class DistroConfigError extends Error {
  override readonly name = 'DistroConfigError';
  constructor(
    readonly failure: RootWriteFailure,
    message: string,
    readonly command?: RootCommand,
    override readonly cause?: unknown,
  ) {
    super(message);
  }
}

export interface SaveResult {
  readonly path: DistroConfigPath;
  readonly distro: string;
  /** Where the previous bytes are, or undefined when the file did not exist before. */
  readonly backupPath: string | undefined;
  readonly command: RootCommand;
}

export interface DistroConfigFilesOptions {
  readonly situation: HostSituation;
  /** Runs wsl.exe (Windows tools) by its absolute System32 path: WslHost.windowsTool. */
  readonly windowsTool: (file: string, args: readonly string[], options?: RunOptions) => Promise<RunResult>;
  /** Runs Linux programs inside this distro (sudo, sh): WslHost.run. */
  readonly run: ProcessRunner;
  /** Reads a local file (inside WSL); defaults to fs.readFile. */
  readonly readLocalFile?: (path: string) => Promise<Buffer>;
  /** The effective uid of this process (inside WSL); defaults to process.geteuid(). */
  readonly uid?: number;
  readonly now?: () => Date;
}

export class DistroConfigFiles {
  private readonly readLocal: (path: string) => Promise<Buffer>;
  private readonly now: () => Date;

  constructor(private readonly options: DistroConfigFilesOptions) {
    this.readLocal = options.readLocalFile ?? ((path) => fs.readFile(path));
    this.now = options.now ?? (() => new Date());
  }

  /** True when `distro` is the one this extension host runs in. */
  isLocal(distro: string): boolean {
    const situation = this.options.situation;
    return (
      situation.kind === 'wsl' &&
      situation.distro !== undefined &&
      situation.distro.toLowerCase() === distro.toLowerCase()
    );
  }

  /** The command a read runs (undefined inside the distro, where the file is read directly). */
  planRead(distro: unknown, path: DistroConfigPath): RootCommand | undefined {
    const name = required(validateDistroName(distro));
    const target = requiredConfigPath(path);
    if (this.isLocal(name)) return undefined;
    return {
      file: WSL_EXE,
      args: ['-d', name, '-u', 'root', '-e', 'sh', '-c', READ_SCRIPT, 'sh', target],
      route: 'wsl-exe',
      description: `Read ${target} in ${name}`,
    };
  }

  /** The file's bytes, or `exists: false`. Reading a stopped distro starts it: ask first (readWouldStartDistro). */
  async read(distro: unknown, path: DistroConfigPath): Promise<ReadResult> {
    const command = this.planRead(distro, path);
    if (command === undefined) {
      try {
        return { exists: true, bytes: await this.readLocal(requiredConfigPath(path)) };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { exists: false };
        throw error;
      }
    }
    const result = await this.options.windowsTool(command.file, command.args, {
      encoding: 'utf8',
      okExitCodes: [EXIT_FILE_MISSING],
    });
    if (result.exitCode === EXIT_FILE_MISSING) return { exists: false };
    // The relayed output of a Linux command is its own bytes (never UTF-16): keep them undecoded,
    // so the encoding and line endings the file has survive the round trip.
    return { exists: true, bytes: result.stdoutBytes };
  }

  // ---- writing -----------------------------------------------------------------------------------

  /** How a root write would run, for the confirmation that shows the exact command. */
  planWrite(
    distro: unknown,
    path: DistroConfigPath,
    byteCount: number,
    time: Date = this.now(),
  ): { command: RootCommand; backupPath: string } {
    const name = required(validateDistroName(distro));
    const target = requiredConfigPath(path);
    const backupPath = requiredBackupPath(backupPathFor(target, time));
    const command = this.rootCommand(
      name,
      WRITE_SCRIPT,
      [target, backupPath],
      `Replace ${target} in ${name} as root (previous content kept in ${backupPath})`,
    );
    return { command: { ...command, stdin: `the new content of ${target} (${byteCount} bytes)` }, backupPath };
  }

  /** Writes the bytes as root: temporary file next to the target, owner and mode kept, renamed over it. */
  async write(distro: unknown, path: DistroConfigPath, bytes: Uint8Array): Promise<SaveResult> {
    const name = required(validateDistroName(distro));
    const target = requiredConfigPath(path);
    const { command, backupPath } = this.planWrite(name, target, bytes.length);
    const result = await this.runRoot(command, bytes);
    const kept = result.stdout.split('\n').some((line) => line.trim() === BACKUP_MADE);
    return { path: target, distro: name, backupPath: kept ? backupPath : undefined, command };
  }

  /** Undo of a save: the backup's exact bytes back in place, or a file the save created set aside. */
  planUndo(save: Pick<SaveResult, 'distro' | 'path' | 'backupPath'>): RootCommand {
    const name = required(validateDistroName(save.distro));
    const target = requiredConfigPath(save.path);
    if (save.backupPath !== undefined) {
      const backup = requiredBackupPath(save.backupPath);
      return this.rootCommand(name, RESTORE_SCRIPT, [target, backup], `Restore ${target} in ${name} from ${backup}`);
    }
    const aside = backupPathFor(target, this.now());
    return this.rootCommand(
      name,
      SET_ASIDE_SCRIPT,
      [target, aside],
      `Move the ${target} created in ${name} aside to ${aside}`,
    );
  }

  async undo(save: Pick<SaveResult, 'distro' | 'path' | 'backupPath'>): Promise<RootCommand> {
    const command = this.planUndo(save);
    await this.runRoot(command, undefined);
    return command;
  }

  /** The root command for this situation: wsl.exe from Windows or through interop, sudo -n without it, sh when root. */
  private rootCommand(distro: string, script: string, args: readonly string[], description: string): RootCommand {
    const situation = this.options.situation;
    if (!this.isLocal(distro)) {
      if (situation.kind === 'wsl' && !situation.interop) {
        throw new DistroConfigError(
          'no-root-route',
          `Cannot reach the distro ${distro}: Windows interop is off in this distro, so wsl.exe cannot be started from here.`,
        );
      }
      return {
        file: WSL_EXE,
        args: ['-d', distro, '-u', 'root', '-e', 'sh', '-c', script, 'sh', ...args],
        route: 'wsl-exe',
        description,
      };
    }
    if (this.uid() === 0) return { file: 'sh', args: ['-c', script, 'sh', ...args], route: 'local-root', description };
    if (situation.kind === 'wsl' && situation.interop) {
      return {
        file: WSL_EXE,
        args: ['-d', distro, '-u', 'root', '-e', 'sh', '-c', script, 'sh', ...args],
        route: 'wsl-exe',
        description,
      };
    }
    return { file: 'sudo', args: ['-n', 'sh', '-c', script, 'sh', ...args], route: 'sudo', description };
  }

  private uid(): number | undefined {
    return this.options.uid ?? (typeof process.geteuid === 'function' ? process.geteuid() : undefined);
  }

  private async runRoot(command: RootCommand, input: Uint8Array | undefined): Promise<RunResult> {
    const options: RunOptions = { encoding: 'utf8', ...(input !== undefined ? { input } : {}) };
    try {
      return command.route === 'wsl-exe'
        ? await this.options.windowsTool(command.file, command.args, options)
        : await this.options.run(command.file, command.args, options);
    } catch (error) {
      throw describeRootFailure(command, error);
    }
  }
}

/** Turns a failed root command into a message that says what could not be done and what to do. */
function describeRootFailure(command: RootCommand, error: unknown): DistroConfigError {
  if (!(error instanceof HostCommandError))
    return new DistroConfigError(
      'failed',
      `${command.description} failed: ${(error as Error).message}`,
      command,
      error,
    );
  if (command.route === 'sudo') {
    if (error.failure === 'not-found') {
      return new DistroConfigError(
        'no-root-route',
        'Cannot write as root: Windows interop is off in this distro (so wsl.exe -u root is unavailable) and sudo is not installed. ' +
          'Turn interop on ([interop] enabled=true), or run the editor as root.',
        command,
        error,
      );
    }
    if (/password is required|a terminal is required|askpass/i.test(error.stderr)) {
      return new DistroConfigError(
        'sudo-needs-password',
        'Cannot write as root: Windows interop is off in this distro and sudo asks for a password, which an editor cannot type. ' +
          "Allow it without a password for this user (sudoers NOPASSWD), run 'sudo -v' in a terminal first if your sudo caches credentials across terminals, or turn interop on.",
        command,
        error,
      );
    }
  }
  if (error.exitCode === EXIT_TARGET_IS_SYMLINK) {
    return new DistroConfigError(
      'symlink',
      `${command.description} refused: the file is a symbolic link. Edit the file it points to instead.`,
      command,
      error,
    );
  }
  if (error.exitCode === EXIT_BACKUP_MISSING) {
    return new DistroConfigError(
      'backup-missing',
      `${command.description} failed: the backup no longer exists.`,
      command,
      error,
    );
  }
  return new DistroConfigError('failed', `${command.description} failed: ${error.message}`, command, error);
}
