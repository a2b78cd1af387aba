// The doctor's report as Markdown (the Diagnose Port style: each check, its verdict, the
// evidence and the offered fix), and the copyable network report with personal data redacted.
import { hostWithPort } from '../ipAddress';
import type { Localize } from '../localize';
import type { DoctorFacts } from './doctor';
import { codeBlock, codeSpan, escapeMarkdown } from './markdown';
import { describeEndpoint } from './proxyEnvironment';
import type { Citation, DoctorCheck, DoctorFix, DoctorReport, Verdict } from './types';
import { describeGpoBoolean } from './windowsParsers';

export const VERDICT_MARK: Readonly<Record<Verdict, string>> = {
  ok: '✅',
  warn: '⚠️',
  fail: '❌',
  skip: '⏭️',
  unknown: '❓',
};

function verdictWord(verdict: Verdict, t: Localize): string {
  switch (verdict) {
    case 'ok':
      return t('OK');
    case 'warn':
      return t('Warning');
    case 'fail':
      return t('Problem');
    case 'skip':
      return t('Not applicable');
    default:
      return t('Unknown');
  }
}

function citationLinks(citations: readonly Citation[]): string {
  // URLs are ours (types.ts DOCS), titles are escaped anyway.
  return citations.map((c) => `[${escapeMarkdown(c.title)}](${c.url})`).join(' · ');
}

export function renderFix(fix: DoctorFix, t: Localize): string[] {
  const lines = [`**${t('Fix')}:** ${escapeMarkdown(fix.description)}`, ''];
  switch (fix.kind) {
    case 'wslconfig':
      lines.push(
        t('Edit {0}, section {1}:', codeSpan('%UserProfile%\\.wslconfig'), codeSpan(`[${fix.section}]`)),
        '',
        codeBlock(`[${fix.section}]\n${fix.key}=${fix.value}`, 'ini'),
        '',
        t('Then restart WSL (wsl --shutdown).'),
      );
      break;
    case 'wslconf':
      lines.push(
        t('Edit {0}, section {1}:', codeSpan('/etc/wsl.conf'), codeSpan(`[${fix.section}]`)),
        '',
        codeBlock(`[${fix.section}]\n${fix.key}=${fix.value}`, 'ini'),
        '',
        t('Then restart WSL (wsl --shutdown).'),
      );
      break;
    case 'command':
      lines.push(
        `${t('Runs (as administrator)')}: ${escapeMarkdown(fix.apply.description)}`,
        '',
        codeBlock(fix.apply.script ?? [fix.apply.file, ...fix.apply.args].join(' '), 'powershell'),
        '',
        `${t('Undo')}: ${escapeMarkdown(fix.undo.description)}`,
        '',
        codeBlock(fix.undo.script ?? [fix.undo.file, ...fix.undo.args].join(' '), 'powershell'),
      );
      break;
    case 'advice':
      break;
  }
  if (fix.citations.length > 0) lines.push('', `${t('Source')}: ${citationLinks(fix.citations)}`);
  return lines;
}

export interface RenderOptions {
  /** false in Restricted Mode: the report reads, but offers no fix. */
  readonly offerFixes?: boolean;
}

/** What renderCheck shows: a doctor check, or a step of Reach Windows (reachWindows.ts). */
export type RenderableCheck = Pick<DoctorCheck, 'title' | 'verdict' | 'summary' | 'evidence' | 'fix' | 'citations'>;

export function renderCheck(check: RenderableCheck, index: number, t: Localize, options: RenderOptions = {}): string[] {
  const out = [
    `## ${index}. ${VERDICT_MARK[check.verdict]} ${escapeMarkdown(check.title)}`,
    '',
    `**${verdictWord(check.verdict, t)}:** ${escapeMarkdown(check.summary)}`,
    '',
  ];
  if (check.evidence.length > 0) out.push(...check.evidence.map((line) => `- ${escapeMarkdown(line)}`), '');
  if (check.fix !== undefined && (check.verdict === 'fail' || check.verdict === 'warn')) {
    if (options.offerFixes === false)
      out.push(`_${t('A fix exists, but this workspace is not trusted (Restricted Mode).')}_`, '');
    else out.push(...renderFix(check.fix, t), '');
  }
  if (check.citations.length > 0) out.push(`${t('See')}: ${citationLinks(check.citations)}`, '');
  return out;
}

/** The checks whose fix the cockpit should offer (as buttons / quick picks), in report order. */
export function offeredFixes(report: DoctorReport): { readonly check: DoctorCheck; readonly fix: DoctorFix }[] {
  return report.checks.flatMap((check) =>
    check.fix !== undefined && (check.verdict === 'fail' || check.verdict === 'warn')
      ? [{ check, fix: check.fix }]
      : [],
  );
}

