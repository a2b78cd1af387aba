/** Completion of section names, keys of the current section and values, from the catalogue. */
import {
  CompletionItemKind,
  CompletionItemTag,
  InsertTextFormat,
  type CompletionItem,
  type CompletionList,
} from 'vscode-languageserver/node';
import { completionsAt, type CompletionKind } from '../editing/completion';
import { guardRequest, hasPosition } from '../requestGuard';
import { toMarkup } from './lspEdits';
import { analyzedFor } from './analyzedFor';
import type { Provider } from './index';

const KIND: Record<CompletionKind, CompletionItemKind> = {
  section: CompletionItemKind.Module,
  key: CompletionItemKind.Property,
  value: CompletionItemKind.Value,
};

export const completionProvider: Provider = {
  capabilities: () => ({ completionProvider: { triggerCharacters: ['[', '='], resolveProvider: false } }),
  register(context) {
    const { connection } = context;
    connection.onCompletion(
      guardRequest(
        connection,
        'textDocument/completion',
        hasPosition,
        async (params, token): Promise<CompletionList> => {
          const analyzed = (await analyzedFor(context, params.textDocument.uri, token))?.analyzed;
          if (!analyzed) return { isIncomplete: false, items: [] };
          const client = context.clientCapabilities?.textDocument?.completion?.completionItem;
          const snippets = client?.snippetSupport === true;
          const deprecatedTag = client?.tagSupport?.valueSet?.includes(CompletionItemTag.Deprecated) === true;
          const offset = analyzed.lines.offsetAt(params.position);
          const items = completionsAt(analyzed.analysis, offset, analyzed.lines).map((completion): CompletionItem => {
            const useSnippet = snippets && completion.snippet !== undefined;
            const item: CompletionItem = {
              label: completion.label,
              kind: KIND[completion.kind],
              sortText: completion.sortText,
              textEdit: {
                range: analyzed.lines.rangeOf(completion.range.start, completion.range.end),
                newText: useSnippet ? completion.snippet! : completion.text,
              },
              insertTextFormat: useSnippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
            };
            if (completion.detail) item.detail = completion.detail;
            if (completion.documentation)
              item.documentation = toMarkup(completion.documentation, client?.documentationFormat);
            if (completion.filterText) item.filterText = completion.filterText;
            if (completion.preselect) item.preselect = true;
            if (completion.deprecated) {
              if (deprecatedTag) item.tags = [CompletionItemTag.Deprecated];
              else item.deprecated = true;
            }
            return item;
          });
          return { isIncomplete: false, items };
        },
      ),
    );
  },
};
