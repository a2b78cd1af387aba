/**
 * `.wslconfig` and each distro's `/etc/wsl.conf` checked together. WSL reads them together: the
 * service turns `.wslconfig` into the VM's configuration, and each distro's init then applies its
 * own `wsl.conf` inside that VM, so some combinations make a setting do nothing or something
 * unexpected (dnsTunneling with generateResolvConf=false, microsoft/WSL #12310). The list lives in
 * schemas/interactions.json as data, each entry with its source; this module loads it, checks it
 * against the key catalogue, and evaluates it. Pure: no file or process access.
 */
import interactionsData from '../../../schemas/interactions.json';
import { analyze, type Analysis } from './analyzer';
import { catalogueIndex, catalogues, type FileKind } from './catalogue';
import type { NetworkingMode } from './networkingMode';
import type { Finding, Severity } from './findings';
import { LineIndex, type Range } from './lineIndex';
import type { Entry, Span } from './parser';
import type { ResolvedSettings } from './resolvedSettings';
import { cleanHostname } from './valueParsers';

export interface SettingTest {
  /** `section.key`, spelled as in the catalogue. */
  setting: string;
  equals?: boolean | string;
  isSet?: true;
  kernelParameter?: { name: string; value: string };
  /** An absent key (or one whose value WSL rejected) counts: its default satisfies the test. */
  matchesDefault?: boolean;
}

export interface Condition {
  anyOf: SettingTest[];
}

export interface WslconfigCondition extends Condition {
  networkingModes?: NetworkingMode[];
  dnsTunneling?: boolean;
}

export interface Interaction {
  id: string;
  title: string;
  wslconfig: WslconfigCondition;
  wslconf: Condition;
  severity: Severity;
  messages: { wslconfig: string; wslconf: string };
  sources: { url: string; note: string }[];
}

/** A place in the other file (or in this one), with the range precomputed for related information. */
export interface CrossFileLocation {
  file: 'wslconfig' | 'wslconf';
  /** For `wslconf`: whose /etc/wsl.conf. */
  distro?: string;
  span: Span;
  /** Zero-based line/character range (LSP conventions) of `span` in that file's text. */
  range: Range;
}

export interface CrossFileFinding extends Omit<Finding, 'code' | 'related'> {
  code: 'cross-file';
  /** The interaction's id in schemas/interactions.json. */
  interaction: string;
  /** Zero-based range of `span` in this file. */
  range: Range;
  /** The other file's lines that make this one matter. */
  related: { location: CrossFileLocation; message: string }[];
  sources: string[];
}

export interface DistroWslConf {
  distro: string;
  wslconfText: string;
}

export interface CrossFileResult {
  wslconfig: CrossFileFinding[];
  /** Every distro passed in has an entry (possibly empty). */
  wslconf: Map<string, CrossFileFinding[]>;
}

const TEST_KINDS = ['equals', 'isSet', 'kernelParameter'] as const;

/** Loads and checks the interaction list: every setting must exist in its file's catalogue, with a value of its type. */
export function loadInteractions(data: unknown): Interaction[] {
  const list = (data as { interactions?: unknown }).interactions;
  if (!Array.isArray(list)) throw new Error('interactions.json: "interactions" must be an array');
  const ids = new Set<string>();
  for (const item of list as Interaction[]) {
    if (ids.has(item.id)) throw new Error(`interactions.json: duplicate id ${item.id}`);
    ids.add(item.id);
    if (!item.sources?.length) throw new Error(`interactions.json: ${item.id} has no source`);
    for (const [kind, condition] of [
      ['wslconfig', item.wslconfig],
      ['wslconf', item.wslconf],
    ] as const) {
      for (const test of condition.anyOf) checkTest(item.id, kind, test);
    }
  }
  return list as Interaction[];
}

function checkTest(id: string, kind: FileKind, test: SettingTest): void {
  const [section, name] = test.setting.split('.');
  const key = catalogueIndex(kind).lookup(section ?? '', name ?? '');
  const where = `interactions.json: ${id}: ${test.setting}`;
  if (!key || `${key.section}.${key.name}` !== test.setting)
    throw new Error(`${where} is not a ${catalogues[kind].displayName} setting (canonical spelling)`);
  const kinds = TEST_KINDS.filter((k) => test[k] !== undefined);
  if (kinds.length !== 1) throw new Error(`${where} needs exactly one of ${TEST_KINDS.join(', ')}`);
  if (test.equals !== undefined) {
    if (key.type === 'bool' && typeof test.equals !== 'boolean') throw new Error(`${where} is a boolean`);
    if (
      key.type === 'enum' &&
      !key.values?.some((v) => typeof test.equals === 'string' && v.name.toLowerCase() === test.equals.toLowerCase())
    ) {
      throw new Error(`${where}: ${String(test.equals)} is not one of its values`);
    }
  }
  if (test.kernelParameter !== undefined && key.type !== 'string')
    throw new Error(`${where}: kernelParameter needs a string setting`);
}

export const interactions: readonly Interaction[] = loadInteractions(interactionsData);

