'use strict';
// Stand-in answers for the connectivity doctor's read-only queries, used by ../windows-bin/
// powershell.exe (Get-NetAdapter, Get-NetIPInterface, Get-DnsClientServerAddress,
// Get-DnsClientNrptPolicy, Get-NetFirewallProfile, Get-ItemProperty on Internet Settings,
// Get-WinEvent for source WSL, Get-NetUDPEndpoint) and ../windows-bin/netsh.exe
// (`interface ipv4|ipv6 show excludedportrange protocol=tcp|udp`). Kept apart from those
// scripts so their own hunks stay one line each. Plain CommonJS; it must not reuse the parsers
// under test.
//
// State: `windows.connectivity` (every key optional; the defaults are the real captures listed
// in test/fixtures/field/connectivity/README.md):
// {
//   "adapters":       [{ "name", "description", "ifIndex", "status": "Up" }],
//   "ipInterfaces":   [{ "alias", "index", "metric", "automaticMetric": true, "connected": true }],
//   "dnsServers":     [{ "alias", "index", "servers": ["192.168.1.1"] }],
//   "nrpt":           [{ "namespace": [".corp.example"], "nameServers": ["10.0.0.53"] }],
//   "firewallProfiles": [{ "name": "Domain", "enabled": true, "defaultInboundAction": "Block",
//                          "allowInboundRules": true, "allowLocalFirewallRules": true }],
//   "proxy":          { "proxyEnable": 0, "proxyServer": null, "autoConfigURL": null },
//   "wslEvents":      [{ "time": "2024-05-07T12:59:07Z", "id": 0, "message": "…" }],
//   "udpEndpoints":   [{ "localAddress", "localPort", "owningProcess" }],
//   "excludedPortRanges": { "ipv4-tcp": [{ "start", "end", "administered" }], … },
//   "netshLocale":    "en-US" | "zh-CN"
// }

// Capture: microsoft/WSL#11220 (Get-NetFirewallProfile -PolicyStore ActiveStore, all three profiles alike).
const DEFAULT_PROFILES = ['Domain', 'Private', 'Public'].map((name) => ({
  name,
  enabled: true,
  defaultInboundAction: 'Block',
  allowInboundRules: true,
  allowLocalFirewallRules: true,
}));

function defaults() {
  return {
    adapters: [{ name: 'Wi-Fi', description: 'Intel(R) Wi-Fi 6 AX201 160MHz', ifIndex: 12, status: 'Up' }],
    // Metrics as in microsoft/WSL#5821 (Wi-Fi 35, loopback 75) and #4277 (WSL adapter 5000).
    ipInterfaces: [
      { alias: 'Wi-Fi', index: 12, metric: 35, automaticMetric: true, connected: true },
      { alias: 'vEthernet (WSL)', index: 28, metric: 5000, automaticMetric: true, connected: true },
      { alias: 'Loopback Pseudo-Interface 1', index: 1, metric: 75, automaticMetric: true, connected: true },
    ],
    dnsServers: [
      { alias: 'Wi-Fi', index: 12, servers: ['192.168.1.1'] },
      { alias: 'vEthernet (WSL)', index: 28, servers: [] },
    ],
    nrpt: [],
    firewallProfiles: DEFAULT_PROFILES,
    proxy: { proxyEnable: 0, proxyServer: null, autoConfigURL: null },
    wslEvents: [],
    udpEndpoints: [{ localAddress: '0.0.0.0', localPort: 5353, owningProcess: 2400 }],
    // Capture: open-telemetry/opentelemetry-collector PR #10839 and -contrib PR #10872.
    excludedPortRanges: {
      'ipv4-tcp': [
        { start: 80, end: 80 },
        { start: 5986, end: 5986 },
        { start: 47001, end: 47001 },
        { start: 55679, end: 55679, administered: true },
      ],
      'ipv4-udp': [
        { start: 56030, end: 56129 },
        { start: 56130, end: 56229 },
      ],
      'ipv6-tcp': [],
      'ipv6-udp': [],
    },
    netshLocale: 'en-US',
  };
}

function connectivityState(win) {
  return { ...defaults(), ...(win.connectivity || {}) };
}

