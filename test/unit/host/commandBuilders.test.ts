import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import '../../fuzz/fastCheckSeed';
import {
  buildFirewallRuleAdd,
  buildFirewallRuleRemove,
  buildHyperVRuleAdd,
  buildHyperVRuleRemove,
  buildPortProxyAdd,
  buildPortProxyDelete,
  buildWslShutdown,
  buildWslTerminate,
  psQuote,
} from '../../../client/src/host/commandBuilders';
import {
  buildElevatedCommand,
  buildElevatedScript,
  decodePowerShellCommand,
  ELEVATION_CANCELED_EXIT_CODE,
} from '../../../client/src/host/elevation';
import {
  hyperVRuleName,
  parseRuleDisplayName,
  ruleDisplayName,
  RULE_NAME_PREFIX,
} from '../../../client/src/host/ruleNaming';
import { validateDistroName, validateIPv4, validatePort, ValidationError } from '../../../client/src/host/validators';
import { resolveWindowsTools } from '../../../client/src/host/windowsTools';
import { fakeEnvironment } from './testSupport';

describe('validators', () => {
  it('validatePort: digits only, 1-65535', () => {
    for (const good of ['1', '80', '8080', '65535', 443]) assert.equal(validatePort(good).ok, true, String(good));
    for (const bad of [
      '80; calc',
      '0',
      '65536',
      ' 80',
      '80 ',
      '8e1',
      '+80',
      '-1',
      '0x50',
      '',
      '١٢٣',
      80.5,
      NaN,
      null,
      undefined,
      '123456',
      '80\n',
    ]) {
      assert.equal(validatePort(bad).ok, false, JSON.stringify(bad));
    }
    assert.deepEqual(validatePort('0080'), { ok: true, value: 80 });
  });

  it('validatePort agrees with a plain definition for every string (property)', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const expected = /^[0-9]{1,5}$/.test(text) && Number(text) >= 1 && Number(text) <= 65535;
        return validatePort(text).ok === expected;
      }),
    );
    fc.assert(fc.property(fc.integer({ min: 1, max: 65535 }), (port) => validatePort(String(port)).ok));
  });

  it('validateIPv4: dotted quads only', () => {
    for (const good of ['0.0.0.0', '172.23.21.232', '255.255.255.255', '10.0.0.1'])
      assert.equal(validateIPv4(good).ok, true, good);
    for (const bad of [
      '256.1.1.1',
      '1.2.3',
      '1.2.3.4.5',
      '01.2.3.4',
      '1.2.3.4 ',
      ' 1.2.3.4',
      '1.2.3.4; calc',
      "1.2.3.4'",
      '1.2.3.4"',
      '::1',
      'localhost',
      '1.2.3.4\n',
      '$(id)',
    ]) {
      assert.equal(validateIPv4(bad).ok, false, JSON.stringify(bad));
    }
  });

  it("validateDistroName: WSL's own pattern", () => {
    for (const good of ['Ubuntu-24.04', 'docker-desktop', 'my_distro.v2', 'a'.repeat(256)])
      assert.equal(validateDistroName(good).ok, true);
    for (const bad of [
      'Ubuntu; calc',
      '$(reboot)',
      '`id`',
      'a b',
      "x'y",
      'x"y',
      '',
      'a'.repeat(257),
      '../etc',
      'Ubuntu\n',
      'Ubuntu|x',
      '-d',
      '--shutdown',
    ]) {
      assert.equal(validateDistroName(bad).ok, false, JSON.stringify(bad));
    }
  });
});

describe('rule naming', () => {
  it('uses the WSL Network prefix and parses back', () => {
    assert.equal(RULE_NAME_PREFIX, 'WSL Network');
    assert.equal(ruleDisplayName('TCP', 8080), 'WSL Network: TCP 8080');
    assert.equal(hyperVRuleName('UDP', 53), 'WSL-Network-UDP-53');
    assert.deepEqual(parseRuleDisplayName('WSL Network: TCP 8080'), { protocol: 'TCP', port: 8080 });
    assert.equal(parseRuleDisplayName('WSL Network: TCP 99999'), undefined);
    assert.equal(parseRuleDisplayName('My WSL Network: TCP 80'), undefined);
  });
});

