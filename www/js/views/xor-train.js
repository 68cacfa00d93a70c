// View "xor-train": a 2-4-1 network learns XOR (lecture 3.3). Wires the
// controls, the training loop and the drawings together. Training runs in requestAnimationFrame, a few steps per frame
// within a time budget, so the page never freezes. Every error (the wasm side
// throws JS Errors with readable messages) is caught and shown in the message
// area. window.__xor exposes the numbers for the browser tests.

import { DOMAIN, GRID_SIZE, drawBoundary, gridInputs } from '../boundary.js';
import { drawLoss } from '../losschart.js';
import { clearError, setStatus, showError } from '../messages.js';
import { renderTruthTable } from '../truthtable.js';
import { DEFAULT_SEED, XOR_INPUTS, XOR_TARGETS, XorTrainer, parseSeed } from '../xor.js';

const TEMPLATE = `
<header class="page-header view-header">
  <p class="eyebrow">Multilayer perceptrons · playground</p>
  <h1>A hidden layer learns XOR</h1>
  <p class="lede">
    No single line separates the two classes of XOR; a hidden layer of four
    <abbr title="hyperbolic tangent">tanh</abbr> units <span class="nowrap">(2-4-1)</span> bends the boundary until one does.
  </p>
</header>
<div class="layout">
  <section class="card boundary-card" aria-labelledby="boundary-title">
    <div class="card-head">
      <h2 id="boundary-title">Decision boundary</h2>
      <p class="card-note">P(y = 1 | x) over the input plane [−0.5, 1.5]²</p>
    </div>
    <div class="plot-frame">
      <canvas id="boundary" class="plot square" role="img"
              aria-label="Decision boundary: the network has not been trained yet."></canvas>
      <span class="axis-label axis-x" aria-hidden="true">x₁</span>
      <span class="axis-label axis-y" aria-hidden="true">x₂</span>
    </div>
    <ul class="legend" aria-label="Legend">
      <li><span class="swatch swatch-one" aria-hidden="true"></span> XOR = 1 (square)</li>
      <li><span class="swatch swatch-zero" aria-hidden="true"></span> XOR = 0 (circle)</li>
      <li><span class="swatch swatch-line" aria-hidden="true"></span> P = 0.5</li>
    </ul>
  </section>

  <section class="card controls-card" id="controls" aria-labelledby="controls-title">
    <div class="card-head">
      <h2 id="controls-title">Training</h2>
      <p class="card-note"><span class="nowrap">2-4-1</span> · tanh · logistic loss · Adam, learning rate 0.05 · all 4 examples per step</p>
    </div>

    <div class="buttons">
      <button type="button" id="train" class="btn btn-primary" disabled>
        <svg class="icon icon-play" viewBox="0 0 16 16" aria-hidden="true"><path d="M4 2.5v11l9-5.5z"/></svg>
        <svg class="icon icon-pause" viewBox="0 0 16 16" aria-hidden="true"><path d="M3.5 2.5h3v11h-3zM9.5 2.5h3v11h-3z"/></svg>
        <span class="btn-text">Train</span>
      </button>
      <button type="button" id="step" class="btn" disabled>
        <svg class="icon" viewBox="0 0 16 16" aria-hidden="true"><path d="M2.5 2.5v11l8-5.5z"/><path d="M11 2.5h2.5v11H11z"/></svg>
        <span class="btn-text">Step</span>
      </button>
      <button type="submit" id="reset" class="btn" form="seed-form" disabled>
        <svg class="icon" viewBox="0 0 16 16" aria-hidden="true"><path d="M8 2.5a5.5 5.5 0 1 1-5.2 3.7" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"/><path d="M1.2 1.8l1.9 4.9 4.8-2z"/></svg>
        <span class="btn-text">Reset</span>
      </button>
    </div>

    <form id="seed-form" class="settings" novalidate>
      <div class="field">
        <label for="seed">Seed</label>
        <input id="seed" name="seed" type="number" inputmode="numeric"
               min="0" max="4294967295" step="1" value="3" required
               aria-describedby="seed-help">
        <small id="seed-help">Reset applies it</small>
      </div>
      <div class="field">
        <label for="speed">Speed</label>
        <select id="speed" name="speed" aria-describedby="speed-help">
          <option value="0.25">¼ step</option>
          <option value="1" selected>1 step</option>
          <option value="5">5 steps</option>
          <option value="25">25 steps</option>
        </select>
        <small id="speed-help">per animation frame</small>
      </div>
    </form>

    <dl class="stats">
      <div><dt>Step</dt><dd id="stat-steps">0</dd></div>
      <div><dt>Loss</dt><dd id="stat-loss">–</dd></div>
      <div><dt>Parameters</dt><dd id="stat-params">–</dd></div>
      <div><dt>Wasm SIMD</dt><dd id="stat-simd" title="WebAssembly 128-bit SIMD (simd128) in the matrix products">–</dd></div>
    </dl>

    <div id="status" class="status" role="status" aria-live="polite">Loading the WebAssembly module…</div>
    <div id="message" class="message" role="alert" hidden></div>
  </section>

  <section class="card table-card" aria-labelledby="table-title">
    <h2 id="table-title">Truth table</h2>
    <div class="table-wrap">
      <table id="truth-table">
        <caption class="visually-hidden">XOR inputs, targets and the network's predictions</caption>
        <thead>
          <tr>
            <th scope="col">x₁</th>
            <th scope="col">x₂</th>
            <th scope="col">XOR</th>
            <th scope="col">P(y = 1)</th>
            <th scope="col">Predicted</th>
          </tr>
        </thead>
        <tbody></tbody>
      </table>
    </div>
  </section>

  <section class="card loss-card" aria-labelledby="loss-title">
    <div class="card-head">
      <h2 id="loss-title">Loss curve</h2>
      <p class="card-note">mean logistic loss per step, log scale</p>
    </div>
    <div class="plot-frame">
      <canvas id="loss" class="plot wide" role="img" aria-label="Loss curve: no steps yet."></canvas>
    </div>
  </section>
</div>
`;

