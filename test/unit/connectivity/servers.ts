// Servers the connectivity tests start on 127.0.0.1 only: a DNS server on UDP that answers,
// stays silent or fails per name, a TCP listener (and a port known to be closed) and an HTTP
// proxy that answers CONNECT. Each records what it received.
import * as dgram from 'node:dgram';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as path from 'node:path';
import { repoRoot } from '../host/testSupport';

export function fieldFixture(name: string): string {
  return fs.readFileSync(path.join(repoRoot(), 'test', 'fixtures', 'field', 'connectivity', name), 'utf8');
}

export type DnsBehaviour = { readonly a: string } | 'servfail' | 'nxdomain' | 'refused' | 'silent';

export interface DnsServer {
  readonly port: number;
  readonly queries: string[];
  close(): Promise<void>;
}

function readName(message: Buffer, offset: number): { name: string; end: number } {
  const labels: string[] = [];
  let at = offset;
  for (;;) {
    const length = message[at] ?? 0;
    if (length === 0) return { name: labels.join('.'), end: at + 1 };
    labels.push(message.subarray(at + 1, at + 1 + length).toString('latin1'));
    at += 1 + length;
  }
}

/** Names not in `behaviour` get NXDOMAIN. */
export async function startDnsServer(behaviour: Readonly<Record<string, DnsBehaviour>>): Promise<DnsServer> {
  const socket = dgram.createSocket('udp4');
  const queries: string[] = [];
  socket.on('message', (query, remote) => {
    const { name, end } = readName(query, 12);
    queries.push(name.toLowerCase());
    const what = behaviour[name.toLowerCase()] ?? 'nxdomain';
    if (what === 'silent') return;
    const question = query.subarray(12, end + 4);
    const rcode = what === 'servfail' ? 2 : what === 'nxdomain' ? 3 : what === 'refused' ? 5 : 0;
    const header = Buffer.alloc(12);
    query.copy(header, 0, 0, 2); // id
    header.writeUInt16BE(0x8180 | rcode, 2); // QR, RD, RA, rcode
    header.writeUInt16BE(1, 4); // QDCOUNT
    header.writeUInt16BE(typeof what === 'object' ? 1 : 0, 6); // ANCOUNT
    const parts = [header, question];
    if (typeof what === 'object') {
      const answer = Buffer.alloc(16);
      answer.writeUInt16BE(0xc00c, 0); // pointer to the question name
      answer.writeUInt16BE(1, 2); // A
      answer.writeUInt16BE(1, 4); // IN
      answer.writeUInt32BE(60, 6); // TTL
      answer.writeUInt16BE(4, 10);
      what.a.split('.').forEach((octet, i) => answer.writeUInt8(Number(octet), 12 + i));
      parts.push(answer);
    }
    socket.send(Buffer.concat(parts), remote.port, remote.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return { port: socket.address().port, queries, close: () => new Promise((resolve) => socket.close(() => resolve())) };
}

export interface TcpServer {
  readonly port: number;
  close(): Promise<void>;
}

export async function startTcpListener(): Promise<TcpServer> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () =>
      new Promise((resolve) => {
        sockets.forEach((s) => s.destroy());
        server.close(() => resolve());
      }),
  };
}

/** A port that was just free: bound, then closed. */
export async function closedPort(): Promise<number> {
  const server = await startTcpListener();
  await server.close();
  return server.port;
}

export interface ProxyServer {
  readonly port: number;
  readonly connects: string[];
  close(): Promise<void>;
}

/** CONNECT to an allowed authority → 200, anything else → 403; `silent` accepts and never answers. */
export async function startHttpProxy(
  options: { readonly allow?: readonly string[]; readonly silent?: boolean } = {},
): Promise<ProxyServer> {
  const connects: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = http.createServer((_req, res) => {
    res.statusCode = 400;
    res.end();
  });
  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('connect', (req: http.IncomingMessage, socket: net.Socket) => {
    connects.push(req.url ?? '');
    if (options.silent) return;
    const allowed = (options.allow ?? []).includes(req.url ?? '');
    socket.end(
      allowed ? 'HTTP/1.1 200 Connection Established\r\n\r\n' : 'HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n',
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    connects,
    close: () =>
      new Promise((resolve) => {
        sockets.forEach((s) => s.destroy());
        server.close(() => resolve());
      }),
  };
}

export interface Blackhole {
  readonly port: number;
  close(): Promise<void>;
}

/**
 * A TCP port on 127.0.0.1 where connects time out, as on a network that drops packets: a
 * child process listens with a backlog of 1 and then blocks its thread without spinning
 * (Atomics.wait), so it never accepts; once its accept queue is full the kernel drops further
 * SYNs and a connect waits until the caller's timeout.
 */
export async function startTcpBlackhole(): Promise<Blackhole> {
  const { spawn } = await import('node:child_process');
  const script =
    "const net=require('node:net');const s=net.createServer();" +
    "s.listen({port:0,host:'127.0.0.1',backlog:1},()=>{process.stdout.write(String(s.address().port)+'\\n');" +
    'setTimeout(()=>Atomics.wait(new Int32Array(new SharedArrayBuffer(4)),0,0),50);});';
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
    child.once('error', reject);
  });
  await new Promise((resolve) => setTimeout(resolve, 150));
  // Fill the accept queue; these sockets stay open until close().
  const fillers: net.Socket[] = [];
  for (let i = 0; i < 4; i++) {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.on('error', () => undefined);
    fillers.push(socket);
  }
  await new Promise((resolve) => setTimeout(resolve, 200));
  return {
    port,
    close: async () => {
      fillers.forEach((s) => s.destroy());
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}