describe('command builders: exact argument arrays', () => {
  it('netsh portproxy add / delete', () => {
    assert.deepEqual(buildPortProxyAdd({ listenPort: 8080, connectAddress: '172.23.21.232' }), {
      file: 'netsh.exe',
      args: [
        'interface',
        'portproxy',
        'add',
        'v4tov4',
        'listenport=8080',
        'listenaddress=0.0.0.0',
        'connectport=8080',
        'connectaddress=172.23.21.232',
      ],
      elevated: true,
      description: 'Forward Windows 0.0.0.0:8080 to WSL 172.23.21.232:8080 (netsh portproxy)',
    });
    assert.deepEqual(buildPortProxyDelete({ listenPort: '8080', listenAddress: '0.0.0.0' }).args, [
      'interface',
      'portproxy',
      'delete',
      'v4tov4',
      'listenport=8080',
      'listenaddress=0.0.0.0',
    ]);
  });

  it('Windows firewall rule add / remove', () => {
    const add = buildFirewallRuleAdd({ port: 8080 });
    assert.equal(add.file, 'powershell.exe');
    assert.equal(add.elevated, true);
    assert.deepEqual(add.args, [
      '-NoProfile',
      '-NonInteractive',
      '-Command',
      "New-NetFirewallRule -DisplayName 'WSL Network: TCP 8080' -Direction Inbound -Protocol TCP -LocalPort 8080 -Action Allow -Profile Private",
    ]);
    assert.deepEqual(buildFirewallRuleRemove({ port: 8080 }).args.slice(3), [
      "Remove-NetFirewallRule -DisplayName 'WSL Network: TCP 8080'",
    ]);
    assert.ok(
      buildFirewallRuleAdd({ port: 53, protocol: 'udp', profile: 'public' }).args[3]?.includes(
        "'WSL Network: UDP 53' -Direction Inbound -Protocol UDP -LocalPort 53 -Action Allow -Profile Public",
      ),
    );
  });

  it("Hyper-V firewall rule add / remove with WSL's VMCreatorId", () => {
    assert.equal(
      buildHyperVRuleAdd({ port: 8080 }).args[3],
      "New-NetFirewallHyperVRule -Name 'WSL-Network-TCP-8080' -DisplayName 'WSL Network: TCP 8080' -Direction Inbound " +
        "-VMCreatorId '{40E0AC32-46A5-438A-A0B2-2B479E8F2E90}' -Protocol TCP -LocalPorts 8080 -Action Allow -Profiles Private",
    );
    assert.equal(
      buildHyperVRuleRemove({ port: 8080 }).args[3],
      "Remove-NetFirewallHyperVRule -Name 'WSL-Network-TCP-8080'",
    );
  });

  it('wsl.exe --shutdown and --terminate', () => {
    assert.deepEqual(buildWslShutdown(), {
      file: 'wsl.exe',
      args: ['--shutdown'],
      elevated: false,
      description: buildWslShutdown().description,
    });
    assert.deepEqual(buildWslShutdown({ force: true }).args, ['--shutdown', '--force']);
    assert.deepEqual(buildWslTerminate('Ubuntu-24.04').args, ['--terminate', 'Ubuntu-24.04']);
  });

  it('hostile values are rejected before any argument exists', () => {
    const hostile: [() => unknown, string][] = [
      [() => buildPortProxyAdd({ listenPort: '80; calc', connectAddress: '172.23.21.232' }), 'port'],
      [() => buildPortProxyAdd({ listenPort: 0, connectAddress: '172.23.21.232' }), 'zero'],
      [() => buildPortProxyAdd({ listenPort: 65536, connectAddress: '172.23.21.232' }), 'big'],
      [() => buildPortProxyAdd({ listenPort: 80, connectAddress: '172.23.21.232 & calc' }), 'address with space'],
      [() => buildPortProxyAdd({ listenPort: 80, connectAddress: "172.23.21.232'" }), 'quote'],
      [
        () => buildPortProxyAdd({ listenPort: 80, connectAddress: '1.2.3.4', listenAddress: '0.0.0.0 ' }),
        'listen space',
      ],
      [() => buildFirewallRuleAdd({ port: '8080; Remove-Item C:\\' }), 'ps port'],
      [() => buildFirewallRuleAdd({ port: 8080, protocol: "TCP'; calc; '" }), 'protocol'],
      [() => buildFirewallRuleAdd({ port: 8080, profile: 'Private -Action Block' }), 'profile'],
      [() => buildHyperVRuleAdd({ port: '8e1' }), 'exponent'],
      [() => buildWslTerminate('$(reboot)'), 'distro $()'],
      [() => buildWslTerminate('a;b'), 'distro ;'],
      [() => buildWslTerminate('`id`'), 'distro backtick'],
    ];
    for (const [build, label] of hostile) assert.throws(build, ValidationError, label);
  });

  it('psQuote doubles single quotes and refuses line breaks', () => {
    assert.equal(psQuote("it's"), "'it''s'");
    assert.throws(() => psQuote('a\nb'), ValidationError);
  });
});

