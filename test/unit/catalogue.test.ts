/**
 * Drift test for the key catalogue (schemas/*.json).
 *
 * The expected key lists are not copied here: they are parsed at test time out of the checked-in
 * snapshot of WSL's key tables (test/fixtures/wsl-source-facts/catalogue-facts.md: chapters 2.1, 2.2,
 * 2.3, 3 and 3.1, plus the counts, aliases, removed keys, defaults, enum members and version notes
 * stated around them). If the snapshot or a catalogue changes, this test says exactly where they disagree.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  catalogues,
  catalogueIndex,
  type FileKind,
  type KeyEntry,
  type ValueType,
} from '../../server/src/core/catalogue';

// ------------------------------------------------------------------------------------------------
// Locating and reading the truth file
// ------------------------------------------------------------------------------------------------

/** The repository root: the nearest folder above this file that holds package.json (out/test/unit -> repo). */
function findRepoRoot(): string {
  let dir = __dirname;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve(__dirname, '../../..');
    dir = parent;
  }
}

/**
 * The facts the catalogue was built from: the key tables as read in microsoft/WSL's source, checked in
 * as test/fixtures/wsl-source-facts/catalogue-facts.md (with the WSL commit in its header), so the
 * repository protects its catalogue with nothing beside it.
 */
const snapshotFile = path.join(findRepoRoot(), 'test', 'fixtures', 'wsl-source-facts', 'catalogue-facts.md');
const truthText = fs.readFileSync(snapshotFile, 'utf8').replace(/\r\n/g, '\n');

/**
 * The maintainers' reference notes, when they sit beside the repository (`<repo>/../shared/reference`,
 * or WSL_REFERENCE_DIR): the snapshot must still equal them (a refreshed reference means
 * `node scripts/snapshot-wsl-facts.mjs`). A clone without them runs every other test here.
 */
const referenceFile = [process.env.WSL_REFERENCE_DIR, path.join(findRepoRoot(), '..', 'shared', 'reference')]
  .filter((dir): dir is string => !!dir)
  .map((dir) => path.join(dir, 'wsl-config-truth.md'))
  .find((file) => fs.existsSync(file));

describe('catalogue facts snapshot', () => {
  it('names the microsoft/WSL commit its facts were read at', () => {
    assert.match(truthText.split('\n').slice(0, 6).join(' '), /microsoft\/WSL `master` at commit `[0-9a-f]{40}`/);
  });
  it(
    'equals the reference notes beside the repository',
    { skip: !referenceFile && 'no reference notes beside the repository' },
    () => {
      const script = path.join(findRepoRoot(), 'scripts', 'snapshot-wsl-facts.mjs');
      const expected = execFileSync(process.execPath, [script, '--stdout', referenceFile!], { encoding: 'utf8' });
      assert.equal(
        truthText,
        expected,
        'the reference notes changed: run `node scripts/snapshot-wsl-facts.mjs` and review the catalogue',
      );
    },
  );
});

const truthLines = truthText.split('\n');

/** Lines of the part that starts at the heading beginning with `headingStart`, up to the next heading of the same or a higher level. */
function part(headingStart: string, stopAtSubheadings = true): string[] {
  const start = truthLines.findIndex((line) => line.startsWith(headingStart));
  assert.ok(start >= 0, `truth file: heading '${headingStart}' not found`);
  const level = /^#+/.exec(headingStart)![0].length;
  const stop = new RegExp(`^#{1,${stopAtSubheadings ? Math.max(level, 3) : level}} `);
  let end = start + 1;
  while (end < truthLines.length && !stop.test(truthLines[end]!)) end++;
  return truthLines.slice(start, end);
}

/** Whitespace-normalised prose of a part, for matching sentences that wrap across lines. */
const prose = (lines: string[]): string => lines.join(' ').replace(/\s+/g, ' ');

/** Table rows (cells split on unescaped `|`) whose first cell starts with a backquoted name; header rows are skipped. */
function tableRows(lines: string[]): string[][] {
  const rows: string[][] = [];
  for (const line of lines) {
    if (!line.startsWith('|')) continue;
    const cells = line
      .split(/(?<!\\)\|/)
      .slice(1, -1)
      .map((c) => c.trim());
    if (cells.length < 2 || !cells[0]!.startsWith('`')) continue;
    rows.push(cells);
  }
  return rows;
}

