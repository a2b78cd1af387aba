// fixesForSymptoms, symptom by symptom: the facts that should trigger each diagnosis, the
// near-misses that should not, and every boundary of every condition. Each test asserts the whole
// list of five symptom checks (id, title, verdict, summary, evidence, fix, citations, order), so a
// changed text, condition or branch in symptoms.ts changes an asserted value.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatOnly } from '../../../client/src/host/localize';
import { doctorFacts } from './doctorFacts';
import type { DoctorFacts, DoctorOptions } from '../../../client/src/host/connectivity/doctor';
import type { DnsProbeResult } from '../../../client/src/host/connectivity/probes';
import type { ProxyVariableFact } from '../../../client/src/host/connectivity/proxyEnvironment';
import type { ResolvConfFacts } from '../../../client/src/host/connectivity/resolvConf';
import { fixesForSymptoms } from '../../../client/src/host/connectivity/symptoms';
import { vpnMetricFix } from '../../../client/src/host/connectivity/fixes';
import { DOCS, type DoctorCheck, type DoctorCheckId } from '../../../client/src/host/connectivity/types';
import type { WindowsFacts } from '../../../client/src/host/connectivity/windowsFacts';
import type {
  FirewallProfileFacts,
  IpInterface,
  NetAdapter,
  WindowsProxyFacts,
} from '../../../client/src/host/connectivity/windowsParsers';

const t = formatOnly;

// ---- input builders --------------------------------------------------------------------------------

const facts = doctorFacts;

function win(over: Partial<WindowsFacts> = {}): WindowsFacts {
  return { errors: {}, ...over };
}

function resolver(kind: ResolvConfFacts['resolver']): ResolvConfFacts {
  return { generatedByWsl: true, nameservers: ['172.23.16.1'], search: [], resolver: kind };
}

function dnsResult(outcome: DnsProbeResult['outcome']): DnsProbeResult {
  return { outcome, durationMs: 4, addresses: outcome === 'ok' ? ['192.0.2.10'] : [], server: '172.23.16.1' };
}

function variable(name: ProxyVariableFact['name'], host: string, port: number | undefined = 3128): ProxyVariableFact {
  return { name, endpoint: { scheme: 'http', host, port, hadCredentials: false } };
}

const NO_PROXY_VAR: ProxyVariableFact = { name: 'no_proxy', endpoint: undefined, entryCount: 3 };

const CISCO: NetAdapter = {
  name: 'Ethernet 3',
  description: 'Cisco AnyConnect Secure Mobility Client Virtual Miniport Adapter for Windows x64',
  interfaceIndex: 17,
  status: 'Up',
  vpn: 'Cisco AnyConnect / Secure Client',
};
const GLOBALPROTECT: NetAdapter = {
  name: 'Ethernet 4',
  description: 'PANGP Virtual Ethernet Adapter',
  interfaceIndex: 21,
  status: 'Up',
  vpn: 'GlobalProtect',
};
const WIFI: NetAdapter = {
  name: 'Wi-Fi',
  description: 'Intel(R) Wi-Fi 6 AX201 160MHz',
  interfaceIndex: 12,
  status: 'Up',
  vpn: undefined,
};

function ipIf(
  alias: string,
  interfaceIndex: number | undefined,
  metric: number | undefined,
  automatic = false,
): IpInterface {
  return { alias, interfaceIndex, metric, automaticMetric: automatic, connected: true };
}
const WSL_ALIAS = 'vEthernet (WSL (Hyper-V firewall))';
const WSL_IF = ipIf(WSL_ALIAS, 40, 5000);

function proxy(over: Partial<WindowsProxyFacts>): WindowsProxyFacts {
  return { enabled: true, servers: [], pacHost: undefined, hasPac: false, ...over };
}
const CORP_PROXY = proxy({ servers: [{ scheme: undefined, host: 'proxy.corp.example', port: 8080 }] });

function profile(
  name: string,
  allowLocalFirewallRules: boolean | undefined,
  allowInboundRules: boolean | undefined,
): FirewallProfileFacts {
  return { name, enabled: true, allowInboundRules, allowLocalFirewallRules, defaultInboundAction: 'Block' };
}

// ---- expected checks -------------------------------------------------------------------------------

const TITLES: Readonly<Record<string, string>> = {
  'symptom.vpnDns': 'VPN DNS reaching WSL',
  'symptom.vpnMetric': "VPN route taking WSL's traffic",
  'symptom.localhostProxyNat': 'Proxy on 127.0.0.1 under NAT',
  'symptom.proxyNotUsed': 'Windows proxy used in WSL',
  'symptom.natDnsBlocked': "Firewall policy blocking WSL's DNS proxy",
};

function check(
  id: DoctorCheckId,
  verdict: DoctorCheck['verdict'],
  summary: string,
  rest: Partial<Pick<DoctorCheck, 'evidence' | 'fix' | 'citations'>> = {},
): DoctorCheck {
  const title = TITLES[id];
  assert.ok(title !== undefined);
  return {
    id,
    title,
    verdict,
    summary,
    evidence: rest.evidence ?? [],
    ...(rest.fix !== undefined ? { fix: rest.fix } : {}),
    citations: rest.citations ?? [],
  };
}

const NEEDS_WINDOWS = 'Needs the Windows facts.';
const NO_VPN = 'No connected VPN.';
const ONLY_NAT = 'Only applies in NAT mode.';
const NO_LOOPBACK_PROXY = 'No proxy on a loopback address.';

const skipVpnDns = (summary: string): DoctorCheck => check('symptom.vpnDns', 'skip', summary);
const skipVpnMetric = (summary: string): DoctorCheck => check('symptom.vpnMetric', 'skip', summary);
const SKIP_LOCALHOST = check('symptom.localhostProxyNat', 'skip', NO_LOOPBACK_PROXY);
const skipProxyNotUsed = (summary: string): DoctorCheck => check('symptom.proxyNotUsed', 'skip', summary);
const skipNatDns = (summary: string): DoctorCheck => check('symptom.natDnsBlocked', 'skip', summary);

