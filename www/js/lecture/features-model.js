// Feature learning (lecture 3.4): a 2-8-2-1 network with a 2-unit tanh last
// hidden layer, trained on two classes that no line separates. Reads the
// hidden layer's outputs (the learned features) and the output layer's line
// w1 h1 + w2 h2 + b = 0 in that 2-D feature space. No DOM.

export const DATASETS = ['circles', 'moons'];
export const PER_CLASS = 100;
export const NOISE = 0.08;
export const LEARNING_RATE = 0.01;
/** Layer index of the last hidden layer (the feature map) and of the output layer. */
const FEATURES = 1;
const OUTPUT = 2;

export const sigmoid = (s) => 1 / (1 + Math.exp(-s));

export function featuresConfig(seed) {
  return {
    inputs: 2,
    hidden: [{ units: 8, activation: 'tanh' }, { units: 2, activation: 'tanh' }],
    outputs: 1,
    loss: 'logistic',
    seed,
    optimizer: { kind: 'adam', learningRate: LEARNING_RATE },
  };
}

/** One network learning one dataset. Every method may throw the wasm side's Error. */
export class FeatureTrainer {
  constructor(wasm, kind, seed) {
    const data = wasm.toyDataset(kind, PER_CLASS, 2, NOISE, seed);
    this.x = new Float32Array(data.x);
    this.labels = new Float32Array(data.labels);
    this.net = new wasm.Mlp(featuresConfig(seed));
    this.losses = [];
  }

  step() {
    this.losses.push(this.net.trainStep(this.x, this.labels));
  }

  get steps() {
    return this.losses.length;
  }

  /** Copies of everything drawn: hidden features per point, the output line, and the weights. */
  readout() {
    this.net.forward(this.x);
    // Views die at the next wasm call: copy each one at once.
    const hidden = Float32Array.from(this.net.activationsView(FEATURES));
    const w = Array.from(this.net.weightsView(OUTPUT));
    const b = this.net.biasesView(OUTPUT)[0];
    const weights = [];
    for (let l = 0; l <= OUTPUT; l++) {
      weights.push({ w: Array.from(this.net.weightsView(l)), b: Array.from(this.net.biasesView(l)), shape: Array.from(this.net.weightShape(l)) });
    }
    let correct = 0;
    for (let i = 0; i < this.labels.length; i++) {
      const s = w[0] * hidden[2 * i] + w[1] * hidden[2 * i + 1] + b;
      if ((s > 0 ? 1 : 0) === this.labels[i]) correct += 1;
    }
    return { hidden, line: { w, b }, weights, separable: correct / this.labels.length };
  }

  /** P(class 1) at grid points of the input plane (through the whole network). */
  inputProbabilities(grid) {
    return Float32Array.from(this.net.predict(grid), sigmoid);
  }

  free() {
    this.net.free();
  }
}

/** P(class 1) = sigma(w . h + b) over grid points of the feature plane (the output layer alone). */
export function featureProbabilities(line, grid) {
  const out = new Float32Array(grid.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = sigmoid(line.w[0] * grid[2 * i] + line.w[1] * grid[2 * i + 1] + line.b);
  return out;
}
