/**
 * Port conflicts for Expose Port and Diagnose Port: Windows' reserved port ranges, the ports
 * mirrored mode never steers into Linux, and Windows programs on the same port
 * (host/connectivity/portConflicts.ts). Read-only netsh / PowerShell queries through the host's
 * runner; a query that fails is left out rather than read as "no conflict".
 */
import {
  describePortConflict,
  findPortConflicts,
  lanExposureConflicts,
  readPortConflictFacts,
  type PortConflictFacts,
  type PortProtocol,
} from '../host/connectivity';
import type { Protocol } from '../host/validators';
import type { Cockpit } from '../cockpit/cockpit';
import { t } from './common';

const CONFLICT_QUERY_TIMEOUT_MS = 4000;

/** The excluded ranges (and UDP endpoints) for one protocol; undefined when Windows is out of reach. */
export async function readConflictFacts(
  cockpit: Cockpit,
  protocol: Protocol,
): Promise<Pick<PortConflictFacts, 'excluded' | 'udpEndpoints'> | undefined> {
  const host = cockpit.host;
  if (host.unavailableReason() !== undefined) return undefined;
  return readPortConflictFacts(
    (command) =>
      host.windowsTool(command.file, [...command.args], { timeoutMs: CONFLICT_QUERY_TIMEOUT_MS }).then(
        (run) => run.stdout,
        () => undefined,
      ),
    protocol.toLowerCase() as PortProtocol,
  );
}

/**
 * Expose Port: why the Windows port LAN clients connect to may not work, one line per conflict
 * (shown in the confirmation, before anything runs).
 */
export async function portConflictWarnings(
  cockpit: Cockpit,
  windowsPort: number,
  protocol: Protocol,
): Promise<string[]> {
  const facts = await readConflictFacts(cockpit, protocol);
  if (facts === undefined) return [];
  const context = cockpit.facts?.ports?.context;
  const name = protocol.toLowerCase() as PortProtocol;
  const conflicts = findPortConflicts(windowsPort, name, {
    ...facts,
    ...(cockpit.facts?.ports?.windowsListeners ? { tcpListeners: cockpit.facts.ports.windowsListeners } : {}),
    ...(context ? { mode: context.mode } : {}),
    ...(context?.ignoredPorts ? { ignoredPorts: context.ignoredPorts } : {}),
  });
  return lanExposureConflicts(conflicts).map((conflict) => describePortConflict(conflict, windowsPort, name, t));
}