/** What DNS tunneling being on means for a connected VPN. */
const VPN_DNS_TUNNELED = check(
  'symptom.vpnDns',
  'ok',
  'DNS tunneling is on: Windows resolves names for WSL, VPN rules included.',
  { citations: [DOCS.networking] },
);

const TURN_ON_TUNNELING = {
  kind: 'wslconfig',
  section: 'wsl2',
  key: 'dnsTunneling',
  value: 'true',
  description: "Turn on DNS tunneling: WSL then asks Windows, which applies the VPN's DNS servers and NRPT rules.",
  citations: [DOCS.networking, DOCS.issue1350],
} as const;

function vpnDnsOff(failed: boolean, evidence: string[], fix: DoctorCheck['fix'] = TURN_ON_TUNNELING): DoctorCheck {
  return check(
    'symptom.vpnDns',
    failed ? 'fail' : 'warn',
    failed
      ? 'Names fail while a VPN is connected and DNS tunneling is off.'
      : "A VPN is connected and DNS tunneling is off: names that only the VPN's DNS knows will fail.",
    { evidence, fix, citations: [DOCS.networking, DOCS.issue1350, DOCS.issue416] },
  );
}

const NO_LOWER_METRIC = check('symptom.vpnMetric', 'ok', "No VPN adapter has a lower metric than WSL's.");

function lowerMetricTrafficOk(evidence: string[]): DoctorCheck {
  return check(
    'symptom.vpnMetric',
    'ok',
    "The VPN adapter has a lower metric than WSL's, but WSL's traffic gets out.",
    {
      evidence,
      citations: [DOCS.issue4277, DOCS.issue4246],
    },
  );
}

const LOCALHOST_MIRRORED = check(
  'symptom.localhostProxyNat',
  'ok',
  'Mirrored mode shares 127.0.0.1 with Windows, so a localhost proxy works.',
  { citations: [DOCS.networking] },
);

function localhostUnderNat(evidence: string[]): DoctorCheck {
  return check(
    'symptom.localhostProxyNat',
    'fail',
    'The proxy listens on 127.0.0.1 of Windows, but in NAT mode 127.0.0.1 inside WSL is WSL itself. Mirrored mode shares localhost with Windows.',
    {
      evidence,
      fix: {
        kind: 'wslconfig',
        section: 'wsl2',
        key: 'networkingMode',
        value: 'mirrored',
        description:
          'Switch to mirrored networking so WSL reaches the Windows proxy on 127.0.0.1 (autoProxy then passes it on).',
        citations: [DOCS.networking, DOCS.issue10753],
      },
      citations: [DOCS.networking, DOCS.issue10753, DOCS.issue10583],
    },
  );
}

const TURN_ON_AUTOPROXY = {
  kind: 'wslconfig',
  section: 'wsl2',
  key: 'autoProxy',
  value: 'true',
  description: "Turn on autoProxy: WSL then sets the proxy variables from Windows' settings.",
  citations: [DOCS.networking, DOCS.wslConfig],
} as const;

const PROXY_NOT_EXPORTED = 'Windows uses a proxy, but WSL has no http_proxy/https_proxy.';
const PAC_NOT_EXPORTED = 'Windows uses a PAC file; WSL only exports it as WSL_PAC_URL, which most Linux tools ignore.';

function proxyMissing(
  verdict: 'warn' | 'fail',
  summary: string,
  autoProxy: string,
  fix: DoctorCheck['fix'] = TURN_ON_AUTOPROXY,
): DoctorCheck {
  return check('symptom.proxyNotUsed', verdict, summary, {
    evidence: [`autoProxy: ${autoProxy}`],
    fix,
    citations: [DOCS.networking, DOCS.wslConfig],
  });
}

const SEE_LOCALHOST = skipProxyNotUsed('See "Proxy on 127.0.0.1 under NAT".');
const proxyVariablesPresent = (names: string[]): DoctorCheck =>
  check('symptom.proxyNotUsed', 'ok', 'WSL has proxy variables.', { evidence: names });

const NO_BLOCKING_POLICY = check('symptom.natDnsBlocked', 'ok', 'No policy blocks the NAT DNS proxy.');

function policyBlocks(failed: boolean, evidence: string[]): DoctorCheck {
  return check(
    'symptom.natDnsBlocked',
    failed ? 'fail' : 'warn',
    'A firewall policy (usually from your organisation) ignores local rules, including the ones WSL adds for its DNS proxy.',
    {
      evidence,
      fix: {
        kind: 'wslconfig',
        section: 'wsl2',
        key: 'dnsTunneling',
        value: 'true',
        description: 'Use DNS tunneling, which does not need the NAT DNS proxy.',
        citations: [DOCS.troubleshootingDns],
      },
      citations: [DOCS.troubleshootingDns, DOCS.issue4285],
    },
  );
}

function symptoms(f: DoctorFacts): DoctorCheck[] {
  return fixesForSymptoms(f, t);
}

// ---- tests -----------------------------------------------------------------------------------------

describe('symptoms without Windows facts', () => {
  it('skips every Windows-based symptom and finds no loopback proxy', () => {
    assert.deepEqual(symptoms(facts()), [
      skipVpnDns(NEEDS_WINDOWS),
      skipVpnMetric(NEEDS_WINDOWS),
      SKIP_LOCALHOST,
      skipProxyNotUsed(NEEDS_WINDOWS),
      skipNatDns(NEEDS_WINDOWS),
    ]);
  });

  it('a Windows answer without any of the queried tables still skips each symptom with its reason', () => {
    assert.deepEqual(symptoms(facts({ windows: win() })), [
      skipVpnDns(NO_VPN),
      skipVpnMetric(NEEDS_WINDOWS),
      SKIP_LOCALHOST,
      skipProxyNotUsed(NEEDS_WINDOWS),
      skipNatDns(NEEDS_WINDOWS),
    ]);
  });
});

