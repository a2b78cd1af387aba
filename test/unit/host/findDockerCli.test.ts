// How the docker CLI is found (client/src/host/dockerCli.ts): on PATH outside demo mode, absolute
// entries only, and only as the stand-in in demo mode. Kept apart from dockerCli.test.ts, which runs
// docker as a real child process and is too slow for the mutation run to rerun for each mutant.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DOCKER_STAND_IN_ENV, findDockerCli } from '../../../client/src/host/dockerCli';

describe('findDockerCli', () => {
  let scratch: string | undefined;
  after(() => {
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  });
  function folderWith(name: string, mode: number): string {
    scratch ??= fs.mkdtempSync(path.join(os.tmpdir(), 'docker-cli-'));
    const dir = fs.mkdtempSync(path.join(scratch, 'bin-'));
    fs.writeFileSync(path.join(dir, name), '#!/bin/sh\n', { mode });
    return dir;
  }

  it('outside demo mode: the first executable docker on PATH, as an absolute path', () => {
    const notExecutable = folderWith('docker', 0o644);
    const executable = folderWith('docker', 0o755);
    const env = { PATH: ['', 'relative/bin', notExecutable, executable].join(':') };
    assert.equal(findDockerCli(env, 'linux', false), path.join(executable, 'docker'));
    assert.equal(findDockerCli({ PATH: notExecutable }, 'linux', false), undefined);
    assert.equal(findDockerCli({}, 'linux', false), undefined);
  });

  it('never searches a relative PATH entry (it would resolve against the workspace)', () => {
    const seen: string[] = [];
    findDockerCli({ PATH: '.:bin:/opt/docker/bin' }, 'linux', false, (file) => (seen.push(file), false));
    assert.deepEqual(seen, ['/opt/docker/bin/docker']);
    seen.length = 0;
    findDockerCli({ Path: 'C:\\Program Files\\Docker\\Docker\\resources\\bin;bin' }, 'win32', false, (file) => {
      seen.push(file);
      return false;
    });
    assert.deepEqual(seen, ['C:\\Program Files\\Docker\\Docker\\resources\\bin\\docker.exe']);
  });

  it('demo mode: only the stand-in named by the override, never a docker on PATH', () => {
    const onPath = folderWith('docker', 0o755);
    const standIn = path.join(folderWith('docker', 0o755), 'docker');
    assert.equal(findDockerCli({ PATH: onPath }, 'win32', true), undefined);
    assert.equal(findDockerCli({ PATH: onPath, [DOCKER_STAND_IN_ENV]: standIn }, 'win32', true), standIn);
    assert.equal(findDockerCli({ [DOCKER_STAND_IN_ENV]: 'relative/docker' }, 'win32', true), undefined);
  });

  it('reads a quoted Windows PATH entry and trims blanks, and prefers PATH to Path', () => {
    const seen: string[] = [];
    const record = (file: string): boolean => (seen.push(file), false);
    findDockerCli({ Path: ' "C:\\Program Files\\Docker\\bin" ;D:\\tools' }, 'win32', false, record);
    assert.deepEqual(seen, ['C:\\Program Files\\Docker\\bin\\docker.exe', 'D:\\tools\\docker.exe']);
    seen.length = 0;
    findDockerCli({ PATH: '/usr/bin', Path: '/opt/bin' }, 'linux', false, record);
    assert.deepEqual(seen, ['/usr/bin/docker']);
  });

  it('skips a folder named docker', () => {
    const dir = folderWith('x', 0o644);
    fs.mkdirSync(path.join(dir, 'docker'));
    assert.equal(findDockerCli({ PATH: dir }, 'linux', false), undefined);
  });
});
