// `wsl.exe -l -v` (WslClient.cpp `ListDistributionsHelper`). Format per row:
// "%s %-<W>s%-16s%s\n" with a "*" or " " marker, then NAME, STATE, VERSION. The header and
// the state words are not localized. Pasted or re-wrapped output can lose the column padding
// (a real capture reads "NAME STATE VERSION"), so rows are split on whitespace runs and the
// header is recognised by its words, not by its position.
import { stripCarriageReturns } from './decodeOutput';
import type { DistroInfo, UnknownOutputReporter } from './hostTypes';

const HEADER = /^NAME\s+STATE\s+VERSION$/;

export function parseWslListVerbose(text: string, reportUnknown?: UnknownOutputReporter): DistroInfo[] {
  const lines = stripCarriageReturns(text)
    .split('\n')
    .filter((line) => line.trim() !== '');
  const distros: DistroInfo[] = [];
  let unreadable = false;
  for (const line of lines) {
    const isDefault = line.trimStart().startsWith('*');
    const body = line.replace(/^\s*\*?/, '').trim();
    if (HEADER.test(body)) continue;
    const tokens = body.split(/\s+/);
    // State and version are the last two columns; whatever precedes them is the name. New
    // names cannot contain spaces, but keeping the middle intact costs nothing for legacy ones.
    const versionText = tokens[tokens.length - 1] as string;
    const state = tokens[tokens.length - 2] as string;
    const name =
      tokens.length < 3 ? '' : body.slice(0, body.lastIndexOf(state, body.length - versionText.length - 1)).trim();
    if (name === '') {
      unreadable = true;
      continue;
    }
    distros.push({ name, state, version: /^[0-9]+$/.test(versionText) ? Number(versionText) : undefined, isDefault });
  }
  if (unreadable) reportUnknown?.('wsl.exe --list --verbose', text);
  return distros;
}
