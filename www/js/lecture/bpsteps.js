// The steps of the backpropagation inspector (lecture 3.5): four forward nodes,
// then eight backward ones, each with the lecture's equation in index form and
// in vector form with the current numbers substituted. `g` is the object
// returned by wasm backpropGraph (x, z, h, y, loss, dY, dW2, ...).

import { col, fmt, mat, row, transpose } from './mathhtml.js';

const F_NAME = { sigmoid: 'σ', tanh: 'tanh', ReLU: 'ReLU', identity: 'id', 'leaky ReLU': 'f' };
const F_PRIME = {
  sigmoid: 'σ′(z) = σ(z)(1 − σ(z))',
  tanh: 'tanh′(z) = 1 − tanh²(z)',
  ReLU: 'ReLU′(z) = 1(z > 0)',
  identity: 'f′(z) = 1',
  'leaky ReLU': 'f′(z) = 1 or α',
};

const dE = (what) => `<span class="frac">∂E/∂${what}</span>`;

/** Every step in order. `node` names the graph node it reveals; `grad` whether it is a backward step. */
export const STEPS = [
  {
    node: 'z', grad: false, title: 'Pre-activations',
    index: 'z<sub>i</sub> = Σ<sub>j</sub> w<sup>(1)</sup><sub>ij</sub> x<sub>j</sub> + b<sup>(1)</sup><sub>i</sub>  (5)',
    vector: (g) => `<b>z</b> = <b>W</b><sup>(1)</sup><b>x</b> + <b>b</b><sup>(1)</sup> = ${mat(g.w1, g.hidden, g.inputs)} ${col(g.x)} + ${col(g.b1)} = ${col(g.z)}`,
  },
  {
    node: 'h', grad: false, title: 'Hidden activations',
    index: 'h<sub>i</sub> = f(z<sub>i</sub>)  (6)',
    vector: (g) => `<b>h</b> = ${F_NAME[g.activation] || 'f'}(<b>z</b>) = ${F_NAME[g.activation] || 'f'}(${col(g.z)}) = ${col(g.h)}`,
  },
  {
    node: 'y', grad: false, title: 'Outputs',
    index: 'y<sub>k</sub> = Σ<sub>i</sub> w<sup>(2)</sup><sub>ki</sub> h<sub>i</sub> + b<sup>(2)</sup><sub>k</sub>  (7)',
    vector: (g) => `<b>y</b> = <b>W</b><sup>(2)</sup><b>h</b> + <b>b</b><sup>(2)</sup> = ${mat(g.w2, g.outputs, g.hidden)} ${col(g.h)} + ${col(g.b2)} = ${col(g.y)}`,
  },
  {
    node: 'L', grad: false, title: 'Loss',
    index: 'ℒ = ½ Σ<sub>k</sub> (y<sub>k</sub> − t<sub>k</sub>)²  (8)',
    vector: (g) => `ℒ = ½ ‖<b>t</b> − <b>y</b>‖² = ½ ‖${col(g.t)} − ${col(g.y)}‖² = <span class="num">${fmt(g.loss, 6)}</span>`,
  },
  {
    node: 'L', grad: true, title: 'Start of the backward pass',
    index: `${dE('ℒ')} = 1`,
    vector: () => `${dE('ℒ')} = <span class="num">1</span>`,
  },
  {
    node: 'y', grad: true, title: 'Error signal at the outputs',
    index: `${dE('y<sub>k</sub>')} = ${dE('ℒ')} · (y<sub>k</sub> − t<sub>k</sub>)`,
    vector: (g) => `${dE('<b>y</b>')} = ${dE('ℒ')} · (<b>y</b> − <b>t</b>) = 1 · (${col(g.y)} − ${col(g.t)}) = ${col(g.dY)}`,
  },
  {
    node: 'W2', grad: true, title: 'Output weights',
    index: `${dE('w<sup>(2)</sup><sub>ki</sub>')} = ${dE('y<sub>k</sub>')} · h<sub>i</sub>`,
    vector: (g) => `${dE('<b>W</b><sup>(2)</sup>')} = ${dE('<b>y</b>')} · <b>h</b><sup>⊤</sup> = ${col(g.dY)} · ${row(g.h)} = ${mat(g.dW2, g.outputs, g.hidden)}`,
  },
  {
    node: 'b2', grad: true, title: 'Output biases',
    index: `${dE('b<sup>(2)</sup><sub>k</sub>')} = ${dE('y<sub>k</sub>')}`,
    vector: (g) => `${dE('<b>b</b><sup>(2)</sup>')} = ${dE('<b>y</b>')} · 1 = ${col(g.dB2)}`,
  },
  {
    node: 'h', grad: true, title: 'Back through the output weights',
    index: `${dE('h<sub>i</sub>')} = Σ<sub>k</sub> ${dE('y<sub>k</sub>')} · w<sup>(2)</sup><sub>ki</sub>`,
    vector: (g) => `${dE('<b>h</b>')} = <b>W</b><sup>(2)⊤</sup> · ${dE('<b>y</b>')} = ${mat(transpose(g.w2, g.outputs, g.hidden), g.hidden, g.outputs)} · ${col(g.dY)} = ${col(g.dH)}`,
  },
  {
    node: 'z', grad: true, title: 'Back through the activation',
    index: `${dE('z<sub>i</sub>')} = ${dE('h<sub>i</sub>')} · f′(z<sub>i</sub>)`,
    vector: (g) => `${dE('<b>z</b>')} = ${dE('<b>h</b>')} ∘ f′(<b>z</b>) = ${col(g.dH)} ∘ ${col(g.fPrime)} = ${col(g.dZ)} <small class="aside">with ${F_PRIME[g.activation] || "f′"}</small>`,
  },
  {
    node: 'W1', grad: true, title: 'First-layer weights',
    index: `${dE('w<sup>(1)</sup><sub>ij</sub>')} = ${dE('z<sub>i</sub>')} · x<sub>j</sub>`,
    vector: (g) => `${dE('<b>W</b><sup>(1)</sup>')} = ${dE('<b>z</b>')} · <b>x</b><sup>⊤</sup> = ${col(g.dZ)} · ${row(g.x)} = ${mat(g.dW1, g.hidden, g.inputs)}`,
  },
  {
    node: 'b1', grad: true, title: 'First-layer biases',
    index: `${dE('b<sup>(1)</sup><sub>i</sub>')} = ${dE('z<sub>i</sub>')}`,
    vector: (g) => `${dE('<b>b</b><sup>(1)</sup>')} = ${dE('<b>z</b>')} · 1 = ${col(g.dB1)}`,
  },
];

/** Number of forward steps (z, h, y, L). */
export const FORWARD_STEPS = STEPS.filter((s) => !s.grad).length;
