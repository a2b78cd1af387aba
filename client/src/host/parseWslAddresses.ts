// The WSL VM's own addresses. `hostname -I` lists every global address (the docs' recipe for
// the portproxy connectaddress); `ip -4 addr show eth0` pins down the NAT interface, which
// matters when docker or other bridges add more addresses.
import { isIP } from 'node:net';

/** `hostname -I`: addresses separated by spaces, trailing space and newline. */
export function parseHostnameAddresses(text: string): string[] {
  return text
    .split(/\s+/)
    .map((token) => token.trim())
    .filter((token) => token !== '' && isIP(token) !== 0);
}

/** `ip -4 addr show <dev>` (or `ip -o -4 addr`): every `inet a.b.c.d/len` in order. */
export function parseIpAddrShow(text: string): { address: string; prefixLength: number }[] {
  const found: { address: string; prefixLength: number }[] = [];
  for (const match of text.matchAll(/\binet\s+([0-9.]+)\/([0-9]{1,2})\b/g)) {
    const address = match[1] as string;
    if (isIP(address) === 4) found.push({ address, prefixLength: Number(match[2]) });
  }
  return found;
}
