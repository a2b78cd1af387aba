// The cockpit's commands. Every command that changes Windows or `.wslconfig`:
// - refuses in an untrusted workspace (Restricted Mode) and when WSL is not available;
// - validates its input before anything else (a bad port never reaches a command line);
// - shows exactly what it will run (the host layer's CommandSpecs) and asks first;
// - runs through the host layer only (argument arrays, no shell strings), logs each command line,
//   records what it created, and names the way back in its success message.
//
// Programmatic use (tests, other extensions): `executeCommand(id, options)` with the
// CockpitCommandOptions below. `{ confirm: false }` skips the dialogs (see prompts.ts); the
// returned CommandResult says what happened and which commands ran.
import * as vscode from 'vscode';
import { buildWslShutdown, type CommandSpec } from '../host/commandBuilders';
import { listOwnExposures, planUndoRepair, type OwnExposure } from '../host/exposurePlan';
import { HostCommandError } from '../host/processRunner';
import type { Protocol } from '../host/validators';
import { detectLineEnding, minimalReplacement, modeLabel, type NetworkingMode } from '../../../server/src/core';
import { renderCommands, type Cockpit } from './cockpit';
import { diagnosePort } from './diagnose';
import { decideExpose, formatSteps, parsePortInput, planRepair } from './exposure';
import { applyModeChange, modeChoices, modeNotes, parseConfigMode, relatedFixes, type RelatedFix } from './modeSwitch';
import type { PortNode, PortsNode, StaleNode } from './portsModel';
import { scriptedPrompter, vscodePrompter, type Prompter } from './prompts';
import { ConfigChangedOnDiskError, createWslConfig, readWslConfig, writeWslConfigAtomic, wslConfigTemplate, type WslConfigSnapshot } from './wslConfigFile';

const t = vscode.l10n.t;

export const COMMANDS = {
  applyNetworkingMode: 'wslNetwork.applyNetworkingMode',
  restartWsl: 'wslNetwork.restartWsl',
  exposePort: 'wslNetwork.exposePort',
  removePortExposure: 'wslNetwork.removePortExposure',
  repairPortForwarding: 'wslNetwork.repairPortForwarding',
  undoPortForwardingRepair: 'wslNetwork.undoPortForwardingRepair',
  openWslConfig: 'wslNetwork.openWslConfig',
  diagnosePort: 'wslNetwork.diagnosePort',
  refreshPorts: 'wslNetwork.refreshPorts',
  openInBrowser: 'wslNetwork.openInBrowser',
  copyLocalUrl: 'wslNetwork.copyLocalUrl',
  copyLanUrl: 'wslNetwork.copyLanUrl',
} as const;

/** Options for programmatic calls. Tree items pass their node instead. */
export interface CockpitCommandOptions {
  /** false: the caller has confirmed; ask nothing (answers below are used instead). */
  readonly confirm?: boolean;
  readonly port?: number | string;
  readonly protocol?: Protocol;
  /** Apply Networking Mode: nat | mirrored | bridged | none | consomme. */
  readonly mode?: string;
  /** Apply Networking Mode: also apply the related-key fixes (default false when not asking). */
  readonly fixRelatedKeys?: boolean;
  /** Apply Networking Mode: restart WSL afterwards (default false when not asking). */
  readonly restart?: boolean;
  /** Open .wslconfig: create the template when missing (default false when not asking). */
  readonly createIfMissing?: boolean;
  /** Diagnose Port: open the Markdown preview (default true). */
  readonly open?: boolean;
}

export interface CommandResult {
  readonly ok: boolean;
  readonly outcome: 'done' | 'cancelled' | 'refused' | 'failed' | 'nothing';
  readonly message: string;
  readonly commands?: readonly CommandSpec[];
  /** Command-specific payload (the diagnosis Markdown, the URL copied, …). */
  readonly data?: unknown;
}

type Arg = PortsNode | CockpitCommandOptions | undefined;

function isNode(arg: unknown): arg is PortsNode {
  return typeof arg === 'object' && arg !== null && 'kind' in arg && 'contextValue' in arg;
}

function optionsOf(arg: Arg): CockpitCommandOptions {
  if (arg === undefined || arg === null) return {};
  if (isNode(arg)) return arg.kind === 'port' ? { port: (arg as PortNode).port, protocol: (arg as PortNode).protocol } : {};
  return typeof arg === 'object' ? arg : {};
}

