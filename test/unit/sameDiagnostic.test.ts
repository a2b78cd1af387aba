/**
 * The server compares a document's new diagnostics with the last ones it sent, to send nothing when
 * nothing changed (issue 14). Its field-by-field comparison must agree with a deep comparison on
 * every diagnostic the server can build.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import '../fuzz/fastCheckSeed';
import type { Diagnostic } from 'vscode-languageserver/node';
import { sameDiagnostic } from '../../server/src/providers/diagnosticsProvider';

const small = fc.integer({ min: 0, max: 2 });
const range = fc.record({
  start: fc.record({ line: small, character: small }),
  end: fc.record({ line: small, character: small }),
});
const diagnostic: fc.Arbitrary<Diagnostic> = fc.record(
  {
    range,
    severity: fc.constantFrom(1, 2, 3, 4) as fc.Arbitrary<1 | 2 | 3 | 4>,
    code: fc.constantFrom('unknown-key', 'duplicate-key'),
    source: fc.constantFrom('wsl-network'),
    message: fc.constantFrom('a', 'b'),
    data: fc.oneof(
      fc.record({ character: small }),
      fc.record({ wslLine: small }),
      fc.record({ character: small, wslLine: small }),
    ),
    tags: fc.constantFrom([1], [2], [1, 2]) as fc.Arbitrary<(1 | 2)[]>,
    relatedInformation: fc.array(
      fc.record({
        location: fc.record({ uri: fc.constantFrom('file:///a', 'file:///b'), range }),
        message: fc.constantFrom('x', 'y'),
      }),
      { maxLength: 2 },
    ),
  },
  { requiredKeys: ['range', 'severity', 'code', 'source', 'message'] },
);

describe('sameDiagnostic', () => {
  it('agrees with a deep comparison on any two diagnostics the server can build', () => {
    fc.assert(
      fc.property(diagnostic, diagnostic, (a, b) => {
        assert.equal(sameDiagnostic(a, b), isDeepStrictEqual(a, b));
        assert.equal(sameDiagnostic(a, structuredClone(a)), true);
      }),
      { numRuns: 5000 },
    );
  });
});
