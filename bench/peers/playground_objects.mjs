// The playground peer: a plain JavaScript network with one object per neuron and one per
// link, trained one example at a time and evaluated one grid point at a time, in the style
// of TensorFlow Playground's nn.ts (written for this benchmark, not copied from it).
// A frame = one epoch of SGD over the points at the given batch size (gradients accumulated
// per example, applied after each batch) plus every neuron's value at every grid point.

const tanh = { f: Math.tanh, df: (x) => { const t = Math.tanh(x); return 1 - t * t; } };

class Neuron {
  constructor() {
    this.inputs = []; // links into this neuron
    this.outputs = []; // links out of it
    this.bias = 0.1;
    this.total = 0; // z
    this.output = 0; // h = f(z)
    this.outputDer = 0; // dL/dh
    this.inputDer = 0; // dL/dz
    this.accDer = 0; // accumulated dL/db
    this.numAcc = 0;
  }
  update() {
    this.total = this.bias;
    for (const l of this.inputs) this.total += l.weight * l.source.output;
    this.output = tanh.f(this.total);
    return this.output;
  }
}

class Link {
  constructor(source, dest, rand) {
    this.source = source;
    this.dest = dest;
    this.weight = rand() - 0.5;
    this.errorDer = 0;
    this.accErrorDer = 0;
    this.numAcc = 0;
  }
}

/** A network of `shape` (e.g. [2, 8, 8, 8, 8, 1]), tanh everywhere, weights from `rand`. */
export function buildNetwork(shape, rand) {
  const layers = shape.map((n) => Array.from({ length: n }, () => new Neuron()));
  for (let l = 1; l < layers.length; l++) {
    for (const dest of layers[l]) {
      for (const source of layers[l - 1]) {
        const link = new Link(source, dest, rand);
        source.outputs.push(link);
        dest.inputs.push(link);
      }
    }
  }
  return layers;
}

function forward(net, x1, x2) {
  net[0][0].output = x1;
  net[0][1].output = x2;
  for (let l = 1; l < net.length; l++) for (const n of net[l]) n.update();
  return net[net.length - 1][0].output;
}

function backward(net, target) {
  // squared error 1/2 (h - t)^2
  const out = net[net.length - 1][0];
  out.outputDer = out.output - target;
  for (let l = net.length - 1; l >= 1; l--) {
    for (const n of net[l]) {
      n.inputDer = n.outputDer * tanh.df(n.total);
      n.accDer += n.inputDer;
      n.numAcc++;
    }
    for (const n of net[l]) {
      for (const link of n.inputs) {
        link.errorDer = n.inputDer * link.source.output;
        link.accErrorDer += link.errorDer;
        link.numAcc++;
      }
    }
    if (l === 1) continue;
    for (const n of net[l - 1]) {
      n.outputDer = 0;
      for (const link of n.outputs) n.outputDer += link.weight * link.dest.inputDer;
    }
  }
}

function update(net, lr) {
  for (let l = 1; l < net.length; l++) {
    for (const n of net[l]) {
      if (n.numAcc > 0) {
        n.bias -= (lr * n.accDer) / n.numAcc;
        n.accDer = 0;
        n.numAcc = 0;
      }
      for (const link of n.inputs) {
        if (link.numAcc > 0) {
          link.weight -= (lr * link.accErrorDer) / link.numAcc;
          link.accErrorDer = 0;
          link.numAcc = 0;
        }
      }
    }
  }
}

/** The training half of a frame: an epoch of SGD over `points` ([{x1, x2, label}]) at `batch`; returns the mean loss. */
export function epoch(net, points, batch, lr) {
  let loss = 0;
  for (let i = 0; i < points.length; i++) {
    const p = points[i];
    const h = forward(net, p.x1, p.x2);
    loss += 0.5 * (h - p.label) ** 2;
    backward(net, p.label);
    if ((i + 1) % batch === 0) update(net, lr);
  }
  return loss / points.length;
}

/**
 * The drawing half: every neuron's value on the n x n grid over [-6, 6]^2 into `maps` (one
 * Float32Array per neuron, layer by layer, as TF Playground keeps them).
 */
export function heatmaps(net, n, maps) {
  const neurons = net.slice(1).flat();
  for (let row = 0; row < n; row++) {
    const x2 = -(-6 + (12 * (row + 0.5)) / n);
    for (let col = 0; col < n; col++) {
      forward(net, -6 + (12 * (col + 0.5)) / n, x2);
      for (let k = 0; k < neurons.length; k++) maps[k][row * n + col] = neurons[k].output;
    }
  }
}
