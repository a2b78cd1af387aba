#!/usr/bin/env node
// Measured speed and robustness (`npm run bench`, which builds dist/ and out/ first).
//
//   1. package   production build, `vsce package` -> size of the .vsix and of each bundle; activation
//                in a real VS Code (fresh code-server per run, test/bench/activation.mjs)
//   2. in-proc   the floor (read the file from disk + split lines) next to parse and analyze() (sizes
//                interleaved over passes), and the heap a parse and an analysis keep alive
//   3. LSP       our server and yaml-language-server (the peer), both `node <server> --stdio` under the
//                same Node 24, driven by the same client: cold start, didOpen/didChange -> diagnostics,
//                completion, hover, RSS, on a typical .wslconfig, 1,000 and 100,000 lines (and their
//                YAML twins with a JSON schema made from our catalogue, so the peer validates too)
//   4. ports     readListeningSockets() against the real /proc with 10, 1,000, 10,000 listeners that
//                a child process holds on 127.0.0.1, next to `ss` on the same sockets
//   5. fuzz      100,000 generated inputs: parser/analyzer never throw, spans inside, lossless re-print
//
// Prints one table, writes bench-results/bench-<timestamp>.json and bench-results/latest.json.
// Stops by itself: every phase is bounded in count and time, and a watchdog ends the run.
//
// Environment: BENCH_QUICK=1 (fewer iterations, 10,000 fuzz inputs: a smoke run, not a measurement),
// BENCH_SKIP=peer,package,ports,fuzz,lsp,storm,doctor (comma list), BENCH_FUZZ_RUNS, BENCH_SEED, BENCH_YLS_VERSION.
import { fork, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { PerformanceObserver } from 'node:perf_hooks';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { measureActivation } from './activation.mjs';
import { readMutationReport } from './mutation.mjs';
import { buildDocuments, findingsHeavyDocument, worstCaseWslconfigs } from './inputs.mjs';
import { LspSession, processMemory, serverNodeOptions } from './lsp.mjs';
import { stormStep } from './storm.mjs';
import { benchDoctor } from './doctor.mjs';
import { writeWslconfigSchema } from './peerSchema.mjs';
import { formatBytes, formatMs, formatPair, measure, measureSync, summarize } from './stats.mjs';
import { NODE24_BIN_DIR, REPO_ROOT } from '../vscode/paths.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const BENCH_DIR = path.join(REPO_ROOT, '.cache', 'bench');
const RESULTS_DIR = path.join(REPO_ROOT, 'bench-results');
const QUICK = process.env.BENCH_QUICK === '1';
const SKIP = new Set((process.env.BENCH_SKIP ?? '').split(',').filter(Boolean));
const YLS_VERSION = process.env.BENCH_YLS_VERSION ?? '2.0.0';
const FUZZ_RUNS = Number(process.env.BENCH_FUZZ_RUNS ?? (QUICK ? 10_000 : 100_000));
const FUZZ_TIME_LIMIT_MS = 240_000;
const SEED = Number(process.env.BENCH_SEED ?? Date.now() % 2 ** 31);
/** yaml-language-server waits this long after a change before it validates (validationDelayMs, fixed). */
const PEER_VALIDATION_DELAY_MS = 200;
const DEADLINE_MS = 20 * 60_000;
/** Cold VS Code starts for the activation figures (each takes about 20 s). */
const ACTIVATION_RUNS = 5;
const SOCKET_COUNTS = QUICK ? [10, 1000] : [10, 1000, 10000];
const requireRepo = createRequire(path.join(REPO_ROOT, 'package.json'));

const startedAt = new Date();
const t0 = performance.now();
const cleanups = new Set();
const log = (message) =>
  process.stderr.write(`[bench ${((performance.now() - t0) / 1000).toFixed(0).padStart(4)}s] ${message}\n`);

// ---- watchdog -----------------------------------------------------------------------------------
const watchdog = setTimeout(() => {
  log(`deadline of ${DEADLINE_MS / 60000} min reached, stopping`);
  for (const cleanup of cleanups) {
    try {
      cleanup();
    } catch {
      // best effort
    }
  }
  process.exit(2);
}, DEADLINE_MS);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    for (const cleanup of cleanups) {
      try {
        cleanup();
      } catch {
        // best effort
      }
    }
    process.exit(130);
  });
}

/** Table rows: { area, measure, ours, peer, ratio, goal, pass } (strings; pass: true/false/undefined). */
const rows = [];
const results = { startedAt: startedAt.toISOString(), quick: QUICK, seed: SEED, machine: machineInfo(), notes: [] };
const note = (text) => {
  results.notes.push(text);
  log(`note: ${text}`);
};
const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? a / b : Number.NaN);
const formatRatio = (r) => (Number.isFinite(r) ? `${r < 0.1 ? r.toPrecision(2) : r.toFixed(2)}×` : '-');

function machineInfo() {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    loadAverageAtStart: os.loadavg().map((x) => Number(x.toFixed(2))),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
}

function run(cmd, args, options = {}) {
  const started = performance.now();
  const result = spawnSync(cmd, args, {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: 300_000,
    ...options,
  });
  return { ...result, ms: performance.now() - started, ok: result.status === 0 };
}

// ---- preflight ----------------------------------------------------------------------------------
const OUT = (p) => path.join(REPO_ROOT, 'out', p);
for (const needed of [
  path.join(REPO_ROOT, 'dist', 'server.js'),
  OUT('server/src/core/analyzer.js'),
  OUT('test/fuzz/invariants.js'),
]) {
  if (!fs.existsSync(needed)) {
    console.error(
      `missing ${path.relative(REPO_ROOT, needed)}: run \`npm run bench\` (it builds dist/ and compiles out/ first)`,
    );
    process.exit(1);
  }
}
fs.mkdirSync(BENCH_DIR, { recursive: true });
const NODE24 = path.join(NODE24_BIN_DIR, 'node');
const hasNode24 = fs.existsSync(NODE24);
const serverNode = hasNode24 ? NODE24 : process.execPath;
results.serverNode = hasNode24
  ? `Node ${run(NODE24, ['--version']).stdout.trim()} (${path.relative(REPO_ROOT, NODE24)})`
  : `Node ${process.version} (no Node 24)`;

