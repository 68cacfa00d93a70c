// Every setting of the playground, read from and written to the URL hash, so a
// shared link reproduces a run exactly (seed and user-added points included).
// Reading is forgiving: a bad value falls back to its default with a note.

import { reader } from '../state/hash.js';

export const DATASETS = [
  { name: 'xor', title: 'XOR', classes: 2 },
  { name: 'circle', title: 'Circle', classes: 2 },
  { name: 'gauss', title: 'Two Gaussians', classes: 2 },
  { name: 'spiral', title: 'Spiral', classes: 2 },
  { name: 'spiral3', title: 'Spiral, 3 classes', classes: 3 },
  { name: 'blobs3', title: 'Blobs, 3 classes', classes: 3 },
  { name: 'plane', title: 'Plane (regression)', classes: 0 },
  { name: 'gausssum', title: 'Sum of Gaussians (regression)', classes: 0 },
  { name: 'custom', title: 'Custom (CSV)', classes: null },
];

/** Input features, in the order of the Rust mask bits. */
export const FEATURES = [
  { name: 'x1', label: 'x₁' },
  { name: 'x2', label: 'x₂' },
  { name: 'x1sq', label: 'x₁²' },
  { name: 'x2sq', label: 'x₂²' },
  { name: 'x1x2', label: 'x₁x₂' },
  { name: 'sinx1', label: 'sin x₁' },
  { name: 'sinx2', label: 'sin x₂' },
];

export const ACTIVATIONS = [
  { name: 'tanh', title: 'tanh' },
  { name: 'sigmoid', title: 'sigmoid' },
  { name: 'relu', title: 'ReLU' },
  { name: 'lrelu', title: 'leaky ReLU' },
  { name: 'maxout', title: 'maxout' },
  { name: 'identity', title: 'linear' },
  { name: 'step', title: 'step (not trainable)' },
];

export const LOSSES = [
  { name: 'logistic', title: 'logistic' },
  { name: 'hinge', title: 'hinge (SVM)' },
  { name: 'squared', title: 'squared error' },
  { name: 'softmax', title: 'softmax cross-entropy' },
];

export const OPTIMIZERS = ['sgd', 'momentum', 'adam'];
export const REGULARIZATIONS = ['none', 'l1', 'l2'];
export const LEARNING_RATES = [0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10];
export const MAX_LAYERS = 6;
export const MAX_UNITS = 16;
export const MAX_USER_POINTS = 2000;
export const EMBED_VIEWS = ['data', 'features', 'network', 'boundary', 'curves', 'controls', 'stats'];

export const DEFAULTS = {
  data: 'xor',
  classes: 2, // only read for data=custom
  noise: 0,
  ratio: 50,
  points: 400,
  seed: 1,
  features: ['x1', 'x2'],
  layers: [
    { units: 4, activation: 'tanh', param: null },
    { units: 2, activation: 'tanh', param: null },
  ],
  loss: null, // null: the one that fits the data set
  lr: 0.03,
  batch: 10,
  optimizer: 'adam',
  regularization: 'none',
  lambda: 0.001,
  speed: '1', // epochs per animation frame, or 'max' (as many as fit in the frame budget)
  showTest: false,
  discretize: false,
  userPoints: [], // [x1, x2, label], added by clicking; they join the training set
  csvPoints: [], // the points of a custom (CSV) data set
};

export const datasetInfo = (name) => DATASETS.find((d) => d.name === name);
export const classesOf = (s) => (s.data === 'custom' ? s.classes : datasetInfo(s.data).classes);

/** The loss that fits a data set with `classes` classes (0 = regression). */
export const defaultLoss = (classes) => (classes === 0 ? 'squared' : classes === 2 ? 'logistic' : 'softmax');

/** Whether `loss` can be used with `classes`, and a note for the user when it fits poorly or not at all. */
export function lossFit(loss, classes) {
  if (classes === 0) {
    return loss === 'squared'
      ? { ok: true, note: '' }
      : { ok: false, note: `The ${loss} loss is for classes; this data set has real-valued targets, so use squared error.` };
  }
  if (loss === 'logistic' && classes > 2) {
    return { ok: false, note: `The logistic loss separates two classes; this data set has ${classes}. Use softmax cross-entropy or hinge.` };
  }
  if (loss === 'squared') {
    return {
      ok: true,
      note: 'Squared error works for classification but treats class labels as numbers to hit; logistic or softmax cross-entropy usually learn faster and give probabilities.',
    };
  }
  return { ok: true, note: '' };
}

