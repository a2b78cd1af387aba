/**
 * Entry point of the WSL Network extension: the language client for the config files and the
 * networking cockpit (status bar, ports view, commands).
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { Cockpit, type ExecutedCommand } from './cockpit/cockpit';
import { registerCockpitCommands } from './commands';
import type { CockpitFacts } from './model/facts';
import type { PortsTreeProvider } from './cockpit/portsView';
import type { StatusView } from './model/status';
import {
  createLanguageClient,
  LazyLanguageClient,
  watchWslConfigDocuments,
  wslConfigDocumentOpen,
} from './languageClient';
import type { RestartRepairOffer } from './commands/restartRepair';
import type { TestHooks } from './cockpit/testHooks';

/**
 * What `activate()` returns, for tests and other extensions. State is read live (getters).
 */
export interface WslNetworkApi {
  /** The language client once a WSL config file has been open; undefined before (no server process). */
  readonly client: LanguageClient | undefined;
  /** Starts the language server if it is not running yet; resolves when it answered `initialize`. */
  languageClient(): Promise<LanguageClient>;
  readonly output: vscode.OutputChannel;
  /** The networking-mode status bar item. */
  readonly statusBar: vscode.StatusBarItem;
  /** Whether it is shown: always on a WSL machine (or in demo mode), elsewhere only while a WSL config file is open. */
  readonly statusBarShown: boolean;
  /** Whether the status is polled (only on a WSL machine). */
  readonly polling: boolean;
  /** The "WSL Ports" tree (its `nodes` are the current root nodes). */
  readonly portsTree: PortsTreeProvider;
  /** Re-reads everything, ports included; resolves when the status bar and tree show the result. */
  refresh(): Promise<void>;
  /** The commands of the last change run on Windows (file, args, elevated, description). */
  readonly lastCommands: readonly ExecutedCommand[] | undefined;
  /** The facts behind the status bar and tree, and the computed status. */
  readonly facts: CockpitFacts | undefined;
  readonly status: StatusView | undefined;
  /** True when the host is treated as Windows because WSL_NETWORK_DEMO=1 (stand-in tools). */
  readonly demo: boolean;
  /** How long `activate()` took, measured inside the extension host (the bench reads it). */
  readonly activation: ActivationTimings;
  /** The "Repair N LAN exposures" offer after a WSL restart (its prompter and `idle` are for tests). */
  readonly restartRepair: RestartRepairOffer;
  /** Only when the test harness started VS Code (WSL_NETWORK_TEST_HOOKS=1): see cockpit/testHooks.ts. */
  readonly testHooks?: TestHooks;
}

/** Milliseconds from the start of `activate()`. */
export interface ActivationTimings {
  /** Commands, status bar and ports view registered (the first refresh runs in the background). */
  readonly cockpitReadyMs: number;
  /** `activate()` returned; it never waits for the language server. */
  readonly activateMs: number;
  /** When the language server was asked to start (the first WSL config file open); undefined while it was not. */
  readonly languageServerStartedMs: number | undefined;
  /** When the language server answered `initialize`; undefined until then. */
  readonly languageServerReadyMs: number | undefined;
}

let languageServer: LazyLanguageClient | undefined;
/** Disposed in deactivate(), after the client: the client still writes to it while it stops. */
let outputChannel: vscode.OutputChannel | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<WslNetworkApi> {
  const activationStarted = performance.now();
  // Not in context.subscriptions: VS Code disposes those without waiting for deactivate(), and the
  // client's stop() would then write into a closed channel ("Channel has been closed").
  const output = vscode.window.createOutputChannel('WSL Network');
  outputChannel = output;

  const cockpit = new Cockpit(context, output);
  context.subscriptions.push(cockpit);
  const { restartRepair } = registerCockpitCommands(context, cockpit);
  const cockpitReadyMs = performance.now() - activationStarted;

  // The server starts when the first WSL config file is open, not with the window: most windows
  // never show one, and activate() must not wait for a process (onStartupFinished runs it everywhere).
  const server = new LazyLanguageClient(
    () => createLanguageClient(context, output),
    activationStarted,
    (line) => cockpit.log(line),
  );
  languageServer = server;
  const configFilesChanged = (open: boolean): void => {
    if (open) void server.start().catch(() => undefined);
    cockpit.setConfigFileOpen(open);
  };
  context.subscriptions.push(watchWslConfigDocuments(configFilesChanged));
  configFilesChanged(wslConfigDocumentOpen());
  const activateMs = performance.now() - activationStarted;
  const activation: ActivationTimings = {
    cockpitReadyMs,
    activateMs,
    get languageServerStartedMs() {
      return server.startRequestedMs;
    },
    get languageServerReadyMs() {
      return server.readyMs;
    },
  };
  cockpit.log(
    `Activated in ${activateMs.toFixed(0)} ms (commands and views after ${cockpitReadyMs.toFixed(0)} ms); the language server starts with the first WSL config file.`,
  );
  return {
    get client() {
      return server.current;
    },
    languageClient: () => server.start(),
    output,
    statusBar: cockpit.statusBar,
    portsTree: cockpit.portsTree,
    get statusBarShown() {
      return cockpit.statusBarShown;
    },
    get polling() {
      return cockpit.polling;
    },
    refresh: () => cockpit.refresh(true),
    get lastCommands() {
      return cockpit.lastCommands;
    },
    get facts() {
      return cockpit.facts;
    },
    get status() {
      return cockpit.status;
    },
    get demo() {
      return cockpit.setup.demo;
    },
    activation,
    restartRepair,
    ...(cockpit.testHooks ? { testHooks: cockpit.testHooks } : {}),
  };
}

export async function deactivate(): Promise<void> {
  try {
    await languageServer?.stop();
  } finally {
    languageServer = undefined;
    outputChannel?.dispose();
    outputChannel = undefined;
  }
}
