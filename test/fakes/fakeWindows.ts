// Test helper around the stand-in Windows executables in test/fakes/windows-bin: a private
// state directory, an environment naming their folder (WSL_NETWORK_WINDOWS_TOOLS_DIR, never PATH),
// and access to the call
// log and the (mutated) state. See test/fakes/lib/fakeState.js for the full state shape.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export type FakeLocale = 'en-US' | 'de-DE' | 'fr-FR';

export interface FakeSocket {
  protocol: 'tcp' | 'udp';
  address: string;
  port: number;
  pid?: number;
  comm?: string;
  inode: number;
  uid?: number;
  state?: 'LISTEN' | 'ESTABLISHED' | 'CLOSE';
  remoteAddress?: string;
  remotePort?: number;
}

export interface FakePortProxy {
  kind: 'v4tov4' | 'v4tov6' | 'v6tov4' | 'v6tov6';
  listenAddress: string;
  listenPort: number;
  connectAddress: string;
  connectPort: number;
}

export interface FakeFirewallRule {
  name: string;
  displayName: string;
  enabled?: boolean;
  direction?: 'Inbound' | 'Outbound';
  action?: 'Allow' | 'Block' | 'NotConfigured';
  profile?: string | string[];
  protocol?: string;
  localPort?: string | string[];
  program?: string;
  /** Who may connect (the address filter's RemoteAddress); default Any. */
  remoteAddress?: string | string[];
}

export interface FakeHyperVRule {
  name: string;
  displayName: string;
  enabled?: boolean;
  direction?: 'Inbound' | 'Outbound';
  action?: 'Allow' | 'Block';
  vmCreatorId?: string;
  protocol?: string;
  localPorts?: string | string[];
  profiles?: string | string[];
  remoteAddresses?: string | string[];
}

export interface FakeState {
  wslInstalled: boolean;
  locale: FakeLocale;
  defaultWslVersion: number;
  distros: { name: string; state: string; version: number }[];
  defaultDistro: string | null;
  versions: {
    wsl: string;
    kernel: string;
    wslg: string;
    msrdc: string;
    direct3d: string;
    dxcore: string;
    windows: string;
  };
  /** "<argv joined by one space>" → a real capture in test/fixtures/field to print instead. */
  replay?: Record<string, { capture: string; exitCode?: number }>;
  debugBuild: boolean;
  statusNotes: string[];
  networkingMode: string;
  linux: {
    exec: 'emulate' | 'host';
    addresses: string[];
    eth0Prefix: number;
    addressesAfterShutdown: string[] | null;
    sockets: FakeSocket[];
  };
  portProxy: FakePortProxy[];
  /** The docker stand-in (linux-bin/docker); its output is a `replay` of "ps --format {{json .}}". */
  docker?: { hang?: boolean };
  windows: {
    userProfile: string;
    uac: 'accept' | 'decline';
    /** Cmdlet name → the error it then fails with (non-terminating, as a cmdlet's own errors are). */
    failCmdlets?: Record<string, string>;
    enumsAsStrings: boolean;
    hyperVFirewallSupported: boolean;
    firewallRules: FakeFirewallRule[];
    hyperVRules: FakeHyperVRule[];
    hyperVVmSetting: {
      name: string;
      enabled?: string;
      defaultInboundAction?: string;
      defaultOutboundAction?: string;
      loopbackEnabled?: string;
    } | null;
    connectionProfiles: {
      name: string;
      interfaceAlias: string;
      interfaceIndex: number;
      networkCategory: string;
      ipv4Connectivity?: string;
    }[];
    tcpListeners: { localAddress: string; localPort: number; owningProcess: number }[];
    /** [Environment]::GetFolderPath('CommonApplicationData'). */
    programData: string;
    /** The folders and files (path → text) the Keep LAN Exposures install writes. */
    directories: string[];
    files: Record<string, string>;
    scheduledTasks: { name: string; execute: string; argument: string; runLevel: string; triggers: string[] }[];
    /** The doctor's facts (lib/connectivityFakes.js), e.g. `adapters` for Get-NetAdapter. */
    connectivity?: {
      adapters?: { name: string; description: string; ifIndex: number; status: string }[];
      [key: string]: unknown;
    };
  };
}

export interface FakeStateInput extends Partial<Omit<FakeState, 'linux' | 'windows' | 'versions'>> {
  linux?: Partial<FakeState['linux']>;
  windows?: Partial<FakeState['windows']>;
  versions?: Partial<FakeState['versions']>;
}

export interface FakeCall {
  tool: 'wsl.exe' | 'netsh.exe' | 'powershell.exe' | 'wslinfo' | 'cmd.exe' | 'docker';
  argv: string[];
  elevated: boolean;
  wslUtf8: string | null;
  wslenv: string | null;
  cwd: string;
  /** powershell.exe only: the script it ran (decoded for -EncodedCommand). */
  script?: string;
}

export interface FakeWindows {
  readonly binDir: string;
  /** The stand-in for a Windows tool, by absolute path (as WslHost starts it; never through PATH). */
  tool(name: string): string;
  readonly stateDir: string;
  /**
   * process.env plus the fake's own variables (WSL_NETWORK_WINDOWS_TOOLS_DIR=<binDir>; PATH with
   * only the Linux-side wslinfo in front); WSL_UTF8/WSLENV removed.
   */
  readonly env: Record<string, string>;
  calls(): FakeCall[];
  readState(): FakeState;
  writeState(state: FakeStateInput): void;
  dispose(): void;
}

