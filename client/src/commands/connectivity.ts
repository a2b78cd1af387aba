/**
 * Check Connectivity (the connectivity doctor, host/connectivity) and Copy Network Report.
 *
 * Where each part runs: the Linux checks must run inside the distro. When the extension host is
 * inside WSL (or in demo mode on Linux, where this machine plays the distro) they run locally
 * against the real network stack. When it runs on Windows, the route, resolv.conf, wsl.conf and
 * the proxy variables are read through `wsl.exe -d <distro> -e …`, but the live probes (TCP, DNS,
 * proxy) would test Windows' network instead of WSL's, so they are reported as not run. WSL is
 * never started just to look: without a running distro the Linux part is reported as not run.
 * The Windows facts are read-only PowerShell and netsh queries through the host's runner.
 *
 * Fixes go through the safe-change path: a `.wslconfig` key through writeConfig (editor Undo or
 * the notification's Undo), a Windows command through confirm + runSteps with its undo command
 * offered afterwards. In Restricted Mode the doctor reads but offers no fix.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  assembleWindowsFacts,
  buildConnectivityQueryCommand,
  buildExcludedPortRangeCommand,
  escapeMarkdown,
  EXCLUDED_RANGE_QUERIES,
  offeredFixes,
  renderDoctorReport,
  renderNetworkReport,
  runConnectivityDoctor,
  ALL_CONNECTIVITY_QUERIES,
  undoCommand,
  type CommandFix,
  type DoctorDeps,
  type DoctorFix,
  type DoctorOptions,
  type DoctorProbes,
  type DoctorResult,
  type ExcludedRangeKey,
  type WindowsFacts,
  type WslConfigEditFix,
} from '../host/connectivity';
import type { Cockpit } from '../cockpit/cockpit';
import type { ConnectivityFixLedger } from '../cockpit/fixLedger';
import type { CommandSpec } from '../host/commandBuilders';
import type { Prompter } from '../cockpit/prompts';
import {
  doctorWslConfigValues,
  doctorWslConfValues,
  markNotRun,
  parseTcpTarget,
  proxyVariablesFromEnvOutput,
  readDoctorSettings,
  redactionUserNames,
  type NotRun,
} from '../model/doctorSetup';
import { formatCommand } from '../model/exposure';
import {
  describeError,
  precheck,
  refuseInRestrictedMode,
  result,
  showDone,
  t,
  type CockpitCommandOptions,
  type CommandResult,
} from './common';
import { setWslConfigKey } from './configFile';
import type { DiagnosisPreviews } from './diagnose';
import { COMMAND_IDS } from './ids';

/** Programmatic options of Check Connectivity and Copy Network Report (besides `confirm` and `open`). */
export interface DoctorCommandOptions extends CockpitCommandOptions {
  /** Check Connectivity: apply the fix of the check with this id (e.g. `symptom.proxyNotUsed`). */
  readonly fix?: string;
  /** Read this resolv.conf instead of /etc/resolv.conf (an absolute path; for tests). */
  readonly resolvConfPath?: string;
  /** Ask this resolver (`127.0.0.1:5353`) instead of resolv.conf's nameserver (for tests). */
  readonly dnsServer?: string;
}

const WINDOWS_TIMEOUT_MS = 4000;
/** Demo mode only: the resolv.conf the played distro has (test/vscode/demo.mjs sets it). */
const DEMO_RESOLV_CONF_VARIABLE = 'WSL_NETWORK_DEMO_RESOLV_CONF';
const LINUX_READ_TIMEOUT_MS = 2500;

const NOT_RUN_PROBES: DoctorProbes = {
  tcp: async () => ({ outcome: 'error', durationMs: 0, detail: 'not run' }),
  dns: async (_name, server) => ({ outcome: 'error', durationMs: 0, detail: 'not run', server, addresses: [] }),
  httpProxy: async () => ({ outcome: 'error', durationMs: 0, detail: 'not run' }),
};

