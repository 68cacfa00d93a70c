// ReLU versus tanh (lecture 2.3.3): two networks of the same architecture
// (2-16-16-3, softmax cross-entropy, plain SGD) built from the same seed and
// trained on the same spiral data, one step each in turn. Only the hidden
// activation differs (and with it the usual initialization: He for ReLU,
// Xavier/Glorot for tanh). No DOM.

export const ACTS = ['tanh', 'relu'];
export const HIDDEN = [16, 16];
export const PER_CLASS = 100;
export const CLASSES = 3;
export const NOISE = 0.03;

export function raceConfig(activation, seed, learningRate) {
  return {
    inputs: 2,
    hidden: HIDDEN.map((units) => ({ units, activation })),
    outputs: CLASSES,
    loss: 'softmaxCrossEntropy',
    seed,
    optimizer: { kind: 'sgd', learningRate },
  };
}

/** First step (1-based) whose loss is below `threshold`, or null. */
export function stepsToReach(losses, threshold) {
  const i = losses.findIndex((l) => l < threshold);
  return i < 0 ? null : i + 1;
}

export class Race {
  constructor(wasm, seed, learningRate) {
    const data = wasm.toyDataset('spiral', PER_CLASS, CLASSES, NOISE, seed);
    this.x = new Float32Array(data.x);
    this.labels = new Float32Array(data.labels);
    this.nets = {};
    this.losses = {};
    this.stopped = {};
    try {
      for (const a of ACTS) {
        this.nets[a] = new wasm.Mlp(raceConfig(a, seed, learningRate));
        this.losses[a] = [];
        this.stopped[a] = null;
      }
    } catch (error) {
      this.free();
      throw error;
    }
  }

  /** One SGD step for each network still training. A diverged network stops; its error is kept. */
  step() {
    for (const a of ACTS) {
      if (this.stopped[a]) continue;
      try {
        this.losses[a].push(this.nets[a].trainStep(this.x, this.labels));
      } catch (error) {
        this.stopped[a] = error instanceof Error ? error.message : String(error);
      }
    }
  }

  get steps() {
    return Math.max(...ACTS.map((a) => this.losses[a].length));
  }

  /** The ReLU network's dead fraction per hidden layer (Rust unitStats over all points). */
  deadFractions() {
    return this.nets.relu.unitStats(this.x).slice(0, HIDDEN.length).map((s) => s.deadFraction);
  }

  /** Per hidden unit of the ReLU network: true when z <= 0 on every point (it never fires). */
  deadUnits() {
    const net = this.nets.relu;
    net.forward(this.x);
    const n = this.labels.length;
    return HIDDEN.map((units, layer) => {
      const z = net.preActivationsView(layer); // read at once: the view dies at the next wasm call
      return Array.from({ length: units }, (_, j) => {
        for (let r = 0; r < n; r++) if (z[r * units + j] > 0) return false;
        return true;
      });
    });
  }

  free() {
    for (const net of Object.values(this.nets)) net.free();
    this.nets = {};
  }
}
