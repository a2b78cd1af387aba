/**
 * "Keep LAN Exposures Working While VS Code Is Closed": a Windows scheduled task that re-points the
 * portproxy rules WSL Network created to the current WSL IP, at logon and every few minutes, so a
 * NAT-mode exposure survives a WSL restart without VS Code (learn.microsoft.com/windows/wsl/networking,
 * "Accessing a WSL 2 distribution from your local area network (LAN)": the WSL IP changes on restart).
 *
 * Why elevated: `netsh interface portproxy add` needs administrator rights, so the task must run with
 * the highest privileges: a task whose actions need elevated privileges must have RunLevel
 * TASK_RUNLEVEL_HIGHEST, and the registering application "must be running in a process with the correct
 * privileges" (learn.microsoft.com/windows/win32/taskschd/security-contexts-for-running-tasks). So
 * install and remove each run behind one UAC prompt (elevation.ts).
 *
 * Why %ProgramData%\WSLNetwork and not %LOCALAPPDATA%: the task runs the script as administrator. A script
 * in a folder the user (and any program of theirs) can write would be a silent way around UAC. Files an
 * administrator creates under %ProgramData% can be read but not changed or deleted by standard users.
 *
 * "On WSL start": no documented event log entry marks a WSL VM start, so the task repeats every
 * KEEP_REPEAT_MINUTES minutes and does nothing while the distro is stopped: it asks `wsl.exe --list
 * --running`, which does not start anything, and only then `wsl.exe -d <distro> -e hostname -I`
 * (which WOULD start a stopped distro). A restart is therefore repaired within KEEP_REPEAT_MINUTES.
 *
 * The script and every command are built here from validated values only (distro name, IPv4 listen
 * addresses, ports); nothing a user typed as free text reaches them.
 */
import { powershell, psQuote, type CommandSpec } from './commandBuilders';
import type { OwnExposure } from './exposurePlan';
import { POWERSHELL_PREAMBLE } from './powershellQueries';
import { systemToolPath, type WindowsToolName } from './windowsTools';
import {
  required,
  validateDistroName,
  validateIPv4,
  validatePort,
  ValidationError,
  type Validation,
} from './validators';

export const KEEP_TASK_NAME = 'WSL Network - Keep LAN Exposures';
export const KEEP_FOLDER_NAME = 'WSLNetwork';
export const KEEP_SCRIPT_NAME = 'keep-lan-exposures.ps1';
export const KEEP_REPEAT_MINUTES = 2;

/** `[Environment]::GetFolderPath('CommonApplicationData')`: the %ProgramData% folder, read once before install. */
export const PROGRAM_DATA_SCRIPT = `${POWERSHELL_PREAMBLE}; [Environment]::GetFolderPath('CommonApplicationData')`;

/** One portproxy rule of ours the task keeps pointed at the WSL IP. */
export interface KeptForward {
  readonly listenAddress: string;
  readonly listenPort: number;
  readonly connectPort: number;
}

/**
 * A Windows folder that may appear unquoted in the task's `-File` argument: a drive, then names of
 * letters, digits, '.', '_' and '-' (no spaces, quotes or '%', so it needs no quoting anywhere).
 */
export function validateWindowsFolder(input: unknown): Validation<string> {
  if (
    typeof input === 'string' &&
    /^[A-Za-z]:\\(?:[A-Za-z0-9_.-]+\\)*[A-Za-z0-9_.-]+$/.test(input) &&
    !/(?:^|\\)\.\.?(?:\\|$)/.test(input)
  )
    return { ok: true, value: input };
  return {
    ok: false,
    error: `Not a usable Windows folder: ${JSON.stringify(String(input).slice(0, 80))} (expected e.g. C:\\ProgramData, without spaces).`,
  };
}

export interface KeepTaskPaths {
  readonly folder: string;
  readonly script: string;
}

export function keepTaskPaths(programData: unknown): KeepTaskPaths {
  const base = required(validateWindowsFolder(programData));
  const folder = `${base}\\${KEEP_FOLDER_NAME}`;
  return { folder, script: `${folder}\\${KEEP_SCRIPT_NAME}` };
}

/**
 * The script file's text (CRLF, ASCII). Each forward becomes one `Update-Forward` line; the function
 * changes a rule only when it still exists (a rule removed since is left removed) and points elsewhere.
 */
