/** Document and range formatting: `=` spacing, indentation and trailing blanks (see editing/format.ts). */
import type { TextEdit } from 'vscode-languageserver/node';
import { formatEdits, type LineRange } from '../editing/format';
import { editorStructure } from '../editing/structure';
import { toTextEdits } from './lspEdits';
import type { Provider, ProviderContext } from './index';

async function format(context: ProviderContext, uri: string, range?: LineRange): Promise<TextEdit[]> {
  const analyzed = context.store.get(uri);
  if (!analyzed) return [];
  const options = await context.settings.forDocument(uri);
  if (!options.format) return [];
  return toTextEdits(formatEdits(analyzed.analysis.parsed, range, editorStructure(analyzed.analysis)), analyzed.lines);
}

export const formattingProvider: Provider = {
  capabilities: () => ({ documentFormattingProvider: true, documentRangeFormattingProvider: true }),
  register(context) {
    context.connection.onDocumentFormatting((params) => format(context, params.textDocument.uri));
    context.connection.onDocumentRangeFormatting((params) => {
      const { start, end } = params.range;
      // A range that ends at the start of a line does not include that line.
      const endLine = end.character === 0 && end.line > start.line ? end.line - 1 : end.line;
      return format(context, params.textDocument.uri, { startLine: start.line, endLine });
    });
  },
};
