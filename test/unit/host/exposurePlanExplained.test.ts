// The exposure plans, answer by answer: what "Expose to LAN", "Repair", the undo of a repair and
// "Remove Port Exposure" would run for each networking mode, bind, existing rule and missing fact —
// every step in order, every note the confirmation dialog shows, and why a plan cannot help. Each
// expected plan was read when written: the steps are what the user is asked to allow.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { HyperVFirewallRule, ListeningSocket } from '../../../client/src/host/hostTypes';
import { firewallRule, hyperVRule, listeningSocket, portProxyRule } from './testSupport';
import {
  listOwnExposures,
  planExposeToLan,
  planRepairStalePortProxies,
  planUndoRepair,
  type ExposeOptions,
  type ExposurePlan,
  type ExposureRecord,
  type OwnExposure,
  type RepointedRule,
} from '../../../client/src/host/exposurePlan';
import type { NetworkContext } from '../../../client/src/host/reachability';
import { hyperVRuleName, ruleDisplayName } from '../../../client/src/host/ruleNaming';

const WSL_IP = '172.23.21.232';
const OLD_IP = '172.23.16.5';

const sock = listeningSocket;
const proxy = portProxyRule;
const fwRule = firewallRule;
const hvRule = (name: string, displayName: string, ports: string[]): HyperVFirewallRule =>
  hyperVRule(displayName, ports, { name });

const nat = (overrides: Partial<NetworkContext> = {}): NetworkContext => ({
  mode: 'nat',
  wslIps: [WSL_IP],
  portProxies: [],
  firewallRules: [],
  connectionProfiles: [
    {
      name: 'HomeNet',
      interfaceAlias: 'Wi-Fi',
      interfaceIndex: 12,
      networkCategory: 'Private',
      ipv4Connectivity: 'Internet',
    },
  ],
  ...overrides,
});

const mirrored = (overrides: Partial<NetworkContext> = {}): NetworkContext => ({
  ...nat(),
  mode: 'mirrored',
  wslIps: ['192.168.1.20'],
  hyperVRules: [],
  lanSubnets: ['192.168.1.0/24'],
  ...overrides,
});

const EXPOSE: Record<string, [ListeningSocket, NetworkContext, ExposeOptions?]> = {
  'nat wildcard, nothing yet': [sock('0.0.0.0', 8080), nat()],
  'nat wildcard, a firewall rule already allows the port': [
    sock('0.0.0.0', 8080),
    nat({ firewallRules: [fwRule('Dev', ['8080'])] }),
  ],
  'nat wildcard, firewall unreadable': [sock('0.0.0.0', 8080), nat({ firewallRules: undefined })],
  'nat wildcard, a stale rule on the port is deleted first': [
    sock('0.0.0.0', 8080),
    nat({ portProxies: [proxy('0.0.0.0', 8080, OLD_IP), proxy('0.0.0.0', 9090, OLD_IP), proxy('::', 8080, OLD_IP)] }),
  ],
  'nat wildcard, Windows port 2222 to WSL 22, public profile, anyone': [
    sock('0.0.0.0', 22),
    nat(),
    { listenPort: 2222, profile: 'Public', scope: 'Any', ruleNamePrefix: 'Team' },
  ],
  'nat wildcard, an IPv6 and a loopback address before the IPv4 one': [
    sock('0.0.0.0', 8080),
    nat({ wslIps: ['fd00::5', '127.0.0.1', WSL_IP] }),
  ],
  'nat wildcard, no IPv4 address known': [sock('0.0.0.0', 8080), nat({ wslIps: ['fd00::5'] })],
  'nat wildcard, target given': [sock('0.0.0.0', 8080), nat(), { targetIp: '172.23.30.1' }],
  'nat udp': [sock('0.0.0.0', 5353, 'udp'), nat()],
  'nat loopback bind': [sock('127.0.0.1', 8080), nat({ portProxies: [proxy('0.0.0.0', 8080, WSL_IP)] })],
  'nat already reachable': [
    sock('0.0.0.0', 8080),
    nat({ portProxies: [proxy('0.0.0.0', 8080, WSL_IP)], firewallRules: [fwRule('Dev', ['8080'])] }),
  ],
  'consomme wildcard': [sock('0.0.0.0', 8080), nat({ mode: 'consomme' })],
  'mirrored wildcard, this subnet': [sock('0.0.0.0', 3000), mirrored()],
  'mirrored udp, anyone': [sock('0.0.0.0', 3000, 'udp'), mirrored(), { scope: 'Any' }],
  'mirrored wildcard, a prefix': [sock('0.0.0.0', 3000), mirrored(), { scope: '10.0.0.0/8' }],
  'mirrored wildcard, subnet unknown': [sock('0.0.0.0', 3000), mirrored({ lanSubnets: [] })],
  'mirrored ignored port': [sock('0.0.0.0', 3000), mirrored({ ignoredPorts: [3000] })],
  'mirrored address not on the LAN': [sock('10.5.0.2', 3000), mirrored()],
  none: [sock('0.0.0.0', 3000), nat({ mode: 'none' })],
  'bridged, not the VM address': [sock('10.9.9.9', 3000), { mode: 'bridged', wslIps: ['192.168.1.30'] }],
  'wsl1 wildcard': [sock('0.0.0.0', 3000), { mode: 'wsl1', wslIps: [] }],
};

