/**
 * Checks WSL config files from the command line with the same analysis as the language server.
 *
 *   wsl-network-check [--json] [--kind K] [--min-severity S] [--max-bytes N] FILE...
 *
 * Prints `file:line:col severity code message`, sorted by line and column within each file.
 * Exit codes: 0 no errors, 1 a file has errors, 2 bad usage or a file that could not be read
 * (the other files are still checked and printed).
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import {
  analyze,
  decodeConfigBytes,
  describeNonRegularFile,
  encodingProblem,
  LineIndex,
  MAX_CONFIG_FILE_BYTES,
  type FileKind,
  type Finding,
  type Severity,
} from './core';
import { fileKindOf } from './fileKind';

interface Reported {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Finding['severity'];
  code: string;
  message: string;
  wslLine?: number;
}

const USAGE = [
  'usage: wsl-network-check [--json] [--kind wslconfig|wslconf|wsldistribution]',
  '                         [--min-severity error|warning|information|hint] [--max-bytes N] FILE...',
  '',
  '  --kind          which WSL file FILE is, for names other than .wslconfig, wsl.conf, wsl-distribution.conf',
  '  --min-severity  print only findings at least this severe (default: hint, i.e. everything)',
  `  --max-bytes     refuse files larger than this (default: ${MAX_CONFIG_FILE_BYTES})`,
  '',
  'exit codes: 0 no errors, 1 errors found, 2 bad usage or a file that could not be read',
].join('\n');
const KINDS: readonly FileKind[] = ['wslconfig', 'wslconf', 'wsldistribution'];
/** Most severe first: `--min-severity X` prints the severities up to and including X. */
const SEVERITIES: readonly Severity[] = ['error', 'warning', 'information', 'hint'];

/** A file that could not be checked; its message is the one line printed for it. */
class UncheckedFile extends Error {}

function describeFsError(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'is a directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    case 'ELOOP':
      return 'too many symbolic links';
    default:
      return `cannot be read (${error.code ?? error.message})`;
  }
}

/**
 * Reads at most `maxBytes` of a regular file. The file is opened non-blocking so that a FIFO does
 * not wait for a writer, and anything but a regular file (FIFO, device, directory, socket) is
 * refused before a byte is read; the read itself stops one byte past the limit, so a file whose
 * size the kernel misreports (or that grows while read) cannot make it unbounded.
 */
function readConfigFile(file: string, maxBytes: number): Buffer {
  let fd: number;
  try {
    // O_NONBLOCK does not exist on Windows (where a FIFO cannot be opened by path anyway).
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw new UncheckedFile(`${file}: ${describeFsError(error as NodeJS.ErrnoException)}`);
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new UncheckedFile(`${file}: ${describeNonRegularFile(stats)}`);
    const tooLarge = (): UncheckedFile =>
      new UncheckedFile(
        `${file}: larger than ${maxBytes} bytes, not checked (a WSL config file is a few kilobytes; --max-bytes raises the limit)`,
      );
    if (stats.size > maxBytes) throw tooLarge();
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(64 * 1024, maxBytes + 1 - total));
      let read: number;
      try {
        read = readSync(fd, chunk, 0, chunk.length, null);
      } catch (error) {
        throw new UncheckedFile(`${file}: ${describeFsError(error as NodeJS.ErrnoException)}`);
      }
      if (read === 0) break;
      chunks.push(chunk.subarray(0, read));
      total += read;
      if (total > maxBytes) throw tooLarge();
    }
    return Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}

function checkFile(file: string, forcedKind: FileKind | undefined, maxBytes: number): Reported[] {
  const kind = forcedKind ?? fileKindOf(file);
  if (!kind) throw new UncheckedFile(`${file}: cannot tell which WSL file this is from its name; pass --kind`);
  const bytes = readConfigFile(file, maxBytes);
  // Linux init sees a UTF-8 BOM as the first character of the file; keep it for the Linux-side files.
  const decoded = decodeConfigBytes(bytes, { keepUtf8Bom: kind !== 'wslconfig' });
  const lines = new LineIndex(decoded.text);
  const reported: Reported[] = [];
  const problem = encodingProblem(decoded.encoding, kind);
  if (problem)
    reported.push({
      file,
      line: 1,
      column: 1,
      endLine: 1,
      endColumn: 1,
      severity: 'error',
      code: 'file-encoding',
      message: problem,
    });
  for (const finding of analyze(decoded.text, kind).findings) {
    const start = lines.positionAt(finding.span.start);
    const end = lines.positionAt(finding.span.end);
    reported.push({
      file,
      line: start.line + 1,
      column: start.character + 1,
      endLine: end.line + 1,
      endColumn: end.character + 1,
      severity: finding.severity,
      code: finding.code,
      message: finding.message,
      wslLine: finding.wslLine,
    });
  }
  // The analysis reports by rule, not by position; readers (and `head`) want the file's order.
  return reported.sort((a, b) => a.line - b.line || a.column - b.column);
}