// ---- PowerShell ---------------------------------------------------------------------------------
const GPO_BOOLEAN = { false: 0, true: 1, undefined: 2 }; // False 0, True 1, NotConfigured 2
const ACTION = { NotConfigured: 0, Allow: 2, Block: 4 };
const PROFILE_NUMBER = { Domain: 1, Private: 2, Public: 4 };

function gpo(value, asStrings) {
  if (asStrings) return value === undefined ? 'NotConfigured' : value ? 'True' : 'False';
  return GPO_BOOLEAN[String(value)];
}

/** "@{LogName='Application'; ProviderName='WSL'}" → { logname: 'Application', providername: 'WSL' } */
function parseHashtable(text) {
  const match = /^@\{(.*)\}$/s.exec(String(text || '').trim());
  if (!match) return undefined;
  const table = {};
  for (const entry of match[1].split(';')) {
    const kv = /^\s*([A-Za-z]+)\s*=\s*'((?:[^']|'')*)'\s*$/.exec(entry);
    if (kv) table[kv[1].toLowerCase()] = kv[2].replace(/''/g, "'");
    else if (entry.trim() !== '') return undefined;
  }
  return table;
}

const INTERNET_SETTINGS = 'hkcu:\\software\\microsoft\\windows\\currentversion\\internet settings';

/**
 * The data source for a cmdlet, or undefined when this module does not know it.
 * ctx: { win, fail(message) → Error the caller prints as a PowerShell error }.
 */
function powershellSource(name, ctx) {
  const { win, fail } = ctx;
  const c = connectivityState(win);
  const asStrings = Boolean(win.enumsAsStrings);
  const sources = {
    'get-netadapter': () =>
      c.adapters.map((a) => ({
        Name: a.name,
        InterfaceDescription: a.description,
        ifIndex: a.ifIndex,
        Status: a.status,
      })),
    'get-netipinterface': (p) => {
      if (p.addressfamily && !/^ipv4$/i.test(p.addressfamily)) return [];
      return c.ipInterfaces.map((i) => ({
        InterfaceAlias: i.alias,
        InterfaceIndex: i.index,
        InterfaceMetric: i.metric,
        AutomaticMetric: asStrings ? (i.automaticMetric ? 'Enabled' : 'Disabled') : i.automaticMetric ? 1 : 0,
        ConnectionState: asStrings ? (i.connected ? 'Connected' : 'Disconnected') : i.connected ? 1 : 0,
      }));
    },
    'get-dnsclientserveraddress': () =>
      // ServerAddresses is string[]: ConvertTo-Json prints [] / ["a"] / ["a","b"].
      c.dnsServers.map((d) => ({ InterfaceAlias: d.alias, InterfaceIndex: d.index, ServerAddresses: d.servers })),
    'get-dnsclientnrptpolicy': () => c.nrpt.map((r) => ({ Namespace: r.namespace, NameServers: r.nameServers })),
    'get-netfirewallprofile': (p) => {
      if (p.policystore && !/^activestore$/i.test(p.policystore))
        throw fail(`fake powershell.exe: unexpected -PolicyStore ${p.policystore}`);
      return c.firewallProfiles.map((f) => ({
        Name: f.name,
        Enabled: gpo(f.enabled, asStrings),
        DefaultInboundAction: asStrings
          ? f.defaultInboundAction || 'NotConfigured'
          : ACTION[f.defaultInboundAction || 'NotConfigured'],
        AllowInboundRules: gpo(f.allowInboundRules, asStrings),
        AllowLocalFirewallRules: gpo(f.allowLocalFirewallRules, asStrings),
      }));
    },
    'get-itemproperty': (p) => {
      if (String(p.path || '').toLowerCase() !== INTERNET_SETTINGS) {
        throw fail(`Cannot find path '${p.path}' because it does not exist.`);
      }
      const item = { ProxyEnable: c.proxy.proxyEnable || 0 };
      // Unset registry values are absent from the item; Select-Object then prints null.
      if (c.proxy.proxyServer) item.ProxyServer = c.proxy.proxyServer;
      if (c.proxy.autoConfigURL) item.AutoConfigURL = c.proxy.autoConfigURL;
      return [item];
    },
    'get-winevent': (p) => {
      const filter = parseHashtable(p.filterhashtable);
      if (!filter || !/^application$/i.test(filter.logname || '') || !/^wsl$/i.test(filter.providername || '')) {
        throw fail("fake powershell.exe: expected -FilterHashtable @{LogName='Application'; ProviderName='WSL'}");
      }
      const max = p.maxevents === undefined ? Infinity : Number(p.maxevents);
      const events = c.wslEvents.slice(0, max);
      // Get-WinEvent reports an empty result as an error (with -ErrorAction Stop it is terminating).
      if (events.length === 0) throw fail('No events were found that match the specified selection criteria.');
      return events.map((e) => ({
        // Windows PowerShell 5.1 prints DateTime as "\/Date(ms)\/".
        TimeCreated: `/Date(${Date.parse(e.time)})/`,
        Id: e.id || 0,
        LevelDisplayName: 'Warning',
        Message: e.message,
      }));
    },
    'get-netudpendpoint': () =>
      c.udpEndpoints.map((u) => ({
        LocalAddress: u.localAddress,
        LocalPort: u.localPort,
        OwningProcess: u.owningProcess,
      })),
  };
  return sources[name];
}

