// Every PowerShell parser against every shape Windows PowerShell 5.1's ConvertTo-Json gives
// (no public capture of our exact queries exists, so the shapes follow its documented
// behaviour, learn.microsoft.com/powershell/module/microsoft.powershell.utility/convertto-json):
// one result is an object, not an array; no result is empty output; enums are numbers; values
// nested past -Depth become strings (enum names, space-joined arrays); nulls; arrays of one
// port; LocalPort keywords (Any, RPC) and ranges; the {"value":[…],"Count":n} wrapper; rules
// that come from Group Policy (ActiveStore merges them, with GUID names).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { portListCovers } from '../../../client/src/host/firewallMatching';
import { parseConnectionProfiles } from '../../../client/src/host/parseConnectionProfiles';
import { parseFirewallRules } from '../../../client/src/host/parseFirewallRules';
import {
  parseHyperVRules,
  parseHyperVVmSetting,
  WSL_VM_CREATOR_ID,
} from '../../../client/src/host/parseHyperVFirewall';
import { parseTcpListeners } from '../../../client/src/host/parseTcpListeners';

type Item = Record<string, unknown>;
/** The ways one result list can be printed. */
const LIST_SHAPES: Record<string, (items: Item[]) => string> = {
  'an object for one result': (items) => JSON.stringify(items[0]),
  'an array': (items) => JSON.stringify(items),
  'the 5.1 {"value":[…],"Count":n} wrapper': (items) => JSON.stringify({ value: items, Count: items.length }),
  'pretty-printed with CRLF': (items) => JSON.stringify(items[0], null, 4).replace(/\n/g, '\r\n'),
};

// A Group Policy rule as ActiveStore reports it: GUID name, allow on Private+Public, a range and a keyword.
const GPO_RULE = '{6B3C1F0A-2C4D-4E5F-8A9B-0C1D2E3F4A5B}';
const rule = (values: 'numbers' | 'strings'): Item =>
  values === 'numbers'
    ? { Name: GPO_RULE, DisplayName: 'Dev ports (GPO)', Enabled: 1, Direction: 1, Action: 2, Profile: 6 }
    : {
        Name: GPO_RULE,
        DisplayName: 'Dev ports (GPO)',
        Enabled: 'True',
        Direction: 'Inbound',
        Action: 'Allow',
        Profile: 'Private, Public',
      };
const portFilter = (localPort: unknown): Item => ({ InstanceID: GPO_RULE, Protocol: 'TCP', LocalPort: localPort });
const appFilter: Item = { InstanceID: GPO_RULE, Program: 'Any' };
const EXPECTED_RULE = {
  name: GPO_RULE,
  displayName: 'Dev ports (GPO)',
  enabled: true,
  direction: 'Inbound',
  action: 'Allow',
  profiles: ['Private', 'Public'],
  protocol: 'TCP',
  localPorts: ['8000-8100', 'RPC'],
  program: 'Any',
};

