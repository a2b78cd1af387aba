// Reach Windows from WSL, answer by answer: each scenario flips one condition (mode, gateway,
// resolv.conf nameserver, listener bind address, firewall rule, Hyper-V setting, probe outcome)
// and compares the WHOLE result, so every title, summary, evidence line, fix and citation counts.
// The module is pure (the caller runs the TCP probe), so no sockets are needed here.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatOnly } from '../../../client/src/host/localize';
import {
  reachFixes,
  reachWindowsPort,
  renderReachWindowsReport,
  windowsHostAddress,
  type ReachStep,
  type ReachWindowsInput,
  type ReachWindowsResult,
} from '../../../client/src/host/connectivity/reachWindows';
import { DOCS } from '../../../client/src/host/connectivity/types';
import type { FirewallRule, HyperVVmSetting, WindowsTcpListener } from '../../../client/src/host/hostTypes';
import type { IpInterface } from '../../../client/src/host/connectivity/windowsParsers';

const t = formatOnly;
const PORT = 5432;
const GATEWAY = '172.23.16.1';
/** What resolv.conf shows with DNS tunneling: a DNS proxy address, not Windows (microsoft/WSL#10561). */
const TUNNEL_NAMESERVER = '10.255.255.254';
const POSTGRES = 'C:\\Program Files\\PostgreSQL\\16\\bin\\postgres.exe';

// ---- inputs ------------------------------------------------------------------------------------

const listener = (
  localAddress: string,
  owningProcess: number | undefined = 300,
  localPort = PORT,
): WindowsTcpListener => ({ localAddress, localPort, owningProcess });

const rule = (displayName: string, over: Partial<FirewallRule> = {}): FirewallRule => ({
  name: `{${displayName}}`,
  displayName,
  enabled: true,
  direction: 'Inbound',
  action: 'Allow',
  profiles: ['Public'],
  protocol: 'TCP',
  localPorts: [String(PORT)],
  program: 'Any',
  ...over,
});

const iface = (alias: string): IpInterface => ({
  alias,
  interfaceIndex: 40,
  metric: 5000,
  automaticMetric: true,
  connected: true,
});

const hyperV = (over: Partial<HyperVVmSetting> = {}): HyperVVmSetting => ({
  name: '{40E0AC32-46A5-438A-A0B2-2B479E8F2E90}',
  enabled: true,
  defaultInboundAction: 'Block',
  defaultOutboundAction: 'Allow',
  loopbackEnabled: true,
  ...over,
});

/** NAT, a gateway, a program on 0.0.0.0:5432 and an allow rule for it: everything passes. */
const nat = (over: Partial<ReachWindowsInput> = {}): ReachWindowsInput => ({
  port: PORT,
  mode: 'nat',
  defaultGateway: GATEWAY,
  tcpListeners: [listener('0.0.0.0')],
  firewallRules: [rule('PostgreSQL')],
  ...over,
});

/** Mirrored, hostAddressLoopback off, a program on 127.0.0.1:5432, a default Hyper-V setting. */
const mirrored = (over: Partial<ReachWindowsInput> = {}): ReachWindowsInput => ({
  port: PORT,
  mode: 'mirrored',
  defaultGateway: '192.168.1.1',
  tcpListeners: [listener('127.0.0.1')],
  hyperVSetting: hyperV(),
  ...over,
});

// ---- the expected steps, spelled out -----------------------------------------------------------

const ADDRESS = 'Address of Windows from WSL';
const LISTENER = `Windows program on port ${PORT}`;
const FIREWALL = 'Windows firewall for WSL';
const HYPERV = 'Hyper-V firewall for WSL';

const natAddress = (summary: string, evidence: string[]): ReachStep => ({
  id: 'address',
  title: ADDRESS,
  verdict: 'ok',
  summary,
  evidence,
  citations: [DOCS.networking, DOCS.issue10561],
});
const USE_GATEWAY = `Use ${GATEWAY} (the default gateway).`;
const natAddressOk = natAddress(USE_GATEWAY, ['mode: nat', `default gateway: ${GATEWAY}`]);

const MIRRORED_LOOPBACK_ONLY =
  "Use 127.0.0.1. The host's LAN address reaches Windows only with [experimental] hostAddressLoopback=true.";
const mirroredAddress = (summary: string): ReachStep => ({
  id: 'address',
  title: ADDRESS,
  verdict: 'ok',
  summary,
  evidence: ['mode: mirrored', 'default gateway: 192.168.1.1'],
  citations: [DOCS.networking, DOCS.wslConfig],
});

