// The pure glue of "Open wsl.conf…": document addresses (a hostile distro name never becomes one),
// the distro picker, the bytes a save writes (the file's encoding kept), and the tooltip lines.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  bytesToSave,
  distroConfigUriPath,
  distroPickItems,
  distroSummaryMarkdown,
  parseDistroConfigUriPath,
} from '../../../client/src/model/distroConfig';
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
