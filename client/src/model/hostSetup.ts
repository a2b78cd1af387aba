/**
 * How the cockpit sees the machine: the real host situation, or the DEMO OVERRIDE.
 *
 * DEMO OVERRIDE (explicit, opt-in, labelled everywhere): with the environment variable
 * WSL_NETWORK_DEMO=1 the extension treats the extension host as a Windows machine. That is how
 * `npm start` and the VS Code tests run on plain Linux: WSL_NETWORK_WINDOWS_TOOLS_DIR names the
 * folder of stand-ins (test/fakes/windows-bin, with simulated output) that then replace
 * `%SystemRoot%\System32\wsl.exe`, `netsh.exe`, `powershell.exe` and `cmd.exe`, and
 * WSL_NETWORK_FAKE_STATE names their state folder. Outside demo mode that variable is ignored:
 * Windows tools always run from System32 (host/windowsTools.ts), never from PATH. Nothing else
 * changes behaviour in demo mode; the status bar says "(demo)" and the output channel logs the
 * override at start-up.
 *
 * The situation is re-evaluated on every full refresh (it only reads environment variables and
 * a few /proc files), so the status follows changes such as interop being enabled.
 */
import * as path from 'node:path';
import { DOCKER_STAND_IN_ENV } from '../host/dockerCli';
import type { HostEnvironment } from '../host/hostEnvironment';
import { WslHost } from '../host/wslHost';

export const DEMO_ENV = 'WSL_NETWORK_DEMO';
export const FAKE_STATE_ENV = 'WSL_NETWORK_FAKE_STATE';
export const WINDOWS_TOOLS_DIR_ENV = 'WSL_NETWORK_WINDOWS_TOOLS_DIR';

export interface HostSetup {
  /** The environment handed to WslHost (platform overridden to win32 in demo mode). */
  readonly environment: HostEnvironment;
  readonly demo: boolean;
  /** One line for the output channel describing the override, when there is one. */
  readonly note?: string;
  /** A key that changes whenever the setup would produce a different WslHost. */
  readonly key: string;
  /** Demo mode only: the folder of stand-in Windows tools (WslHostOptions.windowsToolsDir). */
  readonly windowsToolsDir?: string;
}

export function isDemo(env: Readonly<Record<string, string | undefined>>): boolean {
  return env[DEMO_ENV] === '1';
}

export function resolveHostSetup(base: HostEnvironment): HostSetup {
  const demo = isDemo(base.env);
  const toolsDir = base.env[WINDOWS_TOOLS_DIR_ENV];
  const windowsToolsDir = demo && toolsDir !== undefined && path.isAbsolute(toolsDir) ? toolsDir : undefined;
  const key = [
    demo ? 'demo' : 'real',
    base.platform,
    windowsToolsDir ?? '',
    base.env[FAKE_STATE_ENV] ?? '',
    demo ? (base.env[DOCKER_STAND_IN_ENV] ?? '') : '',
    base.env['WSL_DISTRO_NAME'] ?? '',
  ].join('\0');
  if (!demo) return { environment: base, demo: false, key };
  const environment: HostEnvironment = {
    platform: 'win32',
    env: base.env,
    readFile: (file) => base.readFile(file),
    exists: (file) => base.exists(file),
  };
  const state = base.env[FAKE_STATE_ENV];
  return {
    environment,
    demo: true,
    key,
    ...(windowsToolsDir !== undefined ? { windowsToolsDir } : {}),
    note:
      `Demo mode (${DEMO_ENV}=1): the host is treated as Windows; wsl.exe, netsh.exe, powershell.exe and cmd.exe are ` +
      `${windowsToolsDir !== undefined ? `the stand-ins in ${windowsToolsDir}` : `not available (${WINDOWS_TOOLS_DIR_ENV} is not set)`}` +
      `${state ? `, stand-in state in ${state}` : ''}. Nothing on a real Windows machine is changed by the stand-ins.`,
  };
}

/** The WslHost for a setup (with the demo stand-in folder when there is one). */
export function hostForSetup(setup: HostSetup): WslHost {
  return new WslHost({
    environment: setup.environment,
    demo: setup.demo,
    ...(setup.windowsToolsDir !== undefined ? { windowsToolsDir: setup.windowsToolsDir } : {}),
  });
}

export type WslConfigPathSource = 'setting' | 'demo-profile' | 'userprofile' | 'wsl-interop' | 'none';

export interface WslConfigLocation {
  readonly path: string | undefined;
  readonly source: WslConfigPathSource;
  /** Why there is no path, or a remark about it. */
  readonly note?: string;
}

/**
 * Where `.wslconfig` is, in this order:
 * 1. the `wslNetwork.wslconfigPath` setting (absolute path; for unusual setups and demo mode);
 * 2. demo mode: `%USERPROFILE%` when it is an absolute path on this machine, else the stand-in
 *    profile folder `$WSL_NETWORK_FAKE_STATE/userprofile`;
 * 3. the host layer: `%USERPROFILE%\.wslconfig` on Windows, the drvfs path inside WSL.
 */
export async function resolveWslConfigLocation(
  setting: string,
  setup: HostSetup,
  host: WslHost,
): Promise<WslConfigLocation> {
  const configured = setting.trim();
  if (configured !== '') {
    if (!path.isAbsolute(configured) && !path.win32.isAbsolute(configured)) {
      return {
        path: undefined,
        source: 'none',
        note: `wslNetwork.wslconfigPath must be an absolute path (got ${JSON.stringify(configured)}).`,
      };
    }
    return { path: configured, source: 'setting' };
  }
  if (setup.demo) {
    const profile = setup.environment.env['USERPROFILE'];
    if (profile && path.isAbsolute(profile)) return { path: path.join(profile, '.wslconfig'), source: 'demo-profile' };
    const state = setup.environment.env[FAKE_STATE_ENV];
    if (state) return { path: path.join(state, 'userprofile', '.wslconfig'), source: 'demo-profile' };
    return {
      path: undefined,
      source: 'none',
      note: `Demo mode without ${FAKE_STATE_ENV} or wslNetwork.wslconfigPath: no .wslconfig location.`,
    };
  }
  if (host.unavailableReason() !== undefined)
    return { path: undefined, source: 'none', note: host.unavailableReason() };
  try {
    const found = await host.getWslConfigPath();
    if (found) return { path: found, source: host.situation.kind === 'windows' ? 'userprofile' : 'wsl-interop' };
  } catch (error) {
    return { path: undefined, source: 'none', note: (error as Error).message };
  }
  return { path: undefined, source: 'none', note: 'The Windows user profile folder could not be determined.' };
}
