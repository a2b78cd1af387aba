// Docker's port mapping from a real `docker ps --format '{{json .}}'` capture (test/fixtures/field,
// source in index.json): container names per published host port, Go's \u003e escapes, dual-stack
// publishes, ranges, and lines that are not records.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  dockerContainerOnPort,
  isDockerPortOwner,
  parseDockerPorts,
  parseDockerPs,
} from '../../../client/src/host/parseDockerPs';
import { fieldText } from './testSupport';

describe('docker ps --format {{json .}}', () => {
  const containers = parseDockerPs(fieldText('docker-ps.json-lines.linux-engine.txt'));

  it('reads every container of the real capture with its published ports', () => {
    assert.deepEqual(
      containers.map((c) => [c.name, c.image, c.state, c.ports.length]),
      [
        ['astroneer-server-1', 'barumel/docker-astroneer-server:latest', 'running', 4],
        ['nginx', 'nginx', 'running', 4],
        ['frp_client', 'snowdreamtech/frpc:alpine', 'running', 0],
      ],
    );
    assert.deepEqual(containers[1]?.ports, [
      { hostAddress: '0.0.0.0', hostPort: 80, containerPort: 80, protocol: 'tcp' },
      { hostAddress: '::', hostPort: 80, containerPort: 80, protocol: 'tcp' },
      { hostAddress: '0.0.0.0', hostPort: 443, containerPort: 443, protocol: 'tcp' },
      { hostAddress: '::', hostPort: 443, containerPort: 443, protocol: 'tcp' },
    ]);
  });

  it('labels a host port with the container that publishes it, per protocol', () => {
    assert.equal(dockerContainerOnPort(containers, 443, 'tcp')?.container.name, 'nginx');
    assert.equal(dockerContainerOnPort(containers, 8777, 'udp')?.container.name, 'astroneer-server-1');
    assert.equal(dockerContainerOnPort(containers, 80, 'udp'), undefined);
    assert.equal(dockerContainerOnPort(containers, 8080, 'tcp'), undefined);
  });

  it('Docker Desktop and engine shapes: [::] hosts, loopback binds, ranges; unpublished ports left out', () => {
    assert.deepEqual(parseDockerPorts('[::]:8080->80/tcp, 127.0.0.1:5432->5432/tcp, 9000/udp'), [
      { hostAddress: '::', hostPort: 8080, containerPort: 80, protocol: 'tcp' },
      { hostAddress: '127.0.0.1', hostPort: 5432, containerPort: 5432, protocol: 'tcp' },
    ]);
    assert.deepEqual(
      parseDockerPorts('0.0.0.0:8000-8002->9000-9002/tcp').map((p) => [p.hostPort, p.containerPort]),
      [
        [8000, 9000],
        [8001, 9001],
        [8002, 9002],
      ],
    );
    assert.deepEqual(parseDockerPorts('0.0.0.0:9-1->80/tcp, garbage, 0.0.0.0:70000->80/tcp'), []);
  });

  it('skips CLI warnings and records without a name', () => {
    assert.deepEqual(
      parseDockerPs('WARNING: something\n{"ID":"x","Names":"","Ports":"0.0.0.0:1->1/tcp"}\n\n[1,2]\n').length,
      0,
    );
  });

  it("knows Docker's port owners by process name", () => {
    for (const name of ['com.docker.backend', 'com.docker.backend.exe', 'docker-proxy'])
      assert.equal(isDockerPortOwner(name), true, name);
    for (const name of ['node', 'wslrelay', 'dockerd', undefined]) assert.equal(isDockerPortOwner(name), false);
  });
});
