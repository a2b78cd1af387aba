// The stand-ins answer the doctor's queries like Windows does: byte for byte the captured netsh
// tables (en-US, and zh-CN in the GBK code page), PowerShell 5.1 JSON shapes (numbers for enums,
// or names with enumsAsStrings), Get-WinEvent's "no events" error, and every call logged.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { createFakeWindows } from '../../fakes/fakeWindows';
import { assembleWindowsFacts } from '../../../client/src/host/connectivity/windowsFacts';
import {
  buildConnectivityQueryCommand,
  buildExcludedPortRangeCommand,
} from '../../../client/src/host/connectivity/windowsQueries';
import { parseExcludedPortRanges } from '../../../client/src/host/connectivity/windowsParsers';
import { fieldFixture } from './servers';

function run(
  file: string,
  args: readonly string[],
  env: Record<string, string>,
): { status: number | null; stdout: Buffer; stderr: string } {
  // The stand-ins are started by absolute path from their folder, as WslHost does (never PATH).
  const result = spawnSync(path.join(env['WSL_NETWORK_WINDOWS_TOOLS_DIR'] as string, file), args, { env });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr.toString() };
}

describe('netsh.exe stand-in: show excludedportrange', () => {
  it('prints the en-US capture byte for byte, CRLF included', () => {
    const fake = createFakeWindows();
    try {
      const command = buildExcludedPortRangeCommand({ family: 'ipv4', protocol: 'tcp' });
      const result = run(command.file, command.args, fake.env);
      assert.equal(result.status, 0);
      assert.equal(result.stdout.toString('latin1'), fieldFixture('netsh-excludedportrange-tcp.en-US.txt'));
      const udp = buildExcludedPortRangeCommand({ family: 'ipv4', protocol: 'udp' });
      assert.equal(
        run(udp.file, udp.args, fake.env).stdout.toString('latin1'),
        fieldFixture('netsh-excludedportrange-udp.en-US.txt'),
      );
      assert.deepEqual(
        fake.calls().map((c) => c.argv),
        [command.args, udp.args],
      );
    } finally {
      fake.dispose();
    }
  });

  it('prints zh-CN titles in the console code page (GBK) and the same rows', () => {
    const fake = createFakeWindows({
      state: {
        windows: {
          connectivity: {
            netshLocale: 'zh-CN',
            excludedPortRanges: { 'ipv6-tcp': [{ start: 50000, end: 50059, administered: true }] },
          },
        } as never,
      },
    });
    try {
      const command = buildExcludedPortRangeCommand({ family: 'ipv6', protocol: 'tcp' });
      const bytes = run(command.file, command.args, fake.env).stdout;
      const text = new TextDecoder('gbk').decode(bytes);
      assert.match(text, /协议 tcp 端口排除范围/);
      assert.match(text, /\* - 管理的端口排除。/);
      assert.equal(bytes.includes(Buffer.from('协议', 'utf8')), false, 'must not be UTF-8');
      assert.deepEqual(parseExcludedPortRanges(bytes.toString('latin1')), [
        { start: 50000, end: 50059, administered: true },
      ]);
      assert.equal(
        run('netsh.exe', ['interface', 'ipv4', 'show', 'excludedportrange', 'protocol=icmp'], fake.env).status,
        1,
      );
    } finally {
      fake.dispose();
    }
  });
});

describe("powershell.exe stand-in: the doctor's batched query", () => {
  it('answers every part; enums as numbers by default and as names with enumsAsStrings', () => {
    for (const enumsAsStrings of [false, true]) {
      const fake = createFakeWindows({
        state: {
          windows: {
            enumsAsStrings,
            connectivity: {
              adapters: [
                {
                  name: 'Ethernet 2',
                  description: 'Cisco AnyConnect Secure Mobility Client Virtual Miniport Adapter for Windows x64',
                  ifIndex: 5,
                  status: 'Up',
                },
              ],
              firewallProfiles: [
                {
                  name: 'Domain',
                  enabled: true,
                  defaultInboundAction: 'Block',
                  allowInboundRules: true,
                  allowLocalFirewallRules: false,
                },
              ],
              proxy: { proxyEnable: 1, proxyServer: 'http=alice:pw@proxy.corp.example:8080' },
              nrpt: [{ namespace: ['.corp.example'], nameServers: ['10.0.0.53'] }],
              wslEvents: [
                {
                  time: '2024-05-07T12:59:07Z',
                  message:
                    'Mirrored networking mode is not supported: Linux Kernel version 5.10 or newer is required.\nFalling back to NAT networking.',
                },
              ],
            },
          },
        } as never,
      });
      try {
        const command = buildConnectivityQueryCommand();
        const result = spawnSync(fake.tool(command.file), command.args, { env: fake.env, encoding: 'utf8' });
        assert.equal(result.status, 0, result.stderr);
        if (!enumsAsStrings) assert.match(result.stdout, /"AllowLocalFirewallRules":0/);
        else assert.match(result.stdout, /"AllowLocalFirewallRules":"False"/);
        const facts = assembleWindowsFacts(result.stdout);
        assert.deepEqual(facts.errors, {});
        assert.equal(facts.adapters?.[0]?.vpn, 'Cisco AnyConnect / Secure Client');
        assert.equal(facts.firewallProfiles?.[0]?.allowLocalFirewallRules, false);
        assert.deepEqual(facts.proxy?.servers, [{ scheme: 'http', host: 'proxy.corp.example', port: 8080 }]);
        assert.deepEqual(facts.nrpt, [{ namespaces: ['.corp.example'], nameServers: ['10.0.0.53'] }]);
        assert.equal(facts.wslEvents?.[0]?.kind, 'mirroredFallback');
        assert.equal(facts.wslEvents?.[0]?.time, '2024-05-07T12:59:07.000Z');
        assert.equal(facts.ipInterfaces?.find((i) => i.alias === 'vEthernet (WSL)')?.metric, 5000);
        const calls = fake.calls();
        assert.equal(calls.length, 1);
        assert.equal(calls[0]?.tool, 'powershell.exe');
        assert.match(
          calls[0]?.script ?? '',
          /Get-WinEvent -FilterHashtable @\{LogName='Application'; ProviderName='WSL'\}/,
        );
      } finally {
        fake.dispose();
      }
    }
  });

  it('reports "no events" as Get-WinEvent does, which the assembler reads as an empty list', () => {
    const fake = createFakeWindows();
    try {
      const command = buildConnectivityQueryCommand(['wslEvents', 'nrptPolicy']);
      const result = spawnSync(fake.tool(command.file), command.args, { env: fake.env, encoding: 'utf8' });
      assert.match(result.stdout, /@@error No events were found that match the specified selection criteria\./);
      const facts = assembleWindowsFacts(result.stdout);
      assert.deepEqual(facts.wslEvents, []);
      assert.deepEqual(facts.nrpt, []);
      assert.deepEqual(facts.errors, {});
    } finally {
      fake.dispose();
    }
  });
});
