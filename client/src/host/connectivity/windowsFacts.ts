// Everything the doctor knows about Windows, assembled from the batched PowerShell output and
// the netsh excluded-range tables. A part that failed keeps its error and leaves its fact
// undefined, so one missing cmdlet (Get-DnsClientNrptPolicy on a stripped image) spoils nothing else.
import type { WindowsTcpListener } from '../hostTypes';
import { parseTcpListeners } from '../parseTcpListeners';
import {
  isNoEventsError,
  parseDnsServers,
  parseExcludedPortRanges,
  parseFirewallProfiles,
  parseIpInterfaces,
  parseNetAdapters,
  parseNrptPolicy,
  parseProxySettings,
  parseUdpEndpoints,
  parseWslEvents,
  type DnsServerEntry,
  type ExcludedPortRange,
  type FirewallProfileFacts,
  type IpInterface,
  type NetAdapter,
  type NrptRule,
  type WindowsProxyFacts,
  type WindowsUdpEndpoint,
  type WslWarningEvent,
} from './windowsParsers';
import { splitConnectivityOutput, type ConnectivityQueryId, type ExcludedRangeQuery } from './windowsQueries';

export type ExcludedRangeKey = `${ExcludedRangeQuery['family']}-${ExcludedRangeQuery['protocol']}`;

export interface WindowsFacts {
  readonly adapters?: readonly NetAdapter[];
  readonly ipInterfaces?: readonly IpInterface[];
  readonly dnsServers?: readonly DnsServerEntry[];
  readonly nrpt?: readonly NrptRule[];
  readonly firewallProfiles?: readonly FirewallProfileFacts[];
  readonly proxy?: WindowsProxyFacts;
  readonly wslEvents?: readonly WslWarningEvent[];
  readonly tcpListeners?: readonly WindowsTcpListener[];
  readonly udpEndpoints?: readonly WindowsUdpEndpoint[];
  readonly excluded?: Partial<Record<ExcludedRangeKey, readonly ExcludedPortRange[]>>;
  /** Query id → PowerShell's error message, for the evidence. */
  readonly errors: Readonly<Record<string, string>>;
}

type Parsers = { [K in ConnectivityQueryId]: (json: string) => unknown };
const PARSERS: Parsers = {
  netAdapters: parseNetAdapters,
  ipInterfaces: parseIpInterfaces,
  dnsServers: parseDnsServers,
  nrptPolicy: parseNrptPolicy,
  firewallProfiles: parseFirewallProfiles,
  proxySettings: parseProxySettings,
  wslEvents: parseWslEvents,
  tcpListeners: parseTcpListeners,
  udpEndpoints: parseUdpEndpoints,
};
const FIELD: Readonly<Record<ConnectivityQueryId, keyof WindowsFacts>> = {
  netAdapters: 'adapters',
  ipInterfaces: 'ipInterfaces',
  dnsServers: 'dnsServers',
  nrptPolicy: 'nrpt',
  firewallProfiles: 'firewallProfiles',
  proxySettings: 'proxy',
  wslEvents: 'wslEvents',
  tcpListeners: 'tcpListeners',
  udpEndpoints: 'udpEndpoints',
};

/**
 * @param powershellStdout output of buildConnectivityQueryCommand()
 * @param netshOutputs `ipv4-tcp` → output of buildExcludedPortRangeCommand({family:'ipv4',protocol:'tcp'}), …
 */
export function assembleWindowsFacts(
  powershellStdout: string | undefined,
  netshOutputs: Partial<Record<ExcludedRangeKey, string>> = {},
): WindowsFacts {
  const facts: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  if (powershellStdout !== undefined) {
    for (const [id, part] of splitConnectivityOutput(powershellStdout)) {
      if (!(id in PARSERS)) continue;
      if (!part.ok) {
        // Get-WinEvent reports "no events" as an error; Get-NetTCPConnection likewise for no listener.
        if (id === 'wslEvents' && isNoEventsError(part.error)) facts[FIELD[id]] = [];
        else if ((id === 'tcpListeners' || id === 'udpEndpoints') && /No MSFT_Net\w+ objects found/i.test(part.error))
          facts[FIELD[id]] = [];
        else errors[id] = part.error;
        continue;
      }
      try {
        facts[FIELD[id]] = PARSERS[id](part.json);
      } catch (error) {
        errors[id] = (error as Error).message;
      }
    }
  }
  const excluded: Partial<Record<ExcludedRangeKey, readonly ExcludedPortRange[]>> = {};
  for (const [key, text] of Object.entries(netshOutputs) as [ExcludedRangeKey, string | undefined][]) {
    if (text !== undefined) excluded[key] = parseExcludedPortRanges(text);
  }
  if (Object.keys(excluded).length > 0) facts['excluded'] = excluded;
  return { ...(facts as Omit<WindowsFacts, 'errors'>), errors };
}
