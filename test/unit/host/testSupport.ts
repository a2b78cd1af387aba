// Shared helpers for the host-layer tests: fixture access from source or compiled location.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as os from 'node:os';
import { collectFacts } from '../../../client/src/model/facts';
import type { HostSetup } from '../../../client/src/model/hostSetup';
import type { HostEnvironment } from '../../../client/src/host/hostEnvironment';
import type {
  FirewallRule,
  HyperVFirewallRule,
  ListeningSocket,
  PortProxyRule,
} from '../../../client/src/host/hostTypes';
import { WSL_VM_CREATOR_ID } from '../../../client/src/host/parseHyperVFirewall';
import type { ProcessRunner, RunOptions, RunResult } from '../../../client/src/host/processRunner';
import type { NetworkContext } from '../../../client/src/host/reachability';
import type { WslHost } from '../../../client/src/host/wslHost';

export function repoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'test', 'fixtures', 'windows-output'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('repository root not found from ' + __dirname);
    dir = parent;
  }
  return dir;
}

export function fixturePath(name: string): string {
  return path.join(repoRoot(), 'test', 'fixtures', 'windows-output', name);
}

export function fixtureBytes(name: string): Buffer {
  return fs.readFileSync(fixturePath(name));
}

export function fixtureText(name: string): string {
  return fs.readFileSync(fixturePath(name), 'utf8');
}

/** A HostEnvironment made of plain data, for detection in either situation. */
export function fakeEnvironment(options: {
  platform: NodeJS.Platform;
  env?: Record<string, string | undefined>;
  files?: Record<string, string>;
}): HostEnvironment {
  const files = options.files ?? {};
  return {
    platform: options.platform,
    env: options.env ?? {},
    readFile: (p) => files[p],
    exists: (p) => p in files,
  };
}

/** One call a scripted runner received. */
export interface RunnerCall {
  file: string;
  args: readonly string[];
  options?: RunOptions;
}

/**
 * A ProcessRunner in place of real processes: each call is answered with `handler`'s text (exit
 * code 0, as UTF-8) or fails with its error, and every call is recorded.
 */
export function scriptedRunner(handler: (file: string, args: readonly string[]) => string | Error): {
  runner: ProcessRunner;
  calls: RunnerCall[];
} {
  const calls: RunnerCall[] = [];
  const runner: ProcessRunner = async (file, args, options) => {
    calls.push({ file, args, ...(options ? { options } : {}) });
    const answer = handler(file, args);
    if (answer instanceof Error) throw answer;
    const result: RunResult = {
      file,
      args,
      exitCode: 0,
      stdout: answer,
      stderr: '',
      stdoutEncoding: 'utf8',
      stdoutBytes: Buffer.from(answer),
    };
    return result;
  };
  return { runner, calls };
}

/** A real capture from test/fixtures/field, as the user pasted it (UTF-8, LF). */
export function fieldText(name: string): string {
  return fs.readFileSync(path.join(repoRoot(), 'test', 'fixtures', 'field', name), 'utf8');
}

/** The bytes wsl.exe writes to a pipe for that text: UTF-16LE without BOM, CRLF line ends. */
export function asWslExeWrites(text: string): Buffer {
  return Buffer.from(text.replace(/\n/g, '\r\n'), 'utf16le');
}

export interface FieldCapture {
  readonly file: string;
  readonly command: string;
  readonly language: string;
  readonly windows: string;
  readonly wsl: string;
  readonly source: string;
  readonly reconstructed: boolean;
  readonly note: string;
}

export function fieldIndex(): FieldCapture[] {
  return (
    JSON.parse(fs.readFileSync(path.join(repoRoot(), 'test', 'fixtures', 'field', 'index.json'), 'utf8')) as {
      captures: FieldCapture[];
    }
  ).captures;
}

/**
 * The network context exactly as the cockpit builds it (cockpit/facts.ts collectFacts, the code
 * that ships), for host tests that drive the stand-ins end to end. `wslconfig`: the text of a
 * `.wslconfig` to read the networking settings from.
 */
export async function collectNetworkContext(
  host: WslHost,
  wslconfig?: string,
): Promise<{ context: NetworkContext; errors: readonly string[] }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wsl-network-context-'));
  try {
    const file = path.join(dir, '.wslconfig');
    if (wslconfig !== undefined) fs.writeFileSync(file, wslconfig);
    const setup: HostSetup = { environment: host.environment, demo: false, key: 'test' };
    const facts = await collectFacts(host, setup, {
      distroSetting: '',
      includePorts: true,
      location: { path: file, source: 'setting' },
    });
    const context = facts.ports?.context;
    if (!context) throw new Error(`no network context: ${facts.unavailableReason ?? 'no running distro'}`);
    return { context, errors: facts.ports?.errors ?? [] };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A socket listening on `address:port`, owned by `node` (pid 42, uid 1000). */
export function listeningSocket(address: string, port: number, protocol: 'tcp' | 'udp' = 'tcp'): ListeningSocket {
  const family = address.includes(':') ? 6 : 4;
  return {
    protocol,
    family,
    address,
    port,
    inode: 1,
    uid: 1000,
    pid: 42,
    processName: 'node',
    table: `${protocol}${family === 6 ? '6' : ''}` as ListeningSocket['table'],
  };
}

/** A v4tov4 portproxy rule, as `netsh interface portproxy show` lists it. */
export function portProxyRule(
  listenAddress: string,
  listenPort: number,
  connectAddress: string,
  connectPort = listenPort,
): PortProxyRule {
  return { kind: 'v4tov4', listenAddress, listenPort, connectAddress, connectPort };
}

/** An enabled inbound Allow rule of the Windows firewall for TCP `ports` on the Private profile, any program. */
export function firewallRule(
  displayName: string,
  ports: string[],
  overrides: Partial<FirewallRule> = {},
): FirewallRule {
  return {
    name: `{${displayName}}`,
    displayName,
    enabled: true,
    direction: 'Inbound',
    action: 'Allow',
    profiles: ['Private'],
    protocol: 'TCP',
    localPorts: ports,
    program: 'Any',
    ...overrides,
  };
}

/** An enabled inbound Allow rule of the Hyper-V firewall for WSL's VM, TCP `ports`, every profile. */
export function hyperVRule(
  displayName: string,
  ports: string[],
  overrides: Partial<HyperVFirewallRule> = {},
): HyperVFirewallRule {
  return {
    name: displayName,
    displayName,
    enabled: true,
    direction: 'Inbound',
    action: 'Allow',
    vmCreatorId: WSL_VM_CREATOR_ID,
    protocol: 'TCP',
    localPorts: ports,
    profiles: ['Domain', 'Private', 'Public'],
    ...overrides,
  };
}
