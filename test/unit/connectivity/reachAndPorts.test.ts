// Reach Windows from WSL, port conflicts and the command fixes (exact script text, validation).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatOnly } from '../../../client/src/host/localize';
import {
  reachFixes,
  reachWindowsPort,
  renderReachWindowsReport,
  windowsHostAddress,
} from '../../../client/src/host/connectivity/reachWindows';
import {
  describePortConflict,
  findPortConflicts,
  lanExposureConflicts,
  MIRRORED_NEVER_FORWARDED,
  readPortConflictFacts,
} from '../../../client/src/host/connectivity/portConflicts';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { createFakeWindows } from '../../fakes/fakeWindows';
import { scopedFirewallRuleFix, undoCommand, vpnMetricFix } from '../../../client/src/host/connectivity/fixes';
import { parseExcludedPortRanges, parseUdpEndpoints } from '../../../client/src/host/connectivity/windowsParsers';
import { parseTcpListeners } from '../../../client/src/host/parseTcpListeners';
import type { FirewallRule } from '../../../client/src/host/hostTypes';
import { fieldFixture } from './servers';

const t = formatOnly;
const rule = (over: Partial<FirewallRule>): FirewallRule => ({
  name: '{1}',
  displayName: 'rule',
  enabled: true,
  direction: 'Inbound',
  action: 'Allow',
  profiles: ['Public'],
  protocol: 'TCP',
  localPorts: ['9003'],
  program: 'Any',
  ...over,
});

