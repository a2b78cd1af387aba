/**
 * What an unknown key or section says and offers (server/src/core/analyzer.ts): the other file or
 * section it belongs to, the key that was meant, and each quick fix. These are the messages issue #14
 * took from real files: a key is never said to belong to a file it is not in, "did you mean" looks
 * across sections and files, and prefers a key with the same meaning over a near spelling.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FileKind } from '../../server/src/core/catalogue';
import { replaceFix as replace, deleteLineFix as deleteLine, seen } from './findingView';

const only = (text: string, kind: FileKind) => seen(text, kind, { withRestartNote: false });

describe('unknown keys: the other file, the other section', () => {
  it('names the wsl.conf section of a wsl.conf key written in .wslconfig, and offers to delete the line', () => {
    assert.deepEqual(only('[wsl2]\nsystemd=true\n', 'wslconfig'), [
      {
        code: 'wrong-file',
        severity: 'error',
        message:
          "Unknown key 'wsl2.systemd': 'systemd' is a setting of /etc/wsl.conf (under [boot]), not of .wslconfig. Move it to [boot] in /etc/wsl.conf.",
        at: 'systemd',
        fixes: [deleteLine(7, 19)],
      },
    ]);
  });

  it('names the .wslconfig key, and the section, of a .wslconfig section written in wsl.conf', () => {
    assert.deepEqual(only('[wsl2]\nmemory=4GB\n', 'wslconf'), [
      {
        code: 'wrong-file',
        severity: 'error',
        message: '[wsl2] is a section of .wslconfig, not of /etc/wsl.conf. WSL ignores every key in it here.',
        at: 'wsl2',
        fixes: [deleteLine(0, 17)],
      },
      {
        code: 'wrong-file',
        severity: 'error',
        message:
          "Unknown key 'wsl2.memory': 'wsl2.memory' is a setting of .wslconfig, not of /etc/wsl.conf. Move it to .wslconfig.",
        at: 'memory',
        fixes: [deleteLine(7, 17)],
      },
    ]);
  });

  it('offers to move a key of this file to its own section', () => {
    assert.deepEqual(only('[experimental]\nmemory=4GB\n', 'wslconfig'), [
      {
        code: 'wrong-section',
        severity: 'error',
        message: "Unknown key 'experimental.memory': 'memory' belongs in [wsl2], not in [experimental].",
        at: 'memory',
        fixes: [{ fix: 'move-to-section', section: 'wsl2', entrySpan: { start: 15, end: 25 } }],
      },
    ]);
  });

  it('does not say a key belongs to the file whose section it is written under, when no file has it', () => {
    assert.deepEqual(only('[network]\nforwardWindowsProxy=true\n', 'wslconfig'), [
      {
        code: 'wrong-file',
        severity: 'error',
        message: '[network] is a section of /etc/wsl.conf, not of .wslconfig. WSL ignores every key in it here.',
        at: 'network',
        fixes: [deleteLine(0, 34)],
      },
      {
        code: 'unknown-key',
        severity: 'error',
        message:
          "Unknown key 'network.forwardWindowsProxy'. [network] is a section of /etc/wsl.conf, but no WSL config file has a key 'forwardWindowsProxy'. Did you mean 'autoProxy' in [wsl2]?",
        at: 'forwardWindowsProxy',
        fixes: [
          replace(10, 29, 'autoProxy'),
          { fix: 'move-to-section', section: 'wsl2', entrySpan: { start: 10, end: 34 } },
        ],
      },
    ]);
  });
});

describe('unknown keys: what was meant', () => {
  it('offers the near spelling in the same section', () => {
    assert.deepEqual(only('[wsl2]\nmemroy=4GB\n', 'wslconfig'), [
      {
        code: 'unknown-key',
        severity: 'error',
        message: "Unknown key 'wsl2.memroy'. Did you mean 'memory'?",
        at: 'memroy',
        fixes: [replace(7, 13, 'memory')],
      },
    ]);
  });

  it('offers sparseVhd for sparse, a key with the same meaning', () => {
    assert.deepEqual(only('[experimental]\nsparse=true\n', 'wslconfig'), [
      {
        code: 'unknown-key',
        severity: 'error',
        message: "Unknown key 'experimental.sparse'. Did you mean 'sparseVhd'?",
        at: 'sparse',
        fixes: [replace(15, 21, 'sparseVhd')],
      },
    ]);
  });

  it("reads [automount] defaultUid as wsl-distribution.conf's key or the uid= mount option, never [user] default", () => {
    const [finding] = only('[automount]\ndefaultUid=1000\n', 'wslconf');
    assert.deepEqual(finding, {
      code: 'wrong-file',
      severity: 'error',
      message:
        "Unknown key 'automount.defaultUid': 'defaultUid' is a setting of /etc/wsl-distribution.conf (under [oobe]), not of /etc/wsl.conf. Move it to [oobe] in /etc/wsl-distribution.conf. Or did you mean the option 'uid' inside [automount] options, e.g. options = \"uid=1000\"?",
      at: 'defaultUid',
      fixes: [deleteLine(12, 27)],
    });
    assert.doesNotMatch(finding.message, /'default'|\[user\]/);
  });
});

describe('unknown sections', () => {
  it('offers the section a typo meant, on the header and on each of its keys', () => {
    assert.deepEqual(only('[wls2]\nmemory=4GB\n', 'wslconfig'), [
      {
        code: 'unknown-section',
        severity: 'error',
        message: 'Unknown section [wls2]: WSL reports every key in it as unknown. Did you mean [wsl2]?',
        at: 'wls2',
        fixes: [replace(1, 5, 'wsl2', 'Change to [wsl2]')],
      },
      {
        code: 'unknown-key',
        severity: 'error',
        message: "Unknown key 'wls2.memory'. [wls2] looks like a typo for [wsl2].",
        at: 'memory',
        fixes: [replace(1, 5, 'wsl2', 'Change [wls2] to [wsl2]')],
      },
    ]);
  });

  it("lists the file's sections when nothing is close, and offers no fix", () => {
    assert.deepEqual(only('[foo]\nbar=1\n', 'wslconfig'), [
      {
        code: 'unknown-section',
        severity: 'error',
        message:
          'Unknown section [foo]: WSL reports every key in it as unknown. .wslconfig has the sections [wsl2], [experimental], [general].',
        at: 'foo',
      },
      { code: 'unknown-key', severity: 'error', message: "Unknown key 'foo.bar'.", at: 'bar', fixes: [] },
    ]);
  });
});
