// "Who may connect" (issue #16): the scope of the firewall rule Expose creates, per mode, down to
// the exact command line; the strict prefix validation in front of it; the scope read back from
// the firewall (address filters, Hyper-V RemoteAddresses); and the flag on rules open to anyone on
// the Public profile, in the ports tree and in Diagnose Port.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildFirewallRuleAdd, buildHyperVRuleAdd } from '../../../client/src/host/commandBuilders';
import { classifyScope, describeScope, openToAnyoneOnPublic } from '../../../client/src/host/firewallScope';
import type { FirewallRule, HyperVFirewallRule } from '../../../client/src/host/hostTypes';
import { ipv4Network } from '../../../client/src/host/ipAddress';
import { parseFirewallRules } from '../../../client/src/host/parseFirewallRules';
import { parseHyperVRules } from '../../../client/src/host/parseHyperVFirewall';
import { renderSteps } from '../../../client/src/host/planSteps';
import { validateCidr, validateRemoteScope, ValidationError } from '../../../client/src/host/validators';
import { parseNetAdapters } from '../../../client/src/host/connectivity/windowsParsers';
import { diagnosePort } from '../../../client/src/model/diagnose';
import {
  decideExpose,
  parseScopeInput,
  scopeOf,
  tailscaleAdapterUp,
  type ExposeInput,
} from '../../../client/src/model/exposure';
import { buildPortsTree, type PortsNode } from '../../../client/src/model/portsModel';
import type { NetworkContext } from '../../../client/src/host/reachability';
import { facts, natContext, socket, t, WSL_IP } from './support';

const base = { profile: 'Private' as const, ruleNamePrefix: 'WSL Network' };

function scripts(input: Partial<ExposeInput> & { context: NetworkContext }): string[] {
  const decision = decideExpose({ ...base, port: 8080, sockets: [socket(8080)], ...input }, t);
  assert.equal(decision.kind, 'plan', JSON.stringify(decision));
  if (decision.kind !== 'plan') return [];
  return renderSteps(decision.plan.steps).map((spec) => spec.script ?? spec.args.join(' '));
}

const NAT_RULE = (remote: string): string =>
  `New-NetFirewallRule -DisplayName 'WSL Network: TCP 8080' -Direction Inbound -Protocol TCP -LocalPort 8080 -Action Allow -Profile Private -RemoteAddress ${remote}`;
const HYPERV_RULE =
  "New-NetFirewallHyperVRule -Name 'WSL-Network-TCP-8080' -DisplayName 'WSL Network: TCP 8080' -Direction Inbound -VMCreatorId '{40E0AC32-46A5-438A-A0B2-2B479E8F2E90}' -Protocol TCP -LocalPorts 8080 -Action Allow -Profiles Private";
const mirrored = (extra: Partial<NetworkContext> = {}): NetworkContext =>
  natContext({ mode: 'mirrored', wslIps: ['192.168.1.20'], ...extra });

