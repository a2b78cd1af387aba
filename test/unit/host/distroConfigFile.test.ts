// Reading and writing a distro's /etc/wsl.conf as root, end to end through real child
// processes: the stand-in wsl.exe runs the constant scripts for real against a fake distro root
// folder in the test's temporary directory (test/fakes/lib/distroRootFake.js).
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  backupPathFor,
  requiredBackupPath,
  DistroConfigError,
  DistroConfigFiles,
  lineThatStopsReading,
  planTerminateAfterSave,
  readWouldStartDistro,
  showRootCommand,
  READ_SCRIPT,
  WRITE_SCRIPT,
  WSL_CONF_PATH,
  WSL_DISTRIBUTION_CONF_PATH,
  type DistroConfigPath,
} from '../../../client/src/host/distroConfigFile';
import { createProcessRunner, type ProcessRunner } from '../../../client/src/host/processRunner';
import { ValidationError } from '../../../client/src/host/validators';
import { WslHost } from '../../../client/src/host/wslHost';
import { createFakeWindows, scratchRoot, type FakeWindows } from '../../fakes/fakeWindows';
import { fakeEnvironment } from './testSupport';

let fake: FakeWindows | undefined;
const cleanups: (() => void)[] = [];
afterEach(() => {
  fake?.dispose();
  fake = undefined;
  while (cleanups.length > 0) cleanups.pop()?.();
});

const DISTRO = 'Ubuntu-24.04';
/** UTF-8 with a non-ASCII comment and CRLF line ends: both must survive the round trip. */
const ORIGINAL = Buffer.from('# Jos\u00e9\r\n[boot]\r\nsystemd=true\r\n', 'utf8');
const EDITED = Buffer.from(
  '# Jos\u00e9\r\n[boot]\r\nsystemd=false\r\n[network]\r\ngenerateResolvConf=false\r\n',
  'utf8',
);

function distroRoot(f: FakeWindows, name = DISTRO): string {
  return path.join(f.stateDir, 'distros', name, 'root');
}

/** A fake distro with /etc (and /etc/wsl.conf when `content` is given, with that mode). */
function makeDistro(f: FakeWindows, content?: Buffer, mode = 0o644, name = DISTRO): string {
  const root = distroRoot(f, name);
  fs.mkdirSync(path.join(root, 'etc'), { recursive: true });
  if (content) {
    fs.writeFileSync(path.join(root, 'etc', 'wsl.conf'), content);
    fs.chmodSync(path.join(root, 'etc', 'wsl.conf'), mode);
  }
  return root;
}

function windowsFiles(state: Parameters<typeof createFakeWindows>[0] = {}): {
  files: DistroConfigFiles;
  host: WslHost;
  f: FakeWindows;
} {
  const f = createFakeWindows(state);
  fake = f;
  const host = new WslHost({
    environment: fakeEnvironment({ platform: 'win32', env: f.env }),
    windowsToolsDir: f.binDir,
  });
  return {
    f,
    host,
    files: new DistroConfigFiles({
      situation: host.situation,
      windowsTool: host.windowsTool.bind(host),
      run: host.run,
      now: () => new Date('2026-11-30T12:34:56.789Z'),
    }),
  };
}

