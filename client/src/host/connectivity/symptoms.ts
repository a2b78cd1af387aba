// Verdicts per symptom, each with the documented fix and the page or issue that supports it.
// A symptom that does not apply is reported as 'skip' with the reason, so the report shows
// what was considered, not only what went wrong.
import type { Localize } from '../localize';
import type { DoctorFacts } from './doctor';
import { vpnMetricFix, wslConfFix, wslConfigFix } from './fixes';
import { hostWithPort } from '../ipAddress';
import { isLoopbackHost } from './proxyEnvironment';
import { DOCS, type DoctorCheck } from './types';
import { describeGpoBoolean } from './windowsParsers';

export function fixesForSymptoms(facts: DoctorFacts, t: Localize): DoctorCheck[] {
  return [
    vpnDns(facts, t),
    vpnMetric(facts, t),
    localhostProxyUnderNat(facts, t),
    proxyNotUsed(facts, t),
    natDnsBlocked(facts, t),
  ];
}

function mode(facts: DoctorFacts): string {
  return facts.options.mode ?? facts.options.wslConfig?.networkingMode ?? 'nat';
}

function connectedVpns(facts: DoctorFacts): NonNullable<NonNullable<DoctorFacts['windows']>['adapters']> {
  return (facts.windows?.adapters ?? []).filter((adapter) => adapter.vpn !== undefined && /^up$/i.test(adapter.status));
}

function dnsFailed(facts: DoctorFacts): boolean {
  const failed = (r: DoctorFacts['dns']): boolean => r !== undefined && r.outcome !== 'ok' && r.outcome !== 'nxdomain';
  return failed(facts.dns) || failed(facts.internalDns) || facts.internalDns?.outcome === 'nxdomain';
}

const skip = (id: DoctorCheck['id'], title: string, summary: string): DoctorCheck => ({
  id,
  title,
  verdict: 'skip',
  summary,
  evidence: [],
  citations: [],
});

/** VPN DNS (NRPT, VPN-only servers) reaches WSL only through DNS tunneling (docs: networking, DNS tunneling). */
function vpnDns(facts: DoctorFacts, t: Localize): DoctorCheck {
  const title = t('VPN DNS reaching WSL');
  const vpns = connectedVpns(facts);
  if (facts.windows === undefined) return skip('symptom.vpnDns', title, t('Needs the Windows facts.'));
  if (vpns.length === 0) return skip('symptom.vpnDns', title, t('No connected VPN.'));
  if (facts.resolv?.resolver === 'dnsTunneling')
    return {
      id: 'symptom.vpnDns',
      title,
      verdict: 'ok',
      summary: t('DNS tunneling is on: Windows resolves names for WSL, VPN rules included.'),
      evidence: [],
      citations: [DOCS.networking],
    };
  const failed = dnsFailed(facts);
  const evidence = [
    `VPN: ${vpns.map((v) => v.vpn).join(', ')}`,
    `resolver: ${facts.resolv?.resolver ?? 'unknown'}`,
    `NRPT rules: ${facts.windows.nrpt?.length ?? '?'}`,
  ];
  const fix =
    facts.options.wslConf?.generateResolvConf === false
      ? wslConfFix(
          'network',
          'generateResolvConf',
          'true',
          t('Let WSL write resolv.conf, so DNS tunneling can work.'),
          [DOCS.issue12310],
        )
      : wslConfigFix(
          'wsl2',
          'dnsTunneling',
          'true',
          t("Turn on DNS tunneling: WSL then asks Windows, which applies the VPN's DNS servers and NRPT rules."),
          [DOCS.networking, DOCS.issue1350],
        );
  return {
    id: 'symptom.vpnDns',
    title,
    verdict: failed ? 'fail' : 'warn',
    summary: failed
      ? t('Names fail while a VPN is connected and DNS tunneling is off.')
      : t("A VPN is connected and DNS tunneling is off: names that only the VPN's DNS knows will fail."),
    evidence,
    fix,
    citations: [DOCS.networking, DOCS.issue1350, DOCS.issue416],
  };
}

