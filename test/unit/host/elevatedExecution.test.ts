// Every builder's command, run through the elevation wrapper against the stand-in
// executables (the wrapper's pure parts: elevationScripts.test.ts): the fakes accept exactly what we generate, the state changes as Windows'
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
import {
  ELEVATED_EXIT_MARKER,
  splitElevatedBatches,
  StepsFailedError,
  windowsCommandLineLength,
  WINDOWS_COMMAND_LINE_LIMIT,
} from '../../../client/src/host/elevation';
import { listOwnExposures } from '../../../client/src/host/exposurePlan';
import { HostCommandError } from '../../../client/src/host/processRunner';
import { renderSteps } from '../../../client/src/host/planSteps';
import { ValidationError } from '../../../client/src/host/validators';
import { WslHost } from '../../../client/src/host/wslHost';
import { createFakeWindows, type FakeStateInput, type FakeWindows } from '../../fakes/fakeWindows';
import { fakeEnvironment } from './testSupport';

let fake: FakeWindows | undefined;
afterEach(() => fake?.dispose());

function host(state: FakeStateInput = {}): WslHost {
  fake = createFakeWindows({ state });
  return new WslHost({
    environment: fakeEnvironment({ platform: 'win32', env: fake.env }),
    windowsToolsDir: fake.binDir,
  });
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
    assert.ok(error instanceof StepsFailedError, 'deleting a missing rule must fail');
    assert.deepEqual([error.completed, error.failedStep, error.failedExitCode], [0, 0, 1]);
    assert.match(
      error.message,
      /step 1 of 2 failed \(exit code 1\): Remove the portproxy rule listening on 0\.0\.0\.0:9999/,
    );
    assert.deepEqual(
      (fake as FakeWindows).readState().windows.firewallRules,
      [],
      'the step after the failure did not run',
    );
  });

  it('running an elevated step without elevation is refused by Windows (netsh message)', async () => {
    const h = host();
    const spec = buildPortProxyAdd({ listenPort: 8080, connectAddress: '172.23.21.232' });
    const error = await h.windowsTool(spec.file, spec.args).then(
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

const WSL_IP = '172.23.21.232';
const rejection = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => assert.fail('expected a failure'),
    (e: unknown) => e,
  );

describe('partial elevated failures are reported step by step', () => {
  const expose = (): CommandSpec[] => [
    buildPortProxyAdd({ listenPort: 8080, connectAddress: WSL_IP }),
    buildFirewallRuleAdd({ port: 8080 }),
    buildHyperVRuleAdd({ port: 8080 }),
  ];

  it('a firewall step failing half-way: the portproxy step is reported finished, the Hyper-V step not run', async () => {
    const policy = 'The rule could not be created: blocked by Group Policy.';
    const h = host({ windows: { failCmdlets: { 'New-NetFirewallRule': policy } } });
    const error = await rejection(h.executeElevated(expose()));
    assert.ok(error instanceof StepsFailedError, String(error));
    assert.equal(error.failure, 'steps-failed');
    assert.deepEqual([error.completed, error.failedStep, error.failedExitCode, error.declined], [1, 1, 1, false]);
    assert.match(error.message, /step 2 of 3 failed \(exit code 1\): Allow inbound TCP 8080 in the Windows firewall/);
    const state = (fake as FakeWindows).readState();
    assert.equal(state.portProxy.length, 1, 'the portproxy rule stays in place');
    assert.deepEqual([state.windows.firewallRules, state.windows.hyperVRules], [[], []]);
    // The launcher handed the elevated exit code over on stdout (step 2, its exit code 1).
    assert.ok(error.stdout.includes(`${ELEVATED_EXIT_MARKER}200001`), error.stdout);
  });

  it('"declined" only when the UAC prompt was declined and no step ran', async () => {
    const h = host({ windows: { uac: 'decline' } });
    const error = await rejection(h.executeElevated(expose()));
    assert.ok(error instanceof HostCommandError && !(error instanceof StepsFailedError));
    assert.equal(error.failure, 'elevation-canceled');
    assert.deepEqual((fake as FakeWindows).readState().portProxy, []);
  });

  it('a failure of the first step is a step failure, not "declined"', async () => {
    const h = host({ windows: { failCmdlets: { 'New-NetFirewallRule': 'The operation was canceled.' } } });
    const error = await rejection(h.executeElevated([buildFirewallRuleAdd({ port: 8080 })]));
    assert.ok(error instanceof StepsFailedError);
    assert.notEqual(error.failure, 'elevation-canceled');
    assert.deepEqual([error.completed, error.failedStep], [0, 0]);
  });
});

describe('long elevated runs fit the Windows command line', () => {
  it('a repair of 200 rules is split into batches under 32,767 characters, and every rule is handled', async () => {
    const h = host();
    const steps = Array.from({ length: 200 }, (_, i) =>
      buildPortProxyAdd({ listenPort: 20000 + i, connectAddress: WSL_IP }),
    );
    const batches = splitElevatedBatches(steps, h.tools.windowsPath);
    assert.ok(batches.length > 1, 'one launcher for 200 rules would exceed the limit');
    assert.deepEqual(batches.flat(), steps, 'order kept, nothing lost');
    assert.equal(h.elevatedBatchCount(steps), batches.length);
    await h.executeElevated(steps);
    const launchers = (fake as FakeWindows).calls().filter((c) => c.tool === 'powershell.exe' && !c.elevated);
    assert.equal(launchers.length, batches.length, 'one UAC prompt per batch');
    for (const call of (fake as FakeWindows).calls().filter((c) => c.tool === 'powershell.exe')) {
      const length = windowsCommandLineLength(h.tools.windowsPath('powershell.exe'), call.argv);
      assert.ok(length < WINDOWS_COMMAND_LINE_LIMIT, `command line of ${length} characters`);
    }
    const ports = (fake as FakeWindows)
      .readState()
      .portProxy.map((r) => r.listenPort)
      .sort((a, b) => a - b);
    assert.deepEqual(
      ports,
      steps.map((_, i) => 20000 + i),
    );
  });

  it('a batch failing after earlier batches ran reports the earlier batches as finished', async () => {
    const h = host();
    const steps = Array.from({ length: 120 }, (_, i) =>
      buildPortProxyAdd({ listenPort: 20000 + i, connectAddress: WSL_IP }),
    );
    const batches = splitElevatedBatches(steps, h.tools.windowsPath);
    const first = (batches[0] as CommandSpec[]).length;
    steps.splice(first + 2, 0, buildPortProxyDelete({ listenPort: 9999 })); // fails: no such rule
    const error = await rejection(h.executeElevated(steps));
    assert.ok(error instanceof StepsFailedError, String(error));
    assert.deepEqual([error.completed, error.failedStep], [first + 2, first + 2]);
    assert.equal((fake as FakeWindows).readState().portProxy.length, first + 2);
  });
});
