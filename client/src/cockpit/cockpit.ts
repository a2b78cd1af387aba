// The networking cockpit's state and wiring: one WslHost, the latest facts, the status bar item,
// the ports tree, the `.wslconfig` watcher, the record of exposures, and how commands run.
//
// Refresh policy: the status refreshes at start, when `.wslconfig` changes on disk, when settings
// change, when the window regains focus (at most every 30 s) and after every command. Ports (and
// the slower firewall queries) are read only while the ports view is visible, on the interval
// from `wslNetwork.ports.refreshInterval`, or on demand.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CommandSpec } from '../host/commandBuilders';
import type { RepointedRule } from '../host/exposurePlan';
import { renderStep, type PlanStep } from '../host/planSteps';
import { nodeHostEnvironment } from '../host/hostEnvironment';
import type { WslVersionInfo } from '../host/hostTypes';
import { describeCommand, type RunResult } from '../host/processRunner';
import { WslHost } from '../host/wslHost';
import type { ExposureRecord } from '../host/exposurePlan';
import { formatCommand } from './exposure';
import { collectFacts, readConfigFacts, type CockpitFacts, type PortFacts } from './facts';
import { resolveHostSetup, resolveWslConfigLocation, type HostSetup, type WslConfigLocation } from './hostSetup';
import { buildPortsTree } from './portsModel';
import { PortsTreeProvider } from './portsView';
import { readSettings, type CockpitSettings } from './settings';
import { computeStatus, STATUS_COMMANDS, type StatusView } from './status';
import { VmStartTracker } from './vmClock';

