import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ConnectionProfile, FirewallRule, ListeningSocket } from '../../../client/src/host/hostTypes';
import { WSL_VM_CREATOR_ID } from '../../../client/src/host/parseHyperVFirewall';
import { formatOnly } from '../../../client/src/host/localize';
import { assessReachability, type NetworkContext } from '../../../client/src/host/reachability';
import { firewallRule, hyperVRule, listeningSocket, portProxyRule } from './testSupport';

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
const WSL_ADAPTER: ConnectionProfile = {
  name: 'Unidentified',
  interfaceAlias: 'vEthernet (WSL (Hyper-V firewall))',
  interfaceIndex: 45,
  networkCategory: 'Public',
  ipv4Connectivity: 'NoTraffic',
};

function nat(overrides: Partial<NetworkContext> = {}): NetworkContext {
  return {
    mode: 'nat',
    wslIps: [WSL_IP],
    portProxies: [],
    firewallRules: [],
    connectionProfiles: [PRIVATE_WIFI, WSL_ADAPTER],
    ...overrides,
  };
}

describe('reachability in NAT mode', () => {
  it('127.0.0.1 is forwarded to Windows localhost by localhostForwarding, but not to the LAN', () => {
    const r = assessReachability(sock('127.0.0.1', 3000), nat());
    assert.equal(r.level, 'windows-localhost');
    assert.equal(r.windowsLocalhost, true);
    assert.equal(r.fromLan, false);
    assert.ok(
      r.reasons.includes(
        'bound to 127.0.0.1: reachable from Windows as localhost:3000 through localhostForwarding (NAT mode)',
      ),
      r.reasons.join('\n'),
    );
    assert.ok(
      r.reasons.includes(
        'bound to 127.0.0.1 only: unreachable from Windows in NAT mode except through localhostForwarding',
      ),
    );
    assert.deepEqual(r.lanBlockers, ['no-portproxy']);
  });

  it('::1 and the wildcard are forwarded too', () => {
    assert.equal(assessReachability(sock('::1', 3000), nat()).windowsLocalhost, true);
    const wildcard = assessReachability(sock('0.0.0.0', 3000), nat());
    assert.equal(wildcard.windowsLocalhost, true);
    assert.equal(wildcard.fromWindows, true);
    assert.ok(wildcard.reasons.includes(`NAT: Windows can also connect to the WSL IP directly (${WSL_IP}:3000)`));
  });

  it('localhostForwarding=false leaves a loopback bind inside WSL', () => {
    const r = assessReachability(sock('127.0.0.1', 3000), nat({ localhostForwarding: false }));
    assert.equal(r.level, 'wsl-only');
    assert.ok(
      r.reasons.includes(
        'bound to 127.0.0.1 only: unreachable from Windows in NAT mode because localhostForwarding=false',
      ),
    );
  });

  it('LAN: portproxy to the current WSL IP plus a firewall rule on the active profile', () => {
    const context = nat({
      portProxies: [proxy('0.0.0.0', 8080, WSL_IP)],
      firewallRules: [fwRule('WSL Network: TCP 8080', ['8080'])],
    });
    const r = assessReachability(sock('0.0.0.0', 8080), context);
    assert.equal(r.level, 'lan');
    assert.deepEqual(r.lanBlockers, []);
    assert.deepEqual(r.lanEndpoints, ['0.0.0.0:8080']);
    assert.deepEqual(r.portProxy, proxy('0.0.0.0', 8080, WSL_IP));
    assert.ok(r.reasons.includes(`NAT: portproxy 0.0.0.0:8080 -> ${WSL_IP}:8080 points at the current WSL IP`));
    assert.ok(
      r.reasons.includes('Windows firewall rule "WSL Network: TCP 8080" allows TCP 8080 on the Private profile'),
    );
    assert.equal(r.uncertain, false);
  });

  it('no firewall rule for the active profile blocks the LAN (the WSL adapter profile is ignored)', () => {
    const context = nat({
      portProxies: [proxy('0.0.0.0', 8080, WSL_IP)],
      firewallRules: [fwRule('Public only', ['8080'], { profiles: ['Public'] })],
    });
    const r = assessReachability(sock('0.0.0.0', 8080), context);
    assert.equal(r.level, 'windows-localhost');
    assert.deepEqual(r.lanBlockers, ['windows-firewall']);
    assert.ok(
      r.reasons.includes('no Windows firewall rule allows TCP 8080 on the Private profile'),
      r.reasons.join('\n'),
    );
  });

  it('the firewall is checked on the portproxy LISTEN port', () => {
    const context = nat({ portProxies: [proxy('0.0.0.0', 80, WSL_IP, 8080)], firewallRules: [fwRule('web', ['80'])] });
    const r = assessReachability(sock('0.0.0.0', 8080), context);
    assert.equal(r.level, 'lan');
    assert.deepEqual(r.lanEndpoints, ['0.0.0.0:80']);
  });

  it('block, disabled, program-scoped and other-protocol rules do not let traffic in; ranges and Any do', () => {
    const base = { portProxies: [proxy('0.0.0.0', 8080, WSL_IP)] };
    const level = (rules: FirewallRule[]) =>
      assessReachability(sock('0.0.0.0', 8080), nat({ ...base, firewallRules: rules })).level;
    assert.equal(level([fwRule('range', ['8000-8100'])]), 'lan');
    assert.equal(level([fwRule('any', ['Any'], { profiles: ['Domain', 'Private', 'Public'] })]), 'lan');
    assert.equal(
      level([fwRule('allow', ['8080']), fwRule('deny', ['8080'], { action: 'Block' })]),
      'windows-localhost',
    );
    assert.equal(level([fwRule('off', ['8080'], { enabled: false })]), 'windows-localhost');
    assert.equal(level([fwRule('node', ['Any'], { program: 'C:\\node.exe' })]), 'windows-localhost');
    assert.equal(level([fwRule('udp', ['8080'], { protocol: 'UDP' })]), 'windows-localhost');
    assert.equal(level([fwRule('out', ['8080'], { direction: 'Outbound' })]), 'windows-localhost');
    assert.equal(level([fwRule('other port', ['8081'])]), 'windows-localhost');
    const blocked = assessReachability(
      sock('0.0.0.0', 8080),
      nat({ ...base, firewallRules: [fwRule('allow', ['8080']), fwRule('deny', ['8080'], { action: 'Block' })] }),
    );
    assert.ok(blocked.reasons.includes('Windows firewall rule "deny" blocks TCP 8080'));
  });

  it('a portproxy rule pointing at an old WSL IP is reported as stale', () => {
    const r = assessReachability(
      sock('0.0.0.0', 8080),
      nat({ portProxies: [proxy('0.0.0.0', 8080, '172.23.16.5')], firewallRules: [fwRule('fw', ['8080'])] }),
    );
    assert.equal(r.level, 'windows-localhost');
    assert.deepEqual(r.lanBlockers, ['stale-portproxy']);
    assert.ok(
      r.reasons.some((reason) =>
        reason.includes('points at 172.23.16.5, which is not the current WSL IP (172.23.21.232): the rule is stale'),
      ),
    );
  });

  it('a portproxy to the current IP does not help a loopback-only socket', () => {
    const r = assessReachability(
      sock('127.0.0.1', 8080),
      nat({ portProxies: [proxy('0.0.0.0', 8080, WSL_IP)], firewallRules: [fwRule('fw', ['8080'])] }),
    );
    assert.equal(r.fromLan, false);
    assert.deepEqual(r.lanBlockers, ['loopback-bind']);
  });

  it('a portproxy to Windows localhost reuses the relay and survives IP changes', () => {
    const context = nat({
      portProxies: [proxy('0.0.0.0', 8080, '127.0.0.1')],
      firewallRules: [fwRule('fw', ['8080'])],
    });
    assert.equal(assessReachability(sock('127.0.0.1', 8080), context).level, 'lan');
    assert.equal(
      assessReachability(sock('127.0.0.1', 8080), { ...context, localhostForwarding: false }).level,
      'wsl-only',
    );
  });

  it('an IPv6 wildcard accepts the IPv4 portproxy connection; a specific bind must match', () => {
    const context = nat({ portProxies: [proxy('0.0.0.0', 8080, WSL_IP)], firewallRules: [fwRule('fw', ['8080'])] });
    assert.equal(assessReachability(sock('::', 8080), context).level, 'lan');
    const onIp = assessReachability(sock(WSL_IP, 8080), context);
    assert.equal(onIp.level, 'lan');
    assert.equal(onIp.windowsLocalhost, false);
    const onDocker = assessReachability(sock('172.17.0.1', 8080), context);
    assert.equal(onDocker.level, 'wsl-only');
    assert.deepEqual(onDocker.lanBlockers, ['address-not-on-lan']);
  });

  it('a portproxy listening on loopback serves only Windows', () => {
    const r = assessReachability(
      sock('0.0.0.0', 8080),
      nat({ portProxies: [proxy('127.0.0.1', 8080, WSL_IP)], firewallRules: [fwRule('fw', ['8080'])] }),
    );
    assert.deepEqual(r.lanBlockers, ['portproxy-local-only']);
  });

  it('UDP: not relayed to localhost, not proxied, but reachable at the WSL IP', () => {
    const r = assessReachability(sock('0.0.0.0', 5353, 'udp'), nat());
    assert.equal(r.windowsLocalhost, false);
    assert.equal(r.fromWindows, true);
    assert.equal(r.level, 'windows-localhost');
    assert.deepEqual(r.lanBlockers, ['udp-not-proxied']);
  });

  it('unknown facts make the answer uncertain instead of wrong', () => {
    const noRules = assessReachability(
      sock('0.0.0.0', 8080),
      nat({ portProxies: [proxy('0.0.0.0', 8080, WSL_IP)], firewallRules: undefined }),
    );
    assert.equal(noRules.uncertain, true);
    assert.deepEqual(noRules.lanBlockers, ['windows-firewall-unknown']);
    const noProfile = assessReachability(
      sock('0.0.0.0', 8080),
      nat({
        portProxies: [proxy('0.0.0.0', 8080, WSL_IP)],
        firewallRules: [fwRule('fw', ['8080'])],
        connectionProfiles: undefined,
      }),
    );
    assert.equal(noProfile.level, 'lan');
    assert.equal(noProfile.uncertain, true);
  });
});

