/** Small helpers shared by the editing-feature LSP tests. */
import type { Diagnostic, Position } from 'vscode-languageserver-protocol';

let counter = 0;

/** A fresh document URI whose file name selects the config kind. */
export function uriFor(kind: 'wslconfig' | 'wslconf' | 'wsldistribution'): string {
  counter++;
  const name = kind === 'wslconfig' ? '.wslconfig' : kind === 'wslconf' ? 'etc/wsl.conf' : 'etc/wsl-distribution.conf';
  return `file:///editing-tests/${process.pid}-${counter}/${name}`;
}

export const languageIdOf = (kind: 'wslconfig' | 'wslconf' | 'wsldistribution'): string =>
  kind === 'wslconfig' ? 'wslconfig' : 'wslconf';

/** Splits `text` at its single `|` marker: the text without it and the marker's position. */
export function withCursor(marked: string): { text: string; position: Position } {
  const offset = marked.indexOf('|');
  if (offset < 0 || marked.indexOf('|', offset + 1) >= 0) throw new Error('exactly one | marker expected');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const before = text.slice(0, offset).split(/\r\n|\n|\r/);
  return { text, position: { line: before.length - 1, character: before[before.length - 1].length } };
}

export function countCode(diagnostics: readonly Diagnostic[], code: string): number {
  return diagnostics.filter((d) => d.code === code).length;
}
