// Shared helpers for the host-layer tests: fixture access from source or compiled location.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { HostEnvironment } from '../../../client/src/host/hostEnvironment';

export function repoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'test', 'fixtures', 'windows-output'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('repository root not found from ' + __dirname);
    dir = parent;
  }
  return dir;
}

export function fixturePath(name: string): string {
  return path.join(repoRoot(), 'test', 'fixtures', 'windows-output', name);
}

export function fixtureBytes(name: string): Buffer {
  return fs.readFileSync(fixturePath(name));
}

export function fixtureText(name: string): string {
  return fs.readFileSync(fixturePath(name), 'utf8');
}

/** A HostEnvironment made of plain data, for detection in either situation. */
export function fakeEnvironment(options: {
  platform: NodeJS.Platform;
  env?: Record<string, string | undefined>;
  files?: Record<string, string>;
}): HostEnvironment {
  const files = options.files ?? {};
  return {
    platform: options.platform,
    env: options.env ?? {},
    readFile: (p) => files[p],
    exists: (p) => p in files,
  };
}
