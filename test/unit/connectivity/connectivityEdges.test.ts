// Edge cases of the connectivity doctor's smaller modules, each answer asserted whole: the parsers
// on the shapes Windows PowerShell 5.1's ConvertTo-Json really prints (one object instead of an
// array, nothing for no result, enums as numbers, nulls; see client/src/host/powershellJson.ts),
// the Linux-side text parsers, the fixes as data, and the live probes against real sockets on
// 127.0.0.1 (plus two addresses the Linux kernel refuses at once, so nothing waits for a timeout).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as dgram from 'node:dgram';
import * as net from 'node:net';
import { formatOnly } from '../../../client/src/host/localize';
import { ValidationError } from '../../../client/src/host/validators';
import { POWERSHELL_BASE_ARGS, POWERSHELL_EXE } from '../../../client/src/host/powershellQueries';
import { WSL_VM_CREATOR_ID } from '../../../client/src/host/parseHyperVFirewall';
import {
  describeGpoBoolean,
  isNoEventsError,
  parseDnsServers,
  parseExcludedPortRanges,
  parseFirewallProfiles,
  parseIpInterfaces,
  parseNetAdapters,
  parseProxySettings,
  parseUdpEndpoints,
  parseWslEvents,
  classifyWslWarning,
} from '../../../client/src/host/connectivity/windowsParsers';
import { probeDns, probeHttpProxy, probeTcp } from '../../../client/src/host/connectivity/probes';
import {
  littleEndianHexToIPv4,
  parseIpRoute,
  parseProcNetRoute,
  readDefaultRoutes,
} from '../../../client/src/host/connectivity/linuxRoute';
import {
  describeEndpoint,
  isLoopbackHost,
  parseProxyEndpoint,
  readProxyEnvironment,
} from '../../../client/src/host/connectivity/proxyEnvironment';
import {
  hyperVOutboundRuleFix,
  scopedFirewallRuleFix,
  undoCommand,
  validateInterfaceAlias,
  vpnMetricFix,
} from '../../../client/src/host/connectivity/fixes';
import { DOCS } from '../../../client/src/host/connectivity/types';
import { assembleWindowsFacts } from '../../../client/src/host/connectivity/windowsFacts';
import { parseResolvConf, primaryNameserver } from '../../../client/src/host/connectivity/resolvConf';
import {
  describePortConflict,
  findPortConflicts,
  lanExposureConflicts,
  readPortConflictFacts,
  type PortConflict,
} from '../../../client/src/host/connectivity/portConflicts';
import { codeBlock, codeSpan, escapeMarkdown } from '../../../client/src/host/connectivity/markdown';
import { closedPort, startDnsServer, startTcpListener, type DnsServer, type TcpServer } from './servers';

const t = formatOnly;

/** The batched PowerShell output: one `@@part id` block per query, `@@error …` for a failed one. */
function psOutput(parts: Record<string, string | { error: string }>): string {
  return Object.entries(parts)
    .map(([id, body]) => `@@part ${id}\r\n${typeof body === 'string' ? body : `@@error ${body.error}`}\r\n`)
    .join('');
}

