// The one object the UI layer talks to. It hides the two host situations:
// - on Windows, Windows tools run directly and Linux facts come from
//   `wsl.exe -d <distro> -e <command>`;
// - inside a distro, /proc is read directly, Linux commands run locally, and Windows tools
//   run through interop.
// Windows tools always run by absolute path (windowsTools.ts), never through a PATH search.
import {
  buildElevatedCommand,
  decodeElevatedExitCode,
  ELEVATION_CANCELED_EXIT_CODES,
  isElevatedCommand,
  readElevatedExitCode,
  splitElevatedBatches,
  StepsFailedError,
} from './elevation';
import { PROGRAM_DATA_SCRIPT, validateWindowsFolder } from './lastingExposures';
import type { CommandSpec } from './commandBuilders';
import { detectHost, windowsToolsUnavailableReason, type HostSituation } from './detectHost';
import { DOCKER_PS_ARGS, DOCKER_PS_TIMEOUT_MS, findDockerCli } from './dockerCli';
import { nodeHostEnvironment, type HostEnvironment } from './hostEnvironment';
import type {
  ConnectionProfile,
  DistroInfo,
  FirewallRule,
  HyperVFirewallRule,
  HyperVVmSetting,
  ListeningSocket,
  NetworkingMode,
  PortProxyRule,
  WindowsTcpListener,
  WslStatus,
  WslVersionInfo,
} from './hostTypes';
import { parseSocketSnapshot, readListeningSockets, SOCKET_SNAPSHOT_SCRIPT } from './listeningSockets';
import { parseConnectionProfiles } from './parseConnectionProfiles';
import { parseDockerPs, type DockerContainer } from './parseDockerPs';
import { parseFirewallRules } from './parseFirewallRules';
import { parseHyperVRules, parseHyperVVmSetting } from './parseHyperVFirewall';
import { parseNetworkingMode } from './parseNetworkingMode';
import { parsePortProxyShow } from './parsePortProxy';
import { parseTcpListeners } from './parseTcpListeners';
import { ipv4Network } from './ipAddress';
import { parseHostnameAddresses, parseIpAddrShow } from './parseWslAddresses';
import { parseWslListQuiet } from './parseWslListQuiet';
import { parseWslListVerbose } from './parseWslListVerbose';
import { parseWslStatus } from './parseWslStatus';
import { parseWslVersion } from './parseWslVersion';
import {
  buildQueryCommand,
  POWERSHELL_BASE_ARGS,
  POWERSHELL_EXE,
  splitQueryOutput,
  type PowerShellQueryId,
  type QueryPart,
} from './powershellQueries';
import {
  createProcessRunner,
  HostCommandError,
  type ProcessRunner,
  type RunOptions,
  type RunResult,
} from './processRunner';
import { required, validateDistroName } from './validators';
import { isWindowsToolName, resolveWindowsTools, type WindowsTools } from './windowsTools';
import { findWslConfigFromWsl, wslConfigPathOnWindows } from './wslConfigLocation';
import { isNoDistributionsFailure, isWslUsageText } from './wslErrorOutput';
import type { UnknownOutputReporter } from './hostTypes';

export interface WslHostOptions {
  readonly environment?: HostEnvironment;
  /** Defaults to a process runner configured for the detected situation. */
  readonly runner?: ProcessRunner;
  /** Inside WSL: where /proc is (tests point it at a fixture tree). */
  readonly procRoot?: string;
  /** Inside WSL: `[automount] root` of /etc/wsl.conf. */
  readonly automountRoot?: string;
  /**
   * Where output no parser could read goes, with the raw text, once per distinct text, so a
   * user can report it (the extension passes its output channel).
   */
  readonly log?: (message: string) => void;
  /**
   * Test and demo override (hostSetup.ts, demo mode only): the folder of stand-ins for wsl.exe,
   * netsh.exe, powershell.exe and cmd.exe. Never PATH.
   */
  readonly windowsToolsDir?: string;
  /** Demo mode: the docker CLI is only the test stand-in (dockerCli.ts), never one found on PATH. */
  readonly demo?: boolean;
}