describe('reachability in mirrored mode', () => {
  const HOST_IP = '192.168.1.50';
  const mirrored = (overrides: Partial<NetworkContext> = {}): NetworkContext => ({
    mode: 'mirrored',
    wslIps: [HOST_IP],
    hyperVRules: [],
    hyperVSetting: {
      name: WSL_VM_CREATOR_ID,
      enabled: true,
      defaultInboundAction: 'Block',
      defaultOutboundAction: 'Allow',
      loopbackEnabled: true,
    },
    connectionProfiles: [PRIVATE_WIFI],
    ...overrides,
  });

  it('localhost works for every bind, even with localhostForwarding=false', () => {
    for (const address of ['127.0.0.1', '0.0.0.0', '::', HOST_IP]) {
      assert.equal(
        assessReachability(sock(address, 3000), mirrored({ localhostForwarding: false })).windowsLocalhost,
        true,
        address,
      );
    }
  });

  it("LAN needs a Hyper-V allow rule for WSL's VM creator", () => {
    const blocked = assessReachability(sock('0.0.0.0', 8080), mirrored());
    assert.equal(blocked.level, 'windows-localhost');
    assert.deepEqual(blocked.lanBlockers, ['hyperv-firewall']);
    assert.ok(
      blocked.reasons.includes(
        'no Hyper-V firewall rule allows TCP 8080 on the Private profile and DefaultInboundAction is Block',
      ),
      blocked.reasons.join('\n'),
    );
    const allowed = assessReachability(
      sock('0.0.0.0', 8080),
      mirrored({ hyperVRules: [hvRule('WSL Network: TCP 8080', ['8080'])] }),
    );
    assert.equal(allowed.level, 'lan');
    assert.deepEqual(allowed.lanEndpoints, [`${HOST_IP}:8080`]);
    const otherVm = assessReachability(
      sock('0.0.0.0', 8080),
      mirrored({
        hyperVRules: [hvRule('other vm', ['8080'], { vmCreatorId: '{9E288F02-CE00-4D9E-BE2B-14CE463B0298}' })],
      }),
    );
    assert.equal(otherVm.level, 'windows-localhost');
  });

  it('DefaultInboundAction Allow opens every port; a block rule still wins', () => {
    const open = mirrored({
      hyperVSetting: {
        name: WSL_VM_CREATOR_ID,
        enabled: true,
        defaultInboundAction: 'Allow',
        defaultOutboundAction: 'Allow',
        loopbackEnabled: true,
      },
    });
    const r = assessReachability(sock('0.0.0.0', 8080), open);
    assert.equal(r.level, 'lan');
    assert.ok(
      r.reasons.includes('Hyper-V firewall default inbound action Allow lets TCP 8080 through on the Private profile'),
    );
    assert.equal(
      assessReachability(sock('0.0.0.0', 8080), {
        ...open,
        hyperVRules: [hvRule('deny', ['8080'], { action: 'Block' })],
      }).level,
      'windows-localhost',
    );
  });

  it('a host-address bind reaches the LAN; loopback does not', () => {
    const rules = { hyperVRules: [hvRule('fw', ['8080'])] };
    assert.equal(assessReachability(sock(HOST_IP, 8080), mirrored(rules)).level, 'lan');
    const loop = assessReachability(sock('127.0.0.1', 8080), mirrored(rules));
    assert.equal(loop.level, 'windows-localhost');
    assert.deepEqual(loop.lanBlockers, ['loopback-bind']);
  });

  it('experimental.ignoredPorts stay inside Linux', () => {
    const r = assessReachability(
      sock('0.0.0.0', 53, 'udp'),
      mirrored({ ignoredPorts: [53], hyperVRules: [hvRule('dns', ['53'], { protocol: 'UDP' })] }),
    );
    assert.equal(r.level, 'wsl-only');
    assert.deepEqual(r.lanBlockers, ['ignored-port']);
    assert.ok(r.reasons[0]?.includes('experimental.ignoredPorts'));
  });

  it('UDP follows the same Hyper-V rules', () => {
    assert.equal(
      assessReachability(
        sock('0.0.0.0', 5000, 'udp'),
        mirrored({ hyperVRules: [hvRule('udp', ['5000'], { protocol: 'UDP' })] }),
      ).level,
      'lan',
    );
    assert.equal(
      assessReachability(sock('0.0.0.0', 5000, 'udp'), mirrored({ hyperVRules: [hvRule('tcp', ['5000'])] })).level,
      'windows-localhost',
    );
  });
});