function prompterFor(cockpit: Cockpit, options: CockpitCommandOptions): Prompter {
  if (options.confirm !== false) return vscodePrompter();
  return scriptedPrompter((line) => cockpit.log(line), {
    pick: (items) => items[0],
    pickMany: (items) => (options.fixRelatedKeys ? items : []),
  });
}

const result = (ok: boolean, outcome: CommandResult['outcome'], message: string, extra: Partial<CommandResult> = {}): CommandResult => ({ ok, outcome, message, ...extra });

export function registerCockpitCommands(context: vscode.ExtensionContext, cockpit: Cockpit): void {
  const register = (id: string, handler: (arg: Arg, prompter: Prompter, options: CockpitCommandOptions) => Promise<CommandResult>): void => {
    context.subscriptions.push(
      vscode.commands.registerCommand(id, async (arg: Arg) => {
        const options = optionsOf(arg);
        const prompter = prompterFor(cockpit, options);
        try {
          const outcome = await handler(arg, prompter, options);
          if (!outcome.ok && outcome.outcome !== 'cancelled') {
            cockpit.log(`${id}: ${outcome.message}`);
            void prompter.notify(outcome.outcome === 'failed' ? 'error' : 'warning', outcome.message);
          }
          return outcome;
        } catch (error) {
          const message = describeError(error);
          cockpit.log(`${id} failed: ${error instanceof Error ? (error.stack ?? message) : message}`);
          void prompter.notify('error', message, t('Show Output')).then((choice) => {
            if (choice) cockpit.output.show(true);
          });
          return result(false, 'failed', message);
        }
      }),
    );
  };

  register(COMMANDS.refreshPorts, async () => {
    await cockpit.refresh(true);
    return result(true, 'done', t('Refreshed.'));
  });
  register(COMMANDS.applyNetworkingMode, (_arg, prompter, options) => applyNetworkingMode(cockpit, prompter, options));
  register(COMMANDS.restartWsl, (_arg, prompter) => restartWsl(cockpit, prompter));
  register(COMMANDS.exposePort, (_arg, prompter, options) => exposePort(cockpit, prompter, options));
  register(COMMANDS.removePortExposure, (_arg, prompter, options) => removeExposure(cockpit, prompter, options));
  register(COMMANDS.repairPortForwarding, (arg, prompter) => repair(cockpit, prompter, isNode(arg) && arg.kind === 'stale' ? (arg as StaleNode) : undefined));
  register(COMMANDS.undoPortForwardingRepair, (_arg, prompter) => undoRepair(cockpit, prompter));
  register(COMMANDS.openWslConfig, (_arg, prompter, options) => openWslConfig(cockpit, prompter, options));
  register(COMMANDS.diagnosePort, (_arg, prompter, options) => diagnose(cockpit, prompter, options));
  register(COMMANDS.openInBrowser, async (arg) => {
    const node = portNodeOf(cockpit, arg);
    const url = node?.localUrl ?? node?.lanUrls[0];
    if (!url) return result(false, 'nothing', t('Windows cannot reach this port, so there is nothing to open.'));
    await vscode.env.openExternal(vscode.Uri.parse(url));
    return result(true, 'done', url, { data: url });
  });
  register(COMMANDS.copyLocalUrl, async (arg, prompter) => {
    const url = portNodeOf(cockpit, arg)?.localUrl;
    if (!url) return result(false, 'nothing', t('Windows cannot reach this port, so it has no local URL.'));
    return copy(url, prompter);
  });
  register(COMMANDS.copyLanUrl, async (arg, prompter) => {
    const node = portNodeOf(cockpit, arg);
    const urls = node?.lanUrls ?? [];
    if (urls.length === 0) {
      return result(false, 'nothing', node?.reach?.fromLan ? t('The LAN address of this PC is unknown here; use its IP address from ipconfig.') : t('This port is not reachable from the LAN. Expose it first.'));
    }
    const url = urls.length === 1 ? urls[0] : (await prompter.pick(urls.map((u) => ({ label: u })), { placeHolder: t('Which address?') }))?.label;
    if (!url) return result(false, 'cancelled', t('Cancelled.'));
    return copy(url, prompter);
  });
}