export interface Gathered {
  readonly deps: DoctorDeps;
  readonly notRun: NotRun;
  readonly wslConfText: string | undefined;
  /** Where the Linux part ran, for the report's header. */
  readonly where: string;
}

async function readLocal(file: string): Promise<string | undefined> {
  try {
    return await fs.promises.readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** The Windows facts through the host's runner: one powershell.exe and the four netsh tables, all read-only. */
function windowsFactsReader(cockpit: Cockpit): DoctorDeps['windowsFacts'] {
  const host = cockpit.host;
  if (host.unavailableReason() !== undefined) return undefined;
  return async (signal) => {
    const query = buildConnectivityQueryCommand();
    const powershell = host.windowsTool(query.file, query.args, { signal, timeoutMs: WINDOWS_TIMEOUT_MS }).then(
      (r) => ({ stdout: r.stdout as string | undefined, error: undefined as string | undefined }),
      (error: unknown) => ({ stdout: undefined, error: describeError(error) }),
    );
    const tables = Promise.all(
      EXCLUDED_RANGE_QUERIES.map((q) => {
        const command = buildExcludedPortRangeCommand(q);
        const key = `${q.family}-${q.protocol}` as ExcludedRangeKey;
        return host.windowsTool(command.file, command.args, { signal, timeoutMs: WINDOWS_TIMEOUT_MS }).then(
          (r) => [key, r.stdout] as const,
          () => [key, undefined] as const,
        );
      }),
    );
    const [ps, netsh] = await Promise.all([powershell, tables]);
    const facts = assembleWindowsFacts(ps.stdout, Object.fromEntries(netsh.filter(([, text]) => text !== undefined)));
    if (ps.error === undefined) return facts;
    // One failure of powershell.exe itself: every query it carried says why.
    const errors: Record<string, string> = { ...facts.errors };
    for (const id of ALL_CONNECTIVITY_QUERIES) errors[id] ??= ps.error;
    errors['nrptPolicy'] ??= ps.error;
    return { ...facts, errors } satisfies WindowsFacts;
  };
}

/** Decides where the Linux part runs and builds the doctor's dependencies for it. */
export async function gatherDeps(cockpit: Cockpit): Promise<Gathered> {
  const host = cockpit.host;
  const facts = cockpit.facts;
  const windowsFacts = windowsFactsReader(cockpit);
  const common = { ...(windowsFacts ? { windowsFacts } : {}) };
  const local = host.situation.kind === 'wsl' || (cockpit.setup.demo && process.platform === 'linux');
  if (local) {
    const run = async (file: string, args: string[]): Promise<string | undefined> => {
      try {
        return (await host.run(file, args, { timeoutMs: LINUX_READ_TIMEOUT_MS, encoding: 'utf8' })).stdout;
      } catch {
        return undefined;
      }
    };
    return {
      deps: {
        routeSource: {
          ipRoute: () => run('ip', ['route', 'show', 'default']),
          procNetRoute: () => readLocal('/proc/net/route'),
        },
        readFile: readLocal,
        env: process.env,
        ...common,
      },
      notRun: {},
      wslConfText: await readLocal('/etc/wsl.conf'),
      where: cockpit.setup.demo
        ? t('this machine (demo mode: it plays the distro)')
        : t('this distro ({0})', host.currentDistro ?? 'WSL'),
    };
  }
  const distro = facts?.inspectDistro;
  if (host.situation.kind === 'windows' && distro !== undefined) {
    const inDistro = async (command: string, args: string[]): Promise<string | undefined> => {
      try {
        return (await host.linuxCommand(distro, command, args, { timeoutMs: LINUX_READ_TIMEOUT_MS })).stdout;
      } catch {
        return undefined;
      }
    };
    const envText = await inDistro('env', []);
    return {
      deps: {
        routeSource: {
          ipRoute: () => inDistro('ip', ['route', 'show', 'default']),
          procNetRoute: () => inDistro('cat', ['/proc/net/route']),
        },
        // Only the doctor's own fixed paths are read (resolv.conf); never a path from outside.
        readFile: (file) =>
          path.posix.isAbsolute(file) && !file.startsWith('-') ? inDistro('cat', [file]) : Promise.resolve(undefined),
        env: envText !== undefined ? proxyVariablesFromEnvOutput(envText) : {},
        probes: NOT_RUN_PROBES,
        ...common,
      },
      notRun: {
        probes: t(
          'the TCP, DNS and proxy probes must run inside {0}, and this extension host runs on Windows (open the folder in WSL to run them).',
          distro,
        ),
      },
      wslConfText: await inDistro('cat', ['/etc/wsl.conf']),
      where: t('{0} through wsl.exe', distro),
    };
  }
  const reason =
    host.situation.kind === 'windows'
      ? t('no WSL 2 distro is running, and the check does not start one.')
      : (host.unavailableReason() ?? t('WSL is not available here.'));
  return {
    deps: {
      routeSource: { ipRoute: async () => undefined, procNetRoute: async () => undefined },
      readFile: async () => undefined,
      env: {},
      probes: NOT_RUN_PROBES,
      ...common,
    },
    notRun: { linux: reason },
    wslConfText: undefined,
    where: t('nowhere'),
  };
}

interface DoctorRun {
  readonly result: DoctorResult;
  readonly notes: readonly string[];
  readonly where: string;
}

async function runDoctor(cockpit: Cockpit, options: DoctorCommandOptions): Promise<DoctorRun | CommandResult> {
  const config = vscode.workspace.getConfiguration('wslNetwork');
  const settings = readDoctorSettings(
    {
      tcpTarget: config.get('doctor.tcpTarget'),
      dnsName: config.get('doctor.dnsName'),
      internalHost: config.get('doctor.internalHost'),
    },
    t,
  );
  const overrides: { resolvConfPath?: string; dnsServer?: DoctorOptions['dnsServer'] } = {};
  if (options.resolvConfPath !== undefined) {
    if (typeof options.resolvConfPath !== 'string' || !path.posix.isAbsolute(options.resolvConfPath))
      return result(false, 'refused', t('resolvConfPath must be an absolute path.'));
    overrides.resolvConfPath = options.resolvConfPath;
  } else if (cockpit.setup.demo) {
    // Demo mode plays the distro on this machine; a harness run (test/vscode/demo.mjs) gives it
    // the distro's resolv.conf, so its DNS check asks a resolver on 127.0.0.1, not this machine's.
    const demoResolvConf = process.env[DEMO_RESOLV_CONF_VARIABLE];
    if (demoResolvConf !== undefined && path.posix.isAbsolute(demoResolvConf))
      overrides.resolvConfPath = demoResolvConf;
  }
  if (options.dnsServer !== undefined) {
    const parsed = parseTcpTarget(String(options.dnsServer), t);
    if (!parsed.ok) return result(false, 'refused', parsed.error);
    overrides.dnsServer = parsed.target;
  }
  await cockpit.refresh(false);
  const facts = cockpit.facts;
  const gathered = await gatherDeps(cockpit);
  const doctorOptions: DoctorOptions = {
    tcpTarget: settings.tcpTarget,
    dnsName: settings.dnsName,
    ...(settings.internalHost !== undefined ? { internalHost: settings.internalHost } : {}),
    ...overrides,
    ...(facts?.effectiveMode !== undefined ? { mode: facts.effectiveMode } : {}),
    wslConfig: doctorWslConfigValues(facts?.config.snapshot?.text),
    wslConf: doctorWslConfValues(gathered.wslConfText),
  };
  const raw = await runConnectivityDoctor(gathered.deps, doctorOptions, t);
  cockpit.noteWslWarnings(raw.facts.windows?.wslEvents);
  const report = markNotRun(raw.report, gathered.notRun, t);
  const notes = [
    ...settings.problems.map((p) => t('Setting ignored, the default is used: {0}', p)),
    ...(gathered.notRun.linux ? [t('The Linux checks did not run: {0}', gathered.notRun.linux)] : []),
    ...(gathered.notRun.probes ? [t('The live probes did not run: {0}', gathered.notRun.probes)] : []),
  ];
  cockpit.log(
    `connectivity check: ${report.checks.map((c) => `${c.id}=${c.verdict}`).join(' ')} (${report.durationMs} ms)`,
  );
  return { result: { report, facts: raw.facts }, notes, where: gathered.where };
}

/** The report's Markdown with the notes about what could not run right under the title. */
export function withNotes(markdown: string, where: string, notes: readonly string[]): string {
  const cut = markdown.indexOf('\n\n');
  const head = cut >= 0 ? markdown.slice(0, cut) : markdown;
  const rest = cut >= 0 ? markdown.slice(cut) : '';
  const lines = [
    `_${escapeMarkdown(t('Linux checks ran in: {0}.', where))}_`,
    ...notes.map((note) => `> ⚠️ ${escapeMarkdown(note)}`),
  ];
  return `${head}\n\n${lines.join('\n\n')}${rest}`;
}

export async function showMarkdown(previews: DiagnosisPreviews, name: string, markdown: string): Promise<void> {
  const uri = previews.add(name, markdown);
  try {
    await vscode.commands.executeCommand('markdown.showPreview', uri);
  } catch {
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: markdown });
    await vscode.window.showTextDocument(document, { preview: true });
  }
}