interface Options {
  json: boolean;
  kind?: FileKind;
  minSeverity: Severity;
  maxBytes: number;
  files: string[];
}

/** The options, or the reason they are unusable. */
function parseArguments(argv: string[]): Options | { help: true } | { usageError: string } {
  const options: Options = { json: false, minSeverity: 'hint', maxBytes: MAX_CONFIG_FILE_BYTES, files: [] };
  let onlyFiles = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (onlyFiles || !arg.startsWith('-')) {
      options.files.push(arg);
    } else if (arg === '--') {
      onlyFiles = true;
    } else if (arg === '--json') {
      options.json = true;
    } else if (arg === '--kind') {
      const value = argv[++i];
      if (!KINDS.includes(value as FileKind)) return { usageError: `--kind needs one of ${KINDS.join(', ')}` };
      options.kind = value as FileKind;
    } else if (arg === '--min-severity') {
      const value = argv[++i];
      if (!SEVERITIES.includes(value as Severity))
        return { usageError: `--min-severity needs one of ${SEVERITIES.join(', ')}` };
      options.minSeverity = value as Severity;
    } else if (arg === '--max-bytes') {
      const value = argv[++i];
      if (value === undefined || !/^[1-9][0-9]{0,14}$/.test(value))
        return { usageError: '--max-bytes needs a positive whole number of bytes' };
      options.maxBytes = Number(value);
    } else if (arg === '--help' || arg === '-h') {
      return { help: true };
    } else {
      return { usageError: `unknown option ${arg}` };
    }
  }
  if (options.files.length === 0) return { usageError: 'no FILE given' };
  return options;
}

/**
 * Writes to stdout in pieces, waiting for each, and stops at the first failed write. Resolves the
 * write error, or undefined when everything was written.
 */
async function writeOut(pieces: Iterable<string>): Promise<NodeJS.ErrnoException | undefined> {
  let pending = '';
  const flush = (): Promise<NodeJS.ErrnoException | undefined> =>
    new Promise((resolve) => {
      const text = pending;
      pending = '';
      process.stdout.write(text, (error) => resolve(error ?? undefined));
    });
  for (const piece of pieces) {
    pending += piece;
    if (pending.length >= 64 * 1024) {
      const error = await flush();
      if (error) return error;
    }
  }
  return pending.length === 0 ? undefined : flush();
}

function* textLines(reported: Reported[]): Generator<string> {
  for (const r of reported) yield `${r.file}:${r.line}:${r.column} ${r.severity} ${r.code} ${r.message}\n`;
}

async function main(argv: string[]): Promise<number> {
  // A failed write to stdout or stderr (EPIPE, ENOSPC) also arrives as an 'error' event; writeOut
  // handles it from the write's callback, and without a listener Node would crash with a stack trace.
  process.stdout.on('error', () => undefined);
  process.stderr.on('error', () => undefined);
  const parsed = parseArguments(argv);
  if ('help' in parsed) {
    await writeOut([`${USAGE}\n`]);
    return 0;
  }
  if ('usageError' in parsed) {
    process.stderr.write(`wsl-network-check: ${parsed.usageError}\n${USAGE}\n`);
    return 2;
  }
  const printed: Reported[] = [];
  const shownRank = SEVERITIES.indexOf(parsed.minSeverity);
  let unchecked = false;
  let errors = false;
  for (const file of parsed.files) {
    let reported: Reported[];
    try {
      reported = checkFile(file, parsed.kind, parsed.maxBytes);
    } catch (error) {
      // One line per file that could not be checked, and on to the next file. An error from the
      // analysis itself is a bug, but it is still this file's and must not cost the others.
      unchecked = true;
      const reason =
        error instanceof UncheckedFile ? error.message : `${file}: could not be analysed (${String(error)})`;
      process.stderr.write(`${reason}\n`);
      continue;
    }
    // One by one: spreading a file's findings into push() overflows the stack past ~125,000.
    for (const r of reported) {
      if (r.severity === 'error') errors = true;
      if (SEVERITIES.indexOf(r.severity) <= shownRank) printed.push(r);
    }
  }
  const code = unchecked ? 2 : errors ? 1 : 0;
  const writeError = await writeOut(parsed.json ? [`${JSON.stringify(printed, null, 2)}\n`] : textLines(printed));
  // EPIPE: the reader went away (piped into `head -1`); there is no one left to tell, so the CLI
  // ends quietly with the verdict on the files. Any other failed write (a full disk) lost output.
  if (writeError && writeError.code !== 'EPIPE') {
    process.stderr.write(`wsl-network-check: cannot write the output: ${writeError.code ?? writeError.message}\n`);
    return 2;
  }
  return code;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `wsl-network-check: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 2;
  },
);
