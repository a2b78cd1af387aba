/** Hover documentation for sections, keys and values. */
import type { Hover } from 'vscode-languageserver/node';
import { hoverAt } from '../editing/hover';
import { guardRequest, hasPosition } from '../requestGuard';
import { toMarkup } from './lspEdits';
import { analyzedFor } from './analyzedFor';
import type { Provider } from './index';

export const hoverProvider: Provider = {
  capabilities: () => ({ hoverProvider: true }),
  register(context) {
    const { connection } = context;
    connection.onHover(
      guardRequest(connection, 'textDocument/hover', hasPosition, async (params, token): Promise<Hover | null> => {
        const analyzed = (await analyzedFor(context, params.textDocument.uri, token))?.analyzed;
        if (!analyzed) return null;
        const result = hoverAt(analyzed.analysis, analyzed.lines.offsetAt(params.position));
        if (!result) return null;
        return {
          contents: toMarkup(result.markdown, context.clientCapabilities?.textDocument?.hover?.contentFormat),
          range: analyzed.lines.rangeOf(result.span.start, result.span.end),
        };
      }),
    );
  },
};