export function renderDoctorReport(report: DoctorReport, t: Localize, options: RenderOptions = {}): string {
  const counts = (['fail', 'warn', 'ok'] as const).map((v) => report.checks.filter((c) => c.verdict === v).length);
  const out = [
    `# ${t('WSL connectivity check')}`,
    '',
    `_${t('Checked at {0} in {1} ms; networking mode: {2}.', report.startedAt, report.durationMs, report.mode ?? t('unknown'))}_`,
    '',
    t('{0} problem(s), {1} warning(s), {2} OK.', counts[0] ?? 0, counts[1] ?? 0, counts[2] ?? 0),
    '',
  ];
  report.checks.forEach((check, index) => out.push(...renderCheck(check, index + 1, t, options)));
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}

// ---- the copyable, redacted network report ----------------------------------------------------

export interface RedactionContext {
  /** Linux and Windows user names (USER, the C:\Users\<name> profile folder). */
  readonly userNames?: readonly string[];
  /** Computer names, domain names, internal host names (search domains, NRPT, PAC and proxy hosts). */
  readonly hostNames?: readonly string[];
}

export interface RedactionCount {
  readonly kind: 'user' | 'host' | 'mac' | 'credentials' | 'path';
  readonly count: number;
}

export class Redactor {
  private readonly counts = new Map<RedactionCount['kind'], number>();
  private readonly users: string[];
  private readonly hosts: string[];

  constructor(context: RedactionContext) {
    const usable = (items: readonly string[] | undefined): string[] =>
      [
        ...new Set(
          (items ?? [])
            .map((s) => s.trim().replace(/^\.+|\.+$/g, ''))
            .filter((s) => s.length >= 2 && !/^(localhost|root)$/i.test(s)),
        ),
      ].sort((a, b) => b.length - a.length);
    this.users = usable(context.userNames);
    this.hosts = usable(context.hostNames);
  }

