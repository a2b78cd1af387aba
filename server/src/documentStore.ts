/**
 * Open documents and their analysis, computed once per document version and shared by every provider.
 */
import { TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, type Analysis } from './core/analyzer';
import { LineIndex } from './core/lineIndex';
import { fileKindOf } from './fileKind';

export interface AnalyzedDocument {
  document: TextDocument;
  analysis: Analysis;
  lines: LineIndex;
}

export class DocumentStore {
  readonly documents = new TextDocuments(TextDocument);
  private readonly cache = new Map<string, { version: number; result: AnalyzedDocument }>();

  constructor() {
    this.documents.onDidClose((event) => this.cache.delete(event.document.uri));
  }

  /** The analysis of an open WSL config document, or undefined for other documents. */
  get(uri: string): AnalyzedDocument | undefined {
    const document = this.documents.get(uri);
    if (!document) return undefined;
    const kind = fileKindOf(uri, document.languageId);
    if (!kind) return undefined;
    const cached = this.cache.get(uri);
    if (cached && cached.version === document.version) return cached.result;
    const text = document.getText();
    const result = { document, analysis: analyze(text, kind), lines: new LineIndex(text) };
    this.cache.set(uri, { version: document.version, result });
    return result;
  }
}
