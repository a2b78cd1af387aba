/** What every request handler starts with (its own file: providers/index.ts imports every provider). */
import type { CancellationToken } from 'vscode-languageserver/node';
import type { AnalyzedDocument } from '../documentStore';
import type { DocumentOptions } from '../serverSettings';
import type { ProviderContext } from './index';

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
