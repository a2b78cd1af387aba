import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decodeProcAddress, formatIPv6, isListening, parseProcNetTable } from '../../../client/src/host/parseProcNet';
import { parseCommListing, parseFdListing } from '../../../client/src/host/socketOwners';
import { fieldText, fixtureText } from './testSupport';

describe('/proc/net address decoding', () => {
  it('IPv4 words are little-endian', () => {
    assert.equal(decodeProcAddress('0100007F'), '127.0.0.1');
    assert.equal(decodeProcAddress('3500007F'), '127.0.0.53');
    assert.equal(decodeProcAddress('E81517AC'), '172.23.21.232');
    assert.equal(decodeProcAddress('00000000'), '0.0.0.0');
  });

  it('IPv6 is four little-endian words, printed per RFC 5952', () => {
    assert.equal(decodeProcAddress('00000000000000000000000000000000'), '::');
    assert.equal(decodeProcAddress('00000000000000000000000001000000'), '::1');
    assert.equal(decodeProcAddress('0000000000000000FFFF00000100007F'), '::ffff:127.0.0.1');
    assert.equal(decodeProcAddress('000080FE00000000FF5D1502563412FE'), 'fe80::215:5dff:fe12:3456');
    assert.equal(decodeProcAddress('B80D0120000000002E8A000034737003'), '2001:db8::8a2e:370:7334');
  });

  it('rejects malformed fields', () => {
    assert.equal(decodeProcAddress('XYZ'), undefined);
    assert.equal(decodeProcAddress('0100007'), undefined);
  });

  it('compresses only the longest zero run, and not a single zero group', () => {
    assert.equal(formatIPv6([0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1]), '2001:db8:0:1::1');
    assert.equal(formatIPv6([0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1]), '2001:db8:0:1:1:1:1:1');
    assert.equal(formatIPv6([0x20, 0x01, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1]), '2001:0:0:1::1');
  });
});

describe('parseProcNetTable', () => {
  it('tcp: keeps LISTEN (0A) only through isListening', () => {
    const entries = parseProcNetTable(fixtureText('proc-net-tcp.txt'), 'tcp');
    assert.equal(entries.length, 5);
    const listening = entries.filter(isListening);
    assert.deepEqual(
      listening.map((e) => [e.localAddress, e.localPort, e.uid, e.inode]),
      [
        ['127.0.0.53', 53, 101, 20485],
        ['0.0.0.0', 8080, 1000, 41234],
        ['127.0.0.1', 3000, 1000, 41240],
      ],
    );
    assert.deepEqual([entries[3]?.remoteAddress, entries[3]?.remotePort, entries[3]?.state], ['172.23.16.1', 50010, 1]);
  });

  it('tcp6: wildcard, loopback, IPv4-mapped and link-local listeners', () => {
    const listening = parseProcNetTable(fixtureText('proc-net-tcp6.txt'), 'tcp6').filter(isListening);
    assert.deepEqual(
      listening.map((e) => `${e.localAddress} ${e.localPort}`),
      [':: 8081', '::1 3001', '::ffff:127.0.0.1 3002', 'fe80::215:5dff:fe12:3456 8082'],
    );
  });

  it('udp: unconnected sockets (07) count, connected ones (01) do not', () => {
    const listening = parseProcNetTable(fixtureText('proc-net-udp.txt'), 'udp').filter(isListening);
    assert.deepEqual(
      listening.map((e) => `${e.localAddress}:${e.localPort}`),
      ['127.0.0.53:53', '0.0.0.0:5353'],
    );
  });

  it('ignores the header and garbage lines', () => {
    assert.deepEqual(parseProcNetTable('  sl  local_address\nnot a line\n', 'tcp'), []);
  });
});