const listenerOk = (evidence: string[]): ReachStep => ({
  id: 'listener',
  title: LISTENER,
  verdict: 'ok',
  summary: `A Windows program listens on port ${PORT}.`,
  evidence,
  citations: [],
});
const listenerOk0000 = listenerOk([`0.0.0.0:${PORT} (PID 300)`]);

const listenerLoopbackOnly = (evidence: string[]): ReachStep => ({
  id: 'listener',
  title: LISTENER,
  verdict: 'fail',
  summary:
    'The program listens on loopback only, which WSL cannot reach in NAT mode. Make it listen on 0.0.0.0, or use mirrored mode.',
  evidence,
  fix: {
    kind: 'wslconfig',
    section: 'wsl2',
    key: 'networkingMode',
    value: 'mirrored',
    description: 'Use mirrored networking: WSL then reaches Windows programs on 127.0.0.1.',
    citations: [DOCS.networking],
  },
  citations: [DOCS.networking],
});

const firewallAllowed = (evidence: string[]): ReachStep => ({
  id: 'firewall',
  title: FIREWALL,
  verdict: 'ok',
  summary: `An inbound rule allows port ${PORT} on the Public profile.`,
  evidence,
  citations: [],
});
const firewallOk = firewallAllowed(['allow: PostgreSQL']);

/** The command spec fixes.ts builds: elevated Windows PowerShell, the script shown verbatim. */
const ps = (script: string, description: string) => ({
  file: 'powershell.exe',
  args: ['-NoProfile', '-NonInteractive', '-Command', script],
  elevated: true,
  description,
  script,
});

/** One inbound allow rule scoped to the WSL interface and this port (microsoft/WSL#4585, #4139). */
const scopedRuleFix = (alias = 'vEthernet (WSL*)', prefix = 'WSL Network') => {
  const name = `${prefix}: from WSL TCP ${PORT}`;
  return {
    kind: 'command' as const,
    apply: ps(
      `New-NetFirewallRule -DisplayName '${name}' -Direction Inbound -Action Allow -Protocol TCP -LocalPort ${PORT} -InterfaceAlias '${alias}'`,
      `Allow inbound TCP ${PORT} from WSL only (interface ${alias})`,
    ),
    undo: ps(`Remove-NetFirewallRule -DisplayName '${name}'`, `Remove the firewall rule "${name}"`),
    undoRecipe: { kind: 'removeFromWslRule' as const, protocol: 'TCP' as const, port: PORT, ruleNamePrefix: prefix },
    description: `Let WSL reach Windows port ${PORT} through the firewall, on the WSL interface only.`,
    citations: [DOCS.issue4585, DOCS.issue4139],
  };
};

const firewallNoRule = (evidence: string[] = [], fix = scopedRuleFix()): ReachStep => ({
  id: 'firewall',
  title: FIREWALL,
  verdict: 'fail',
  summary: `No inbound rule allows port ${PORT} on the WSL interface (Public profile, default Block).`,
  evidence,
  fix,
  citations: [DOCS.issue4585, DOCS.issue4139],
});

const firewallProgramOnly = (evidence: string[]): ReachStep => ({
  id: 'firewall',
  title: FIREWALL,
  verdict: 'warn',
  summary: `Only program rules allow port ${PORT}; they apply when that program is the listener.`,
  evidence,
  fix: scopedRuleFix(),
  citations: [DOCS.issue4139],
});

const hyperVStep = (verdict: ReachStep['verdict'], summary: string, evidence: string, fixed = false): ReachStep => ({
  id: 'firewall',
  title: HYPERV,
  verdict,
  summary,
  evidence: [evidence],
  ...(fixed ? { fix: hyperVOutboundFix() } : {}),
  citations: verdict === 'ok' ? [] : [DOCS.hyperVFirewall],
});
const HYPERV_DEFAULTS = 'Enabled=true LoopbackEnabled=true DefaultOutboundAction=Allow';
const HYPERV_PASSES = 'The Hyper-V firewall lets WSL reach Windows on loopback.';

