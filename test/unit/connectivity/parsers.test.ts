// Parsers of the doctor's facts, on the field captures of test/fixtures/field/connectivity
// (README there lists the source of each) and on the shapes Windows PowerShell 5.1 prints.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { spawnSync } from 'node:child_process';
import {
  littleEndianHexToIPv4,
  parseIpRoute,
  parseProcNetRoute,
  readDefaultRoutes,
} from '../../../client/src/host/connectivity/linuxRoute';
import { parseResolvConf } from '../../../client/src/host/connectivity/resolvConf';
import {
  describeEndpoint,
  parseProxyEndpoint,
  readProxyEnvironment,
} from '../../../client/src/host/connectivity/proxyEnvironment';
import {
  classifyWslWarning,
  parseDnsServers,
  parseExcludedPortRanges,
  parseFirewallProfiles,
  parseIpInterfaces,
  parseNetAdapters,
  parseNrptPolicy,
  parseProxySettings,
  parseWslEvents,
  recognizeVpn,
} from '../../../client/src/host/connectivity/windowsParsers';
import { fieldFixture } from './servers';

describe('netsh show excludedportrange (localized)', () => {
  it('reads the en-US tcp capture, with the administered mark', () => {
    assert.deepEqual(parseExcludedPortRanges(fieldFixture('netsh-excludedportrange-tcp.en-US.txt')), [
      { start: 80, end: 80, administered: false },
      { start: 5986, end: 5986, administered: false },
      { start: 47001, end: 47001, administered: false },
      { start: 55679, end: 55679, administered: true },
    ]);
  });

  it('reads the udp, zh-CN and es-ES captures by their digit rows only', () => {
    assert.deepEqual(
      parseExcludedPortRanges(fieldFixture('netsh-excludedportrange-udp.en-US.txt')).map((r) => [r.start, r.end]),
      [
        [56030, 56129],
        [56130, 56229],
      ],
    );
    const zh = parseExcludedPortRanges(fieldFixture('netsh-excludedportrange-tcp.zh-CN.txt'));
    assert.equal(zh.length, 7);
    assert.deepEqual(zh[0], { start: 50000, end: 50059, administered: true });
    assert.deepEqual(zh[6], { start: 60791, end: 60890, administered: false });
    const es = parseExcludedPortRanges(fieldFixture('netsh-excludedportrange-tcp.es-ES.txt'));
    assert.equal(es.length, 8);
    assert.deepEqual(es[2], { start: 5357, end: 5357, administered: false });
  });

  it('reads no ranges from the empty table and ignores nonsense rows', () => {
    assert.deepEqual(parseExcludedPortRanges(fieldFixture('netsh-excludedportrange-tcp.empty.en-US.txt')), []);
    assert.deepEqual(parseExcludedPortRanges('  70000   70001\r\n   900   800\r\n  0  5\r\n'), []);
  });
});