/** One test that holds: through an entry of the file, or through the default. */
interface Held {
  test: SettingTest;
  entry: Entry | undefined;
}

function holds(test: SettingTest, settings: ResolvedSettings): Held | undefined {
  const [section, name] = test.setting.split('.') as [string, string];
  const entry = settings.entry(section, name);
  const value = settings.value(section, name);
  // A value WSL rejected leaves the default in place, as if the key were absent.
  if (entry === undefined || value === undefined) return test.matchesDefault ? { test, entry: undefined } : undefined;
  if (test.isSet) return { test, entry };
  if (test.equals !== undefined) {
    const same =
      typeof test.equals === 'boolean'
        ? value === test.equals
        : typeof value === 'string' && value.toLowerCase() === test.equals.toLowerCase();
    return same ? { test, entry } : undefined;
  }
  if (test.kernelParameter !== undefined && typeof value === 'string') {
    // WSL's init: the first "name=" anywhere in /proc/cmdline, then the text up to a blank or LF
    // (src/linux/init/config.cpp, ConfigInitializeCgroups). The user's line is appended last.
    const prefix = `${test.kernelParameter.name}=`;
    const at = value.indexOf(prefix);
    if (at < 0) return undefined;
    const found = value.slice(at + prefix.length).split(/[ \n]/, 1)[0];
    return found === test.kernelParameter.value ? { test, entry } : undefined;
  }
  return undefined;
}

/** The VM-wide facts WSL derives before any distro starts (WslCoreConfig.cpp `Initialize`). */
function vmFacts(settings: ResolvedSettings): { mode: NetworkingMode; dnsTunneling: boolean } {
  const safeMode = settings.value('wsl2', 'safeMode') === true;
  // An invalid dnsTunnelingIpAddress turns DNS tunneling off entirely.
  const badTunnelAddress =
    settings.entry('experimental', 'dnsTunnelingIpAddress') !== undefined &&
    settings.value('experimental', 'dnsTunnelingIpAddress') === undefined;
  return {
    mode: safeMode ? 'none' : settings.networkingMode,
    dnsTunneling: !safeMode && !badTunnelAddress && settings.dnsTunneling,
  };
}

function wslconfigHolds(interaction: Interaction, settings: ResolvedSettings): Held[] {
  const condition = interaction.wslconfig;
  const facts = vmFacts(settings);
  if (condition.networkingModes && !condition.networkingModes.includes(facts.mode)) return [];
  if (condition.dnsTunneling !== undefined && condition.dnsTunneling !== facts.dnsTunneling) return [];
  return condition.anyOf.map((test) => holds(test, settings)).filter((h): h is Held => h !== undefined);
}

function wslconfHolds(interaction: Interaction, settings: ResolvedSettings): Held[] {
  return interaction.wslconf.anyOf.map((test) => holds(test, settings)).filter((h): h is Held => h !== undefined);
}

function describeHeld(held: readonly Held[], kind: FileKind): string {
  return held
    .map(({ test, entry }) => {
      if (entry) return `${entry.fullName}=${entry.rawValue}`;
      const [section, name] = test.setting.split('.') as [string, string];
      const key = catalogueIndex(kind).lookup(section, name);
      return `${test.setting} (${key?.default ?? 'default'}, the default)`;
    })
    .join(' and ');
}

