/**
 * The 42 real config files and issue excerpts of shared/reference/wsl-config-samples.md, each with
 * what its "Expected" note says WSL does. Valid files must give no error and no warning.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { analyze } from '../../server/src/core/analyzer';
import { decodeConfigBytes } from '../../server/src/core/encoding';
import { LineIndex } from '../../server/src/core/lineIndex';
import { fileKindOf } from '../../server/src/fileKind';

const REPO = path.resolve(__dirname, '../../..');
const SAMPLES = path.join(REPO, 'test/fixtures/samples');
const REFERENCE = path.resolve(REPO, '../shared/reference/wsl-config-samples.md');

/** Expected errors and warnings as `line code` (1-based editor lines); [] means valid. */
const EXPECTED: Record<string, string[]> = {
  W1: [],
  W2: ['7 removed-key'],
  W3: [],
  W4: [],
  W5: [],
  W6: [],
  W7: ['10 mode-no-effect'],
  W8: [],
  W9: [],
  W10: [],
  W11: [],
  W12: [],
  W13: ['7 env-var-in-path'],
  W14: [],
  W15: ['2 invalid-memory'],
  W16: ['3 unitless-memory'],
  W17: ['1 wrong-file', '2 wrong-file'],
  W18: ['2 control-escape', '2 control-escape'],
  W19: [],
  W20: ['6 mode-no-effect'],
  W21: ['23 removed-key'],
  C1: [],
  C2: [],
  C3: ['5 removed-key'],
  C4: [],
  C5: [],
  C6: [],
  C7: [],
  C8: ['11 unknown-section', '12 unknown-key', '13 unknown-key', '14 unknown-key', '15 unknown-key', '16 unknown-key'],
  C9: [],
  I1: ['4 invalid-key-name'],
  I2: ['2 expected-equals'],
  I3: ['2 invalid-escape'],
  I4: ['1 wrong-file', '2 wrong-file', '4 wrong-file', '6 wrong-file', '9 wrong-file'],
  I5: ['9 wrong-section'],
  I6: ['5 unknown-key'],
  I7: ['1 wrong-file', '2 wrong-file', '3 wrong-file'],
  I8: [
    '1 expected-bracket',
    '2 invalid-key-name',
    '3 expected-equals',
    '4 expected-equals',
    '5 invalid-key-name',
    '6 expected-equals',
  ],
  I9: ['1 unknown-section', '2 unknown-key', '3 unknown-key'],
  I10: ['1 key-before-section'],
  I11: [],
  I12: [],
};

function load(id: string): { text: string; kind: ReturnType<typeof fileKindOf> } {
  const [name] = fs.readdirSync(path.join(SAMPLES, id));
  const kind = fileKindOf(name);
  const { text } = decodeConfigBytes(fs.readFileSync(path.join(SAMPLES, id, name)), {
    keepUtf8Bom: kind !== 'wslconfig',
  });
  return { text, kind };
}

function problems(id: string): string[] {
  const { text, kind } = load(id);
  const lines = new LineIndex(text);
  return analyze(text, kind!)
    .findings.filter((f) => f.severity === 'error' || f.severity === 'warning')
    .map((f) => `${lines.positionAt(f.span.start).line + 1} ${f.code}`)
    .sort((a, b) => parseInt(a) - parseInt(b) || a.localeCompare(b));
}

describe('real-world samples (wsl-config-samples.md)', () => {
  it('has a fixture for every sample and an expectation for every fixture', () => {
    assert.deepEqual(fs.readdirSync(SAMPLES).sort(), Object.keys(EXPECTED).sort());
  });

  it(
    'fixtures are byte-identical to the reference, CRLF and final newlines restored',
    { skip: !fs.existsSync(REFERENCE) && 'shared/reference not beside the repo' },
    () => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { extractSamples } = require(path.join(REPO, 'scripts/extract-samples.mjs')) as {
        extractSamples(md: string): { id: string; fileName: string; bytes: Buffer }[];
      };
      const samples = extractSamples(fs.readFileSync(REFERENCE, 'utf8'));
      assert.equal(samples.length, Object.keys(EXPECTED).length);
      for (const sample of samples) {
        assert.deepEqual(fs.readFileSync(path.join(SAMPLES, sample.id, sample.fileName)), sample.bytes, sample.id);
      }
    },
  );

  for (const [id, expected] of Object.entries(EXPECTED)) {
    it(`${id}: ${expected.length === 0 ? 'no error or warning' : expected.join(', ')}`, () => {
      assert.deepEqual(problems(id), expected);
    });
  }

  it('keeps WSL line numbers for CRLF wsl.conf (I11) and reads it fully', () => {
    const { text } = load('I11');
    const analysis = analyze(text, 'wslconf');
    assert.equal(analysis.settings.value('boot', 'systemd'), true);
  });

  it('reports the removed keys of real files as Deprecated warnings, so a CI run does not fail over them', () => {
    for (const id of ['W2', 'W21', 'C3']) {
      const { text, kind } = load(id);
      const problems = analyze(text, kind!).findings.filter((f) => f.severity === 'error' || f.severity === 'warning');
      assert.deepEqual(
        problems.map((f) => [f.code, f.severity, f.deprecated]),
        [['removed-key', 'warning', true]],
        id,
      );
    }
  });

  it('W12 resolves the legacy [experimental] networkingMode to mirrored', () => {
    const { text } = load('W12');
    assert.equal(analyze(text, 'wslconfig').settings.networkingMode, 'mirrored');
  });

  it('I6 suggests localhostForwarding with a replace fix', () => {
    const { text } = load('I6');
    const finding = analyze(text, 'wslconfig').findings.find((f) => f.code === 'unknown-key')!;
    assert.match(finding.message, /^Unknown key 'wsl2\.locahostForwarding'\. Did you mean 'localhostForwarding'\?$/);
    assert.deepEqual(finding.fixes?.[0], {
      fix: 'replace',
      span: finding.span,
      text: 'localhostForwarding',
      title: "Change to 'localhostForwarding'",
    });
  });
});
