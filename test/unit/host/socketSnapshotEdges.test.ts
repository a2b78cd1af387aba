// parseSocketSnapshot on the text SOCKET_SNAPSHOT_SCRIPT prints, at its edges: CRLF line ends,
// markers with trailing blanks, a marker-like line that is not one, the `ls` process's own
// /proc/self/fd (dropped), a socket two processes share (the first listed owns it), a UDP socket,
// inode 0 (no owner), and a connected socket (not listening). Table lines are in the kernel's
// /proc/net/{tcp,udp6} format (net/ipv4/tcp_ipv4.c get_tcp4_sock, net/ipv6/datagram.c).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseSocketSnapshot } from '../../../client/src/host/listeningSockets';
import { parseCommListing, parseFdListing } from '../../../client/src/host/socketOwners';

const TCP_HEADER = '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode';
const tcpLine = (sl: number, local: string, remote: string, state: string, uid: number, inode: number): string =>
  `   ${sl}: ${local} ${remote} ${state} 00000000:00000000 00:00000000 00000000  ${uid}        0 ${inode} 1 0000000000000000 100 0 0 10 0`;
const UDP6_HEADER =
  '  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops';
const udp6Line = (local: string, inode: number): string =>
  `  100: ${local} 00000000000000000000000000000000:0000 07 00000000:00000000 00:00000000 00000000  1000        0 ${inode} 2 0000000000000000 0`;

const SNAPSHOT = [
  '@@table tcp  ',
  TCP_HEADER,
  tcpLine(0, '0100007F:0BB8', '00000000:0000', '0A', 1000, 12345),
  tcpLine(1, '00000000:1F90', '00000000:0000', '0A', 0, 0),
  tcpLine(2, '0100007F:0BB8', '0100007F:D431', '01', 1000, 5555),
  '@@table tcp6',
  '@@table udp6',
  UDP6_HEADER,
  udp6Line('00000000000000000000000000000000:14E9', 777),
  '@@fd',
  '/proc/self/fd:',
  'lrwx------ 1 root root 64 Dec  1 03:00 3 -> socket:[12345]',
  '/proc/42/fd:',
  'lr-x------ 1 me me 64 Dec  1 03:00 0 -> /dev/null',
  'lrwx------ 1 me me 64 Dec  1 03:00 5 -> socket:[12345]',
  'lrwx------ 1 me me 64 Dec  1 03:00 6 -> socket:[0]',
  '',
  '/proc/43/fd:',
  'lrwx------ 1 me me 64 Dec  1 03:00 7 -> socket:[12345]',
  'lrwx------ 1 me me 64 Dec  1 03:00 8 -> socket:[777]  ',
  'lrwx------ 1 me me 64 Dec  1 03:00 9 -> socket:[888]x',
  '@@comm',
  '/proc/42/comm:node',
  '/proc/43/comm:python3 -m http',
  '@@tables tcp',
  '/proc/44/comm:',
].join('\r\n');

describe('parseSocketSnapshot at its edges', () => {
  it('finds the listening sockets and their first owner; inode 0 and a connected socket have none', () => {
    assert.deepEqual(parseSocketSnapshot(SNAPSHOT), [
      {
        protocol: 'tcp',
        family: 4,
        address: '127.0.0.1',
        port: 3000,
        inode: 12345,
        uid: 1000,
        pid: 42,
        processName: 'node',
        table: 'tcp',
      },
      {
        protocol: 'tcp',
        family: 4,
        address: '0.0.0.0',
        port: 8080,
        inode: 0,
        uid: 0,
        pid: undefined,
        processName: undefined,
        table: 'tcp',
      },
      {
        protocol: 'udp',
        family: 6,
        address: '::',
        port: 5353,
        inode: 777,
        uid: 1000,
        pid: 43,
        processName: 'python3 -m http',
        table: 'udp6',
      },
    ]);
  });
  it('reads nothing before the first marker, and an empty snapshot as no sockets', () => {
    assert.deepEqual(parseSocketSnapshot(`${tcpLine(0, '0100007F:0BB8', '00000000:0000', '0A', 1000, 1)}\n`), []);
    assert.deepEqual(parseSocketSnapshot(''), []);
  });
  it('the fd and comm listings alone', () => {
    assert.deepEqual(
      [
        ...parseFdListing(
          '/proc/self/fd:\n3 -> socket:[1]\n/proc/9/fd: \n4 -> socket:[2]\n5 -> socket:[3] \n/x/fd:\n6 -> socket:[4]',
        ),
      ],
      [
        [2, 9],
        [3, 9],
      ],
    );
    assert.deepEqual(
      [...parseCommListing('/proc/9/comm:sshd\n/proc/10/comm:a:b\nnot a line\n/proc/x/comm:y')],
      [
        [9, 'sshd'],
        [10, 'a:b'],
      ],
    );
  });
});
