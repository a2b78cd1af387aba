import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decodeOutput } from '../../../client/src/host/decodeOutput';
import { parsePortProxyShow } from '../../../client/src/host/parsePortProxy';
import { parseHostnameAddresses, parseIpAddrShow } from '../../../client/src/host/parseWslAddresses';
import { fixtureBytes, fixtureText } from './testSupport';

describe('parsePortProxyShow', () => {
  it('reads all four tables of `show all` (en-US, CRLF), including overflowing host names', () => {
    const rules = parsePortProxyShow(decodeOutput(fixtureBytes('netsh-portproxy-show-all.en-US.txt')).text);
    assert.deepEqual(rules, [
      { kind: 'v4tov4', listenAddress: '0.0.0.0', listenPort: 2222, connectAddress: '172.23.21.232', connectPort: 22 },
      { kind: 'v4tov4', listenAddress: '*', listenPort: 8080, connectAddress: '172.23.16.5', connectPort: 8080 },
      { kind: 'v4tov4', listenAddress: '192.168.178.20', listenPort: 443, connectAddress: 'wsl-host.example.internal', connectPort: 8443 },
      { kind: 'v4tov6', listenAddress: '0.0.0.0', listenPort: 5000, connectAddress: 'fd00::1234:5678', connectPort: 5000 },
      { kind: 'v6tov4', listenAddress: '::', listenPort: 3000, connectAddress: '127.0.0.1', connectPort: 3000 },
      { kind: 'v6tov6', listenAddress: 'fe80::1%12', listenPort: 9000, connectAddress: '::1', connectPort: 9001 },
    ]);
  });

  it('does not depend on English titles (de-DE, and fr-FR in the OEM code page)', () => {
    assert.deepEqual(parsePortProxyShow(decodeOutput(fixtureBytes('netsh-portproxy-show-all.de-DE.txt')).text), [
      { kind: 'v4tov4', listenAddress: '0.0.0.0', listenPort: 8080, connectAddress: '172.30.64.10', connectPort: 8080 },
      { kind: 'v6tov6', listenAddress: '::', listenPort: 8443, connectAddress: 'fd00::10', connectPort: 443 },
    ]);
    const fr = fixtureBytes('netsh-portproxy-show-all.fr-FR.txt');
    assert.ok(fr.includes(0x90), 'fr-FR fixture should carry the CP850 byte for \u00c9');
    assert.deepEqual(parsePortProxyShow(decodeOutput(fr).text), [
      { kind: 'v4tov6', listenAddress: '127.0.0.1', listenPort: 1234, connectAddress: '::1', connectPort: 4321 },
    ]);
  });

  it('empty output means no rules', () => {
    assert.equal(fixtureBytes('netsh-portproxy-show-all.empty.txt').length, 0);
    assert.deepEqual(parsePortProxyShow(''), []);
  });

  it('falls back to address syntax when the title line is missing or unreadable', () => {
    const out = '\nAddress         Port        Address         Port\n--------------- ----------  --------------- ----------\n0.0.0.0         80          fd00::5         8080\n';
    assert.deepEqual(parsePortProxyShow(out), [{ kind: 'v4tov6', listenAddress: '0.0.0.0', listenPort: 80, connectAddress: 'fd00::5', connectPort: 8080 }]);
  });

  it('stops a table at text that is not a rule row', () => {
    const out =
      '\nListen on ipv4:             Connect to ipv4:\n\nAddress         Port        Address         Port\n' +
      '--------------- ----------  --------------- ----------\n0.0.0.0         80          10.0.0.1        80\nThe following helper DLL failed to load.\n';
    assert.equal(parsePortProxyShow(out).length, 1);
  });
});

describe('WSL address parsers', () => {
  it('hostname -I: every address, trailing space ignored', () => {
    assert.deepEqual(parseHostnameAddresses(fixtureText('hostname-I.txt')), ['172.23.21.232', '172.17.0.1', 'fd7a:115c:a1e0::1']);
    assert.deepEqual(parseHostnameAddresses('\n'), []);
  });

  it('ip -4 addr show eth0: primary first, secondary after', () => {
    assert.deepEqual(parseIpAddrShow(fixtureText('ip-addr-show-eth0.txt')), [
      { address: '172.23.21.232', prefixLength: 20 },
      { address: '172.23.21.240', prefixLength: 20 },
    ]);
    assert.deepEqual(parseIpAddrShow('Device "eth0" does not exist.\n'), []);
  });
});
