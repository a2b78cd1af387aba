// Diagnose Port: the verdict and the steps, including the Docker Desktop + mirrored conflict.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { diagnosePort } from '../../../client/src/model/diagnose';
import { DOCKER, facts, natContext, socket, t, UBUNTU } from './support';

describe('diagnosePort', () => {
  it('NAT without portproxy: Windows yes, LAN no, and how to fix it', () => {
    const d = diagnosePort(
      {
        facts: facts({ sockets: [{ distro: 'Ubuntu-24.04', sockets: [socket(8080)] }] }),
        port: 8080,
        formatTime: () => 'now',
      },
      t,
    );
    assert.equal(d.fromWindows, true);
    assert.equal(d.fromLan, false);
    assert.match(d.markdown, /\*\*Verdict\*\*: from Windows ✅ · from the LAN ❌/);
    assert.match(d.markdown, /Expose Port to LAN\.\.\." for port 8080/);
    assert.match(d.markdown, /`http:\/\/localhost:8080\/`/);
  });

  it('nothing listening', () => {
    const d = diagnosePort({ facts: facts(), port: 1234 }, t);
    assert.equal(d.fromWindows, false);
    assert.match(d.markdown, /Nothing listens on TCP port 1234/);
  });

  it('stale portproxy points to Repair', () => {
    const context = natContext({
      portProxies: [
        { kind: 'v4tov4', listenAddress: '0.0.0.0', listenPort: 8080, connectAddress: '172.20.1.5', connectPort: 8080 },
      ],
    });
    const d = diagnosePort(
      { facts: facts({ context, sockets: [{ distro: 'Ubuntu-24.04', sockets: [socket(8080)] }] }), port: 8080 },
      t,
    );
    assert.match(d.markdown, /Repair Port Forwarding/);
    assert.match(d.markdown, /is not the current WSL IP \\\(172\.23\.21\.232\\\)/); // escaped: tool output in Markdown
  });

  it('mirrored with Docker Desktop installed warns about the known conflict; Windows listener clash is shown', () => {
    const context = natContext({ mode: 'mirrored', wslIps: ['192.168.1.20'] });
    const f = facts({
      distros: [UBUNTU, DOCKER],
      context,
      sockets: [{ distro: 'Ubuntu-24.04', sockets: [socket(3000)] }],
      ports: { windowsListeners: [{ localAddress: '0.0.0.0', localPort: 3000, owningProcess: 777 }] },
    });
    const d = diagnosePort({ facts: f, port: 3000 }, t);
    assert.match(d.markdown, /Docker Desktop is installed \(docker-desktop distro\) and WSL runs in mirrored mode/);
    assert.match(d.markdown, /A Windows process \(pid 777\) also listens/);
    assert.match(d.markdown, /no Hyper-V firewall rule allows TCP 3000/);
  });

  it('shows Windows port conflicts as a step: a reserved range, a port mirrored mode never steers, a UDP listener', () => {
    // Tool text is Markdown-escaped in the report; compare the words.
    const unescape = (markdown: string): string => markdown.replace(/\\(?=[^\\])/g, '');
    const excluded = { 'ipv4-tcp': [{ start: 5985, end: 5986, administered: true }], 'ipv6-tcp': [] };
    const nat = diagnosePort(
      {
        facts: facts({ sockets: [{ distro: 'Ubuntu-24.04', sockets: [socket(5986)] }] }),
        port: 5986,
        conflictFacts: { excluded },
      },
      t,
    );
    assert.match(
      unescape(nat.markdown),
      /## 5\. Port conflicts on Windows\n\n❌ Windows reserves TCP ports 5985-5986 \(IPv4/,
    );
    assert.match(unescape(nat.markdown), /, set by an administrator\)/);
    // Nothing listens: the conflict step still explains why a bind on Windows' side would fail.
    const idle = diagnosePort({ facts: facts(), port: 5985, conflictFacts: { excluded } }, t);
    assert.match(unescape(idle.markdown), /## 3\. Port conflicts on Windows/);
    const mirrored = diagnosePort(
      {
        facts: facts({
          context: natContext({ mode: 'mirrored', wslIps: ['192.168.1.20'] }),
          sockets: [{ distro: 'Ubuntu-24.04', sockets: [socket(5357)] }],
        }),
        port: 5357,
        conflictFacts: { excluded: { 'ipv4-tcp': [] } },
      },
      t,
    );
    assert.match(unescape(mirrored.markdown), /In mirrored mode Windows never steers inbound TCP port 5357 to Linux/);
    const clean = diagnosePort(
      {
        facts: facts({ sockets: [{ distro: 'Ubuntu-24.04', sockets: [socket(8080)] }] }),
        port: 8080,
        conflictFacts: { excluded },
      },
      t,
    );
    assert.match(unescape(clean.markdown), /✅ Port 8080 is in no Windows reserved range\./);
    const unread = diagnosePort({ facts: facts(), port: 8080, conflictFacts: { excluded: {} } }, t);
    assert.match(unescape(unread.markdown), /❓ Windows' reserved port ranges could not be read/);
    const udp = diagnosePort(
      {
        facts: facts(),
        port: 5353,
        protocol: 'UDP',
        conflictFacts: {
          excluded: { 'ipv4-udp': [] },
          udpEndpoints: [{ localAddress: '0.0.0.0', localPort: 5353, owningProcess: 2400 }],
        },
      },
      t,
    );
    assert.match(unescape(udp.markdown), /⚠ A Windows program \(PID 2400\) already listens on 0\.0\.0\.0:5353/);
    // Without the facts (not read) there is no such step.
    assert.doesNotMatch(diagnosePort({ facts: facts(), port: 5986 }, t).markdown, /Port conflicts/);
  });

  it('WSL not available', () => {
    const d = diagnosePort({ facts: { ...facts(), available: false, unavailableReason: 'no WSL here' }, port: 80 }, t);
    assert.equal(d.fromWindows, undefined);
    assert.match(d.markdown, /no WSL here/);
  });
});
