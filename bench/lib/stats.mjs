// Summaries of repeated measurements: median and spread, never a single number.

/** Median, min, max, 10th and 90th percentile (nearest rank) and count of `values`. */
export function summarize(values) {
  const v = [...values].filter(Number.isFinite).sort((a, b) => a - b);
  if (v.length === 0) return { median: NaN, min: NaN, max: NaN, p10: NaN, p90: NaN, n: 0 };
  const q = (p) => v[Math.min(v.length - 1, Math.max(0, Math.ceil(p * v.length) - 1))];
  const mid = v.length >> 1;
  const median = v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
  return { median, min: v[0], max: v[v.length - 1], p10: q(0.1), p90: q(0.9), n: v.length };
}

/** Percentile `p` (0..1, nearest rank) of `values`. */
export function percentile(values, p) {
  const v = [...values].sort((a, b) => a - b);
  return v[Math.min(v.length - 1, Math.max(0, Math.ceil(p * v.length) - 1))];
}

/**
 * Warm-up before measuring: calls `fn` until `ms` milliseconds have passed (at least once), so
 * every implementation is timed in its steady state (wasm engines compile a function first with
 * a fast baseline compiler and only later, once it is hot, with the optimizing one; JS JITs
 * likewise). Returns the number of calls.
 */
export function warmUp(fn, ms) {
  const start = performance.now();
  let calls = 0;
  do {
    fn();
    calls++;
  } while (performance.now() - start < ms);
  return calls;
}

/** The times of `calls` calls of `fn` (ms each), after a warm-up of `warmMs` (see warmUp). */
export function timeCalls(fn, calls, warmMs) {
  warmUp(fn, warmMs);
  const ms = [];
  for (let i = 0; i < calls; i++) {
    const t0 = performance.now();
    fn();
    ms.push(performance.now() - t0);
  }
  return ms;
}

/** Latencies `ms` as the suite reports them: their summary with p50 and p99. */
export function latencies(ms) {
  return { ms: summarize(ms), p50: percentile(ms, 0.5), p99: percentile(ms, 0.99) };
}

export { seededRandom as rng } from '../../www/js/random.js';
