// Where the Windows executables we run are, as absolute paths resolved once per WslHost.
//
// A bare name would be searched on PATH, and on Windows CreateProcess looks in the current
// folder before PATH (learn.microsoft.com/windows/win32/api/processthreadsapi/nf-processthreadsapi-createprocessw,
// lpApplicationName / lpCommandLine: "the directory from which the application loaded, the
// current directory, …"). Inside WSL, any same-user process can put a `powershell.exe` earlier
// on PATH, including the one that raises the UAC prompt. So every tool runs from System32:
// - on Windows `%SystemRoot%\System32\…` (SystemRoot validated; C:\Windows when it is not an
//   absolute drive path), PowerShell from `System32\WindowsPowerShell\v1.0`;
// - inside WSL the automount root's `c/Windows/System32/…` (checked to exist), which Windows
//   knows as `C:\Windows\System32\…`;
// - a stand-in folder only when the caller passes one (test/demo override, hostSetup.ts).
// CommandSpec.file keeps the short name ("netsh.exe") for display; it is only a key here.
import * as path from 'node:path';
import type { HostSituation } from './detectHost';
import type { HostEnvironment } from './hostEnvironment';

export const WINDOWS_TOOL_NAMES = ['wsl.exe', 'netsh.exe', 'powershell.exe', 'cmd.exe'] as const;
export type WindowsToolName = (typeof WINDOWS_TOOL_NAMES)[number];

const DEFAULT_SYSTEM_ROOT = 'C:\\Windows';

/** Below the Windows folder, in Windows spelling. */
const TOOL_UNDER_WINDOWS: Readonly<Record<WindowsToolName, string>> = {
  'wsl.exe': 'System32\\wsl.exe',
  'netsh.exe': 'System32\\netsh.exe',
  'cmd.exe': 'System32\\cmd.exe',
  'powershell.exe': 'System32\\WindowsPowerShell\\v1.0\\powershell.exe',
};

/** A tool's path as Windows names it, under `systemRoot` (validated by validatedSystemRoot). */
export function systemToolPath(tool: WindowsToolName, systemRoot: string = DEFAULT_SYSTEM_ROOT): string {
  return `${systemRoot}\\${TOOL_UNDER_WINDOWS[tool]}`;
}

export function isWindowsToolName(file: string): file is WindowsToolName {
  return (WINDOWS_TOOL_NAMES as readonly string[]).includes(file);
}

/**
 * %SystemRoot% when it is an absolute drive path of plain folder names (no `..`, no quote or
 * other character PowerShell or cmd.exe would treat specially), else C:\Windows.
 */
export function validatedSystemRoot(value: string | undefined): string {
  if (value === undefined) return DEFAULT_SYSTEM_ROOT;
  const trimmed = value.replace(/\\+$/, '');
  if (!/^[A-Za-z]:(\\[A-Za-z0-9 _.()-]+)+$/.test(trimmed)) return DEFAULT_SYSTEM_ROOT;
  if (trimmed.split('\\').some((part) => /^\.+$/.test(part) || part !== part.trim())) return DEFAULT_SYSTEM_ROOT;
  return trimmed;
}

export interface WindowsTools {
  /** The path this process starts (a Windows path on Windows, a drvfs path inside WSL). */
  readonly launchPath: (tool: WindowsToolName) => string;
  /** The same program as Windows names it, for PowerShell scripts that start it. */
  readonly windowsPath: (tool: WindowsToolName) => string;
  /** Why a tool cannot be found (inside WSL: the System32 mount is missing), else undefined. */
  readonly missing: (tool: WindowsToolName) => string | undefined;
}

export interface WindowsToolsOptions {
  readonly situation: HostSituation;
  readonly environment: HostEnvironment;
  /** Inside WSL: `[automount] root` of /etc/wsl.conf. */
  readonly automountRoot: string;
  /** Test and demo override: a folder holding stand-ins with the tools' names. */
  readonly standInDir?: string;
}

export function resolveWindowsTools(options: WindowsToolsOptions): WindowsTools {
  const { situation, environment } = options;
  const systemRoot =
    situation.kind === 'windows' ? validatedSystemRoot(environment.env['SystemRoot']) : DEFAULT_SYSTEM_ROOT;
  const windowsPath = (tool: WindowsToolName): string => systemToolPath(tool, systemRoot);
  if (options.standInDir !== undefined) {
    const dir = path.resolve(options.standInDir);
    // A missing stand-in is reported by the spawn itself ("not found"), as "WSL not installed" tests expect.
    return { launchPath: (tool) => path.join(dir, tool), windowsPath, missing: () => undefined };
  }
  if (situation.kind !== 'wsl') return { launchPath: windowsPath, windowsPath, missing: () => undefined };
  const root = options.automountRoot.endsWith('/') ? options.automountRoot : `${options.automountRoot}/`;
  const mounted = (tool: WindowsToolName): string => `${root}c/Windows/${TOOL_UNDER_WINDOWS[tool].replace(/\\/g, '/')}`;
  const found = new Map<WindowsToolName, boolean>();
  return {
    launchPath: mounted,
    windowsPath,
    missing: (tool) => {
      if (!found.has(tool)) found.set(tool, environment.exists(mounted(tool)));
      return found.get(tool)
        ? undefined
        : `${mounted(tool)} does not exist (is the C: drive mounted under ${root}? ` +
            'See [automount] root in /etc/wsl.conf)';
    },
  };
}