// ---- 1. package ---------------------------------------------------------------------------------
let serverScript = path.join(REPO_ROOT, 'dist', 'server.js');
async function packageStep() {
  const production = run(process.execPath, ['esbuild.mjs', '--production']);
  if (!production.ok) throw new Error(`production build failed: ${production.stderr}`);
  const vsix = path.join(BENCH_DIR, 'wsl-network.vsix');
  fs.rmSync(vsix, { force: true });
  const packaged = run('npx', ['vsce', 'package', '--no-dependencies', '--allow-missing-repository', '-o', vsix]);
  const bundles = {};
  for (const name of fs
    .readdirSync(path.join(REPO_ROOT, 'dist'))
    .filter((n) => n.endsWith('.js'))
    .sort()) {
    const bytes = fs.readFileSync(path.join(REPO_ROOT, 'dist', name));
    bundles[name] = { bytes: bytes.length, gzip: zlib.gzipSync(bytes, { level: 9 }).length };
  }
  // The LSP measurements run the production server, the one the .vsix ships, from a private copy.
  const copyDir = path.join(BENCH_DIR, 'dist-production');
  fs.rmSync(copyDir, { recursive: true, force: true });
  fs.mkdirSync(copyDir, { recursive: true });
  for (const name of Object.keys(bundles))
    fs.copyFileSync(path.join(REPO_ROOT, 'dist', name), path.join(copyDir, name));
  serverScript = path.join(copyDir, 'server.js');
  // Leave dist/ as `npm run build` made it (with source maps) for tests and development.
  const restore = run(process.execPath, ['esbuild.mjs']);
  if (!restore.ok) note(`could not restore the development build: ${restore.stderr}`);
  results.package = {
    vsix:
      packaged.ok && fs.existsSync(vsix)
        ? { bytes: fs.statSync(vsix).size, packageMs: packaged.ms }
        : { error: (packaged.stderr || packaged.stdout || '').slice(-2000) },
    bundles,
  };
  rows.push({
    area: 'package',
    measure: '.vsix (vsce package --no-dependencies)',
    ours: packaged.ok
      ? formatBytes(results.package.vsix.bytes)
      : `failed: ${(packaged.stderr || '').split('\n').find(Boolean) ?? packaged.status}`,
  });
  for (const [name, size] of Object.entries(bundles))
    rows.push({
      area: 'package',
      measure: `dist/${name} (production)`,
      ours: `${formatBytes(size.bytes)} (gzip ${formatBytes(size.gzip)})`,
    });

  // Extension activation needs a VS Code host; the cheap part is loading the bundle.
  const loads = [];
  for (let i = 0; i < (QUICK ? 3 : 10); i++) {
    const loaded = run(process.execPath, [
      path.join(HERE, 'loadExtension.cjs'),
      path.join(copyDir, 'extension.js'),
      path.join(REPO_ROOT, 'node_modules', '@types', 'vscode', 'index.d.ts'),
    ]);
    try {
      const parsed = JSON.parse(loaded.stdout);
      if (parsed.activate === 'function') loads.push(parsed.ms);
    } catch {
      note(`extension bundle load failed: ${(loaded.stderr || '').split('\n').slice(-3).join(' ')}`);
      break;
    }
  }
  const load = summarize(loads);
  results.package.extensionLoad = load;
  rows.push({
    area: 'package',
    measure: 'extension bundle load (require, vscode stubbed)',
    ours: load.n ? formatPair(load) : 'not measured',
  });

  log('activation: fresh code-server per run');
  const activation = measureActivation(QUICK ? 1 : ACTIVATION_RUNS);
  results.package.activation = activation;
  if (activation.skipped) {
    rows.push({
      area: 'package',
      measure: 'extension activation in VS Code',
      ours: `not measured: ${activation.skipped}`,
    });
    return;
  }
  for (const failure of activation.failures) note(`activation ${failure}`);
  const runs = activation.runs;
  const cell = (field) =>
    runs.length ? `${formatPair(summarize(runs.map((r) => r[field])))} (n=${runs.length})` : 'failed, see notes';
  rows.push({
    area: 'package',
    measure: 'activation in VS Code: commands, status bar, ports view registered',
    ours: cell('cockpitReadyMs'),
  });
  rows.push({
    area: 'package',
    measure: 'activation in VS Code: activate() returns (no language server yet)',
    ours: cell('activateMs'),
  });
  const activateP50 = runs.length ? summarize(runs.map((r) => r.activateMs)).p50 : undefined;
  rows.push({
    area: 'goal',
    measure: 'activate() returns in under 50 ms (p50), without waiting for the language server',
    ours: activateP50 === undefined ? 'failed, see notes' : formatMs(activateP50),
    goal: '< 50 ms',
    pass: activateP50 !== undefined && activateP50 < 50,
  });
  const idle = runs.filter((r) => r.serverProcessesBeforeOpen === 0).length;
  rows.push({
    area: 'goal',
    measure: 'no language server process until a WSL config file opens',
    ours: `${idle} of ${runs.length} runs`,
    goal: 'all runs',
    pass: runs.length > 0 && idle === runs.length,
  });
  rows.push({
    area: 'package',
    measure: 'first .wslconfig opens → language server initialized',
    ours: cell('languageServerStartMs'),
  });
  rows.push({
    area: 'package',
    measure: 'after activation: open .wslconfig → editor shown (workbench)',
    ours: cell('editorShownMs'),
  });
  rows.push({
    area: 'package',
    measure: 'after activation: open .wslconfig → its diagnostics in the editor',
    ours: cell('firstDiagnosticsMs'),
  });
}

