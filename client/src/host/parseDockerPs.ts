// Docker's own port mapping, from `docker ps --format '{{json .}}'`: one JSON object per line
// (Go's encoder, so `->` arrives as `-\u003e`), with `Ports` as Docker prints it, e.g.
// `0.0.0.0:8080->80/tcp, :::8080->80/tcp, 9000/udp, 0.0.0.0:8000-8002->8000-8002/tcp`. Only
// published ports (with a host side) are kept: those are the ones that listen on the host.
import type { SocketProtocol } from './hostTypes';

export interface DockerPortMapping {
  /** `0.0.0.0`, `::` or one address. */
  readonly hostAddress: string;
  readonly hostPort: number;
  readonly containerPort: number;
  readonly protocol: SocketProtocol;
}

export interface DockerContainer {
  readonly id: string;
  readonly name: string;
  readonly image: string;
  readonly state: string;
  readonly ports: readonly DockerPortMapping[];
}

/** Process names that publish Docker ports: Docker Desktop's backend on Windows, docker-proxy in a Linux engine. */
export function isDockerPortOwner(processName: string | undefined): boolean {
  return processName !== undefined && /^(com\.docker\.backend(\.exe)?|docker-proxy)$/i.test(processName);
}

export function parseDockerPs(text: string): DockerContainer[] {
  const containers: DockerContainer[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    let item: unknown;
    try {
      item = JSON.parse(line);
    } catch {
      continue; // a warning line from the CLI, not a record
    }
    if (typeof item !== 'object' || item === null) continue;
    const record = item as Record<string, unknown>;
    const text = (key: string): string => (typeof record[key] === 'string' ? (record[key] as string) : '');
    // `Names` may list several names separated by commas (links); the first is the container's own.
    const name = text('Names').split(',')[0] ?? '';
    if (name === '') continue;
    containers.push({
      id: text('ID'),
      name,
      image: text('Image'),
      state: text('State'),
      ports: parseDockerPorts(text('Ports')),
    });
  }
  return containers;
}

/** `Ports` of one container; unpublished entries (`9000/udp`) and anything unreadable are left out. */
export function parseDockerPorts(ports: string): DockerPortMapping[] {
  const mappings: DockerPortMapping[] = [];
  for (const entry of ports.split(',').map((part) => part.trim())) {
    const match =
      /^(?:\[([0-9a-fA-F:]+)\]|([0-9.]+)|(::)):(\d{1,5})(?:-(\d{1,5}))?->(\d{1,5})(?:-(\d{1,5}))?\/(tcp|udp)$/.exec(
        entry,
      );
    if (!match) continue;
    const hostAddress = match[1] ?? match[2] ?? match[3] ?? '';
    const hostFirst = Number(match[4]);
    const hostLast = match[5] === undefined ? hostFirst : Number(match[5]);
    const containerFirst = Number(match[6]);
    if (hostLast < hostFirst || hostLast - hostFirst > 1000 || hostLast > 65535) continue;
    for (let offset = 0; offset <= hostLast - hostFirst; offset++)
      mappings.push({
        hostAddress,
        hostPort: hostFirst + offset,
        containerPort: containerFirst + offset,
        protocol: match[8] as SocketProtocol,
      });
  }
  return mappings;
}

/** The container that publishes this host port, if Docker's mapping names one. */
export function dockerContainerOnPort(
  containers: readonly DockerContainer[],
  port: number,
  protocol: SocketProtocol,
): { readonly container: DockerContainer; readonly mapping: DockerPortMapping } | undefined {
  for (const container of containers) {
    const mapping = container.ports.find((p) => p.hostPort === port && p.protocol === protocol);
    if (mapping) return { container, mapping };
  }
  return undefined;
}

/** A listening socket that Docker publishes, with the container when Docker's mapping names it. */
export interface DockerPort {
  readonly container?: DockerContainer;
}

/**
 * Whether a listening socket is a Docker port: its owner is Docker's port publisher, or its owner
 * is unknown (docker-proxy runs as root, whose /proc entries a user cannot read) and Docker's
 * mapping publishes that port. A socket owned by another named program is that program's own,
 * even when Docker Desktop publishes the same number on Windows (in NAT mode that is a separate
 * network namespace).
 */
export function dockerPortOf(
  socket: { readonly port: number; readonly protocol: SocketProtocol; readonly processName?: string | undefined },
  containers: readonly DockerContainer[],
): DockerPort | undefined {
  const owner = isDockerPortOwner(socket.processName);
  if (!owner && socket.processName !== undefined) return undefined;
  const published = dockerContainerOnPort(containers, socket.port, socket.protocol);
  if (published) return { container: published.container };
  return owner ? {} : undefined;
}
