// The mutation score of the last `npm run mutation` (StrykerJS), read from its JSON report
// (mutation-testing-report-schema). The bench does not run Stryker itself: a full run takes far
// longer than the bench, so it reports what the last run found and when.
import fs from 'node:fs';

/** Statuses that count towards the score; CompileError, RuntimeError and Ignored do not. */
const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);

/** Mutants by status, detected and undetected, and the score, of some files of a report. */
function scoreOf(entries) {
  const counts = {};
  for (const entry of entries) {
    for (const mutant of entry.mutants ?? []) counts[mutant.status] = (counts[mutant.status] ?? 0) + 1;
  }
  const sum = (statuses) =>
    Object.entries(counts).reduce((n, [status, count]) => n + (statuses.has(status) ? count : 0), 0);
  const detected = sum(DETECTED);
  const undetected = sum(UNDETECTED);
  return { score: detected + undetected > 0 ? detected / (detected + undetected) : NaN, detected, undetected, counts };
}

/**
 * The score of all files, and of each part `npm run mutation` ran (scripts/mutation.mjs records
 * which files each part mutated and when its report was written).
 * @returns {{ missing: string } | { score: number, detected: number, undetected: number, counts: Record<string, number>, files: number, at: string, parts: object[] }}
 */
export function readMutationReport(file) {
  if (!fs.existsSync(file)) return { missing: `${file} not found: run \`npm run mutation\`` };
  const report = JSON.parse(fs.readFileSync(file, 'utf8'));
  const files = report.files ?? {};
  const parts = (report.parts ?? []).map((part) =>
    part.missing
      ? { name: part.name, missing: true }
      : { name: part.name, at: part.at, files: part.files.length, ...scoreOf(part.files.map((f) => files[f] ?? {})) },
  );
  return {
    ...scoreOf(Object.values(files)),
    files: Object.keys(files).length,
    at: fs.statSync(file).mtime.toISOString(),
    parts,
  };
}
