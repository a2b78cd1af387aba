// The firewall matching under every reachability answer, case by case: which port specs, protocol
// spellings, network profiles, rule actions, programs and VM creator ids let inbound traffic through.
// Windows evaluates block rules before allow rules (learn.microsoft.com/windows/security/operating-system-security/network-security/windows-firewall/rules),
// and the Hyper-V firewall's rules apply to WSL's VM creator id or to Any
// (learn.microsoft.com/windows/security/operating-system-security/network-security/windows-firewall/hyper-v-firewall).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ConnectionProfile, FirewallRule, HyperVFirewallRule } from '../../../client/src/host/hostTypes';
import {
  activeLanProfiles,
  hyperVFirewallVerdict,
  portListCovers,
  protocolCovers,
  windowsFirewallVerdict,
} from '../../../client/src/host/firewallMatching';
import { WSL_VM_CREATOR_ID } from '../../../client/src/host/parseHyperVFirewall';

const rule = (displayName: string, overrides: Partial<FirewallRule> = {}): FirewallRule => ({
  name: displayName,
  displayName,
  enabled: true,
  direction: 'Inbound',
  action: 'Allow',
  profiles: ['Domain', 'Private', 'Public'],
  protocol: 'TCP',
  localPorts: ['8080'],
  program: 'Any',
  ...overrides,
});

const hv = (displayName: string, overrides: Partial<HyperVFirewallRule> = {}): HyperVFirewallRule => ({
  name: displayName,
  displayName,
  enabled: true,
  direction: 'Inbound',
  action: 'Allow',
  vmCreatorId: WSL_VM_CREATOR_ID,
  protocol: 'TCP',
  localPorts: ['8080'],
  profiles: ['Domain', 'Private', 'Public'],
  ...overrides,
});

const names = (rules: readonly { displayName: string }[]): string[] => rules.map((r) => r.displayName);

describe('portListCovers', () => {
  const cases: [string[], number, boolean][] = [
    [['Any'], 1, true],
    [[' any '], 65535, true],
    [['Anything'], 80, false],
    [['8080'], 8080, true],
    [[' 8080 '], 8080, true],
    [['8080'], 808, false],
    [['18080'], 8080, false],
    [['8080x'], 8080, false],
    [['8000-8100'], 8000, true],
    [['8000-8100'], 8100, true],
    [['8000 - 8100'], 8050, true],
    [['8000-8100'], 7999, false],
    [['8000-8100'], 8101, false],
    [['x8000-8100'], 8050, false],
    [['8000-8100x'], 8050, false],
    [['RPC', 'RPC-EPMap', 'IPHTTPSIn'], 135, false],
    [['RPC', '443'], 443, true],
    [[], 80, false],
  ];
  for (const [ports, port, expected] of cases)
    it(`${JSON.stringify(ports)} ${expected ? 'covers' : 'does not cover'} ${port}`, () =>
      assert.equal(portListCovers(ports, port), expected));
});

describe('protocolCovers', () => {
  it('Any, an empty protocol, the name in any case and the IANA number', () => {
    const table: [string, 'TCP' | 'UDP', boolean][] = [
      ['Any', 'TCP', true],
      [' any ', 'UDP', true],
      ['', 'UDP', true],
      ['TCP', 'TCP', true],
      [' tcp ', 'TCP', true],
      ['TCP', 'UDP', false],
      ['UDP', 'UDP', true],
      ['6', 'TCP', true],
      ['6', 'UDP', false],
      ['17', 'UDP', true],
      ['17', 'TCP', false],
      ['ICMPv4', 'TCP', false],
      ['58', 'UDP', false],
    ];
    for (const [text, protocol, expected] of table)
      assert.equal(protocolCovers(text, protocol), expected, `${text} / ${protocol}`);
  });
});

describe('activeLanProfiles', () => {
  const profile = (
    interfaceAlias: string,
    networkCategory?: ConnectionProfile['networkCategory'],
  ): ConnectionProfile => ({
    name: interfaceAlias,
    interfaceAlias,
    interfaceIndex: 1,
    networkCategory,
    ipv4Connectivity: 'Internet',
  });
  it("the categories of the LAN adapters, DomainAuthenticated as Domain, WSL's own adapter left out", () => {
    assert.equal(activeLanProfiles(undefined), undefined);
    assert.equal(activeLanProfiles([]), undefined);
    assert.equal(activeLanProfiles([profile('vEthernet (WSL (Hyper-V firewall))', 'Public')]), undefined);
    assert.equal(activeLanProfiles([profile('vethernet (wsl)', 'Public')]), undefined);
    assert.equal(activeLanProfiles([profile('Wi-Fi')]), undefined);
    assert.deepEqual(activeLanProfiles([profile('Wi-Fi', 'Private'), profile('vEthernet (WSL)', 'Public')]), [
      'Private',
    ]);
    assert.deepEqual(activeLanProfiles([profile('Ethernet', 'DomainAuthenticated'), profile('Wi-Fi', 'Public')]), [
      'Domain',
      'Public',
    ]);
    // A Hyper-V switch of another VM is a LAN adapter like any other.
    assert.deepEqual(
      activeLanProfiles([profile('vEthernet (Default Switch)', 'Private'), profile('Wi-Fi', 'Private')]),
      ['Private'],
    );
  });
});

