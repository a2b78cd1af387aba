/**
 * Wires the providers to a connection. Separate from `server.ts` so tests can run the real server on
 * in-process streams.
 */
import { TextDocumentSyncKind, type Connection, type InitializeResult } from 'vscode-languageserver/node';
import { DocumentStore } from './documentStore';
import { registerDiagnostics } from './providers/diagnosticsProvider';
import { providers, type ProviderContext } from './providers';
import { guardedDocumentSync, guardNotification, isObject, logFailure } from './requestGuard';
import { ServerSettings } from './serverSettings';

/** didChangeConfiguration's `settings` may be anything: ServerSettings.setPushed checks it. */
const anything = (_params: unknown): _params is unknown => true;

export function createServer(connection: Connection): DocumentStore {
  const store = new DocumentStore();
  const settings = new ServerSettings(connection);
  let followFolders = false;
  const context: ProviderContext = { connection, store, settings };

  connection.onInitialize((params): InitializeResult => {
    settings.supportsConfiguration = params.capabilities?.workspace?.configuration === true;
    settings.setWorkspaceFolders(params.workspaceFolders);
    followFolders = params.capabilities?.workspace?.workspaceFolders === true;
    context.clientCapabilities = params.capabilities;
    const capabilities: InitializeResult['capabilities'] = { textDocumentSync: TextDocumentSyncKind.Incremental };
    // Settings are kept per workspace folder, so the server needs to hear when folders change.
    if (followFolders) capabilities.workspace = { workspaceFolders: { supported: true, changeNotifications: true } };
    Object.assign(capabilities, diagnostics.capabilities(params));
    for (const provider of providers) Object.assign(capabilities, provider.capabilities(params));
    return { capabilities, serverInfo: { name: 'wsl-network', version: '0.1.0' } };
  });

  const diagnostics = registerDiagnostics(connection, store, settings);
  for (const provider of providers) provider.register(context);
  connection.onInitialized(() => {
    if (!followFolders) return;
    connection.workspace.onDidChangeWorkspaceFolders(() =>
      logFailure(connection, 'workspace/didChangeWorkspaceFolders', async () => {
        settings.setWorkspaceFolders(await connection.workspace.getWorkspaceFolders());
        diagnostics.refreshAll();
      }),
    );
  });
  connection.onDidChangeConfiguration(
    guardNotification(connection, 'workspace/didChangeConfiguration', anything, (params) => {
      // Clients that do not answer workspace/configuration push their settings here instead.
      settings.setPushed(isObject(params) ? params.settings : undefined);
      diagnostics.refreshAll();
    }),
  );

  store.documents.listen(guardedDocumentSync(connection));
  return store;
}
