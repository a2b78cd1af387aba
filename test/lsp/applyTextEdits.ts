/**
 * Applies LSP text edits the way an editor does, independently of the server's own offset code:
 * positions are (line, UTF-16 character) with LF, CRLF and lone CR as line breaks; all ranges refer to
 * the original text; overlapping edits are an error; inserts at the same position keep array order.
 */
import type { Position, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\r' && text[i + 1] === '\n') {
      starts.push(i + 2);
      i++;
    } else if (text[i] === '\r' || text[i] === '\n') {
      starts.push(i + 1);
    }
  }
  return starts;
}

export function offsetAt(text: string, position: Position, starts = lineStarts(text)): number {
  if (position.line >= starts.length) throw new Error(`line ${position.line} is past the end (${starts.length} lines)`);
  const start = starts[position.line];
  const next = position.line + 1 < starts.length ? starts[position.line + 1] : text.length;
  const lineText = text.slice(start, next).replace(/\r?\n$|\r$/, '');
  if (position.character > lineText.length)
    throw new Error(`character ${position.character} is past the end of line ${position.line}`);
  return start + position.character;
}

export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const starts = lineStarts(text);
  const resolved = edits
    .map((edit, order) => ({
      start: offsetAt(text, edit.range.start, starts),
      end: offsetAt(text, edit.range.end, starts),
      newText: edit.newText,
      order,
    }))
    .sort((a, b) => a.start - b.start || a.end - b.end || a.order - b.order);
  let result = '';
  let at = 0;
  for (const edit of resolved) {
    if (edit.end < edit.start) throw new Error('edit range ends before it starts');
    if (edit.start < at) throw new Error(`overlapping edits at offset ${edit.start}`);
    result += text.slice(at, edit.start) + edit.newText;
    at = edit.end;
  }
  return result + text.slice(at);
}

/** The edits of a workspace edit for one document (`changes` or `documentChanges`). */
export function editsFor(edit: WorkspaceEdit, uri: string): TextEdit[] {
  const edits: TextEdit[] = [...(edit.changes?.[uri] ?? [])];
  for (const change of edit.documentChanges ?? []) {
    if ('textDocument' in change && change.textDocument.uri === uri) edits.push(...(change.edits as TextEdit[]));
  }
  const others = Object.keys(edit.changes ?? {}).filter((u) => u !== uri);
  if (others.length) throw new Error(`edit touches other documents: ${others.join(', ')}`);
  return edits;
}

export function applyWorkspaceEdit(text: string, edit: WorkspaceEdit, uri: string): string {
  return applyTextEdits(text, editsFor(edit, uri));
}
