// Expose / remove / repair decisions: the exact command lines per mode, refusals with an
// explanation, the Public-network warning, the custom rule prefix, and hostile input.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decideExpose, formatSteps, parsePortInput, planRepair } from '../../../client/src/model/exposure';
import { listOwnExposures, planUndoRepair } from '../../../client/src/host/exposurePlan';
import { renderSteps } from '../../../client/src/host/planSteps';
import { natContext, socket, t, WSL_IP } from './support';

const base = { profile: 'Private' as const, ruleNamePrefix: 'WSL Network' };
/** Repair's view of ownership: nothing recorded, the default prefix. */
const noLedger = { ledger: [], ruleNamePrefix: 'WSL Network' };

describe('parsePortInput', () => {
  it('accepts plain port numbers only', () => {
    assert.deepEqual(parsePortInput('8080', t), { ok: true, port: 8080 });
    assert.deepEqual(parsePortInput(' 443 ', t), { ok: true, port: 443 });
    assert.deepEqual(parsePortInput(3000, t), { ok: true, port: 3000 });
    for (const hostile of [
      '8080; Remove-Item C:\\',
      '80 && calc',
      "8080' -Action Block",
      '0',
      '65536',
      '-1',
      '8e3',
      '0x50',
      '',
      '８０８０',
      8080.5,
      null,
      undefined,
      ['80'],
    ]) {
      assert.equal(parsePortInput(hostile, t).ok, false, `accepted ${JSON.stringify(hostile)}`);
    }
  });
});

describe('decideExpose', () => {
  it('NAT: portproxy to the current WSL IP and a Private firewall rule, both elevated', () => {
    const decision = decideExpose({ ...base, port: 8080, sockets: [socket(8080)], context: natContext() }, t);
    assert.equal(decision.kind, 'plan');
    if (decision.kind !== 'plan') return;
    assert.deepEqual(
      renderSteps(decision.plan.steps).map((s) => [s.file, s.elevated, s.script ?? s.args.join(' ')]),
      [
        [
          'netsh.exe',
          true,
          `interface portproxy add v4tov4 listenport=8080 listenaddress=0.0.0.0 connectport=8080 connectaddress=${WSL_IP}`,
        ],
        [
          'powershell.exe',
          true,
          "New-NetFirewallRule -DisplayName 'WSL Network: TCP 8080' -Direction Inbound -Protocol TCP -LocalPort 8080 -Action Allow -Profile Private -RemoteAddress 'LocalSubnet'",
        ],
      ],
    );
    assert.deepEqual(decision.record.created, ['portproxy', 'firewall']);
    assert.equal(decision.record.scope, 'LocalSubnet', 'this subnet only is the default');
    assert.equal(decision.record.connectAddress, WSL_IP);
    assert.deepEqual(decision.warnings, []);
  });

  it('mirrored: one Hyper-V firewall rule for the WSL VM creator id, this subnet spelled out as a prefix', () => {
    const decision = decideExpose(
      {
        ...base,
        port: 3000,
        sockets: [socket(3000)],
        context: natContext({ mode: 'mirrored', wslIps: ['192.168.1.20'], lanSubnets: ['192.168.1.0/24'] }),
      },
      t,
    );
    assert.equal(decision.kind, 'plan');
    if (decision.kind !== 'plan') return;
    assert.equal(decision.plan.steps.length, 1);
    assert.equal(
      renderSteps(decision.plan.steps)[0]?.script,
      "New-NetFirewallHyperVRule -Name 'WSL-Network-TCP-3000' -DisplayName 'WSL Network: TCP 3000' -Direction Inbound -VMCreatorId '{40E0AC32-46A5-438A-A0B2-2B479E8F2E90}' -Protocol TCP -LocalPorts 3000 -Action Allow -Profiles Private -RemoteAddresses '192.168.1.0/24'",
    );
    assert.deepEqual(decision.record.created, ['hyperv']);
  });

  it('uses the configured rule name prefix and profile', () => {
    const decision = decideExpose(
      { port: 8080, profile: 'Domain', ruleNamePrefix: 'Dev Box', sockets: [socket(8080)], context: natContext() },
      t,
    );
    assert.equal(decision.kind, 'plan');
    if (decision.kind !== 'plan') return;
    assert.match(
      renderSteps(decision.plan.steps)[1]?.script ?? '',
      /-DisplayName 'Dev Box: TCP 8080' .* -Profile Domain -RemoteAddress 'LocalSubnet'$/,
    );
  });

  it('refuses a loopback-only service and says how to bind 0.0.0.0', () => {
    const decision = decideExpose(
      { ...base, port: 5173, sockets: [socket(5173, '127.0.0.1')], context: natContext() },
      t,
    );
    assert.equal(decision.kind, 'bound-locally');
    assert.match(decision.kind === 'bound-locally' ? decision.message : '', /127\.0\.0\.1 only .*0\.0\.0\.0/);
  });

  it('warns when nothing listens yet, and when the active network is Public', () => {
    const context = natContext({
      connectionProfiles: [
        {
          name: 'Cafe',
          interfaceAlias: 'Wi-Fi',
          interfaceIndex: 3,
          networkCategory: 'Public',
          ipv4Connectivity: 'Internet',
        },
      ],
    });
    const decision = decideExpose({ ...base, port: 9000, sockets: [], context }, t);
    assert.equal(decision.kind, 'plan');
    if (decision.kind !== 'plan') return;
    assert.equal(decision.warnings.length, 2);
    assert.match(decision.warnings[0] ?? '', /Nothing listens on TCP port 9000/);
    assert.match(decision.warnings[1] ?? '', /Cafe \(Wi-Fi\) is Public, but the rule is for the Private profile/);
  });

  it('says so when the port is already reachable, and when no distro runs', () => {
    const context = natContext({
      portProxies: [
        { kind: 'v4tov4', listenAddress: '0.0.0.0', listenPort: 8080, connectAddress: WSL_IP, connectPort: 8080 },
      ],
      firewallRules: [
        {
          name: 'x',
          displayName: 'Dev',
          enabled: true,
          direction: 'Inbound',
          action: 'Allow',
          profiles: ['Private'],
          protocol: 'TCP',
          localPorts: ['8080'],
          program: 'Any',
        },
      ],
    });
    assert.equal(decideExpose({ ...base, port: 8080, sockets: [socket(8080)], context }, t).kind, 'already');
    assert.equal(decideExpose({ ...base, port: 8080, sockets: [], context: undefined }, t).kind, 'unavailable');
  });

  it('refuses when the socket list or the effective mode could not be read (no guessing)', () => {
    assert.equal(
      decideExpose({ ...base, port: 8080, sockets: [], context: natContext(), socketsError: 'exit code 1' }, t).kind,
      'unavailable',
    );
    assert.equal(
      decideExpose({ ...base, port: 8080, sockets: [socket(8080)], context: natContext(), modeUnknown: true }, t).kind,
      'unavailable',
    );
  });

  it('NAT cannot forward UDP', () => {
    const decision = decideExpose(
      {
        ...base,
        port: 5353,
        protocol: 'UDP',
        sockets: [socket(5353, '0.0.0.0', { protocol: 'udp', table: 'udp' })],
        context: natContext(),
      },
      t,
    );
    assert.equal(decision.kind, 'infeasible');
  });
});

