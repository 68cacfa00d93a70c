// View "playground": a TensorFlow-Playground-style page for 2-D data. Wires the
// settings (URL hash), the data, the trainer, the diagram, the heatmaps, the
// curves and the files together. Training runs in requestAnimationFrame within a
// per-frame time budget, so the page never freezes. window.__playground exposes
// the numbers the browser tests read.

import { readHash } from '../state/hash.js';
import { useStyles } from '../styles.js';
import { clearError, setStatus, showError } from '../messages.js';
import { TEMPLATE } from '../playground/template.js';
import { bindControls, fillChoices, showSettings } from '../playground/controls.js';
import {
  EMBED_VIEWS, FEATURES, MAX_USER_POINTS, activationSetting, classesOf, defaultLoss, encodeSettings,
  featureMask, lossFit, outputsFor, readSettings, settingLoss,
} from '../playground/settings.js';
import { buildData } from '../playground/data.js';
import { Diverged, Trainer } from '../playground/trainer.js';
import { NetworkDiagram } from '../playground/diagram.js';
import { GRID, HI, LO, drawPlane, neuronColour, outputColour, paintMap, toPlane } from '../playground/heatmaps.js';
import { TEST_COLOUR, TRAIN_COLOUR, drawCurves } from '../playground/charts.js';
import { download, readNetworkFile } from '../playground/saveload.js';
import { CLASS_COLOURS } from '../playground/colours.js';

/** Milliseconds of training per animation frame, at most. */
const FRAME_BUDGET_MS = 8;

const fmtLoss = (v) => (v === null || !Number.isFinite(v) ? '–' : v >= 0.001 ? v.toFixed(4) : v.toExponential(2));
const fmtAcc = (v) => (v === null || !Number.isFinite(v) ? '–' : `${(v * 100).toFixed(1)}%`);

