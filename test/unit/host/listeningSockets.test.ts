// Reads REAL sockets opened by this test process from this machine's /proc.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as dgram from 'node:dgram';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import type { ListeningSocket } from '../../../client/src/host/hostTypes';
import {
  parseSocketSnapshot,
  readListeningSockets,
  SOCKET_SNAPSHOT_SCRIPT,
} from '../../../client/src/host/listeningSockets';
import { scratchRoot } from '../../fakes/fakeWindows';
import { repoRoot } from './testSupport';

const expectedName = path.basename(process.execPath).slice(0, 15);

function listen(host: string): Promise<net.Server> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen({ host, port: 0, ipv6Only: false }, () => resolve(server));
  });
}

function bindUdp(type: 'udp4' | 'udp6', address: string): Promise<dgram.Socket> {
  return new Promise((resolve, reject) => {
    const socket = dgram.createSocket(type);
    socket.once('error', reject);
    socket.bind(0, address, () => resolve(socket));
  });
}

const portOf = (s: net.Server | dgram.Socket): number =>
  s instanceof net.Server ? (s.address() as net.AddressInfo).port : s.address().port;

function find(list: readonly ListeningSocket[], protocol: 'tcp' | 'udp', port: number): ListeningSocket[] {
  return list.filter((s) => s.protocol === protocol && s.port === port);
}

describe('listening sockets from the real /proc', () => {
  const servers = new Map<string, net.Server>();
  const udp = new Map<string, dgram.Socket>();

  before(async () => {
    for (const host of ['127.0.0.1', '0.0.0.0', '::1', '::']) servers.set(host, await listen(host));
    udp.set('127.0.0.1', await bindUdp('udp4', '127.0.0.1'));
    udp.set('::', await bindUdp('udp6', '::'));
  });

  after(() => {
    for (const server of servers.values()) server.close();
    for (const socket of udp.values()) socket.close();
  });

  it('finds each TCP listener with its bind address, table, pid and process name', () => {
    const sockets = readListeningSockets();
    const expectations: [string, string, 4 | 6, string][] = [
      ['127.0.0.1', '127.0.0.1', 4, 'tcp'],
      ['0.0.0.0', '0.0.0.0', 4, 'tcp'],
      ['::1', '::1', 6, 'tcp6'],
      ['::', '::', 6, 'tcp6'],
    ];
    for (const [host, address, family, table] of expectations) {
      const port = portOf(servers.get(host) as net.Server);
      const found = find(sockets, 'tcp', port);
      assert.equal(found.length, 1, `exactly one listener on ${host}:${port}`);
      const socket = found[0] as ListeningSocket;
      assert.equal(socket.address, address);
      assert.equal(socket.family, family);
      assert.equal(socket.table, table);
      assert.equal(socket.pid, process.pid);
      assert.equal(socket.processName, expectedName);
      assert.equal(socket.uid, process.getuid?.());
      assert.ok(socket.inode > 0);
    }
  });

  it('finds unconnected UDP sockets (udp4 on loopback, udp6 on the wildcard)', () => {
    const sockets = readListeningSockets();
    const v4 = find(sockets, 'udp', portOf(udp.get('127.0.0.1') as dgram.Socket));
    assert.deepEqual(
      v4.map((s) => [s.address, s.table, s.pid, s.processName]),
      [['127.0.0.1', 'udp', process.pid, expectedName]],
    );
    const v6 = find(sockets, 'udp', portOf(udp.get('::') as dgram.Socket));
    assert.deepEqual(
      v6.map((s) => [s.address, s.table, s.pid]),
      [['::', 'udp6', process.pid]],
    );
  });

  it('does not list a connected client socket or a closed server', async () => {
    const server = await listen('127.0.0.1');
    const port = portOf(server);
    const client = net.connect(port, '127.0.0.1');
    await new Promise((resolve) => client.once('connect', resolve));
    const during = readListeningSockets();
    assert.equal(find(during, 'tcp', port).length, 1, 'the listener only, not the established pair');
    assert.equal(find(during, 'tcp', (client.address() as net.AddressInfo).port).length, 0);
    client.destroy();
    await new Promise((resolve) => server.close(resolve));
    assert.equal(find(readListeningSockets(), 'tcp', port).length, 0);
  });

  it('tcpOnly and withOwners=false skip the work they name', () => {
    const port = portOf(servers.get('0.0.0.0') as net.Server);
    const sockets = readListeningSockets({ tcpOnly: true, withOwners: false });
    assert.ok(sockets.every((s) => s.protocol === 'tcp'));
    assert.equal(find(sockets, 'tcp', port)[0]?.pid, undefined);
  });

  it('the snapshot script (run by sh here, by wsl.exe -e sh -c from Windows) yields the same sockets', () => {
    const output = execFileSync('sh', ['-c', SOCKET_SNAPSHOT_SCRIPT], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const fromScript = parseSocketSnapshot(output);
    for (const [host, server] of servers) {
      const found = find(fromScript, 'tcp', portOf(server));
      assert.equal(found.length, 1, host);
      assert.equal(found[0]?.pid, process.pid, host);
      assert.equal(found[0]?.processName, expectedName, host);
    }
  });
});

describe('scaling: one inode map for thousands of sockets', () => {
  const root = fs.mkdtempSync(path.join(scratchRoot(), 'wsl-network-proc-'));
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  // How long this takes is measured by `npm run bench` (listing 10,000 sockets with owners), not here:
  // a timed assertion fails on a loaded machine and says nothing about correctness.
  it('5000 listeners owned by 500 processes all resolve to their owners', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { materializeProc } = require(path.join(repoRoot(), 'test', 'fakes', 'lib', 'fakeProc.js')) as {
      materializeProc(root: string, sockets: unknown[]): void;
    };
    const sockets = [];
    for (let i = 0; i < 5000; i++) {
      const v6 = i % 2 === 1;
      sockets.push({
        protocol: i % 5 === 0 ? 'udp' : 'tcp',
        address: v6 ? '::' : '0.0.0.0',
        port: 10000 + i,
        pid: 1000 + (i % 500),
        comm: `worker-${i % 500}`,
        inode: 700000 + i,
      });
    }
    materializeProc(root, sockets);
    const found = readListeningSockets({ procRoot: root });
    assert.equal(found.length, 5000);
    const probe = found.find((s) => s.port === 10000 + 4321);
    assert.deepEqual(
      [probe?.pid, probe?.processName, probe?.table],
      [1000 + (4321 % 500), `worker-${4321 % 500}`, 'tcp6'],
    );
    assert.ok(found.every((s) => s.pid === 1000 + ((s.port - 10000) % 500)));
  });
});
