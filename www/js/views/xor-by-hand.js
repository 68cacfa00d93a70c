// View "xor-by-hand" (lecture 3.3): a 2-2-1 network of step (hard threshold)
// units whose nine weights and biases (output bias included) the user types in.
// The preset is the lecture's: h1 fires if at least one input is 1, h2 if both
// are, and the output if h1 and not h2. The truth table comes live from the Rust
// core's forward pass. A second panel tries to fit XOR with a single linear unit
// (logistic loss, Adam) and shows why it cannot. window.__lecture.xorByHand
// holds the numbers for the tests.

import { CLASS0, CLASS1, INK, MUTED } from '../palette.js';
import { fmt, frame, hook, lineWhere, mountTemplate } from '../lecture/plot.js';
import { clearError, showError } from '../messages.js';
import { XOR_INPUTS, XOR_TARGETS } from '../xor.js';

/** [w11, w12, b1, w21, w22, b2, v1, v2, c]: h1 = OR, h2 = AND, y = h1 AND NOT h2. */
const PRESET = [1, 1, -0.5, 1, 1, -1.5, 1, -1, -0.5];
const NAMES = ['w₁₁', 'w₁₂', 'b₁', 'w₂₁', 'w₂₂', 'b₂', 'v₁', 'v₂', 'c'];
const ROWS = [
  ['h₁', 'x₁', 'x₂', 'at least one input is 1 (OR)'],
  ['h₂', 'x₁', 'x₂', 'both inputs are 1 (AND)'],
  ['y', 'h₁', 'h₂', 'h₁ and not h₂'],
];
const LINEAR_STEPS = 3000;
const STEPS_PER_FRAME = 150;

const SPEC = {
  inputs: 2,
  hidden: [{ units: 2, activation: 'step' }],
  outputs: 1,
  outputActivation: 'step',
  loss: 'squaredError',
  seed: 0,
};

const TEMPLATE = `
<header class="page-header view-header lecture-header">
  <p class="eyebrow">Lecture 3.3 · example: XOR</p>
  <h1>XOR by hand: two hidden step units</h1>
  <p class="lede">XOR is “one of the inputs is 1, but not both”. Hidden unit h₁ detects <em>at least one</em>,
  h₂ detects <em>both</em>, and the output fires when h₁ = 1 and h₂ = 0. Every unit is
  step(w·input + b): edit any of the nine numbers and watch the truth table.</p>
</header>
<div class="layout lecture-layout">
  <section class="card" aria-labelledby="x-net-title">
    <div class="card-head">
      <h2 id="x-net-title">Weights and biases</h2>
      <p class="card-note">unit = step(w·a + w·b + bias), step(z) = 1 if z ≥ 0</p>
    </div>
    <svg id="x-diagram" class="diagram" viewBox="0 0 420 220" role="img" aria-label="The 2-2-1 network"></svg>
    <table class="param-table">
      <caption class="visually-hidden">Weights and bias of each unit</caption>
      <thead><tr><th scope="col">unit</th><th scope="col">weight 1</th><th scope="col">weight 2</th><th scope="col">bias</th></tr></thead>
      <tbody id="x-params"></tbody>
    </table>
    <div class="preset-row">
      <button type="button" class="btn btn-primary" id="x-preset">Lecture preset</button>
      <button type="button" class="btn" id="x-zero">All zero</button>
    </div>
    <div id="message" class="message" role="alert" hidden></div>
  </section>
  <section class="card" aria-labelledby="x-table-title">
    <div class="card-head">
      <h2 id="x-table-title">Truth table</h2>
      <p class="card-note">from the network's forward pass</p>
    </div>
    <table class="truth">
      <caption class="visually-hidden">Inputs, hidden units, output and XOR</caption>
      <thead><tr><th scope="col">x₁</th><th scope="col">x₂</th><th scope="col">h₁</th><th scope="col">h₂</th><th scope="col">y</th><th scope="col">XOR</th><th scope="col"><span class="visually-hidden">right?</span></th></tr></thead>
      <tbody id="x-truth"></tbody>
    </table>
    <p class="big-readout">y column: <strong id="x-ycol">–</strong> <span id="x-verdict"></span></p>
  </section>
  <section class="card wide-card" aria-labelledby="x-lin-title">
    <div class="card-head">
      <h2 id="x-lin-title">Can one linear unit do it?</h2>
      <p class="card-note">logistic regression σ(w₁x₁ + w₂x₂ + b), Adam, ${LINEAR_STEPS} steps</p>
    </div>
    <div class="split">
      <canvas id="x-lin-plot" class="plot lecture-square" role="img" aria-label="XOR points and lines"></canvas>
      <div>
        <button type="button" class="btn btn-primary" id="x-lin">Try one linear unit</button>
        <dl class="stats lecture-stats">
          <div><dt>Step</dt><dd id="x-lin-steps">0</dd></div>
          <div><dt>Loss</dt><dd id="x-lin-loss">–</dd></div>
          <div><dt>ln 2</dt><dd>0.6931</dd></div>
          <div><dt>Trained unit</dt><dd id="x-lin-correct">–</dd></div>
          <div><dt>Best line</dt><dd id="x-lin-best">–</dd></div>
        </dl>
        <p class="fact" id="x-lin-fact">No straight line puts (0,1) and (1,0) on one side and (0,0) and (1,1) on the other:
        XOR is not linearly separable, so one unit gets at most 3 of 4 right, and the logistic loss stalls near ln 2.</p>
        <ul class="legend" aria-label="Legend">
          <li><span class="swatch swatch-one" aria-hidden="true"></span> XOR = 1</li>
          <li><span class="swatch swatch-zero" aria-hidden="true"></span> XOR = 0</li>
          <li><span class="swatch swatch-line" aria-hidden="true"></span> trained unit, σ = 0.5</li>
          <li>┄ best of many lines</li>
        </ul>
      </div>
    </div>
  </section>
</div>`;

