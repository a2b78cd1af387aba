// The wsl.exe and wslinfo parsers against real captured output (test/fixtures/field, each with
// its source address in index.json), fed through the same decoding as real wsl.exe bytes.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { decodeOutput } from '../../../client/src/host/decodeOutput';
import { parseNetworkingMode } from '../../../client/src/host/parseNetworkingMode';
import { parseWslListQuiet } from '../../../client/src/host/parseWslListQuiet';
import { parseWslListVerbose } from '../../../client/src/host/parseWslListVerbose';
import { parseWslStatus } from '../../../client/src/host/parseWslStatus';
import { parseWslVersion } from '../../../client/src/host/parseWslVersion';
import {
  isNoDistributionsFailure,
  isWslErrorExitCode,
  isWslUsageText,
  parseWslErrorMessage,
} from '../../../client/src/host/wslErrorOutput';
import { asWslExeWrites, fieldIndex, fieldText, repoRoot } from './testSupport';

/** The capture as the parser sees it from a real wsl.exe pipe (UTF-16LE + CRLF, decoded). */
const wslText = (name: string): string => decodeOutput(asWslExeWrites(fieldText(name))).text;
const reports = (): { calls: [string, string][]; report: (what: string, raw: string) => void } => {
  const calls: [string, string][] = [];
  return { calls, report: (what, raw) => calls.push([what, raw]) };
};