async function copy(url: string, prompter: Prompter): Promise<CommandResult> {
  try {
    await vscode.env.clipboard.writeText(url);
  } catch (error) {
    return result(false, 'failed', t('Could not copy {0}: {1}', url, describeError(error)), { data: url });
  }
  void prompter.notify('info', t('Copied {0}', url));
  return result(true, 'done', url, { data: url });
}

/** The tree node for a port, from a node argument or `{ port }` options (looked up in the tree). */
function portNodeOf(cockpit: Cockpit, arg: Arg): PortNode | undefined {
  if (isNode(arg) && arg.kind === 'port') return arg as PortNode;
  const options = optionsOf(arg);
  const port = parsePortInput(options.port, t);
  if (!port.ok) return undefined;
  const all: PortNode[] = [];
  const walk = (nodes: readonly PortsNode[]): void => {
    for (const node of nodes) {
      if (node.kind === 'port') all.push(node as PortNode);
      walk(node.children);
    }
  };
  walk(cockpit.portsTree.nodes);
  const protocol = options.protocol ?? 'TCP';
  const matching = all.filter((n) => n.port === port.port && n.protocol === protocol);
  return matching.find((n) => n.localUrl || n.lanUrls.length > 0) ?? matching[0];
}

function describeError(error: unknown): string {
  if (error instanceof HostCommandError && error.failure === 'elevation-canceled') {
    return t('Nothing was changed: the administrator (UAC) prompt was declined.');
  }
  return error instanceof Error ? error.message : String(error);
}

/** Refuses changes in Restricted Mode and when WSL is unavailable; refreshes the facts first. */
async function precheck(cockpit: Cockpit, what: string, ports: boolean): Promise<CommandResult | undefined> {
  if (!vscode.workspace.isTrusted) {
    return result(false, 'refused', t('{0} changes your system, which WSL Network does not do in Restricted Mode. Trust this workspace to continue.', what));
  }
  await cockpit.refresh(ports);
  const facts = cockpit.facts;
  if (!facts?.available) return result(false, 'refused', t('WSL is not available: {0}', facts?.unavailableReason ?? t('unknown reason')));
  return undefined;
}

// ---- Apply Networking Mode -----------------------------------------------------------------------