describe('symptom.vpnDns', () => {
  // Only adapters (and NRPT): the other Windows-based symptoms skip for want of their tables.
  const withAdapters = (adapters: NetAdapter[], over: Partial<DoctorFacts> = {}, nrpt?: WindowsFacts['nrpt']) =>
    facts({ resolv: resolver('natDnsProxy'), ...over, windows: win({ adapters, ...(nrpt ? { nrpt } : {}) }) });
  const others = [
    skipVpnMetric(NEEDS_WINDOWS),
    SKIP_LOCALHOST,
    skipProxyNotUsed(NEEDS_WINDOWS),
    skipNatDns(NEEDS_WINDOWS),
  ];
  const CISCO_EVIDENCE = ['VPN: Cisco AnyConnect / Secure Client', 'resolver: natDnsProxy', 'NRPT rules: ?'];

  it('counts only VPN adapters whose status is exactly "Up" (any case)', () => {
    const cases: { status: string; vpn: boolean }[] = [
      { status: 'Up', vpn: true },
      { status: 'UP', vpn: true },
      { status: 'up', vpn: true },
      { status: 'Disconnected', vpn: false },
      { status: 'Not Present', vpn: false },
      { status: 'Backup', vpn: false }, // ends in "up", is not Up
      { status: 'Update', vpn: false }, // starts with "up", is not Up
    ];
    for (const { status, vpn } of cases) {
      assert.deepEqual(
        symptoms(withAdapters([{ ...CISCO, status }])),
        [vpn ? vpnDnsOff(false, CISCO_EVIDENCE) : skipVpnDns(NO_VPN), ...others],
        status,
      );
    }
  });

  it('an adapter that is up but no recognised VPN does not count', () => {
    assert.deepEqual(symptoms(withAdapters([WIFI])), [skipVpnDns(NO_VPN), ...others]);
  });

  it('is fine when DNS tunneling answers (Windows applies the VPN DNS and NRPT)', () => {
    assert.deepEqual(symptoms(withAdapters([CISCO], { resolv: resolver('dnsTunneling') })), [
      VPN_DNS_TUNNELED,
      ...others,
    ]);
  });

  it('lists every connected VPN, the resolver and the NRPT rule count as evidence', () => {
    const nrpt = [
      { namespaces: ['.corp.example'], nameServers: ['10.0.0.53'] },
      { namespaces: ['.lab.example'], nameServers: ['10.0.0.54'] },
    ];
    assert.deepEqual(symptoms(withAdapters([WIFI, CISCO, GLOBALPROTECT], {}, nrpt)), [
      vpnDnsOff(false, [
        'VPN: Cisco AnyConnect / Secure Client, GlobalProtect',
        'resolver: natDnsProxy',
        'NRPT rules: 2',
      ]),
      ...others,
    ]);
  });

  it('says "unknown" when resolv.conf could not be read and "?" when NRPT was not read', () => {
    assert.deepEqual(symptoms(withAdapters([CISCO], { resolv: undefined })), [
      vpnDnsOff(false, ['VPN: Cisco AnyConnect / Secure Client', 'resolver: unknown', 'NRPT rules: ?']),
      ...others,
    ]);
  });

  it('with generateResolvConf=false, the fix is to let WSL write resolv.conf (microsoft/WSL#12310)', () => {
    const letWslWrite = {
      kind: 'wslconf',
      section: 'network',
      key: 'generateResolvConf',
      value: 'true',
      description: 'Let WSL write resolv.conf, so DNS tunneling can work.',
      citations: [DOCS.issue12310],
    } as const;
    const cases: { wslConf: DoctorOptions['wslConf']; fix: DoctorCheck['fix'] }[] = [
      { wslConf: { generateResolvConf: false }, fix: letWslWrite },
      { wslConf: { generateResolvConf: true }, fix: TURN_ON_TUNNELING },
      { wslConf: {}, fix: TURN_ON_TUNNELING },
      { wslConf: undefined, fix: TURN_ON_TUNNELING },
    ];
    for (const { wslConf, fix } of cases) {
      const options: DoctorOptions = wslConf === undefined ? {} : { wslConf };
      assert.deepEqual(
        symptoms(withAdapters([CISCO], { options })),
        [vpnDnsOff(false, CISCO_EVIDENCE, fix), ...others],
        JSON.stringify(wslConf),
      );
    }
  });
});

describe('failed name lookups (symptom.vpnDns and symptom.natDnsBlocked)', () => {
  // A public name that does not exist is an answer; an internal (VPN) name that does not exist
  // is what a VPN-only DNS zone looks like from outside the VPN.
  const cases: { dns?: DnsProbeResult['outcome']; internal?: DnsProbeResult['outcome']; failed: boolean }[] = [
    { failed: false },
    { dns: 'ok', failed: false },
    { dns: 'nxdomain', failed: false },
    { dns: 'servfail', failed: true },
    { dns: 'timeout', failed: true },
    { dns: 'refused', failed: true },
    { dns: 'error', failed: true },
    { internal: 'ok', failed: false },
    { internal: 'nxdomain', failed: true },
    { internal: 'servfail', failed: true },
    { dns: 'ok', internal: 'ok', failed: false },
    { dns: 'ok', internal: 'nxdomain', failed: true },
    { dns: 'ok', internal: 'timeout', failed: true },
    { dns: 'nxdomain', internal: 'ok', failed: false },
    { dns: 'timeout', internal: 'ok', failed: true },
  ];
  for (const { dns, internal, failed } of cases) {
    it(`public ${dns ?? 'not asked'}, internal ${internal ?? 'not asked'}: ${failed ? 'fail' : 'warn'}`, () => {
      const f = facts({
        resolv: resolver('natDnsProxy'),
        dns: dns === undefined ? undefined : dnsResult(dns),
        internalDns: internal === undefined ? undefined : dnsResult(internal),
        windows: win({ adapters: [CISCO], nrpt: [], firewallProfiles: [profile('Domain', false, true)] }),
      });
      assert.deepEqual(symptoms(f), [
        vpnDnsOff(failed, ['VPN: Cisco AnyConnect / Secure Client', 'resolver: natDnsProxy', 'NRPT rules: 0']),
        skipVpnMetric(NEEDS_WINDOWS),
        SKIP_LOCALHOST,
        skipProxyNotUsed(NEEDS_WINDOWS),
        policyBlocks(failed, ['Domain: AllowLocalFirewallRules=False AllowInboundRules=True']),
      ]);
    });
  }
});

