/**
 * fast-check generators of config-like text, shared by the property tests (test/unit/properties.test.ts,
 * a few thousand runs) and the fuzz run of the benchmark (test/bench/run-bench.mjs, 100,000 inputs).
 *
 * Three families: files assembled from plausible lines (real section and key names from the
 * catalogues, typos, typed values, quotes, escapes, `#` and `;` comments, continuations), mutations of
 * the real samples in test/fixtures/samples, and raw noise. Line breaks are LF, CRLF or lone CR, mixed
 * or uniform; a UTF-8 BOM, NUL, lone surrogates, emoji and other non-ASCII text appear throughout.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { catalogues, type FileKind } from '../../server/src/core/catalogue';
import { decodeConfigBytes } from '../../server/src/core/encoding';

export const FILE_KINDS: readonly FileKind[] = ['wslconfig', 'wslconf', 'wsldistribution'];

const unique = <T>(items: T[]): T[] => [...new Set(items)];
const all = Object.values(catalogues);

const SECTION_NAMES = unique([
  ...all.flatMap((c) => c.sections.map((s) => s.name)),
  ...all.flatMap((c) => c.removed.map((r) => r.section)),
  'WSL2',
  'Experimental',
  'wls2',
  'experimantal',
  'network2',
  'x',
  'a1',
]);

const KEY_NAMES = unique([
  ...all.flatMap((c) => c.keys.map((k) => k.name)),
  ...all.flatMap((c) => c.removed.map((r) => r.name)),
  'memroy',
  'MEMORY',
  'networkingmode',
  'netwrkingMode',
  'localhostforwarding',
  'uid',
  'umask',
  'foo',
  'k',
  'x1',
]);

const VALUES = unique([
  ...all.flatMap((c) => c.keys.map((k) => k.example)),
  ...all.flatMap((c) => c.keys.flatMap((k) => (k.values ?? []).map((v) => v.name))),
  'true',
  'false',
  'yes',
  'TRUE',
  '0',
  '1',
  '-1',
  '0x10',
  '010',
  '8',
  '99999999999999999999',
  '4GB',
  '8gb',
  '1.5GB',
  '512MB',
  'C:\\temp\\x',
  'C:\\\\temp\\\\x',
  'C:/temp/x',
  '%USERPROFILE%\\\\x',
  '192.168.0.1',
  '256.1.1.1',
  '::1',
  '00:15:5d:01:02:03',
  '3000,8080',
  '3000-3002',
  '022',
  'mirrored',
  'Mirrord',
  'NAT',
  'vsyscall=emulate',
  '"a b"',
  '"open',
  '\\"quoted\\"',
  'x\\',
  '',
]);

/** Single characters that matter to the lexer, and some that should not. */
const SPECIAL = [
  '"',
  '\\',
  '#',
  ';',
  '=',
  '[',
  ']',
  ' ',
  '\t',
  '\r',
  '\n',
  '\r\n',
  '\0',
  '\ufeff',
  '\u00e9',
  '\u00a0',
  '\u2028',
  '\ud83d\ude00',
  '\ud800',
  '\udc00',
  '\x0b',
  '\x0c',
  '\x7f',
  '.',
  '_',
  '-',
  '$',
  '`',
  'a',
  'Z',
  '7',
];

const special = fc.constantFrom(...SPECIAL);
const anyChar = fc.oneof(
  { weight: 3, arbitrary: special },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
);
/** Short noise made of lexer-relevant characters, printable ASCII and arbitrary code points. */
export const noise = (maxLength = 12): fc.Arbitrary<string> => fc.string({ unit: anyChar, maxLength });

const blank = fc.constantFrom('', '', ' ', '  ', '\t', ' \t');
const typo = (word: string): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constant(word),
    fc.nat({ max: Math.max(0, word.length - 1) }).map((i) => word.slice(0, i) + word.slice(i + 1)),
    fc.nat({ max: word.length }).map((i) => word.slice(0, i) + word[Math.max(0, i - 1)] + word.slice(i)),
    fc.constant(word.toUpperCase()),
  );

const sectionName = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...SECTION_NAMES) },
  { weight: 1, arbitrary: fc.constantFrom(...SECTION_NAMES).chain(typo) },
);
const keyName = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...KEY_NAMES) },
  { weight: 2, arbitrary: fc.constantFrom(...KEY_NAMES).chain(typo) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(...KEY_NAMES), fc.constantFrom('_x', '.x', '-x', '1', ' x', '\u00e9'))
      .map(([k, s]) => k + s),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('1', '_', '.', '-', '\u00e9', '\0'), fc.constantFrom(...KEY_NAMES))
      .map(([p, k]) => p + k),
  },
);

const escape = fc.constantFrom(
  '\\\\',
  '\\"',
  '\\b',
  '\\n',
  '\\t',
  '\\x',
  '\\q',
  '\\ ',
  '\\#',
  '\\\n',
  '\\\r\n',
  '\\\r',
  '\\',
);
const valuePiece = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...VALUES) },
  { weight: 2, arbitrary: escape },
  { weight: 2, arbitrary: noise(4).map((s) => `"${s}"`) },
  { weight: 2, arbitrary: special },
  { weight: 1, arbitrary: noise(6) },
);
const value = fc.array(valuePiece, { maxLength: 3 }).map((parts) => parts.join(''));
const separator = fc.constantFrom('=', '=', ' = ', ' =', '=  ', '\t=\t', '', ' ', '==', ':');
const trailing = fc.oneof(
  { weight: 4, arbitrary: fc.constant('') },
  { weight: 2, arbitrary: noise(8).map((s) => ` # ${s}`) },
  { weight: 1, arbitrary: fc.constantFrom('#', '  ', ' ;note', ';', ' \t') },
);

