// `wsl.exe -l -v` (WslClient.cpp `ListDistributionsHelper`). Format per row:
// "%s %-<W>s%-16s%s\n" with a "*" or " " marker, then NAME, STATE, VERSION. The header and
// the state words are not localized, but we still skip the header by position.
import { stripCarriageReturns } from './decodeOutput';
import type { DistroInfo } from './hostTypes';

export function parseWslListVerbose(text: string): DistroInfo[] {
  const lines = stripCarriageReturns(text)
    .split('\n')
    .filter((line) => line.trim() !== '');
  const distros: DistroInfo[] = [];
  for (const line of lines.slice(1)) {
    const isDefault = line.trimStart().startsWith('*');
    const body = line.replace(/^\s*\*?/, '').trim();
    const tokens = body.split(/\s+/);
    if (tokens.length < 3) continue;
    // State and version are the last two columns; whatever precedes them is the name. New
    // names cannot contain spaces, but keeping the middle intact costs nothing for legacy ones.
    const versionText = tokens[tokens.length - 1] as string;
    const state = tokens[tokens.length - 2] as string;
    const name = body.slice(0, body.lastIndexOf(state, body.length - versionText.length - 1)).trim();
    if (name === '') continue;
    distros.push({ name, state, version: /^[0-9]+$/.test(versionText) ? Number(versionText) : undefined, isDefault });
  }
  return distros;
}