describe('ConvertTo-Json shapes × every PowerShell parser', () => {
  for (const [shape, print] of Object.entries(LIST_SHAPES)) {
    it(`firewall rules, ${shape}`, () => {
      const rules = parseFirewallRules(
        print([rule('numbers')]),
        print([portFilter(['8000-8100', 'RPC'])]),
        print([appFilter]),
      );
      assert.deepEqual(rules, [EXPECTED_RULE]);
      assert.equal(portListCovers(rules[0]?.localPorts ?? [], 8100), true, 'the last port of the range');
      assert.equal(portListCovers(rules[0]?.localPorts ?? [], 8101), false);
      assert.equal(portListCovers(rules[0]?.localPorts ?? [], 135), false, 'RPC is a keyword, not port 135');
    });

    it(`Hyper-V rules, ${shape}`, () => {
      const item = {
        Name: 'WSL-8080',
        DisplayName: 'WSL 8080',
        Enabled: 1,
        Direction: 1,
        Action: 2,
        VMCreatorId: WSL_VM_CREATOR_ID,
        Protocol: 'TCP',
        LocalPorts: ['8080'],
        Profiles: 2,
      };
      assert.deepEqual(parseHyperVRules(print([item])), [
        {
          name: 'WSL-8080',
          displayName: 'WSL 8080',
          enabled: true,
          direction: 'Inbound',
          action: 'Allow',
          vmCreatorId: WSL_VM_CREATOR_ID,
          protocol: 'TCP',
          localPorts: ['8080'],
          profiles: ['Private'],
          remoteAddresses: ['Any'],
        },
      ]);
    });

    it(`Hyper-V VM setting, ${shape}`, () => {
      const item = {
        Name: WSL_VM_CREATOR_ID,
        Enabled: 1,
        DefaultInboundAction: 4,
        DefaultOutboundAction: 2,
        LoopbackEnabled: 2,
      };
      assert.deepEqual(parseHyperVVmSetting(print([item])), {
        name: WSL_VM_CREATOR_ID,
        enabled: true,
        defaultInboundAction: 'Block',
        defaultOutboundAction: 'Allow',
        loopbackEnabled: undefined,
      });
    });

    it(`connection profiles, ${shape}`, () => {
      const item = {
        Name: 'Home',
        InterfaceAlias: 'Wi-Fi',
        InterfaceIndex: 12,
        NetworkCategory: 1,
        IPv4Connectivity: 4,
      };
      assert.deepEqual(parseConnectionProfiles(print([item])), [
        {
          name: 'Home',
          interfaceAlias: 'Wi-Fi',
          interfaceIndex: 12,
          networkCategory: 'Private',
          ipv4Connectivity: 'Internet',
        },
      ]);
    });

    it(`TCP listeners, ${shape}`, () => {
      assert.deepEqual(parseTcpListeners(print([{ LocalAddress: '0.0.0.0', LocalPort: 8080, OwningProcess: 4242 }])), [
        { localAddress: '0.0.0.0', localPort: 8080, owningProcess: 4242 },
      ]);
    });
  }

  it('no result prints nothing: every parser gives an empty answer', () => {
    assert.deepEqual(parseFirewallRules('', '', ''), []);
    assert.deepEqual(parseHyperVRules(''), []);
    assert.equal(parseHyperVVmSetting(''), undefined);
    assert.deepEqual(parseConnectionProfiles('\r\n'), []);
    assert.deepEqual(parseTcpListeners(''), []);
  });

  it('values cut off by -Depth arrive as strings: enum names, and string arrays joined by spaces', () => {
    const rules = parseFirewallRules(
      JSON.stringify(rule('strings')),
      JSON.stringify(portFilter('8000-8100 RPC')),
      JSON.stringify(appFilter),
    );
    assert.deepEqual(rules, [EXPECTED_RULE]);
    assert.deepEqual(
      parseHyperVRules(
        JSON.stringify({
          Name: 'r',
          Enabled: 'True',
          Direction: 'Inbound',
          Action: 'Block',
          LocalPorts: '80 443',
          Profiles: 'Any',
        }),
      )[0]?.localPorts,
      ['80', '443'],
    );
    assert.deepEqual(
      parseHyperVVmSetting(
        JSON.stringify({
          Name: WSL_VM_CREATOR_ID,
          Enabled: 'True',
          DefaultInboundAction: 'Block',
          DefaultOutboundAction: 'Allow',
          LoopbackEnabled: 'NotConfigured',
        }),
      ),
      {
        name: WSL_VM_CREATOR_ID,
        enabled: true,
        defaultInboundAction: 'Block',
        defaultOutboundAction: 'Allow',
        loopbackEnabled: undefined,
      },
    );
    assert.deepEqual(
      parseConnectionProfiles(
        JSON.stringify({
          Name: 'Cafe',
          InterfaceAlias: 'Wi-Fi',
          InterfaceIndex: '7',
          NetworkCategory: 'Public',
          IPv4Connectivity: 'Internet',
        }),
      ),
      [
        {
          name: 'Cafe',
          interfaceAlias: 'Wi-Fi',
          interfaceIndex: 7,
          networkCategory: 'Public',
          ipv4Connectivity: 'Internet',
        },
      ],
    );
    assert.deepEqual(parseTcpListeners(JSON.stringify({ LocalAddress: '::', LocalPort: '3000', OwningProcess: '9' })), [
      { localAddress: '::', localPort: 3000, owningProcess: 9 },
    ]);
  });

  it('an array of one port and a single port string are the same rule', () => {
    const one = parseFirewallRules(JSON.stringify(rule('numbers')), JSON.stringify(portFilter(['8080'])), '');
    const plain = parseFirewallRules(JSON.stringify(rule('numbers')), JSON.stringify(portFilter('8080')), '');
    assert.deepEqual(one, plain);
    assert.deepEqual(one[0]?.localPorts, ['8080']);
    assert.deepEqual(parseHyperVRules(JSON.stringify({ Name: 'r', LocalPorts: '8080' }))[0]?.localPorts, ['8080']);
  });

  it('LocalPort Any covers every port; RPC and RPC-EPMap cover none', () => {
    const rules = parseFirewallRules(
      JSON.stringify([
        { ...rule('numbers'), Name: 'a' },
        { ...rule('numbers'), Name: 'b' },
      ]),
      JSON.stringify([
        { InstanceID: 'a', Protocol: 'TCP', LocalPort: 'Any' },
        { InstanceID: 'b', Protocol: 'TCP', LocalPort: ['RPC', 'RPC-EPMap'] },
      ]),
    );
    assert.equal(portListCovers(rules[0]?.localPorts ?? [], 3000), true);
    assert.equal(portListCovers(rules[1]?.localPorts ?? [], 3000), false);
    assert.equal(portListCovers(rules[1]?.localPorts ?? [], 135), false);
  });

  it('nulls never throw: missing names, enums and ports fall back to unknown or Any', () => {
    const nulls = (keys: string[]): string => JSON.stringify(Object.fromEntries(keys.map((k) => [k, null])));
    assert.deepEqual(
      parseFirewallRules(
        nulls(['Name', 'DisplayName', 'Enabled', 'Direction', 'Action', 'Profile']),
        nulls(['InstanceID', 'Protocol', 'LocalPort']),
        nulls(['InstanceID', 'Program']),
      ),
      [
        {
          name: '',
          displayName: '',
          enabled: false,
          direction: undefined,
          action: undefined,
          profiles: ['Domain', 'Private', 'Public'],
          protocol: 'Any',
          localPorts: ['Any'],
          program: 'Any',
        },
      ],
    );
    assert.deepEqual(
      parseHyperVRules(
        nulls([
          'Name',
          'DisplayName',
          'Enabled',
          'Direction',
          'Action',
          'VMCreatorId',
          'Protocol',
          'LocalPorts',
          'Profiles',
        ]),
      ),
      [
        {
          name: '',
          displayName: '',
          enabled: false,
          direction: undefined,
          action: undefined,
          vmCreatorId: 'Any',
          protocol: 'Any',
          localPorts: ['Any'],
          profiles: ['Domain', 'Private', 'Public'],
          remoteAddresses: ['Any'],
        },
      ],
    );
    assert.deepEqual(
      parseHyperVVmSetting(
        nulls(['Name', 'Enabled', 'DefaultInboundAction', 'DefaultOutboundAction', 'LoopbackEnabled']),
      ),
      {
        name: '',
        enabled: undefined,
        defaultInboundAction: undefined,
        defaultOutboundAction: undefined,
        loopbackEnabled: undefined,
      },
    );
    assert.deepEqual(
      parseConnectionProfiles(
        nulls(['Name', 'InterfaceAlias', 'InterfaceIndex', 'NetworkCategory', 'IPv4Connectivity']),
      ),
      [
        {
          name: '',
          interfaceAlias: '',
          interfaceIndex: undefined,
          networkCategory: undefined,
          ipv4Connectivity: undefined,
        },
      ],
    );
    assert.deepEqual(parseTcpListeners(nulls(['LocalAddress', 'LocalPort', 'OwningProcess'])), []);
  });

  it('a Group Policy block rule for any profile keeps its GUID name and applies everywhere', () => {
    const [blocked] = parseFirewallRules(
      JSON.stringify({
        Name: '{0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0}',
        DisplayName: 'Block inbound (corporate policy)',
        Enabled: 1,
        Direction: 1,
        Action: 4,
        Profile: 0,
      }),
      JSON.stringify({ InstanceID: '{0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0}', Protocol: 'Any', LocalPort: 'Any' }),
    );
    assert.equal(blocked?.action, 'Block');
    assert.deepEqual(blocked?.profiles, ['Domain', 'Private', 'Public']);
    assert.equal(portListCovers(blocked?.localPorts ?? [], 22), true);
  });
});
