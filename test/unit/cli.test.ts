/** The CLI as users run it: the bundled `node dist/cli.js` as a child process, on real files. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decodeConfigBytes, encodeConfigText } from '../../server/src/core/encoding';
import { MAX_CONFIG_FILE_BYTES } from '../../server/src/core/limits';

const REPO = path.resolve(__dirname, '../../..');
const CLI = path.join(REPO, 'dist/cli.js');

interface CliResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the CLI. The timeout is a guard against a hang (the old CLI blocked forever on a FIFO), set
 * far above the ~0.3 s a run takes so that a loaded machine does not turn it into a failure.
 */
function runWith(options: SpawnSyncOptions, ...args: string[]): CliResult {
  return runBundle(CLI, options, ...args);
}

/** Runs a copy of the CLI bundle at `bundle` (it needs no other file). */
function runBundle(bundle: string, options: SpawnSyncOptions, ...args: string[]): CliResult {
  const result = spawnSync(process.execPath, [bundle, ...args], {
    encoding: 'utf8',
    timeout: 60_000,
    maxBuffer: 256 * 1024 * 1024,
    ...options,
  });
  return { status: result.status, signal: result.signal, stdout: String(result.stdout), stderr: String(result.stderr) };
}

function run(...args: string[]): CliResult {
  return runWith({}, ...args);
}

/** `count` lines that WSL rejects with "Expected '='", one finding each. */
function manyBadLines(count: number): string {
  return 'x\n'.repeat(count);
}

