/**
 * The list of editing-feature providers (completion, hover, code actions, symbols, folding,
 * formatting). Each lives in its own file and declares its capabilities.
 */
import type { ClientCapabilities, Connection, InitializeParams, ServerCapabilities } from 'vscode-languageserver/node';
import type { DocumentStore } from '../documentStore';
import type { ServerSettings } from '../serverSettings';
import { codeActionProvider } from './codeActionProvider';
import { completionProvider } from './completionProvider';
import { documentSymbolProvider } from './documentSymbolProvider';
import { foldingRangeProvider } from './foldingRangeProvider';
import { formattingProvider } from './formattingProvider';
import { hoverProvider } from './hoverProvider';

export interface ProviderContext {
  connection: Connection;
  store: DocumentStore;
  settings: ServerSettings;
  /** What the client announced in `initialize` (set before any request arrives). */
  clientCapabilities?: ClientCapabilities;
}

export interface Provider {
  capabilities(params: InitializeParams): Partial<ServerCapabilities>;
  register(context: ProviderContext): void;
}

export const providers: Provider[] = [
  completionProvider,
  hoverProvider,
  codeActionProvider,
  documentSymbolProvider,
  foldingRangeProvider,
  formattingProvider,
];