describe('symptom.vpnMetric', () => {
  // resolv says DNS tunneling, so symptom.vpnDns is 'ok' whenever a VPN is up; no firewall or
  // proxy tables, so those symptoms skip.
  function metricFacts(
    adapters: NetAdapter[],
    ipInterfaces: IpInterface[] | undefined,
    over: Partial<DoctorFacts> = {},
  ): DoctorFacts {
    return facts({
      resolv: resolver('dnsTunneling'),
      ...over,
      windows: win({ adapters, ...(ipInterfaces ? { ipInterfaces } : {}) }),
    });
  }
  const list = (vpnDns: DoctorCheck, metric: DoctorCheck): DoctorCheck[] => [
    vpnDns,
    metric,
    SKIP_LOCALHOST,
    skipProxyNotUsed(NEEDS_WINDOWS),
    skipNatDns(NEEDS_WINDOWS),
  ];
  const CISCO_IF = ipIf('Ethernet 3', 17, 1);
  const CISCO_LOWER = ['Ethernet 3 (Cisco AnyConnect / Secure Client): metric 1', `${WSL_ALIAS}: metric 5000`];

  it('needs the interface table', () => {
    assert.deepEqual(symptoms(metricFacts([CISCO], undefined)), list(VPN_DNS_TUNNELED, skipVpnMetric(NEEDS_WINDOWS)));
  });

  it('applies in NAT only: the mode comes from wslinfo, else from .wslconfig, else NAT', () => {
    const cases: { options: DoctorOptions; applies: boolean }[] = [
      { options: {}, applies: true },
      { options: { mode: 'nat' }, applies: true },
      { options: { mode: 'mirrored' }, applies: false },
      { options: { wslConfig: { networkingMode: 'mirrored' } }, applies: false },
      { options: { wslConfig: { networkingMode: 'nat' } }, applies: true },
      { options: { wslConfig: {} }, applies: true },
      // The running mode wins over what .wslconfig asks for (e.g. a mirrored fallback to NAT).
      { options: { mode: 'nat', wslConfig: { networkingMode: 'mirrored' } }, applies: true },
      { options: { mode: 'mirrored', wslConfig: { networkingMode: 'nat' } }, applies: false },
    ];
    for (const { options, applies } of cases) {
      assert.deepEqual(
        symptoms(metricFacts([CISCO], [WSL_IF, CISCO_IF], { options })),
        list(VPN_DNS_TUNNELED, applies ? lowerMetricTrafficOk(CISCO_LOWER) : skipVpnMetric(ONLY_NAT)),
        JSON.stringify(options),
      );
    }
  });

  it('needs a connected VPN', () => {
    assert.deepEqual(
      symptoms(metricFacts([WIFI, { ...CISCO, status: 'Disconnected' }], [WSL_IF, CISCO_IF])),
      list(skipVpnDns(NO_VPN), skipVpnMetric(NO_VPN)),
    );
  });

  it('compares the VPN metric with WSL: below is lower; equal and above are not', () => {
    const cases: { metric: number; lower: boolean }[] = [
      { metric: 4999, lower: true },
      { metric: 5000, lower: false },
      { metric: 5001, lower: false },
    ];
    for (const { metric, lower } of cases) {
      assert.deepEqual(
        symptoms(metricFacts([CISCO], [WSL_IF, ipIf('Ethernet 3', 17, metric)])),
        list(
          VPN_DNS_TUNNELED,
          lower
            ? lowerMetricTrafficOk([
                `Ethernet 3 (Cisco AnyConnect / Secure Client): metric ${metric}`,
                `${WSL_ALIAS}: metric 5000`,
              ])
            : NO_LOWER_METRIC,
        ),
        String(metric),
      );
    }
  });

  it("when WSL's traffic does not get out, fails and offers the metric fix with its undo", () => {
    const f = metricFacts([CISCO], [WSL_IF, CISCO_IF], { tcp: { outcome: 'timeout', durationMs: 2500 } });
    const fix = vpnMetricFix({ interfaceIndex: 17, alias: 'Ethernet 3', oldMetric: 1, oldAutomatic: false }, t);
    // The command as the user sees it: the VPN adapter (index 17) gets metric 6000; undo restores 1.
    assert.equal(fix.apply.script, 'Set-NetIPInterface -InterfaceIndex 17 -AddressFamily IPv4 -InterfaceMetric 6000');
    assert.deepEqual(fix.undoRecipe, {
      kind: 'restoreInterfaceMetric',
      interfaceIndex: 17,
      alias: 'Ethernet 3',
      oldMetric: 1,
    });
    assert.deepEqual(
      symptoms(f),
      list(
        VPN_DNS_TUNNELED,
        check(
          'symptom.vpnMetric',
          'fail',
          'The VPN adapter "Ethernet 3" has a lower metric (1) than WSL\'s adapter and WSL\'s traffic does not get out.',
          { evidence: CISCO_LOWER, fix, citations: [DOCS.issue4277, DOCS.issue4246] },
        ),
      ),
    );
  });

  it('an automatic VPN metric is shown as such, and the undo gives the automatic metric back', () => {
    const f = metricFacts([CISCO], [WSL_IF, ipIf('Ethernet 3', 17, 25, true)], {
      tcp: { outcome: 'unreachable', durationMs: 1 },
    });
    const fix = vpnMetricFix({ interfaceIndex: 17, alias: 'Ethernet 3', oldMetric: 25, oldAutomatic: true }, t);
    assert.deepEqual(fix.undoRecipe, { kind: 'restoreInterfaceMetric', interfaceIndex: 17, alias: 'Ethernet 3' });
    assert.deepEqual(
      symptoms(f),
      list(
        VPN_DNS_TUNNELED,
        check(
          'symptom.vpnMetric',
          'fail',
          'The VPN adapter "Ethernet 3" has a lower metric (25) than WSL\'s adapter and WSL\'s traffic does not get out.',
          {
            evidence: [
              'Ethernet 3 (Cisco AnyConnect / Secure Client): metric 25 (automatic)',
              `${WSL_ALIAS}: metric 5000`,
            ],
            fix,
            citations: [DOCS.issue4277, DOCS.issue4246],
          },
        ),
      ),
    );
  });

  it("without WSL's adapter (or its metric) any VPN metric counts as lower", () => {
    assert.deepEqual(
      symptoms(metricFacts([CISCO], [ipIf('Wi-Fi', 12, 35), CISCO_IF])),
      list(
        VPN_DNS_TUNNELED,
        lowerMetricTrafficOk(['Ethernet 3 (Cisco AnyConnect / Secure Client): metric 1', 'vEthernet (WSL): metric ?']),
      ),
    );
    assert.deepEqual(
      symptoms(metricFacts([CISCO], [ipIf('vEthernet (WSL)', 40, undefined), ipIf('Ethernet 3', 17, 9000)])),
      list(
        VPN_DNS_TUNNELED,
        lowerMetricTrafficOk([
          'Ethernet 3 (Cisco AnyConnect / Secure Client): metric 9000',
          'vEthernet (WSL): metric ?',
        ]),
      ),
    );
  });

  it("WSL's adapter is the one whose alias starts with vEthernet (WSL", () => {
    const interfaces = [
      ipIf('Bridge to vEthernet (WSL)', 50, 10), // not WSL's adapter: the name only contains it
      ipIf('vEthernet (Default Switch)', 51, 15),
      WSL_IF,
      ipIf('Ethernet 3', 17, 100),
    ];
    assert.deepEqual(
      symptoms(metricFacts([CISCO], interfaces)),
      list(
        VPN_DNS_TUNNELED,
        lowerMetricTrafficOk([
          'Ethernet 3 (Cisco AnyConnect / Secure Client): metric 100',
          `${WSL_ALIAS}: metric 5000`,
        ]),
      ),
    );
  });

  it("finds the VPN's interface row by index even when its alias differs", () => {
    assert.deepEqual(
      symptoms(metricFacts([CISCO], [WSL_IF, ipIf('Cisco VPN', 17, 2)])),
      list(
        VPN_DNS_TUNNELED,
        lowerMetricTrafficOk(['Cisco VPN (Cisco AnyConnect / Secure Client): metric 2', `${WSL_ALIAS}: metric 5000`]),
      ),
    );
  });

  it('finds the row by alias when the adapter has no index, and never matches an index-less row by index', () => {
    const noIndex: NetAdapter = { ...CISCO, interfaceIndex: undefined };
    // The first row has no index either: "undefined === undefined" must not make it the VPN's row.
    const interfaces = [ipIf('Loopback Pseudo-Interface 1', undefined, 75), WSL_IF, CISCO_IF];
    assert.deepEqual(
      symptoms(metricFacts([noIndex], interfaces)),
      list(VPN_DNS_TUNNELED, lowerMetricTrafficOk(CISCO_LOWER)),
    );
  });

  it('a row with the same alias but another index is still the VPN row (name match)', () => {
    assert.deepEqual(
      symptoms(metricFacts([CISCO], [WSL_IF, ipIf('Ethernet 3', 99, 3)])),
      list(
        VPN_DNS_TUNNELED,
        lowerMetricTrafficOk(['Ethernet 3 (Cisco AnyConnect / Secure Client): metric 3', `${WSL_ALIAS}: metric 5000`]),
      ),
    );
  });

  it('a VPN row without an interface index still shows the lower metric, with no command to change it', () => {
    // Found by this suite: the check used to skip such a row and claim no VPN was lower.
    const f = metricFacts([{ ...CISCO, interfaceIndex: undefined }], [WSL_IF, ipIf('Ethernet 3', undefined, 1)], {
      tcp: { outcome: 'timeout', durationMs: 2500 },
    });
    assert.deepEqual(
      symptoms(f),
      list(
        VPN_DNS_TUNNELED,
        check(
          'symptom.vpnMetric',
          'fail',
          'The VPN adapter "Ethernet 3" has a lower metric (1) than WSL\'s adapter and WSL\'s traffic does not get out.',
          { evidence: CISCO_LOWER, citations: [DOCS.issue4277, DOCS.issue4246] },
        ),
      ),
    );
  });

  it('a VPN without an interface row or without a metric is not found lower', () => {
    const cases: { name: string; interfaces: IpInterface[] }[] = [
      { name: 'no row', interfaces: [WSL_IF, ipIf('Wi-Fi', 12, 35)] },
      { name: 'no metric', interfaces: [ipIf('Ethernet 3', 17, undefined)] },
    ];
    for (const { name, interfaces } of cases) {
      assert.deepEqual(symptoms(metricFacts([CISCO], interfaces)), list(VPN_DNS_TUNNELED, NO_LOWER_METRIC), name);
    }
  });

  it('reports the first VPN whose metric is lower, after one that is not', () => {
    const interfaces = [WSL_IF, ipIf('Ethernet 3', 17, 5000), ipIf('Ethernet 4', 21, 10)];
    assert.deepEqual(
      symptoms(metricFacts([CISCO, GLOBALPROTECT], interfaces)),
      list(
        VPN_DNS_TUNNELED,
        lowerMetricTrafficOk(['Ethernet 4 (GlobalProtect): metric 10', `${WSL_ALIAS}: metric 5000`]),
      ),
    );
  });
});

