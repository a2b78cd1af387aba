import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decodeOutput } from '../../../client/src/host/decodeOutput';
import { parsePortProxyShow } from '../../../client/src/host/parsePortProxy';
import { parseHostnameAddresses, parseIpAddrShow } from '../../../client/src/host/parseWslAddresses';
import { fieldText, fixtureText } from './testSupport';

// One table in the layout of the real capture (test/fixtures/field/netsh-portproxy-show-v4tov4.*):
// title line padded to 28, column header, dashes 15/10/15/10, CRLF, a blank line after.
function table(
  listen: string,
  connect: string,
  rows: string[][],
  words = { address: 'Address', port: 'Port' },
): string {
  const row = (a: string, b: string, c: string, d: string) =>
    `${a.padEnd(15)} ${b.padEnd(10)}  ${c.padEnd(15)} ${d}\r\n`;
  return `\r\n${listen.padEnd(28)}${connect}\r\n\r\n${row(words.address, words.port, words.address, words.port)}${row('-'.repeat(15), '-'.repeat(10), '-'.repeat(15), '-'.repeat(10))}${rows.map((r) => row(r[0] as string, r[1] as string, r[2] as string, r[3] as string)).join('')}\r\n`;
}

describe('parsePortProxyShow', () => {
  it('the real capture: a port "range" netsh stored as text is skipped and reported, not read as a rule', () => {
    const reported: string[] = [];
    const text = fieldText('netsh-portproxy-show-v4tov4.en-US.port-range.win10.txt');
    assert.deepEqual(
      parsePortProxyShow(text, (_what, raw) => reported.push(raw)),
      [],
    );
    assert.deepEqual(reported, [text]);
  });

  it('a rule after an unreadable row is still read', () => {
    const text =
      fieldText('netsh-portproxy-show-v4tov4.en-US.port-range.win10.txt') +
      '0.0.0.0         2222        172.23.188.236  22\n';
    assert.deepEqual(parsePortProxyShow(text), [
      { kind: 'v4tov4', listenAddress: '0.0.0.0', listenPort: 2222, connectAddress: '172.23.188.236', connectPort: 22 },
    ]);
  });

  it('reads all four tables of `show all` (CRLF), including overflowing host names', () => {
    const text =
      table('Listen on ipv4:', 'Connect to ipv4:', [
        ['0.0.0.0', '2222', '172.23.21.232', '22'],
        ['*', '8080', '172.23.16.5', '8080'],
        ['192.168.178.20', '443', 'wsl-host.example.internal', '8443'],
      ]) +
      table('Listen on ipv4:', 'Connect to ipv6:', [['0.0.0.0', '5000', 'fd00::1234:5678', '5000']]) +
      table('Listen on ipv6:', 'Connect to ipv4:', [['::', '3000', '127.0.0.1', '3000']]) +
      table('Listen on ipv6:', 'Connect to ipv6:', [['fe80::1%12', '9000', '::1', '9001']]);
    const rules = parsePortProxyShow(decodeOutput(Buffer.from(text, 'latin1')).text);
    assert.deepEqual(rules, [
      { kind: 'v4tov4', listenAddress: '0.0.0.0', listenPort: 2222, connectAddress: '172.23.21.232', connectPort: 22 },
      { kind: 'v4tov4', listenAddress: '*', listenPort: 8080, connectAddress: '172.23.16.5', connectPort: 8080 },
      {
        kind: 'v4tov4',
        listenAddress: '192.168.178.20',
        listenPort: 443,
        connectAddress: 'wsl-host.example.internal',
        connectPort: 8443,
      },
      {
        kind: 'v4tov6',
        listenAddress: '0.0.0.0',
        listenPort: 5000,
        connectAddress: 'fd00::1234:5678',
        connectPort: 5000,
      },
      { kind: 'v6tov4', listenAddress: '::', listenPort: 3000, connectAddress: '127.0.0.1', connectPort: 3000 },
      { kind: 'v6tov6', listenAddress: 'fe80::1%12', listenPort: 9000, connectAddress: '::1', connectPort: 9001 },
    ]);
  });

  it('does not depend on English titles (German titles, and French ones in the OEM code page)', () => {
    // The translated titles are not from a capture (none was found); the parser must not read them anyway.
    const de = table('Abfragen auf ipv4:', 'Verbinden mit ipv4:', [['0.0.0.0', '8080', '172.30.64.10', '8080']], {
      address: 'Adresse',
      port: 'Port',
    });
    assert.deepEqual(parsePortProxyShow(de), [
      { kind: 'v4tov4', listenAddress: '0.0.0.0', listenPort: 8080, connectAddress: '172.30.64.10', connectPort: 8080 },
    ]);
    const fr = Buffer.from(
      table('\u00c9couter sur ipv4 :', 'Connecter \u00e0 ipv6 :', [['127.0.0.1', '1234', '::1', '4321']], {
        address: 'Adresse',
        port: 'Port',
      }),
      'latin1',
    );
    fr[fr.indexOf(0xc9)] = 0x90; // CP850 É
    assert.deepEqual(parsePortProxyShow(decodeOutput(fr).text), [
      { kind: 'v4tov6', listenAddress: '127.0.0.1', listenPort: 1234, connectAddress: '::1', connectPort: 4321 },
    ]);
  });

  it('empty output means no rules', () => {
    assert.deepEqual(parsePortProxyShow(''), []);
  });

  it('falls back to address syntax when the title line is missing or unreadable', () => {
    const out =
      '\nAddress         Port        Address         Port\n--------------- ----------  --------------- ----------\n0.0.0.0         80          fd00::5         8080\n';
    assert.deepEqual(parsePortProxyShow(out), [
      { kind: 'v4tov6', listenAddress: '0.0.0.0', listenPort: 80, connectAddress: 'fd00::5', connectPort: 8080 },
    ]);
  });

  it('stops a table at text that is not a rule row', () => {
    const out =
      '\nListen on ipv4:             Connect to ipv4:\n\nAddress         Port        Address         Port\n' +
      '--------------- ----------  --------------- ----------\n0.0.0.0         80          10.0.0.1        80\nThe following helper DLL failed to load.\n';
    assert.equal(parsePortProxyShow(out).length, 1);
  });
});

describe('WSL address parsers on real captures', () => {
  it('hostname -I in NAT mode', () => {
    assert.deepEqual(parseHostnameAddresses(fieldText('hostname-I.nat.txt')), ['172.17.145.122']);
  });

  it('ip addr in mirrored mode: only lo carries IPv4 (127.0.0.1/8 and the 10.255.255.254/32 DNS tunnel address)', () => {
    assert.deepEqual(parseIpAddrShow(fieldText('ip-addr.mirrored.txt')), [
      { address: '127.0.0.1', prefixLength: 8 },
      { address: '10.255.255.254', prefixLength: 32 },
    ]);
    assert.deepEqual(parseIpAddrShow(fieldText('ip-addr.loopback-only.txt')), [
      { address: '127.0.0.1', prefixLength: 8 },
    ]);
  });
});

describe('WSL address parsers', () => {
  it('hostname -I: every address, trailing space ignored', () => {
    assert.deepEqual(parseHostnameAddresses(fixtureText('hostname-I.txt')), [
      '172.23.21.232',
      '172.17.0.1',
      'fd7a:115c:a1e0::1',
    ]);
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