export async function mount(root, ctx) {
  await useStyles('playground');
  if (!ctx.isCurrent()) return null; // the reader moved on while the styles loaded
  root.innerHTML = TEMPLATE;
  const $ = (id) => root.querySelector(`#${id}`);
  const wasm = ctx.wasm;
  fillChoices(root);

  const hook = {
    ready: false, running: false, error: null, diverged: null, epoch: 0, steps: 0,
    trainLoss: null, testLoss: null, trainAcc: null, testAcc: null, trainCount: 0, testCount: 0,
    userPoints: 0, size: null, frames: 0, heatmapMs: null, frameMs: null, maxFrameMs: 0, notes: [],
    settings: null, embed: null, focus: null, csvError: null, loadError: null, loaded: null,
  };
  window.__playground = hook;

  let s;
  let data;
  let trainer = null;
  let running = false;
  let focus = null; // {block, unit, name} of a neuron shown large
  let addLabel = 1;
  let lastHash = '';
  let drawQueued = false;
  const maps = new wasm.Heatmaps();
  const image = document.createElement('canvas');
  const diagram = new NetworkDiagram($('pg-diagram'), {
    onToggleFeature: (name) => {
      const next = s.features.includes(name) ? s.features.filter((f) => f !== name) : [...s.features, name];
      if (!next.length) return setStatus('Keep at least one input feature on.');
      change({ features: FEATURES.map((f) => f.name).filter((f) => next.includes(f)) }, 'network');
    },
    onAddLayer: () => change({ layers: [...s.layers, { units: 2, activation: s.layers.at(-1)?.activation ?? 'tanh', param: s.layers.at(-1)?.param ?? null }] }, 'network'),
    onRemoveLayer: () => change({ layers: s.layers.slice(0, -1) }, 'network'),
    onUnits: (i, d) => change({ layers: s.layers.map((l, k) => (k === i ? { ...l, units: Math.max(1, Math.min(16, l.units + d)) } : l)) }, 'network'),
    onActivation: (i, name, param) => {
      const p = name === 'lrelu' ? (param ?? 0.01) : name === 'maxout' ? (param ?? 2) : null;
      if (p !== null && (name === 'lrelu' ? !(p >= 0 && p < 1) : !(Number.isInteger(p) && p >= 2 && p <= 5))) {
        return setStatus(name === 'lrelu' ? 'Leaky ReLU alpha must be at least 0 and below 1.' : 'Maxout needs k = 2 to 5 pieces.');
      }
      change({ layers: s.layers.map((l, k) => (k === i ? { ...l, activation: name, param: p } : l)) }, 'network');
    },
    onFocus: (block, unit, name) => {
      focus = block === s.layers.length + 1 && outputsFor(s.loss, classesOf(s)) === 1 ? null : { block, unit, name };
      hook.focus = focus && { block, unit };
      requestDraw();
    },
  });

  function fail(error, context) {
    setRunning(false);
    hook.error = error instanceof Error ? error.message : String(error);
    showError(error, context);
  }

  function guard(context, fn) {
    try {
      return fn();
    } catch (error) {
      if (error instanceof Diverged) diverge(error.message);
      else fail(error, context);
      return undefined;
    }
  }

  function diverge(text) {
    setRunning(false);
    hook.diverged = text;
    $('pg-diverged-text').textContent = text.replace(/^training diverged: /, '').replace(/^the loss/, 'The loss');
    $('pg-diverged').hidden = false;
    setStatus('Training stopped because the loss diverged.');
  }

  function writeUrl() {
    ctx.setParams(encodeSettings(s));
    lastHash = location.hash;
    hook.settings = structuredClone(s);
  }

  function setRunning(on) {
    const was = running;
    running = on && trainer !== null;
    hook.running = running;
    $('pg-play').querySelector('.btn-text').textContent = running ? 'Pause' : 'Play';
    $('pg-play').classList.toggle('is-running', running);
    if (running && !was) requestAnimationFrame(tick);
    if (running) setStatus('Training…');
    else if (trainer && was) setStatus(`Paused at epoch ${trainer.epoch}.`);
  }

  function outputNames() {
    const classes = classesOf(s);
    const outputs = outputsFor(s.loss, classes);
    if (outputs === 1) return [classes === 0 ? 'Output (value)' : 'Output (score of class 1)'];
    return Array.from({ length: outputs }, (_, k) => `Output: class ${k} score`);
  }

  /** A new network from the seed (and the data set again); `net` is a loaded network. */
  function rebuild(net = null) {
    setRunning(false);
    clearError();
    hook.error = null;
    hook.diverged = null;
    $('pg-diverged').hidden = true;
    const next = guard('Could not build the network', () => {
      data = buildData(wasm, s, s.csvPoints || []);
      return new Trainer(wasm, s, data, net);
    });
    if (!next) return;
    if (trainer) trainer.free();
    trainer = next;
    guard('Could not measure the network', () => trainer.record());
    focus = null;
    diagram.render(s, trainer.outputs, outputNames());
    renderStatic();
    refresh();
    requestDraw();
    setStatus(`Network from seed ${s.seed}. Press Play.`);
  }

  function renderStatic() {
    showSettings(root, s);
    const classes = classesOf(s);
    const fit = lossFit(s.loss, classes);
    $('pg-loss-note').hidden = !fit.note;
    $('pg-loss-note').textContent = fit.note;
    root.querySelectorAll('.pg-acc').forEach((e) => { e.hidden = classes === 0; });
    const seg = $('pg-add-class');
    const choices = classes === 0 ? [[1, 'value +1'], [-1, 'value −1']] : Array.from({ length: classes }, (_, k) => [k, `class ${k}`]);
    if (!choices.some(([v]) => v === addLabel)) addLabel = choices[0][0];
    seg.replaceChildren(...choices.map(([v, text]) => {
      const b = Object.assign(document.createElement('button'), { type: 'button', className: 'btn btn-small', textContent: text });
      b.setAttribute('aria-pressed', String(v === addLabel));
      if (classes > 0) b.style.setProperty('--swatch', CLASS_COLOURS[v]);
      b.addEventListener('click', () => { addLabel = v; renderStatic(); });
      return b;
    }));
    $('pg-clear-points').disabled = s.userPoints.length === 0;
    const legend = $('pg-legend');
    const items = classes === 0
      ? ['Orange: below 0', 'Blue: above 0', 'Dark outline: test point']
      : [...Array.from({ length: classes }, (_, k) => `Class ${k}: ${['circle', 'square', 'triangle'][k]}`), 'Dark outline: test point'];
    legend.replaceChildren(...items.map((t, k) => {
      const li = document.createElement('li');
      if (classes > 0 && k < classes) {
        const sw = Object.assign(document.createElement('span'), { className: `swatch swatch-c${k}` });
        sw.setAttribute('aria-hidden', 'true');
        li.append(sw);
      }
      li.append(t);
      return li;
    }));
    const size = trainer.net.size();
    hook.size = size;
    $('pg-neurons').textContent = size.neurons;
    $('pg-weights').textContent = size.weights;
    $('pg-biases').textContent = size.biases;
    $('pg-params').textContent = size.parameters;
    $('pg-data-summary').textContent = `${data.train.length} training points (${s.userPoints.length} added), ${data.test.length} test points.`;
  }

  /** Numbers into the page and the hook. */
  function refresh() {
    const last = trainer.last || { train: {}, test: {} };
    Object.assign(hook, {
      epoch: trainer.epoch,
      steps: trainer.steps,
      trainLoss: last.train.loss ?? null,
      testLoss: last.test.loss ?? null,
      trainAcc: last.train.accuracy ?? null,
      testAcc: last.test.accuracy ?? null,
      trainCount: data.train.length,
      testCount: data.test.length,
      userPoints: s.userPoints.length,
      history: trainer.history,
    });
    $('pg-epoch').textContent = trainer.epoch.toLocaleString('en-US');
    $('pg-updates').textContent = trainer.steps.toLocaleString('en-US');
    $('pg-train-loss').textContent = fmtLoss(hook.trainLoss);
    $('pg-test-loss').textContent = fmtLoss(hook.testLoss);
    $('pg-train-acc').textContent = fmtAcc(hook.trainAcc);
    $('pg-test-acc').textContent = fmtAcc(hook.testAcc);
  }

  function draw() {
    if (!trainer) return;
    const t0 = performance.now();
    maps.compute(trainer.net, featureMask(s.features), GRID, LO, HI);
    hook.heatmapMs = performance.now() - t0;
    diagram.update(trainer.net, maps);
    const t1 = performance.now();
    const counts = maps.counts();
    const pixels = GRID * GRID;
    const values = maps.values();
    const offsetOf = (block) => counts.slice(0, block).reduce((a, c) => a + c, 0) * pixels;
    const last = counts.length - 1;
    if (focus && focus.block < counts.length && focus.unit < counts[focus.block]) {
      const start = offsetOf(focus.block) + focus.unit * pixels;
      const map = values.subarray(start, start + pixels);
      paintMap(image, map, GRID, neuronColour(map));
      $('pg-out-title').textContent = focus.name;
      $('pg-unfocus').hidden = false;
    } else {
      const outs = Array.from({ length: counts[last] }, (_, k) => values.subarray(offsetOf(last) + k * pixels, offsetOf(last) + (k + 1) * pixels));
      paintMap(image, outs[0], GRID, outputColour(outs, { loss: s.loss, classes: classesOf(s), outputs: counts[last] }, s.discretize));
      $('pg-out-title').textContent = 'Output';
      $('pg-unfocus').hidden = true;
    }
    drawPlane($('pg-plane'), image, { train: data.train, test: data.test, classes: classesOf(s), showTest: s.showTest });
    const t2 = performance.now();
    const h = trainer.history;
    drawCurves($('pg-loss-chart'), [
      { values: h.train, colour: TRAIN_COLOUR },
      { values: h.test, colour: TEST_COLOUR, dash: true },
    ], { log: true, empty: 'Press Play or Step' });
    if (classesOf(s) > 0) {
      drawCurves($('pg-acc-chart'), [
        { values: h.trainAcc, colour: TRAIN_COLOUR },
        { values: h.testAcc, colour: TEST_COLOUR, dash: true },
      ], { log: false, lo: 0, hi: 1, empty: 'Accuracy appears after an epoch' });
    }
    hook.frames += 1;
    hook.drawMs = performance.now() - t0;
    hook.drawParts = { heatmaps: hook.heatmapMs, diagram: t1 - t0 - hook.heatmapMs, plane: t2 - t1, curves: performance.now() - t2 };
  }

  function updateDead() {
    const dead = guard('Could not count dead units', () => trainer.deadFractions()) || [];
    diagram.setDead(dead);
    const parts = s.layers.map((l, i) => (['relu', 'lrelu'].includes(l.activation) ? `layer ${i + 1}: ${Math.round(dead[i] * 100)}%` : null)).filter(Boolean);
    $('pg-dead').textContent = parts.length ? `Dead units (never positive on the training points): ${parts.join(', ')}.` : 'Dead units: none possible (no ReLU layers).';
    hook.dead = dead;
  }

  function requestDraw() {
    if (drawQueued || running) return;
    drawQueued = true;
    requestAnimationFrame(() => {
      drawQueued = false;
      guard('Drawing failed', () => { draw(); updateDead(); });
    });
  }

  let frameCount = 0;
  function tick() {
    if (!running) return;
    const start = performance.now();
    const speed = s.speed;
    const target = speed === 'max' ? Infinity : trainer.epoch + Number(speed);
    guard('Training failed', () => {
      do trainer.step(); while (running && trainer.epoch < target && performance.now() - start < FRAME_BUDGET_MS);
    });
    guard('Drawing failed', () => {
      refresh();
      draw();
      if (++frameCount % 15 === 0) updateDead();
    });
    const ms = performance.now() - start;
    hook.frameMs = ms;
    hook.maxFrameMs = Math.max(hook.maxFrameMs, ms);
    if (running) requestAnimationFrame(tick);
    else { refresh(); requestDraw(); }
  }

  /** Applies a patch of settings; `kind` says what must be rebuilt. */
  function change(patch, kind) {
    const classesBefore = classesOf(s);
    s = { ...s, ...patch };
    if (kind === 'data' && patch.data && patch.data !== 'custom') s.csvPoints = [];
    if (classesOf(s) !== classesBefore) {
      s.userPoints = [];
      if (!lossFit(s.loss, classesOf(s)).ok || s.loss === defaultLoss(classesBefore)) s.loss = defaultLoss(classesOf(s));
    }
    if (kind === 'network' && !lossFit(s.loss, classesOf(s)).ok) {
      setStatus(lossFit(s.loss, classesOf(s)).note);
      s.loss = defaultLoss(classesOf(s));
    }
    writeUrl();
    if (kind === 'data' || kind === 'network') rebuild();
    else if (kind === 'hyper') {
      guard('Could not change the settings', () => trainer.setHyper(s));
      renderStatic();
    } else { renderStatic(); requestDraw(); }
  }

  function setPoints(userPoints) {
    s = { ...s, userPoints };
    writeUrl();
    guard('Could not update the points', () => {
      data = buildData(wasm, s, s.csvPoints || []);
      trainer.setData(data);
      trainer.record();
    });
    renderStatic();
    refresh();
    requestDraw();
  }

  // Adding points: a click, tap or pen press that does not move far.
  const plane = $('pg-plane');
  let press = null;
  plane.addEventListener('pointerdown', (e) => { press = { x: e.clientX, y: e.clientY, id: e.pointerId }; });
  plane.addEventListener('pointerup', (e) => {
    if (!press || press.id !== e.pointerId || Math.hypot(e.clientX - press.x, e.clientY - press.y) > 10) return;
    press = null;
    const r = plane.getBoundingClientRect();
    const [x1, x2] = toPlane(e.clientX - r.left, e.clientY - r.top, r.width, r.height);
    if (Math.abs(x1) > 6 || Math.abs(x2) > 6) return;
    if (s.userPoints.length >= MAX_USER_POINTS) return setStatus(`At most ${MAX_USER_POINTS} added points.`);
    const round = (v) => Math.round(v * 100) / 100;
    setPoints([...s.userPoints, [round(x1), round(x2), addLabel]]);
    setStatus(`Added a point at (${round(x1)}, ${round(x2)}) with label ${addLabel}.`);
  });
  $('pg-clear-points').addEventListener('click', () => setPoints([]));

  // CSV points: all good lines or nothing.
  $('pg-csv').addEventListener('change', async (e) => {
    const file = e.target.files[0];
    e.target.value = '';
    if (!file) return;
    const box = $('pg-csv-error');
    try {
      if (file.size > 2_000_000) throw new Error(`"${file.name}" is too large for a 2-D data set (at most 2 MB).`);
      const classes = classesOf(s);
      const flat = wasm.parseCsv(await file.text(), classes);
      const pts = [];
      for (let i = 0; i < flat.length; i += 3) pts.push([flat[i], flat[i + 1], flat[i + 2]]);
      box.hidden = true;
      hook.csvError = null;
      change({ data: 'custom', classes, csvPoints: pts, userPoints: [] }, 'data');
      setStatus(`Loaded ${pts.length} points from "${file.name}".`);
    } catch (error) {
      hook.csvError = error.message;
      box.textContent = error.message.replace(/^invalid input: /, '');
      box.hidden = false;
    }
  });

  // Saving and loading networks.
  $('pg-save-st').addEventListener('click', () => guard('Could not save', () => download('playground-network.safetensors', trainer.net.exportSafetensors(), 'application/octet-stream')));
  $('pg-save-json').addEventListener('click', () => guard('Could not save', () => download('playground-network.json', trainer.net.exportJson(), 'application/json')));
  async function loadFile(file) {
    const box = $('pg-load-error');
    let net = null;
    try {
      net = await readNetworkFile(wasm, file);
      const spec = net.spec();
      const classes = classesOf(s);
      const loss = settingLoss(spec.loss);
      if (spec.hidden.length > 6) throw new Error(`it has ${spec.hidden.length} hidden layers; the playground shows at most 6.`);
      if (spec.hidden.some((l) => l.units > 16)) throw new Error('a hidden layer has more than 16 neurons; the playground shows at most 16.');
      if (spec.inputs > FEATURES.length) throw new Error(`it takes ${spec.inputs} inputs; the playground has ${FEATURES.length} features.`);
      if (spec.outputActivation !== 'identity') throw new Error('its output layer is not linear (a hand-wired network); the playground trains raw scores.');
      if (!lossFit(loss, classes).ok || outputsFor(loss, classes) !== spec.outputs) {
        throw new Error(`it has ${spec.outputs} output(s) with the ${loss} loss, which does not fit this data set (${classes ? `${classes} classes` : 'regression'}). Choose a matching data set first.`);
      }
      const features = spec.inputs === s.features.length ? s.features : FEATURES.slice(0, spec.inputs).map((f) => f.name);
      const layers = spec.hidden.map((l) => ({ units: l.units, ...activationSetting(l.activation) }));
      s = { ...s, loss, features, layers };
      writeUrl();
      rebuild(net);
      net = null; // the trainer owns it now
      guard('Could not apply the settings', () => trainer.setHyper(s));
      box.hidden = true;
      hook.loadError = null;
      hook.loaded = file.name;
      setStatus(`Loaded "${file.name}". Features: ${features.join(', ')}. The URL keeps the architecture, not these weights.`);
    } catch (error) {
      if (net) net.free();
      hook.loadError = error.message;
      box.textContent = error.message.startsWith('"') ? error.message : `"${file.name}" was not loaded: ${error.message}`;
      box.hidden = false;
    }
  }
  $('pg-load').addEventListener('change', (e) => {
    const file = e.target.files[0];
    e.target.value = '';
    if (file) loadFile(file);
  });
  const onDragOver = (e) => { e.preventDefault(); };
  const onDrop = (e) => {
    e.preventDefault();
    const file = e.dataTransfer?.files?.[0];
    if (file) loadFile(file);
  };
  root.addEventListener('dragover', onDragOver);
  root.addEventListener('drop', onDrop);

  $('pg-play').addEventListener('click', () => setRunning(!running));
  $('pg-step').addEventListener('click', () => {
    setRunning(false);
    guard('Training failed', () => { trainer.runEpoch(); });
    refresh();
    requestDraw();
    if (!hook.diverged) setStatus(`Paused at epoch ${trainer.epoch}.`);
  });
  $('pg-reset').addEventListener('click', () => rebuild());
  $('pg-diverged-reset').addEventListener('click', () => rebuild());
  $('pg-unfocus').addEventListener('click', () => { focus = null; hook.focus = null; requestDraw(); });
  bindControls(root, change);

  /** Reads the settings from the URL (first load, or a link pasted into the address bar). */
  function fromUrl() {
    const notes = [];
    s = readSettings(readHash(), notes);
    // Embedding: only the named parts.
    const list = ctx.embedViews || null;
    if (list) {
      const names = list.map((n) => (n === 'features' ? 'network' : n));
      const bad = names.filter((n) => !EMBED_VIEWS.includes(n) && n !== 'network');
      if (bad.length) notes.push(`The embed list names unknown parts (${bad.join(', ').slice(0, 60)}); known: ${EMBED_VIEWS.join(', ')}.`);
      const show = names.filter((n) => !bad.includes(n));
      root.querySelectorAll('[data-part]').forEach((e) => { e.hidden = show.length > 0 && !show.includes(e.dataset.part); });
      hook.embed = show;
    } else if (ctx.embed) {
      root.querySelector('[data-part="title"]').hidden = true;
    }
    root.classList.toggle('pg-embedded', Boolean(list && list.length));
    hook.notes = notes;
    for (const n of notes) ctx.note(n);
    writeUrl();
    rebuild();
  }
  fromUrl();
  const onHash = () => {
    if (location.hash !== lastHash && /(^#|&)view=playground(&|$)/.test(location.hash)) fromUrl();
  };
  window.addEventListener('hashchange', onHash);
  const resizer = new ResizeObserver(() => { diagram.layout(); requestDraw(); });
  resizer.observe(root.querySelector('.pg-layout'));
  /** Scores of the test points under the current network (to compare a saved and a loaded network). */
  hook.testScores = () => (trainer ? trainer.testScores() : []);
  /** Mean milliseconds of one heatmap computation (every neuron, n x n grid) over `reps` runs. */
  hook.timeHeatmaps = (n = 100, reps = 20) => {
    const t0 = performance.now();
    for (let i = 0; i < reps; i++) maps.compute(trainer.net, featureMask(s.features), n, LO, HI);
    const ms = (performance.now() - t0) / reps;
    requestDraw();
    return ms;
  };
  hook.ready = true;
  hook.simd = Boolean(wasm.simdEnabled());

  return () => {
    running = false;
    window.removeEventListener('hashchange', onHash);
    root.removeEventListener('dragover', onDragOver);
    root.removeEventListener('drop', onDrop);
    resizer.disconnect();
    if (trainer) trainer.free();
    trainer = null;
    maps.free();
  };
}