describe('symptom.localhostProxyNat', () => {
  it('a loopback http_proxy in NAT mode fails and suggests mirrored mode', () => {
    assert.deepEqual(symptoms(facts({ proxyVariables: [variable('http_proxy', '127.0.0.1', 7890)] })), [
      skipVpnDns(NEEDS_WINDOWS),
      skipVpnMetric(NEEDS_WINDOWS),
      localhostUnderNat(['http_proxy: 127.0.0.1:7890']),
      skipProxyNotUsed(NEEDS_WINDOWS),
      skipNatDns(NEEDS_WINDOWS),
    ]);
  });

  it('takes the first loopback proxy variable, passing over no_proxy and remote proxies', () => {
    const proxyVariables = [
      NO_PROXY_VAR,
      variable('http_proxy', '10.0.0.5'),
      variable('HTTPS_PROXY', 'localhost', 8080),
      variable('HTTP_PROXY', '127.0.0.2', 1080),
    ];
    assert.deepEqual(
      symptoms(facts({ proxyVariables, proxyProbe: { outcome: 'refused', durationMs: 1, detail: 'ECONNREFUSED' } })),
      [
        skipVpnDns(NEEDS_WINDOWS),
        skipVpnMetric(NEEDS_WINDOWS),
        localhostUnderNat(['HTTPS_PROXY: localhost:8080', 'proxy probe: refused']),
        skipProxyNotUsed(NEEDS_WINDOWS),
        skipNatDns(NEEDS_WINDOWS),
      ],
    );
  });

  it('near misses: no_proxy, a remote proxy and a loopback WSL_PAC_URL are not a loopback proxy', () => {
    const proxyVariables = [
      NO_PROXY_VAR,
      variable('http_proxy', '10.0.0.5'),
      variable('WSL_PAC_URL', '127.0.0.1', 9000),
    ];
    assert.deepEqual(symptoms(facts({ proxyVariables })), [
      skipVpnDns(NEEDS_WINDOWS),
      skipVpnMetric(NEEDS_WINDOWS),
      SKIP_LOCALHOST,
      skipProxyNotUsed(NEEDS_WINDOWS),
      skipNatDns(NEEDS_WINDOWS),
    ]);
  });

  it("WSL's own warning alone is enough (microsoft/WSL#10753)", () => {
    const windows = win({
      wslEvents: [
        { time: undefined, message: 'Something else happened.', kind: 'other' },
        {
          time: '2026-01-01T00:00:00Z',
          message: 'A localhost proxy configuration was detected but not mirrored into WSL.',
          kind: 'localhostProxyNotMirrored',
        },
      ],
    });
    assert.deepEqual(symptoms(facts({ windows })), [
      skipVpnDns(NO_VPN),
      skipVpnMetric(NEEDS_WINDOWS),
      localhostUnderNat(['WSL event: localhost proxy configuration was not mirrored']),
      skipProxyNotUsed(NEEDS_WINDOWS),
      skipNatDns(NEEDS_WINDOWS),
    ]);
  });

  it('other WSL warnings are not that warning', () => {
    const windows = win({
      wslEvents: [{ time: undefined, message: 'Mirrored networking mode is not supported.', kind: 'mirroredFallback' }],
    });
    assert.deepEqual(symptoms(facts({ windows })), [
      skipVpnDns(NO_VPN),
      skipVpnMetric(NEEDS_WINDOWS),
      SKIP_LOCALHOST,
      skipProxyNotUsed(NEEDS_WINDOWS),
      skipNatDns(NEEDS_WINDOWS),
    ]);
  });

  it("Windows' loopback proxy alone is enough; symptom.proxyNotUsed then points here", () => {
    const windowsProxy = proxy({
      servers: [
        { scheme: 'http', host: 'proxy.corp.example', port: 8080 },
        { scheme: 'https', host: '127.0.0.1', port: 7890 },
      ],
    });
    assert.deepEqual(symptoms(facts({ windows: win({ proxy: windowsProxy }) })), [
      skipVpnDns(NO_VPN),
      skipVpnMetric(NEEDS_WINDOWS),
      localhostUnderNat(['Windows proxy: 127.0.0.1:7890']),
      SEE_LOCALHOST,
      skipNatDns(NEEDS_WINDOWS),
    ]);
  });

  it('a Windows loopback proxy without a port is shown as the host alone', () => {
    const windowsProxy = proxy({ servers: [{ scheme: undefined, host: 'localhost', port: undefined }] });
    assert.deepEqual(symptoms(facts({ windows: win({ proxy: windowsProxy }) })), [
      skipVpnDns(NO_VPN),
      skipVpnMetric(NEEDS_WINDOWS),
      localhostUnderNat(['Windows proxy: localhost']),
      SEE_LOCALHOST,
      skipNatDns(NEEDS_WINDOWS),
    ]);
  });

  it('a disabled Windows proxy on loopback (PAC in use) is not a loopback proxy', () => {
    const windowsProxy = proxy({
      enabled: false,
      hasPac: true,
      pacHost: 'wpad.corp.example',
      servers: [{ scheme: undefined, host: '127.0.0.1', port: 7890 }],
    });
    assert.deepEqual(symptoms(facts({ windows: win({ proxy: windowsProxy }) })), [
      skipVpnDns(NO_VPN),
      skipVpnMetric(NEEDS_WINDOWS),
      SKIP_LOCALHOST,
      proxyMissing('warn', PAC_NOT_EXPORTED, 'not set'),
      skipNatDns(NEEDS_WINDOWS),
    ]);
  });

  it('lists Windows proxy, Linux variable, WSL warning and probe in that order', () => {
    const windows = win({
      proxy: proxy({ servers: [{ scheme: undefined, host: '127.0.0.1', port: 10809 }] }),
      wslEvents: [{ time: undefined, message: 'localhost proxy…', kind: 'localhostProxyNotMirrored' }],
    });
    const f = facts({
      windows,
      proxyVariables: [variable('https_proxy', '127.0.0.1', 10809)],
      proxyProbe: { outcome: 'timeout', durationMs: 2500 },
    });
    assert.deepEqual(symptoms(f), [
      skipVpnDns(NO_VPN),
      skipVpnMetric(NEEDS_WINDOWS),
      localhostUnderNat([
        'Windows proxy: 127.0.0.1:10809',
        'https_proxy: 127.0.0.1:10809',
        'WSL event: localhost proxy configuration was not mirrored',
        'proxy probe: timeout',
      ]),
      proxyVariablesPresent(['https_proxy']),
      skipNatDns(NEEDS_WINDOWS),
    ]);
  });

  it('in mirrored mode a localhost proxy works; symptom.proxyNotUsed then judges the proxy itself', () => {
    const windows = win({ proxy: proxy({ servers: [{ scheme: undefined, host: '127.0.0.1', port: 7890 }] }) });
    const cases: DoctorOptions[] = [{ mode: 'mirrored' }, { wslConfig: { networkingMode: 'mirrored' } }];
    for (const options of cases) {
      assert.deepEqual(
        symptoms(facts({ windows, options })),
        [
          skipVpnDns(NO_VPN),
          skipVpnMetric(NEEDS_WINDOWS),
          LOCALHOST_MIRRORED,
          proxyMissing('warn', PROXY_NOT_EXPORTED, 'not set'),
          skipNatDns(NEEDS_WINDOWS),
        ],
        JSON.stringify(options),
      );
    }
    assert.deepEqual(
      symptoms(facts({ options: { mode: 'mirrored' }, proxyVariables: [variable('http_proxy', '::1', 7890)] })),
      [
        skipVpnDns(NEEDS_WINDOWS),
        skipVpnMetric(NEEDS_WINDOWS),
        LOCALHOST_MIRRORED,
        skipProxyNotUsed(NEEDS_WINDOWS),
        skipNatDns(NEEDS_WINDOWS),
      ],
    );
  });
});

