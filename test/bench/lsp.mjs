// A minimal LSP client for the benchmark: spawns a server over stdio (the same way for ours and the
// peer), answers the server's requests, and times notifications against the diagnostics they cause.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';

const WAIT_MS = 120_000;

/**
 * The Node options VS Code's client starts our server with (server/src/core/serverNodeOptions.ts,
 * compiled to out/ before the bench runs): the bench starts it the same way.
 */
export function serverNodeOptions(repoRoot) {
  return [
    ...createRequire(`${repoRoot}/package.json`)('./out/server/src/core/serverNodeOptions.js').SERVER_NODE_OPTIONS,
  ];
}

/** Resident memory of a process in bytes (VmRSS and VmHWM of /proc/<pid>/status). */
export function processMemory(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN) * 1024;
    return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
  } catch {
    return { rss: Number.NaN, hwm: Number.NaN };
  }
}

export class LspSession {
  /**
   * @param {object} options
   * @param {string} options.name
   * @param {string} options.node     Node binary
   * @param {string[]} options.args   script and arguments (`--stdio` included)
   * @param {string} options.repoRoot to resolve vscode-jsonrpc
   * @param {(section: string | undefined) => unknown} options.configuration answers workspace/configuration
   * @param {string} options.languageId
   * @param {(i: number) => string} options.uriFor a fresh document URI per number
   */
  constructor(options) {
    this.options = options;
    this.name = options.name;
    this.waiters = [];
    this.stderr = '';
    this.spawnedAt = performance.now();
    this.child = spawn(options.node, options.args, {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    this.child.stderr.on('data', (chunk) => {
      if (this.stderr.length < 20_000) this.stderr += chunk;
    });
    this.child.stdin.on('error', () => {});
    this.exited = new Promise((resolve) => this.child.once('exit', (code, signal) => resolve({ code, signal })));
    const rpc = createRequire(`${options.repoRoot}/package.json`)('vscode-jsonrpc/node');
    this.connection = rpc.createMessageConnection(
      new rpc.StreamMessageReader(this.child.stdout),
      new rpc.StreamMessageWriter(this.child.stdin),
    );
    this.connection.onNotification('textDocument/publishDiagnostics', (params) => {
      const at = performance.now();
      for (const waiter of [...this.waiters]) {
        if (
          waiter.uri === params.uri &&
          (params.version === undefined ||
            params.version === null ||
            waiter.version === undefined ||
            params.version === waiter.version)
        ) {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          waiter.resolve({ at, count: params.diagnostics.length });
        }
      }
    });
    this.connection.onRequest('workspace/configuration', (params) =>
      params.items.map((item) => options.configuration(item.section) ?? null),
    );
    this.connection.onRequest((method) => {
      // client/registerCapability, window/workDoneProgress/create, …: acknowledge.
      void method;
      return null;
    });
    this.connection.onNotification(() => {});
    this.connection.onError(() => {});
    this.connection.listen();
    this.versions = new Map();
  }

  get pid() {
    return this.child.pid;
  }

  memory() {
    return processMemory(this.child.pid);
  }

  async initialize() {
    const result = await this.withTimeout(
      this.connection.sendRequest('initialize', {
        processId: null,
        rootUri: null,
        workspaceFolders: null,
        capabilities: {
          workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: false } },
          textDocument: {
            synchronization: { didSave: false, dynamicRegistration: false },
            completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
            hover: { contentFormat: ['markdown', 'plaintext'] },
            publishDiagnostics: { relatedInformation: true, versionSupport: true, tagSupport: { valueSet: [1, 2] } },
          },
        },
      }),
      'initialize',
    );
    await this.connection.sendNotification('initialized', {});
    this.initializedAt = performance.now();
    return result;
  }

  withTimeout(promise, what) {
    let timer;
    return Promise.race([
      promise.finally(() => clearTimeout(timer)),
      new Promise((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new Error(
                `${this.name}: no answer to ${what} within ${WAIT_MS / 1000} s${this.stderr ? `; stderr: ${this.stderr.slice(-500)}` : ''}`,
              ),
            ),
          WAIT_MS,
        );
      }),
      // A server that dies fails the wait at once instead of at the time-out.
      this.exited.then(({ code, signal }) => {
        throw new Error(
          `${this.name} exited (code ${code}, signal ${signal}) while waiting for ${what}${this.stderr ? `; stderr: ${this.stderr.slice(-500)}` : ''}`,
        );
      }),
    ]);
  }

  nextDiagnostics(uri, version) {
    return this.withTimeout(
      new Promise((resolve) => this.waiters.push({ uri, version, resolve })),
      `diagnostics for ${uri} v${version}`,
    );
  }

  /** didOpen; resolves with milliseconds until the server published diagnostics for it. */
  async open(uri, text) {
    this.versions.set(uri, 1);
    const published = this.nextDiagnostics(uri, 1);
    const t0 = performance.now();
    await this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: this.options.languageId, version: 1, text },
    });
    const { at, count } = await published;
    return { ms: at - t0, count };
  }

  /** An incremental one-character edit; resolves with milliseconds until the new diagnostics. */
  async change(uri, position, newText) {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    const published = this.nextDiagnostics(uri, version);
    const t0 = performance.now();
    await this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [
        { range: { start: position, end: { line: position.line, character: position.character + 1 } }, text: newText },
      ],
    });
    const { at } = await published;
    return at - t0;
  }

  async close(uri) {
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** A request; resolves with { ms, result }. */
  async timedRequest(method, params) {
    const t0 = performance.now();
    const result = await this.withTimeout(this.connection.sendRequest(method, params), method);
    return { ms: performance.now() - t0, result };
  }

  async dispose() {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 3000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // already gone
    }
    const exited = await Promise.race([this.exited, new Promise((r) => setTimeout(() => r(undefined), 3000))]);
    if (!exited) {
      this.child.kill('SIGKILL');
      await this.exited;
    }
    this.connection.dispose();
  }
}
