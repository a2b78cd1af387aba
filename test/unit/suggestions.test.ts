import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import '../fuzz/fastCheckSeed';
import { closest, editDistance } from '../../server/src/core/suggestions';

/** The textbook full-matrix optimal string alignment distance, as the oracle. */
function fullMatrixDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  const d = Array.from({ length: s.length + 1 }, (_, i) =>
    Array.from({ length: t.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= s.length; i++) {
    for (let j = 1; j <= t.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (s[i - 1] === t[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1])
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[s.length][t.length];
}

describe('suggestions', () => {
  it('measures edits, transpositions and case the way the suggestions expect', () => {
    assert.equal(editDistance('kitten', 'sitting'), 3);
    assert.equal(editDistance('memroy', 'memory'), 1);
    assert.equal(editDistance('NetworkingMode', 'networkingmode'), 0);
    assert.equal(editDistance('', 'swap'), 4);
    assert.equal(editDistance('ca', 'abc'), 3);
  });

  it('agrees with the full-matrix distance on random words', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'A', 'm', 'e'), maxLength: 12 });
    fc.assert(
      fc.property(word, word, (a, b) => editDistance(a, b) === fullMatrixDistance(a, b)),
      { numRuns: 3000 },
    );
  });

  it('suggests the nearest name within a limit that grows with the length', () => {
    assert.equal(closest('memroy', ['memory', 'swap', 'processors']), 'memory');
    assert.equal(closest('mirorred', ['mirrored', 'nat']), 'mirrored');
    assert.equal(closest('xyz', ['memory', 'swap']), undefined);
  });

  it('allows 1 edit up to 4 letters, 2 up to 8, 3 beyond, and none past 64 letters', () => {
    assert.equal(closest('swpa', ['swap']), 'swap');
    assert.equal(closest('sxyp', ['swap']), undefined);
    assert.equal(closest('kernxl', ['kernel']), 'kernel');
    assert.equal(closest('dnsprxyy', ['dnsProxy']), 'dnsProxy');
    assert.equal(closest('dnsprxyyy', ['dnsProxy']), 'dnsProxy');
    assert.equal(closest('abcdefgh', ['abcdeXYZ']), undefined);
    assert.equal(closest('processrsxx', ['processors']), 'processors');
    assert.equal(closest('procxxxors', ['processors']), 'processors');
    assert.equal(closest('prxxxxsors', ['processors']), undefined);
    const long = 'a'.repeat(63);
    assert.equal(closest(`${long}b`, [`${long}c`]), `${long}c`);
    assert.equal(closest(`${long}bb`, [`${long}bc`]), undefined);
  });

  it('keeps the first of equally near candidates', () => {
    assert.equal(closest('swab', ['swap', 'swan']), 'swap');
    assert.equal(closest('swab', ['swan', 'swap']), 'swan');
  });
});