// ---- netsh interface ipv4|ipv6 show excludedportrange protocol=tcp|udp ---------------------------
// en-US layout byte for byte as in the captures (CRLF, trailing blanks, right-aligned columns of
// 10 and 12, " *" marks administered ranges). zh-CN titles from blog.caomingjun.com, written in
// the console's OEM code page 936 (GBK); their column spacing is reconstructed.
const GBK = {
  'title-tcp': 'd0add2e92074637020b6cbbfdac5c5b3fdb7b6cea7',
  'title-udp': 'd0add2e92075647020b6cbbfdac5c5b3fdb7b6cea7',
  start: 'bfaacabcb6cbbfda',
  end: 'bde1caf8b6cbbfda',
  footer: '2a202d20b9dcc0edb5c4b6cbbfdac5c5b3fda1a3',
};

function row(range) {
  return `${String(range.start).padStart(10)}${String(range.end).padStart(12)}${range.administered ? '     *' : '      '}\r\n`;
}

function excludedTable(protocol, ranges, locale) {
  if (locale === 'zh-CN') {
    const ascii = (text) => Buffer.from(text, 'latin1');
    const gbk = (key) => Buffer.from(GBK[key], 'hex');
    return Buffer.concat([
      ascii('\r\n'),
      gbk(`title-${protocol}`),
      ascii('\r\n\r\n'),
      gbk('start'),
      ascii('    '),
      gbk('end'),
      ascii('\r\n----------    --------\r\n'),
      ascii(ranges.map(row).join('')),
      ascii('\r\n'),
      gbk('footer'),
      ascii('\r\n\r\n'),
    ]);
  }
  const text =
    `\r\nProtocol ${protocol} Port Exclusion Ranges\r\n\r\nStart Port    End Port      \r\n----------    --------      \r\n` +
    ranges.map(row).join('') +
    '\r\n* - Administered port exclusions.\r\n\r\n';
  return Buffer.from(text, 'latin1');
}

/**
 * Handles `interface ipv4|ipv6 show excludedportrange protocol=tcp|udp`; returns undefined for
 * anything else, else { bytes, code }.
 */
function netshCommand(argv, state) {
  const words = argv.map((a) => a.toLowerCase());
  if (
    words[0] !== 'interface' ||
    !['ipv4', 'ipv6'].includes(words[1]) ||
    words[2] !== 'show' ||
    words[3] !== 'excludedportrange'
  )
    return undefined;
  const protocolArg = /^(?:protocol=)?(tcp|udp)$/.exec(words[4] || '');
  if (!protocolArg || words.length !== 5) {
    return {
      bytes: Buffer.from(
        `The syntax supplied for this command is not valid. Check help for the correct syntax.\r\n\r\n`,
        'latin1',
      ),
      code: 1,
    };
  }
  const c = connectivityState(state.windows);
  const ranges = (c.excludedPortRanges[`${words[1]}-${protocolArg[1]}`] || [])
    .slice()
    .sort((a, b) => a.start - b.start);
  return { bytes: excludedTable(protocolArg[1], ranges, c.netshLocale), code: 0 };
}

module.exports = { powershellSource, netshCommand, defaults, parseHashtable };
