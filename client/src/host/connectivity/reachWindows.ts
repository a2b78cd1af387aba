// "Can WSL reach this Windows port?" — the address to use in the current mode, whether the
// Windows program listens only on loopback, and whether the inbound firewall lets the WSL
// interface through. Pure: the live TCP probe is run by the caller and passed in.
import type { FirewallRule, HyperVVmSetting, WindowsTcpListener } from '../hostTypes';
import { windowsFirewallVerdict, portListCovers, protocolCovers } from '../firewallMatching';
import { classifyBindAddress, hostWithPort } from '../ipAddress';
import type { Localize } from '../localize';
import { hyperVOutboundRuleFix, scopedFirewallRuleFix, wslConfigFix, WSL_INTERFACE_ALIAS_PATTERN } from './fixes';
import type { TcpProbeResult } from './probes';
import { codeSpan } from './markdown';
import { renderCheck, type RenderOptions } from './render';
import { DOCS, type DoctorFix, type Verdict, type Citation } from './types';
import type { IpInterface } from './windowsParsers';

export interface ReachWindowsInput {
  readonly port: number;
  /** Effective mode (`wslinfo --networking-mode`). */
  readonly mode: string | undefined;
  readonly defaultGateway: string | undefined;
  /** resolv.conf's first nameserver, only to explain why it is not the host address. */
  readonly resolvNameserver?: string;
  /** `.wslconfig [experimental] hostAddressLoopback`. */
  readonly hostAddressLoopback?: boolean;
  /** Windows listeners; undefined when they could not be read. */
  readonly tcpListeners?: readonly WindowsTcpListener[];
  readonly firewallRules?: readonly FirewallRule[];
  /** Mirrored mode: the WSL VM's Hyper-V firewall settings (Get-NetFirewallHyperVVMSetting). */
  readonly hyperVSetting?: HyperVVmSetting;
  /** Get-NetIPInterface rows, to find the WSL adapter's exact alias. */
  readonly ipInterfaces?: readonly IpInterface[];
  readonly ruleNamePrefix?: string;
  /** Result of a TCP connect from WSL to address:port, if the caller ran one. */
  readonly probe?: TcpProbeResult;
}

export interface ReachStep {
  readonly id: 'address' | 'listener' | 'firewall' | 'probe';
  readonly title: string;
  readonly verdict: Verdict;
  readonly summary: string;
  readonly evidence: readonly string[];
  readonly fix?: DoctorFix;
  readonly citations: readonly Citation[];
}

export interface ReachWindowsResult {
  /** The address a Linux program should connect to, or undefined when unknown. */
  readonly address: string | undefined;
  readonly steps: readonly ReachStep[];
}

/** The host address WSL must use; NAT: the default gateway (docs; not resolv.conf, #10561). */
export function windowsHostAddress(mode: string | undefined, defaultGateway: string | undefined): string | undefined {
  if (mode === 'mirrored') return '127.0.0.1';
  if (mode === 'wsl1') return '127.0.0.1';
  return defaultGateway;
}

