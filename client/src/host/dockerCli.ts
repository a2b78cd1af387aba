// Docker's own port mapping for the ports tree and Diagnose Port: `docker ps --format '{{json .}}'`
// as a real child process (no shell), with the CLI found once on PATH. Docker is optional: when
// it is absent, not running or slow, ports are simply not labelled; nothing else depends on it.
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Demo and test mode only: the absolute path of a stand-in `docker` (test/fakes/linux-bin/docker).
 * In demo mode PATH is never searched, so a real docker on the test machine is never run.
 */
export const DOCKER_STAND_IN_ENV = 'WSL_NETWORK_FAKE_DOCKER';

/** One JSON object per running container (the CLI's documented `--format` template). */
export const DOCKER_PS_ARGS: readonly string[] = ['ps', '--format', '{{json .}}'];

/**
 * A local `docker ps` answers in well under a second; a daemon that does not answer (Docker
 * Desktop starting, a stale socket or named pipe) must not hold up a refresh for long.
 */
export const DOCKER_PS_TIMEOUT_MS = 3000;

/**
 * The docker CLI to run, as an absolute path, or undefined when there is none. Outside demo mode:
 * the first `docker` (Windows: `docker.exe`) on PATH; relative PATH entries are skipped, because
 * they would resolve against the current folder (a workspace could plant its own `docker`).
 * Demo mode: only the stand-in named by DOCKER_STAND_IN_ENV.
 */
export function findDockerCli(
  env: Readonly<Record<string, string | undefined>>,
  platform: NodeJS.Platform,
  demo: boolean,
  isExecutable: (file: string) => boolean = isExecutableFile,
): string | undefined {
  if (demo) {
    const standIn = env[DOCKER_STAND_IN_ENV];
    return standIn !== undefined && path.isAbsolute(standIn) && isExecutable(standIn) ? standIn : undefined;
  }
  const paths = platform === 'win32' ? path.win32 : path.posix;
  const list = env['PATH'] ?? env['Path'] ?? '';
  for (const entry of list.split(paths.delimiter)) {
    const dir = entry.trim().replace(/^"(.*)"$/, '$1');
    if (dir === '' || !paths.isAbsolute(dir)) continue;
    const candidate = paths.join(dir, platform === 'win32' ? 'docker.exe' : 'docker');
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

function isExecutableFile(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) return false;
    if (process.platform !== 'win32') fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
