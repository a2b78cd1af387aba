/**
 * The WSL Network language server. Runs inside VS Code (forked by the client over IPC) or standalone
 * for any LSP client: `node dist/server.js --stdio`.
 */
import { createConnection, ProposedFeatures, type Connection } from 'vscode-languageserver/node';
import { createServer } from './languageServer';

const connection: Connection = createConnection(ProposedFeatures.all);
createServer(connection);
connection.listen();
