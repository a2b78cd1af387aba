// The connectivity doctor's data model: checks with verdicts and evidence, and fixes as data
// (a .wslconfig key edit, or a Windows command with its undo). Nothing here runs anything; the
// cockpit shows a fix, asks, runs it through the existing safe-change path and keeps the undo.
import type { CommandSpec } from '../commandBuilders';
import type { Protocol } from '../validators';

export type Verdict = 'ok' | 'warn' | 'fail' | 'skip' | 'unknown';

/** A public page that supports a verdict or a fix (WSL docs page or GitHub issue). */
export interface Citation {
  readonly title: string;
  readonly url: string;
}

/** Set one key in `%UserProfile%\.wslconfig` (the cockpit's minimal-edit code applies it). */
export interface WslConfigEditFix {
  readonly kind: 'wslconfig';
  readonly section: 'wsl2' | 'experimental';
  readonly key: string;
  readonly value: string;
  readonly description: string;
  readonly citations: readonly Citation[];
}

/** Set one key in the distro's `/etc/wsl.conf`. */
export interface WslConfEditFix {
  readonly kind: 'wslconf';
  readonly section: string;
  readonly key: string;
  readonly value: string;
  readonly description: string;
  readonly citations: readonly Citation[];
}

/**
 * How to undo an applied command fix, as data: kept across reloads (cockpit/fixLedger.ts) and
 * turned back into a command only through fixes.ts undoCommand, which validates every value again, so a
 * stored record can never make us run anything but these undo forms.
 */
export type UndoRecipe =
  | {
      readonly kind: 'removeFromWslRule';
      readonly protocol: Protocol;
      readonly port: number;
      readonly ruleNamePrefix: string;
    }
  | {
      readonly kind: 'removeFromWslHyperVRule';
      readonly protocol: Protocol;
      readonly port: number;
      readonly ruleNamePrefix: string;
    }
  | {
      readonly kind: 'restoreInterfaceMetric';
      readonly interfaceIndex: number;
      /** Shown in the description only, never in the script. */
      readonly alias: string;
      /** The metric to restore; absent: automatic metric. */
      readonly oldMetric?: number;
    };

/** A Windows command (shown verbatim before it runs) and the command that undoes it. */
export interface CommandFix {
  readonly kind: 'command';
  readonly apply: CommandSpec;
  readonly undo: CommandSpec;
  /** What `undo` was built from, for the lasting undo record. */
  readonly undoRecipe: UndoRecipe;
  readonly description: string;
  readonly citations: readonly Citation[];
}

/** Advice only: nothing we can safely change for the user (e.g. ask IT for a policy change). */
export interface AdviceFix {
  readonly kind: 'advice';
  readonly description: string;
  readonly citations: readonly Citation[];
}

export type DoctorFix = WslConfigEditFix | WslConfEditFix | CommandFix | AdviceFix;

export type DoctorCheckId =
  | 'linux.defaultRoute'
  | 'linux.resolvConf'
  | 'linux.proxyEnvironment'
  | 'linux.tcpConnect'
  | 'linux.dnsLookup'
  | 'linux.proxyConnect'
  | 'windows.vpnAdapters'
  | 'windows.interfaceMetric'
  | 'windows.dnsServers'
  | 'windows.firewallProfiles'
  | 'windows.proxySettings'
  | 'windows.wslWarnings'
  | 'symptom.vpnDns'
  | 'symptom.vpnMetric'
  | 'symptom.proxyNotUsed'
  | 'symptom.localhostProxyNat'
  | 'symptom.natDnsBlocked';

export interface DoctorCheck {
  readonly id: DoctorCheckId;
  /** Localised title. */
  readonly title: string;
  readonly verdict: Verdict;
  /** Localised one-line summary of the verdict. */
  readonly summary: string;
  /** Raw facts (tool output, addresses, timings); escaped for Markdown when rendered. */
  readonly evidence: readonly string[];
  readonly fix?: DoctorFix;
  readonly citations: readonly Citation[];
  /** Milliseconds the check took (probes only). */
  readonly durationMs?: number;
}

export interface DoctorReport {
  readonly startedAt: string;
  readonly durationMs: number;
  readonly mode: string | undefined;
  readonly checks: readonly DoctorCheck[];
}

