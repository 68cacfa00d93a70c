// The XOR task and the network that learns it: data, configuration, and a
// small trainer around the wasm `Mlp` handle. No drawing, no DOM.

/** The four XOR examples, row after row (x1, x2). */
export const XOR_INPUTS = new Float32Array([0, 0, 0, 1, 1, 0, 1, 1]);
/** XOR of each row: the 0/1 targets of the logistic loss. */
export const XOR_TARGETS = new Float32Array([0, 1, 1, 0]);

export const DEFAULT_SEED = 3;
export const LEARNING_RATE = 0.05;

/** 2-4-1: two inputs, four tanh hidden units, one score with the logistic loss; Adam. */
export function xorConfig(seed) {
  return {
    inputs: 2,
    hidden: [{ units: 4, activation: 'tanh' }],
    outputs: 1,
    loss: 'logistic',
    seed,
    optimizer: { kind: 'adam', learningRate: LEARNING_RATE },
  };
}

export const sigmoid = (s) => 1 / (1 + Math.exp(-s));

/** Parses a seed typed by a user: an integer in [0, 2^32 - 1], or throws a readable Error. */
export function parseSeed(text) {
  const trimmed = String(text).trim();
  const value = Number(trimmed);
  if (trimmed === '' || !Number.isInteger(value) || value < 0 || value > 0xffffffff) {
    throw new Error(`The seed must be a whole number from 0 to 4294967295; got "${trimmed}".`);
  }
  return value;
}

/** One network being trained on XOR. Every method may throw the wasm side's Error. */
export class XorTrainer {
  constructor(bindings, seed) {
    this.seed = seed;
    this.net = new bindings.Mlp(xorConfig(seed));
    /** Loss of every step, measured before its update (what trainStep returns). */
    this.losses = [];
  }

  /** One full-batch step; returns the loss before the update. */
  step() {
    const loss = this.net.trainStep(XOR_INPUTS, XOR_TARGETS);
    this.losses.push(loss);
    return loss;
  }

  get steps() {
    return this.net.steps;
  }

  /** Mean loss of the current weights on the four examples. */
  loss() {
    return this.net.evaluate(XOR_INPUTS, XOR_TARGETS);
  }

  /** P(y = 1 | x) for a batch of points (row after row). */
  probabilities(x = XOR_INPUTS) {
    return this.net.predict(x).map(sigmoid);
  }

  /** Predicted 0/1 label of each XOR example. */
  labels() {
    return Array.from(this.net.predictLabels(XOR_INPUTS));
  }

  /** `{neurons, weights, biases, parameters}`. */
  size() {
    return this.net.size();
  }

  free() {
    this.net.free();
  }
}