// ---- 2. documents and the in-process floor ------------------------------------------------------
const docs = buildDocuments(REPO_ROOT, QUICK ? [1000, 20000] : [1000, 100000]);
const inputsDir = path.join(BENCH_DIR, 'inputs');
fs.mkdirSync(inputsDir, { recursive: true });
for (const doc of docs) {
  const base = doc.name.replace(/[^a-z0-9]+/gi, '-');
  doc.iniFile = path.join(inputsDir, `${base}.wslconfig`);
  doc.yamlFile = path.join(inputsDir, `${base}.yaml`);
  fs.writeFileSync(doc.iniFile, doc.ini);
  fs.writeFileSync(doc.yamlFile, doc.yaml);
}

/** Runs fn per cfg and returns the samples and the milliseconds spent in garbage collection meanwhile. */
async function samplesWithGc(fn, cfg) {
  const gc = [];
  const observer = new PerformanceObserver((list) =>
    gc.push(...list.getEntries().map((e) => ({ start: e.startTime, duration: e.duration }))),
  );
  observer.observe({ entryTypes: ['gc'] });
  const started = performance.now();
  const samples = measureSync(fn, cfg);
  const ended = performance.now();
  await new Promise((resolve) => setTimeout(resolve, 50));
  observer.disconnect();
  const gcMs = gc.filter((e) => e.start >= started && e.start <= ended).reduce((sum, e) => sum + e.duration, 0);
  return { samples, gcMs, wallMs: ended - started };
}

/** Heap one parse and one analysis keep alive, each measured in a fresh process (retainedHeap.mjs). */
function retainedHeap(doc) {
  const heap = {};
  for (const what of ['parse', 'analyze']) {
    const measured = run(process.execPath, [
      '--expose-gc',
      path.join(HERE, 'retainedHeap.mjs'),
      path.join(REPO_ROOT, 'out'),
      doc.iniFile,
      what,
    ]);
    if (!measured.ok) {
      note(`retained heap (${what}), ${doc.name}: ${(measured.stderr || '').split('\n').filter(Boolean).pop()}`);
      return undefined;
    }
    const { bytesPerLine, outsideHeapBytesPerLine } = JSON.parse(measured.stdout);
    heap[what] = bytesPerLine;
    heap[`${what}OutsideHeap`] = outsideHeapBytesPerLine;
  }
  return heap;
}

/** analyze() passes: the sizes take turns, so a change of machine load during the run hits each size alike. */
const ANALYZE_PASSES = QUICK ? 1 : 3;

async function inProcessStep() {
  const { analyze } = requireRepo(OUT('server/src/core/analyzer.js'));
  const { parseConfig } = requireRepo(OUT('server/src/core/parser.js'));
  results.inProcess = {};
  const configFor = (doc) =>
    doc.lines > 10_000
      ? { warmup: 3, iterations: QUICK ? 5 : 25, budgetMs: 20_000, minIterations: 5 }
      : { warmup: 200, iterations: QUICK ? 300 : 2000, budgetMs: 8000 };
  const pooled = new Map(docs.map((doc) => [doc, { samples: [], gcMs: 0, wallMs: 0 }]));
  for (let pass = 0; pass < ANALYZE_PASSES; pass++) {
    for (const doc of docs) {
      const cfg = configFor(doc);
      const measured = await samplesWithGc(() => analyze(doc.ini, 'wslconfig'), {
        ...cfg,
        iterations: Math.ceil(cfg.iterations / ANALYZE_PASSES),
        budgetMs: cfg.budgetMs / ANALYZE_PASSES,
      });
      const into = pooled.get(doc);
      into.samples.push(...measured.samples);
      into.gcMs += measured.gcMs;
      into.wallMs += measured.wallMs;
    }
  }
  for (const doc of docs) {
    const cfg = configFor(doc);
    const floor = summarize(measureSync(() => fs.readFileSync(doc.iniFile, 'utf8').split(/\r\n|\n|\r/), cfg));
    const parse = summarize(measureSync(() => parseConfig(doc.ini, 'windows'), cfg));
    const analysis = analyze(doc.ini, 'wslconfig');
    const { samples, gcMs, wallMs } = pooled.get(doc);
    const full = { ...summarize(samples), gcShare: gcMs / wallMs };
    const byCode = {};
    for (const f of analysis.findings) byCode[f.code] = (byCode[f.code] ?? 0) + 1;
    const retained = doc.name === 'typical' ? undefined : retainedHeap(doc);
    results.inProcess[doc.name] = {
      lines: doc.lines,
      bytes: doc.bytes,
      floor,
      parse,
      analyze: full,
      findings: analysis.findings.length,
      byCode,
      retainedHeapBytesPerLine: retained,
    };
    const label = `${doc.name} (${doc.lines} lines, ${analysis.findings.length} findings)`;
    rows.push({
      area: 'in-process',
      measure: `floor: read from disk + split lines, ${doc.name}`,
      ours: formatPair(floor),
    });
    rows.push({
      area: 'in-process',
      measure: `parseConfig, ${doc.name}`,
      ours: formatPair(parse),
      ratio: `${formatRatio(ratio(parse.p50, floor.p50))} floor`,
    });
    rows.push({
      area: 'in-process',
      measure: `analyze() = parse + validate, ${label}`,
      ours: `${formatPair(full)} (GC ${(full.gcShare * 100).toFixed(0)}%)`,
      ratio: `${formatRatio(ratio(full.p50, floor.p50))} floor`,
    });
    if (retained)
      rows.push({
        area: 'in-process',
        measure: `heap kept alive per line by parseConfig, by analyze(), ${doc.name}`,
        ours: `${retained.parse.toFixed(0)} B, ${retained.analyze.toFixed(0)} B (+ ${retained.analyzeOutsideHeap.toFixed(0)} B in typed arrays)`,
      });
  }
  // Worst cases: files that take the analyzer's rarer paths on every line, each at two sizes ten
  // times apart; per-line cost that grows with the size would mean work growing faster than the file.
  const worstLines = QUICK ? 10_000 : 50_000;
  results.inProcess.worstCases = {};
  const smallWorst = worstCaseWslconfigs(worstLines / 10);
  for (const [i, worst] of worstCaseWslconfigs(worstLines).entries()) {
    const perLine = (text) => {
      const lines = text.replace(/\n$/, '').split('\n').length;
      const measured = summarize(
        measureSync(() => analyze(text, 'wslconfig'), {
          warmup: 1,
          iterations: QUICK ? 3 : 7,
          budgetMs: 20_000,
          minIterations: 3,
        }),
      );
      return { lines, analyze: measured, perLineMs: measured.p50 / lines };
    };
    const small = perLine(smallWorst[i].text);
    const large = perLine(worst.text);
    const growth = large.perLineMs / small.perLineMs;
    results.inProcess.worstCases[worst.name] = { small, large, growth };
    rows.push({
      area: 'in-process',
      measure: `worst case: ${worst.name}, ${large.lines.toLocaleString('en-US')} vs ${small.lines.toLocaleString('en-US')} lines, per line`,
      ours: `${formatMs(large.perLineMs)} vs ${formatMs(small.perLineMs)}`,
      ratio: formatRatio(growth),
      goal: '≤ 1.5×',
      pass: growth <= 1.5,
    });
  }

  const [typical, small, large] = docs.map((d) => results.inProcess[d.name]);
  rows.push({
    area: 'goal',
    measure: 'typical file: parse + validate under 1 ms (in-process analyze() p50)',
    ours: formatMs(typical.analyze.p50),
    goal: '< 1 ms',
    pass: typical.analyze.p50 < 1,
  });
  const perLineSmall = small.analyze.p50 / small.lines;
  const perLineLarge = large.analyze.p50 / large.lines;
  const growth = perLineLarge / perLineSmall;
  results.inProcess.growth = { perLineSmallMs: perLineSmall, perLineLargeMs: perLineLarge, ratio: growth };
  rows.push({
    area: 'goal',
    measure: `linear: in-process analyze() per line, ${docs[2].name} vs ${docs[1].name} (${ANALYZE_PASSES} interleaved passes; results dropped at once)`,
    ours: `${formatMs(perLineLarge)} vs ${formatMs(perLineSmall)} (GC ${(large.analyze.gcShare * 100).toFixed(0)}% vs ${(small.analyze.gcShare * 100).toFixed(0)}%)`,
    ratio: formatRatio(growth),
    goal: '≤ 1.5×',
    pass: growth <= 1.5,
  });
}

