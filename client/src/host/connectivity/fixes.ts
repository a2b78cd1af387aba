// The fixes the doctor offers, as data. Command fixes are built from validated values only
// (validators.ts) and quoted with psQuote, exactly like ../commandBuilders.ts; each carries the
// command that undoes it.
import { POWERSHELL_BASE_ARGS, POWERSHELL_EXE } from '../powershellQueries';
import { assertScriptSafe, psQuote, type CommandSpec } from '../commandBuilders';
import { WSL_VM_CREATOR_ID } from '../parseHyperVFirewall';
import { RULE_NAME_PREFIX, validateRuleNamePrefix } from '../ruleNaming';
import { ValidationError, required, validatePort, validateProtocol, type Protocol } from '../validators';
import type { Localize } from '../localize';
import { DOCS, type CommandFix, type UndoRecipe, type WslConfEditFix, type WslConfigEditFix } from './types';

/** The metric Cisco's and the community's AnyConnect workaround uses (microsoft/WSL#4277, #4246). */
export const VPN_WORKAROUND_METRIC = 6000;

function powershell(script: string, description: string): CommandSpec {
  assertScriptSafe(script);
  return { file: POWERSHELL_EXE, args: [...POWERSHELL_BASE_ARGS, script], elevated: true, description, script };
}

function interfaceIndex(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 0x7fffffff) {
    throw new ValidationError(`Not an interface index: ${JSON.stringify(value)}.`);
  }
  return value;
}

function metric(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 9999)
    throw new ValidationError(`Not an interface metric: ${JSON.stringify(value)}.`);
  return value;
}

/**
 * Raise the VPN adapter's IPv4 metric above WSL's so WSL's NAT traffic is not swallowed by the
 * VPN route (microsoft/WSL#4277, #4246; MicrosoftDocs/WSL#1485). The undo restores the metric
 * recorded now, or automatic metric when it was automatic. VPN clients may reset the metric on
 * every reconnect, so the fix may need repeating.
 */
export function vpnMetricFix(
  input: {
    readonly interfaceIndex: number;
    readonly alias: string;
    readonly oldMetric: number | undefined;
    readonly oldAutomatic: boolean | undefined;
  },
  t: Localize,
): CommandFix {
  const index = interfaceIndex(input.interfaceIndex);
  const apply = powershell(
    `Set-NetIPInterface -InterfaceIndex ${index} -AddressFamily IPv4 -InterfaceMetric ${VPN_WORKAROUND_METRIC}`,
    t('Set the IPv4 metric of "{0}" to {1}', input.alias, VPN_WORKAROUND_METRIC),
  );
  const undoRecipe: UndoRecipe = {
    kind: 'restoreInterfaceMetric',
    interfaceIndex: index,
    alias: input.alias,
    ...(input.oldAutomatic === true || input.oldMetric === undefined ? {} : { oldMetric: input.oldMetric }),
  };
  const undo = undoCommand(undoRecipe, t);
  return {
    kind: 'command',
    apply,
    undo,
    undoRecipe,
    description: t('Give the VPN adapter a higher metric than WSL, so traffic to WSL is not sent into the VPN.'),
    citations: [DOCS.issue4277, DOCS.issue4246, DOCS.networking],
  };
}

/** `vEthernet (WSL)`, `vEthernet (WSL (Hyper-V firewall))` or the wildcard `vEthernet (WSL*)`. */
export function validateInterfaceAlias(input: unknown): string {
  if (typeof input === 'string' && /^[A-Za-z0-9][A-Za-z0-9 ()*._-]{0,79}$/.test(input)) return input;
  throw new ValidationError(`Not a usable interface alias: ${JSON.stringify(String(input))}.`);
}

/** Matches every name WSL has given its NAT adapter (microsoft/WSL#4585; #4139 comments). */
export const WSL_INTERFACE_ALIAS_PATTERN = 'vEthernet (WSL*)';

/** `WSL-Network-from-WSL-TCP-9003`: the Hyper-V rule's `-Name` (no spaces or colons, like hyperVRuleName). */
export function fromWslHyperVRuleName(protocol: Protocol, port: number, prefix: string = RULE_NAME_PREFIX): string {
  return `${prefix.replace(/ /g, '-')}-from-WSL-${protocol}-${port}`;
}

export function fromWslRuleDisplayName(protocol: Protocol, port: number, prefix: string = RULE_NAME_PREFIX): string {
  return `${prefix}: from WSL ${protocol} ${port}`;
}

/**
 * One inbound allow rule scoped to the WSL interface and this port only, instead of turning
 * the firewall off on the interface (which trips compliance checks, microsoft/WSL#11139):
 * `New-NetFirewallRule -DisplayName … -Direction Inbound -Action Allow -Protocol TCP -LocalPort P -InterfaceAlias 'vEthernet (WSL*)'`
 * (microsoft/WSL#4585, #4139).
 */
