// Issue #14, "Tests that can tell": behaviour of the address helpers, the command-line
// gatekeepers and the readers of `hostname -I` / `ip addr` that StrykerJS showed no test
// pinned down. Each case names what a user would see go wrong if the rule broke.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  addressFamily,
  classifyBindAddress,
  hostWithPort,
  ipv4InCidr,
  ipv4Network,
  isLoopback,
  sameAddress,
  unmapIPv4,
} from '../../../client/src/host/ipAddress';
import {
  required,
  TAILSCALE_PREFIX,
  validateCidr,
  validateDistroName,
  validateIPv4,
  validatePort,
  validateProfile,
  validateProtocol,
  validateRemoteScope,
  ValidationError,
  type Validation,
} from '../../../client/src/host/validators';
import { parseHostnameAddresses, parseIpAddrShow } from '../../../client/src/host/parseWslAddresses';
import { fieldText } from './testSupport';

const error = <T>(validation: Validation<T>): string => {
  assert.equal(validation.ok, false, `expected a refusal, got ${JSON.stringify(validation)}`);
  return (validation as { error: string }).error;
};
const value = <T>(validation: Validation<T>): T => {
  assert.equal(validation.ok, true, `expected acceptance, got ${JSON.stringify(validation)}`);
  return (validation as { value: T }).value;
};

describe('ipAddress: kinds of bind address', () => {
  it('wildcards: 0.0.0.0, ::, * and the IPv4-mapped 0.0.0.0', () => {
    for (const a of ['0.0.0.0', '::', '*', '::ffff:0.0.0.0', '::FFFF:0.0.0.0'])
      assert.equal(classifyBindAddress(a), 'wildcard', a);
  });

  it('loopback: all of 127/8, ::1, localhost in any case, and IPv4-mapped 127.x', () => {
    for (const a of ['127.0.0.1', '127.0.0.53', '127.255.255.254', '::1', 'localhost', 'LocalHost', '::ffff:127.0.0.1'])
      assert.equal(classifyBindAddress(a), 'loopback', a);
    assert.equal(isLoopback('::FFFF:127.0.0.1'), true);
    assert.equal(isLoopback('LOCALHOST'), true);
  });

  it('specific: LAN, link-local and addresses that only contain "127." somewhere else', () => {
    for (const a of ['172.23.21.232', '10.127.0.1', '1127.0.0.1', 'fe80::1', '::2', '::ffff:10.0.0.1', '0.0.0.1', ''])
      assert.equal(classifyBindAddress(a), 'specific', a);
    assert.equal(isLoopback('10.0.0.127'), false);
    assert.equal(isLoopback('::11'), false);
    assert.equal(isLoopback('1::1'), false);
  });

  it('unmapIPv4 strips ::ffff: only from a whole, valid IPv4-mapped address', () => {
    assert.equal(unmapIPv4('::ffff:10.1.2.3'), '10.1.2.3');
    assert.equal(unmapIPv4('::FFFF:10.1.2.3'), '10.1.2.3');
    for (const kept of [
      '::ffff:999.1.2.3',
      '::ffff:1.2.3',
      '::ffff:',
      'x::ffff:10.1.2.3',
      '::ffff:10.1.2.3x',
      '::ffff:a.b.c.d',
    ])
      assert.equal(unmapIPv4(kept), kept, kept);
    assert.equal(unmapIPv4('::ffff:a00:1'), '::ffff:a00:1');
  });

  it('addressFamily: 4, 6 (IPv4-mapped counts as 4), or undefined for names and junk', () => {
    assert.equal(addressFamily('10.0.0.1'), 4);
    assert.equal(addressFamily('::ffff:10.0.0.1'), 4);
    assert.equal(addressFamily('fe80::1'), 6);
    assert.equal(addressFamily('::'), 6);
    assert.equal(addressFamily('localhost'), undefined);
    assert.equal(addressFamily(''), undefined);
    assert.equal(addressFamily('256.0.0.1'), undefined);
  });

  it('sameAddress ignores hex case on either side and the ::ffff: mapping, nothing else', () => {
    assert.equal(sameAddress('FE80::A', 'fe80::a'), true);
    assert.equal(sameAddress('fe80::a', 'FE80::A'), true);
    assert.equal(sameAddress('::ffff:10.0.0.1', '10.0.0.1'), true);
    assert.equal(sameAddress('10.0.0.1', '::FFFF:10.0.0.1'), true);
    assert.equal(sameAddress('10.0.0.1', '10.0.0.2'), false);
    assert.equal(sameAddress('fe80::1', 'fe80::2'), false);
  });
});

