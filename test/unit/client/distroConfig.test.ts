// The pure glue of "Open wsl.conf…": document addresses (a hostile distro name never becomes one),
// the distro picker, the bytes a save writes (the file's encoding kept), and the tooltip lines;
// inside a distro, which local files are its configuration files and whether this user may write
// them (real files with real owners and modes).
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  bytesToSave,
  distroConfigUriPath,
  distroPickItems,
  distroSummaryMarkdown,
  localDistroConfigPath,
  parseDistroConfigUriPath,
} from '../../../client/src/model/distroConfig';
import { checkWriteAccess, processIdentity } from '../../../client/src/host/writeAccess';
import { scratchRoot } from '../../fakes/fakeWindows';
import { t } from './support';

describe('distro config document addresses', () => {
  it('round-trips a distro and file', () => {
    const path = distroConfigUriPath({ distro: 'Ubuntu-24.04', path: '/etc/wsl.conf' });
    assert.equal(path, '/Ubuntu-24.04/etc/wsl.conf');
    assert.deepEqual(parseDistroConfigUriPath(path), { distro: 'Ubuntu-24.04', path: '/etc/wsl.conf' });
    assert.deepEqual(parseDistroConfigUriPath('/Debian/etc/wsl-distribution.conf'), {
      distro: 'Debian',
      path: '/etc/wsl-distribution.conf',
    });
  });

  it('refuses hostile distro names and other files', () => {
    for (const distro of ['a;rm -rf /', '$(id)', '-d', 'a b', '../etc', '']) {
      assert.throws(() => distroConfigUriPath({ distro, path: '/etc/wsl.conf' }), new RegExp('distro name'), distro);
      assert.equal(parseDistroConfigUriPath(`/${distro}/etc/wsl.conf`), undefined, distro);
    }
    assert.throws(() => distroConfigUriPath({ distro: 'Ubuntu', path: '/etc/shadow' as '/etc/wsl.conf' }));
    assert.equal(parseDistroConfigUriPath('/Ubuntu/etc/shadow'), undefined);
    assert.equal(parseDistroConfigUriPath('/Ubuntu/etc/../etc/wsl.conf'), undefined);
    assert.equal(parseDistroConfigUriPath('/Ubuntu/x/etc/wsl.conf'), undefined);
  });
});

describe('distroPickItems', () => {
  it('lists each valid distro with its state, and says that reading a stopped one starts it', () => {
    const items = distroPickItems(
      [
        { name: 'Ubuntu', state: 'Running', version: 2, isDefault: true },
        { name: 'Debian', state: 'Stopped', version: 2, isDefault: false },
        { name: 'bad name;x', state: 'Stopped', version: 2, isDefault: false },
      ],
      t,
    );
    assert.deepEqual(
      items.map((i) => [i.distro, i.description]),
      [
        ['Ubuntu', 'default · Running'],
        ['Debian', 'Stopped · reading its file starts it'],
      ],
    );
  });
});

describe('bytesToSave', () => {
  const bom = Buffer.from([0xef, 0xbb, 0xbf]);
  it('passes VS Code bytes through when the encoding is unchanged (CRLF and BOM kept)', () => {
    const incoming = Buffer.concat([bom, Buffer.from('[boot]\r\nsystemd=true\r\n')]);
    const out = bytesToSave(incoming, Buffer.concat([bom, Buffer.from('[boot]\r\n')]));
    assert.deepEqual(Buffer.from(out.bytes), incoming);
    assert.equal(out.text, '[boot]\r\nsystemd=true\r\n');
  });

  it("keeps the file's own encoding when the editor would drop its BOM", () => {
    const out = bytesToSave(Buffer.from('[boot]\r\nsystemd=true\r\n'), Buffer.concat([bom, Buffer.from('[boot]\r\n')]));
    assert.deepEqual(Buffer.from(out.bytes), Buffer.concat([bom, Buffer.from('[boot]\r\nsystemd=true\r\n')]));
  });

  it('writes a new file as given', () => {
    const incoming = Buffer.from('[boot]\nsystemd=true\n');
    assert.deepEqual(Buffer.from(bytesToSave(incoming, undefined).bytes), incoming);
  });
});

