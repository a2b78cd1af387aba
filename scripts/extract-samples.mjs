// Writes every sample of shared/reference/wsl-config-samples.md to test/fixtures/samples/<ID>/,
// as `.wslconfig` or `wsl.conf`, restoring CRLF line endings and the final-newline state the notes
// give. Run again whenever the reference changes; test/unit/samples.test.ts checks they agree.
//   node scripts/extract-samples.mjs [path/to/wsl-config-samples.md]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const defaultReference = path.resolve(root, '../shared/reference/wsl-config-samples.md');

/** Samples from issue threads that are /etc/wsl.conf excerpts (the others are .wslconfig). */
const WSL_CONF_EXCERPTS = new Set(['I1', 'I2', 'I3', 'I7', 'I11']);

/** Returns [{ id, fileName, bytes }] for every sample in the markdown. */
export function extractSamples(markdown) {
  const samples = [];
  const sections = markdown.split(/^## /m).slice(1);
  for (const section of sections) {
    const id = /^([WCI]\d+)\./.exec(section)?.[1];
    if (!id) continue;
    const crlf = /Line endings: CRLF/.test(section);
    const noFinalNewline = /ends with newline: no/.test(section);
    const fence = /^(`{3,4})[a-z]*\n([\s\S]*?)\n\1$/m.exec(section);
    if (!fence) continue;
    let text = fence[2];
    if (id === 'I11') text = hexDumpToText(text);
    else {
      if (!noFinalNewline) text += '\n';
      if (crlf) text = text.replace(/\n/g, '\r\n');
    }
    const fileName = id.startsWith('C') || WSL_CONF_EXCERPTS.has(id) ? 'wsl.conf' : '.wslconfig';
    samples.push({ id, fileName, bytes: Buffer.from(text, 'utf8') });
  }
  return samples;
}

/** `xxd` output back to the text it shows. */
function hexDumpToText(dump) {
  const hex = dump
    .split('\n')
    .map((line) =>
      line
        .replace(/^[0-9a-f]+: /, '')
        .slice(0, 40)
        .replace(/ /g, ''),
    )
    .join('');
  return Buffer.from(hex, 'hex').toString('latin1');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const source = process.argv[2] ?? defaultReference;
  const out = path.join(root, 'test/fixtures/samples');
  for (const sample of extractSamples(fs.readFileSync(source, 'utf8'))) {
    fs.mkdirSync(path.join(out, sample.id), { recursive: true });
    fs.writeFileSync(path.join(out, sample.id, sample.fileName), sample.bytes);
  }
  console.log(`wrote samples to ${path.relative(root, out)}`);
}
