/** The outline: sections as namespaces holding their keys as properties (value as detail). */
import { SymbolKind, SymbolTag, type DocumentSymbol, type SymbolInformation } from 'vscode-languageserver/node';
import { outline, type OutlineKey } from '../editing/outline';
import { guardRequest, hasDocument } from '../requestGuard';
import { analyzedFor } from './analyzedFor';
import type { Provider } from './index';

/**
 * At most this many symbols: an outline of more cannot be read, and the answer for a file of 100,000
 * keys would be tens of MB of JSON. Sections come first, then keys in document order until the cap.
 */
export const MAX_SYMBOLS = 5000;

export const documentSymbolProvider: Provider = {
  capabilities: () => ({ documentSymbolProvider: { label: 'WSL config' } }),
  register(context) {
    const { connection } = context;
    connection.onDocumentSymbol(
      guardRequest(
        connection,
        'textDocument/documentSymbol',
        hasDocument,
        async (params, token): Promise<DocumentSymbol[] | SymbolInformation[]> => {
          const analyzed = (await analyzedFor(context, params.textDocument.uri, token))?.analyzed;
          if (!analyzed) return [];
          const { lines } = analyzed;
          const tree = outline(analyzed.analysis);
          const symbolCaps = context.clientCapabilities?.textDocument?.documentSymbol;
          const tags = symbolCaps?.tagSupport?.valueSet?.includes(SymbolTag.Deprecated) === true;
          const keySymbol = (key: OutlineKey): DocumentSymbol => {
            const symbol: DocumentSymbol = {
              name: key.name,
              detail: `${key.value}${key.ignored ? ' (not read by WSL)' : !key.known ? ' (unknown key)' : ''}`,
              kind: SymbolKind.Property,
              range: lines.rangeOf(key.span.start, key.span.end),
              selectionRange: lines.rangeOf(key.keySpan.start, key.keySpan.end),
            };
            if (tags && (key.ignored || !key.known)) symbol.tags = [SymbolTag.Deprecated];
            return symbol;
          };
          let budget = MAX_SYMBOLS - Math.min(tree.sections.length, MAX_SYMBOLS);
          const keysWithin = (keys: OutlineKey[]): OutlineKey[] => {
            const kept = keys.slice(0, Math.max(0, budget));
            budget -= kept.length;
            return kept;
          };
          const symbols: DocumentSymbol[] = [
            ...keysWithin(tree.topLevel).map(keySymbol),
            ...tree.sections.slice(0, MAX_SYMBOLS).map((section): DocumentSymbol => ({
              name: `[${section.name}]`,
              detail: section.ignored ? 'not read by WSL' : section.known ? undefined : 'unknown section',
              kind: SymbolKind.Namespace,
              range: lines.rangeOf(section.span.start, section.span.end),
              selectionRange: lines.rangeOf(section.nameSpan.start, section.nameSpan.end),
              children: keysWithin(section.keys).map(keySymbol),
            })),
          ].sort(
            (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
          );
          if (symbolCaps?.hierarchicalDocumentSymbolSupport) return symbols;
          // Flat list for older clients: keys name their section as container.
          const uri = params.textDocument.uri;
          return symbols.flatMap((symbol) => [
            { name: symbol.name, kind: symbol.kind, location: { uri, range: symbol.range } },
            ...(symbol.children ?? []).map((child) => ({
              name: child.name,
              kind: child.kind,
              location: { uri, range: child.range },
              containerName: symbol.name,
            })),
          ]);
        },
      ),
    );
  },
};
