/**
 * Entry point of the WSL Network extension: the language client for the config files and the
 * networking cockpit (status bar, ports view, commands).
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { createLanguageClient } from './languageClient';

export interface WslNetworkApi {
  client: LanguageClient;
  output: vscode.OutputChannel;
}

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<WslNetworkApi> {
  const output = vscode.window.createOutputChannel('WSL Network');
  context.subscriptions.push(output);
  context.subscriptions.push(vscode.commands.registerCommand('wslNetwork.showOutput', () => output.show(true)));

  client = createLanguageClient(context, output);
  await client.start();
  return { client, output };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
