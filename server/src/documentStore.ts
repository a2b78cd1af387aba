/**
 * Open documents and their analysis, computed once per document version and shared by every provider.
 */
import { TextDocuments } from 'vscode-languageserver/node';
import { analyzeOnDemand, type Analysis } from './core/analyzer';
import { MAX_CONFIG_FILE_BYTES } from './core/limits';
import { LineIndex } from './core/lineIndex';
import { fileKindOf } from './fileKind';
import { LineDocument, lineDocuments } from './lineDocument';

export interface AnalyzedDocument {
  document: LineDocument;
  analysis: Analysis;
  lines: LineIndex;
}

export class DocumentStore {
  /** Edits only update the lines they touch; the analysis waits until a request or the debounce needs it. */
  readonly documents = new TextDocuments(lineDocuments);
  private readonly cache = new Map<string, { version: number; result: AnalyzedDocument }>();
  private readonly sizes = new Map<string, { version: number; bytes: number }>();

  constructor() {
    this.documents.onDidClose((event) => {
      this.cache.delete(event.document.uri);
      this.sizes.delete(event.document.uri);
    });
  }

  /** The open WSL config document at `uri`, analysed or not; undefined for other documents. */
  configDocument(uri: string): LineDocument | undefined {
    const document = this.documents.get(uri);
    return document && fileKindOf(uri, document.languageId) ? document : undefined;
  }

  /** The document's size in UTF-8 bytes, as it would be saved. */
  byteSize(document: LineDocument): number {
    const known = this.sizes.get(document.uri);
    if (known && known.version === document.version) return known.bytes;
    const bytes = Buffer.byteLength(document.getText(), 'utf8');
    this.sizes.set(document.uri, { version: document.version, bytes });
    return bytes;
  }

  /** Whether the open WSL config document at `uri` is past `maxBytes` and so is not analysed. */
  isTooLarge(uri: string, maxBytes: number = MAX_CONFIG_FILE_BYTES): boolean {
    const document = this.configDocument(uri);
    return document !== undefined && this.byteSize(document) > maxBytes;
  }

  /**
   * The analysis of an open WSL config document, or undefined for other documents and for documents
   * larger than `maxBytes` (analysis time and memory grow with the text: see core/limits.ts).
   */
  get(uri: string, maxBytes: number = MAX_CONFIG_FILE_BYTES): AnalyzedDocument | undefined {
    const document = this.documents.get(uri);
    if (!document) return undefined;
    const kind = fileKindOf(uri, document.languageId);
    if (!kind) return undefined;
    const cached = this.cache.get(uri);
    if (cached && cached.version === document.version)
      return this.byteSize(document) > maxBytes ? undefined : cached.result;
    if (this.byteSize(document) > maxBytes) return undefined;
    const text = document.getText();
    const result = { document, analysis: analyzeOnDemand(text, kind), lines: new LineIndex(text) };
    this.cache.set(uri, { version: document.version, result });
    return result;
  }
}