export function scopedFirewallRuleFix(
  input: {
    readonly port: unknown;
    readonly protocol?: unknown;
    readonly interfaceAlias?: unknown;
    readonly ruleNamePrefix?: unknown;
  },
  t: Localize,
): CommandFix {
  const port = required(validatePort(input.port));
  const protocol = required(validateProtocol(input.protocol ?? 'TCP'));
  const alias = validateInterfaceAlias(input.interfaceAlias ?? WSL_INTERFACE_ALIAS_PATTERN);
  const prefix = required(validateRuleNamePrefix(input.ruleNamePrefix ?? RULE_NAME_PREFIX));
  const name = fromWslRuleDisplayName(protocol, port, prefix);
  const undoRecipe: UndoRecipe = { kind: 'removeFromWslRule', protocol, port, ruleNamePrefix: prefix };
  return {
    kind: 'command',
    apply: powershell(
      `New-NetFirewallRule -DisplayName ${psQuote(name)} -Direction Inbound -Action Allow -Protocol ${protocol} -LocalPort ${port} -InterfaceAlias ${psQuote(alias)}`,
      t('Allow inbound {0} {1} from WSL only (interface {2})', protocol, port, alias),
    ),
    undo: undoCommand(undoRecipe, t),
    undoRecipe,
    description: t('Let WSL reach Windows port {0} through the firewall, on the WSL interface only.', port),
    citations: [DOCS.issue4585, DOCS.issue4139],
  };
}

function displayAlias(value: unknown): string {
  if (typeof value !== 'string' || value.length > 256 || /[\u0000-\u001f\u007f]/.test(value))
    throw new ValidationError(`Not an adapter name: ${JSON.stringify(String(value))}.`);
  return value;
}

/** The elevated command that undoes a fix; throws ValidationError for a recipe that is not one of ours. */
export function undoCommand(recipe: unknown, t: Localize): CommandSpec {
  const r = (typeof recipe === 'object' && recipe !== null ? recipe : {}) as Record<string, unknown>;
  switch (r['kind']) {
    case 'removeFromWslRule': {
      const name = fromWslRuleDisplayName(
        required(validateProtocol(r['protocol'])),
        required(validatePort(r['port'])),
        required(validateRuleNamePrefix(r['ruleNamePrefix'])),
      );
      return powershell(
        `Remove-NetFirewallRule -DisplayName ${psQuote(name)}`,
        t('Remove the firewall rule "{0}"', name),
      );
    }
    case 'removeFromWslHyperVRule': {
      const name = fromWslHyperVRuleName(
        required(validateProtocol(r['protocol'])),
        required(validatePort(r['port'])),
        required(validateRuleNamePrefix(r['ruleNamePrefix'])),
      );
      return powershell(
        `Remove-NetFirewallHyperVRule -Name ${psQuote(name)}`,
        t('Remove the Hyper-V firewall rule "{0}"', name),
      );
    }
    case 'restoreInterfaceMetric': {
      const index = interfaceIndex(r['interfaceIndex']);
      const alias = displayAlias(r['alias']);
      return r['oldMetric'] === undefined
        ? powershell(
            `Set-NetIPInterface -InterfaceIndex ${index} -AddressFamily IPv4 -AutomaticMetric Enabled`,
            t('Give "{0}" its automatic metric back', alias),
          )
        : powershell(
            `Set-NetIPInterface -InterfaceIndex ${index} -AddressFamily IPv4 -InterfaceMetric ${metric(r['oldMetric'])}`,
            t('Set the IPv4 metric of "{0}" back to {1}', alias, metric(r['oldMetric'])),
          );
    }
    default:
      throw new ValidationError(`Not an undo this extension knows: ${JSON.stringify(String(r['kind']))}.`);
  }
}

/**
 * Mirrored mode: the Hyper-V firewall filters what leaves the WSL VM (its DefaultOutboundAction,
 * learn.microsoft.com/windows/security/operating-system-security/network-security/windows-firewall/hyper-v-firewall).
 * When that default is Block, one outbound allow rule for the WSL VM (VMCreatorId, as in the
 * networking docs' New-NetFirewallHyperVRule example) and that port only:
 * `New-NetFirewallHyperVRule -Name … -Direction Outbound -VMCreatorId '{40E0AC32-…}' -Protocol TCP -RemotePorts P -Action Allow`.
 */
export function hyperVOutboundRuleFix(
  input: { readonly port: unknown; readonly protocol?: unknown; readonly ruleNamePrefix?: unknown },
  t: Localize,
): CommandFix {
  const port = required(validatePort(input.port));
  const protocol = required(validateProtocol(input.protocol ?? 'TCP'));
  const prefix = required(validateRuleNamePrefix(input.ruleNamePrefix ?? RULE_NAME_PREFIX));
  const undoRecipe: UndoRecipe = { kind: 'removeFromWslHyperVRule', protocol, port, ruleNamePrefix: prefix };
  return {
    kind: 'command',
    apply: powershell(
      `New-NetFirewallHyperVRule -Name ${psQuote(fromWslHyperVRuleName(protocol, port, prefix))} -DisplayName ${psQuote(fromWslRuleDisplayName(protocol, port, prefix))} -Direction Outbound -VMCreatorId ${psQuote(WSL_VM_CREATOR_ID)} -Protocol ${protocol} -RemotePorts ${port} -Action Allow`,
      t('Let WSL connect out to {0} port {1} through the Hyper-V firewall (WSL VM only)', protocol, port),
    ),
    undo: undoCommand(undoRecipe, t),
    undoRecipe,
    description: t(
      'Let WSL reach Windows port {0} through the Hyper-V firewall, for the WSL VM and that port only.',
      port,
    ),
    citations: [DOCS.hyperVFirewall, DOCS.networking],
  };
}

export function wslConfigFix(
  section: 'wsl2' | 'experimental',
  key: string,
  value: string,
  description: string,
  citations: WslConfigEditFix['citations'],
): WslConfigEditFix {
  return { kind: 'wslconfig', section, key, value, description, citations };
}

export function wslConfFix(
  section: string,
  key: string,
  value: string,
  description: string,
  citations: WslConfEditFix['citations'],
): WslConfEditFix {
  return { kind: 'wslconf', section, key, value, description, citations };
}
