// Part 4 of the suite, shared by Node (suite.mjs) and Chromium (browser/page.mjs): the playground
// frame of ours (PlaygroundBench: one epoch, then every neuron's heatmap) against the
// object-per-neuron peer, interleaved frame by frame and timed in the frame's two halves.
import { summarize, rng, warmUp } from './stats.mjs';
import * as objects from '../peers/playground_objects.mjs';

/**
 * `ours` is the wasm-bindgen module; `playground` the points and sizes, `config` our network.
 * Both sides first warm up for `warmMs` on throwaway copies (so the measured networks start from
 * the same state), then run `frames` frames each. Returns medians and spreads, the per-frame
 * speed-up, the halves (epoch, heatmaps) and the last losses.
 */
export function measurePlayground(ours, { playground, config, frames, warmMs }) {
  const xs = Float32Array.from(playground.points.flatMap((p) => [p.x1, p.x2]));
  const ts = Float32Array.from(playground.points.map((p) => p.label));
  const make = () => new ours.PlaygroundBench(config, xs, ts, playground.batch, playground.n);
  const maps = Array.from({ length: 33 }, () => new Float32Array(playground.n * playground.n));
  const peer = {
    epoch: (net) => objects.epoch(net, playground.points, playground.batch, playground.lr),
    heatmaps: (net) => objects.heatmaps(net, playground.n, maps),
  };
  {
    const warm = make();
    warmUp(() => warm.frame(), warmMs);
    warm.free();
    const warmNet = objects.buildNetwork(playground.shape, rng(3));
    warmUp(() => { peer.epoch(warmNet); peer.heatmaps(warmNet); }, warmMs);
  }
  const pg = make();
  const net = objects.buildNetwork(playground.shape, rng(3));
  const t = { ours: [], objects: [], oursEpoch: [], oursMaps: [], objectsEpoch: [], objectsMaps: [] };
  const lastLoss = {};
  for (let f = 0; f < frames; f++) {
    const t0 = performance.now();
    lastLoss.ours = pg.epoch();
    const t1 = performance.now();
    pg.maps();
    const t2 = performance.now();
    lastLoss.objects = peer.epoch(net);
    const t3 = performance.now();
    peer.heatmaps(net);
    const t4 = performance.now();
    t.ours.push(t2 - t0);
    t.oursEpoch.push(t1 - t0);
    t.oursMaps.push(t2 - t1);
    t.objects.push(t4 - t2);
    t.objectsEpoch.push(t3 - t2);
    t.objectsMaps.push(t4 - t3);
  }
  const view = pg.mapsView();
  const finite = view.length === 33 * playground.n ** 2 && view.every(Number.isFinite);
  pg.free();
  if (!finite) throw new Error('the heatmaps of our playground frame are not 33 maps of finite numbers');
  return {
    ours: summarize(t.ours),
    objects: summarize(t.objects),
    speedup: summarize(t.objects.map((b, i) => b / t.ours[i])),
    parts: Object.fromEntries(['oursEpoch', 'oursMaps', 'objectsEpoch', 'objectsMaps'].map((k) => [k, summarize(t[k])])),
    lastLoss,
  };
}
