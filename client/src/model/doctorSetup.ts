/**
 * Pure glue between the cockpit and the connectivity doctor (host/connectivity): the
 * `wslNetwork.doctor.*` settings validated, the `.wslconfig` / `wsl.conf` values the doctor
 * needs, a doctor fix turned into a minimal `.wslconfig` edit, the report adjusted for the parts
 * that could not run from where the extension host is, and the redaction context.
 */
import { analyze, applyTextEdits, setKey, type LineEnding } from '../../../server/src/core';
import type { DoctorCheck, DoctorOptions, DoctorReport, DoctorTarget, WslConfigEditFix } from '../host/connectivity';
import { DOCTOR_DEFAULTS } from '../host/connectivity';
import { validateIPv4, validatePort } from '../host/validators';
import type { Localize } from './l10n';

export interface DoctorSettingsInput {
  readonly tcpTarget?: unknown;
  readonly dnsName?: unknown;
  readonly internalHost?: unknown;
}

export interface DoctorSettings {
  readonly tcpTarget: DoctorTarget;
  readonly dnsName: string;
  readonly internalHost?: string;
  /** One line per setting that was unusable (its default is used instead). */
  readonly problems: readonly string[];
}

/** A DNS name as resolvers accept it: labels of letters, digits and '-', dots between, at most 253 characters. */
export function isDnsName(value: string): boolean {
  if (value.length === 0 || value.length > 253) return false;
  const name = value.endsWith('.') ? value.slice(0, -1) : value;
  return name.split('.').every((label) => /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/.test(label));
}

/**
 * `host:port` with an IPv4 address (the TCP test must not depend on DNS, which is tested
 * separately), or `[v6]:port`. Returns an error text instead of throwing.
 */
