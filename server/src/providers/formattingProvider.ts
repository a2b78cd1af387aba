/** Document and range formatting: `=` spacing, indentation and trailing blanks (see editing/format.ts). */
import type { CancellationToken, TextEdit } from 'vscode-languageserver/node';
import { formatEdits, type LineRange } from '../editing/format';
import { editorStructure } from '../editing/structure';
import { guardRequest, hasDocument, hasRange } from '../requestGuard';
import { toTextEdits } from './lspEdits';
import { analyzedFor } from './analyzedFor';
import type { Provider, ProviderContext } from './index';

async function format(
  context: ProviderContext,
  uri: string,
  token: CancellationToken,
  range?: LineRange,
): Promise<TextEdit[]> {
  const found = await analyzedFor(context, uri, token);
  if (!found || !found.options.format) return [];
  const analyzed = found.analyzed;
  return toTextEdits(formatEdits(analyzed.analysis.parsed, range, editorStructure(analyzed.analysis)), analyzed.lines);
}

export const formattingProvider: Provider = {
  capabilities: () => ({ documentFormattingProvider: true, documentRangeFormattingProvider: true }),
  register(context) {
    const { connection } = context;
    connection.onDocumentFormatting(
      guardRequest(connection, 'textDocument/formatting', hasDocument, (params, token) =>
        format(context, params.textDocument.uri, token),
      ),
    );
    connection.onDocumentRangeFormatting(
      guardRequest(connection, 'textDocument/rangeFormatting', hasRange, (params, token) => {
        const { start, end } = params.range;
        // A range that ends at the start of a line does not include that line.
        const endLine = end.character === 0 && end.line > start.line ? end.line - 1 : end.line;
        return format(context, params.textDocument.uri, token, { startLine: start.line, endLine });
      }),
    );
  },
};