describe('windowsParsers', () => {
  it('adapters: one object, nulls, ifIndex or InterfaceIndex, and an entry without a name skipped', () => {
    // Get-NetAdapter | Select-Object Name,InterfaceDescription,ifIndex,Status with one adapter.
    assert.deepEqual(
      parseNetAdapters(
        '{"Name":"Ethernet 2","InterfaceDescription":"PANGP Virtual Ethernet Adapter","ifIndex":7,"Status":"Up"}',
      ),
      [
        {
          name: 'Ethernet 2',
          description: 'PANGP Virtual Ethernet Adapter',
          interfaceIndex: 7,
          status: 'Up',
          vpn: 'GlobalProtect',
        },
      ],
    );
    assert.deepEqual(
      parseNetAdapters(
        '[{"Name":null,"InterfaceDescription":"Hidden","ifIndex":1,"Status":"Up"},' +
          '{"Name":"Wi-Fi","InterfaceDescription":null,"InterfaceIndex":12,"Status":null}]',
      ),
      [{ name: 'Wi-Fi', description: '', interfaceIndex: 12, status: '', vpn: undefined }],
    );
    assert.deepEqual(parseNetAdapters(''), []);
  });

  it('IP interfaces: enums as numbers, names, text digits and booleans; nulls are unknown', () => {
    const row = (automatic: string, state: string, index = '"InterfaceIndex":5'): string =>
      `{"InterfaceAlias":"Ethernet 2",${index},"InterfaceMetric":1,"AutomaticMetric":${automatic},"ConnectionState":${state}}`;
    const cases: [string, boolean | undefined, boolean][] = [
      // [AutomaticMetric, ConnectionState] as JSON → [automaticMetric, connected]
      [row('0', '1'), false, true], // 5.1: enums as numbers
      [row('1', '0'), true, false],
      [row('"Enabled"', '"Connected"'), true, true], // 7 -EnumsAsStrings
      [row('" ENABLED "', '"disconnected"'), true, false], // names compare trimmed, case-insensitive
      [row('"1"', '" 1 "'), true, true], // a number turned into text
      [row('""', '""'), false, false],
      [row('true', 'false'), true, false], // a computed boolean property
      [row('null', 'null'), undefined, false], // not known: the metric mode stays unknown, not connected
      [row('{}', '[]'), undefined, false],
    ];
    for (const [json, automaticMetric, connected] of cases) {
      assert.deepEqual(
        parseIpInterfaces(json),
        [{ alias: 'Ethernet 2', interfaceIndex: 5, metric: 1, automaticMetric, connected }],
        json,
      );
    }
    assert.deepEqual(parseIpInterfaces(row('0', '1', '"ifIndex":9')), [
      { alias: 'Ethernet 2', interfaceIndex: 9, metric: 1, automaticMetric: false, connected: true },
    ]);
    assert.deepEqual(parseIpInterfaces('{"InterfaceAlias":null,"InterfaceIndex":5}'), []);
  });

  it('DNS servers: an entry without an alias is skipped', () => {
    assert.deepEqual(
      parseDnsServers(
        '[{"InterfaceAlias":null,"ServerAddresses":["10.0.0.53"]},{"InterfaceAlias":"Wi-Fi","ServerAddresses":null}]',
      ),
      [{ alias: 'Wi-Fi', servers: [] }],
    );
  });

  it('firewall profiles: names and actions as numbers or text, GpoBooleans, unknown numbers', () => {
    // Name as the profile number (Domain 1, Private 2, Public 4) or text; 8 and null are no profile.
    assert.deepEqual(
      parseFirewallProfiles(
        '[{"Name":1,"Enabled":1,"DefaultInboundAction":0,"AllowInboundRules":2,"AllowLocalFirewallRules":0},' +
          '{"Name":2,"Enabled":0,"DefaultInboundAction":2,"AllowInboundRules":1,"AllowLocalFirewallRules":1},' +
          '{"Name":4,"Enabled":true,"DefaultInboundAction":4,"AllowInboundRules":null,"AllowLocalFirewallRules":"False"},' +
          '{"Name":"Public","Enabled":"True","DefaultInboundAction":"Block","AllowInboundRules":"NotConfigured"},' +
          '{"Name":8,"Enabled":1},{"Name":null,"Enabled":1}]',
      ),
      [
        {
          name: 'Domain',
          enabled: true,
          allowInboundRules: undefined,
          allowLocalFirewallRules: false,
          defaultInboundAction: 'NotConfigured',
        },
        {
          name: 'Private',
          enabled: false,
          allowInboundRules: true,
          allowLocalFirewallRules: true,
          defaultInboundAction: 'Allow',
        },
        {
          name: 'Public',
          enabled: true,
          allowInboundRules: undefined,
          allowLocalFirewallRules: false,
          defaultInboundAction: 'Block',
        },
        {
          name: 'Public',
          enabled: true,
          allowInboundRules: undefined,
          allowLocalFirewallRules: undefined,
          defaultInboundAction: 'Block',
        },
      ],
    );
    // An action number outside the enum (NotConfigured 0, Allow 2, Block 4) is unknown.
    assert.deepEqual(parseFirewallProfiles('{"Name":"Domain","DefaultInboundAction":1}'), [
      {
        name: 'Domain',
        enabled: undefined,
        allowInboundRules: undefined,
        allowLocalFirewallRules: undefined,
        defaultInboundAction: undefined,
      },
    ]);
    assert.deepEqual([true, false, undefined].map(describeGpoBoolean), ['True', 'False', 'NotConfigured']);
  });

  it('Windows proxy: plain host:port, URL form, IPv6, no port, spaces, unusable entries, empty PAC', () => {
    assert.deepEqual(
      parseProxySettings(
        '{"ProxyEnable":1,"ProxyServer":"http://proxy.corp.example:8080; https=[::1]:7890 ;socks=socks.corp.example;ftp=:2121;;","AutoConfigURL":""}',
      ),
      {
        enabled: true,
        servers: [
          { scheme: undefined, host: 'proxy.corp.example', port: 8080 },
          { scheme: 'https', host: '::1', port: 7890 },
          { scheme: 'socks', host: 'socks.corp.example', port: undefined },
        ],
        pacHost: undefined,
        hasPac: false,
      },
    );
    // ProxyEnable 0 keeps the server (the toggle is off); a blank PAC URL is no PAC.
    assert.deepEqual(parseProxySettings('{"ProxyEnable":0,"ProxyServer":"127.0.0.1:7890","AutoConfigURL":"   "}'), {
      enabled: false,
      servers: [{ scheme: undefined, host: '127.0.0.1', port: 7890 }],
      pacHost: undefined,
      hasPac: false,
    });
    // A PAC file URL has no host to show.
    assert.deepEqual(parseProxySettings('{"ProxyEnable":1,"AutoConfigURL":"file:///C:/proxy/proxy.pac"}'), {
      enabled: true,
      servers: [],
      pacHost: undefined,
      hasPac: true,
    });
    // Blanks around the PAC URL (even a no-break space, which the URL parser would not drop) are ignored.
    assert.deepEqual(
      parseProxySettings('{"ProxyEnable":0,"AutoConfigURL":"\\u00a0http://wpad.corp.example/wpad.dat "}'),
      {
        enabled: false,
        servers: [],
        pacHost: 'wpad.corp.example',
        hasPac: true,
      },
    );
  });

  it("WSL's warnings: every en-US kind, times in both forms, unreadable times, messages trimmed", () => {
    const kinds: [string, string][] = [
      [
        'Failed to configure network (networkingMode Mirrored), falling back to networkingMode VirtioProxy.',
        'networkFallback',
      ],
      ['Hyper-V firewall is not supported', 'hyperVFirewallNotSupported'],
      ["Unknown key 'wsl2.foo' in C:\\Users\\u\\.wslconfig:3", 'configError'],
      ["Expected ' ' or '=' in C:\\Users\\u\\.wslconfig:7", 'configError'],
      ['The .wslconfig file was read.', 'other'],
    ];
    for (const [message, kind] of kinds) assert.equal(classifyWslWarning(message), kind, message);
    assert.deepEqual(
      parseWslEvents(
        '[{"TimeCreated":"\\/Date(1715086747000)\\/","Id":0,"LevelDisplayName":"Warning","Message":"Hyper-V firewall is not supported\\r\\n"},' +
          '{"TimeCreated":"2024-05-07T12:59:07.1234567+02:00","Message":"  DNS Tunneling is not supported. "},' +
          '{"TimeCreated":null,"Message":"Mirrored networking mode is not supported"},' +
          '{"TimeCreated":"yesterday","Message":"x"},' +
          '{"TimeCreated":"\\/Date(1715086747000)\\/","Message":null}]',
      ),
      [
        {
          time: '2024-05-07T12:59:07.000Z',
          message: 'Hyper-V firewall is not supported',
          kind: 'hyperVFirewallNotSupported',
        },
        {
          time: '2024-05-07T10:59:07.123Z',
          message: 'DNS Tunneling is not supported.',
          kind: 'dnsTunnelingNotSupported',
        },
        { time: undefined, message: 'Mirrored networking mode is not supported', kind: 'mirroredFallback' },
        { time: undefined, message: 'x', kind: 'other' },
      ],
    );
    assert.equal(isNoEventsError('No events were found that match the specified selection criteria.'), true);
    assert.equal(isNoEventsError('The RPC server is unavailable.'), false);
  });

  it('UDP endpoints: entries without an address or a port are skipped', () => {
    assert.deepEqual(
      parseUdpEndpoints(
        '[{"LocalAddress":"0.0.0.0","LocalPort":5353,"OwningProcess":2400},{"LocalAddress":null,"LocalPort":53,"OwningProcess":4},' +
          '{"LocalAddress":"::","LocalPort":null,"OwningProcess":4},{"LocalAddress":"::","LocalPort":"5355","OwningProcess":null}]',
      ),
      [
        { localAddress: '0.0.0.0', localPort: 5353, owningProcess: 2400 },
        { localAddress: '::', localPort: 5355, owningProcess: undefined },
      ],
    );
  });

  it('excluded ranges: the edges 1 and 65535 are ports; rows of another shape are not rows', () => {
    assert.deepEqual(
      parseExcludedPortRanges(
        '    Start Port    End Port\r\n    ----------    --------\r\n         1           1\r\n     65535       65535     *\r\n' +
          'Puerto 100 200\r\n      300         400         500\r\n',
      ),
      [
        { start: 1, end: 1, administered: false },
        { start: 65535, end: 65535, administered: true },
      ],
    );
  });
});