// ---- 3. language servers ------------------------------------------------------------------------
async function ensurePeer() {
  if (SKIP.has('peer')) return { skip: 'skipped (BENCH_SKIP=peer)' };
  if (!hasNode24)
    return {
      skip: `Node 24 is absent (${NODE24}); run \`bash scripts/setup-vscode-host.sh\`. yaml-language-server needs Node >= 22.13`,
    };
  const prefix = BENCH_DIR;
  const pkg = path.join(prefix, 'node_modules', 'yaml-language-server', 'package.json');
  const installed = fs.existsSync(pkg) ? JSON.parse(fs.readFileSync(pkg, 'utf8')).version : undefined;
  if (installed !== YLS_VERSION) {
    log(`installing yaml-language-server@${YLS_VERSION} into ${path.relative(REPO_ROOT, prefix)}`);
    const env = { ...process.env, PATH: `${NODE24_BIN_DIR}${path.delimiter}${process.env.PATH}` };
    const result = run(
      'npm',
      [
        'install',
        '--prefix',
        prefix,
        '--no-audit',
        '--no-fund',
        '--no-save',
        '--loglevel=error',
        `yaml-language-server@${YLS_VERSION}`,
      ],
      { env },
    );
    if (!result.ok)
      return { skip: `npm install yaml-language-server@${YLS_VERSION} failed: ${(result.stderr || '').slice(-500)}` };
  }
  const bin = path.join(prefix, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server');
  if (!fs.existsSync(bin)) return { skip: `yaml-language-server binary missing at ${bin}` };
  return { bin, version: YLS_VERSION };
}

function ourSession() {
  return new LspSession({
    name: 'ours',
    node: serverNode,
    // As VS Code's client starts it (SERVER_NODE_OPTIONS); the peer runs as its own package starts it.
    args: [...serverNodeOptions(REPO_ROOT), serverScript, '--stdio'],
    repoRoot: REPO_ROOT,
    languageId: 'wslconfig',
    // Diagnostics as soon as the change is in (the default waits 120 ms for the edits to pause); the
    // peer's 200 ms delay is subtracted in the rows' "w/o delay" ratio instead.
    configuration: (section) => (section === 'wslNetwork' ? { diagnostics: { delayMs: 0 } } : null),
    uriFor: (id) => `file:///bench/${id}/.wslconfig`,
  });
}

let schemaUri;
function peerSession(peer) {
  schemaUri ??= writeWslconfigSchema(REPO_ROOT, path.join(BENCH_DIR, 'wslconfig.schema.json'));
  const yaml = {
    validate: true,
    hover: true,
    completion: true,
    format: { enable: false },
    schemas: { [schemaUri]: '*.yaml' },
    schemaStore: { enable: false },
    maxItemsComputed: 5000,
    yamlVersion: '1.2',
    customTags: [],
  };
  return new LspSession({
    name: 'peer',
    node: NODE24,
    args: [peer.bin, '--stdio'],
    repoRoot: REPO_ROOT,
    languageId: 'yaml',
    configuration: (section) =>
      section === 'yaml'
        ? yaml
        : section === 'http'
          ? { proxy: '', proxyStrictSSL: false }
          : section === 'editor'
            ? { tabSize: 2, detectIndentation: false }
            : section === '[yaml]'
              ? {}
              : null,
    uriFor: (id) => `file:///bench/${id}/wslconfig.yaml`,
  });
}

const textOf = (session, doc) => (session.name === 'peer' ? doc.yaml : doc.ini);
const positionsOf = (session, doc) => (session.name === 'peer' ? doc.positions.yaml : doc.positions.ini);

/** Sessions that failed (crashed, timed out); they are left out of later measurements. */
const failedSessions = new Set();

/**
 * Samples each session in turn (round robin), so both see the same machine load. A session whose
 * sample fails is dropped (noted), the others go on.
 */
async function interleaved(allSessions, sample, cfg) {
  const sessions = allSessions.filter((s) => !failedSessions.has(s));
  const out = new Map(sessions.map((s) => [s, []]));
  const spent = new Map(sessions.map((s) => [s, 0]));
  const attempt = async (s) => {
    try {
      return await sample(s);
    } catch (error) {
      failedSessions.add(s);
      note(`${s.name} server failed and is left out from here on: ${error && error.message ? error.message : error}`);
      return undefined;
    }
  };
  for (const s of sessions) for (let i = 0; i < (cfg.warmup ?? 0) && !failedSessions.has(s); i++) await attempt(s);
  for (let progress = true; progress;) {
    progress = false;
    for (const s of sessions) {
      const samples = out.get(s);
      const min = cfg.minIterations ?? 3;
      if (
        failedSessions.has(s) ||
        samples.length >= cfg.iterations ||
        (samples.length >= min && spent.get(s) >= cfg.budgetMs)
      )
        continue;
      const started = performance.now();
      const value = await attempt(s);
      if (value === undefined) continue;
      samples.push(value);
      spent.set(s, spent.get(s) + performance.now() - started);
      progress = true;
    }
  }
  return Object.fromEntries(allSessions.map((s) => [s.name, summarize(out.get(s) ?? [])]));
}

function track(session) {
  const cleanup = () => session.child.kill('SIGKILL');
  cleanups.add(cleanup);
  return async () => {
    await session.dispose();
    cleanups.delete(cleanup);
  };
}

async function lspStep() {
  // Besides the generated files, the findings-heavy one of the payload case (issue 14's comparison).
  const lspDocs = [...docs, findingsHeavyDocument()];
  const peer = await ensurePeer();
  if (peer.skip) note(`peer not measured: ${peer.skip}`);
  results.peer = peer.skip ? { skipped: peer.skip } : { name: 'yaml-language-server', version: peer.version };
  const factories = [ourSession, ...(peer.skip ? [] : [() => peerSession(peer)])];
  const lsp = (results.lsp = {});

  // Cold start: spawn -> initialize -> didOpen(typical) -> first diagnostics, a fresh process each time.
  const coldInit = new Map();
  const coldDiag = new Map();
  const coldRss = new Map();
  for (let round = 0; round < (QUICK ? 2 : 6); round++) {
    for (const make of [...factories]) {
      const session = make();
      const dispose = track(session);
      let init;
      let diag;
      let rss;
      try {
        await session.initialize();
        init = session.initializedAt - session.spawnedAt;
        await session.open(session.options.uriFor('cold'), textOf(session, docs[0]));
        diag = performance.now() - session.spawnedAt;
        rss = session.memory().rss;
      } catch (error) {
        await dispose();
        if (session.name === 'ours') throw error;
        note(`peer failed to start and is left out: ${error && error.message ? error.message : error}`);
        factories.splice(factories.indexOf(make), 1);
        continue;
      }
      await dispose();
      if (round === 0) continue; // the first round warms the disk cache
      for (const [map, value] of [
        [coldInit, init],
        [coldDiag, diag],
        [coldRss, rss],
      ])
        map.set(session.name, [...(map.get(session.name) ?? []), value]);
    }
  }
  lsp.coldStart = Object.fromEntries(
    [...coldInit.keys()].map((name) => [
      name,
      {
        initialize: summarize(coldInit.get(name)),
        firstDiagnostics: summarize(coldDiag.get(name)),
        rss: summarize(coldRss.get(name)),
      },
    ]),
  );

  // One long-lived process per server for the rest.
  const sessions = [];
  const disposers = new Map();
  for (const make of factories) {
    const session = make();
    disposers.set(session, track(session));
    await session.initialize();
    sessions.push(session);
  }
  const idleRss = Object.fromEntries(sessions.map((s) => [s.name, s.memory().rss]));
  // Warm up: open and close the typical file a few times, and check that the peer uses the schema.
  let counter = 0;
  for (const s of sessions) {
    for (let i = 0; i < (s.name === 'peer' ? 5 : 30); i++) {
      const uri = s.options.uriFor(`warm-${counter++}`);
      await s.open(uri, textOf(s, docs[0]));
      await s.close(uri);
    }
  }
  // Resident documents: the three sizes stay open; memory is read once they are analyzed.
  for (const doc of lspDocs) {
    for (const s of sessions) {
      doc.resident ??= {};
      doc.resident[s.name] = s.options.uriFor(`resident-${doc.name.replace(/\W+/g, '-')}`);
      const { count } = await s.open(doc.resident[s.name], textOf(s, doc));
      (lsp.diagnosticCounts ??= {})[`${s.name} ${doc.name}`] = count;
    }
  }
  await new Promise((r) => setTimeout(r, 500));
  const openRss = Object.fromEntries(sessions.map((s) => [s.name, s.memory()]));
  const peerSession_ = sessions.find((s) => s.name === 'peer');
  if (peerSession_) {
    const hover = await peerSession_.timedRequest('textDocument/hover', {
      textDocument: { uri: docs[0].resident.peer },
      position: docs[0].positions.yaml.hover,
    });
    results.peer.schemaApplied = Boolean(hover.result);
    if (!hover.result) note('the peer returned no hover on a schema key: its schema association did not apply');
  }

  lsp.documents = {};
  for (const doc of lspDocs) {
    const big = doc.lines > 10_000;
    const cfg = big
      ? { warmup: 1, iterations: QUICK ? 3 : 12, budgetMs: QUICK ? 5000 : 20_000, minIterations: 3 }
      : { warmup: 3, iterations: QUICK ? 40 : 200, budgetMs: QUICK ? 3000 : 10_000, minIterations: 5 };
    const requestCfg = big
      ? { ...cfg, iterations: QUICK ? 5 : 40, budgetMs: QUICK ? 3000 : 10_000 }
      : { ...cfg, budgetMs: QUICK ? 2000 : 6000 };
    log(`LSP ${doc.name}: didOpen`);
    const open = await interleaved(
      sessions,
      async (s) => {
        const uri = s.options.uriFor(`open-${counter++}`);
        const { ms } = await s.open(uri, textOf(s, doc));
        await s.close(uri);
        return ms;
      },
      cfg,
    );
    log(`LSP ${doc.name}: didChange`);
    const flip = new Map();
    const change = await interleaved(
      sessions,
      async (s) => {
        const at = positionsOf(s, doc).change;
        // The key's first letter and an `x` in turn: every version has new diagnostics (one unknown
        // key more or less, in any section, repeated or not), which both servers then send. A value
        // changed to another valid value leaves the findings as they were, and our server sends
        // nothing when nothing changed.
        const other = 'x';
        const next = flip.get(s) === other ? at.original : other;
        flip.set(s, next);
        return s.change(doc.resident[s.name], { line: at.line, character: at.character }, next);
      },
      cfg,
    );
    // Hover and completion below are on that key: put its letter back.
    for (const s of sessions) {
      const at = positionsOf(s, doc).change;
      if (flip.get(s) === 'x')
        await s.change(doc.resident[s.name], { line: at.line, character: at.character }, at.original);
    }
    log(`LSP ${doc.name}: completion and hover`);
    const request = (method, key) => async (s) =>
      (
        await s.timedRequest(method, {
          textDocument: { uri: doc.resident[s.name] },
          position: positionsOf(s, doc)[key],
        })
      ).ms;
    const completion = await interleaved(sessions, request('textDocument/completion', 'completion'), requestCfg);
    const hover = await interleaved(sessions, request('textDocument/hover', 'hover'), requestCfg);
    lsp.documents[doc.name] = { lines: doc.lines, open, change, completion, hover };
  }
  const endMemory = Object.fromEntries(sessions.map((s) => [s.name, s.memory()]));
  lsp.memory = { idleRss, openRss, endMemory };
  for (const s of sessions) await disposers.get(s)();

  // Rows.
  const peerOn = !peer.skip && factories.length > 1;
  const lspRow = (
    measureName,
    ours,
    theirs,
    { diagnostics = false, format = formatPair, value = (x) => x?.p50 } = {},
  ) => {
    const r = ratio(value(ours), value(theirs));
    const adjusted = diagnostics && theirs ? ratio(value(ours), value(theirs) - PEER_VALIDATION_DELAY_MS) : r;
    rows.push({
      area: 'LSP',
      measure: measureName,
      ours: format(ours),
      peer: peerOn ? format(theirs) : 'skipped',
      ratio: peerOn ? (diagnostics ? `${formatRatio(r)} (${formatRatio(adjusted)} w/o delay)` : formatRatio(r)) : '-',
      goal: peerOn ? '< 1× peer' : undefined,
      pass: peerOn && Number.isFinite(adjusted) ? adjusted < 1 : undefined,
    });
  };
  const cold = lsp.coldStart;
  lspRow('cold start: spawn → initialize result', cold.ours.initialize, cold.peer?.initialize);
  lspRow('cold start: spawn → first diagnostics (typical)', cold.ours.firstDiagnostics, cold.peer?.firstDiagnostics, {
    diagnostics: true,
  });
  for (const doc of lspDocs) {
    const d = lsp.documents[doc.name];
    lspRow(`didOpen → diagnostics, ${doc.name}`, d.open.ours, d.open.peer, { diagnostics: true });
    lspRow(`didChange → diagnostics, ${doc.name}`, d.change.ours, d.change.peer, { diagnostics: true });
    lspRow(`completion, ${doc.name}`, d.completion.ours, d.completion.peer);
    lspRow(`hover, ${doc.name}`, d.hover.ours, d.hover.peer);
  }
  const rssFormat = (m) => (m ? formatBytes(m.rss) : '-');
  lspRow('RSS after initialize', { rss: idleRss.ours }, peerOn ? { rss: idleRss.peer } : undefined, {
    format: rssFormat,
    value: (m) => m?.rss,
  });
  lspRow(`RSS with the ${lspDocs.length} documents open`, openRss.ours, openRss.peer, {
    format: rssFormat,
    value: (m) => m?.rss,
  });
  lspRow('peak RSS (VmHWM) at the end', { rss: endMemory.ours.hwm }, peerOn ? { rss: endMemory.peer.hwm } : undefined, {
    format: rssFormat,
    value: (m) => m?.rss,
  });
  // The typical file through the whole round trip: what a user waits for after opening or typing.
  for (const [what, key] of [
    ['didOpen', 'open'],
    ['didChange', 'change'],
  ]) {
    const measured = lsp.documents[docs[0].name][key].ours;
    rows.push({
      area: 'goal',
      measure: `typical file over LSP: ${what} → diagnostics under 1 ms (p50)`,
      ours: formatMs(measured.p50),
      goal: '< 1 ms',
      pass: measured.p50 < 1,
    });
  }
  // Linear growth through the whole LSP round trip (next to the in-process goal).
  const [, small, large] = docs.map((doc) => lsp.documents[doc.name].open.ours);
  const growth = large.p50 / docs[2].lines / (small.p50 / docs[1].lines);
  rows.push({
    area: 'goal',
    measure: `linear: LSP didOpen → diagnostics per line, ${docs[2].name} vs ${docs[1].name}`,
    ours: `${formatMs(large.p50 / docs[2].lines)} vs ${formatMs(small.p50 / docs[1].lines)}`,
    ratio: formatRatio(growth),
    goal: '≤ 1.5×',
    pass: growth <= 1.5,
  });
}

// ---- 4. listening sockets -----------------------------------------------------------------------
async function portsStep() {
  const { readListeningSockets } = requireRepo(OUT('client/src/host/listeningSockets.js'));
  const child = fork(path.join(HERE, 'listeners.mjs'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const kill = () => child.kill('SIGKILL');
  cleanups.add(kill);
  const reply = () =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('listener child did not answer in 120 s')), 120_000);
      child.once('message', (m) => (clearTimeout(timer), m.error ? reject(new Error(m.error)) : resolve(m)));
    });
  await reply(); // ready
  results.ports = { counts: {} };
  let open = 0;
  const ss = (args) => () => {
    const r = spawnSync('ss', args, { stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 256 * 1024 * 1024 });
    if (r.status !== 0) throw new Error(`ss ${args.join(' ')} exited with ${r.status}`);
  };
  const haveSs = spawnSync('ss', ['-V'], { stdio: 'ignore' }).status === 0;
  if (!haveSs) note('ss is not installed: the ss columns are empty');
  try {
    for (const target of SOCKET_COUNTS) {
      await new Promise((r) => setImmediate(r));
      child.send({ open: target - open });
      open = (await reply()).listening;
      await new Promise((r) => setTimeout(r, 300));
      const ours = readListeningSockets({ tcpOnly: true, withOwners: false }).filter(
        (s) => s.address === '127.0.0.1',
      ).length;
      const big = target >= 10_000;
      const cfg = {
        warmup: 3,
        iterations: big ? (QUICK ? 5 : 20) : target >= 1000 ? 60 : 150,
        budgetMs: big ? 15_000 : 4000,
        minIterations: 5,
      };
      const entry = {
        listenersOpen: open,
        tcpListenersSeenOn127: ours,
        tcpLight: summarize(measureSync(() => readListeningSockets({ tcpOnly: true, withOwners: false }), cfg)),
        ssLtn: haveSs ? summarize(measureSync(ss(['-ltn']), cfg)) : undefined,
        full: summarize(measureSync(() => readListeningSockets(), cfg)),
        ssLtunp: haveSs ? summarize(measureSync(ss(['-ltunp']), cfg)) : undefined,
      };
      results.ports.counts[target] = entry;
      rows.push({
        area: 'ports',
        measure: `${target} listeners: readListeningSockets TCP, no owners | ss -ltn`,
        ours: formatPair(entry.tcpLight),
        peer: formatPair(entry.ssLtn),
        ratio: formatRatio(ratio(entry.tcpLight.p50, entry.ssLtn?.p50)),
      });
      rows.push({
        area: 'ports',
        measure: `${target} listeners: readListeningSockets() TCP+UDP+owners | ss -ltunp`,
        ours: formatPair(entry.full),
        peer: formatPair(entry.ssLtunp),
        ratio: formatRatio(ratio(entry.full.p50, entry.ssLtunp?.p50)),
      });
      log(`ports: ${open} listeners measured`);
    }
  } finally {
    child.send({ close: true });
    await Promise.race([new Promise((r) => child.once('exit', r)), new Promise((r) => setTimeout(r, 10_000))]);
    kill();
    cleanups.delete(kill);
  }
  const [small, large] = [SOCKET_COUNTS.at(-2), SOCKET_COUNTS.at(-1)];
  for (const [key, label] of [
    ['tcpLight', 'TCP, no owners'],
    ['full', 'TCP+UDP+owners'],
  ]) {
    const a = results.ports.counts[small][key].p50 / small;
    const b = results.ports.counts[large][key].p50 / large;
    rows.push({
      area: 'goal',
      measure: `linear: readListeningSockets ${label} per socket, ${large} vs ${small}`,
      ours: `${formatMs(b)} vs ${formatMs(a)}`,
      ratio: formatRatio(b / a),
      goal: '≤ 1.5×',
      pass: b / a <= 1.5,
    });
  }
}

