// Who can connect to a socket listening inside WSL: only Linux, Windows (localhost), or the
// LAN. Pure function of facts gathered elsewhere, with a human-readable reason for every
// step so the ports view can explain itself instead of showing a bare icon.
//
// The model per effective networking mode (MicrosoftDocs/WSL networking.md, wsl-config.md,
// truth §5):
// - nat: localhostForwarding (default true) relays TCP ports bound to loopback or wildcard
//   to Windows localhost. LAN clients need a netsh portproxy rule on Windows that points at
//   the CURRENT VM address (or at localhost, which reuses the relay) plus a Windows firewall
//   rule for the proxy's listen port on the active network profile.
// - mirrored: Windows shares its interfaces with Linux, so localhost works for every bind;
//   the LAN needs a wildcard or host-address bind and the Hyper-V firewall to allow the port
//   (a rule for WSL's VM creator, or DefaultInboundAction Allow). experimental.ignoredPorts
//   stay inside Linux. localhostForwarding has no effect.
// - bridged: the VM sits on the LAN with its own address; wildcard binds are reachable
//   directly, and localhostForwarding still serves Windows localhost.
// - consomme: treated like NAT (localhostForwarding still applies, truth §5.2) [UNCONFIRMED
//   for LAN access through portproxy].
// - none: no network. wsl1: Linux sockets are Windows sockets.
import type {
  ConnectionProfile,
  FirewallProfile,
  FirewallRule,
  HyperVFirewallRule,
  HyperVVmSetting,
  ListeningSocket,
  NetworkingMode,
  PortProxyRule,
} from './hostTypes';
import { activeLanProfiles, hyperVFirewallVerdict, windowsFirewallVerdict, type FirewallVerdict, type Proto } from './firewallMatching';
import { addressFamily, classifyBindAddress, isLoopback, sameAddress, unmapIPv4 } from './ipAddress';
import { describePortProxy, isStalePortProxy } from './stalePortProxy';

export type ReachabilityLevel = 'wsl-only' | 'windows-localhost' | 'lan';

/** Machine-readable reasons why the LAN cannot connect, for UI actions ("Expose to LAN"). */
export type LanBlocker =
  | 'network-none'
  | 'loopback-bind'
  | 'address-not-on-lan'
  | 'ignored-port'
  | 'udp-not-proxied'
  | 'no-portproxy'
  | 'stale-portproxy'
  | 'portproxy-local-only'
  | 'windows-firewall'
  | 'windows-firewall-unknown'
  | 'hyperv-firewall'
  | 'hyperv-firewall-unknown';

export interface NetworkContext {
  readonly mode: NetworkingMode;
  /** `[wsl2] localhostForwarding`; default true. Ignored in mirrored mode. */
  readonly localhostForwarding?: boolean;
  /** The VM's current addresses (`hostname -I`; in mirrored mode the host's addresses). */
  readonly wslIps: readonly string[];
  readonly portProxies?: readonly PortProxyRule[];
  /** undefined = could not be read; [] = read, none present. */
  readonly firewallRules?: readonly FirewallRule[];
  readonly hyperVRules?: readonly HyperVFirewallRule[];
  readonly hyperVSetting?: HyperVVmSetting;
  readonly connectionProfiles?: readonly ConnectionProfile[];
  /** `[experimental] ignoredPorts` (mirrored only). */
  readonly ignoredPorts?: readonly number[];
}

export interface Reachability {
  readonly level: ReachabilityLevel;
  /** `localhost:<port>` on Windows reaches this socket. */
  readonly windowsLocalhost: boolean;
  /** Windows reaches it at least through the VM address (NAT/bridged wildcard or address binds). */
  readonly fromWindows: boolean;
  readonly fromLan: boolean;
  /** Windows host:port pairs LAN clients would use (the portproxy listen side in NAT). */
  readonly lanEndpoints: readonly string[];
  readonly reasons: readonly string[];
  readonly lanBlockers: readonly LanBlocker[];
  /** Some facts were unknown (firewall not readable, …), so `fromLan` may be too pessimistic. */
  readonly uncertain: boolean;
  /** The portproxy rule that carries (or would carry, once fixed) LAN traffic in NAT mode. */
  readonly portProxy?: PortProxyRule;
}

