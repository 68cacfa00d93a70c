// View "neuron" (lecture 2.2): one unit s = w·x + b as a linear classifier on
// two seeded Gaussian blobs, trained by the Rust core with the logistic (binary
// softmax) or hinge (binary SVM) loss plus L2 regularization. Shows P(y = 1) =
// σ(s) contours or the margin lines s = −1, 0, +1, each point's share of the
// loss, and, with the data loss off, "gradual forgetting": |w| shrinks by
// (1 − lr·λ) per step. window.__lecture.neuron holds the numbers for the tests.

import { CLASS0, CLASS1, INK, MUTED, planeColour } from '../palette.js';
import { fmt, frame, hook, lineWhere, mountTemplate, polyline } from '../lecture/plot.js';
import { clearError, showError } from '../messages.js';

const PLANE = [-3, 3];
const GRID = 60;
const PER_CLASS = 40;
const SPREAD = 0.7;
const CONTOURS = [0.1, 0.3, 0.5, 0.7, 0.9];
const LAMBDAS = [0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1];
/** Steps per animation frame while training runs. */
const STEPS_PER_FRAME = 2;

const TEMPLATE = `
<header class="page-header view-header lecture-header">
  <p class="eyebrow">Lecture 2.2 · a single neuron as a linear classifier</p>
  <h1>One neuron: logistic regression or a binary SVM</h1>
  <p class="lede">The unit computes a score s = w₁x₁ + w₂x₂ + b. With the <strong>logistic</strong> loss σ(s) is
  P(y = 1 | x); with the <strong>hinge</strong> loss it is a binary SVM with margin |s| ≥ 1. The L2 penalty
  λ/2·|w|² pulls the weights toward zero after every update: “gradual forgetting”.</p>
</header>
<div class="layout lecture-layout">
  <section class="card lecture-plot" aria-labelledby="n-plot-title">
    <div class="card-head">
      <h2 id="n-plot-title">Data and decision boundary</h2>
      <p class="card-note" id="n-plot-note"></p>
    </div>
    <canvas id="n-plane" class="plot lecture-square" role="img" aria-label="Points and boundary"></canvas>
    <ul class="legend" aria-label="Legend">
      <li><span class="swatch swatch-one" aria-hidden="true"></span> y = 1 (square)</li>
      <li><span class="swatch swatch-zero" aria-hidden="true"></span> y = 0 (circle)</li>
      <li><span class="swatch swatch-line" aria-hidden="true"></span> s = 0</li>
      <li id="n-legend-extra"></li>
      <li>marker area ∝ the point's loss Lᵢ</li>
    </ul>
  </section>
  <section class="card lecture-controls" aria-labelledby="n-controls-title">
    <h2 id="n-controls-title">Train</h2>
    <div class="segmented" role="radiogroup" aria-label="Loss">
      <button type="button" class="seg" role="radio" data-loss="logistic">Binary softmax (logistic)</button>
      <button type="button" class="seg" role="radio" data-loss="hinge">Binary SVM (hinge)</button>
    </div>
    <div class="buttons">
      <button type="button" id="n-train" class="btn btn-primary"><span class="btn-text">Train</span></button>
      <button type="button" id="n-step" class="btn">Step</button>
      <button type="button" id="n-reset" class="btn">Reset</button>
    </div>
    <div class="settings">
      <div class="field">
        <label for="n-lambda">λ (L2) = <output id="n-lambda-out"></output></label>
        <input id="n-lambda" type="range" min="0" max="${LAMBDAS.length - 1}" step="1">
      </div>
      <div class="field">
        <label for="n-lr">Learning rate = <output id="n-lr-out"></output></label>
        <input id="n-lr" type="range" min="0.01" max="1" step="0.01">
      </div>
    </div>
    <label class="switch"><input type="checkbox" id="n-data" role="switch" checked> Data loss on
      <small>(off: only λ/2·|w|² is minimized)</small></label>
    <dl class="stats lecture-stats">
      <div><dt>Step</dt><dd id="n-steps">0</dd></div>
      <div><dt>Data loss</dt><dd id="n-loss">–</dd></div>
      <div><dt>|w|</dt><dd id="n-norm">–</dd></div>
      <div><dt>Accuracy</dt><dd id="n-acc">–</dd></div>
      <div><dt>w₁</dt><dd id="n-w1">–</dd></div>
      <div><dt>w₂</dt><dd id="n-w2">–</dd></div>
      <div><dt>b</dt><dd id="n-b">–</dd></div>
    </dl>
    <p class="fact" id="n-fact" aria-live="polite"></p>
    <div id="message" class="message" role="alert" hidden></div>
  </section>
  <section class="card" aria-labelledby="n-share-title">
    <div class="card-head">
      <h2 id="n-share-title">Each point's share of the loss</h2>
      <p class="card-note">Lᵢ / Σⱼ Lⱼ, largest first; colour = class</p>
    </div>
    <canvas id="n-shares" class="plot lecture-wide" role="img" aria-label="Loss shares"></canvas>
  </section>
  <section class="card" aria-labelledby="n-norm-title">
    <div class="card-head">
      <h2 id="n-norm-title">Weight length |w| per step</h2>
      <p class="card-note">dotted: |w₀|(1 − lr·λ)ᵗ, the pure forgetting curve</p>
    </div>
    <canvas id="n-norms" class="plot lecture-wide" role="img" aria-label="Weight length over steps"></canvas>
  </section>
</div>`;