export async function checkConnectivity(
  cockpit: Cockpit,
  previews: DiagnosisPreviews,
  ledger: ConnectivityFixLedger,
  prompter: Prompter,
  options: DoctorCommandOptions,
): Promise<CommandResult> {
  const run = await runDoctor(cockpit, options);
  if ('ok' in run) return run;
  const offerFixes = vscode.workspace.isTrusted;
  const { report } = run.result;
  const markdown = withNotes(renderDoctorReport(report, t, { offerFixes }), run.where, run.notes);
  if (options.open !== false) await showMarkdown(previews, '/connectivity.md', markdown);
  const fixes = offerFixes ? offeredFixes(report) : [];
  const counts = {
    fail: report.checks.filter((c) => c.verdict === 'fail').length,
    warn: report.checks.filter((c) => c.verdict === 'warn').length,
  };
  const summary = t('Connectivity check: {0} problem(s), {1} warning(s).', counts.fail, counts.warn);
  const data = { report, markdown, offerFixes, fixes: fixes.map((f) => f.check.id), notes: run.notes };

  if (options.fix !== undefined) {
    if (!offerFixes)
      return (
        refuseInRestrictedMode(t('Applying a connectivity fix')) ??
        result(false, 'refused', t('Restricted Mode: no fix is offered.'), { data })
      );
    const chosen = fixes.find((f) => f.check.id === options.fix);
    if (!chosen) return result(false, 'nothing', t('The check {0} offers no fix now.', String(options.fix)), { data });
    const applied = await applyDoctorFix(cockpit, ledger, prompter, chosen.check, chosen.fix);
    return { ...applied, data: { ...data, applied: applied.data } };
  }
  offerFixesLater(cockpit, ledger, prompter, t('{0} The report offers {1} fix(es).', summary, fixes.length), fixes);
  return result(true, 'done', summary, { data });
}