export interface FakeWindowsOptions {
  readonly state?: FakeStateInput;
  /**
   * 'wsl' makes the fakes behave like Windows programs started through interop: they see
   * WSL_UTF8 only when WSLENV lists it.
   */
  readonly situation?: 'windows' | 'wsl';
  /** Stand-ins left out (e.g. ['wsl.exe'] for "WSL not installed"). */
  readonly omit?: readonly string[];
  /** Names the docker stand-in in WSL_NETWORK_FAKE_DOCKER (demo mode runs no other docker). */
  readonly docker?: boolean;
}

/** The docker stand-in (test/fakes/linux-bin/docker), an absolute path. */
export function fakeDockerPath(): string {
  return path.join(fakeBinSourceDir(), '..', 'linux-bin', 'docker');
}

const FAKE_NAMES = ['wsl.exe', 'netsh.exe', 'powershell.exe', 'wslinfo', 'cmd.exe'] as const;

/** tmpfs when the machine has one: the fakes create many small files and symlinks. */
export function scratchRoot(): string {
  try {
    if (fs.statSync('/dev/shm').isDirectory()) {
      fs.accessSync('/dev/shm', fs.constants.W_OK);
      return '/dev/shm';
    }
  } catch {
    // fall back to the OS temp folder
  }
  return os.tmpdir();
}

/** The source folder of the fakes, found from the compiled (out/) or source location. */
/** Every call the stand-ins logged in a state folder (its calls.jsonl), in order. */
export function readFakeCalls(stateDir: string): FakeCall[] {
  const file = path.join(stateDir, 'calls.jsonl');
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as FakeCall);
}

/** A call that changes Windows: anything elevated, a portproxy add or delete, a WSL shutdown or terminate. */
export function changesWindows(call: FakeCall): boolean {
  return (
    call.elevated ||
    (call.tool === 'netsh.exe' && /^(add|delete)$/.test(call.argv[2] ?? '')) ||
    call.argv.some((a) => /^--(shutdown|terminate)$/.test(a))
  );
}

export function fakeBinSourceDir(): string {
  let dir = __dirname;
  for (;;) {
    const candidate = path.join(dir, 'test', 'fakes', 'windows-bin');
    if (fs.existsSync(path.join(candidate, 'wsl.exe'))) return candidate;
    const direct = path.join(dir, 'windows-bin');
    if (fs.existsSync(path.join(direct, 'wsl.exe')) && !dir.includes(`${path.sep}out${path.sep}`)) return direct;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('test/fakes/windows-bin not found above ' + __dirname);
    dir = parent;
  }
}

interface FakeStateLib {
  defaultState(): FakeState;
  mergeDefaults(state: FakeStateInput): FakeState;
}

function stateLib(): FakeStateLib {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.join(fakeBinSourceDir(), '..', 'lib', 'fakeState.js')) as FakeStateLib;
}

export function defaultFakeState(): FakeState {
  return stateLib().defaultState();
}

export function createFakeWindows(options: FakeWindowsOptions = {}): FakeWindows {
  const sourceDir = fakeBinSourceDir();
  const stateDir = fs.mkdtempSync(path.join(scratchRoot(), 'wsl-network-fake-'));
  let binDir = sourceDir;
  if (options.omit && options.omit.length > 0) {
    binDir = path.join(stateDir, 'bin');
    fs.mkdirSync(binDir);
    for (const name of FAKE_NAMES) {
      if (!options.omit.includes(name)) fs.symlinkSync(path.join(sourceDir, name), path.join(binDir, name));
    }
  }
  const lib = stateLib();
  const write = (state: FakeStateInput): void => {
    fs.writeFileSync(path.join(stateDir, 'state.json'), JSON.stringify(lib.mergeDefaults(state), null, 2));
  };
  write(options.state ?? {});

  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && key !== 'WSL_UTF8' && key !== 'WSLENV') env[key] = value;
  }
  // The Windows stand-ins are found through the test-only override (WslHostOptions.windowsToolsDir,
  // or WSL_NETWORK_WINDOWS_TOOLS_DIR in demo mode), never through PATH. Only the Linux-side
  // `wslinfo` (run inside the distro) is on PATH.
  const linuxBin = path.join(stateDir, 'linux-bin');
  fs.mkdirSync(linuxBin);
  if (!options.omit?.includes('wslinfo'))
    fs.symlinkSync(path.join(sourceDir, 'wslinfo'), path.join(linuxBin, 'wslinfo'));
  env['PATH'] = `${linuxBin}${path.delimiter}${process.env['PATH'] ?? ''}`;
  env['WSL_NETWORK_WINDOWS_TOOLS_DIR'] = binDir;
  env['WSL_NETWORK_FAKE_STATE'] = stateDir;
  if (options.situation === 'wsl') env['WSL_NETWORK_FAKE_INTEROP'] = '1';
  delete env['WSL_NETWORK_FAKE_DOCKER'];
  if (options.docker) env['WSL_NETWORK_FAKE_DOCKER'] = fakeDockerPath();

  return {
    binDir,
    tool: (name) => path.join(binDir, name),
    stateDir,
    env,
    calls: () => readFakeCalls(stateDir),
    readState(): FakeState {
      return JSON.parse(fs.readFileSync(path.join(stateDir, 'state.json'), 'utf8')) as FakeState;
    },
    writeState: write,
    dispose(): void {
      fs.rmSync(stateDir, { recursive: true, force: true });
    },
  };
}