async function applyNetworkingMode(cockpit: Cockpit, prompter: Prompter, options: CockpitCommandOptions): Promise<CommandResult> {
  if (!vscode.workspace.isTrusted) {
    return result(false, 'refused', t('{0} changes your system, which WSL Network does not do in Restricted Mode. Trust this workspace to continue.', t('Applying a networking mode')));
  }
  await cockpit.refresh(false);
  const location = await cockpit.wslConfigLocation();
  if (!location.path) return result(false, 'refused', t('.wslconfig cannot be located: {0}', location.note ?? ''));
  const file = location.path;
  const snapshot = readWslConfig(file);
  if (snapshot.readError) return result(false, 'failed', t('{0} could not be read: {1}', file, snapshot.readError));
  const text = snapshot.text ?? '';
  const current = cockpit.facts?.config.summary.mode ?? 'nat';

  let target: NetworkingMode | undefined;
  if (options.mode !== undefined) {
    target = parseConfigMode(options.mode);
    if (!target) return result(false, 'refused', t('Unknown networking mode {0}: use nat, mirrored, bridged, none or consomme.', JSON.stringify(String(options.mode))));
  } else {
    if (!prompter.interactive) return result(false, 'refused', t('Pass {0} when calling this command without dialogs.', '{ mode }'));
    const choices = modeChoices(t).map((choice) => ({
      ...choice,
      description: choice.mode === current ? `${choice.description} · ${t('configured now')}` : choice.description,
      picked: choice.mode === current,
    }));
    target = (await prompter.pick(choices, { title: t('WSL networking mode'), placeHolder: t('Written to {0}; WSL applies it after a restart', file), matchOnDetail: true }))?.mode;
    if (!target) return result(false, 'cancelled', t('Cancelled.'));
  }
  const choice = modeChoices(t).find((c) => c.mode === target);
  if (choice?.warning && !(await prompter.confirm(t('Switch to {0} mode?', choice.label), choice.warning, t('Switch to {0}', choice.label)))) {
    return result(false, 'cancelled', t('Cancelled.'));
  }

  const fixes = relatedFixes(text, target, t);
  let accepted: readonly RelatedFix[] = [];
  if (fixes.length > 0) {
    const items = fixes.map((fix) => ({ label: fix.label, detail: fix.reason, picked: true, fix }));
    const picked = await prompter.pickMany(items, {
      title: t('Related settings'),
      placeHolder: t('These settings change meaning in {0} mode. Select the changes to make too (nothing else is touched).', modeLabel(target)),
    });
    if (picked === undefined && prompter.interactive) return result(false, 'cancelled', t('Cancelled.'));
    accepted = (picked ?? []).map((item) => item.fix);
  }
  for (const note of modeNotes(text, target, t)) void prompter.notify('warning', note);

  const fallbackEol = cockpit.setup.environment.platform === 'win32' && !cockpit.setup.demo ? '\r\n' : '\n';
  const written = await writeConfig(cockpit, snapshot, (current) => applyModeChange(current, target, accepted, detectLineEnding(current, fallbackEol)));
  const undo = written.undo;
  if (written.changed) cockpit.log(`${file}: networkingMode=${target}${accepted.length ? `; ${accepted.map((f) => f.label).join('; ')}` : ''} (${written.via})`);
  cockpit.configChanged();
  await cockpit.refresh(false);

  const facts = cockpit.facts;
  const needsRestart = written.saved && facts?.vmRunning === true && (facts.effectiveMode !== target || written.changed);
  const message = !written.changed
    ? t('.wslconfig already sets networkingMode={0}.', target)
    : !written.saved
      ? t('networkingMode={0} is set in the open editor; save .wslconfig to apply it.', target)
      : needsRestart
        ? t('.wslconfig now sets networkingMode={0}. WSL applies it after a restart.', target)
        : t('.wslconfig now sets networkingMode={0}. WSL uses it the next time it starts.', target);
  if (!needsRestart) {
    showDone(prompter, message, undo);
    return result(true, written.changed ? 'done' : 'nothing', message, { data: { file, mode: target, fixes: accepted.map((f) => f.id) } });
  }
  if (prompter.interactive) {
    const actions = [t('Restart WSL'), ...(undo ? [t('Undo')] : [])];
    void prompter.notify('info', message, ...actions).then(async (picked) => {
      if (picked === t('Restart WSL')) await vscode.commands.executeCommand('wslNetwork.restartWsl');
      else if (picked === t('Undo') && undo) await undo();
    });
    return result(true, 'done', message, { data: { file, mode: target, fixes: accepted.map((f) => f.id) } });
  }
  void prompter.notify('info', message);
  const restart = options.restart ? await restartWsl(cockpit, prompter) : undefined;
  return result(true, 'done', message, { data: { file, mode: target, fixes: accepted.map((f) => f.id), restart }, ...(restart?.commands ? { commands: restart.commands } : {}) });
}

function showDone(prompter: Prompter, message: string, undo: (() => Promise<void>) | undefined): void {
  if (!undo) {
    void prompter.notify('info', message);
    return;
  }
  void prompter.notify('info', message, t('Undo')).then(async (picked) => {
    if (picked === t('Undo')) await undo();
  });
}

/**
 * Writes `.wslconfig`. When the file is open in VS Code: a WorkspaceEdit on the document, so the
 * editor's Undo reverts it; saved right away unless the document already had unsaved changes (then
 * the user saves). Otherwise: atomically on disk, keeping encoding, BOM and line endings, and
 * refusing when the file changed since it was read. `transform` maps the current text to the new one.
 */