interface Draft {
  windowsLocalhost: boolean;
  fromWindows: boolean;
  fromLan: boolean;
  lanEndpoints: string[];
  reasons: string[];
  lanBlockers: LanBlocker[];
  uncertain: boolean;
  portProxy?: PortProxyRule;
}

export function assessReachability(socket: ListeningSocket, context: NetworkContext): Reachability {
  const draft: Draft = {
    windowsLocalhost: false,
    fromWindows: false,
    fromLan: false,
    lanEndpoints: [],
    reasons: [],
    lanBlockers: [],
    uncertain: false,
  };
  switch (context.mode) {
    case 'nat':
    case 'consomme':
      assessNat(socket, context, draft);
      break;
    case 'mirrored':
      assessMirrored(socket, context, draft);
      break;
    case 'bridged':
      assessBridged(socket, context, draft);
      break;
    case 'wsl1':
      assessWsl1(socket, context, draft);
      break;
    case 'none':
      draft.reasons.push('networkingMode is none: the distro has no network connection, so only Linux itself can connect');
      draft.lanBlockers.push('network-none');
      break;
  }
  const level: ReachabilityLevel = draft.fromLan ? 'lan' : draft.windowsLocalhost || draft.fromWindows ? 'windows-localhost' : 'wsl-only';
  return {
    level,
    windowsLocalhost: draft.windowsLocalhost,
    fromWindows: draft.fromWindows || draft.windowsLocalhost,
    fromLan: draft.fromLan,
    lanEndpoints: draft.lanEndpoints,
    reasons: draft.reasons,
    lanBlockers: draft.lanBlockers,
    uncertain: draft.uncertain,
    ...(draft.portProxy ? { portProxy: draft.portProxy } : {}),
  };
}

const proto = (socket: ListeningSocket): Proto => (socket.protocol === 'tcp' ? 'TCP' : 'UDP');
const endpoint = (socket: ListeningSocket): string => `${socket.protocol.toUpperCase()} ${socket.port}`;
const shownAddress = (address: string): string => (address.includes(':') ? `[${address}]` : address);

/** Does a socket accept connections addressed to `target` (an address of the VM)? */
function acceptsAddress(socket: ListeningSocket, target: string): boolean {
  const bind = classifyBindAddress(socket.address);
  const targetFamily = addressFamily(target);
  if (bind === 'wildcard') {
    // An IPv6 wildcard also takes IPv4 unless net.ipv6.bindv6only=1 (default 0).
    return socket.family === 6 || targetFamily === 4;
  }
  return sameAddress(unmapIPv4(socket.address), target);
}

function relayLocalhost(socket: ListeningSocket, context: NetworkContext, draft: Draft, modeLabel: string): void {
  const bind = classifyBindAddress(socket.address);
  const forwarding = context.localhostForwarding ?? true;
  const where = `bound to ${socket.address}`;
  if (bind === 'specific') {
    draft.reasons.push(
      `${where}: localhostForwarding only relays loopback and wildcard binds, so localhost:${socket.port} on Windows does not reach it`,
    );
    return;
  }
  if (socket.protocol === 'udp') {
    // [UNCONFIRMED] The relay is a TCP proxy; UDP forwarding to Windows localhost is not documented.
    draft.reasons.push(`${modeLabel}: localhostForwarding relays TCP only, so UDP ${socket.port} is not reachable as localhost on Windows`);
    return;
  }
  if (!forwarding) {
    draft.reasons.push(
      bind === 'loopback'
        ? `${where} only: unreachable from Windows in ${modeLabel} mode because localhostForwarding=false`
        : `${where}: localhostForwarding=false, so Windows cannot use localhost:${socket.port}`,
    );
    return;
  }
  draft.windowsLocalhost = true;
  draft.reasons.push(
    bind === 'loopback'
      ? `${where}: reachable from Windows as localhost:${socket.port} through localhostForwarding (${modeLabel} mode)`
      : `${where} (all interfaces): reachable from Windows as localhost:${socket.port} through localhostForwarding (${modeLabel} mode)`,
  );
}

