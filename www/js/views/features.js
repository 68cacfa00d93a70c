// View "features": feature learning (lecture 3.4). A 2-8-2-1 tanh network
// learns two classes that no line separates; beside the input plane with its
// curved boundary, the same points are drawn in the space of the last hidden
// layer (h1, h2) with the output layer's straight line, and the page says how
// many points that line already gets right. window.__features exposes the numbers.

import { DATASETS, FeatureTrainer, featureProbabilities } from '../lecture/features-model.js';
import { drawPlane, planeGrid } from '../lecture/plane.js';
import { trainingSession } from '../lecture/session.js';
import { drawLoss } from '../losschart.js';
import { useStyles } from '../styles.js';

const INPUT_DOMAIN = { min: -1.5, max: 1.5 };
const FEATURE_DOMAIN = { min: -1.1, max: 1.1 };
const GRID_N = 60;
const SPEEDS = ['1', '5', '20'];

const TEMPLATE = `
<header class="page-header view-header">
  <p class="eyebrow">Lecture 6 · 3.4 Context of feature learning</p>
  <h1>Learned features make the data linearly separable</h1>
  <p class="lede">“The last hidden layer can be thought of as a feature map, and the output layer weights as a linear model using those features.”
  A <span class="nowrap">2-8-2-1</span> tanh network: its last hidden layer has two units, so its feature space is a plane we can draw.</p>
</header>
<div class="lecture-layout ft-layout">
  <section class="card ft-input-card" aria-labelledby="ft-input-title">
    <div class="card-head"><h2 id="ft-input-title">Input space (x₁, x₂)</h2><p class="card-note">the whole network: a curved boundary</p></div>
    <div class="plot-frame"><canvas id="ft-input" class="plot square" role="img" aria-label="Input space"></canvas></div>
  </section>
  <section class="card ft-feature-card" aria-labelledby="ft-feature-title">
    <div class="card-head"><h2 id="ft-feature-title">Hidden space (h₁, h₂)</h2><p class="card-note">the output layer alone: a straight line</p></div>
    <div class="plot-frame"><canvas id="ft-feature" class="plot square" role="img" aria-label="Hidden space"></canvas></div>
    <p class="ft-separable">Linearly separable in hidden space: <strong id="ft-separable">–</strong> correct by the output's line</p>
  </section>
  <section class="card ft-controls-card" aria-labelledby="ft-controls-title">
    <div class="card-head"><h2 id="ft-controls-title">Training</h2><p class="card-note">logistic loss · Adam, learning rate 0.01 · 200 points per step</p></div>
    <div class="buttons ft-buttons">
      <button type="button" id="ft-train" class="btn btn-primary">Train</button>
      <button type="button" id="ft-step" class="btn">Step</button>
      <button type="button" id="ft-reset" class="btn">Reset</button>
    </div>
    <div class="lecture-controls">
      <div class="field"><label for="ft-data">Data</label><select id="ft-data">${DATASETS.map((d) => `<option value="${d}">${d}</option>`).join('')}</select></div>
      <div class="field"><label for="ft-seed">Seed</label><input id="ft-seed" type="number" min="0" max="4294967295" step="1" inputmode="numeric"></div>
      <div class="field"><label for="ft-speed">Steps per frame</label><select id="ft-speed">${SPEEDS.map((s) => `<option value="${s}">${s}</option>`).join('')}</select></div>
    </div>
    <dl class="lecture-stats">
      <div><dt>Step</dt><dd id="ft-steps">0</dd></div>
      <div><dt>Loss</dt><dd id="ft-loss">–</dd></div>
    </dl>
    <ul class="legend" aria-label="Legend">
      <li><span class="swatch swatch-zero" aria-hidden="true"></span> class 0 (circle)</li>
      <li><span class="swatch swatch-one" aria-hidden="true"></span> class 1 (square)</li>
      <li><span class="swatch swatch-line" aria-hidden="true"></span> P = 0.5</li>
    </ul>
    <div id="status" class="status" role="status" aria-live="polite"></div>
    <div id="message" class="message" role="alert" hidden></div>
  </section>
  <section class="card ft-loss-card" aria-labelledby="ft-loss-title">
    <div class="card-head"><h2 id="ft-loss-title">Loss curve</h2><p class="card-note">mean logistic loss per step, log scale</p></div>
    <div class="plot-frame"><canvas id="ft-losschart" class="plot wide" role="img" aria-label="Loss curve"></canvas></div>
  </section>
</div>`;

