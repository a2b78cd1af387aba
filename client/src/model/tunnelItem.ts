/**
 * VS Code's own Ports view passes its row to commands contributed to `ports/item/context`: the
 * tunnel item (`remoteHost`, `remotePort`, `localAddress`, … of the workbench's TunnelItem.strip()).
 * Only its remote port is used, validated like any typed port.
 */
import { validatePort } from '../host/validators';

export function portFromTunnelItem(arg: unknown): number | undefined {
  if (typeof arg !== 'object' || arg === null || !('remotePort' in arg)) return undefined;
  const port = validatePort((arg as { remotePort: unknown }).remotePort);
  return port.ok ? port.value : undefined;
}