function assessNat(socket: ListeningSocket, context: NetworkContext, draft: Draft): void {
  const label = context.mode === 'consomme' ? 'consomme' : 'NAT';
  const bind = classifyBindAddress(socket.address);
  relayLocalhost(socket, context, draft, label);

  const vmAddresses = context.wslIps.filter((ip) => acceptsAddress(socket, ip));
  if (bind !== 'loopback' && vmAddresses.length > 0) {
    draft.fromWindows = true;
    draft.reasons.push(`${label}: Windows can also connect to the WSL IP directly (${vmAddresses.map((ip) => `${shownAddress(ip)}:${socket.port}`).join(', ')})`);
  } else if (bind === 'loopback' && draft.windowsLocalhost) {
    draft.reasons.push(`bound to ${socket.address} only: unreachable from Windows in ${label} mode except through localhostForwarding`);
  }

  if (socket.protocol === 'udp') {
    draft.lanBlockers.push('udp-not-proxied');
    draft.reasons.push(`${label}: netsh portproxy forwards TCP only, so UDP ${socket.port} cannot be exposed to the LAN`);
    return;
  }

  const candidates = (context.portProxies ?? []).filter((rule) => rule.connectPort === socket.port);
  if (context.portProxies === undefined) {
    draft.uncertain = true;
    draft.lanBlockers.push('no-portproxy');
    draft.reasons.push(`${label}: portproxy rules could not be read, so LAN access is unknown`);
    return;
  }
  if (candidates.length === 0) {
    draft.lanBlockers.push('no-portproxy');
    draft.reasons.push(`${label}: no portproxy rule forwards a Windows port to ${endpoint(socket)}, so LAN clients cannot reach it`);
    return;
  }

  let working: PortProxyRule | undefined;
  for (const rule of candidates) {
    const text = `${label}: portproxy ${describePortProxy(rule)}`;
    if (isLoopback(rule.listenAddress)) {
      draft.reasons.push(`${text} listens on loopback only, so it serves Windows itself but not the LAN`);
      draft.lanBlockers.push('portproxy-local-only');
      draft.portProxy ??= rule;
      continue;
    }
    if (isLoopback(rule.connectAddress)) {
      if (draft.windowsLocalhost) {
        draft.reasons.push(`${text} points at Windows localhost, which the localhostForwarding relay passes on to WSL`);
        working ??= rule;
      } else {
        draft.reasons.push(`${text} points at Windows localhost, but this socket is not relayed to Windows localhost`);
        draft.portProxy ??= rule;
      }
      continue;
    }
    if (context.wslIps.some((ip) => sameAddress(ip, rule.connectAddress))) {
      if (acceptsAddress(socket, rule.connectAddress)) {
        draft.reasons.push(`${text} points at the current WSL IP`);
        working ??= rule;
      } else {
        draft.reasons.push(
          `${text} points at the current WSL IP, but the socket is bound to ${socket.address} only, so connections to ${rule.connectAddress} are refused`,
        );
        draft.lanBlockers.push(bind === 'loopback' ? 'loopback-bind' : 'address-not-on-lan');
        draft.portProxy ??= rule;
      }
      continue;
    }
    if (isStalePortProxy(rule, context.wslIps)) {
      draft.reasons.push(
        `${text} points at ${rule.connectAddress}, which is not the current WSL IP (${context.wslIps.join(', ') || 'unknown'}): the rule is stale`,
      );
      draft.lanBlockers.push('stale-portproxy');
      draft.portProxy ??= rule;
      continue;
    }
    draft.reasons.push(`${text} points at ${rule.connectAddress}, which is not this WSL VM`);
  }
  if (working === undefined) {
    if (draft.lanBlockers.length === 0) draft.lanBlockers.push('no-portproxy');
    return;
  }
  draft.portProxy = working;
  // One working rule is enough; problems of sibling rules stay in the reasons only.
  draft.lanBlockers = [];

  const firewallOk = checkWindowsFirewall(working.listenPort, context, draft);
  if (firewallOk) {
    draft.fromLan = true;
    draft.lanEndpoints.push(`${working.listenAddress === '*' ? '0.0.0.0' : working.listenAddress}:${working.listenPort}`);
  }
}

