// Exact command lines for every change this extension makes on Windows. Each builder
// validates its inputs first (validators.ts) and returns a CommandSpec that the UI can show
// verbatim before anything runs. Nothing here executes a command.
import { WSL_VM_CREATOR_ID } from './parseHyperVFirewall';
import { POWERSHELL_BASE_ARGS, POWERSHELL_EXE } from './powershellQueries';
import { hyperVRuleName, ruleDisplayName, RULE_NAME_PREFIX, validateRuleNamePrefix } from './ruleNaming';
import {
  ValidationError,
  required,
  validateDistroName,
  validateIPv4,
  validatePort,
  validateProfile,
  validateProtocol,
  validateCidr,
  validateRemoteScope,
  type ProfileChoice,
  type Protocol,
} from './validators';

export interface CommandSpec {
  readonly file: string;
  readonly args: readonly string[];
  /** Needs administrator rights; run it through buildElevatedCommand (one UAC prompt). */
  readonly elevated: boolean;
  /** One sentence for the confirmation dialog. */
  readonly description: string;
  /** For PowerShell commands: the script, as the user should read it. */
  readonly script?: string;
}

export const NETSH_EXE = 'netsh.exe';
export const WSL_EXE = 'wsl.exe';

export interface PortProxyAddInput {
  readonly listenPort: unknown;
  /** Defaults to listenPort. */
  readonly connectPort?: unknown;
  /** The current WSL VM IPv4 address. */
  readonly connectAddress: unknown;
  /** Defaults to 0.0.0.0 (every IPv4 interface), as in the docs' recipe. */
  readonly listenAddress?: unknown;
}

/** `netsh interface portproxy add v4tov4 listenport=P listenaddress=A connectport=P connectaddress=IP` */
export function buildPortProxyAdd(input: PortProxyAddInput): CommandSpec {
  const listenPort = required(validatePort(input.listenPort));
  const connectPort = input.connectPort === undefined ? listenPort : required(validatePort(input.connectPort));
  const listenAddress = required(validateIPv4(input.listenAddress ?? '0.0.0.0'));
  const connectAddress = required(validateIPv4(input.connectAddress));
  return {
    file: NETSH_EXE,
    args: [
      'interface',
      'portproxy',
      'add',
      'v4tov4',
      `listenport=${listenPort}`,
      `listenaddress=${listenAddress}`,
      `connectport=${connectPort}`,
      `connectaddress=${connectAddress}`,
    ],
    elevated: true,
    description: `Forward Windows ${listenAddress}:${listenPort} to WSL ${connectAddress}:${connectPort} (netsh portproxy)`,
  };
}

/** `netsh interface portproxy delete v4tov4 listenport=P listenaddress=A` */
export function buildPortProxyDelete(input: {
  readonly listenPort: unknown;
  readonly listenAddress?: unknown;
}): CommandSpec {
  const listenPort = required(validatePort(input.listenPort));
  const listenAddress = required(validateIPv4(input.listenAddress ?? '0.0.0.0'));
  return {
    file: NETSH_EXE,
    args: ['interface', 'portproxy', 'delete', 'v4tov4', `listenport=${listenPort}`, `listenaddress=${listenAddress}`],
    elevated: true,
    description: `Remove the portproxy rule listening on ${listenAddress}:${listenPort}`,
  };
}

export interface FirewallRuleInput {
  readonly port: unknown;
  readonly protocol?: unknown;
  /** Defaults to Private: exposing a dev server on public Wi-Fi should be a deliberate choice. */
  readonly profile?: unknown;
  /** Rule name prefix (validated); defaults to RULE_NAME_PREFIX. */
  readonly ruleNamePrefix?: unknown;
  /**
   * Who may connect (validateRemoteScope): `LocalSubnet`, `Any` or prefixes. Omitted: no
   * address condition (the cmdlets' default, Any). The Hyper-V rule takes prefixes only.
   */
  readonly remoteAddresses?: readonly unknown[];
}

/**
 * `New-NetFirewallRule -DisplayName 'WSL Network: TCP P' -Direction Inbound -Protocol TCP -LocalPort P -Action Allow
 * -Profile Private [-RemoteAddress 'LocalSubnet']`. -RemoteAddress takes addresses, subnets and keywords such as
 * LocalSubnet and Any (learn.microsoft.com/powershell/module/netsecurity/new-netfirewallrule).
 */
export function buildFirewallRuleAdd(input: FirewallRuleInput): CommandSpec {
  const { port, protocol, profile, prefix } = firewallInputs(input);
  const remote = input.remoteAddresses?.map((value) => required(validateRemoteScope(value)));
  const script =
    `New-NetFirewallRule -DisplayName ${psQuote(ruleDisplayName(protocol, port, prefix))} -Direction Inbound ` +
    `-Protocol ${protocol} -LocalPort ${port} -Action Allow -Profile ${profile}` +
    remoteAddressParameter('-RemoteAddress', remote);
  return powershell(
    script,
    true,
    `Allow inbound ${protocol} ${port} in the Windows firewall (${profile} profile${remoteDescription(remote)})`,
  );
}

/** ` -RemoteAddress 'a','b'` (PowerShell's array syntax), or nothing when no scope was given. */
function remoteAddressParameter(name: string, remote: readonly string[] | undefined): string {
  if (remote === undefined) return '';
  if (remote.length === 0) throw new ValidationError('Who may connect: no address given.');
  if (remote.length > 1 && remote.some((value) => value === 'Any' || value === 'LocalSubnet'))
    throw new ValidationError('Who may connect: a keyword must be the only value.');
  return ` ${name} ${remote.map(psQuote).join(',')}`;
}

