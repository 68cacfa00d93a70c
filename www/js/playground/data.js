// The points the network learns from: a generated toy data set (from the Rust
// side, seeded) or loaded CSV points, split into training and test sets, plus
// the points a user added by clicking (they join the training set). Also turns
// labels into the targets each loss expects.

import { seededRandom } from '../random.js';
import { classesOf } from './settings.js';

export { seededRandom };

/** Shuffles `items` in place with `random` (Fisher-Yates). */
export function shuffle(items, random) {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

const toTriples = (flat) => {
  const out = [];
  for (let i = 0; i + 2 < flat.length; i += 3) out.push([flat[i], flat[i + 1], flat[i + 2]]);
  return out;
};

/**
 * Builds the data set of settings `s`: {classes, train, test}, each set a list of [x1, x2, label].
 * `custom` holds the CSV points of a custom data set (shuffled by the seed before the split).
 */
export function buildData(wasm, s, custom = []) {
  const classes = classesOf(s);
  let base;
  if (s.data === 'custom') {
    base = shuffle(custom.map((p) => p.slice()), seededRandom(s.seed));
  } else {
    base = toTriples(wasm.toyData(s.data, s.points, s.noise, s.seed));
  }
  const cut = Math.round((base.length * s.ratio) / 100);
  return {
    classes,
    train: [...base.slice(0, cut), ...s.userPoints],
    test: base.slice(cut),
  };
}

/** Pairs x1, x2 of a point list, as the Float32Array the features are computed from. */
export const pairs = (points) => Float32Array.from(points.flatMap(([a, b]) => [a, b]));

/**
 * Targets for the loss: class indices (softmax, multiclass hinge), 0/1 (logistic),
 * -1/+1 (binary hinge and binary squared error), one-hot rows (multiclass squared
 * error), or the value itself (regression).
 */
export function targetsFor(points, loss, classes, outputs) {
  if (classes === 0) return Float32Array.from(points, (p) => p[2]);
  if (outputs === 1) {
    if (loss === 'logistic') return Float32Array.from(points, (p) => p[2]);
    return Float32Array.from(points, (p) => (p[2] > 0 ? 1 : -1));
  }
  if (loss === 'squared') {
    const t = new Float32Array(points.length * outputs);
    points.forEach((p, i) => {
      t[i * outputs + p[2]] = 1;
    });
    return t;
  }
  return Float32Array.from(points, (p) => p[2]);
}

/** The predicted class of each example from its scores (threshold 0 for one output, argmax otherwise). */
export function classify(scores, outputs) {
  const n = scores.length / outputs;
  const labels = new Array(n);
  for (let i = 0; i < n; i++) {
    if (outputs === 1) labels[i] = scores[i] > 0 ? 1 : 0;
    else {
      let best = 0;
      for (let k = 1; k < outputs; k++) if (scores[i * outputs + k] > scores[i * outputs + best]) best = k;
      labels[i] = best;
    }
  }
  return labels;
}