/** One outbound Hyper-V allow rule for the WSL VM (its VMCreatorId) and this port only. */
const hyperVOutboundFix = (prefix = 'WSL Network') => {
  const name = `${prefix.replace(/ /g, '-')}-from-WSL-TCP-${PORT}`;
  const displayName = `${prefix}: from WSL TCP ${PORT}`;
  return {
    kind: 'command' as const,
    apply: ps(
      `New-NetFirewallHyperVRule -Name '${name}' -DisplayName '${displayName}' -Direction Outbound -VMCreatorId '{40E0AC32-46A5-438A-A0B2-2B479E8F2E90}' -Protocol TCP -RemotePorts ${PORT} -Action Allow`,
      `Let WSL connect out to TCP port ${PORT} through the Hyper-V firewall (WSL VM only)`,
    ),
    undo: ps(`Remove-NetFirewallHyperVRule -Name '${name}'`, `Remove the Hyper-V firewall rule "${name}"`),
    undoRecipe: {
      kind: 'removeFromWslHyperVRule' as const,
      protocol: 'TCP' as const,
      port: PORT,
      ruleNamePrefix: prefix,
    },
    description: `Let WSL reach Windows port ${PORT} through the Hyper-V firewall, for the WSL VM and that port only.`,
    citations: [DOCS.hyperVFirewall, DOCS.networking],
  };
};

const probeStep = (verdict: 'ok' | 'fail', summary: string, evidence: string): ReachStep => ({
  id: 'probe',
  title: 'Connect from WSL',
  verdict,
  summary,
  evidence: [evidence],
  citations: [],
});

const reach = (input: ReachWindowsInput): ReachWindowsResult => reachWindowsPort(input, t);

// ---- the address -------------------------------------------------------------------------------

describe('Reach Windows: the address Linux programs must use', () => {
  it('windowsHostAddress: the gateway under NAT (and any other mode); 127.0.0.1 in mirrored mode and WSL 1', () => {
    assert.deepEqual(
      [
        windowsHostAddress('nat', GATEWAY),
        windowsHostAddress(undefined, GATEWAY),
        windowsHostAddress('virtioproxy', GATEWAY),
        windowsHostAddress('mirrored', GATEWAY),
        windowsHostAddress('wsl1', GATEWAY),
        windowsHostAddress('nat', undefined),
        windowsHostAddress('mirrored', undefined),
        windowsHostAddress('wsl1', undefined),
      ],
      [GATEWAY, GATEWAY, GATEWAY, '127.0.0.1', '127.0.0.1', undefined, '127.0.0.1', '127.0.0.1'],
    );
  });

  it('NAT with a gateway and no resolv.conf nameserver: everything passes', () => {
    assert.deepEqual(reach(nat()), { address: GATEWAY, steps: [natAddressOk, listenerOk0000, firewallOk] });
  });

  it('NAT with a DNS-tunneling nameserver: says not to use it (it is DNS, not Windows; #10561)', () => {
    assert.deepEqual(reach(nat({ resolvNameserver: TUNNEL_NAMESERVER })), {
      address: GATEWAY,
      steps: [
        natAddress(
          `Use ${GATEWAY} (the default gateway). Not ${TUNNEL_NAMESERVER} from resolv.conf: that is a DNS address, not Windows.`,
          ['mode: nat', `default gateway: ${GATEWAY}`, `resolv.conf nameserver: ${TUNNEL_NAMESERVER}`],
        ),
        listenerOk0000,
        firewallOk,
      ],
    });
  });

  it('NAT where the nameserver is the gateway itself (no tunneling): no warning about it, only the evidence', () => {
    assert.deepEqual(reach(nat({ resolvNameserver: GATEWAY })), {
      address: GATEWAY,
      steps: [
        natAddress(USE_GATEWAY, ['mode: nat', `default gateway: ${GATEWAY}`, `resolv.conf nameserver: ${GATEWAY}`]),
        listenerOk0000,
        firewallOk,
      ],
    });
  });

  it('NAT without a default route: no address (a failed step), the nameserver is not offered instead', () => {
    assert.deepEqual(reach(nat({ defaultGateway: undefined, resolvNameserver: TUNNEL_NAMESERVER })), {
      address: undefined,
      steps: [
        {
          id: 'address',
          title: ADDRESS,
          verdict: 'fail',
          summary: 'WSL has no default route, so there is no address for Windows.',
          evidence: ['mode: nat', `resolv.conf nameserver: ${TUNNEL_NAMESERVER}`],
          citations: [DOCS.networking],
        },
        listenerOk0000,
        firewallOk,
      ],
    });
  });

  it('an unknown mode is treated as NAT (the default networkingMode): same answer, evidence says nat', () => {
    assert.deepEqual(reach(nat({ mode: undefined })), reach(nat()));
    assert.deepEqual(reach(nat({ mode: undefined })).steps[0], natAddressOk);
  });

  it('mirrored: 127.0.0.1; the LAN address needs hostAddressLoopback (wsl-config docs)', () => {
    const expected = (summary: string): ReachWindowsResult => ({
      address: '127.0.0.1',
      steps: [
        mirroredAddress(summary),
        listenerOk([`127.0.0.1:${PORT} (PID 300)`]),
        hyperVStep('ok', HYPERV_PASSES, HYPERV_DEFAULTS),
      ],
    });
    assert.deepEqual(reach(mirrored()), expected(MIRRORED_LOOPBACK_ONLY));
    assert.deepEqual(reach(mirrored({ hostAddressLoopback: false })), expected(MIRRORED_LOOPBACK_ONLY));
    assert.deepEqual(
      reach(mirrored({ hostAddressLoopback: true })),
      expected("Use 127.0.0.1 (the host's own IPv4 addresses work too: hostAddressLoopback is on)."),
    );
  });

  it('WSL 1 shares the Windows network stack: 127.0.0.1, a loopback listener is fine, no WSL firewall hop', () => {
    // It used to say "Use 127.0.0.1 (the default gateway)" and warn off the resolv.conf nameserver:
    // neither is true of WSL 1, which has no gateway of its own.
    const result = reach(nat({ mode: 'wsl1', tcpListeners: [listener('127.0.0.1', 4711)] }));
    assert.deepEqual(
      { address: result.address, steps: result.steps },
      {
        address: '127.0.0.1',
        steps: [
          {
            id: 'address',
            title: ADDRESS,
            verdict: 'ok',
            summary: 'Use 127.0.0.1 (WSL 1 shares the network of Windows).',
            evidence: ['mode: wsl1', `default gateway: ${GATEWAY}`],
            citations: [DOCS.networking],
          },
          listenerOk([`127.0.0.1:${PORT} (PID 4711)`]),
          {
            id: 'firewall',
            title: FIREWALL,
            verdict: 'skip',
            summary: 'Not used on this path in wsl1 mode.',
            evidence: [],
            citations: [],
          },
        ],
      },
    );
  });
});

