// View "activations" (lecture 2.3): each activation f and its derivative f' on
// the same axes, computed by the Rust core (Activation::value / derivative over
// a grid). Shades where the gradient is nearly zero (|f'| < 10% of its peak:
// saturation) or exactly zero (dead ReLU, step); overlays 2σ(2x) − 1 on tanh with
// the measured error; shows ReLU and leaky ReLU as special cases of maxout.
// window.__lecture.activations holds the numbers for the browser tests.

import { CLASS0, CLASS1, INK, MUTED } from '../palette.js';
import { fmt, frame, hook, mountTemplate, polyline, sci } from '../lecture/plot.js';
import { clearError, showError } from '../messages.js';

const RANGE = [-5, 5];
const POINTS = 801;
const KINDS = [
  ['sigmoid', 'Sigmoid σ'],
  ['tanh', 'Tanh'],
  ['relu', 'ReLU'],
  ['leakyRelu', 'Leaky ReLU'],
  ['maxout', 'Maxout'],
  ['identity', 'Identity'],
  ['step', 'Step'],
];
const FORMULA = {
  sigmoid: "σ(x) = 1 / (1 + e⁻ˣ),  σ′(x) = σ(x)(1 − σ(x))",
  tanh: "tanh(x) = 2σ(2x) − 1,  tanh′(x) = 1 − tanh²(x)",
  relu: "f(x) = max(0, x),  f′(x) = 1(x > 0)",
  leakyRelu: "f(x) = 1(x < 0) αx + 1(x ≥ 0) x,  f′(x) = α or 1",
  maxout: "f(x) = max(w₁x + b₁, w₂x + b₂),  f′ = slope of the larger line",
  identity: "f(x) = x,  f′(x) = 1",
  step: "f(x) = 1(x ≥ 0),  f′(x) = 0 (no gradient to learn from)",
};
const YELLOW = 'rgba(240, 228, 66, 0.35)'; // Okabe-Ito yellow: small gradient
const HATCH = 'rgba(29, 35, 48, 0.16)';

const TEMPLATE = `
<header class="page-header view-header lecture-header">
  <p class="eyebrow">Lecture 2.3 · activation functions</p>
  <h1>Activation functions and their gradients</h1>
  <p class="lede">Each curve f(x) is drawn with its derivative f′(x). Where f′ is nearly zero, backpropagation
  passes almost no signal: <strong>saturation</strong> (sigmoid, tanh) or a <strong>dead</strong> ReLU.</p>
</header>
<div class="layout lecture-layout">
  <section class="card lecture-plot" aria-labelledby="act-plot-title">
    <div class="card-head">
      <h2 id="act-plot-title"><span id="act-name">Sigmoid</span></h2>
      <p class="card-note formula" id="act-formula"></p>
    </div>
    <canvas id="act-canvas" class="plot lecture-canvas" role="img" aria-label="Activation curve"></canvas>
    <ul class="legend" aria-label="Legend">
      <li><span class="swatch swatch-f" aria-hidden="true"></span> f(x)</li>
      <li><span class="swatch swatch-df" aria-hidden="true"></span> f′(x) (dashed)</li>
      <li id="legend-overlay" hidden><span class="swatch swatch-overlay" aria-hidden="true"></span> 2σ(2x) − 1 (dotted)</li>
      <li id="legend-lines" hidden><span class="swatch swatch-lines" aria-hidden="true"></span> the two maxout lines</li>
      <li><span class="swatch swatch-small" aria-hidden="true"></span> |f′| &lt; 10% of max</li>
      <li><span class="swatch swatch-dead" aria-hidden="true"></span> f′ = 0 (dead)</li>
    </ul>
  </section>
  <section class="card lecture-controls" aria-labelledby="act-controls-title">
    <h2 id="act-controls-title">Choose</h2>
    <div class="segmented" role="radiogroup" aria-label="Activation function" id="act-kinds"></div>
    <div class="field" id="alpha-field">
      <label for="alpha">Leak α = <output id="alpha-out">0.10</output></label>
      <input id="alpha" type="range" min="0" max="0.5" step="0.01" value="0.1">
    </div>
    <fieldset class="maxout-lines" id="maxout-field">
      <legend>Maxout lines: max(w₁x + b₁, w₂x + b₂)</legend>
      <div class="quad">
        <label>w₁ <input id="m-w1" type="number" step="0.1" inputmode="decimal"></label>
        <label>b₁ <input id="m-b1" type="number" step="0.1" inputmode="decimal"></label>
        <label>w₂ <input id="m-w2" type="number" step="0.1" inputmode="decimal"></label>
        <label>b₂ <input id="m-b2" type="number" step="0.1" inputmode="decimal"></label>
      </div>
      <div class="preset-row">
        <button type="button" class="btn" id="m-relu">ReLU: w₁ = b₁ = 0</button>
        <button type="button" class="btn" id="m-leaky">Leaky ReLU: w₁ = α</button>
        <button type="button" class="btn" id="m-abs">|x|</button>
      </div>
    </fieldset>
    <dl class="stats lecture-stats" id="act-stats"></dl>
    <p class="identity-readout" id="act-identity" hidden>max |tanh(x) − (2σ(2x) − 1)| = <strong id="act-identity-value">–</strong></p>
    <p class="fact" id="act-fact" aria-live="polite"></p>
    <div id="message" class="message" role="alert" hidden></div>
  </section>
</div>`;

