/**
 * The networking cockpit's state and wiring: one WslHost, the latest facts, the status bar item
 * and the ports tree, and how commands run. The `.wslconfig` watcher (configWatcher.ts) and the
 * record of what we created (ledger.ts) are modules of their own.
 *
 * Refresh policy: the status refreshes at start, when `.wslconfig` changes on disk, when settings
 * change, when the window regains focus (at most every 30 s) and after every command. Ports (and
 * the slower firewall queries) are read only while the ports view is visible, on the interval
 * from `wslNetwork.ports.refreshInterval`, or on demand.
 *
 * Presence: on a WSL machine (Windows, a WSL distro, or demo mode) the status bar is always shown.
 * Elsewhere (macOS, plain Linux, where distro maintainers write wsl-distribution.conf) the cockpit
 * stays out of the way: no status bar item unless a WSL config file is open, and no polling.
 */
import * as vscode from 'vscode';
import type { CommandSpec } from '../host/commandBuilders';
import { renderStep, type PlanStep } from '../host/planSteps';
import { nodeHostEnvironment } from '../host/hostEnvironment';
import type { WslVersionInfo } from '../host/hostTypes';
import { describeCommand, type RunResult } from '../host/processRunner';
import { WslHost } from '../host/wslHost';
import { formatCommand } from '../model/exposure';
import { collectFacts, readConfigFacts, type CockpitFacts, type PortFacts } from '../model/facts';
import { resolveHostSetup, resolveWslConfigLocation, type HostSetup, type WslConfigLocation } from '../model/hostSetup';
import { buildPortsTree } from '../model/portsModel';
import { PortsTreeProvider } from './portsView';
import { readSettings, type CockpitSettings } from './settings';
import { computeStatus, STATUS_COMMANDS, type StatusView } from '../model/status';
import { PORTS_VIEW_ID } from '../commands/ids';
import { ConfigFileWatcher } from './configWatcher';
import { ExposureLedger } from './ledger';
import { readTestHooks, type TestHooks } from './testHooks';
import { VmStartTracker } from '../model/vmClock';
import { assembleWindowsFacts, buildConnectivityQueryCommand } from '../host/connectivity';
import type { StatusWslWarning } from '../model/status';

export { PORTS_VIEW_ID };
export { samePath } from './configWatcher';
export const CONTEXT_AVAILABLE = 'wslNetwork.available';
export const CONTEXT_DEMO = 'wslNetwork.demo';
export const CONTEXT_STALE = 'wslNetwork.hasStalePortForwarding';
const FOCUS_REFRESH_MIN_MS = 30_000;
const STATUS_POLL_MS = 60_000;

const t = vscode.l10n.t;

export interface ExecutedCommand {
  readonly file: string;
  readonly args: readonly string[];
  readonly elevated: boolean;
  readonly description: string;
  readonly script?: string;
}

export class Cockpit implements vscode.Disposable {
  readonly statusBar: vscode.StatusBarItem;
  readonly portsTree = new PortsTreeProvider();
  readonly treeView: vscode.TreeView<import('../model/portsModel').PortsNode>;
  setup: HostSetup;
  host: WslHost;
  facts: CockpitFacts | undefined;
  status: StatusView | undefined;
  /** The commands of the last change this extension ran on Windows (for tests and the output channel). */
  lastCommands: readonly ExecutedCommand[] | undefined;
  readonly tracker = new VmStartTracker();
  private portFacts: PortFacts | undefined;
  private versionCache: WslVersionInfo | null | undefined;
  private location: { key: string; value: WslConfigLocation } | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private portsTimer: NodeJS.Timeout | undefined;
  private statusTimer: NodeJS.Timeout | undefined;
  /** What WSL Network created (exposures, the last repair). */
  readonly exposures: ExposureLedger;
  /** Only under the test harness (WSL_NETWORK_TEST_HOOKS=1, read once here, at activation). */
  readonly testHooks: TestHooks | undefined = readTestHooks(process.env);
  private readonly watcher: ConfigFileWatcher;
  private lastFocusRefresh = 0;
  private lastAvailability: string | undefined;
  private inFlight: Promise<void> | undefined;
  private queued: { ports: boolean; promise: Promise<void> } | undefined;
  private disposed = false;
  private configFileOpen = false;
  private shown = false;
  /** Extra Markdown sections at the end of the status tooltip (e.g. each distro's wsl.conf summary). */
  readonly tooltipSections: (() => string | undefined)[] = [];
  private readonly renderedEmitter = new vscode.EventEmitter<void>();
  /** Fires after the status bar and tree show new facts (also after a `.wslconfig`-only re-read). */
  readonly onDidRender = this.renderedEmitter.event;
  private readonly restartEmitter = new vscode.EventEmitter<void>();
  /** Fires after a refresh that saw the VM start again (VmStartTracker.restarts); the repair offer listens. */
  readonly onVmRestarted = this.restartEmitter.event;
  private seenRestarts = 0;

