// Apply Networking Mode: related keys are offered (not silently changed), and the result is a
// minimal edit of the file.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyModeChange, minimalReplacement, modeChoices, modeNotes, parseConfigMode, relatedFixes } from '../../../client/src/cockpit/modeSwitch';
import { t } from './support';

describe('mode switch', () => {
  it('offers the five modes with warnings on the risky ones', () => {
    const choices = modeChoices(t);
    assert.deepEqual(choices.map((c) => c.label), ['NAT', 'Mirrored', 'Bridged', 'None', 'Consomme']);
    assert.deepEqual(choices.filter((c) => c.warning).map((c) => c.mode), ['bridged', 'none', 'consomme']);
    assert.equal(parseConfigMode('Mirrored'), 'mirrored');
    assert.equal(parseConfigMode('VirtioProxy'), 'consomme');
    assert.equal(parseConfigMode('mirror'), undefined);
  });

  it('switching away from mirrored offers to comment out the mirrored-only keys', () => {
    const text = '[wsl2]\r\nnetworkingMode=mirrored\r\n\r\n[experimental]\r\nhostAddressLoopback=true\r\nignoredPorts=3000\r\n';
    const fixes = relatedFixes(text, 'nat', t);
    assert.deepEqual(fixes.map((f) => f.id), ['comment:hostAddressLoopback', 'comment:ignoredPorts']);
    assert.equal(applyModeChange(text, 'nat', [], t), text.replace('networkingMode=mirrored', 'networkingMode=nat'));
    assert.equal(
      applyModeChange(text, 'nat', fixes, t),
      '[wsl2]\r\nnetworkingMode=nat\r\n\r\n[experimental]\r\n# hostAddressLoopback=true  # only applies in mirrored mode (commented out by WSL Network)\r\n# ignoredPorts=3000  # only applies in mirrored mode (commented out by WSL Network)\r\n',
    );
  });

  it('switching to mirrored offers to comment out localhostForwarding and adds the key under [wsl2]', () => {
    const text = '# mine\n[wsl2]\nmemory=8GB\nlocalhostForwarding=true\n';
    const fixes = relatedFixes(text, 'mirrored', t);
    assert.deepEqual(fixes.map((f) => f.id), ['comment:localhostForwarding']);
    assert.equal(
      applyModeChange(text, 'mirrored', fixes, t),
      '# mine\n[wsl2]\nmemory=8GB\n# localhostForwarding=true  # ignored in mirrored mode (commented out by WSL Network)\nnetworkingMode=mirrored\n',
    );
  });

  it('consomme with virtio=false offers virtio=true; bridged without vmSwitch gets a note', () => {
    assert.deepEqual(relatedFixes('[wsl2]\nvirtio=false\n', 'consomme', t).map((f) => f.id), ['set:virtio']);
    assert.equal(applyModeChange('[wsl2]\nvirtio=false\n', 'consomme', relatedFixes('[wsl2]\nvirtio=false\n', 'consomme', t), t), '[wsl2]\nvirtio=true\nnetworkingMode=consomme\n');
    assert.match(modeNotes('', 'bridged', t)[0] ?? '', /vmSwitch is not set/);
  });

  it('minimalReplacement covers exactly the changed region', () => {
    assert.deepEqual(minimalReplacement('a=nat\nb=1\n', 'a=mirrored\nb=1\n'), { start: 2, end: 5, newText: 'mirrored' });
    assert.equal(minimalReplacement('same', 'same'), undefined);
  });
});
