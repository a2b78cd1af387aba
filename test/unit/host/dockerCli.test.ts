// The docker CLI as a real child process (how it is found: findDockerCli.test.ts); `docker ps`
// replays the real capture through the stand-in (test/fakes/linux-bin/docker), and a missing,
// failing or hung docker never fails a refresh.
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DOCKER_PS_TIMEOUT_MS, DOCKER_STAND_IN_ENV } from '../../../client/src/host/dockerCli';
import { collectFacts } from '../../../client/src/model/facts';
import { hostForSetup, resolveHostSetup } from '../../../client/src/model/hostSetup';
import { createFakeWindows, type FakeStateInput, type FakeWindows } from '../../fakes/fakeWindows';
import { fakeEnvironment } from './testSupport';

const DOCKER_PS = 'ps --format {{json .}}';
const REPLAY: FakeStateInput['replay'] = { [DOCKER_PS]: { capture: 'docker-ps.json-lines.linux-engine.txt' } };

let fake: FakeWindows | undefined;
afterEach(() => {
  fake?.dispose();
  fake = undefined;
});

function demo(state: FakeStateInput, docker: boolean) {
  fake = createFakeWindows({ state, docker });
  const setup = resolveHostSetup(fakeEnvironment({ platform: 'linux', env: { ...fake.env, WSL_NETWORK_DEMO: '1' } }));
  return { setup, host: hostForSetup(setup) };
}

const dockerCalls = () => fake!.calls().filter((c) => c.tool === 'docker');
const location = { path: '/nonexistent/.wslconfig', source: 'setting' as const };

describe('WslHost.listDockerContainers (docker stand-in, real child processes)', () => {
  it('runs docker ps --format {{json .}} and reads the real capture', async () => {
    const { host } = demo({ replay: REPLAY }, true);
    const containers = await host.listDockerContainers();
    assert.deepEqual(
      containers?.map((c) => c.name),
      ['astroneer-server-1', 'nginx', 'frp_client'],
    );
    assert.deepEqual(
      dockerCalls().map((c) => c.argv),
      [['ps', '--format', '{{json .}}']],
    );
  });

  it('looks docker up once per host: a later change of the environment does not move it', async () => {
    const { host, setup } = demo({ replay: REPLAY }, true);
    await host.listDockerContainers();
    delete (setup.environment.env as Record<string, string | undefined>)[DOCKER_STAND_IN_ENV];
    assert.equal((await host.listDockerContainers())?.length, 3);
    assert.equal(dockerCalls().length, 2);
  });

  it('without docker: no label source, no call, no error in the facts', async () => {
    const { host, setup } = demo({ replay: REPLAY }, false);
    assert.equal(await host.listDockerContainers(), undefined);
    const facts = await collectFacts(host, setup, { distroSetting: '', includePorts: true, location });
    assert.equal(facts.ports?.docker, undefined);
    assert.deepEqual(facts.ports?.errors, []);
    assert.deepEqual(dockerCalls(), []);
  });

  it('a docker whose daemon is down: the refresh completes, the error is kept apart from the WSL facts', async () => {
    const { host, setup } = demo({}, true);
    const facts = await collectFacts(host, setup, { distroSetting: '', includePorts: true, location });
    assert.equal(facts.available, true);
    assert.deepEqual(facts.ports?.docker?.containers, []);
    assert.match(facts.ports?.docker?.error ?? '', /Cannot connect to the Docker daemon/);
    assert.deepEqual(facts.ports?.errors, []);
  });

  it('a hung docker is stopped after its time limit and the refresh still completes', async () => {
    const { host, setup } = demo({ docker: { hang: true } }, true);
    const started = Date.now();
    const facts = await collectFacts(host, setup, { distroSetting: '', includePorts: true, location });
    const took = Date.now() - started;
    assert.match(facts.ports?.docker?.error ?? '', /timed out after 3000 ms/);
    assert.ok(took >= DOCKER_PS_TIMEOUT_MS && took < DOCKER_PS_TIMEOUT_MS + 6000, `took ${took} ms`);
    assert.deepEqual(facts.ports?.errors, []);
    assert.equal(dockerCalls().length, 1);
  });
});