// ---- the listener ------------------------------------------------------------------------------

describe('Reach Windows: what listens on the Windows port', () => {
  const withListeners = (tcpListeners: readonly WindowsTcpListener[] | undefined): ReachWindowsResult =>
    reach(nat(tcpListeners === undefined ? { tcpListeners: undefined } : { tcpListeners }));

  it('listeners not read: unknown, not "nothing listens"', () => {
    assert.deepEqual(withListeners(undefined), {
      address: GATEWAY,
      steps: [
        natAddressOk,
        {
          id: 'listener',
          title: LISTENER,
          verdict: 'unknown',
          summary: 'Windows listeners could not be read.',
          evidence: [],
          citations: [],
        },
        firewallOk,
      ],
    });
  });

  it('nothing on this port (only on others): fails, and the other ports are not evidence', () => {
    assert.deepEqual(withListeners([listener('0.0.0.0', 300, 5433), listener('127.0.0.1', 4, 80)]), {
      address: GATEWAY,
      steps: [
        natAddressOk,
        {
          id: 'listener',
          title: LISTENER,
          verdict: 'fail',
          summary: `Nothing listens on Windows port ${PORT}.`,
          evidence: [],
          citations: [],
        },
        firewallOk,
      ],
    });
  });

  it('NAT and loopback only (every bind in 127.0.0.0/8): fails and offers mirrored mode (networking docs)', () => {
    const evidence = [`127.0.0.1:${PORT} (PID 4711)`, `127.0.0.2:${PORT} (PID 4712)`];
    assert.deepEqual(withListeners([listener('127.0.0.1', 4711), listener('127.0.0.2', 4712)]), {
      address: GATEWAY,
      steps: [natAddressOk, listenerLoopbackOnly(evidence), firewallOk],
    });
  });

  it('IPv6 binds are written in brackets before the port ([::1]:5432, [::]:5432), as Diagnose Port writes them', () => {
    assert.deepEqual(withListeners([listener('::1', 4711)]), {
      address: GATEWAY,
      steps: [natAddressOk, listenerLoopbackOnly([`[::1]:${PORT} (PID 4711)`]), firewallOk],
    });
    assert.deepEqual(withListeners([listener('::', 4711)]), {
      address: GATEWAY,
      steps: [natAddressOk, listenerOk([`[::]:${PORT} (PID 4711)`]), firewallOk],
    });
  });

  it('loopback plus a wildcard bind: the wildcard is reachable, so it passes', () => {
    assert.deepEqual(withListeners([listener('127.0.0.1', 4711), listener('0.0.0.0', 4711)]), {
      address: GATEWAY,
      steps: [natAddressOk, listenerOk([`127.0.0.1:${PORT} (PID 4711)`, `0.0.0.0:${PORT} (PID 4711)`]), firewallOk],
    });
  });

  it('a listener without a known owning process is shown without a PID', () => {
    assert.deepEqual(withListeners([{ localAddress: '0.0.0.0', localPort: PORT, owningProcess: undefined }]), {
      address: GATEWAY,
      steps: [natAddressOk, listenerOk([`0.0.0.0:${PORT}`]), firewallOk],
    });
  });
});

