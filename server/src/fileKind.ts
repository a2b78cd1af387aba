/** Decides which WSL config file a document is: by file name first, then by language id. */
import type { FileKind } from './core/catalogue';

export function fileKindOf(uri: string, languageId?: string): FileKind | undefined {
  const path = decodeURIComponent(uri.replace(/[?#].*$/, ''));
  const name = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1).toLowerCase();
  if (name === '.wslconfig') return 'wslconfig';
  if (name === 'wsl.conf') return 'wslconf';
  if (name === 'wsl-distribution.conf') return 'wsldistribution';
  if (languageId === 'wslconfig') return 'wslconfig';
  if (languageId === 'wslconf') return 'wslconf';
  return undefined;
}