/** Mounts the view; returns its unmount function. */
export async function mount(root, ctx) {
  const $ = await mountTemplate(root, TEMPLATE, ctx);
  if (!$) return null;
  const { wasm, params } = ctx;
  const state = {
    loss: params.choice('loss', 'logistic', ['logistic', 'hinge']),
    lambdaIndex: params.number('lambda', 2, { min: 0, max: LAMBDAS.length - 1, integer: true }),
    lr: params.number('lr', 0.1, { min: 0.01, max: 1 }),
    dataLoss: params.flag('data', true),
    seed: params.number('seed', 1, { min: 0, max: 4294967295, integer: true }),
  };
  const h = hook('neuron', { ready: false, error: null });
  let neuron = null;
  let norms = [];
  let forgetFrom = null; // {step, norm} where the data loss was last switched off
  let running = false;
  let raf = 0;

  const grid = new Float32Array(GRID * GRID * 2);
  for (let r = 0; r < GRID; r++) {
    for (let c = 0; c < GRID; c++) {
      const i = (r * GRID + c) * 2;
      grid[i] = PLANE[0] + ((c + 0.5) / GRID) * (PLANE[1] - PLANE[0]);
      grid[i + 1] = PLANE[1] - ((r + 0.5) / GRID) * (PLANE[1] - PLANE[0]);
    }
  }

  function reset() {
    try {
      neuron?.free();
      neuron = new wasm.Neuron(state.loss, PER_CLASS, SPREAD, state.seed);
      // Start from the lecture's picture: a boundary that is far from right, so training has work to do.
      neuron.setParameters(new Float32Array([-0.5, 1.5, 0.5]));
      norms = [neuron.weightNorm()];
      forgetFrom = state.dataLoss ? null : { step: 0, norm: norms[0] };
      clearError();
    } catch (error) {
      h.error = error.message;
      showError(error, 'Could not build the neuron');
    }
    render();
  }

  function step(n = 1) {
    if (!neuron) return false;
    try {
      for (let i = 0; i < n; i++) {
        neuron.step(state.lr, LAMBDAS[state.lambdaIndex], state.dataLoss);
        norms.push(neuron.weightNorm());
      }
      return true;
    } catch (error) {
      h.error = error.message;
      showError(error, 'Training step failed');
      stop();
      return false;
    }
  }

  function tick() {
    if (!running) return;
    if (step(STEPS_PER_FRAME)) render();
    raf = requestAnimationFrame(tick);
  }
  function stop() {
    running = false;
    cancelAnimationFrame(raf);
    $('n-train').classList.remove('is-running');
    $('n-train').querySelector('.btn-text').textContent = 'Train';
  }

  $('n-train').addEventListener('click', () => {
    if (running) return stop();
    running = true;
    $('n-train').classList.add('is-running');
    $('n-train').querySelector('.btn-text').textContent = 'Pause';
    raf = requestAnimationFrame(tick);
  });
  $('n-step').addEventListener('click', () => {
    if (step(1)) render();
  });
  $('n-reset').addEventListener('click', () => {
    stop();
    reset();
  });
  for (const b of root.querySelectorAll('[data-loss]')) {
    b.addEventListener('click', () => {
      state.loss = b.dataset.loss;
      try {
        neuron?.setLoss(state.loss);
      } catch (error) {
        showError(error, 'Could not switch the loss');
      }
      render();
    });
  }
  const lambda = $('n-lambda');
  lambda.value = String(state.lambdaIndex);
  lambda.addEventListener('input', () => {
    state.lambdaIndex = Number(lambda.value);
    if (!state.dataLoss && neuron) forgetFrom = { step: norms.length - 1, norm: neuron.weightNorm() };
    render();
  });
  const lr = $('n-lr');
  lr.value = String(state.lr);
  lr.addEventListener('input', () => {
    state.lr = Number(lr.value);
    if (!state.dataLoss && neuron) forgetFrom = { step: norms.length - 1, norm: neuron.weightNorm() };
    render();
  });
  const data = $('n-data');
  data.checked = state.dataLoss;
  data.addEventListener('change', () => {
    state.dataLoss = data.checked;
    forgetFrom = state.dataLoss || !neuron ? null : { step: norms.length - 1, norm: neuron.weightNorm() };
    render();
  });

  function render() {
    const lam = LAMBDAS[state.lambdaIndex];
    $('n-lambda-out').textContent = String(lam);
    $('n-lr-out').textContent = fmt(state.lr, 2);
    for (const b of root.querySelectorAll('[data-loss]')) b.setAttribute('aria-checked', String(b.dataset.loss === state.loss));
    if (!neuron) return;
    let view;
    try {
      view = {
        p: Array.from(neuron.parameters()),
        points: neuron.points(),
        labels: neuron.labels(),
        losses: neuron.perExampleLoss(),
        dataLoss: neuron.dataLoss(),
        accuracy: neuron.accuracy(),
        norm: neuron.weightNorm(),
        plane: state.loss === 'logistic' ? neuron.probabilities(grid) : neuron.scores(grid),
        scores: neuron.scores(neuron.points()),
      };
    } catch (error) {
      h.error = error.message;
      showError(error, 'Could not evaluate the neuron');
      return;
    }
    const [w1, w2, b] = view.p;
    $('n-steps').textContent = String(neuron.steps);
    $('n-loss').textContent = fmt(view.dataLoss, 4);
    $('n-norm').textContent = fmt(view.norm, 4);
    $('n-acc').textContent = `${Math.round(view.accuracy * 100)}%`;
    $('n-w1').textContent = fmt(w1, 3);
    $('n-w2').textContent = fmt(w2, 3);
    $('n-b').textContent = fmt(b, 3);
    $('n-plot-note').textContent = state.loss === 'logistic'
      ? 'background and lines: P(y = 1 | x) = σ(s) at 0.1, 0.3, 0.5, 0.7, 0.9'
      : 'lines: s = −1, 0, +1; points inside the margin (y·s < 1) pay hinge loss';
    $('n-legend-extra').textContent = state.loss === 'logistic' ? '┄ P = 0.1 … 0.9' : '┄ margin s = ±1';
    const shrink = 1 - state.lr * lam;
    $('n-fact').textContent = state.dataLoss
      ? `Total loss = data loss + λ/2·|w|² with λ = ${lam}. Switch the data loss off to watch the weights forget.`
      : `Data loss off: each step multiplies w by (1 − lr·λ) = ${fmt(shrink, 4)}; the bias is not regularized and stays at ${fmt(b, 3)}.`;
    drawPlane(view);
    drawShares(view);
    drawNorms();
    const sum = view.losses.reduce((a, v) => a + v, 0);
    const expected = forgetFrom ? forgetFrom.norm * Math.pow(shrink, norms.length - 1 - forgetFrom.step) : null;
    Object.assign(h, {
      ready: true,
      loss: state.loss,
      lambda: lam,
      lr: state.lr,
      dataLossOn: state.dataLoss,
      steps: neuron.steps,
      parameters: view.p,
      dataLoss: view.dataLoss,
      accuracy: view.accuracy,
      weightNorm: view.norm,
      norms: [...norms],
      forgetFrom: forgetFrom && { ...forgetFrom },
      expectedNorm: expected,
      perExampleLoss: Array.from(view.losses),
      scores: Array.from(view.scores),
      labels: Array.from(view.labels),
      shareSum: sum > 0 ? view.losses.reduce((a, v) => a + v / sum, 0) : 0,
    });
    ctx.setParams({ loss: state.loss, lambda: state.lambdaIndex, lr: state.lr, data: state.dataLoss ? undefined : 0, seed: state.seed === 1 ? undefined : state.seed });
  }

  function drawPlane(v) {
    const canvas = $('n-plane');
    const f = frame(canvas, { xlo: PLANE[0], xhi: PLANE[1], ylo: PLANE[0], yhi: PLANE[1], xlabel: 'x₁', ylabel: 'x₂', square: true });
    const { ctx: g, X, Y, box, dpr } = f;
    const img = document.createElement('canvas');
    img.width = img.height = GRID;
    const ic = img.getContext('2d');
    const data = ic.createImageData(GRID, GRID);
    for (let i = 0; i < GRID * GRID; i++) {
      // Hinge: tint by the score, saturating at the margin |s| = 1 (a colour, not a probability).
      const p = state.loss === 'logistic' ? v.plane[i] : 0.5 + 0.5 * Math.max(-1, Math.min(1, v.plane[i]));
      const [r, gg, bb] = planeColour(p);
      data.data.set([r, gg, bb, 255], i * 4);
    }
    ic.putImageData(data, 0, 0);
    g.imageSmoothingEnabled = true;
    g.drawImage(img, box.left, box.top, box.width, box.height);
    if (state.loss === 'logistic') {
      for (const p of CONTOURS) {
        if (p === 0.5) continue;
        lineWhere(f, v.p, Math.log(p / (1 - p)), PLANE, { colour: MUTED, width: 1.5, dash: [6, 5] });
      }
    } else {
      for (const s of [-1, 1]) lineWhere(f, v.p, s, PLANE, { colour: MUTED, width: 2, dash: [8, 6] });
    }
    lineWhere(f, v.p, 0, PLANE, { colour: INK, width: 3.5 });
    const total = v.losses.reduce((a, l) => a + l, 0) || 1;
    const n = v.labels.length;
    for (let i = 0; i < n; i++) {
      const x = X(v.points[2 * i]);
      const y = Y(v.points[2 * i + 1]);
      const r = (2.5 + 13 * Math.sqrt((v.losses[i] / total) * n / 4)) * dpr * Math.min(1, box.width / (480 * dpr));
      g.fillStyle = v.labels[i] === 1 ? CLASS1 : CLASS0;
      g.strokeStyle = '#fff';
      g.lineWidth = 1.5 * dpr;
      g.beginPath();
      if (v.labels[i] === 1) g.rect(x - r, y - r, 2 * r, 2 * r);
      else g.arc(x, y, r, 0, 2 * Math.PI);
      g.globalAlpha = 0.85;
      g.fill();
      g.globalAlpha = 1;
      g.stroke();
    }
    canvas.setAttribute('aria-label', `${n} points; boundary ${fmt(v.p[0], 2)} x1 + ${fmt(v.p[1], 2)} x2 + ${fmt(v.p[2], 2)} = 0`);
  }

  function drawShares(v) {
    const canvas = $('n-shares');
    const total = v.losses.reduce((a, l) => a + l, 0);
    const order = [...v.losses.keys()].sort((a, b) => v.losses[b] - v.losses[a]);
    const top = total > 0 ? v.losses[order[0]] / total : 0;
    const f = frame(canvas, { xlo: 0, xhi: order.length, ylo: 0, yhi: Math.max(0.05, top * 1.1) * 100, xlabel: 'points, sorted by loss', ylabel: 'share %' });
    const { ctx: g, X, Y } = f;
    order.forEach((i, k) => {
      const share = total > 0 ? (100 * v.losses[i]) / total : 0;
      g.fillStyle = v.labels[i] === 1 ? CLASS1 : CLASS0;
      g.fillRect(X(k) + 0.5, Y(share), Math.max(1, X(k + 1) - X(k) - 1), Y(0) - Y(share));
    });
  }

  function drawNorms() {
    const canvas = $('n-norms');
    const max = Math.max(0.5, ...norms) * 1.1;
    const f = frame(canvas, { xlo: 0, xhi: Math.max(10, norms.length - 1), ylo: 0, yhi: max, xlabel: 'step', ylabel: '|w|' });
    const stride = Math.max(1, Math.floor(norms.length / 1000));
    const xs = [];
    const ys = [];
    for (let i = 0; i < norms.length; i += stride) {
      xs.push(i);
      ys.push(norms[i]);
    }
    polyline(f, xs, ys, { colour: CLASS1, width: 3 });
    if (forgetFrom) {
      const shrink = 1 - state.lr * LAMBDAS[state.lambdaIndex];
      const fx = [];
      const fy = [];
      for (let t = forgetFrom.step; t <= Math.max(norms.length - 1, forgetFrom.step + 10); t += Math.max(1, stride)) {
        fx.push(t);
        fy.push(forgetFrom.norm * Math.pow(shrink, t - forgetFrom.step));
      }
      polyline(f, fx, fy, { colour: INK, width: 2, dash: [2, 5] });
    }
  }

  const resizer = new ResizeObserver(() => render());
  for (const id of ['n-plane', 'n-shares', 'n-norms']) resizer.observe($(id));
  reset();
  return () => {
    stop();
    resizer.disconnect();
    neuron?.free();
    neuron = null;
  };
}
