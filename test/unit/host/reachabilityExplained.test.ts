// assessReachability, answer by answer: for each networking mode and each kind of bind, portproxy
// rule, firewall state and missing fact, the whole answer — which reasons explain the Windows side
// and which the LAN side, in order, the blockers the Ports view acts on, the LAN endpoints, the
// portproxy rule it carries, and whether it is uncertain. The reasons are what the Ports view shows
// in its tooltip and in "Diagnose": each one is read here as the user would read it.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ConnectionProfile, ListeningSocket } from '../../../client/src/host/hostTypes';
import { WSL_VM_CREATOR_ID } from '../../../client/src/host/parseHyperVFirewall';
import { firewallRule, hyperVRule, listeningSocket, portProxyRule } from './testSupport';
import { assessReachability, type NetworkContext, type Reachability } from '../../../client/src/host/reachability';

const WSL_IP = '172.23.21.232';

const sock = listeningSocket;
const proxy = portProxyRule;
const fwRule = firewallRule;
const hvRule = hyperVRule;

const PRIVATE_WIFI: ConnectionProfile = {
  name: 'HomeNet',
  interfaceAlias: 'Wi-Fi',
  interfaceIndex: 12,
  networkCategory: 'Private',
  ipv4Connectivity: 'Internet',
};

const nat = (overrides: Partial<NetworkContext> = {}): NetworkContext => ({
  mode: 'nat',
  wslIps: [WSL_IP],
  portProxies: [],
  firewallRules: [],
  connectionProfiles: [PRIVATE_WIFI],
  ...overrides,
});

const mirrored = (overrides: Partial<NetworkContext> = {}): NetworkContext => ({
  mode: 'mirrored',
  wslIps: ['192.168.1.20'],
  hyperVRules: [],
  hyperVSetting: {
    name: WSL_VM_CREATOR_ID,
    enabled: true,
    defaultInboundAction: 'Block',
    defaultOutboundAction: 'Allow',
    loopbackEnabled: undefined,
  },
  connectionProfiles: [PRIVATE_WIFI],
  lanSubnets: ['192.168.1.0/24'],
  ...overrides,
});

