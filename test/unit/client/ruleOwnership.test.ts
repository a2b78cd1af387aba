// "Is this rule ours?" has one answer (host/ruleNaming.ts ownRule), and the ports tree, Remove
// Port Exposure, Repair Port Forwarding and the exposure plans all give it. Foreign rules sit
// beside ours: our display-name prefix with a foreign Hyper-V Name, other rules on the same port,
// and a Group Policy rule.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { planRepair } from '../../../client/src/model/exposure';
import { buildPortsTree, type PortNode, type PortsNode } from '../../../client/src/model/portsModel';
import { listOwnExposures } from '../../../client/src/host/exposurePlan';
import type { FirewallRule, HyperVFirewallRule } from '../../../client/src/host/hostTypes';
import type { NetworkContext } from '../../../client/src/host/reachability';
import { ownRule } from '../../../client/src/host/ruleNaming';
import { facts, natContext, socket, t, WSL_IP } from './support';

const PREFIX = 'WSL Network';
const WSL_VM = '{40E0AC32-46A5-438A-A0B2-2B479E8F2E90}';

function hyperV(name: string, displayName: string, port: number): HyperVFirewallRule {
  return {
    name,
    displayName,
    enabled: true,
    direction: 'Inbound',
    action: 'Allow',
    vmCreatorId: WSL_VM,
    protocol: 'TCP',
    localPorts: [String(port)],
    profiles: ['Private'],
  };
}
function firewall(name: string, displayName: string, port: number): FirewallRule {
  return {
    name,
    displayName,
    enabled: true,
    direction: 'Inbound',
    action: 'Allow',
    profiles: ['Private'],
    protocol: 'TCP',
    localPorts: [String(port)],
    program: 'Any',
  };
}

function portNodes(nodes: readonly PortsNode[]): PortNode[] {
  return nodes.flatMap((n) => [...(n.kind === 'port' ? [n as PortNode] : []), ...portNodes(n.children)]);
}

/** What each of the four says is ours, as `TCP <port>` per place. */
function answers(context: NetworkContext, ports: number[]) {
  const roots = buildPortsTree(
    {
      facts: facts({ context, sockets: [{ distro: 'Ubuntu-24.04', sockets: ports.map((p) => socket(p)) }] }),
      showWslOnly: true,
      ruleNamePrefix: PREFIX,
      ledger: [],
    },
    t,
  );
  const nodes = portNodes(roots);
  const ruleNodes = nodes
    .flatMap((n) => n.children)
    .filter((c) => c.kind === 'rule' && c.contextValue.endsWith(':ours'));
  return {
    tree: nodes.filter((n) => n.ours && n.contextValue.includes(':ours')).map((n) => `TCP ${n.port}`),
    treeRules: ruleNodes.map((r) => r.label),
    remove: listOwnExposures(context, [], PREFIX).map((o) => `${o.protocol} ${o.port}`),
    ownRule: [
      ...(context.firewallRules ?? []).flatMap((r) => (ownRule('firewall', r, [PREFIX]) ? [r.displayName] : [])),
      ...(context.hyperVRules ?? []).flatMap((r) => (ownRule('hyperv', r, [PREFIX]) ? [r.displayName] : [])),
    ],
  };
}

describe('rule ownership', () => {
  it('mirrored: a rule with our display name but a foreign Name is not ours anywhere (the tree no longer offers a Remove that then refuses)', () => {
    const context = natContext({
      mode: 'mirrored',
      wslIps: ['192.168.1.20'],
      hyperVRules: [
        hyperV('WSL-Network-TCP-3000', 'WSL Network: TCP 3000', 3000),
        hyperV('{7C1F0B6A-0C2D-4C7E-9E55-2E1A7E0B9F11}', 'WSL Network: TCP 4000', 4000),
        hyperV('Node-Dev-TCP-3000', 'Node dev: TCP 3000', 3000),
        hyperV('{D5B1F1E2-GPO}', 'Contoso Group Policy: TCP 5000', 5000),
      ],
    });
    const seen = answers(context, [3000, 4000, 5000]);
    assert.deepEqual(seen.tree, ['TCP 3000']);
    assert.deepEqual(seen.remove, ['TCP 3000']);
    assert.deepEqual(seen.ownRule, ['WSL Network: TCP 3000']);
    assert.deepEqual(seen.treeRules, ['WSL Network: TCP 3000']);
  });

  it('NAT: tree, Remove, Repair and ownRule agree beside rules of others on the same port and a Group Policy rule', () => {
    const oldIp = '172.20.1.5';
    const context = natContext({
      portProxies: [
        { kind: 'v4tov4', listenAddress: '0.0.0.0', listenPort: 8080, connectAddress: oldIp, connectPort: 8080 },
        { kind: 'v4tov4', listenAddress: '0.0.0.0', listenPort: 9090, connectAddress: oldIp, connectPort: 9090 },
      ],
      firewallRules: [
        firewall('{A1}', 'WSL Network: TCP 8080', 8080),
        firewall('{A2}', 'Somebody else: TCP 8080', 8080),
        firewall('{A3}', 'Contoso Group Policy: TCP 9090', 9090),
        firewall('{A4}', 'WSL Network: TCP 9090 (copy)', 9090),
      ],
    });
    const seen = answers(context, [8080, 9090]);
    assert.deepEqual(seen.tree, ['TCP 8080']);
    assert.deepEqual(seen.remove, ['TCP 8080']);
    assert.deepEqual(seen.ownRule, ['WSL Network: TCP 8080']);
    const repair = planRepair(context, { ledger: [], ruleNamePrefix: PREFIX });
    assert.deepEqual(
      repair.repointed?.map((r) => [r.listenPort, r.to, r.ours]),
      [
        [8080, WSL_IP, true],
        [9090, WSL_IP, false],
      ],
    );
  });

  it('a prefix recorded in the ledger counts everywhere, and an invalid prefix never does', () => {
    const context = natContext({
      mode: 'mirrored',
      hyperVRules: [hyperV('Dev-Box-TCP-3000', 'Dev Box: TCP 3000', 3000)],
    });
    const ledger = [
      {
        port: 3000,
        protocol: 'TCP' as const,
        mode: 'mirrored' as const,
        listenPort: 3000,
        created: ['hyperv' as const],
        ruleNamePrefix: 'Dev Box',
        profile: 'Private' as const,
        at: 1,
      },
    ];
    const roots = buildPortsTree(
      {
        facts: facts({ context, sockets: [{ distro: 'Ubuntu-24.04', sockets: [socket(3000)] }] }),
        showWslOnly: true,
        ruleNamePrefix: PREFIX,
        ledger,
      },
      t,
    );
    assert.deepEqual(
      portNodes(roots)
        .flatMap((n) => n.children)
        .map((c) => c.contextValue),
      ['rule:hyperv:ours'],
    );
    assert.deepEqual(
      listOwnExposures(context, ledger, PREFIX).map((o) => o.rules.map((r) => r.prefix)),
      [['Dev Box']],
    );
    assert.equal(ownRule('hyperv', { name: "x'-TCP-3000", displayName: "x': TCP 3000" }, ["x'"]), undefined);
  });
});
