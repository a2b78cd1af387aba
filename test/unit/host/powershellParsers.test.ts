import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseConnectionProfiles } from '../../../client/src/host/parseConnectionProfiles';
import { parseFirewallRules } from '../../../client/src/host/parseFirewallRules';
import {
  parseHyperVRules,
  parseHyperVVmSetting,
  WSL_VM_CREATOR_ID,
} from '../../../client/src/host/parseHyperVFirewall';
import { parseTcpListeners } from '../../../client/src/host/parseTcpListeners';
import { asProfiles, parsePowerShellJsonList, PowerShellJsonError } from '../../../client/src/host/powershellJson';
import {
  buildQueryCommand,
  buildQueryScript,
  splitQueryOutput,
  POWERSHELL_QUERIES,
} from '../../../client/src/host/powershellQueries';
import { fixtureText } from './testSupport';

describe('ConvertTo-Json shapes', () => {
  it('no output, a single object and an array all become lists', () => {
    assert.deepEqual(parsePowerShellJsonList(''), []);
    assert.deepEqual(parsePowerShellJsonList('\r\n'), []);
    assert.deepEqual(parsePowerShellJsonList('{"a":1}\r\n'), [{ a: 1 }]);
    assert.deepEqual(parsePowerShellJsonList('[{"a":1},{"a":2}]'), [{ a: 1 }, { a: 2 }]);
  });

  it('unwraps the Windows PowerShell 5.1 {"value":[…],"Count":n} wrapper', () => {
    assert.equal(parsePowerShellJsonList(fixtureText('ps-connection-profiles.value-count.json')).length, 2);
  });

  it('reports non-JSON output with a clear error', () => {
    assert.throws(() => parsePowerShellJsonList('Get-NetFirewallRule : Access is denied.'), PowerShellJsonError);
  });

  it('profile flags: numbers, names, Any and NotApplicable', () => {
    assert.deepEqual(asProfiles(0), ['Domain', 'Private', 'Public']);
    assert.deepEqual(asProfiles(6), ['Private', 'Public']);
    assert.deepEqual(asProfiles(1), ['Domain']);
    assert.deepEqual(asProfiles('Private, Public'), ['Private', 'Public']);
    assert.deepEqual(asProfiles('Any'), ['Domain', 'Private', 'Public']);
    assert.deepEqual(asProfiles(65535), []);
    assert.deepEqual(asProfiles('4'), ['Public']);
  });
});