// ---- the Windows firewall (NAT) ----------------------------------------------------------------

describe('Reach Windows: the inbound Windows firewall on the WSL interface (NAT)', () => {
  const withRules = (firewallRules: readonly FirewallRule[] | undefined, over: Partial<ReachWindowsInput> = {}) =>
    reach(nat({ ...(firewallRules === undefined ? { firewallRules: undefined } : { firewallRules }), ...over }));
  const expectFirewall = (firewall: ReachStep): ReachWindowsResult => ({
    address: GATEWAY,
    steps: [natAddressOk, listenerOk0000, firewall],
  });

  it('rules not read: unknown', () => {
    assert.deepEqual(
      withRules(undefined),
      expectFirewall({
        id: 'firewall',
        title: FIREWALL,
        verdict: 'unknown',
        summary: 'Firewall rules could not be read.',
        evidence: [],
        citations: [],
      }),
    );
  });

  it('no rule at all: fails (the WSL adapter is Public, default Block; #4585) and offers one scoped rule', () => {
    assert.deepEqual(withRules([]), expectFirewall(firewallNoRule()));
  });

  it('an allow rule for a port range on Public passes', () => {
    assert.deepEqual(
      withRules([rule('Dev ports', { localPorts: ['5000-6000'] })]),
      expectFirewall(firewallAllowed(['allow: Dev ports'])),
    );
  });

  it('a block rule wins over allow rules; evidence lists the block and the program rule, no allow rule is offered', () => {
    assert.deepEqual(
      withRules([
        rule('PostgreSQL'),
        rule('Block DB', { action: 'Block' }),
        rule('PostgreSQL Server', { program: POSTGRES }),
      ]),
      expectFirewall({
        id: 'firewall',
        title: FIREWALL,
        verdict: 'fail',
        summary: `A block rule covers port ${PORT}.`,
        evidence: ['block: Block DB', `allow for ${POSTGRES}: PostgreSQL Server`],
        citations: [DOCS.issue4139],
      }),
    );
  });

  it('an allow-all rule and a program rule: passes, both shown', () => {
    assert.deepEqual(
      withRules([rule('PostgreSQL Server', { program: POSTGRES }), rule('PostgreSQL')]),
      expectFirewall(firewallAllowed(['allow: PostgreSQL', `allow for ${POSTGRES}: PostgreSQL Server`])),
    );
  });

  it('only a program rule: a warning with the scoped rule (it covers only that program)', () => {
    assert.deepEqual(
      withRules([rule('PostgreSQL Server', { program: POSTGRES })]),
      expectFirewall(firewallProgramOnly([`allow for ${POSTGRES}: PostgreSQL Server`])),
    );
  });

  it('a program merely named like "any" is still a program rule', () => {
    for (const program of ['AnyDesk.exe', 'C:\\Games\\Many'])
      assert.deepEqual(
        withRules([rule('Named', { program })]),
        expectFirewall(firewallProgramOnly([`allow for ${program}: Named`])),
        program,
      );
  });

  it('a program rule that does not let this traffic in counts for nothing (each condition flipped)', () => {
    const cases: [string, Partial<FirewallRule>][] = [
      ['disabled', { enabled: false }],
      ['outbound', { direction: 'Outbound' }],
      ['block', { action: 'Block' }],
      ['UDP', { protocol: 'UDP' }],
      ['another port', { localPorts: ['5433'] }],
      ['Private profile only', { profiles: ['Private', 'Domain'] }],
    ];
    for (const [why, over] of cases)
      assert.deepEqual(
        withRules([rule('PostgreSQL Server', { program: POSTGRES, ...over })]),
        expectFirewall(firewallNoRule()),
        why,
      );
  });

  it("the scoped rule names WSL's adapter when Get-NetIPInterface shows it, else the vEthernet (WSL*) pattern", () => {
    const withInterfaces = (ipInterfaces: readonly IpInterface[] | undefined) =>
      withRules([], ipInterfaces === undefined ? {} : { ipInterfaces });
    assert.deepEqual(
      withInterfaces([iface('Ethernet'), iface('vEthernet (WSL (Hyper-V firewall))'), iface('vEthernet (WSL)')]),
      expectFirewall(firewallNoRule([], scopedRuleFix('vEthernet (WSL (Hyper-V firewall))'))),
    );
    assert.deepEqual(withInterfaces(undefined), expectFirewall(firewallNoRule()));
    assert.deepEqual(withInterfaces([iface('Ethernet'), iface('Wi-Fi')]), expectFirewall(firewallNoRule()));
    // Only an alias that starts with "vEthernet (WSL" is WSL's adapter.
    assert.deepEqual(withInterfaces([iface('Team vEthernet (WSL)')]), expectFirewall(firewallNoRule()));
  });

  it("the scoped rule carries the user's rule name prefix", () => {
    assert.deepEqual(
      withRules([], { ruleNamePrefix: 'Corp Net' }),
      expectFirewall(firewallNoRule([], scopedRuleFix('vEthernet (WSL*)', 'Corp Net'))),
    );
  });
});