/** The check or step a fix belongs to: its id (for the log and the undo record) and title. */
export interface FixSubject {
  readonly id: string;
  readonly title: string;
}

/** Interactive runs: a notification whose button lists the fixes; each asks before it runs. */
export function offerFixesLater(
  cockpit: Cockpit,
  ledger: ConnectivityFixLedger,
  prompter: Prompter,
  message: string,
  fixes: readonly { readonly check: FixSubject; readonly fix: DoctorFix }[],
): void {
  if (!prompter.interactive || fixes.length === 0) return;
  void prompter.notify('warning', message, t('Apply a Fix…')).then(async (picked) => {
    if (!picked) return;
    const choice = await prompter.pick(
      fixes.map((f) => ({ label: f.check.title, detail: f.fix.description, entry: f })),
      { title: t('Apply a Fix'), placeHolder: t('Each fix shows exactly what it changes and asks first') },
    );
    if (!choice) return;
    const outcome = await applyDoctorFix(cockpit, ledger, prompter, choice.entry.check, choice.entry.fix).catch(
      (error: unknown) => result(false, 'failed', describeError(error)),
    );
    if (!outcome.ok && outcome.outcome !== 'cancelled')
      void prompter.notify(outcome.outcome === 'failed' ? 'error' : 'warning', outcome.message);
  });
}

