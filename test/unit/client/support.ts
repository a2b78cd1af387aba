// Shared builders for the cockpit's unit tests: facts as the collector would produce them.
import type { DistroInfo, ListeningSocket } from '../../../client/src/host/hostTypes';
import type { NetworkContext } from '../../../client/src/host/reachability';
import type { CockpitFacts, PortFacts } from '../../../client/src/model/facts';
import { formatOnly } from '../../../client/src/model/l10n';

export const t = formatOnly;
export const WSL_IP = '172.23.21.232';

export function socket(port: number, address = '0.0.0.0', extra: Partial<ListeningSocket> = {}): ListeningSocket {
  const v6 = address.includes(':');
  return {
    protocol: 'tcp',
    family: v6 ? 6 : 4,
    address,
    port,
    inode: 40000 + port,
    uid: 1000,
    pid: 4000 + port,
    processName: 'node',
    table: v6 ? 'tcp6' : 'tcp',
    ...extra,
  };
}

export const UBUNTU: DistroInfo = { name: 'Ubuntu-24.04', state: 'Running', version: 2, isDefault: true };
export const DOCKER: DistroInfo = { name: 'docker-desktop', state: 'Stopped', version: 2, isDefault: false };

export function natContext(extra: Partial<NetworkContext> = {}): NetworkContext {
  return {
    mode: 'nat',
    wslIps: [WSL_IP],
    portProxies: [],
    firewallRules: [],
    hyperVRules: [],
    connectionProfiles: [
      {
        name: 'HomeNet',
        interfaceAlias: 'Wi-Fi',
        interfaceIndex: 12,
        networkCategory: 'Private',
        ipv4Connectivity: 'Internet',
      },
    ],
    ...extra,
  };
}

export function facts(
  options: {
    distros?: DistroInfo[];
    sockets?: { distro: string; sockets: ListeningSocket[]; error?: string }[];
    context?: NetworkContext;
    ports?: Partial<PortFacts> | false;
    extra?: Partial<CockpitFacts>;
  } = {},
): CockpitFacts {
  const distros = options.distros ?? [UBUNTU, DOCKER];
  const context = options.context ?? natContext();
  const ports: PortFacts | undefined =
    options.ports === false
      ? undefined
      : {
          collectedAt: 1,
          context,
          sockets: options.sockets ?? [{ distro: 'Ubuntu-24.04', sockets: [] }],
          lanAddresses: ['192.168.1.20'],
          errors: [],
          ...(options.ports ?? {}),
        };
  return {
    at: 1_700_000_000_000,
    demo: false,
    available: true,
    distros,
    distro: 'Ubuntu-24.04',
    inspectDistro: 'Ubuntu-24.04',
    vmRunning: distros.some((d) => d.state === 'Running'),
    effectiveMode: context.mode,
    config: {
      location: { path: '/home/u/.wslconfig', source: 'setting' },
      summary: { mode: 'nat', modeExplicit: false },
    },
    ...(ports ? { ports } : {}),
    ...(options.extra ?? {}),
  };
}
