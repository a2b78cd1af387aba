// The read-only Windows queries of the connectivity doctor, as data. They follow the batching
// of ../powershellQueries.ts (one powershell.exe, `@@part <id>` markers, try/catch per part,
// ConvertTo-Json -Depth 3 -Compress) and reuse its splitter; the lead's runner executes them.
// None needs elevation: Get-WinEvent reads the Application log as a standard user.
import {
  ERROR_MARKER,
  PART_MARKER,
  POWERSHELL_BASE_ARGS,
  POWERSHELL_EXE,
  POWERSHELL_PREAMBLE,
  splitQueryOutput,
  type QueryPart,
} from '../powershellQueries';
import { NETSH_EXE } from '../commandBuilders';

export type ConnectivityQueryId =
  | 'netAdapters'
  | 'ipInterfaces'
  | 'dnsServers'
  | 'nrptPolicy'
  | 'firewallProfiles'
  | 'proxySettings'
  | 'wslEvents'
  | 'tcpListeners'
  | 'udpEndpoints';

/**
 * MacAddress is deliberately not selected (the report must not carry it). Internet Settings
 * is read from HKCU, where the per-user proxy of Settings > Network > Proxy lives.
 */
export const CONNECTIVITY_QUERIES: Readonly<Record<ConnectivityQueryId, string>> = {
  netAdapters: 'Get-NetAdapter -ErrorAction Stop | Select-Object Name,InterfaceDescription,ifIndex,Status',
  ipInterfaces:
    'Get-NetIPInterface -AddressFamily IPv4 -ErrorAction Stop | Select-Object InterfaceAlias,InterfaceIndex,InterfaceMetric,AutomaticMetric,ConnectionState',
  dnsServers:
    'Get-DnsClientServerAddress -AddressFamily IPv4 -ErrorAction Stop | Select-Object InterfaceAlias,InterfaceIndex,ServerAddresses',
  nrptPolicy: 'Get-DnsClientNrptPolicy -ErrorAction Stop | Select-Object Namespace,NameServers',
  firewallProfiles:
    'Get-NetFirewallProfile -PolicyStore ActiveStore -ErrorAction Stop | Select-Object Name,Enabled,DefaultInboundAction,AllowInboundRules,AllowLocalFirewallRules',
  proxySettings:
    "Get-ItemProperty -Path 'HKCU:\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings' -ErrorAction Stop | Select-Object ProxyEnable,ProxyServer,AutoConfigURL",
  wslEvents:
    "Get-WinEvent -FilterHashtable @{LogName='Application'; ProviderName='WSL'} -MaxEvents 20 -ErrorAction Stop | Select-Object TimeCreated,Id,LevelDisplayName,Message",
  tcpListeners:
    'Get-NetTCPConnection -State Listen -ErrorAction Stop | Select-Object LocalAddress,LocalPort,OwningProcess',
  udpEndpoints: 'Get-NetUDPEndpoint -ErrorAction Stop | Select-Object LocalAddress,LocalPort,OwningProcess',
};

export const ALL_CONNECTIVITY_QUERIES: readonly ConnectivityQueryId[] = Object.keys(
  CONNECTIVITY_QUERIES,
) as ConnectivityQueryId[];

export function buildConnectivityQueryScript(ids: readonly ConnectivityQueryId[] = ALL_CONNECTIVITY_QUERIES): string {
  const parts = ids.map(
    (id) =>
      `Write-Output '${PART_MARKER}${id}'; ` +
      `try { ${CONNECTIVITY_QUERIES[id]} | ConvertTo-Json -Depth 3 -Compress } ` +
      `catch { Write-Output ('${ERROR_MARKER}' + $_.Exception.Message) }`,
  );
  return [POWERSHELL_PREAMBLE, ...parts].join('; ');
}

export function buildConnectivityQueryCommand(ids: readonly ConnectivityQueryId[] = ALL_CONNECTIVITY_QUERIES): {
  file: string;
  args: string[];
} {
  return { file: POWERSHELL_EXE, args: [...POWERSHELL_BASE_ARGS, buildConnectivityQueryScript(ids)] };
}

export function splitConnectivityOutput(stdout: string): Map<ConnectivityQueryId, QueryPart> {
  return splitQueryOutput(stdout) as unknown as Map<ConnectivityQueryId, QueryPart>;
}

export type ExcludedRangeQuery = { readonly family: 'ipv4' | 'ipv6'; readonly protocol: 'tcp' | 'udp' };
export const EXCLUDED_RANGE_QUERIES: readonly ExcludedRangeQuery[] = [
  { family: 'ipv4', protocol: 'tcp' },
  { family: 'ipv4', protocol: 'udp' },
  { family: 'ipv6', protocol: 'tcp' },
  { family: 'ipv6', protocol: 'udp' },
];

/** `netsh interface ipv4 show excludedportrange protocol=tcp` (read-only; localized output). */
export function buildExcludedPortRangeCommand(query: ExcludedRangeQuery): { file: string; args: string[] } {
  return {
    file: NETSH_EXE,
    args: ['interface', query.family, 'show', 'excludedportrange', `protocol=${query.protocol}`],
  };
}
