// `netsh interface portproxy show all` / `show v4tov4`. netsh is localized and
// closed source, so nothing here compares words: a table is found by its dashed rule line,
// its kind by the two "ipv4"/"ipv6" tokens in the title above it (falling back to the
// address syntax), and rows are split on whitespace because long values overflow columns.
// No rules at all prints nothing. netsh stores what `add` was given as text, so a row can hold
// a port "range" such as 30000-50000 (a real capture, microsoft/WSL#8963) that portproxy never
// forwards: such a row is skipped and reported, and the rows after it are still read.
import { stripCarriageReturns } from './decodeOutput';
import type { PortProxyKind, PortProxyRule, UnknownOutputReporter } from './hostTypes';

const DASH_LINE = /^-{3,}(\s+-{3,}){3}\s*$/;

export function parsePortProxyShow(text: string, reportUnknown?: UnknownOutputReporter): PortProxyRule[] {
  const lines = stripCarriageReturns(text).split('\n');
  const rules: PortProxyRule[] = [];
  let unreadable = false;
  for (let i = 0; i < lines.length; i++) {
    if (!DASH_LINE.test((lines[i] as string).trim())) continue;
    const titleKind = kindFromTitle(lines, i);
    let j = i + 1;
    for (; j < lines.length; j++) {
      const row = (lines[j] as string).trim();
      if (row === '') break;
      const tokens = row.split(/\s+/);
      if (tokens.length !== 4) break;
      const [listenAddress, listenPortText, connectAddress, connectPortText] = tokens as [
        string,
        string,
        string,
        string,
      ];
      const listenPort = parsePortValue(listenPortText);
      const connectPort = parsePortValue(connectPortText);
      if (listenPort === undefined || connectPort === undefined) {
        unreadable = true;
        continue;
      }
      rules.push({
        kind: titleKind ?? kindFromAddresses(listenAddress, connectAddress),
        listenAddress,
        listenPort,
        connectAddress,
        connectPort,
      });
    }
    i = j - 1;
  }
  if (unreadable) reportUnknown?.('netsh interface portproxy show', text);
  return rules;
}

// The title ("Listen on ipv4:             Connect to ipv6:") sits a few lines above the
// dashes, separated by the column header and blank lines.
function kindFromTitle(lines: readonly string[], dashIndex: number): PortProxyKind | undefined {
  for (let k = dashIndex - 1; k >= Math.max(0, dashIndex - 4); k--) {
    const families = (lines[k] as string).toLowerCase().match(/ipv[46]/g);
    if (families && families.length === 2) return `${families[0]?.slice(2)}to${families[1]?.slice(2)}` as PortProxyKind;
  }
  return undefined;
}

function kindFromAddresses(listen: string, connect: string): PortProxyKind {
  const family = (address: string): 'v4' | 'v6' => (address.includes(':') ? 'v6' : 'v4');
  return `${family(listen)}to${family(connect)}` as PortProxyKind;
}

function parsePortValue(text: string): number | undefined {
  if (!/^[0-9]{1,5}$/.test(text)) return undefined;
  const port = Number(text);
  return port <= 65535 ? port : undefined;
}
