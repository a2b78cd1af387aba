// Small statistics helpers for the benchmark: nearest-rank percentiles over collected samples.

/** Nearest-rank percentile (p in 0..100) of numbers; NaN for no samples. */
export function percentile(samples, p) {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1];
}

/** n, p50, p99, min, max, mean of a list of milliseconds. */
export function summarize(samples) {
  const n = samples.length;
  if (n === 0) return { n: 0, p50: Number.NaN, p99: Number.NaN, min: Number.NaN, max: Number.NaN, mean: Number.NaN };
  return {
    n,
    p50: percentile(samples, 50),
    p99: percentile(samples, 99),
    min: Math.min(...samples),
    max: Math.max(...samples),
    mean: samples.reduce((a, b) => a + b, 0) / n,
  };
}

/** Milliseconds with a unit that keeps 3 significant digits: µs below 1 ms, s above 10 s. */
export function formatMs(ms) {
  if (ms === undefined || ms === null || Number.isNaN(ms)) return '-';
  if (ms < 1) return `${(ms * 1000).toPrecision(3)} µs`;
  if (ms < 999.5) return `${ms.toPrecision(3)} ms`;
  return `${(ms / 1000).toPrecision(3)} s`;
}

export function formatBytes(bytes) {
  if (bytes === undefined || bytes === null || Number.isNaN(bytes)) return '-';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** p50 / p99 as one cell. */
export function formatPair(summary) {
  if (!summary || summary.n === 0) return '-';
  return `${formatMs(summary.p50)} / ${formatMs(summary.p99)}`;
}

/**
 * Runs `sample()` (which returns milliseconds) after `warmup` discarded runs, until `iterations`
 * samples or `budgetMs` of sampling time, whichever comes first, but at least `minIterations`.
 */
export async function measure(sample, { warmup = 0, iterations, budgetMs, minIterations = 3 }) {
  for (let i = 0; i < warmup; i++) await sample(i, true);
  const samples = [];
  const start = performance.now();
  while (samples.length < iterations && (samples.length < minIterations || performance.now() - start < budgetMs)) {
    samples.push(await sample(samples.length, false));
  }
  return samples;
}

/** Same, synchronous, for in-process functions: returns milliseconds per call. */
export function measureSync(fn, { warmup = 0, iterations, budgetMs, minIterations = 3 }) {
  for (let i = 0; i < warmup; i++) fn();
  const samples = [];
  const start = performance.now();
  while (samples.length < iterations && (samples.length < minIterations || performance.now() - start < budgetMs)) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  return samples;
}
