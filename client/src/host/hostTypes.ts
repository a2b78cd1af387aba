// Domain types shared by the host layer. Every value here has already been parsed and
// normalised, so the UI never sees localized labels, UTF-16 bytes or PowerShell enum numbers.

/**
 * The effective networking mode, spelled exactly as `wslinfo --networking-mode` prints it; defined
 * with the other mode facts in the shared core (server/src/core/networkingMode.ts).
 */
export type { EffectiveMode as NetworkingMode } from '../../../server/src/core';

/** State words of `wsl.exe -l -v`. They are not localized (WslClient.cpp `ListDistributionsHelper`). */
export type DistroState = 'Running' | 'Stopped' | 'Installing' | 'Uninstalling' | 'Converting' | 'Exporting';

export interface DistroInfo {
  readonly name: string;
  /** A known state word, or the raw text if a future WSL adds one. */
  readonly state: DistroState | string;
  /** 1 or 2; undefined when the column was missing or not a number. */
  readonly version: number | undefined;
  readonly isDefault: boolean;
}

export interface WslStatus {
  readonly defaultDistro: string | undefined;
  readonly defaultVersion: number | undefined;
  /** Extra paragraphs (WSL1 unsupported, virtualization disabled, …), localized, for display only. */
  readonly notes: readonly string[];
}

/**
 * `wsl.exe --version`. Each value is undefined when its line was missing or its label was not
 * recognised: one unreadable line costs only that field.
 */
export interface WslVersionInfo {
  readonly wslVersion?: string;
  readonly kernelVersion?: string;
  readonly wslgVersion?: string;
  readonly msrdcVersion?: string;
  readonly direct3dVersion?: string;
  readonly dxcoreVersion?: string;
  readonly windowsVersion?: string;
  /** Lines after the fixed ones (debug builds add MSBuild version, commit, build time). */
  readonly extra: readonly string[];
}

/**
 * Called by a parser with output it could not read (all of it, or one line), so the host can log
 * the raw text once for the user to report. `what` names the command.
 */
export type UnknownOutputReporter = (what: string, raw: string) => void;

export type PortProxyKind = 'v4tov4' | 'v4tov6' | 'v6tov4' | 'v6tov6';

export interface PortProxyRule {
  readonly kind: PortProxyKind;
  /** `*`, an IP or a host name, exactly as netsh prints it. */
  readonly listenAddress: string;
  readonly listenPort: number;
  readonly connectAddress: string;
  readonly connectPort: number;
}

export type FirewallAction = 'NotConfigured' | 'Allow' | 'AllowBypass' | 'Block';
export type FirewallDirection = 'Inbound' | 'Outbound';
/** Firewall profiles; a rule for `Any` lists all three. */
export type FirewallProfile = 'Domain' | 'Private' | 'Public';

export interface FirewallRule {
  /** The unique `Name` (often a GUID); port and application filters are joined on it. */
  readonly name: string;
  readonly displayName: string;
  readonly enabled: boolean;
  readonly direction: FirewallDirection | undefined;
  readonly action: FirewallAction | undefined;
  readonly profiles: readonly FirewallProfile[];
  /** `TCP`, `UDP`, `Any` or a protocol number as text; `Any` when no port filter was found. */
  readonly protocol: string;
  /** `Any`, single ports and ranges (`8000-8100`) as PowerShell reports them. */
  readonly localPorts: readonly string[];
  /** `Any` or a program path; a program-scoped rule does not cover other processes. */
  readonly program: string;
  /**
   * Who may connect (the address filter's RemoteAddress): `Any`, keywords such as `LocalSubnet`,
   * addresses, subnets, ranges. undefined when the address filters could not be read.
   */
  readonly remoteAddresses?: readonly string[];
}

export interface HyperVFirewallRule {
  readonly name: string;
  readonly displayName: string;
  readonly enabled: boolean;
  readonly direction: FirewallDirection | undefined;
  readonly action: FirewallAction | undefined;
  /** `{GUID}` or `Any`. */
  readonly vmCreatorId: string;
  readonly protocol: string;
  readonly localPorts: readonly string[];
  readonly profiles: readonly FirewallProfile[];
  /** Who may connect (RemoteAddresses): `Any` or addresses, subnets and ranges; undefined when not read. */
  readonly remoteAddresses?: readonly string[];
}

export interface HyperVVmSetting {
  readonly name: string;
  /** undefined means NotConfigured (the built-in default applies). */
  readonly enabled: boolean | undefined;
  readonly defaultInboundAction: FirewallAction | undefined;
  readonly defaultOutboundAction: FirewallAction | undefined;
  readonly loopbackEnabled: boolean | undefined;
}

export type NetworkCategory = 'Public' | 'Private' | 'DomainAuthenticated';

export interface ConnectionProfile {
  readonly name: string;
  readonly interfaceAlias: string;
  readonly interfaceIndex: number | undefined;
  readonly networkCategory: NetworkCategory | undefined;
  readonly ipv4Connectivity: string | undefined;
}

export interface WindowsTcpListener {
  readonly localAddress: string;
  readonly localPort: number;
  readonly owningProcess: number | undefined;
}

export type ProcNetTable = 'tcp' | 'tcp6' | 'udp' | 'udp6';
export type SocketProtocol = 'tcp' | 'udp';

export interface ListeningSocket {
  readonly protocol: SocketProtocol;
  readonly family: 4 | 6;
  /** Text form of the bind address (`127.0.0.1`, `::`, `::ffff:10.0.0.1`, …). */
  readonly address: string;
  readonly port: number;
  readonly inode: number;
  readonly uid: number;
  /** undefined when /proc/<pid>/fd of the owner was not readable (another user's process). */
  readonly pid: number | undefined;
  readonly processName: string | undefined;
  readonly table: ProcNetTable;
}