// ---- the Hyper-V firewall (mirrored) -----------------------------------------------------------

describe('Reach Windows: the Hyper-V firewall in mirrored mode (learn.microsoft.com hyper-v-firewall)', () => {
  const withSetting = (setting: HyperVVmSetting | undefined, over: Partial<ReachWindowsInput> = {}) =>
    reach(mirrored({ hyperVSetting: setting, ...over }));
  const expectFirewall = (firewall: ReachStep): ReachWindowsResult => ({
    address: '127.0.0.1',
    steps: [mirroredAddress(MIRRORED_LOOPBACK_ONLY), listenerOk([`127.0.0.1:${PORT} (PID 300)`]), firewall],
  });
  const LOOPBACK_OFF =
    'LoopbackEnabled is False: the Hyper-V firewall drops traffic between WSL and Windows, so 127.0.0.1 does not reach Windows. It is a setting for the whole VM (Set-NetFirewallHyperVVMSetting), which WSL Network does not change for one port.';

  it('settings not read: unknown, citing the Hyper-V firewall page', () => {
    assert.deepEqual(
      withSetting(undefined),
      expectFirewall({
        id: 'firewall',
        title: HYPERV,
        verdict: 'unknown',
        summary: 'The Hyper-V firewall settings could not be read.',
        evidence: [],
        citations: [DOCS.hyperVFirewall],
      }),
    );
  });

  it('nothing configured: the built-in defaults let loopback through; evidence says NotConfigured', () => {
    assert.deepEqual(
      withSetting(hyperV({ enabled: undefined, loopbackEnabled: undefined, defaultOutboundAction: undefined })),
      expectFirewall(
        hyperVStep(
          'ok',
          HYPERV_PASSES,
          'Enabled=NotConfigured LoopbackEnabled=NotConfigured DefaultOutboundAction=NotConfigured',
        ),
      ),
    );
  });

  it('firewall off for WSL: passes even with loopback off and outbound Block', () => {
    assert.deepEqual(
      withSetting(hyperV({ enabled: false, loopbackEnabled: false, defaultOutboundAction: 'Block' })),
      expectFirewall(
        hyperVStep(
          'ok',
          'The Hyper-V firewall is off for WSL.',
          'Enabled=false LoopbackEnabled=false DefaultOutboundAction=Block',
        ),
      ),
    );
  });

  it('loopback off: fails, and offers no per-port fix for a VM-wide setting', () => {
    assert.deepEqual(
      withSetting(hyperV({ loopbackEnabled: false, defaultOutboundAction: 'Block' })),
      expectFirewall(
        hyperVStep('fail', LOOPBACK_OFF, 'Enabled=true LoopbackEnabled=false DefaultOutboundAction=Block'),
      ),
    );
  });

  it('outbound Block: fails and offers one outbound rule for the WSL VM and this port', () => {
    assert.deepEqual(
      withSetting(hyperV({ defaultOutboundAction: 'Block' })),
      expectFirewall(
        hyperVStep(
          'fail',
          'Outbound traffic from WSL is blocked by default (DefaultOutboundAction Block).',
          'Enabled=true LoopbackEnabled=true DefaultOutboundAction=Block',
          true,
        ),
      ),
    );
    const custom = withSetting(hyperV({ defaultOutboundAction: 'Block' }), { ruleNamePrefix: 'Corp Net' });
    assert.deepEqual(custom.steps[2]?.fix, hyperVOutboundFix('Corp Net'));
  });

  it('the NAT firewall rules play no part in mirrored mode', () => {
    assert.deepEqual(
      withSetting(hyperV(), { firewallRules: [rule('Block DB', { action: 'Block' })] }),
      expectFirewall(hyperVStep('ok', HYPERV_PASSES, HYPERV_DEFAULTS)),
    );
  });
});

