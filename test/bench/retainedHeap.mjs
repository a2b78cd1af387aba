// Heap kept alive by one parse or one analysis of a document, in bytes per line. Run in a fresh
// process per measurement, with --expose-gc so collections can be forced around the call:
//   node --expose-gc test/bench/retainedHeap.mjs <out dir> <file> parse|analyze
// The garbage collector's work on a large document grows with what stays alive, which is what
// the GC share in the timing rows comes from.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const [outDir, file, what] = process.argv.slice(2);
const require = createRequire(import.meta.url);
const { analyze } = require(path.join(outDir, 'server/src/core/analyzer.js'));
const { parseConfig } = require(path.join(outDir, 'server/src/core/parser.js'));
const text = fs.readFileSync(file, 'utf8');
const lines = text.replace(/\n$/, '').split('\n').length;
const call =
  what === 'parse'
    ? () => parseConfig(text, 'windows')
    : what === 'analyze'
      ? () => analyze(text, 'wslconfig')
      : undefined;
if (!call) throw new Error(`usage: retainedHeap.mjs <out dir> <file> parse|analyze (got ${what})`);

globalThis.gc();
const before = process.memoryUsage();
// Held in a global so the result is certainly alive at the second collection.
globalThis.kept = call();
globalThis.gc();
const after = process.memoryUsage();
// Typed arrays keep their bytes outside the heap: reported apart, the collector does not move them.
process.stdout.write(
  JSON.stringify({
    what,
    lines,
    bytesPerLine: (after.heapUsed - before.heapUsed) / lines,
    outsideHeapBytesPerLine: (after.arrayBuffers - before.arrayBuffers) / lines,
  }),
);