/** Layer text in the URL: `4:tanh`, `8:lrelu:0.01`, `3:maxout:2`, joined by commas. */
export function parseLayers(text) {
  if (text === '' || text === 'none') return [];
  const parts = text.split(',');
  if (parts.length > MAX_LAYERS) throw new Error(`at most ${MAX_LAYERS} hidden layers`);
  return parts.map((part) => {
    const [u, act = 'tanh', p] = part.split(':');
    const units = Number(u);
    if (!Number.isInteger(units) || units < 1 || units > MAX_UNITS) throw new Error(`a layer needs 1 to ${MAX_UNITS} neurons`);
    if (!ACTIVATIONS.some((a) => a.name === act)) throw new Error(`unknown activation "${act}"`);
    let param = null;
    if (act === 'lrelu') {
      param = p === undefined ? 0.01 : Number(p);
      if (!(param >= 0 && param < 1)) throw new Error('leaky ReLU alpha must be in [0, 1)');
    } else if (act === 'maxout') {
      param = p === undefined ? 2 : Number(p);
      if (!Number.isInteger(param) || param < 2 || param > 5) throw new Error('maxout k must be 2 to 5');
    }
    return { units, activation: act, param };
  });
}

export const formatLayers = (layers) =>
  layers.length === 0 ? 'none' : layers.map((l) => [l.units, l.activation, ...(l.param === null ? [] : [l.param])].join(':')).join(',');

/** User points in the URL: `x1:x2:label` joined by `;`, coordinates to 2 decimals. */
export function parsePoints(text, classes) {
  if (text === '') return [];
  const parts = text.split(';');
  if (parts.length > MAX_USER_POINTS) throw new Error(`at most ${MAX_USER_POINTS} points`);
  return parts.map((part) => {
    const v = part.split(':').map(Number);
    if (v.length !== 3 || !v.every(Number.isFinite)) throw new Error('each point is x1:x2:label');
    if (Math.abs(v[0]) > 6 || Math.abs(v[1]) > 6) throw new Error('points lie in [-6, 6]');
    const okLabel = classes === 0 ? Math.abs(v[2]) <= 1 : Number.isInteger(v[2]) && v[2] >= 0 && v[2] < classes;
    if (!okLabel) throw new Error(`label ${v[2]} does not fit this data set`);
    return v;
  });
}

const round = (v, d = 2) => Number(v.toFixed(d));
export const formatPoints = (pts) => pts.map(([a, b, l]) => `${round(a)}:${round(b)}:${round(l, 3)}`).join(';');

/** Reads every setting from the hash parameters; bad values become defaults and push notes. */
export function readSettings(params, notes) {
  const read = reader(params, notes);
  const s = structuredClone(DEFAULTS);
  s.data = read.choice('data', DEFAULTS.data, DATASETS.map((d) => d.name));
  if (s.data === 'custom') s.classes = read.choice('classes', '2', ['0', '2', '3']) | 0;
  s.noise = read.number('noise', DEFAULTS.noise, { min: 0, max: 0.5 });
  s.ratio = read.number('ratio', DEFAULTS.ratio, { min: 10, max: 90, integer: true });
  s.points = read.number('points', DEFAULTS.points, { min: 20, max: 2000, integer: true });
  s.seed = read.number('seed', DEFAULTS.seed, { min: 0, max: 4294967295, integer: true });
  const feats = read.string('features', DEFAULTS.features.join(','), { pattern: /^[a-z0-9,]+$/, maxLength: 80 }).split(',');
  if (feats.every((f) => FEATURES.some((x) => x.name === f))) s.features = FEATURES.map((f) => f.name).filter((f) => feats.includes(f));
  else notes.push(`URL parameter "features" names an unknown feature; using x1, x2.`);
  const fallback = (key, what, error) => notes.push(`URL parameter "${key}" is not ${what} (${error.message}); using the default.`);
  const layers = read.string('net', formatLayers(DEFAULTS.layers), { pattern: /^[a-z0-9.:,]+$/, maxLength: 200 });
  try {
    s.layers = parseLayers(layers);
  } catch (error) {
    fallback('net', 'a valid network', error);
  }
  const classes = classesOf(s);
  s.loss = read.choice('loss', defaultLoss(classes), LOSSES.map((l) => l.name));
  const fit = lossFit(s.loss, classes);
  if (!fit.ok) {
    notes.push(`${fit.note} Using ${defaultLoss(classes)}.`);
    s.loss = defaultLoss(classes);
  }
  s.lr = read.number('lr', DEFAULTS.lr, { min: 0.000001, max: 10 });
  s.batch = read.number('batch', DEFAULTS.batch, { min: 1, max: 500, integer: true });
  s.optimizer = read.choice('opt', DEFAULTS.optimizer, OPTIMIZERS);
  s.regularization = read.choice('reg', DEFAULTS.regularization, REGULARIZATIONS);
  s.lambda = read.number('lambda', DEFAULTS.lambda, { min: 0, max: 10 });
  s.speed = read.choice('speed', DEFAULTS.speed, ['1', '10', 'max']);
  s.showTest = read.flag('test', DEFAULTS.showTest);
  s.discretize = read.flag('discrete', DEFAULTS.discretize);
  const pts = read.string('pts', '', { pattern: /^[0-9.:;\-e]*$/, maxLength: 40000 });
  try {
    s.userPoints = parsePoints(pts, classes);
  } catch (error) {
    fallback('pts', 'a list of points', error);
  }
  if (s.data === 'custom') {
    const csv = read.string('csv', '', { pattern: /^[0-9.:;\-e]*$/, maxLength: 60000 });
    try {
      s.csvPoints = parsePoints(csv, classes);
    } catch (error) {
      fallback('csv', 'a list of points', error);
    }
    if (!s.csvPoints.length) {
      notes.push('A custom data set needs its points in the URL ("csv"); showing XOR instead.');
      Object.assign(s, { data: 'xor', loss: s.loss === 'softmax' || s.loss === 'logistic' ? defaultLoss(2) : s.loss, userPoints: [] });
      if (!lossFit(s.loss, 2).ok) s.loss = defaultLoss(2);
    }
  }
  return s;
}

