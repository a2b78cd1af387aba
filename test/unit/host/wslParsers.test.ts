import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decodeOutput } from '../../../client/src/host/decodeOutput';
import { parseNetworkingMode } from '../../../client/src/host/parseNetworkingMode';
import { parseWslListQuiet } from '../../../client/src/host/parseWslListQuiet';
import { parseWslListVerbose } from '../../../client/src/host/parseWslListVerbose';
import { parseWslStatus } from '../../../client/src/host/parseWslStatus';
import { parseWslVersion } from '../../../client/src/host/parseWslVersion';
import { isNoDistributionsFailure, isWslErrorExitCode, parseWslErrorMessage } from '../../../client/src/host/wslErrorOutput';
import { fixtureBytes } from './testSupport';

const text = (name: string): string => decodeOutput(fixtureBytes(name)).text;

describe('parseWslStatus', () => {
  it('reads en-US, de-DE and fr-FR by position (labels differ, values do not)', () => {
    for (const name of ['wsl-status.en-US.utf16le.bin', 'wsl-status.de-DE.utf16le.bin', 'wsl-status.fr-FR.utf16le.bin', 'wsl-status.fr-FR.utf8.txt']) {
      assert.deepEqual(parseWslStatus(text(name)), { defaultDistro: 'Ubuntu-24.04', defaultVersion: 2, notes: [] }, name);
    }
  });

  it('the de-DE fixture really carries German labels', () => {
    assert.match(text('wsl-status.de-DE.utf16le.bin'), /^Standarddistribution: Ubuntu-24\.04\nStandardversion: 2\n$/);
  });

  it('without a default distro the first line is the version', () => {
    assert.deepEqual(parseWslStatus(text('wsl-status.no-default.en-US.utf8.txt')), { defaultDistro: undefined, defaultVersion: 1, notes: [] });
  });

  it('keeps the extra paragraphs as notes, including text with an embedded CRLF', () => {
    const status = parseWslStatus(text('wsl-status.notes.en-US.utf16le.bin'));
    assert.equal(status.defaultDistro, 'Ubuntu-24.04');
    assert.equal(status.defaultVersion, 2);
    assert.equal(status.notes[0], 'WSL1 is not supported with your current machine configuration.');
    assert.ok(status.notes.includes('Enable "Virtual Machine Platform" by running: wsl.exe --install --no-distribution'));
    assert.deepEqual(status.notes.slice(-2), ['Note with an embedded CRLF', 'second line']);
  });

  it('a distro whose name is a digit is not confused with the version', () => {
    assert.deepEqual(parseWslStatus('Default Distribution: 7\nDefault Version: 2\n'), { defaultDistro: '7', defaultVersion: 2, notes: [] });
  });
});

describe('parseWslVersion', () => {
  const expected = {
    wslVersion: '2.0.9.0',
    kernelVersion: '5.15.133.1-1',
    wslgVersion: '1.0.59',
    msrdcVersion: '1.2.4677',
    direct3dVersion: '1.611.1-81528511',
    dxcoreVersion: '10.0.25131.1002-220531-1700.rs-onecore-base2-hyp',
    windowsVersion: '10.0.22621.2861',
    extra: [],
  };

  it('reads the seven lines by index in every locale', () => {
    for (const name of ['wsl-version.en-US.utf16le.bin', 'wsl-version.de-DE.utf8.txt', 'wsl-version.fr-FR.utf16le.bin']) {
      assert.deepEqual(parseWslVersion(text(name)), expected, name);
    }
    assert.match(text('wsl-version.fr-FR.utf16le.bin'), /^Version WSL : 2\.0\.9\.0\nVersion du noyau : /);
  });

  it('keeps debug-build lines (whose values contain colons) as extra', () => {
    const info = parseWslVersion(text('wsl-version.debug.en-US.utf16le.bin'));
    assert.equal(info?.windowsVersion, '10.0.22621.2861');
    assert.deepEqual(info?.extra, ['MSBuild version: 194134118', 'Commit: e4b0d0744fbd7b48aa8bf70e9e734cf4dbd880a3', 'Build time: 10:12:00 Aug  8 2026']);
  });

  it('returns undefined for usage text (inbox WSL without --version)', () => {
    assert.equal(parseWslVersion('Copyright (c) Microsoft Corporation. All rights reserved.\n\nUsage: wsl.exe [Argument] [Options...] [CommandLine]\n'), undefined);
    assert.equal(parseWslVersion('a: 1\nb: 2\nc: 3\nd: 4\ne: 5\nf: 6\ng: 7\n'), undefined);
  });
});