// ---- the live probe ----------------------------------------------------------------------------

describe('Reach Windows: the connection test the caller ran', () => {
  const withProbe = (probe: ReachWindowsInput['probe'], over: Partial<ReachWindowsInput> = {}) =>
    reach(nat({ probe, ...over }));

  it('connected: passes with the time', () => {
    assert.deepEqual(withProbe({ outcome: 'ok', durationMs: 4 }), {
      address: GATEWAY,
      steps: [
        natAddressOk,
        listenerOk0000,
        firewallOk,
        probeStep('ok', `Connected to ${GATEWAY}:${PORT} in 4 ms.`, 'ok after 4 ms'),
      ],
    });
  });

  it('refused: fails with the error code', () => {
    assert.deepEqual(withProbe({ outcome: 'refused', durationMs: 3, detail: 'ECONNREFUSED' }), {
      address: GATEWAY,
      steps: [
        natAddressOk,
        listenerOk0000,
        firewallOk,
        probeStep('fail', `Could not connect to ${GATEWAY}:${PORT} (ECONNREFUSED).`, 'refused ECONNREFUSED after 3 ms'),
      ],
    });
  });

  it('timed out without detail: the outcome stands in for it', () => {
    assert.deepEqual(withProbe({ outcome: 'timeout', durationMs: 2500 }), {
      address: GATEWAY,
      steps: [
        natAddressOk,
        listenerOk0000,
        firewallOk,
        probeStep('fail', `Could not connect to ${GATEWAY}:${PORT} (timeout).`, 'timeout after 2500 ms'),
      ],
    });
  });

  it('mirrored: the probe went to 127.0.0.1', () => {
    const result = reach(mirrored({ probe: { outcome: 'unreachable', durationMs: 1, detail: 'EHOSTUNREACH' } }));
    assert.deepEqual(
      result.steps[3],
      probeStep(
        'fail',
        `Could not connect to 127.0.0.1:${PORT} (EHOSTUNREACH).`,
        'unreachable EHOSTUNREACH after 1 ms',
      ),
    );
  });
});

// ---- the fixes offered and the report ----------------------------------------------------------

describe('Reach Windows: the fixes offered', () => {
  it('every failed or warning step that has a fix, in report order; never a failed step without one', () => {
    const both = reach(
      nat({
        tcpListeners: [listener('127.0.0.1', 4711)],
        firewallRules: [],
        probe: { outcome: 'timeout', durationMs: 9 },
      }),
    );
    const loopback = listenerLoopbackOnly([`127.0.0.1:${PORT} (PID 4711)`]);
    const firewall = firewallNoRule();
    assert.deepEqual(reachFixes(both), [
      { check: loopback, fix: loopback.fix },
      { check: firewall, fix: firewall.fix },
    ]);
    const programOnly = firewallProgramOnly([`allow for ${POSTGRES}: PostgreSQL Server`]);
    assert.deepEqual(reachFixes(reach(nat({ firewallRules: [rule('PostgreSQL Server', { program: POSTGRES })] }))), [
      { check: programOnly, fix: programOnly.fix },
    ]);
    // A block rule and loopback-off fail without a fix: nothing is offered.
    assert.deepEqual(reachFixes(reach(nat({ firewallRules: [rule('Block DB', { action: 'Block' })] }))), []);
    assert.deepEqual(reachFixes(reach(mirrored({ hyperVSetting: hyperV({ loopbackEnabled: false }) }))), []);
    // A fix on a step that passed is not offered.
    assert.deepEqual(reachFixes({ address: GATEWAY, steps: [{ ...firewallOk, fix: scopedRuleFix() }] }), []);
  });
});