describe('ipAddress: IPv4 prefixes', () => {
  it('ipv4InCidr: the WSL NAT range 172.16.0.0/12, both edges', () => {
    assert.equal(ipv4InCidr('172.23.21.232', '172.16.0.0/12'), true);
    assert.equal(ipv4InCidr('172.16.0.0', '172.16.0.0/12'), true);
    assert.equal(ipv4InCidr('172.31.255.255', '172.16.0.0/12'), true);
    assert.equal(ipv4InCidr('172.32.0.0', '172.16.0.0/12'), false);
    assert.equal(ipv4InCidr('172.15.255.255', '172.16.0.0/12'), false);
    assert.equal(ipv4InCidr('::ffff:172.17.145.122', '172.16.0.0/12'), true);
  });

  it('ipv4InCidr: /24 edges, /32 exactness, /0 matches everyone', () => {
    assert.equal(ipv4InCidr('192.168.1.255', '192.168.1.0/24'), true);
    assert.equal(ipv4InCidr('192.168.2.0', '192.168.1.0/24'), false);
    assert.equal(ipv4InCidr('192.168.0.255', '192.168.1.0/24'), false);
    assert.equal(ipv4InCidr('10.0.0.1', '10.0.0.1/32'), true);
    assert.equal(ipv4InCidr('10.0.0.2', '10.0.0.1/32'), false);
    assert.equal(ipv4InCidr('8.8.8.8', '0.0.0.0/0'), true);
    assert.equal(ipv4InCidr('100.100.1.1', TAILSCALE_PREFIX), true);
    assert.equal(ipv4InCidr('100.128.0.0', TAILSCALE_PREFIX), false);
  });

  it('ipv4InCidr refuses bad lengths, bases and addresses instead of guessing', () => {
    for (const cidr of [
      '10.0.0.0/33',
      '10.0.0.0/-1',
      '10.0.0.0/8.5',
      '10.0.0.0',
      '10.0.0.0/',
      '10.0.0.0/x',
      '/8',
      'fd00::/8',
    ])
      assert.equal(ipv4InCidr('10.0.0.1', cidr), false, cidr);
    assert.equal(ipv4InCidr('fd00::1', 'fd00::/8'), false);
    assert.equal(ipv4InCidr('host', '0.0.0.0/0'), false);
  });

  it('ipv4InCidr: a bare "10.0.0.0/" is no prefix at all, not /0 (it once matched every address)', () => {
    assert.equal(ipv4InCidr('8.8.8.8', '10.0.0.0/'), false);
    assert.equal(ipv4InCidr('10.0.0.1', '10.0.0.0/ 8'), false);
    assert.equal(ipv4InCidr('10.0.0.1', '10.0.0.0/08'), true);
    assert.equal(ipv4InCidr('10.0.0.1', '10.0.0.1/33'), false);
    assert.equal(ipv4InCidr('10.0.0.1', '10.0.0.1/99'), false);
  });

  it('ipv4Network: the network an interface address sits in', () => {
    assert.equal(ipv4Network('172.23.21.232', 20), '172.23.16.0/20');
    assert.equal(ipv4Network('172.17.145.122', 20), '172.17.144.0/20');
    assert.equal(ipv4Network('192.168.1.77', 24), '192.168.1.0/24');
    assert.equal(ipv4Network('10.255.255.254', 32), '10.255.255.254/32');
    assert.equal(ipv4Network('10.255.255.254', 8), '10.0.0.0/8');
    assert.equal(ipv4Network('200.1.2.3', 1), '128.0.0.0/1');
    assert.equal(ipv4Network('255.255.255.255', 31), '255.255.255.254/31');
  });

  it('ipv4Network: no answer for /0, /33, fractions or a non-IPv4 address', () => {
    assert.equal(ipv4Network('10.0.0.1', 0), undefined);
    assert.equal(ipv4Network('10.0.0.1', 33), undefined);
    assert.equal(ipv4Network('10.0.0.1', 24.5), undefined);
    assert.equal(ipv4Network('10.0.0.1', Number.NaN), undefined);
    assert.equal(ipv4Network('fe80::1', 64), undefined);
    assert.equal(ipv4Network('10.0.0', 24), undefined);
  });
});

