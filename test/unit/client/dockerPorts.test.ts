// Docker ports in the WSL Ports tree and in Diagnose Port, from the real `docker ps` capture
// (test/fixtures/field, source in index.json): the label with the container name (escaped in
// Markdown), nothing without Docker, and in mirrored mode the documented ignoredPorts fix.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseDockerPs } from '../../../client/src/host/parseDockerPs';
import { diagnosePort } from '../../../client/src/model/diagnose';
import type { DockerFacts } from '../../../client/src/model/facts';
import { buildPortsTree, type PortNode, type PortsNode } from '../../../client/src/model/portsModel';
import { ignoredPortsWith } from '../../../client/src/model/wslConfigFile';
import { fieldText } from '../host/testSupport';
import { facts, natContext, socket, t, UBUNTU } from './support';

const capture: DockerFacts = { containers: parseDockerPs(fieldText('docker-ps.json-lines.linux-engine.txt')) };
// docker-proxy runs as root: a user's /proc shows its socket without owner (no pid, no name).
const unowned = { processName: undefined, pid: undefined, uid: 0 };
const ports = (nodes: readonly PortsNode[]): PortNode[] =>
  nodes.flatMap((n) => [...(n.kind === 'port' ? [n as PortNode] : []), ...ports(n.children)]);

function tree(sockets: ReturnType<typeof socket>[], docker: DockerFacts | undefined): PortNode[] {
  const f = facts({
    sockets: [{ distro: 'Ubuntu-24.04', sockets }],
    ...(docker ? { ports: { docker } } : {}),
  });
  return ports(buildPortsTree({ facts: f, showWslOnly: true, ruleNamePrefix: 'WSL Network', ledger: [] }, t));
}

describe('Docker ports in the tree', () => {
  it('labels published ports with their container first in the description and in the tooltip', () => {
    const [http, https, game] = tree(
      [
        socket(80, '0.0.0.0', { processName: 'docker-proxy', pid: 901 }),
        socket(443, '0.0.0.0', unowned),
        socket(8777, '0.0.0.0', unowned),
      ],
      capture,
    );
    assert.equal(http?.description, 'Docker: nginx · Windows · 0.0.0.0 · pid 901');
    assert.equal(https?.description, 'Docker: nginx · Windows · 0.0.0.0');
    assert.equal(game?.description, 'Docker: astroneer-server-1 · Windows · 0.0.0.0');
    assert.match(https?.tooltip ?? '', /\n\nDocker: nginx\n\n/);
    assert.equal(https?.docker?.container?.image, 'nginx');
  });

  it("a Docker owner without a mapping is labelled Docker; another program's socket is not Docker's", () => {
    const [node, proxy] = tree(
      [
        socket(9999, '0.0.0.0', { processName: 'com.docker.backend', pid: 77 }),
        socket(8777, '0.0.0.0', { processName: 'node', pid: 78 }),
      ],
      capture,
    );
    assert.equal(node?.port, 8777);
    assert.equal(node?.description, 'Windows · 0.0.0.0 · pid 78');
    assert.equal(node?.docker, undefined);
    assert.equal(proxy?.description, 'Docker · Windows · 0.0.0.0 · pid 77');
  });

  it('without docker (no CLI, or docker failed) an unowned port has no label', () => {
    for (const docker of [undefined, { containers: [], error: 'Cannot connect to the Docker daemon' }]) {
      const [https] = tree([socket(443, '0.0.0.0', unowned)], docker);
      assert.equal(https?.description, 'Windows · 0.0.0.0');
      assert.doesNotMatch(https?.tooltip ?? '', /Docker/);
    }
  });

  it('a container name from docker is Markdown-escaped in the tooltip', () => {
    const hostile = parseDockerPs(
      JSON.stringify({ ID: 'x', Names: 'x](command:evil)<img src=y>', Image: 'i', Ports: '0.0.0.0:5000->5000/tcp' }),
    );
    const [node] = tree([socket(5000, '0.0.0.0', unowned)], { containers: hostile });
    assert.match(node?.tooltip ?? '', /Docker: x\\]\\\(command\\:evil\\\)\\<img src=y\\>/);
    assert.doesNotMatch(node?.tooltip ?? '', /\]\(command:/);
  });
});

