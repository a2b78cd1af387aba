/**
 * Command safety, end to end: hostile values (shell and PowerShell metacharacters, option-looking
 * names, line breaks, look-alike digits, out-of-range numbers) are refused by the host layer's public
 * API with a clear ValidationError, and never reach a command line: the stand-in Windows executables
 * (test/fakes) record every argv and decoded PowerShell script in calls.jsonl, which must not contain
 * any of them. Extends test/unit/host/commandBuilders.test.ts (validator tables, builders one by one)
 * and elevatedExecution.test.ts (a first hostile list through executeElevated): here every API entry
 * that takes outside input is driven through WslHost.execute / executeElevated / linuxCommand, the
 * exposure planner, the rule name prefix, and the second line of defence in the elevation wrapper.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import '../fuzz/fastCheckSeed';
import {
  buildFirewallRuleAdd,
  buildFirewallRuleRemove,
  buildHyperVRuleAdd,
  buildHyperVRuleRemove,
  buildPortProxyAdd,
  buildPortProxyDelete,
  buildWslTerminate,
  psQuote,
  type CommandSpec,
} from '../../client/src/host/commandBuilders';
import { buildElevatedCommand, buildElevatedScript } from '../../client/src/host/elevation';
import { WINDOWS_TOOL_NAMES } from '../../client/src/host/windowsTools';
import { listOwnExposures, planExposeToLan } from '../../client/src/host/exposurePlan';
import { renderSteps } from '../../client/src/host/planSteps';
import type { ListeningSocket } from '../../client/src/host/hostTypes';
import type { NetworkContext } from '../../client/src/host/reachability';
import { validateDistroName, validateIPv4, validatePort, ValidationError } from '../../client/src/host/validators';
import { WslHost } from '../../client/src/host/wslHost';
import { createFakeWindows, type FakeCall, type FakeWindows } from '../fakes/fakeWindows';
import { fakeEnvironment } from './host/testSupport';

const PORTS: unknown[] = [
  '80; calc',
  '80;calc',
  '80&&calc',
  '80 && calc',
  '80|calc',
  '80`calc`',
  '$(id)',
  '0',
  '00000',
  '65536',
  '99999',
  '8080 ',
  ' 8080',
  '8080\n',
  '8080\r\nRemove-Item C:\\',
  '80\0',
  '0x50',
  '0b1010',
  '0o120',
  '1e3',
  '-1',
  '+80',
  '80.0',
  '80,81',
  '80-81',
  "'80'",
  '"80"',
  '\uff18\uff10', // fullwidth "80"
  '\u0668\u0660', // Arabic-Indic "80"
  '',
  0,
  -1,
  65536,
  80.5,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  2 ** 53,
  null,
  undefined,
  true,
  ['80'],
  { toString: () => '80' },
];

const ADDRESSES: unknown[] = [
  '172.23.21.232 ',
  ' 172.23.21.232',
  '172.23.21.232 & calc',
  '172.23.21.232;calc',
  '172.23.21.232|calc',
  "172.23.21.232' -Verb RunAs '",
  '172.23.21.232"',
  '172.23.21.232\n',
  '172.23.21.232\r\nnetsh advfirewall reset',
  '$(id)',
  '`id`',
  '1.2.3.4 5.6.7.8',
  '0x7f.0.0.1',
  '127.1',
  '01.2.3.4',
  '1.2.3.4/24',
  '::ffff:1.2.3.4',
  '256.0.0.1',
  '\uff11.2.3.4',
  '',
  1234,
  null,
];

const DISTROS: unknown[] = [
  'Ubuntu; calc',
  'Ubuntu && calc',
  'Ubuntu|calc',
  'Ubuntu>out',
  'Ubuntu<in',
  'Ubuntu&',
  'Ubuntu\ncalc',
  'Ubuntu\r',
  'Ubuntu\0',
  'Ubuntu ',
  'Ubuntu\t',
  '$(id)',
  '${IFS}id',
  'Ub`id`',
  "Ub'untu",
  'Ub"untu',
  '%PATH%',
  '^calc',
  '!calc',
  'a*',
  'a?',
  '~root',
  '../../etc',
  'C:\\Windows',
  '-e',
  '--exec',
  '--shutdown',
  '-d',
  '\u00dcbuntu',
  '',
  'a'.repeat(257),
  42,
  null,
];

const PREFIXES: unknown[] = [
  "WSL'; calc; '",
  'WSL\ncalc',
  'WSL$(id)',
  'WSL`id`',
  'WSL"x',
  ' WSL',
  'WSL ',
  '-WSL',
  'a'.repeat(41),
  '',
  'WSL;x',
  'WSL:x',
];

/** Substrings of the hostile values that must never appear in a recorded argv or script. */
const NEEDLES = [
  'calc',
  '$(',
  '`',
  '&&',
  '|',
  '>out',
  '<in',
  '${IFS}',
  '%PATH%',
  '^',
  'Remove-Item',
  'advfirewall',
  "-Verb RunAs '",
  '\uff18',
  '\u0668',
  '0x',
  '1e3',
  '65536',
];