// ---- 5. fuzz ------------------------------------------------------------------------------------
function fuzzStep() {
  const fc = requireRepo('fast-check');
  const { anyConfigText } = requireRepo(OUT('test/fuzz/configArbitraries.js'));
  const { checkAnalysis, checkParseRoundTrip } = requireRepo(OUT('test/fuzz/invariants.js'));
  let inputs = 0;
  let withOther = 0;
  let chars = 0;
  const started = performance.now();
  const details = fc.check(
    fc.property(anyConfigText, (text) => {
      inputs++;
      chars += text.length;
      if (checkParseRoundTrip(text).otherTokens > 0) withOther++;
      checkAnalysis(text);
    }),
    {
      numRuns: FUZZ_RUNS,
      seed: SEED,
      interruptAfterTimeLimit: FUZZ_TIME_LIMIT_MS,
      markInterruptAsFailure: false,
      endOnFailure: true,
    },
  );
  const ms = performance.now() - started;
  results.fuzz = {
    requested: FUZZ_RUNS,
    passed: details.numRuns,
    executed: inputs,
    failed: details.failed,
    interrupted: details.interrupted,
    seed: SEED,
    ms,
    averageInputChars: inputs ? chars / inputs : 0,
    inputsWithOtherTokens: withOther,
    counterexample: details.failed ? JSON.stringify(details.counterexample?.[0]) : undefined,
    error: details.failed ? String(details.errorInstance?.message ?? details.error).slice(0, 2000) : undefined,
  };
  const ok = !details.failed && details.numRuns >= FUZZ_RUNS;
  rows.push({
    area: 'fuzz',
    measure: `generated inputs × (2 parse modes: no throw, spans, lossless re-print; 3 file kinds: analyze, finding spans), seed ${SEED}`,
    ours: `${details.numRuns.toLocaleString('en-US')} passed in ${formatMs(ms)}${details.failed ? ', FAILED' : ''}${details.interrupted ? ' (time limit)' : ''}`,
    goal: `≥ ${FUZZ_RUNS.toLocaleString('en-US')}, 0 failures`,
    pass: ok,
  });
  if (withOther)
    rows.push({
      area: 'fuzz',
      measure: "inputs with an 'other' token (a bare '#' comment: parser gives it an empty span)",
      ours: `${withOther.toLocaleString('en-US')}`,
    });
  if (details.failed)
    note(`fuzz failure (seed ${SEED}): ${results.fuzz.error}\ncounterexample: ${results.fuzz.counterexample}`);
}