describe('reach a Windows port from WSL', () => {
  const listeners = parseTcpListeners(
    '[{"LocalAddress":"127.0.0.1","LocalPort":9003,"OwningProcess":4711},{"LocalAddress":"0.0.0.0","LocalPort":5432,"OwningProcess":300}]',
  );

  it("NAT: the gateway, not resolv.conf's nameserver (#10561); mirrored: 127.0.0.1", () => {
    assert.equal(windowsHostAddress('nat', '172.23.16.1'), '172.23.16.1');
    assert.equal(windowsHostAddress('mirrored', '192.168.1.1'), '127.0.0.1');
    const nat = reachWindowsPort(
      {
        port: 5432,
        mode: 'nat',
        defaultGateway: '172.23.16.1',
        resolvNameserver: '10.255.255.254',
        tcpListeners: listeners,
        firewallRules: [],
      },
      t,
    );
    assert.equal(nat.address, '172.23.16.1');
    assert.match(nat.steps[0]!.summary, /Use 172\.23\.16\.1 \(the default gateway\)\. Not 10\.255\.255\.254/);
    const mirrored = reachWindowsPort(
      {
        port: 5432,
        mode: 'mirrored',
        defaultGateway: '192.168.1.1',
        hostAddressLoopback: false,
        tcpListeners: listeners,
      },
      t,
    );
    assert.equal(mirrored.address, '127.0.0.1');
    assert.match(mirrored.steps[0]!.summary, /hostAddressLoopback=true/);
  });

  it('a program on 127.0.0.1 only cannot be reached under NAT (offers mirrored), but can in mirrored mode', () => {
    const nat = reachWindowsPort(
      { port: 9003, mode: 'nat', defaultGateway: '172.23.16.1', tcpListeners: listeners, firewallRules: [] },
      t,
    );
    const listener = nat.steps.find((s) => s.id === 'listener')!;
    assert.equal(listener.verdict, 'fail');
    assert.ok(listener.fix?.kind === 'wslconfig' && listener.fix.value === 'mirrored');
    const mirrored = reachWindowsPort(
      { port: 9003, mode: 'mirrored', defaultGateway: undefined, tcpListeners: listeners },
      t,
    );
    assert.equal(mirrored.steps.find((s) => s.id === 'listener')!.verdict, 'ok');
    assert.equal(mirrored.steps.find((s) => s.id === 'firewall')!.verdict, 'unknown', 'Hyper-V settings not read');
    assert.equal(
      reachWindowsPort({ port: 1234, mode: 'nat', defaultGateway: 'x', tcpListeners: listeners }, t).steps.find(
        (s) => s.id === 'listener',
      )!.verdict,
      'fail',
    );
  });

  it('no rule for the port on the Public profile → one scoped rule (WSL interface, that port) with its undo', () => {
    const result = reachWindowsPort(
      {
        port: 5432,
        mode: 'nat',
        defaultGateway: '172.23.16.1',
        tcpListeners: listeners,
        firewallRules: [rule({ localPorts: ['5432'], profiles: ['Private'] })],
        ipInterfaces: [
          {
            alias: 'vEthernet (WSL (Hyper-V firewall))',
            interfaceIndex: 40,
            metric: 5000,
            automaticMetric: true,
            connected: true,
          },
        ],
      },
      t,
    );
    const firewall = result.steps.find((s) => s.id === 'firewall')!;
    assert.equal(firewall.verdict, 'fail');
    assert.equal(firewall.fix?.kind, 'command');
    if (firewall.fix?.kind !== 'command') return;
    assert.equal(
      firewall.fix.apply.script,
      "New-NetFirewallRule -DisplayName 'WSL Network: from WSL TCP 5432' -Direction Inbound -Action Allow -Protocol TCP -LocalPort 5432 -InterfaceAlias 'vEthernet (WSL (Hyper-V firewall))'",
    );
    assert.equal(firewall.fix.undo.script, "Remove-NetFirewallRule -DisplayName 'WSL Network: from WSL TCP 5432'");
    assert.ok(firewall.fix.apply.elevated);
    // An allow rule on Public passes; a block rule fails without offering an allow rule.
    assert.equal(
      reachWindowsPort(
        {
          port: 5432,
          mode: 'nat',
          defaultGateway: 'g',
          tcpListeners: listeners,
          firewallRules: [rule({ localPorts: ['5000-6000'] })],
        },
        t,
      ).steps.find((s) => s.id === 'firewall')!.verdict,
      'ok',
    );
    const blocked = reachWindowsPort(
      {
        port: 5432,
        mode: 'nat',
        defaultGateway: 'g',
        tcpListeners: listeners,
        firewallRules: [rule({ localPorts: ['5432'], action: 'Block' })],
      },
      t,
    ).steps.find((s) => s.id === 'firewall')!;
    assert.equal(blocked.verdict, 'fail');
    assert.equal(blocked.fix, undefined);
  });

  it('mirrored: the Hyper-V firewall decides; outbound Block offers one rule for the WSL VM and that port', () => {
    const setting = {
      name: '{40E0AC32-46A5-438A-A0B2-2B479E8F2E90}',
      enabled: true,
      defaultInboundAction: 'Block' as const,
      defaultOutboundAction: 'Allow' as const,
      loopbackEnabled: true,
    };
    const step = (over: object) =>
      reachWindowsPort(
        { port: 9003, mode: 'mirrored', defaultGateway: undefined, hyperVSetting: { ...setting, ...over } },
        t,
      ).steps.find((s) => s.id === 'firewall')!;
    assert.equal(step({}).verdict, 'ok');
    const loopback = step({ loopbackEnabled: false });
    assert.equal(loopback.verdict, 'fail');
    assert.equal(loopback.fix, undefined, 'a VM-wide setting is not changed for one port');
    const blocked = step({ defaultOutboundAction: 'Block' });
    assert.equal(blocked.verdict, 'fail');
    assert.ok(blocked.fix?.kind === 'command');
    if (blocked.fix?.kind !== 'command') return;
    assert.equal(
      blocked.fix.apply.script,
      "New-NetFirewallHyperVRule -Name 'WSL-Network-from-WSL-TCP-9003' -DisplayName 'WSL Network: from WSL TCP 9003' -Direction Outbound -VMCreatorId '{40E0AC32-46A5-438A-A0B2-2B479E8F2E90}' -Protocol TCP -RemotePorts 9003 -Action Allow",
    );
    assert.equal(blocked.fix.undo.script, "Remove-NetFirewallHyperVRule -Name 'WSL-Network-from-WSL-TCP-9003'");
    assert.deepEqual(undoCommand(JSON.parse(JSON.stringify(blocked.fix.undoRecipe)), t), blocked.fix.undo);
    assert.equal(step({ enabled: false }).verdict, 'ok');
  });

  it('includes the live probe result', () => {
    const result = reachWindowsPort(
      {
        port: 5432,
        mode: 'nat',
        defaultGateway: '172.23.16.1',
        probe: { outcome: 'refused', durationMs: 3, detail: 'ECONNREFUSED' },
      },
      t,
    );
    const probe = result.steps.find((s) => s.id === 'probe')!;
    assert.equal(probe.verdict, 'fail');
    assert.match(probe.summary, /172\.23\.16\.1:5432 \(ECONNREFUSED\)/);
  });
});