describe('validators: ports', () => {
  it('accepts 1 and 65535, as numbers or digit strings', () => {
    assert.equal(value(validatePort(1)), 1);
    assert.equal(value(validatePort(65535)), 65535);
    assert.equal(value(validatePort('1')), 1);
    assert.equal(value(validatePort('65535')), 65535);
    assert.equal(value(validatePort('8080')), 8080);
  });

  it('refuses 0 and 65536 as out of range, naming the value', () => {
    assert.equal(error(validatePort(0)), 'Port out of range: 0 (expected 1-65535).');
    assert.equal(error(validatePort('65536')), 'Port out of range: 65536 (expected 1-65535).');
    assert.equal(error(validatePort(99999)), 'Port out of range: 99999 (expected 1-65535).');
  });

  it('refuses anything that is not plain digits', () => {
    for (const bad of [
      1.5,
      -1,
      '-1',
      '+80',
      ' 80',
      '80 ',
      '8e3',
      '0x50',
      '',
      '123456',
      '80\n',
      NaN,
      null,
      undefined,
      {},
    ])
      assert.match(error(validatePort(bad)), /^Not a port number: .* \(expected digits 1-65535\)\.$/, String(bad));
    assert.equal(error(validatePort(1.5)), 'Not a port number: "1.5" (expected digits 1-65535).');
    assert.equal(error(validatePort('80; calc')), 'Not a port number: "80; calc" (expected digits 1-65535).');
  });
});

describe('validators: IPv4', () => {
  it('accepts the full range and returns the text unchanged', () => {
    for (const good of ['0.0.0.0', '255.255.255.255', '172.23.21.232', '1.22.199.250'])
      assert.equal(value(validateIPv4(good)), good);
  });

  it('refuses an octet of 256 or more, saying so', () => {
    for (const bad of ['256.0.0.1', '1.256.0.1', '1.2.256.1', '1.2.3.256', '1.2.3.999'])
      assert.equal(error(validateIPv4(bad)), `Not an IPv4 address: "${bad}" (octet above 255).`, bad);
  });

  it('refuses other shapes: too few or many parts, blanks, four digits, signs, non-strings', () => {
    for (const bad of [
      '1.2.3',
      '1.2.3.4.5',
      ' 1.2.3.4',
      '1.2.3.4 ',
      '1.2.3.4\n',
      '1000.1.1.1',
      '1.2.3.-4',
      '1..2.3',
      'a.b.c.d',
    ])
      assert.equal(error(validateIPv4(bad)), `Not an IPv4 address: ${JSON.stringify(bad)}.`, bad);
    assert.equal(error(validateIPv4(167772161)), 'Not an IPv4 address: "167772161".');
  });
});

describe('validators: distro names', () => {
  it('accepts letters, digits, dot, underscore and dash up to 256 characters', () => {
    for (const good of ['Ubuntu', 'Ubuntu-22.04', 'my_distro.2', 'a', 'x'.repeat(256), 'Z9'])
      assert.equal(value(validateDistroName(good)), good);
  });

  it('refuses blanks, shell characters, empty and over-long names', () => {
    for (const bad of ['', 'Ubuntu 22.04', 'a;b', 'a&b', 'a"b', 'Ubuntu\n', 'x'.repeat(257), 'Übuntu'])
      assert.match(
        error(validateDistroName(bad)),
        /^Not a valid WSL distro name: .* \(allowed: letters, digits, '\.', '_', '-'\)\.$/,
        bad,
      );
    assert.equal(
      error(validateDistroName(7)),
      `Not a valid WSL distro name: "7" (allowed: letters, digits, '.', '_', '-').`,
    );
  });

  it('refuses a leading dash, which wsl.exe would read as an option', () => {
    assert.equal(
      error(validateDistroName('--shutdown')),
      `Not a usable WSL distro name: "--shutdown" (must not start with '-').`,
    );
    assert.equal(value(validateDistroName('a-')), 'a-');
  });

  it('shortens a long refused value to 57 characters and "..." in the message', () => {
    const sixty = 'a'.repeat(59) + ' ';
    assert.ok(error(validateDistroName(sixty)).includes(JSON.stringify(sixty)));
    const sixtyOne = 'b'.repeat(60) + ' ';
    assert.ok(error(validateDistroName(sixtyOne)).includes(`"${'b'.repeat(57)}..."`));
    assert.ok(!error(validateDistroName(sixtyOne)).includes('b'.repeat(58)));
  });
});

