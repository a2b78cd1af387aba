/** Folding per section and per block of consecutive comment lines. */
import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver/node';
import { foldingRanges } from '../editing/outline';
import { guardRequest, hasDocument } from '../requestGuard';
import type { Provider } from './index';

/** VS Code shows at most 5000 folding regions (`editor.foldingMaximumRegions`); more is wasted JSON. */
export const MAX_FOLDING_RANGES = 5000;

export const foldingRangeProvider: Provider = {
  capabilities: () => ({ foldingRangeProvider: true }),
  register(context) {
    const { connection, store } = context;
    // A line scan, no analysis: it still works for a file past wslNetwork.maxFileSize.
    connection.onFoldingRanges(
      guardRequest(connection, 'textDocument/foldingRange', hasDocument, (params): FoldingRange[] => {
        const document = store.configDocument(params.textDocument.uri);
        if (!document) return [];
        return foldingRanges(document.getText())
          .slice(0, MAX_FOLDING_RANGES)
          .map((fold) => {
            const range: FoldingRange = { startLine: fold.startLine, endLine: fold.endLine };
            if (fold.kind === 'comment') range.kind = FoldingRangeKind.Comment;
            return range;
          });
      }),
    );
  },
};
