/**
 * The list of editing-feature providers (completion, hover, code actions, symbols, folding,
 * formatting). Each lives in its own file and declares its capabilities.
 */
import type { CancellationToken, ClientCapabilities, Connection, InitializeParams, ServerCapabilities } from 'vscode-languageserver/node';
import type { AnalyzedDocument, DocumentStore } from '../documentStore';
import type { DocumentOptions, ServerSettings } from '../serverSettings';
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

/**
 * The analysis a request works on, with the document's settings; undefined for other documents, for
 * a file past `wslNetwork.maxFileSize`, and once the client has cancelled the request.
 */
export async function analyzedFor(
  context: ProviderContext,
  uri: string,
  token: CancellationToken | undefined,
): Promise<{ analyzed: AnalyzedDocument; options: DocumentOptions } | undefined> {
  if (!context.store.configDocument(uri)) return undefined;
  const options = await context.settings.forDocument(uri);
  if (token?.isCancellationRequested) return undefined;
  const analyzed = context.store.get(uri, options.maxFileSize);
  return analyzed && { analyzed, options };
}