// ---- 6. mutation score (of the last `npm run mutation`) ------------------------------------------
function mutationStep() {
  const report = readMutationReport(path.join(REPO_ROOT, 'reports', 'mutation', 'mutation.json'));
  results.mutation = report;
  if ('missing' in report) {
    rows.push({
      area: 'mutation',
      measure: 'StrykerJS mutation score (server/src/core, client/src/host)',
      ours: `not run: ${report.missing}`,
    });
    return;
  }
  const statuses = Object.entries(report.counts)
    .map(([status, n]) => `${n} ${status}`)
    .join(', ');
  rows.push({
    area: 'mutation',
    measure: `StrykerJS mutation score, last run ${report.at} (${report.files} files: ${statuses})`,
    ours: `${(report.score * 100).toFixed(1)}%`,
    goal: '≥ 85%',
    pass: report.score >= 0.85,
  });
  for (const part of report.parts)
    rows.push({
      area: 'mutation',
      measure: part.missing
        ? `part "${part.name}": no report`
        : `part "${part.name}", ${part.at} (${part.files} files, ${part.detected + part.undetected} mutants counted)`,
      ours: part.missing ? 'not run' : `${(part.score * 100).toFixed(1)}%`,
    });
}

// ---- table --------------------------------------------------------------------------------------
function printTable() {
  const headers = ['area', 'measure', 'ours', 'peer / ss', 'ratio (to peer / ss / floor)', 'goal', 'pass'];
  const cells = rows.map((r) => [
    r.area,
    r.measure,
    r.ours ?? '',
    r.peer ?? '',
    r.ratio ?? '',
    r.goal ?? '',
    r.pass === undefined ? '' : r.pass ? 'PASS' : 'FAIL',
  ]);
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c) => `| ${c.map((x, i) => x.padEnd(widths[i])).join(' | ')} |`;
  const out = [line(headers), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)];
  return out.join('\n');
}

