// Trains one network on the playground's data: minibatches in an order shuffled
// by the seed, epochs, train/test loss and accuracy, and divergence detection.
// No DOM. Every method may throw the wasm side's Error (readable message).

import { classify, pairs, seededRandom, shuffle, targetsFor } from './data.js';
import { featureMask, networkConfig, optimizerValue, outputsFor, regularizationValue } from './settings.js';

/** A finite loss above this, or above EXPLODE_FACTOR x the first loss, counts as divergence. */
export const EXPLODE_LIMIT = 1e8;
export const EXPLODE_FACTOR = 1e6;

export class Diverged extends Error {}

export class Trainer {
  /** `net` (optional) is an already built Mlp (a loaded file); otherwise one is built from `s`. */
  constructor(wasm, s, data, net = null) {
    this.wasm = wasm;
    this.loss = s.loss;
    this.classes = data.classes;
    this.outputs = outputsFor(s.loss, data.classes);
    this.mask = featureMask(s.features);
    this.net = net || new wasm.Mlp(networkConfig(s));
    this.batch = s.batch;
    this.random = seededRandom(s.seed ^ 0x5eed);
    this.epoch = 0;
    this.cursor = 0;
    this.order = [];
    this.history = { train: [], test: [], trainAcc: [], testAcc: [] };
    this.firstLoss = null;
    this.setData(data);
  }

  /** Replaces the points (e.g. a user added one); the weights stay. */
  setData(data) {
    this.data = data;
    const expand = (pts) => (pts.length ? this.wasm.expandFeatures(pairs(pts), this.mask) : new Float32Array(0));
    this.trainX = expand(data.train);
    this.testX = expand(data.test);
    this.trainT = targetsFor(data.train, this.loss, this.classes, this.outputs);
    this.testT = targetsFor(data.test, this.loss, this.classes, this.outputs);
    this.features = this.trainX.length / Math.max(1, data.train.length);
    this.order = [];
    this.cursor = 0;
  }

  setHyper(s) {
    this.net.setOptimizer(optimizerValue(s));
    this.net.setRegularization(regularizationValue(s));
    this.batch = s.batch;
  }

  get steps() {
    return this.net.steps;
  }

  /** One minibatch update. Returns true when it finished an epoch. */
  step() {
    const n = this.data.train.length;
    if (n === 0) throw new Error('There are no training points: add some by clicking on the plane, or raise the training ratio.');
    if (this.cursor === 0) this.order = shuffle([...Array(n).keys()], this.random);
    const end = Math.min(n, this.cursor + this.batch);
    const f = this.features;
    const per = this.trainT.length / n;
    const x = new Float32Array((end - this.cursor) * f);
    const t = new Float32Array((end - this.cursor) * per);
    for (let i = this.cursor; i < end; i++) {
      const k = this.order[i];
      x.set(this.trainX.subarray(k * f, (k + 1) * f), (i - this.cursor) * f);
      t.set(this.trainT.subarray(k * per, (k + 1) * per), (i - this.cursor) * per);
    }
    let loss;
    try {
      loss = this.net.trainStep(x, t);
    } catch (error) {
      if (/diverged/.test(error.message)) throw new Diverged(error.message);
      throw error;
    }
    if (this.firstLoss === null) this.firstLoss = loss;
    if (loss > EXPLODE_LIMIT || loss > EXPLODE_FACTOR * Math.max(this.firstLoss, 1e-3)) {
      throw new Diverged(
        `the loss exploded to ${loss.toExponential(2)} (it started at ${this.firstLoss.toPrecision(3)}) at step ${this.steps}. ` +
          'The learning rate is probably too high: lower it (try 10x smaller) and reset.',
      );
    }
    this.cursor = end;
    if (this.cursor >= n) {
      this.cursor = 0;
      this.epoch += 1;
      this.record();
      return true;
    }
    return false;
  }

  /** Runs minibatches until an epoch ends. */
  runEpoch() {
    while (!this.step());
  }

  /** Loss and accuracy on a set (null when the set is empty). */
  measure(which) {
    const pts = this.data[which];
    if (!pts.length) return { loss: null, accuracy: null };
    const x = which === 'train' ? this.trainX : this.testX;
    const t = which === 'train' ? this.trainT : this.testT;
    const loss = this.net.evaluate(x, t);
    if (!Number.isFinite(loss)) throw new Diverged(`the ${which} loss is not a finite number. Lower the learning rate and reset.`);
    let accuracy = null;
    if (this.classes > 0) {
      const labels = classify(this.net.predict(x), this.outputs);
      accuracy = labels.filter((l, i) => l === pts[i][2]).length / pts.length;
    }
    return { loss, accuracy };
  }

  /** Appends the current train and test loss and accuracy to the curves. */
  record() {
    const tr = this.measure('train');
    const te = this.measure('test');
    this.history.train.push(tr.loss);
    this.history.test.push(te.loss);
    this.history.trainAcc.push(tr.accuracy);
    this.history.testAcc.push(te.accuracy);
    this.last = { train: tr, test: te };
    return this.last;
  }

  /** Scores of the test points (to compare networks). */
  testScores() {
    return this.testX.length ? Array.from(this.net.predict(this.testX)) : [];
  }

  /** Dead-unit fraction per hidden layer over the training points. */
  deadFractions() {
    if (!this.trainX.length) return [];
    return this.net.unitStats(this.trainX).map((u) => u.deadFraction);
  }

  free() {
    this.net.free();
  }
}