export function parseTcpTarget(
  value: string,
  t: Localize,
): { ok: true; target: DoctorTarget } | { ok: false; error: string } {
  const bad = {
    ok: false as const,
    error: t('{0} is not an address and port such as 1.1.1.1:443.', JSON.stringify(value)),
  };
  const v6 = /^\[([0-9A-Fa-f:.]+)\]:([0-9]{1,5})$/.exec(value);
  const v4 = /^([0-9.]+):([0-9]{1,5})$/.exec(value);
  const match = v6 ?? v4;
  if (!match) return bad;
  const host = match[1] as string;
  const port = validatePort(match[2]);
  if (!port.ok) return bad;
  if (v4 && !validateIPv4(host).ok) return bad;
  if (v6 && !/^[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*$/.test(host)) return bad;
  return { ok: true, target: { host, port: port.value } };
}

/** The doctor's settings, each validated; an unusable one falls back to its default and says so. */
export function readDoctorSettings(input: DoctorSettingsInput, t: Localize): DoctorSettings {
  const problems: string[] = [];
  let tcpTarget: DoctorTarget = DOCTOR_DEFAULTS.tcpTarget;
  if (typeof input.tcpTarget === 'string' && input.tcpTarget.trim() !== '') {
    const parsed = parseTcpTarget(input.tcpTarget.trim(), t);
    if (parsed.ok) tcpTarget = parsed.target;
    else problems.push(`wslNetwork.doctor.tcpTarget: ${parsed.error}`);
  }
  let dnsName: string = DOCTOR_DEFAULTS.dnsName;
  if (typeof input.dnsName === 'string' && input.dnsName.trim() !== '') {
    if (isDnsName(input.dnsName.trim())) dnsName = input.dnsName.trim();
    else problems.push(`wslNetwork.doctor.dnsName: ${t('{0} is not a DNS name.', JSON.stringify(input.dnsName))}`);
  }
  let internalHost: string | undefined;
  if (typeof input.internalHost === 'string' && input.internalHost.trim() !== '') {
    if (isDnsName(input.internalHost.trim())) internalHost = input.internalHost.trim();
    else
      problems.push(
        `wslNetwork.doctor.internalHost: ${t('{0} is not a DNS name.', JSON.stringify(input.internalHost))}`,
      );
  }
  return { tcpTarget, dnsName, ...(internalHost !== undefined ? { internalHost } : {}), problems };
}

/**
 * The `.wslconfig` values the doctor reads. WSL accepts `dnsTunneling`, `autoProxy` and
 * `networkingMode` under `[wsl2]` and, as their old spelling, under `[experimental]`; `[wsl2]`
 * wins (src/windows/common/WslCoreConfig.cpp reads both).
 */
export function doctorWslConfigValues(text: string | undefined): NonNullable<DoctorOptions['wslConfig']> {
  if (text === undefined) return {};
  const settings = analyze(text, 'wslconfig').settings;
  const either = (key: string): unknown => settings.value('wsl2', key) ?? settings.value('experimental', key);
  const bool = (value: unknown): boolean | undefined => (typeof value === 'boolean' ? value : undefined);
  const mode = either('networkingMode');
  const hostAddressLoopback = bool(settings.value('experimental', 'hostAddressLoopback'));
  const dnsTunneling = bool(either('dnsTunneling'));
  const autoProxy = bool(either('autoProxy'));
  return {
    ...(typeof mode === 'string' ? { networkingMode: mode.toLowerCase() } : {}),
    ...(dnsTunneling !== undefined ? { dnsTunneling } : {}),
    ...(autoProxy !== undefined ? { autoProxy } : {}),
    ...(hostAddressLoopback !== undefined ? { hostAddressLoopback } : {}),
  };
}

/** `/etc/wsl.conf [network] generateResolvConf`, as WSL's parser reads it; undefined when not set or unreadable. */
export function doctorWslConfValues(text: string | undefined): NonNullable<DoctorOptions['wslConf']> {
  if (text === undefined) return {};
  const value = analyze(text, 'wslconf').settings.value('network', 'generateResolvConf');
  return typeof value === 'boolean' ? { generateResolvConf: value } : {};
}

/** The new `.wslconfig` text with the fix's one key set (a minimal edit; nothing else moves). */
export function applyWslConfigFix(text: string, fix: WslConfigEditFix, eol: LineEnding): string {
  return applyTextEdits(text, setKey(text, 'wslconfig', fix.section, fix.key, fix.value, { defaultEol: eol }));
}

/** Ids of the checks that need the live probes to have run inside the distro. */
const PROBE_CHECKS: readonly DoctorCheck['id'][] = ['linux.tcpConnect', 'linux.dnsLookup', 'linux.proxyConnect'];
const LINUX_FACT_CHECKS: readonly DoctorCheck['id'][] = [
  'linux.defaultRoute',
  'linux.resolvConf',
  'linux.proxyEnvironment',
];

export interface NotRun {
  /** The live probes (TCP connect, DNS lookup, proxy) could not run inside the distro. */
  readonly probes?: string;
  /** The Linux facts (route, resolv.conf, proxy variables) could not be read at all. */
  readonly linux?: string;
}

/**
 * Marks the checks of the parts that could not run as skipped, with the reason, instead of
 * letting a probe that never ran read as a failure. Symptom checks that depend on a probe keep
 * their verdict only when it is not a failure derived from it.
 */
export function markNotRun(report: DoctorReport, notRun: NotRun, t: Localize): DoctorReport {
  if (notRun.probes === undefined && notRun.linux === undefined) return report;
  const checks = report.checks.map((check): DoctorCheck => {
    const reason = PROBE_CHECKS.includes(check.id)
      ? (notRun.probes ?? notRun.linux)
      : LINUX_FACT_CHECKS.includes(check.id)
        ? notRun.linux
        : undefined;
    if (reason === undefined) return check;
    const { fix: _fix, ...rest } = check;
    return { ...rest, verdict: 'skip', summary: t('Could not run: {0}', reason), evidence: [], citations: [] };
  });
  return { ...report, checks };
}

/** User names to mask in the network report: the Linux and Windows user from the environment. */
export function redactionUserNames(env: Readonly<Record<string, string | undefined>>): string[] {
  const names = [env['USER'], env['LOGNAME'], env['USERNAME']];
  for (const home of [env['HOME'], env['USERPROFILE']]) {
    const last = home
      ?.split(/[\\/]/)
      .filter((part) => part !== '')
      .pop();
    if (last) names.push(last);
  }
  return [...new Set(names.filter((name): name is string => typeof name === 'string' && name.length >= 2))];
}

/** `KEY=value` lines of `env` (run in the distro) → the proxy variables only. */
export function proxyVariablesFromEnvOutput(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^(https?_proxy|HTTPS?_PROXY|no_proxy|NO_PROXY|all_proxy|ALL_PROXY|WSL_PAC_URL)=(.*)$/.exec(
      line.replace(/\r$/, ''),
    );
    if (match) out[match[1] as string] = match[2] as string;
  }
  return out;
}
