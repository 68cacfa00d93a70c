// The backpropagation inspector's model: the lecture's 3.5 network (2 inputs,
// 2 hidden units, 2 linear outputs, squared error) as a wasm Mlp with
// hand-set weights, one example (x, t), and the graph computed by the Rust core.

/** The preset: a small example whose numbers are easy to follow by hand. */
export const PRESET = {
  x: [0.5, -1.0],
  t: [1.0, 0.0],
  w1: [0.1, -0.2, 0.4, 0.3],
  b1: [0.1, -0.1],
  w2: [0.5, -0.3, 0.2, 0.6],
  b2: [0.0, 0.1],
  f: 'sigmoid',
};
/** Parameter names and lengths, in the order of the URL and the form. */
export const FIELDS = [['x', 2], ['t', 2], ['w1', 4], ['b1', 2], ['w2', 4], ['b2', 2]];
export const ACTIVATIONS = ['sigmoid', 'tanh', 'relu'];
/** Step of the central differences (f64 on the Rust side). */
export const EPS = 1e-5;

/** Builds the network and returns the graph object (throws the wasm side's readable Error). */
export function computeGraph(wasm, state) {
  const net = new wasm.Mlp({
    inputs: 2,
    hidden: [{ units: 2, activation: state.f }],
    outputs: 2,
    loss: 'squaredError',
    seed: 1,
  });
  try {
    net.setParameters(0, new Float32Array(state.w1), new Float32Array(state.b1));
    net.setParameters(1, new Float32Array(state.w2), new Float32Array(state.b2));
    return wasm.backpropGraph(net, new Float32Array(state.x), new Float32Array(state.t), EPS);
  } finally {
    net.free();
  }
}

/** Reads the state from the URL (comma lists), falling back to the preset with a note on bad values. */
export function readState(params, note) {
  const state = { f: params.choice('f', PRESET.f, ACTIVATIONS) };
  for (const [key, len] of FIELDS) {
    const raw = params.string(key, null, { pattern: /^[-+\d.,eE]*$/, maxLength: 200 });
    const values = raw === null ? null : raw.split(',').map(Number);
    if (values && values.length === len && values.every((v) => Number.isFinite(v) && Math.abs(v) <= 100)) {
      state[key] = values;
    } else {
      if (raw !== null) note(`URL parameter "${key}" needs ${len} numbers between −100 and 100, separated by commas; using the lecture preset.`);
      state[key] = PRESET[key].slice();
    }
  }
  return state;
}
