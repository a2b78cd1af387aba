/** Starts the bundled language server (dist/server.js) over IPC for the WSL config languages. */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

export const LANGUAGE_IDS = ['wslconfig', 'wslconf'];

export function createLanguageClient(context: vscode.ExtensionContext, output: vscode.OutputChannel): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
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