const SCENARIOS: Record<string, [ListeningSocket, NetworkContext]> = {
  'nat loopback': [sock('127.0.0.1', 3000), nat()],
  'nat wildcard, proxy to the WSL IP, firewall allows': [
    sock('0.0.0.0', 8080),
    nat({ portProxies: [proxy('0.0.0.0', 8080, WSL_IP)], firewallRules: [fwRule('Dev 8080', ['8080'])] }),
  ],
  'nat wildcard, proxy on loopback only': [
    sock('0.0.0.0', 8080),
    nat({ portProxies: [proxy('127.0.0.1', 8080, WSL_IP)] }),
  ],
  'nat wildcard, proxy to Windows localhost': [
    sock('0.0.0.0', 8080),
    nat({ portProxies: [proxy('*', 8081, '127.0.0.1', 8080)], firewallRules: [fwRule('Dev', ['8081'])] }),
  ],
  'nat specific bind, proxy to Windows localhost': [
    sock(WSL_IP, 8080),
    nat({ portProxies: [proxy('0.0.0.0', 8080, 'localhost')] }),
  ],
  'nat loopback, proxy to the WSL IP': [
    sock('127.0.0.1', 8080),
    nat({ portProxies: [proxy('0.0.0.0', 8080, WSL_IP)] }),
  ],
  'nat stale proxy': [sock('0.0.0.0', 8080), nat({ portProxies: [proxy('0.0.0.0', 8080, '172.23.16.5')] })],
  'nat stale proxy, WSL IP unknown': [
    sock('0.0.0.0', 8080),
    nat({ wslIps: [], portProxies: [proxy('0.0.0.0', 8080, '172.23.16.5')] }),
  ],
  'nat proxy to another machine': [
    sock('0.0.0.0', 8080),
    nat({ portProxies: [proxy('0.0.0.0', 8080, '192.168.1.50')] }),
  ],
  'nat portproxy unreadable': [sock('0.0.0.0', 8080), nat({ portProxies: undefined })],
  'nat firewall unreadable': [
    sock('0.0.0.0', 8080),
    nat({ portProxies: [proxy('0.0.0.0', 8080, WSL_IP)], firewallRules: undefined }),
  ],
  'nat firewall blocks': [
    sock('0.0.0.0', 8080),
    nat({
      portProxies: [proxy('0.0.0.0', 8080, WSL_IP)],
      firewallRules: [fwRule('Dev', ['8080']), fwRule('Corp block', ['8000-8100'], { action: 'Block' })],
    }),
  ],
  'nat no allowing rule, profile unknown': [
    sock('0.0.0.0', 8080),
    nat({ portProxies: [proxy('0.0.0.0', 8080, WSL_IP)], connectionProfiles: undefined }),
  ],
  'nat allowed on Public only, on a Private network': [
    sock('0.0.0.0', 8080),
    nat({
      portProxies: [proxy('0.0.0.0', 8080, WSL_IP)],
      firewallRules: [fwRule('Pub', ['8080'], { profiles: ['Public'] })],
    }),
  ],
  'nat udp wildcard': [sock('0.0.0.0', 5353, 'udp'), nat()],
  'nat localhostForwarding=false, loopback': [sock('127.0.0.1', 3000), nat({ localhostForwarding: false })],
  'nat localhostForwarding=false, wildcard': [sock('0.0.0.0', 3000), nat({ localhostForwarding: false })],
  'nat IPv6 wildcard': [sock('::', 3000), nat()],
  'nat IPv6 loopback with an IPv6 VM address': [sock('::1', 3000), nat({ wslIps: [WSL_IP, 'fe80::1'] })],
  'nat IPv4 wildcard with an IPv6 VM address': [sock('0.0.0.0', 3000), nat({ wslIps: [WSL_IP, 'fd00::5'] })],
  'nat IPv6 wildcard with an IPv6 VM address': [sock('::', 3000), nat({ wslIps: [WSL_IP, 'fd00::5'] })],
  'consomme wildcard': [sock('0.0.0.0', 3000), nat({ mode: 'consomme' })],
  none: [sock('0.0.0.0', 3000), nat({ mode: 'none' })],
  'mirrored loopback': [sock('127.0.0.1', 3000), mirrored()],
  'mirrored wildcard, Hyper-V rule allows': [
    sock('0.0.0.0', 3000),
    mirrored({ hyperVRules: [hvRule('WSL 3000', ['3000'])] }),
  ],
  'mirrored wildcard, Hyper-V blocks by default': [sock('0.0.0.0', 3000), mirrored()],
  'mirrored wildcard, Hyper-V unreadable': [
    sock('0.0.0.0', 3000),
    mirrored({ hyperVRules: undefined, hyperVSetting: undefined }),
  ],
  'mirrored ignored port': [sock('0.0.0.0', 3000), mirrored({ ignoredPorts: [3000] })],
  'mirrored bound to an address not on the LAN': [sock('10.5.0.2', 3000), mirrored()],
  'bridged wildcard': [sock('0.0.0.0', 3000), { mode: 'bridged', wslIps: ['192.168.1.30'] }],
  'bridged loopback': [sock('127.0.0.1', 3000), { mode: 'bridged', wslIps: ['192.168.1.30'] }],
  'wsl1 wildcard': [sock('0.0.0.0', 3000), { mode: 'wsl1', wslIps: [] }],
  'wsl1 loopback': [sock('127.0.0.1', 3000), { mode: 'wsl1', wslIps: [] }],
};

/** The answer without `reasons`, which is windowsReasons and lanReasons in the order said. */
function answer(r: Reachability): Omit<Reachability, 'reasons'> {
  const { reasons: _all, ...rest } = r;
  return rest;
}

/**
 * What each scenario answers. Read one by one when written: each reason says what the user can do,
 * the blockers are what the Ports view offers to fix, and an unknown fact makes the answer uncertain.
 */
