// `npm run mutation`: StrykerJS over server/src/core and client/src/host, in five parts that each
// mutate their own files against the unit tests and write their own report, then one report of all
// of them (reports/mutation/mutation.json, which `npm run bench` reads).
//
// One run over everything at once does not fit a 2-core machine: every mutant reruns each test file
// that reaches it, and a part that fails or is stopped would lose the whole run. Parts:
//   parsers   the host layer's readers of wsl.exe, netsh, ip and /proc output (stryker.parsers.config.mjs)
//   core      value parsing and byte-exact edits (stryker.core.config.mjs)
//   analysis  the rest of server/src/core: parser, analyzer, rules, suggestions (stryker.rest.config.mjs)
//   host      the rest of client/src/host itself (stryker.rest.config.mjs with STRYKER_PART=host)
//   connectivity  client/src/host/connectivity (stryker.rest.config.mjs with STRYKER_PART=connectivity)
//
// `npm run mutation -- analysis host` runs only those parts; the merged report then takes the other
// parts from their last reports, and says when each was written. `npm run mutation -- --merge-only`
// runs none and merges the parts' last reports.
//
// `npm run mutation -- host --files client/src/host/a.ts,client/src/host/b.ts` re-runs only those
// files of one part (analysis, host or connectivity) against all of that part's tests, and puts their
// results into the part's last report in place of the old ones; the report lists each such re-run
// with its files and time (`reruns`). Tests only ever get added, so a file re-run after new tests is
// measured as a full run would measure it; the other files keep their last figures.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { partReportFile, rerunPartName } from '../stryker.config.mjs';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const REPORTS = path.join(REPO_ROOT, 'reports', 'mutation');

export const PARTS = [
  { name: 'parsers', config: 'stryker.parsers.config.mjs', env: {} },
  { name: 'core', config: 'stryker.core.config.mjs', env: {} },
  { name: 'analysis', config: 'stryker.rest.config.mjs', env: { STRYKER_PART: 'analysis' } },
  { name: 'host', config: 'stryker.rest.config.mjs', env: { STRYKER_PART: 'host' } },
  { name: 'connectivity', config: 'stryker.rest.config.mjs', env: { STRYKER_PART: 'connectivity' } },
];

/**
 * One mutation-testing-report-schema report made of the parts' reports: their `files` (each part
 * mutates its own), and which part each came from and when. Test ids are per run, so the parts'
 * `testFiles` are not merged; each part's own HTML report shows them.
 */
export function mergeReports(parts) {
  const merged = { schemaVersion: '2', thresholds: { high: 85, low: 60 }, files: {}, parts: [] };
  for (const part of parts) {
    if (!fs.existsSync(part.file)) {
      merged.parts.push({ name: part.name, missing: true });
      continue;
    }
    const report = JSON.parse(fs.readFileSync(part.file, 'utf8'));
    merged.schemaVersion = report.schemaVersion ?? merged.schemaVersion;
    for (const [file, entry] of Object.entries(report.files ?? {})) {
      if (merged.files[file]) throw new Error(`${file} is mutated by two parts (${part.name} and another)`);
      merged.files[file] = entry;
    }
    merged.parts.push({
      name: part.name,
      at: fs.statSync(part.file).mtime.toISOString(),
      files: Object.keys(report.files ?? {}),
    });
  }
  return merged;
}

const reportOf = (name) => path.join(REPO_ROOT, partReportFile(name));

/** The parts whose config (stryker.rest.config.mjs) can mutate a subset of their files. */
export const PARTS_WITH_FILE_RERUN = ['analysis', 'host', 'connectivity'];

/**
 * The part's report with the files of a re-run in place of their old entries. The re-run's mutant
 * ids are its own, so the replaced entries lose `coveredBy`/`killedBy` (they name tests of the re-run,
 * not of the part's `testFiles`); their statuses are what the score reads.
 */
export function applyRerun(partReport, rerunReport, files, at) {
  const merged = { ...partReport, files: { ...partReport.files } };
  for (const file of files) {
    const entry = rerunReport.files?.[file];
    if (entry === undefined) throw new Error(`the re-run has no results for ${file}`);
    merged.files[file] = {
      ...entry,
      mutants: entry.mutants.map(({ coveredBy: _coveredBy, killedBy: _killedBy, ...mutant }) => mutant),
    };
  }
  merged.reruns = [...(partReport.reruns ?? []), { files: [...files], at }];
  return merged;
}

/** `--files a,b` or `--files=a,b` from the arguments, and the arguments without it. */
export function splitFilesOption(args) {
  const rest = [];
  let files;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--files') files = (args[++i] ?? '').split(',');
    else if (arg.startsWith('--files=')) files = arg.slice('--files='.length).split(',');
    else rest.push(arg);
  }
  return { files: files?.map((file) => file.trim()).filter((file) => file !== ''), rest };
}

