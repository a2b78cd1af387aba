// Parsers for the doctor's Windows facts. JSON comes from Windows PowerShell 5.1's
// ConvertTo-Json (one object for one result, nothing for none, enums as numbers; see
// ../powershellJson.ts); netsh prints localized text, so only the digit columns are read.
import { asGpoBoolean, asNumber, asString, asStringList, parsePowerShellJsonList } from '../powershellJson';

// ---- adapters and VPN recognition -------------------------------------------------------------

export type VpnProduct =
  | 'Cisco AnyConnect / Secure Client'
  | 'GlobalProtect'
  | 'FortiClient'
  | 'Check Point'
  | 'Pulse Secure / Ivanti'
  | 'Zscaler'
  | 'WireGuard'
  | 'Tailscale'
  | 'OpenVPN';

/**
 * InterfaceDescription patterns. Real descriptions: "Cisco AnyConnect Secure Mobility Client
 * Virtual Miniport Adapter for Windows x64", "PANGP Virtual Ethernet Adapter" (microsoft/WSL
 * #4277, deanmcniven/wsl2-vpn-support#10), "Fortinet SSL VPN Virtual Ethernet Adapter",
 * "TAP-Windows Adapter V9", "WireGuard Tunnel", "Tailscale Tunnel".
 */
export const VPN_PATTERNS: readonly (readonly [VpnProduct, RegExp])[] = [
  ['Cisco AnyConnect / Secure Client', /Cisco AnyConnect|Cisco Secure Client/i],
  ['GlobalProtect', /PANGP|GlobalProtect/i],
  ['FortiClient', /Fortinet|FortiClient/i],
  ['Check Point', /Check Point/i],
  ['Pulse Secure / Ivanti', /Pulse Secure|Juniper Networks Virtual Adapter|Ivanti/i],
  ['Zscaler', /Zscaler/i],
  ['WireGuard', /WireGuard/i],
  ['Tailscale', /Tailscale/i],
  ['OpenVPN', /OpenVPN|TAP-Windows/i],
];

export function recognizeVpn(description: string): VpnProduct | undefined {
  return VPN_PATTERNS.find(([, pattern]) => pattern.test(description))?.[0];
}

export interface NetAdapter {
  readonly name: string;
  readonly description: string;
  readonly interfaceIndex: number | undefined;
  /** Get-NetAdapter's Status is a string property: Up, Disconnected, Disabled, Not Present. */
  readonly status: string;
  readonly vpn: VpnProduct | undefined;
}

export function parseNetAdapters(json: string): NetAdapter[] {
  return parsePowerShellJsonList(json).flatMap((item) => {
    const name = asString(item['Name']);
    if (name === undefined) return [];
    const description = asString(item['InterfaceDescription']) ?? '';
    return [
      {
        name,
        description,
        interfaceIndex: asNumber(item['ifIndex'] ?? item['InterfaceIndex']),
        status: asString(item['Status']) ?? '',
        vpn: recognizeVpn(description),
      },
    ];
  });
}

// ---- interface metrics --------------------------------------------------------------------------

export interface IpInterface {
  readonly alias: string;
  readonly interfaceIndex: number | undefined;
  readonly metric: number | undefined;
  readonly automaticMetric: boolean | undefined;
  readonly connected: boolean;
}

/** ConnectionState: Disconnected = 0, Connected = 1; AutomaticMetric: Disabled = 0, Enabled = 1 (MSFT_NetIPInterface). */
export function parseIpInterfaces(json: string): IpInterface[] {
  return parsePowerShellJsonList(json).flatMap((item) => {
    const alias = asString(item['InterfaceAlias']);
    if (alias === undefined) return [];
    return [
      {
        alias,
        interfaceIndex: asNumber(item['InterfaceIndex'] ?? item['ifIndex']),
        metric: asNumber(item['InterfaceMetric']),
        automaticMetric: enumFlag(item['AutomaticMetric'], 'Enabled'),
        connected: enumFlag(item['ConnectionState'], 'Connected') ?? false,
      },
    ];
  });
}

function enumFlag(value: unknown, trueName: string): boolean | undefined {
  if (typeof value === 'number') return value === 1;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') return value.trim().toLowerCase() === trueName.toLowerCase() || value.trim() === '1';
  return undefined;
}

// ---- DNS ------------------------------------------------------------------------------------------

export interface DnsServerEntry {
  readonly alias: string;
  readonly servers: readonly string[];
}

export function parseDnsServers(json: string): DnsServerEntry[] {
  return parsePowerShellJsonList(json).flatMap((item) => {
    const alias = asString(item['InterfaceAlias']);
    return alias === undefined ? [] : [{ alias, servers: asStringList(item['ServerAddresses']) }];
  });
}