describe('reachability in bridged, consomme, none and WSL1', () => {
  it('bridged: a wildcard bind is on the LAN directly at the VM address', () => {
    const r = assessReachability(sock('0.0.0.0', 8080), { mode: 'bridged', wslIps: ['192.168.1.77'] });
    assert.equal(r.level, 'lan');
    assert.deepEqual(r.lanEndpoints, ['192.168.1.77:8080']);
    assert.equal(r.windowsLocalhost, true);
    const loop = assessReachability(sock('127.0.0.1', 8080), { mode: 'bridged', wslIps: ['192.168.1.77'] });
    assert.equal(loop.level, 'windows-localhost');
  });

  it('consomme behaves like NAT for localhostForwarding', () => {
    const r = assessReachability(sock('127.0.0.1', 8080), { mode: 'consomme', wslIps: ['10.0.2.15'], portProxies: [] });
    assert.equal(r.level, 'windows-localhost');
    assert.ok(r.reasons[0]?.includes('consomme'));
  });

  it('none: only Linux itself', () => {
    const r = assessReachability(sock('0.0.0.0', 8080), { mode: 'none', wslIps: [] });
    assert.equal(r.level, 'wsl-only');
    assert.deepEqual(r.lanBlockers, ['network-none']);
  });

  it('WSL1: Windows firewall decides LAN access for wildcard binds', () => {
    const context: NetworkContext = {
      mode: 'wsl1',
      wslIps: [],
      firewallRules: [fwRule('fw', ['8080'])],
      connectionProfiles: [PRIVATE_WIFI],
    };
    assert.equal(assessReachability(sock('0.0.0.0', 8080), context).level, 'lan');
    assert.equal(assessReachability(sock('127.0.0.1', 8080), context).level, 'windows-localhost');
  });
});

