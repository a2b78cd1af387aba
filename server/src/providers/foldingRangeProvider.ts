/** Folding per section and per block of consecutive comment lines. */
import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver/node';
import { foldingRanges } from '../editing/outline';
import type { Provider } from './index';

export const foldingRangeProvider: Provider = {
  capabilities: () => ({ foldingRangeProvider: true }),
  register(context) {
    const { connection, store } = context;
    connection.onFoldingRanges((params): FoldingRange[] => {
      const analyzed = store.get(params.textDocument.uri);
      if (!analyzed) return [];
      return foldingRanges(analyzed.document.getText()).map((fold) => {
        const range: FoldingRange = { startLine: fold.startLine, endLine: fold.endLine };
        if (fold.kind === 'comment') range.kind = FoldingRangeKind.Comment;
        return range;
      });
    });
  },
};