/** Applies one fix through the safe-change path; every change is shown first and can be undone. */
export async function applyDoctorFix(
  cockpit: Cockpit,
  ledger: ConnectivityFixLedger,
  prompter: Prompter,
  check: FixSubject,
  fix: DoctorFix,
): Promise<CommandResult> {
  const untrusted = refuseInRestrictedMode(t('Applying a connectivity fix'));
  if (untrusted) return untrusted;
  switch (fix.kind) {
    case 'wslconfig':
      return applyWslConfigEdit(cockpit, prompter, check, fix);
    case 'command':
      return applyCommandFix(cockpit, ledger, prompter, check, fix);
    case 'wslconf':
      return result(
        false,
        'nothing',
        t(
          'This fix edits /etc/wsl.conf inside the distro ([{0}] {1}={2}), which needs root there; WSL Network does not change it from here. Edit it with sudo, then restart WSL.',
          fix.section,
          fix.key,
          fix.value,
        ),
      );
    case 'advice':
      return result(false, 'nothing', fix.description);
  }
}

function applyWslConfigEdit(
  cockpit: Cockpit,
  prompter: Prompter,
  check: FixSubject,
  fix: WslConfigEditFix,
): Promise<CommandResult> {
  return setWslConfigKey(cockpit, prompter, fix, {
    question: t('Fix "{0}": change .wslconfig?', check.title),
    reason: `connectivity fix for ${check.id}`,
  });
}

async function applyCommandFix(
  cockpit: Cockpit,
  ledger: ConnectivityFixLedger,
  prompter: Prompter,
  check: FixSubject,
  fix: CommandFix,
): Promise<CommandResult> {
  const refused = await precheck(cockpit, t('Applying a connectivity fix'), false);
  if (refused) return refused;
  const detail = [
    fix.description,
    '',
    t('Runs (as administrator): {0}', fix.apply.description),
    // The whole script: cockpit.describe shortens long arguments, and the user must see all of it.
    formatCommand(fix.apply),
    '',
    t('Undo ("Undo Connectivity Fix", also after a reload): {0}', fix.undo.description),
    formatCommand(fix.undo),
  ].join('\n');
  if (!(await prompter.confirm(t('Fix "{0}"?', check.title), detail, t('Run as Administrator'))))
    return result(false, 'cancelled', t('Cancelled.'));
  await cockpit.runSteps(t('Applying a connectivity fix'), [fix.apply]);
  const at = Date.now();
  await ledger.record({
    checkId: check.id,
    title: check.title,
    applied: fix.apply.description,
    undo: fix.undoRecipe,
    at,
  });
  cockpit.log(`connectivity fix for ${check.id} applied; undo: ${cockpit.describe(fix.undo)}`);
  const message = t('Done: {0}. Undo runs: {1}', fix.apply.description, fix.undo.description);
  showDone(prompter, message, async () => {
    await vscode.commands.executeCommand(COMMAND_IDS.undoConnectivityFix, { at });
  });
  return result(true, 'done', message, { commands: [fix.apply], data: { undo: fix.undo, at } });
}

/** Options of Undo Connectivity Fix. */
export interface UndoFixOptions extends CockpitCommandOptions {
  /** The record to undo (its `at`); default: interactive, a pick; otherwise the latest. */
  readonly at?: number;
}

