// The connectivity doctor: "WSL has no internet / DNS fails / breaks on VPN / ignores my
// proxy". It gathers Linux facts (route, resolv.conf, proxy variables), runs the live probes
// and reads the Windows facts ALL AT ONCE, each under its own timeout, then explains the
// result check by check, in the order in which they explain each other (wsl-vpnkit's triage:
// no route → IP fails → names fail). No `vscode` import: the cockpit passes deps and renders.
import type { Localize } from '../localize';
import { fixesForSymptoms } from './symptoms';
import { readDefaultRoutes, type RouteFacts, type RouteSource } from './linuxRoute';
import {
  probeDns,
  probeHttpProxy,
  probeTcp,
  type DnsProbeResult,
  type ProxyProbeResult,
  type TcpProbeResult,
} from './probes';
import { describeEndpoint, readProxyEnvironment, type ProxyVariableFact } from './proxyEnvironment';
import { parseResolvConf, primaryNameserver, type ResolvConfFacts } from './resolvConf';
import { DOCS, type DoctorCheck, type DoctorReport } from './types';
import { wslConfFix } from './fixes';
import type { WindowsFacts } from './windowsFacts';
import { describeGpoBoolean } from './windowsParsers';

/** The whole doctor must answer within this, even when every probe times out. */
export const DOCTOR_TIME_BUDGET_MS = 5000;

export interface DoctorTarget {
  readonly host: string;
  readonly port: number;
}

/** Settings the cockpit maps to `wslNetwork.doctor.*` (defaults below). */
export interface DoctorOptions {
  /** `wslNetwork.doctor.tcpTarget`: an IP, so the TCP test does not depend on DNS. */
  readonly tcpTarget?: DoctorTarget;
  /** `wslNetwork.doctor.dnsName`: a name every resolver should know. */
  readonly dnsName?: string;
  /** `wslNetwork.doctor.internalHost`: an internal (VPN / intranet) name to resolve too. */
  readonly internalHost?: string;
  readonly resolvConfPath?: string;
  /** Overrides resolv.conf's nameserver (tests: a DNS server on 127.0.0.1:<port>). */
  readonly dnsServer?: DoctorTarget;
  /** Per-probe timeout. */
  readonly probeTimeoutMs?: number;
  /** Time allowed for the Windows facts (one powershell.exe plus netsh). */
  readonly windowsTimeoutMs?: number;
  /** Effective networking mode (`wslinfo --networking-mode`); undefined when unknown. */
  readonly mode?: string;
  /** `.wslconfig` values as parsed by the language server's parser; undefined = not set. */
  readonly wslConfig?: {
    readonly networkingMode?: string;
    readonly dnsTunneling?: boolean;
    readonly autoProxy?: boolean;
    readonly hostAddressLoopback?: boolean;
  };
  /** `/etc/wsl.conf [network]` as parsed (generateResolvConf=false turns tunneling off, microsoft/WSL#12310). */
  readonly wslConf?: { readonly generateResolvConf?: boolean };
}

export const DOCTOR_DEFAULTS = {
  tcpTarget: { host: '1.1.1.1', port: 443 },
  dnsName: 'www.msftconnecttest.com',
  resolvConfPath: '/etc/resolv.conf',
  probeTimeoutMs: 2500,
  windowsTimeoutMs: 4000,
} as const;

export interface DoctorProbes {
  tcp(host: string, port: number, timeoutMs: number): Promise<TcpProbeResult>;
  dns(name: string, server: string, port: number, timeoutMs: number): Promise<DnsProbeResult>;
  httpProxy(
    proxyHost: string,
    proxyPort: number,
    targetHost: string,
    targetPort: number,
    timeoutMs: number,
  ): Promise<ProxyProbeResult>;
}

export const REAL_PROBES: DoctorProbes = { tcp: probeTcp, dns: probeDns, httpProxy: probeHttpProxy };

export interface DoctorDeps {
  readonly routeSource: RouteSource;
  readFile(path: string): Promise<string | undefined>;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Runs the Windows queries (assembleWindowsFacts); undefined when Windows is out of reach. */
  windowsFacts?(signal: AbortSignal): Promise<WindowsFacts | undefined>;
  readonly probes?: DoctorProbes;
  readonly now?: () => number;
}

