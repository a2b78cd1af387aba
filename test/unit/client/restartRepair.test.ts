// Repair after a restart: the VM clock counts restarts (not the first sighting), and the repair
// plan after a restart re-points only the rules WSL Network created, with foreign rules present.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ExposureRecord } from '../../../client/src/host/exposurePlan';
import type { FirewallRule, PortProxyRule } from '../../../client/src/host/hostTypes';
import { renderSteps } from '../../../client/src/host/planSteps';
import { planRepair } from '../../../client/src/model/exposure';
import { VmStartTracker } from '../../../client/src/model/vmClock';
import { natContext, WSL_IP } from './support';

const OLD_IP = '172.20.1.5';
const proxy = (listenPort: number, connectPort = listenPort, connectAddress = OLD_IP): PortProxyRule => ({
  kind: 'v4tov4',
  listenAddress: '0.0.0.0',
  listenPort,
  connectAddress,
  connectPort,
});
const record = (port: number, listenPort = port): ExposureRecord => ({
  port,
  protocol: 'TCP',
  mode: 'nat',
  listenPort,
  listenAddress: '0.0.0.0',
  connectAddress: OLD_IP,
  created: ['portproxy', 'firewall'],
  ruleNamePrefix: 'WSL Network',
  profile: 'Private',
  at: 1,
});
const firewall = (displayName: string, port: number): FirewallRule => ({
  name: `{${displayName}}`,
  displayName,
  enabled: true,
  direction: 'Inbound',
  action: 'Allow',
  profiles: ['Private'],
  protocol: 'TCP',
  localPorts: [String(port)],
  program: 'Any',
});

describe('VmStartTracker.restarts', () => {
  it('the first sighting is not a restart; stopped then running is one', () => {
    const tracker = new VmStartTracker();
    tracker.observe(100_000, true);
    tracker.observe(110_000, true);
    assert.equal(tracker.restarts, 0);
    tracker.observe(120_000, false);
    assert.equal(tracker.restarts, 0);
    tracker.observe(130_000, true);
    tracker.observe(140_000, true);
    assert.equal(tracker.restarts, 1);
  });

  it('a later start time from /proc/uptime is a restart we did not see happen', () => {
    const tracker = new VmStartTracker();
    tracker.observe(100_000, true, 40); // started at 60 s
    tracker.observe(160_000, true, 100); // same run
    assert.equal(tracker.restarts, 0);
    tracker.observe(200_000, true, 5); // started at 195 s
    assert.equal(tracker.restarts, 1);
  });

  it('our own restart, then running again, counts once', () => {
    const tracker = new VmStartTracker();
    tracker.observe(100_000, true, 40);
    tracker.noteOurRestart(110_000);
    tracker.observe(111_000, false);
    tracker.observe(120_000, true, 3);
    tracker.observe(130_000, true, 13);
    assert.equal(tracker.restarts, 1);
  });
});

describe('planRepair after a restart (own rules only)', () => {
  it('re-points our recorded rule and leaves a foreign stale rule alone', () => {
    const context = natContext({ portProxies: [proxy(8080), proxy(2222, 22)] });
    const plan = planRepair(context, { ledger: [record(8080)], ruleNamePrefix: 'WSL Network' }, undefined, true);
    assert.equal(plan.feasible, true);
    assert.deepEqual(
      renderSteps(plan.steps).map((s) => [s.file, ...s.args]),
      [
        [
          'netsh.exe',
          'interface',
          'portproxy',
          'add',
          'v4tov4',
          'listenport=8080',
          'listenaddress=0.0.0.0',
          'connectport=8080',
          `connectaddress=${WSL_IP}`,
        ],
      ],
    );
    assert.deepEqual(
      plan.repointed?.map((r) => [r.listenPort, r.from, r.to, r.ours]),
      [[8080, OLD_IP, WSL_IP, true]],
    );
    assert.equal(plan.notes.length, 1);
    // Without ownOnly (the Repair command), both stale rules are re-pointed, as before.
    assert.equal(planRepair(context, { ledger: [record(8080)], ruleNamePrefix: 'WSL Network' }).steps.length, 2);
  });

  it('a rule on the listen port of our firewall rule is ours; one under a look-alike name is not', () => {
    const context = natContext({
      portProxies: [proxy(3000), proxy(4000)],
      firewallRules: [firewall('WSL Network: TCP 3000', 3000), firewall('WSL Network TCP 4000', 4000)],
    });
    const plan = planRepair(context, { ledger: [], ruleNamePrefix: 'WSL Network' }, undefined, true);
    assert.deepEqual(
      plan.repointed?.map((r) => r.listenPort),
      [3000],
    );
  });

  it('nothing of ours is stale: not feasible, no steps', () => {
    const context = natContext({ portProxies: [proxy(2222, 22), proxy(8080, 8080, WSL_IP)] });
    const plan = planRepair(context, { ledger: [record(8080)], ruleNamePrefix: 'WSL Network' }, undefined, true);
    assert.equal(plan.feasible, false);
    assert.deepEqual(plan.steps, []);
    assert.equal(plan.blocker, 'no-stale-rules');
  });

  it('a remapped exposure (Windows 2222 → WSL 22) keeps its ports', () => {
    const context = natContext({ portProxies: [proxy(2222, 22)] });
    const plan = planRepair(context, { ledger: [record(22, 2222)], ruleNamePrefix: 'WSL Network' }, undefined, true);
    assert.deepEqual(
      renderSteps(plan.steps).map((s) => s.args.slice(4)),
      [['listenport=2222', 'listenaddress=0.0.0.0', 'connectport=22', `connectaddress=${WSL_IP}`]],
    );
  });
});