describe('windowsFirewallVerdict', () => {
  it('a block on a profile wins over every allow there; other profiles still count', () => {
    const v = windowsFirewallVerdict(
      [rule('Allow all'), rule('Block public', { action: 'Block', profiles: ['Public'] })],
      'TCP',
      8080,
      ['Private', 'Public'],
    );
    assert.deepEqual(v.allowedOn, ['Private']);
    assert.deepEqual(names(v.allowingRules), ['Allow all']);
    assert.deepEqual(names(v.blockingRules), ['Block public']);
    assert.deepEqual(v.considered, ['Private', 'Public']);
  });
  it("AllowBypass allows; NotConfigured, a disabled, an outbound, a program-scoped or another port's rule does not", () => {
    const v = windowsFirewallVerdict(
      [
        rule('Bypass', { action: 'AllowBypass', profiles: ['Domain'] }),
        rule('Not configured', { action: 'NotConfigured', profiles: ['Private'] }),
        rule('Disabled', { enabled: false, profiles: ['Public'] }),
        rule('Outbound', { direction: 'Outbound', profiles: ['Public'] }),
        rule('Program', { program: 'C:\\app\\app.exe', profiles: ['Public'] }),
        rule('Other port', { localPorts: ['9090'], profiles: ['Public'] }),
        rule('UDP', { protocol: 'UDP', profiles: ['Public'] }),
      ],
      'TCP',
      8080,
      undefined,
    );
    assert.deepEqual(v.allowedOn, ['Domain']);
    assert.deepEqual(names(v.allowingRules), ['Bypass']);
    assert.deepEqual(v.blockingRules, []);
    // No profile known: every profile is considered.
    assert.deepEqual(v.considered, ['Domain', 'Private', 'Public']);
  });
  it('a program-scoped rule counts when its program is Any in any case', () => {
    const v = windowsFirewallVerdict([rule('Any program', { program: 'ANY' })], 'TCP', 8080, ['Private']);
    assert.deepEqual(v.allowedOn, ['Private']);
  });
  it('no rule: nothing is allowed (the Windows firewall blocks inbound by default)', () => {
    assert.deepEqual(windowsFirewallVerdict([], 'TCP', 8080, ['Private']).allowedOn, []);
  });
});

describe('hyperVFirewallVerdict', () => {
  it("WSL's VM creator id (any case, with or without braces) and Any match; another VM's rule does not", () => {
    const v = hyperVFirewallVerdict(
      [
        hv('WSL', { profiles: ['Private'] }),
        hv('WSL lower case', { vmCreatorId: '40e0ac32-46a5-438a-a0b2-2b479e8f2e90', profiles: ['Private'] }),
        hv('Any VM', { vmCreatorId: 'any', profiles: ['Public'] }),
        hv('Other VM', { vmCreatorId: '{11111111-2222-3333-4444-555555555555}', profiles: ['Domain'] }),
      ],
      undefined,
      'TCP',
      8080,
      undefined,
    );
    assert.deepEqual(v.allowedOn, ['Private', 'Public']);
    assert.deepEqual(names(v.allowingRules), ['WSL', 'WSL lower case', 'Any VM']);
  });
  it('DefaultInboundAction Allow lets a port through without a rule, unless a rule blocks it; Block does not', () => {
    const setting = (defaultInboundAction: 'Allow' | 'Block') => ({
      name: WSL_VM_CREATOR_ID,
      enabled: true,
      defaultInboundAction,
      defaultOutboundAction: 'Allow' as const,
      loopbackEnabled: undefined,
    });
    const blocked = hv('Block', { action: 'Block', profiles: ['Public'] });
    const open = hyperVFirewallVerdict([blocked], setting('Allow'), 'TCP', 8080, ['Private', 'Public']);
    assert.deepEqual(open.allowedOn, ['Private']);
    assert.deepEqual(open.allowingRules, []);
    assert.deepEqual(names(open.blockingRules), ['Block']);
    assert.deepEqual(hyperVFirewallVerdict([], setting('Block'), 'TCP', 8080, ['Private']).allowedOn, []);
  });
});