const pct = (f) => `${(100 * f).toFixed(1)}%`;

export async function mount(root, ctx) {
  await Promise.all([useStyles('lecture'), useStyles('features')]);
  if (!ctx.isCurrent()) return null; // the reader moved on while the styles loaded
  root.innerHTML = TEMPLATE;
  const $ = (id) => root.querySelector(`#${id}`);
  const el = {
    input: $('ft-input'), feature: $('ft-feature'), lossChart: $('ft-losschart'), train: $('ft-train'), step: $('ft-step'),
    reset: $('ft-reset'), data: $('ft-data'), seed: $('ft-seed'), speed: $('ft-speed'), separable: $('ft-separable'),
    steps: $('ft-steps'), loss: $('ft-loss'),
  };
  el.data.value = ctx.params.choice('data', 'circles', DATASETS);
  el.seed.value = String(ctx.params.number('seed', 1, { min: 0, max: 0xffffffff, integer: true }));
  el.speed.value = ctx.params.choice('speed', '1', SPEEDS);

  const inputGrid = planeGrid(INPUT_DOMAIN, GRID_N);
  const featureGrid = planeGrid(FEATURE_DOMAIN, GRID_N);
  let view = null;
  const hook = { ready: false, steps: 0, loss: null, separable: null, hidden: [], line: null, weights: null, x: [], labels: [], error: null, running: false };
  window.__features = hook;

  function refresh(trainer) {
    const r = trainer.readout();
    view = { ...r, inputProbs: trainer.inputProbabilities(inputGrid), featureProbs: featureProbabilities(r.line, featureGrid) };
    const loss = trainer.losses.at(-1);
    Object.assign(hook, {
      steps: trainer.steps, loss: loss ?? null, separable: r.separable, hidden: Array.from(r.hidden), line: r.line, weights: r.weights,
    });
    el.steps.textContent = trainer.steps.toLocaleString('en-US');
    el.loss.textContent = Number.isFinite(loss) ? loss.toFixed(4) : '–';
    el.separable.textContent = pct(r.separable);
    el.feature.setAttribute('aria-label', `Hidden space after ${trainer.steps} steps: the output's line puts ${pct(r.separable)} of the points on their class's side.`);
    el.input.setAttribute('aria-label', `Input space after ${trainer.steps} steps with the network's curved decision boundary.`);
  }

  function draw(trainer) {
    if (!view) return;
    const labels = Array.from(trainer.labels);
    drawPlane(el.input, { domain: INPUT_DOMAIN, points: trainer.x, labels, probs: view.inputProbs, n: GRID_N, ticks: [-1, 0, 1] });
    drawPlane(el.feature, { domain: FEATURE_DOMAIN, points: view.hidden, labels, probs: view.featureProbs, n: GRID_N, ticks: [-1, 0, 1] });
    drawLoss(el.lossChart, trainer.losses);
  }

  const session = trainingSession({
    el: { ...el, layout: root.querySelector('.ft-layout') },
    hook,
    build(seed) {
      const trainer = new FeatureTrainer(ctx.wasm, el.data.value, seed);
      hook.x = Array.from(trainer.x);
      hook.labels = Array.from(trainer.labels);
      return trainer;
    },
    refresh,
    draw,
    idleText: () => 'Press Train: watch the points in hidden space pull apart until one line separates them.',
    save: (seed) => ctx.setParams({ data: el.data.value, seed, speed: el.speed.value }),
  });
  el.data.addEventListener('change', session.reset);
  el.speed.addEventListener('change', () => ctx.setParams({ speed: el.speed.value }));

  session.reset();
  hook.ready = session.model !== null;
  return () => session.unmount();
}
