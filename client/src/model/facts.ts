/**
 * Gathers everything the status bar, the ports view and the commands show, through the host
 * layer only. Two rules: never start WSL just to look (Linux-side queries run only in distros
 * that are already running), and a fact that cannot be read is reported as unknown with the
 * error text, never guessed.
 */
import * as os from 'node:os';
import type {
  DistroInfo,
  ListeningSocket,
  NetworkingMode,
  WindowsTcpListener,
  WslVersionInfo,
} from '../host/hostTypes';
import type { DockerContainer } from '../host/parseDockerPs';
import type { NetworkContext } from '../host/reachability';
import type { WslAddresses, WslHost } from '../host/wslHost';
import type { HostSetup, WslConfigLocation } from './hostSetup';
import { parseUptime } from './vmClock';
import { readWslConfig, summarizeConfig, type ConfigSummary, type WslConfigSnapshot } from './wslConfigFile';

export interface DistroSockets {
  readonly distro: string;
  readonly sockets: readonly ListeningSocket[];
  readonly error?: string;
}

export interface PortFacts {
  readonly collectedAt: number;
  /** undefined only when no distro is running. */
  readonly context?: NetworkContext;
  readonly addresses?: WslAddresses;
  readonly sockets: readonly DistroSockets[];
  readonly windowsListeners?: readonly WindowsTcpListener[];
  /** IPv4 addresses LAN clients can use to reach this PC (empty when unknown). */
  readonly lanAddresses: readonly string[];
  /** Facts that could not be read, as "what: error" lines. */
  readonly errors: readonly string[];
  /**
   * Docker's port mapping (`docker ps`), read once per refresh; absent when there is no docker
   * CLI. A failure is kept here, not in `errors`: Docker is optional (often simply not started).
   */
  readonly docker?: DockerFacts;
}

export interface DockerFacts {
  readonly containers: readonly DockerContainer[];
  readonly error?: string;
}

export interface ConfigFacts {
  readonly location: WslConfigLocation;
  readonly snapshot?: WslConfigSnapshot;
  readonly summary: ConfigSummary;
}

export interface CockpitFacts {
  readonly at: number;
  readonly demo: boolean;
  readonly available: boolean;
  readonly unavailableReason?: string;
  readonly distros: readonly DistroInfo[];
  /** The distro to inspect: the setting, else the default distro. */
  readonly distro?: string;
  /** Why the configured distro was not used. */
  readonly distroNote?: string;
  /** The running WSL 2 distro Linux facts come from (the target when it runs, else another running one). */
  readonly inspectDistro?: string;
  /** Some WSL 2 distro runs, so the VM is up. */
  readonly vmRunning: boolean;
  readonly effectiveMode?: NetworkingMode;
  readonly effectiveModeError?: string;
  readonly uptimeSeconds?: number;
  readonly version?: WslVersionInfo;
  readonly config: ConfigFacts;
  readonly ports?: PortFacts;
}

export interface CollectOptions {
  readonly distroSetting: string;
  readonly includePorts: boolean;
  readonly location: WslConfigLocation;
  readonly now?: () => number;
  /** A cached `wsl --version` answer (it only changes with a WSL update). */
  readonly version?: WslVersionInfo | null;
}

