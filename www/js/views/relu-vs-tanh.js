// View "relu-vs-tanh": lecture 2.3.3. Two identical networks (same data, seed
// and architecture) except for the hidden activation train side by side; both
// loss curves share one log-scale plot (the lecture's Figure 3, right) with the
// steps each needs to reach a threshold, and a dead-unit monitor shows how a
// learning rate that is too high kills ReLU units. window.__race exposes the numbers.

import { ACTS, HIDDEN, Race, stepsToReach } from '../lecture/race-model.js';
import { trainingSession } from '../lecture/session.js';
import { drawLossSeries } from '../losschart.js';
import { showError } from '../messages.js';
import { CLASS0, CLASS1 } from '../palette.js';
import { useStyles } from '../styles.js';

const RATES = ['0.03', '0.1', '0.3', '1', '2', '3', '5'];
const THRESHOLDS = ['1', '0.5', '0.3', '0.1'];
const SPEEDS = ['1', '5', '20'];
const GOOD_RATE = '0.1';
const HIGH_RATE = '3';
const STYLE = { tanh: { colour: CLASS1, dash: [8, 5], name: 'tanh' }, relu: { colour: CLASS0, dash: [], name: 'ReLU' } };

const TEMPLATE = `
<header class="page-header view-header">
  <p class="eyebrow">Lecture 6 · 2.3.3 ReLU</p>
  <h1>ReLU versus tanh</h1>
  <p class="lede">Two <span class="nowrap">2-16-16-3</span> networks, same spiral data, same seed, plain SGD; only the hidden activation differs.
  ReLU “was found to greatly accelerate the convergence of stochastic gradient descent” — but with a learning rate set too high, “as much as 40% of your network can be dead”.</p>
</header>
<div class="lecture-layout rt-layout">
  <section class="card rt-loss-card" aria-labelledby="rt-loss-title">
    <div class="card-head"><h2 id="rt-loss-title">Training loss</h2><p class="card-note">mean softmax cross-entropy per step, log scale</p></div>
    <div class="plot-frame"><canvas id="rt-losschart" class="plot wide rt-chart" role="img" aria-label="Loss curves"></canvas></div>
    <ul class="legend" aria-label="Legend">
      <li><span class="rt-key rt-key-relu" aria-hidden="true"></span> ReLU</li>
      <li><span class="rt-key rt-key-tanh" aria-hidden="true"></span> tanh</li>
      <li><span class="rt-key rt-key-threshold" aria-hidden="true"></span> threshold</li>
    </ul>
    <p class="rt-reach" id="rt-reach"></p>
  </section>
  <section class="card rt-controls-card" aria-labelledby="rt-controls-title">
    <div class="card-head"><h2 id="rt-controls-title">Training</h2><p class="card-note">one step of each network in turn · all 300 points per step</p></div>
    <div class="buttons rt-buttons">
      <button type="button" id="rt-train" class="btn btn-primary">Train</button>
      <button type="button" id="rt-step" class="btn">Step</button>
      <button type="button" id="rt-reset" class="btn">Reset</button>
    </div>
    <div class="buttons rt-buttons">
      <button type="button" id="rt-good" class="btn">Good learning rate (${GOOD_RATE})</button>
      <button type="button" id="rt-high" class="btn">Too high (${HIGH_RATE})</button>
    </div>
    <div class="lecture-controls">
      <div class="field"><label for="rt-lr">Learning rate</label><select id="rt-lr">${RATES.map((r) => `<option value="${r}">${r}</option>`).join('')}</select></div>
      <div class="field"><label for="rt-threshold">Loss threshold</label><select id="rt-threshold">${THRESHOLDS.map((r) => `<option value="${r}">${r}</option>`).join('')}</select></div>
      <div class="field"><label for="rt-seed">Seed</label><input id="rt-seed" type="number" min="0" max="4294967295" step="1" inputmode="numeric"></div>
      <div class="field"><label for="rt-speed">Steps per frame</label><select id="rt-speed">${SPEEDS.map((s) => `<option value="${s}">${s}</option>`).join('')}</select></div>
    </div>
    <dl class="lecture-stats">
      <div><dt>Step</dt><dd id="rt-steps">0</dd></div>
      <div><dt>Loss, tanh</dt><dd id="rt-loss-tanh">–</dd></div>
      <div><dt>Loss, ReLU</dt><dd id="rt-loss-relu">–</dd></div>
    </dl>
    <div id="status" class="status" role="status" aria-live="polite"></div>
    <div id="message" class="message" role="alert" hidden></div>
  </section>
  <section class="card rt-dead-card" aria-labelledby="rt-dead-title">
    <div class="card-head"><h2 id="rt-dead-title">Dead ReLU units</h2><p class="card-note">units whose input z ≤ 0 on every training point: they never fire, and get no gradient again</p></div>
    <div id="rt-dead" class="rt-dead"></div>
  </section>
</div>`;

const fmtLoss = (v) => (!Number.isFinite(v) ? '–' : v >= 0.001 ? v.toFixed(4) : v.toExponential(2));

