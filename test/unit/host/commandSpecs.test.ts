// Every command WSL Network can run against Windows, whole: the program, each argument, whether it
// needs administrator rights (one UAC prompt) and the sentence the confirmation dialog shows. The
// dialog promises "exactly what it will run", so each of these is read as the user reads it.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertScriptSafe,
  buildFirewallRuleAdd,
  buildFirewallRuleRemove,
  buildHyperVRuleAdd,
  buildHyperVRuleRemove,
  buildPortProxyAdd,
  buildPortProxyDelete,
  buildWslShutdown,
  buildWslTerminate,
  psQuote,
  type CommandSpec,
} from '../../../client/src/host/commandBuilders';
import { ValidationError } from '../../../client/src/host/validators';

const PS = ['-NoProfile', '-NonInteractive', '-Command'];
const ps = (script: string, description: string): CommandSpec => ({
  file: 'powershell.exe',
  args: [...PS, script],
  elevated: true,
  description,
  script,
});

describe('the commands, whole', () => {
  const cases: [string, CommandSpec, CommandSpec][] = [
    [
      'portproxy add, a remapped port on one address',
      buildPortProxyAdd({
        listenPort: 2222,
        connectPort: 22,
        listenAddress: '192.168.1.10',
        connectAddress: '172.23.21.232',
      }),
      {
        file: 'netsh.exe',
        args: [
          'interface',
          'portproxy',
          'add',
          'v4tov4',
          'listenport=2222',
          'listenaddress=192.168.1.10',
          'connectport=22',
          'connectaddress=172.23.21.232',
        ],
        elevated: true,
        description: 'Forward Windows 192.168.1.10:2222 to WSL 172.23.21.232:22 (netsh portproxy)',
      },
    ],
    [
      'portproxy delete, every interface by default',
      buildPortProxyDelete({ listenPort: 8080 }),
      {
        file: 'netsh.exe',
        args: ['interface', 'portproxy', 'delete', 'v4tov4', 'listenport=8080', 'listenaddress=0.0.0.0'],
        elevated: true,
        description: 'Remove the portproxy rule listening on 0.0.0.0:8080',
      },
    ],
    [
      'portproxy delete on one address',
      buildPortProxyDelete({ listenPort: 8080, listenAddress: '127.0.0.1' }),
      {
        file: 'netsh.exe',
        args: ['interface', 'portproxy', 'delete', 'v4tov4', 'listenport=8080', 'listenaddress=127.0.0.1'],
        elevated: true,
        description: 'Remove the portproxy rule listening on 127.0.0.1:8080',
      },
    ],
    [
      'firewall rule, no address condition',
      buildFirewallRuleAdd({ port: 8080 }),
      ps(
        "New-NetFirewallRule -DisplayName 'WSL Network: TCP 8080' -Direction Inbound -Protocol TCP -LocalPort 8080 -Action Allow -Profile Private",
        'Allow inbound TCP 8080 in the Windows firewall (Private profile)',
      ),
    ],
    [
      'firewall rule, UDP, public, two prefixes, own prefix',
      buildFirewallRuleAdd({
        port: 5353,
        protocol: 'UDP',
        profile: 'Public',
        ruleNamePrefix: 'Dev lab',
        remoteAddresses: ['10.0.0.0/8', '192.168.1.0/24'],
      }),
      ps(
        "New-NetFirewallRule -DisplayName 'Dev lab: UDP 5353' -Direction Inbound -Protocol UDP -LocalPort 5353 -Action Allow -Profile Public -RemoteAddress '10.0.0.0/8','192.168.1.0/24'",
        'Allow inbound UDP 5353 in the Windows firewall (Public profile, from 10.0.0.0/8, 192.168.1.0/24)',
      ),
    ],
    [
      'firewall rule, this subnet',
      buildFirewallRuleAdd({ port: 8080, remoteAddresses: ['LocalSubnet'] }),
      ps(
        "New-NetFirewallRule -DisplayName 'WSL Network: TCP 8080' -Direction Inbound -Protocol TCP -LocalPort 8080 -Action Allow -Profile Private -RemoteAddress 'LocalSubnet'",
        'Allow inbound TCP 8080 in the Windows firewall (Private profile, from LocalSubnet)',
      ),
    ],
    [
      'firewall rule removal',
      buildFirewallRuleRemove({ port: 8080, protocol: 'TCP', ruleNamePrefix: 'Team' }),
      ps("Remove-NetFirewallRule -DisplayName 'Team: TCP 8080'", 'Remove the Windows firewall rule "Team: TCP 8080"'),
    ],
    [
      'Hyper-V rule for one prefix',
      buildHyperVRuleAdd({ port: 3000, remoteAddresses: ['192.168.1.0/24'] }),
      ps(
        "New-NetFirewallHyperVRule -Name 'WSL-Network-TCP-3000' -DisplayName 'WSL Network: TCP 3000' -Direction Inbound -VMCreatorId '{40E0AC32-46A5-438A-A0B2-2B479E8F2E90}' -Protocol TCP -LocalPorts 3000 -Action Allow -Profiles Private -RemoteAddresses '192.168.1.0/24'",
        'Allow inbound TCP 3000 to WSL in the Hyper-V firewall (Private profile, from 192.168.1.0/24)',
      ),
    ],
    [
      'Hyper-V rule removal',
      buildHyperVRuleRemove({ port: 3000, protocol: 'UDP' }),
      ps(
        "Remove-NetFirewallHyperVRule -Name 'WSL-Network-UDP-3000'",
        'Remove the Hyper-V firewall rule "WSL-Network-UDP-3000"',
      ),
    ],
    [
      'shutdown',
      buildWslShutdown(),
      {
        file: 'wsl.exe',
        args: ['--shutdown'],
        elevated: false,
        description: 'Shut down WSL (all distros and the VM) so that .wslconfig changes take effect',
      },
    ],
    [
      'forced shutdown',
      buildWslShutdown({ force: true }),
      {
        file: 'wsl.exe',
        args: ['--shutdown', '--force'],
        elevated: false,
        description: 'Force-stop WSL (all distros and the VM; running programs lose unsaved data)',
      },
    ],
    [
      'terminate one distro',
      buildWslTerminate('Ubuntu-24.04'),
      {
        file: 'wsl.exe',
        args: ['--terminate', 'Ubuntu-24.04'],
        elevated: false,
        description: 'Stop the WSL distro Ubuntu-24.04',
      },
    ],
  ];
  for (const [name, actual, expected] of cases) it(name, () => assert.deepEqual(actual, expected));
});

