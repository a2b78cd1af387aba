// The distro's default route. WSL documents the default gateway as the address of the Windows
// host in NAT mode ("ip route show | grep -i default | awk '{ print $3}'",
// learn.microsoft.com/windows/wsl/networking); resolv.conf's nameserver stops being that
// address with DNS tunneling (microsoft/WSL#10561).

export interface DefaultRoute {
  readonly gateway: string | undefined;
  readonly device: string | undefined;
  readonly metric: number | undefined;
}

/** `ip route` / `ip route show default` (iproute2 text). Returns every default route, in order. */
export function parseIpRoute(text: string): DefaultRoute[] {
  const routes: DefaultRoute[] = [];
  for (const raw of text.replace(/\r/g, '').split('\n')) {
    const words = raw.trim().split(/\s+/);
    if (words[0] !== 'default' && words[0] !== '0.0.0.0/0') continue;
    const after = (key: string): string | undefined => {
      const index = words.indexOf(key);
      return index >= 0 ? words[index + 1] : undefined;
    };
    const metric = after('metric');
    routes.push({
      gateway: after('via'),
      device: after('dev'),
      metric: metric !== undefined && /^[0-9]+$/.test(metric) ? Number(metric) : undefined,
    });
  }
  return routes;
}

/**
 * `/proc/net/route`: tab-separated, addresses as little-endian hex words; the default route has
 * Destination 00000000 and Mask 00000000, and the gateway flag (0x2) when it has a gateway.
 */
export function parseProcNetRoute(text: string): DefaultRoute[] {
  const routes: DefaultRoute[] = [];
  const lines = text
    .replace(/\r/g, '')
    .split('\n')
    .filter((line) => line.trim() !== '');
  for (const line of lines.slice(1)) {
    const fields = line.trim().split(/\s+/);
    const [device, destination, gatewayHex, flagsHex, , , metric, mask] = fields;
    if (destination !== '00000000' || mask !== '00000000' || gatewayHex === undefined || flagsHex === undefined)
      continue;
    const flags = parseInt(flagsHex, 16);
    if ((flags & 0x1) === 0) continue; // RTF_UP
    routes.push({
      gateway: (flags & 0x2) !== 0 ? littleEndianHexToIPv4(gatewayHex) : undefined,
      device,
      metric: metric !== undefined && /^[0-9]+$/.test(metric) ? Number(metric) : undefined,
    });
  }
  return routes.sort((a, b) => (a.metric ?? 0) - (b.metric ?? 0));
}

export function littleEndianHexToIPv4(hex: string): string | undefined {
  if (!/^[0-9A-Fa-f]{8}$/.test(hex)) return undefined;
  const bytes = [0, 2, 4, 6].map((offset) => parseInt(hex.slice(offset, offset + 2), 16));
  return bytes.reverse().join('.');
}

/** Where the route facts come from; injectable so tests and the cockpit choose the source. */
export interface RouteSource {
  /** `ip route show default` output, or undefined when `ip` is missing or failed. */
  ipRoute(): Promise<string | undefined>;
  /** `/proc/net/route`, or undefined when unreadable. */
  procNetRoute(): Promise<string | undefined>;
}

export interface RouteFacts {
  readonly source: 'ip route' | '/proc/net/route' | 'none';
  readonly routes: readonly DefaultRoute[];
}

/** `ip route` first; /proc/net/route when `ip` is not installed (minimal images) or printed nothing. */
export async function readDefaultRoutes(source: RouteSource): Promise<RouteFacts> {
  const ip = await source.ipRoute().catch(() => undefined);
  if (ip !== undefined) {
    const routes = parseIpRoute(ip);
    if (routes.length > 0) return { source: 'ip route', routes };
  }
  const proc = await source.procNetRoute().catch(() => undefined);
  if (proc !== undefined) return { source: '/proc/net/route', routes: parseProcNetRoute(proc) };
  return { source: ip !== undefined ? 'ip route' : 'none', routes: [] };
}
