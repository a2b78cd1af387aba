// Who can connect to a socket listening inside WSL: only Linux, Windows (localhost), or the
// LAN. Pure function of facts gathered elsewhere, with a human-readable reason for every
// step so the ports view can explain itself instead of showing a bare icon.
//
// The model per effective networking mode (MicrosoftDocs/WSL networking.md, wsl-config.md,
// WslCoreConfig.cpp `Initialize`; learn.microsoft.com/windows/wsl/networking):
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
// - consomme: treated like NAT (localhostForwarding still applies, WslCoreConfig.cpp) [UNCONFIRMED
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
import {
  activeLanProfiles,
  hyperVFirewallVerdict,
  windowsFirewallVerdict,
  type FirewallVerdict,
  type Proto,
} from './firewallMatching';
import { addressFamily, classifyBindAddress, hostWithPort, isLoopback, sameAddress, unmapIPv4 } from './ipAddress';
import { formatOnly, type Localize } from './localize';
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
  /**
   * Mirrored mode: the prefixes of the LAN WSL mirrors (eth0's address and prefix length, from
   * `ip -4 addr show eth0`), which is what "this network's subnet" means for a Hyper-V rule.
   */
  readonly lanSubnets?: readonly string[];
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
  /** The reasons that explain how (or whether) Windows connects, in order. */
  readonly windowsReasons: readonly string[];
  /** The reasons that explain how (or whether) LAN clients connect, in order. */
  readonly lanReasons: readonly string[];
  readonly lanBlockers: readonly LanBlocker[];
  /** Some facts were unknown (firewall not readable, …), so `fromLan` may be too pessimistic. */
  readonly uncertain: boolean;
  /** The portproxy rule that carries (or would carry, once fixed) LAN traffic in NAT mode. */
  readonly portProxy?: PortProxyRule;
}

interface Draft {
  readonly t: Localize;
  windowsLocalhost: boolean;
  fromWindows: boolean;
  fromLan: boolean;
  lanEndpoints: string[];
  reasons: string[];
  windowsReasons: string[];
  lanReasons: string[];
  lanBlockers: LanBlocker[];
  uncertain: boolean;
  portProxy?: PortProxyRule;
}

/** Records a reason and what it explains: how Windows connects, how the LAN connects, or both. */
function say(draft: Draft, about: 'windows' | 'lan' | 'both', reason: string): void {
  draft.reasons.push(reason);
  if (about !== 'lan') draft.windowsReasons.push(reason);
  if (about !== 'windows') draft.lanReasons.push(reason);
}

/** `t` localises the reasons (the extension passes vscode.l10n.t). */
export function assessReachability(
  socket: ListeningSocket,
  context: NetworkContext,
  t: Localize = formatOnly,
): Reachability {
  const draft: Draft = {
    t,
    windowsLocalhost: false,
    fromWindows: false,
    fromLan: false,
    lanEndpoints: [],
    reasons: [],
    windowsReasons: [],
    lanReasons: [],
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
      say(
        draft,
        'both',
        t('networkingMode is none: the distro has no network connection, so only Linux itself can connect'),
      );
      draft.lanBlockers.push('network-none');
      break;
  }
  const level: ReachabilityLevel = draft.fromLan
    ? 'lan'
    : draft.windowsLocalhost || draft.fromWindows
      ? 'windows-localhost'
      : 'wsl-only';
  return {
    level,
    windowsLocalhost: draft.windowsLocalhost,
    fromWindows: draft.fromWindows || draft.windowsLocalhost,
    fromLan: draft.fromLan,
    lanEndpoints: draft.lanEndpoints,
    reasons: draft.reasons,
    windowsReasons: draft.windowsReasons,
    lanReasons: draft.lanReasons,
    lanBlockers: draft.lanBlockers,
    uncertain: draft.uncertain,
    ...(draft.portProxy ? { portProxy: draft.portProxy } : {}),
  };
}