const SOCKET: ListeningSocket = {
  protocol: 'tcp',
  family: 4,
  address: '0.0.0.0',
  port: 8080,
  inode: 1,
  uid: 1000,
  pid: undefined,
  processName: undefined,
  table: 'tcp',
};
const NAT: NetworkContext = { mode: 'nat', wslIps: ['172.23.21.232'], portProxies: [], firewallRules: [] };

/** Runs `attempt`; it must throw a ValidationError whose message quotes the value on one line. */
function assertRejected(attempt: () => unknown, label: string): ValidationError {
  let error: unknown;
  try {
    attempt();
  } catch (e) {
    error = e;
  }
  assert.ok(
    error instanceof ValidationError,
    `${label}: expected a ValidationError, got ${error === undefined ? 'no error' : String(error)}`,
  );
  assert.ok(error.message.length > 10, `${label}: the message explains the problem`);
  assert.doesNotMatch(error.message, /[\r\n\0]/, `${label}: the message cannot break a log line`);
  return error;
}

async function assertRejectedAsync(attempt: () => Promise<unknown>, label: string): Promise<void> {
  await assert.rejects(attempt, (error: unknown) => {
    assert.ok(error instanceof ValidationError, `${label}: expected a ValidationError, got ${String(error)}`);
    assert.doesNotMatch(error.message, /[\r\n\0]/, label);
    return true;
  });
}

const show = (value: unknown): string => (typeof value === 'string' ? JSON.stringify(value) : String(value));

