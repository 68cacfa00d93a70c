// Part 1 of the suite, shared by Node (suite.mjs) and Chromium (browser/page.mjs): the simd128
// ceiling, a register-resident multiply-add loop (`simdPeak`) with independent chains.
import { summarize, warmUp } from './stats.mjs';

const CHAINS = [8, 10, 12, 13];

/**
 * GFLOP/s of `simdPeak` for each chain count over `repeats` rounds of `iterations` (after a
 * warm-up of `warmMs` in all); the ceiling is the chain count with the best median.
 */
export function measureCeiling(ours, { iterations, repeats, warmMs }) {
  for (const c of CHAINS) warmUp(() => ours.simdPeak(c, 1e5, 1, 0), warmMs / CHAINS.length);
  const samples = Object.fromEntries(CHAINS.map((c) => [c, []]));
  for (let r = 0; r < repeats; r++) {
    for (const c of CHAINS) {
      const t0 = performance.now();
      ours.simdPeak(c, iterations, 1, 0);
      samples[c].push(ours.simdPeakFlops(c, iterations) / (performance.now() - t0) / 1e6);
    }
  }
  const byChains = Object.fromEntries(CHAINS.map((c) => [c, summarize(samples[c])]));
  const best = CHAINS.reduce((a, c) => (byChains[c].median > byChains[a].median ? c : a));
  return { gflops: byChains[best], chains: best, byChains };
}