/** Mounts the view; returns its unmount function. */
export async function mount(root, ctx) {
  const $ = await mountTemplate(root, TEMPLATE, ctx);
  if (!$) return null;
  const { wasm, params } = ctx;
  const kinds = KINDS.map(([k]) => k);
  const lines0 = (params.string('m', '0,0,1,0', { pattern: /^-?[\d.]+(,-?[\d.]+){3}$/ }) || '0,0,1,0').split(',').map(Number);
  const state = {
    kind: params.choice('act', 'sigmoid', kinds),
    alpha: params.number('alpha', 0.1, { min: 0, max: 0.5 }),
    lines: lines0.every(Number.isFinite) ? lines0 : [0, 0, 1, 0],
  };
  const h = hook('activations', { ready: false, error: null });

  const group = $('act-kinds');
  for (const [k, label] of KINDS) {
    const b = Object.assign(document.createElement('button'), { type: 'button', textContent: label, className: 'seg' });
    b.setAttribute('role', 'radio');
    b.dataset.kind = k;
    b.addEventListener('click', () => {
      state.kind = k;
      update();
    });
    group.append(b);
  }
  const inputs = ['w1', 'b1', 'w2', 'b2'].map((n) => $(`m-${n}`));
  const setLines = (l) => {
    state.lines = l.map((v) => Math.round(v * 1000) / 1000);
    inputs.forEach((el, i) => (el.value = String(state.lines[i])));
  };
  setLines(state.lines);
  inputs.forEach((el) =>
    el.addEventListener('input', () => {
      const v = inputs.map((i) => Number(i.value));
      el.setAttribute('aria-invalid', String(!Number.isFinite(Number(el.value)) || el.value === ''));
      if (v.every(Number.isFinite) && inputs.every((i) => i.value !== '')) {
        state.lines = v;
        update();
      }
    }),
  );
  const toMaxout = (act) => {
    setLines(Array.from(wasm.maxoutLinesFor(act)));
    state.kind = 'maxout';
    update();
  };
  $('m-relu').addEventListener('click', () => toMaxout('relu'));
  $('m-leaky').addEventListener('click', () => toMaxout({ leakyRelu: { alpha: state.alpha } }));
  $('m-abs').addEventListener('click', () => {
    setLines([-1, 0, 1, 0]);
    state.kind = 'maxout';
    update();
  });
  const alpha = $('alpha');
  alpha.value = String(state.alpha);
  alpha.addEventListener('input', () => {
    state.alpha = Number(alpha.value);
    update();
  });

  const spec = (kind) => (kind === 'leakyRelu' ? { leakyRelu: { alpha: state.alpha } } : kind);
  let last = null;

  function compute() {
    const [lo, hi] = RANGE;
    const curve = state.kind === 'maxout'
      ? wasm.maxoutCurve(new Float32Array(state.lines), lo, hi, POINTS)
      : wasm.activationCurve(spec(state.kind), lo, hi, POINTS);
    const identity = state.kind === 'tanh' ? wasm.tanhIdentityError(lo, hi, POINTS) : null;
    const lines = new Float32Array(state.lines);
    const gaps = state.kind === 'maxout'
      ? { relu: wasm.maxoutGap(lines, 'relu', lo, hi, POINTS), leaky: wasm.maxoutGap(lines, { leakyRelu: { alpha: state.alpha } }, lo, hi, POINTS) }
      : ['relu', 'leakyRelu'].includes(state.kind)
        ? { self: wasm.maxoutGap(wasm.maxoutLinesFor(spec(state.kind)), spec(state.kind), lo, hi, POINTS) }
        : null;
    return { curve, identity, gaps };
  }

  function update() {
    try {
      last = compute();
      clearError();
    } catch (error) {
      h.error = error.message;
      showError(error, 'Could not compute the curve');
      return;
    }
    render();
    ctx.setParams({
      act: state.kind,
      alpha: state.kind === 'leakyRelu' || state.kind === 'maxout' ? state.alpha : undefined,
      m: state.kind === 'maxout' ? state.lines.join(',') : undefined,
    });
  }

  function render() {
    const { curve, identity, gaps } = last;
    const label = KINDS.find(([k]) => k === state.kind)[1];
    $('act-name').textContent = state.kind === 'leakyRelu' ? `${label} (α = ${fmt(state.alpha, 2)})` : label;
    $('act-formula').textContent = FORMULA[state.kind];
    for (const b of group.children) b.setAttribute('aria-checked', String(b.dataset.kind === state.kind));
    $('alpha-field').hidden = !['leakyRelu', 'maxout'].includes(state.kind);
    $('alpha-out').textContent = fmt(state.alpha, 2);
    $('maxout-field').hidden = state.kind !== 'maxout';
    $('legend-overlay').hidden = !identity;
    $('legend-lines').hidden = state.kind !== 'maxout';
    draw(curve, identity);

    const n = curve.xs.length;
    const count = (z) => curve.zones.filter((v) => v === z).length;
    const mid = curve.xs.findIndex((x) => x === 0);
    const stats = [
      ['f(0)', fmt(curve.values[mid])],
      ["f′(0)", fmt(curve.derivatives[mid])],
      ["max |f′|", fmt(curve.maxDerivative)],
      ["|f′| small", `${Math.round((100 * count('small')) / n)}%`],
      ["f′ = 0", `${Math.round((100 * count('dead')) / n)}%`],
    ];
    $('act-identity').hidden = !identity;
    $('act-identity-value').textContent = identity ? sci(identity.maxErrorF32) : '–';
    $('act-stats').replaceChildren(
      ...stats.map(([dt, dd]) => {
        const d = document.createElement('div');
        d.append(Object.assign(document.createElement('dt'), { textContent: dt }), Object.assign(document.createElement('dd'), { textContent: dd }));
        return d;
      }),
    );
    let fact = '';
    if (identity) {
      fact = `tanh is a scaled sigmoid: max |tanh(x) − (2σ(2x) − 1)| over x ∈ [−5, 5] (${identity.points} points) is ` +
        `${sci(identity.maxErrorF32)} in f32 (rounding) and ${sci(identity.maxErrorF64)} in f64.`;
    } else if (state.kind === 'maxout') {
      const is = (g) => (g === 0 ? '= 0: this maxout is exactly' : `= ${fmt(g)}: not`);
      fact = `max |maxout − ReLU| ${is(gaps.relu)} a ReLU. max |maxout − leaky ReLU (α = ${fmt(state.alpha, 2)})| ${is(gaps.leaky)} a leaky ReLU.`;
    } else if (gaps) {
      const [w1, b1, w2, b2] = Array.from(wasm.maxoutLinesFor(spec(state.kind)));
      fact = `${label} is a maxout unit max(${w1}·x + ${b1}, ${w2}·x + ${b2}): the largest difference over the plot is ${fmt(gaps.self, 6)}.`;
    } else if (state.kind === 'sigmoid') {
      fact = 'Sigmoid saturates: for |x| > 3.6 its slope is below 10% of the peak 0.25, so gradients die.';
    } else if (state.kind === 'step') {
      fact = 'The step has no gradient anywhere: hand-wire it (see XOR by hand); it cannot be trained.';
    }
    $('act-fact').textContent = fact;
    Object.assign(h, {
      ready: true,
      error: null,
      activation: state.kind,
      alpha: state.alpha,
      lines: [...state.lines],
      valueAt0: curve.values[mid],
      derivativeAt0: curve.derivatives[mid],
      maxDerivative: curve.maxDerivative,
      smallFraction: count('small') / n,
      deadFraction: count('dead') / n,
      identityErrorF32: identity ? identity.maxErrorF32 : null,
      identityErrorF64: identity ? identity.maxErrorF64 : null,
      maxoutGapRelu: gaps && 'relu' in gaps ? gaps.relu : null,
      maxoutGapLeaky: gaps && 'leaky' in gaps ? gaps.leaky : null,
      specialCaseGap: gaps && 'self' in gaps ? gaps.self : null,
    });
  }

  function draw(curve, identity) {
    const canvas = $('act-canvas');
    const all = [...curve.values, ...curve.derivatives].filter(Number.isFinite);
    let ylo = Math.min(0, ...all);
    let yhi = Math.max(1, ...all);
    const pad = (yhi - ylo) * 0.08;
    ylo = Math.max(-6, ylo - pad);
    yhi = Math.min(6, yhi + pad);
    const f = frame(canvas, { xlo: RANGE[0], xhi: RANGE[1], ylo, yhi, xlabel: 'x (input to the unit)', ylabel: 'f(x), f′(x)' });
    const { ctx: g, X, box, dpr } = f;
    // Shade runs of small or zero gradient.
    const step = (curve.xs[1] - curve.xs[0]) / 2;
    let start = 0;
    for (let i = 1; i <= curve.xs.length; i++) {
      if (i < curve.xs.length && curve.zones[i] === curve.zones[start]) continue;
      const z = curve.zones[start];
      if (z !== 'active') {
        const x0 = Math.max(box.left, X(curve.xs[start] - step));
        const x1 = Math.min(box.right, X(curve.xs[i - 1] + step));
        g.fillStyle = z === 'dead' ? HATCH : YELLOW;
        g.fillRect(x0, box.top, x1 - x0, box.height);
        if (z === 'dead') {
          g.save();
          g.beginPath();
          g.rect(x0, box.top, x1 - x0, box.height);
          g.clip();
          g.strokeStyle = 'rgba(29, 35, 48, 0.25)';
          g.lineWidth = dpr;
          for (let s = x0 - box.height; s < x1; s += 12 * dpr) {
            g.beginPath();
            g.moveTo(s, box.bottom);
            g.lineTo(s + box.height, box.top);
            g.stroke();
          }
          g.restore();
        }
      }
      start = i;
    }
    if (state.kind === 'maxout') {
      const [w1, b1, w2, b2] = state.lines;
      polyline(f, RANGE, RANGE.map((x) => w1 * x + b1), { colour: MUTED, width: 1.5, dash: [2, 5] });
      polyline(f, RANGE, RANGE.map((x) => w2 * x + b2), { colour: MUTED, width: 1.5, dash: [2, 5] });
    }
    polyline(f, curve.xs, curve.derivatives, { colour: CLASS0, width: 3, dash: [10, 7] });
    polyline(f, curve.xs, curve.values, { colour: CLASS1, width: 4 });
    if (identity) polyline(f, curve.xs, identity.overlay, { colour: INK, width: 2, dash: [2, 6] });
    canvas.setAttribute('aria-label', `${state.kind}: f and f′ for x from −5 to 5`);
  }

  const resizer = new ResizeObserver(() => last && render());
  resizer.observe($('act-canvas'));
  update();
  return () => resizer.disconnect();
}
