/** Decides which WSL config file a document is: by file name first, then by language id. */
import type { FileKind } from './core/catalogue';

export function fileKindOf(uri: string, languageId?: string): FileKind | undefined {
  const raw = uri.replace(/[?#].*$/, '');
  // A malformed escape (`%E0%A4%A`) is no reason to fail: the name is then read undecoded.
  let path = raw;
  try {
    path = decodeURIComponent(raw);
  } catch {
    // keep the raw text
  }
  const name = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1).toLowerCase();
  if (name === '.wslconfig') return 'wslconfig';
  if (name === 'wsl.conf') return 'wslconf';
  if (name === 'wsl-distribution.conf') return 'wsldistribution';
  if (languageId === 'wslconfig') return 'wslconfig';
  if (languageId === 'wslconf') return 'wslconf';
  return undefined;
}