export async function mount(root, ctx) {
  await Promise.all([useStyles('lecture'), useStyles('relu-vs-tanh')]);
  if (!ctx.isCurrent()) return null; // the reader moved on while the styles loaded
  root.innerHTML = TEMPLATE;
  const $ = (id) => root.querySelector(`#${id}`);
  const el = {
    chart: $('rt-losschart'), reach: $('rt-reach'), train: $('rt-train'), step: $('rt-step'), reset: $('rt-reset'),
    good: $('rt-good'), high: $('rt-high'), lr: $('rt-lr'), threshold: $('rt-threshold'), seed: $('rt-seed'),
    speed: $('rt-speed'), steps: $('rt-steps'), dead: $('rt-dead'), lossTanh: $('rt-loss-tanh'), lossRelu: $('rt-loss-relu'),
  };
  el.lr.value = ctx.params.choice('lr', GOOD_RATE, RATES);
  el.threshold.value = ctx.params.choice('threshold', '0.5', THRESHOLDS);
  el.seed.value = String(ctx.params.number('seed', 1, { min: 0, max: 0xffffffff, integer: true }));
  el.speed.value = ctx.params.choice('speed', '5', SPEEDS);

  const hook = { ready: false, running: false, steps: 0, lr: null, seed: null, threshold: null, losses: null, reach: null, dead: [], deadUnits: [], stopped: null, error: null };
  window.__race = hook;

  function renderDead(fractions, units) {
    el.dead.innerHTML = HIDDEN.map((n, l) => {
      const pct = (100 * fractions[l]).toFixed(1);
      const cells = units[l].map((d, j) => `<span class="rt-unit${d ? ' is-dead' : ''}" title="unit ${j + 1}: ${d ? 'dead' : 'alive'}"></span>`).join('');
      return `<div class="rt-dead-row" data-layer="${l + 1}">
        <p class="rt-dead-label">Hidden layer ${l + 1}: <strong class="rt-dead-pct">${pct}%</strong> dead <span class="rt-dead-count">(${units[l].filter(Boolean).length} of ${n})</span></p>
        <div class="rt-units" role="img" aria-label="${units[l].filter(Boolean).length} of ${n} units dead">${cells}</div>
        <div class="rt-bar" aria-hidden="true"><span style="width:${pct}%"></span></div>
      </div>`;
    }).join('') + (fractions.some((f) => f === 1)
      ? '<p class="rt-all-dead">A whole layer is dead: the scores no longer depend on the input, no gradient reaches the layers below, and the loss is stuck near ln 3 ≈ 1.0986 (guessing).</p>'
      : '') + '<p class="card-note">tanh units cannot die (tanh′ &gt; 0 everywhere); they can only saturate.</p>';
  }

  function refresh(race) {
    const threshold = Number(el.threshold.value);
    const reach = Object.fromEntries(ACTS.map((a) => [a, stepsToReach(race.losses[a], threshold)]));
    const dead = race.deadFractions();
    const units = race.deadUnits();
    Object.assign(hook, {
      steps: race.steps, threshold, reach, dead, deadUnits: units, stopped: { ...race.stopped },
      losses: Object.fromEntries(ACTS.map((a) => [a, race.losses[a].slice()])),
    });
    el.steps.textContent = race.steps.toLocaleString('en-US');
    el.lossTanh.textContent = fmtLoss(race.losses.tanh.at(-1));
    el.lossRelu.textContent = fmtLoss(race.losses.relu.at(-1));
    const say = (a) => (reach[a] === null ? `not yet (${race.losses[a].length} steps)` : `<strong data-act="${a}">${reach[a]}</strong> steps`);
    let text = `Steps to reach loss &lt; ${threshold}: ReLU ${say('relu')}, tanh ${say('tanh')}.`;
    if (reach.relu && reach.tanh) text += ` ReLU got there <strong>${(reach.tanh / reach.relu).toFixed(1)}×</strong> ${reach.tanh >= reach.relu ? 'faster' : 'slower'}.`;
    el.reach.innerHTML = text;
    renderDead(dead, units);
    const stopped = ACTS.filter((a) => race.stopped[a]);
    if (stopped.length) showError(stopped.map((a) => `${STYLE[a].name}: ${race.stopped[a]}`).join(' '), 'A network stopped');
    el.chart.setAttribute('aria-label', `Loss curves after ${race.steps} steps: ReLU ${fmtLoss(race.losses.relu.at(-1))}, tanh ${fmtLoss(race.losses.tanh.at(-1))}.`);
  }

  function draw(race) {
    drawLossSeries(el.chart, ACTS.map((a) => ({ values: race.losses[a], colour: STYLE[a].colour, dash: STYLE[a].dash })), { threshold: Number(el.threshold.value) });
  }

  const session = trainingSession({
    el: { ...el, layout: root.querySelector('.rt-layout') },
    hook,
    build(seed) {
      const race = new Race(ctx.wasm, seed, Number(el.lr.value));
      Object.assign(hook, { lr: Number(el.lr.value), seed });
      return race;
    },
    refresh,
    draw,
    idleText: () => `Learning rate ${el.lr.value}. Press Train.`,
    save: (seed) => ctx.setParams({ lr: el.lr.value, threshold: el.threshold.value, seed, speed: el.speed.value }),
    runningText: 'Training both networks…',
  });

  function preset(rate) {
    el.lr.value = rate;
    session.reset();
    session.start();
  }

  el.good.addEventListener('click', () => preset(GOOD_RATE));
  el.high.addEventListener('click', () => preset(HIGH_RATE));
  el.lr.addEventListener('change', session.reset);
  el.threshold.addEventListener('change', () => {
    ctx.setParams({ threshold: el.threshold.value });
    if (session.model) {
      refresh(session.model);
      draw(session.model);
    }
  });
  el.speed.addEventListener('change', () => ctx.setParams({ speed: el.speed.value }));

  // For the browser tests: the Rust core's per-layer statistics of the ReLU network, through the bindings.
  hook.unitStats = () => session.model.nets.relu.unitStats(session.model.x);
  session.reset();
  hook.ready = session.model !== null;
  return () => session.unmount();
}
