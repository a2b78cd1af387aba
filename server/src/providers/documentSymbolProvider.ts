/** The outline: sections as namespaces holding their keys as properties (value as detail). */
import { SymbolKind, SymbolTag, type DocumentSymbol, type SymbolInformation } from 'vscode-languageserver/node';
import { outline, type OutlineKey } from '../editing/outline';
import type { Provider } from './index';

export const documentSymbolProvider: Provider = {
  capabilities: () => ({ documentSymbolProvider: { label: 'WSL config' } }),
  register(context) {
    const { connection, store } = context;
    connection.onDocumentSymbol((params): DocumentSymbol[] | SymbolInformation[] => {
      const analyzed = store.get(params.textDocument.uri);
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
      const symbols: DocumentSymbol[] = [
        ...tree.topLevel.map(keySymbol),
        ...tree.sections.map((section): DocumentSymbol => ({
          name: `[${section.name}]`,
          detail: section.ignored ? 'not read by WSL' : section.known ? undefined : 'unknown section',
          kind: SymbolKind.Namespace,
          range: lines.rangeOf(section.span.start, section.span.end),
          selectionRange: lines.rangeOf(section.nameSpan.start, section.nameSpan.end),
          children: section.keys.map(keySymbol),
        })),
      ].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
      if (symbolCaps?.hierarchicalDocumentSymbolSupport) return symbols;
      // Flat list for older clients: keys name their section as container.
      const uri = params.textDocument.uri;
      return symbols.flatMap((symbol) => [
        { name: symbol.name, kind: symbol.kind, location: { uri, range: symbol.range } },
        ...(symbol.children ?? []).map((child) => ({ name: child.name, kind: child.kind, location: { uri, range: child.range }, containerName: symbol.name })),
      ]);
    });
  },
};