describe('/proc/net edge cases', () => {
  const line = (
    slot: string,
    local: string,
    remote: string,
    state: string,
    rest = '00000000:00000000 00:00000000 00000000  1000        0 4242 1',
  ): string => `  ${slot} ${local} ${remote} ${state} ${rest}`;

  it('lower-case hex and the highest values: 255.255.255.255:65535', () => {
    const [entry] = parseProcNetTable(line('0:', 'ffffffff:FFFF', '0100007f:ffff', '0a'), 'tcp');
    assert.deepEqual(entry, {
      table: 'tcp',
      localAddress: '255.255.255.255',
      localPort: 65535,
      remoteAddress: '127.0.0.1',
      remotePort: 65535,
      state: 10,
      uid: 1000,
      inode: 4242,
    });
  });

  it('a data line needs a "<slot>:" first and at least ten fields', () => {
    assert.equal(parseProcNetTable(line('x0:', '0100007F:0050', '00000000:0000', '0A'), 'tcp').length, 0);
    assert.equal(parseProcNetTable(line('0:x', '0100007F:0050', '00000000:0000', '0A'), 'tcp').length, 0);
    assert.equal(parseProcNetTable(line('0', '0100007F:0050', '00000000:0000', '0A'), 'tcp').length, 0);
    assert.equal(parseProcNetTable(line('12:', '0100007F:0050', '00000000:0000', '0A'), 'tcp').length, 1);
    const tenFields = '0: 0100007F:0050 00000000:0000 0A 00000000:00000000 00:00000000 00000000 1000 0 555';
    assert.deepEqual(
      parseProcNetTable(tenFields, 'tcp').map((e) => [e.localPort, e.uid, e.inode]),
      [[80, 1000, 555]],
    );
    assert.equal(parseProcNetTable(tenFields.replace(/ 555$/, ''), 'tcp').length, 0);
  });

  it('skips lines whose endpoints are not address:port, keeps the lines around them', () => {
    const text = [
      '  sl  local_address rem_address   st',
      line('0:', '0100007F0050', '00000000:0000', '0A'),
      line('1:', '0100007F:0050', '000000000000', '0A'),
      line('2:', '0100007F:XYZ', '00000000:0000', '0A'),
      line('3:', '0100007:0050', '00000000:0000', '0A'),
      line('5:', '0100007F0', '00000000:0000', '0A'),
      line('4:', '0100007F:0051', '00000000:0000', '0A'),
    ].join('\r\n');
    assert.deepEqual(
      parseProcNetTable(text, 'tcp').map((e) => `${e.localAddress}:${e.localPort}`),
      ['127.0.0.1:81'],
    );
  });

  it('reads the last line without a trailing newline and ignores blank lines', () => {
    const text = `\n\n${line('0:', '0100007F:0050', '00000000:0000', '0A')}\n\n${line('1:', '00000000:0051', '00000000:0000', '0A')}`;
    assert.deepEqual(
      parseProcNetTable(text, 'tcp').map((e) => e.localPort),
      [80, 81],
    );
  });

  it('udp: an unconnected socket bound to port 0 or with a remote port is not listening', () => {
    const text = [
      line('0:', '00000000:0000', '00000000:0000', '07'),
      line('1:', '00000000:1F90', '0100007F:0035', '07'),
      line('2:', '00000000:1F91', '00000000:0000', '07'),
      line('3:', '00000000:1F92', '00000000:0000', '0A'),
    ].join('\n');
    for (const table of ['udp', 'udp6'] as const)
      assert.deepEqual(
        parseProcNetTable(text, table)
          .filter(isListening)
          .map((e) => e.localPort),
        [8081],
        table,
      );
    assert.deepEqual(
      parseProcNetTable(text, 'tcp6')
        .filter(isListening)
        .map((e) => e.localPort),
      [8082],
    );
  });

  it('IPv6: lower-case hex, wrong lengths refused', () => {
    assert.equal(decodeProcAddress('0000000000000000ffff00000100007f'), '::ffff:127.0.0.1');
    assert.equal(decodeProcAddress('0'.repeat(31)), undefined);
    assert.equal(decodeProcAddress('0'.repeat(33)), undefined);
    assert.equal(decodeProcAddress('0'.repeat(16)), undefined);
    assert.equal(decodeProcAddress(''), undefined);
    assert.equal(decodeProcAddress('0100007G'), undefined);
    assert.equal(decodeProcAddress(' 0100007F'), undefined);
    assert.equal(decodeProcAddress('x100007F'), undefined);
    assert.equal(decodeProcAddress('0100007x'), undefined);
  });

  it('IPv4-mapped only with ffff in group 6 and zeros before it', () => {
    const bytes = (groups: number[]): number[] => groups.flatMap((g) => [g >> 8, g & 0xff]);
    assert.equal(formatIPv6(bytes([0, 0, 0, 0, 0, 0xffff, 0x0a00, 0x0001])), '::ffff:10.0.0.1');
    assert.equal(formatIPv6(bytes([1, 0, 0, 0, 0, 0xffff, 0x0a00, 0x0001])), '1::ffff:a00:1');
    assert.equal(formatIPv6(bytes([0, 0, 0, 0, 0, 0xff00, 0x0a00, 0x0001])), '::ff00:a00:1');
    assert.equal(formatIPv6(bytes([0, 0, 0, 0, 0, 0x00ff, 0x0a00, 0x0001])), '::ff:a00:1');
    assert.equal(formatIPv6(bytes([0, 0, 0, 0, 0x0100, 0xffff, 0x0a00, 0x0001])), '::100:ffff:a00:1');
  });

  it('RFC 5952: the first of two equal zero runs, runs at either end, and none at all', () => {
    const bytes = (groups: number[]): number[] => groups.flatMap((g) => [g >> 8, g & 0xff]);
    assert.equal(formatIPv6(bytes([1, 0, 0, 1, 0, 0, 1, 1])), '1::1:0:0:1:1');
    assert.equal(formatIPv6(bytes([1, 0, 0, 1, 0, 0, 0, 1])), '1:0:0:1::1');
    assert.equal(formatIPv6(bytes([1, 2, 3, 4, 5, 6, 0, 0])), '1:2:3:4:5:6::');
    assert.equal(formatIPv6(bytes([0, 0, 3, 4, 5, 6, 7, 8])), '::3:4:5:6:7:8');
    assert.equal(formatIPv6(bytes([0xfe80, 0, 0, 0, 0xabcd, 0xef01, 0x2345, 0x6789])), 'fe80::abcd:ef01:2345:6789');
    assert.equal(formatIPv6(bytes([1, 2, 3, 4, 5, 6, 7, 8])), '1:2:3:4:5:6:7:8');
    assert.equal(formatIPv6(bytes([0, 1, 2, 3, 4, 5, 6, 0])), '0:1:2:3:4:5:6:0');
  });
});