describe('listOwnExposures', () => {
  it('lists only our rules (by record or prefix) and removes portproxy before firewall', () => {
    const context = natContext({
      portProxies: [
        { kind: 'v4tov4', listenAddress: '0.0.0.0', listenPort: 8080, connectAddress: WSL_IP, connectPort: 8080 },
        { kind: 'v4tov4', listenAddress: '0.0.0.0', listenPort: 2222, connectAddress: WSL_IP, connectPort: 22 },
      ],
      firewallRules: [
        {
          name: 'a',
          displayName: 'WSL Network: TCP 8080',
          enabled: true,
          direction: 'Inbound',
          action: 'Allow',
          profiles: ['Private'],
          protocol: 'TCP',
          localPorts: ['8080'],
          program: 'Any',
        },
        {
          name: 'b',
          displayName: 'Somebody else: TCP 2222',
          enabled: true,
          direction: 'Inbound',
          action: 'Allow',
          profiles: ['Private'],
          protocol: 'TCP',
          localPorts: ['2222'],
          program: 'Any',
        },
      ],
    });
    const own = listOwnExposures(context, [], 'WSL Network');
    assert.equal(own.length, 1);
    assert.equal(own[0]?.port, 8080);
    assert.deepEqual(
      renderSteps(own[0]?.steps ?? []).map((s) => s.script ?? `${s.file} ${s.args.join(' ')}`),
      [
        'netsh.exe interface portproxy delete v4tov4 listenport=8080 listenaddress=0.0.0.0',
        "Remove-NetFirewallRule -DisplayName 'WSL Network: TCP 8080'",
      ],
    );
  });

  it('undoes a recorded mirrored exposure with the prefix it was created with', () => {
    const context = natContext({
      mode: 'mirrored',
      hyperVRules: [
        {
          name: 'Dev-Box-TCP-3000',
          displayName: 'Dev Box: TCP 3000',
          enabled: true,
          direction: 'Inbound',
          action: 'Allow',
          vmCreatorId: '{40E0AC32-46A5-438A-A0B2-2B479E8F2E90}',
          protocol: 'TCP',
          localPorts: ['3000'],
          profiles: ['Private'],
        },
      ],
    });
    const ledger = [
      {
        port: 3000,
        protocol: 'TCP' as const,
        mode: 'mirrored' as const,
        listenPort: 3000,
        created: ['hyperv' as const],
        ruleNamePrefix: 'Dev Box',
        profile: 'Private' as const,
        at: 1,
      },
    ];
    const own = listOwnExposures(context, ledger, 'WSL Network');
    assert.deepEqual(
      renderSteps(own[0]?.steps ?? []).map((s) => s.script),
      ["Remove-NetFirewallHyperVRule -Name 'Dev-Box-TCP-3000'"],
    );
    assert.equal(own[0]?.recorded, true);
  });
});

