/**
 * What every cockpit command shares: the options for programmatic calls, the uniform result, the
 * Restricted-Mode and availability precheck, asking for a port, and the success notice with Undo.
 *
 * Every command that changes Windows or `.wslconfig` refuses in an untrusted workspace (Restricted
 * Mode) and when WSL is not available; validates its input before anything else; shows exactly what
 * it will run and asks first; runs through the host layer only; and names the way back.
 * Programmatic use (tests, other extensions): `executeCommand(id, options)` with
 * CockpitCommandOptions. `{ confirm: false }` skips the dialogs only for our own test suite, which
 * also passes the token of cockpit/testHooks.ts; from anyone else it is ignored and the dialogs show.
 */
import * as vscode from 'vscode';
import type { CommandSpec } from '../host/commandBuilders';
import { StepsFailedError } from '../host/elevation';
import { HostCommandError } from '../host/processRunner';
import type { Protocol } from '../host/validators';
import type { Cockpit } from '../cockpit/cockpit';
import { scriptedPrompter, type Prompter } from '../cockpit/prompts';
import { mayRunWithoutDialogs } from '../cockpit/testHooks';
import { parsePortInput } from '../model/exposure';
import type { PortNode, PortsNode } from '../model/portsModel';
import { portFromTunnelItem } from '../model/tunnelItem';

export const t = vscode.l10n.t;

/** Options for programmatic calls. Tree items pass their node instead. */
export interface CockpitCommandOptions {
  /** false: the caller has confirmed; ask nothing (answers below are used instead). Test suite only. */
  readonly confirm?: boolean;
  /** The test suite's capability (cockpit/testHooks.ts), needed with `confirm: false`. */
  readonly testToken?: string;
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
  /** Diagnose Port: apply the `.wslconfig` fix it offers (default false when not asking). */
  readonly applyFix?: boolean;
  /** Open wsl.conf / wsl-distribution.conf: which distro (validated). */
  readonly distro?: string;
  /** Open wsl-distribution.conf: for editing rather than read-only. */
  readonly edit?: boolean;
  /** Expose Port (NAT): the Windows port LAN clients use, when it differs from `port`. */
  readonly listenPort?: number | string;
  /** Expose Port: `ssh` = WSL port 22 from Windows port 2222 (or `listenPort`), after checking that sshd listens. */
  readonly preset?: 'ssh';
  /**
   * Expose Port: who may connect: `LocalSubnet` (the default), `tailscale` (needs a Tailscale
   * adapter that is up), `Any`, or a network prefix such as `192.168.1.0/24` (validated).
   */
  readonly scope?: string;
}

export interface CommandResult {
  readonly ok: boolean;
  readonly outcome: 'done' | 'cancelled' | 'refused' | 'failed' | 'nothing';
  readonly message: string;
  readonly commands?: readonly CommandSpec[];
  /** Command-specific payload (the diagnosis Markdown, the URL copied, …). */
  readonly data?: unknown;
}

export type Arg = PortsNode | CockpitCommandOptions | undefined;

export const result = (
  ok: boolean,
  outcome: CommandResult['outcome'],
  message: string,
  extra: Partial<CommandResult> = {},
): CommandResult => ({ ok, outcome, message, ...extra });

export function isNode(arg: unknown): arg is PortsNode {
  return typeof arg === 'object' && arg !== null && 'kind' in arg && 'contextValue' in arg;
}

export function optionsOf(arg: Arg): CockpitCommandOptions {
  if (arg === undefined || arg === null) return {};
  if (isNode(arg))
    return arg.kind === 'port' ? { port: (arg as PortNode).port, protocol: (arg as PortNode).protocol } : {};
  // A row of VS Code's own Ports view (menu `ports/item/context`): its port only, never its other fields.
  if (typeof arg === 'object' && 'remotePort' in arg) {
    const port = portFromTunnelItem(arg);
    return port !== undefined ? { port } : {};
  }
  return typeof arg === 'object' ? arg : {};
}

export function prompterFor(cockpit: Cockpit, options: CockpitCommandOptions): Prompter {
  if (!mayRunWithoutDialogs(cockpit.testHooks, options)) {
    if (options.confirm === false)
      cockpit.log('confirm: false ignored: only the test suite may skip the dialogs; asking.');
    return cockpit.interactivePrompter();
  }
  return scriptedPrompter((line) => cockpit.log(line), {
    pick: (items) => items[0],
    pickMany: (items) => (options.fixRelatedKeys ? items : []),
  });
}