async function writeConfig(
  cockpit: Cockpit,
  snapshot: WslConfigSnapshot,
  transform: (text: string) => string,
): Promise<{ via: string; changed: boolean; saved: boolean; undo?: () => Promise<void> }> {
  const document = vscode.workspace.textDocuments.find((doc) => doc.uri.scheme === 'file' && samePath(doc.uri.fsPath, snapshot.path));
  if (document) {
    const before = document.getText();
    const replacement = minimalReplacement(before, transform(before));
    if (!replacement) return { via: t('no change'), changed: false, saved: true };
    const wasDirty = document.isDirty;
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, new vscode.Range(document.positionAt(replacement.start), document.positionAt(replacement.end)), replacement.newText);
    if (!(await vscode.workspace.applyEdit(edit))) throw new Error(t('VS Code did not apply the edit to {0}.', snapshot.path));
    if (!wasDirty) await document.save();
    return {
      via: wasDirty ? t('edited in the open editor, which has unsaved changes: save it to apply') : t('edited in the open editor and saved; Undo in the editor reverts it'),
      changed: true,
      saved: !wasDirty,
      undo: async () => {
        const back = minimalReplacement(document.getText(), before);
        if (!back) return;
        const undoEdit = new vscode.WorkspaceEdit();
        undoEdit.replace(document.uri, new vscode.Range(document.positionAt(back.start), document.positionAt(back.end)), back.newText);
        await vscode.workspace.applyEdit(undoEdit);
        if (!wasDirty) await document.save();
        cockpit.configChanged();
      },
    };
  }
  const original = snapshot.text ?? '';
  const newText = transform(original);
  if (newText === original) return { via: t('no change'), changed: false, saved: true };
  const bytes = writeWslConfigAtomic(snapshot, newText);
  const written: WslConfigSnapshot = { ...readWslConfig(snapshot.path), bytes };
  return {
    via: t('written atomically'),
    changed: true,
    saved: true,
    undo: async () => {
      try {
        writeWslConfigAtomic(written, original);
        cockpit.configChanged();
        void vscode.window.showInformationMessage(t('.wslconfig restored.'));
      } catch (error) {
        void vscode.window.showErrorMessage(error instanceof ConfigChangedOnDiskError ? t('.wslconfig changed again since; not restored.') : describeError(error));
      }
    },
  };
}

function samePath(a: string, b: string): boolean {
  return process.platform === 'win32' ? a.toLowerCase() === b.toLowerCase() : a === b;
}

// ---- Restart WSL -----------------------------------------------------------------------------------

async function restartWsl(cockpit: Cockpit, prompter: Prompter): Promise<CommandResult> {
  const refused = await precheck(cockpit, t('Restarting WSL'), false);
  if (refused) return refused;
  const facts = cockpit.facts!;
  const step = buildWslShutdown();
  const warnings: string[] = [];
  if (vscode.env.remoteName === 'wsl') {
    warnings.push(t('⚠ This VS Code window is connected to WSL and will disconnect; VS Code offers to reconnect, which starts WSL again.'));
  }
  if (cockpit.host.situation.kind === 'wsl') {
    warnings.push(t('⚠ This extension runs inside WSL ({0}): the shutdown also stops it until the window reconnects.', cockpit.host.currentDistro ?? 'WSL'));
  }
  const running = facts.distros.filter((d) => d.state === 'Running').map((d) => d.name);
  if (running.length > 0) warnings.push(t('Running distros that will stop: {0}. Programs in them end; unsaved work in them is lost.', running.join(', ')));
  warnings.push(t('Other VS Code windows connected to WSL disconnect too.'));
  const detail = [t('Runs: {0}', cockpit.describe(step)), t('WSL starts again on next use and then reads .wslconfig.'), '', ...warnings].join('\n');
  if (!(await prompter.confirm(t('Restart WSL?'), detail, t('Restart WSL')))) return result(false, 'cancelled', t('Cancelled.'));
  await cockpit.runSteps(t('Shutting down WSL'), [step]);
  cockpit.tracker.noteOurRestart(Date.now());
  await cockpit.refresh(true);
  const message = t('WSL was shut down. It starts again on next use, with the current .wslconfig.');
  void prompter.notify('info', message);
  return result(true, 'done', message, { commands: [step] });
}

// ---- Expose / Remove / Repair ------------------------------------------------------------------------

/**
 * The port to act on. Interactive: an input box, prefilled from the tree item (or the selected
 * port in the tree) and validated as you type; with `confirmGiven` false a given port is used as
 * is. Programmatic (`confirm: false`): `options.port`.
 */
