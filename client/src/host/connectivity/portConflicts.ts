// Why a port cannot be used, from facts already read: Windows' excluded port ranges (netsh
// ... show excludedportrange; Hyper-V/WinNAT reserve blocks there, microsoft/WSL#5514, and in
// mirrored mode WSL reserves its own range, microsoft/WSL#12228), the ports mirrored mode never
// steers into Linux, and a Windows program already listening on the port. One pure function,
// shared by Expose Port, Diagnose Port and the doctor.
import type { WindowsTcpListener } from '../hostTypes';
import { classifyBindAddress, hostWithPort } from '../ipAddress';
import type { Localize } from '../localize';
import { assembleWindowsFacts } from './windowsFacts';
import { parseExcludedPortRanges, type ExcludedPortRange, type WindowsUdpEndpoint } from './windowsParsers';
import { buildConnectivityQueryCommand, buildExcludedPortRangeCommand, EXCLUDED_RANGE_QUERIES } from './windowsQueries';

export type PortProtocol = 'tcp' | 'udp';

/**
 * The WSL troubleshooting page lists them under "Issues with steering the inbound traffic received
 * by the Windows host to the WSL Virtual Machine"
 * (learn.microsoft.com/windows/wsl/troubleshooting#issues-with-steering-the-inbound-traffic-received-by-the-windows-host-to-the-wsl-virtual-machine;
 * MicrosoftDocs/WSL WSL/troubleshooting.md; the networking page itself has no such list):
 * "When using Mirrored networking mode [...] some inbound traffic received by the Windows host will
 * never be steered to the Linux VM. This traffic is as follows: UDP port 68 (DHCP), TCP port 135
 * (DCE endpoint resolution), TCP port 1900 (UPnP), TCP port 2869 (SSDP), TCP port 5004 (RTP),
 * TCP port 3702 (WSD), TCP port 5357 (WSD), TCP port 5358 (WSD)". The protocols are the page's.
 */
export const MIRRORED_NEVER_FORWARDED: Readonly<Record<PortProtocol, readonly number[]>> = {
  udp: [68],
  tcp: [135, 1900, 2869, 3702, 5004, 5357, 5358],
};

export type PortConflict =
  | { readonly kind: 'reservedRange'; readonly family: 'ipv4' | 'ipv6'; readonly range: ExcludedPortRange }
  | { readonly kind: 'mirroredNeverForwarded' }
  | { readonly kind: 'windowsListener'; readonly localAddress: string; readonly owningProcess: number | undefined }
  | { readonly kind: 'ignoredPort' };

export interface PortConflictFacts {
  readonly excluded?: Partial<Record<`${'ipv4' | 'ipv6'}-${PortProtocol}`, readonly ExcludedPortRange[]>>;
  readonly tcpListeners?: readonly WindowsTcpListener[];
  readonly udpEndpoints?: readonly WindowsUdpEndpoint[];
  /** Effective networking mode (`wslinfo --networking-mode`). */
  readonly mode?: string;
  /** `.wslconfig [experimental] ignoredPorts` (mirrored: Linux binds there are not mirrored). */
  readonly ignoredPorts?: readonly number[];
}