describe('validators: protocol and profile', () => {
  it('protocol: tcp/udp in any case, canonical upper case', () => {
    assert.equal(value(validateProtocol('tcp')), 'TCP');
    assert.equal(value(validateProtocol('Udp')), 'UDP');
    for (const bad of ['tcpx', 'xtcp', 'tcp ', 'ud', '', 'icmp', 6])
      assert.equal(
        error(validateProtocol(bad)),
        `Not a protocol: ${JSON.stringify(String(bad))} (expected TCP or UDP).`,
      );
  });

  it('profile: the four names in any case, canonical spelling', () => {
    assert.equal(value(validateProfile('private')), 'Private');
    assert.equal(value(validateProfile('PUBLIC')), 'Public');
    assert.equal(value(validateProfile('Domain')), 'Domain');
    assert.equal(value(validateProfile('any')), 'Any');
    for (const bad of ['Privat', 'Private ', '', 'all', 1])
      assert.equal(error(validateProfile(bad)), `Not a firewall profile: ${JSON.stringify(String(bad))}.`);
  });
});

describe('validators: network prefixes', () => {
  const hint = '; e.g. 192.168.1.0/24 or fd00::/8).';

  it('accepts IPv4 prefixes /1 to /32 with zero host bits', () => {
    assert.equal(value(validateCidr('192.168.1.0/24')), '192.168.1.0/24');
    assert.equal(value(validateCidr('10.0.0.1/32')), '10.0.0.1/32');
    assert.equal(value(validateCidr('128.0.0.0/1')), '128.0.0.0/1');
    assert.equal(value(validateCidr('100.64.0.0/10')), '100.64.0.0/10');
  });

  it('accepts IPv6 prefixes /1 to /128 in lower case, :: at either end or the middle', () => {
    assert.equal(value(validateCidr('FD00::/8')), 'fd00::/8');
    assert.equal(value(validateCidr('::1/128')), '::1/128');
    assert.equal(value(validateCidr('::/1')), '::/1');
    assert.equal(value(validateCidr('2001:db8::1:0/112')), '2001:db8::1:0/112');
    assert.equal(value(validateCidr('2001:DB8:0:0:0:0:0:1/128')), '2001:db8:0:0:0:0:0:1/128');
    assert.equal(
      value(validateCidr('ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128')),
      'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128',
    );
    assert.equal(value(validateCidr('fe80::/10')), 'fe80::/10');
  });

  it('refuses /0 (that is "anyone"), too long a prefix and a leading zero in the length', () => {
    assert.equal(
      error(validateCidr('0.0.0.0/0')),
      `Not a network prefix: "0.0.0.0/0" (the prefix length must be 1-32${hint}`,
    );
    assert.equal(
      error(validateCidr('10.0.0.0/33')),
      `Not a network prefix: "10.0.0.0/33" (the prefix length must be 1-32${hint}`,
    );
    assert.equal(
      error(validateCidr('10.0.0.0/08')),
      `Not a network prefix: "10.0.0.0/08" (the prefix length must be 1-32${hint}`,
    );
    assert.equal(error(validateCidr('::/0')), `Not a network prefix: "::/0" (the prefix length must be 1-128${hint}`);
    assert.equal(
      error(validateCidr('fd00::/129')),
      `Not a network prefix: "fd00::/129" (the prefix length must be 1-128${hint}`,
    );
    assert.equal(
      error(validateCidr('fd00::/064')),
      `Not a network prefix: "fd00::/064" (the prefix length must be 1-128${hint}`,
    );
    assert.equal(value(validateCidr('10.0.0.0/8')), '10.0.0.0/8');
    assert.equal(value(validateCidr('10.0.0.0/10')), '10.0.0.0/10');
  });

  it('refuses what is not an address, a slash and a length', () => {
    const shape = 'expected an IPv4 or IPv6 address, a slash and a prefix length';
    for (const bad of [
      '10.0.0.0',
      '10.0.0.0/',
      '/24',
      ' 10.0.0.0/8',
      '10.0.0.0/8 ',
      '10.0.0.0/8,10.0.0.0/9',
      '10.0.0.0-10.0.0.255',
      '10.0.0.0/255.0.0.0',
      '010.0.0.0/8',
      '256.0.0.0/8',
      '1.2.3/8',
      'fe80::1%eth0/64',
      'fd00:::/8',
      '1:2:3:4:5:6:7:8:9/64',
      'example.com/24',
      'g::/8',
      '10.0.0.0/1234',
    ])
      assert.equal(error(validateCidr(bad)), `Not a network prefix: ${JSON.stringify(bad)} (${shape}${hint}`, bad);
    assert.equal(error(validateCidr(24)), `Not a network prefix: "24" (${shape}${hint}`);
    assert.equal(error(validateCidr(undefined)), `Not a network prefix: "undefined" (${shape}${hint}`);
  });

  it('refuses host bits and suggests the network the user probably meant', () => {
    const meant = (input: string): string => {
      const m = /did you mean (\S+)\?/.exec(error(validateCidr(input)));
      assert.ok(m, input);
      return m[1] as string;
    };
    assert.equal(
      error(validateCidr('10.1.2.3/24')),
      `Not a network prefix: "10.1.2.3/24" (host bits are set; did you mean 10.1.2.0/24?${hint}`,
    );
    assert.equal(meant('172.23.21.232/20'), '172.23.16.0/20');
    assert.equal(meant('255.255.255.255/1'), '128.0.0.0/1');
    assert.equal(meant('10.0.0.1/31'), '10.0.0.0/31');
    assert.equal(meant('fd00::1/8'), 'fd00::/8');
    assert.equal(meant('FD12:3456::1/16'), 'fd12::/16');
    assert.equal(meant('::1/1'), '::/1');
    assert.equal(meant('::1/127'), '::/127');
    assert.equal(meant('2001:db8:0:0:1:2:3:5/126'), '2001:db8::1:2:3:4/126');
    assert.equal(meant('2001:0:1:2:3:4:5:7/127'), '2001:0:1:2:3:4:5:6/127');
    assert.equal(meant('1:2:3:4:5:6:7:ffff/112'), '1:2:3:4:5:6:7:0/112');
    assert.equal(meant('1::2:3/96'), '1::/96');
    assert.equal(meant('ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/64'), 'ffff:ffff:ffff:ffff::/64');
  });

  it('remote scope: LocalSubnet and Any keywords in any case, else one prefix', () => {
    assert.equal(value(validateRemoteScope('localsubnet')), 'LocalSubnet');
    assert.equal(value(validateRemoteScope('LOCALSUBNET')), 'LocalSubnet');
    assert.equal(value(validateRemoteScope('any')), 'Any');
    assert.equal(value(validateRemoteScope('ANY')), 'Any');
    assert.equal(value(validateRemoteScope(TAILSCALE_PREFIX)), '100.64.0.0/10');
    assert.equal(value(validateRemoteScope('FD00::/8')), 'fd00::/8');
    for (const bad of ['anyone', 'many', 'localsubnets', 'my localsubnet', 'Internet', ''])
      assert.match(error(validateRemoteScope(bad)), /^Not a network prefix: /, bad);
    assert.equal(error(validateRemoteScope('10.1.2.3/24')), error(validateCidr('10.1.2.3/24')));
  });

  it('required returns the value or throws a ValidationError with the message', () => {
    assert.equal(required(validatePort('443')), 443);
    assert.throws(
      () => required(validatePort('0')),
      (e: unknown) =>
        e instanceof ValidationError &&
        e.name === 'ValidationError' &&
        e.message === 'Port out of range: 0 (expected 1-65535).',
    );
  });
});