/** The raw facts a report was built from (the network report renders these). */
export interface DoctorFacts {
  readonly route: RouteFacts;
  readonly resolv: ResolvConfFacts | undefined;
  readonly proxyVariables: readonly ProxyVariableFact[];
  readonly tcp: TcpProbeResult;
  readonly dns: DnsProbeResult | undefined;
  readonly internalDns: DnsProbeResult | undefined;
  readonly proxyProbe: ProxyProbeResult | undefined;
  readonly windows: WindowsFacts | undefined;
  readonly windowsNote: string | undefined;
  readonly options: DoctorOptions;
}

export interface DoctorResult {
  readonly report: DoctorReport;
  readonly facts: DoctorFacts;
}

/** Resolves to `fallback` after `ms` unless the promise settles first. */
export function withTimeout<T>(promise: Promise<T>, ms: number, fallback: () => T): Promise<T> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(fallback()), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      () => {
        clearTimeout(timer);
        resolve(fallback());
      },
    );
  });
}

export async function runConnectivityDoctor(
  deps: DoctorDeps,
  options: DoctorOptions,
  t: Localize,
): Promise<DoctorResult> {
  const now = deps.now ?? Date.now;
  const started = now();
  const probes = deps.probes ?? REAL_PROBES;
  const probeTimeout = Math.min(options.probeTimeoutMs ?? DOCTOR_DEFAULTS.probeTimeoutMs, DOCTOR_TIME_BUDGET_MS - 500);
  const windowsTimeout = Math.min(
    options.windowsTimeoutMs ?? DOCTOR_DEFAULTS.windowsTimeoutMs,
    DOCTOR_TIME_BUDGET_MS - 500,
  );
  const tcpTarget = options.tcpTarget ?? DOCTOR_DEFAULTS.tcpTarget;
  const dnsName = options.dnsName ?? DOCTOR_DEFAULTS.dnsName;
  // Local reads are bounded too: /proc and a 9p-mounted resolv.conf can hang on a sick VM.
  const localBound = probeTimeout;

  const routePromise = withTimeout(readDefaultRoutes(deps.routeSource), localBound, (): RouteFacts => ({
    source: 'none',
    routes: [],
  }));
  const resolvPromise = withTimeout(
    deps.readFile(options.resolvConfPath ?? DOCTOR_DEFAULTS.resolvConfPath),
    localBound,
    () => undefined,
  );
  const proxyVariables = readProxyEnvironment(deps.env);
  const abort = new AbortController();
  const windowsPromise: Promise<{ facts: WindowsFacts | undefined; note: string | undefined }> = deps.windowsFacts
    ? withTimeout(
        deps.windowsFacts(abort.signal).then((facts) => ({
          facts,
          note: facts === undefined ? t('Windows is not reachable from here.') : undefined,
        })),
        windowsTimeout,
        () => {
          abort.abort();
          return { facts: undefined, note: t('Windows did not answer within {0} ms.', windowsTimeout) };
        },
      )
    : Promise.resolve({ facts: undefined, note: t('Windows is not reachable from here.') });

  // DNS needs resolv.conf's nameserver, which is a local read; the probes start right after it.
  const tcpPromise = probes.tcp(tcpTarget.host, tcpTarget.port, probeTimeout);
  type DnsPair = { dns: DnsProbeResult | undefined; internal: DnsProbeResult | undefined };
  const dnsPromises: Promise<DnsPair> = resolvPromise.then((text): Promise<DnsPair> | DnsPair => {
    const resolv = text !== undefined ? parseResolvConf(text) : undefined;
    const server = options.dnsServer ?? (resolv ? primaryNameserver(resolv) : undefined);
    if (server === undefined) return { dns: undefined, internal: undefined };
    const remaining = Math.max(250, probeTimeout - (now() - started));
    return Promise.all([
      probes.dns(dnsName, server.host, server.port, remaining),
      options.internalHost
        ? probes.dns(options.internalHost, server.host, server.port, remaining)
        : Promise.resolve(undefined),
    ]).then(([dns, internal]): DnsPair => ({ dns, internal }));
  });
  const httpProxy = proxyVariables.find(
    (fact) =>
      (fact.name === 'https_proxy' ||
        fact.name === 'HTTPS_PROXY' ||
        fact.name === 'http_proxy' ||
        fact.name === 'HTTP_PROXY') &&
      fact.endpoint?.scheme === 'http',
  );
  const proxyPromise =
    httpProxy?.endpoint?.port !== undefined
      ? probes.httpProxy(httpProxy.endpoint.host, httpProxy.endpoint.port, tcpTarget.host, tcpTarget.port, probeTimeout)
      : Promise.resolve(undefined);

  const [route, resolvText, tcp, dnsResults, proxyProbe, windows] = await Promise.all([
    routePromise,
    resolvPromise,
    tcpPromise,
    dnsPromises,
    proxyPromise,
    windowsPromise,
  ]);
  const gateway = route.routes[0]?.gateway;
  const resolv = resolvText !== undefined ? parseResolvConf(resolvText, gateway) : undefined;
  const facts: DoctorFacts = {
    route,
    resolv,
    proxyVariables,
    tcp,
    dns: dnsResults.dns,
    internalDns: dnsResults.internal,
    proxyProbe,
    windows: windows.facts,
    windowsNote: windows.note,
    options,
  };
  const checks = [...linuxChecks(facts, t), ...windowsChecks(facts, t), ...fixesForSymptoms(facts, t)];
  return {
    report: { startedAt: new Date(started).toISOString(), durationMs: now() - started, mode: options.mode, checks },
    facts,
  };
}