const sectionLine = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(blank, sectionName, trailing).map(([b, n, t]) => `${b}[${n}]${t}`) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        sectionName,
        fc.constantFrom('[N', '[ N]', '[N ]', '[N-x]', '[N.x]', '[]', '[N] x', '[N];c', '[[N]]', '[N]]', '[1N]', 'N]'),
      )
      .map(([n, shape]) => shape.replace('N', n)),
  },
);
const entryLine = fc.tuple(blank, keyName, separator, value, trailing).map((parts) => parts.join(''));
const commentLine = fc
  .tuple(blank, fc.constantFrom('#', '# ', ';', '; ', '##'), noise(10))
  .map((parts) => parts.join(''));
const line = fc.oneof(
  { weight: 8, arbitrary: entryLine },
  { weight: 3, arbitrary: sectionLine },
  { weight: 2, arbitrary: commentLine },
  { weight: 2, arbitrary: blank },
  { weight: 1, arbitrary: noise(16) },
);

const EOLS = ['\n', '\r\n', '\r'] as const;
/** A whole file from plausible lines: uniform or mixed line breaks, optional BOM and final break. */
export const configText: fc.Arbitrary<string> = fc
  .record({
    bom: fc.nat({ max: 4 }).map((n) => n === 0),
    lines: fc.array(line, { maxLength: 14 }),
    eol: fc.constantFrom(...EOLS),
    mixed: fc.array(fc.constantFrom(...EOLS), { minLength: 14, maxLength: 14 }),
    useMixed: fc.boolean(),
    finalEol: fc.boolean(),
  })
  .map(({ bom, lines, eol, mixed, useMixed, finalEol }) => {
    let text = bom ? '\ufeff' : '';
    lines.forEach((l, i) => {
      text += l;
      if (i < lines.length - 1 || finalEol) text += useMixed ? mixed[i] : eol;
    });
    return text;
  });

function repoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'test', 'fixtures', 'samples'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`test/fixtures/samples not found above ${__dirname}`);
    dir = parent;
  }
  return dir;
}

export interface Sample {
  id: string;
  name: string;
  text: string;
}

let samples: Sample[] | undefined;
/** The real files of test/fixtures/samples (UTF-8 BOM kept, UTF-16 decoded). */
export function realSamples(): Sample[] {
  if (!samples) {
    const root = path.join(repoRoot(), 'test', 'fixtures', 'samples');
    samples = fs
      .readdirSync(root)
      .sort()
      .flatMap((id) =>
        fs.readdirSync(path.join(root, id)).map((name) => ({
          id,
          name,
          text: decodeConfigBytes(fs.readFileSync(path.join(root, id, name)), { keepUtf8Bom: true }).text,
        })),
      );
  }
  return samples;
}

type Mutation =
  | { op: 'insert'; at: number; text: string }
  | { op: 'delete'; at: number; length: number }
  | { op: 'replace'; at: number; length: number; text: string }
  | { op: 'duplicate-line' | 'drop-line' | 'swap-lines'; at: number }
  | { op: 'eol'; eol: string }
  | { op: 'truncate'; at: number }
  | { op: 'bom' };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant('insert' as const),
      at: fc.nat(),
      text: fc.oneof(special, valuePiece, line),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ op: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 8 }) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('replace' as const),
      at: fc.nat(),
      length: fc.integer({ min: 1, max: 4 }),
      text: special,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constantFrom('duplicate-line' as const, 'drop-line' as const, 'swap-lines' as const),
      at: fc.nat(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('eol' as const), eol: fc.constantFrom(...EOLS) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.constant({ op: 'bom' as const }) },
);

function mutate(text: string, m: Mutation): string {
  const at = 'at' in m ? (text.length === 0 ? 0 : m.at % (text.length + 1)) : 0;
  switch (m.op) {
    case 'insert':
      return text.slice(0, at) + m.text + text.slice(at);
    case 'delete':
      return text.slice(0, at) + text.slice(at + m.length);
    case 'replace':
      return text.slice(0, at) + m.text + text.slice(at + m.length);
    case 'truncate':
      return text.slice(0, at);
    case 'bom':
      return text.startsWith('\ufeff') ? text.slice(1) : `\ufeff${text}`;
    case 'eol':
      return text.replace(/\r\n|\n|\r/g, m.eol);
    case 'duplicate-line':
    case 'drop-line':
    case 'swap-lines': {
      const lines = text.split(/(?<=\n)/);
      if (lines.length === 0) return text;
      const i = m.at % lines.length;
      if (m.op === 'duplicate-line') lines.splice(i, 0, lines[i]);
      else if (m.op === 'drop-line') lines.splice(i, 1);
      else if (i + 1 < lines.length) [lines[i], lines[i + 1]] = [lines[i + 1], lines[i]];
      return lines.join('');
    }
  }
}

/** A real sample with a few mutations (inserted specials and lines, deletions, line swaps, EOL changes). */
export const mutatedSample: fc.Arbitrary<string> = fc.integer({ min: 0, max: 1_000_000 }).chain((pick) => {
  const list = realSamples();
  const base = list[pick % list.length].text;
  return fc.array(mutation, { minLength: 1, maxLength: 4 }).map((mutations) => mutations.reduce(mutate, base));
});

/** Every family: assembled files, mutated samples, raw noise. */
export const anyConfigText: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: configText },
  { weight: 4, arbitrary: mutatedSample },
  { weight: 1, arbitrary: noise(40) },
);