describe('symptom.localhostProxyNat outside NAT and mirrored mode', () => {
  const loopback = [variable('http_proxy', '127.0.0.1', 7890)];
  it('WSL 1 shares 127.0.0.1 with Windows: ok, in its own words', () => {
    assert.deepEqual(symptoms(facts({ options: { mode: 'wsl1' }, proxyVariables: loopback })), [
      skipVpnDns(NEEDS_WINDOWS),
      skipVpnMetric(NEEDS_WINDOWS),
      check('symptom.localhostProxyNat', 'ok', 'WSL 1 shares 127.0.0.1 with Windows, so a localhost proxy works.', {
        citations: [DOCS.networking],
      }),
      skipProxyNotUsed(NEEDS_WINDOWS),
      skipNatDns(NEEDS_WINDOWS),
    ]);
  });

  it('none and virtioproxy are neither NAT nor mirrored: the symptom does not apply (it used to say "Mirrored mode…")', () => {
    for (const mode of ['none', 'virtioproxy']) {
      assert.deepEqual(
        symptoms(facts({ options: { mode }, proxyVariables: loopback }))[2],
        check('symptom.localhostProxyNat', 'skip', ONLY_NAT),
        mode,
      );
    }
  });

  it('the evidence writes a proxy variable as host[:port]: no trailing colon without a port, IPv6 in brackets', () => {
    const evidenceOf = (v: ProxyVariableFact): readonly string[] | undefined =>
      symptoms(facts({ proxyVariables: [v] }))[2]?.evidence;
    assert.deepEqual(
      evidenceOf({
        name: 'http_proxy',
        endpoint: { scheme: 'socks5', host: 'localhost', port: undefined, hadCredentials: false },
      }),
      ['http_proxy: localhost'],
    );
    assert.deepEqual(evidenceOf(variable('https_proxy', '::1', 7890)), ['https_proxy: [::1]:7890']);
  });
});

