/**
 * The WSL Network language server. Runs inside VS Code (forked by the client over IPC) or standalone
 * for any LSP client: `node dist/server.js --stdio`.
 */
import {
  createConnection,
  IPCMessageWriter,
  ProposedFeatures,
  StreamMessageWriter,
  type Connection,
} from 'vscode-languageserver/node';
import { CoalescingIpcReader, CoalescingStreamReader } from './coalescingReader';
import { createServer } from './languageServer';

/**
 * Over stdio and Node IPC (VS Code's client forks the server with `--node-ipc`), our own readers join
 * a burst of didChange notifications (see coalescingReader.ts); the library's argument handling
 * (`--socket`, `--pipe`) serves the other transports.
 */
function stdioConnection(): Connection {
  const connection = createConnection(
    ProposedFeatures.all,
    new CoalescingStreamReader(process.stdin),
    new StreamMessageWriter(process.stdout),
  );
  // stdout carries the protocol: what would be printed there goes to the client's log instead.
  const log = (...args: unknown[]): void => connection.console.log(args.map(String).join(' '));
  console.log = console.info = console.debug = log;
  // As the library does for a stdio stream: the client closing our stdin ends the server.
  let shutdown = false;
  connection.onShutdown(() => {
    shutdown = true;
  });
  const exit = (): never => process.exit(shutdown ? 0 : 1);
  process.stdin.on('end', exit);
  process.stdin.on('close', exit);
  return connection;
}

/** What vscode-languageserver builds for `--node-ipc`, with our reader in place of IPCMessageReader. */
function ipcConnection(): Connection {
  return createConnection(ProposedFeatures.all, new CoalescingIpcReader(process), new IPCMessageWriter(process));
}

const connection: Connection = process.argv.includes('--stdio')
  ? stdioConnection()
  : process.argv.includes('--node-ipc') && typeof process.send === 'function'
    ? ipcConnection()
    : createConnection(ProposedFeatures.all);
createServer(connection);
connection.listen();