describe('Get-NetFirewallHyperVRule / Get-NetFirewallHyperVVMSetting', () => {
  it('a single rule arrives as an object with numeric enums', () => {
    assert.deepEqual(parseHyperVRules(fixtureText('ps-hyperv-rules.single.json')), [
      {
        name: 'WSL-Network-TCP-8080',
        displayName: 'WSL Network: TCP 8080',
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

  it('several rules arrive as an array; string enums (-EnumsAsStrings) are read too', () => {
    const rules = parseHyperVRules(fixtureText('ps-hyperv-rules.array.strings.json'));
    assert.equal(rules.length, 3);
    assert.deepEqual(rules[0], {
      name: 'MyWebServer',
      displayName: 'My Web Server',
      enabled: true,
      direction: 'Inbound',
      action: 'Allow',
      vmCreatorId: WSL_VM_CREATOR_ID,
      protocol: 'TCP',
      localPorts: ['80'],
      profiles: ['Domain', 'Private', 'Public'],
      remoteAddresses: ['Any'],
    });
    assert.equal(rules[1]?.enabled, false);
    assert.equal(rules[1]?.action, 'Block');
    assert.deepEqual(rules[1]?.localPorts, ['22', '2222']);
    assert.deepEqual(rules[1]?.profiles, ['Private', 'Public']);
    assert.equal(rules[2]?.direction, 'Outbound');
  });

  it('per-VM setting: GpoBoolean and Action numbers', () => {
    assert.deepEqual(parseHyperVVmSetting(fixtureText('ps-hyperv-vmsetting.json')), {
      name: WSL_VM_CREATOR_ID,
      enabled: true,
      defaultInboundAction: 'Block',
      defaultOutboundAction: 'Allow',
      loopbackEnabled: true,
    });
    assert.equal(parseHyperVVmSetting(''), undefined);
    assert.equal(parseHyperVVmSetting('{"Name":"x","Enabled":2,"DefaultInboundAction":0}')?.enabled, undefined);
  });
});

describe('Get-NetFirewallRule joined with its port and application filters', () => {
  const rules = parseFirewallRules(
    fixtureText('ps-firewall-rules.json'),
    fixtureText('ps-firewall-portfilters.json'),
    fixtureText('ps-firewall-appfilters.json'),
  );

  it('joins by Name = InstanceID and decodes every enum', () => {
    assert.equal(rules.length, 5);
    assert.deepEqual(rules[1], {
      name: '{0B1D2C3E-4F50-6172-8394-A5B6C7D8E9F0}',
      displayName: 'WSL Network: TCP 8080',
      enabled: true,
      direction: 'Inbound',
      action: 'Allow',
      profiles: ['Private'],
      protocol: 'TCP',
      localPorts: ['8080'],
      program: 'Any',
    });
  });

  it('keeps multi-port lists, ranges, disabled and block rules, programs and 5.1 escapes', () => {
    assert.equal(rules[0]?.program, 'System');
    assert.deepEqual(rules[0]?.profiles, ['Private', 'Public']);
    assert.equal(rules[2]?.displayName, 'Dev server & tools <old>');
    assert.equal(rules[2]?.enabled, false);
    assert.deepEqual(rules[2]?.localPorts, ['3000', '5173']);
    assert.deepEqual(rules[2]?.profiles, ['Domain', 'Private', 'Public']);
    assert.equal(rules[3]?.action, 'Block');
    assert.deepEqual(rules[3]?.localPorts, ['9000-9100']);
    assert.equal(rules[4]?.program, 'C:\\Program Files\\nodejs\\node.exe');
  });

  it('rules without filters default to Any', () => {
    const [rule] = parseFirewallRules(
      '{"Name":"x","DisplayName":"x","Enabled":1,"Direction":1,"Action":2,"Profile":0}',
    );
    assert.equal(rule?.protocol, 'Any');
    assert.deepEqual(rule?.localPorts, ['Any']);
    assert.equal(rule?.program, 'Any');
  });
});

describe('Get-NetTCPConnection and Get-NetConnectionProfile', () => {
  it('listeners', () => {
    assert.deepEqual(parseTcpListeners(fixtureText('ps-tcp-listeners.json')), [
      { localAddress: '::', localPort: 135, owningProcess: 1044 },
      { localAddress: '127.0.0.1', localPort: 8080, owningProcess: 5120 },
      { localAddress: '0.0.0.0', localPort: 445, owningProcess: 4 },
    ]);
  });

  it('a single profile object with numeric category; mixed numbers and names in the wrapper form', () => {
    assert.deepEqual(parseConnectionProfiles(fixtureText('ps-connection-profile.single.json')), [
      {
        name: 'Netzwerk 2',
        interfaceAlias: 'Ethernet',
        interfaceIndex: 7,
        networkCategory: 'Public',
        ipv4Connectivity: 'Internet',
      },
    ]);
    const both = parseConnectionProfiles(fixtureText('ps-connection-profiles.value-count.json'));
    assert.deepEqual(
      both.map((p) => [p.networkCategory, p.ipv4Connectivity]),
      [
        ['Private', 'Internet'],
        ['Public', 'NoTraffic'],
      ],
    );
  });
});

describe('the PowerShell command lines we run', () => {
  it('every query ends in ConvertTo-Json -Depth 3 -Compress and uses -NoProfile -NonInteractive -Command', () => {
    const command = buildQueryCommand(['hyperVRules', 'connectionProfiles']);
    assert.equal(command.file, 'powershell.exe');
    assert.deepEqual(command.args.slice(0, 3), ['-NoProfile', '-NonInteractive', '-Command']);
    const script = command.args[3] as string;
    assert.equal(script.match(/\| ConvertTo-Json -Depth 3 -Compress \}/g)?.length, 2);
    assert.ok(script.includes(POWERSHELL_QUERIES.hyperVRules));
    assert.ok(!script.includes('"'), 'no double quotes: they would need Windows command-line escaping');
  });

  it("the Hyper-V setting query names WSL's VM creator id", () => {
    assert.ok(buildQueryScript(['hyperVVmSetting']).includes(`-Name '{40E0AC32-46A5-438A-A0B2-2B479E8F2E90}'`));
  });

  it('splits combined output into parts and per-part errors', () => {
    const parts = splitQueryOutput(
      '@@part hyperVRules\r\n@@error The term \'Get-NetFirewallHyperVRule\' is not recognized\r\n@@part connectionProfiles\r\n{"Name":"a"}\r\n@@part tcpListeners\r\n',
    );
    assert.deepEqual(parts.get('hyperVRules'), {
      ok: false,
      error: "The term 'Get-NetFirewallHyperVRule' is not recognized",
    });
    assert.deepEqual(parts.get('connectionProfiles'), { ok: true, json: '{"Name":"a"}' });
    assert.deepEqual(parts.get('tcpListeners'), { ok: true, json: '' });
    assert.equal(parts.get('firewallRules'), undefined);
  });
});