const proto = (socket: ListeningSocket): Proto => (socket.protocol === 'tcp' ? 'TCP' : 'UDP');
const endpoint = (socket: ListeningSocket): string => `${socket.protocol.toUpperCase()} ${socket.port}`;

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
  const t = draft.t;
  if (bind === 'specific') {
    say(
      draft,
      'windows',
      t(
        'bound to {0}: localhostForwarding only relays loopback and wildcard binds, so localhost:{1} on Windows does not reach it',
        socket.address,
        socket.port,
      ),
    );
    return;
  }
  if (socket.protocol === 'udp') {
    // [UNCONFIRMED] The relay is a TCP proxy; UDP forwarding to Windows localhost is not documented.
    say(
      draft,
      'windows',
      t(
        '{0}: localhostForwarding relays TCP only, so UDP {1} is not reachable as localhost on Windows',
        modeLabel,
        socket.port,
      ),
    );
    return;
  }
  if (!forwarding) {
    say(
      draft,
      'windows',
      bind === 'loopback'
        ? t(
            'bound to {0} only: unreachable from Windows in {1} mode because localhostForwarding=false',
            socket.address,
            modeLabel,
          )
        : t(
            'bound to {0}: localhostForwarding=false, so Windows cannot use localhost:{1}',
            socket.address,
            socket.port,
          ),
    );
    return;
  }
  draft.windowsLocalhost = true;
  say(
    draft,
    'windows',
    bind === 'loopback'
      ? t(
          'bound to {0}: reachable from Windows as localhost:{1} through localhostForwarding ({2} mode)',
          socket.address,
          socket.port,
          modeLabel,
        )
      : t(
          'bound to {0} (all interfaces): reachable from Windows as localhost:{1} through localhostForwarding ({2} mode)',
          socket.address,
          socket.port,
          modeLabel,
        ),
  );
}

function assessNat(socket: ListeningSocket, context: NetworkContext, draft: Draft): void {
  const label = context.mode === 'consomme' ? 'consomme' : 'NAT';
  const bind = classifyBindAddress(socket.address);
  const t = draft.t;
  relayLocalhost(socket, context, draft, label);

  const vmAddresses = context.wslIps.filter((ip) => acceptsAddress(socket, ip));
  if (bind !== 'loopback' && vmAddresses.length > 0) {
    draft.fromWindows = true;
    say(
      draft,
      'windows',
      t(
        '{0}: Windows can also connect to the WSL IP directly ({1})',
        label,
        vmAddresses.map((ip) => hostWithPort(ip, socket.port)).join(', '),
      ),
    );
  } else if (bind === 'loopback' && draft.windowsLocalhost) {
    say(
      draft,
      'windows',
      t(
        'bound to {0} only: unreachable from Windows in {1} mode except through localhostForwarding',
        socket.address,
        label,
      ),
    );
  }

  if (socket.protocol === 'udp') {
    draft.lanBlockers.push('udp-not-proxied');
    say(
      draft,
      'lan',
      t('{0}: netsh portproxy forwards TCP only, so UDP {1} cannot be exposed to the LAN', label, socket.port),
    );
    return;
  }

  const candidates = (context.portProxies ?? []).filter((rule) => rule.connectPort === socket.port);
  if (context.portProxies === undefined) {
    draft.uncertain = true;
    draft.lanBlockers.push('no-portproxy');
    say(draft, 'lan', t('{0}: portproxy rules could not be read, so LAN access is unknown', label));
    return;
  }
  if (candidates.length === 0) {
    draft.lanBlockers.push('no-portproxy');
    say(
      draft,
      'lan',
      t(
        '{0}: no portproxy rule forwards a Windows port to {1}, so LAN clients cannot reach it',
        label,
        endpoint(socket),
      ),
    );
    return;
  }

  let working: PortProxyRule | undefined;
  for (const rule of candidates) {
    const described = describePortProxy(rule);
    if (isLoopback(rule.listenAddress)) {
      say(
        draft,
        'lan',
        t('{0}: portproxy {1} listens on loopback only, so it serves Windows itself but not the LAN', label, described),
      );
      draft.lanBlockers.push('portproxy-local-only');
      draft.portProxy ??= rule;
      continue;
    }
    if (isLoopback(rule.connectAddress)) {
      if (draft.windowsLocalhost) {
        say(
          draft,
          'lan',
          t(
            '{0}: portproxy {1} points at Windows localhost, which the localhostForwarding relay passes on to WSL',
            label,
            described,
          ),
        );
        working ??= rule;
      } else {
        say(
          draft,
          'lan',
          t(
            '{0}: portproxy {1} points at Windows localhost, but this socket is not relayed to Windows localhost',
            label,
            described,
          ),
        );
        draft.portProxy ??= rule;
      }
      continue;
    }
    if (context.wslIps.some((ip) => sameAddress(ip, rule.connectAddress))) {
      if (acceptsAddress(socket, rule.connectAddress)) {
        say(draft, 'lan', t('{0}: portproxy {1} points at the current WSL IP', label, described));
        working ??= rule;
      } else {
        say(
          draft,
          'lan',
          t(
            '{0}: portproxy {1} points at the current WSL IP, but the socket is bound to {2} only, so connections to {3} are refused',
            label,
            described,
            socket.address,
            rule.connectAddress,
          ),
        );
        draft.lanBlockers.push(bind === 'loopback' ? 'loopback-bind' : 'address-not-on-lan');
        draft.portProxy ??= rule;
      }
      continue;
    }
    const stale = isStalePortProxy(rule, context.wslIps);
    if (stale && context.wslIps.length === 0) {
      // Without the VM's address (`hostname -I` gave none) a rule into WSL's NAT range may be
      // current or stale: saying "stale" would offer a repair that has no address to point at.
      say(
        draft,
        'lan',
        t(
          '{0}: portproxy {1} points at {2}, but the current WSL IP is unknown, so whether it still reaches this VM is unknown',
          label,
          described,
          rule.connectAddress,
        ),
      );
      draft.uncertain = true;
      draft.portProxy ??= rule;
      continue;
    }
    if (stale) {
      say(
        draft,
        'lan',
        t(
          '{0}: portproxy {1} points at {2}, which is not the current WSL IP ({3}): the rule is stale',
          label,
          described,
          rule.connectAddress,
          context.wslIps.join(', '),
        ),
      );
      draft.lanBlockers.push('stale-portproxy');
      draft.portProxy ??= rule;
      continue;
    }
    say(
      draft,
      'lan',
      t('{0}: portproxy {1} points at {2}, which is not this WSL VM', label, described, rule.connectAddress),
    );
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
    draft.lanEndpoints.push(
      `${working.listenAddress === '*' ? '0.0.0.0' : working.listenAddress}:${working.listenPort}`,
    );
  }
}

