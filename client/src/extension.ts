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
import { createLanguageClient } from './languageClient';
import type { TestHooks } from './cockpit/testHooks';

/**
 * What `activate()` returns, for tests and other extensions. State is read live (getters).
 */
export interface WslNetworkApi {
  readonly client: LanguageClient;
  readonly output: vscode.OutputChannel;
  /** The networking-mode status bar item. */
  readonly statusBar: vscode.StatusBarItem;
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
  /** Only when the test harness started VS Code (WSL_NETWORK_TEST_HOOKS=1): see cockpit/testHooks.ts. */
  readonly testHooks?: TestHooks;
}

/** Milliseconds from the start of `activate()`. */
export interface ActivationTimings {
  /** Commands, status bar and ports view registered (the first refresh runs in the background). */
  readonly cockpitReadyMs: number;
  /** The language server process started and answered `initialize`; `activate()` returns here. */
  readonly languageServerReadyMs: number;
}

let client: LanguageClient | undefined;
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
  registerCockpitCommands(context, cockpit);
  void cockpit.refresh(false);
  const cockpitReadyMs = performance.now() - activationStarted;

  client = createLanguageClient(context, output);
  await client.start();
  const started = client;
  const activation: ActivationTimings = { cockpitReadyMs, languageServerReadyMs: performance.now() - activationStarted };
  cockpit.log(`Activated in ${activation.languageServerReadyMs.toFixed(0)} ms (commands and views after ${cockpitReadyMs.toFixed(0)} ms, then the language server).`);
  return {
    client: started,
    output,
    statusBar: cockpit.statusBar,
    portsTree: cockpit.portsTree,
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
    ...(cockpit.testHooks ? { testHooks: cockpit.testHooks } : {}),
  };
}

export async function deactivate(): Promise<void> {
  try {
    await client?.stop();
  } finally {
    client = undefined;
    outputChannel?.dispose();
    outputChannel = undefined;
  }
}