describe('symptom.proxyNotUsed', () => {
  const withProxy = (windowsProxy: WindowsProxyFacts, over: Partial<DoctorFacts> = {}): DoctorFacts =>
    facts({ ...over, windows: win({ proxy: windowsProxy }) });
  const list = (proxyCheck: DoctorCheck): DoctorCheck[] => [
    skipVpnDns(NO_VPN),
    skipVpnMetric(NEEDS_WINDOWS),
    SKIP_LOCALHOST,
    proxyCheck,
    skipNatDns(NEEDS_WINDOWS),
  ];

  it('applies when Windows uses a proxy server, a PAC file, or both; not when it uses neither', () => {
    const cases: { enabled: boolean; hasPac: boolean; expected: DoctorCheck }[] = [
      { enabled: false, hasPac: false, expected: skipProxyNotUsed('Windows uses no proxy.') },
      { enabled: true, hasPac: false, expected: proxyMissing('warn', PROXY_NOT_EXPORTED, 'not set') },
      { enabled: false, hasPac: true, expected: proxyMissing('warn', PAC_NOT_EXPORTED, 'not set') },
      { enabled: true, hasPac: true, expected: proxyMissing('warn', PROXY_NOT_EXPORTED, 'not set') },
    ];
    for (const { enabled, hasPac, expected } of cases) {
      const windowsProxy = { ...CORP_PROXY, enabled, hasPac, pacHost: hasPac ? 'wpad.corp.example' : undefined };
      assert.deepEqual(symptoms(withProxy(windowsProxy)), list(expected), `enabled ${enabled}, PAC ${hasPac}`);
    }
  });

  it("fails rather than warns when WSL's traffic does not get out", () => {
    assert.deepEqual(
      symptoms(withProxy(CORP_PROXY, { tcp: { outcome: 'refused', durationMs: 1 } })),
      list(proxyMissing('fail', PROXY_NOT_EXPORTED, 'not set')),
    );
  });

  it('offers autoProxy=true unless autoProxy is already on', () => {
    const cases: { autoProxy: boolean | undefined; expected: DoctorCheck }[] = [
      { autoProxy: undefined, expected: proxyMissing('warn', PROXY_NOT_EXPORTED, 'not set') },
      { autoProxy: false, expected: proxyMissing('warn', PROXY_NOT_EXPORTED, 'false') },
      {
        autoProxy: true,
        expected: check('symptom.proxyNotUsed', 'warn', PROXY_NOT_EXPORTED, {
          evidence: ['autoProxy: true'],
          citations: [DOCS.networking, DOCS.wslConfig],
        }),
      },
    ];
    for (const { autoProxy, expected } of cases) {
      const options: DoctorOptions = { wslConfig: autoProxy === undefined ? {} : { autoProxy } };
      assert.deepEqual(symptoms(withProxy(CORP_PROXY, { options })), list(expected), String(autoProxy));
    }
  });

  it('each proxy variable autoProxy sets counts; no_proxy alone does not', () => {
    const counts: ProxyVariableFact['name'][] = [
      'http_proxy',
      'https_proxy',
      'HTTP_PROXY',
      'HTTPS_PROXY',
      'WSL_PAC_URL',
    ];
    for (const name of counts) {
      assert.deepEqual(
        symptoms(withProxy(CORP_PROXY, { proxyVariables: [variable(name, 'proxy.corp.example', 8080)] })),
        list(proxyVariablesPresent([name])),
        name,
      );
    }
    for (const noProxy of [NO_PROXY_VAR, { ...NO_PROXY_VAR, name: 'NO_PROXY' as const }]) {
      assert.deepEqual(
        symptoms(withProxy(CORP_PROXY, { proxyVariables: [noProxy] })),
        list(proxyMissing('warn', PROXY_NOT_EXPORTED, 'not set')),
        noProxy.name,
      );
    }
  });

  it('lists every proxy variable name as evidence once one counts', () => {
    const proxyVariables = [NO_PROXY_VAR, variable('https_proxy', 'proxy.corp.example', 8080)];
    assert.deepEqual(
      symptoms(withProxy(CORP_PROXY, { proxyVariables })),
      list(proxyVariablesPresent(['no_proxy', 'https_proxy'])),
    );
  });
});

