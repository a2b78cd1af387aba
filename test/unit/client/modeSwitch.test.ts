// Apply Networking Mode: related keys are offered (not silently changed), and the result is a
// minimal edit of the file.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  applyModeChange,
  modeChoices,
  modeNotes,
  parseConfigMode,
  relatedFixes,
} from '../../../client/src/model/modeSwitch';
import { analyze, minimalReplacement } from '../../../server/src/core';
import { t } from './support';

describe('mode switch', () => {
  it('offers the five modes with warnings on the risky ones', () => {
    const choices = modeChoices(t);
    assert.deepEqual(
      choices.map((c) => c.label),
      ['NAT', 'Mirrored', 'Bridged', 'None', 'Consomme'],
    );
    assert.deepEqual(
      choices.filter((c) => c.warning).map((c) => c.mode),
      ['bridged', 'none', 'consomme'],
    );
    assert.equal(parseConfigMode('Mirrored'), 'mirrored');
    assert.equal(parseConfigMode('VirtioProxy'), 'consomme');
    assert.equal(parseConfigMode('mirror'), undefined);
  });

  it('switching away from mirrored offers to comment out the mirrored-only keys', () => {
    const text =
      '[wsl2]\r\nnetworkingMode=mirrored\r\n\r\n[experimental]\r\nhostAddressLoopback=true\r\nignoredPorts=3000\r\n';
    const fixes = relatedFixes(text, 'nat', t);
    assert.deepEqual(
      fixes.map((f) => f.id),
      ['comment:hostAddressLoopback', 'comment:ignoredPorts'],
    );
    assert.equal(applyModeChange(text, 'nat', []), text.replace('networkingMode=mirrored', 'networkingMode=nat'));
    assert.equal(
      applyModeChange(text, 'nat', fixes),
      '[wsl2]\r\nnetworkingMode=nat\r\n\r\n[experimental]\r\n# hostAddressLoopback=true  # only applies in mirrored mode (commented out by WSL Network)\r\n# ignoredPorts=3000  # only applies in mirrored mode (commented out by WSL Network)\r\n',
    );
  });

  it('switching to mirrored offers to comment out localhostForwarding and adds the key under [wsl2]', () => {
    const text = '# mine\n[wsl2]\nmemory=8GB\nlocalhostForwarding=true\n';
    const fixes = relatedFixes(text, 'mirrored', t);
    assert.deepEqual(
      fixes.map((f) => f.id),
      ['comment:localhostForwarding'],
    );
    assert.equal(
      applyModeChange(text, 'mirrored', fixes),
      '# mine\n[wsl2]\nmemory=8GB\n# localhostForwarding=true  # ignored in mirrored mode (commented out by WSL Network)\nnetworkingMode=mirrored\n',
    );
  });

  it('consomme with virtio=false offers virtio=true; bridged without vmSwitch gets a note', () => {
    assert.deepEqual(
      relatedFixes('[wsl2]\nvirtio=false\n', 'consomme', t).map((f) => f.id),
      ['set:virtio'],
    );
    assert.equal(
      applyModeChange('[wsl2]\nvirtio=false\n', 'consomme', relatedFixes('[wsl2]\nvirtio=false\n', 'consomme', t)),
      '[wsl2]\nvirtio=true\nnetworkingMode=consomme\n',
    );
    assert.match(modeNotes('', 'bridged', t)[0] ?? '', /vmSwitch is not set/);
  });

  it("offers the same clean-ups that the server warns about (the catalogue's modes), in file order", () => {
    const text =
      '[wsl2]\nnetworkingMode=bridged\nvmSwitch=External\nmacAddress=00:15:5d:00:00:01\ndhcp=false\ndhcpTimeout=5000\nipv6=true\ndnsProxy=false\nlocalhostForwarding=true\n\n[experimental]\nhostAddressLoopback=true\n';
    const warned = analyze(text.replace('networkingMode=bridged', 'networkingMode=mirrored'), 'wslconfig')
      .findings.filter((f) => f.code === 'mode-no-effect')
      .map((f) => text.replace('networkingMode=bridged', 'networkingMode=mirrored').slice(f.span.start, f.span.end));
    const offered = relatedFixes(text, 'mirrored', t);
    assert.deepEqual(
      offered.map((f) => f.key),
      ['vmSwitch', 'macAddress', 'dhcp', 'dhcpTimeout', 'ipv6', 'dnsProxy', 'localhostForwarding'],
    );
    assert.deepEqual(
      offered.map((f) => f.key),
      warned,
    );
    const switched = applyModeChange(text, 'mirrored', offered);
    assert.match(switched, /^# vmSwitch=External {2}# only applies in bridged mode \(commented out by WSL Network\)$/m);
    assert.match(switched, /^# dnsProxy=false {2}# only applies in NAT mode \(commented out by WSL Network\)$/m);
    assert.match(switched, /^hostAddressLoopback=true$/m);
    assert.equal(analyze(switched, 'wslconfig').findings.filter((f) => f.code === 'mode-no-effect').length, 0);
    // Back to NAT: only the keys NAT ignores.
    assert.deepEqual(
      relatedFixes(text, 'nat', t).map((f) => f.key),
      ['vmSwitch', 'macAddress', 'dhcp', 'dhcpTimeout', 'ipv6', 'hostAddressLoopback'],
    );
  });

  it('minimalReplacement covers exactly the changed region', () => {
    assert.deepEqual(minimalReplacement('a=nat\nb=1\n', 'a=mirrored\nb=1\n'), {
      start: 2,
      end: 5,
      newText: 'mirrored',
    });
    assert.equal(minimalReplacement('same', 'same'), undefined);
  });
});
