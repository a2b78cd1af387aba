/**
 * server/src/core/networkingMode.ts, the one home of the networking mode, tested directly: its names
 * against the catalogue (schemas/wslconfig.json) and `wslinfo --networking-mode`'s spellings, its
 * labels, and which keys each mode ignores or needs.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  MODE_DEPENDENT_KEYS,
  MODE_NEEDS,
  NETWORKING_MODES,
  keysWithoutEffect,
  modeInSentence,
  modeLabel,
  parseEffectiveModeName,
  parseModeName,
} from '../../server/src/core/networkingMode';

const REPO = path.resolve(__dirname, '..', '..', '..');
const catalogue = JSON.parse(fs.readFileSync(path.join(REPO, 'schemas', 'wslconfig.json'), 'utf8')) as {
  keys: { section: string; name: string; modes?: string[]; values?: { name: string; aliasOf?: string }[] }[];
};

describe('networking mode names', () => {
  it("lists the catalogue's modes that are no legacy alias, lowercase, in the cockpit's order", () => {
    const values = catalogue.keys.find((k) => k.section === 'wsl2' && k.name === 'networkingMode')?.values ?? [];
    const live = values.filter((v) => v.aliasOf === undefined).map((v) => v.name.toLowerCase());
    assert.deepEqual([...NETWORKING_MODES].sort(), live.sort());
    assert.deepEqual(NETWORKING_MODES, ['nat', 'mirrored', 'bridged', 'none', 'consomme']);
  });

  it('reads a mode in any case and with blanks, the legacy VirtioProxy as Consomme, and nothing else', () => {
    assert.equal(parseModeName('Mirrored'), 'mirrored');
    assert.equal(parseModeName('  NAT '), 'nat');
    assert.equal(parseModeName('bridged'), 'bridged');
    assert.equal(parseModeName('None'), 'none');
    assert.equal(parseModeName('Consomme'), 'consomme');
    assert.equal(parseModeName('VirtioProxy'), 'consomme');
    assert.equal(parseModeName('virtioproxy'), 'consomme');
    for (const other of ['wsl1', 'mirroredx', 'virtio', '', 'nat mirrored'])
      assert.equal(parseModeName(other), undefined, other);
    for (const notText of [42, undefined, null, ['nat'], { mode: 'nat' }])
      assert.equal(parseModeName(notText), undefined, String(notText));
  });

  it('reads what wslinfo --networking-mode prints, CR/LF and wsl1 included', () => {
    assert.equal(parseEffectiveModeName('wsl1\r\n'), 'wsl1');
    assert.equal(parseEffectiveModeName('WSL1'), 'wsl1');
    assert.equal(parseEffectiveModeName('mirrored\r\n'), 'mirrored');
    assert.equal(parseEffectiveModeName('nat\n'), 'nat');
    assert.equal(parseEffectiveModeName('consomme\r\r\n'), 'consomme');
    assert.equal(parseEffectiveModeName('VirtioProxy\n'), 'consomme');
    assert.equal(parseEffectiveModeName('w\rsl1'), 'wsl1', 'a CR inside the word is dropped, as from a console');
    assert.equal(parseEffectiveModeName('unknown\n'), undefined);
    assert.equal(parseEffectiveModeName(''), undefined);
  });

  it('labels each mode for titles, and in a sentence keeps only acronyms and names capitalised', () => {
    const modes = ['nat', 'mirrored', 'bridged', 'none', 'consomme', 'wsl1'] as const;
    const labels = Object.fromEntries(modes.map((m) => [m, modeLabel(m)]));
    assert.deepEqual(labels, {
      nat: 'NAT',
      mirrored: 'Mirrored',
      bridged: 'Bridged',
      none: 'None',
      consomme: 'Consomme',
      wsl1: 'WSL1',
    });
    const inSentence = Object.fromEntries(modes.map((m) => [m, modeInSentence(m)]));
    assert.deepEqual(inSentence, {
      nat: 'NAT',
      mirrored: 'mirrored',
      bridged: 'bridged',
      none: 'none',
      consomme: 'Consomme',
      wsl1: 'WSL1',
    });
  });
});

describe('keys that depend on the mode', () => {
  it("are the catalogue's keys with modes, in catalogue order", () => {
    const expected = catalogue.keys
      .filter((k) => k.modes !== undefined)
      .map((k) => ({ section: k.section, name: k.name, modes: k.modes }));
    assert.deepEqual(MODE_DEPENDENT_KEYS, expected);
    assert.ok(
      expected.length >= 9,
      'localhostForwarding, the bridged keys, dnsProxy, ignoredPorts, hostAddressLoopback',
    );
  });

  it('does nothing in a mode that is not among its modes', () => {
    const names = (mode: Parameters<typeof keysWithoutEffect>[0]) =>
      keysWithoutEffect(mode).map((k) => `${k.section}.${k.name}`);
    assert.deepEqual(names('mirrored'), [
      'wsl2.localhostForwarding',
      'wsl2.vmSwitch',
      'wsl2.macAddress',
      'wsl2.dhcp',
      'wsl2.dhcpTimeout',
      'wsl2.ipv6',
      'wsl2.dnsProxy',
    ]);
    assert.deepEqual(names('nat'), [
      'wsl2.vmSwitch',
      'wsl2.macAddress',
      'wsl2.dhcp',
      'wsl2.dhcpTimeout',
      'wsl2.ipv6',
      'experimental.ignoredPorts',
      'experimental.hostAddressLoopback',
    ]);
    assert.deepEqual(names('bridged'), [
      'wsl2.dnsProxy',
      'experimental.ignoredPorts',
      'experimental.hostAddressLoopback',
    ]);
  });

  it('says what bridged and Consomme need from other keys, and nothing for the rest', () => {
    assert.deepEqual(MODE_NEEDS, {
      bridged: { section: 'wsl2', name: 'vmSwitch', needs: 'set' },
      consomme: { section: 'wsl2', name: 'virtio', needs: 'true' },
    });
  });
});