describe('parseWslListVerbose', () => {
  it('reads default marker, states and versions; the default comes first', () => {
    assert.deepEqual(parseWslListVerbose(text('wsl-list-verbose.en-US.utf16le.bin')), [
      { name: 'Ubuntu-24.04', state: 'Running', version: 2, isDefault: true },
      { name: 'docker-desktop', state: 'Stopped', version: 2, isDefault: false },
      { name: 'Debian', state: 'Installing', version: 1, isDefault: false },
    ]);
  });

  it('handles the column width of a long name', () => {
    assert.deepEqual(parseWslListVerbose(text('wsl-list-verbose.long-name.utf8.txt')), [
      { name: 'my.very-long_distro.name-2024', state: 'Exporting', version: 2, isDefault: true },
      { name: 'A', state: 'Running', version: 2, isDefault: false },
    ]);
  });

  it('keeps a legacy name containing spaces and a name equal to a state word', () => {
    const out = '  NAME            STATE           VERSION\n* Old Distro      Stopped         1\n  Running         Running         2\n';
    assert.deepEqual(parseWslListVerbose(out), [
      { name: 'Old Distro', state: 'Stopped', version: 1, isDefault: true },
      { name: 'Running', state: 'Running', version: 2, isDefault: false },
    ]);
  });

  it('returns nothing for only a header', () => {
    assert.deepEqual(parseWslListVerbose('  NAME      STATE           VERSION\n'), []);
  });
});

describe('parseWslListQuiet', () => {
  it('returns bare names, and nothing for the empty (exit 0) output without distros', () => {
    assert.deepEqual(parseWslListQuiet(text('wsl-list-quiet.utf16le.bin')), ['Ubuntu-24.04', 'docker-desktop']);
    assert.equal(fixtureBytes('wsl-list-quiet.no-distros.utf16le.bin').length, 0);
    assert.deepEqual(parseWslListQuiet(text('wsl-list-quiet.no-distros.utf16le.bin')), []);
  });
});

describe('wsl.exe error output', () => {
  it('"no installed distributions" has no error-code line, in any language', () => {
    for (const name of ['wsl-list-verbose.no-distros.en-US.utf16le.bin', 'wsl-list-verbose.no-distros.de-DE.utf16le.bin']) {
      const stdout = text(name);
      assert.equal(parseWslErrorMessage(stdout).code, undefined, name);
      assert.equal(isNoDistributionsFailure(255, stdout), true, name);
      assert.equal(isNoDistributionsFailure(4294967295, stdout), true, name);
      assert.equal(isNoDistributionsFailure(0, stdout), false, name);
    }
    assert.match(text('wsl-list-verbose.no-distros.de-DE.utf16le.bin'), /keine installierten Distributionen/);
  });

  it('extracts the stable code after a localized label (fr-FR "Code d\'erreur\u00a0:")', () => {
    const parsed = parseWslErrorMessage(text('wsl-exec-not-found.fr-FR.utf16le.bin'));
    assert.equal(parsed.code, 'Wsl/Service/WSL_E_DISTRO_NOT_FOUND');
    assert.equal(parsed.message, 'Il n\u2019existe aucune distribution avec le nom fourni.');
    assert.equal(isNoDistributionsFailure(255, text('wsl-exec-not-found.fr-FR.utf16le.bin')), false);
  });

  it('accepts hexadecimal HRESULT codes and rejects ordinary last lines', () => {
    assert.equal(parseWslErrorMessage('Catastrophic failure\nError code: Wsl/Service/CreateInstance/0x8000ffff\n').code, 'Wsl/Service/CreateInstance/0x8000ffff');
    assert.equal(parseWslErrorMessage('For information please visit https://aka.ms/wslinstall').code, undefined);
  });

  it('knows the spellings of exit code -1', () => {
    assert.deepEqual([-1, 4294967295, 255, 1, 0, undefined].map(isWslErrorExitCode), [true, true, true, false, false, false]);
  });
});

describe('parseNetworkingMode', () => {
  it('accepts every wslinfo value and nothing else', () => {
    for (const mode of ['nat', 'bridged', 'mirrored', 'consomme', 'none', 'wsl1']) assert.equal(parseNetworkingMode(`${mode}\n`), mode);
    assert.equal(parseNetworkingMode('VirtioProxy\r\n'), 'consomme');
    assert.equal(parseNetworkingMode('Mirrored'), 'mirrored');
    assert.equal(parseNetworkingMode(''), undefined);
    assert.equal(parseNetworkingMode('nat mirrored'), undefined);
    assert.equal(parseNetworkingMode('Usage: wslinfo ...'), undefined);
  });
});