/** The hash parameters of settings `s` (defaults included, so a link never depends on a default changing). */
export function encodeSettings(s) {
  return {
    data: s.data,
    classes: s.data === 'custom' ? s.classes : null,
    noise: s.noise,
    ratio: s.ratio,
    points: s.points,
    seed: s.seed,
    features: s.features.join(','),
    net: formatLayers(s.layers),
    loss: s.loss,
    lr: s.lr,
    batch: s.batch,
    opt: s.optimizer,
    reg: s.regularization,
    lambda: s.lambda,
    speed: s.speed,
    test: s.showTest ? 1 : 0,
    discrete: s.discretize ? 1 : 0,
    pts: s.userPoints.length ? formatPoints(s.userPoints) : null,
    csv: s.data === 'custom' ? formatPoints(s.csvPoints) : null,
  };
}

/** Bit mask of the selected features (bit i = FEATURES[i]). */
export const featureMask = (features) => FEATURES.reduce((m, f, i) => (features.includes(f.name) ? m | (1 << i) : m), 0);

/** The wasm activation value of a layer setting. */
export function activationValue(l) {
  if (l.activation === 'lrelu') return { leakyRelu: { alpha: l.param } };
  if (l.activation === 'maxout') return { maxout: { k: l.param } };
  return l.activation;
}

/** The layer setting of a wasm activation value (from a loaded file). */
export function activationSetting(a) {
  if (typeof a === 'string') return { activation: a, param: null };
  if (a.leakyRelu) return { activation: 'lrelu', param: a.leakyRelu.alpha };
  if (a.maxout) return { activation: 'maxout', param: a.maxout.k };
  throw new Error('unknown activation in the file');
}

const WASM_LOSS = { logistic: 'logistic', hinge: 'hinge', squared: 'squaredError', softmax: 'softmaxCrossEntropy' };
export const wasmLoss = (loss) => WASM_LOSS[loss];
export const settingLoss = (w) => Object.keys(WASM_LOSS).find((k) => WASM_LOSS[k] === w);

/** Output units: one score for two classes with logistic/hinge/squared, K otherwise; 1 for regression. */
export function outputsFor(loss, classes) {
  if (classes === 0) return 1;
  if (classes === 2 && loss !== 'softmax') return 1;
  return classes;
}

/** The configuration object for `new Mlp(...)`. */
export function networkConfig(s) {
  const classes = classesOf(s);
  return {
    inputs: s.features.length,
    hidden: s.layers.map((l) => ({ units: l.units, activation: activationValue(l) })),
    outputs: outputsFor(s.loss, classes),
    loss: wasmLoss(s.loss),
    seed: s.seed,
    optimizer: optimizerValue(s),
    regularization: regularizationValue(s),
  };
}

export const optimizerValue = (s) => ({ kind: s.optimizer, learningRate: s.lr });
export const regularizationValue = (s) => (s.regularization === 'none' ? { kind: 'none' } : { kind: s.regularization, lambda: s.lambda });
