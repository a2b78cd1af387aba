// Behaviour that hand mutation showed no test pinned down (issue #14): each case below fails
// on the mutant it is named after.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildUrls } from '../../../client/src/model/portsModel';
import { planExposeToLan } from '../../../client/src/host/exposurePlan';
import { renderSteps } from '../../../client/src/host/planSteps';
import { portListCovers } from '../../../client/src/host/firewallMatching';
import type { ListeningSocket } from '../../../client/src/host/hostTypes';
import type { Reachability } from '../../../client/src/host/reachability';
import { validateIPv4 } from '../../../client/src/host/validators';
import { analyze } from '../../../server/src/core/index';

const socket = (port: number, address = '0.0.0.0'): ListeningSocket => ({
  protocol: 'tcp',
  family: 4,
  address,
  port,
  inode: 1,
  uid: 1000,
  pid: 7,
  processName: 'node',
  table: 'tcp',
});

describe('mutants that survived', () => {
  it('IPv4 with a leading zero in any octet is refused (netsh and some parsers read it as octal)', () => {
    for (const bad of ['010.0.0.1', '10.01.0.1', '10.0.00.1', '10.0.0.01', '00.0.0.0', '172.023.21.232'])
      assert.equal(validateIPv4(bad).ok, false, bad);
    for (const good of ['10.0.0.1', '0.0.0.0', '100.10.0.10']) assert.equal(validateIPv4(good).ok, true, good);
  });

  it('.wslconfig: an IPv4 with a leading zero in any octet is an invalid IP for WSL (inet_pton AF_INET), so DNS tunneling loses its address', () => {
    // WslCoreConfig.cpp reads experimental.dnsTunnelingIpAddress with inet_pton(AF_INET), which takes
    // four decimal parts without leading zeros; the value then stays unset.
    const read = (address: string): { codes: string[]; value: unknown } => {
      const analysis = analyze(`[experimental]\ndnsTunnelingIpAddress=${address}\n`, 'wslconfig');
      return {
        codes: analysis.findings.map((f) => f.code).filter((code) => code === 'invalid-ip'),
        value: analysis.settings.value('experimental', 'dnsTunnelingIpAddress'),
      };
    };
    for (const bad of ['010.255.255.254', '10.025.255.254', '10.255.00.254', '10.255.255.01'])
      assert.deepEqual(read(bad), { codes: ['invalid-ip'], value: undefined }, bad);
    for (const good of ['10.255.255.254', '0.0.0.0', '100.10.0.10'])
      assert.deepEqual(read(good), { codes: [], value: good }, good);
  });

  it('the LAST port of a firewall range such as 8000-8100 is covered, the next one is not', () => {
    assert.equal(portListCovers(['8000-8100'], 8100), true);
    assert.equal(portListCovers(['8000-8100'], 8000), true);
    assert.equal(portListCovers(['8000-8100'], 8101), false);
    assert.equal(portListCovers(['8000-8100'], 7999), false);
    assert.equal(portListCovers(['RPC', 'Any'], 1), true);
    assert.equal(portListCovers(['RPC'], 135), false);
  });

  it('LAN URLs put IPv6 addresses in brackets', () => {
    const reach = { fromLan: true, lanEndpoints: ['[::]:8080', '0.0.0.0:8080'] } as unknown as Reachability;
    const urls = buildUrls(socket(8080, '::'), reach, undefined, ['fd00::5', '192.168.1.20']);
    assert.deepEqual(urls.lanUrls, ['http://[::]:8080/', 'http://[fd00::5]:8080/', 'http://192.168.1.20:8080/']);
  });

  it('Expose deletes an older forwarding rule on the same port (pointing at a previous WSL IP) before adding the new one', () => {
    const plan = planExposeToLan(socket(3000), {
      mode: 'nat',
      wslIps: ['172.23.21.232'],
      portProxies: [
        {
          kind: 'v4tov4',
          listenAddress: '0.0.0.0',
          listenPort: 3000,
          connectAddress: '172.23.16.9',
          connectPort: 3000,
        },
      ],
      firewallRules: [],
      connectionProfiles: [],
    });
    const netsh = renderSteps(plan.steps)
      .filter((s) => s.file === 'netsh.exe')
      .map((s) => s.args.join(' '));
    assert.equal(netsh.length, 2);
    assert.match(netsh[0] as string, /^interface portproxy delete v4tov4 .*listenport=3000/);
    assert.match(netsh[1] as string, /^interface portproxy add v4tov4 .*connectaddress=172\.23\.21\.232/);
  });
});
