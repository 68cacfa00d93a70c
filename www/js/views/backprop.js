// View "backprop": the backpropagation inspector (lecture 3.5). The lecture's
// network (2-2-2, sigmoid hidden units, linear outputs, squared error) on one
// editable example; step the forward pass then the backward pass one node of
// Figure 5(b) at a time, each with its equation and the numbers substituted;
// a table compares every analytic gradient (the Rust core's backward pass)
// with its central-difference estimate (an independent f64 forward in Rust).
// window.__backprop exposes the numbers for the browser tests.

import { FIELDS, ACTIVATIONS, computeGraph, readState } from '../lecture/bpmodel.js';
import { drawGraph } from '../lecture/bpgraph.js';
import { FORWARD_STEPS, STEPS } from '../lecture/bpsteps.js';
import { fmt } from '../lecture/mathhtml.js';
import { clearError, setStatus, showError } from '../messages.js';
import { useStyles } from '../styles.js';

const SUB = ['₁', '₂', '₃', '₄'];
const LABELS = {
  x: (i) => `x${SUB[i]}`,
  t: (i) => `t${SUB[i]}`,
  w1: (i) => `w⁽¹⁾${SUB[i >> 1]}${SUB[i & 1]}`,
  b1: (i) => `b⁽¹⁾${SUB[i]}`,
  w2: (i) => `w⁽²⁾${SUB[i >> 1]}${SUB[i & 1]}`,
  b2: (i) => `b⁽²⁾${SUB[i]}`,
};
const GROUP_TITLES = { x: 'Input x', t: 'Target t', w1: 'W⁽¹⁾', b1: 'b⁽¹⁾', w2: 'W⁽²⁾', b2: 'b⁽²⁾' };
const GRAD_KEYS = [['w1', 'dW1'], ['b1', 'dB1'], ['w2', 'dW2'], ['b2', 'dB2']];

const TEMPLATE = `
<header class="page-header view-header">
  <p class="eyebrow">Lecture 6 · 3.5 Backpropagation</p>
  <h1>Backpropagation, one node at a time</h1>
  <p class="lede">The network of the lecture: <span class="nowrap">2 inputs</span>, <span class="nowrap">2 sigmoid hidden units</span>,
  <span class="nowrap">2 linear outputs</span> and the squared-error loss, on one example. Step the forward pass, then the backward pass, through the computation graph of Figure 5(b).</p>
</header>
<div class="lecture-layout bp-layout">
  <section class="card bp-graph-card" aria-labelledby="bp-graph-title">
    <div class="card-head">
      <h2 id="bp-graph-title">Computation graph</h2>
      <p class="card-note"><span class="bp-key-value">value</span> · <span class="bp-key-grad">gradient ∂E/∂node</span></p>
    </div>
    <div class="buttons bp-buttons">
      <button type="button" id="bp-forward" class="btn btn-primary">Forward ▶</button>
      <button type="button" id="bp-backward" class="btn">Backward ◀</button>
      <button type="button" id="bp-reset" class="btn">Reset</button>
    </div>
    <div id="bp-current" class="bp-current" aria-live="polite"></div>
    <svg id="bp-svg" class="bp-svg" role="img" aria-label="Computation graph"></svg>
    <div id="status" class="status" role="status" aria-live="polite"></div>
    <div id="message" class="message" role="alert" hidden></div>
  </section>
  <section class="card bp-eq-card" aria-labelledby="bp-eq-title">
    <div class="card-head">
      <h2 id="bp-eq-title">Equations</h2>
      <p class="card-note">lecture 3.5, with the current numbers</p>
    </div>
    <ol id="bp-equations" class="bp-equations"></ol>
  </section>
  <section class="card bp-check-card" aria-labelledby="bp-check-title">
    <div class="card-head">
      <h2 id="bp-check-title">Gradient check</h2>
      <p class="card-note">backward pass vs. (ℒ(p + ε) − ℒ(p − ε)) / 2ε, ε = 10⁻⁵</p>
    </div>
    <div class="table-wrap">
      <table id="bp-check" class="bp-check">
        <caption class="visually-hidden">Analytic and numeric gradient of every weight and bias</caption>
        <thead><tr><th scope="col">Parameter</th><th scope="col">Backprop</th><th scope="col">Central difference</th><th scope="col">|Difference|</th></tr></thead>
        <tbody></tbody>
      </table>
    </div>
    <p id="bp-max" class="bp-max"></p>
  </section>
  <section class="card bp-edit-card" aria-labelledby="bp-edit-title">
    <div class="card-head">
      <h2 id="bp-edit-title">Example and weights</h2>
      <p class="card-note">edit any number; the graph follows</p>
    </div>
    <form id="bp-form" class="bp-form" novalidate></form>
  </section>
</div>`;