describe('CLI: node dist/cli.js', () => {
  let dir: string;
  const write = (name: string, bytes: Uint8Array | string): string => {
    const folder = fs.mkdtempSync(path.join(dir, 'f-'));
    const file = path.join(folder, name);
    fs.writeFileSync(file, bytes);
    return file;
  };
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wsl-network-cli-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints file:line:col severity code message and exits 1 on errors', () => {
    const file = path.join(REPO, 'test/fixtures/samples/W15/.wslconfig');
    const { status, stdout } = run(file);
    assert.equal(status, 1);
    assert.match(
      stdout,
      new RegExp(
        `^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2:8 error invalid-memory Invalid memory string '1\\.5GB' for \\.wslconfig entry 'wsl2\\.memory'\\.`,
        'm',
      ),
    );
  });

  it('warns about a removed key without failing the run, and still fails on an unknown key', () => {
    const removed = write('.wslconfig', '[wsl2]\nmemory=4GB\npageReporting=false\n');
    const warned = run(removed);
    assert.equal(warned.status, 0);
    assert.match(warned.stdout, /:3:1 warning removed-key Unknown key 'wsl2\.pageReporting'\./);
    const unknown = write('.wslconfig', '[wsl2]\nmemory=4GB\npageReportingX=false\n');
    assert.equal(run(unknown).status, 1);
    assert.equal(run(path.join(REPO, 'test/fixtures/samples/W2/.wslconfig')).status, 0);
  });

  it('exits 0 on a valid file and reports several files in one run', () => {
    assert.equal(run(path.join(REPO, 'test/fixtures/samples/W3/.wslconfig')).status, 0);
    const both = run(
      path.join(REPO, 'test/fixtures/samples/W3/.wslconfig'),
      path.join(REPO, 'test/fixtures/samples/I1/wsl.conf'),
    );
    assert.equal(both.status, 1);
    assert.match(both.stdout, /I1\/wsl\.conf:4:1 error invalid-key-name Invalid key name\./);
    assert.match(both.stdout, /I1\/wsl\.conf:5:1 hint ignored-after-stop /);
  });

  it('prints JSON with positions and WSL line numbers', () => {
    const { status, stdout } = run('--json', path.join(REPO, 'test/fixtures/samples/I6/.wslconfig'));
    assert.equal(status, 1);
    const reported = JSON.parse(stdout) as {
      line: number;
      column: number;
      code: string;
      wslLine?: number;
      severity: string;
    }[];
    const unknown = reported.find((r) => r.code === 'unknown-key')!;
    assert.deepEqual([unknown.line, unknown.column, unknown.wslLine, unknown.severity], [5, 1, 5, 'error']);
  });

  it('reads a UTF-16LE .wslconfig with BOM like WSL does', () => {
    const file = write('.wslconfig', encodeConfigText('[wsl2]\r\nmemory=4gb\r\n', 'utf16le'));
    const { status, stdout } = run(file);
    assert.equal(status, 1);
    assert.match(stdout, /:2:8 error invalid-memory /);
    assert.doesNotMatch(stdout, /file-encoding/);
  });

  it('warns that WSL cannot read a UTF-16 .wslconfig without BOM, and a UTF-16 wsl.conf at all', () => {
    const noBom = write('.wslconfig', encodeConfigText('[wsl2]\nmemory=4GB\n', 'utf16le-nobom'));
    assert.match(run(noBom).stdout, /:1:1 error file-encoding This file is UTF-16 without a byte order mark/);
    const conf = write('wsl.conf', encodeConfigText('[boot]\nsystemd=true\n', 'utf16le'));
    assert.match(run(conf).stdout, /:1:1 error file-encoding WSL reads this file byte by byte/);
  });

  it('flags a UTF-8 BOM in wsl.conf (Linux init stops at it) but not in .wslconfig', () => {
    const conf = write('wsl.conf', '\ufeff[boot]\nsystemd=true\n');
    const result = run(conf);
    assert.equal(result.status, 1);
    assert.match(
      result.stdout,
      /:1:1 error invalid-key-name Invalid key name\. The file starts with a UTF-8 byte order mark/,
    );
    assert.equal(run(write('.wslconfig', '\ufeff[wsl2]\nmemory=4GB\n')).status, 0);
  });

  it('needs --kind for an unrecognised file name and rejects bad usage with exit 2', () => {
    const file = write('my-config.ini', '[boot]\nsystemd=yes\n');
    const unknown = run(file);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /pass --kind/);
    assert.match(
      run('--kind', 'wslconf', file).stdout,
      /invalid-bool Invalid boolean value 'yes' for key 'boot\.systemd'/,
    );
    assert.equal(run('--kind', 'nope', file).status, 2);
    assert.equal(run().status, 2);
    assert.equal(run(path.join(dir, 'missing', '.wslconfig')).status, 2);
  });

  it('prints findings sorted by line and column, whatever rule found them', () => {
    // The analysis reports syntax errors (line 3) before unknown keys (line 2) and the restart
    // notice (line 1) last.
    const file = write('.wslconfig', '[wsl2]\nmemroy=4GB\ngarbage\nswap=8\nnetworkingMode=mirrored\n');
    const { status, stdout } = run(file);
    assert.equal(status, 1);
    const positions = stdout
      .trimEnd()
      .split('\n')
      .map((line) => /^.*?:(\d+):(\d+) /.exec(line)!.slice(1).map(Number));
    assert.ok(positions.length >= 4, stdout);
    const sorted = [...positions].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    assert.deepEqual(positions, sorted);
    assert.match(stdout, /:2:1 error unknown-key [^\n]*\n[^\n]*:3:1 error expected-equals /);
  });

  it('--min-severity selects what is printed; the exit code still follows errors only', () => {
    const mixed = write(
      '.wslconfig',
      '[wsl2]\nmemroy=4GB\nswap=8\nnetworkingMode=MIRRORED\n[experimental]\ndnsTunneling=false\n',
    );
    const severities = (result: CliResult): string[] =>
      [
        ...new Set(
          result.stdout
            .trimEnd()
            .split('\n')
            .filter(Boolean)
            .map((line) => line.split(' ')[1]),
        ),
      ].sort();
    const everything = run(mixed);
    assert.deepEqual(severities(everything), ['error', 'hint', 'information', 'warning']);
    assert.equal(run('--min-severity', 'hint', mixed).stdout, everything.stdout);
    assert.deepEqual(severities(run('--min-severity', 'information', mixed)), ['error', 'information', 'warning']);
    assert.deepEqual(severities(run('--min-severity', 'warning', mixed)), ['error', 'warning']);
    const errorsOnly = run('--min-severity', 'error', mixed);
    assert.deepEqual(severities(errorsOnly), ['error']);
    assert.equal(errorsOnly.status, 1);

    const warningsOnly = write('.wslconfig', '[wsl2]\nswap=8\n');
    const shown = run('--min-severity', 'warning', warningsOnly);
    assert.match(shown.stdout, /:2:6 warning unitless-memory /);
    assert.equal(shown.status, 0, 'a warning is not an error');
    const hidden = run('--min-severity', 'error', warningsOnly);
    assert.equal(hidden.stdout, '');
    assert.equal(hidden.status, 0);

    const bad = run('--min-severity', 'fatal', warningsOnly);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--min-severity needs one of error, warning, information, hint/);
    assert.equal(run('--min-severity').status, 2);
  });

  it('rejects unknown options and options without their value with exit 2 and the usage', () => {
    const file = path.join(REPO, 'test/fixtures/samples/W3/.wslconfig');
    for (const args of [['--jsn', file], ['--kind'], ['--max-bytes', '0', file], ['--max-bytes', 'lots', file]]) {
      const result = run(...args);
      assert.equal(result.status, 2, args.join(' '));
      assert.match(result.stderr, /^wsl-network-check: .*\nusage: wsl-network-check /, args.join(' '));
      assert.equal(result.stdout, '');
    }
    assert.match(
      run('--help').stdout,
      /exit codes: 0 no errors, 1 errors found, 2 bad usage or a file that could not be read/,
    );
    // `--` ends the options, so a file may start with a dash.
    const dashed = path.join(write('.wslconfig', '[wsl2]\nswap=8\n'), '..', '-x.wslconfig');
    fs.writeFileSync(dashed, '[wsl2]\nmemory=1.5GB\n');
    const result = run('--kind', 'wslconfig', '--', dashed);
    assert.equal(result.status, 1, result.stderr);
  });

  describe('a file that cannot be checked gets one line naming it, exit 2, and the other files are still checked', () => {
    const W15 = {
      file: path.join(REPO, 'test/fixtures/samples/W15/.wslconfig'),
      finding: /W15\/\.wslconfig:2:8 error invalid-memory /,
    };
    interface Refusal {
      args?: string[];
      options?: SpawnSyncOptions;
      /** A file checked in the same run, whose finding must still be printed. */
      companion?: { file: string; finding: RegExp };
      /** The CLI bundle to run (default: dist/cli.js). */
      bundle?: string;
    }
    /** Runs the CLI on `target` and a companion file; the target must be refused with `reason`. */
    const assertRefused = (
      target: string,
      reason: RegExp,
      { args = [], options = {}, companion = W15, bundle = CLI }: Refusal = {},
    ): void => {
      const result = runBundle(bundle, options, ...args, target, companion.file);
      assert.equal(result.signal, null, `the CLI was killed (${result.signal}): it hung`);
      assert.equal(result.status, 2, result.stderr);
      const lines = result.stderr.split('\n').filter(Boolean);
      assert.equal(lines.length, 1, result.stderr);
      assert.ok(lines[0].startsWith(`${target}: `), lines[0]);
      assert.match(lines[0].slice(target.length + 2), reason);
      assert.match(result.stdout, companion.finding);
    };

    it('a missing file', () => {
      assertRefused(path.join(dir, 'nowhere', '.wslconfig'), /^no such file$/);
    });

    it('a directory, named like a config file or passed with --kind', () => {
      const folder = path.join(dir, 'folder-named', '.wslconfig');
      fs.mkdirSync(folder, { recursive: true });
      assertRefused(folder, /^is a directory$/);
      assertRefused(dir, /^is a directory$/, {
        args: ['--kind', 'wslconf'],
        companion: {
          file: path.join(REPO, 'test/fixtures/samples/I1/wsl.conf'),
          finding: /I1\/wsl\.conf:4:1 error invalid-key-name /,
        },
      });
    });

    it('an unreadable file', () => {
      const asRoot = process.getuid?.() === 0;
      // root reads any file, so as root the CLI runs as nobody. nobody may not enter a clone made
      // in a private folder (mktemp -d is 0700), so the bundle, the sample and the file go into a
      // folder of their own that anyone may enter; only the file itself is unreadable.
      const open = asRoot ? fs.mkdtempSync(path.join(os.tmpdir(), 'wsl-network-cli-nobody-')) : dir;
      try {
        if (asRoot) fs.chmodSync(open, 0o755);
        const folder = fs.mkdtempSync(path.join(open, 'locked-'));
        fs.chmodSync(folder, 0o755);
        const file = path.join(folder, 'wsl.conf');
        fs.writeFileSync(file, '[boot]\nsystemd=true\n');
        fs.chmodSync(file, 0o000);
        if (asRoot) {
          const bundle = path.join(open, 'cli.js');
          fs.copyFileSync(CLI, bundle);
          fs.mkdirSync(path.join(open, 'W15'), { mode: 0o755 });
          const companion = { ...W15, file: path.join(open, 'W15', '.wslconfig') };
          fs.copyFileSync(W15.file, companion.file);
          for (const readable of [bundle, companion.file]) fs.chmodSync(readable, 0o644);
          assertRefused(file, /^permission denied$/, { options: { uid: 65534, gid: 65534 }, bundle, companion });
        } else {
          assertRefused(file, /^permission denied$/);
        }
      } finally {
        if (asRoot) fs.rmSync(open, { recursive: true, force: true });
      }
    });

    it(
      'a FIFO is refused at once instead of waiting for a writer',
      { skip: process.platform === 'win32' && 'no FIFOs' },
      () => {
        const fifo = path.join(fs.mkdtempSync(path.join(dir, 'fifo-')), '.wslconfig');
        const made = spawnSync('mkfifo', [fifo]);
        assert.equal(made.status, 0, String(made.stderr));
        assert.ok(fs.statSync(fifo).isFIFO());
        assertRefused(fifo, /^is a FIFO \(named pipe\), not a regular file$/);
      },
    );

    it(
      'a device such as /dev/zero is refused instead of read without end',
      { skip: !fs.existsSync('/dev/zero') && 'no /dev/zero' },
      () => {
        assertRefused('/dev/zero', /^is a character device, not a regular file$/, { args: ['--kind', 'wslconfig'] });
      },
    );

    it(`a file over the size limit (${MAX_CONFIG_FILE_BYTES} bytes) is refused; one at the limit is checked`, () => {
      const atLimit = Buffer.alloc(MAX_CONFIG_FILE_BYTES, '#');
      atLimit.write('[wsl2]\nswap=8\n', 0);
      atLimit[MAX_CONFIG_FILE_BYTES - 1] = 0x0a;
      const fits = write('.wslconfig', atLimit);
      const checked = run(fits);
      assert.equal(checked.status, 0, checked.stderr);
      assert.match(checked.stdout, /:2:6 warning unitless-memory /);

      const over = write('.wslconfig', Buffer.concat([atLimit, Buffer.from('#')]));
      assertRefused(over, new RegExp(`^larger than ${MAX_CONFIG_FILE_BYTES} bytes, not checked .*--max-bytes`));
      // --max-bytes moves the limit both ways.
      assert.equal(run('--max-bytes', String(MAX_CONFIG_FILE_BYTES + 1), over).status, 0);
      const small = write('.wslconfig', '[wsl2]\nx\n');
      assertRefused(write('.wslconfig', '[wsl2]\nswap=8GB\n'), /^larger than 10 bytes, not checked/, {
        args: ['--max-bytes', '10'],
        companion: { file: small, finding: /:2:1 error expected-equals / },
      });
    });
  });

  it('reports more than 125,000 findings without overflowing the stack', () => {
    const count = 130_000;
    const file = write('.wslconfig', manyBadLines(count));
    const result = run(file);
    assert.equal(result.stderr, '');
    assert.equal(result.status, 1);
    const lines = result.stdout.split('\n');
    assert.equal(lines.pop(), '');
    assert.equal(lines.length, count);
    assert.match(lines[0], /:1:1 error expected-equals /);
    assert.match(lines[count - 1], new RegExp(`:${count}:1 error expected-equals `));
  });

  it('ends quietly when the reader goes away (| head -1)', () => {
    // Far more output than a pipe holds (64 KiB), so the CLI is still writing when head exits.
    const file = write('.wslconfig', manyBadLines(5000));
    // The paths reach bash as positional parameters, never inside the script text.
    const result = spawnSync(
      'bash',
      ['-c', '"$0" "$1" "$2" | head -1; echo "cli exit ${PIPESTATUS[0]}" >&2', process.execPath, CLI, file],
      {
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /^.*\.wslconfig:1:1 error expected-equals [^\n]*\n$/);
    // No EPIPE stack trace, and the exit code is still the verdict on the file.
    assert.equal(result.stderr, 'cli exit 1\n');
  });

  it(
    'says so in one line and exits 2 when the output cannot be written (a full disk)',
    { skip: !fs.existsSync('/dev/full') && 'no /dev/full' },
    () => {
      const full = fs.openSync('/dev/full', 'w');
      try {
        const result = spawnSync(process.execPath, [CLI, path.join(REPO, 'test/fixtures/samples/W15/.wslconfig')], {
          stdio: ['ignore', full, 'pipe'],
          encoding: 'utf8',
          timeout: 60_000,
        });
        assert.equal(result.status, 2);
        assert.equal(result.stderr, 'wsl-network-check: cannot write the output: ENOSPC\n');
      } finally {
        fs.closeSync(full);
      }
    },
  );

  it('does not crash on binary input', () => {
    const file = write(
      '.wslconfig',
      Uint8Array.from({ length: 65536 }, (_, i) => (i * 131) % 256),
    );
    const result = run(file);
    assert.ok(result.status === 0 || result.status === 1, result.stderr);
  });
});

describe('encoding round trip', () => {
  for (const encoding of ['utf8', 'utf8bom', 'utf16le', 'utf16be', 'utf16le-nobom'] as const) {
    it(`${encoding}: decode(encode(text)) gives the text and the encoding back`, () => {
      const text = '# José\r\n[wsl2]\r\nmemory=4GB # 内存\r\n';
      const decoded = decodeConfigBytes(encodeConfigText(text, encoding));
      assert.equal(decoded.text, text);
      assert.equal(decoded.encoding, encoding);
    });
  }
});
