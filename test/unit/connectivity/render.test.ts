// The Markdown report escapes everything that came from tools and files; the network report
// masks user names, host names, MAC addresses and proxy credentials and says how many.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatOnly } from '../../../client/src/host/localize';
import { codeBlock, codeSpan, escapeMarkdown } from '../../../client/src/host/connectivity/markdown';
import {
  offeredFixes,
  renderDoctorReport,
  renderNetworkReport,
  Redactor,
} from '../../../client/src/host/connectivity/render';
import { runConnectivityDoctor } from '../../../client/src/host/connectivity/doctor';
import { assembleWindowsFacts } from '../../../client/src/host/connectivity/windowsFacts';
import type { DoctorReport } from '../../../client/src/host/connectivity/types';
import { scopedFirewallRuleFix } from '../../../client/src/host/connectivity/fixes';

const t = formatOnly;

describe('Markdown escaping', () => {
  it('neutralises links, images, HTML, emphasis, headings and line breaks', () => {
    const hostile =
      'Evil [click](http://x) ![i](http://y) <img src=x onerror=alert(1)> **b** # h\n- item | cell `code`';
    const escaped = escapeMarkdown(hostile);
    assert.doesNotMatch(escaped, /(?<!\\)\[|(?<!\\)\]\(|<img|(?<!\\)\*\*|\n|(?<!\\)`/);
    assert.match(escaped, /&lt;img/);
    assert.equal(escapeMarkdown('a&b'), 'a&amp;b');
    assert.equal(codeSpan('a`b'), '`` a`b ``');
    assert.equal(codeBlock('x ``` y'), '````\nx ``` y\n````');
  });

  it('renders a report whose evidence and titles come from tools without letting them change the layout', () => {
    const report: DoctorReport = {
      startedAt: '2026-11-30T12:00:00.000Z',
      durationMs: 12,
      mode: 'nat',
      checks: [
        {
          id: 'windows.vpnAdapters',
          title: 'VPN adapters',
          verdict: 'warn',
          summary: 'Connected VPN: GlobalProtect.',
          evidence: ['Ethernet 5: [PANGP](http://evil.example) <script>x</script>\n## injected'],
          citations: [{ title: 'microsoft/WSL#416', url: 'https://github.com/microsoft/WSL/issues/416' }],
        },
        {
          id: 'symptom.vpnMetric',
          title: 'VPN route',
          verdict: 'fail',
          summary: 'metric',
          evidence: [],
          fix: scopedFirewallRuleFix({ port: 9003 }, t),
          citations: [],
        },
      ],
    };
    const markdown = renderDoctorReport(report, t);
    assert.doesNotMatch(markdown, /<script>|\n## injected|\]\(http:\/\/evil/);
    assert.match(markdown, /## 1\. ⚠️ VPN adapters/);
    assert.match(markdown, /\[microsoft\/WSL\\#416\]\(https:\/\/github\.com\/microsoft\/WSL\/issues\/416\)/);
    assert.match(markdown, /```powershell\nNew-NetFirewallRule -DisplayName 'WSL Network: from WSL TCP 9003'/);
    assert.match(markdown, /Undo: Remove the firewall rule/);
    assert.match(markdown, /1 problem\(s\), 1 warning\(s\), 0 OK\./);
    assert.deepEqual(
      offeredFixes(report).map((o) => o.check.id),
      ['symptom.vpnMetric'],
    );
    // Restricted Mode: the same facts, no command shown.
    const restricted = renderDoctorReport(report, t, { offerFixes: false });
    assert.doesNotMatch(restricted, /New-NetFirewallRule/);
    assert.match(restricted, /Restricted Mode/);
  });
});

describe('network report redaction', () => {
  it('masks credentials, MAC addresses, profile folders, user and host names', () => {
    const redactor = new Redactor({ userNames: ['alice'], hostNames: ['DESKTOP-7Q2', 'corp.example'] });
    const out = redactor.redact(
      'http://bob:pw@proxy:3128 00-15-5D-4E-B4-B2 aa:bb:cc:dd:ee:ff C:\\Users\\alice\\.wslconfig /home/alice/x DESKTOP-7Q2 build.corp.example alice ALICE alicezz',
    );
    assert.equal(
      out,
      'http://<credentials>@proxy:3128 <mac> <mac> C:\\Users\\<user>\\.wslconfig /home/<user>/x <host> build.<host> <user> <user> alicezz',
    );
    assert.deepEqual(Object.fromEntries(redactor.summary().map((r) => [r.kind, r.count])), {
      credentials: 1,
      mac: 2,
      path: 2,
      user: 2,
      host: 2,
    });
  });

  it('renders the facts with search domains, NRPT namespaces and proxy hosts masked, and a preview count', async () => {
    const windows = assembleWindowsFacts(
      '@@part nrptPolicy\r\n{"Namespace":".corp.example","NameServers":["10.0.0.53"]}\r\n' +
        '@@part proxySettings\r\n{"ProxyEnable":1,"ProxyServer":"proxy.corp.example:8080","AutoConfigURL":"http://wpad.intra.example/wpad.dat"}\r\n' +
        '@@part wslEvents\r\n{"TimeCreated":"\\/Date(1715086747000)\\/","Message":"Invalid networking mode \\u0027mirrored\\u0027 in C:\\\\Users\\\\alice\\\\.wslconfig"}\r\n' +
        '@@part netAdapters\r\n{"Name":"Ethernet 2","InterfaceDescription":"Cisco AnyConnect Secure Mobility Client Virtual Miniport Adapter for Windows x64","ifIndex":5,"Status":"Up"}\r\n',
    );
    const { report, facts } = await runConnectivityDoctor(
      {
        routeSource: { ipRoute: async () => 'default via 172.23.16.1 dev eth0\n', procNetRoute: async () => undefined },
        readFile: async () =>
          '# This file was automatically generated by WSL.\nnameserver 10.255.255.254\nsearch corp.example lab.intra.example\n',
        env: { https_proxy: 'http://alice:hunter2@proxy.corp.example:8080' },
        windowsFacts: async () => windows,
        probes: {
          tcp: async () => ({ outcome: 'ok', durationMs: 1 }),
          dns: async (_n, server, port) => ({
            outcome: 'ok',
            durationMs: 1,
            addresses: ['192.0.2.1'],
            server: `${server}:${port}`,
          }),
          httpProxy: async () => ({ outcome: 'ok', durationMs: 1, status: 200 }),
        },
      },
      { mode: 'nat' },
      t,
    );
    const network = renderNetworkReport(
      {
        report,
        facts,
        header: ['Windows computer: DESKTOP-7Q2'],
        redaction: { userNames: ['alice'], hostNames: ['DESKTOP-7Q2'] },
      },
      t,
    );
    for (const secret of ['alice', 'hunter2', 'corp.example', 'intra.example', 'DESKTOP-7Q2'])
      assert.doesNotMatch(network.markdown, new RegExp(secret.replace('.', '\\.'), 'i'), secret);
    assert.match(network.markdown, /10\\\.255\\\.255\\\.254/); // addresses stay
    assert.match(network.markdown, /Cisco AnyConnect/);
    assert.match(
      network.preview,
      /^\d+ item\(s\) redacted \(.*host \d+.*\)\. Review the report before you share it\.$/,
    );
  });
});