async function askPort(
  cockpit: Cockpit,
  prompter: Prompter,
  options: CockpitCommandOptions,
  title: string,
  confirmGiven = true,
): Promise<{ port: number } | CommandResult> {
  let raw: unknown = options.port;
  if (prompter.interactive && (confirmGiven || raw === undefined)) {
    const selected = cockpit.treeView.selection.find((node): node is PortNode => node.kind === 'port');
    const prefill = raw !== undefined ? String(raw) : selected ? String(selected.port) : undefined;
    raw = await prompter.input({
      title,
      prompt: t('Port number (1-65535) of the program listening in WSL'),
      ...(prefill !== undefined ? { value: prefill } : {}),
      validateInput: (value) => (parsePortInput(value, t).ok ? undefined : t('Enter a port number from 1 to 65535 (digits only).')),
    });
    if (raw === undefined) return result(false, 'cancelled', t('Cancelled.'));
  } else if (raw === undefined) {
    return result(false, 'refused', t('Pass {0} when calling this command without dialogs.', '{ port }'));
  }
  const parsed = parsePortInput(raw, t);
  if (!parsed.ok) return result(false, 'refused', parsed.error);
  return { port: parsed.port };
}

async function exposePort(cockpit: Cockpit, prompter: Prompter, options: CockpitCommandOptions): Promise<CommandResult> {
  // Validate first: hostile input must not even trigger a refresh.
  const asked = await askPort(cockpit, prompter, options, t('Expose Port to LAN'));
  if ('ok' in asked) return asked;
  const protocol: Protocol = options.protocol === 'UDP' ? 'UDP' : 'TCP';
  const refused = await precheck(cockpit, t('Exposing a port'), true);
  if (refused) return refused;
  const facts = cockpit.facts!;
  const settings = cockpit.settings;
  const sockets = facts.ports?.sockets.flatMap((s) => s.sockets) ?? [];
  const decision = decideExpose(
    {
      port: asked.port,
      protocol,
      ...(facts.inspectDistro ? { distro: facts.inspectDistro } : {}),
      sockets,
      context: facts.ports?.context,
      ...socketsError(facts),
      ...(facts.effectiveMode === undefined ? { modeUnknown: true } : {}),
      profile: settings.profile,
      ruleNamePrefix: settings.ruleNamePrefix,
    },
    t,
  );
  switch (decision.kind) {
    case 'unavailable':
      return result(false, 'refused', decision.message);
    case 'bound-locally':
      return result(false, 'refused', decision.message);
    case 'already':
      void prompter.notify('info', decision.message);
      return result(true, 'nothing', decision.message);
    case 'infeasible':
      return result(false, 'refused', [decision.message, ...decision.notes].join(' '));
    case 'plan':
      break;
  }
  const steps = decision.plan.steps;
  const detail = [
    ...decision.warnings.map((w) => `⚠ ${w}`),
    ...decision.plan.notes,
    '',
    t('Commands:'),
    formatSteps(steps, t),
    '',
    t('Undo: "WSL Network: Remove Port Exposure" removes exactly these rules.'),
  ].join('\n');
  const title = t('Expose {0} port {1} to the LAN ({2} mode)?', protocol, asked.port, modeLabel(decision.record.mode));
  if (!(await prompter.confirm(title, detail, t('Run as Administrator')))) return result(false, 'cancelled', t('Cancelled.'));
  await cockpit.runSteps(t('Exposing {0} port {1}', protocol, asked.port), steps);
  await cockpit.record({ ...decision.record, at: Date.now() });
  await cockpit.refresh(true);
  const node = portNodeOf(cockpit, { port: asked.port, protocol });
  const where = node?.lanUrls.length ? node.lanUrls.join(', ') : t('this PC\'s LAN address, port {0}', decision.record.listenPort);
  const message = t('Port {0} is exposed to the LAN: {1}. To undo, run "Remove Port Exposure".', asked.port, where);
  void prompter.notify('info', message, t('Remove Exposure')).then(async (picked) => {
    if (picked) await vscode.commands.executeCommand('wslNetwork.removePortExposure', { port: asked.port, protocol });
  });
  return result(true, 'done', message, { commands: renderCommands(steps), data: decision.record });
}

function socketsError(facts: NonNullable<Cockpit['facts']>): { socketsError?: string } {
  const failed = facts.ports?.sockets.find((s) => s.distro === facts.inspectDistro && s.error !== undefined);
  return failed?.error !== undefined ? { socketsError: failed.error } : {};
}