export async function mount(root, ctx) {
  await Promise.all([useStyles('lecture'), useStyles('backprop')]);
  if (!ctx.isCurrent()) return null; // the reader moved on while the styles loaded
  root.innerHTML = TEMPLATE;
  const $ = (id) => root.querySelector(`#${id}`);
  const el = {
    forward: $('bp-forward'), backward: $('bp-backward'), reset: $('bp-reset'), svg: $('bp-svg'),
    equations: $('bp-equations'), current: $('bp-current'), check: root.querySelector('#bp-check tbody'), max: $('bp-max'), form: $('bp-form'),
  };
  const notes = [];
  const state = readState(ctx.params, (n) => notes.push(n));
  notes.forEach((n) => ctx.note(n));
  let step = ctx.params.number('step', 0, { min: 0, max: STEPS.length, integer: true });
  let graph = null;

  const hook = { ready: false, step, graph: null, error: null, state };
  window.__backprop = hook;

  function buildForm() {
    const parts = FIELDS.map(([key, len]) => {
      const inputs = Array.from({ length: len }, (_, i) => {
        const id = `bp-${key}-${i}`;
        return `<div class="field"><label for="${id}">${LABELS[key](i)}</label><input id="${id}" data-key="${key}" data-index="${i}" type="number" step="0.1" inputmode="decimal" value="${state[key][i]}"></div>`;
      }).join('');
      return `<fieldset class="bp-group bp-group-${key}"><legend>${GROUP_TITLES[key]}</legend>${inputs}</fieldset>`;
    });
    const options = ACTIVATIONS.map((a) => `<option value="${a}"${a === state.f ? ' selected' : ''}>${a === 'relu' ? 'ReLU' : a}</option>`).join('');
    parts.push(`<div class="field bp-activation"><label for="bp-f">Hidden activation f</label><select id="bp-f">${options}</select></div>`);
    el.form.innerHTML = parts.join('');
  }

  function save() {
    ctx.setParams({ ...Object.fromEntries(FIELDS.map(([k]) => [k, state[k].join(',')])), f: state.f, step });
  }

  function render() {
    const narrow = el.svg.getBoundingClientRect().width < 560;
    const forward = new Set(STEPS.slice(0, Math.min(step, FORWARD_STEPS)).map((s) => s.node));
    const backward = new Set(STEPS.slice(FORWARD_STEPS, Math.max(FORWARD_STEPS, step)).map((s) => s.node));
    const current = step > 0 ? STEPS[step - 1].node : null;
    drawGraph(el.svg, graph, { forward, backward, current }, narrow);
    el.equations.innerHTML = STEPS.slice(0, step)
      .map((s, i) => `<li class="${i === step - 1 ? 'is-current' : ''}" data-step="${i + 1}"><p class="bp-eq-title">${i + 1}. ${s.grad ? 'Backward' : 'Forward'}: ${s.title}</p><p class="bp-eq-index">${s.index}</p><p class="bp-eq-vector">${s.vector(graph)}</p></li>`)
      .reverse()
      .join('') || '<li class="bp-eq-empty">Press <b>Forward ▶</b> to compute the first node, z.</li>';
    const now = STEPS[step - 1];
    el.current.innerHTML = now
      ? `<span class="bp-current-step">${step}/${STEPS.length}</span> <span class="bp-eq-vector">${now.vector(graph)}</span>`
      : '<span class="bp-current-step">0/12</span> Forward ▶ computes z = W⁽¹⁾x + b⁽¹⁾ first.';
    el.forward.disabled = step >= FORWARD_STEPS;
    el.backward.disabled = step < FORWARD_STEPS || step >= STEPS.length;
    el.svg.setAttribute('aria-label',
      `Computation graph x, W1, b1 to z to h to y (with W2, b2) to the loss L (with t). ${step} of ${STEPS.length} steps shown.`);
    setStatus(
      step === 0 ? 'Press Forward ▶ to start the forward pass.'
        : step < FORWARD_STEPS ? `Forward pass: ${step} of ${FORWARD_STEPS} nodes computed.`
          : step === FORWARD_STEPS ? `Forward pass done: ℒ = ${fmt(graph.loss, 6)}. Press Backward ◀ to send the gradient back.`
            : step < STEPS.length ? `Backward pass: ${step - FORWARD_STEPS} of ${STEPS.length - FORWARD_STEPS} gradients computed.`
              : 'Backward pass done: every weight and bias has its gradient. Compare them with the central differences.',
    );
    renderCheck();
    Object.assign(hook, { step, graph });
  }

  function renderCheck() {
    const rows = [];
    for (const [key, gkey] of GRAD_KEYS) {
      graph[gkey].forEach((a, i) => {
        const n = graph.numeric[gkey][i];
        rows.push(`<tr data-param="${key}-${i}"><th scope="row">${LABELS[key](i)}</th><td class="bp-analytic">${fmt(a, 7)}</td><td class="bp-numeric">${fmt(n, 7)}</td><td class="bp-diff">${Math.abs(a - n).toExponential(1)}</td></tr>`);
      });
    }
    el.check.innerHTML = rows.join('');
    const ok = graph.maxDifference < 1e-4;
    el.max.innerHTML = `Largest |difference|: <strong id="bp-maxdiff">${graph.maxDifference.toExponential(2)}</strong> ${ok ? '<span class="mark mark-ok">✓ below 10⁻⁴</span>' : '<span class="mark mark-bad">✗ above 10⁻⁴</span>'}`;
  }

  function recompute() {
    try {
      graph = computeGraph(ctx.wasm, state);
      clearError();
      hook.error = null;
      render();
      return true;
    } catch (error) {
      showError(error, 'Could not compute the graph');
      hook.error = error instanceof Error ? error.message : String(error);
      return false;
    }
  }

  el.forward.addEventListener('click', () => { step = Math.min(step + 1, FORWARD_STEPS); save(); render(); });
  el.backward.addEventListener('click', () => { step = Math.min(Math.max(step, FORWARD_STEPS) + 1, STEPS.length); save(); render(); });
  el.reset.addEventListener('click', () => { step = 0; save(); render(); });
  el.form.addEventListener('submit', (e) => e.preventDefault());
  el.form.addEventListener('input', (event) => {
    const input = event.target;
    if (input.id === 'bp-f') {
      state.f = input.value;
    } else {
      const v = Number(input.value);
      const bad = input.value.trim() === '' || !Number.isFinite(v) || Math.abs(v) > 100;
      input.setAttribute('aria-invalid', String(bad));
      if (bad) {
        showError(`${LABELS[input.dataset.key](Number(input.dataset.index))} must be a number between −100 and 100.`, 'Input');
        return;
      }
      state[input.dataset.key][Number(input.dataset.index)] = v;
    }
    if (recompute()) save();
  });

  let lastNarrow = null;
  const resizer = new ResizeObserver(() => {
    const narrow = el.svg.getBoundingClientRect().width < 560;
    if (graph && narrow !== lastNarrow) render();
    lastNarrow = narrow;
  });
  resizer.observe(el.svg);

  buildForm();
  if (recompute()) hook.ready = true;
  return () => resizer.disconnect();
}