export function describeError(error: unknown): string {
  if (error instanceof StepsFailedError) return describeStepsFailed(error);
  // The host says `elevation-canceled` only when the launcher could not start the elevated
  // process (UAC declined) and no step ran; every other failure names its step and exit code.
  if (error instanceof HostCommandError && error.failure === 'elevation-canceled') {
    return t('Nothing was changed: the administrator (UAC) prompt was declined.');
  }
  return error instanceof Error ? error.message : String(error);
}

/** Which steps ran (and stay in place), which one failed and how, which did not run. */
function describeStepsFailed(error: StepsFailedError): string {
  const total = error.steps.length;
  const failed = error.failedStep !== undefined ? error.steps[error.failedStep] : undefined;
  const lines = [
    failed !== undefined && !error.declined
      ? t(
          'Step {0} of {1} failed (exit code {2}): {3}.',
          (error.failedStep ?? 0) + 1,
          total,
          error.failedExitCode ?? '?',
          failed.description,
        )
      : error.declined
        ? t('The administrator (UAC) prompt for the remaining steps was declined.')
        : t('Stopped after step {0} of {1}: {2}', error.completed, total, error.message),
  ];
  const finished = error.steps.slice(0, error.completed).map((step) => step.description);
  lines.push(
    finished.length > 0 ? t('These steps ran and stay in place: {0}.', finished.join('; ')) : t('No step finished.'),
  );
  const notRun = error.steps.slice(error.failedStep !== undefined ? error.failedStep + 1 : error.completed);
  if (notRun.length > 0) lines.push(t('Not run: {0}.', notRun.map((step) => step.description).join('; ')));
  return lines.join(' ');
}

/** The one refusal of Restricted Mode. */
export function refuseInRestrictedMode(what: string): CommandResult | undefined {
  if (vscode.workspace.isTrusted) return undefined;
  return result(
    false,
    'refused',
    t(
      '{0} changes your system, which WSL Network does not do in Restricted Mode. Trust this workspace to continue.',
      what,
    ),
  );
}

/** Refuses changes in Restricted Mode and when WSL is unavailable; refreshes the facts first. */
export async function precheck(cockpit: Cockpit, what: string, ports: boolean): Promise<CommandResult | undefined> {
  const untrusted = refuseInRestrictedMode(what);
  if (untrusted) return untrusted;
  await cockpit.refresh(ports);
  const facts = cockpit.facts;
  if (!facts?.available)
    return result(false, 'refused', t('WSL is not available: {0}', facts?.unavailableReason ?? t('unknown reason')));
  return undefined;
}

/** The line ending for new `.wslconfig` text: CRLF on real Windows, LF elsewhere (and in demo mode). */
export function defaultEol(cockpit: Cockpit): '\r\n' | '\n' {
  return cockpit.setup.environment.platform === 'win32' && !cockpit.setup.demo ? '\r\n' : '\n';
}

export function showDone(prompter: Prompter, message: string, undo: (() => Promise<void>) | undefined): void {
  if (!undo) {
    void prompter.notify('info', message);
    return;
  }
  void prompter.notify('info', message, t('Undo')).then(async (picked) => {
    if (picked === t('Undo')) await undo();
  });
}

/**
 * The port to act on. Interactive: an input box, prefilled from the tree item (or the selected
 * port in the tree) and validated as you type; with `confirmGiven` false a given port is used as
 * is. Programmatic (`confirm: false`): `options.port`.
 */
export async function askPort(
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
      validateInput: (value) =>
        parsePortInput(value, t).ok ? undefined : t('Enter a port number from 1 to 65535 (digits only).'),
    });
    if (raw === undefined) return result(false, 'cancelled', t('Cancelled.'));
  } else if (raw === undefined) {
    return result(false, 'refused', t('Pass {0} when calling this command without dialogs.', '{ port }'));
  }
  const parsed = parsePortInput(raw, t);
  if (!parsed.ok) return result(false, 'refused', parsed.error);
  return { port: parsed.port };
}

/** The tree node for a port, from a node argument or `{ port }` options (looked up in the tree). */
export function portNodeOf(cockpit: Cockpit, arg: Arg): PortNode | undefined {
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
