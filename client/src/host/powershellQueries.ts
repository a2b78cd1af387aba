// The read-only PowerShell command lines we run, and how their combined output is split.
//
// All queries of one refresh go into ONE powershell.exe process (starting Windows PowerShell
// costs 0.3-1 s). Each query is printed after a `@@part <id>` marker line and wrapped in
// try/catch so that, for example, a missing Hyper-V firewall module on Windows 10 spoils only
// its own part (`@@error <message>`). The script contains no double quotes and no values from
// outside this file, so it survives Windows command-line quoting unchanged.
import { WSL_VM_CREATOR_ID } from './parseHyperVFirewall';

export const POWERSHELL_EXE = 'powershell.exe';
/** Arguments in front of every script: no profile scripts, never prompt. */
export const POWERSHELL_BASE_ARGS: readonly string[] = ['-NoProfile', '-NonInteractive', '-Command'];

export type PowerShellQueryId =
  | 'firewallRules'
  | 'firewallPortFilters'
  | 'firewallApplicationFilters'
  | 'firewallAddressFilters'
  | 'hyperVRules'
  | 'hyperVVmSetting'
  | 'tcpListeners'
  | 'connectionProfiles';

/**
 * Each pipeline ends in `ConvertTo-Json -Depth 3 -Compress` when run. ActiveStore is the
 * merged effective policy (local + Group Policy + MDM), and rules and filters must come from
 * the same store for their Name / InstanceID to match.
 */
export const POWERSHELL_QUERIES: Readonly<Record<PowerShellQueryId, string>> = {
  firewallRules:
    'Get-NetFirewallRule -PolicyStore ActiveStore -Direction Inbound -ErrorAction Stop | ' +
    'Select-Object Name,DisplayName,Enabled,Direction,Action,Profile',
  firewallPortFilters:
    'Get-NetFirewallPortFilter -All -PolicyStore ActiveStore -ErrorAction Stop | Select-Object InstanceID,Protocol,LocalPort',
  firewallApplicationFilters:
    'Get-NetFirewallApplicationFilter -All -PolicyStore ActiveStore -ErrorAction Stop | Select-Object InstanceID,Program',
  // Who may connect: a rule's RemoteAddress lives in its address filter (InstanceID = rule Name).
  firewallAddressFilters:
    'Get-NetFirewallAddressFilter -All -PolicyStore ActiveStore -ErrorAction Stop | Select-Object InstanceID,RemoteAddress',
  hyperVRules:
    'Get-NetFirewallHyperVRule -PolicyStore ActiveStore -ErrorAction Stop | ' +
    'Select-Object Name,DisplayName,Enabled,Direction,Action,VMCreatorId,Protocol,LocalPorts,RemoteAddresses,Profiles',
  hyperVVmSetting:
    `Get-NetFirewallHyperVVMSetting -PolicyStore ActiveStore -Name '${WSL_VM_CREATOR_ID}' -ErrorAction Stop | ` +
    'Select-Object Name,Enabled,DefaultInboundAction,DefaultOutboundAction,LoopbackEnabled',
  tcpListeners:
    'Get-NetTCPConnection -State Listen -ErrorAction Stop | Select-Object LocalAddress,LocalPort,OwningProcess',
  connectionProfiles:
    'Get-NetConnectionProfile -ErrorAction Stop | Select-Object Name,InterfaceAlias,InterfaceIndex,NetworkCategory,IPv4Connectivity',
};

/** Progress records off, and UTF-8 without BOM instead of the OEM code page when redirected. */
export const POWERSHELL_PREAMBLE =
  "$ProgressPreference='SilentlyContinue'; [Console]::OutputEncoding=[System.Text.UTF8Encoding]::new($false)";

export const PART_MARKER = '@@part ';
export const ERROR_MARKER = '@@error ';

export function buildQueryScript(ids: readonly PowerShellQueryId[]): string {
  const parts = ids.map(
    (id) =>
      `Write-Output '${PART_MARKER}${id}'; ` +
      `try { ${POWERSHELL_QUERIES[id]} | ConvertTo-Json -Depth 3 -Compress } ` +
      `catch { Write-Output ('${ERROR_MARKER}' + $_.Exception.Message) }`,
  );
  return [POWERSHELL_PREAMBLE, ...parts].join('; ');
}

export function buildQueryCommand(ids: readonly PowerShellQueryId[]): { file: string; args: string[] } {
  return { file: POWERSHELL_EXE, args: [...POWERSHELL_BASE_ARGS, buildQueryScript(ids)] };
}

export type QueryPart = { readonly ok: true; readonly json: string } | { readonly ok: false; readonly error: string };

/** Splits the combined output; ids without a marker are missing from the map. */
export function splitQueryOutput(stdout: string): Map<PowerShellQueryId, QueryPart> {
  const parts = new Map<PowerShellQueryId, QueryPart>();
  let current: PowerShellQueryId | undefined;
  let body: string[] = [];
  let error: string | undefined;
  const flush = (): void => {
    if (current === undefined) return;
    parts.set(current, error !== undefined ? { ok: false, error } : { ok: true, json: body.join('\n').trim() });
  };
  for (const line of stdout.replace(/\r/g, '').split('\n')) {
    if (line.startsWith(PART_MARKER)) {
      flush();
      current = line.slice(PART_MARKER.length).trim() as PowerShellQueryId;
      body = [];
      error = undefined;
    } else if (line.startsWith(ERROR_MARKER) && current !== undefined) {
      error = line.slice(ERROR_MARKER.length).trim();
    } else if (current !== undefined) {
      body.push(line);
    }
  }
  flush();
  return parts;
}

/** The Windows user profile folder (`C:\Users\<name>`), used to locate `.wslconfig`. */
export const USER_PROFILE_SCRIPT = `${POWERSHELL_PREAMBLE}; [Environment]::GetFolderPath('UserProfile')`;
