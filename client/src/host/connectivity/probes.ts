// Live probes from inside the distro: a TCP connect, a DNS query through a given resolver and a
// CONNECT through an HTTP proxy. Each has its own timeout and never throws: the result says
// what happened, so the doctor can run them all at once and still finish within its bound.
import * as dns from 'node:dns';
import * as http from 'node:http';
import * as net from 'node:net';
import { hostWithPort } from '../ipAddress';

export type ProbeOutcome = 'ok' | 'refused' | 'timeout' | 'unreachable' | 'error';

export interface TcpProbeResult {
  readonly outcome: ProbeOutcome;
  readonly durationMs: number;
  /** errno code or message (ECONNREFUSED, EHOSTUNREACH, …). */
  readonly detail?: string;
}

export function probeTcp(host: string, port: number, timeoutMs: number): Promise<TcpProbeResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    let done = false;
    const finish = (outcome: ProbeOutcome, detail?: string): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ outcome, durationMs: Date.now() - started, ...(detail !== undefined ? { detail } : {}) });
    };
    const timer = setTimeout(() => finish('timeout'), timeoutMs);
    socket.once('connect', () => finish('ok'));
    socket.once('error', (error: NodeJS.ErrnoException) => {
      const code = error.code ?? error.message;
      finish(
        code === 'ECONNREFUSED'
          ? 'refused'
          : code === 'EHOSTUNREACH' || code === 'ENETUNREACH'
            ? 'unreachable'
            : 'error',
        code,
      );
    });
  });
}

export type DnsOutcome = 'ok' | 'nxdomain' | 'servfail' | 'refused' | 'timeout' | 'error';

export interface DnsProbeResult {
  readonly outcome: DnsOutcome;
  readonly durationMs: number;
  readonly addresses: readonly string[];
  readonly server: string;
  readonly detail?: string;
}

/**
 * One A query for `name`, sent over UDP to `server:port` only (not the system's resolver list),
 * one try. node:dns (c-ares) maps the response code: SERVFAIL → ESERVFAIL, NXDOMAIN → ENOTFOUND,
 * REFUSED → EREFUSED, no answer in time → ETIMEOUT. A second timer guards the bound in case the
 * library's own timeout is late.
 */
export function probeDns(name: string, server: string, port: number, timeoutMs: number): Promise<DnsProbeResult> {
  const started = Date.now();
  const serverText = hostWithPort(server, port);
  const resolver = new dns.Resolver({ timeout: timeoutMs, tries: 1 });
  resolver.setServers([serverText]);
  return new Promise((resolve) => {
    let done = false;
    const finish = (outcome: DnsOutcome, addresses: string[], detail?: string): void => {
      if (done) return;
      done = true;
      clearTimeout(guard);
      resolver.cancel();
      resolve({
        outcome,
        durationMs: Date.now() - started,
        addresses,
        server: serverText,
        ...(detail !== undefined ? { detail } : {}),
      });
    };
    const guard = setTimeout(() => finish('timeout', [], 'ETIMEOUT'), timeoutMs + 250);
    resolver.resolve4(name, (error, addresses) => {
      if (!error) return finish('ok', addresses);
      const code = error.code ?? error.message;
      const outcome: DnsOutcome =
        code === 'ESERVFAIL'
          ? 'servfail'
          : code === 'ENOTFOUND'
            ? 'nxdomain'
            : code === 'EREFUSED'
              ? 'refused'
              : code === 'ETIMEOUT' || code === 'ECANCELLED'
                ? 'timeout'
                : 'error';
      finish(outcome, [], code);
    });
  });
}

export interface ProxyProbeResult {
  readonly outcome: ProbeOutcome | 'rejected';
  readonly durationMs: number;
  /** The proxy's HTTP status for CONNECT. */
  readonly status?: number;
  readonly detail?: string;
}

/** `CONNECT target:port` through an HTTP proxy: does the proxy answer, and does it let us through? */
export function probeHttpProxy(
  proxyHost: string,
  proxyPort: number,
  targetHost: string,
  targetPort: number,
  timeoutMs: number,
): Promise<ProxyProbeResult> {
  const started = Date.now();
  const authority = hostWithPort(targetHost, targetPort);
  return new Promise((resolve) => {
    let done = false;
    const request = http.request({
      host: proxyHost,
      port: proxyPort,
      method: 'CONNECT',
      path: authority,
      headers: { host: authority },
      agent: false,
    });
    const finish = (result: Omit<ProxyProbeResult, 'durationMs'>): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      request.destroy();
      resolve({ ...result, durationMs: Date.now() - started });
    };
    const timer = setTimeout(() => finish({ outcome: 'timeout' }), timeoutMs);
    request.once('connect', (response, socket) => {
      socket.destroy();
      const status = response.statusCode ?? 0;
      finish({ outcome: status >= 200 && status < 300 ? 'ok' : 'rejected', status });
    });
    request.once('response', (response) => {
      response.resume();
      finish({ outcome: 'rejected', status: response.statusCode ?? 0 });
    });
    request.once('error', (error: NodeJS.ErrnoException) => {
      const code = error.code ?? error.message;
      finish({ outcome: code === 'ECONNREFUSED' ? 'refused' : 'error', detail: code });
    });
    request.end();
  });
}