describe('Diagnose Port on a Docker port', () => {
  const mirrored = natContext({ mode: 'mirrored', wslIps: ['192.168.1.20'] });
  const withConfig = (text: string | undefined, context = mirrored, docker: DockerFacts = capture) =>
    facts({
      distros: [UBUNTU],
      context,
      sockets: [{ distro: 'Ubuntu-24.04', sockets: [socket(443, '0.0.0.0', unowned)] }],
      ports: { docker },
      extra: {
        config: {
          location: { path: '/home/u/.wslconfig', source: 'setting' },
          summary: { mode: 'mirrored', modeExplicit: true },
          ...(text !== undefined ? { snapshot: { path: '/home/u/.wslconfig', exists: true, text } } : {}),
        },
      },
    });

  it('mirrored: names the container, cites the documented workaround and offers ignoredPorts', () => {
    const d = diagnosePort({ facts: withConfig('[wsl2]\nnetworkingMode=mirrored\n'), port: 443 }, t);
    assert.match(d.markdown, /Docker: nginx \(image `nginx`\): Docker publishes this port\./);
    assert.match(d.markdown, /list the published port in `ignoredPorts` under `\[experimental\]`/);
    assert.match(d.markdown, /`--network host`/);
    assert.match(d.markdown, /learn\.microsoft\.com\/windows\/wsl\/troubleshooting#docker-container-issues/);
    assert.deepEqual(
      d.configFixes.map((f) => [f.section, f.key, f.value]),
      [['experimental', 'ignoredPorts', '443']],
    );
  });

  it('mirrored: the fix extends the list already in .wslconfig, and is not offered when the port is in it', () => {
    const text = '[wsl2]\nnetworkingMode=mirrored\n[experimental]\nignoredPorts=3000, 9000-9010\n';
    assert.equal(diagnosePort({ facts: withConfig(text), port: 443 }, t).configFixes[0]?.value, '3000,9000-9010,443');
    const listed = diagnosePort({ facts: withConfig(`${text.trimEnd()},443\n`), port: 443 }, t);
    assert.deepEqual(listed.configFixes, []);
    assert.match(listed.markdown, /Port 443 is already listed in ignoredPorts/);
    assert.doesNotMatch(listed.markdown, /Remove 443 from experimental\.ignoredPorts/);
  });

  it('NAT: the Docker port is named but no mirrored-mode fix is offered', () => {
    const d = diagnosePort({ facts: withConfig(undefined, natContext()), port: 443 }, t);
    assert.match(d.markdown, /Docker: nginx/);
    assert.doesNotMatch(d.markdown, /ignoredPorts/);
    assert.deepEqual(d.configFixes, []);
  });

  it('not a Docker port (docker knows nothing of it): no Docker line, no fix', () => {
    const d = diagnosePort({ facts: withConfig(undefined, mirrored, { containers: [] }), port: 443 }, t);
    assert.doesNotMatch(d.markdown, /Docker publishes/);
    assert.deepEqual(d.configFixes, []);
  });

  it('nothing listens in WSL but Docker publishes the port (Docker Desktop on Windows): named, fix offered', () => {
    const d = diagnosePort({ facts: withConfig(undefined), port: 8777 }, t);
    assert.match(d.markdown, /Nothing listens on TCP port 8777/);
    assert.match(d.markdown, /Docker: astroneer-server-1/);
    assert.equal(d.configFixes[0]?.value, '8777');
  });
});

describe('ignoredPortsWith', () => {
  it('adds the port to what WSL reads, keeping the items, or says it is already there', () => {
    assert.equal(ignoredPortsWith(undefined, 80), '80');
    assert.equal(ignoredPortsWith('[experimental]\nignoredPorts=\n', 80), '80');
    assert.equal(ignoredPortsWith('[experimental]\nignoredPorts = "53, 3000,"\n', 80), '53,3000,80');
    assert.equal(ignoredPortsWith('[experimental]\nignoredPorts=53,80\n', 80), undefined);
  });
});