export async function readConfigFacts(location: WslConfigLocation): Promise<ConfigFacts> {
  if (!location.path) return { location, summary: summarizeConfig(undefined) };
  const snapshot = await readWslConfig(location.path);
  return { location, snapshot, summary: summarizeConfig(snapshot.text) };
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export async function collectFacts(host: WslHost, setup: HostSetup, options: CollectOptions): Promise<CockpitFacts> {
  const now = options.now ?? Date.now;
  const at = now();
  const config = await readConfigFacts(options.location);
  const base = { at, demo: setup.demo, config, distros: [] as DistroInfo[], vmRunning: false };

  const reason = host.unavailableReason();
  if (reason !== undefined) return { ...base, available: false, unavailableReason: reason };

  let distros: DistroInfo[];
  try {
    distros = await host.listDistros();
  } catch (error) {
    return { ...base, available: false, unavailableReason: message(error) };
  }
  if (distros.length === 0) {
    // wsl.exe answers "no distributions" and "WSL is not installed" the same way (exit -1, a
    // localized message without an error code), so both are named.
    return {
      ...base,
      available: false,
      unavailableReason:
        'wsl.exe lists no distributions: WSL has none installed, or the WSL feature itself is not installed (run wsl.exe --install).',
    };
  }

  const wanted = options.distroSetting.trim();
  const named = wanted === '' ? undefined : distros.find((d) => d.name.toLowerCase() === wanted.toLowerCase());
  const target = named ?? distros.find((d) => d.isDefault) ?? distros[0];
  const distroNote =
    wanted !== '' && named === undefined
      ? `wslNetwork.distro names "${wanted}", which is not installed; showing ${target?.name ?? 'none'} instead.`
      : undefined;
  const running = (d: DistroInfo): boolean => d.state === 'Running' && d.version !== 1;
  const inspect =
    target && (running(target) || (target.state === 'Running' && target.version === 1))
      ? target
      : distros.find(running);
  const vmRunning = distros.some(running);
  const result = {
    ...base,
    available: true,
    distros,
    ...(target ? { distro: target.name } : {}),
    ...(distroNote ? { distroNote } : {}),
    ...(inspect ? { inspectDistro: inspect.name } : {}),
    vmRunning,
  };
  if (!inspect) return result;

  // wslinfo first, /proc/uptime right after it (not in parallel): the uptime is optional, and the
  // two Linux calls in a row keep one distro from being asked twice at the same moment.
  const linux = async (): Promise<
    [PromiseSettledResult<NetworkingMode | undefined>, PromiseSettledResult<number | undefined>]
  > => {
    const [first] = await Promise.allSettled([host.getNetworkingMode(inspect.name)]);
    const [second] = await Promise.allSettled([
      inspect.version === 1
        ? Promise.resolve(undefined)
        : host.linuxCommand(inspect.name, 'cat', ['/proc/uptime']).then((r) => parseUptime(r.stdout)),
    ]);
    return [first, second];
  };
  const [[mode, uptime], version] = await Promise.all([
    linux(),
    Promise.allSettled([
      options.version !== undefined ? Promise.resolve(options.version ?? undefined) : host.getVersion(),
    ]).then((r) => r[0]),
  ]);
  const live = {
    ...result,
    ...(mode.status === 'fulfilled' && mode.value !== undefined ? { effectiveMode: mode.value } : {}),
    ...(mode.status === 'rejected'
      ? { effectiveModeError: message(mode.reason) }
      : mode.value === undefined
        ? { effectiveModeError: 'wslinfo --networking-mode printed nothing usable' }
        : {}),
    ...(uptime.status === 'fulfilled' && uptime.value !== undefined ? { uptimeSeconds: uptime.value } : {}),
    ...(version.status === 'fulfilled' && version.value !== undefined ? { version: version.value } : {}),
  };
  if (!options.includePorts) return live;
  return { ...live, ports: await collectPortFacts(host, setup, live, now) };
}

async function collectPortFacts(
  host: WslHost,
  setup: HostSetup,
  facts: {
    distros: readonly DistroInfo[];
    inspectDistro?: string;
    effectiveMode?: NetworkingMode;
    config: ConfigFacts;
  },
  now: () => number,
): Promise<PortFacts> {
  const errors: string[] = [];
  const note = (what: string) => (error: unknown) => {
    errors.push(`${what}: ${message(error)}`);
    return undefined;
  };
  const runningDistros = facts.distros.filter((d) => d.state === 'Running');
  const [addresses, portProxies, firewall, docker, ...sockets] = await Promise.all([
    facts.inspectDistro
      ? host.getWslAddresses(facts.inspectDistro).catch(note('WSL addresses'))
      : Promise.resolve(undefined),
    host.getPortProxies().catch(note('portproxy rules')),
    host.getWindowsFirewallFacts().catch(note('Windows firewall')),
    host.listDockerContainers().then(
      (containers): DockerFacts | undefined => (containers ? { containers } : undefined),
      (error): DockerFacts => ({ containers: [], error: message(error) }),
    ),
    ...runningDistros.map((d) =>
      host.listListeningSockets(d.name).then(
        (list): DistroSockets => ({ distro: d.name, sockets: list }),
        (error): DistroSockets => ({ distro: d.name, sockets: [], error: message(error) }),
      ),
    ),
  ]);
  const fact = <T>(
    what: string,
    f: { ok: true; value: T } | { ok: false; error: string } | undefined,
  ): T | undefined => {
    if (f === undefined) return undefined;
    if (f.ok) return f.value;
    errors.push(`${what}: ${f.error}`);
    return undefined;
  };
  const summary = facts.config.summary;
  const firewallRules = fact('Windows firewall rules', firewall?.firewallRules);
  const hyperVRules = fact('Hyper-V firewall rules', firewall?.hyperVRules);
  const hyperVSetting = fact('Hyper-V firewall settings', firewall?.hyperVSetting);
  const connectionProfiles = fact('network profiles', firewall?.connectionProfiles);
  const windowsListeners = fact('Windows listening ports', firewall?.tcpListeners);
  if (facts.effectiveMode === undefined && facts.inspectDistro) errors.push('networking mode: unknown; assuming NAT');
  const context: NetworkContext | undefined = facts.inspectDistro
    ? {
        mode: facts.effectiveMode ?? 'nat',
        wslIps: addresses?.all ?? [],
        ...(summary.localhostForwarding !== undefined ? { localhostForwarding: summary.localhostForwarding } : {}),
        ...(summary.ignoredPorts !== undefined ? { ignoredPorts: summary.ignoredPorts } : {}),
        ...(facts.effectiveMode === 'mirrored' && addresses?.eth0Subnet ? { lanSubnets: [addresses.eth0Subnet] } : {}),
        ...(portProxies !== undefined ? { portProxies } : {}),
        ...(firewallRules !== undefined ? { firewallRules } : {}),
        ...(hyperVRules !== undefined ? { hyperVRules } : {}),
        ...(hyperVSetting !== undefined ? { hyperVSetting } : {}),
        ...(connectionProfiles !== undefined ? { connectionProfiles } : {}),
      }
    : undefined;
  return {
    collectedAt: now(),
    ...(context ? { context } : {}),
    ...(addresses ? { addresses } : {}),
    sockets,
    ...(windowsListeners ? { windowsListeners } : {}),
    lanAddresses: lanAddresses(host, setup, facts.effectiveMode, addresses),
    errors,
    ...(docker ? { docker } : {}),
  };
}

/**
 * Addresses of this PC on the LAN. On Windows (and in demo mode, where this machine plays
 * Windows) they are this process's interfaces minus WSL's virtual adapter; inside a distro in
 * mirrored mode the distro shares them; inside a NAT distro they are unknown.
 */
function lanAddresses(
  host: WslHost,
  setup: HostSetup,
  mode: NetworkingMode | undefined,
  addresses: WslAddresses | undefined,
): string[] {
  if (host.situation.kind === 'windows' || setup.demo) {
    const result: string[] = [];
    for (const [name, list] of Object.entries(os.networkInterfaces())) {
      if (/^vEthernet \(WSL/i.test(name)) continue;
      for (const item of list ?? []) if (item.family === 'IPv4' && !item.internal) result.push(item.address);
    }
    return result;
  }
  if (mode === 'mirrored') return (addresses?.all ?? []).filter((ip) => !ip.includes(':'));
  return [];
}