describe('validators: values of the wrong JSON type (a settings.json array or number)', () => {
  it('refuses a one-element array even though its text would pass, and does not throw', () => {
    assert.match(error(validatePort(['8080'])), /^Not a port number: "8080"/);
    assert.match(error(validateIPv4(['10.0.0.1'])), /^Not an IPv4 address: "10.0.0.1"\.$/);
    assert.match(error(validateDistroName(['Ubuntu'])), /^Not a valid WSL distro name: "Ubuntu"/);
    assert.match(error(validateProtocol(['tcp'])), /^Not a protocol: "tcp"/);
    assert.match(error(validateProfile(['Private'])), /^Not a firewall profile: "Private"\.$/);
    assert.match(error(validateRemoteScope(['LocalSubnet'])), /^Not a network prefix: "LocalSubnet"/);
    assert.match(error(validateRemoteScope(['any'])), /^Not a network prefix: "any"/);
    assert.match(error(validateCidr(['10.0.0.0/8'])), /^Not a network prefix: "10.0.0.0\/8"/);
  });

  it('IPv6 prefix lengths with a zero inside (/100, /105) are fine; only a leading zero is refused', () => {
    assert.equal(value(validateCidr('fd00::/100')), 'fd00::/100');
    assert.equal(value(validateCidr('2001:db8::/105')), '2001:db8::/105');
  });
});

