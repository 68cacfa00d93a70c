// The XOR page: wires the controls, the training loop and the drawings
// together. Training runs in requestAnimationFrame, a few steps per frame
// within a time budget, so the page never freezes. Every error (the wasm side
// throws JS Errors with readable messages) is caught and shown in the message
// area. window.__xor exposes the numbers for the browser tests.

import { DOMAIN, GRID_SIZE, drawBoundary, gridInputs } from './boundary.js';
import { drawLoss } from './losschart.js';
import { clearError, setStatus, showError } from './messages.js';
import { renderTruthTable } from './truthtable.js';
import { LOAD_EVENT, describeLoad, loadBindings } from './wasm.js';
import { DEFAULT_SEED, XOR_INPUTS, XOR_TARGETS, XorTrainer, parseSeed } from './xor.js';

const $ = (id) => document.getElementById(id);
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
  table: document.querySelector('#truth-table tbody'),
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

// Last line of defence: nothing should reach these, but if it does it is shown.
window.addEventListener('error', (event) => {
  if (event.error || event.message) fail(event.error || event.message, 'Unexpected error');
});
window.addEventListener('unhandledrejection', (event) => {
  event.preventDefault();
  fail(event.reason, 'Unexpected error');
});

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

new ResizeObserver(() => requestDraw()).observe(document.querySelector('.layout'));

window.addEventListener(LOAD_EVENT, (event) => {
  if (event.detail.phase === 'loading') setStatus(describeLoad(event.detail));
});

el.seed.value = String(DEFAULT_SEED);
renderTruthTable(el.table, null, null);
requestDraw();

loadBindings()
  .then((b) => {
    bindings = b;
    hook.simd = guard('SIMD check failed', () => Boolean(b.simdEnabled())) ?? null;
    el.simd.textContent = hook.simd === null ? '–' : hook.simd ? 'on' : 'off';
    reset();
    if (trainer) {
      setControlsEnabled(true);
      hook.ready = true;
      setStatus('Ready. Press Train to start.');
    }
  })
  .catch((error) => {
    fail(error, 'Loading failed');
    setStatus('The playground could not start.');
  });