export const PORTS_VIEW_ID = 'wslNetwork.views.ports';
export const CONTEXT_AVAILABLE = 'wslNetwork.available';
export const CONTEXT_DEMO = 'wslNetwork.demo';
export const CONTEXT_STALE = 'wslNetwork.hasStalePortForwarding';
export const CONTEXT_REPAIR_UNDOABLE = 'wslNetwork.repairUndoable';
const LEDGER_KEY = 'wslNetwork.exposures';
const LAST_REPAIR_KEY = 'wslNetwork.lastRepair';
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
  readonly treeView: vscode.TreeView<import('./portsModel').PortsNode>;
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
  private watcher: vscode.Disposable | undefined;
  private watchedPath: string | undefined;
  private lastFocusRefresh = 0;
  private lastAvailability: string | undefined;
  private readonly watchFailureLogged = new Set<string>();
  private inFlight: Promise<void> | undefined;
  private queued: { ports: boolean; promise: Promise<void> } | undefined;
  private disposed = false;

  constructor(
    private readonly context: vscode.ExtensionContext,
    readonly output: vscode.OutputChannel,
  ) {
    this.setup = resolveHostSetup(nodeHostEnvironment());
    this.host = new WslHost({ environment: this.setup.environment });
    if (this.setup.note) this.log(this.setup.note);

    this.statusBar = vscode.window.createStatusBarItem('wslNetwork.status', vscode.StatusBarAlignment.Left, 100);
    this.statusBar.name = t('WSL Network: networking mode');
    this.statusBar.text = `$(sync~spin) ${t('WSL: …')}`;
    this.statusBar.command = { title: t('Show ports'), command: STATUS_COMMANDS.showPorts };
    this.statusBar.show();

    this.treeView = vscode.window.createTreeView(PORTS_VIEW_ID, { treeDataProvider: this.portsTree, showCollapseAll: true });
    this.disposables.push(
      this.statusBar,
      this.treeView,
      this.portsTree,
      this.treeView.onDidChangeVisibility(() => this.schedulePorts()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (!event.affectsConfiguration('wslNetwork')) return;
        this.schedulePorts();
        void this.refresh(this.treeView.visible);
      }),
      vscode.window.onDidChangeWindowState((state) => {
        if (!state.focused || Date.now() - this.lastFocusRefresh < FOCUS_REFRESH_MIN_MS) return;
        this.lastFocusRefresh = Date.now();
        void this.refresh(this.treeView.visible);
      }),
      vscode.workspace.onDidSaveTextDocument((document) => {
        if (this.watchedPath && samePath(document.uri.fsPath, this.watchedPath)) this.configChanged();
      }),
    );
    this.statusTimer = setInterval(() => {
      if (vscode.window.state.focused) void this.refresh(false);
    }, STATUS_POLL_MS);
    void vscode.commands.executeCommand('setContext', CONTEXT_DEMO, this.setup.demo);
    void vscode.commands.executeCommand('setContext', CONTEXT_REPAIR_UNDOABLE, this.lastRepair.length > 0);
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
      const run = this.run(ports).catch((error) => this.log(`refresh failed: ${(error as Error).stack ?? String(error)}`));
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
      this.host = new WslHost({ environment: setup.environment });
      this.location = undefined;
      this.versionCache = undefined;
      this.portFacts = undefined;
      if (setup.note) this.log(setup.note);
      void vscode.commands.executeCommand('setContext', CONTEXT_DEMO, setup.demo);
    }
    const settings = this.settings;
    if (settings.prefixError) this.log(`wslNetwork.firewall.ruleNamePrefix: ${settings.prefixError} Using the default.`);
    const location = await this.resolveLocation(settings);
    this.watch(location.path);
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
    const availability = facts.available ? `available (${facts.inspectDistro ?? facts.distro ?? 'no distro'} ${facts.vmRunning ? 'running' : 'stopped'})` : `unavailable: ${facts.unavailableReason ?? ''}`;
    if (availability !== this.lastAvailability) {
      this.lastAvailability = availability;
      this.log(`WSL ${availability}`);
    }
    this.facts = this.portFacts && !facts.ports ? { ...facts, ports: this.portFacts } : facts;
    this.render();
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
        ...(facts.inspectDistro ?? facts.distro ? { distro: (facts.inspectDistro ?? facts.distro) as string } : {}),
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
        now: Date.now(),
      },
      t,
    );
    const view = this.status;
    this.statusBar.text = view.text;
    const tooltip = new vscode.MarkdownString(view.tooltip, true);
    tooltip.isTrusted = { enabledCommands: Object.values(STATUS_COMMANDS) };
    this.statusBar.tooltip = tooltip;
    this.statusBar.accessibilityInformation = { label: view.accessibility };
    this.statusBar.backgroundColor = view.severity === 'warning' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.statusBar.color = view.severity === 'unavailable' ? new vscode.ThemeColor('disabledForeground') : undefined;

    const nodes = buildPortsTree({ facts, showWslOnly: settings.showWslOnly, ruleNamePrefix: settings.ruleNamePrefix, ledger: this.ledger }, t);
    this.portsTree.update(nodes);
    this.treeView.message = facts.available && facts.demo ? t('Demo mode: simulated Windows tools (no real system is changed).') : undefined;
    void vscode.commands.executeCommand('setContext', CONTEXT_AVAILABLE, facts.available);
    void vscode.commands.executeCommand('setContext', CONTEXT_STALE, nodes.some((n) => n.kind === 'staleGroup'));
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

  // ---- .wslconfig watcher ----------------------------------------------------------------------

  /**
   * Watches the resolved `.wslconfig`. Inside a workspace folder VS Code's FileSystemWatcher does
   * it; elsewhere (the usual %USERPROFILE%) `fs.watch` on the folder, filtered by name, because
   * editors and our own atomic writes replace the file (a watch on the file itself would die).
   */
  private watch(file: string | undefined): void {
    if (file === this.watchedPath) return;
    this.watcher?.dispose();
    this.watcher = undefined;
    this.watchedPath = file;
    if (!file) return;
    const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(file));
    if (folder) {
      const relative = path.relative(folder.uri.fsPath, file).split(path.sep).join('/');
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, relative));
      const changed = (): void => this.configChanged();
      watcher.onDidChange(changed);
      watcher.onDidCreate(changed);
      watcher.onDidDelete(changed);
      this.watcher = watcher;
      return;
    }
    const dir = path.dirname(file);
    const name = path.basename(file);
    try {
      const fsWatcher = fs.watch(dir, { persistent: false }, (_event, changed) => {
        if (changed === null || changed === undefined || changed.toString() === name) this.configChanged();
      });
      fsWatcher.on('error', (error) => {
        this.log(`watching ${dir} failed: ${error.message}`);
        this.watchedPath = undefined; // set up again on the next refresh
      });
      this.watcher = { dispose: () => fsWatcher.close() };
    } catch (error) {
      // Typically the folder does not exist yet; try again on the next refresh.
      this.watchedPath = undefined;
      if (!this.watchFailureLogged.has(dir)) {
        this.watchFailureLogged.add(dir);
        const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
        this.log(
          missing
            ? `${dir} does not exist (yet): a .wslconfig created there is noticed on the next refresh`
            : `cannot watch ${dir} (${(error as Error).message}); .wslconfig changes are noticed on the next refresh`,
        );
      }
    }
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
    if (seconds > 0) this.portsTimer = setInterval(() => void this.refresh(true), seconds * 1000);
  }

  // ---- exposures we created --------------------------------------------------------------------

  get ledger(): readonly ExposureRecord[] {
    return this.context.globalState.get<ExposureRecord[]>(LEDGER_KEY, []);
  }

  async record(entry: ExposureRecord): Promise<void> {
    const rest = this.ledger.filter((r) => !(r.port === entry.port && r.protocol === entry.protocol));
    await this.context.globalState.update(LEDGER_KEY, [...rest, entry]);
  }

  async forget(port: number, protocol: string): Promise<void> {
    await this.context.globalState.update(
      LEDGER_KEY,
      this.ledger.filter((r) => !(r.port === port && r.protocol === protocol)),
    );
  }

  /** The rules the last Repair re-pointed (kept across reloads), until it is undone. */
  get lastRepair(): readonly RepointedRule[] {
    return this.context.globalState.get<RepointedRule[]>(LAST_REPAIR_KEY, []);
  }

  async recordRepair(repointed: readonly RepointedRule[]): Promise<void> {
    await this.context.globalState.update(LAST_REPAIR_KEY, repointed);
    void vscode.commands.executeCommand('setContext', CONTEXT_REPAIR_UNDOABLE, repointed.length > 0);
  }

  // ---- running changes ---------------------------------------------------------------------------

  /** Runs the steps (elevated ones behind one UAC prompt) with progress, logging every command line. */
  async runSteps(title: string, planned: readonly (PlanStep | CommandSpec)[]): Promise<RunResult> {
    const steps = renderCommands(planned);
    this.lastCommands = steps.map((s) => ({ file: s.file, args: [...s.args], elevated: s.elevated, description: s.description, ...(s.script ? { script: s.script } : {}) }));
    this.log(`${title}:`);
    for (const step of steps) this.log(`  ${step.elevated ? '(administrator) ' : ''}${formatCommand(step)}`);
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: false }, async () => {
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
    });
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
  }
}

function samePath(a: string, b: string): boolean {
  return process.platform === 'win32' ? a.toLowerCase() === b.toLowerCase() : a === b;
}

/** Command lines for plan steps (rendered here, at the edge) or commands that are already specs. */
export function renderCommands(steps: readonly (PlanStep | CommandSpec)[]): CommandSpec[] {
  return steps.map((step) => ('action' in step ? renderStep(step) : step));
}