  constructor(
    context: vscode.ExtensionContext,
    readonly output: vscode.OutputChannel,
  ) {
    this.setup = resolveHostSetup(nodeHostEnvironment());
    this.host = new WslHost({ environment: this.setup.environment, demo: this.setup.demo });
    if (this.setup.note) this.log(this.setup.note);
    this.exposures = new ExposureLedger(context.globalState);
    this.watcher = new ConfigFileWatcher(
      () => this.configChanged(),
      (line) => this.log(line),
    );

    this.statusBar = vscode.window.createStatusBarItem('wslNetwork.status', vscode.StatusBarAlignment.Left, 100);
    this.statusBar.name = t('WSL Network: networking mode');
    this.statusBar.text = `$(sync~spin) ${t('WSL: …')}`;
    this.statusBar.command = { title: t('WSL Network menu'), command: STATUS_COMMANDS.menu };

    this.treeView = vscode.window.createTreeView(PORTS_VIEW_ID, {
      treeDataProvider: this.portsTree,
      showCollapseAll: true,
    });
    this.disposables.push(
      this.restartEmitter,
      this.statusBar,
      this.treeView,
      this.portsTree,
      this.treeView.onDidChangeVisibility(() => this.schedulePorts()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (!event.affectsConfiguration('wslNetwork') || !this.present) return;
        this.schedulePorts();
        void this.refresh(this.treeView.visible);
      }),
      vscode.window.onDidChangeWindowState((state) => {
        if (!state.focused || !this.present || Date.now() - this.lastFocusRefresh < FOCUS_REFRESH_MIN_MS) return;
        this.lastFocusRefresh = Date.now();
        void this.refresh(this.treeView.visible);
      }),
    );
    void vscode.commands.executeCommand('setContext', CONTEXT_DEMO, this.setup.demo);
    this.updatePresence();
  }

  /** Windows, a WSL distro, or demo mode (the stand-ins make the host look like Windows). */
  get wslMachine(): boolean {
    return this.host.situation.kind !== 'unavailable';
  }

  /** Whether the status bar item is shown (and the status kept current). */
  get present(): boolean {
    return this.wslMachine || this.configFileOpen;
  }

  /** Told by the extension whenever a WSL config file opens or the last one closes. */
  setConfigFileOpen(open: boolean): void {
    this.configFileOpen = open;
    this.updatePresence();
  }

  /** Shows or hides the status bar, and polls only on a WSL machine. */
  private updatePresence(): void {
    if (this.disposed) return;
    this.shown = this.present;
    if (this.shown) this.statusBar.show();
    else this.statusBar.hide();
    if (this.wslMachine && !this.statusTimer) {
      this.statusTimer = setInterval(() => {
        if (vscode.window.state.focused) void this.refresh(false);
      }, STATUS_POLL_MS);
    } else if (!this.wslMachine && this.statusTimer) {
      clearInterval(this.statusTimer);
      this.statusTimer = undefined;
    }
    if (this.present && !this.facts && !this.inFlight) void this.refresh(false);
  }

  /** Whether the status bar item is shown, and whether the status poll runs (for tests). */
  get statusBarShown(): boolean {
    return this.shown;
  }
  get polling(): boolean {
    return this.statusTimer !== undefined;
  }

  get settings(): CockpitSettings {
    return readSettings();
  }

  log(line: string): void {
    this.output.appendLine(`[${new Date().toLocaleTimeString()}] ${line}`);
  }

  // ---- refresh -------------------------------------------------------------------------------

  /**
   * Re-reads the facts; with `ports`, also sockets, portproxy and firewall rules. Concurrent
   * calls are coalesced: at most one refresh runs and one more waits.
   */
  refresh(ports = false): Promise<void> {
    if (this.disposed) return Promise.resolve();
    if (!this.inFlight) {
      const run = this.run(ports).catch((error) =>
        this.log(`refresh failed: ${(error as Error).stack ?? String(error)}`),
      );
      this.inFlight = run.finally(() => {
        this.inFlight = undefined;
      });
      return this.inFlight;
    }
    if (this.queued) {
      this.queued.ports ||= ports;
      return this.queued.promise;
    }
    const queued = { ports, promise: Promise.resolve() };
    queued.promise = this.inFlight.then(() => {
      this.queued = undefined;
      return this.refresh(queued.ports);
    });
    this.queued = queued;
    return queued.promise;
  }

  private async run(includePorts: boolean): Promise<void> {
    const setup = resolveHostSetup(nodeHostEnvironment());
    if (setup.key !== this.setup.key) {
      this.setup = setup;
      this.host = new WslHost({ environment: setup.environment, demo: setup.demo });
      this.location = undefined;
      this.versionCache = undefined;
      this.portFacts = undefined;
      if (setup.note) this.log(setup.note);
      void vscode.commands.executeCommand('setContext', CONTEXT_DEMO, setup.demo);
      this.updatePresence();
    }
    const settings = this.settings;
    if (settings.prefixError)
      this.log(`wslNetwork.firewall.ruleNamePrefix: ${settings.prefixError} Using the default.`);
    const location = await this.resolveLocation(settings);
    this.watcher.watch(location.path);
    const facts = await collectFacts(this.host, this.setup, {
      distroSetting: settings.distro,
      includePorts,
      location,
      ...(this.versionCache !== undefined ? { version: this.versionCache } : {}),
    });
    if (facts.version) this.versionCache = facts.version;
    if (facts.ports) this.portFacts = facts.ports;
    if (!facts.vmRunning || !facts.available) this.portFacts = undefined;
    this.tracker.observe(facts.at, facts.vmRunning, facts.uptimeSeconds);
    const availability = facts.available
      ? `available (${facts.inspectDistro ?? facts.distro ?? 'no distro'} ${facts.vmRunning ? 'running' : 'stopped'})`
      : `unavailable: ${facts.unavailableReason ?? ''}`;
    if (availability !== this.lastAvailability) {
      this.lastAvailability = availability;
      this.log(`WSL ${availability}`);
    }
    this.facts = this.portFacts && !facts.ports ? { ...facts, ports: this.portFacts } : facts;
    this.render();
    if (this.tracker.restarts > this.seenRestarts) {
      this.seenRestarts = this.tracker.restarts;
      this.restartEmitter.fire();
    }
  }

  /** Status bar and tree from the current facts (also after a config-only re-read). */
  private render(): void {
    const facts = this.facts;
    if (!facts) return;
    const settings = this.settings;
    this.status = computeStatus(
      {
        demo: facts.demo,
        available: facts.available,
        ...(facts.unavailableReason ? { unavailableReason: facts.unavailableReason } : {}),
        ...((facts.inspectDistro ?? facts.distro) ? { distro: (facts.inspectDistro ?? facts.distro) as string } : {}),
        running: facts.inspectDistro !== undefined,
        ...(facts.effectiveMode ? { effectiveMode: facts.effectiveMode } : {}),
        ...(facts.effectiveModeError ? { effectiveModeError: facts.effectiveModeError } : {}),
        config: {
          ...(facts.config.location.path ? { path: facts.config.location.path } : {}),
          ...(facts.config.location.note ? { pathNote: facts.config.location.note } : {}),
          exists: facts.config.snapshot?.exists ?? false,
          ...(facts.config.snapshot?.mtimeMs !== undefined ? { mtimeMs: facts.config.snapshot.mtimeMs } : {}),
          ...(facts.config.snapshot?.readError ? { readError: facts.config.snapshot.readError } : {}),
          summary: facts.config.summary,
        },
        ...(this.tracker.current ? { vmStart: this.tracker.current } : {}),
        ...(facts.version ? { version: facts.version } : {}),
        ...(this.wslWarnings ? { wslWarnings: this.wslWarnings } : {}),
        now: Date.now(),
      },
      t,
    );
    if (this.status.fallback) this.readWslWarningsOnce();
    const view = this.status;
    this.statusBar.text = view.text;
    const extra = this.tooltipSections.map((section) => section()).filter((s): s is string => s !== undefined);
    const tooltip = new vscode.MarkdownString([view.tooltip, ...extra].join('\n\n---\n\n'), true);
    tooltip.isTrusted = { enabledCommands: Object.values(STATUS_COMMANDS) };
    this.statusBar.tooltip = tooltip;
    this.statusBar.accessibilityInformation = { label: view.accessibility };
    this.statusBar.backgroundColor =
      view.severity === 'warning' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.statusBar.color = view.severity === 'unavailable' ? new vscode.ThemeColor('disabledForeground') : undefined;

    const nodes = buildPortsTree(
      {
        facts,
        showWslOnly: settings.showWslOnly,
        ruleNamePrefix: settings.ruleNamePrefix,
        ledger: this.exposures.records,
      },
      t,
    );
    this.portsTree.update(nodes);
    this.treeView.message =
      facts.available && facts.demo ? t('Demo mode: simulated Windows tools (no real system is changed).') : undefined;
    void vscode.commands.executeCommand('setContext', CONTEXT_AVAILABLE, facts.available);
    void vscode.commands.executeCommand(
      'setContext',
      CONTEXT_STALE,
      nodes.some((n) => n.kind === 'staleGroup'),
    );
    this.renderedEmitter.fire();
  }

  /** Renders the status bar and tree again from the current facts (after a tooltip section changed). */
  rerender(): void {
    this.render();
  }

  private async resolveLocation(settings: CockpitSettings): Promise<WslConfigLocation> {
    const key = `${this.setup.key}\0${settings.wslconfigPath}`;
    if (this.location?.key === key && this.location.value.path) return this.location.value;
    const value = await resolveWslConfigLocation(settings.wslconfigPath, this.setup, this.host);
    this.location = { key, value };
    return value;
  }

  /** The `.wslconfig` location (resolving it when needed). */
  async wslConfigLocation(): Promise<WslConfigLocation> {
    return this.resolveLocation(this.settings);
  }

  private configTimer: NodeJS.Timeout | undefined;
  /** Debounced: re-reads `.wslconfig` only (no WSL calls) and re-renders. */
  configChanged(): void {
    clearTimeout(this.configTimer);
    this.configTimer = setTimeout(() => {
      if (!this.facts || this.disposed) return;
      this.facts = { ...this.facts, config: readConfigFacts(this.facts.config.location) };
      this.render();
    }, 300);
  }

  // ---- ports refresh while visible ---------------------------------------------------------------

  private schedulePorts(): void {
    clearInterval(this.portsTimer);
    this.portsTimer = undefined;
    if (!this.treeView.visible) return;
    void this.refresh(true);
    const seconds = this.settings.refreshIntervalS;
    // Only a WSL machine has ports to watch; elsewhere the view shows why once.
    if (seconds > 0 && this.wslMachine) this.portsTimer = setInterval(() => void this.refresh(true), seconds * 1000);
  }

  // ---- running changes ---------------------------------------------------------------------------

  /** Runs the steps (elevated ones behind one UAC prompt) with progress, logging every command line. */
  async runSteps(title: string, planned: readonly (PlanStep | CommandSpec)[]): Promise<RunResult> {
    const steps = renderCommands(planned);
    this.lastCommands = steps.map((s) => ({
      file: s.file,
      args: [...s.args],
      elevated: s.elevated,
      description: s.description,
      ...(s.script ? { script: s.script } : {}),
    }));
    this.log(`${title}:`);
    for (const step of steps) this.log(`  ${step.elevated ? '(administrator) ' : ''}${formatCommand(step)}`);
    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title, cancellable: false },
      async () => {
        try {
          const elevated = steps.filter((s) => s.elevated);
          let result: RunResult | undefined;
          if (elevated.length === steps.length) result = await this.host.executeElevated(steps);
          else for (const step of steps) result = await this.host.execute(step);
          this.log(`  done${result && result.stdout.trim() ? `: ${result.stdout.trim()}` : ''}`);
          return result as RunResult;
        } catch (error) {
          this.log(`  failed: ${(error as Error).message}`);
          throw error;
        }
      },
    );
  }

  /** WSL's own start-up warnings (event log), read when a fallback shows or by Check Connectivity. */
  private wslWarnings: readonly StatusWslWarning[] | undefined;
  private warningsReadFor: number | undefined;

  /** Replaces the status tooltip's possible fallback reasons with WSL's own warning, when there is one. */
  noteWslWarnings(warnings: readonly StatusWslWarning[] | undefined): void {
    if (warnings === undefined) return;
    this.wslWarnings = warnings;
    this.render();
  }

  /** One read-only Get-WinEvent per VM start, only while the status shows a fallback. */
  private readWslWarningsOnce(): void {
    const start = this.tracker.current?.notBefore;
    if (start === undefined || this.warningsReadFor === start || this.host.unavailableReason() !== undefined) return;
    this.warningsReadFor = start;
    const query = buildConnectivityQueryCommand(['wslEvents']);
    void this.host.windowsTool(query.file, query.args, { timeoutMs: 15_000 }).then(
      (r) => this.noteWslWarnings(assembleWindowsFacts(r.stdout).wslEvents),
      (error: unknown) => this.log(`WSL's warnings (event log) could not be read: ${(error as Error).message}`),
    );
  }

  describe(spec: CommandSpec): string {
    return describeCommand(spec.file, spec.args);
  }

  dispose(): void {
    this.disposed = true;
    clearInterval(this.portsTimer);
    clearInterval(this.statusTimer);
    clearTimeout(this.configTimer);
    this.watcher?.dispose();
    for (const d of this.disposables) d.dispose();
    this.renderedEmitter.dispose();
  }
}

/** Command lines for plan steps (rendered here, at the edge) or commands that are already specs. */
export function renderCommands(steps: readonly (PlanStep | CommandSpec)[]): CommandSpec[] {
  return steps.map((step) => ('action' in step ? renderStep(step) : step));
}
