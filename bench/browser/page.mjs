// In-browser half of the suite: the same measurements as in Node, on the web build of the
// core (wasm-bindgen --target web), inside headless Chromium. bench/browser.mjs calls window.bench.
import init, * as ours from '../../pkg/mlp.js';
import { summarize, percentile, rng, warmUp } from '../lib/stats.mjs';
import { measurePlayground } from '../lib/playground.mjs';
import { timeDrawnDigit } from '../lib/digit.mjs';

await init();

window.bench = async ({ smoke, repeats, warmMs, playgroundConfig, playground, mlpConfig }) => {
  const out = {};
  // ceiling
  const chains = [8, 10, 12, 13];
  const iterations = smoke ? 2e5 : 2e7;
  const samples = Object.fromEntries(chains.map((c) => [c, []]));
  for (const c of chains) warmUp(() => ours.simdPeak(c, 1e5, 1, 0), warmMs / 10);
  for (let r = 0; r < repeats; r++) {
    for (const c of chains) {
      const t0 = performance.now();
      ours.simdPeak(c, iterations, 1, 0);
      samples[c].push(ours.simdPeakFlops(c, iterations) / (performance.now() - t0) / 1e6);
    }
  }
  const byChains = Object.fromEntries(chains.map((c) => [c, summarize(samples[c])]));
  const best = chains.reduce((a, c) => (byChains[c].median > byChains[a].median ? c : a));
  out.ceiling = { gflops: byChains[best], chains: best, byChains };

  // playground frame, ours vs object-per-neuron, interleaved (see lib/playground.mjs)
  const frames = smoke ? 2 : 200;
  out.playground = measurePlayground(ours, { playground, config: playgroundConfig, frames, warmMs });

  // one-image inference (untrained weights: the time does not depend on them)
  const mlp = new ours.Mlp(mlpConfig);
  const img = Float32Array.from({ length: 784 }, rng(5));
  const calls = smoke ? 20 : 3000;
  warmUp(() => mlp.predict(img), warmMs / 5);
  const ms = [];
  for (let i = 0; i < calls; i++) {
    const t0 = performance.now();
    mlp.predict(img);
    ms.push(performance.now() - t0);
  }
  out.inference = { ours: { ms: summarize(ms), p50: percentile(ms, 0.5), p99: percentile(ms, 0.99) } };
  const drawn = timeDrawnDigit(ours, mlp, calls, warmMs / 5);
  if (drawn) out.inference.drawnDigit = { ms: summarize(drawn.ms), p50: percentile(drawn.ms, 0.5), p99: percentile(drawn.ms, 0.99), label: drawn.label, path: drawn.path };
  mlp.free();
  return out;
};
window.benchReady = true;
