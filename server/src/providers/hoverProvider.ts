/** Hover documentation for sections, keys and values. */
import type { Hover } from 'vscode-languageserver/node';
import { hoverAt } from '../editing/hover';
import { toMarkup } from './lspEdits';
import type { Provider } from './index';

export const hoverProvider: Provider = {
  capabilities: () => ({ hoverProvider: true }),
  register(context) {
    const { connection, store } = context;
    connection.onHover((params): Hover | null => {
      const analyzed = store.get(params.textDocument.uri);
      if (!analyzed) return null;
      const result = hoverAt(analyzed.analysis, analyzed.lines.offsetAt(params.position));
      if (!result) return null;
      return {
        contents: toMarkup(result.markdown, context.clientCapabilities?.textDocument?.hover?.contentFormat),
        range: analyzed.lines.rangeOf(result.span.start, result.span.end),
      };
    });
  },
};