/** Mounts the view into `root`; `ctx.wasm` holds the bindings. Returns an unmount function. */
export function mount(root, ctx) {
  root.innerHTML = TEMPLATE;
  const $ = (id) => root.querySelector(`#${id}`);
  const el = {
    train: $('train'),
    step: $('step'),
    reset: $('reset'),
    form: $('seed-form'),
    seed: $('seed'),
    speed: $('speed'),
    steps: $('stat-steps'),
    loss: $('stat-loss'),
    params: $('stat-params'),
    simd: $('stat-simd'),
    boundary: $('boundary'),
    lossCanvas: $('loss'),
    table: root.querySelector('#truth-table tbody'),
  };

  /** Milliseconds of training per animation frame, at most. */
  const FRAME_BUDGET_MS = 8;
  const GRID = gridInputs(GRID_SIZE);
  const POINTS = Array.from(XOR_TARGETS, (t, i) => [XOR_INPUTS[2 * i], XOR_INPUTS[2 * i + 1], t]);

  let bindings = null;
  let trainer = null;
  let running = false;
  let drawQueued = false;
  let solvedAt = null;
  let stepCredit = 0; // fractional steps carried between frames (slow motion)
  const view = { loss: NaN, probs: null, labels: null, grid: null };

  /** Read by the browser tests; updated on every frame that changes something. */
  const hook = {
    ready: false,
    running: false,
    seed: null,
    steps: 0,
    loss: null,
    firstLoss: null,
    lossHistory: [],
    predictions: [],
    labels: [],
    solvedAt: null,
    parameters: null,
    simd: null,
    error: null,
    domain: [DOMAIN.min, DOMAIN.max],
    frames: 0,
  };
  window.__xor = hook;

  const formatLoss = (v) => (!Number.isFinite(v) ? '–' : v >= 0.001 ? v.toFixed(4) : v.toExponential(2));

  function fail(error, context) {
    setRunning(false);
    showError(error, context);
    hook.error = error instanceof Error ? error.message : String(error);
  }

  /** Runs `fn`; a thrown error is shown (and training paused) instead of escaping. */
  function guard(context, fn) {
    try {
      return fn();
    } catch (error) {
      fail(error, context);
      return undefined;
    }
  }

  function setControlsEnabled(on) {
    for (const b of [el.train, el.step, el.reset]) b.disabled = !on;
  }

  function setRunning(on) {
    const wasRunning = running;
    running = on && trainer !== null;
    stepCredit = 0;
    hook.running = running;
    el.train.querySelector('.btn-text').textContent = running ? 'Pause' : 'Train';
    el.train.classList.toggle('is-running', running);
    if (running) {
      setStatus('Training…');
      if (!wasRunning) requestAnimationFrame(tick); // one loop only
    } else if (trainer) {
      setStatus(solvedAt !== null ? solvedText() : `Paused at step ${trainer.steps}.`);
    }
  }

  const solvedText = () => `Solved at step ${solvedAt}: all four cases right. The loss keeps falling as confidence grows.`;

  /** Reads the network's current numbers into `view`, the hook and the text. */
  function refresh() {
    view.loss = trainer.loss();
    view.probs = Array.from(trainer.probabilities());
    view.labels = trainer.labels();
    view.grid = trainer.probabilities(GRID);
    const steps = trainer.steps;
    const correct = view.labels.every((l, i) => l === XOR_TARGETS[i]);
    if (correct && solvedAt === null && steps > 0) {
      solvedAt = steps;
      setStatus(solvedText());
    } else if (!correct) {
      solvedAt = null;
    }

    Object.assign(hook, {
      steps,
      loss: view.loss,
      firstLoss: trainer.losses.length ? trainer.losses[0] : null,
      lossHistory: trainer.losses,
      predictions: view.probs,
      labels: view.labels,
      solvedAt,
    });

    el.steps.textContent = steps.toLocaleString('en-US');
    el.loss.textContent = formatLoss(view.loss);
    renderTruthTable(el.table, view.probs, view.labels);
    const wrong = view.labels.filter((l, i) => l !== XOR_TARGETS[i]).length;
    el.boundary.setAttribute(
      'aria-label',
      `Decision boundary after ${steps} steps: ${4 - wrong} of 4 XOR points on the correct side.`,
    );
    el.lossCanvas.setAttribute(
      'aria-label',
      steps ? `Loss curve over ${steps} steps; the loss is now ${formatLoss(view.loss)}.` : 'Loss curve: no steps yet.',
    );
  }

  function draw() {
    drawBoundary(el.boundary, view.grid, POINTS);
    drawLoss(el.lossCanvas, trainer ? trainer.losses : []);
    hook.frames += 1;
  }

  function requestDraw() {
    if (drawQueued || running) return;
    drawQueued = true;
    requestAnimationFrame(() => {
      drawQueued = false;
      guard('Drawing failed', draw);
    });
  }

  function tick() {
    if (!running) return;
    stepCredit += Number(el.speed.value) || 1;
    const start = performance.now();
    const ok = guard('Training failed', () => {
      let taken = 0;
      while (stepCredit >= 1 && performance.now() - start < FRAME_BUDGET_MS) {
        trainer.step();
        stepCredit -= 1;
        taken += 1;
      }
      stepCredit = Math.min(stepCredit, 1); // never pile up work the budget cut off
      if (taken > 0) {
        refresh();
        draw();
      }
      return true;
    });
    if (ok && running) requestAnimationFrame(tick);
  }

  function reset() {
    let seed;
    try {
      seed = parseSeed(el.seed.value);
    } catch (error) {
      showError(error, 'Seed');
      el.seed.setAttribute('aria-invalid', 'true');
      el.seed.focus();
      return;
    }
    el.seed.removeAttribute('aria-invalid');
    clearError();
    hook.error = null;
    setRunning(false);
    guard('Could not build the network', () => {
      const next = new XorTrainer(bindings, seed);
      if (trainer) trainer.free();
      trainer = next;
      solvedAt = null;
      hook.seed = seed;
      hook.parameters = trainer.size().parameters;
      el.params.textContent = String(hook.parameters);
      refresh();
      setStatus(`New network from seed ${seed}. Press Train to start.`);
    });
    requestDraw();
  }

  el.train.addEventListener('click', () => setRunning(!running));
  el.step.addEventListener('click', () => {
    setRunning(false);
    guard('Training failed', () => {
      trainer.step();
      refresh();
      if (solvedAt === null) setStatus(`Paused at step ${trainer.steps}.`);
    });
    requestDraw();
  });
  el.form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (bindings) reset();
  });

  const resizer = new ResizeObserver(() => requestDraw());
  resizer.observe(root.querySelector('.layout'));


  el.seed.value = String(DEFAULT_SEED);
  renderTruthTable(el.table, null, null);
  bindings = ctx.wasm;
  hook.simd = guard('SIMD check failed', () => Boolean(bindings.simdEnabled())) ?? null;
  el.simd.textContent = hook.simd === null ? '–' : hook.simd ? 'on' : 'off';
  reset();
  if (trainer) {
    setControlsEnabled(true);
    hook.ready = true;
    setStatus('Ready. Press Train to start.');
  }
  requestDraw();

  return () => {
    running = false;
    resizer.disconnect();
    if (trainer) trainer.free();
    trainer = null;
  };
}