export function reachWindowsPort(input: ReachWindowsInput, t: Localize): ReachWindowsResult {
  const steps: ReachStep[] = [];
  const mode = input.mode ?? 'nat';
  const address = windowsHostAddress(mode, input.defaultGateway);

  // 1. the address
  const addressEvidence: string[] = [`mode: ${mode}`];
  if (input.defaultGateway !== undefined) addressEvidence.push(`default gateway: ${input.defaultGateway}`);
  if (input.resolvNameserver !== undefined) addressEvidence.push(`resolv.conf nameserver: ${input.resolvNameserver}`);
  if (mode === 'mirrored') {
    steps.push({
      id: 'address',
      title: t('Address of Windows from WSL'),
      verdict: 'ok',
      summary:
        input.hostAddressLoopback === true
          ? t("Use 127.0.0.1 (the host's own IPv4 addresses work too: hostAddressLoopback is on).")
          : t(
              "Use 127.0.0.1. The host's LAN address reaches Windows only with [experimental] hostAddressLoopback=true.",
            ),
      evidence: addressEvidence,
      citations: [DOCS.networking, DOCS.wslConfig],
    });
  } else if (mode === 'wsl1') {
    // WSL 1 runs on the Windows network stack itself: 127.0.0.1 is Windows, and there is no gateway
    // to name (learn.microsoft.com/windows/wsl/networking).
    steps.push({
      id: 'address',
      title: t('Address of Windows from WSL'),
      verdict: 'ok',
      summary: t('Use 127.0.0.1 (WSL 1 shares the network of Windows).'),
      evidence: addressEvidence,
      citations: [DOCS.networking],
    });
  } else if (address === undefined) {
    steps.push({
      id: 'address',
      title: t('Address of Windows from WSL'),
      verdict: 'fail',
      summary: t('WSL has no default route, so there is no address for Windows.'),
      evidence: addressEvidence,
      citations: [DOCS.networking],
    });
  } else {
    const differs = input.resolvNameserver !== undefined && input.resolvNameserver !== address;
    steps.push({
      id: 'address',
      title: t('Address of Windows from WSL'),
      verdict: 'ok',
      summary: differs
        ? t(
            'Use {0} (the default gateway). Not {1} from resolv.conf: that is a DNS address, not Windows.',
            address,
            input.resolvNameserver ?? '',
          )
        : t('Use {0} (the default gateway).', address),
      evidence: addressEvidence,
      citations: [DOCS.networking, DOCS.issue10561],
    });
  }

  // 2. what listens on Windows
  if (input.tcpListeners === undefined) {
    steps.push({
      id: 'listener',
      title: t('Windows program on port {0}', input.port),
      verdict: 'unknown',
      summary: t('Windows listeners could not be read.'),
      evidence: [],
      citations: [],
    });
  } else {
    const onPort = input.tcpListeners.filter((listener) => listener.localPort === input.port);
    const evidence = onPort.map(
      (listener) =>
        `${hostWithPort(listener.localAddress, listener.localPort)}${listener.owningProcess !== undefined ? ` (PID ${listener.owningProcess})` : ''}`,
    );
    if (onPort.length === 0) {
      steps.push({
        id: 'listener',
        title: t('Windows program on port {0}', input.port),
        verdict: 'fail',
        summary: t('Nothing listens on Windows port {0}.', input.port),
        evidence,
        citations: [],
      });
    } else if (
      onPort.every((listener) => classifyBindAddress(listener.localAddress) === 'loopback') &&
      mode !== 'mirrored' &&
      mode !== 'wsl1'
    ) {
      steps.push({
        id: 'listener',
        title: t('Windows program on port {0}', input.port),
        verdict: 'fail',
        summary: t(
          'The program listens on loopback only, which WSL cannot reach in NAT mode. Make it listen on 0.0.0.0, or use mirrored mode.',
        ),
        evidence,
        fix: wslConfigFix(
          'wsl2',
          'networkingMode',
          'mirrored',
          t('Use mirrored networking: WSL then reaches Windows programs on 127.0.0.1.'),
          [DOCS.networking],
        ),
        citations: [DOCS.networking],
      });
    } else {
      steps.push({
        id: 'listener',
        title: t('Windows program on port {0}', input.port),
        verdict: 'ok',
        summary: t('A Windows program listens on port {0}.', input.port),
        evidence,
        citations: [],
      });
    }
  }

  // 3. NAT: the inbound Windows firewall on the WSL interface. Mirrored: the traffic to 127.0.0.1
  // does not cross that interface; the Hyper-V firewall's loopback and outbound settings apply.
  if (mode === 'mirrored') {
    steps.push(hyperVStep(input, t));
  } else if (mode !== 'nat') {
    steps.push({
      id: 'firewall',
      title: t('Windows firewall for WSL'),
      verdict: 'skip',
      summary: t('Not used on this path in {0} mode.', mode),
      evidence: [],
      citations: [],
    });
  } else if (input.firewallRules === undefined) {
    steps.push({
      id: 'firewall',
      title: t('Windows firewall for WSL'),
      verdict: 'unknown',
      summary: t('Firewall rules could not be read.'),
      evidence: [],
      citations: [],
    });
  } else {
    // The WSL adapter is in the Public profile (microsoft/WSL#4585), whose default inbound action is Block.
    const verdict = windowsFirewallVerdict(input.firewallRules, 'TCP', input.port, ['Public']);
    const programAllows = input.firewallRules.filter(
      (rule) =>
        rule.enabled &&
        rule.direction === 'Inbound' &&
        rule.action === 'Allow' &&
        !/^any$/i.test(rule.program) &&
        protocolCovers(rule.protocol, 'TCP') &&
        portListCovers(rule.localPorts, input.port) &&
        rule.profiles.includes('Public'),
    );
    const alias =
      input.ipInterfaces?.find((row) => /^vEthernet \(WSL/i.test(row.alias))?.alias ?? WSL_INTERFACE_ALIAS_PATTERN;
    const evidence = [
      ...verdict.allowingRules.map((rule) => `allow: ${rule.displayName}`),
      ...verdict.blockingRules.map((rule) => `block: ${rule.displayName}`),
      ...programAllows.map((rule) => `allow for ${rule.program}: ${rule.displayName}`),
    ];
    const fix = scopedFirewallRuleFix(
      { port: input.port, interfaceAlias: alias, ruleNamePrefix: input.ruleNamePrefix },
      t,
    );
    if (verdict.blockingRules.length > 0) {
      steps.push({
        id: 'firewall',
        title: t('Windows firewall for WSL'),
        verdict: 'fail',
        summary: t('A block rule covers port {0}.', input.port),
        evidence,
        citations: [DOCS.issue4139],
      });
    } else if (verdict.allowedOn.length > 0) {
      steps.push({
        id: 'firewall',
        title: t('Windows firewall for WSL'),
        verdict: 'ok',
        summary: t('An inbound rule allows port {0} on the Public profile.', input.port),
        evidence,
        citations: [],
      });
    } else if (programAllows.length > 0) {
      steps.push({
        id: 'firewall',
        title: t('Windows firewall for WSL'),
        verdict: 'warn',
        summary: t('Only program rules allow port {0}; they apply when that program is the listener.', input.port),
        evidence,
        fix,
        citations: [DOCS.issue4139],
      });
    } else {
      steps.push({
        id: 'firewall',
        title: t('Windows firewall for WSL'),
        verdict: 'fail',
        summary: t('No inbound rule allows port {0} on the WSL interface (Public profile, default Block).', input.port),
        evidence,
        fix,
        citations: [DOCS.issue4585, DOCS.issue4139],
      });
    }
  }

  // 4. the live test
  if (input.probe !== undefined) {
    const probe = input.probe;
    steps.push({
      id: 'probe',
      title: t('Connect from WSL'),
      verdict: probe.outcome === 'ok' ? 'ok' : 'fail',
      summary:
        probe.outcome === 'ok'
          ? t('Connected to {0}:{1} in {2} ms.', address ?? '', input.port, probe.durationMs)
          : t('Could not connect to {0}:{1} ({2}).', address ?? '', input.port, probe.detail ?? probe.outcome),
      evidence: [
        `${probe.outcome}${probe.detail !== undefined ? ` ${probe.detail}` : ''} after ${probe.durationMs} ms`,
      ],
      citations: [],
    });
  }
  return { address, steps };
}

/** The fixes Reach Windows offers (failed or warning steps with a fix), in report order. */
export function reachFixes(result: ReachWindowsResult): { readonly check: ReachStep; readonly fix: DoctorFix }[] {
  return result.steps.flatMap((step) =>
    step.fix !== undefined && (step.verdict === 'fail' || step.verdict === 'warn')
      ? [{ check: step, fix: step.fix }]
      : [],
  );
}

/** The report in the Diagnose Port / Check Connectivity style (tool text escaped by renderCheck). */
export function renderReachWindowsReport(
  result: ReachWindowsResult,
  port: number,
  t: Localize,
  options: RenderOptions = {},
): string {
  const out = [
    `# ${t('Reach Windows port {0} from WSL', port)}`,
    '',
    result.address !== undefined
      ? t('Linux programs connect to {0}.', codeSpan(`${result.address}:${port}`))
      : t('The address of Windows is unknown.'),
    '',
  ];
  result.steps.forEach((step, index) => out.push(...renderCheck(step, index + 1, t, options)));
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}

/** Mirrored mode: LoopbackEnabled and DefaultOutboundAction of the WSL VM's Hyper-V firewall. */
function hyperVStep(input: ReachWindowsInput, t: Localize): ReachStep {
  const title = t('Hyper-V firewall for WSL');
  const setting = input.hyperVSetting;
  if (setting === undefined)
    return {
      id: 'firewall',
      title,
      verdict: 'unknown',
      summary: t('The Hyper-V firewall settings could not be read.'),
      evidence: [],
      citations: [DOCS.hyperVFirewall],
    };
  const evidence = [
    `Enabled=${setting.enabled ?? 'NotConfigured'} LoopbackEnabled=${setting.loopbackEnabled ?? 'NotConfigured'} DefaultOutboundAction=${setting.defaultOutboundAction ?? 'NotConfigured'}`,
  ];
  if (setting.enabled === false)
    return {
      id: 'firewall',
      title,
      verdict: 'ok',
      summary: t('The Hyper-V firewall is off for WSL.'),
      evidence,
      citations: [],
    };
  if (setting.loopbackEnabled === false)
    return {
      id: 'firewall',
      title,
      verdict: 'fail',
      summary: t(
        'LoopbackEnabled is False: the Hyper-V firewall drops traffic between WSL and Windows, so 127.0.0.1 does not reach Windows. It is a setting for the whole VM (Set-NetFirewallHyperVVMSetting), which WSL Network does not change for one port.',
      ),
      evidence,
      citations: [DOCS.hyperVFirewall],
    };
  if (setting.defaultOutboundAction === 'Block')
    return {
      id: 'firewall',
      title,
      verdict: 'fail',
      summary: t('Outbound traffic from WSL is blocked by default (DefaultOutboundAction Block).'),
      evidence,
      fix: hyperVOutboundRuleFix({ port: input.port, ruleNamePrefix: input.ruleNamePrefix }, t),
      citations: [DOCS.hyperVFirewall],
    };
  return {
    id: 'firewall',
    title,
    verdict: 'ok',
    summary: t('The Hyper-V firewall lets WSL reach Windows on loopback.'),
    evidence,
    citations: [],
  };
}
