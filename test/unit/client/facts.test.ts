// Fact collection against the stand-in Windows tools (real child processes): it never starts
// WSL just to look, reports WSL's own error when it is missing, and reads ports only on request.
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { collectFacts } from '../../../client/src/model/facts';
import { hostForSetup, resolveHostSetup, type WslConfigLocation } from '../../../client/src/model/hostSetup';
import { WslHost } from '../../../client/src/host/wslHost';
import { createFakeWindows, type FakeStateInput, type FakeWindows } from '../../fakes/fakeWindows';
import { fakeEnvironment } from '../host/testSupport';

let fake: FakeWindows | undefined;
afterEach(() => {
  fake?.dispose();
  fake = undefined;
});

const location: WslConfigLocation = { path: '/nonexistent/.wslconfig', source: 'setting' };

function demoHost(state: FakeStateInput, omit?: string[]) {
  fake = createFakeWindows({ state, ...(omit ? { omit } : {}) });
  const setup = resolveHostSetup(fakeEnvironment({ platform: 'linux', env: { ...fake.env, WSL_NETWORK_DEMO: '1' } }));
  return { setup, host: hostForSetup(setup) };
}

describe('collectFacts', () => {
  it('reads mode, distros and ports from a running distro', async () => {
    const { setup, host } = demoHost({
      networkingMode: 'mirrored',
      linux: {
        addresses: ['192.168.1.20'],
        sockets: [{ protocol: 'tcp', address: '0.0.0.0', port: 8080, pid: 4242, comm: 'node', inode: 50001 }],
      },
    });
    const facts = await collectFacts(host, setup, { distroSetting: '', includePorts: true, location });
    assert.equal(facts.available, true);
    assert.equal(facts.demo, true);
    assert.equal(facts.distro, 'Ubuntu-24.04');
    assert.equal(facts.effectiveMode, 'mirrored');
    assert.equal(facts.version?.windowsVersion, '10.0.22621.2861');
    assert.deepEqual(facts.ports?.context?.wslIps, ['192.168.1.20']);
    // "This network's subnet" for a Hyper-V rule: eth0's network, as the stand-in's `ip -4 addr show eth0` prints it (/20).
    assert.deepEqual(facts.ports?.context?.lanSubnets, ['192.168.0.0/20']);
    assert.deepEqual(
      facts.ports?.sockets.map((s) => [s.distro, s.sockets.map((x) => `${x.address}:${x.port} ${x.processName}`)]),
      [['Ubuntu-24.04', ['0.0.0.0:8080 node']]],
    );
    assert.deepEqual(facts.ports?.errors, []);
  });

  it('does not start a stopped WSL: no Linux command runs', async () => {
    const { setup, host } = demoHost({ distros: [{ name: 'Ubuntu-24.04', state: 'Stopped', version: 2 }] });
    const facts = await collectFacts(host, setup, { distroSetting: '', includePorts: true, location });
    assert.equal(facts.vmRunning, false);
    assert.equal(facts.inspectDistro, undefined);
    assert.equal(facts.effectiveMode, undefined);
    assert.deepEqual(
      fake!.calls().map((c) => [c.tool, ...c.argv].join(' ')),
      ['wsl.exe --list --verbose'],
    );
    assert.equal(fake!.readState().distros[0]?.state, 'Stopped');
  });

  it('reports WSL as unavailable when it is not installed (or has no distro)', async () => {
    const { setup, host } = demoHost({ wslInstalled: false });
    const facts = await collectFacts(host, setup, { distroSetting: '', includePorts: false, location });
    assert.equal(facts.available, false);
    assert.match(facts.unavailableReason ?? '', /no distributions.*not installed/);
  });

  it('falls back to the default distro when the setting names an unknown one, and says so', async () => {
    const { setup, host } = demoHost({});
    const facts = await collectFacts(host, setup, { distroSetting: 'Arch', includePorts: false, location });
    assert.equal(facts.distro, 'Ubuntu-24.04');
    assert.match(facts.distroNote ?? '', /"Arch", which is not installed/);
  });

  it('is unavailable on plain Linux without the demo override', async () => {
    const host = new WslHost({ environment: fakeEnvironment({ platform: 'linux', env: {} }) });
    const facts = await collectFacts(host, resolveHostSetup(fakeEnvironment({ platform: 'linux', env: {} })), {
      distroSetting: '',
      includePorts: true,
      location,
    });
    assert.equal(facts.available, false);
    assert.match(facts.unavailableReason ?? '', /not a WSL distro/);
  });
});