describe('command fixes validate what reaches the command line', () => {
  it('refuses hostile aliases, ports and indexes', () => {
    assert.throws(
      () => scopedFirewallRuleFix({ port: 80, interfaceAlias: "x'; Remove-Item C:\\ -Recurse; '" }, t),
      /interface alias/,
    );
    assert.throws(() => scopedFirewallRuleFix({ port: '80; calc' }, t), /port/);
    assert.throws(
      () => vpnMetricFix({ interfaceIndex: 1.5, alias: 'a', oldMetric: 1, oldAutomatic: false }, t),
      /interface index/,
    );
  });

  it('undoes an automatic metric by turning automatic metric back on', () => {
    const fix = vpnMetricFix({ interfaceIndex: 7, alias: 'Ethernet 3', oldMetric: 25, oldAutomatic: true }, t);
    assert.equal(fix.undo.script, 'Set-NetIPInterface -InterfaceIndex 7 -AddressFamily IPv4 -AutomaticMetric Enabled');
  });
});

describe('the lasting undo of a command fix', () => {
  it('rebuilds exactly the undo command the fix showed, from the stored recipe', () => {
    const rule = scopedFirewallRuleFix({ port: 9003, interfaceAlias: 'vEthernet (WSL)', ruleNamePrefix: 'My Net' }, t);
    assert.deepEqual(undoCommand(JSON.parse(JSON.stringify(rule.undoRecipe)), t), rule.undo);
    assert.equal(rule.undo.script, "Remove-NetFirewallRule -DisplayName 'My Net: from WSL TCP 9003'");
    const metric = vpnMetricFix({ interfaceIndex: 20, alias: 'Ethernet 3', oldMetric: 1, oldAutomatic: false }, t);
    assert.deepEqual(undoCommand(JSON.parse(JSON.stringify(metric.undoRecipe)), t), metric.undo);
    assert.equal(metric.undo.script, 'Set-NetIPInterface -InterfaceIndex 20 -AddressFamily IPv4 -InterfaceMetric 1');
    assert.ok(metric.undo.elevated && rule.undo.elevated);
  });

  it('refuses a stored record that is not one of its own undo forms (a tampered globalState)', () => {
    const bad: unknown[] = [
      { kind: 'runScript', script: 'Remove-Item C:\\ -Recurse' },
      { kind: 'removeFromWslRule', protocol: 'TCP', port: 80, ruleNamePrefix: "x'; Stop-Computer; '" },
      { kind: 'removeFromWslRule', protocol: 'TCP', port: '80; calc', ruleNamePrefix: 'WSL Network' },
      { kind: 'removeFromWslRule', protocol: 'ICMP', port: 80, ruleNamePrefix: 'WSL Network' },
      { kind: 'restoreInterfaceMetric', interfaceIndex: -1, alias: 'a' },
      { kind: 'restoreInterfaceMetric', interfaceIndex: 3, alias: 'a\nb' },
      { kind: 'restoreInterfaceMetric', interfaceIndex: 3, alias: 'a', oldMetric: '1; calc' },
      null,
      'removeFromWslRule',
    ];
    for (const recipe of bad)
      assert.throws(() => undoCommand(recipe, t), /Not |Rule name prefix|prefix/i, JSON.stringify(recipe));
  });
});