async function removeExposure(cockpit: Cockpit, prompter: Prompter, options: CockpitCommandOptions): Promise<CommandResult> {
  let wanted: number | undefined;
  if (options.port !== undefined) {
    const parsed = parsePortInput(options.port, t);
    if (!parsed.ok) return result(false, 'refused', parsed.error);
    wanted = parsed.port;
  }
  const refused = await precheck(cockpit, t('Removing a port exposure'), true);
  if (refused) return refused;
  const settings = cockpit.settings;
  const own = listOwnExposures(cockpit.facts?.ports?.context, cockpit.ledger, settings.ruleNamePrefix);
  let chosen: OwnExposure[];
  if (wanted !== undefined) {
    chosen = own.filter((o) => o.port === wanted && (options.protocol === undefined || o.protocol === options.protocol));
    if (chosen.length === 0) return result(false, 'nothing', t('WSL Network has no rules for port {0}. Rules it did not create are never removed.', wanted));
  } else {
    if (own.length === 0) return result(false, 'nothing', t('There are no port exposures created by WSL Network (rules named "{0}: …").', settings.ruleNamePrefix));
    if (!prompter.interactive) return result(false, 'refused', t('Pass {0} when calling this command without dialogs.', '{ port }'));
    const picked = await prompter.pickMany(
      own.map((o) => ({ label: `${o.protocol} ${o.port}`, description: o.parts.length ? o.parts.join(' · ') : t('already gone; forget the record'), picked: false, exposure: o })),
      { title: t('Remove Port Exposure'), placeHolder: t('Only rules created by WSL Network are listed') },
    );
    if (!picked || picked.length === 0) return result(false, 'cancelled', t('Cancelled.'));
    chosen = picked.map((p) => p.exposure);
  }
  const steps = chosen.flatMap((o) => o.steps);
  if (steps.length > 0) {
    const detail = [t('Commands:'), formatSteps(steps, t)].join('\n');
    const title = t('Remove the exposure of {0}?', chosen.map((o) => `${o.protocol} ${o.port}`).join(', '));
    if (!(await prompter.confirm(title, detail, t('Run as Administrator')))) return result(false, 'cancelled', t('Cancelled.'));
    await cockpit.runSteps(t('Removing port exposure'), steps);
  }
  for (const o of chosen) await cockpit.forget(o.port, o.protocol);
  await cockpit.refresh(true);
  const message =
    steps.length > 0
      ? t('Removed: {0}. The ports are no longer forwarded or allowed by WSL Network rules.', chosen.flatMap((o) => o.parts).join('; '))
      : t('The rules were already gone; the record was cleared.');
  void prompter.notify('info', message);
  return result(true, 'done', message, { commands: renderCommands(steps) });
}

async function repair(cockpit: Cockpit, prompter: Prompter, node: StaleNode | undefined): Promise<CommandResult> {
  const refused = await precheck(cockpit, t('Repairing port forwarding'), true);
  if (refused) return refused;
  const context = cockpit.facts?.ports?.context;
  const plan = planRepair(context, { ledger: cockpit.ledger, ruleNamePrefix: cockpit.settings.ruleNamePrefix }, node?.rule);
  if (!plan.feasible || plan.steps.length === 0) return result(false, 'nothing', plan.notes.join(' ') || t('No stale portproxy rules.'));
  const detail = [...plan.notes, '', t('Commands:'), formatSteps(plan.steps, t), '', t('Undo: "WSL Network: Undo Port Forwarding Repair" points them back.')].join('\n');
  if (!(await prompter.confirm(t('Re-point {0} stale portproxy rules to the current WSL IP?', plan.steps.length), detail, t('Run as Administrator')))) {
    return result(false, 'cancelled', t('Cancelled.'));
  }
  await cockpit.runSteps(t('Repairing port forwarding'), plan.steps);
  await cockpit.recordRepair(plan.repointed ?? []);
  await cockpit.refresh(true);
  const message = t('Re-pointed {0} portproxy rules to the current WSL IP. "Remove Port Exposure" removes the ones WSL Network created.', plan.steps.length);
  showDone(prompter, message, async () => {
    await vscode.commands.executeCommand(COMMANDS.undoPortForwardingRepair);
  });
  return result(true, 'done', message, { commands: renderCommands(plan.steps) });
}

