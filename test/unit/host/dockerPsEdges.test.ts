// `docker ps --format '{{json .}}'` at its edges: blank and warning lines, records that are not
// objects or have no name, linked names, port ranges at their limits (docker's own format,
// docs.docker.com/reference/cli/docker/container/ls/#format), and which processes publish ports.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isDockerPortOwner, parseDockerPorts, parseDockerPs } from '../../../client/src/host/parseDockerPs';

describe('parseDockerPs at its edges', () => {
  it('reads the records, skipping blank and warning lines, non-objects and unnamed records', () => {
    const text = [
      '',
      '   ',
      'WARNING: Error loading config file: /home/me/.docker/config.json: permission denied',
      '"just a string"',
      'null',
      '42',
      '{"ID":"abc","Names":"","Image":"x"}',
      '{"ID":"def","Names":"web,app/web-link","Image":"nginx:1.27","State":"running","Ports":"0.0.0.0:8080->80/tcp, :::8080->80/tcp"}',
      '{"ID":7,"Names":"db","Image":"postgres","State":"exited","Ports":""}',
    ].join('\r\n');
    assert.deepEqual(parseDockerPs(text), [
      {
        id: 'def',
        name: 'web',
        image: 'nginx:1.27',
        state: 'running',
        ports: [
          { hostAddress: '0.0.0.0', hostPort: 8080, containerPort: 80, protocol: 'tcp' },
          { hostAddress: '::', hostPort: 8080, containerPort: 80, protocol: 'tcp' },
        ],
      },
      { id: '', name: 'db', image: 'postgres', state: 'exited', ports: [] },
    ]);
  });
});

describe('parseDockerPorts at its edges', () => {
  const ports = (text: string): string[] =>
    parseDockerPorts(text).map((m) => `${m.hostAddress}|${m.hostPort}>${m.containerPort}/${m.protocol}`);
  it('addresses of each family, ranges, unpublished ports', () => {
    assert.deepEqual(ports('127.0.0.1:5432->5432/tcp, [::1]:53->53/udp, 9000/udp, :::9229->9229/tcp'), [
      '127.0.0.1|5432>5432/tcp',
      '::1|53>53/udp',
      '::|9229>9229/tcp',
    ]);
    assert.deepEqual(ports('0.0.0.0:8000-8002->9000-9002/tcp'), [
      '0.0.0.0|8000>9000/tcp',
      '0.0.0.0|8001>9001/tcp',
      '0.0.0.0|8002>9002/tcp',
    ]);
  });
  it('a range of 1,001 ports is read, 1,002 is not; a backwards range or a port past 65535 is not', () => {
    assert.equal(parseDockerPorts('0.0.0.0:1000-2000->1000-2000/tcp').length, 1001);
    assert.equal(parseDockerPorts('0.0.0.0:1000-2001->1000-2001/tcp').length, 0);
    assert.equal(parseDockerPorts('0.0.0.0:2000-1999->2000-1999/tcp').length, 0);
    assert.equal(parseDockerPorts('0.0.0.0:65535->80/tcp').length, 1);
    assert.equal(parseDockerPorts('0.0.0.0:65535-65536->80-81/tcp').length, 0);
    assert.equal(parseDockerPorts('0.0.0.0:99999->80/tcp').length, 0);
  });
  it('nothing that merely contains a mapping', () => {
    assert.deepEqual(ports('x0.0.0.0:80->80/tcp, 0.0.0.0:80->80/tcpx, 0.0.0.0:80->80/sctp, '), []);
  });
});

describe('isDockerPortOwner', () => {
  it("Docker Desktop's backend and docker-proxy, by their exact names in any case", () => {
    const table: [string | undefined, boolean][] = [
      ['com.docker.backend', true],
      ['com.docker.backend.exe', true],
      ['COM.DOCKER.BACKEND.EXE', true],
      ['docker-proxy', true],
      ['dockerd', false],
      ['my-docker-proxy', false],
      ['docker-proxy2', false],
      ['comXdockerXbackend', false],
      [undefined, false],
    ];
    for (const [name, expected] of table) assert.equal(isDockerPortOwner(name), expected, String(name));
  });
});