function checkWindowsFirewall(port: number, context: NetworkContext, draft: Draft): boolean {
  if (context.firewallRules === undefined) {
    draft.uncertain = true;
    draft.lanBlockers.push('windows-firewall-unknown');
    draft.reasons.push(`Windows firewall rules could not be read, so it is unknown whether TCP ${port} is allowed`);
    return false;
  }
  const profiles = activeLanProfiles(context.connectionProfiles);
  const verdict = windowsFirewallVerdict(context.firewallRules, 'TCP', port, profiles);
  return explainVerdict(verdict, profiles, `TCP ${port}`, 'Windows firewall', draft, 'windows-firewall');
}

function explainVerdict(
  verdict: FirewallVerdict,
  profiles: readonly FirewallProfile[] | undefined,
  what: string,
  firewall: string,
  draft: Draft,
  blocker: LanBlocker,
  defaultText?: string,
): boolean {
  const profileText = (list: readonly FirewallProfile[]): string => `${list.join('/')} profile${list.length > 1 ? 's' : ''}`;
  if (profiles === undefined) {
    draft.uncertain = true;
    draft.reasons.push('the active network profile is unknown, so every profile was considered');
  }
  for (const rule of verdict.blockingRules) draft.reasons.push(`${firewall} rule "${rule.displayName}" blocks ${what}`);
  if (verdict.allowedOn.length === 0) {
    if (verdict.blockingRules.length === 0) {
      draft.reasons.push(`no ${firewall} rule allows ${what} on the ${profileText(verdict.considered)}${defaultText ?? ''}`);
    }
    draft.lanBlockers.push(blocker);
    return false;
  }
  const names = verdict.allowingRules.map((rule) => `"${rule.displayName}"`).join(', ');
  draft.reasons.push(
    names !== ''
      ? `${firewall} rule ${names} allows ${what} on the ${profileText(verdict.allowedOn)}`
      : `${firewall} default inbound action Allow lets ${what} through on the ${profileText(verdict.allowedOn)}`,
  );
  const missing = verdict.considered.filter((profile) => !verdict.allowedOn.includes(profile));
  if (missing.length > 0 && profiles !== undefined) {
    draft.reasons.push(`${what} is not allowed on the ${profileText(missing)}, which is also active`);
  }
  return true;
}