// ---- main ---------------------------------------------------------------------------------------
async function step(name, fn) {
  if (SKIP.has(name)) {
    note(`${name}: skipped (BENCH_SKIP)`);
    return;
  }
  const started = performance.now();
  log(`${name} ...`);
  try {
    await fn();
  } catch (error) {
    note(`${name} failed: ${error && error.stack ? error.stack : error}`);
    rows.push({
      area: name,
      measure: 'FAILED',
      ours: String(error && error.message ? error.message : error).slice(0, 200),
      pass: false,
    });
  }
  (results.phaseSeconds ??= {})[name] = Number(((performance.now() - started) / 1000).toFixed(1));
}

await step('package', packageStep);
await step('in-process', inProcessStep);
await step('lsp', lspStep);
await step('storm', () => stormStep({ repoRoot: REPO_ROOT, node: process.execPath, rows, results }));
await step('doctor', async () => {
  // The connectivity doctor on 127.0.0.1: a healthy network, and one where every probe times out.
  const doctor = (results.doctor = await benchDoctor({ runs: 3 }));
  const worst = Math.max(...doctor.allTimeoutMs);
  rows.push({
    area: 'doctor',
    measure: 'Check Connectivity, healthy network (3 runs, slowest)',
    ours: `${Math.max(...doctor.healthyMs)} ms`,
  });
  rows.push({
    area: 'doctor',
    measure: `Check Connectivity, every probe times out (goal < ${doctor.budgetMs / 1000} s)`,
    ours: `${worst} ms`,
    pass: doctor.withinBudget,
  });
});
await step('ports', portsStep);
await step('fuzz', fuzzStep);
await step('mutation', mutationStep);