describe('Expose: who may connect, as exact command lines', () => {
  const portproxy = `interface portproxy add v4tov4 listenport=8080 listenaddress=0.0.0.0 connectport=8080 connectaddress=${WSL_IP}`;

  it('NAT, each scope: the Windows rule carries -RemoteAddress, the portproxy is unchanged', () => {
    assert.deepEqual(scripts({ context: natContext() }), [portproxy, NAT_RULE("'LocalSubnet'")]);
    assert.deepEqual(scripts({ context: natContext(), scope: 'LocalSubnet' }), [portproxy, NAT_RULE("'LocalSubnet'")]);
    assert.deepEqual(scripts({ context: natContext(), scope: scopeOf('tailscale') }), [
      portproxy,
      NAT_RULE("'100.64.0.0/10'"),
    ]);
    assert.deepEqual(scripts({ context: natContext(), scope: '192.168.1.0/24' }), [
      portproxy,
      NAT_RULE("'192.168.1.0/24'"),
    ]);
    assert.deepEqual(scripts({ context: natContext(), scope: 'fd00:abcd::/32' }), [
      portproxy,
      NAT_RULE("'fd00:abcd::/32'"),
    ]);
    assert.deepEqual(scripts({ context: natContext(), scope: 'Any' }), [portproxy, NAT_RULE("'Any'")]);
  });

  it('the record keeps the scope of the rule it created', () => {
    const decision = decideExpose(
      { ...base, port: 8080, sockets: [socket(8080)], context: natContext(), scope: '100.64.0.0/10' },
      t,
    );
    assert.equal(decision.kind === 'plan' && decision.record.scope, '100.64.0.0/10');
  });

  it('mirrored: the Hyper-V rule takes prefixes only, so "this subnet" is spelled out; "anyone" adds no condition', () => {
    const lan = mirrored({ lanSubnets: ['192.168.1.0/24'] });
    assert.deepEqual(scripts({ context: lan }), [`${HYPERV_RULE} -RemoteAddresses '192.168.1.0/24'`]);
    assert.deepEqual(scripts({ context: lan, scope: scopeOf('tailscale') }), [
      `${HYPERV_RULE} -RemoteAddresses '100.64.0.0/10'`,
    ]);
    assert.deepEqual(scripts({ context: lan, scope: '10.20.0.0/16' }), [
      `${HYPERV_RULE} -RemoteAddresses '10.20.0.0/16'`,
    ]);
    assert.deepEqual(scripts({ context: lan, scope: 'Any' }), [HYPERV_RULE]);
  });

  it('mirrored with the subnet unknown: nothing is planned, and the note says to type a prefix', () => {
    const decision = decideExpose({ ...base, port: 8080, sockets: [socket(8080)], context: mirrored() }, t);
    assert.equal(decision.kind, 'infeasible');
    assert.match(decision.kind === 'infeasible' ? decision.notes.join(' ') : '', /Choose a network prefix/);
    const typed = decideExpose(
      { ...base, port: 8080, sockets: [socket(8080)], context: mirrored(), scope: '192.168.7.0/24' },
      t,
    );
    assert.equal(typed.kind, 'plan');
  });

  it('the builders refuse a keyword for the Hyper-V rule and a keyword mixed with addresses', () => {
    assert.throws(() => buildHyperVRuleAdd({ port: 80, remoteAddresses: ['LocalSubnet'] }), ValidationError);
    assert.throws(() => buildFirewallRuleAdd({ port: 80, remoteAddresses: ['Any', '10.0.0.0/8'] }), ValidationError);
    assert.throws(() => buildFirewallRuleAdd({ port: 80, remoteAddresses: [] }), ValidationError);
    assert.match(
      buildFirewallRuleAdd({ port: 80, remoteAddresses: ['10.0.0.0/8', '192.168.0.0/16'] }).script ?? '',
      / -RemoteAddress '10\.0\.0\.0\/8','192\.168\.0\.0\/16'$/,
    );
  });
});