// ---- Linux checks -----------------------------------------------------------------------------------

function linuxChecks(facts: DoctorFacts, t: Localize): DoctorCheck[] {
  const checks: DoctorCheck[] = [];
  const { route, resolv, options } = facts;
  const first = route.routes[0];
  checks.push(
    first === undefined
      ? {
          id: 'linux.defaultRoute',
          title: t('Default route'),
          verdict: 'fail',
          summary: t(
            "WSL has no default route: its network was not set up. Restart WSL (wsl --shutdown) and look at WSL's warnings below.",
          ),
          evidence: [`source: ${route.source}`],
          citations: [DOCS.networking],
        }
      : {
          id: 'linux.defaultRoute',
          title: t('Default route'),
          verdict: 'ok',
          summary: t('Default route via {0} on {1}.', first.gateway ?? '-', first.device ?? '-'),
          evidence: [
            `source: ${route.source}`,
            ...route.routes.map(
              (r) =>
                `default via ${r.gateway ?? '-'} dev ${r.device ?? '-'}${r.metric !== undefined ? ` metric ${r.metric}` : ''}`,
            ),
          ],
          citations: [],
        },
  );

  const tunnelingWanted = options.wslConfig?.dnsTunneling !== false;
  if (resolv === undefined) {
    checks.push({
      id: 'linux.resolvConf',
      title: t('DNS configuration (resolv.conf)'),
      verdict: 'fail',
      summary: t('{0} could not be read.', options.resolvConfPath ?? DOCTOR_DEFAULTS.resolvConfPath),
      evidence: [],
      citations: [],
    });
  } else {
    const evidence = [
      `generated by WSL: ${resolv.generatedByWsl ? 'yes' : 'no'}`,
      ...resolv.nameservers.map((ns) => `nameserver ${ns}`),
      ...(resolv.search.length > 0 ? [`search ${resolv.search.join(' ')}`] : []),
    ];
    if (options.wslConf?.generateResolvConf === false)
      evidence.push('/etc/wsl.conf [network] generateResolvConf = false');
    if (resolv.nameservers.length === 0) {
      checks.push({
        id: 'linux.resolvConf',
        title: t('DNS configuration (resolv.conf)'),
        verdict: 'fail',
        summary: t('resolv.conf lists no nameserver.'),
        evidence,
        citations: [DOCS.troubleshootingDns],
      });
    } else if (
      options.wslConf?.generateResolvConf === false &&
      tunnelingWanted &&
      options.mode !== 'mirrored' &&
      resolv.resolver !== 'dnsTunneling'
    ) {
      checks.push({
        id: 'linux.resolvConf',
        title: t('DNS configuration (resolv.conf)'),
        verdict: facts.dns !== undefined && facts.dns.outcome === 'ok' ? 'warn' : 'fail',
        summary: t(
          'generateResolvConf=false in /etc/wsl.conf turns DNS tunneling off without a message: WSL no longer writes its tunneling nameserver.',
        ),
        evidence,
        fix: wslConfFix(
          'network',
          'generateResolvConf',
          'true',
          t('Let WSL write resolv.conf again, so DNS tunneling works.'),
          [DOCS.issue12310, DOCS.issue11719],
        ),
        citations: [DOCS.issue12310, DOCS.issue11719],
      });
    } else if (!resolv.generatedByWsl) {
      checks.push({
        id: 'linux.resolvConf',
        title: t('DNS configuration (resolv.conf)'),
        verdict: 'warn',
        summary: t('resolv.conf was not written by WSL; the nameservers in it are used as they are.'),
        evidence,
        citations: [DOCS.troubleshootingDns],
      });
    } else {
      const how =
        resolv.resolver === 'dnsTunneling'
          ? t("WSL's resolv.conf with DNS tunneling ({0}).", resolv.nameservers[0] ?? '')
          : resolv.resolver === 'natDnsProxy'
            ? t("WSL's resolv.conf with the NAT DNS proxy on the gateway ({0}).", resolv.nameservers[0] ?? '')
            : t("WSL's resolv.conf, nameserver {0}.", resolv.nameservers[0] ?? '');
      checks.push({
        id: 'linux.resolvConf',
        title: t('DNS configuration (resolv.conf)'),
        verdict: 'ok',
        summary: how,
        evidence,
        citations: [],
      });
    }
  }

  checks.push({
    id: 'linux.proxyEnvironment',
    title: t('Proxy variables'),
    verdict: 'ok',
    summary:
      facts.proxyVariables.length === 0
        ? t('No proxy variables are set.')
        : t('{0} proxy variable(s) set.', facts.proxyVariables.length),
    evidence: facts.proxyVariables.map((fact) =>
      fact.entryCount !== undefined
        ? `${fact.name}: ${fact.entryCount} entries`
        : `${fact.name}: ${fact.endpoint ? describeEndpoint(fact.endpoint) : '(not a URL)'}`,
    ),
    citations: [DOCS.networking],
  });

  const tcpTarget = options.tcpTarget ?? DOCTOR_DEFAULTS.tcpTarget;
  checks.push({
    id: 'linux.tcpConnect',
    title: t('TCP connection to {0}:{1}', tcpTarget.host, tcpTarget.port),
    verdict: facts.tcp.outcome === 'ok' ? 'ok' : 'fail',
    summary:
      facts.tcp.outcome === 'ok'
        ? t('Connected in {0} ms.', facts.tcp.durationMs)
        : facts.tcp.outcome === 'timeout'
          ? t(
              'No answer within {0} ms: traffic from WSL does not get out (routing, VPN or firewall).',
              facts.tcp.durationMs,
            )
          : t('Connection failed: {0}.', facts.tcp.detail ?? facts.tcp.outcome),
    evidence: [
      `${facts.tcp.outcome}${facts.tcp.detail ? ` (${facts.tcp.detail})` : ''} after ${facts.tcp.durationMs} ms`,
    ],
    durationMs: facts.tcp.durationMs,
    citations: [],
  });

  const dnsName = options.dnsName ?? DOCTOR_DEFAULTS.dnsName;
  checks.push(dnsCheck(facts.dns, dnsName, facts, t));
  if (options.internalHost !== undefined)
    checks.push({ ...dnsCheck(facts.internalDns, options.internalHost, facts, t) });

  if (facts.proxyProbe !== undefined) {
    const probe = facts.proxyProbe;
    checks.push({
      id: 'linux.proxyConnect',
      title: t('Through the proxy to {0}:{1}', tcpTarget.host, tcpTarget.port),
      verdict: probe.outcome === 'ok' ? 'ok' : 'fail',
      summary:
        probe.outcome === 'ok'
          ? t('The proxy let the connection through (HTTP {0}).', probe.status ?? 0)
          : probe.outcome === 'rejected'
            ? t('The proxy refused the connection (HTTP {0}).', probe.status ?? 0)
            : t('The proxy did not answer ({0}).', probe.detail ?? probe.outcome),
      evidence: [
        `${probe.outcome}${probe.status !== undefined ? ` HTTP ${probe.status}` : ''}${probe.detail ? ` ${probe.detail}` : ''} after ${probe.durationMs} ms`,
      ],
      durationMs: probe.durationMs,
      citations: [],
    });
  }
  return checks;
}

