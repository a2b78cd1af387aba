// The shell scripts that read, replace, restore and set aside a distro's /etc/wsl.conf as root, run
// here by the real /bin/sh on files in a temporary folder (the same sh a distro's `wsl.exe -u root -e
// sh -c` runs): what each leaves on disk — bytes, mode, backup, no temporary file — and how each
// refuses, by exit code and message.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  BACKUP_MADE,
  EXIT_BACKUP_MISSING,
  EXIT_FILE_MISSING,
  EXIT_TARGET_IS_SYMLINK,
  READ_SCRIPT,
  RESTORE_SCRIPT,
  SET_ASIDE_SCRIPT,
  WRITE_SCRIPT,
  backupPathFor,
  requiredBackupPath,
  requiredConfigPath,
} from '../../../client/src/host/distroConfigFile';
import { ValidationError } from '../../../client/src/host/validators';

function sh(script: string, args: string[], input?: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync('/bin/sh', ['-c', script, 'sh', ...args], { input: input ?? '', encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function folder(): { dir: string; target: string; backup: string; done: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'root-scripts-'));
  return {
    dir,
    target: path.join(dir, 'wsl.conf'),
    backup: path.join(dir, 'wsl.conf.bak-20261201T030000000Z'),
    done: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

const mode = (file: string): number => fs.statSync(file).mode & 0o777;
const leftovers = (dir: string): string[] => fs.readdirSync(dir).filter((name) => name.includes('wsl-network-tmp'));

describe('READ_SCRIPT', () => {
  it('prints the bytes, or exits with EXIT_FILE_MISSING', () => {
    const f = folder();
    try {
      fs.writeFileSync(f.target, '[boot]\nsystemd=true\n');
      assert.deepEqual(sh(READ_SCRIPT, [f.target]), { status: 0, stdout: '[boot]\nsystemd=true\n', stderr: '' });
      assert.equal(sh(READ_SCRIPT, [path.join(f.dir, 'none')]).status, EXIT_FILE_MISSING);
    } finally {
      f.done();
    }
  });
});

describe('WRITE_SCRIPT', () => {
  it('replaces an existing file keeping its mode, keeps the old bytes in the backup, says so, leaves no temporary file', () => {
    const f = folder();
    try {
      fs.writeFileSync(f.target, 'old\r\n');
      fs.chmodSync(f.target, 0o640);
      const result = sh(WRITE_SCRIPT, [f.target, f.backup], 'new\n');
      assert.deepEqual(result, { status: 0, stdout: `${BACKUP_MADE}\n`, stderr: '' });
      assert.equal(fs.readFileSync(f.target, 'utf8'), 'new\n');
      assert.equal(mode(f.target), 0o640);
      assert.equal(fs.readFileSync(f.backup, 'utf8'), 'old\r\n');
      assert.equal(mode(f.backup), 0o640);
      assert.deepEqual(leftovers(f.dir), []);
    } finally {
      f.done();
    }
  });
  it('creates a missing file as 0644 whatever the umask, with no backup and no message', () => {
    const f = folder();
    try {
      const result = spawnSync('/bin/sh', ['-c', `umask 027; ${WRITE_SCRIPT}`, 'sh', f.target, f.backup], {
        input: '[network]\n',
        encoding: 'utf8',
      });
      assert.equal(result.status, 0, result.stderr);
      assert.equal(result.stdout, '');
      assert.equal(fs.readFileSync(f.target, 'utf8'), '[network]\n');
      assert.equal(mode(f.target), 0o644);
      assert.equal(fs.existsSync(f.backup), false);
      assert.deepEqual(leftovers(f.dir), []);
    } finally {
      f.done();
    }
  });
  it('refuses a symbolic link (exit EXIT_TARGET_IS_SYMLINK), changing nothing', () => {
    const f = folder();
    try {
      const real = path.join(f.dir, 'real.conf');
      fs.writeFileSync(real, 'kept');
      fs.symlinkSync(real, f.target);
      const result = sh(WRITE_SCRIPT, [f.target, f.backup], 'new');
      assert.equal(result.status, EXIT_TARGET_IS_SYMLINK);
      assert.equal(result.stderr, `${f.target} is a symbolic link; not replacing it\n`);
      assert.equal(fs.readFileSync(real, 'utf8'), 'kept');
      assert.ok(fs.lstatSync(f.target).isSymbolicLink());
      assert.equal(fs.existsSync(f.backup), false);
    } finally {
      f.done();
    }
  });
  it('a step that fails stops the script and removes the temporary file (set -e, the EXIT trap)', () => {
    const f = folder();
    try {
      fs.writeFileSync(f.target, 'old');
      // The backup cannot be written: its folder does not exist.
      const result = sh(WRITE_SCRIPT, [f.target, path.join(f.dir, 'missing', 'backup')], 'new');
      assert.notEqual(result.status, 0);
      assert.equal(fs.readFileSync(f.target, 'utf8'), 'old');
      assert.deepEqual(leftovers(f.dir), []);
    } finally {
      f.done();
    }
  });
});

describe('RESTORE_SCRIPT and SET_ASIDE_SCRIPT', () => {
  it("restore puts the backup's exact bytes and mode back, keeps the backup, leaves no temporary file", () => {
    const f = folder();
    try {
      fs.writeFileSync(f.target, 'edited');
      fs.writeFileSync(f.backup, 'original\n');
      fs.chmodSync(f.backup, 0o600);
      assert.deepEqual(sh(RESTORE_SCRIPT, [f.target, f.backup]), { status: 0, stdout: '', stderr: '' });
      assert.equal(fs.readFileSync(f.target, 'utf8'), 'original\n');
      assert.equal(mode(f.target), 0o600);
      assert.equal(fs.readFileSync(f.backup, 'utf8'), 'original\n');
      assert.deepEqual(leftovers(f.dir), []);
    } finally {
      f.done();
    }
  });
  it('restore refuses a missing backup and a symbolic link, by exit code and message', () => {
    const f = folder();
    try {
      fs.writeFileSync(f.target, 'edited');
      const missing = sh(RESTORE_SCRIPT, [f.target, f.backup]);
      assert.deepEqual(missing, { status: EXIT_BACKUP_MISSING, stdout: '', stderr: `${f.backup} does not exist\n` });
      fs.writeFileSync(f.backup, 'original');
      fs.rmSync(f.target);
      fs.symlinkSync(f.backup, f.target);
      const link = sh(RESTORE_SCRIPT, [f.target, f.backup]);
      assert.equal(link.status, EXIT_TARGET_IS_SYMLINK);
      assert.equal(link.stderr, `${f.target} is a symbolic link; not replacing it\n`);
      assert.equal(fs.readFileSync(f.backup, 'utf8'), 'original');
    } finally {
      f.done();
    }
  });
  it('set-aside moves a file the save created, and does nothing when it is gone', () => {
    const f = folder();
    try {
      const aside = path.join(f.dir, 'wsl.conf.set-aside');
      fs.writeFileSync(f.target, 'created');
      assert.equal(sh(SET_ASIDE_SCRIPT, [f.target, aside]).status, 0);
      assert.equal(fs.existsSync(f.target), false);
      assert.equal(fs.readFileSync(aside, 'utf8'), 'created');
      assert.equal(sh(SET_ASIDE_SCRIPT, [f.target, path.join(f.dir, 'other')]).status, 0);
      assert.equal(fs.existsSync(path.join(f.dir, 'other')), false);
    } finally {
      f.done();
    }
  });
});

describe('the paths the scripts may be given', () => {
  it('only /etc/wsl.conf and /etc/wsl-distribution.conf, and their time-stamped backups', () => {
    assert.equal(requiredConfigPath('/etc/wsl.conf'), '/etc/wsl.conf');
    assert.equal(requiredConfigPath('/etc/wsl-distribution.conf'), '/etc/wsl-distribution.conf');
    assert.throws(
      () => requiredConfigPath('/etc/passwd'),
      (error: Error) =>
        error instanceof ValidationError &&
        error.message === 'Not a WSL configuration file this extension edits: "/etc/passwd".',
    );
    const stamp = backupPathFor('/etc/wsl.conf', new Date('2026-12-01T03:04:05.678Z'));
    assert.equal(stamp, '/etc/wsl.conf.bak-20261201T030405678Z');
    assert.equal(requiredBackupPath(stamp), stamp);
    assert.equal(
      requiredBackupPath('/etc/wsl-distribution.conf.bak-20261201T030405Z'),
      '/etc/wsl-distribution.conf.bak-20261201T030405Z',
    );
    for (const bad of [
      '/etc/wsl.conf',
      'x/etc/wsl.conf.bak-20261201T030405678Z',
      '/etc/wsl.conf.bak-20261201T030405678Z.sh',
      '/etc/wsl.conf.bak-20261201T0304Z',
      '/etc/wsl.conf.bak-20261201T030405678Z; rm -rf /',
      '/etc/shadow.bak-20261201T030405678Z',
    ])
      assert.throws(
        () => requiredBackupPath(bad),
        (error: Error) =>
          error instanceof ValidationError &&
          error.message === `Not a backup path of /etc/wsl.conf or /etc/wsl-distribution.conf: ${JSON.stringify(bad)}.`,
        bad,
      );
  });
});