describe('default route', () => {
  it('parses ip route output (first default wins, metric kept)', () => {
    const routes = parseIpRoute(
      'default via 172.23.16.1 dev eth0 proto kernel\n172.23.16.0/20 dev eth0 proto kernel scope link src 172.23.21.232\ndefault via 10.0.0.1 dev eth1 metric 200\n',
    );
    assert.deepEqual(routes, [
      { gateway: '172.23.16.1', device: 'eth0', metric: undefined },
      { gateway: '10.0.0.1', device: 'eth1', metric: 200 },
    ]);
  });

  it('parses /proc/net/route (little-endian hex), skipping routes that are down', () => {
    const proc =
      'Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n' +
      'eth0\t00000000\t0110170A\t0003\t0\t0\t0\t00000000\t0\t0\t0\n' +
      'eth0\t0010170A\t00000000\t0001\t0\t0\t0\t00F0FFFF\t0\t0\t0\n' +
      'eth1\t00000000\t0100000A\t0002\t0\t0\t0\t00000000\t0\t0\t0\n';
    assert.deepEqual(parseProcNetRoute(proc), [{ gateway: '10.23.16.1', device: 'eth0', metric: 0 }]);
    assert.equal(littleEndianHexToIPv4('0101A8C0'), '192.168.1.1');
  });

  it('falls back to /proc/net/route when ip is missing, and agrees with ip on this machine', async () => {
    const proc = fs.readFileSync('/proc/net/route', 'utf8');
    const fromProc = await readDefaultRoutes({
      ipRoute: () => Promise.reject(new Error('ENOENT')),
      procNetRoute: async () => proc,
    });
    assert.equal(fromProc.source, '/proc/net/route');
    // On this machine: both sources name the same gateway (when it has a default route and `ip`).
    const ip = spawnSync('ip', ['route', 'show', 'default'], { encoding: 'utf8' });
    if (ip.status === 0 && parseIpRoute(ip.stdout).length > 0) {
      const fromIp = await readDefaultRoutes({ ipRoute: async () => ip.stdout, procNetRoute: async () => proc });
      assert.equal(fromIp.source, 'ip route');
      assert.equal(fromProc.routes[0]?.gateway, fromIp.routes[0]?.gateway);
      assert.equal(fromProc.routes[0]?.device, fromIp.routes[0]?.device);
    }
    const none = await readDefaultRoutes({ ipRoute: async () => undefined, procNetRoute: async () => undefined });
    assert.deepEqual(none, { source: 'none', routes: [] });
  });
});

describe('resolv.conf', () => {
  it("recognises WSL's header and the tunneling nameservers (10.255.255.254, early 127.0.0.42)", () => {
    const tunneling = parseResolvConf(fieldFixture('resolv.conf.wsl-tunneling.txt'));
    assert.deepEqual(tunneling, {
      generatedByWsl: true,
      nameservers: ['10.255.255.254'],
      search: ['LUCASTHEISEN.COM', 'lucastheisen.home'],
      resolver: 'dnsTunneling',
    });
    assert.equal(parseResolvConf(fieldFixture('resolv.conf.wsl-tunneling-127.0.0.42.txt')).resolver, 'dnsTunneling');
  });

  it('recognises the old one-line header, the NAT DNS proxy on the gateway, and foreign files', () => {
    const old = parseResolvConf(fieldFixture('resolv.conf.wsl-old-header.txt'), '172.16.23.168');
    assert.equal(old.generatedByWsl, true);
    assert.equal(old.resolver, 'natDnsProxy');
    const manual = parseResolvConf(fieldFixture('resolv.conf.resolvconf-manual.txt'));
    assert.equal(manual.generatedByWsl, false);
    assert.equal(manual.resolver, 'other');
    assert.equal(parseResolvConf('nameserver 127.0.0.53\n').resolver, 'systemdResolved');
    assert.equal(parseResolvConf('# nameserver 1.1.1.1\n').resolver, 'none');
  });
});

describe('proxy variables', () => {
  it('keeps scheme, host and port and drops credentials', () => {
    const facts = readProxyEnvironment({
      https_proxy: 'http://alice:s3cret@proxy.corp.example:3128/',
      no_proxy: 'localhost,.corp.example, ,10.0.0.0/8',
      WSL_PAC_URL: 'http://wpad.corp.example/proxy.pac',
      PATH: '/bin',
    });
    assert.deepEqual(
      facts.map((f) => f.name),
      ['https_proxy', 'no_proxy', 'WSL_PAC_URL'],
    );
    const endpoint = facts[0]?.endpoint;
    assert.deepEqual(endpoint, { scheme: 'http', host: 'proxy.corp.example', port: 3128, hadCredentials: true });
    assert.doesNotMatch(JSON.stringify(facts), /s3cret|alice/);
    assert.doesNotMatch(describeEndpoint(endpoint!), /s3cret|alice/);
    assert.equal(facts[1]?.entryCount, 3);
    assert.deepEqual(parseProxyEndpoint('127.0.0.1:7890'), {
      scheme: 'http',
      host: '127.0.0.1',
      port: 7890,
      hadCredentials: false,
    });
    assert.equal(parseProxyEndpoint('socks5://[::1]:1080')?.host, '::1');
  });
});

