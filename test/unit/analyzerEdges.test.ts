/**
 * Edges of analyze() that the analysis part of the mutation run (docs/mutation-survivors-analysis.md)
 * showed no in-process test reached: the cap on "ignored" markers, where an escape fix's value ends,
 * the block a wrong-file section's fix deletes, when a typo'd header may be renamed from one of its
 * keys, how a list of sections and files is written, and when a mount option's value is quoted.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, analyzeOnDemand } from '../../server/src/core/analyzer';
import { plainFinding } from '../../server/src/core/findings';
import { seen, deleteLineFix } from './findingView';

describe('analyze(): lines WSL never reads in wsl.conf', () => {
  it('marks each non-blank line after the stop, up to 500, then one marker for the rest of the file', () => {
    const body: string[] = [];
    for (let i = 0; i < 600; i++) body.push(`k${i}=1`, i % 2 === 0 ? ' \t ' : '');
    const text = `[boot]\n;stop\n${body.join('\n')}\n`;
    const ignored = analyze(text, 'wslconf').findings.filter((f) => f.code === 'ignored-after-stop');
    assert.equal(ignored.length, 501);
    // Blank lines, spaces and tabs included, get no marker of their own.
    assert.deepEqual(
      ignored.slice(0, 3).map((f) => text.slice(f.span.start, f.span.end)),
      ['k0=1', 'k1=1', 'k2=1'],
    );
    assert.equal(text.slice(ignored[499].span.start, ignored[499].span.end), 'k499=1');
    const rest = ignored[500];
    assert.equal(text.slice(rest.span.start, rest.span.start + 6), 'k500=1');
    assert.equal(rest.span.end, text.length);
    for (const f of [ignored[0], rest]) {
      assert.equal(f.severity, 'hint');
      assert.equal(f.unnecessary, true);
      assert.match(f.message, /^Ignored: WSL stopped reading \/etc\/wsl\.conf at line 2 /);
    }
  });
});

describe('analyze(): the value an escape fix doubles the backslashes of', () => {
  const valueOf = (text: string) => {
    const [finding] = analyze(text, 'wslconfig').findings.filter((f) => f.code === 'invalid-escape');
    const [fix] = finding.fixes as { valueSpan: { start: number; end: number } }[];
    return text.slice(fix.valueSpan.start, fix.valueSpan.end);
  };

  it("keeps a quoted '#', and stops at the comment after the closing quote", () => {
    assert.equal(valueOf('[wsl2]\nkernel="C:\\x#y" # c\n'), '"C:\\x#y"');
  });

  it('stops at a CRLF line end, and at a tab before a comment', () => {
    assert.equal(valueOf('[wsl2]\r\nkernel=C:\\temp\\k\r\nmemory=4GB\r\n'), 'C:\\temp\\k');
    assert.equal(valueOf('[wsl2]\nkernel=C:\\k\t# c\n'), 'C:\\k');
  });

  it('takes a backslash before CRLF as one continued value, as Windows reads it', () => {
    assert.equal(valueOf('[wsl2]\nkernel=a\\\r\nb\\q\n'), 'a\\\r\nb\\q');
  });
});

describe('analyze(): a section of another file', () => {
  it('deletes the header with every line under it, comments included, up to the next header', () => {
    const text = 'x=1\n[boot]\nsystemd=true # on\n# note\n[wsl2]\nmemory=4GB\n';
    const [section] = seen(text, 'wslconfig').filter((f) => f.at === 'boot');
    assert.deepEqual(section.fixes, [deleteLineFix(4, 35)]);
    assert.equal(text.slice(4, 35), '[boot]\nsystemd=true # on\n# note');
  });

  it("ends the block at the last entry's comment", () => {
    const text = '[boot]\nsystemd=true # on\n\n[wsl2]\nmemory=4GB\n';
    const [section] = seen(text, 'wslconfig').filter((f) => f.at === 'boot');
    assert.deepEqual(section.fixes, [deleteLineFix(0, 24)]);
  });
});

describe('analyze(): renaming a typo in a header from one of its keys', () => {
  const keyFixes = (text: string) => seen(text, 'wslconfig').find((f) => f.at === 'memory')?.fixes;

  it('does not rename when a malformed header between them set the name WSL gives the key', () => {
    // WSL's section buffer is rewritten by `[wls2] x`; the header above the key is not what named it.
    assert.deepEqual(keyFixes('[wls2]\n[wls2] x\nmemory=4GB\n'), []);
    assert.deepEqual(keyFixes('[wls2]\n[wls2\nmemory=4GB\n'), []);
  });

  it('renames when the malformed header comes before the header, or after the key', () => {
    const rename = (start: number) => [
      { fix: 'replace', span: { start, end: start + 4 }, text: 'wsl2', title: 'Change [wls2] to [wsl2]' },
    ];
    assert.deepEqual(keyFixes('[wls2] x\n[wls2]\nmemory=4GB\n'), rename(10));
    assert.deepEqual(keyFixes('[wls2] x\n[wls2] y\n[wls2]\nmemory=4GB\n'), rename(19));
    assert.deepEqual(keyFixes('[wls2]\nmemory=4GB\n[wls2] x\n'), rename(1));
  });
});

describe('analyze(): lists of sections and files', () => {
  it("writes 'a, b or c' for several sections and 'and of' for a second file", () => {
    assert.deepEqual(seen('[wsl2]\nenabled=true\n', 'wslconfig', { withRestartNote: false }), [
      {
        code: 'wrong-file',
        severity: 'error',
        message:
          "Unknown key 'wsl2.enabled': 'enabled' is a setting of /etc/wsl.conf (under [automount], [interop], [fileServer] or [gpu]) and of /etc/wsl-distribution.conf (under [shortcut] or [windowsterminal]), not of .wslconfig.",
        at: 'enabled',
        fixes: [deleteLineFix(7, 19)],
      },
    ]);
  });

  it('names the one section, and says where to move the key, when there is only one', () => {
    const [finding] = seen('[wsl2]\nlogLevel=1\n', 'wslconfig', { withRestartNote: false });
    assert.equal(
      finding.message,
      "Unknown key 'wsl2.logLevel': 'logLevel' is a setting of /etc/wsl.conf (under [fileServer]), not of .wslconfig. Move it to [fileServer] in /etc/wsl.conf.",
    );
  });
});

describe('analyze(): a mount option written as a key', () => {
  const message = (value: string) =>
    seen(`[automount]\nuid=${value}\n`, 'wslconf', { withRestartNote: false })[0].message;
  const example = (item: string) =>
    `Unknown key 'automount.uid'. 'uid' is an option inside [automount] options, not a key: write it into that value, e.g. options = "${item}".`;

  it('quotes a value of up to 64 characters as the example', () => {
    assert.equal(message('1000'), example('uid=1000'));
    assert.equal(message('1'.repeat(64)), example(`uid=${'1'.repeat(64)}`));
  });

  it('writes … for an empty value or a longer one', () => {
    assert.equal(message(''), example('uid=…'));
    assert.equal(message('1'.repeat(65)), example('uid=…'));
  });
});

describe("analyze(): WSL's own line number", () => {
  it('gives the lone-CR reason in a .wslconfig with CRLF line ends, which Windows reads as one break', () => {
    const [finding] = seen('[wsl2]\r\n#c\rx\r\nmemory=x\r\n', 'wslconfig', { withRestartNote: false });
    assert.match(
      finding.message,
      /WSL's own message gives \.wslconfig:3, because WSL does not count a lone carriage return \(CR\) on a blank line or in a comment as a line break\.$/,
    );
  });

  it('gives the counted-twice reason in a CRLF wsl.conf, and no note in an LF one', () => {
    const [crlf] = seen('[boot]\r\nsystemd=maybe\r\n', 'wslconf', { withRestartNote: false });
    assert.match(
      crlf.message,
      /gives \/etc\/wsl\.conf:3, because WSL counts every key or section line that ends in CRLF twice\.$/,
    );
    const [lf] = seen('[boot]\nsystemd=maybe\n', 'wslconf', { withRestartNote: false });
    assert.doesNotMatch(lf.message, /own message/);
  });
});

describe('plainFinding', () => {
  it('copies only the fields a finding has', () => {
    const span = { start: 0, end: 1 };
    assert.deepEqual(plainFinding({ code: 'unknown-key', severity: 'error', message: 'm', span }), {
      code: 'unknown-key',
      severity: 'error',
      message: 'm',
      span,
    });
    const full = {
      code: 'duplicate-key' as const,
      severity: 'warning' as const,
      message: 'm',
      span,
      wslLine: 4,
      unnecessary: false,
      deprecated: false,
      related: { span, message: 'r' },
      fixes: [],
    };
    assert.deepEqual(plainFinding(full), full);
  });
});

describe('analyzeOnDemand(): the analysis a request works on', () => {
  const texts: [string, 'wslconfig' | 'wslconf' | 'wsldistribution'][] = [
    [
      '[wsl2]\nmemroy=4GB\nmemory=4096\nmemory=8GB\nnetworkingMode=mirrored\ndnsTunneling=false\n[boot]\nsystemd=true\n',
      'wslconfig',
    ],
    [
      '[boot]\nsystemd=true\n[network]\ngenerateResolvConf=maybe\n[automount]\noptions="uid=1000\n[user]\ndefault=me\n',
      'wslconf',
    ],
    ['[oobe]\ndefaultUid=1000\ndefaultName=x\n[shortcut]\nicon=/a.ico\n[unknown]\nk=1\n', 'wsldistribution'],
  ];
  it('has the same parse, settings and findings as analyze()', () => {
    for (const [text, kind] of texts) {
      const eager = analyze(text, kind);
      const lazy = analyzeOnDemand(text, kind);
      assert.equal(lazy.kind, kind);
      assert.ok(eager.findings.length > 0, kind);
      assert.deepEqual(lazy.findings, eager.findings, kind);
      assert.deepEqual(lazy.settings, eager.settings, kind);
      // After the findings: a parsed entry keeps what the analysis looked up about it.
      assert.deepEqual(lazy.parsed, eager.parsed);
    }
  });
  it('works the findings out once: later reads get the same objects, settings and findings of one analysis', () => {
    const [text, kind] = texts[0];
    const lazy = analyzeOnDemand(text, kind);
    const findings = lazy.findings;
    assert.equal(lazy.findings, findings);
    assert.equal(lazy.findings[0], findings[0]);
    assert.equal(lazy.settings, lazy.settings);
    // Settings first, then findings: still the one analysis (a duplicate's first entry is the one the settings claimed).
    const other = analyzeOnDemand(text, kind);
    const settings = other.settings;
    assert.equal(other.settings, settings);
    assert.equal(other.findings, other.findings);
    // The spread copies the values (own enumerable getters), as code that copies an analysis expects.
    const copy = { ...lazy };
    assert.equal(copy.findings, findings);
  });
});