describe('the Reach Windows report', () => {
  const listeners = parseTcpListeners('[{"LocalAddress":"0.0.0.0","LocalPort":5432,"OwningProcess":300}]');
  const result = reachWindowsPort(
    {
      port: 5432,
      mode: 'nat',
      defaultGateway: '172.23.16.1',
      tcpListeners: listeners,
      firewallRules: [],
      probe: { outcome: 'timeout', durationMs: 2500 },
    },
    t,
  );

  it('names the address, each step, and the one scoped rule with its exact command and undo', () => {
    const markdown = renderReachWindowsReport(result, 5432, t);
    assert.match(markdown, /^# Reach Windows port 5432 from WSL\n\nLinux programs connect to `172\.23\.16\.1:5432`\./);
    assert.match(
      markdown,
      /```powershell\nNew-NetFirewallRule -DisplayName 'WSL Network: from WSL TCP 5432' -Direction Inbound -Action Allow -Protocol TCP -LocalPort 5432 -InterfaceAlias 'vEthernet \(WSL\*\)'\n```/,
    );
    assert.match(markdown, /```powershell\nRemove-NetFirewallRule -DisplayName 'WSL Network: from WSL TCP 5432'\n```/);
    assert.deepEqual(
      reachFixes(result).map((f) => f.check.id),
      ['firewall'],
    );
  });

  it('in Restricted Mode shows no command', () => {
    const markdown = renderReachWindowsReport(result, 5432, t, { offerFixes: false });
    assert.doesNotMatch(markdown, /New-NetFirewallRule/);
    assert.match(markdown, /A fix exists, but this workspace is not trusted/);
  });
});

describe('port conflicts', () => {
  const excluded = {
    'ipv4-tcp': parseExcludedPortRanges(fieldFixture('netsh-excludedportrange-tcp.zh-CN.txt')),
    'ipv4-udp': parseExcludedPortRanges(fieldFixture('netsh-excludedportrange-udp.en-US.txt')),
  };

  it('finds a port inside a reserved range, per protocol', () => {
    assert.deepEqual(findPortConflicts(54400, 'tcp', { excluded }), [
      { kind: 'reservedRange', family: 'ipv4', range: { start: 54364, end: 54463, administered: false } },
    ]);
    assert.deepEqual(findPortConflicts(54400, 'udp', { excluded }), []);
    assert.equal(findPortConflicts(56100, 'udp', { excluded })[0]?.kind, 'reservedRange');
    assert.deepEqual(findPortConflicts(54463 + 1, 'tcp', { excluded }), []);
  });

  it('knows the ports mirrored mode never forwards (docs), only in mirrored mode', () => {
    assert.deepEqual(MIRRORED_NEVER_FORWARDED.udp, [68]);
    assert.deepEqual(findPortConflicts(5357, 'tcp', { mode: 'mirrored' }), [{ kind: 'mirroredNeverForwarded' }]);
    assert.deepEqual(findPortConflicts(5357, 'tcp', { mode: 'nat' }), []);
    assert.deepEqual(
      findPortConflicts(68, 'udp', { mode: 'mirrored', ignoredPorts: [68] }).map((c) => c.kind),
      ['mirroredNeverForwarded', 'ignoredPort'],
    );
  });

  it('finds Windows listeners on the same port, TCP and UDP separately', () => {
    const tcpListeners = parseTcpListeners(
      '[{"LocalAddress":"0.0.0.0","LocalPort":3000,"OwningProcess":10},{"LocalAddress":"::","LocalPort":3000,"OwningProcess":10}]',
    );
    const udpEndpoints = parseUdpEndpoints('{"LocalAddress":"0.0.0.0","LocalPort":5353,"OwningProcess":2400}');
    assert.deepEqual(
      findPortConflicts(3000, 'tcp', { tcpListeners, udpEndpoints }).map((c) =>
        c.kind === 'windowsListener' ? c.localAddress : c.kind,
      ),
      ['0.0.0.0', '::'],
    );
    assert.deepEqual(findPortConflicts(3000, 'udp', { tcpListeners, udpEndpoints }), []);
    assert.deepEqual(findPortConflicts(5353, 'udp', { tcpListeners, udpEndpoints }), [
      { kind: 'windowsListener', localAddress: '0.0.0.0', owningProcess: 2400 },
    ]);
  });

  it('the docs list: UDP 68 and TCP 135, 1900, 2869, 3702, 5004, 5357, 5358 (troubleshooting page)', () => {
    assert.deepEqual(MIRRORED_NEVER_FORWARDED, { udp: [68], tcp: [135, 1900, 2869, 3702, 5004, 5357, 5358] });
  });

  it('reads the excluded ranges of one protocol (both families) and the UDP endpoints through the stand-ins', async () => {
    const fake = createFakeWindows({
      state: {
        windows: {
          connectivity: {
            excludedPortRanges: {
              'ipv4-tcp': [{ start: 5985, end: 5986 }],
              'ipv6-tcp': [{ start: 50000, end: 50059, administered: true }],
              'ipv4-udp': [{ start: 56030, end: 56129 }],
              'ipv6-udp': [],
            },
          },
        } as never,
      },
    });
    try {
      const read = async (command: { file: string; args: readonly string[] }): Promise<string | undefined> => {
        // The stand-ins are found through their folder, as the host's test override does (never PATH).
        const run = spawnSync(path.join(fake.binDir, command.file), command.args, { env: fake.env });
        return run.status === 0 ? run.stdout.toString('latin1') : undefined;
      };
      const tcp = await readPortConflictFacts(read, 'tcp');
      assert.deepEqual(tcp.excluded?.['ipv6-tcp'], [{ start: 50000, end: 50059, administered: true }]);
      assert.equal(tcp.udpEndpoints, undefined, 'TCP does not ask for UDP endpoints');
      assert.deepEqual(
        findPortConflicts(50010, 'tcp', tcp).map((c) => c.kind === 'reservedRange' && c.family),
        ['ipv6'],
      );
      const argvs = fake.calls().map((c) => c.argv.join(' '));
      assert.deepEqual(argvs.sort(), [
        'interface ipv4 show excludedportrange protocol=tcp',
        'interface ipv6 show excludedportrange protocol=tcp',
      ]);
      const udp = await readPortConflictFacts(read, 'udp');
      assert.deepEqual(udp.udpEndpoints, [{ localAddress: '0.0.0.0', localPort: 5353, owningProcess: 2400 }]);
      assert.equal(findPortConflicts(56100, 'udp', udp)[0]?.kind, 'reservedRange');
      // A table that cannot be read is absent, never an empty (conflict-free) table.
      const failing = await readPortConflictFacts(async () => undefined, 'tcp');
      assert.deepEqual(failing, { excluded: {} });
    } finally {
      fake.dispose();
    }
  });

  it('describes each conflict; a loopback-only Windows listener is no conflict for LAN exposure', () => {
    const conflicts = findPortConflicts(3000, 'tcp', {
      tcpListeners: parseTcpListeners(
        '[{"LocalAddress":"127.0.0.1","LocalPort":3000,"OwningProcess":5},{"LocalAddress":"::","LocalPort":3000,"OwningProcess":6}]',
      ),
    });
    assert.deepEqual(
      lanExposureConflicts(conflicts).map((c) => describePortConflict(c, 3000, 'tcp', t)),
      ['A Windows program (PID 6) already listens on [::]:3000: connections to port 3000 may reach it instead of WSL.'],
    );
    assert.equal(
      describePortConflict({ kind: 'mirroredNeverForwarded' }, 5357, 'tcp', t),
      'In mirrored mode Windows never steers inbound TCP port 5357 to Linux (WSL troubleshooting docs). Pick another port.',
    );
  });
});