describe('who may connect: validation', () => {
  it('accepts strict IPv4 and IPv6 prefixes and the two keywords', () => {
    assert.deepEqual(validateCidr('100.64.0.0/10'), { ok: true, value: '100.64.0.0/10' });
    assert.deepEqual(parseScopeInput(' 192.168.1.0/24 ', t), { ok: true, scope: '192.168.1.0/24' });
    assert.equal(validateCidr(' 192.168.1.0/24').ok, false, 'the validator itself takes no blanks');
    assert.deepEqual(validateCidr('10.1.2.3/32'), { ok: true, value: '10.1.2.3/32' });
    assert.deepEqual(validateCidr('FD00::/8'), { ok: true, value: 'fd00::/8' });
    assert.deepEqual(validateCidr('2001:db8:0:1::/64'), { ok: true, value: '2001:db8:0:1::/64' });
    assert.deepEqual(validateRemoteScope('localsubnet'), { ok: true, value: 'LocalSubnet' });
    assert.deepEqual(validateRemoteScope('ANY'), { ok: true, value: 'Any' });
  });

  it('refuses hostile and sloppy values before they reach a command line', () => {
    for (const hostile of [
      "10.0.0.0/8' -Action Block #",
      '10.0.0.0/8; calc.exe',
      '10.0.0.0/8,0.0.0.0/1',
      '10.0.0.0/8 -Profile Any',
      '$(calc)',
      '`calc`',
      '10.0.0.0/8\n',
      '10.0.0.0/8\r\nStart-Process calc',
      '10.0.0.0',
      '10.0.0.0/33',
      '10.0.0.0/0',
      '10.0.0.0/08',
      '10.0.0.0/-8',
      '010.0.0.0/8',
      '256.0.0.0/8',
      '10.0.0.0/255.0.0.0',
      '10.0.0.1-10.0.0.9',
      '192.168.1.5/24',
      'fe80::1%eth0/64',
      'fd00::/129',
      'fd00::1/8',
      '::ffff:10.0.0.0/104',
      'example.com/24',
      'LocalSubnet4',
      'Internet',
      '*',
      '１０.0.0.0/8',
      '',
      null,
      undefined,
      42,
      ['10.0.0.0/8'],
    ]) {
      assert.equal(validateRemoteScope(hostile).ok, false, `accepted ${JSON.stringify(hostile)}`);
      assert.equal(parseScopeInput(hostile, t).ok, false, `accepted ${JSON.stringify(hostile)}`);
    }
  });

  it('says which prefix was meant when host bits are set', () => {
    const result = validateCidr('192.168.1.5/24');
    assert.equal(result.ok, false);
    assert.match(result.ok ? '' : result.error, /did you mean 192\.168\.1\.0\/24\?/);
    const v6 = validateCidr('fd00::1/8');
    assert.match(v6.ok ? '' : v6.error, /did you mean fd00::\/8\?/);
  });

  it('the option: tailscale, the keywords and prefixes', () => {
    assert.deepEqual(parseScopeInput('Tailscale', t), { ok: true, scope: 'tailscale' });
    assert.deepEqual(parseScopeInput('LocalSubnet', t), { ok: true, scope: 'LocalSubnet' });
    assert.deepEqual(parseScopeInput('10.0.0.0/8', t), { ok: true, scope: '10.0.0.0/8' });
    assert.equal(scopeOf('tailscale'), '100.64.0.0/10');
  });

  it('Tailscale is offered only when its adapter is up', () => {
    const adapters = parseNetAdapters(
      JSON.stringify([
        { Name: 'Wi-Fi', InterfaceDescription: 'Intel(R) Wi-Fi 6 AX201 160MHz', ifIndex: 12, Status: 'Up' },
        { Name: 'Tailscale', InterfaceDescription: 'Tailscale Tunnel', ifIndex: 31, Status: 'Up' },
      ]),
    );
    assert.equal(tailscaleAdapterUp(adapters), true);
    assert.equal(tailscaleAdapterUp(adapters.map((a) => ({ ...a, status: 'Disconnected' }))), false);
    assert.equal(tailscaleAdapterUp(adapters.slice(0, 1)), false);
    assert.equal(tailscaleAdapterUp(undefined), false);
  });

  it("eth0's network, for this subnet in mirrored mode", () => {
    assert.equal(ipv4Network('192.168.1.50', 24), '192.168.1.0/24');
    assert.equal(ipv4Network('172.23.21.232', 20), '172.23.16.0/20');
    assert.equal(ipv4Network('10.9.8.7', 32), '10.9.8.7/32');
    assert.equal(ipv4Network('fd00::1', 64), undefined);
    assert.equal(ipv4Network('10.0.0.1', 0), undefined);
  });
});

