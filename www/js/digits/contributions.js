// Which first-layer hidden units fire for a drawing, and how much each one
// contributes to the predicted class's score.
//
// contribution_j = h_j * d score_c / d h_j, with h_j the unit's activation and
// the derivative taken back through the later layers (W and f'(z) of the
// forward pass just run). For a network of ReLU (or other piecewise-linear)
// hidden layers the contributions plus the later layers' bias terms add up
// exactly to the score; for tanh or sigmoid it is the first-order (tangent) share.

/** f'(z) given z and h = f(z), for the activations the spec names; null for maxout. */
function derivative(activation) {
  const name = typeof activation === 'string' ? activation : Object.keys(activation)[0];
  switch (name) {
    case 'relu': return (z) => (z > 0 ? 1 : 0);
    case 'leakyRelu': {
      const alpha = activation.leakyRelu.alpha;
      return (z) => (z > 0 ? 1 : alpha);
    }
    case 'tanh': return (z, h) => 1 - h * h;
    case 'sigmoid': return (z, h) => h * (1 - h);
    case 'identity': return () => 1;
    case 'step': return () => 0;
    default: return null;
  }
}

/**
 * Runs `model` forward on one 784-value `image` and returns {scores, hidden, contributions, predicted}
 * for the first hidden layer (contributions is null when a layer's activation has no simple f').
 */
export function firstLayerContributions(model, image) {
  const scores = model.forward(image).slice();
  const layers = model.layerCount();
  const spec = model.spec();
  let predicted = 0;
  for (let c = 1; c < scores.length; c++) if (scores[c] > scores[predicted]) predicted = c;
  if (layers < 2) return { scores, hidden: null, contributions: null, predicted };
  const hidden = model.activationsView(0).slice();
  const z = [];
  const h = [];
  for (let l = 0; l < layers - 1; l++) {
    z.push(model.preActivationsView(l).slice());
    h.push(model.activationsView(l).slice());
  }
  const [outRows, outCols] = Array.from(model.weightShape(layers - 1));
  let g = model.weightsView(layers - 1).slice(predicted * outCols, (predicted + 1) * outCols);
  if (outRows !== scores.length) return { scores, hidden, contributions: null, predicted };
  for (let l = layers - 2; l >= 1; l--) {
    const fp = derivative(spec.hidden[l].activation);
    if (!fp) return { scores, hidden, contributions: null, predicted };
    const [rows, cols] = Array.from(model.weightShape(l));
    const w = model.weightsView(l);
    const next = new Float32Array(cols);
    for (let j = 0; j < rows; j++) {
      const gz = g[j] * fp(z[l][j], h[l][j]);
      if (gz === 0) continue;
      for (let i = 0; i < cols; i++) next[i] += gz * w[j * cols + i];
    }
    g = next;
  }
  const contributions = hidden.map((v, j) => v * g[j]);
  return { scores, hidden, contributions, predicted };
}