const EXPECTED: Record<keyof typeof SCENARIOS, Omit<Reachability, 'reasons'>> = {
  'nat loopback': {
    level: 'windows-localhost',
    windowsLocalhost: true,
    fromWindows: true,
    fromLan: false,
    lanEndpoints: [],
    windowsReasons: [
      'bound to 127.0.0.1: reachable from Windows as localhost:3000 through localhostForwarding (NAT mode)',
      'bound to 127.0.0.1 only: unreachable from Windows in NAT mode except through localhostForwarding',
    ],
    lanReasons: ['NAT: no portproxy rule forwards a Windows port to TCP 3000, so LAN clients cannot reach it'],
    lanBlockers: ['no-portproxy'],
    uncertain: false,
  },
  'nat wildcard, proxy to the WSL IP, firewall allows': {
    level: 'lan',
    windowsLocalhost: true,
    fromWindows: true,
    fromLan: true,
    lanEndpoints: ['0.0.0.0:8080'],
    windowsReasons: [
      'bound to 0.0.0.0 (all interfaces): reachable from Windows as localhost:8080 through localhostForwarding (NAT mode)',
      'NAT: Windows can also connect to the WSL IP directly (172.23.21.232:8080)',
    ],
    lanReasons: [
      'NAT: portproxy 0.0.0.0:8080 -> 172.23.21.232:8080 points at the current WSL IP',
      'Windows firewall rule "Dev 8080" allows TCP 8080 on the Private profile',
    ],
    lanBlockers: [],
    uncertain: false,
    portProxy: {
      kind: 'v4tov4',
      listenAddress: '0.0.0.0',
      listenPort: 8080,
      connectAddress: '172.23.21.232',
      connectPort: 8080,
    },
  },
  'nat wildcard, proxy on loopback only': {
    level: 'windows-localhost',
    windowsLocalhost: true,
    fromWindows: true,
    fromLan: false,
    lanEndpoints: [],
    windowsReasons: [
      'bound to 0.0.0.0 (all interfaces): reachable from Windows as localhost:8080 through localhostForwarding (NAT mode)',
      'NAT: Windows can also connect to the WSL IP directly (172.23.21.232:8080)',
    ],
    lanReasons: [
      'NAT: portproxy 127.0.0.1:8080 -> 172.23.21.232:8080 listens on loopback only, so it serves Windows itself but not the LAN',
    ],
    lanBlockers: ['portproxy-local-only'],
    uncertain: false,
    portProxy: {
      kind: 'v4tov4',
      listenAddress: '127.0.0.1',
      listenPort: 8080,
      connectAddress: '172.23.21.232',
      connectPort: 8080,
    },
  },
  'nat wildcard, proxy to Windows localhost': {
    level: 'lan',
    windowsLocalhost: true,
    fromWindows: true,
    fromLan: true,
    lanEndpoints: ['0.0.0.0:8081'],
    windowsReasons: [
      'bound to 0.0.0.0 (all interfaces): reachable from Windows as localhost:8080 through localhostForwarding (NAT mode)',
      'NAT: Windows can also connect to the WSL IP directly (172.23.21.232:8080)',
    ],
    lanReasons: [
      'NAT: portproxy *:8081 -> 127.0.0.1:8080 points at Windows localhost, which the localhostForwarding relay passes on to WSL',
      'Windows firewall rule "Dev" allows TCP 8081 on the Private profile',
    ],
    lanBlockers: [],
    uncertain: false,
    portProxy: {
      kind: 'v4tov4',
      listenAddress: '*',
      listenPort: 8081,
      connectAddress: '127.0.0.1',
      connectPort: 8080,
    },
  },
  'nat specific bind, proxy to Windows localhost': {
    level: 'windows-localhost',
    windowsLocalhost: false,
    fromWindows: true,
    fromLan: false,
    lanEndpoints: [],
    windowsReasons: [
      'bound to 172.23.21.232: localhostForwarding only relays loopback and wildcard binds, so localhost:8080 on Windows does not reach it',
      'NAT: Windows can also connect to the WSL IP directly (172.23.21.232:8080)',
    ],
    lanReasons: [
      'NAT: portproxy 0.0.0.0:8080 -> localhost:8080 points at Windows localhost, but this socket is not relayed to Windows localhost',
    ],
    lanBlockers: ['no-portproxy'],
    uncertain: false,
    portProxy: {
      kind: 'v4tov4',
      listenAddress: '0.0.0.0',
      listenPort: 8080,
      connectAddress: 'localhost',
      connectPort: 8080,
    },
  },
  'nat loopback, proxy to the WSL IP': {
    level: 'windows-localhost',
    windowsLocalhost: true,
    fromWindows: true,
    fromLan: false,
    lanEndpoints: [],
    windowsReasons: [
      'bound to 127.0.0.1: reachable from Windows as localhost:8080 through localhostForwarding (NAT mode)',
      'bound to 127.0.0.1 only: unreachable from Windows in NAT mode except through localhostForwarding',
    ],
    lanReasons: [
      'NAT: portproxy 0.0.0.0:8080 -> 172.23.21.232:8080 points at the current WSL IP, but the socket is bound to 127.0.0.1 only, so connections to 172.23.21.232 are refused',
    ],
    lanBlockers: ['loopback-bind'],
    uncertain: false,
    portProxy: {
      kind: 'v4tov4',
      listenAddress: '0.0.0.0',
      listenPort: 8080,
      connectAddress: '172.23.21.232',
      connectPort: 8080,
    },
  },
  'nat stale proxy': {
    level: 'windows-localhost',
    windowsLocalhost: true,
    fromWindows: true,
    fromLan: false,
    lanEndpoints: [],
    windowsReasons: [
      'bound to 0.0.0.0 (all interfaces): reachable from Windows as localhost:8080 through localhostForwarding (NAT mode)',
      'NAT: Windows can also connect to the WSL IP directly (172.23.21.232:8080)',
    ],
    lanReasons: [
      'NAT: portproxy 0.0.0.0:8080 -> 172.23.16.5:8080 points at 172.23.16.5, which is not the current WSL IP (172.23.21.232): the rule is stale',
    ],
    lanBlockers: ['stale-portproxy'],
    uncertain: false,
    portProxy: {
      kind: 'v4tov4',
      listenAddress: '0.0.0.0',
      listenPort: 8080,
      connectAddress: '172.23.16.5',
      connectPort: 8080,
    },
  },
  'nat stale proxy, WSL IP unknown': {
    level: 'windows-localhost',
    windowsLocalhost: true,
    fromWindows: true,
    fromLan: false,
    lanEndpoints: [],
    windowsReasons: [
      'bound to 0.0.0.0 (all interfaces): reachable from Windows as localhost:8080 through localhostForwarding (NAT mode)',
    ],
    lanReasons: [
      'NAT: portproxy 0.0.0.0:8080 -> 172.23.16.5:8080 points at 172.23.16.5, but the current WSL IP is unknown, so whether it still reaches this VM is unknown',
    ],
    lanBlockers: ['no-portproxy'],
    uncertain: true,
    portProxy: {
      kind: 'v4tov4',
      listenAddress: '0.0.0.0',
      listenPort: 8080,
      connectAddress: '172.23.16.5',
      connectPort: 8080,
    },
  },
  'nat proxy to another machine': {
    level: 'windows-localhost',
    windowsLocalhost: true,
    fromWindows: true,
    fromLan: false,
    lanEndpoints: [],
    windowsReasons: [
      'bound to 0.0.0.0 (all interfaces): reachable from Windows as localhost:8080 through localhostForwarding (NAT mode)',
      'NAT: Windows can also connect to the WSL IP directly (172.23.21.232:8080)',
    ],
    lanReasons: ['NAT: portproxy 0.0.0.0:8080 -> 192.168.1.50:8080 points at 192.168.1.50, which is not this WSL VM'],
    lanBlockers: ['no-portproxy'],
    uncertain: false,
  },
  'nat portproxy unreadable': {
    level: 'windows-localhost',
    windowsLocalhost: true,
    fromWindows: true,
    fromLan: false,
    lanEndpoints: [],
    windowsReasons: [
      'bound to 0.0.0.0 (all interfaces): reachable from Windows as localhost:8080 through localhostForwarding (NAT mode)',
      'NAT: Windows can also connect to the WSL IP directly (172.23.21.232:8080)',
    ],
    lanReasons: ['NAT: portproxy rules could not be read, so LAN access is unknown'],
    lanBlockers: ['no-portproxy'],
    uncertain: true,
  },
  'nat firewall unreadable': {
    level: 'windows-localhost',
    windowsLocalhost: true,
    fromWindows: true,
    fromLan: false,
    lanEndpoints: [],
    windowsReasons: [
      'bound to 0.0.0.0 (all interfaces): reachable from Windows as localhost:8080 through localhostForwarding (NAT mode)',
      'NAT: Windows can also connect to the WSL IP directly (172.23.21.232:8080)',
    ],
    lanReasons: [
      'NAT: portproxy 0.0.0.0:8080 -> 172.23.21.232:8080 points at the current WSL IP',
      'Windows firewall rules could not be read, so it is unknown whether TCP 8080 is allowed',
    ],
    lanBlockers: ['windows-firewall-unknown'],
    uncertain: true,
    portProxy: {
      kind: 'v4tov4',
      listenAddress: '0.0.0.0',
      listenPort: 8080,
      connectAddress: '172.23.21.232',
      connectPort: 8080,
    },
  },
  'nat firewall blocks': {
    level: 'windows-localhost',
    windowsLocalhost: true,
    fromWindows: true,
    fromLan: false,
    lanEndpoints: [],
    windowsReasons: [
      'bound to 0.0.0.0 (all interfaces): reachable from Windows as localhost:8080 through localhostForwarding (NAT mode)',
      'NAT: Windows can also connect to the WSL IP directly (172.23.21.232:8080)',
    ],
    lanReasons: [
      'NAT: portproxy 0.0.0.0:8080 -> 172.23.21.232:8080 points at the current WSL IP',
      'Windows firewall rule "Corp block" blocks TCP 8080',
    ],
    lanBlockers: ['windows-firewall'],
    uncertain: false,
    portProxy: {
      kind: 'v4tov4',
      listenAddress: '0.0.0.0',
      listenPort: 8080,
      connectAddress: '172.23.21.232',
      connectPort: 8080,
    },
  },
  'nat no allowing rule, profile unknown': {
    level: 'windows-localhost',
    windowsLocalhost: true,
    fromWindows: true,
    fromLan: false,
    lanEndpoints: [],
    windowsReasons: [
      'bound to 0.0.0.0 (all interfaces): reachable from Windows as localhost:8080 through localhostForwarding (NAT mode)',
      'NAT: Windows can also connect to the WSL IP directly (172.23.21.232:8080)',
    ],
    lanReasons: [
      'NAT: portproxy 0.0.0.0:8080 -> 172.23.21.232:8080 points at the current WSL IP',
      'the active network profile is unknown, so every profile was considered',
      'no Windows firewall rule allows TCP 8080 on the Domain/Private/Public profiles',
    ],
    lanBlockers: ['windows-firewall'],
    uncertain: true,
    portProxy: {
      kind: 'v4tov4',
      listenAddress: '0.0.0.0',
      listenPort: 8080,
      connectAddress: '172.23.21.232',
      connectPort: 8080,
    },
  },
  'nat allowed on Public only, on a Private network': {
    level: 'windows-localhost',
    windowsLocalhost: true,
    fromWindows: true,
    fromLan: false,
    lanEndpoints: [],
    windowsReasons: [
      'bound to 0.0.0.0 (all interfaces): reachable from Windows as localhost:8080 through localhostForwarding (NAT mode)',
      'NAT: Windows can also connect to the WSL IP directly (172.23.21.232:8080)',
    ],
    lanReasons: [
      'NAT: portproxy 0.0.0.0:8080 -> 172.23.21.232:8080 points at the current WSL IP',
      'no Windows firewall rule allows TCP 8080 on the Private profile',
    ],
    lanBlockers: ['windows-firewall'],
    uncertain: false,
    portProxy: {
      kind: 'v4tov4',
      listenAddress: '0.0.0.0',
      listenPort: 8080,
      connectAddress: '172.23.21.232',
      connectPort: 8080,
    },
  },
  'nat udp wildcard': {
    level: 'windows-localhost',
    windowsLocalhost: false,
    fromWindows: true,
    fromLan: false,
    lanEndpoints: [],
    windowsReasons: [
      'NAT: localhostForwarding relays TCP only, so UDP 5353 is not reachable as localhost on Windows',
      'NAT: Windows can also connect to the WSL IP directly (172.23.21.232:5353)',
    ],
    lanReasons: ['NAT: netsh portproxy forwards TCP only, so UDP 5353 cannot be exposed to the LAN'],
    lanBlockers: ['udp-not-proxied'],
    uncertain: false,
  },
  'nat localhostForwarding=false, loopback': {
    level: 'wsl-only',
    windowsLocalhost: false,
    fromWindows: false,
    fromLan: false,
    lanEndpoints: [],
    windowsReasons: ['bound to 127.0.0.1 only: unreachable from Windows in NAT mode because localhostForwarding=false'],
    lanReasons: ['NAT: no portproxy rule forwards a Windows port to TCP 3000, so LAN clients cannot reach it'],
    lanBlockers: ['no-portproxy'],
    uncertain: false,
  },
  'nat localhostForwarding=false, wildcard': {
    level: 'windows-localhost',
    windowsLocalhost: false,
    fromWindows: true,
    fromLan: false,
    lanEndpoints: [],
    windowsReasons: [
      'bound to 0.0.0.0: localhostForwarding=false, so Windows cannot use localhost:3000',
      'NAT: Windows can also connect to the WSL IP directly (172.23.21.232:3000)',
    ],
    lanReasons: ['NAT: no portproxy rule forwards a Windows port to TCP 3000, so LAN clients cannot reach it'],
    lanBlockers: ['no-portproxy'],
    uncertain: false,
  },
  'nat IPv6 wildcard': {
    level: 'windows-localhost',
    windowsLocalhost: true,
    fromWindows: true,
    fromLan: false,
    lanEndpoints: [],
    windowsReasons: [
      'bound to :: (all interfaces): reachable from Windows as localhost:3000 through localhostForwarding (NAT mode)',
      'NAT: Windows can also connect to the WSL IP directly (172.23.21.232:3000)',
    ],
    lanReasons: ['NAT: no portproxy rule forwards a Windows port to TCP 3000, so LAN clients cannot reach it'],
    lanBlockers: ['no-portproxy'],
    uncertain: false,
  },
  'nat IPv6 loopback with an IPv6 VM address': {
    level: 'windows-localhost',
    windowsLocalhost: true,
    fromWindows: true,
    fromLan: false,
    lanEndpoints: [],
    windowsReasons: [
      'bound to ::1: reachable from Windows as localhost:3000 through localhostForwarding (NAT mode)',
      'bound to ::1 only: unreachable from Windows in NAT mode except through localhostForwarding',
    ],
    lanReasons: ['NAT: no portproxy rule forwards a Windows port to TCP 3000, so LAN clients cannot reach it'],
    lanBlockers: ['no-portproxy'],
    uncertain: false,
  },
  'nat IPv4 wildcard with an IPv6 VM address': {
    level: 'windows-localhost',
    windowsLocalhost: true,
    fromWindows: true,
    fromLan: false,
    lanEndpoints: [],
    windowsReasons: [
      'bound to 0.0.0.0 (all interfaces): reachable from Windows as localhost:3000 through localhostForwarding (NAT mode)',
      'NAT: Windows can also connect to the WSL IP directly (172.23.21.232:3000)',
    ],
    lanReasons: ['NAT: no portproxy rule forwards a Windows port to TCP 3000, so LAN clients cannot reach it'],
    lanBlockers: ['no-portproxy'],
    uncertain: false,
  },
  'nat IPv6 wildcard with an IPv6 VM address': {
    level: 'windows-localhost',
    windowsLocalhost: true,
    fromWindows: true,
    fromLan: false,
    lanEndpoints: [],
    windowsReasons: [
      'bound to :: (all interfaces): reachable from Windows as localhost:3000 through localhostForwarding (NAT mode)',
      'NAT: Windows can also connect to the WSL IP directly (172.23.21.232:3000, [fd00::5]:3000)',
    ],
    lanReasons: ['NAT: no portproxy rule forwards a Windows port to TCP 3000, so LAN clients cannot reach it'],
    lanBlockers: ['no-portproxy'],
    uncertain: false,
  },
  'consomme wildcard': {
    level: 'windows-localhost',
    windowsLocalhost: true,
    fromWindows: true,
    fromLan: false,
    lanEndpoints: [],
    windowsReasons: [
      'bound to 0.0.0.0 (all interfaces): reachable from Windows as localhost:3000 through localhostForwarding (consomme mode)',
      'consomme: Windows can also connect to the WSL IP directly (172.23.21.232:3000)',
    ],
    lanReasons: ['consomme: no portproxy rule forwards a Windows port to TCP 3000, so LAN clients cannot reach it'],
    lanBlockers: ['no-portproxy'],
    uncertain: false,
  },
  none: {
    level: 'wsl-only',
    windowsLocalhost: false,
    fromWindows: false,
    fromLan: false,
    lanEndpoints: [],
    windowsReasons: ['networkingMode is none: the distro has no network connection, so only Linux itself can connect'],
    lanReasons: ['networkingMode is none: the distro has no network connection, so only Linux itself can connect'],
    lanBlockers: ['network-none'],
    uncertain: false,
  },
  'mirrored loopback': {
    level: 'windows-localhost',
    windowsLocalhost: true,
    fromWindows: true,
    fromLan: false,
    lanEndpoints: [],
    windowsReasons: ['mirrored: Windows reaches TCP 3000 as localhost:3000 (bound to 127.0.0.1)'],
    lanReasons: [
      'bound to 127.0.0.1 only: LAN clients cannot reach it; bind to 0.0.0.0 (or the host address) to expose it',
    ],
    lanBlockers: ['loopback-bind'],
    uncertain: false,
  },
  'mirrored wildcard, Hyper-V rule allows': {
    level: 'lan',
    windowsLocalhost: true,
    fromWindows: true,
    fromLan: true,
    lanEndpoints: ['192.168.1.20:3000'],
    windowsReasons: ['mirrored: Windows reaches TCP 3000 as localhost:3000 (bound to 0.0.0.0)'],
    lanReasons: ['Hyper-V firewall rule "WSL 3000" allows TCP 3000 on the Private profile'],
    lanBlockers: [],
    uncertain: false,
  },
  'mirrored wildcard, Hyper-V blocks by default': {
    level: 'windows-localhost',
    windowsLocalhost: true,
    fromWindows: true,
    fromLan: false,
    lanEndpoints: [],
    windowsReasons: ['mirrored: Windows reaches TCP 3000 as localhost:3000 (bound to 0.0.0.0)'],
    lanReasons: ['no Hyper-V firewall rule allows TCP 3000 on the Private profile and DefaultInboundAction is Block'],
    lanBlockers: ['hyperv-firewall'],
    uncertain: false,
  },
  'mirrored wildcard, Hyper-V unreadable': {
    level: 'windows-localhost',
    windowsLocalhost: true,
    fromWindows: true,
    fromLan: false,
    lanEndpoints: [],
    windowsReasons: ['mirrored: Windows reaches TCP 3000 as localhost:3000 (bound to 0.0.0.0)'],
    lanReasons: ['Hyper-V firewall rules could not be read, so it is unknown whether TCP 3000 is allowed from the LAN'],
    lanBlockers: ['hyperv-firewall-unknown'],
    uncertain: true,
  },
  'mirrored ignored port': {
    level: 'wsl-only',
    windowsLocalhost: false,
    fromWindows: false,
    fromLan: false,
    lanEndpoints: [],
    windowsReasons: ['port 3000 is listed in experimental.ignoredPorts: mirrored mode keeps it inside Linux'],
    lanReasons: ['port 3000 is listed in experimental.ignoredPorts: mirrored mode keeps it inside Linux'],
    lanBlockers: ['ignored-port'],
    uncertain: false,
  },
  'mirrored bound to an address not on the LAN': {
    level: 'wsl-only',
    windowsLocalhost: false,
    fromWindows: false,
    fromLan: false,
    lanEndpoints: [],
    windowsReasons: [
      'bound to 10.5.0.2, which is not one of the mirrored host addresses, so Windows and the LAN cannot connect',
    ],
    lanReasons: [
      'bound to 10.5.0.2, which is not one of the mirrored host addresses, so Windows and the LAN cannot connect',
    ],
    lanBlockers: ['address-not-on-lan'],
    uncertain: false,
  },
  'bridged wildcard': {
    level: 'lan',
    windowsLocalhost: true,
    fromWindows: true,
    fromLan: true,
    lanEndpoints: ['192.168.1.30:3000'],
    windowsReasons: [
      'bound to 0.0.0.0 (all interfaces): reachable from Windows as localhost:3000 through localhostForwarding (bridged mode)',
    ],
    lanReasons: [
      'bridged: the VM is on the LAN directly, reachable at 192.168.1.30:3000 (Windows firewall rules do not apply; a Linux firewall could still block it)',
    ],
    lanBlockers: [],
    uncertain: false,
  },
  'bridged loopback': {
    level: 'windows-localhost',
    windowsLocalhost: true,
    fromWindows: true,
    fromLan: false,
    lanEndpoints: [],
    windowsReasons: [
      'bound to 127.0.0.1: reachable from Windows as localhost:3000 through localhostForwarding (bridged mode)',
    ],
    lanReasons: [
      'bound to 127.0.0.1 only: LAN clients cannot reach it; bind to 0.0.0.0 to expose it on the bridged network',
    ],
    lanBlockers: ['loopback-bind'],
    uncertain: false,
  },
  'wsl1 wildcard': {
    level: 'windows-localhost',
    windowsLocalhost: true,
    fromWindows: true,
    fromLan: false,
    lanEndpoints: [],
    windowsReasons: ['WSL1: Linux sockets are Windows sockets, so Windows reaches TCP 3000 directly'],
    lanReasons: ['Windows firewall rules could not be read, so it is unknown whether TCP 3000 is allowed'],
    lanBlockers: ['windows-firewall-unknown'],
    uncertain: true,
  },
  'wsl1 loopback': {
    level: 'windows-localhost',
    windowsLocalhost: true,
    fromWindows: true,
    fromLan: false,
    lanEndpoints: [],
    windowsReasons: ['WSL1: Linux sockets are Windows sockets, so Windows reaches TCP 3000 directly'],
    lanReasons: ['bound to 127.0.0.1 only: LAN clients cannot reach it'],
    lanBlockers: ['loopback-bind'],
    uncertain: false,
  },
};