describe('who may connect: read back from the firewall', () => {
  const rules = JSON.stringify([
    { Name: '{A}', DisplayName: 'A', Enabled: 1, Direction: 1, Action: 2, Profile: 2 },
    { Name: '{B}', DisplayName: 'B', Enabled: 1, Direction: 1, Action: 2, Profile: 0 },
    { Name: '{C}', DisplayName: 'C', Enabled: 1, Direction: 1, Action: 2, Profile: 4 },
    { Name: '{D}', DisplayName: 'D', Enabled: 1, Direction: 1, Action: 2, Profile: 4 },
  ]);
  const addressFilters = JSON.stringify([
    { InstanceID: '{A}', RemoteAddress: 'LocalSubnet' },
    { InstanceID: '{B}', RemoteAddress: ['192.168.1.0/255.255.255.0', '100.64.0.0/255.192.0.0'] },
    { InstanceID: '{C}', RemoteAddress: 'Any' },
  ]);

  it('joins the address filters by InstanceID; a rule without one is open to Any', () => {
    const parsed = parseFirewallRules(rules, '', '', addressFilters);
    assert.deepEqual(
      parsed.map((r) => [r.name, r.remoteAddresses]),
      [
        ['{A}', ['LocalSubnet']],
        ['{B}', ['192.168.1.0/255.255.255.0', '100.64.0.0/255.192.0.0']],
        ['{C}', ['Any']],
        ['{D}', ['Any']],
      ],
    );
  });

  it('without the address filters the scope stays unknown (not "anyone")', () => {
    assert.deepEqual(
      parseFirewallRules(rules).map((r) => r.remoteAddresses),
      [undefined, undefined, undefined, undefined],
    );
    assert.equal(classifyScope(undefined), 'unknown');
  });

  it('Hyper-V rules carry RemoteAddresses themselves', () => {
    const [rule] = parseHyperVRules(
      JSON.stringify({ Name: 'x', DisplayName: 'x', RemoteAddresses: '100.64.0.0/10', Profiles: 4 }),
    );
    assert.deepEqual(rule?.remoteAddresses, ['100.64.0.0/10']);
    assert.equal(describeScope(rule?.remoteAddresses, t), 'Tailscale peers (100.64.0.0/10)');
  });

  it('scope words: this subnet, Tailscale in either form, addresses, anyone', () => {
    assert.equal(describeScope(['LocalSubnet'], t), "this network's subnet");
    assert.equal(describeScope(['100.64.0.0/255.192.0.0'], t), 'Tailscale peers (100.64.0.0/10)');
    assert.equal(describeScope(['10.0.0.0/8', '192.168.1.7'], t), '10.0.0.0/8, 192.168.1.7');
    assert.equal(describeScope(['Any'], t), 'anyone');
  });
});

/** An inbound Allow rule for TCP 8080 on the given profiles, open to the given addresses. */
function allowRule(name: string, profiles: FirewallRule['profiles'], remote: string[] | undefined): FirewallRule {
  return {
    name,
    displayName: name,
    enabled: true,
    direction: 'Inbound',
    action: 'Allow',
    profiles,
    protocol: 'TCP',
    localPorts: ['8080'],
    program: 'Any',
    ...(remote ? { remoteAddresses: remote } : {}),
  };
}