function checkWindowsFirewall(port: number, context: NetworkContext, draft: Draft): boolean {
  if (context.firewallRules === undefined) {
    draft.uncertain = true;
    draft.lanBlockers.push('windows-firewall-unknown');
    say(
      draft,
      'lan',
      draft.t('Windows firewall rules could not be read, so it is unknown whether TCP {0} is allowed', port),
    );
    return false;
  }
  const profiles = activeLanProfiles(context.connectionProfiles);
  const verdict = windowsFirewallVerdict(context.firewallRules, 'TCP', port, profiles);
  return explainVerdict(verdict, profiles, `TCP ${port}`, draft.t('Windows firewall'), draft, 'windows-firewall');
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
  const t = draft.t;
  const profileText = (list: readonly FirewallProfile[]): string =>
    list.length > 1 ? t('{0} profiles', list.join('/')) : t('{0} profile', list.join('/'));
  if (profiles === undefined) {
    draft.uncertain = true;
    say(draft, 'lan', t('the active network profile is unknown, so every profile was considered'));
  }
  for (const rule of verdict.blockingRules)
    say(draft, 'lan', t('{0} rule "{1}" blocks {2}', firewall, rule.displayName, what));
  if (verdict.allowedOn.length === 0) {
    if (verdict.blockingRules.length === 0) {
      say(
        draft,
        'lan',
        t('no {0} rule allows {1} on the {2}{3}', firewall, what, profileText(verdict.considered), defaultText ?? ''),
      );
    }
    draft.lanBlockers.push(blocker);
    return false;
  }
  const names = verdict.allowingRules.map((rule) => `"${rule.displayName}"`).join(', ');
  say(
    draft,
    'lan',
    names !== ''
      ? t('{0} rule {1} allows {2} on the {3}', firewall, names, what, profileText(verdict.allowedOn))
      : t(
          '{0} default inbound action Allow lets {1} through on the {2}',
          firewall,
          what,
          profileText(verdict.allowedOn),
        ),
  );
  const missing = verdict.considered.filter((profile) => !verdict.allowedOn.includes(profile));
  if (missing.length > 0 && profiles !== undefined) {
    say(draft, 'lan', t('{0} is not allowed on the {1}, which is also active', what, profileText(missing)));
  }
  return true;
}