results.machine.loadAverageAtEnd = os.loadavg().map((x) => Number(x.toFixed(2)));
results.totalSeconds = Number(((performance.now() - t0) / 1000).toFixed(1));
results.rows = rows;
results.table = printTable();
const header = [
  `WSL Network bench — ${startedAt.toISOString()}${QUICK ? ' (QUICK: smoke run, not a measurement)' : ''}`,
  `machine: ${results.machine.cpus} × ${results.machine.cpuModel}, load ${results.machine.loadAverageAtStart.join(' ')} → ${results.machine.loadAverageAtEnd.join(' ')}; bench on Node ${process.version}; servers on ${results.serverNode}`,
  !results.peer
    ? 'peer: not measured (LSP phase skipped)'
    : `peer: ${results.peer.skipped ? `not measured: ${results.peer.skipped}` : `yaml-language-server ${results.peer.version} (stdio, JSON schema from our catalogue${results.peer.schemaApplied === false ? ' NOT applied' : ''}); it validates ${PEER_VALIDATION_DELAY_MS} ms after a change, so diagnostics ratios are also given against the peer minus that delay`}`,
  'cells are p50 / p99 unless one value; LSP figures are measured by the client over stdio (request/notification sent → answer/diagnostics received)',
];
console.log(`\n${header.join('\n')}\n\n${results.table}\n`);
if (results.notes.length) console.log(`notes:\n${results.notes.map((n) => `- ${n}`).join('\n')}\n`);
fs.mkdirSync(RESULTS_DIR, { recursive: true });
const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
const file = path.join(RESULTS_DIR, `bench-${stamp}.json`);
fs.writeFileSync(file, JSON.stringify(results, null, 2));
fs.writeFileSync(path.join(RESULTS_DIR, 'latest.json'), JSON.stringify(results, null, 2));
console.log(`wrote ${path.relative(REPO_ROOT, file)} and bench-results/latest.json (${results.totalSeconds} s)`);
clearTimeout(watchdog);
process.exit(0);
