/** Starts the bundled language server (dist/server.js) over IPC for the WSL config languages. */
import * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { SERVER_NODE_OPTIONS } from '../../server/src/core';

export const LANGUAGE_IDS = ['wslconfig', 'wslconf'];

export function createLanguageClient(context: vscode.ExtensionContext, output: vscode.OutputChannel): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_OPTIONS] } },
    debug: {
      module,
      transport: TransportKind.ipc,
      options: { execArgv: [...SERVER_NODE_OPTIONS, '--nolazy', '--inspect=6010'] },
    },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: LANGUAGE_IDS.flatMap((language) => [
      { scheme: 'file', language },
      { scheme: 'untitled', language },
      { scheme: 'vscode-remote', language },
      { scheme: 'wsl-distro-config', language },
    ]),
    synchronize: { configurationSection: 'wslNetwork' },
    outputChannel: output,
    traceOutputChannel: output,
  };
  return new LanguageClient('wslNetwork', vscode.l10n.t('WSL Network Language Server'), serverOptions, clientOptions);
}

/** A document the language server handles (`.wslconfig`, `wsl.conf`, `wsl-distribution.conf`). */
export function isWslConfigDocument(document: vscode.TextDocument): boolean {
  return LANGUAGE_IDS.includes(document.languageId);
}

/** Whether a WSL config file is open in this window now. */
export function wslConfigDocumentOpen(): boolean {
  return vscode.workspace.textDocuments.some(isWslConfigDocument);
}

/**
 * Calls `changed` whenever a WSL config file opens or closes, or a document's language changes to
 * or from one (VS Code reports that as a close and an open).
 */
export function watchWslConfigDocuments(changed: (open: boolean) => void): vscode.Disposable {
  const notify = (document: vscode.TextDocument): void => {
    if (isWslConfigDocument(document)) changed(wslConfigDocumentOpen());
  };
  return vscode.Disposable.from(
    vscode.workspace.onDidOpenTextDocument(notify),
    vscode.workspace.onDidCloseTextDocument(notify),
  );
}

/**
 * The language server, started on demand: the first time a WSL config file is open, not when the
 * window starts, so a window without such a file runs no server process.
 */
export class LazyLanguageClient implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private starting: Promise<LanguageClient> | undefined;
  /** Milliseconds from `since` until `start()` was asked for, and until the server answered `initialize`. */
  startRequestedMs: number | undefined;
  readyMs: number | undefined;

  constructor(
    private readonly create: () => LanguageClient,
    private readonly since: number,
    private readonly log: (line: string) => void,
  ) {}

  /** The client once started (undefined while no WSL config file has been open). */
  get current(): LanguageClient | undefined {
    return this.client;
  }

  /** Starts the server (once); resolves when it answered `initialize`. */
  start(): Promise<LanguageClient> {
    if (this.starting) return this.starting;
    this.startRequestedMs = performance.now() - this.since;
    const client = this.create();
    this.client = client;
    this.starting = client.start().then(
      () => {
        this.readyMs = performance.now() - this.since;
        this.log(
          `Language server started (${(this.readyMs - (this.startRequestedMs ?? 0)).toFixed(0)} ms after the first WSL config file opened).`,
        );
        return client;
      },
      (error: unknown) => {
        this.log(`The language server failed to start: ${(error as Error).message}`);
        // The next WSL config file that opens tries again with a fresh client.
        if (this.client === client) {
          this.client = undefined;
          this.starting = undefined;
        }
        throw error;
      },
    );
    // The failure is logged above; callers that await start() still see it.
    this.starting.catch(() => undefined);
    return this.starting;
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.starting = undefined;
    await client?.stop();
  }

  dispose(): void {
    void this.stop();
  }
}