  private bump(kind: RedactionCount['kind'], n = 1): void {
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + n);
  }

  redact(text: string): string {
    let out = text;
    // user:password@ in URLs
    out = out.replace(/([a-z][a-z0-9+.-]*:\/\/)[^\s/@]+@/gi, (_m, scheme: string) => {
      this.bump('credentials');
      return `${scheme}<credentials>@`;
    });
    // MAC addresses (aa:bb:cc:dd:ee:ff, AA-BB-…)
    out = out.replace(/\b[0-9A-Fa-f]{2}(?:([:-])[0-9A-Fa-f]{2}){5}\b/g, () => {
      this.bump('mac');
      return '<mac>';
    });
    // Profile folders: C:\Users\<name>, /mnt/c/Users/<name>, /home/<name>
    out = out.replace(
      /([A-Za-z]:\\Users\\|\/mnt\/[a-z]\/Users\/|\/home\/)([^\\/\s'"]+)/g,
      (_m, prefix: string, name: string) => {
        if (/^<.*>$/.test(name)) return `${prefix}${name}`;
        this.bump('path');
        return `${prefix}<user>`;
      },
    );
    for (const user of this.users) out = this.replaceWord(out, user, '<user>', 'user');
    for (const host of this.hosts) out = this.replaceWord(out, host, '<host>', 'host');
    return out;
  }

  private replaceWord(text: string, word: string, replacement: string, kind: RedactionCount['kind']): string {
    const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return text.replace(new RegExp(`(?<![A-Za-z0-9_-])${escaped}(?![A-Za-z0-9_-])`, 'gi'), () => {
      this.bump(kind);
      return replacement;
    });
  }

  summary(): RedactionCount[] {
    return [...this.counts].map(([kind, count]) => ({ kind, count }));
  }
}

export interface NetworkReportInput {
  readonly report: DoctorReport;
  readonly facts: DoctorFacts;
  /** Extra lines the cockpit knows (WSL version, configured vs effective mode, …). */
  readonly header?: readonly string[];
  readonly redaction: RedactionContext;
}

export interface NetworkReport {
  readonly markdown: string;
  /** What was masked, for the preview ("2 user names, 1 MAC address redacted"). */
  readonly redactions: readonly RedactionCount[];
  /** One line for the confirmation before copying. */
  readonly preview: string;
}

/** Host names found in the facts themselves: search domains, NRPT namespaces, PAC and proxy hosts. */
export function hostNamesInFacts(facts: DoctorFacts): string[] {
  const names: string[] = [...(facts.resolv?.search ?? [])];
  for (const rule of facts.windows?.nrpt ?? []) names.push(...rule.namespaces);
  if (facts.windows?.proxy?.pacHost) names.push(facts.windows.proxy.pacHost);
  for (const server of facts.windows?.proxy?.servers ?? []) names.push(server.host);
  for (const v of facts.proxyVariables) if (v.endpoint) names.push(v.endpoint.host);
  if (facts.options.internalHost) names.push(facts.options.internalHost);
  // IP addresses stay: they are what a helpdesk needs, and private ranges identify nobody.
  return names.filter((name) => /[a-z]/i.test(name) && !/^(localhost|[0-9a-f]*:[0-9a-f:.]*)$/i.test(name));
}

export function renderNetworkReport(input: NetworkReportInput, t: Localize): NetworkReport {
  const redactor = new Redactor({
    userNames: input.redaction.userNames,
    hostNames: [...(input.redaction.hostNames ?? []), ...hostNamesInFacts(input.facts)],
  });
  const r = (text: string): string => escapeMarkdown(redactor.redact(text));
  const { facts, report } = input;
  const out: string[] = [
    `# ${t('WSL network report')}`,
    '',
    `_${t('Generated by WSL Network at {0}. User names, host names, MAC addresses and proxy credentials are replaced by placeholders.', report.startedAt)}_`,
    '',
  ];
  if (input.header && input.header.length > 0) out.push(...input.header.map((line) => `- ${r(line)}`), '');
  out.push(`## ${t('Linux')}`, '');
  out.push(`- ${t('networking mode')}: ${r(report.mode ?? '?')}`);
  for (const route of facts.route.routes)
    out.push(`- default via ${r(route.gateway ?? '-')} dev ${r(route.device ?? '-')}`);
  if (facts.resolv) {
    out.push(
      `- resolv.conf: ${facts.resolv.generatedByWsl ? 'generated by WSL' : 'not generated by WSL'}; ${r(facts.resolv.nameservers.map((n) => `nameserver ${n}`).join(', '))}`,
    );
    if (facts.resolv.search.length > 0) out.push(`- search: ${r(facts.resolv.search.join(' '))}`);
  }
  for (const v of facts.proxyVariables)
    out.push(
      `- ${r(v.name)}: ${r(v.entryCount !== undefined ? `${v.entryCount} entries` : v.endpoint ? describeEndpoint(v.endpoint) : '(set)')}`,
    );
  out.push('', `## ${t('Windows')}`, '');
  const w = facts.windows;
  if (w === undefined) out.push(`- ${r(facts.windowsNote ?? 'not available')}`);
  else {
    for (const a of w.adapters ?? [])
      if (a.vpn !== undefined) out.push(`- VPN adapter: ${r(`${a.description} (${a.status})`)}`);
    for (const i of w.ipInterfaces ?? []) if (i.connected) out.push(`- ${r(`${i.alias}: metric ${i.metric ?? '?'}`)}`);
    for (const d of w.dnsServers ?? [])
      if (d.servers.length > 0) out.push(`- DNS ${r(`${d.alias}: ${d.servers.join(', ')}`)}`);
    for (const n of w.nrpt ?? []) out.push(`- NRPT ${r(`${n.namespaces.join(' ')} → ${n.nameServers.join(', ')}`)}`);
    for (const p of w.firewallProfiles ?? [])
      out.push(
        `- firewall ${r(`${p.name}: AllowInboundRules=${describeGpoBoolean(p.allowInboundRules)} AllowLocalFirewallRules=${describeGpoBoolean(p.allowLocalFirewallRules)}`)}`,
      );
    if (w.proxy)
      out.push(
        `- proxy: ${r(`enabled=${w.proxy.enabled} servers=${w.proxy.servers.map((s) => hostWithPort(s.host, s.port)).join(',') || '-'} pac=${w.proxy.hasPac ? (w.proxy.pacHost ?? 'yes') : 'no'}`)}`,
      );
    for (const e of w.wslEvents ?? []) out.push(`- WSL event ${r(`${e.time ?? '?'}: ${e.message}`)}`);
    for (const [key, ranges] of Object.entries(w.excluded ?? {}))
      out.push(
        `- excluded ${r(key)}: ${r((ranges ?? []).map((x) => `${x.start}-${x.end}${x.administered ? '*' : ''}`).join(', ') || '-')}`,
      );
  }
  out.push('', `## ${t('Checks')}`, '');
  for (const check of report.checks) {
    out.push(`- ${VERDICT_MARK[check.verdict]} ${r(check.title)}: ${r(check.summary)}`);
    for (const line of check.evidence) out.push(`  - ${r(line)}`);
  }
  out.push(
    '',
    t(
      'For a full trace, run microsoft/WSL diagnostics/collect-networking-logs.ps1 (see the CONTRIBUTING guide of microsoft/WSL).',
    ),
  );
  const redactions = redactor.summary();
  const total = redactions.reduce((sum, item) => sum + item.count, 0);
  return {
    markdown: `${out.join('\n')}\n`,
    redactions,
    preview:
      total === 0
        ? t('Nothing needed redacting. Review the report before you share it.')
        : t(
            '{0} item(s) redacted ({1}). Review the report before you share it.',
            total,
            redactions.map((x) => `${x.kind} ${x.count}`).join(', '),
          ),
  };
}