describe('planRepair and formatSteps', () => {
  it('re-points stale rules and shows each command with its description', () => {
    const plan = planRepair(
      natContext({
        portProxies: [
          { kind: 'v4tov4', listenAddress: '0.0.0.0', listenPort: 2222, connectAddress: '172.20.1.5', connectPort: 22 },
        ],
      }),
      noLedger,
    );
    assert.equal(plan.feasible, true);
    assert.deepEqual(renderSteps(plan.steps)[0]?.args, [
      'interface',
      'portproxy',
      'add',
      'v4tov4',
      'listenport=2222',
      'listenaddress=0.0.0.0',
      'connectport=22',
      `connectaddress=${WSL_IP}`,
    ]);
    const text = formatSteps(plan.steps, t);
    assert.match(text, /^1\. Forward Windows 0\.0\.0\.0:2222 to WSL 172\.23\.21\.232:22/);
    assert.match(text, /netsh\.exe interface portproxy add v4tov4 listenport=2222/);
    assert.match(text, /one Windows UAC prompt/);
    assert.equal(planRepair(undefined, noLedger).feasible, false);
  });
});

describe('planUndoRepair', () => {
  const stale = {
    kind: 'v4tov4' as const,
    listenAddress: '0.0.0.0',
    listenPort: 2222,
    connectAddress: '172.20.1.5',
    connectPort: 22,
  };
  const other = {
    kind: 'v4tov4' as const,
    listenAddress: '0.0.0.0',
    listenPort: 8080,
    connectAddress: '172.20.1.5',
    connectPort: 8080,
  };

  it('records what a repair re-points, and undoing points each rule back', () => {
    const repair = planRepair(natContext({ portProxies: [stale, other] }), noLedger);
    assert.deepEqual(repair.repointed, [
      { listenAddress: '0.0.0.0', listenPort: 2222, connectPort: 22, from: '172.20.1.5', to: WSL_IP, ours: false },
      { listenAddress: '0.0.0.0', listenPort: 8080, connectPort: 8080, from: '172.20.1.5', to: WSL_IP, ours: false },
    ]);
    const afterRepair = [stale, other].map((rule) => ({ ...rule, connectAddress: WSL_IP }));
    const undo = planUndoRepair(repair.repointed ?? [], afterRepair);
    assert.equal(undo.feasible, true);
    assert.deepEqual(
      renderSteps(undo.steps).map((s) => [s.elevated, s.args.join(' ')]),
      [
        [
          true,
          'interface portproxy add v4tov4 listenport=2222 listenaddress=0.0.0.0 connectport=22 connectaddress=172.20.1.5',
        ],
        [
          true,
          'interface portproxy add v4tov4 listenport=8080 listenaddress=0.0.0.0 connectport=8080 connectaddress=172.20.1.5',
        ],
      ],
    );
    assert.deepEqual(undo.notes, []);
  });

  it('repairs only the rule picked in the ports view, and records only that one', () => {
    const repair = planRepair(natContext({ portProxies: [stale, other] }), noLedger, {
      listenAddress: '0.0.0.0',
      listenPort: 8080,
    });
    assert.deepEqual(
      renderSteps(repair.steps).map((s) => s.args.join(' ')),
      [
        `interface portproxy add v4tov4 listenport=8080 listenaddress=0.0.0.0 connectport=8080 connectaddress=${WSL_IP}`,
      ],
    );
    assert.deepEqual(
      repair.repointed?.map((r) => r.listenPort),
      [8080],
    );
  });

  it('leaves alone a rule deleted or changed since the repair', () => {
    const repointed = planRepair(natContext({ portProxies: [stale, other] }), noLedger).repointed ?? [];
    const undo = planUndoRepair(repointed, [{ ...other, connectAddress: '10.0.0.9' }]);
    assert.equal(undo.feasible, false);
    assert.deepEqual(undo.steps, []);
    assert.deepEqual(undo.notes, [
      '0.0.0.0:2222: the rule no longer exists; nothing to put back.',
      '0.0.0.0:8080: changed since the repair (now 10.0.0.9:8080); left alone.',
    ]);
  });

  it('never builds a command from a recorded address that is not IPv4', () => {
    const tampered = [
      { listenAddress: '0.0.0.0', listenPort: 2222, connectPort: 22, from: '1.2.3.4; calc', to: WSL_IP },
    ];
    const undo = planUndoRepair(tampered, [{ ...stale, connectAddress: WSL_IP }]);
    assert.deepEqual(undo.steps, []);
    assert.match(undo.notes[0] ?? '', /not an IPv4 address; left alone/);
  });
});