export interface WslAddresses {
  /** `hostname -I`: every global address of the VM (or, in mirrored mode, of the host). */
  readonly all: readonly string[];
  /** First IPv4 of eth0: the address NAT portproxy rules must point at. */
  readonly eth0: string | undefined;
  /** eth0's network (`172.23.16.0/20`), from the same `ip -4 addr show eth0`. */
  readonly eth0Subnet?: string;
}

export type Fact<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

export interface WindowsFirewallFacts {
  readonly firewallRules: Fact<FirewallRule[]>;
  readonly hyperVRules: Fact<HyperVFirewallRule[]>;
  readonly hyperVSetting: Fact<HyperVVmSetting | undefined>;
  readonly connectionProfiles: Fact<ConnectionProfile[]>;
  readonly tcpListeners: Fact<WindowsTcpListener[]>;
}

export class WslHost {
  readonly situation: HostSituation;
  readonly environment: HostEnvironment;
  readonly run: ProcessRunner;
  /** Absolute paths of the Windows executables, resolved once. */
  readonly tools: WindowsTools;
  private readonly procRoot: string;
  private readonly automountRoot: string;
  private readonly log: (message: string) => void;
  private readonly reported = new Set<string>();
  /** `wsl --version` changes only with a WSL update, which shuts WSL down; asked once. */
  private version: Promise<WslVersionInfo | undefined> | undefined;
  private readonly demo: boolean;
  /** The docker CLI, looked up once per host (null: none); a new PATH makes a new WslHost. */
  private dockerCli: string | null | undefined;

  constructor(options: WslHostOptions = {}) {
    this.environment = options.environment ?? nodeHostEnvironment();
    this.situation = detectHost(this.environment);
    this.run =
      options.runner ?? createProcessRunner({ insideWsl: this.situation.kind === 'wsl', env: this.environment.env });
    this.procRoot = options.procRoot ?? '/proc';
    this.automountRoot = options.automountRoot ?? '/mnt/';
    this.log = options.log ?? (() => undefined);
    this.tools = resolveWindowsTools({
      situation: this.situation,
      environment: this.environment,
      automountRoot: this.automountRoot,
      ...(options.windowsToolsDir !== undefined ? { standInDir: options.windowsToolsDir } : {}),
    });
    this.demo = options.demo ?? false;
  }

