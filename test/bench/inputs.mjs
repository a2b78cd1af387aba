// The benchmark's documents: a typical .wslconfig (a real 31-line sample), and generated 1,000- and
// 100,000-line files of realistic repeated sections with some mistakes; each also as an equivalent
// YAML document (same keys, values, comments and mistakes, one line for one line) for the peer server.
import fs from 'node:fs';
import path from 'node:path';

/** The typical file: test/fixtures/samples/W21 (Microsoft's documented example, 31 lines). */
export const TYPICAL_SAMPLE = 'test/fixtures/samples/W21/.wslconfig';

const MODES = ['mirrored', 'nat', 'NAT'];
const RECLAIM = ['gradual', 'dropcache', 'disabled'];

/** One profile block (~24 lines) of a large, repetitive .wslconfig, with a mistake every few blocks. */
function block(i) {
  const lines = [
    `# Profile ${i}: settings for workstation ${i}`,
    '[wsl2]',
    i % 5 === 4 ? `memroy=${4 + (i % 28)}GB` : `memory=${4 + (i % 28)}GB`,
    i % 7 === 6 ? 'processors=four' : `processors=${1 + (i % 16)}`,
    `swap=${i % 8}GB`,
    `swapFile=C:\\\\temp\\\\wsl-swap-${i}.vhdx`,
    'localhostForwarding=true',
    'kernelCommandLine = vsyscall=emulate',
    i % 11 === 10 ? 'networkingMode=mirorred' : `networkingMode=${MODES[i % 3]}`,
    'dnsTunneling=true',
    `firewall=${i % 2 ? 'true' : 'false'}  # keep the Hyper-V firewall`,
    'guiApplications=false',
    'nestedVirtualization=true',
    `vmIdleTimeout=${60000 + i}`,
    '# pageReporting=false',
  ];
  if (i % 13 === 12) lines.push('; swap=0');
  if (i % 17 === 16) lines.push('pageReporting=false');
  if (i % 19 === 18) lines.push('sparseVhd=true');
  lines.push(
    '',
    '[experimental]',
    `autoMemoryReclaim=${RECLAIM[i % 3]}`,
    'sparseVhd=true',
    'hostAddressLoopback=true',
    `ignoredPorts=3000,${8000 + (i % 1000)}`,
    '',
  );
  return lines;
}

/** Exactly `count` lines of repeated profile blocks, LF line breaks, final line break. */
export function generatedWslconfig(count) {
  const lines = [];
  for (let i = 0; lines.length < count; i++) lines.push(...block(i));
  return lines.slice(0, count).join('\n') + '\n';
}

/**
 * 1,000 lines, about 800 of them a finding (a misspelt key, bad values, duplicates): the payload case
 * of the storm step, and one of the LSP step's documents (line 3 is `memory=2gb`).
 */
export function findingsHeavyWslconfig() {
  const lines = ['[wsl2]'];
  for (let i = 1; lines.length < 1000; i++) {
    const pick = i % 5;
    if (pick === 0) lines.push(`# note ${i}`);
    else if (pick === 1) lines.push(`memroy=${i}GB`);
    else if (pick === 2) lines.push(`memory=${i}gb`);
    else if (pick === 3) lines.push(`swap=${i}x`);
    else lines.push(`localhostForwarding=maybe${i}`);
  }
  return `${lines.join('\n')}\n`;
}

/** A YAML scalar for a raw config value: plain when safe, else double-quoted (JSON is valid YAML). */
function yamlScalar(raw) {
  if (raw === '') return '""';
  if (raw.startsWith('"')) return raw;
  if (/^[A-Za-z0-9_./\\=,%-]+$/.test(raw) && !/^[-.,%]/.test(raw)) return raw;
  return JSON.stringify(raw);
}

/**
 * The YAML twin of a .wslconfig text, line for line: `[s]` -> `s:`, `k=v # c` -> `  k: v # c`,
 * comments and blank lines kept, lines the config parser rejects kept as they are (indented), so they
 * are mistakes in YAML too. Repeated sections become repeated mapping keys (YAML reports duplicates,
 * as we report duplicate keys).
 */
