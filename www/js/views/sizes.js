// View "sizes" (lecture 3.1.2-3.1.4): the lecture's two example networks
// (Figure 4) and the CIFAR-10 example, drawn and counted live as the user edits
// the widths and the number of hidden layers. Every count (neurons, weights,
// biases, parameters, depth, the "N-layer" name) comes from the Rust core, which
// builds the network. window.__lecture.sizes holds the numbers for the tests.

import { hook, mountTemplate } from '../lecture/plot.js';

const NETS = [
  { key: 'left', title: 'Figure 4, left', layers: [3, 4, 2], note: 'the lecture counts 26 parameters' },
  { key: 'right', title: 'Figure 4, right', layers: [3, 4, 4, 1], note: 'the lecture counts 41 parameters' },
  { key: 'cifar', title: 'CIFAR-10 images', layers: [3072, 100, 10], note: '32×32×3 = 3072 pixel values in, 10 class scores out' },
];
/** Most nodes drawn per layer; wider layers show a "⋮ n" marker. */
const MAX_DRAWN = 8;

const TEMPLATE = `
<header class="page-header view-header lecture-header">
  <p class="eyebrow">Lectures 3.1.2–3.1.4 · naming and sizing networks</p>
  <h1>How big is a network?</h1>
  <p class="lede">An <strong>N-layer</strong> network does not count the input layer. Its <strong>depth</strong> is the number of
  layers with weights; a layer's <strong>width</strong> is its number of units. Size is counted in neurons (inputs are not
  neurons) or, more often, in learnable parameters: one weight per connection plus one bias per neuron.
  Edit the widths and watch the counts.</p>
</header>
<div class="layout lecture-layout sizes-layout" id="s-nets"></div>`;