const REPAIR: Record<string, Parameters<typeof planRepairStalePortProxies>> = {
  'two stale rules, one IPv6, one elsewhere on the LAN': [
    nat({
      portProxies: [
        proxy('0.0.0.0', 8080, OLD_IP),
        proxy('127.0.0.1', 2222, '172.23.16.9', 22),
        { kind: 'v6tov4', listenAddress: '::', listenPort: 8080, connectAddress: OLD_IP, connectPort: 8080 },
        proxy('0.0.0.0', 9000, '192.168.1.50'),
        proxy('0.0.0.0', 9001, WSL_IP),
      ],
    }),
  ],
  'only the one asked for': [
    nat({
      portProxies: [proxy('0.0.0.0', 8080, OLD_IP), proxy('0.0.0.0', 8081, OLD_IP), proxy('127.0.0.1', 8080, OLD_IP)],
    }),
    undefined,
    { listenAddress: '0.0.0.0', listenPort: 8080 },
  ],
  'with the exposures we own': [
    nat({ portProxies: [proxy('0.0.0.0', 8080, OLD_IP), proxy('0.0.0.0', 8081, OLD_IP)] }),
    '172.23.30.1',
    undefined,
    [
      {
        port: 8080,
        protocol: 'TCP',
        steps: [],
        parts: [],
        recorded: true,
        portProxies: [proxy('0.0.0.0', 8080, OLD_IP)],
        rules: [],
      },
    ],
  ],
  'nothing stale': [nat({ portProxies: [proxy('0.0.0.0', 8080, WSL_IP)] })],
  'stale, but no IPv4 address for WSL': [nat({ wslIps: ['fd00::5'], portProxies: [proxy('0.0.0.0', 8080, OLD_IP)] })],
};

const repointed = (
  listenAddress: string,
  listenPort: number,
  from: string,
  to: string,
  connectPort = listenPort,
): RepointedRule => ({
  listenAddress,
  listenPort,
  connectPort,
  from,
  to,
});

const UNDO: Record<string, Parameters<typeof planUndoRepair>> = {
  'puts back what still points where the repair put it, leaves the rest': [
    [
      repointed('0.0.0.0', 8080, OLD_IP, WSL_IP),
      repointed('0.0.0.0', 8081, OLD_IP, WSL_IP),
      repointed('0.0.0.0', 8082, OLD_IP, WSL_IP),
      repointed('0.0.0.0', 8083, 'old-host', WSL_IP),
      repointed('0.0.0.0', 8084, OLD_IP, WSL_IP, 84),
    ],
    [
      proxy('0.0.0.0', 8080, WSL_IP),
      proxy('0.0.0.0', 8081, '172.23.40.1'),
      proxy('0.0.0.0', 8083, WSL_IP),
      proxy('0.0.0.0', 8084, WSL_IP, 85),
      { kind: 'v6tov4', listenAddress: '0.0.0.0', listenPort: 8082, connectAddress: WSL_IP, connectPort: 8082 },
    ],
  ],
  'nothing left to put back': [[repointed('0.0.0.0', 8080, OLD_IP, WSL_IP)], []],
};