function dnsCheck(result: DnsProbeResult | undefined, name: string, facts: DoctorFacts, t: Localize): DoctorCheck {
  const title = t('DNS lookup of {0}', name);
  if (result === undefined)
    return {
      id: 'linux.dnsLookup',
      title,
      verdict: 'skip',
      summary: t('No nameserver to ask.'),
      evidence: [],
      citations: [],
    };
  const evidence = [
    `server ${result.server}: ${result.outcome}${result.detail ? ` (${result.detail})` : ''} after ${result.durationMs} ms`,
    ...result.addresses.map((a) => `A ${a}`),
  ];
  const base = { id: 'linux.dnsLookup' as const, title, evidence, durationMs: result.durationMs, citations: [] };
  switch (result.outcome) {
    case 'ok':
      return { ...base, verdict: 'ok', summary: t('Resolved in {0} ms.', result.durationMs) };
    case 'nxdomain':
      return { ...base, verdict: 'warn', summary: t('The resolver answered that the name does not exist.') };
    case 'timeout':
      return {
        ...base,
        verdict: 'fail',
        summary:
          facts.tcp.outcome === 'ok'
            ? t('The resolver did not answer, although TCP traffic gets out: a DNS problem.')
            : t('The resolver did not answer.'),
      };
    case 'servfail':
      return {
        ...base,
        verdict: 'fail',
        summary: t('The resolver failed (SERVFAIL): it could not reach an upstream DNS server.'),
      };
    default:
      return { ...base, verdict: 'fail', summary: t('The lookup failed: {0}.', result.detail ?? result.outcome) };
  }
}