function remoteDescription(remote: readonly string[] | undefined): string {
  return remote === undefined ? '' : `, from ${remote.join(', ')}`;
}

/** `Remove-NetFirewallRule -DisplayName 'WSL Network: TCP P'` */
export function buildFirewallRuleRemove(input: {
  readonly port: unknown;
  readonly protocol?: unknown;
  readonly ruleNamePrefix?: unknown;
}): CommandSpec {
  const { port, protocol, prefix } = firewallInputs(input);
  const script = `Remove-NetFirewallRule -DisplayName ${psQuote(ruleDisplayName(protocol, port, prefix))}`;
  return powershell(script, true, `Remove the Windows firewall rule "${ruleDisplayName(protocol, port, prefix)}"`);
}

/**
 * `New-NetFirewallHyperVRule -Name … -DisplayName … -Direction Inbound -VMCreatorId '{40E0AC32-…}'
 * -Protocol TCP -LocalPorts P -Action Allow -Profiles Private` (MicrosoftDocs/WSL networking.md).
 */
export function buildHyperVRuleAdd(input: FirewallRuleInput): CommandSpec {
  const { port, protocol, profile, prefix } = firewallInputs(input);
  // -RemoteAddresses documents addresses, subnets and ranges only, no keywords
  // (learn.microsoft.com/powershell/module/netsecurity/new-netfirewallhypervrule): LocalSubnet
  // arrives here already resolved to prefixes, and "Any" is the cmdlet's default (no parameter).
  const remote = input.remoteAddresses?.map((value) => required(validateCidr(value)));
  const script =
    `New-NetFirewallHyperVRule -Name ${psQuote(hyperVRuleName(protocol, port, prefix))} ` +
    `-DisplayName ${psQuote(ruleDisplayName(protocol, port, prefix))} -Direction Inbound ` +
    `-VMCreatorId ${psQuote(WSL_VM_CREATOR_ID)} -Protocol ${protocol} -LocalPorts ${port} -Action Allow -Profiles ${profile}` +
    remoteAddressParameter('-RemoteAddresses', remote);
  return powershell(
    script,
    true,
    `Allow inbound ${protocol} ${port} to WSL in the Hyper-V firewall (${profile} profile${remoteDescription(remote)})`,
  );
}

/** `Remove-NetFirewallHyperVRule -Name 'WSL-Network-TCP-P'` */
export function buildHyperVRuleRemove(input: {
  readonly port: unknown;
  readonly protocol?: unknown;
  readonly ruleNamePrefix?: unknown;
}): CommandSpec {
  const { port, protocol, prefix } = firewallInputs(input);
  const script = `Remove-NetFirewallHyperVRule -Name ${psQuote(hyperVRuleName(protocol, port, prefix))}`;
  return powershell(script, true, `Remove the Hyper-V firewall rule "${hyperVRuleName(protocol, port, prefix)}"`);
}

/** `wsl.exe --shutdown [--force]`: stops every distro and the VM so .wslconfig is re-read. */
export function buildWslShutdown(options: { readonly force?: boolean } = {}): CommandSpec {
  return {
    file: WSL_EXE,
    args: options.force ? ['--shutdown', '--force'] : ['--shutdown'],
    elevated: false,
    description: options.force
      ? 'Force-stop WSL (all distros and the VM; running programs lose unsaved data)'
      : 'Shut down WSL (all distros and the VM) so that .wslconfig changes take effect',
  };
}

/** `wsl.exe --terminate <distro>`: enough for /etc/wsl.conf changes. */
export function buildWslTerminate(distro: unknown): CommandSpec {
  const name = required(validateDistroName(distro));
  return { file: WSL_EXE, args: ['--terminate', name], elevated: false, description: `Stop the WSL distro ${name}` };
}

function firewallInputs(input: {
  readonly port: unknown;
  readonly protocol?: unknown;
  readonly profile?: unknown;
  readonly ruleNamePrefix?: unknown;
}): {
  port: number;
  protocol: Protocol;
  profile: ProfileChoice;
  prefix: string;
} {
  return {
    port: required(validatePort(input.port)),
    protocol: required(validateProtocol(input.protocol ?? 'TCP')),
    profile: required(validateProfile(input.profile ?? 'Private')),
    prefix: required(validateRuleNamePrefix(input.ruleNamePrefix ?? RULE_NAME_PREFIX)),
  };
}

/** A PowerShell command line for `script` (checked by assertScriptSafe), shown and run as is. */
export function powershell(script: string, elevated: boolean, description: string): CommandSpec {
  assertScriptSafe(script);
  return { file: POWERSHELL_EXE, args: [...POWERSHELL_BASE_ARGS, script], elevated, description, script };
}

/**
 * A PowerShell single-quoted literal. Inside single quotes nothing is expanded ($, `, ;, …)
 * and the only special character is the quote itself, doubled. Values reaching here were
 * validated already; the doubling is a second line of defence.
 */
export function psQuote(value: string): string {
  if (/[\r\n\0]/.test(value)) throw new ValidationError('Line breaks are not allowed in command values.');
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * Scripts must not contain double quotes (they would need Windows command-line escaping that
 * PowerShell 5.1 parses inconsistently) or line breaks.
 */
export function assertScriptSafe(script: string): void {
  if (/["\r\n\0]/.test(script))
    throw new ValidationError('Internal error: a PowerShell script contained a double quote or line break.');
}