describe('elevation', () => {
  const windowsPath = resolveWindowsTools({
    situation: { kind: 'windows' },
    environment: fakeEnvironment({ platform: 'win32', env: {} }),
    automountRoot: '/mnt/',
  }).windowsPath;
  const steps = [
    buildPortProxyAdd({ listenPort: 8080, connectAddress: '172.23.21.232' }),
    buildFirewallRuleAdd({ port: 8080 }),
  ];

  it('one script: netsh by its System32 path with exit-code check, cmdlets in try, each failure naming its step', () => {
    assert.equal(
      buildElevatedScript(steps, windowsPath),
      [
        "$ErrorActionPreference = 'Stop'",
        "try { & 'C:\\Windows\\System32\\netsh.exe' 'interface' 'portproxy' 'add' 'v4tov4' 'listenport=8080' 'listenaddress=0.0.0.0' 'connectport=8080' 'connectaddress=172.23.21.232' } catch { exit 100001 }",
        'if ($LASTEXITCODE -ne 0) { exit (100000 + ($LASTEXITCODE -band 65535)) }',
        "try { New-NetFirewallRule -DisplayName 'WSL Network: TCP 8080' -Direction Inbound -Protocol TCP -LocalPort 8080 -Action Allow -Profile Private } catch { exit 200001 }",
        'exit 0',
      ].join('\n'),
    );
    assert.throws(() => buildElevatedScript([], windowsPath), ValidationError);
    const unknownTool = { file: 'calc.exe', args: [], elevated: true, description: 'x' };
    assert.throws(() => buildElevatedScript([unknownTool], windowsPath), ValidationError);
  });

  it('the launcher starts System32 PowerShell and carries the script only as base64 UTF-16LE (-EncodedCommand)', () => {
    const spec = buildElevatedCommand(steps, windowsPath);
    assert.equal(spec.file, 'powershell.exe');
    assert.deepEqual(spec.args.slice(0, 3), ['-NoProfile', '-NonInteractive', '-Command']);
    const launcher = spec.args[3] as string;
    assert.match(
      launcher,
      /^try \{ \$p = Start-Process -FilePath 'C:\\Windows\\System32\\WindowsPowerShell\\v1\.0\\powershell\.exe' -ArgumentList '-NoProfile','-NonInteractive','-EncodedCommand','([A-Za-z0-9+/=]+)' -Verb RunAs -Wait -PassThru -WindowStyle Hidden -ErrorAction Stop; Write-Output \('@@elevated-exit ' \+ \$p\.ExitCode\); exit \$p\.ExitCode \} catch \{ exit 1223 \}$/,
    );
    const encoded = /'-EncodedCommand','([A-Za-z0-9+/=]+)'/.exec(launcher)?.[1] as string;
    assert.equal(decodePowerShellCommand(encoded), spec.script);
    assert.equal(ELEVATION_CANCELED_EXIT_CODE, 1223);
    assert.ok(!launcher.includes('netsh'), 'the step text never appears in clear on the command line');
    assert.equal(spec.description, `${steps[0]?.description}; ${steps[1]?.description}`);
  });
});