/** In NAT, a VPN adapter with a lower metric than WSL's adapter captures WSL's subnet (microsoft/WSL#4277). */
function vpnMetric(facts: DoctorFacts, t: Localize): DoctorCheck {
  const title = t("VPN route taking WSL's traffic");
  if (facts.windows?.ipInterfaces === undefined) return skip('symptom.vpnMetric', title, t('Needs the Windows facts.'));
  if (mode(facts) !== 'nat') return skip('symptom.vpnMetric', title, t('Only applies in NAT mode.'));
  const vpns = connectedVpns(facts);
  if (vpns.length === 0) return skip('symptom.vpnMetric', title, t('No connected VPN.'));
  const interfaces = facts.windows.ipInterfaces;
  const wsl = interfaces.find((row) => /^vEthernet \(WSL/i.test(row.alias));
  for (const vpn of vpns) {
    const row = interfaces.find(
      (r) => (vpn.interfaceIndex !== undefined && r.interfaceIndex === vpn.interfaceIndex) || r.alias === vpn.name,
    );
    if (row?.metric === undefined) continue;
    const lower = wsl?.metric === undefined || row.metric < wsl.metric;
    if (!lower) continue;
    const evidence = [
      `${row.alias} (${vpn.vpn}): metric ${row.metric}${row.automaticMetric ? ' (automatic)' : ''}`,
      `${wsl?.alias ?? 'vEthernet (WSL)'}: metric ${wsl?.metric ?? '?'}`,
    ];
    const trafficFails = facts.tcp.outcome !== 'ok';
    return {
      id: 'symptom.vpnMetric',
      title,
      verdict: trafficFails ? 'fail' : 'ok',
      summary: trafficFails
        ? t(
            'The VPN adapter "{0}" has a lower metric ({1}) than WSL\'s adapter and WSL\'s traffic does not get out.',
            row.alias,
            row.metric,
          )
        : t("The VPN adapter has a lower metric than WSL's, but WSL's traffic gets out."),
      evidence,
      // The fix names the adapter by its index; a row without one still shows the symptom, without a command.
      ...(trafficFails && row.interfaceIndex !== undefined
        ? {
            fix: vpnMetricFix(
              {
                interfaceIndex: row.interfaceIndex,
                alias: row.alias,
                oldMetric: row.metric,
                oldAutomatic: row.automaticMetric,
              },
              t,
            ),
          }
        : {}),
      citations: [DOCS.issue4277, DOCS.issue4246],
    };
  }
  return {
    id: 'symptom.vpnMetric',
    title,
    verdict: 'ok',
    summary: t("No VPN adapter has a lower metric than WSL's."),
    evidence: [],
    citations: [],
  };
}

function windowsLoopbackProxy(facts: DoctorFacts): string | undefined {
  const proxy = facts.windows?.proxy;
  if (!proxy?.enabled) return undefined;
  const server = proxy.servers.find((s) => isLoopbackHost(s.host));
  return server ? hostWithPort(server.host, server.port) : undefined;
}

/** 127.0.0.1 inside a NAT-mode WSL is WSL itself, not Windows (microsoft/WSL#10753; docs: mirrored mode). */
function localhostProxyUnderNat(facts: DoctorFacts, t: Localize): DoctorCheck {
  const title = t('Proxy on 127.0.0.1 under NAT');
  const linuxLoopback = facts.proxyVariables.find(
    (v) => v.endpoint !== undefined && isLoopbackHost(v.endpoint.host) && v.name !== 'WSL_PAC_URL',
  );
  const windowsLoopback = windowsLoopbackProxy(facts);
  const warned = facts.windows?.wslEvents?.some((e) => e.kind === 'localhostProxyNotMirrored') ?? false;
  if (linuxLoopback === undefined && windowsLoopback === undefined && !warned)
    return skip('symptom.localhostProxyNat', title, t('No proxy on a loopback address.'));
  const networking = mode(facts);
  // Mirrored mode and WSL 1 share 127.0.0.1 with Windows; in the other modes (none, virtioproxy)
  // this NAT symptom says nothing.
  if (networking !== 'nat' && networking !== 'mirrored' && networking !== 'wsl1')
    return skip('symptom.localhostProxyNat', title, t('Only applies in NAT mode.'));
  if (networking !== 'nat')
    return {
      id: 'symptom.localhostProxyNat',
      title,
      verdict: 'ok',
      summary:
        networking === 'wsl1'
          ? t('WSL 1 shares 127.0.0.1 with Windows, so a localhost proxy works.')
          : t('Mirrored mode shares 127.0.0.1 with Windows, so a localhost proxy works.'),
      evidence: [],
      citations: [DOCS.networking],
    };
  const evidence = [
    ...(windowsLoopback ? [`Windows proxy: ${windowsLoopback}`] : []),
    ...(linuxLoopback?.endpoint
      ? [`${linuxLoopback.name}: ${hostWithPort(linuxLoopback.endpoint.host, linuxLoopback.endpoint.port)}`]
      : []),
    ...(warned ? ['WSL event: localhost proxy configuration was not mirrored'] : []),
    ...(facts.proxyProbe ? [`proxy probe: ${facts.proxyProbe.outcome}`] : []),
  ];
  return {
    id: 'symptom.localhostProxyNat',
    title,
    verdict: 'fail',
    summary: t(
      'The proxy listens on 127.0.0.1 of Windows, but in NAT mode 127.0.0.1 inside WSL is WSL itself. Mirrored mode shares localhost with Windows.',
    ),
    evidence,
    fix: wslConfigFix(
      'wsl2',
      'networkingMode',
      'mirrored',
      t('Switch to mirrored networking so WSL reaches the Windows proxy on 127.0.0.1 (autoProxy then passes it on).'),
      [DOCS.networking, DOCS.issue10753],
    ),
    citations: [DOCS.networking, DOCS.issue10753, DOCS.issue10583],
  };
}

/** Windows has a proxy, WSL's environment has none: autoProxy hands it over (docs: networking, Auto Proxy). */
function proxyNotUsed(facts: DoctorFacts, t: Localize): DoctorCheck {
  const title = t('Windows proxy used in WSL');
  const proxy = facts.windows?.proxy;
  if (proxy === undefined) return skip('symptom.proxyNotUsed', title, t('Needs the Windows facts.'));
  if (!proxy.enabled && !proxy.hasPac) return skip('symptom.proxyNotUsed', title, t('Windows uses no proxy.'));
  const linuxHas = facts.proxyVariables.some((v) => /^(https?_proxy|HTTPS?_PROXY|WSL_PAC_URL)$/.test(v.name));
  if (linuxHas)
    return {
      id: 'symptom.proxyNotUsed',
      title,
      verdict: 'ok',
      summary: t('WSL has proxy variables.'),
      evidence: facts.proxyVariables.map((v) => v.name),
      citations: [],
    };
  if (windowsLoopbackProxy(facts) !== undefined && mode(facts) === 'nat')
    return skip('symptom.proxyNotUsed', title, t('See "Proxy on 127.0.0.1 under NAT".'));
  const autoProxyOff = facts.options.wslConfig?.autoProxy === false;
  const pacOnly = !proxy.enabled && proxy.hasPac;
  return {
    id: 'symptom.proxyNotUsed',
    title,
    verdict: facts.tcp.outcome === 'ok' ? 'warn' : 'fail',
    summary: pacOnly
      ? t('Windows uses a PAC file; WSL only exports it as WSL_PAC_URL, which most Linux tools ignore.')
      : t('Windows uses a proxy, but WSL has no http_proxy/https_proxy.'),
    evidence: [
      `autoProxy: ${facts.options.wslConfig?.autoProxy === undefined ? 'not set' : String(facts.options.wslConfig.autoProxy)}`,
    ],
    ...(autoProxyOff || facts.options.wslConfig?.autoProxy === undefined
      ? {
          fix: wslConfigFix(
            'wsl2',
            'autoProxy',
            'true',
            t("Turn on autoProxy: WSL then sets the proxy variables from Windows' settings."),
            [DOCS.networking, DOCS.wslConfig],
          ),
        }
      : {}),
    citations: [DOCS.networking, DOCS.wslConfig],
  };
}

/** "AllowLocalFirewallRules=False / AllowInboundRules=False block the NAT DNS proxy → use DNS tunneling" (docs: Troubleshooting DNS). */
function natDnsBlocked(facts: DoctorFacts, t: Localize): DoctorCheck {
  const title = t("Firewall policy blocking WSL's DNS proxy");
  const profiles = facts.windows?.firewallProfiles;
  if (profiles === undefined) return skip('symptom.natDnsBlocked', title, t('Needs the Windows facts.'));
  if (mode(facts) !== 'nat') return skip('symptom.natDnsBlocked', title, t('Only applies in NAT mode.'));
  if (facts.resolv?.resolver === 'dnsTunneling')
    return skip('symptom.natDnsBlocked', title, t('DNS tunneling does not use the NAT DNS proxy.'));
  const restrictive = profiles.filter((p) => p.allowLocalFirewallRules === false || p.allowInboundRules === false);
  if (restrictive.length === 0)
    return {
      id: 'symptom.natDnsBlocked',
      title,
      verdict: 'ok',
      summary: t('No policy blocks the NAT DNS proxy.'),
      evidence: [],
      citations: [],
    };
  const failed = dnsFailed(facts);
  return {
    id: 'symptom.natDnsBlocked',
    title,
    verdict: failed ? 'fail' : 'warn',
    summary: t(
      'A firewall policy (usually from your organisation) ignores local rules, including the ones WSL adds for its DNS proxy.',
    ),
    evidence: restrictive.map(
      (p) =>
        `${p.name}: AllowLocalFirewallRules=${describeGpoBoolean(p.allowLocalFirewallRules)} AllowInboundRules=${describeGpoBoolean(p.allowInboundRules)}`,
    ),
    fix: wslConfigFix('wsl2', 'dnsTunneling', 'true', t('Use DNS tunneling, which does not need the NAT DNS proxy.'), [
      DOCS.troubleshootingDns,
    ]),
    citations: [DOCS.troubleshootingDns, DOCS.issue4285],
  };
}
