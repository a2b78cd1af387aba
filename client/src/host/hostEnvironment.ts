// The facts about the machine that host detection needs, behind an interface so tests can
// describe a Windows box or a WSL distro while running on plain Linux.
import * as fs from 'node:fs';

export interface HostEnvironment {
  readonly platform: NodeJS.Platform;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Whole file as UTF-8, or undefined when it cannot be read (missing, permission, …). */
  readFile(path: string): string | undefined;
  exists(path: string): boolean;
}

/** The real machine this extension host runs on. */
export function nodeHostEnvironment(): HostEnvironment {
  return {
    platform: process.platform,
    env: process.env,
    readFile(path: string): string | undefined {
      try {
        return fs.readFileSync(path, 'utf8');
      } catch {
        return undefined;
      }
    },
    exists(path: string): boolean {
      return fs.existsSync(path);
    },
  };
}