export const DOCS = {
  networking: {
    title: 'Accessing network applications with WSL (learn.microsoft.com)',
    url: 'https://learn.microsoft.com/windows/wsl/networking',
  },
  wslConfig: {
    title: 'Advanced settings configuration in WSL (learn.microsoft.com)',
    url: 'https://learn.microsoft.com/windows/wsl/wsl-config',
  },
  troubleshootingDockerMirrored: {
    title: 'Troubleshooting WSL: Docker container issues with Mirrored networking mode (learn.microsoft.com)',
    url: 'https://learn.microsoft.com/windows/wsl/troubleshooting#docker-container-issues-in-wsl2-with-mirrored-networking-mode-enabled-when-running-under-the-default-networking-namespace',
  },
  troubleshootingDns: {
    title: 'Troubleshooting WSL: Troubleshooting DNS in WSL (learn.microsoft.com)',
    url: 'https://learn.microsoft.com/windows/wsl/troubleshooting',
  },
  troubleshootingMirroredPorts: {
    title: 'Troubleshooting WSL: inbound traffic mirrored mode never steers to Linux (learn.microsoft.com)',
    url: 'https://learn.microsoft.com/windows/wsl/troubleshooting#issues-with-steering-the-inbound-traffic-received-by-the-windows-host-to-the-wsl-virtual-machine',
  },
  hyperVFirewall: {
    title: 'Configure Hyper-V firewall (learn.microsoft.com)',
    url: 'https://learn.microsoft.com/windows/security/operating-system-security/network-security/windows-firewall/hyper-v-firewall',
  },
  issue416: {
    title: 'microsoft/WSL#416 Networking issues while using VPN',
    url: 'https://github.com/microsoft/WSL/issues/416',
  },
  issue1350: {
    title: 'microsoft/WSL#1350 DNS server coming from VPN is not reflected in WSL',
    url: 'https://github.com/microsoft/WSL/issues/1350',
  },
  issue4277: {
    title: 'microsoft/WSL#4277 Cisco AnyConnect: the InterfaceMetric workaround',
    url: 'https://github.com/microsoft/WSL/issues/4277',
  },
  issue4246: {
    title: 'microsoft/WSL#4246 Check Point VPN: the InterfaceMetric workaround',
    url: 'https://github.com/microsoft/WSL/issues/4246',
  },
  issue4285: {
    title: 'microsoft/WSL#4285 DNS stops working (AllowLocalPolicyMerge / local rules ignored)',
    url: 'https://github.com/microsoft/WSL/issues/4285',
  },
  issue4139: {
    title: 'microsoft/WSL#4139 Windows Defender Firewall blocks access from WSL2',
    url: 'https://github.com/microsoft/WSL/issues/4139',
  },
  issue4585: {
    title: 'microsoft/WSL#4585 Allow rule scoped to the WSL interface',
    url: 'https://github.com/microsoft/WSL/issues/4585',
  },
  issue10561: {
    title: 'microsoft/WSL#10561 nameserver is a loopback address with dnsTunneling',
    url: 'https://github.com/microsoft/WSL/issues/10561',
  },
  issue10583: {
    title: 'microsoft/WSL#10583 autoProxy and a localhost proxy (Clash)',
    url: 'https://github.com/microsoft/WSL/issues/10583',
  },
  issue10753: {
    title: 'microsoft/WSL#10753 localhost proxy configuration detected but not mirrored into WSL',
    url: 'https://github.com/microsoft/WSL/issues/10753',
  },
  issue11719: {
    title: 'microsoft/WSL#11719 generateResolvConf=false and DNS tunneling',
    url: 'https://github.com/microsoft/WSL/issues/11719',
  },
  issue12310: {
    title: 'microsoft/WSL#12310 generateResolvConf=false silently disables DNS tunneling',
    url: 'https://github.com/microsoft/WSL/issues/12310',
  },
  issue5514: {
    title: 'microsoft/WSL#5514 Too many reserved ports for Hyper-V',
    url: 'https://github.com/microsoft/WSL/issues/5514',
  },
} as const satisfies Record<string, Citation>;
