/**
 * Drives the real language server over a real JSON-RPC connection, the way an editor does: either
 * in-process on two streams (fast, one server per test file) or as a child process over stdio or over
 * Node IPC (how VS Code's client runs it).
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import {
  createMessageConnection,
  IPCMessageReader,
  IPCMessageWriter,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import { createConnection } from 'vscode-languageserver/node';
import type { Diagnostic, InitializeResult, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { createServer } from '../../server/src/languageServer';

export const REPO_ROOT = path.resolve(__dirname, '../../..');

export class LspTestClient {
  private readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  private readonly waiters: { uri: string; version?: number; resolve: (d: Diagnostic[]) => void }[] = [];
  private readonly versions = new Map<string, number>();
  private readonly texts = new Map<string, string>();
  /** Every publishDiagnostics the server sent, in order. */
  readonly published: PublishDiagnosticsParams[] = [];
  initializeResult?: InitializeResult;
  /** What the server asked through workspace/configuration; tests set it per section. */
  configuration: Record<string, unknown> = {};
  /** The scopeUri of every workspace/configuration item the server asked for, in order. */
  readonly configurationRequests: (string | undefined)[] = [];
  /** What workspace/workspaceFolders answers. */
  workspaceFolders: { uri: string; name: string }[] | null = null;

  private constructor(
    readonly connection: MessageConnection,
    private readonly child?: ChildProcess,
  ) {
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.diagnostics.set(params.uri, params);
      this.published.push(params);
      for (const waiter of [...this.waiters]) {
        if (waiter.uri === params.uri && (waiter.version === undefined || waiter.version === params.version)) {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          waiter.resolve(params.diagnostics);
        }
      }
    });
    connection.onRequest('workspace/configuration', (params: { items: { section?: string; scopeUri?: string }[] }) => {
      this.configurationRequests.push(...params.items.map((item) => item.scopeUri));
      return params.items.map((item) => (item.section ? (this.configuration[item.section] ?? null) : null));
    });
    connection.onRequest('workspace/workspaceFolders', () => this.workspaceFolders);
    connection.onRequest('client/registerCapability', () => null);
    connection.listen();
  }

  /** A server in this process, connected through in-memory streams. */
  static inProcess(): LspTestClient {
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    const serverConnection = createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
    createServer(serverConnection);
    serverConnection.listen();
    return new LspTestClient(
      createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer)),
    );
  }

  /** The bundled server as a child process: `node dist/server.js --stdio`. */
  static stdio(): LspTestClient {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'dist/server.js'), '--stdio'], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    return new LspTestClient(
      createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!)),
      child,
    );
  }

  /** The bundled server forked as VS Code's client forks it: `dist/server.js --node-ipc`. */
  static ipc(): LspTestClient {
    const child = fork(path.join(REPO_ROOT, 'dist/server.js'), ['--node-ipc'], {
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    return new LspTestClient(createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child)), child);
  }

  /** `params` adds to the initialize parameters (e.g. workspaceFolders). */
  async initialize(
    capabilities: Record<string, unknown> = {},
    params: Record<string, unknown> = {},
  ): Promise<InitializeResult> {
    this.initializeResult = await this.connection.sendRequest<InitializeResult>('initialize', {
      ...params,
      // A process id makes the server poll it forever, which would keep the test process alive.
      processId: null,
      rootUri: null,
      capabilities: {
        workspace: { configuration: true },
        textDocument: {
          completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown'] } },
          hover: { contentFormat: ['markdown'] },
          publishDiagnostics: { relatedInformation: true, tagSupport: { valueSet: [1, 2] } },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } } },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
        },
        ...capabilities,
      },
    });
    await this.connection.sendNotification('initialized', {});
    return this.initializeResult;
  }

  /** Opens a document and resolves with the diagnostics the server publishes for it. */
  open(uri: string, text: string, languageId = 'wslconfig'): Promise<Diagnostic[]> {
    this.versions.set(uri, 1);
    this.texts.set(uri, text);
    const published = this.nextDiagnostics(uri, 1);
    void this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId, version: 1, text },
    });
    return published;
  }

  /** Replaces the whole text and resolves with the diagnostics for the new version. */
  change(uri: string, text: string): Promise<Diagnostic[]> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    this.texts.set(uri, text);
    const published = this.nextDiagnostics(uri, version);
    void this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ text }],
    });
    return published;
  }

  text(uri: string): string {
    return this.texts.get(uri) ?? '';
  }

  close(uri: string): Promise<Diagnostic[]> {
    const published = this.nextDiagnostics(uri);
    void this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    return published;
  }

  nextDiagnostics(uri: string, version?: number): Promise<Diagnostic[]> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} v${version}`)), 60000);
      this.waiters.push({ uri, version, resolve: (d) => (clearTimeout(timer), resolve(d)) });
    });
  }

  /** Bytes written straight to the stdio server's stdin, ahead of anything the connection writes later. */
  writeRaw(bytes: Buffer): void {
    if (!this.child?.stdin) throw new Error('writeRaw needs the stdio server');
    this.child.stdin.write(bytes);
  }

  /** Messages sent straight down the IPC server's channel, one `send` each, ahead of the connection's. */
  sendRaw(messages: readonly object[]): void {
    if (!this.child?.send) throw new Error('sendRaw needs the IPC server');
    for (const message of messages) this.child.send({ jsonrpc: '2.0', ...message });
  }

  request<T>(method: string, params: unknown): Promise<T> {
    return this.connection.sendRequest<T>(method, params);
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.connection.sendNotification(method, params);
  }

  async dispose(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      // 'exit' makes the server call process.exit: only send it to a child process.
      if (this.child) await this.connection.sendNotification('exit');
    } catch {
      // the server may already be gone
    }
    this.connection.dispose();
    if (this.child && this.child.exitCode === null) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => (this.child!.kill('SIGKILL'), resolve()), 3000);
        this.child!.once('exit', () => (clearTimeout(timer), resolve()));
      });
    }
  }
}