describe('parseWslAddresses on real captures', () => {
  it('hostname -I (NAT): the one address', () => {
    assert.deepEqual(parseHostnameAddresses(fieldText('hostname-I.nat.txt')), ['172.17.145.122']);
  });

  it('hostname -I with several families, trailing space and tabs; junk tokens left out', () => {
    assert.deepEqual(parseHostnameAddresses('172.23.21.232 172.17.0.1\tfd00::5 \n'), [
      '172.23.21.232',
      '172.17.0.1',
      'fd00::5',
    ]);
    assert.deepEqual(parseHostnameAddresses('  10.0.0.1  hostname 999.1.1.1 10.0.0.2'), ['10.0.0.1', '10.0.0.2']);
    assert.deepEqual(parseHostnameAddresses(''), []);
    assert.deepEqual(parseHostnameAddresses('\n'), []);
  });

  it('ip addr (mirrored, real): both inet lines, no inet6', () => {
    assert.deepEqual(parseIpAddrShow(fieldText('ip-addr.mirrored.txt')), [
      { address: '127.0.0.1', prefixLength: 8 },
      { address: '10.255.255.254', prefixLength: 32 },
    ]);
  });

  it('ip a (loopback only, real): 127.0.0.1/8', () => {
    assert.deepEqual(parseIpAddrShow(fieldText('ip-addr.loopback-only.txt')), [
      { address: '127.0.0.1', prefixLength: 8 },
    ]);
  });

  it('ip -o -4 addr one-line form, wider spacing; bad addresses and lengths skipped', () => {
    const text =
      '2: eth0    inet 172.23.21.232/20 brd 172.23.31.255 scope global eth0\\       valid_lft forever preferred_lft forever\n' +
      '3: docker0  inet  172.17.0.1/16 scope global docker0\n' +
      '4: bad  inet 999.1.1.1/24\n' +
      '5: bad  inet 10.9.9.9/245\n' +
      '6: bad  xinet 10.8.8.8/24\n';
    assert.deepEqual(parseIpAddrShow(text), [
      { address: '172.23.21.232', prefixLength: 20 },
      { address: '172.17.0.1', prefixLength: 16 },
    ]);
  });
});

describe('hostWithPort: an address as written before a port', () => {
  it('brackets IPv6 literals only, and adds the port only when there is one', () => {
    assert.equal(hostWithPort('::1', 5432), '[::1]:5432');
    assert.equal(hostWithPort('::', '3000'), '[::]:3000');
    assert.equal(hostWithPort('fe80::1%eth0'), '[fe80::1%eth0]');
    assert.equal(hostWithPort('127.0.0.1', 7890), '127.0.0.1:7890');
    assert.equal(hostWithPort('proxy.corp.example'), 'proxy.corp.example');
    assert.equal(hostWithPort('localhost', 0), 'localhost:0');
  });
});