describe('field captures index', () => {
  const index = fieldIndex();
  it('lists every file of test/fixtures/field with an https source address', () => {
    // Files only: the connectivity doctor's captures sit in a folder of their own, with their own index.
    const files = fs
      .readdirSync(path.join(repoRoot(), 'test', 'fixtures', 'field'), { withFileTypes: true })
      .filter((f) => f.isFile() && f.name !== 'index.json' && f.name !== 'README.md')
      .map((f) => f.name);
    assert.deepEqual(index.map((e) => e.file).sort(), files.sort());
    for (const entry of index) assert.match(entry.source, /^https:\/\//, entry.file);
  });

  it('covers the nine languages, with real captures for inbox and Store WSL on Windows 10 and 11', () => {
    const languages = new Set(index.map((e) => e.language.slice(0, 2)));
    for (const lang of ['zh', 'ja', 'ko', 'ru', 'de', 'fr', 'es', 'pt']) assert.ok(languages.has(lang), lang);
    assert.ok(index.some((e) => e.language === 'zh-TW') && index.some((e) => e.language === 'zh-CN'));
    const real = index.filter((e) => !e.reconstructed);
    assert.ok(real.length >= 20);
    for (const what of [/inbox/, /Store WSL 1\./, /Store WSL 2\./])
      assert.ok(
        real.some((e) => what.test(e.wsl)),
        String(what),
      );
    for (const what of [/Windows 10/, /Windows 11/])
      assert.ok(
        real.some((e) => what.test(e.windows)),
        String(what),
      );
  });
});

describe('every wsl.exe --version and --status file of the corpus', () => {
  // Iterates index.json, so a capture added there is read here without naming it.
  const filesOf = (prefix: string): string[] =>
    fieldIndex()
      .map((e) => e.file)
      .filter((file) => file.startsWith(prefix) && !file.includes('usage'));

  it('--version: every line is a component with a version, the WSL and kernel lines included, nothing reported', () => {
    const files = filesOf('wsl-version.');
    assert.ok(files.length >= 12, String(files.length));
    for (const name of files) {
      const { calls, report } = reports();
      const info = parseWslVersion(wslText(name), report);
      assert.match(info?.wslVersion ?? '', /^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$/, name);
      assert.match(info?.kernelVersion ?? '', /^[0-9]+\.[0-9]+\.[0-9]+/, name);
      assert.match(info?.windowsVersion ?? '', /^10\.0\.[0-9]+\.[0-9]+$/, name);
      assert.deepEqual(info?.extra, [], name);
      assert.deepEqual(calls, [], name);
    }
  });

  it('--status: the default version is read from every file, nothing reported', () => {
    const files = filesOf('wsl-status.');
    assert.ok(files.length >= 10, String(files.length));
    for (const name of files) {
      const { calls, report } = reports();
      assert.equal(parseWslStatus(wslText(name), report).defaultVersion, 2, name);
      assert.deepEqual(calls, [], name);
    }
  });

  it('the real Traditional Chinese capture carries the full-width colon and a "Windows版本：" label without a space', () => {
    const text = fieldText('wsl-version.zh-TW.store-1.0.3.win11.txt');
    assert.match(text, /^核心版本： 5\.15\.79\.1$/m);
    assert.match(text, /^Windows版本： /m);
  });
});

describe('parseWslVersion on real and reconstructed captures', () => {
  const cases: [string, Record<string, string | undefined>][] = [
    [
      'wsl-version.en-US.store-1.2.5.win10.txt',
      {
        wslVersion: '1.2.5.0',
        kernelVersion: '5.15.90.1',
        dxcoreVersion: '10.0.25131.1002-220531-1700.rs-onecore-base2-hyp',
        windowsVersion: '10.0.19045.3393',
      },
    ],
    [
      'wsl-version.en-US.store-1.0.0.win10.txt',
      { wslVersion: '1.0.0.0', kernelVersion: '5.15.74.2', windowsVersion: '10.0.19045.2311' },
    ],
    [
      'wsl-version.de-DE.store-1.0.3.win11.txt',
      {
        wslVersion: '1.0.3.0',
        kernelVersion: '5.15.79.1',
        direct3dVersion: '1.606.4',
        windowsVersion: '10.0.22621.819',
      },
    ],
    [
      'wsl-version.es-ES.store-2.0.5.win11-insider.txt',
      {
        wslVersion: '2.0.5.0',
        kernelVersion: '5.15.133.1-1',
        dxcoreVersion: '10.0.25880.1000-230602-1350.main',
        windowsVersion: '10.0.25951.1000',
      },
    ],
    [
      'wsl-version.ru-RU.store-2.4.11.win11.txt',
      { wslVersion: '2.4.11.0', kernelVersion: '5.15.167.4-1', windowsVersion: '10.0.26100.3194' },
    ],
    [
      'wsl-version.ja-JP.store-1.0.0.win10.txt',
      {
        wslVersion: '1.0.0.0',
        kernelVersion: '5.15.74.2',
        direct3dVersion: '1.606.4',
        windowsVersion: '10.0.19045.2311',
      },
    ],
    [
      'wsl-version.zh-CN.store-2.5.7.win10.txt',
      { wslVersion: '2.5.7.0', kernelVersion: '6.6.87.1-1', wslgVersion: '1.0.66', windowsVersion: '10.0.19045.5854' },
    ],
    [
      'wsl-version.zh-TW.store-1.0.3.win11.txt',
      {
        wslVersion: '1.0.3.0',
        kernelVersion: '5.15.79.1',
        msrdcVersion: '1.2.3575',
        direct3dVersion: '1.606.4',
        windowsVersion: '10.0.22000.1335',
      },
    ],
    [
      'wsl-version.fr-FR.store-2.3.26.win11.txt',
      {
        wslVersion: '2.3.26.0',
        kernelVersion: '5.15.167.4-1',
        direct3dVersion: '1.611.1-81528511',
        dxcoreVersion: '10.0.26100.1-240331-1435.ge-release',
        windowsVersion: '10.0.26100.2894',
      },
    ],
    [
      'wsl-version.fr-FR.store-1.0.3.win10.txt',
      { wslVersion: '1.0.3.0', kernelVersion: '5.15.79.1', wslgVersion: '1.0.47', windowsVersion: '10.0.19045.2546' },
    ],
    [
      'wsl-version.pt-BR.store-2.5.9.win11.txt',
      {
        wslVersion: '2.5.9.0',
        kernelVersion: '6.6.87.2-1',
        msrdcVersion: '1.2.6074',
        dxcoreVersion: '10.0.26100.1-240331-1435.ge-release',
        windowsVersion: '10.0.22631.5472',
      },
    ],
  ];
  for (const [name, expected] of cases) {
    it(`reads ${name}`, () => {
      const info = parseWslVersion(wslText(name));
      for (const [field, value] of Object.entries(expected))
        assert.equal(info?.[field as keyof typeof info], value, field);
      assert.deepEqual(info?.extra, []);
    });
  }

  it('reads the real Korean capture, whose labels are those of the reconstructed Korean output', () => {
    const real = 'wsl-version.ko-KR.store-2.4.13.win11.txt';
    assert.deepEqual(parseWslVersion(wslText(real)), {
      wslVersion: '2.4.13.0',
      kernelVersion: '5.15.167.4-1',
      wslgVersion: '1.0.65',
      msrdcVersion: '1.2.5716',
      direct3dVersion: '1.611.1-81528511',
      dxcoreVersion: '10.0.26100.1-240331-1435.ge-release',
      windowsVersion: '10.0.26100.3775',
      extra: [],
    });
    const labels = (name: string): string[] =>
      fieldText(name)
        .trimEnd()
        .split('\n')
        .map((line) => line.split(':')[0]);
    assert.deepEqual(labels(real), labels('wsl-version.ko-KR.reconstructed.txt'));
  });

  it('reads every field of the reconstructed ja and ko outputs', () => {
    for (const lang of ['ja-JP', 'ko-KR']) {
      assert.deepEqual(
        parseWslVersion(wslText(`wsl-version.${lang}.reconstructed.txt`)),
        {
          wslVersion: '2.0.9.0',
          kernelVersion: '5.15.133.1-1',
          wslgVersion: '1.0.59',
          msrdcVersion: '1.2.4677',
          direct3dVersion: '1.611.1-81528511',
          dxcoreVersion: '10.0.25131.1002-220531-1700.rs-onecore-base2-hyp',
          windowsVersion: '10.0.22621.2861',
          extra: [],
        },
        lang,
      );
    }
  });

  it('Store WSL 0.58 printed six lines (no DXCore): every other field is still read', () => {
    const info = parseWslVersion(wslText('wsl-version.en-US.store-0.58.3.win11.txt'));
    assert.equal(info?.windowsVersion, '10.0.22000.675');
    assert.equal(info?.direct3dVersion, '1.601.0');
    assert.equal(info?.dxcoreVersion, undefined);
  });

  it('an unrecognised label costs only its own field, and the raw text is reported', () => {
    const { calls, report } = reports();
    const text =
      'WSL version: 2.0.9.0\nKernel version: 5.15.133.1-1\nWSLg version: 1.0.59\nMSRDC version: 1.2.4677\nZzz: 1.611.1\nDXCore version: 10.0.1\nWindows version: 10.0.22621.2861\n';
    const info = parseWslVersion(text, report);
    assert.equal(info?.direct3dVersion, undefined);
    assert.equal(info?.windowsVersion, '10.0.22621.2861');
    assert.equal(info?.dxcoreVersion, '10.0.1');
    assert.deepEqual(calls, [['wsl.exe --version', text]]);
  });

  it('an unknown translation of "Kernel" is still read from its place after the WSL line', () => {
    const info = parseWslVersion('Versione WSL: 2.0.9.0\nVersione di Xyz: 5.15.133.1-1\nVersione WSLg: 1.0.59\n');
    assert.equal(info?.kernelVersion, '5.15.133.1-1');
    assert.equal(info?.wslgVersion, '1.0.59');
  });

  it('inbox WSL (usage text instead of versions) gives undefined and is reported once per call', () => {
    const { calls, report } = reports();
    assert.equal(parseWslVersion(wslText('wsl-version.en-US.inbox-usage.win10.txt'), report), undefined);
    assert.equal(calls.length, 1);
    assert.equal(parseWslVersion('a: 1\nb: 2\nc: 3\nd: 4\ne: 5\nf: 6\ng: 7\n'), undefined);
  });

  it('keeps debug-build lines (whose values contain colons) as extra, without a report', () => {
    const { calls, report } = reports();
    const info = parseWslVersion(
      `${fieldText('wsl-version.en-US.store-1.2.5.win10.txt')}MSBuild version: 194134118\nBuild time: 10:12:00 Aug  8 2026\n`,
      report,
    );
    assert.deepEqual(info?.extra, ['MSBuild version: 194134118', 'Build time: 10:12:00 Aug  8 2026']);
    assert.deepEqual(calls, []);
  });
});

describe('parseWslStatus on real and reconstructed captures', () => {
  it('reads the real Windows 11 output and the inbox one with its extra paragraphs', () => {
    assert.deepEqual(parseWslStatus(wslText('wsl-status.en-US.win11-22621.txt')), {
      defaultDistro: 'Debian',
      defaultVersion: 2,
      notes: [],
    });
    assert.deepEqual(parseWslStatus(wslText('wsl-status.en-US.inbox-kernel-line.win11-22000.txt')), {
      defaultDistro: 'Ubuntu-22.04',
      defaultVersion: 2,
      notes: [
        'Windows Subsystem for Linux was last updated on 27-Mar-22',
        'WSL automatic updates are on.',
        'Kernel version: 5.10.102.1',
      ],
    });
  });

  it('reads the real Japanese inbox output with its extra paragraphs', () => {
    assert.deepEqual(parseWslStatus(wslText('wsl-status.ja-JP.inbox-kernel-line.txt')), {
      defaultDistro: 'Ubuntu-20.04',
      defaultVersion: 2,
      notes: [
        'Linux 用 Windows サブシステムの最終更新日: 2022/05/06',
        'WSL の自動更新が有効になっています。',
        'カーネル バージョン: 5.10.102.1',
      ],
    });
  });

  it('reads the real French and Traditional Chinese outputs of Store WSL 1.0.3', () => {
    assert.deepEqual(parseWslStatus(wslText('wsl-status.fr-FR.store-1.0.3.win10.txt')), {
      defaultDistro: 'Ubuntu-22.04',
      defaultVersion: 2,
      notes: [],
    });
    assert.deepEqual(parseWslStatus(wslText('wsl-status.zh-TW.store-1.0.3.win11.txt')), {
      defaultDistro: 'rancher-desktop',
      defaultVersion: 2,
      notes: [],
    });
  });

  it('reads every reconstructed language by position', () => {
    for (const lang of ['zh-CN', 'ja-JP', 'ko-KR', 'ru-RU', 'de-DE', 'es-ES', 'pt-BR']) {
      assert.deepEqual(
        parseWslStatus(wslText(`wsl-status.${lang}.reconstructed.txt`)),
        { defaultDistro: 'Ubuntu-24.04', defaultVersion: 2, notes: [] },
        lang,
      );
    }
  });

  it('reads values after a full-width colon and reports output without a version', () => {
    assert.deepEqual(parseWslStatus('預設發佈： Ubuntu\n預設版本： 2\n'), {
      defaultDistro: 'Ubuntu',
      defaultVersion: 2,
      notes: [],
    });
    const { calls, report } = reports();
    parseWslStatus('something else entirely\n', report);
    assert.equal(calls.length, 1);
  });

  it('a distro whose name is a digit is not confused with the version', () => {
    assert.deepEqual(parseWslStatus('Default Distribution: 7\nDefault Version: 2\n'), {
      defaultDistro: '7',
      defaultVersion: 2,
      notes: [],
    });
  });
});

describe('parseWslListVerbose on real captures', () => {
  it('reads the padded inbox output and a paste that lost its padding', () => {
    assert.deepEqual(parseWslListVerbose(wslText('wsl-list-verbose.en-US.inbox.win10-2004.txt')), [
      { name: 'Ubuntu', state: 'Running', version: 1, isDefault: true },
    ]);
    assert.deepEqual(parseWslListVerbose(wslText('wsl-list-verbose.en-US.collapsed-spaces.win11.txt')), [
      { name: 'Ubuntu-22.04', state: 'Running', version: 2, isDefault: true },
    ]);
  });

  it('keeps a legacy name containing spaces and a name equal to a state word', () => {
    const out =
      '  NAME            STATE           VERSION\n* Old Distro      Stopped         1\n  Running         Running         2\n';
    assert.deepEqual(parseWslListVerbose(out), [
      { name: 'Old Distro', state: 'Stopped', version: 1, isDefault: true },
      { name: 'Running', state: 'Running', version: 2, isDefault: false },
    ]);
  });

  it('returns nothing for only a header, and reports rows it cannot read', () => {
    assert.deepEqual(parseWslListVerbose('  NAME      STATE           VERSION\n'), []);
    const { calls, report } = reports();
    assert.deepEqual(parseWslListVerbose('  NAME      STATE           VERSION\n* Ubuntu\n', report), []);
    assert.equal(calls.length, 1);
  });
});

describe('parseWslListQuiet', () => {
  it('returns bare names, and nothing for the empty (exit 0) output without distros', () => {
    assert.deepEqual(parseWslListQuiet(decodeOutput(asWslExeWrites('Ubuntu-24.04\ndocker-desktop\n')).text), [
      'Ubuntu-24.04',
      'docker-desktop',
    ]);
    assert.deepEqual(parseWslListQuiet(decodeOutput(Buffer.alloc(0)).text), []);
  });
});

describe('wsl.exe error output from the field', () => {
  const noDistros = fieldIndex()
    .map((e) => e.file)
    .filter((f) => f.includes('no-distros'));

  it('"no installed distributions" counts as no distributions, with or without WSL_E_DEFAULT_DISTRO_NOT_FOUND, in every language', () => {
    assert.ok(noDistros.length >= 10);
    for (const name of noDistros) {
      const stdout = wslText(name);
      assert.equal(isNoDistributionsFailure(255, stdout), true, name);
      assert.equal(isNoDistributionsFailure(4294967295, stdout), true, name);
      assert.equal(isNoDistributionsFailure(0, stdout), false, name);
      assert.equal(isWslUsageText(stdout), false, name);
    }
  });

  it('usage text is recognised by its synopsis line in every language, even when cut short', () => {
    const usage = fieldIndex()
      .map((e) => e.file)
      .filter((f) => f.includes('inbox-usage'));
    assert.ok(usage.length >= 3, usage.join(', '));
    for (const name of usage) {
      const text = wslText(name);
      assert.equal(isWslUsageText(text), true, name);
      // Up to the synopsis line, before the options, as a pasted usage text can end.
      const cut = text.slice(0, text.indexOf('[CommandLine]') + '[CommandLine]'.length);
      assert.equal(isWslUsageText(cut), true, `${name}, cut short`);
    }
    assert.equal(isWslUsageText('wsl.exe [Argument] [Options...]'), false);
    assert.equal(isWslUsageText('Run wsl.exe --install to install a distribution.'), false);
  });

  it('Store WSL 1.x-2.3 names WSL_E_DEFAULT_DISTRO_NOT_FOUND after a localized label', () => {
    assert.equal(
      parseWslErrorMessage(wslText('wsl-list-verbose.en-US.no-distros-error-code.store-2.2.4.win11.txt')).code,
      'Wsl/WSL_E_DEFAULT_DISTRO_NOT_FOUND',
    );
    const fr = parseWslErrorMessage(wslText('wsl-list-verbose.fr-FR.no-distros-error-code.reconstructed.txt'));
    assert.equal(fr.code, 'Wsl/WSL_E_DEFAULT_DISTRO_NOT_FOUND');
    assert.match(fr.message, /^Sous-syst\u00e8me Windows pour Linux n\u2019a aucune distribution install\u00e9e\./);
    assert.equal(
      parseWslErrorMessage('錯誤\n錯誤碼： Wsl/Service/WSL_E_DISTRO_NOT_FOUND\n').code,
      'Wsl/Service/WSL_E_DISTRO_NOT_FOUND',
    );
  });

  it('other error codes are not "no distributions"', () => {
    assert.equal(
      isNoDistributionsFailure(
        255,
        'There is no distribution with the supplied name.\nError code: Wsl/Service/WSL_E_DISTRO_NOT_FOUND\n',
      ),
      false,
    );
    assert.equal(
      isNoDistributionsFailure(255, 'Catastrophic failure\nError code: Wsl/Service/CreateInstance/0x8000ffff\n'),
      false,
    );
  });

  it('the usage text of Windows 10 1903/1909 for -l -v is usage, not "no distributions"', () => {
    for (const name of [
      'wsl-list-verbose.zh-CN.inbox-usage.win10-1903.txt',
      'wsl-list-verbose.en-US.inbox-usage.win10-1909.txt',
    ]) {
      assert.equal(isWslUsageText(wslText(name)), true, name);
      assert.equal(isNoDistributionsFailure(255, wslText(name)), false, name);
    }
  });

  it('knows the spellings of exit code -1', () => {
    assert.deepEqual([-1, 4294967295, 255, 1, 0, undefined].map(isWslErrorExitCode), [
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
  });
});

describe('parseNetworkingMode', () => {
  it('reads the wslinfo output and accepts every mode and nothing else', () => {
    assert.equal(parseNetworkingMode(fieldText('wslinfo-networking-mode.mirrored.reconstructed.txt')), 'mirrored');
    for (const mode of ['nat', 'bridged', 'mirrored', 'consomme', 'none', 'wsl1'])
      assert.equal(parseNetworkingMode(`${mode}\n`), mode);
    assert.equal(parseNetworkingMode('VirtioProxy\r\n'), 'consomme');
    assert.equal(parseNetworkingMode(''), undefined);
    assert.equal(parseNetworkingMode('nat mirrored'), undefined);
    assert.equal(parseNetworkingMode('Usage: wslinfo ...'), undefined);
  });
});