describe('probes', () => {
  /** The result without its duration, after checking that the duration is a plausible elapsed time. */
  function timed<T extends { readonly durationMs: number }>(result: T): Omit<T, 'durationMs'> {
    const { durationMs, ...rest } = result;
    assert.ok(Number.isInteger(durationMs) && durationMs >= 0 && durationMs < 1000, `durationMs ${durationMs}`);
    return rest;
  }
  // The timeouts only bound a probe that gets no answer; every probe here gets one at once (or
  // the kernel refuses it), so the bound is never waited for and only keeps a loaded machine steady.
  const BOUND_MS = 1000;

  let listener: TcpServer;
  let dns: DnsServer;
  let rawProxy: RawProxy;
  before(async () => {
    listener = await startTcpListener();
    dns = await startDnsServer({
      'www.example.test': { a: '192.0.2.10' },
      'broken.example.test': 'servfail',
      'denied.example.test': 'refused',
    });
    rawProxy = await startRawProxy();
  });
  after(async () => {
    await listener.close();
    await dns.close();
    await rawProxy.close();
  });

  it('TCP: connected, refused, network unreachable and other errors, each with its errno', async () => {
    assert.deepEqual(timed(await probeTcp('127.0.0.1', listener.port, BOUND_MS)), { outcome: 'ok' });
    assert.deepEqual(timed(await probeTcp('127.0.0.1', await closedPort(), BOUND_MS)), {
      outcome: 'refused',
      detail: 'ECONNREFUSED',
    });
    // Unreachable hosts (EHOSTUNREACH, ENETUNREACH) are not tried here: tests talk to 127.0.0.1 only.
  });

  it('DNS: answers, DNS errors and a resolver that is not there, with the server as queried', async () => {
    const server = `127.0.0.1:${dns.port}`;
    assert.deepEqual(timed(await probeDns('www.example.test', '127.0.0.1', dns.port, BOUND_MS)), {
      outcome: 'ok',
      addresses: ['192.0.2.10'],
      server,
    });
    const cases: [string, string, string][] = [
      ['missing.example.test', 'nxdomain', 'ENOTFOUND'],
      ['broken.example.test', 'servfail', 'ESERVFAIL'],
      ['denied.example.test', 'refused', 'EREFUSED'],
    ];
    for (const [name, outcome, detail] of cases) {
      assert.deepEqual(timed(await probeDns(name, '127.0.0.1', dns.port, BOUND_MS)), {
        outcome,
        addresses: [],
        server,
        detail,
      });
    }
    // Nothing listens on that UDP port: the ICMP port-unreachable comes back as ECONNREFUSED.
    const port = await closedUdpPort();
    assert.deepEqual(timed(await probeDns('www.example.test', '127.0.0.1', port, BOUND_MS)), {
      outcome: 'error',
      addresses: [],
      server: `127.0.0.1:${port}`,
      detail: 'ECONNREFUSED',
    });
    // An IPv6 resolver is written in brackets before its port. (How it fails depends on whether this
    // machine's loopback has IPv6 at all; that nothing answers does not.)
    const v6 = await probeDns('www.example.test', '::1', port, BOUND_MS);
    assert.equal(v6.server, `[::1]:${port}`);
    assert.notEqual(v6.outcome, 'ok');
    assert.deepEqual(v6.addresses, []);
  });

  it('HTTP proxy: CONNECT to a bracketed IPv6 authority, the 2xx bounds, a hang-up, a closed port', async () => {
    const cases: [string, object][] = [
      ['HTTP/1.1 200 Connection Established\r\n\r\n', { outcome: 'ok', status: 200 }],
      ['HTTP/1.1 299 Whatever\r\n\r\n', { outcome: 'ok', status: 299 }],
      ['HTTP/1.1 199 Whatever\r\n\r\n', { outcome: 'rejected', status: 199 }],
      ['HTTP/1.1 300 Multiple Choices\r\n\r\n', { outcome: 'rejected', status: 300 }],
      ['HTTP/1.0 407 Proxy Authentication Required\r\n\r\n', { outcome: 'rejected', status: 407 }],
      // The proxy closes the connection without an answer.
      ['', { outcome: 'error', detail: 'ECONNRESET' }],
    ];
    for (const [reply, expected] of cases) {
      rawProxy.reply = reply;
      assert.deepEqual(
        timed(await probeHttpProxy('127.0.0.1', rawProxy.port, '2001:db8::1', 443, BOUND_MS)),
        expected,
        reply,
      );
    }
    // What the proxy reads: the authority in the request line and in Host.
    assert.equal(
      rawProxy.heads.at(-1),
      'CONNECT [2001:db8::1]:443 HTTP/1.1\r\nhost: [2001:db8::1]:443\r\nConnection: close\r\n\r\n',
    );
    rawProxy.reply = 'HTTP/1.1 200 OK\r\n\r\n';
    await probeHttpProxy('127.0.0.1', rawProxy.port, 'github.com', 443, BOUND_MS);
    assert.equal(
      rawProxy.heads.at(-1),
      'CONNECT github.com:443 HTTP/1.1\r\nhost: github.com:443\r\nConnection: close\r\n\r\n',
    );
    assert.deepEqual(timed(await probeHttpProxy('127.0.0.1', await closedPort(), 'github.com', 443, BOUND_MS)), {
      outcome: 'refused',
      detail: 'ECONNREFUSED',
    });
  });
});

