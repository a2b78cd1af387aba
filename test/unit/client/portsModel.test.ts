// The ports tree as data: grouping by distro, dedupe across distros, reachability labels and
// icons, rule children, the stale group, the WSL-only filter and "ours" marking.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildPortsTree, type PortNode, type PortsNode } from '../../../client/src/model/portsModel';
import { facts, natContext, socket, t, UBUNTU, WSL_IP } from './support';

const prefix = 'WSL Network';
const ports = (nodes: PortsNode[]): PortNode[] =>
  nodes.flatMap((n) => [...(n.kind === 'port' ? [n as PortNode] : []), ...ports([...n.children])]);

describe('buildPortsTree', () => {
  it('is empty when WSL is not available (the welcome content shows)', () => {
    assert.deepEqual(
      buildPortsTree(
        { facts: { ...facts(), available: false }, showWslOnly: true, ruleNamePrefix: prefix, ledger: [] },
        t,
      ),
      [],
    );
  });

  it('groups ports under their distro with port, process, bind address and reachability', () => {
    const f = facts({
      sockets: [
        {
          distro: 'Ubuntu-24.04',
          sockets: [socket(8080), socket(5432, '127.0.0.1', { processName: 'postgres', pid: 99 })],
        },
      ],
    });
    const roots = buildPortsTree({ facts: f, showWslOnly: true, ruleNamePrefix: prefix, ledger: [] }, t);
    assert.equal(roots[0]?.label, 'Ubuntu-24.04');
    assert.equal(roots[0]?.description, 'default · Running');
    const [pg, node] = ports(roots);
    assert.equal(pg?.label, '5432 · postgres');
    assert.equal(pg?.description, 'Windows · 127.0.0.1 · pid 99');
    assert.equal(node?.label, '8080 · node');
    assert.equal(node?.description, 'Windows · 0.0.0.0 · pid 12080');
    assert.equal(node?.contextValue, 'port:windows-localhost:tcp');
    assert.deepEqual(node?.icon, { id: 'device-desktop', color: 'charts.blue' });
    assert.equal(node?.localUrl, 'http://localhost:8080/');
    assert.deepEqual(node?.lanUrls, []);
    assert.match(node?.tooltip ?? '', /no portproxy rule forwards/);
  });

  it('a NAT port with portproxy + firewall rule is LAN-reachable, with the rules as children', () => {
    const context = natContext({
      portProxies: [
        { kind: 'v4tov4', listenAddress: '0.0.0.0', listenPort: 8080, connectAddress: WSL_IP, connectPort: 8080 },
      ],
      firewallRules: [
        {
          name: '{1}',
          displayName: 'WSL Network: TCP 8080',
          enabled: true,
          direction: 'Inbound',
          action: 'Allow',
          profiles: ['Private'],
          protocol: 'TCP',
          localPorts: ['8080'],
          program: 'Any',
        },
      ],
    });
    const roots = buildPortsTree(
      {
        facts: facts({ context, sockets: [{ distro: 'Ubuntu-24.04', sockets: [socket(8080)] }] }),
        showWslOnly: true,
        ruleNamePrefix: prefix,
        ledger: [],
      },
      t,
    );
    const node = ports(roots)[0]!;
    assert.equal(node.description, 'LAN · exposed by WSL Network · 0.0.0.0 · pid 12080');
    assert.equal(node.contextValue, 'port:lan:tcp:ours');
    assert.deepEqual(node.icon, { id: 'broadcast', color: 'charts.orange' });
    assert.deepEqual(node.lanUrls, ['http://192.168.1.20:8080/']);
    assert.deepEqual(
      node.children.map((c) => [c.label, c.description, c.contextValue]),
      [
        [`portproxy 0.0.0.0:8080 → ${WSL_IP}:8080`, 'current WSL IP', 'rule:portproxy:active'],
        ['WSL Network: TCP 8080', 'Windows firewall · allows TCP 8080', 'rule:firewall:ours'],
      ],
    );
  });

  it('lists stale portproxy rules in their own group', () => {
    const context = natContext({
      portProxies: [
        { kind: 'v4tov4', listenAddress: '0.0.0.0', listenPort: 2222, connectAddress: '172.20.1.5', connectPort: 22 },
      ],
    });
    const roots = buildPortsTree(
      { facts: facts({ context }), showWslOnly: true, ruleNamePrefix: prefix, ledger: [] },
      t,
    );
    const group = roots.find((n) => n.kind === 'staleGroup')!;
    assert.equal(group.label, 'Stale port forwarding');
    assert.equal(group.description, '1 rule points at an old WSL IP');
    assert.equal(group.children[0]?.label, '0.0.0.0:2222 → 172.20.1.5:22');
    assert.equal(group.children[0]?.description, `WSL IP is now ${WSL_IP}`);
    assert.equal(group.children[0]?.contextValue, 'stale:v4tov4');
  });

  it('hides WSL-only ports when asked and says how many', () => {
    const context = natContext({ localhostForwarding: false });
    const f = facts({
      context,
      sockets: [{ distro: 'Ubuntu-24.04', sockets: [socket(6379, '127.0.0.1'), socket(8080)] }],
    });
    const shown = buildPortsTree({ facts: f, showWslOnly: true, ruleNamePrefix: prefix, ledger: [] }, t);
    assert.equal(ports(shown).find((n) => n.port === 6379)?.description, 'WSL only · 127.0.0.1 · pid 10379');
    const hidden = buildPortsTree({ facts: f, showWslOnly: false, ruleNamePrefix: prefix, ledger: [] }, t);
    assert.deepEqual(
      ports(hidden).map((n) => n.port),
      [8080],
    );
    assert.ok(hidden[0]?.children.some((c) => c.label === '1 WSL-only ports hidden'));
  });

  it('shows a socket once, under the distro that owns its process', () => {
    const shared = socket(3000, '0.0.0.0', { pid: undefined, processName: undefined });
    const owned = socket(3000);
    const second = { ...UBUNTU, name: 'Debian', isDefault: false };
    const f = facts({
      distros: [UBUNTU, second],
      sockets: [
        { distro: 'Ubuntu-24.04', sockets: [shared] },
        { distro: 'Debian', sockets: [owned] },
      ],
    });
    const roots = buildPortsTree({ facts: f, showWslOnly: true, ruleNamePrefix: prefix, ledger: [] }, t);
    assert.deepEqual(
      roots.map((r) => [r.label, ports([r]).map((p) => p.label)]),
      [
        ['Ubuntu-24.04', []],
        ['Debian', ['3000 · node']],
      ],
    );
    assert.equal(roots[0]?.children[0]?.label, 'No listening ports');
  });

  it('mirrored: LAN URLs come from the host addresses, Hyper-V rules are children', () => {
    const context = natContext({
      mode: 'mirrored',
      wslIps: ['192.168.1.20'],
      hyperVRules: [
        {
          name: 'WSL-Network-TCP-8080',
          displayName: 'WSL Network: TCP 8080',
          enabled: true,
          direction: 'Inbound',
          action: 'Allow',
          vmCreatorId: '{40E0AC32-46A5-438A-A0B2-2B479E8F2E90}',
          protocol: 'TCP',
          localPorts: ['8080'],
          profiles: ['Private'],
        },
      ],
    });
    const node = ports(
      buildPortsTree(
        {
          facts: facts({ context, sockets: [{ distro: 'Ubuntu-24.04', sockets: [socket(8080)] }] }),
          showWslOnly: true,
          ruleNamePrefix: prefix,
          ledger: [],
        },
        t,
      ),
    )[0]!;
    assert.equal(node.reach?.level, 'lan');
    assert.deepEqual(node.lanUrls, ['http://192.168.1.20:8080/']);
    assert.equal(node.children[0]?.description, 'Hyper-V firewall · allows TCP 8080');
    assert.equal(node.children[0]?.contextValue, 'rule:hyperv:ours');
  });

  it('a stopped target distro says it is not inspected, and facts errors are shown', () => {
    const f = facts({ distros: [{ ...UBUNTU, state: 'Stopped' }], ports: false, extra: { vmRunning: false } });
    const roots = buildPortsTree({ facts: f, showWslOnly: true, ruleNamePrefix: prefix, ledger: [] }, t);
    assert.equal(roots[0]?.label, 'WSL is not running');
    assert.equal(roots[1]?.children[0]?.label, 'Stopped');
    const withErrors = buildPortsTree(
      {
        facts: facts({ ports: { errors: ['Windows firewall: Access is denied.'] } }),
        showWslOnly: true,
        ruleNamePrefix: prefix,
        ledger: [],
      },
      t,
    );
    assert.equal(withErrors[0]?.label, 'Some facts could not be read');
    assert.match(withErrors[0]?.tooltip ?? '', /Access is denied/);
  });

  it('marks ports from the exposure record as ours', () => {
    const f = facts({ sockets: [{ distro: 'Ubuntu-24.04', sockets: [socket(9000)] }] });
    const ledger = [
      {
        port: 9000,
        protocol: 'TCP' as const,
        mode: 'nat' as const,
        listenPort: 9000,
        created: ['portproxy' as const],
        ruleNamePrefix: prefix,
        profile: 'Private' as const,
        at: 1,
      },
    ];
    assert.equal(
      ports(buildPortsTree({ facts: f, showWslOnly: true, ruleNamePrefix: prefix, ledger }, t))[0]?.ours,
      true,
    );
  });
});
