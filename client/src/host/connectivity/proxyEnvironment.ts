// Proxy variables in the distro's environment. Only the scheme, host and port are ever kept:
// the values may contain user:password (microsoft/WSL diagnostics/networking.sh likewise
// reports names, not values). WSL sets http_proxy/https_proxy/no_proxy/WSL_PAC_URL itself
// when autoProxy is on (learn.microsoft.com/windows/wsl/networking#auto-proxy).
import { hostWithPort } from '../ipAddress';

export const PROXY_VARIABLES = [
  'http_proxy',
  'https_proxy',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'no_proxy',
  'NO_PROXY',
  'WSL_PAC_URL',
] as const;
export type ProxyVariable = (typeof PROXY_VARIABLES)[number];

export interface ProxyEndpoint {
  readonly scheme: string;
  readonly host: string;
  readonly port: number | undefined;
  /** The value carried user:password; they are never kept. */
  readonly hadCredentials: boolean;
}

export interface ProxyVariableFact {
  readonly name: ProxyVariable;
  /** For *_proxy and WSL_PAC_URL: the parsed endpoint; undefined when the value is not a URL. */
  readonly endpoint: ProxyEndpoint | undefined;
  /** For no_proxy: the number of entries (the entries may be internal host names). */
  readonly entryCount?: number;
}

export function readProxyEnvironment(env: Readonly<Record<string, string | undefined>>): ProxyVariableFact[] {
  const facts: ProxyVariableFact[] = [];
  for (const name of PROXY_VARIABLES) {
    const value = env[name];
    if (value === undefined || value.trim() === '') continue;
    if (name === 'no_proxy' || name === 'NO_PROXY') {
      facts.push({
        name,
        endpoint: undefined,
        entryCount: value.split(',').filter((entry) => entry.trim() !== '').length,
      });
    } else {
      facts.push({ name, endpoint: parseProxyEndpoint(value) });
    }
  }
  return facts;
}

/** `http://user:pw@host:3128/`, `host:3128`, `socks5://[::1]:1080` → scheme, host, port. */
export function parseProxyEndpoint(value: string): ProxyEndpoint | undefined {
  const trimmed = value.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `http://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return undefined;
  }
  if (url.hostname === '') return undefined;
  const defaultPort = url.protocol === 'https:' ? 443 : url.protocol === 'http:' ? 80 : undefined;
  return {
    scheme: url.protocol.replace(/:$/, ''),
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port !== '' ? Number(url.port) : defaultPort,
    hadCredentials: url.username !== '' || url.password !== '',
  };
}

export function isLoopbackHost(host: string): boolean {
  return /^127\./.test(host) || host === '::1' || host.toLowerCase() === 'localhost';
}

/** `scheme://host:port` without credentials, for evidence lines. */
export function describeEndpoint(endpoint: ProxyEndpoint): string {
  return `${endpoint.scheme}://${hostWithPort(endpoint.host, endpoint.port)}${endpoint.hadCredentials ? ' (credentials present, not shown)' : ''}`;
}