/** The files a distro's config code writes as root; a mutant can aim a test's write at the real ones. */
export const GUARDED_DIR = '/etc';
const GUARDED_NAME = /^wsl(-distribution)?\.conf/;

/**
 * The `wsl.conf*` and `wsl-distribution.conf*` files of `dir`, byte for byte, and a function that
 * puts them back as they were: it deletes what appeared and rewrites what changed, and returns the
 * names it repaired. A mutant of distroConfigFile.ts (say, one that drops the test's fake distro
 * root) runs with this machine's real /etc; Stryker runs as the user who started it, root in CI's
 * VM, and a first run of the host part did leave a /etc/wsl.conf behind that changed what the
 * connectivity doctor reported in the UI tests afterwards.
 */
export function guardFiles(dir) {
  const read = () =>
    new Map(
      (fs.existsSync(dir) ? fs.readdirSync(dir) : [])
        .filter((name) => GUARDED_NAME.test(name))
        .map((name) => [name, fs.readFileSync(path.join(dir, name))]),
    );
  const before = read();
  return function restore() {
    const repaired = [];
    for (const [name, bytes] of read()) {
      const original = before.get(name);
      if (original === undefined) fs.rmSync(path.join(dir, name), { force: true });
      else if (!original.equals(bytes)) fs.writeFileSync(path.join(dir, name), original);
      else continue;
      repaired.push(name);
    }
    for (const [name, bytes] of before) {
      if (fs.existsSync(path.join(dir, name))) continue;
      fs.writeFileSync(path.join(dir, name), bytes);
      repaired.push(name);
    }
    return repaired;
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { files, rest: args } = splitFilesOption(process.argv.slice(2));
  const mergeOnly = args.includes('--merge-only');
  const asked = args.filter((arg) => arg !== '--merge-only');
  const unknown = asked.filter((name) => !PARTS.some((part) => part.name === name));
  if (unknown.length > 0) {
    console.error(`unknown part ${unknown.join(', ')}; the parts are ${PARTS.map((part) => part.name).join(', ')}`);
    process.exit(2);
  }
  if (files !== undefined) {
    const part = asked[0];
    if (asked.length !== 1 || !PARTS_WITH_FILE_RERUN.includes(part) || mergeOnly) {
      console.error(`--files needs exactly one of the parts ${PARTS_WITH_FILE_RERUN.join(', ')}`);
      process.exit(2);
    }
    const missing = files.filter((file) => !fs.existsSync(path.join(REPO_ROOT, file)));
    if (files.length === 0 || missing.length > 0) {
      console.error(`--files: ${files.length === 0 ? 'no file named' : `no such file ${missing.join(', ')}`}`);
      process.exit(2);
    }
    if (!fs.existsSync(reportOf(part))) {
      console.error(`--files updates the last report of "${part}", and there is none yet: run the whole part first`);
      process.exit(2);
    }
  }
  const stryker = path.join(REPO_ROOT, 'node_modules', '@stryker-mutator', 'core', 'bin', 'stryker.js');
  let failed = false;
  const toRun = mergeOnly ? [] : PARTS.filter((p) => asked.length === 0 || asked.includes(p.name));
  for (const part of toRun) {
    console.log(`\n== mutation part "${part.name}" (${part.config}) ==`);
    const restore = guardFiles(GUARDED_DIR);
    const run = spawnSync(process.execPath, [stryker, 'run', part.config], {
      cwd: REPO_ROOT,
      stdio: 'inherit',
      env: { ...process.env, ...part.env, ...(files ? { STRYKER_MUTATE_FILES: files.join(',') } : {}) },
    });
    const repaired = restore();
    if (repaired.length > 0)
      console.error(
        `part "${part.name}": a mutant wrote ${repaired.map((n) => `${GUARDED_DIR}/${n}`).join(', ')}; put back as before`,
      );
    if (run.status !== 0) {
      console.error(`part "${part.name}" failed (exit ${run.status ?? run.signal}); the others still run`);
      failed = true;
    } else if (files) {
      const rerunFile = reportOf(rerunPartName(part.name));
      const updated = applyRerun(
        JSON.parse(fs.readFileSync(reportOf(part.name), 'utf8')),
        JSON.parse(fs.readFileSync(rerunFile, 'utf8')),
        files,
        new Date().toISOString(),
      );
      fs.writeFileSync(reportOf(part.name), JSON.stringify(updated));
      fs.rmSync(rerunFile);
      console.log(`part "${part.name}": ${files.length} file(s) re-run and put into ${partReportFile(part.name)}`);
    }
  }
  const merged = mergeReports(PARTS.map((part) => ({ name: part.name, file: reportOf(part.name) })));
  fs.mkdirSync(REPORTS, { recursive: true });
  fs.writeFileSync(path.join(REPORTS, 'mutation.json'), JSON.stringify(merged));
  for (const part of merged.parts)
    console.log(part.missing ? `${part.name}: no report` : `${part.name}: ${part.files.length} files, ${part.at}`);
  process.exit(failed ? 1 : 0);
}