describe('Reach Windows: the rendered report', () => {
  it('renders the address line and every step, numbered from 1, with the fixes and sources', () => {
    const result = reach(
      nat({
        resolvNameserver: TUNNEL_NAMESERVER,
        tcpListeners: [listener('127.0.0.1', 4711)],
        firewallRules: [],
        probe: { outcome: 'timeout', durationMs: 2500 },
      }),
    );
    const networking = `[Accessing network applications with WSL \\(learn\\.microsoft\\.com\\)](${DOCS.networking.url})`;
    const issue10561 = `[microsoft/WSL\\#10561 nameserver is a loopback address with dnsTunneling](${DOCS.issue10561.url})`;
    const issue4585 = `[microsoft/WSL\\#4585 Allow rule scoped to the WSL interface](${DOCS.issue4585.url})`;
    const issue4139 = `[microsoft/WSL\\#4139 Windows Defender Firewall blocks access from WSL2](${DOCS.issue4139.url})`;
    assert.equal(
      renderReachWindowsReport(result, PORT, t),
      [
        '# Reach Windows port 5432 from WSL',
        '',
        'Linux programs connect to `172.23.16.1:5432`.',
        '',
        '## 1. ✅ Address of Windows from WSL',
        '',
        '**OK:** Use 172\\.23\\.16\\.1 \\(the default gateway\\)\\. Not 10\\.255\\.255\\.254 from resolv\\.conf: that is a DNS address, not Windows\\.',
        '',
        '- mode: nat',
        '- default gateway: 172\\.23\\.16\\.1',
        '- resolv\\.conf nameserver: 10\\.255\\.255\\.254',
        '',
        `See: ${networking} · ${issue10561}`,
        '',
        '## 2. ❌ Windows program on port 5432',
        '',
        '**Problem:** The program listens on loopback only, which WSL cannot reach in NAT mode\\. Make it listen on 0\\.0\\.0\\.0, or use mirrored mode\\.',
        '',
        '- 127\\.0\\.0\\.1:5432 \\(PID 4711\\)',
        '',
        '**Fix:** Use mirrored networking: WSL then reaches Windows programs on 127\\.0\\.0\\.1\\.',
        '',
        'Edit `%UserProfile%\\.wslconfig`, section `[wsl2]`:',
        '',
        '```ini',
        '[wsl2]',
        'networkingMode=mirrored',
        '```',
        '',
        'Then restart WSL (wsl --shutdown).',
        '',
        `Source: ${networking}`,
        '',
        `See: ${networking}`,
        '',
        '## 3. ❌ Windows firewall for WSL',
        '',
        '**Problem:** No inbound rule allows port 5432 on the WSL interface \\(Public profile, default Block\\)\\.',
        '',
        '**Fix:** Let WSL reach Windows port 5432 through the firewall, on the WSL interface only\\.',
        '',
        'Runs (as administrator): Allow inbound TCP 5432 from WSL only \\(interface vEthernet \\(WSL\\*\\)\\)',
        '',
        '```powershell',
        "New-NetFirewallRule -DisplayName 'WSL Network: from WSL TCP 5432' -Direction Inbound -Action Allow -Protocol TCP -LocalPort 5432 -InterfaceAlias 'vEthernet (WSL*)'",
        '```',
        '',
        'Undo: Remove the firewall rule \\"WSL Network: from WSL TCP 5432\\"',
        '',
        '```powershell',
        "Remove-NetFirewallRule -DisplayName 'WSL Network: from WSL TCP 5432'",
        '```',
        '',
        `Source: ${issue4585} · ${issue4139}`,
        '',
        `See: ${issue4585} · ${issue4139}`,
        '',
        '## 4. ❌ Connect from WSL',
        '',
        '**Problem:** Could not connect to 172\\.23\\.16\\.1:5432 \\(timeout\\)\\.',
        '',
        '- timeout after 2500 ms',
        '',
      ].join('\n'),
    );
  });

  it('without an address: says it is unknown; unread facts render as Unknown steps', () => {
    const result = reach(
      nat({ defaultGateway: undefined, tcpListeners: undefined, firewallRules: undefined, mode: 'nat' }),
    );
    assert.equal(
      renderReachWindowsReport(result, PORT, t, { offerFixes: false }),
      [
        '# Reach Windows port 5432 from WSL',
        '',
        'The address of Windows is unknown.',
        '',
        '## 1. ❌ Address of Windows from WSL',
        '',
        '**Problem:** WSL has no default route, so there is no address for Windows\\.',
        '',
        '- mode: nat',
        '',
        `See: [Accessing network applications with WSL \\(learn\\.microsoft\\.com\\)](${DOCS.networking.url})`,
        '',
        '## 2. ❓ Windows program on port 5432',
        '',
        '**Unknown:** Windows listeners could not be read\\.',
        '',
        '## 3. ❓ Windows firewall for WSL',
        '',
        '**Unknown:** Firewall rules could not be read\\.',
        '',
      ].join('\n'),
    );
  });
});