describe('what the commands refuse', () => {
  const refused = (build: () => unknown, message: RegExp): void => {
    assert.throws(build, (error: Error) => error instanceof ValidationError && message.test(error.message));
  };
  it('an empty or mixed "who may connect"', () => {
    refused(() => buildFirewallRuleAdd({ port: 8080, remoteAddresses: [] }), /^Who may connect: no address given\.$/);
    refused(
      () => buildFirewallRuleAdd({ port: 8080, remoteAddresses: ['LocalSubnet', '10.0.0.0/8'] }),
      /^Who may connect: a keyword must be the only value\.$/,
    );
    refused(
      () => buildFirewallRuleAdd({ port: 8080, remoteAddresses: ['10.0.0.0/8', 'Any'] }),
      /^Who may connect: a keyword must be the only value\.$/,
    );
    refused(() => buildHyperVRuleAdd({ port: 3000, remoteAddresses: [] }), /^Who may connect: no address given\.$/);
  });
  it('line breaks in a quoted value, and double quotes or line breaks in a script', () => {
    assert.equal(psQuote("it's"), "'it''s'");
    refused(() => psQuote('a\nb'), /^Line breaks are not allowed in command values\.$/);
    refused(() => psQuote('a\rb'), /^Line breaks are not allowed in command values\.$/);
    refused(() => psQuote('a\0b'), /^Line breaks are not allowed in command values\.$/);
    assert.doesNotThrow(() => assertScriptSafe("Get-NetFirewallRule -DisplayName 'x'"));
    for (const bad of ['Write-Output "x"', 'a\nb', 'a\rb', 'a\0b'])
      refused(
        () => assertScriptSafe(bad),
        /^Internal error: a PowerShell script contained a double quote or line break\.$/,
      );
  });
});