export function findPortConflicts(port: number, protocol: PortProtocol, facts: PortConflictFacts): PortConflict[] {
  const conflicts: PortConflict[] = [];
  for (const family of ['ipv4', 'ipv6'] as const) {
    for (const range of facts.excluded?.[`${family}-${protocol}`] ?? []) {
      if (port >= range.start && port <= range.end) conflicts.push({ kind: 'reservedRange', family, range });
    }
  }
  if (facts.mode === 'mirrored') {
    if (MIRRORED_NEVER_FORWARDED[protocol].includes(port)) conflicts.push({ kind: 'mirroredNeverForwarded' });
    if (facts.ignoredPorts?.includes(port)) conflicts.push({ kind: 'ignoredPort' });
  }
  const listeners = protocol === 'tcp' ? (facts.tcpListeners ?? []) : (facts.udpEndpoints ?? []);
  const seen = new Set<string>();
  for (const listener of listeners) {
    if (listener.localPort !== port) continue;
    const key = `${listener.localAddress}/${listener.owningProcess ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    conflicts.push({
      kind: 'windowsListener',
      localAddress: listener.localAddress,
      owningProcess: listener.owningProcess,
    });
  }
  return conflicts;
}

/** Runs one read-only Windows tool; its stdout, or undefined when it could not run. */
export type WindowsToolReader = (command: {
  readonly file: string;
  readonly args: readonly string[];
}) => Promise<string | undefined>;

/**
 * The conflict facts the cockpit does not already hold, for one protocol: Windows' excluded
 * ranges (IPv4 and IPv6 tables) and, for UDP, the UDP endpoints (TCP listeners are in the
 * cockpit's facts). A table that could not be read is left out, so it never reads as "no conflict".
 */
export async function readPortConflictFacts(
  read: WindowsToolReader,
  protocol: PortProtocol,
): Promise<Pick<PortConflictFacts, 'excluded' | 'udpEndpoints'>> {
  const queries = EXCLUDED_RANGE_QUERIES.filter((query) => query.protocol === protocol);
  const [tables, udp] = await Promise.all([
    Promise.all(queries.map(async (query) => [query, await read(buildExcludedPortRangeCommand(query))] as const)),
    protocol === 'udp' ? read(buildConnectivityQueryCommand(['udpEndpoints'])) : Promise.resolve(undefined),
  ]);
  const excluded: NonNullable<PortConflictFacts['excluded']> = {};
  for (const [query, text] of tables) {
    if (text !== undefined) excluded[`${query.family}-${query.protocol}`] = parseExcludedPortRanges(text);
  }
  const udpEndpoints = udp !== undefined ? assembleWindowsFacts(udp).udpEndpoints : undefined;
  return { excluded, ...(udpEndpoints !== undefined ? { udpEndpoints } : {}) };
}

/**
 * The conflicts that matter for traffic from the LAN: a Windows program bound to loopback only
 * never receives it (and under NAT that listener is usually WSL's own localhost relay for the
 * same port, learn.microsoft.com/windows/wsl/networking "Accessing Linux networking apps from
 * Windows (localhost)"), so it is not a conflict for Expose Port.
 */
export function lanExposureConflicts(conflicts: readonly PortConflict[]): PortConflict[] {
  return conflicts.filter(
    (conflict) => conflict.kind !== 'windowsListener' || classifyBindAddress(conflict.localAddress) !== 'loopback',
  );
}

/** One line per conflict, for a confirmation dialog or a report (plain text; escape for Markdown). */
export function describePortConflict(
  conflict: PortConflict,
  port: number,
  protocol: PortProtocol,
  t: Localize,
): string {
  const name = protocol.toUpperCase();
  switch (conflict.kind) {
    case 'reservedRange':
      return t(
        'Windows reserves {0} ports {1}-{2} ({3}, netsh excludedportrange{4}): nothing on Windows can listen on port {5}, so a portproxy rule or a mirrored bind there fails. Pick another port.',
        name,
        conflict.range.start,
        conflict.range.end,
        conflict.family === 'ipv4' ? 'IPv4' : 'IPv6',
        conflict.range.administered ? t(', set by an administrator') : '',
        port,
      );
    case 'mirroredNeverForwarded':
      return t(
        'In mirrored mode Windows never steers inbound {0} port {1} to Linux (WSL troubleshooting docs). Pick another port.',
        name,
        port,
      );
    case 'windowsListener':
      return t(
        'A Windows program (PID {0}) already listens on {1}: connections to port {2} may reach it instead of WSL.',
        conflict.owningProcess ?? '?',
        hostWithPort(conflict.localAddress, port),
        port,
      );
    case 'ignoredPort':
      return t(
        'Port {0} is in [experimental] ignoredPorts: mirrored mode does not mirror Linux programs bound to it.',
        port,
      );
  }
}
