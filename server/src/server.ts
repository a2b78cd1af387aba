/**
 * The WSL Network language server. Runs inside VS Code (forked by the client over IPC) or standalone
 * for any LSP client: `node dist/server.js --stdio`.
 */
import { createConnection, ProposedFeatures, StreamMessageWriter, type Connection } from 'vscode-languageserver/node';
import { CoalescingStreamReader } from './coalescingReader';
import { createServer } from './languageServer';

/**
 * Over stdio, our own reader joins a burst of didChange notifications (see coalescingReader.ts); the
 * library's argument handling (`--node-ipc`, `--socket`, `--pipe`) serves every other transport.
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

const connection: Connection = process.argv.includes('--stdio')
  ? stdioConnection()
  : createConnection(ProposedFeatures.all);
createServer(connection);
connection.listen();