/** The single backquoted name of a key-table row's first cell. */
function singleName(cell: string): string {
  const m = /^`([^`]+)`$/.exec(cell);
  assert.ok(m, `truth file: expected one backquoted key name, got '${cell}'`);
  return m[1]!;
}

/** Every backquoted `section.key` in a piece of text. */
const dottedNames = (text: string): Array<[string, string]> =>
  [...text.matchAll(/`([A-Za-z][A-Za-z0-9]*)\.([A-Za-z][A-Za-z0-9]*)`/g)].map((m) => [m[1]!, m[2]!]);

/** Every backquoted word in a piece of text. */
const quotedWords = (text: string): string[] => [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);

/** Markdown cell text to plain words: drop backquotes, bold and escaped pipes. */
const plain = (cell: string): string => cell.replace(/\*\*/g, '').replace(/`/g, '').replace(/\\\|/g, '|').trim();

/** The truth file's type words (`bool`, `str`, `MAC`, `IPv4 string`, `port list`, `enum v1|v2`, `str (path, …)`) mapped to ours. */
function mapType(cell: string): ValueType {
  const t = plain(cell).toLowerCase();
  if (t.startsWith('enum')) return 'enum';
  if (t.startsWith('ipv4')) return 'ipv4';
  if (t.startsWith('port list')) return 'portList';
  if (t.startsWith('mac')) return 'mac';
  if (/^str\s*\(path\b/.test(t)) return 'path';
  const simple: Record<string, ValueType> = {
    bool: 'bool',
    int: 'int',
    ms: 'ms',
    mem: 'mem',
    path: 'path',
    str: 'string',
  };
  const word = t.split(/[\s(]/)[0]!;
  const mapped = simple[word];
  if (!mapped) throw new Error(`truth file: unknown type word '${cell}'`);
  return mapped;
}

interface TruthKey {
  section: string;
  name: string;
  type: ValueType;
  rawType: string;
  /** Absent in §3.1, whose table has no default column. */
  default?: string;
  notes: string;
}

/** §2.1, §2.2, §2.3: the section comes from the heading (`### 2.1 \`[wsl2]\` (43 keys)`). */
function wslconfigTable(heading: string): { section: string; declaredCount: number; keys: TruthKey[] } {
  const lines = part(heading);
  const head = lines[0]!;
  const section = /`\[([A-Za-z0-9]+)\]`/.exec(head)?.[1];
  const count = /\((\d+) (?:own )?keys/.exec(head)?.[1];
  assert.ok(section && count, `truth file: cannot read the section and key count from '${head}'`);
  const keys = tableRows(lines).map(([name, type, def, notes]) => ({
    section,
    name: singleName(name!),
    type: mapType(type!),
    rawType: type!,
    default: plain(def!),
    notes: notes ?? '',
  }));
  return { section, declaredCount: Number(count), keys };
}

/** §3 and §3.1: the first cell is `section.key`. */
function dottedTable(lines: string[], hasDefault: boolean): TruthKey[] {
  return tableRows(lines).map((cells) => {
    const [section, name] = singleName(cells[0]!).split('.');
    assert.ok(section && name, `truth file: '${cells[0]}' is not section.key`);
    return {
      section,
      name,
      type: mapType(cells[1]!),
      rawType: cells[1]!,
      default: hasDefault ? plain(cells[2]!) : undefined,
      notes: (hasDefault ? cells[3] : cells[2]) ?? '',
    };
  });
}

const wsl2Table = wslconfigTable('### 2.1 ');
const experimentalTable = wslconfigTable('### 2.2 ');
const generalTable = wslconfigTable('### 2.3 ');
const truthWslconfig = [...wsl2Table.keys, ...experimentalTable.keys, ...generalTable.keys];
const part3 = part('## 3. ');
const truthWslconf = dottedTable(part3, true);
const truthDistribution = dottedTable(part('### 3.1 '), false);

const truthByKind: Record<FileKind, TruthKey[]> = {
  wslconfig: truthWslconfig,
  wslconf: truthWslconf,
  wsldistribution: truthDistribution,
};

const kinds: FileKind[] = ['wslconfig', 'wslconf', 'wsldistribution'];
const lower = (s: string): string => s.toLowerCase();
const full = (section: string, name: string): string => `${section}.${name}`;
const sorted = (items: Iterable<string>): string[] => [...items].sort((a, b) => a.localeCompare(b));

function catalogueKey(kind: FileKind, section: string, name: string): KeyEntry {
  const key = catalogues[kind].keys.find((k) => lower(k.section) === lower(section) && lower(k.name) === lower(name));
  assert.ok(
    key,
    `${catalogues[kind].displayName}: ${full(section, name)} is in the truth file but not in the catalogue`,
  );
  return key;
}

// ------------------------------------------------------------------------------------------------
// The parse itself must be sane, or every later assertion would be vacuous.
// ------------------------------------------------------------------------------------------------

describe('truth file parse', () => {
  it('finds the counts the truth file states in prose and headings', () => {
    const intro = prose(part('## 2. '));
    const m =
      /There are (\d+) distinct settings: (\d+) under `\[wsl2\]`, (\d+) under `\[general\]`, and (\d+) that exist only under `\[experimental\]`/.exec(
        intro,
      );
    assert.ok(m, 'truth file §2: the sentence with the setting counts was not found');
    const [total, wsl2, general, experimental] = m.slice(1).map(Number);
    assert.equal(wsl2Table.keys.length, wsl2, '§2.1 row count vs §2 prose');
    assert.equal(wsl2Table.keys.length, wsl2Table.declaredCount, '§2.1 row count vs heading');
    assert.equal(experimentalTable.keys.length, experimental, '§2.2 row count vs §2 prose');
    assert.equal(experimentalTable.keys.length, experimentalTable.declaredCount, '§2.2 row count vs heading');
    assert.equal(generalTable.keys.length, general, '§2.3 row count vs §2 prose');
    assert.equal(generalTable.keys.length, generalTable.declaredCount, '§2.3 row count vs heading');
    assert.equal(truthWslconfig.length, total);

    const conf = /There are (\d+) keys in (\d+) sections/.exec(prose(part3));
    assert.ok(conf, 'truth file §3: the sentence with the key count was not found');
    assert.equal(truthWslconf.length, Number(conf[1]));
    assert.equal(new Set(truthWslconf.map((k) => lower(k.section))).size, Number(conf[2]));
    assert.ok(truthDistribution.length > 0, 'truth file §3.1: no keys found');
  });
});

// ------------------------------------------------------------------------------------------------
// Drift: the catalogue against the truth file
// ------------------------------------------------------------------------------------------------

for (const kind of kinds) {
  const catalogue = catalogues[kind];
  const truth = truthByKind[kind];

  describe(`${catalogue.displayName} catalogue matches the truth file`, () => {
    it('has exactly the keys of the truth tables, in the same sections', () => {
      const expected = sorted(truth.map((k) => full(k.section, k.name)));
      const actual = sorted(catalogue.keys.map((k) => full(k.section, k.name)));
      const missing = expected.filter((k) => !actual.includes(k));
      const extra = actual.filter((k) => !expected.includes(k));
      assert.deepEqual({ missing, extra }, { missing: [], extra: [] });
      assert.equal(catalogue.keys.length, truth.length);
    });

    it('gives every key the type of the truth tables', () => {
      const mismatches = truth
        .map((t) => ({
          key: full(t.section, t.name),
          truth: `${t.type} (${t.rawType})`,
          catalogue: catalogueKey(kind, t.section, t.name).type,
          expected: t.type,
        }))
        .filter((m) => m.catalogue !== m.expected)
        .map(({ key, truth: truthType, catalogue: ours }) => `${key}: truth says ${truthType}, catalogue says ${ours}`);
      assert.deepEqual(mismatches, []);
    });

    if (kind !== 'wsldistribution') {
      it('states each default as the truth tables word it', () => {
        const mismatches = truth
          .filter((t) => catalogueKey(kind, t.section, t.name).default !== t.default)
          .map(
            (t) =>
              `${full(t.section, t.name)}: truth '${t.default}', catalogue '${catalogueKey(kind, t.section, t.name).default}'`,
          );
        assert.deepEqual(mismatches, []);
      });
    }

    it('marks keys the truth calls undocumented (or documented) accordingly', () => {
      for (const t of truth) {
        const key = catalogueKey(kind, t.section, t.name);
        if (/\bUndocumented\b/.test(t.notes))
          assert.equal(key.documented, false, `${full(t.section, t.name)} is undocumented`);
        if (/\bDocumented\b/.test(t.notes))
          assert.equal(key.documented, true, `${full(t.section, t.name)} is documented`);
      }
    });

    it('records the first version the truth tables give, and the unreleased state', () => {
      for (const t of truth) {
        const key = catalogueKey(kind, t.section, t.name);
        const name = full(t.section, t.name);
        const build = /\bSince (?:build )?(\d{5})\b/.exec(t.notes);
        const version = /\bSince \**(\d+\.\d+\.\d+)\**/.exec(t.notes);
        if (build) assert.equal(key.since, `build ${build[1]}`, `${name}: since`);
        else if (version) assert.equal(key.since, version[1], `${name}: since`);
        if (/Unreleased at snapshot/.test(t.notes)) {
          assert.equal(key.since, undefined, `${name} is unreleased: no since`);
          assert.match(key.versionNotes ?? '', /unreleased/i, `${name}: versionNotes should say unreleased`);
          assert.match(key.versionNotes ?? '', /2\.9\.4/, `${name}: versionNotes should name the last release`);
        }
      }
    });
  });
}

describe('.wslconfig specifics from the truth file', () => {
  const index = catalogueIndex('wslconfig');

  it('has the [experimental] aliases the truth names, and 59 accepted spellings', () => {
    const intro = prose(part('## 2. '));
    const sentence = /Four of the `\[wsl2\]` settings \(([^)]*)\)/.exec(intro);
    assert.ok(sentence, 'truth file §2: the sentence naming the aliased settings was not found');
    const named = sorted(quotedWords(sentence[1]!));
    const fromNotes = sorted(
      wsl2Table.keys.filter((k) => /Also accepted as `experimental\./.test(k.notes)).map((k) => k.name),
    );
    assert.deepEqual(fromNotes, named, 'the §2 prose and the §2.1 notes disagree about the aliases');

    const aliased = sorted(catalogues.wslconfig.keys.filter((k) => k.aliasSections?.length).map((k) => k.name));
    assert.deepEqual(aliased, named);
    for (const name of named) {
      const key = catalogueKey('wslconfig', 'wsl2', name);
      assert.deepEqual(key.aliasSections, ['experimental']);
      assert.equal(index.lookup('experimental', name), key);
      assert.equal(index.isAliasSpelling('experimental', name), true);
      assert.equal(index.isAliasSpelling('wsl2', name), false);
    }

    const spellings = /gives (\d+) accepted spellings/.exec(intro);
    assert.ok(spellings, 'truth file §2: the accepted-spellings count was not found');
    const count = catalogues.wslconfig.keys.reduce((n, k) => n + 1 + (k.aliasSections?.length ?? 0), 0);
    assert.equal(count, Number(spellings[1]));
  });

  it('lists the removed keys of §2.4 and knows none of the names §2.4 says do not exist', () => {
    const rows = tableRows(part('### 2.4 '));
    const removed = rows
      .filter((r) => /^(?:\*\*)?Removed|absent from current source/.test(r[1]!))
      .flatMap((r) => dottedNames(r[0]!));
    assert.ok(removed.length >= 4, 'truth file §2.4: removed keys not found');
    assert.deepEqual(
      sorted(catalogues.wslconfig.removed.map((r) => full(r.section, r.name))),
      sorted(removed.map(([s, n]) => full(s, n))),
    );
    for (const [section, name] of rows.flatMap((r) => dottedNames(r[0]!))) {
      assert.equal(index.lookup(section, name), undefined, `${section}.${name} must not resolve to a key`);
    }
  });

  it('puts the §2.5 verdicts in the right sections', () => {
    for (const [items, verdict] of tableRows(part('### 2.5 '))) {
      const names = quotedWords(items!);
      if (/^Real, `\[wsl2\]`$/.test(verdict!)) {
        for (const name of names) assert.ok(index.lookup('wsl2', name), `${name} is a [wsl2] key`);
      } else if (/^Real, `\[experimental\]` \*\*only\*\*$/.test(verdict!)) {
        for (const name of names) {
          assert.ok(index.lookup('experimental', name), `${name} is an [experimental] key`);
          assert.equal(index.lookup('wsl2', name), undefined, `${name} is not accepted under [wsl2]`);
        }
      } else if (/with `\[experimental\]` aliases/.test(verdict!)) {
        for (const name of names)
          assert.ok(index.lookup('wsl2', name) && index.isAliasSpelling('experimental', name), `${name} is aliased`);
      } else if (/Does not exist/.test(verdict!)) {
        for (const name of names.filter((n) => /^[A-Za-z][A-Za-z0-9]*$/.test(n))) {
          assert.deepEqual(index.sectionsAccepting(name), [], `${name} does not exist`);
        }
      }
    }
  });

  it('has the enum members and the legacy alias of the truth notes', () => {
    for (const t of truthWslconfig.filter((k) => k.type === 'enum')) {
      const values = /Values \(case-insensitive\): ([^.]*)\./.exec(t.notes);
      assert.ok(values, `truth file: no value list for ${t.name}`);
      const key = catalogueKey('wslconfig', t.section, t.name);
      assert.deepEqual(
        sorted((key.values ?? []).map((v) => v.name)),
        sorted(quotedWords(values[1]!)),
        `${t.name} values`,
      );
      for (const alias of t.notes.matchAll(/`(\w+)` is a \*\*legacy alias of `(\w+)`\*\*/g)) {
        assert.equal(
          key.values?.find((v) => v.name === alias[1])?.aliasOf,
          alias[2],
          `${alias[1]} is an alias of ${alias[2]}`,
        );
      }
    }
  });

  it('limits the keys the truth calls mode-specific to those modes', () => {
    for (const t of truthWslconfig) {
      const key = catalogueKey('wslconfig', t.section, t.name);
      if (/\*\*Bridged mode only\.?\*\*/.test(t.notes)) assert.deepEqual(key.modes, ['bridged'], t.name);
      if (/\*\*Mirrored mode only\*\*/.test(t.notes)) assert.deepEqual(key.modes, ['mirrored'], t.name);
    }
    assert.deepEqual(catalogueKey('wslconfig', 'wsl2', 'dnsProxy').modes, ['nat']);
    assert.deepEqual(sorted(catalogueKey('wslconfig', 'wsl2', 'localhostForwarding').modes ?? []), [
      'bridged',
      'consomme',
      'nat',
    ]);
  });

  it('notes the kernelModules type change', () => {
    assert.match(catalogueKey('wslconfig', 'wsl2', 'kernelModules').versionNotes ?? '', /2\.5\.1/);
  });
});

describe('/etc/wsl.conf specifics from the truth file', () => {
  it('lists automount.crossDistro as removed, and only that', () => {
    const gone = part3.filter((l) => /gone now/.test(l)).flatMap((l) => dottedNames(l));
    assert.ok(gone.length > 0, 'truth file §3: removed keys not found');
    assert.deepEqual(
      sorted(catalogues.wslconf.removed.map((r) => full(r.section, r.name))),
      sorted(gone.map(([s, n]) => full(s, n))),
    );
  });

  it('has the automount.cgroups members of the type column', () => {
    const t = truthWslconf.find((k) => k.section === 'automount' && k.name === 'cgroups')!;
    assert.deepEqual(
      sorted((catalogueKey('wslconf', 'automount', 'cgroups').values ?? []).map((v) => v.name)),
      sorted(quotedWords(t.rawType)),
    );
  });

  it('marks keys outside the sections the docs list as undocumented', () => {
    const docs = /The docs list only ([^.]*) and still say/.exec(prose(part3));
    assert.ok(docs, 'truth file §3: the list of documented sections was not found');
    const documentedSections = quotedWords(docs[1]!);
    for (const key of catalogues.wslconf.keys) {
      if (!documentedSections.includes(key.section)) assert.equal(key.documented, false, `${key.section}.${key.name}`);
    }
  });
});

// ------------------------------------------------------------------------------------------------
// Structural invariants
// ------------------------------------------------------------------------------------------------

const IDENTIFIER = /^[A-Za-z][A-Za-z0-9]*$/;

/** Whether `example` is a literal WSL would accept for this key, written as the user must type it. */
function exampleIsValid(key: KeyEntry): boolean {
  const v = key.example;
  switch (key.type) {
    case 'bool':
      return /^(?:true|false|1|0)$/i.test(v);
    case 'int':
    case 'ms':
      return /^[-+]?(?:0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.test(v);
    case 'mem':
      return /^[0-9]+(?:B|K|KB|M|MB|G|GB|T|TB)?$/.test(v);
    case 'enum':
      return (key.values ?? []).some((value) => lower(value.name) === lower(v));
    case 'ipv4':
      return /^(?:\d{1,3}\.){3}\d{1,3}$/.test(v) && v.split('.').every((o) => Number(o) <= 255);
    case 'mac':
      return /^[0-9A-Fa-f]{2}([:-])[0-9A-Fa-f]{2}(?:\1[0-9A-Fa-f]{2}){4}$/.test(v);
    case 'portList':
      return v.split(',').every((p) => /^\s*[0-9]+\s*$/.test(p) && Number(p) >= 1 && Number(p) <= 65535);
    case 'path':
    case 'string':
      // Lexically safe as typed: no '#', quotes or blanks at the ends, and every backslash doubled.
      return !/[#"]/.test(v) && v.trim() === v && !/\\/.test(v.replace(/\\\\/g, ''));
  }
}

for (const kind of kinds) {
  const catalogue = catalogues[kind];
  const index = catalogueIndex(kind);

  describe(`${catalogue.displayName} catalogue invariants`, () => {
    it('describes its file', () => {
      assert.equal(catalogue.file, kind);
      const names: Record<FileKind, string> = {
        wslconfig: '.wslconfig',
        wslconf: '/etc/wsl.conf',
        wsldistribution: '/etc/wsl-distribution.conf',
      };
      assert.equal(catalogue.displayName, names[kind]);
      assert.match(catalogue.docsUrl, /^https:\/\/learn\.microsoft\.com\/windows\/wsl\//);
      assert.ok(catalogue.restartNote.trim().length > 0);
    });

    it('has unique, well-formed sections, each described and each with keys', () => {
      const names = catalogue.sections.map((s) => lower(s.name));
      assert.equal(new Set(names).size, names.length, 'duplicate section');
      for (const section of catalogue.sections) {
        assert.match(section.name, IDENTIFIER);
        assert.ok(section.description.trim().length > 0, `[${section.name}] needs a description`);
        assert.ok(index.keysIn(section.name).length > 0, `[${section.name}] has no keys`);
      }
    });

    it('has no duplicate spelling, counting alias sections', () => {
      const spellings = catalogue.keys.flatMap((k) =>
        [k.section, ...(k.aliasSections ?? [])].map((s) => lower(full(s, k.name))),
      );
      const duplicates = spellings.filter((s, i) => spellings.indexOf(s) !== i);
      assert.deepEqual(duplicates, []);
    });

    it('only references sections that exist', () => {
      for (const key of catalogue.keys) {
        for (const section of [key.section, ...(key.aliasSections ?? [])]) {
          assert.ok(index.section(section), `${key.name} refers to a missing section [${section}]`);
        }
      }
      for (const removed of catalogue.removed)
        assert.ok(index.section(removed.section), `removed ${removed.name} refers to a missing section`);
    });

    it('gives every key a name, default, example, description and a valid example', () => {
      for (const key of catalogue.keys) {
        const name = full(key.section, key.name);
        assert.match(key.name, IDENTIFIER, name);
        assert.ok(key.default.trim().length > 0, `${name}: empty default`);
        assert.ok(key.example.length > 0, `${name}: empty example`);
        assert.ok(key.description.trim().length > 0, `${name}: empty description`);
        assert.equal(typeof key.documented, 'boolean', `${name}: documented`);
        assert.ok(exampleIsValid(key), `${name}: example '${key.example}' is not a valid ${key.type}`);
      }
    });

    it('gives every enum key its members, and no other key any', () => {
      for (const key of catalogue.keys) {
        const name = full(key.section, key.name);
        if (key.type !== 'enum') {
          assert.equal(key.values, undefined, `${name} is not an enum`);
          continue;
        }
        assert.ok(key.values && key.values.length > 0, `${name}: enum without values`);
        const members = key.values.map((v) => lower(v.name));
        assert.equal(new Set(members).size, members.length, `${name}: duplicate member`);
        for (const value of key.values) {
          assert.ok(value.description.trim().length > 0, `${name}=${value.name}: empty description`);
          if (value.aliasOf !== undefined) {
            const target = key.values.find((v) => v.name === value.aliasOf);
            assert.ok(
              target && target.aliasOf === undefined,
              `${name}=${value.name}: aliasOf must name a canonical member`,
            );
          }
        }
      }
    });

    it('uses modes only in .wslconfig', () => {
      for (const key of catalogue.keys) {
        if (kind !== 'wslconfig') assert.equal(key.modes, undefined, key.name);
        else if (key.modes) assert.ok(key.modes.length > 0 && new Set(key.modes).size === key.modes.length, key.name);
      }
    });

    it('keeps removed names apart from live keys', () => {
      for (const removed of catalogue.removed) {
        assert.equal(
          index.lookup(removed.section, removed.name),
          undefined,
          `${removed.section}.${removed.name} is removed but still a key`,
        );
        assert.equal(index.removed(removed.section.toUpperCase(), removed.name.toLowerCase()), removed);
        assert.ok(removed.note.trim().length > 0);
      }
    });

    it('points every meaning alias at a key of this file, under a name that is no live or removed key here', () => {
      const aliases = catalogue.meaningAliases ?? [];
      const names = aliases.map((a) => lower(a.name));
      assert.equal(new Set(names).size, names.length, 'duplicate meaning alias');
      for (const alias of aliases) {
        assert.match(alias.name, IDENTIFIER);
        const meant = index.meaningOf(alias.name.toUpperCase());
        assert.ok(meant, `${alias.name}: no meaning`);
        assert.equal(
          meant.key,
          index.lookup(alias.section, alias.key),
          `${alias.name} means ${alias.section}.${alias.key}, which is not a key`,
        );
        assert.equal(index.removedAnywhere(alias.name), undefined, `${alias.name} is a removed key`);
        // An alias that is also a key name here (umask) must mean an option, which outranks the key only where the key is not meant.
        if (index.sectionsAccepting(alias.name).length > 0)
          assert.ok(alias.option, `${alias.name} is a key of this file`);
        if (alias.option !== undefined)
          assert.equal(meant.key.type, 'string', `${alias.name}: options live in string values`);
        if (alias.flag) assert.ok(alias.option, `${alias.name}: flag without option`);
      }
    });

    it('lists docs spellings that differ from the canonical value only in case', () => {
      for (const key of catalogue.keys) {
        for (const value of key.values ?? []) {
          for (const spelling of value.docsSpellings ?? []) {
            assert.equal(lower(spelling), lower(value.name), `${key.name}=${value.name}: ${spelling}`);
            assert.notEqual(spelling, value.name, `${key.name}=${value.name}: the canonical spelling needs no entry`);
          }
        }
      }
    });

    it('looks keys up case-insensitively, as WSL does', () => {
      for (const key of catalogue.keys) {
        assert.equal(index.lookup(key.section.toUpperCase(), key.name.toLowerCase()), key);
      }
    });
  });
}