describe('symptom.natDnsBlocked', () => {
  const withProfiles = (profiles: FirewallProfileFacts[], over: Partial<DoctorFacts> = {}): DoctorFacts =>
    facts({ resolv: resolver('natDnsProxy'), ...over, windows: win({ firewallProfiles: profiles }) });
  const list = (natCheck: DoctorCheck): DoctorCheck[] => [
    skipVpnDns(NO_VPN),
    skipVpnMetric(NEEDS_WINDOWS),
    SKIP_LOCALHOST,
    skipProxyNotUsed(NEEDS_WINDOWS),
    natCheck,
  ];

  it('NotConfigured (undefined) and True allow local rules: nothing blocks', () => {
    const profiles = [
      profile('Domain', undefined, undefined),
      profile('Private', true, true),
      profile('Public', true, undefined),
    ];
    assert.deepEqual(symptoms(withProfiles(profiles)), list(NO_BLOCKING_POLICY));
    assert.deepEqual(symptoms(withProfiles([])), list(NO_BLOCKING_POLICY));
  });

  it('AllowLocalFirewallRules=False or AllowInboundRules=False each block, profile by profile', () => {
    const profiles = [profile('Domain', false, true), profile('Private', true, true), profile('Public', true, false)];
    assert.deepEqual(
      symptoms(withProfiles(profiles)),
      list(
        policyBlocks(false, [
          'Domain: AllowLocalFirewallRules=False AllowInboundRules=True',
          'Public: AllowLocalFirewallRules=True AllowInboundRules=False',
        ]),
      ),
    );
  });

  it('a failed lookup turns the warning into a failure', () => {
    assert.deepEqual(
      symptoms(withProfiles([profile('Public', false, false)], { dns: dnsResult('timeout') })),
      list(policyBlocks(true, ['Public: AllowLocalFirewallRules=False AllowInboundRules=False'])),
    );
  });

  it('still applies when resolv.conf could not be read', () => {
    assert.deepEqual(
      symptoms(withProfiles([profile('Domain', false, true)], { resolv: undefined })),
      list(policyBlocks(false, ['Domain: AllowLocalFirewallRules=False AllowInboundRules=True'])),
    );
  });

  it('does not apply in mirrored mode or with DNS tunneling (no NAT DNS proxy then)', () => {
    const blocking = [profile('Domain', false, false)];
    assert.deepEqual(symptoms(withProfiles(blocking, { options: { mode: 'mirrored' } })), list(skipNatDns(ONLY_NAT)));
    assert.deepEqual(
      symptoms(withProfiles(blocking, { options: { wslConfig: { networkingMode: 'mirrored' } } })),
      list(skipNatDns(ONLY_NAT)),
    );
    assert.deepEqual(
      symptoms(withProfiles(blocking, { resolv: resolver('dnsTunneling') })),
      list(skipNatDns('DNS tunneling does not use the NAT DNS proxy.')),
    );
  });
});
