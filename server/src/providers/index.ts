/**
 * The list of editing-feature providers (completion, hover, code actions, symbols, folding,
 * formatting). Each lives in its own file and declares its capabilities.
 */
import type { Connection, InitializeParams, ServerCapabilities } from 'vscode-languageserver/node';
import type { DocumentStore } from '../documentStore';
import type { ServerSettings } from '../serverSettings';

export interface ProviderContext {
  connection: Connection;
  store: DocumentStore;
  settings: ServerSettings;
}

export interface Provider {
  capabilities(params: InitializeParams): Partial<ServerCapabilities>;
  register(context: ProviderContext): void;
}

export const providers: Provider[] = [];