function inDocumentOrder(entries: Entry[]): Entry[] {
  return [...new Set(entries)].sort((a, b) => a.span.start - b.span.start);
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

/** Findings for both files, from their texts. */
export function crossFileFindings(wslconfigText: string, distros: readonly DistroWslConf[]): CrossFileResult {
  return crossFileFindingsFromAnalyses(
    analyze(wslconfigText, 'wslconfig'),
    distros.map((d) => ({ distro: d.distro, analysis: analyze(d.wslconfText, 'wslconf') })),
  );
}

/** The same, from analyses the caller already has (the language server keeps one per open document). */
export function crossFileFindingsFromAnalyses(
  wslconfig: Analysis,
  distros: readonly { distro: string; analysis: Analysis }[],
): CrossFileResult {
  const wslconfigLines = new LineIndex(wslconfig.parsed.text);
  const result: CrossFileResult = { wslconfig: [], wslconf: new Map(distros.map((d) => [d.distro, []])) };
  const locate = (file: 'wslconfig' | 'wslconf', lines: LineIndex, span: Span, distro?: string): CrossFileLocation => ({
    file,
    ...(distro !== undefined ? { distro } : {}),
    span,
    range: lines.rangeOf(span.start, span.end),
  });

  for (const interaction of interactions) {
    const vmSide = wslconfigHolds(interaction, wslconfig.settings);
    if (vmSide.length === 0) continue;
    const vmEntries = inDocumentOrder(vmSide.flatMap((h) => (h.entry ? [h.entry] : [])));
    const affected: { distro: string; lines: LineIndex; entries: Entry[] }[] = [];
    for (const { distro, analysis } of distros) {
      const distroSide = wslconfHolds(interaction, analysis.settings);
      const entries = inDocumentOrder(distroSide.flatMap((h) => (h.entry ? [h.entry] : [])));
      if (entries.length === 0) continue;
      const lines = new LineIndex(analysis.parsed.text);
      affected.push({ distro, lines, entries });
      for (const entry of entries) {
        result.wslconf.get(distro)!.push({
          code: 'cross-file',
          interaction: interaction.id,
          severity: interaction.severity,
          message: fill(interaction.messages.wslconf, {
            wslconfig: describeHeld(vmSide, 'wslconfig'),
            wslconf: `${entry.fullName}=${entry.rawValue}`,
            distros: distro,
          }),
          span: entry.keySpan,
          range: lines.rangeOf(entry.keySpan.start, entry.keySpan.end),
          related: vmEntries.map((vm) => ({
            location: locate('wslconfig', wslconfigLines, vm.span),
            message: `Set here in .wslconfig: ${vm.fullName}=${vm.rawValue}`,
          })),
          sources: interaction.sources.map((s) => s.url),
        });
      }
    }
    if (affected.length === 0) continue;
    const names = affected.map((a) => a.distro).join(', ');
    for (const vm of vmEntries) {
      const own = vmSide.filter((h) => h.entry === vm);
      result.wslconfig.push({
        code: 'cross-file',
        interaction: interaction.id,
        severity: interaction.severity,
        message: fill(interaction.messages.wslconfig, {
          wslconfig: describeHeld(own, 'wslconfig'),
          wslconf: [...new Set(affected.flatMap((a) => a.entries.map((e) => `${e.fullName}=${e.rawValue}`)))].join(
            ', ',
          ),
          distros: names,
        }),
        span: vm.keySpan,
        range: wslconfigLines.rangeOf(vm.keySpan.start, vm.keySpan.end),
        related: affected.flatMap((a) =>
          a.entries.map((e) => ({
            location: locate('wslconf', a.lines, e.span, a.distro),
            message: `${a.distro}: /etc/wsl.conf sets ${e.fullName}=${e.rawValue}`,
          })),
        ),
        sources: interaction.sources.map((s) => s.url),
      });
    }
  }
  return result;
}

// ---- status bar ----------------------------------------------------------------------------------

export interface DistroConfigSummary {
  /** Short facts, most important first, e.g. ["systemd on", "resolv.conf managed by you"]. */
  facts: string[];
  /** Titles of the interactions with .wslconfig that hold for this distro. */
  interactions: string[];
  /** `facts` and `interactions` as one tooltip line. Contains text from the file (user name, mount root): escape it for Markdown. */
  line: string;
}

/** What a distro's wsl.conf changes from WSL's defaults, in a few words each, for the status bar tooltip. */
export function summarizeDistroConfig(wslconfText: string, wslconfigText?: string): DistroConfigSummary {
  const analysis = analyze(wslconfText, 'wslconf');
  const s = analysis.settings;
  const facts: string[] = [];
  const parsed = analysis.parsed;
  if (parsed.stoppedAt !== undefined)
    facts.push(`WSL stops reading at line ${parsed.issues[parsed.issues.length - 1]?.wslLine ?? '?'}`);
  facts.push(s.value('boot', 'systemd') === true ? 'systemd on' : 'systemd off');
  if (s.value('network', 'generateResolvConf') === false) facts.push('resolv.conf managed by you');
  if (s.value('network', 'generateHosts') === false) facts.push('hosts managed by you');
  const hostname = s.value('network', 'hostname');
  if (typeof hostname === 'string') facts.push(`hostname ${cleanHostname(hostname)}`);
  if (s.value('interop', 'enabled') === false) facts.push('interop off');
  else if (s.value('interop', 'appendWindowsPath') === false) facts.push('Windows PATH not appended');
  if (s.value('automount', 'enabled') === false) facts.push('drives not mounted');
  else if (typeof s.value('automount', 'root') === 'string')
    facts.push(`drives under ${String(s.value('automount', 'root'))}`);
  if (
    typeof s.value('automount', 'cgroups') === 'string' &&
    String(s.value('automount', 'cgroups')).toLowerCase() === 'v1'
  )
    facts.push('cgroup v1');
  const user = s.value('user', 'default');
  if (typeof user === 'string' && user !== '') facts.push(`default user ${user}`);
  if (s.entry('boot', 'command') !== undefined) facts.push('boot command set');
  if (s.value('general', 'guiApplications') === false) facts.push('GUI apps off');
  if (s.value('gpu', 'enabled') === false) facts.push('GPU off');
  if (s.value('time', 'useWindowsTimezone') === false) facts.push('own time zone');
  const found =
    wslconfigText === undefined
      ? []
      : [
          ...new Set(
            crossFileFindingsFromAnalyses(analyze(wslconfigText, 'wslconfig'), [{ distro: '', analysis }])
              .wslconf.get('')!
              .map((f) => f.interaction),
          ),
        ].map((id) => interactions.find((i) => i.id === id)!.title);
  return { facts, interactions: found, line: [...facts, ...found].join(', ') };
}