describe('distroSummaryMarkdown', () => {
  it('summarises each distro, names the interaction with .wslconfig, and escapes text from the files', () => {
    const markdown = distroSummaryMarkdown(
      [
        {
          distro: 'Ubuntu',
          wslconfText: '[boot]\nsystemd=true\n[network]\ngenerateResolvConf=false\n[user]\ndefault=*evil*_[x](y)\n',
        },
        { distro: 'Debian', wslconfText: '' },
      ],
      '[wsl2]\ndnsTunneling=true\n',
      t,
    );
    assert.ok(markdown);
    const lines = markdown.split('\n');
    const debian = lines.findIndex((l) => l.includes('**Debian**'));
    const ubuntu = lines.findIndex((l) => l.includes('**Ubuntu**'));
    assert.ok(debian >= 0 && ubuntu > debian, markdown);
    assert.match(lines[ubuntu]!, /systemd on/);
    assert.match(lines[ubuntu]!, /resolv\.conf managed by you/);
    // Every markup character is escaped (model/l10n.ts md()), parentheses too: no link can form.
    assert.match(lines[ubuntu]!, /default user \\\*evil\\\*\\_\\\[x\\\]\\\(y\\\)/);
    assert.match(lines[ubuntu]!, /[Dd]NS tunneling|dnsTunneling/);
    assert.doesNotMatch(lines[debian]!, /resolv/);
  });

  it('is empty when no distro file was read', () => {
    assert.equal(distroSummaryMarkdown([], undefined, t), undefined);
  });
});

describe('localDistroConfigPath (inside a distro)', () => {
  it("names the distro's two configuration files under its root, and nothing else", () => {
    assert.equal(localDistroConfigPath('/etc/wsl.conf', '/'), '/etc/wsl.conf');
    assert.equal(localDistroConfigPath('/etc/wsl-distribution.conf', '/'), '/etc/wsl-distribution.conf');
    assert.equal(localDistroConfigPath('/tmp/fake/etc/wsl.conf', '/tmp/fake'), '/etc/wsl.conf');
    for (const other of [
      '/etc/wsl.conf.bak-20261130T120000Z',
      '/home/me/etc/wsl.conf',
      '/etc/../etc/wsl.conf',
      '/etc//wsl.conf',
      'etc/wsl.conf',
      '/etc/shadow',
    ])
      assert.equal(localDistroConfigPath(other, '/'), undefined, other);
    assert.equal(localDistroConfigPath('/etc/wsl.conf', '/tmp/fake'), undefined);
  });
});

describe('checkWriteAccess (owner, group and mode of real files)', () => {
  const dir = fs.mkdtempSync(path.join(scratchRoot(), 'wsl-network-access-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const owner = processIdentity();
  assert.ok(owner, 'POSIX ids');
  // Someone who is neither the owner of the test's files nor in their group.
  const stranger = { uid: owner.uid + 4242, gids: [owner.uid + 4242] };

  it('a file owned by someone else with mode 0644 needs root; root itself may write it', async () => {
    const etc = path.join(dir, 'a', 'etc');
    fs.mkdirSync(etc, { recursive: true });
    const file = path.join(etc, 'wsl.conf');
    fs.writeFileSync(file, '[boot]\n', { mode: 0o644 });
    fs.chmodSync(file, 0o644);
    assert.deepEqual(await checkWriteAccess(file, stranger), { writable: false, blockedBy: file });
    assert.deepEqual(await checkWriteAccess(file, { uid: 0, gids: [0] }), { writable: true });
  });

  it('the owner bits count for the owner', async () => {
    const file = path.join(dir, 'owned.conf');
    fs.writeFileSync(file, '');
    // As root the test can hand the file to another user; otherwise it is the test's own.
    const me = owner.uid === 0 ? stranger : owner;
    if (owner.uid === 0) fs.chownSync(file, stranger.uid, stranger.uid);
    fs.chmodSync(file, 0o644);
    assert.deepEqual(await checkWriteAccess(file, me), { writable: true });
    fs.chmodSync(file, 0o464);
    assert.deepEqual(await checkWriteAccess(file, me), { writable: false, blockedBy: file }, 'owner bits, not group');
  });

  it("the group bits count for a member of the file's group, the others' bits for everyone else", async () => {
    const file = path.join(dir, 'group.conf');
    fs.writeFileSync(file, '');
    const group = fs.statSync(file).gid;
    fs.chmodSync(file, 0o664);
    assert.deepEqual(await checkWriteAccess(file, { uid: stranger.uid, gids: [group] }), { writable: true });
    assert.equal((await checkWriteAccess(file, stranger)).writable, false);
    fs.chmodSync(file, 0o666);
    assert.deepEqual(await checkWriteAccess(file, stranger), { writable: true });
  });

  it('a file that does not exist yet needs write and search permission on its folder', async () => {
    const etc = path.join(dir, 'b', 'etc');
    fs.mkdirSync(etc, { recursive: true });
    fs.chmodSync(etc, 0o755);
    const file = path.join(etc, 'wsl.conf');
    assert.deepEqual(await checkWriteAccess(file, stranger), { writable: false, blockedBy: etc });
    fs.chmodSync(etc, 0o777);
    assert.deepEqual(await checkWriteAccess(file, stranger), { writable: true });
    fs.chmodSync(etc, 0o776);
    assert.deepEqual(await checkWriteAccess(file, stranger), { writable: false, blockedBy: etc }, 'no search bit');
  });
});
