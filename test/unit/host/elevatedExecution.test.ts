// Every builder's command, run through the elevation wrapper against the stand-in
// executables: the fakes accept exactly what we generate, the state changes as Windows'
// would, and hostile input never shows up in any recorded argv or script.
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  buildFirewallRuleAdd,
  buildFirewallRuleRemove,
  buildHyperVRuleAdd,
  buildHyperVRuleRemove,
  buildPortProxyAdd,
  buildPortProxyDelete,
  type CommandSpec,
} from '../../../client/src/host/commandBuilders';
import { listOwnExposures } from '../../../client/src/host/exposurePlan';
import { renderSteps } from '../../../client/src/host/planSteps';
import { ValidationError } from '../../../client/src/host/validators';
import { WslHost } from '../../../client/src/host/wslHost';
import { createFakeWindows, type FakeWindows } from '../../fakes/fakeWindows';
import { fakeEnvironment } from './testSupport';

let fake: FakeWindows | undefined;
afterEach(() => fake?.dispose());

function host(): WslHost {
  fake = createFakeWindows();
  return new WslHost({ environment: fakeEnvironment({ platform: 'win32', env: fake.env }) });
}

describe('elevated execution through the fakes', () => {
  it('adds and removes Hyper-V and Windows firewall rules and portproxy entries', async () => {
    const h = host();
    await h.executeElevated([
      buildHyperVRuleAdd({ port: 8080 }),
      buildFirewallRuleAdd({ port: 5353, protocol: 'UDP', profile: 'Public' }),
      buildPortProxyAdd({ listenPort: 2222, connectPort: 22, connectAddress: '172.23.21.232' }),
    ]);
    let state = (fake as FakeWindows).readState();
    assert.deepEqual(
      state.windows.hyperVRules.map((r) => [
        r.name,
        r.displayName,
        r.vmCreatorId,
        r.protocol,
        r.localPorts,
        r.action,
        r.profiles,
        r.direction,
      ]),
      [
        [
          'WSL-Network-TCP-8080',
          'WSL Network: TCP 8080',
          '{40E0AC32-46A5-438A-A0B2-2B479E8F2E90}',
          'TCP',
          '8080',
          'Allow',
          'Private',
          'Inbound',
        ],
      ],
    );
    assert.deepEqual(
      state.windows.firewallRules.map((r) => [r.displayName, r.protocol, r.localPort, r.profile]),
      [['WSL Network: UDP 5353', 'UDP', '5353', 'Public']],
    );
    assert.deepEqual(state.portProxy, [
      { kind: 'v4tov4', listenAddress: '0.0.0.0', listenPort: 2222, connectAddress: '172.23.21.232', connectPort: 22 },
    ]);

    // The UI's own view of what to undo is derived from the facts it reads back.
    const facts = await h.getWindowsFirewallFacts();
    const context = {
      mode: 'nat' as const,
      wslIps: ['172.23.21.232'],
      portProxies: await h.getPortProxies(),
      ...(facts.firewallRules.ok ? { firewallRules: facts.firewallRules.value } : {}),
      ...(facts.hyperVRules.ok ? { hyperVRules: facts.hyperVRules.value } : {}),
    };
    // Remove's own plan (listOwnExposures, the code that ships), with the ledger entry Expose
    // writes for the portproxy (a portproxy rule carries no name, so only the record makes it ours).
    const ledger = [
      {
        port: 22,
        protocol: 'TCP' as const,
        mode: 'nat' as const,
        listenPort: 2222,
        listenAddress: '0.0.0.0',
        created: ['portproxy' as const],
        ruleNamePrefix: 'WSL Network',
        profile: 'Private' as const,
        at: 1,
      },
    ];
    const undo = renderSteps(listOwnExposures(context, ledger, 'WSL Network').flatMap((o) => o.steps));
    assert.deepEqual(
      undo.map((s) => s.script ?? s.args.join(' ')),
      [
        'interface portproxy delete v4tov4 listenport=2222 listenaddress=0.0.0.0',
        "Remove-NetFirewallRule -DisplayName 'WSL Network: UDP 5353'",
        "Remove-NetFirewallHyperVRule -Name 'WSL-Network-TCP-8080'",
      ],
    );
    await h.executeElevated(undo);
    state = (fake as FakeWindows).readState();
    assert.deepEqual([state.windows.hyperVRules, state.windows.firewallRules, state.portProxy], [[], [], []]);
  });

  it('stops at the first failing step and reports its exit code', async () => {
    const h = host();
    const error = await h
      .executeElevated([buildPortProxyDelete({ listenPort: 9999 }), buildFirewallRuleAdd({ port: 9999 })])
      .then(
        () => undefined,
        (e: unknown) => e as Error,
      );
    assert.ok(error, 'deleting a missing rule must fail');
    assert.match(error.message, /exited with code 1/);
    assert.deepEqual(
      (fake as FakeWindows).readState().windows.firewallRules,
      [],
      'the step after the failure did not run',
    );
  });

  it('running an elevated step without elevation is refused by Windows (netsh message)', async () => {
    const h = host();
    const spec = buildPortProxyAdd({ listenPort: 8080, connectAddress: '172.23.21.232' });
    const error = await h.run(spec.file, spec.args).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    assert.match(error?.message ?? '', /requires elevation \(Run as administrator\)/);
  });

  it('hostile values never reach a recorded argv or script', async () => {
    const h = host();
    const hostile = [
      '80; calc',
      '0',
      '65536',
      ' 80',
      '8e1',
      "1.2.3.4' ; calc ; '",
      '1.2.3.4 5.6.7.8',
      '$(calc)',
      '`calc`',
      'Ubuntu;calc',
    ];
    const attempts: (() => CommandSpec)[] = [];
    for (const value of hostile) {
      attempts.push(() => buildPortProxyAdd({ listenPort: value, connectAddress: '172.23.21.232' }));
      attempts.push(() => buildPortProxyAdd({ listenPort: 8080, connectAddress: value }));
      attempts.push(() => buildPortProxyDelete({ listenPort: 8080, listenAddress: value }));
      attempts.push(() => buildFirewallRuleAdd({ port: value }));
      attempts.push(() => buildFirewallRuleRemove({ port: 8080, protocol: value }));
      attempts.push(() => buildHyperVRuleAdd({ port: 8080, profile: value }));
      attempts.push(() => buildHyperVRuleRemove({ port: value }));
    }
    const built: CommandSpec[] = [];
    for (const attempt of attempts) {
      try {
        built.push(attempt());
      } catch (error) {
        assert.ok(error instanceof ValidationError);
      }
    }
    assert.deepEqual(built, [], 'every hostile value was rejected');
    for (const name of ['Ubuntu;calc', '$(calc)', '`calc`', 'x y']) {
      await assert.rejects(h.listListeningSockets(name), ValidationError);
      await assert.rejects(h.getWslAddresses(name), ValidationError);
    }
    // A legitimate run afterwards, so the log is not trivially empty.
    await h.executeElevated([buildFirewallRuleAdd({ port: 8080 })]);
    const recorded = JSON.stringify((fake as FakeWindows).calls());
    assert.ok(recorded.includes('WSL Network: TCP 8080'));
    for (const needle of ['calc', '$(', '`', '8e1', '65536', '1.2.3.4 5.6.7.8'])
      assert.ok(!recorded.includes(needle), needle);
  });
});