describe('command safety through the host layer and the stand-in executables', () => {
  let fake: FakeWindows;
  let host: WslHost;
  before(() => {
    fake = createFakeWindows();
    host = new WslHost({
      environment: fakeEnvironment({ platform: 'win32', env: fake.env }),
      windowsToolsDir: fake.binDir,
    });
  });
  after(() => fake.dispose());

  it('refuses hostile ports in every builder and in the exposure planner, naming the value', async () => {
    for (const port of PORTS) {
      const label = `port ${show(port)}`;
      const attempts: [string, () => CommandSpec | unknown][] = [
        ['portproxy add listen', () => buildPortProxyAdd({ listenPort: port, connectAddress: '172.23.21.232' })],
        ['portproxy delete', () => buildPortProxyDelete({ listenPort: port })],
        ['firewall add', () => buildFirewallRuleAdd({ port })],
        ['firewall remove', () => buildFirewallRuleRemove({ port })],
        ['hyper-v add', () => buildHyperVRuleAdd({ port })],
        ['hyper-v remove', () => buildHyperVRuleRemove({ port })],
      ];
      // undefined and null mean "the default" for optional ports: the listen port, the socket's own port.
      if (port !== undefined && port !== null) {
        attempts.push([
          'portproxy add connect',
          () => buildPortProxyAdd({ listenPort: 8080, connectPort: port, connectAddress: '172.23.21.232' }),
        ]);
        attempts.push(['expose (NAT listen port)', () => planExposeToLan(SOCKET, NAT, { listenPort: port as number })]);
      }
      for (const [what, attempt] of attempts) {
        const error = assertRejected(attempt, `${what}: ${label}`);
        assert.match(error.message, /port/i, `${what}: ${label}: the message says what was wrong`);
      }
      // Anything that could still be built would go through execute(); nothing may have been built.
      await assertRejectedAsync(async () => host.execute(buildFirewallRuleAdd({ port })), `execute: ${label}`);
    }
  });

  it('refuses hostile addresses as connect, listen and target addresses', async () => {
    for (const address of ADDRESSES) {
      const label = `address ${show(address)}`;
      assertRejected(() => buildPortProxyAdd({ listenPort: 8080, connectAddress: address }), `connect ${label}`);
      if (address !== null) {
        // null means "the default listen address, 0.0.0.0".
        assertRejected(
          () => buildPortProxyAdd({ listenPort: 8080, connectAddress: '172.23.21.232', listenAddress: address }),
          `listen ${label}`,
        );
        assertRejected(() => buildPortProxyDelete({ listenPort: 8080, listenAddress: address }), `delete ${label}`);
      }
      if (typeof address === 'string' && address !== '') {
        assertRejected(() => planExposeToLan(SOCKET, NAT, { targetIp: address }), `expose target ${label}`);
      }
      await assertRejectedAsync(
        async () => host.executeElevated([buildPortProxyAdd({ listenPort: 8080, connectAddress: address })]),
        `executeElevated ${label}`,
      );
    }
  });

  it('refuses hostile distro names before wsl.exe is started', async () => {
    for (const distro of DISTROS) {
      const label = `distro ${show(distro)}`;
      assert.equal(validateDistroName(distro).ok, false, label);
      assertRejected(() => buildWslTerminate(distro), `terminate ${label}`);
      if (typeof distro !== 'string' || distro === '') continue; // '' and non-strings mean "default distro" to the API
      await assertRejectedAsync(() => host.linuxCommand(distro, 'ls', ['/']), `linuxCommand ${label}`);
      await assertRejectedAsync(() => host.listListeningSockets(distro), `listListeningSockets ${label}`);
      await assertRejectedAsync(() => host.getNetworkingMode(distro), `getNetworkingMode ${label}`);
      await assertRejectedAsync(() => host.getWslAddresses(distro), `getWslAddresses ${label}`);
    }
  });

  it('refuses hostile protocols, profiles and rule name prefixes', async () => {
    for (const protocol of ["TCP'; calc; '", 'TCP\n', 'tcp ', 'ICMP', '', '$(id)', 6]) {
      assertRejected(() => buildFirewallRuleAdd({ port: 8080, protocol }), `protocol ${show(protocol)}`);
      assertRejected(() => buildHyperVRuleRemove({ port: 8080, protocol }), `protocol ${show(protocol)}`);
    }
    for (const profile of [
      'Private -Action Block',
      'Private;calc',
      "Private'",
      'Private\n',
      'Privat',
      '',
      'Any,Public',
    ]) {
      assertRejected(() => buildFirewallRuleAdd({ port: 8080, profile }), `profile ${show(profile)}`);
      assertRejected(() => buildHyperVRuleAdd({ port: 8080, profile }), `profile ${show(profile)}`);
    }
    for (const ruleNamePrefix of PREFIXES) {
      const label = `prefix ${show(ruleNamePrefix)}`;
      assertRejected(() => buildFirewallRuleAdd({ port: 8080, ruleNamePrefix }), label);
      assertRejected(() => buildHyperVRuleAdd({ port: 8080, ruleNamePrefix }), label);
      assertRejected(() => buildHyperVRuleRemove({ port: 8080, ruleNamePrefix }), label);
      assertRejected(
        () => planExposeToLan(SOCKET, { mode: 'mirrored', wslIps: [] }, { ruleNamePrefix: ruleNamePrefix as string }),
        `mirrored expose ${label}`,
      );
      const withRule: NetworkContext = {
        ...NAT,
        firewallRules: [{ displayName: `${String(ruleNamePrefix)}: TCP 8080` } as never],
      };
      // Remove (listOwnExposures, the code that ships) only removes rules it recognises; a hostile
      // prefix, from the setting or from a tampered ledger, must never become a command.
      try {
        const ledger = [
          {
            port: 8080,
            protocol: 'TCP' as const,
            mode: 'nat' as const,
            listenPort: 8080,
            created: ['firewall' as const],
            ruleNamePrefix: ruleNamePrefix as string,
            profile: 'Private' as const,
            at: 1,
          },
        ];
        for (const own of [
          listOwnExposures(withRule, [], ruleNamePrefix as string),
          listOwnExposures(withRule, ledger, 'WSL Network'),
        ]) {
          const steps = renderSteps(own.flatMap((o) => o.steps));
          assert.ok(
            steps.every((s) => !JSON.stringify(s).includes(String(ruleNamePrefix))),
            label,
          );
        }
      } catch (error) {
        assert.ok(error instanceof ValidationError, label);
      }
      await assertRejectedAsync(
        async () => host.execute(buildHyperVRuleAdd({ port: 8080, ruleNamePrefix })),
        `execute ${label}`,
      );
    }
  });

  it('keeps the second line of defence: hand-made specs with line breaks or double quotes cannot be elevated', () => {
    const handMade: CommandSpec[] = [
      { file: 'netsh.exe', args: ['interface', 'portproxy', 'show', 'all\ncalc'], elevated: true, description: 'x' },
      { file: 'netsh.exe', args: ['interface\r\nRemove-Item C:\\'], elevated: true, description: 'x' },
      { file: 'netsh.exe\0calc', args: [], elevated: true, description: 'x' },
      { file: 'powershell.exe', args: [], elevated: true, description: 'x', script: 'Get-Date\ncalc' },
      { file: 'powershell.exe', args: [], elevated: true, description: 'x', script: 'Get-Date "$(calc)"' },
    ];
    for (const spec of handMade) {
      assertRejected(() => buildElevatedScript([spec], host.tools.windowsPath), JSON.stringify(spec));
      assertRejected(() => buildElevatedCommand([spec], host.tools.windowsPath), JSON.stringify(spec));
    }
    // Single quotes are doubled inside PowerShell literals, so they cannot end the literal.
    assert.equal(psQuote("a' ; calc ; '"), "'a'' ; calc ; '''");
    for (const bad of ['a\r', 'a\0', '\n']) assertRejected(() => psQuote(bad), `psQuote ${JSON.stringify(bad)}`);
  });

  it('accepts exactly the plain shapes (property), so nothing hostile can pass a validator', () => {
    const shellish = fc.string({
      unit: fc.constantFrom(...'0123456789.;&|`$()<>\'" \t\n\r\0-+xe:/\\abcZ%^!*?~'.split('')),
      maxLength: 24,
    });
    fc.assert(
      fc.property(shellish, (text) => {
        const port = validatePort(text);
        if (port.ok) assert.match(text, /^[0-9]{1,5}$/);
        const ip = validateIPv4(text);
        if (ip.ok) assert.match(text, /^[0-9]{1,3}(\.[0-9]{1,3}){3}$/);
        const distro = validateDistroName(text);
        if (distro.ok) assert.match(text, /^[A-Za-z0-9._][A-Za-z0-9._-]*$/);
        for (const result of [port, ip, distro]) if (!result.ok) assert.doesNotMatch(result.error, /[\r\n\0]/);
      }),
      { numRuns: 3000 },
    );
  });

  it('runs the legitimate commands, and calls.jsonl holds none of the hostile values', async () => {
    // Legitimate runs through the same paths, so the log is not trivially clean.
    await host.execute(buildFirewallRuleAdd({ port: 8080 }));
    await host.execute(buildPortProxyAdd({ listenPort: 8080, connectAddress: '172.23.21.232' }));
    await host.executeElevated([
      buildHyperVRuleAdd({ port: '8081', protocol: 'udp', profile: 'public' }),
      buildPortProxyDelete({ listenPort: 8080 }),
    ]);
    await host.execute(buildWslTerminate('Ubuntu-24.04')).catch(() => undefined); // the fake has no such distro; only the argv matters
    const plan = planExposeToLan(SOCKET, NAT);
    assert.ok(plan.feasible && plan.steps.length > 0);
    await host.executeElevated(renderSteps(plan.steps));

    const calls: FakeCall[] = fake.calls();
    assert.ok(calls.length >= 5, `expected the legitimate calls to be recorded, got ${calls.length}`);
    // The launcher carries the elevated script as base64 (checked decoded, in `script`); its letters are not text.
    const recorded = calls
      .flatMap((call) => [call.tool, ...call.argv, call.script ?? ''])
      .map((text) => text.replace(/'-EncodedCommand','[A-Za-z0-9+/=]+'/g, "'-EncodedCommand','<base64>'"));
    assert.ok(recorded.some((text) => text.includes('WSL Network: TCP 8080')));
    assert.ok(recorded.some((text) => text.includes("'--terminate' 'Ubuntu-24.04'") || text === 'Ubuntu-24.04'));
    for (const text of recorded) {
      for (const needle of NEEDLES)
        assert.ok(!text.includes(needle), `${JSON.stringify(needle)} reached a command line: ${JSON.stringify(text)}`);
      // Line breaks only as the elevated script's own statement separators.
      if (!text.startsWith("$ErrorActionPreference = 'Stop'"))
        assert.doesNotMatch(text, /[\r\n\0]/, `line break in ${JSON.stringify(text)}`);
    }
    // Our own absolute System32 paths (C:\Windows\System32\…) are not a distro value that leaked.
    let raw = JSON.stringify(calls);
    for (const tool of WINDOWS_TOOL_NAMES)
      raw = raw.split(JSON.stringify(host.tools.windowsPath(tool)).slice(1, -1)).join('<System32 tool>');
    for (const distro of DISTROS)
      if (typeof distro === 'string' && distro.length > 2 && distro !== 'Ubuntu ')
        assert.ok(!raw.includes(JSON.stringify(distro).slice(1, -1)), show(distro));
  });
});