export interface NrptRule {
  readonly namespaces: readonly string[];
  readonly nameServers: readonly string[];
}

/** Get-DnsClientNrptPolicy: the effective table; VPN clients put their split-DNS suffixes here. */
export function parseNrptPolicy(json: string): NrptRule[] {
  return parsePowerShellJsonList(json).map((item) => ({
    namespaces: asStringList(item['Namespace']),
    nameServers: asStringList(item['NameServers']),
  }));
}

// ---- firewall profiles ----------------------------------------------------------------------------

export interface FirewallProfileFacts {
  readonly name: string;
  readonly enabled: boolean | undefined;
  /** undefined = NotConfigured (the default, true, applies). */
  readonly allowInboundRules: boolean | undefined;
  readonly allowLocalFirewallRules: boolean | undefined;
  readonly defaultInboundAction: string | undefined;
}

const PROFILE_NAME_BY_NUMBER: Readonly<Record<number, string>> = { 1: 'Domain', 2: 'Private', 4: 'Public' };
const ACTION_NAMES: Readonly<Record<number, string>> = { 0: 'NotConfigured', 2: 'Allow', 4: 'Block' };

/** A GpoBoolean as Get-NetFirewallProfile prints it: `True`, `False`, or `NotConfigured` (undefined). */
export function describeGpoBoolean(value: boolean | undefined): string {
  return value === undefined ? 'NotConfigured' : value ? 'True' : 'False';
}

/** Enabled / AllowInboundRules / AllowLocalFirewallRules are GpoBoolean: False 0, True 1, NotConfigured 2. */
export function parseFirewallProfiles(json: string): FirewallProfileFacts[] {
  return parsePowerShellJsonList(json).flatMap((item) => {
    const rawName = item['Name'];
    const name = typeof rawName === 'number' ? PROFILE_NAME_BY_NUMBER[rawName] : asString(rawName);
    if (name === undefined) return [];
    const action = item['DefaultInboundAction'];
    return [
      {
        name,
        enabled: asGpoBoolean(item['Enabled']),
        allowInboundRules: asGpoBoolean(item['AllowInboundRules']),
        allowLocalFirewallRules: asGpoBoolean(item['AllowLocalFirewallRules']),
        defaultInboundAction: typeof action === 'number' ? ACTION_NAMES[action] : asString(action),
      },
    ];
  });
}

// ---- Windows proxy --------------------------------------------------------------------------------

export interface WindowsProxyFacts {
  readonly enabled: boolean;
  /** Host[:port] of each proxy entry, without credentials or scheme lists; empty when unset. */
  readonly servers: readonly {
    readonly scheme: string | undefined;
    readonly host: string;
    readonly port: number | undefined;
  }[];
  /** Only the host of the PAC URL. */
  readonly pacHost: string | undefined;
  readonly hasPac: boolean;
}

/**
 * ProxyServer is `host:port` or `http=host:port;https=host:port;…`; a value may (rarely) carry
 * `user:pw@`. Only hosts and ports survive this function.
 */
export function parseProxySettings(json: string): WindowsProxyFacts {
  const item = parsePowerShellJsonList(json)[0];
  if (item === undefined) return { enabled: false, servers: [], pacHost: undefined, hasPac: false };
  const enabled = asNumber(item['ProxyEnable']) === 1;
  const servers = (asString(item['ProxyServer']) ?? '')
    .split(';')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .flatMap((entry) => {
      const eq = entry.indexOf('=');
      const scheme = eq > 0 ? entry.slice(0, eq).toLowerCase() : undefined;
      const endpoint = hostAndPort(eq > 0 ? entry.slice(eq + 1) : entry);
      return endpoint ? [{ scheme, ...endpoint }] : [];
    });
  const pac = asString(item['AutoConfigURL']);
  let pacHost: string | undefined;
  if (pac !== undefined && pac.trim() !== '') {
    try {
      pacHost = new URL(pac.trim()).hostname || undefined;
    } catch {
      pacHost = undefined;
    }
  }
  return { enabled, servers, pacHost, hasPac: pac !== undefined && pac.trim() !== '' };
}

function hostAndPort(text: string): { host: string; port: number | undefined } | undefined {
  const withoutScheme = text.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  const withoutCredentials = withoutScheme.includes('@')
    ? withoutScheme.slice(withoutScheme.lastIndexOf('@') + 1)
    : withoutScheme;
  const match = /^(\[[^\]]+\]|[^:/]+)(?::([0-9]{1,5}))?/.exec(withoutCredentials);
  if (!match) return undefined;
  return {
    host: (match[1] as string).replace(/^\[|\]$/g, ''),
    port: match[2] !== undefined ? Number(match[2]) : undefined,
  };
}

