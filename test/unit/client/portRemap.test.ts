// Expose with a different Windows port (Windows 2222 → WSL 22): the plan, the record, and who owns
// which rule afterwards, with foreign rules present (only ours are ever removed).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { listOwnExposures, planExposeToLan, type ExposureRecord } from '../../../client/src/host/exposurePlan';
import type { FirewallRule, PortProxyRule } from '../../../client/src/host/hostTypes';
import { renderSteps } from '../../../client/src/host/planSteps';
import { ValidationError } from '../../../client/src/host/validators';
import { decideExpose } from '../../../client/src/model/exposure';
import { natContext, socket, t, WSL_IP } from './support';

const base = { profile: 'Private' as const, ruleNamePrefix: 'WSL Network' };
const sshd = socket(22, '0.0.0.0', { processName: 'sshd' });
const firewall = (displayName: string, port: number, name = `{${displayName}}`): FirewallRule => ({
  name,
  displayName,
  enabled: true,
  direction: 'Inbound',
  action: 'Allow',
  profiles: ['Private'],
  protocol: 'TCP',
  localPorts: [String(port)],
  program: 'Any',
});
const proxy = (listenPort: number, connectPort: number, connectAddress = WSL_IP): PortProxyRule => ({
  kind: 'v4tov4',
  listenAddress: '0.0.0.0',
  listenPort,
  connectAddress,
  connectPort,
});

describe('Expose with a different Windows port', () => {
  it('NAT: Windows 2222 → WSL 22; the firewall rule opens 2222; the record keeps both ports', () => {
    const decision = decideExpose({ ...base, port: 22, listenPort: 2222, sockets: [sshd], context: natContext() }, t);
    assert.equal(decision.kind, 'plan');
    if (decision.kind !== 'plan') return;
    assert.deepEqual(
      renderSteps(decision.plan.steps).map((s) => s.script ?? s.args.join(' ')),
      [
        `interface portproxy add v4tov4 listenport=2222 listenaddress=0.0.0.0 connectport=22 connectaddress=${WSL_IP}`,
        "New-NetFirewallRule -DisplayName 'WSL Network: TCP 2222' -Direction Inbound -Protocol TCP -LocalPort 2222 -Action Allow -Profile Private -RemoteAddress 'LocalSubnet'",
      ],
    );
    assert.deepEqual([decision.record.port, decision.record.listenPort], [22, 2222]);
  });

  it('the same port as the WSL port is no remap', () => {
    const decision = decideExpose({ ...base, port: 22, listenPort: 22, sockets: [sshd], context: natContext() }, t);
    assert.equal(decision.kind === 'plan' && decision.record.listenPort, 22);
  });

  it('mirrored mode cannot remap: refused, nothing planned', () => {
    const decision = decideExpose(
      {
        ...base,
        port: 22,
        listenPort: 2222,
        sockets: [sshd],
        context: natContext({ mode: 'mirrored', wslIps: ['192.168.1.20'] }),
      },
      t,
    );
    assert.equal(decision.kind, 'infeasible');
    assert.match(decision.kind === 'infeasible' ? decision.message : '', /needs NAT mode/);
  });

  it('only validated values reach the command line', () => {
    for (const hostile of [0, 70000, 22.5, Number.NaN]) {
      assert.throws(
        () => planExposeToLan(sshd, natContext(), { listenPort: hostile }),
        ValidationError,
        String(hostile),
      );
    }
  });
});

describe('ownership of a remapped exposure, with foreign rules present', () => {
  const record: ExposureRecord = {
    port: 22,
    protocol: 'TCP',
    mode: 'nat',
    listenPort: 2222,
    listenAddress: '0.0.0.0',
    connectAddress: WSL_IP,
    created: ['portproxy', 'firewall'],
    ruleNamePrefix: 'WSL Network',
    profile: 'Private',
    at: 1,
  };
  const context = natContext({
    portProxies: [proxy(2222, 22), proxy(8022, 22), proxy(3000, 3000)],
    firewallRules: [
      firewall('WSL Network: TCP 2222', 2222),
      firewall('OpenSSH Server (sshd)', 22),
      firewall('WSL Network TCP 8022', 8022), // a look-alike name: not ours
      firewall('Dev server', 3000),
    ],
  });

  it('Remove of WSL port 22 takes our portproxy on 2222 and our rule for 2222, nothing else', () => {
    const own = listOwnExposures(context, [record], 'WSL Network');
    assert.deepEqual(
      own.map((o) => o.port),
      [22],
    );
    assert.deepEqual(
      renderSteps(own[0]!.steps).map((s) => s.script ?? s.args.join(' ')),
      [
        'interface portproxy delete v4tov4 listenport=2222 listenaddress=0.0.0.0',
        "Remove-NetFirewallRule -DisplayName 'WSL Network: TCP 2222'",
      ],
    );
  });

  it('without the record, our rule for 2222 is still ours (by its name), under its own port', () => {
    const own = listOwnExposures(context, [], 'WSL Network');
    assert.deepEqual(
      own.map((o) => o.port),
      [2222],
    );
    assert.ok(!own.some((o) => o.parts.some((p) => /8022|3000|OpenSSH|Dev server/.test(p))));
  });
});
