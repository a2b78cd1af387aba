/** Converts the editing module's offset edits and markdown into LSP shapes. */
import {
  MarkupKind,
  type ClientCapabilities,
  type MarkupContent,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import type { LineIndex } from '../core/lineIndex';
import { markdownToPlainText } from '../editing/markdown';
import type { OffsetEdit } from '../editing/text';

export function toTextEdits(edits: readonly OffsetEdit[], lines: LineIndex): TextEdit[] {
  return edits.map((edit) => ({ range: lines.rangeOf(edit.start, edit.end), newText: edit.newText }));
}

/** A workspace edit on one document, versioned when the client supports document changes. */
export function toWorkspaceEdit(
  uri: string,
  version: number,
  edits: TextEdit[],
  capabilities: ClientCapabilities | undefined,
): WorkspaceEdit {
  if (capabilities?.workspace?.workspaceEdit?.documentChanges)
    return { documentChanges: [{ textDocument: { uri, version }, edits }] };
  return { changes: { [uri]: edits } };
}

/**
 * Markdown when the client lists it in `contentFormat` / `documentationFormat`, the same text without
 * markup otherwise. A client that lists no format at all gets markdown, which LSP clients render.
 */
export function toMarkup(markdown: string, formats: MarkupKind[] | undefined): MarkupContent {
  if (!Array.isArray(formats) || formats.length === 0 || formats.includes(MarkupKind.Markdown))
    return { kind: MarkupKind.Markdown, value: markdown };
  return { kind: MarkupKind.PlainText, value: markdownToPlainText(markdown) };
}