const ns = 'http://www.w3.org/2000/svg';
const svg = (tag, attrs, text) => {
  const e = document.createElementNS(ns, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
};
const num = (n) => n.toLocaleString('en');

function parseLayers(text, fallback) {
  if (!/^\d{1,4}(-\d{1,4}){1,17}$/.test(text)) return fallback;
  return text.split('-').map(Number);
}

/** Mounts the view; returns its unmount function. */
export async function mount(root, ctx) {
  if (!(await mountTemplate(root, TEMPLATE, ctx))) return null;
  const { wasm, params } = ctx;
  const h = hook('sizes', { ready: false });
  const box = root.querySelector('#s-nets');
  const cards = NETS.map((def) => card(def, parseLayers(params.string(def.key, def.layers.join('-'), { pattern: /^[\d-]*$/ }), def.layers)));
  box.append(...cards.map((c) => c.el));
  cards.forEach((c) => c.update());
  h.ready = true;

  function saveHash() {
    const out = {};
    cards.forEach((c, i) => {
      const text = c.layers.join('-');
      out[NETS[i].key] = text === NETS[i].layers.join('-') ? undefined : text;
    });
    ctx.setParams(out);
  }

  function card(def, initial) {
    const el = document.createElement('section');
    el.className = 'card size-card';
    el.dataset.net = def.key;
    el.setAttribute('aria-labelledby', `s-${def.key}-title`);
    el.innerHTML = `
      <div class="card-head">
        <h2 id="s-${def.key}-title">${def.title}</h2>
        <p class="card-note">${def.note}</p>
      </div>
      <p class="net-name" aria-live="polite"></p>
      <dl class="stats lecture-stats big-stats">
        <div><dt>Neurons</dt><dd data-k="neurons">–</dd></div>
        <div><dt>Weights</dt><dd data-k="weights">–</dd></div>
        <div><dt>Biases</dt><dd data-k="biases">–</dd></div>
        <div class="total"><dt>Parameters</dt><dd data-k="parameters">–</dd></div>
      </dl>
      <p class="formula-line" data-k="formula"></p>
      <svg class="diagram net-diagram" viewBox="0 0 400 200" role="img"></svg>
      <div class="widths" role="group" aria-label="Layer widths"></div>
      <div class="preset-row">
        <button type="button" class="btn" data-act="add">+ hidden layer</button>
        <button type="button" class="btn" data-act="remove">− hidden layer</button>
        <button type="button" class="btn" data-act="reset">Lecture's network</button>
      </div>
      <div class="message" role="alert" hidden></div>`;
    const q = (s) => el.querySelector(s);
    const c = { el, layers: [...initial], shape: null };
    const message = q('.message');

    function widthInputs() {
      const wrap = q('.widths');
      wrap.replaceChildren(
        ...c.layers.map((units, i) => {
          const last = i === c.layers.length - 1;
          const label = i === 0 ? 'Inputs' : last ? 'Outputs' : `Hidden ${i}`;
          const f = document.createElement('label');
          f.className = 'width-field';
          const input = Object.assign(document.createElement('input'), { type: 'number', min: '1', max: i === 0 ? '4096' : '1024', step: '1', inputMode: 'numeric', value: String(units) });
          input.dataset.index = String(i);
          input.addEventListener('input', () => {
            const v = Number(input.value);
            const ok = input.value.trim() !== '' && Number.isInteger(v);
            input.setAttribute('aria-invalid', String(!ok));
            if (!ok) return;
            c.layers[i] = v;
            c.update();
          });
          f.append(label, input);
          return f;
        }),
      );
    }

    c.update = (rebuildInputs = true) => {
      if (rebuildInputs && q('.widths').children.length !== c.layers.length) widthInputs();
      const spec = {
        inputs: c.layers[0],
        hidden: c.layers.slice(1, -1).map((units) => ({ units, activation: 'relu' })),
        outputs: c.layers[c.layers.length - 1],
        loss: 'squaredError',
      };
      try {
        c.shape = wasm.networkShape(spec);
        message.hidden = true;
      } catch (error) {
        message.textContent = error.message;
        message.hidden = false;
        h[def.key] = { ...(h[def.key] || {}), error: error.message };
        return;
      }
      const s = c.shape;
      for (const k of ['neurons', 'weights', 'biases', 'parameters']) q(`[data-k="${k}"]`).textContent = num(s.size[k]);
      const hidden = s.layers.slice(0, -1).map((l) => l.units);
      const width = new Set(hidden).size <= 1 ? `width ${hidden[0] ?? s.layers[0].units}` : `widths ${hidden.join(', ')}`;
      q('.net-name').textContent = `${s.name}. Depth ${s.depth}, ${width} (the input layer is not counted).`;
      const wTerms = s.layers.map((l) => `[${num(l.inputs)} × ${num(l.units)}]`).join(' + ');
      const bTerms = s.layers.map((l) => num(l.biases)).join(' + ');
      q('[data-k="formula"]').innerHTML = '';
      q('[data-k="formula"]').append(
        `weights ${wTerms} = ${num(s.size.weights)}; biases ${bTerms} = ${num(s.size.biases)}; `,
        Object.assign(document.createElement('strong'), { textContent: `${num(s.size.parameters)} parameters` }),
      );
      q('[data-act="remove"]').disabled = c.layers.length <= 2;
      q('[data-act="add"]').disabled = c.layers.length >= 18;
      draw(q('.net-diagram'), c.layers);
      h[def.key] = { error: null, layers: [...c.layers], ...s.size, depth: s.depth, hiddenLayers: s.hiddenLayers, name: s.name };
      saveHash();
    };

    q('[data-act="add"]').addEventListener('click', () => {
      c.layers.splice(c.layers.length - 1, 0, c.layers[c.layers.length - 2] || 4);
      widthInputs();
      c.update();
    });
    q('[data-act="remove"]').addEventListener('click', () => {
      if (c.layers.length > 2) c.layers.splice(c.layers.length - 2, 1);
      widthInputs();
      c.update();
    });
    q('[data-act="reset"]').addEventListener('click', () => {
      c.layers = [...def.layers];
      widthInputs();
      c.update();
    });
    widthInputs();
    return c;
  }

  function draw(el, layers) {
    const W = 400;
    const H = 200;
    const n = layers.length;
    const xs = layers.map((_, i) => 30 + (i * (W - 60)) / Math.max(1, n - 1));
    const drawn = layers.map((u) => Math.min(u, MAX_DRAWN));
    const ys = drawn.map((d) => Array.from({ length: d }, (_, j) => (d === 1 ? H / 2 - 10 : 18 + (j * (H - 56)) / (d - 1))));
    const r = Math.max(5, Math.min(12, 150 / Math.max(...drawn) / 1.6));
    // A layer wider than MAX_DRAWN shows its middle node as "⋮" (the layer label gives the width).
    const gap = (i, j) => layers[i] > MAX_DRAWN && j === MAX_DRAWN / 2;
    const parts = [];
    for (let i = 0; i + 1 < n; i++) {
      ys[i].forEach((y1, a) =>
        ys[i + 1].forEach((y2, b) => {
          if (!gap(i, a) && !gap(i + 1, b)) parts.push(svg('line', { x1: xs[i], y1, x2: xs[i + 1], y2, class: 'edge' }));
        }),
      );
    }
    layers.forEach((units, i) => {
      const kind = i === 0 ? 'input' : i === n - 1 ? 'output' : 'hidden';
      ys[i].forEach((y, j) =>
        parts.push(gap(i, j) ? svg('text', { x: xs[i], y: y + 7, class: 'more', 'text-anchor': 'middle' }, '⋮') : svg('circle', { cx: xs[i], cy: y, r, class: `node ${kind}` })),
      );
      const name = i === 0 ? 'input' : i === n - 1 ? 'output' : `hidden ${i}`;
      const text = n > 5 ? num(units) : `${name} (${num(units)})`;
      const anchor = i === 0 ? 'start' : i === n - 1 ? 'end' : 'middle';
      parts.push(svg('text', { x: i === 0 ? 4 : i === n - 1 ? W - 4 : xs[i], y: H - 8, class: 'layer-label', 'text-anchor': anchor }, text));
    });
    el.setAttribute('aria-label', `Network ${layers.join('-')}: ${layers.length - 1} layers of weights`);
    el.replaceChildren(...parts);
  }

  return () => {};
}
