// The live probes against real sockets on 127.0.0.1: they report what happened and never throw.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { probeDns, probeHttpProxy, probeTcp } from '../../../client/src/host/connectivity/probes';
import {
  closedPort,
  startDnsServer,
  startHttpProxy,
  startTcpBlackhole,
  startTcpListener,
  type DnsServer,
  type ProxyServer,
  type TcpServer,
} from './servers';

describe('probeTcp', () => {
  let listener: TcpServer;
  before(async () => {
    listener = await startTcpListener();
  });
  after(() => listener.close());

  it('connects to a listening port', async () => {
    const result = await probeTcp('127.0.0.1', listener.port, 2000);
    assert.equal(result.outcome, 'ok');
    assert.ok(result.durationMs < 4000);
  });

  it('gives up after its own timeout when SYNs go unanswered', async () => {
    const blackhole = await startTcpBlackhole();
    try {
      const started = Date.now();
      const result = await probeTcp('127.0.0.1', blackhole.port, 500);
      const elapsed = Date.now() - started;
      assert.equal(result.outcome, 'timeout');
      assert.ok(elapsed >= 450 && elapsed < 4000, `returned after ${elapsed} ms`);
    } finally {
      await blackhole.close();
    }
  });

  it('reports a closed port as refused, quickly', async () => {
    const result = await probeTcp('127.0.0.1', await closedPort(), 2000);
    assert.equal(result.outcome, 'refused');
    assert.equal(result.detail, 'ECONNREFUSED');
  });
});

describe('probeDns (one query to one server)', () => {
  let dns: DnsServer;
  before(async () => {
    dns = await startDnsServer({
      'www.example.test': { a: '192.0.2.10' },
      'broken.example.test': 'servfail',
      'slow.example.test': 'silent',
      'denied.example.test': 'refused',
    });
  });
  after(() => dns.close());

  it('resolves through the given server, not the system resolver', async () => {
    const result = await probeDns('www.example.test', '127.0.0.1', dns.port, 2000);
    assert.equal(result.outcome, 'ok');
    assert.deepEqual(result.addresses, ['192.0.2.10']);
    assert.equal(result.server, `127.0.0.1:${dns.port}`);
    assert.ok(dns.queries.includes('www.example.test'));
  });

  it('tells SERVFAIL, NXDOMAIN and REFUSED apart', async () => {
    assert.equal((await probeDns('broken.example.test', '127.0.0.1', dns.port, 2000)).outcome, 'servfail');
    assert.equal((await probeDns('missing.example.test', '127.0.0.1', dns.port, 2000)).outcome, 'nxdomain');
    assert.equal((await probeDns('denied.example.test', '127.0.0.1', dns.port, 2000)).outcome, 'refused');
  });

  it('gives up after its own timeout when the server stays silent', async () => {
    const started = Date.now();
    const result = await probeDns('slow.example.test', '127.0.0.1', dns.port, 400);
    const elapsed = Date.now() - started;
    assert.equal(result.outcome, 'timeout');
    assert.ok(elapsed >= 350, `returned after ${elapsed} ms, before the timeout`);
    assert.ok(elapsed < 4000, `took ${elapsed} ms for a 400 ms timeout`);
  });
});

describe('probeHttpProxy (CONNECT)', () => {
  let proxy: ProxyServer;
  let silent: ProxyServer;
  before(async () => {
    proxy = await startHttpProxy({ allow: ['192.0.2.1:443'] });
    silent = await startHttpProxy({ silent: true });
  });
  after(async () => {
    await proxy.close();
    await silent.close();
  });

  it('passes when the proxy answers 200 to CONNECT host:port', async () => {
    const result = await probeHttpProxy('127.0.0.1', proxy.port, '192.0.2.1', 443, 2000);
    assert.equal(result.outcome, 'ok');
    assert.equal(result.status, 200);
    assert.ok(proxy.connects.includes('192.0.2.1:443'));
  });

  it('reports a refusal with the status', async () => {
    const result = await probeHttpProxy('127.0.0.1', proxy.port, '192.0.2.99', 443, 2000);
    assert.equal(result.outcome, 'rejected');
    assert.equal(result.status, 403);
  });

  it('reports a proxy that is not running, and one that never answers', async () => {
    assert.equal((await probeHttpProxy('127.0.0.1', await closedPort(), '192.0.2.1', 443, 2000)).outcome, 'refused');
    const started = Date.now();
    const hung = await probeHttpProxy('127.0.0.1', silent.port, '192.0.2.1', 443, 300);
    assert.equal(hung.outcome, 'timeout');
    assert.ok(Date.now() - started < 4000, "the proxy probe's own 300 ms timeout, not the OS's");
  });
});