const record = (overrides: Partial<ExposureRecord>): ExposureRecord => ({
  port: 8080,
  protocol: 'TCP',
  mode: 'nat',
  listenPort: 8080,
  listenAddress: '0.0.0.0',
  connectAddress: WSL_IP,
  created: ['portproxy', 'firewall'],
  ruleNamePrefix: 'WSL Network',
  profile: 'Private',
  at: 1,
  ...overrides,
});

const OWN: Record<string, Parameters<typeof listOwnExposures>> = {
  'recorded and found, a remapped port, an old prefix, Hyper-V, and rules of others': [
    nat({
      portProxies: [
        proxy('0.0.0.0', 8080, WSL_IP),
        proxy('127.0.0.1', 8080, WSL_IP),
        proxy('0.0.0.0', 2222, WSL_IP, 22),
        proxy('0.0.0.0', 9000, WSL_IP),
        proxy('0.0.0.0', 7000, WSL_IP),
      ],
      firewallRules: [
        fwRule(ruleDisplayName('TCP', 8080), ['8080']),
        fwRule(ruleDisplayName('TCP', 2222), ['2222']),
        fwRule(ruleDisplayName('TCP', 9000, 'Old'), ['9000']),
        fwRule(ruleDisplayName('UDP', 5353), ['5353'], { protocol: 'UDP' }),
        fwRule('Someone else 7000', ['7000']),
      ],
      hyperVRules: [
        hvRule(hyperVRuleName('TCP', 3000), ruleDisplayName('TCP', 3000), ['3000']),
        hvRule('{not-ours}', ruleDisplayName('TCP', 3001), ['3001']),
      ],
    }),
    [
      record({}),
      record({ port: 22, listenPort: 2222 }),
      record({ port: 9000, listenPort: 9000, ruleNamePrefix: 'Old', created: ['firewall'] }),
      record({ port: 4000, listenPort: 4000, created: ['portproxy'] }),
    ],
    'WSL Network',
  ],
  'no facts, nothing recorded': [undefined, [], 'WSL Network'],
};

type Outcome = ExposurePlan | OwnExposure[];
function outcomes(): Record<string, Outcome> {
  const out: Record<string, Outcome> = {};
  for (const [name, [socket, context, options]] of Object.entries(EXPOSE))
    out[`expose: ${name}`] = planExposeToLan(socket, context, options);
  for (const [name, args] of Object.entries(REPAIR)) out[`repair: ${name}`] = planRepairStalePortProxies(...args);
  for (const [name, args] of Object.entries(UNDO)) out[`undo repair: ${name}`] = planUndoRepair(...args);
  for (const [name, args] of Object.entries(OWN)) out[`own exposures: ${name}`] = listOwnExposures(...args);
  return out;
}