describe('owner listings produced by the snapshot script', () => {
  it('ls -l: pid headers, socket links, /proc/self reset', () => {
    const listing = [
      '/proc/101/fd:',
      'total 0',
      'lrwx------ 1 root root 64 Nov 22 05:30 0 -> /dev/null',
      'lrwx------ 1 root root 64 Nov 22 05:30 3 -> socket:[20485]',
      '',
      '/proc/4242/fd:',
      'lrwx------    1 dev      dev             64 Nov 22 05:30 21 -> socket:[41234]',
      'lrwx------    1 dev      dev             64 Nov 22 05:30 22 -> socket:[20485]',
      '',
      '/proc/self/fd:',
      'lrwx------ 1 dev dev 64 Nov 22 05:30 5 -> socket:[99999]',
    ].join('\n');
    assert.deepEqual(
      [...parseFdListing(listing)],
      [
        [20485, 101],
        [41234, 4242],
      ],
    );
  });

  it('grep -H comm lines, names with spaces and colons', () => {
    assert.deepEqual(
      [...parseCommListing('/proc/1/comm:init\n/tmp/x/proc/77/comm:my: odd name\n')],
      [
        [1, 'init'],
        [77, 'my: odd name'],
      ],
    );
  });
});

describe('/proc/net/tcp from the field', () => {
  it('reads a real capture: listeners on 127.0.0.1:25, 0.0.0.0:10250 and 0.0.0.0:80 with their uid and inode', () => {
    const entries = parseProcNetTable(fieldText('proc-net-tcp.txt'), 'tcp');
    assert.equal(entries.length, 9);
    assert.ok(entries.every(isListening));
    assert.deepEqual(entries[0], {
      table: 'tcp',
      localAddress: '127.0.0.1',
      localPort: 25,
      remoteAddress: '0.0.0.0',
      remotePort: 0,
      state: 0x0a,
      uid: 0,
      inode: 21981,
    });
    assert.deepEqual(
      entries.map((e) => `${e.localAddress}:${e.localPort}`),
      [
        '127.0.0.1:25',
        '0.0.0.0:10250',
        '127.0.0.1:3306',
        '0.0.0.0:10251',
        '127.0.0.1:5038',
        '0.0.0.0:10350',
        '0.0.0.0:10255',
        '0.0.0.0:111',
        '0.0.0.0:8080',
      ],
    );
    assert.equal(entries[2]?.uid, 106);
  });
});
