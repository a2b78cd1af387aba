// Decides which of the two supported situations the extension host is in. The answer picks
// how every other fact is fetched: on Windows we call wsl.exe and read Linux facts through
// `wsl.exe -d <distro> -e …`; inside a distro we read /proc ourselves and reach Windows
// tools through interop.
import type { HostEnvironment } from './hostEnvironment';

export type HostSituation =
  | { readonly kind: 'windows' }
  | {
      readonly kind: 'wsl';
      /** WSL_DISTRO_NAME; undefined when only /proc evidence was found (e.g. under sudo -E-less shells). */
      readonly distro: string | undefined;
      /** Whether Windows executables can be launched (interop registered and enabled). */
      readonly interop: boolean;
      /** 1 or 2 when /proc/version tells; WSL1 shares the Windows network stack. */
      readonly wslVersion: 1 | 2 | undefined;
      /** Human-readable list of what convinced us, for the "About" / log output. */
      readonly evidence: readonly string[];
    }
  | { readonly kind: 'unavailable'; readonly reason: string };

// WSL registers `WSLInterop`; builds with systemd enabled register `WSLInterop-late` instead
// (the binfmt entry is re-registered after systemd starts), so both names count.
export const INTEROP_BINFMT_PATHS = [
  '/proc/sys/fs/binfmt_misc/WSLInterop',
  '/proc/sys/fs/binfmt_misc/WSLInterop-late',
] as const;

export function detectHost(host: HostEnvironment): HostSituation {
  if (host.platform === 'win32') {
    return { kind: 'windows' };
  }
  if (host.platform !== 'linux') {
    return {
      kind: 'unavailable',
      reason: `WSL not available: the extension host runs on ${host.platform}, not on Windows or inside a WSL distro.`,
    };
  }

  const evidence: string[] = [];
  let interopRegistered = false;
  let interopEnabled = false;
  for (const path of INTEROP_BINFMT_PATHS) {
    if (!host.exists(path)) continue;
    interopRegistered = true;
    // The binfmt_misc file starts with "enabled" or "disabled"; an unreadable file is
    // treated as enabled because registration alone is the usual signal.
    const firstLine = (host.readFile(path) ?? 'enabled').split('\n', 1)[0]?.trim();
    const enabled = firstLine !== 'disabled';
    interopEnabled ||= enabled;
    evidence.push(`${path} is present (${enabled ? 'enabled' : 'disabled'})`);
  }

  const distro = nonEmpty(host.env['WSL_DISTRO_NAME']);
  if (distro !== undefined) evidence.push(`WSL_DISTRO_NAME=${distro}`);
  if (nonEmpty(host.env['WSL_INTEROP']) !== undefined) evidence.push('WSL_INTEROP is set');

  const procVersion = host.readFile('/proc/version');
  let wslVersion: 1 | 2 | undefined;
  if (procVersion !== undefined && /microsoft/i.test(procVersion)) {
    // WSL2 kernels are named "...-microsoft-standard-WSL2"; WSL1 reports "Microsoft" (capital M)
    // from the lxcore emulation and no WSL2 suffix.
    wslVersion = /WSL2|microsoft-standard/i.test(procVersion) ? 2 : /Microsoft/.test(procVersion) ? 1 : undefined;
    evidence.push('/proc/version mentions Microsoft');
  }

  if (evidence.length === 0) {
    return {
      kind: 'unavailable',
      reason:
        'WSL not available: this Linux host is not a WSL distro (no /proc/sys/fs/binfmt_misc/WSLInterop, ' +
        'WSL_DISTRO_NAME is unset and /proc/version does not mention Microsoft).',
    };
  }

  return {
    kind: 'wsl',
    distro,
    interop: interopRegistered ? interopEnabled : false,
    wslVersion,
    evidence,
  };
}

/** Why Windows-side features cannot run in this situation, or undefined when they can. */
export function windowsToolsUnavailableReason(situation: HostSituation): string | undefined {
  switch (situation.kind) {
    case 'windows':
      return undefined;
    case 'wsl':
      return situation.interop
        ? undefined
        : 'Windows interop is disabled in this distro ([interop] enabled=false in /etc/wsl.conf), so wsl.exe, netsh.exe and powershell.exe cannot be started from here.';
    case 'unavailable':
      return situation.reason;
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value !== undefined && value.trim() !== '' ? value : undefined;
}