// ---- WSL's own warnings (Application event log, source "WSL") -------------------------------------

export type WslWarningKind =
  | 'mirroredFallback'
  | 'networkFallback'
  | 'localhostProxyNotMirrored'
  | 'dnsTunnelingNotSupported'
  | 'dnsTunnelingDisabledGsa'
  | 'hyperVFirewallNotSupported'
  | 'configError'
  | 'other';

export interface WslWarningEvent {
  readonly time: string | undefined;
  readonly message: string;
  readonly kind: WslWarningKind;
}

/**
 * en-US texts of WSL's user warnings (microsoft/WSL localization/strings/en-US/Resources.resw,
 * as quoted in microsoft/WSL#10495, #11568, #10753). Other display languages keep kind 'other'
 * and are shown verbatim.
 */
const WARNING_PATTERNS: readonly (readonly [WslWarningKind, RegExp])[] = [
  ['mirroredFallback', /Mirrored networking mode is not supported/i],
  ['networkFallback', /Failed to configure network \(networkingMode/i],
  ['localhostProxyNotMirrored', /localhost proxy configuration was detected but not mirrored/i],
  ['dnsTunnelingDisabledGsa', /Global Secure Access Client, DNS Tunneling is disabled/i],
  ['dnsTunnelingNotSupported', /DNS Tunneling is not supported/i],
  ['hyperVFirewallNotSupported', /Hyper-V firewall is not supported/i],
  ['configError', /^(Invalid|Unknown key|Expected|Empty|Duplicated config key)\b.*\.wslconfig/i],
];

export function classifyWslWarning(message: string): WslWarningKind {
  return WARNING_PATTERNS.find(([, pattern]) => pattern.test(message))?.[0] ?? 'other';
}

/** TimeCreated: 5.1 prints `/Date(1715086747000)/`; 7 prints an ISO string. */
export function parseWslEvents(json: string): WslWarningEvent[] {
  return parsePowerShellJsonList(json).flatMap((item) => {
    const message = asString(item['Message']);
    if (message === undefined) return [];
    const created = asString(item['TimeCreated']);
    let time: string | undefined;
    const epoch = created !== undefined ? /\/Date\((-?[0-9]+)\)\//.exec(created) : null;
    if (epoch) time = new Date(Number(epoch[1])).toISOString();
    else if (created !== undefined && !Number.isNaN(Date.parse(created))) time = new Date(created).toISOString();
    return [{ time, message: message.trim(), kind: classifyWslWarning(message) }];
  });
}

/** Get-WinEvent throws instead of printing nothing when no event matches: that is not an error. */
export function isNoEventsError(error: string): boolean {
  return /No events were found that match the specified selection criteria/i.test(error);
}

// ---- UDP endpoints ------------------------------------------------------------------------------

export interface WindowsUdpEndpoint {
  readonly localAddress: string;
  readonly localPort: number;
  readonly owningProcess: number | undefined;
}

export function parseUdpEndpoints(json: string): WindowsUdpEndpoint[] {
  return parsePowerShellJsonList(json).flatMap((item) => {
    const localAddress = asString(item['LocalAddress']);
    const localPort = asNumber(item['LocalPort']);
    return localAddress === undefined || localPort === undefined
      ? []
      : [{ localAddress, localPort, owningProcess: asNumber(item['OwningProcess']) }];
  });
}

// ---- netsh excluded port ranges -------------------------------------------------------------------

export interface ExcludedPortRange {
  readonly start: number;
  readonly end: number;
  /** Marked `*`: an administered exclusion (added with `netsh … add excludedportrange`). */
  readonly administered: boolean;
}

/**
 * `netsh interface ipv4 show excludedportrange protocol=tcp`. Titles, column headers and the
 * footnote are localized ("Start Port"/"Puerto de inicio"/"开始端口"); the rows are always two
 * right-aligned numbers and an optional `*`, so only rows of that shape are read.
 */
export function parseExcludedPortRanges(text: string): ExcludedPortRange[] {
  const ranges: ExcludedPortRange[] = [];
  for (const line of text.replace(/\r/g, '').split('\n')) {
    const match = /^\s*([0-9]{1,5})\s+([0-9]{1,5})(\s+\*)?\s*$/.exec(line);
    if (!match) continue;
    const start = Number(match[1]);
    const end = Number(match[2]);
    if (start < 1 || end > 65535 || end < start) continue;
    ranges.push({ start, end, administered: match[3] !== undefined });
  }
  return ranges;
}
