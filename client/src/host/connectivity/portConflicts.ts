// Why a port cannot be used, from facts already read: Windows' excluded port ranges (netsh
// ... show excludedportrange; Hyper-V/WinNAT reserve blocks there, microsoft/WSL#5514, and in
// mirrored mode WSL reserves its own range, microsoft/WSL#12228), the ports mirrored mode never
// steers into Linux, and a Windows program already listening on the port. One pure function,
// shared by Expose Port, Diagnose Port and the doctor.
import type { WindowsTcpListener } from '../hostTypes';
import type { ExcludedPortRange, WindowsUdpEndpoint } from './windowsParsers';

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