function assessMirrored(socket: ListeningSocket, context: NetworkContext, draft: Draft): void {
  const t = draft.t;
  if (context.ignoredPorts?.includes(socket.port)) {
    say(
      draft,
      'both',
      t('port {0} is listed in experimental.ignoredPorts: mirrored mode keeps it inside Linux', socket.port),
    );
    draft.lanBlockers.push('ignored-port');
    return;
  }
  const bind = classifyBindAddress(socket.address);
  const hostAddress = bind === 'specific' && context.wslIps.some((ip) => sameAddress(ip, unmapIPv4(socket.address)));
  if (bind === 'specific' && !hostAddress) {
    say(
      draft,
      'both',
      t(
        'bound to {0}, which is not one of the mirrored host addresses, so Windows and the LAN cannot connect',
        socket.address,
      ),
    );
    draft.lanBlockers.push('address-not-on-lan');
    return;
  }
  draft.windowsLocalhost = true;
  say(
    draft,
    'windows',
    t('mirrored: Windows reaches {0} as localhost:{1} (bound to {2})', endpoint(socket), socket.port, socket.address),
  );
  if (unmapIPv4(socket.address) === '::1') {
    say(
      draft,
      'windows',
      t(
        'mirrored: the docs state the IPv6 loopback ::1 is not supported; if localhost fails, bind to 127.0.0.1 instead',
      ),
    );
  }
  if (bind === 'loopback') {
    say(
      draft,
      'lan',
      t(
        'bound to {0} only: LAN clients cannot reach it; bind to 0.0.0.0 (or the host address) to expose it',
        socket.address,
      ),
    );
    draft.lanBlockers.push('loopback-bind');
    return;
  }
  if (context.hyperVRules === undefined) {
    draft.uncertain = true;
    draft.lanBlockers.push('hyperv-firewall-unknown');
    say(
      draft,
      'lan',
      t(
        'Hyper-V firewall rules could not be read, so it is unknown whether {0} is allowed from the LAN',
        endpoint(socket),
      ),
    );
    return;
  }
  const profiles = activeLanProfiles(context.connectionProfiles);
  const verdict = hyperVFirewallVerdict(
    context.hyperVRules,
    context.hyperVSetting,
    proto(socket),
    socket.port,
    profiles,
  );
  const defaultText =
    context.hyperVSetting?.defaultInboundAction === undefined ||
    context.hyperVSetting.defaultInboundAction === 'NotConfigured'
      ? t(' and the default inbound action for WSL is Block')
      : t(' and DefaultInboundAction is {0}', context.hyperVSetting.defaultInboundAction);
  if (
    explainVerdict(verdict, profiles, endpoint(socket), t('Hyper-V firewall'), draft, 'hyperv-firewall', defaultText)
  ) {
    draft.fromLan = true;
    const addresses =
      bind === 'wildcard' ? context.wslIps.filter((ip) => acceptsAddress(socket, ip)) : [unmapIPv4(socket.address)];
    draft.lanEndpoints.push(...addresses.filter((ip) => !isLoopback(ip)).map((ip) => hostWithPort(ip, socket.port)));
  }
}

function assessBridged(socket: ListeningSocket, context: NetworkContext, draft: Draft): void {
  const t = draft.t;
  relayLocalhost(socket, context, draft, 'bridged');
  const bind = classifyBindAddress(socket.address);
  if (bind === 'loopback') {
    say(
      draft,
      'lan',
      t(
        'bound to {0} only: LAN clients cannot reach it; bind to 0.0.0.0 to expose it on the bridged network',
        socket.address,
      ),
    );
    draft.lanBlockers.push('loopback-bind');
    return;
  }
  const addresses = context.wslIps.filter((ip) => acceptsAddress(socket, ip) && !isLoopback(ip));
  if (addresses.length === 0) {
    say(
      draft,
      'both',
      t(
        "bridged: {0} is not one of the VM's bridged addresses ({1})",
        socket.address,
        context.wslIps.join(', ') || t('unknown'),
      ),
    );
    draft.lanBlockers.push('address-not-on-lan');
    return;
  }
  draft.fromWindows = true;
  draft.fromLan = true;
  draft.lanEndpoints.push(...addresses.map((ip) => hostWithPort(ip, socket.port)));
  say(
    draft,
    'lan',
    t(
      'bridged: the VM is on the LAN directly, reachable at {0} (Windows firewall rules do not apply; a Linux firewall could still block it)',
      draft.lanEndpoints.join(', '),
    ),
  );
}

function assessWsl1(socket: ListeningSocket, context: NetworkContext, draft: Draft): void {
  const bind = classifyBindAddress(socket.address);
  draft.windowsLocalhost = bind !== 'specific' || context.wslIps.some((ip) => sameAddress(ip, socket.address));
  const t = draft.t;
  say(
    draft,
    'windows',
    t('WSL1: Linux sockets are Windows sockets, so Windows reaches {0} directly', endpoint(socket)),
  );
  if (bind === 'loopback') {
    say(draft, 'lan', t('bound to {0} only: LAN clients cannot reach it', socket.address));
    draft.lanBlockers.push('loopback-bind');
    return;
  }
  if (socket.protocol === 'tcp' && checkWindowsFirewall(socket.port, context, draft)) {
    draft.fromLan = true;
    draft.lanEndpoints.push(`0.0.0.0:${socket.port}`);
  } else if (socket.protocol === 'udp') {
    draft.uncertain = true;
    say(draft, 'lan', t('WSL1: UDP firewall rules are not evaluated'));
  }
}
