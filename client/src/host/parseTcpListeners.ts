// Windows-side listening TCP sockets from `Get-NetTCPConnection -State Listen`. In NAT mode
// the localhost relay shows up here for forwarded ports, and a Windows program holding the
// same port explains why localhost:<port> reaches Windows instead of WSL.
import type { WindowsTcpListener } from './hostTypes';
import { asNumber, asString, parsePowerShellJsonList } from './powershellJson';

export function parseTcpListeners(json: string): WindowsTcpListener[] {
  const listeners: WindowsTcpListener[] = [];
  for (const item of parsePowerShellJsonList(json)) {
    const localAddress = asString(item['LocalAddress']);
    const localPort = asNumber(item['LocalPort']);
    if (localAddress === undefined || localPort === undefined) continue;
    listeners.push({ localAddress, localPort, owningProcess: asNumber(item['OwningProcess']) });
  }
  return listeners;
}