describe('PowerShell 5.1 JSON shapes', () => {
  it('recognises the VPN products by interface description', () => {
    const cases: [string, string | undefined][] = [
      [
        'Cisco AnyConnect Secure Mobility Client Virtual Miniport Adapter for Windows x64',
        'Cisco AnyConnect / Secure Client',
      ],
      ['Cisco Secure Client Virtual Miniport Adapter for Windows x64', 'Cisco AnyConnect / Secure Client'],
      ['PANGP Virtual Ethernet Adapter Secure', 'GlobalProtect'],
      ['Fortinet SSL VPN Virtual Ethernet Adapter', 'FortiClient'],
      ['Check Point Virtual Network Adapter For Endpoint VPN Client', 'Check Point'],
      ['Juniper Networks Virtual Adapter', 'Pulse Secure / Ivanti'],
      ['Zscaler Network Adapter 1.0.2.0', 'Zscaler'],
      ['WireGuard Tunnel', 'WireGuard'],
      ['Tailscale Tunnel', 'Tailscale'],
      ['TAP-Windows Adapter V9', 'OpenVPN'],
      ['Intel(R) Wi-Fi 6 AX201 160MHz', undefined],
      ['Hyper-V Virtual Ethernet Adapter', undefined],
    ];
    for (const [description, product] of cases) assert.equal(recognizeVpn(description), product, description);
  });

  it('parses adapters, metrics, DNS servers (array, single string, empty)', () => {
    const adapters = parseNetAdapters(fieldFixture('ps-netadapters.vpn.json'));
    assert.deepEqual(
      adapters.map((a) => [a.name, a.status, a.vpn]),
      [
        ['Ethernet 2', 'Up', 'Cisco AnyConnect / Secure Client'],
        ['Ethernet 5', 'Disconnected', 'GlobalProtect'],
        ['Wi-Fi', 'Up', undefined],
      ],
    );
    const metrics = parseIpInterfaces(fieldFixture('ps-netipinterface.anyconnect.json'));
    assert.deepEqual(metrics[0], {
      alias: 'Ethernet 2',
      interfaceIndex: 5,
      metric: 1,
      automaticMetric: false,
      connected: true,
    });
    // One interface: an object, not an array; enums as names (PowerShell 7 -EnumsAsStrings).
    assert.deepEqual(
      parseIpInterfaces(
        '{"InterfaceAlias":"Wi-Fi","InterfaceIndex":12,"InterfaceMetric":35,"AutomaticMetric":"Enabled","ConnectionState":"Disconnected"}',
      ),
      [{ alias: 'Wi-Fi', interfaceIndex: 12, metric: 35, automaticMetric: true, connected: false }],
    );
    assert.deepEqual(
      parseDnsServers(
        '[{"InterfaceAlias":"Wi-Fi","ServerAddresses":["192.168.1.1","192.168.1.2"]},{"InterfaceAlias":"Ethernet 2","ServerAddresses":"10.0.0.53"},{"InterfaceAlias":"vEthernet (WSL)","ServerAddresses":[]}]',
      ),
      [
        { alias: 'Wi-Fi', servers: ['192.168.1.1', '192.168.1.2'] },
        { alias: 'Ethernet 2', servers: ['10.0.0.53'] },
        { alias: 'vEthernet (WSL)', servers: [] },
      ],
    );
    assert.deepEqual(parseNrptPolicy(''), []);
    assert.deepEqual(parseNrptPolicy('{"Namespace":".corp.example","NameServers":["10.0.0.53"]}'), [
      { namespaces: ['.corp.example'], nameServers: ['10.0.0.53'] },
    ]);
  });

  it('parses firewall profiles from the capture and the GPO case (one object)', () => {
    const profiles = parseFirewallProfiles(fieldFixture('ps-firewall-profiles.json'));
    assert.deepEqual(
      profiles.map((p) => [p.name, p.allowInboundRules, p.allowLocalFirewallRules, p.defaultInboundAction]),
      [
        ['Domain', true, true, 'Block'],
        ['Private', true, true, 'Block'],
        ['Public', true, true, 'Block'],
      ],
    );
    // The same values as the Format-List capture.
    const list = fieldFixture('ps-firewall-profile.list.txt');
    assert.match(list, /AllowLocalFirewallRules\s+: True/);
    const policy = parseFirewallProfiles(fieldFixture('ps-firewall-profile.policy.single.json'));
    assert.equal(policy.length, 1);
    assert.equal(policy[0]?.allowLocalFirewallRules, false);
    // NotConfigured (2) is "the default applies", not false.
    assert.equal(
      parseFirewallProfiles('{"Name":"Public","AllowLocalFirewallRules":2}')[0]?.allowLocalFirewallRules,
      undefined,
    );
  });

  it('keeps only hosts and ports of the Windows proxy settings', () => {
    const facts = parseProxySettings(
      '{"ProxyEnable":1,"ProxyServer":"http=bob:pw@proxy.corp.example:8080;https=127.0.0.1:7890","AutoConfigURL":"http://wpad.corp.example/wpad.dat?token=abc"}',
    );
    assert.deepEqual(facts, {
      enabled: true,
      servers: [
        { scheme: 'http', host: 'proxy.corp.example', port: 8080 },
        { scheme: 'https', host: '127.0.0.1', port: 7890 },
      ],
      pacHost: 'wpad.corp.example',
      hasPac: true,
    });
    assert.doesNotMatch(JSON.stringify(facts), /bob|pw@|token/);
    assert.deepEqual(parseProxySettings('{"ProxyEnable":0,"ProxyServer":null,"AutoConfigURL":null}'), {
      enabled: false,
      servers: [],
      pacHost: undefined,
      hasPac: false,
    });
    assert.deepEqual(parseProxySettings(''), { enabled: false, servers: [], pacHost: undefined, hasPac: false });
  });

  it("parses WSL's event-log warnings (5.1 /Date()/ and ISO times) and classifies en-US texts", () => {
    const events = parseWslEvents(fieldFixture('ps-wslevents.single.json'));
    assert.deepEqual(events, [
      {
        time: '2024-05-07T12:59:07.000Z',
        message: "Invalid networking mode 'mirrored' in C:\\Users\\<username>\\.wslconfig",
        kind: 'configError',
      },
    ]);
    assert.equal(fieldFixture('wsl-event.application.txt').includes(events[0]!.message), true);
    assert.equal(
      classifyWslWarning(
        'Mirrored networking mode is not supported: Windows version 19045.4046 does not have the required features.\nFalling back to NAT networking.',
      ),
      'mirroredFallback',
    );
    assert.equal(
      classifyWslWarning(
        'A localhost proxy configuration was detected but not mirrored into WSL. WSL in NAT mode does not support localhost proxies.',
      ),
      'localhostProxyNotMirrored',
    );
    assert.equal(
      classifyWslWarning(
        'Due to a current compatibility issue with Global Secure Access Client, DNS Tunneling is disabled.',
      ),
      'dnsTunnelingDisabledGsa',
    );
    assert.equal(classifyWslWarning("Le mode de mise en réseau en miroir n'est pas pris en charge"), 'other');
    assert.deepEqual(
      parseWslEvents('[{"TimeCreated":"2024-05-07T12:59:07Z","Message":"DNS Tunneling is not supported."}]')[0]?.kind,
      'dnsTunnelingNotSupported',
    );
  });
});