export function buildKeepScript(input: {
  readonly distro: unknown;
  readonly forwards: readonly KeptForward[];
  /** Where the tools are, as Windows names them (WslHost.tools.windowsPath); default C:\Windows\System32. */
  readonly windowsPath?: (tool: WindowsToolName) => string;
}): string {
  const distro = required(validateDistroName(input.distro));
  // The task runs as administrator without a prompt: a bare `wsl.exe` would be searched on PATH,
  // which the user's own programs can change (HKCU\Environment), so every program is named by
  // its absolute System32 path.
  const wsl = psQuote(toolPathForTask(input.windowsPath, 'wsl.exe'));
  const netsh = psQuote(toolPathForTask(input.windowsPath, 'netsh.exe'));
  if (input.forwards.length === 0) throw new ValidationError('No LAN exposures of WSL Network to keep.');
  const calls = input.forwards.map((forward) => {
    const listenAddress = required(validateIPv4(forward.listenAddress));
    const listenPort = required(validatePort(forward.listenPort));
    const connectPort = required(validatePort(forward.connectPort));
    return `Update-Forward ${psQuote(listenAddress)} ${listenPort} ${connectPort}`;
  });
  const lines = [
    '# WSL Network: keeps the portproxy rules it created pointed at the current WSL IP.',
    `# Installed by "Keep LAN Exposures Working While VS Code Is Closed"; "Stop Keeping LAN Exposures Working"`,
    '# deletes this file and its scheduled task. Generated from validated values; do not edit.',
    `$distro = ${psQuote(distro)}`,
    "$env:WSL_UTF8 = '1'",
    '# --list --running starts nothing; -d would start a stopped distro, so it is asked only when running.',
    // A wsl.exe without WSL_UTF8 support prints UTF-16LE: the NULs between the characters are dropped.
    `$running = @(& ${wsl} --list --running --quiet | ForEach-Object { ($_ -replace '\\x00', '').Trim() })`,
    'if ($running -notcontains $distro) { exit 0 }',
    `$ip = @((& ${wsl} -d $distro -e hostname -I) -split '\\s+' | Where-Object { $_ -match '^[0-9]{1,3}(\\.[0-9]{1,3}){3}$' })[0]`,
    'if (-not $ip) { exit 0 }',
    `$table = @(& ${netsh} interface portproxy show v4tov4)`,
    'function Update-Forward([string]$ListenAddress, [int]$ListenPort, [int]$ConnectPort) {',
    '  foreach ($line in $table) {',
    "    $f = @($line.Trim() -split '\\s+')",
    '    if ($f.Count -eq 4 -and $f[0] -eq $ListenAddress -and $f[1] -eq [string]$ListenPort) {',
    '      if ($f[2] -ne $ip -or $f[3] -ne [string]$ConnectPort) {',
    `        & ${netsh} interface portproxy add v4tov4 listenport=$ListenPort listenaddress=$ListenAddress connectport=$ConnectPort connectaddress=$ip | Out-Null`,
    '      }',
    '      return',
    '    }',
    '  }',
    '}',
    ...calls,
    'exit 0',
    '',
  ];
  return lines.join('\r\n');
}

export interface KeepTaskPlan {
  readonly paths: KeepTaskPaths;
  readonly scriptText: string;
  /** Elevated steps: create the folder, write the script, register the task. */
  readonly install: readonly CommandSpec[];
  /** Elevated steps that undo the install: the task, the script file, the folder when empty. */
  readonly remove: readonly CommandSpec[];
}