/** Undoes a recorded command fix: rebuilt from its recipe (validated), shown, confirmed, run elevated. */
export async function undoConnectivityFix(
  cockpit: Cockpit,
  ledger: ConnectivityFixLedger,
  prompter: Prompter,
  options: UndoFixOptions,
): Promise<CommandResult> {
  const refused = await precheck(cockpit, t('Undoing a connectivity fix'), false);
  if (refused) return refused;
  const records = [...ledger.records].reverse();
  if (records.length === 0) return result(false, 'nothing', t('There is no connectivity fix to undo.'));
  let record = options.at !== undefined ? records.find((r) => r.at === options.at) : records[0];
  if (options.at === undefined && prompter.interactive && records.length > 1) {
    const picked = await prompter.pick(
      records.map((r) => ({
        label: r.title,
        description: new Date(r.at).toLocaleString(),
        detail: r.applied,
        record: r,
      })),
      { title: t('Undo Connectivity Fix'), placeHolder: t('The fixes applied by WSL Network, latest first') },
    );
    if (!picked) return result(false, 'cancelled', t('Cancelled.'));
    record = picked.record;
  }
  if (!record) return result(false, 'nothing', t('That connectivity fix was already undone.'));
  let undo: CommandSpec;
  try {
    undo = undoCommand(record.undo, t);
  } catch (error) {
    // Not one of the undo forms we build: never run it; drop the record.
    await ledger.forget(record.at);
    return result(false, 'refused', t('The stored undo was not usable and was removed: {0}', describeError(error)));
  }
  const detail = [
    t('Applied {0}: {1}', new Date(record.at).toLocaleString(), record.applied),
    '',
    t('Runs (as administrator): {0}', undo.description),
    formatCommand(undo),
  ].join('\n');
  if (!(await prompter.confirm(t('Undo "{0}"?', record.title), detail, t('Run as Administrator'))))
    return result(false, 'cancelled', t('Cancelled.'));
  await cockpit.runSteps(t('Undoing a connectivity fix'), [undo]);
  await ledger.forget(record.at);
  cockpit.log(`connectivity fix for ${record.checkId} undone: ${cockpit.describe(undo)}`);
  const message = t('Undone: {0}', undo.description);
  void prompter.notify('info', message);
  return result(true, 'done', message, { commands: [undo] });
}

// ---- Copy Network Report ------------------------------------------------------------------------

export async function copyNetworkReport(
  cockpit: Cockpit,
  previews: DiagnosisPreviews,
  prompter: Prompter,
  options: DoctorCommandOptions,
): Promise<CommandResult> {
  const run = await runDoctor(cockpit, options);
  if ('ok' in run) return run;
  const facts = cockpit.facts;
  const header = [
    `WSL ${facts?.version?.wslVersion ?? '?'}, kernel ${facts?.version?.kernelVersion ?? '?'}, Windows ${facts?.version?.windowsVersion ?? '?'}`,
    `.wslconfig networkingMode: ${facts?.config.summary.mode ?? '?'}${facts?.config.summary.modeExplicit ? '' : ' (default)'}; effective: ${facts?.effectiveMode ?? '?'}`,
    `Linux checks ran in: ${run.where}`,
    ...run.notes,
  ];
  const env = process.env;
  const hostNames = [os.hostname(), env['COMPUTERNAME'], env['USERDOMAIN'], env['USERDNSDOMAIN']].filter(
    (name): name is string => typeof name === 'string' && name !== '',
  );
  const report = renderNetworkReport(
    {
      report: run.result.report,
      facts: run.result.facts,
      header,
      redaction: { userNames: redactionUserNames(env), hostNames },
    },
    t,
  );
  if (options.open !== false) await showMarkdown(previews, '/network-report.md', report.markdown);
  if (
    !(await prompter.confirm(
      t('Copy this network report to the clipboard?'),
      `${report.preview}\n${t('The preview shows exactly what will be copied.')}`,
      t('Copy'),
    ))
  )
    return result(false, 'cancelled', t('Cancelled.'), { data: report });
  try {
    await vscode.env.clipboard.writeText(report.markdown);
  } catch (error) {
    return result(false, 'failed', t('Could not copy the report: {0}', describeError(error)), { data: report });
  }
  const message = t('Network report copied. {0}', report.preview);
  void prompter.notify('info', message);
  return result(true, 'done', message, { data: report });
}
