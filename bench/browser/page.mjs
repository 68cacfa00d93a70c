// In-browser half of the suite: the same measurements as in Node, on the web build of the
// core (wasm-bindgen --target web), inside headless Chromium. bench/browser.mjs calls window.bench.
import init, * as ours from '../../pkg/mlp.js';
import { latencies, rng, timeCalls } from '../lib/stats.mjs';
import { measureCeiling } from '../lib/ceiling.mjs';
import { measurePlayground } from '../lib/playground.mjs';
import { timeDrawnDigit } from '../lib/digit.mjs';

await init();

window.bench = async ({ smoke, repeats, warmMs, playgroundConfig, playground, mlpConfig }) => {
  const out = {};
  out.ceiling = measureCeiling(ours, { iterations: smoke ? 2e5 : 2e7, repeats, warmMs: warmMs / 2.5 });

  // playground frame, ours vs object-per-neuron, interleaved (see lib/playground.mjs)
  const frames = smoke ? 2 : 200;
  out.playground = measurePlayground(ours, { playground, config: playgroundConfig, frames, warmMs });

  // one-image inference (untrained weights: the time does not depend on them)
  const mlp = new ours.Mlp(mlpConfig);
  const img = Float32Array.from({ length: 784 }, rng(5));
  const calls = smoke ? 20 : 3000;
  out.inference = { ours: latencies(timeCalls(() => mlp.predict(img), calls, warmMs / 5)) };
  const drawn = timeDrawnDigit(ours, mlp, calls, warmMs / 5);
  if (drawn) out.inference.drawnDigit = { ...latencies(drawn.ms), label: drawn.label, path: drawn.path };
  mlp.free();
  return out;
};
window.benchReady = true;