export function planKeepTask(input: {
  readonly programData: unknown;
  readonly distro: unknown;
  readonly forwards: readonly KeptForward[];
  readonly windowsPath?: (tool: WindowsToolName) => string;
}): KeepTaskPlan {
  const paths = keepTaskPaths(input.programData);
  const scriptText = buildKeepScript(input);
  const base64 = Buffer.from(scriptText, 'utf8').toString('base64');
  const action = `-NoProfile -NonInteractive -ExecutionPolicy Bypass -WindowStyle Hidden -File ${paths.script}`;
  const install: CommandSpec[] = [
    powershellStep(
      `New-Item -ItemType Directory -Force -Path ${psQuote(paths.folder)} | Out-Null`,
      `Create the folder ${paths.folder}`,
    ),
    // Base64 keeps the multi-line script off the command line; the dialog shows it in full.
    powershellStep(
      `[IO.File]::WriteAllBytes(${psQuote(paths.script)}, [Convert]::FromBase64String(${psQuote(base64)}))`,
      `Write the script ${paths.script}`,
    ),
    powershellStep(
      `Register-ScheduledTask -TaskName ${psQuote(KEEP_TASK_NAME)} ` +
        `-Action (New-ScheduledTaskAction -Execute ${psQuote(toolPathForTask(input.windowsPath, 'powershell.exe'))} -Argument ${psQuote(action)}) ` +
        `-Trigger (New-ScheduledTaskTrigger -AtLogOn -User $env:USERNAME),` +
        `(New-ScheduledTaskTrigger -Once -At '2000-01-01T00:00:00' -RepetitionInterval (New-TimeSpan -Minutes ${KEEP_REPEAT_MINUTES})) ` +
        `-Principal (New-ScheduledTaskPrincipal -UserId $env:USERNAME -LogonType Interactive -RunLevel Highest) ` +
        `-Settings (New-ScheduledTaskSettingsSet -AllowStartIfOnBatteries -DontStopIfGoingOnBatteries -MultipleInstances IgnoreNew) ` +
        `-Force | Out-Null`,
      `Register the scheduled task "${KEEP_TASK_NAME}" (at logon and every ${KEEP_REPEAT_MINUTES} minutes, as administrator)`,
    ),
  ];
  return { paths, scriptText, install, remove: buildKeepTaskRemove(paths) };
}

/** A tool's absolute Windows path for the task's script, checked: a drive path to an .exe, nothing PowerShell expands. */
function toolPathForTask(windowsPath: ((tool: WindowsToolName) => string) | undefined, tool: WindowsToolName): string {
  const resolved = (windowsPath ?? systemToolPath)(tool);
  if (!/^[A-Za-z]:(\\[A-Za-z0-9 _.()-]+)+\.exe$/i.test(resolved) || !resolved.toLowerCase().endsWith(`\\${tool}`)) {
    throw new ValidationError(`Not an absolute path of ${tool}: ${JSON.stringify(resolved)}.`);
  }
  return resolved;
}

/** Removes the task, the script and (when nothing else is in it) the folder; each step tolerates "already gone". */
export function buildKeepTaskRemove(paths: KeepTaskPaths): CommandSpec[] {
  return [
    powershellStep(
      `Unregister-ScheduledTask -TaskName ${psQuote(KEEP_TASK_NAME)} -Confirm:$false -ErrorAction SilentlyContinue`,
      `Remove the scheduled task "${KEEP_TASK_NAME}"`,
    ),
    powershellStep(
      `Remove-Item -LiteralPath ${psQuote(paths.script)} -Force -ErrorAction SilentlyContinue`,
      `Delete the script ${paths.script}`,
    ),
    // Not -Recurse: an elevated recursive delete could follow a junction someone placed in the folder.
    powershellStep(
      `if (-not (Get-ChildItem -LiteralPath ${psQuote(paths.folder)} -Force -ErrorAction SilentlyContinue)) ` +
        `{ Remove-Item -LiteralPath ${psQuote(paths.folder)} -Force -ErrorAction SilentlyContinue }`,
      `Delete the folder ${paths.folder} when it is empty`,
    ),
  ];
}

function powershellStep(script: string, description: string): CommandSpec {
  return powershell(script, true, description);
}

/** The portproxy rules of our own exposures (listOwnExposures: never anyone else's), once each. */
export function keptForwards(own: readonly OwnExposure[]): KeptForward[] {
  const seen = new Set<string>();
  const forwards: KeptForward[] = [];
  for (const rule of own.flatMap((exposure) => exposure.portProxies)) {
    const key = `${rule.listenAddress}:${rule.listenPort}`;
    if (seen.has(key)) continue;
    seen.add(key);
    forwards.push({ listenAddress: rule.listenAddress, listenPort: rule.listenPort, connectPort: rule.connectPort });
  }
  return forwards.sort((a, b) => a.listenPort - b.listenPort);
}