// ---- Windows checks ---------------------------------------------------------------------------------

function windowsChecks(facts: DoctorFacts, t: Localize): DoctorCheck[] {
  const w = facts.windows;
  if (w === undefined) {
    return [
      {
        id: 'windows.vpnAdapters',
        title: t('Windows network'),
        verdict: 'skip',
        summary: facts.windowsNote ?? t('Windows is not reachable from here.'),
        evidence: [],
        citations: [],
      },
    ];
  }
  const checks: DoctorCheck[] = [];
  /** What the named queries failed with, in that order. */
  const errorsOf = (...queries: string[]): string[] =>
    queries.flatMap((query) => (w.errors[query] !== undefined ? [w.errors[query] as string] : []));
  const unknown = (id: DoctorCheck['id'], title: string, ...queries: string[]): DoctorCheck => ({
    id,
    title,
    verdict: 'unknown',
    summary: t('Could not be read.'),
    evidence: errorsOf(...queries),
    citations: [],
  });

  if (w.adapters === undefined) checks.push(unknown('windows.vpnAdapters', t('VPN adapters'), 'netAdapters'));
  else {
    const vpns = w.adapters.filter((adapter) => adapter.vpn !== undefined);
    const up = vpns.filter((adapter) => /^up$/i.test(adapter.status));
    checks.push({
      id: 'windows.vpnAdapters',
      title: t('VPN adapters'),
      verdict: up.length > 0 ? 'warn' : 'ok',
      summary:
        up.length > 0
          ? t('Connected VPN: {0}.', up.map((a) => a.vpn).join(', '))
          : vpns.length > 0
            ? t('VPN software is installed but not connected.')
            : t('No VPN adapter found.'),
      evidence: vpns.map((a) => `${a.name}: ${a.description} (${a.status}) → ${a.vpn}`),
      citations: up.length > 0 ? [DOCS.issue416] : [],
    });
  }

  if (w.ipInterfaces === undefined)
    checks.push(unknown('windows.interfaceMetric', t('Interface metrics'), 'ipInterfaces'));
  else {
    const rows = [...w.ipInterfaces].filter((row) => row.connected).sort((a, b) => (a.metric ?? 0) - (b.metric ?? 0));
    checks.push({
      id: 'windows.interfaceMetric',
      title: t('Interface metrics'),
      verdict: 'ok',
      summary: t('{0} connected IPv4 interface(s); lower metric wins.', rows.length),
      evidence: rows.map(
        (row) => `${row.alias}: metric ${row.metric ?? '?'}${row.automaticMetric ? ' (automatic)' : ''}`,
      ),
      citations: [],
    });
  }

  if (w.dnsServers === undefined && w.nrpt === undefined)
    checks.push(unknown('windows.dnsServers', t('Windows DNS servers and NRPT'), 'dnsServers', 'nrptPolicy'));
  else {
    const servers = (w.dnsServers ?? []).filter((entry) => entry.servers.length > 0);
    const nrpt = w.nrpt ?? [];
    checks.push({
      id: 'windows.dnsServers',
      title: t('Windows DNS servers and NRPT'),
      // Unread NRPT rules are not "no rules": a VPN's split DNS lives there.
      verdict: w.nrpt === undefined ? 'unknown' : 'ok',
      summary:
        w.nrpt === undefined
          ? t('The NRPT rules could not be read.')
          : nrpt.length > 0
            ? t(
                '{0} NRPT rule(s): names under them are resolved by specific servers, which only DNS tunneling applies in WSL.',
                nrpt.length,
              )
            : t('No NRPT rules.'),
      evidence: [
        ...servers.map((entry) => `${entry.alias}: ${entry.servers.join(', ')}`),
        ...nrpt.map((rule) => `NRPT ${rule.namespaces.join(' ')} → ${rule.nameServers.join(', ') || '-'}`),
        ...errorsOf(
          ...(w.dnsServers === undefined ? ['dnsServers'] : []),
          ...(w.nrpt === undefined ? ['nrptPolicy'] : []),
        ),
      ],
      citations: nrpt.length > 0 ? [DOCS.networking] : [],
    });
  }

  if (w.firewallProfiles === undefined)
    checks.push(unknown('windows.firewallProfiles', t('Firewall policy'), 'firewallProfiles'));
  else {
    const restrictive = w.firewallProfiles.filter(
      (p) => p.allowLocalFirewallRules === false || p.allowInboundRules === false,
    );
    checks.push({
      id: 'windows.firewallProfiles',
      title: t('Firewall policy'),
      verdict: restrictive.length > 0 ? 'warn' : 'ok',
      summary:
        restrictive.length > 0
          ? t(
              "Policy ignores local firewall rules or all inbound rules on: {0}. This blocks WSL's NAT DNS proxy.",
              restrictive.map((p) => p.name).join(', '),
            )
          : t('Local firewall rules apply.'),
      evidence: w.firewallProfiles.map(
        (p) =>
          `${p.name}: Enabled=${describeGpoBoolean(p.enabled)} AllowInboundRules=${describeGpoBoolean(p.allowInboundRules)} AllowLocalFirewallRules=${describeGpoBoolean(p.allowLocalFirewallRules)} DefaultInboundAction=${p.defaultInboundAction ?? '?'}`,
      ),
      citations: restrictive.length > 0 ? [DOCS.troubleshootingDns, DOCS.issue4285] : [],
    });
  }

  if (w.proxy === undefined) checks.push(unknown('windows.proxySettings', t('Windows proxy'), 'proxySettings'));
  else {
    const p = w.proxy;
    checks.push({
      id: 'windows.proxySettings',
      title: t('Windows proxy'),
      verdict: 'ok',
      summary: p.enabled || p.hasPac ? t('Windows uses a proxy.') : t('No Windows proxy.'),
      evidence: [
        `ProxyEnable: ${p.enabled ? 1 : 0}`,
        ...p.servers.map(
          (s) => `ProxyServer ${s.scheme ? `${s.scheme}=` : ''}${s.host}${s.port !== undefined ? `:${s.port}` : ''}`,
        ),
        ...(p.hasPac ? [`AutoConfigURL host: ${p.pacHost ?? '?'}`] : []),
      ],
      citations: [],
    });
  }

  if (w.wslEvents === undefined) checks.push(unknown('windows.wslWarnings', t("WSL's own warnings"), 'wslEvents'));
  else {
    const recent = w.wslEvents.slice(0, 5);
    checks.push({
      id: 'windows.wslWarnings',
      title: t("WSL's own warnings"),
      verdict: recent.length > 0 ? 'warn' : 'ok',
      summary:
        recent.length > 0
          ? t('WSL reported {0} warning(s) at start-up (Application event log).', recent.length)
          : t('No warnings from WSL in the event log.'),
      evidence: recent.map((event) => `${event.time ?? '?'} [${event.kind}] ${event.message}`),
      citations: [],
    });
  }
  return checks;
}