describe('a rule open to anyone on the Public profile is flagged', () => {
  it('Public + Any only; not Private + Any, not Public + LocalSubnet, not Block, not disabled, not unknown', () => {
    assert.equal(openToAnyoneOnPublic(allowRule('a', ['Public'], ['Any'])), true);
    assert.equal(openToAnyoneOnPublic(allowRule('a', ['Domain', 'Private', 'Public'], ['Any'])), true);
    assert.equal(openToAnyoneOnPublic(allowRule('a', ['Private'], ['Any'])), false);
    assert.equal(openToAnyoneOnPublic(allowRule('a', ['Public'], ['LocalSubnet'])), false);
    assert.equal(openToAnyoneOnPublic(allowRule('a', ['Public'], ['100.64.0.0/10'])), false);
    assert.equal(openToAnyoneOnPublic({ ...allowRule('a', ['Public'], ['Any']), action: 'Block' }), false);
    assert.equal(openToAnyoneOnPublic({ ...allowRule('a', ['Public'], ['Any']), enabled: false }), false);
    assert.equal(openToAnyoneOnPublic(allowRule('a', ['Public'], undefined)), false);
  });

  const proxied = {
    portProxies: [
      {
        kind: 'v4tov4' as const,
        listenAddress: '0.0.0.0',
        listenPort: 8080,
        connectAddress: WSL_IP,
        connectPort: 8080,
      },
    ],
  };
  const ruleRows = (nodes: readonly PortsNode[]): PortsNode[] =>
    nodes.flatMap((n) => [
      ...(n.kind === 'rule' && /firewall/.test(n.description ?? '') ? [n] : []),
      ...ruleRows(n.children),
    ]);

  it('the tree: the scope in the description and tooltip; the open-on-Public rule gets a warning icon and words', () => {
    const context = natContext({
      ...proxied,
      firewallRules: [
        allowRule('Open wide', ['Private', 'Public'], ['Any']),
        allowRule('Scoped', ['Private'], ['LocalSubnet']),
      ],
    });
    const tree = buildPortsTree(
      {
        facts: facts({ context, sockets: [{ distro: 'Ubuntu-24.04', sockets: [socket(8080)] }] }),
        showWslOnly: true,
        ruleNamePrefix: 'WSL Network',
        ledger: [],
      },
      t,
    );
    const rows = ruleRows(tree);
    const open = rows.find((r) => r.label === 'Open wide');
    const scoped = rows.find((r) => r.label === 'Scoped');
    assert.equal(open?.description, 'Windows firewall · allows TCP 8080 · ⚠ open to anyone on Public networks');
    assert.deepEqual(open?.icon, { id: 'warning', color: 'list.warningForeground' });
    assert.match(open?.tooltip ?? '', /Exposure: this rule lets any address connect/);
    assert.equal(scoped?.description, "Windows firewall · allows TCP 8080 · from this network's subnet");
    assert.deepEqual(scoped?.icon, { id: 'shield', color: 'charts.green' });
    assert.match(scoped?.tooltip ?? '', /Who may connect: this network\\'s subnet/);
  });

  it('the tree, mirrored: a Hyper-V rule shows its scope too', () => {
    const hv: HyperVFirewallRule = {
      name: 'WSL-Network-TCP-8080',
      displayName: 'WSL Network: TCP 8080',
      enabled: true,
      direction: 'Inbound',
      action: 'Allow',
      vmCreatorId: '{40E0AC32-46A5-438A-A0B2-2B479E8F2E90}',
      protocol: 'TCP',
      localPorts: ['8080'],
      profiles: ['Private', 'Public'],
      remoteAddresses: ['100.64.0.0/10'],
    };
    const tree = buildPortsTree(
      {
        facts: facts({
          context: mirrored({ hyperVRules: [hv] }),
          sockets: [{ distro: 'Ubuntu-24.04', sockets: [socket(8080)] }],
        }),
        showWslOnly: true,
        ruleNamePrefix: 'WSL Network',
        ledger: [],
      },
      t,
    );
    assert.equal(
      ruleRows(tree)[0]?.description,
      'Hyper-V firewall · allows TCP 8080 · from Tailscale peers (100.64.0.0/10)',
    );
  });

  it('Diagnose Port: a "Who may connect" step lists each allowing rule with its scope and flags the open one', () => {
    const context = natContext({
      ...proxied,
      firewallRules: [
        allowRule('Open wide', ['Public'], ['Any']),
        allowRule('Tailnet', ['Private'], ['100.64.0.0/10']),
      ],
    });
    const d = diagnosePort(
      { facts: facts({ context, sockets: [{ distro: 'Ubuntu-24.04', sockets: [socket(8080)] }] }), port: 8080 },
      t,
    );
    assert.match(d.markdown, /## 5\. Who may connect/);
    assert.match(d.markdown, /- ⚠ `Open wide`: open to anyone on Public networks\. This is an exposure/);
    assert.match(d.markdown, /- `Tailnet`: from Tailscale peers \\\(100\.64\.0\.0/);
  });
});