/** Mounts the view; returns its unmount function. */
export async function mount(root, ctx) {
  const $ = await mountTemplate(root, TEMPLATE, ctx);
  if (!$) return null;
  const { wasm, params } = ctx;
  const fromHash = params.string('w', PRESET.join(','), { pattern: /^-?[\d.]+(,-?[\d.]+){8}$/ }).split(',').map(Number);
  const values = fromHash.every(Number.isFinite) ? fromHash : [...PRESET];
  const h = hook('xorByHand', { ready: false, error: null });
  let net;
  try {
    net = new wasm.Mlp(SPEC);
  } catch (error) {
    h.error = error.message;
    showError(error, 'Could not build the network');
    return () => {};
  }

  // Parameter inputs, one row per unit.
  const inputs = [];
  $('x-params').replaceChildren(
    ...ROWS.map(([unit, a, b, meaning], r) => {
      const tr = document.createElement('tr');
      const th = document.createElement('th');
      th.scope = 'row';
      th.innerHTML = `${unit}<small>${meaning}</small>`;
      tr.append(th);
      for (let c = 0; c < 3; c++) {
        const k = r * 3 + c;
        const td = document.createElement('td');
        const input = Object.assign(document.createElement('input'), { type: 'number', step: '0.5', inputMode: 'decimal', value: String(values[k]), id: `x-p${k}` });
        input.setAttribute('aria-label', `${NAMES[k]}: ${c === 2 ? 'bias' : `weight from ${c === 0 ? a : b}`} of ${unit}`);
        input.addEventListener('input', () => {
          const v = Number(input.value);
          const ok = input.value.trim() !== '' && Number.isFinite(v);
          input.setAttribute('aria-invalid', String(!ok));
          if (!ok) return;
          values[k] = v;
          update();
        });
        inputs.push(input);
        td.append(input);
        tr.append(td);
      }
      return tr;
    }),
  );
  const setAll = (v) => {
    v.forEach((x, i) => {
      values[i] = x;
      inputs[i].value = String(x);
      inputs[i].removeAttribute('aria-invalid');
    });
    update();
  };
  $('x-preset').addEventListener('click', () => setAll(PRESET));
  $('x-zero').addEventListener('click', () => setAll(new Array(9).fill(0)));

  function update() {
    let hidden;
    let y;
    try {
      net.setParameters(0, new Float32Array([values[0], values[1], values[3], values[4]]), new Float32Array([values[2], values[5]]));
      net.setParameters(1, new Float32Array([values[6], values[7]]), new Float32Array([values[8]]));
      y = Array.from(net.forward(XOR_INPUTS));
      hidden = Array.from(net.activationsView(0));
      clearError();
    } catch (error) {
      h.error = error.message;
      showError(error, 'Could not run the network');
      return;
    }
    const rows = [];
    for (let i = 0; i < 4; i++) {
      const ok = y[i] === XOR_TARGETS[i];
      const tr = document.createElement('tr');
      tr.dataset.state = ok ? 'ok' : 'bad';
      for (const v of [XOR_INPUTS[2 * i], XOR_INPUTS[2 * i + 1], hidden[2 * i], hidden[2 * i + 1], y[i], XOR_TARGETS[i]]) {
        tr.append(Object.assign(document.createElement('td'), { textContent: String(v) }));
      }
      tr.cells[4].className = 'y-cell';
      const mark = Object.assign(document.createElement('td'), { textContent: ok ? '✓' : '✗', className: ok ? 'mark mark-ok' : 'mark mark-bad', title: ok ? 'correct' : 'wrong' });
      tr.append(mark);
      rows.push(tr);
    }
    $('x-truth').replaceChildren(...rows);
    const right = y.filter((v, i) => v === XOR_TARGETS[i]).length;
    $('x-ycol').textContent = y.join(' ');
    $('x-verdict').textContent = right === 4 ? '= XOR ✓' : `(${right} of 4 match XOR)`;
    drawDiagram();
    Object.assign(h, { ready: true, error: null, parameters: [...values], y, hidden, correct: right });
    ctx.setParams({ w: values.join(',') === PRESET.join(',') ? undefined : values.join(',') });
  }

  function drawDiagram() {
    const pos = { x1: [40, 60], x2: [40, 160], h1: [210, 60], h2: [210, 160], y: [380, 110] };
    const edges = [
      ['x1', 'h1', 0], ['x2', 'h1', 1], ['x1', 'h2', 3], ['x2', 'h2', 4], ['h1', 'y', 6], ['h2', 'y', 7],
    ];
    const ns = 'http://www.w3.org/2000/svg';
    const el = (tag, attrs, text) => {
      const e = document.createElementNS(ns, tag);
      for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
      if (text !== undefined) e.textContent = text;
      return e;
    };
    const parts = [];
    for (const [a, b, k] of edges) {
      const [x1, y1] = pos[a];
      const [x2, y2] = pos[b];
      const w = values[k];
      parts.push(el('line', { x1, y1, x2, y2, class: w > 0 ? 'edge pos' : w < 0 ? 'edge neg' : 'edge zero', 'stroke-width': 1.5 + Math.min(5, Math.abs(w) * 2) }));
      const t = a.startsWith('x') && b === 'h1' ? 0.3 : a.startsWith('x') ? 0.3 : 0.45;
      const lx = x1 + (x2 - x1) * t;
      const ly = y1 + (y2 - y1) * t - 6;
      parts.push(el('text', { x: lx, y: ly, class: 'edge-label' }, fmt(w, 1)));
    }
    for (const [name, [x, y]] of Object.entries(pos)) {
      parts.push(el('circle', { cx: x, cy: y, r: 26, class: name.startsWith('x') ? 'node input' : 'node' }));
      parts.push(el('text', { x, y: y + 6, class: 'node-label' }, name.replace('1', '₁').replace('2', '₂')));
    }
    for (const [name, k] of [['h1', 2], ['h2', 5], ['y', 8]]) {
      const [x, y] = pos[name];
      parts.push(el('text', { x, y: y + 46, class: 'bias-label' }, `b = ${fmt(values[k], 1)}`));
    }
    $('x-diagram').replaceChildren(...parts);
  }

  // ---- one linear unit ----
  let linear = null;
  let raf = 0;
  const best = wasm.bestLineOnXor();
  $('x-lin-best').textContent = `${best.correct} / ${best.total}`;
  $('x-lin-best').title = `best of ${best.tried.toLocaleString('en')} lines tried`;
  Object.assign(h, { bestLine: best });

  function drawLinear() {
    const f = frame($('x-lin-plot'), { xlo: -0.5, xhi: 1.5, ylo: -0.5, yhi: 1.5, xlabel: 'x₁', ylabel: 'x₂', square: true });
    const { ctx: g, X, Y, dpr } = f;
    lineWhere(f, [best.w1, best.w2, best.b], 0, [-0.5, 1.5], { colour: MUTED, width: 2.5, dash: [8, 6] });
    if (linear && h.linear) {
      const [w1, w2, b] = h.linear.parameters;
      if (Math.hypot(w1, w2) > 1e-4) lineWhere(f, [w1, w2, b], 0, [-0.5, 1.5], { colour: INK, width: 3.5 });
    }
    for (let i = 0; i < 4; i++) {
      const x = X(XOR_INPUTS[2 * i]);
      const y = Y(XOR_INPUTS[2 * i + 1]);
      const r = 11 * dpr;
      g.fillStyle = XOR_TARGETS[i] === 1 ? CLASS1 : CLASS0;
      g.beginPath();
      if (XOR_TARGETS[i] === 1) g.rect(x - r, y - r, 2 * r, 2 * r);
      else g.arc(x, y, r, 0, 2 * Math.PI);
      g.fill();
    }
  }

  function linearTick() {
    try {
      let loss = 0;
      const n = Math.min(STEPS_PER_FRAME, LINEAR_STEPS - linear.steps);
      for (let i = 0; i < n; i++) loss = linear.trainStep(XOR_INPUTS, XOR_TARGETS);
      const labels = Array.from(linear.predictLabels(XOR_INPUTS));
      const correct = labels.filter((v, i) => v === XOR_TARGETS[i]).length;
      const parameters = [...Array.from(linear.weightsView(0)), linear.biasesView(0)[0]];
      const finalLoss = linear.evaluate(XOR_INPUTS, XOR_TARGETS);
      h.linear = { steps: linear.steps, loss: finalLoss, lastStepLoss: loss, correct, labels, parameters, done: linear.steps >= LINEAR_STEPS };
      $('x-lin-steps').textContent = String(linear.steps);
      $('x-lin-loss').textContent = fmt(finalLoss, 4);
      $('x-lin-correct').textContent = `${correct} / 4`;
      drawLinear();
      if (linear.steps < LINEAR_STEPS) raf = requestAnimationFrame(linearTick);
      else {
        $('x-lin').disabled = false;
        $('x-lin-fact').textContent = `After ${linear.steps} steps the loss is ${fmt(finalLoss, 4)} (ln 2 = 0.6931): the best the unit can do ` +
          `is to shrink w toward 0 and answer σ ≈ 0.5 everywhere. Of ${best.tried.toLocaleString('en')} lines tried, the best gets ` +
          `${best.correct} of 4 right. XOR is not linearly separable; the hidden layer above is what makes it possible.`;
      }
    } catch (error) {
      $('x-lin').disabled = false;
      showError(error, 'Training the linear unit failed');
    }
  }

  $('x-lin').addEventListener('click', () => {
    cancelAnimationFrame(raf);
    try {
      linear?.free();
      linear = new wasm.Mlp({ inputs: 2, outputs: 1, loss: 'logistic', seed: 1, optimizer: { kind: 'adam', learningRate: 0.05 } });
      $('x-lin').disabled = true;
      raf = requestAnimationFrame(linearTick);
    } catch (error) {
      showError(error, 'Could not build the linear unit');
    }
  });

  const resizer = new ResizeObserver(() => drawLinear());
  resizer.observe($('x-lin-plot'));
  update();
  drawLinear();
  return () => {
    cancelAnimationFrame(raf);
    resizer.disconnect();
    linear?.free();
    net.free();
  };
}