function assessMirrored(socket: ListeningSocket, context: NetworkContext, draft: Draft): void {
  if (context.ignoredPorts?.includes(socket.port)) {
    draft.reasons.push(`port ${socket.port} is listed in experimental.ignoredPorts: mirrored mode keeps it inside Linux`);
    draft.lanBlockers.push('ignored-port');
    return;
  }
  const bind = classifyBindAddress(socket.address);
  const hostAddress = bind === 'specific' && context.wslIps.some((ip) => sameAddress(ip, unmapIPv4(socket.address)));
  if (bind === 'specific' && !hostAddress) {
    draft.reasons.push(`bound to ${socket.address}, which is not one of the mirrored host addresses, so Windows and the LAN cannot connect`);
    draft.lanBlockers.push('address-not-on-lan');
    return;
  }
  draft.windowsLocalhost = true;
  draft.reasons.push(`mirrored: Windows reaches ${endpoint(socket)} as localhost:${socket.port} (bound to ${socket.address})`);
  if (unmapIPv4(socket.address) === '::1') {
    draft.reasons.push('mirrored: the docs state the IPv6 loopback ::1 is not supported; if localhost fails, bind to 127.0.0.1 instead');
  }
  if (bind === 'loopback') {
    draft.reasons.push(`bound to ${socket.address} only: LAN clients cannot reach it; bind to 0.0.0.0 (or the host address) to expose it`);
    draft.lanBlockers.push('loopback-bind');
    return;
  }
  if (context.hyperVRules === undefined) {
    draft.uncertain = true;
    draft.lanBlockers.push('hyperv-firewall-unknown');
    draft.reasons.push(`Hyper-V firewall rules could not be read, so it is unknown whether ${endpoint(socket)} is allowed from the LAN`);
    return;
  }
  const profiles = activeLanProfiles(context.connectionProfiles);
  const verdict = hyperVFirewallVerdict(context.hyperVRules, context.hyperVSetting, proto(socket), socket.port, profiles);
  const defaultText =
    context.hyperVSetting?.defaultInboundAction === undefined || context.hyperVSetting.defaultInboundAction === 'NotConfigured'
      ? ' and the default inbound action for WSL is Block'
      : ` and DefaultInboundAction is ${context.hyperVSetting.defaultInboundAction}`;
  if (explainVerdict(verdict, profiles, endpoint(socket), 'Hyper-V firewall', draft, 'hyperv-firewall', defaultText)) {
    draft.fromLan = true;
    const addresses = bind === 'wildcard' ? context.wslIps.filter((ip) => acceptsAddress(socket, ip)) : [unmapIPv4(socket.address)];
    draft.lanEndpoints.push(...addresses.filter((ip) => !isLoopback(ip)).map((ip) => `${shownAddress(ip)}:${socket.port}`));
  }
}

function assessBridged(socket: ListeningSocket, context: NetworkContext, draft: Draft): void {
  relayLocalhost(socket, context, draft, 'bridged');
  const bind = classifyBindAddress(socket.address);
  if (bind === 'loopback') {
    draft.reasons.push(`bound to ${socket.address} only: LAN clients cannot reach it; bind to 0.0.0.0 to expose it on the bridged network`);
    draft.lanBlockers.push('loopback-bind');
    return;
  }
  const addresses = context.wslIps.filter((ip) => acceptsAddress(socket, ip) && !isLoopback(ip));
  if (addresses.length === 0) {
    draft.reasons.push(`bridged: ${socket.address} is not one of the VM's bridged addresses (${context.wslIps.join(', ') || 'unknown'})`);
    draft.lanBlockers.push('address-not-on-lan');
    return;
  }
  draft.fromWindows = true;
  draft.fromLan = true;
  draft.lanEndpoints.push(...addresses.map((ip) => `${shownAddress(ip)}:${socket.port}`));
  draft.reasons.push(
    `bridged: the VM is on the LAN directly, reachable at ${draft.lanEndpoints.join(', ')} (Windows firewall rules do not apply; a Linux firewall could still block it)`,
  );
}

function assessWsl1(socket: ListeningSocket, context: NetworkContext, draft: Draft): void {
  const bind = classifyBindAddress(socket.address);
  draft.windowsLocalhost = bind !== 'specific' || context.wslIps.some((ip) => sameAddress(ip, socket.address));
  draft.reasons.push(`WSL1: Linux sockets are Windows sockets, so Windows reaches ${endpoint(socket)} directly`);
  if (bind === 'loopback') {
    draft.reasons.push(`bound to ${socket.address} only: LAN clients cannot reach it`);
    draft.lanBlockers.push('loopback-bind');
    return;
  }
  if (socket.protocol === 'tcp' && checkWindowsFirewall(socket.port, context, draft)) {
    draft.fromLan = true;
    draft.lanEndpoints.push(`0.0.0.0:${socket.port}`);
  } else if (socket.protocol === 'udp') {
    draft.uncertain = true;
    draft.reasons.push('WSL1: UDP firewall rules are not evaluated');
  }
}