interface RawProxy {
  /** The bytes answered to the next request head; '' closes the connection without an answer. */
  reply: string;
  readonly heads: string[];
  readonly port: number;
  close(): Promise<void>;
}

/** A proxy on 127.0.0.1 that records each request head and answers with `reply`, byte for byte. */
async function startRawProxy(): Promise<RawProxy> {
  const sockets = new Set<net.Socket>();
  const state: { reply: string; heads: string[] } = { reply: '', heads: [] };
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let head = '';
    socket.on('data', (chunk: Buffer) => {
      head += chunk.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      state.heads.push(head);
      if (state.reply === '') socket.destroy();
      else socket.end(state.reply);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return Object.assign(state, {
    port: (server.address() as net.AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        sockets.forEach((s) => s.destroy());
        server.close(() => resolve());
      }),
  });
}

/** A UDP port on 127.0.0.1 that was just free: bound, then closed. */
async function closedUdpPort(): Promise<number> {
  const socket = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const port = socket.address().port;
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}

describe('linuxRoute', () => {
  it('ip route: CRLF, indentation, runs of blanks, 0.0.0.0/0, a gateway-less route, unreadable metrics', () => {
    assert.deepEqual(
      parseIpRoute(
        '  default via 172.23.16.1 dev  eth0 proto kernel\r\n' +
          '0.0.0.0/0 via 10.8.0.1 dev tun0 metric 50\r\n' +
          'default dev wg0 scope link metric x100\r\n' +
          'default via 192.168.1.1 dev wlan0 metric 100x\r\n' +
          '172.23.16.0/20 dev eth0 proto kernel scope link src 172.23.21.232\r\n',
      ),
      [
        { gateway: '172.23.16.1', device: 'eth0', metric: undefined },
        { gateway: '10.8.0.1', device: 'tun0', metric: 50 },
        { gateway: undefined, device: 'wg0', metric: undefined },
        { gateway: '192.168.1.1', device: 'wlan0', metric: undefined },
      ],
    );
  });

  it('/proc/net/route: only 0.0.0.0/0 counts (not OpenVPN def1 halves), gateway flag, metric order', () => {
    const header = 'Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n';
    const row = (device: string, dest: string, gw: string, flags: string, metric: string, mask: string): string =>
      `${device}\t${dest}\t${gw}\t${flags}\t0\t0\t${metric}\t${mask}\t0\t0\t0\n`;
    assert.deepEqual(
      parseProcNetRoute(
        header +
          row('tun0', '00000000', '0100080A', '0003', '0', '00000080') + // 0.0.0.0/1
          row('tun0', '00000080', '0100080A', '0003', '0', '00000080') + // 128.0.0.0/1
          row('eth0', '00000000', '0110170A', '0003', '100', '00000000') +
          row('wg0', '00000000', '00000000', '0001', '20', '00000000') +
          // A metric that is not decimal is no metric (and sorts as 0), never NaN.
          row('tun1', '00000000', '00000000', '0001', '1x', '00000000') +
          row('tun2', '00000000', '00000000', '0001', 'x1', '00000000') +
          ' eth1  00000000  0101A8C0  0003  0  0  50  00000000  0  0  0\n',
      ),
      [
        { gateway: undefined, device: 'tun1', metric: undefined },
        { gateway: undefined, device: 'tun2', metric: undefined },
        { gateway: undefined, device: 'wg0', metric: 20 },
        { gateway: '192.168.1.1', device: 'eth1', metric: 50 },
        { gateway: '10.23.16.1', device: 'eth0', metric: 100 },
      ],
    );
    // Already in order stays in order.
    assert.deepEqual(
      parseProcNetRoute(
        header +
          row('eth0', '00000000', '0110170A', '0003', '5', '00000000') +
          row('eth1', '00000000', '0101A8C0', '0003', '7', '00000000'),
      ).map((r) => r.device),
      ['eth0', 'eth1'],
    );
  });

  it('little-endian hex: exactly eight hex digits', () => {
    assert.deepEqual(
      ['0101A8C0', '0101a8c0', '0101A8C', '0101A8C00', 'x0101A8C0', 'ZZ01A8C0'].map(littleEndianHexToIPv4),
      ['192.168.1.1', '192.168.1.1', undefined, undefined, undefined, undefined],
    );
  });

  it('sources: ip without a default route falls back to /proc; with /proc unreadable it is ip route with none', async () => {
    const noDefault = '10.0.0.0/8 via 10.0.0.1 dev eth9\n';
    const proc =
      'Iface\tDestination\tGateway\tFlags\tRefCnt\tUse\tMetric\tMask\nwg0\t00000000\t00000000\t0001\t0\t0\t0\t00000000\n';
    assert.deepEqual(await readDefaultRoutes({ ipRoute: async () => noDefault, procNetRoute: async () => proc }), {
      source: '/proc/net/route',
      routes: [{ gateway: undefined, device: 'wg0', metric: 0 }],
    });
    assert.deepEqual(
      await readDefaultRoutes({
        ipRoute: async () => noDefault,
        procNetRoute: () => Promise.reject(new Error('EACCES')),
      }),
      { source: 'ip route', routes: [] },
    );
  });
});

describe('proxyEnvironment', () => {
  it('skips blank values, counts NO_PROXY like no_proxy, trims, and keeps unparsable values as no endpoint', () => {
    assert.deepEqual(
      readProxyEnvironment({
        http_proxy: '',
        https_proxy: '   ',
        HTTP_PROXY: ' http://proxy.corp.example:3128 ',
        HTTPS_PROXY: 'http://[::1',
        NO_PROXY: 'localhost,127.0.0.1,,.corp.example',
        WSL_PAC_URL: 'file:///etc/proxy.pac',
      }),
      [
        {
          name: 'HTTP_PROXY',
          endpoint: { scheme: 'http', host: 'proxy.corp.example', port: 3128, hadCredentials: false },
        },
        { name: 'HTTPS_PROXY', endpoint: undefined },
        { name: 'NO_PROXY', endpoint: undefined, entryCount: 3 },
        { name: 'WSL_PAC_URL', endpoint: undefined },
      ],
    );
  });

  it('default ports per scheme, and credentials of either half', () => {
    const cases: [string, object][] = [
      ['https://proxy.corp.example', { scheme: 'https', host: 'proxy.corp.example', port: 443, hadCredentials: false }],
      ['proxy.corp.example', { scheme: 'http', host: 'proxy.corp.example', port: 80, hadCredentials: false }],
      [
        'socks5://proxy.corp.example',
        { scheme: 'socks5', host: 'proxy.corp.example', port: undefined, hadCredentials: false },
      ],
      [
        'http://alice@proxy.corp.example:3128',
        { scheme: 'http', host: 'proxy.corp.example', port: 3128, hadCredentials: true },
      ],
      [
        'http://:s3cret@proxy.corp.example:3128',
        { scheme: 'http', host: 'proxy.corp.example', port: 3128, hadCredentials: true },
      ],
    ];
    for (const [value, endpoint] of cases) assert.deepEqual(parseProxyEndpoint(value), endpoint, value);
  });

  it('loopback hosts, and endpoints described without credentials', () => {
    assert.deepEqual(
      ['127.0.0.1', '127.9.9.9', '::1', 'LocalHost', 'localhost', '10.127.0.1', 'proxy.corp.example', '::'].map(
        isLoopbackHost,
      ),
      [true, true, true, true, true, false, false, false],
    );
    assert.deepEqual(
      [
        { scheme: 'http', host: 'proxy.corp.example', port: 3128, hadCredentials: true },
        { scheme: 'socks5', host: '::1', port: 1080, hadCredentials: false },
        { scheme: 'socks5', host: 'proxy.corp.example', port: undefined, hadCredentials: false },
      ].map(describeEndpoint),
      [
        'http://proxy.corp.example:3128 (credentials present, not shown)',
        'socks5://[::1]:1080',
        'socks5://proxy.corp.example',
      ],
    );
  });
});

describe('fixes', () => {
  const ps = (script: string, description: string): object => ({
    file: POWERSHELL_EXE,
    args: [...POWERSHELL_BASE_ARGS, script],
    elevated: true,
    description,
    script,
  });

  it('VPN metric: the undo restores the recorded metric, or automatic metric', () => {
    const apply = ps(
      'Set-NetIPInterface -InterfaceIndex 5 -AddressFamily IPv4 -InterfaceMetric 6000',
      'Set the IPv4 metric of "Ethernet 2" to 6000',
    );
    const common = {
      kind: 'command',
      apply,
      description: 'Give the VPN adapter a higher metric than WSL, so traffic to WSL is not sent into the VPN.',
      citations: [DOCS.issue4277, DOCS.issue4246, DOCS.networking],
    };
    assert.deepEqual(vpnMetricFix({ interfaceIndex: 5, alias: 'Ethernet 2', oldMetric: 1, oldAutomatic: false }, t), {
      ...common,
      undo: ps(
        'Set-NetIPInterface -InterfaceIndex 5 -AddressFamily IPv4 -InterfaceMetric 1',
        'Set the IPv4 metric of "Ethernet 2" back to 1',
      ),
      undoRecipe: { kind: 'restoreInterfaceMetric', interfaceIndex: 5, alias: 'Ethernet 2', oldMetric: 1 },
    });
    const automatic = {
      ...common,
      undo: ps(
        'Set-NetIPInterface -InterfaceIndex 5 -AddressFamily IPv4 -AutomaticMetric Enabled',
        'Give "Ethernet 2" its automatic metric back',
      ),
      undoRecipe: { kind: 'restoreInterfaceMetric', interfaceIndex: 5, alias: 'Ethernet 2' },
    };
    // Automatic: the metric read is the computed one, so automatic metric is what comes back.
    assert.deepEqual(
      vpnMetricFix({ interfaceIndex: 5, alias: 'Ethernet 2', oldMetric: 25, oldAutomatic: true }, t),
      automatic,
    );
    assert.deepEqual(
      vpnMetricFix({ interfaceIndex: 5, alias: 'Ethernet 2', oldMetric: undefined, oldAutomatic: false }, t),
      automatic,
    );
  });

  it('undo records: interface index and metric ranges, adapter names, unknown kinds', () => {
    const restore = (interfaceIndex: unknown, oldMetric: unknown, alias: unknown = 'Wi-Fi'): unknown =>
      undoCommand({ kind: 'restoreInterfaceMetric', interfaceIndex, alias, oldMetric }, t);
    assert.deepEqual(
      restore(1, 1),
      ps(
        'Set-NetIPInterface -InterfaceIndex 1 -AddressFamily IPv4 -InterfaceMetric 1',
        'Set the IPv4 metric of "Wi-Fi" back to 1',
      ),
    );
    assert.deepEqual(
      restore(0x7fffffff, 9999),
      ps(
        'Set-NetIPInterface -InterfaceIndex 2147483647 -AddressFamily IPv4 -InterfaceMetric 9999',
        'Set the IPv4 metric of "Wi-Fi" back to 9999',
      ),
    );
    // Adapter names are shown, never run: up to 256 characters of anything but control characters.
    const longName = 'A'.repeat(256);
    assert.deepEqual(
      restore(3, undefined, longName),
      ps(
        'Set-NetIPInterface -InterfaceIndex 3 -AddressFamily IPv4 -AutomaticMetric Enabled',
        `Give "${longName}" its automatic metric back`,
      ),
    );
    const refused: [() => unknown, string][] = [
      [() => restore(0, 1), 'Not an interface index: 0.'],
      [() => restore(0x80000000, 1), 'Not an interface index: 2147483648.'],
      [() => restore(1.5, 1), 'Not an interface index: 1.5.'],
      [() => restore('5', 1), 'Not an interface index: "5".'],
      [() => restore(5, 0), 'Not an interface metric: 0.'],
      [() => restore(5, 10000), 'Not an interface metric: 10000.'],
      [() => restore(5, 1.5), 'Not an interface metric: 1.5.'],
      [() => restore(5, 1, 7), 'Not an adapter name: "7".'],
      [() => restore(5, 1, `${longName}B`), `Not an adapter name: ${JSON.stringify(`${longName}B`)}.`],
      [() => restore(5, 1, 'Wi-Fi\n2'), 'Not an adapter name: "Wi-Fi\\n2".'],
      [() => undoCommand({ kind: 'format C:' }, t), 'Not an undo this extension knows: "format C:".'],
      [() => undoCommand(null, t), 'Not an undo this extension knows: "undefined".'],
    ];
    for (const [run, message] of refused) assert.throws(run, new ValidationError(message));
  });

  it('interface aliases: a name that starts with a letter or digit, nothing that ends a PowerShell string', () => {
    assert.equal(validateInterfaceAlias('vEthernet (WSL (Hyper-V firewall))'), 'vEthernet (WSL (Hyper-V firewall))');
    for (const hostile of ["x'; Stop-Computer", '(WSL)', '', 7]) {
      assert.throws(
        () => validateInterfaceAlias(hostile),
        new ValidationError(`Not a usable interface alias: ${JSON.stringify(String(hostile))}.`),
      );
    }
  });

  it('the scoped firewall rule and the Hyper-V outbound rule, whole, with their undos', () => {
    assert.deepEqual(scopedFirewallRuleFix({ port: 9003 }, t), {
      kind: 'command',
      apply: ps(
        "New-NetFirewallRule -DisplayName 'WSL Network: from WSL TCP 9003' -Direction Inbound -Action Allow -Protocol TCP -LocalPort 9003 -InterfaceAlias 'vEthernet (WSL*)'",
        'Allow inbound TCP 9003 from WSL only (interface vEthernet (WSL*))',
      ),
      undo: ps(
        "Remove-NetFirewallRule -DisplayName 'WSL Network: from WSL TCP 9003'",
        'Remove the firewall rule "WSL Network: from WSL TCP 9003"',
      ),
      undoRecipe: { kind: 'removeFromWslRule', protocol: 'TCP', port: 9003, ruleNamePrefix: 'WSL Network' },
      description: 'Let WSL reach Windows port 9003 through the firewall, on the WSL interface only.',
      citations: [DOCS.issue4585, DOCS.issue4139],
    });
    assert.deepEqual(hyperVOutboundRuleFix({ port: 5353, protocol: 'udp', ruleNamePrefix: 'Dev Box' }, t), {
      kind: 'command',
      apply: ps(
        `New-NetFirewallHyperVRule -Name 'Dev-Box-from-WSL-UDP-5353' -DisplayName 'Dev Box: from WSL UDP 5353' -Direction Outbound -VMCreatorId '${WSL_VM_CREATOR_ID}' -Protocol UDP -RemotePorts 5353 -Action Allow`,
        'Let WSL connect out to UDP port 5353 through the Hyper-V firewall (WSL VM only)',
      ),
      undo: ps(
        "Remove-NetFirewallHyperVRule -Name 'Dev-Box-from-WSL-UDP-5353'",
        'Remove the Hyper-V firewall rule "Dev-Box-from-WSL-UDP-5353"',
      ),
      undoRecipe: { kind: 'removeFromWslHyperVRule', protocol: 'UDP', port: 5353, ruleNamePrefix: 'Dev Box' },
      description: 'Let WSL reach Windows port 5353 through the Hyper-V firewall, for the WSL VM and that port only.',
      citations: [DOCS.hyperVFirewall, DOCS.networking],
    });
  });
});

describe('windowsFacts', () => {
  it('every part of a 5.1 run, "no events" and "no listener" as empty lists, no netsh table', () => {
    const stdout = psOutput({
      netAdapters: '{"Name":"Wi-Fi","InterfaceDescription":"Intel(R) Wi-Fi 6 AX201 160MHz","ifIndex":12,"Status":"Up"}',
      ipInterfaces:
        '{"InterfaceAlias":"Wi-Fi","InterfaceIndex":12,"InterfaceMetric":35,"AutomaticMetric":1,"ConnectionState":1}',
      dnsServers: '{"InterfaceAlias":"Wi-Fi","InterfaceIndex":12,"ServerAddresses":["192.168.1.1"]}',
      nrptPolicy: '',
      firewallProfiles:
        '{"Name":"Public","Enabled":1,"DefaultInboundAction":4,"AllowInboundRules":2,"AllowLocalFirewallRules":2}',
      proxySettings: '{"ProxyEnable":0,"ProxyServer":null,"AutoConfigURL":null}',
      wslEvents: { error: 'No events were found that match the specified selection criteria.' },
      tcpListeners: {
        error:
          "No MSFT_NetTCPConnection objects found with property 'State' equal to 'Listen'.  Verify the value of the property and retry.",
      },
      udpEndpoints: '{"LocalAddress":"0.0.0.0","LocalPort":5353,"OwningProcess":2400}',
    });
    assert.deepEqual(assembleWindowsFacts(stdout), {
      adapters: [
        {
          name: 'Wi-Fi',
          description: 'Intel(R) Wi-Fi 6 AX201 160MHz',
          interfaceIndex: 12,
          status: 'Up',
          vpn: undefined,
        },
      ],
      ipInterfaces: [{ alias: 'Wi-Fi', interfaceIndex: 12, metric: 35, automaticMetric: true, connected: true }],
      dnsServers: [{ alias: 'Wi-Fi', servers: ['192.168.1.1'] }],
      nrpt: [],
      firewallProfiles: [
        {
          name: 'Public',
          enabled: true,
          allowInboundRules: undefined,
          allowLocalFirewallRules: undefined,
          defaultInboundAction: 'Block',
        },
      ],
      proxy: { enabled: false, servers: [], pacHost: undefined, hasPac: false },
      wslEvents: [],
      tcpListeners: [],
      udpEndpoints: [{ localAddress: '0.0.0.0', localPort: 5353, owningProcess: 2400 }],
      errors: {},
    });
  });

  it('failures stay errors: other messages, "no objects" of other cmdlets, non-JSON; unknown parts are ignored', () => {
    let jsonMessage = '';
    try {
      JSON.parse('WARNING: The module could not be loaded.');
    } catch (error) {
      jsonMessage = (error as Error).message;
    }
    const stdout = psOutput({
      netAdapters: { error: 'Access is denied.' },
      ipInterfaces: {
        error: "No MSFT_NetIPInterface objects found with property 'AddressFamily' equal to 'IPv4'.",
      },
      dnsServers: 'WARNING: The module could not be loaded.',
      wslEvents: { error: 'The RPC server is unavailable.' },
      tcpListeners: { error: 'Access is denied.' },
      udpEndpoints: { error: "No MSFT_NetUDPEndpoint objects found with property 'LocalPort' equal to '5353'." },
      firewallCounters: '[{"Name":"Public"}]',
    });
    assert.deepEqual(
      assembleWindowsFacts(stdout, { 'ipv4-tcp': '         80          80\r\n', 'ipv6-tcp': undefined }),
      {
        udpEndpoints: [],
        excluded: { 'ipv4-tcp': [{ start: 80, end: 80, administered: false }] },
        errors: {
          netAdapters: 'Access is denied.',
          ipInterfaces: "No MSFT_NetIPInterface objects found with property 'AddressFamily' equal to 'IPv4'.",
          dnsServers: `PowerShell did not print JSON: ${jsonMessage}: WARNING: The module could not be loaded.`,
          wslEvents: 'The RPC server is unavailable.',
          tcpListeners: 'Access is denied.',
        },
      },
    );
  });

  it('PowerShell that did not run: only the netsh tables', () => {
    assert.deepEqual(assembleWindowsFacts(undefined), { errors: {} });
    assert.deepEqual(assembleWindowsFacts(undefined, { 'ipv4-udp': '' }), { excluded: { 'ipv4-udp': [] }, errors: {} });
  });
});

describe('resolvConf', () => {
  it('CRLF, comments after values, runs of blanks, domain, options, a bare nameserver', () => {
    assert.deepEqual(
      parseResolvConf(
        '# This file was automatically generated by WSL. To stop automatic generation of this file, add the following entry to /etc/wsl.conf:\r\n' +
          'nameserver\r\n' +
          'nameserver   192.168.1.1 # the router\r\n' +
          'nameserver 1.1.1.1\r\n' +
          'search corp.example # the VPN suffix\r\n' +
          'domain home.example ; old style\r\n' +
          'search\r\n' +
          'options ndots:0 timeout:1\r\n',
        '172.23.16.1',
      ),
      {
        generatedByWsl: true,
        nameservers: ['192.168.1.1', '1.1.1.1'],
        search: ['corp.example', 'home.example'],
        resolver: 'other',
      },
    );
  });

  it('the gateway makes it the NAT DNS proxy only when it is the first nameserver', () => {
    const facts = (text: string, gateway?: string): string => parseResolvConf(text, gateway).resolver;
    assert.deepEqual(
      [
        facts('nameserver 172.23.16.1\n', '172.23.16.1'),
        facts('nameserver 172.23.16.1\n'),
        facts('nameserver 1.1.1.1\nnameserver 172.23.16.1\n', '172.23.16.1'),
      ],
      ['natDnsProxy', 'other', 'other'],
    );
  });

  it('the primary nameserver always has port 53', () => {
    assert.deepEqual(primaryNameserver(parseResolvConf('nameserver 10.255.255.254\nnameserver 1.1.1.1\n')), {
      host: '10.255.255.254',
      port: 53,
    });
    assert.equal(primaryNameserver(parseResolvConf('search corp.example\n')), undefined);
  });
});

describe('portConflicts', () => {
  const range = { start: 50000, end: 50059, administered: true };

  it('a reserved range includes both of its ends, in both families', () => {
    const excluded = { 'ipv4-tcp': [range], 'ipv6-tcp': [range] };
    for (const port of [50000, 50059]) {
      assert.deepEqual(findPortConflicts(port, 'tcp', { excluded }), [
        { kind: 'reservedRange', family: 'ipv4', range },
        { kind: 'reservedRange', family: 'ipv6', range },
      ]);
    }
    assert.deepEqual(findPortConflicts(49999, 'tcp', { excluded }), []);
  });

  it('ignoredPorts and the never-forwarded list matter in mirrored mode only', () => {
    assert.deepEqual(findPortConflicts(135, 'tcp', { mode: 'nat', ignoredPorts: [135] }), []);
    assert.deepEqual(findPortConflicts(135, 'tcp', { ignoredPorts: [135] }), []);
  });

  it('one conflict per Windows address and process; several processes on one UDP port each count', () => {
    // mDNS: Windows and a browser both bind 0.0.0.0:5353 (SO_REUSEADDR).
    const udpEndpoints = [
      { localAddress: '0.0.0.0', localPort: 5353, owningProcess: 2400 },
      { localAddress: '0.0.0.0', localPort: 5353, owningProcess: 2400 },
      { localAddress: '0.0.0.0', localPort: 5353, owningProcess: 9120 },
      { localAddress: '::', localPort: 5353, owningProcess: undefined },
      { localAddress: '::', localPort: 5353, owningProcess: undefined },
    ];
    assert.deepEqual(findPortConflicts(5353, 'udp', { udpEndpoints }), [
      { kind: 'windowsListener', localAddress: '0.0.0.0', owningProcess: 2400 },
      { kind: 'windowsListener', localAddress: '0.0.0.0', owningProcess: 9120 },
      { kind: 'windowsListener', localAddress: '::', owningProcess: undefined },
    ]);
  });

  it('LAN exposure drops loopback listeners only and keeps every other kind', () => {
    const conflicts: PortConflict[] = [
      { kind: 'reservedRange', family: 'ipv6', range },
      { kind: 'mirroredNeverForwarded' },
      { kind: 'ignoredPort' },
      { kind: 'windowsListener', localAddress: '127.0.0.1', owningProcess: 5 },
      { kind: 'windowsListener', localAddress: '::1', owningProcess: 5 },
      { kind: 'windowsListener', localAddress: '0.0.0.0', owningProcess: 6 },
    ];
    assert.deepEqual(lanExposureConflicts(conflicts), [conflicts[0], conflicts[1], conflicts[2], conflicts[5]]);
  });

  it('describes IPv6 and administered ranges, an unknown process, and ignoredPorts', () => {
    assert.deepEqual(
      [
        describePortConflict({ kind: 'reservedRange', family: 'ipv6', range }, 50010, 'udp', t),
        describePortConflict(
          { kind: 'reservedRange', family: 'ipv4', range: { ...range, administered: false } },
          50010,
          'tcp',
          t,
        ),
        describePortConflict(
          { kind: 'windowsListener', localAddress: '0.0.0.0', owningProcess: undefined },
          5353,
          'udp',
          t,
        ),
        describePortConflict({ kind: 'ignoredPort' }, 8080, 'tcp', t),
      ],
      [
        'Windows reserves UDP ports 50000-50059 (IPv6, netsh excludedportrange, set by an administrator): nothing on Windows can listen on port 50010, so a portproxy rule or a mirrored bind there fails. Pick another port.',
        'Windows reserves TCP ports 50000-50059 (IPv4, netsh excludedportrange): nothing on Windows can listen on port 50010, so a portproxy rule or a mirrored bind there fails. Pick another port.',
        'A Windows program (PID ?) already listens on 0.0.0.0:5353: connections to port 5353 may reach it instead of WSL.',
        'Port 8080 is in [experimental] ignoredPorts: mirrored mode does not mirror Linux programs bound to it.',
      ],
    );
  });

  it('UDP facts: the tables read, and no endpoint list when PowerShell could not run', async () => {
    const facts = await readPortConflictFacts(
      async (command) =>
        command.file === 'netsh.exe'
          ? `  56030   56129\r\n  ${command.args[1] === 'ipv6' ? '1 1' : ''}\r\n`
          : undefined,
      'udp',
    );
    assert.deepEqual(facts, {
      excluded: {
        'ipv4-udp': [{ start: 56030, end: 56129, administered: false }],
        'ipv6-udp': [
          { start: 56030, end: 56129, administered: false },
          { start: 1, end: 1, administered: false },
        ],
      },
    });
  });
});

describe('markdown', () => {
  it('escapes every character Markdown or HTML could act on, drops control characters, joins lines', () => {
    assert.equal(escapeMarkdown('a\u0000b\u0007c\u001bd\u007fe'), 'abcde');
    assert.equal(escapeMarkdown('one\r\ntwo\nthree\rfour'), 'one two three four');
    assert.equal(
      escapeMarkdown('\\`*_{}[]()<>#+-.!|~&"\''),
      '\\\\\\`\\*\\_\\{\\}\\[\\]\\(\\)&lt;&gt;\\#\\+\\-\\.\\!\\|\\~&amp;\\"\\\'',
    );
  });

  it('code spans: a fence longer than the longest backtick run, padded only around backticks', () => {
    assert.deepEqual(['plain', 'a``b', '`x`', 'two\r\nlines'].map(codeSpan), [
      '`plain`',
      '``` a``b ```',
      '`` `x` ``',
      '`two lines`',
    ]);
  });

  it('code blocks: three backticks unless the text holds a longer run', () => {
    assert.equal(codeBlock('wsl --shutdown'), '```\nwsl --shutdown\n```');
    assert.equal(codeBlock('a ```` b', 'powershell'), '`````powershell\na ```` b\n`````');
  });
});