  /** Logs output a parser could not read, once per command and text. */
  readonly reportUnknown: UnknownOutputReporter = (what, raw) => {
    const key = `${what}\0${raw}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.log(`Unrecognised output of ${what} (please report it with this text):\n${raw}`);
  };

  /** Why nothing Windows-side can work here, or undefined. */
  unavailableReason(): string | undefined {
    return windowsToolsUnavailableReason(this.situation);
  }

  /** The distro this extension host runs in (inside WSL), else undefined. */
  get currentDistro(): string | undefined {
    return this.situation.kind === 'wsl' ? this.situation.distro : undefined;
  }

  // ---- wsl.exe ---------------------------------------------------------------------------

  async getStatus(options?: RunOptions): Promise<WslStatus> {
    return parseWslStatus((await this.windowsTool('wsl.exe', ['--status'], options)).stdout, this.reportUnknown);
  }

  /**
   * undefined for inbox WSL, which does not know --version. An answer is cached (also "inbox
   * WSL"); a failure is not, so the next call asks again.
   */
  async getVersion(options?: RunOptions): Promise<WslVersionInfo | undefined> {
    if (this.version === undefined) {
      const asked = this.readVersion(options);
      this.version = asked.then((answer) => answer.value);
      asked.then(
        (answer) => {
          if (!answer.final) this.version = undefined;
        },
        () => (this.version = undefined),
      );
    }
    return this.version;
  }

  private async readVersion(options?: RunOptions): Promise<{ value: WslVersionInfo | undefined; final: boolean }> {
    try {
      return {
        value: parseWslVersion((await this.windowsTool('wsl.exe', ['--version'], options)).stdout, this.reportUnknown),
        final: true,
      };
    } catch (error) {
      if (error instanceof HostCommandError && (error.failure === 'wsl-error' || error.failure === 'exit-code')) {
        // Inbox WSL answers --version with usage text and a failing exit code: a final answer.
        return { value: undefined, final: isWslUsageText(error.stdout) };
      }
      throw error;
    }
  }

  /**
   * `wsl.exe -l -v`; an empty list when no distro is installed. Throws, with what to do on this
   * build, when wsl.exe is too old to know `--verbose`.
   */
  async listDistros(options?: RunOptions): Promise<DistroInfo[]> {
    const args = ['--list', '--verbose'];
    let stdout: string;
    try {
      stdout = (await this.windowsTool('wsl.exe', args, options)).stdout;
    } catch (error) {
      if (error instanceof HostCommandError && isWslUsageText(error.stdout))
        throw noListVerbose(error.exitCode, error.stdout, error.stderr);
      if (error instanceof HostCommandError && isNoDistributionsFailure(error.exitCode, error.stdout)) return [];
      throw error;
    }
    if (isWslUsageText(stdout)) throw noListVerbose(0, stdout, '');
    return parseWslListVerbose(stdout, this.reportUnknown);
  }

  async listDistroNames(options?: RunOptions): Promise<string[]> {
    return parseWslListQuiet((await this.windowsTool('wsl.exe', ['--list', '--quiet'], options)).stdout);
  }

  // ---- Linux facts -------------------------------------------------------------------------

  async getNetworkingMode(distro?: string, options?: RunOptions): Promise<NetworkingMode | undefined> {
    const result = await this.linuxCommand(distro, 'wslinfo', ['--networking-mode'], options);
    const mode = parseNetworkingMode(result.stdout);
    if (mode === undefined) this.reportUnknown('wslinfo --networking-mode', result.stdout);
    return mode;
  }

  async getWslAddresses(distro?: string, options?: RunOptions): Promise<WslAddresses> {
    const [all, eth0] = await Promise.allSettled([
      this.linuxCommand(distro, 'hostname', ['-I'], options),
      this.linuxCommand(distro, 'ip', ['-4', 'addr', 'show', 'eth0'], options),
    ]);
    const allAddresses = all.status === 'fulfilled' ? parseHostnameAddresses(all.value.stdout) : [];
    const eth0Inet = eth0.status === 'fulfilled' ? parseIpAddrShow(eth0.value.stdout)[0] : undefined;
    const eth0Address = eth0Inet?.address;
    const eth0Subnet = eth0Inet && ipv4Network(eth0Inet.address, eth0Inet.prefixLength);
    if (all.status === 'rejected' && eth0.status === 'rejected') throw all.reason;
    return {
      all: allAddresses.length > 0 ? allAddresses : eth0Address !== undefined ? [eth0Address] : [],
      eth0: eth0Address ?? allAddresses.find((ip) => !ip.includes(':')),
      ...(eth0Subnet ? { eth0Subnet } : {}),
    };
  }

  async listListeningSockets(distro?: string, options?: RunOptions): Promise<ListeningSocket[]> {
    if (this.isLocalDistro(distro)) return readListeningSockets({ procRoot: this.procRoot });
    const result = await this.linuxCommand(distro, 'sh', ['-c', SOCKET_SNAPSHOT_SCRIPT], {
      ...options,
      encoding: 'utf8',
    });
    return parseSocketSnapshot(result.stdout);
  }

  // ---- Windows facts -----------------------------------------------------------------------

  async getPortProxies(options?: RunOptions): Promise<PortProxyRule[]> {
    return parsePortProxyShow(
      (await this.windowsTool('netsh.exe', ['interface', 'portproxy', 'show', 'all'], options)).stdout,
      this.reportUnknown,
    );
  }

  /** All PowerShell facts in one powershell.exe run; each part may fail on its own. */
  async getWindowsFirewallFacts(options?: RunOptions): Promise<WindowsFirewallFacts> {
    const ids: PowerShellQueryId[] = [
      'firewallRules',
      'firewallPortFilters',
      'firewallApplicationFilters',
      'firewallAddressFilters',
      'hyperVRules',
      'hyperVVmSetting',
      'connectionProfiles',
      'tcpListeners',
    ];
    const command = buildQueryCommand(ids);
    const result = await this.windowsTool(command.file, command.args, { timeoutMs: 60_000, ...options });
    const parts = splitQueryOutput(result.stdout);
    const part = (id: PowerShellQueryId): QueryPart => parts.get(id) ?? { ok: false, error: `no output for ${id}` };
    const fact = <T>(parse: () => T, ...used: QueryPart[]): Fact<T> => {
      const failed = used.find((p): p is { ok: false; error: string } => !p.ok);
      if (failed) return { ok: false, error: failed.error };
      try {
        return { ok: true, value: parse() };
      } catch (error) {
        return { ok: false, error: (error as Error).message };
      }
    };
    const json = (p: QueryPart): string => (p.ok ? p.json : '');
    const rules = part('firewallRules');
    const ports = part('firewallPortFilters');
    const apps = part('firewallApplicationFilters');
    const addresses = part('firewallAddressFilters');
    return {
      // Without the address filters the rules still count; only their scope stays unknown.
      firewallRules: fact(
        () => parseFirewallRules(json(rules), json(ports), json(apps), addresses.ok ? addresses.json : undefined),
        rules,
        ports,
        apps,
      ),
      hyperVRules: fact(() => parseHyperVRules(json(part('hyperVRules'))), part('hyperVRules')),
      hyperVSetting: fact(() => parseHyperVVmSetting(json(part('hyperVVmSetting'))), part('hyperVVmSetting')),
      connectionProfiles: fact(
        () => parseConnectionProfiles(json(part('connectionProfiles'))),
        part('connectionProfiles'),
      ),
      tcpListeners: fact(() => parseTcpListeners(json(part('tcpListeners'))), part('tcpListeners')),
    };
  }

  /** `.wslconfig` as a path this process can read, or undefined when it cannot be located. */
  async getWslConfigPath(): Promise<string | undefined> {
    if (this.situation.kind === 'windows') return wslConfigPathOnWindows(this.environment);
    if (this.situation.kind !== 'wsl' || !this.situation.interop) return undefined;
    const runTool: ProcessRunner = (file, args, options) => this.windowsTool(file, args, options);
    return (await findWslConfigFromWsl(runTool, this.environment, this.automountRoot))?.wslPath;
  }

  /** Windows' %ProgramData% folder (where the Keep LAN Exposures script lives), validated. */
  async getProgramDataFolder(options?: RunOptions): Promise<string> {
    const result = await this.windowsTool(POWERSHELL_EXE, [...POWERSHELL_BASE_ARGS, PROGRAM_DATA_SCRIPT], {
      timeoutMs: 20_000,
      ...options,
    });
    const line = result.stdout.replace(/\r/g, '').trim().split('\n').pop()?.trim() ?? '';
    return required(validateWindowsFolder(line));
  }

  // ---- Docker ------------------------------------------------------------------------------

  /**
   * The running containers with their published ports, from `docker ps`; undefined when there is
   * no docker CLI. Throws when docker fails or times out (the caller decides that this is not fatal).
   */
  async listDockerContainers(options?: RunOptions): Promise<DockerContainer[] | undefined> {
    if (this.dockerCli === undefined)
      this.dockerCli = findDockerCli(this.environment.env, this.environment.platform, this.demo) ?? null;
    if (this.dockerCli === null) return undefined;
    const result = await this.run(this.dockerCli, DOCKER_PS_ARGS, {
      timeoutMs: DOCKER_PS_TIMEOUT_MS,
      encoding: 'utf8',
      ...options,
    });
    return parseDockerPs(result.stdout);
  }

  // ---- running changes ---------------------------------------------------------------------

  /** Runs one command; elevated ones are wrapped so Windows shows a UAC prompt. */
  async execute(spec: CommandSpec, options?: RunOptions): Promise<RunResult> {
    if (spec.elevated && !isElevatedCommand(spec)) return this.executeElevated([spec], options);
    return this.windowsTool(spec.file, spec.args, options);
  }

  /** How many UAC prompts executeElevated shows for these steps (batches that fit a command line). */
  elevatedBatchCount(specs: readonly CommandSpec[]): number {
    return specs.length === 0 ? 0 : splitElevatedBatches(specs, this.tools.windowsPath).length;
  }

  /**
   * Runs elevated steps behind one UAC prompt (or one per batch when they do not fit one
   * Windows command line: elevation.ts). Resolves when every step finished. Throws
   * `elevation-canceled` only when the prompt was declined before any step ran; a run that
   * stopped part-way throws StepsFailedError, which says which steps finished.
   */
  async executeElevated(specs: readonly CommandSpec[], options?: RunOptions): Promise<RunResult> {
    const batches = splitElevatedBatches(specs, this.tools.windowsPath);
    let done = 0;
    let last: RunResult | undefined;
    for (const batch of batches) {
      const wrapper = buildElevatedCommand(batch, this.tools.windowsPath);
      try {
        last = await this.windowsTool(wrapper.file, wrapper.args, { timeoutMs: 10 * 60_000, ...options });
        done += batch.length;
        continue;
      } catch (error) {
        if (!(error instanceof HostCommandError)) throw error;
        const elevatedExit = error.failure === 'exit-code' ? readElevatedExitCode(error.stdout) : undefined;
        if (elevatedExit !== undefined) {
          const outcome = decodeElevatedExitCode(elevatedExit, batch.length);
          throw new StepsFailedError(
            specs,
            done + outcome.completed,
            outcome.failedStep !== undefined ? done + outcome.failedStep : undefined,
            outcome.failedExitCode,
            false,
            error,
          );
        }
        const declined = error.failure === 'exit-code' && ELEVATION_CANCELED_EXIT_CODES.includes(error.exitCode ?? 0);
        if (declined && done === 0) {
          throw new HostCommandError(
            'elevation-canceled',
            error.file,
            error.args,
            error.exitCode,
            error.stdout,
            error.stderr,
            undefined,
            'did not run: the administrator prompt was declined or could not be shown',
          );
        }
        if (done === 0) throw error;
        throw new StepsFailedError(specs, done, undefined, undefined, declined, error);
      }
    }
    return last as RunResult;
  }

  // ---- plumbing ----------------------------------------------------------------------------

  private isLocalDistro(distro: string | undefined): boolean {
    return this.situation.kind === 'wsl' && (distro === undefined || distro === this.situation.distro);
  }

  /** A Linux command in `distro`: locally when we are inside it, else through wsl.exe. */
  async linuxCommand(
    distro: string | undefined,
    command: string,
    args: readonly string[],
    options?: RunOptions,
  ): Promise<RunResult> {
    if (this.isLocalDistro(distro)) return this.run(command, args, options);
    const wslArgs =
      distro === undefined
        ? ['-e', command, ...args]
        : ['-d', required(validateDistroName(distro)), '-e', command, ...args];
    // Output of Linux commands is relayed as raw bytes; never UTF-16.
    return this.windowsTool('wsl.exe', wslArgs, { encoding: 'utf8', ...options });
  }

  /**
   * A Windows executable, by its short name ("netsh.exe"), started from its absolute path
   * (windowsTools.ts). Any other name is refused: nothing is looked up on PATH.
   */
  async windowsTool(file: string, args: readonly string[], options?: RunOptions): Promise<RunResult> {
    const refuse = (failure: 'spawn-failed' | 'not-found', detail: string): HostCommandError =>
      new HostCommandError(failure, file, args, undefined, '', '', undefined, detail);
    const reason = this.unavailableReason();
    if (reason !== undefined) throw refuse('spawn-failed', reason);
    if (!isWindowsToolName(file)) throw refuse('spawn-failed', 'is not a Windows tool we run');
    const missing = this.tools.missing(file);
    if (missing !== undefined) throw refuse('not-found', `cannot be started: ${missing}`);
    return this.run(this.tools.launchPath(file), args, options);
  }
}

// `--list --verbose` came with Windows 10 version 2004 (build 19041); older builds answer with
// usage text. `wsl --install` does not exist there either, and Store WSL needs a newer Windows,
// so updating Windows is the way forward (learn.microsoft.com/windows/wsl/install-manual).
function noListVerbose(exitCode: number | undefined, stdout: string, stderr: string): HostCommandError {
  return new HostCommandError(
    'exit-code',
    'wsl.exe',
    ['--list', '--verbose'],
    exitCode,
    stdout,
    stderr,
    undefined,
    'is not supported by the wsl.exe of this Windows build (it prints its usage text): Windows 10 before version 2004 has no --list --verbose and no WSL 2. ' +
      'Update Windows to version 2004 (build 19041) or later, then install WSL from the Microsoft Store.',
  );
}
