// Where `.wslconfig` lives, as a path this extension host can open. WSL reads
// `%UserProfile%\.wslconfig` of the calling Windows user (`helpers::GetWslConfigPath`; learn.microsoft.com/windows/wsl/wsl-config). On Windows that is
// USERPROFILE; inside a distro the Windows profile folder must be asked from Windows and
// translated to its drvfs mount (/mnt/c/Users/<name>).
import * as path from 'node:path';
import type { HostEnvironment } from './hostEnvironment';
import type { ProcessRunner } from './processRunner';
import { POWERSHELL_BASE_ARGS, POWERSHELL_EXE, USER_PROFILE_SCRIPT } from './powershellQueries';

export const WSLCONFIG_FILE_NAME = '.wslconfig';

/** `C:\Users\me` → `/mnt/c/Users/me` (automount root from /etc/wsl.conf, default `/mnt/`). */
export function windowsPathToWsl(windowsPath: string, automountRoot = '/mnt/'): string | undefined {
  const match = /^([A-Za-z]):[\\/]*(.*)$/.exec(windowsPath.trim());
  if (!match) return undefined; // UNC and relative paths have no drvfs mount.
  const root = automountRoot.endsWith('/') ? automountRoot : `${automountRoot}/`;
  const rest = (match[2] as string).replace(/\\/g, '/').replace(/\/+$/, '');
  return `${root}${(match[1] as string).toLowerCase()}${rest === '' ? '' : `/${rest}`}`;
}

export function wslConfigPathOnWindows(environment: HostEnvironment): string | undefined {
  const profile = environment.env['USERPROFILE'];
  return profile ? path.win32.join(profile, WSLCONFIG_FILE_NAME) : undefined;
}

/**
 * Inside WSL. `cmd.exe /d /c echo %USERPROFILE%` answers in a few milliseconds; it is started
 * in the C: drive mount because cmd.exe warns about (and ignores) a \\wsl.localhost working
 * directory. cmd.exe prints in the OEM code page, so a profile path with non-ASCII letters is
 * asked again from PowerShell, which we switch to UTF-8.
 */
export async function findWslConfigFromWsl(
  runner: ProcessRunner,
  environment: HostEnvironment,
  automountRoot = '/mnt/',
): Promise<{ windowsPath: string; wslPath: string } | undefined> {
  const root = automountRoot.endsWith('/') ? automountRoot : `${automountRoot}/`;
  const cwd = environment.exists(`${root}c`) ? `${root}c` : undefined;
  let profile: string | undefined;
  try {
    const result = await runner('cmd.exe', ['/d', '/c', 'echo', '%USERPROFILE%'], {
      ...(cwd ? { cwd } : {}),
      timeoutMs: 10_000,
    });
    const line = result.stdout.trim();
    if (/^[A-Za-z]:\\[\x20-\x7e]*$/.test(line)) profile = line;
  } catch {
    // fall through to PowerShell
  }
  if (profile === undefined) {
    try {
      const result = await runner(POWERSHELL_EXE, [...POWERSHELL_BASE_ARGS, USER_PROFILE_SCRIPT], {
        ...(cwd ? { cwd } : {}),
        timeoutMs: 20_000,
      });
      const line = result.stdout.trim().split('\n').pop()?.trim() ?? '';
      if (/^[A-Za-z]:\\/.test(line)) profile = line;
    } catch {
      return undefined;
    }
  }
  if (profile === undefined) return undefined;
  const wslProfile = windowsPathToWsl(profile, root);
  if (wslProfile === undefined) return undefined;
  return {
    windowsPath: path.win32.join(profile, WSLCONFIG_FILE_NAME),
    wslPath: path.posix.join(wslProfile, WSLCONFIG_FILE_NAME),
  };
}