export function toYaml(text) {
  const out = [];
  let inSection = false;
  for (const line of text.split('\n')) {
    let m;
    if (/^\s*$/.test(line)) out.push('');
    else if (/^\s*#/.test(line)) out.push((inSection ? '  ' : '') + line.trim());
    else if ((m = /^\s*\[([A-Za-z][A-Za-z0-9]*)\]\s*(#.*)?$/.exec(line))) {
      out.push(`${m[1]}:${m[2] ? ` ${m[2]}` : ''}`);
      inSection = true;
    } else if ((m = /^\s*([A-Za-z][A-Za-z0-9]*)\s*=\s*(.*?)\s*(#.*)?$/.exec(line))) {
      out.push(`${inSection ? '  ' : ''}${m[1]}: ${yamlScalar(m[2])}${m[3] ? ` ${m[3]}` : ''}`);
    } else out.push((inSection ? '  ' : '') + line.trim());
  }
  return out.join('\n');
}

/** Line number (0-based) of the first line at or after `fromLine` whose text matches `re`. */
function findLine(text, re, fromLine = 0) {
  const lines = text.split('\n');
  for (let i = fromLine; i < lines.length; i++) if (re.test(lines[i])) return i;
  for (let i = 0; i < lines.length; i++) if (re.test(lines[i])) return i;
  return -1;
}

/**
 * Builds the documents: { name, lines, ini, yaml, hover, completion, change } where hover and completion
 * are LSP positions for each syntax (inside a key near the middle of the file; completion after the
 * first three letters of a key), and `change` finds a one-character value edit to alternate.
 */
export function buildDocuments(repoRoot, sizes = [1000, 100000]) {
  const typical = fs.readFileSync(path.join(repoRoot, TYPICAL_SAMPLE), 'utf8');
  return [
    { name: 'typical', ini: typical },
    ...sizes.map((n) => ({ name: `${n.toLocaleString('en-US')} lines`, ini: generatedWslconfig(n) })),
  ].map((doc) => withPositions(doc, 'processors'));
}

/** The findings-heavy 1,000-line file as a document of buildDocuments' shape (positions on `memory=`). */
export function findingsHeavyDocument() {
  return withPositions({ name: '1,000 lines, 801 findings', ini: findingsHeavyWslconfig() }, 'memory');
}

/**
 * `doc` with its YAML twin and the positions the LSP step uses: hover and completion on a `key=`
 * line near the middle, and the first letter of that key, which a change flips back and forth.
 */
function withPositions(doc, key) {
  const yaml = toYaml(doc.ini);
  const lineCount = doc.ini.replace(/\n$/, '').split('\n').length;
  const middle = Math.floor(lineCount / 2);
  const keyLine = findLine(doc.ini, new RegExp(`^${key}=\\d`), middle);
  const iniLine = doc.ini.split('\n')[keyLine];
  const yamlLine = yaml.split('\n')[keyLine];
  const iniKey = iniLine.indexOf(key);
  const yamlKey = yamlLine.indexOf(key);
  return {
    ...doc,
    yaml,
    lines: lineCount,
    bytes: Buffer.byteLength(doc.ini),
    ini: doc.ini,
    positions: {
      ini: {
        hover: { line: keyLine, character: iniKey + 2 },
        completion: { line: keyLine, character: iniKey + 3 },
        change: { line: keyLine, character: iniKey, original: iniLine[iniKey] },
      },
      yaml: {
        hover: { line: keyLine, character: yamlKey + 2 },
        completion: { line: keyLine, character: yamlKey + 3 },
        change: { line: keyLine, character: yamlKey, original: yamlLine[yamlKey] },
      },
    },
  };
}

/**
 * Files built to hit the analyzer's less travelled paths many times over, to catch work that grows
 * faster than the file: every line rejected, sections of the other file, distinct unknown keys (each
 * needs its own "did you mean"), and lone CRs hiding text behind rejected lines.
 */
export function worstCaseWslconfigs(count) {
  const repeat = (make) => Array.from({ length: count }, (_, i) => make(i)).join('\n') + '\n';
  return [
    { name: 'every line rejected (invalid escapes)', text: repeat((i) => `kernel=C:\\k${i}\\vmlinux`) },
    {
      name: 'sections of wsl.conf ([boot] blocks)',
      text: repeat((i) => (i % 3 === 0 ? '[boot]' : `command=echo ${i}`)),
    },
    { name: 'distinct unknown keys', text: '[wsl2]\n' + repeat((i) => `mem${i.toString(36)}ory=4GB`) },
    {
      name: 'rejected lines hiding text after a lone CR',
      text: repeat((i) => `[wsl2]\nswap=\\q${i}\r[x]\rmemory=1GB`),
    },
  ];
}
