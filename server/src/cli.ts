/**
 * Checks WSL config files from the command line with the same analysis as the language server.
 *
 *   node dist/cli.js [--json] [--kind wslconfig|wslconf|wsldistribution] FILE...
 *
 * Prints `file:line:col severity code message`, exits 1 when any file has an error, 2 on bad usage.
 */
import { readFileSync } from 'node:fs';
import { analyze, decodeConfigBytes, encodingProblem, LineIndex, type FileKind, type Finding } from './core';
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

const USAGE = 'usage: wsl-network-check [--json] [--kind wslconfig|wslconf|wsldistribution] FILE...';
const KINDS: FileKind[] = ['wslconfig', 'wslconf', 'wsldistribution'];

function checkFile(file: string, forcedKind: FileKind | undefined): Reported[] {
  const kind = forcedKind ?? fileKindOf(file);
  if (!kind) throw new Error(`${file}: cannot tell which WSL file this is from its name; pass --kind`);
  const bytes = readFileSync(file);
  // Linux init sees a UTF-8 BOM as the first character of the file; keep it for the Linux-side files.
  const decoded = decodeConfigBytes(bytes, { keepUtf8Bom: kind !== 'wslconfig' });
  const lines = new LineIndex(decoded.text);
  const reported: Reported[] = [];
  const problem = encodingProblem(decoded.encoding, kind);
  if (problem) reported.push({ file, line: 1, column: 1, endLine: 1, endColumn: 1, severity: 'error', code: 'file-encoding', message: problem });
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
  return reported;
}

function main(argv: string[]): number {
  let json = false;
  let kind: FileKind | undefined;
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--json') json = true;
    else if (arg === '--kind') {
      const value = argv[++i] as FileKind;
      if (!KINDS.includes(value)) {
        process.stderr.write(`${USAGE}\n`);
        return 2;
      }
      kind = value;
    } else if (arg === '--help' || arg === '-h') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    } else files.push(arg);
  }
  if (files.length === 0) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const all: Reported[] = [];
  let failed = false;
  for (const file of files) {
    try {
      all.push(...checkFile(file, kind));
    } catch (error) {
      failed = true;
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    }
  }
  if (json) process.stdout.write(`${JSON.stringify(all, null, 2)}\n`);
  else for (const r of all) process.stdout.write(`${r.file}:${r.line}:${r.column} ${r.severity} ${r.code} ${r.message}\n`);
  return failed ? 2 : all.some((r) => r.severity === 'error') ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