async function undoRepair(cockpit: Cockpit, prompter: Prompter): Promise<CommandResult> {
  const refused = await precheck(cockpit, t('Undoing the port forwarding repair'), true);
  if (refused) return refused;
  const repointed = cockpit.lastRepair;
  if (repointed.length === 0) return result(false, 'nothing', t('There is no port forwarding repair to undo.'));
  const plan = planUndoRepair(repointed, cockpit.facts?.ports?.context?.portProxies ?? []);
  if (!plan.feasible) {
    await cockpit.recordRepair([]);
    return result(false, 'nothing', [t('Nothing to undo:'), ...plan.notes].join(' '));
  }
  const detail = [...plan.notes, '', t('Commands:'), formatSteps(plan.steps, t)].join('\n');
  if (!(await prompter.confirm(t('Point {0} portproxy rules back to their old WSL IP?', plan.steps.length), detail, t('Run as Administrator')))) {
    return result(false, 'cancelled', t('Cancelled.'));
  }
  await cockpit.runSteps(t('Undoing the port forwarding repair'), plan.steps);
  await cockpit.recordRepair([]);
  await cockpit.refresh(true);
  const message = t('Pointed {0} portproxy rules back to their old WSL IP.', plan.steps.length);
  void prompter.notify('info', [message, ...plan.notes].join(' '));
  return result(true, 'done', message, { commands: renderCommands(plan.steps) });
}

// ---- Open .wslconfig / Diagnose -------------------------------------------------------------------------

async function openWslConfig(cockpit: Cockpit, prompter: Prompter, options: CockpitCommandOptions): Promise<CommandResult> {
  const location = await cockpit.wslConfigLocation();
  if (!location.path) return result(false, 'refused', t('.wslconfig cannot be located: {0}', location.note ?? ''));
  const file = location.path;
  let snapshot = readWslConfig(file);
  if (!snapshot.exists) {
    if (snapshot.readError) return result(false, 'failed', t('{0} could not be read: {1}', file, snapshot.readError));
    if (!vscode.workspace.isTrusted) return result(false, 'refused', t('{0} changes your system, which WSL Network does not do in Restricted Mode. Trust this workspace to continue.', t('Creating .wslconfig')));
    const create = prompter.interactive
      ? await prompter.confirm(t('{0} does not exist. Create it with a commented template?', file), t('Every setting in the template is commented out, so WSL behaves exactly as before until you edit it.'), t('Create'))
      : options.createIfMissing === true;
    if (!create) return result(false, 'cancelled', t('Cancelled.'));
    const eol = cockpit.setup.environment.platform === 'win32' && !cockpit.setup.demo ? '\r\n' : '\n';
    createWslConfig(file, wslConfigTemplate(eol));
    cockpit.log(`created ${file} from the template`);
    snapshot = readWslConfig(file);
    cockpit.configChanged();
  }
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  await vscode.window.showTextDocument(document, { preview: false });
  return result(true, 'done', file, { data: file });
}

const DIAGNOSIS_SCHEME = 'wsl-network-diagnosis';
const diagnoses = new Map<string, string>();
let diagnosisProvider: vscode.Disposable | undefined;

async function diagnose(cockpit: Cockpit, prompter: Prompter, options: CockpitCommandOptions): Promise<CommandResult> {
  const asked = await askPort(cockpit, prompter, options, t('Diagnose Port'), false);
  if ('ok' in asked) return asked;
  const protocol: Protocol = options.protocol === 'UDP' ? 'UDP' : 'TCP';
  await cockpit.refresh(true);
  const facts = cockpit.facts;
  if (!facts) return result(false, 'failed', t('No facts yet.'));
  const diagnosis = diagnosePort({ facts, port: asked.port, protocol }, t);
  cockpit.log(`diagnosis ${diagnosis.summary}`);
  if (options.open !== false) {
    diagnosisProvider ??= vscode.workspace.registerTextDocumentContentProvider(DIAGNOSIS_SCHEME, { provideTextDocumentContent: (uri) => diagnoses.get(uri.path) ?? '' });
    const uri = vscode.Uri.from({ scheme: DIAGNOSIS_SCHEME, path: `/port-${asked.port}-${protocol.toLowerCase()}.md`, query: String(Date.now()) });
    diagnoses.set(uri.path, diagnosis.markdown);
    try {
      await vscode.commands.executeCommand('markdown.showPreview', uri);
    } catch {
      const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: diagnosis.markdown });
      await vscode.window.showTextDocument(document, { preview: true });
    }
  }
  return result(true, 'done', diagnosis.summary, { data: diagnosis });
}

export function disposeCommandsState(): void {
  diagnosisProvider?.dispose();
  diagnosisProvider = undefined;
  diagnoses.clear();
}