describe('assessReachability: the whole answer, scenario by scenario', () => {
  for (const [name, [socket, context]] of Object.entries(SCENARIOS)) {
    it(name, () => {
      const result = assessReachability(socket, context);
      assert.deepEqual(answer(result), EXPECTED[name]);
      // `reasons` is everything said, in order, each once: the Windows reasons and the LAN reasons
      // are its two (overlapping) selections.
      assert.deepEqual(
        result.reasons.filter((reason) => result.windowsReasons.includes(reason)),
        result.windowsReasons,
      );
      assert.deepEqual(
        result.reasons.filter((reason) => result.lanReasons.includes(reason)),
        result.lanReasons,
      );
      assert.ok(
        result.reasons.every((reason) => result.windowsReasons.includes(reason) || result.lanReasons.includes(reason)),
      );
      assert.equal(new Set(result.reasons).size, result.reasons.length, name);
    });
  }

  it('speaks through the localizer it is given, for every reason', () => {
    const marked = (message: string, ...args: (string | number | boolean)[]): string =>
      `<<${message.replace(/\{(\d+)\}/g, (_m, i: string) => String(args[Number(i)]))}>>`;
    for (const [name, [socket, context]] of Object.entries(SCENARIOS)) {
      const result = assessReachability(socket, context, marked);
      assert.ok(result.reasons.length > 0, name);
      for (const reason of result.reasons) assert.match(reason, /^<<.*>>$/s, `${name}: ${reason}`);
    }
  });
});
