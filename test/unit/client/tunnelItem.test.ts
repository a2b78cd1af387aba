// Commands run from VS Code's own Ports view get its row (a tunnel item); only a valid remotePort is taken.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { portFromTunnelItem } from '../../../client/src/model/tunnelItem';

describe('portFromTunnelItem', () => {
  it('takes the remote port of a Ports view row', () => {
    assert.equal(
      portFromTunnelItem({
        tunnelType: 'Detected',
        remoteHost: 'localhost',
        remotePort: 3000,
        localAddress: 'localhost:3000',
      }),
      3000,
    );
  });
  it('ignores everything else, hostile values included', () => {
    for (const arg of [
      undefined,
      null,
      3000,
      '3000',
      { port: 3000 },
      { remotePort: '3000; calc' },
      { remotePort: 0 },
      { remotePort: 70000 },
      { remotePort: 80.5 },
    ])
      assert.equal(portFromTunnelItem(arg), undefined, JSON.stringify(arg));
  });
});
