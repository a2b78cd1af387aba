// The demo override, where .wslconfig is looked for, and how it is read and written on disk.
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { resolveHostSetup, resolveWslConfigLocation } from '../../../client/src/model/hostSetup';
import {
  ConfigChangedOnDiskError,
  createWslConfig,
  readWslConfig,
  summarizeConfig,
  writeWslConfigAtomic,
  wslConfigTemplate,
} from '../../../client/src/model/wslConfigFile';
import { WslHost } from '../../../client/src/host/wslHost';
import { encodeConfigText } from '../../../server/src/core/encoding';
import { fakeEnvironment } from '../host/testSupport';

const dirs: string[] = [];
afterEach(() => {
  while (dirs.length) fs.rmSync(dirs.pop()!, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wsl-network-cockpit-'));
  dirs.push(dir);
  return dir;
}

describe('demo override', () => {
  it('is off unless WSL_NETWORK_DEMO is exactly 1', () => {
    for (const value of [undefined, '0', 'true', 'yes']) {
      const setup = resolveHostSetup(fakeEnvironment({ platform: 'linux', env: { WSL_NETWORK_DEMO: value } }));
      assert.equal(setup.demo, false);
      assert.equal(new WslHost({ environment: setup.environment }).situation.kind, 'unavailable');
    }
  });

  it('treats the host as Windows and says so', () => {
    const setup = resolveHostSetup(
      fakeEnvironment({ platform: 'linux', env: { WSL_NETWORK_DEMO: '1', WSL_NETWORK_FAKE_STATE: '/tmp/fake' } }),
    );
    assert.equal(setup.demo, true);
    assert.equal(setup.environment.platform, 'win32');
    assert.match(setup.note ?? '', /Demo mode .*treated as Windows/);
    assert.equal(new WslHost({ environment: setup.environment }).situation.kind, 'windows');
  });

  it('finds .wslconfig: setting, then the demo profile, then %USERPROFILE% on Windows', async () => {
    const demo = resolveHostSetup(
      fakeEnvironment({ platform: 'linux', env: { WSL_NETWORK_DEMO: '1', WSL_NETWORK_FAKE_STATE: '/tmp/fake' } }),
    );
    const host = new WslHost({ environment: demo.environment });
    assert.deepEqual(await resolveWslConfigLocation('/etc/custom/.wslconfig', demo, host), {
      path: '/etc/custom/.wslconfig',
      source: 'setting',
    });
    assert.deepEqual(await resolveWslConfigLocation('', demo, host), {
      path: '/tmp/fake/userprofile/.wslconfig',
      source: 'demo-profile',
    });
    assert.equal((await resolveWslConfigLocation('relative/.wslconfig', demo, host)).path, undefined);
    const windows = resolveHostSetup(fakeEnvironment({ platform: 'win32', env: { USERPROFILE: 'C:\\Users\\dev' } }));
    assert.deepEqual(await resolveWslConfigLocation('', windows, new WslHost({ environment: windows.environment })), {
      path: 'C:\\Users\\dev\\.wslconfig',
      source: 'userprofile',
    });
  });
});

describe('.wslconfig on disk', () => {
  it('summarises what WSL reads (first occurrence wins, alias included)', () => {
    const summary = summarizeConfig(
      '[experimental]\nnetworkingMode=mirrored\nignoredPorts=3000,9000\n[wsl2]\nnetworkingMode=nat\nlocalhostForwarding=false\n',
    );
    assert.equal(summary.mode, 'mirrored');
    assert.equal(summary.modeExplicit, true);
    assert.deepEqual(summary.ignoredPorts, [3000, 9000]);
    assert.equal(summary.localhostForwarding, false);
    assert.deepEqual(summarizeConfig(undefined), { mode: 'nat', modeExplicit: false });
  });

  it('writes atomically, keeping UTF-8 BOM and CRLF byte for byte', async () => {
    const file = path.join(tempDir(), '.wslconfig');
    const original = '# Größe\r\n[wsl2]\r\nnetworkingMode=nat\r\n';
    fs.writeFileSync(file, encodeConfigText(original, 'utf8bom'));
    const snapshot = await readWslConfig(file);
    assert.equal(snapshot.encoding, 'utf8bom');
    await writeWslConfigAtomic(snapshot, original.replace('=nat', '=mirrored'));
    assert.deepEqual(
      fs.readFileSync(file),
      Buffer.from(encodeConfigText('# Größe\r\n[wsl2]\r\nnetworkingMode=mirrored\r\n', 'utf8bom')),
    );
    assert.deepEqual(fs.readdirSync(path.dirname(file)), ['.wslconfig'], 'no temporary file is left behind');
  });

  it('refuses when the file changed on disk since it was read', async () => {
    const file = path.join(tempDir(), '.wslconfig');
    fs.writeFileSync(file, '[wsl2]\nnetworkingMode=nat\n');
    const snapshot = await readWslConfig(file);
    fs.writeFileSync(file, '[wsl2]\nnetworkingMode=nat\nmemory=4GB\n');
    await assert.rejects(writeWslConfigAtomic(snapshot, '[wsl2]\nnetworkingMode=mirrored\n'), ConfigChangedOnDiskError);
    assert.equal(fs.readFileSync(file, 'utf8'), '[wsl2]\nnetworkingMode=nat\nmemory=4GB\n');
  });

  it('creates a commented template that changes nothing', async () => {
    const file = path.join(tempDir(), 'profile', '.wslconfig');
    await createWslConfig(file, wslConfigTemplate('\r\n'));
    const text = fs.readFileSync(file, 'utf8');
    assert.match(text, /\r\n# networkingMode=mirrored\r\n/);
    assert.deepEqual(summarizeConfig(text), { mode: 'nat', modeExplicit: false });
    await assert.rejects(createWslConfig(file, 'x'), /EEXIST/);
  });
});
