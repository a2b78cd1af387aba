import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { PortProxyRule } from '../../../client/src/host/hostTypes';
import { decodeOutput } from '../../../client/src/host/decodeOutput';
import { parsePortProxyShow } from '../../../client/src/host/parsePortProxy';
import { parseHostnameAddresses } from '../../../client/src/host/parseWslAddresses';
import { findStalePortProxies, isStalePortProxy } from '../../../client/src/host/stalePortProxy';
import { fixtureBytes, fixtureText } from './testSupport';

const rule = (connectAddress: string, listenPort = 8080): PortProxyRule => ({
  kind: 'v4tov4',
  listenAddress: '0.0.0.0',
  listenPort,
  connectAddress,
  connectPort: listenPort,
});

describe('stale portproxy detection', () => {
  it('flags rules into the WSL NAT range that miss every current address (from real-format output)', () => {
    const rules = parsePortProxyShow(decodeOutput(fixtureBytes('netsh-portproxy-show-all.en-US.txt')).text);
    const current = parseHostnameAddresses(fixtureText('hostname-I.txt'));
    const stale = findStalePortProxies(rules, current);
    assert.deepEqual(
      stale.map((s) => s.rule.connectAddress),
      ['172.23.16.5'],
    );
    assert.equal(
      stale[0]?.reason,
      'portproxy *:8080 -> 172.23.16.5:8080 points at 172.23.16.5, which is not a current WSL address (now 172.23.21.232, 172.17.0.1, fd7a:115c:a1e0::1)',
    );
  });

  it('after an IP change the old rule becomes stale and the new one is fine', () => {
    assert.equal(isStalePortProxy(rule('172.23.21.232'), ['172.29.0.7']), true);
    assert.equal(isStalePortProxy(rule('172.29.0.7'), ['172.29.0.7']), false);
    assert.equal(isStalePortProxy(rule('::ffff:172.29.0.7'), ['172.29.0.7']), false);
  });

  it('leaves loopback targets, host names and other LAN machines alone', () => {
    assert.equal(isStalePortProxy(rule('127.0.0.1'), ['172.29.0.7']), false);
    assert.equal(isStalePortProxy(rule('localhost'), ['172.29.0.7']), false);
    assert.equal(isStalePortProxy(rule('wsl.local'), ['172.29.0.7']), false);
    assert.equal(isStalePortProxy(rule('192.168.1.20'), ['172.29.0.7']), false);
    assert.equal(isStalePortProxy(rule('172.32.0.1'), ['172.29.0.7']), false, '172.32/16 is outside 172.16/12');
  });

  it('counts extra ranges and ports we own', () => {
    assert.equal(isStalePortProxy(rule('192.168.240.9'), ['192.168.240.2'], { wslRanges: ['192.168.240.0/20'] }), true);
    assert.equal(isStalePortProxy(rule('10.5.0.2', 3000), ['172.29.0.7'], { ownedListenPorts: new Set([3000]) }), true);
    assert.equal(
      isStalePortProxy(rule('10.5.0.2', 3001), ['172.29.0.7'], { ownedListenPorts: new Set([3000]) }),
      false,
    );
  });

  it('with no known current address every WSL-range rule is suspicious', () => {
    assert.equal(findStalePortProxies([rule('172.20.1.1')], [])[0]?.reason.endsWith('(now unknown)'), true);
  });
});