function rootCalls(
  f: FakeWindows,
): { distro: string; user: string; command: string; args: string[]; stdinBytes: number; exitCode: number }[] {
  const file = path.join(f.stateDir, 'distro-root-calls.jsonl');
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

describe('distro config files from Windows (wsl.exe -d <distro> -u root)', () => {
  it('reads the exact bytes (encoding and CRLF kept) through a constant script, the path as an argument', async () => {
    const { f, files } = windowsFiles();
    makeDistro(f, ORIGINAL);
    const read = await files.read(DISTRO, WSL_CONF_PATH);
    assert.ok(read.exists);
    assert.deepEqual(read.bytes, ORIGINAL);
    const call = f.calls().find((c) => c.tool === 'wsl.exe');
    assert.deepEqual(call?.argv, ['-d', DISTRO, '-u', 'root', '-e', 'sh', '-c', READ_SCRIPT, 'sh', '/etc/wsl.conf']);
  });

  it('tells a missing file apart from a failure', async () => {
    const { f, files } = windowsFiles();
    makeDistro(f);
    assert.deepEqual(await files.read(DISTRO, WSL_CONF_PATH), { exists: false });
    assert.deepEqual(await files.read(DISTRO, WSL_DISTRIBUTION_CONF_PATH), { exists: false });
    // A command that cannot run is an error, not "missing".
    await assert.rejects(files.read('NoSuchDistro', WSL_CONF_PATH), /NoSuchDistro|not found|There is no distribution/i);
  });

  it('reading a stopped distro starts it, and readWouldStartDistro says so beforehand', async () => {
    const { f, files, host } = windowsFiles({
      state: {
        distros: [
          { name: DISTRO, state: 'Running', version: 2 },
          { name: 'Debian', state: 'Stopped', version: 2 },
        ],
      },
    });
    makeDistro(f, ORIGINAL, 0o644, 'Debian');
    const listed = await host.listDistros();
    assert.deepEqual(readWouldStartDistro('Debian', listed, host.situation), {
      starts: true,
      reason: 'stopped',
      state: 'Stopped',
    });
    assert.deepEqual(readWouldStartDistro(DISTRO, listed, host.situation), { starts: false, reason: 'running' });
    assert.deepEqual(
      readWouldStartDistro('debian', listed, host.situation).starts,
      true,
      'WSL matches names case-insensitively',
    );
    assert.deepEqual(readWouldStartDistro('Gone', listed, host.situation), { starts: undefined, reason: 'not-listed' });
    await files.read('Debian', WSL_CONF_PATH);
    assert.equal(f.readState().distros.find((d) => d.name === 'Debian')?.state, 'Running');
  });

  it('is "local" inside the distro itself: nothing starts', () => {
    const situation = { kind: 'wsl' as const, distro: DISTRO, interop: true, wslVersion: 2 as const, evidence: [] };
    assert.deepEqual(
      readWouldStartDistro(DISTRO, [{ name: DISTRO, state: 'Stopped', version: 2, isDefault: true }], situation),
      { starts: false, reason: 'local' },
    );
  });

  it('saves as root: content on stdin, temporary file renamed over the target, mode kept, backup of the exact previous bytes', async () => {
    const { f, files } = windowsFiles();
    const root = makeDistro(f, ORIGINAL, 0o640);
    // As root (CI containers), the owner can be checked too: a file owned by someone else keeps its owner.
    const asRoot = process.getuid?.() === 0;
    if (asRoot) fs.chownSync(path.join(root, 'etc', 'wsl.conf'), 1234, 2345);
    const plan = files.planWrite(DISTRO, WSL_CONF_PATH, EDITED.length);
    const saved = await files.write(DISTRO, WSL_CONF_PATH, EDITED);
    assert.equal(saved.backupPath, '/etc/wsl.conf.bak-20261130T123456789Z');
    assert.deepEqual(saved.command, plan.command);
    assert.deepEqual(fs.readFileSync(path.join(root, 'etc', 'wsl.conf')), EDITED);
    assert.equal(fs.statSync(path.join(root, 'etc', 'wsl.conf')).mode & 0o777, 0o640);
    if (asRoot)
      assert.deepEqual(
        [fs.statSync(path.join(root, 'etc', 'wsl.conf')).uid, fs.statSync(path.join(root, 'etc', 'wsl.conf')).gid],
        [1234, 2345],
      );
    assert.deepEqual(fs.readFileSync(path.join(root, 'etc', 'wsl.conf.bak-20261130T123456789Z')), ORIGINAL);
    assert.deepEqual(
      fs.readdirSync(path.join(root, 'etc')).sort(),
      ['wsl.conf', 'wsl.conf.bak-20261130T123456789Z'],
      'no temporary file left',
    );
    const wslCalls = f.calls().filter((c) => c.tool === 'wsl.exe');
    assert.deepEqual(wslCalls.at(-1)?.argv, [
      '-d',
      DISTRO,
      '-u',
      'root',
      '-e',
      'sh',
      '-c',
      WRITE_SCRIPT,
      'sh',
      '/etc/wsl.conf',
      '/etc/wsl.conf.bak-20261130T123456789Z',
    ]);
    for (const call of wslCalls)
      assert.ok(!call.argv.some((a) => a.includes('generateResolvConf')), 'the content never reaches a command line');
    const logged = rootCalls(f).at(-1);
    assert.equal(logged?.user, 'root');
    assert.equal(logged?.stdinBytes, EDITED.length);
    assert.match(plan.command.stdin ?? '', /new content of \/etc\/wsl\.conf \(\d+ bytes\)/);
  });

  it('shows the exact command for the confirmation: script verbatim, sh-quoted so it can be pasted', async () => {
    const { f, files } = windowsFiles();
    makeDistro(f, ORIGINAL);
    const { command } = files.planWrite(DISTRO, WSL_CONF_PATH, EDITED.length);
    const shown = showRootCommand(command);
    assert.ok(shown.startsWith(`wsl.exe -d ${DISTRO} -u root -e sh -c '`));
    assert.ok(
      shown.endsWith(
        `' sh /etc/wsl.conf /etc/wsl.conf.bak-20261130T123456789Z  < the new content of /etc/wsl.conf (${EDITED.length} bytes)`,
      ),
    );
    // Pasted into sh, the quoted text gives back exactly these arguments.
    const argv = execFileSync('sh', ['-c', `printf '%s\\0' ${shown.slice('wsl.exe '.length, shown.indexOf('  < '))}`])
      .toString()
      .split('\0')
      .slice(0, -1);
    assert.deepEqual(argv, command.args);
  });

  it('undo restores the exact previous bytes and mode', async () => {
    const { f, files } = windowsFiles();
    const root = makeDistro(f, ORIGINAL, 0o600);
    const saved = await files.write(DISTRO, WSL_CONF_PATH, EDITED);
    assert.deepEqual(fs.readFileSync(path.join(root, 'etc', 'wsl.conf')), EDITED);
    await files.undo(saved);
    assert.deepEqual(fs.readFileSync(path.join(root, 'etc', 'wsl.conf')), ORIGINAL);
    assert.equal(fs.statSync(path.join(root, 'etc', 'wsl.conf')).mode & 0o777, 0o600);
  });

  it('a new file gets mode 0644 and no backup; undo sets it aside instead of deleting it', async () => {
    const { f, files } = windowsFiles();
    const root = makeDistro(f);
    const saved = await files.write(DISTRO, WSL_CONF_PATH, EDITED);
    assert.equal(saved.backupPath, undefined);
    assert.equal(fs.statSync(path.join(root, 'etc', 'wsl.conf')).mode & 0o777, 0o644);
    const undo = await files.undo(saved);
    assert.ok(!fs.existsSync(path.join(root, 'etc', 'wsl.conf')));
    const aside = undo.args.at(-1) as string;
    assert.deepEqual(fs.readFileSync(path.join(root, aside)), EDITED);
  });

  it('refuses to replace a symbolic link, leaving it as it was', async () => {
    const { f, files } = windowsFiles();
    const root = makeDistro(f);
    fs.writeFileSync(path.join(root, 'etc', 'real.conf'), ORIGINAL);
    fs.symlinkSync('real.conf', path.join(root, 'etc', 'wsl.conf'));
    await assert.rejects(
      files.write(DISTRO, WSL_CONF_PATH, EDITED),
      (error: unknown) => error instanceof DistroConfigError && error.failure === 'symlink',
    );
    assert.ok(fs.lstatSync(path.join(root, 'etc', 'wsl.conf')).isSymbolicLink());
    assert.deepEqual(fs.readFileSync(path.join(root, 'etc', 'real.conf')), ORIGINAL);
  });

  it('a hostile distro name never reaches a command line', async () => {
    const { f, files } = windowsFiles();
    makeDistro(f, ORIGINAL);
    const hostile = [
      'Ubuntu; rm -rf /',
      '--shutdown',
      '-u',
      '$(reboot)',
      'a b',
      'x\nwsl --shutdown',
      '`id`',
      '',
      'Ubuntu"&calc',
      '\u0000',
      'Ubuntu\u00a0',
    ];
    for (const name of hostile) {
      await assert.rejects(files.read(name, WSL_CONF_PATH), ValidationError, JSON.stringify(name));
      await assert.rejects(files.write(name, WSL_CONF_PATH, EDITED), ValidationError, JSON.stringify(name));
      await assert.rejects(
        files.undo({ distro: name, path: WSL_CONF_PATH, backupPath: '/etc/wsl.conf.bak-20261130T123456789Z' }),
        ValidationError,
      );
      assert.throws(() => planTerminateAfterSave(name), ValidationError);
    }
    assert.deepEqual(f.calls(), [], 'no stand-in was started at all');
  });

  it('only the two config files and well-formed backup paths are accepted', async () => {
    const { f, files } = windowsFiles();
    makeDistro(f, ORIGINAL);
    await assert.rejects(files.read(DISTRO, '/etc/shadow' as DistroConfigPath), ValidationError);
    await assert.rejects(
      files.undo({ distro: DISTRO, path: WSL_CONF_PATH, backupPath: '/etc/passwd' }),
      ValidationError,
    );
    await assert.rejects(
      files.undo({ distro: DISTRO, path: WSL_CONF_PATH, backupPath: '/etc/wsl.conf.bak-$(id)' }),
      ValidationError,
    );
    assert.deepEqual(f.calls(), []);
  });
});

describe('distro config files inside WSL', () => {
  /** Runs Linux commands for real with /etc/... arguments moved under `root` (this test's distro "/"). */
  function remappingRunner(root: string, env: Record<string, string>): ProcessRunner {
    const real = createProcessRunner({ insideWsl: true, env });
    return (file, args, options) =>
      real(
        file,
        args.map((a) => (a.startsWith('/etc/') ? path.join(root, a) : a)),
        options,
      );
  }

  function insideFiles(options: { interop: boolean; uid: number; sudo?: 'passwordless' | 'password' | 'missing' }): {
    files: DistroConfigFiles;
    root: string;
    f: FakeWindows;
  } {
    const f = createFakeWindows({ situation: 'wsl' });
    fake = f;
    const root = makeDistro(f, ORIGINAL, 0o640);
    const env = { ...f.env };
    if (options.sudo !== undefined) {
      // A stand-in sudo first on PATH: `sudo -n cmd…` runs cmd, or fails like sudo does without a cached password.
      const bin = fs.mkdtempSync(path.join(scratchRoot(), 'wsl-network-sudo-'));
      cleanups.push(() => fs.rmSync(bin, { recursive: true, force: true }));
      if (options.sudo !== 'missing') {
        const body =
          options.sudo === 'password' ? 'echo "sudo: a password is required" >&2; exit 1' : 'shift; exec "$@"';
        fs.writeFileSync(path.join(bin, 'sudo'), `#!/bin/sh\n[ "$1" = "-n" ] || exit 2\n${body}\n`, { mode: 0o755 });
      }
      env['PATH'] = options.sudo === 'missing' ? `${bin}:${f.binDir}` : `${bin}:${env['PATH']}`;
    }
    const host = new WslHost({
      environment: fakeEnvironment({
        platform: 'linux',
        env: { ...env, WSL_DISTRO_NAME: DISTRO },
        files: { '/proc/sys/fs/binfmt_misc/WSLInterop': options.interop ? 'enabled\n' : 'disabled\n' },
      }),
      runner: createProcessRunner({ insideWsl: true, env }),
      windowsToolsDir: f.binDir,
    });
    const files = new DistroConfigFiles({
      situation: host.situation,
      windowsTool: host.windowsTool.bind(host),
      run: remappingRunner(root, env),
      readLocalFile: (p) => fs.promises.readFile(path.join(root, p)),
      uid: options.uid,
      now: () => new Date('2026-11-30T12:34:56Z'),
    });
    return { files, root, f };
  }

  it('reads the local file directly, without any command', async () => {
    const { files, f } = insideFiles({ interop: true, uid: 1000 });
    const read = await files.read(DISTRO, WSL_CONF_PATH);
    assert.ok(read.exists);
    assert.deepEqual(read.bytes, ORIGINAL);
    assert.deepEqual(await files.read(DISTRO, WSL_DISTRIBUTION_CONF_PATH), { exists: false });
    assert.deepEqual(f.calls(), []);
  });

  it('saves through interop (wsl.exe -d <this distro> -u root) when interop is on', async () => {
    const { files, root, f } = insideFiles({ interop: true, uid: 1000 });
    const saved = await files.write(DISTRO, WSL_CONF_PATH, EDITED);
    assert.equal(saved.command.route, 'wsl-exe');
    assert.deepEqual(fs.readFileSync(path.join(root, 'etc', 'wsl.conf')), EDITED);
    assert.equal(f.calls().at(-1)?.argv.slice(0, 5).join(' '), `-d ${DISTRO} -u root -e`);
  });

  it('saves through sudo -n when interop is off, with the same script', async () => {
    const { files, root, f } = insideFiles({ interop: false, uid: 1000, sudo: 'passwordless' });
    const saved = await files.write(DISTRO, WSL_CONF_PATH, EDITED);
    assert.equal(saved.command.route, 'sudo');
    assert.deepEqual(saved.command.args, [
      '-n',
      'sh',
      '-c',
      WRITE_SCRIPT,
      'sh',
      '/etc/wsl.conf',
      '/etc/wsl.conf.bak-20261130T123456000Z',
    ]);
    assert.deepEqual(fs.readFileSync(path.join(root, 'etc', 'wsl.conf')), EDITED);
    assert.deepEqual(fs.readFileSync(path.join(root, 'etc', 'wsl.conf.bak-20261130T123456000Z')), ORIGINAL);
    assert.equal(fs.statSync(path.join(root, 'etc', 'wsl.conf')).mode & 0o777, 0o640);
    assert.deepEqual(f.calls(), [], 'no Windows tool');
    await files.undo(saved);
    assert.deepEqual(fs.readFileSync(path.join(root, 'etc', 'wsl.conf')), ORIGINAL);
  });

  it('says clearly when sudo wants a password and interop is off, and changes nothing', async () => {
    const { files, root } = insideFiles({ interop: false, uid: 1000, sudo: 'password' });
    await assert.rejects(files.write(DISTRO, WSL_CONF_PATH, EDITED), (error: unknown) => {
      assert.ok(error instanceof DistroConfigError);
      assert.equal(error.failure, 'sudo-needs-password');
      assert.match(error.message, /interop is off/);
      assert.match(error.message, /password/);
      return true;
    });
    assert.deepEqual(fs.readFileSync(path.join(root, 'etc', 'wsl.conf')), ORIGINAL);
  });

  it('says clearly when neither interop nor sudo is available', async () => {
    const { files } = insideFiles({ interop: false, uid: 1000, sudo: 'missing' });
    await assert.rejects(
      files.write(DISTRO, WSL_CONF_PATH, EDITED),
      (error: unknown) =>
        error instanceof DistroConfigError &&
        error.failure === 'no-root-route' &&
        /sudo is not installed/.test(error.message),
    );
  });

  it('writes with sh directly when the editor already runs as root', async () => {
    const { files, root, f } = insideFiles({ interop: true, uid: 0 });
    const saved = await files.write(DISTRO, WSL_CONF_PATH, EDITED);
    assert.equal(saved.command.route, 'local-root');
    assert.deepEqual(fs.readFileSync(path.join(root, 'etc', 'wsl.conf')), EDITED);
    assert.deepEqual(f.calls(), []);
  });

  it('another distro from inside WSL needs interop', async () => {
    const { files } = insideFiles({ interop: false, uid: 1000, sudo: 'passwordless' });
    await assert.rejects(
      files.write('Debian', WSL_CONF_PATH, EDITED),
      (error: unknown) => error instanceof DistroConfigError && error.failure === 'no-root-route',
    );
  });
});

describe('before and after a save', () => {
  it('names the line where WSL would stop reading, and how much it would ignore', () => {
    const text = '[network]\nhostname=box\nstatic_ip=10.0.0.2\n[boot]\nsystemd=true\n';
    const stop = lineThatStopsReading(text, WSL_CONF_PATH);
    assert.equal(stop?.line, 3);
    assert.equal(stop?.text, 'static_ip=10.0.0.2');
    assert.equal(stop?.ignoredLines, 2);
    assert.match(stop?.message ?? '', /Expected '='/);
  });

  it('counts editor lines on CRLF files and reports the BOM on line 1', () => {
    const crlf = lineThatStopsReading('[boot]\r\nsystemd=true\r\n; comment\r\n[network]\r\n', WSL_CONF_PATH);
    assert.equal(crlf?.line, 3);
    assert.equal(crlf?.text, '; comment');
    const bom = lineThatStopsReading('\ufeff[boot]\nsystemd=true\n', WSL_CONF_PATH);
    assert.equal(bom?.line, 1);
  });

  it('stays silent for a file WSL reads to the end (unknown keys do not stop it)', () => {
    assert.equal(
      lineThatStopsReading('[boot]\nsystemd=true\n[network]\nnoSuchKey=1\n# comment\n', WSL_CONF_PATH),
      undefined,
    );
    assert.equal(lineThatStopsReading('', WSL_DISTRIBUTION_CONF_PATH), undefined);
  });

  it('offers wsl --terminate as data, with the warning', () => {
    const offer = planTerminateAfterSave(DISTRO);
    assert.deepEqual(
      { file: offer.command.file, args: offer.command.args },
      { file: 'wsl.exe', args: ['--terminate', DISTRO] },
    );
    assert.match(offer.warning, /closes every shell/);
  });
});

describe('backup names', () => {
  it('two saves within one second get two backups, each a valid backup path', () => {
    const first = backupPathFor(WSL_CONF_PATH, new Date('2026-11-30T12:34:56.100Z'));
    const second = backupPathFor(WSL_CONF_PATH, new Date('2026-11-30T12:34:56.900Z'));
    assert.notEqual(first, second);
    assert.equal(requiredBackupPath(first), first);
    assert.equal(requiredBackupPath(second), second);
    // A backup named before milliseconds were added is still restorable.
    assert.equal(requiredBackupPath('/etc/wsl.conf.bak-20261130T123456Z'), '/etc/wsl.conf.bak-20261130T123456Z');
  });
});