describe('reachability reasons: localised and sorted by what they explain', () => {
  // A pseudo-translation: every message that went through `t` is wrapped in ‹›, so an English string
  // built outside `t` shows up unwrapped.
  const pseudo = (message: string, ...args: Array<string | number | boolean>): string =>
    `‹${formatOnly(message, ...args)}›`;
  const scenarios: [string, ListeningSocket, NetworkContext][] = [
    [
      'NAT wildcard, working proxy and firewall',
      sock('0.0.0.0', 8080),
      nat({ portProxies: [proxy('0.0.0.0', 8080, WSL_IP)], firewallRules: [fwRule('fw', ['8080'])] }),
    ],
    [
      'NAT loopback, proxy to localhost',
      sock('127.0.0.1', 3000),
      nat({ portProxies: [proxy('0.0.0.0', 3000, '127.0.0.1')] }),
    ],
    ['NAT stale proxy', sock('0.0.0.0', 2222), nat({ portProxies: [proxy('0.0.0.0', 2222, '172.20.1.5')] })],
    ['NAT specific bind, no forwarding', sock('10.1.2.3', 81), nat({ localhostForwarding: false })],
    ['NAT UDP', sock('0.0.0.0', 53, 'udp'), nat()],
    ['NAT unreadable facts', sock('0.0.0.0', 8080), { mode: 'nat', wslIps: [WSL_IP] }],
    [
      'NAT blocked by a rule, unknown profile',
      sock('0.0.0.0', 8080),
      nat({
        portProxies: [proxy('0.0.0.0', 8080, WSL_IP)],
        firewallRules: [fwRule('deny', ['8080'], { action: 'Block' })],
        connectionProfiles: undefined,
      }),
    ],
    [
      'mirrored ignored port',
      sock('0.0.0.0', 5000),
      { mode: 'mirrored', wslIps: ['192.168.1.20'], ignoredPorts: [5000] },
    ],
    ['mirrored ::1', sock('::1', 5000), { mode: 'mirrored', wslIps: ['192.168.1.20'], hyperVRules: [] }],
    [
      'mirrored wildcard, no Hyper-V rule',
      sock('0.0.0.0', 5000),
      { mode: 'mirrored', wslIps: ['192.168.1.20'], hyperVRules: [], connectionProfiles: [PRIVATE_WIFI] },
    ],
    [
      'mirrored allowed',
      sock('0.0.0.0', 5000),
      {
        mode: 'mirrored',
        wslIps: ['192.168.1.20'],
        hyperVRules: [hvRule('hv', ['5000'])],
        connectionProfiles: [PRIVATE_WIFI],
      },
    ],
    ['bridged foreign address', sock('10.9.9.9', 8080), { mode: 'bridged', wslIps: ['192.168.1.77'] }],
    ['bridged wildcard', sock('0.0.0.0', 8080), { mode: 'bridged', wslIps: ['192.168.1.77'] }],
    ['none', sock('0.0.0.0', 8080), { mode: 'none', wslIps: [] }],
    ['WSL1 UDP', sock('0.0.0.0', 53, 'udp'), { mode: 'wsl1', wslIps: [] }],
  ];

  it('builds every reason through the localisation function', () => {
    for (const [name, socket, context] of scenarios) {
      const reasons = assessReachability(socket, context, pseudo).reasons;
      assert.ok(reasons.length > 0, name);
      for (const reason of reasons) assert.match(reason, /^‹.*›$/s, `${name}: ${reason}`);
    }
  });

  it('files every reason under Windows, the LAN or both, in order', () => {
    for (const [name, socket, context] of scenarios) {
      const r = assessReachability(socket, context);
      assert.deepEqual(
        r.reasons.filter((reason) => r.windowsReasons.includes(reason) || r.lanReasons.includes(reason)),
        r.reasons,
        name,
      );
      assert.deepEqual(
        r.windowsReasons,
        r.reasons.filter((reason) => r.windowsReasons.includes(reason)),
        name,
      );
      assert.deepEqual(
        r.lanReasons,
        r.reasons.filter((reason) => r.lanReasons.includes(reason)),
        name,
      );
    }
    const ignored = assessReachability(sock('0.0.0.0', 5000), {
      mode: 'mirrored',
      wslIps: ['192.168.1.20'],
      ignoredPorts: [5000],
    });
    assert.equal(ignored.windowsReasons.length, 1, 'an ignored port explains both');
    assert.equal(ignored.lanReasons.length, 1);
    const udp = assessReachability(sock('0.0.0.0', 53, 'udp'), nat());
    assert.ok(udp.lanReasons.some((reason) => /portproxy forwards TCP only/.test(reason)));
    assert.ok(!udp.windowsReasons.some((reason) => /portproxy/.test(reason)));
  });
});