/** What each one answers (read one by one when written). */
const EXPECTED: Record<string, Outcome> = {
  'expose: nat wildcard, nothing yet': {
    feasible: true,
    steps: [
      {
        action: 'add-portproxy',
        listenAddress: '0.0.0.0',
        listenPort: 8080,
        connectPort: 8080,
        connectAddress: '172.23.21.232',
      },
      {
        action: 'add-firewall-rule',
        port: 8080,
        protocol: 'TCP',
        profile: 'Private',
        ruleNamePrefix: 'WSL Network',
        remoteAddresses: ['LocalSubnet'],
      },
    ],
    notes: [
      "LAN clients will connect to this PC's address on port 8080. The rule must be updated when the WSL IP changes.",
    ],
  },
  'expose: nat wildcard, a firewall rule already allows the port': {
    feasible: true,
    steps: [
      {
        action: 'add-portproxy',
        listenAddress: '0.0.0.0',
        listenPort: 8080,
        connectPort: 8080,
        connectAddress: '172.23.21.232',
      },
    ],
    notes: [
      "LAN clients will connect to this PC's address on port 8080. The rule must be updated when the WSL IP changes.",
    ],
  },
  'expose: nat wildcard, firewall unreadable': {
    feasible: true,
    steps: [
      {
        action: 'add-portproxy',
        listenAddress: '0.0.0.0',
        listenPort: 8080,
        connectPort: 8080,
        connectAddress: '172.23.21.232',
      },
      {
        action: 'add-firewall-rule',
        port: 8080,
        protocol: 'TCP',
        profile: 'Private',
        ruleNamePrefix: 'WSL Network',
        remoteAddresses: ['LocalSubnet'],
      },
    ],
    notes: [
      "LAN clients will connect to this PC's address on port 8080. The rule must be updated when the WSL IP changes.",
    ],
  },
  'expose: nat wildcard, a stale rule on the port is deleted first': {
    feasible: true,
    steps: [
      {
        action: 'delete-portproxy',
        listenPort: 8080,
        listenAddress: '0.0.0.0',
      },
      {
        action: 'add-portproxy',
        listenAddress: '0.0.0.0',
        listenPort: 8080,
        connectPort: 8080,
        connectAddress: '172.23.21.232',
      },
      {
        action: 'add-firewall-rule',
        port: 8080,
        protocol: 'TCP',
        profile: 'Private',
        ruleNamePrefix: 'WSL Network',
        remoteAddresses: ['LocalSubnet'],
      },
    ],
    notes: [
      'portproxy 0.0.0.0:8080 -> 172.23.16.5:8080 points at 172.23.16.5, which is not a current WSL address (now 172.23.21.232)',
      "LAN clients will connect to this PC's address on port 8080. The rule must be updated when the WSL IP changes.",
    ],
  },
  'expose: nat wildcard, Windows port 2222 to WSL 22, public profile, anyone': {
    feasible: true,
    steps: [
      {
        action: 'add-portproxy',
        listenAddress: '0.0.0.0',
        listenPort: 2222,
        connectPort: 22,
        connectAddress: '172.23.21.232',
      },
      {
        action: 'add-firewall-rule',
        port: 2222,
        protocol: 'TCP',
        profile: 'Public',
        ruleNamePrefix: 'Team',
        remoteAddresses: ['Any'],
      },
    ],
    notes: [
      "LAN clients will connect to this PC's address on port 2222. The rule must be updated when the WSL IP changes.",
    ],
  },
  'expose: nat wildcard, an IPv6 and a loopback address before the IPv4 one': {
    feasible: true,
    steps: [
      {
        action: 'add-portproxy',
        listenAddress: '0.0.0.0',
        listenPort: 8080,
        connectPort: 8080,
        connectAddress: '172.23.21.232',
      },
      {
        action: 'add-firewall-rule',
        port: 8080,
        protocol: 'TCP',
        profile: 'Private',
        ruleNamePrefix: 'WSL Network',
        remoteAddresses: ['LocalSubnet'],
      },
    ],
    notes: [
      "LAN clients will connect to this PC's address on port 8080. The rule must be updated when the WSL IP changes.",
    ],
  },
  'expose: nat wildcard, no IPv4 address known': {
    feasible: false,
    steps: [],
    notes: ['The current WSL IPv4 address is unknown.'],
    blocker: 'wsl-ip-unknown',
  },
  'expose: nat wildcard, target given': {
    feasible: true,
    steps: [
      {
        action: 'add-portproxy',
        listenAddress: '0.0.0.0',
        listenPort: 8080,
        connectPort: 8080,
        connectAddress: '172.23.30.1',
      },
      {
        action: 'add-firewall-rule',
        port: 8080,
        protocol: 'TCP',
        profile: 'Private',
        ruleNamePrefix: 'WSL Network',
        remoteAddresses: ['LocalSubnet'],
      },
    ],
    notes: [
      "LAN clients will connect to this PC's address on port 8080. The rule must be updated when the WSL IP changes.",
    ],
  },
  'expose: nat udp': {
    feasible: false,
    steps: [],
    notes: ['netsh portproxy forwards TCP only.'],
    blocker: 'tcp-only',
  },
  'expose: nat loopback bind': {
    feasible: false,
    steps: [],
    notes: ['The program listens on 127.0.0.1; restart it bound to 0.0.0.0 (all interfaces) first.'],
    blocker: 'loopback-bind',
  },
  'expose: nat already reachable': {
    feasible: true,
    steps: [],
    notes: ['Already reachable from the LAN.'],
  },
  'expose: consomme wildcard': {
    feasible: true,
    steps: [
      {
        action: 'add-portproxy',
        listenAddress: '0.0.0.0',
        listenPort: 8080,
        connectPort: 8080,
        connectAddress: '172.23.21.232',
      },
      {
        action: 'add-firewall-rule',
        port: 8080,
        protocol: 'TCP',
        profile: 'Private',
        ruleNamePrefix: 'WSL Network',
        remoteAddresses: ['LocalSubnet'],
      },
    ],
    notes: [
      "LAN clients will connect to this PC's address on port 8080. The rule must be updated when the WSL IP changes.",
    ],
  },
  'expose: mirrored wildcard, this subnet': {
    feasible: true,
    steps: [
      {
        action: 'add-hyperv-rule',
        port: 3000,
        protocol: 'TCP',
        profile: 'Private',
        ruleNamePrefix: 'WSL Network',
        remoteAddresses: ['192.168.1.0/24'],
      },
    ],
    notes: ['Mirrored mode: the Hyper-V firewall decides; no portproxy is needed.'],
  },
  'expose: mirrored udp, anyone': {
    feasible: true,
    steps: [
      {
        action: 'add-hyperv-rule',
        port: 3000,
        protocol: 'UDP',
        profile: 'Private',
        ruleNamePrefix: 'WSL Network',
      },
    ],
    notes: ['Mirrored mode: the Hyper-V firewall decides; no portproxy is needed.'],
  },
  'expose: mirrored wildcard, a prefix': {
    feasible: true,
    steps: [
      {
        action: 'add-hyperv-rule',
        port: 3000,
        protocol: 'TCP',
        profile: 'Private',
        ruleNamePrefix: 'WSL Network',
        remoteAddresses: ['10.0.0.0/8'],
      },
    ],
    notes: ['Mirrored mode: the Hyper-V firewall decides; no portproxy is needed.'],
  },
  'expose: mirrored wildcard, subnet unknown': {
    feasible: false,
    steps: [],
    notes: [
      "This network's subnet is unknown (the address of WSL's mirrored eth0 could not be read), and the Hyper-V firewall needs it spelled out. Choose a network prefix instead.",
    ],
    blocker: 'local-subnet-unknown',
  },
  'expose: mirrored ignored port': {
    feasible: false,
    steps: [],
    notes: ['port 3000 is listed in experimental.ignoredPorts: mirrored mode keeps it inside Linux'],
    blocker: 'ignored-port',
  },
  'expose: mirrored address not on the LAN': {
    feasible: false,
    steps: [],
    notes: ['The program listens on 10.5.0.2; restart it bound to 0.0.0.0 (all interfaces) first.'],
    blocker: 'address-not-on-lan',
  },
  'expose: none': {
    feasible: false,
    steps: [],
    notes: ['networkingMode is none: the distro has no network connection, so only Linux itself can connect'],
    blocker: 'network-none',
  },
  'expose: bridged, not the VM address': {
    feasible: false,
    steps: [],
    notes: ['The program listens on 10.9.9.9; restart it bound to 0.0.0.0 (all interfaces) first.'],
    blocker: 'address-not-on-lan',
  },
  'expose: wsl1 wildcard': {
    feasible: false,
    steps: [],
    notes: [
      'WSL1: Linux sockets are Windows sockets, so Windows reaches TCP 3000 directly',
      'Windows firewall rules could not be read, so it is unknown whether TCP 3000 is allowed',
    ],
    blocker: 'windows-firewall-unknown',
  },
  'repair: two stale rules, one IPv6, one elsewhere on the LAN': {
    feasible: true,
    steps: [
      {
        action: 'add-portproxy',
        listenAddress: '0.0.0.0',
        listenPort: 8080,
        connectPort: 8080,
        connectAddress: '172.23.21.232',
      },
      {
        action: 'add-portproxy',
        listenAddress: '127.0.0.1',
        listenPort: 2222,
        connectPort: 22,
        connectAddress: '172.23.21.232',
      },
    ],
    notes: [
      'portproxy 0.0.0.0:8080 -> 172.23.16.5:8080 points at 172.23.16.5, which is not a current WSL address (now 172.23.21.232)',
      'portproxy 127.0.0.1:2222 -> 172.23.16.9:22 points at 172.23.16.9, which is not a current WSL address (now 172.23.21.232)',
    ],
    repointed: [
      {
        listenAddress: '0.0.0.0',
        listenPort: 8080,
        connectPort: 8080,
        from: '172.23.16.5',
        to: '172.23.21.232',
      },
      {
        listenAddress: '127.0.0.1',
        listenPort: 2222,
        connectPort: 22,
        from: '172.23.16.9',
        to: '172.23.21.232',
      },
    ],
  },
  'repair: only the one asked for': {
    feasible: true,
    steps: [
      {
        action: 'add-portproxy',
        listenAddress: '0.0.0.0',
        listenPort: 8080,
        connectPort: 8080,
        connectAddress: '172.23.21.232',
      },
    ],
    notes: [
      'portproxy 0.0.0.0:8080 -> 172.23.16.5:8080 points at 172.23.16.5, which is not a current WSL address (now 172.23.21.232)',
    ],
    repointed: [
      {
        listenAddress: '0.0.0.0',
        listenPort: 8080,
        connectPort: 8080,
        from: '172.23.16.5',
        to: '172.23.21.232',
      },
    ],
  },
  'repair: with the exposures we own': {
    feasible: true,
    steps: [
      {
        action: 'add-portproxy',
        listenAddress: '0.0.0.0',
        listenPort: 8080,
        connectPort: 8080,
        connectAddress: '172.23.30.1',
      },
      {
        action: 'add-portproxy',
        listenAddress: '0.0.0.0',
        listenPort: 8081,
        connectPort: 8081,
        connectAddress: '172.23.30.1',
      },
    ],
    notes: [
      'portproxy 0.0.0.0:8080 -> 172.23.16.5:8080 points at 172.23.16.5, which is not a current WSL address (now 172.23.21.232)',
      'portproxy 0.0.0.0:8081 -> 172.23.16.5:8081 points at 172.23.16.5, which is not a current WSL address (now 172.23.21.232)',
    ],
    repointed: [
      {
        listenAddress: '0.0.0.0',
        listenPort: 8080,
        connectPort: 8080,
        from: '172.23.16.5',
        to: '172.23.30.1',
        ours: true,
      },
      {
        listenAddress: '0.0.0.0',
        listenPort: 8081,
        connectPort: 8081,
        from: '172.23.16.5',
        to: '172.23.30.1',
        ours: false,
      },
    ],
  },
  'repair: nothing stale': {
    feasible: false,
    steps: [],
    notes: ['No stale portproxy rules.'],
    blocker: 'no-stale-rules',
  },
  'repair: stale, but no IPv4 address for WSL': {
    feasible: false,
    steps: [],
    notes: ['The current WSL IPv4 address is unknown.'],
    blocker: 'wsl-ip-unknown',
  },
  'undo repair: puts back what still points where the repair put it, leaves the rest': {
    feasible: true,
    steps: [
      {
        action: 'add-portproxy',
        listenAddress: '0.0.0.0',
        listenPort: 8080,
        connectPort: 8080,
        connectAddress: '172.23.16.5',
      },
    ],
    notes: [
      '0.0.0.0:8081: changed since the repair (now 172.23.40.1:8081); left alone.',
      '0.0.0.0:8082: the rule no longer exists; nothing to put back.',
      '0.0.0.0:8083: the old target old-host is not an IPv4 address; left alone.',
      '0.0.0.0:8084: changed since the repair (now 172.23.21.232:85); left alone.',
    ],
  },
  'undo repair: nothing left to put back': {
    feasible: false,
    steps: [],
    notes: ['0.0.0.0:8080: the rule no longer exists; nothing to put back.'],
  },
  'own exposures: recorded and found, a remapped port, an old prefix, Hyper-V, and rules of others': [
    {
      port: 22,
      protocol: 'TCP',
      steps: [
        {
          action: 'delete-portproxy',
          listenPort: 2222,
          listenAddress: '0.0.0.0',
        },
        {
          action: 'remove-firewall-rule',
          port: 2222,
          protocol: 'TCP',
          ruleNamePrefix: 'WSL Network',
        },
      ],
      parts: ['portproxy 0.0.0.0:2222 → 172.23.21.232:22', 'WSL Network: TCP 2222 (Windows firewall)'],
      recorded: true,
      portProxies: [
        {
          kind: 'v4tov4',
          listenAddress: '0.0.0.0',
          listenPort: 2222,
          connectAddress: '172.23.21.232',
          connectPort: 22,
        },
      ],
      rules: [
        {
          store: 'firewall',
          protocol: 'TCP',
          port: 2222,
          prefix: 'WSL Network',
        },
      ],
    },
    {
      port: 3000,
      protocol: 'TCP',
      steps: [
        {
          action: 'remove-hyperv-rule',
          port: 3000,
          protocol: 'TCP',
          ruleNamePrefix: 'WSL Network',
        },
      ],
      parts: ['WSL Network: TCP 3000 (Hyper-V firewall)'],
      recorded: false,
      portProxies: [],
      rules: [
        {
          store: 'hyperv',
          protocol: 'TCP',
          port: 3000,
          prefix: 'WSL Network',
        },
      ],
    },
    {
      port: 4000,
      protocol: 'TCP',
      steps: [],
      parts: [],
      recorded: true,
      portProxies: [],
      rules: [],
    },
    {
      port: 5353,
      protocol: 'UDP',
      steps: [
        {
          action: 'remove-firewall-rule',
          port: 5353,
          protocol: 'UDP',
          ruleNamePrefix: 'WSL Network',
        },
      ],
      parts: ['WSL Network: UDP 5353 (Windows firewall)'],
      recorded: false,
      portProxies: [],
      rules: [
        {
          store: 'firewall',
          protocol: 'UDP',
          port: 5353,
          prefix: 'WSL Network',
        },
      ],
    },
    {
      port: 8080,
      protocol: 'TCP',
      steps: [
        {
          action: 'delete-portproxy',
          listenPort: 8080,
          listenAddress: '0.0.0.0',
        },
        {
          action: 'remove-firewall-rule',
          port: 8080,
          protocol: 'TCP',
          ruleNamePrefix: 'WSL Network',
        },
      ],
      parts: ['portproxy 0.0.0.0:8080 → 172.23.21.232:8080', 'WSL Network: TCP 8080 (Windows firewall)'],
      recorded: true,
      portProxies: [
        {
          kind: 'v4tov4',
          listenAddress: '0.0.0.0',
          listenPort: 8080,
          connectAddress: '172.23.21.232',
          connectPort: 8080,
        },
      ],
      rules: [
        {
          store: 'firewall',
          protocol: 'TCP',
          port: 8080,
          prefix: 'WSL Network',
        },
      ],
    },
    {
      port: 9000,
      protocol: 'TCP',
      steps: [
        {
          action: 'delete-portproxy',
          listenPort: 9000,
          listenAddress: '0.0.0.0',
        },
        {
          action: 'remove-firewall-rule',
          port: 9000,
          protocol: 'TCP',
          ruleNamePrefix: 'Old',
        },
      ],
      parts: ['portproxy 0.0.0.0:9000 → 172.23.21.232:9000', 'Old: TCP 9000 (Windows firewall)'],
      recorded: true,
      portProxies: [
        {
          kind: 'v4tov4',
          listenAddress: '0.0.0.0',
          listenPort: 9000,
          connectAddress: '172.23.21.232',
          connectPort: 9000,
        },
      ],
      rules: [
        {
          store: 'firewall',
          protocol: 'TCP',
          port: 9000,
          prefix: 'Old',
        },
      ],
    },
  ],
  'own exposures: no facts, nothing recorded': [],
};

describe('exposure plans: the whole plan, scenario by scenario', () => {
  const actual = outcomes();
  it('covers every scenario, and only those', () => {
    assert.deepEqual(Object.keys(actual).sort(), Object.keys(EXPECTED).sort());
  });
  for (const name of Object.keys(EXPECTED)) {
    it(name, () => {
      assert.deepEqual(actual[name], EXPECTED[name]);
    });
  }
  it('an expose plan states every value it will run with before any step is shown', () => {
    assert.throws(() => planExposeToLan(sock('0.0.0.0', 8080), nat(), { ruleNamePrefix: 'bad"prefix' }));
    assert.throws(() => planExposeToLan(sock('0.0.0.0', 8080), nat(), { scope: 'everyone; rm' as never }));
  });
});
