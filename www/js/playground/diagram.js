// The network diagram: one column per layer (the input features, the hidden
// layers, the output), each neuron a small heatmap of its output over the
// plane with its bias as a coloured tab; edges coloured by the sign and sized by
// the magnitude of their weight. Hover, tap or focus an edge or a bias to read
// its value and gradient. Also the editor: add/remove layers and neurons,
// choose each layer's activation (leaky ReLU alpha, maxout k), toggle features.

import { ACTIVATIONS, FEATURES, MAX_LAYERS, MAX_UNITS } from './settings.js';
import { weightColour } from './colours.js';
import { neuronColour, paintMap } from './heatmaps.js';

const SVG = 'http://www.w3.org/2000/svg';
const el = (tag, attrs = {}, ...children) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else e.setAttribute(k, v);
  }
  e.append(...children);
  return e;
};
const fmt = (v) => (!Number.isFinite(v) ? '–' : Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(2) : v.toFixed(4));

export class NetworkDiagram {
  /** `handlers`: onToggleFeature(name), onAddLayer(), onRemoveLayer(), onUnits(i, delta), onActivation(i, name, param), onFocus(block, unit). */
  constructor(root, handlers) {
    this.root = root;
    this.h = handlers;
    this.tip = el('div', { class: 'net-tip', role: 'status', 'aria-live': 'polite' });
    this.tip.hidden = true;
    this.root.append(this.tip);
    this.net = null;
  }

  /** Rebuilds the diagram for settings `s` and a network with `outputs` scores. */
  render(s, outputs, outputNames) {
    this.s = s;
    this.net = null; // the previous network may be freed; update() hands over the new one
    const active = FEATURES.filter((f) => s.features.includes(f.name));
    this.columns = [];
    const grid = el('div', { class: 'net-grid' });
    this.nodes = []; // [column][unit] -> {canvas, bias}
    // Input features: all listed, the active ones feed the network.
    const featureCol = el('div', { class: 'net-col net-col-input' }, el('div', { class: 'net-head' }, el('strong', { text: 'Features' })));
    const featureNodes = [];
    for (const f of FEATURES) {
      const on = s.features.includes(f.name);
      const canvas = el('canvas', { class: 'node-map', width: '8', height: '8', 'aria-hidden': 'true' });
      const btn = el('button', {
        type: 'button',
        class: `node node-feature${on ? '' : ' is-off'}`,
        'aria-pressed': String(on),
        'aria-label': `Feature ${f.label}: ${on ? 'on' : 'off'}`,
        'data-feature': f.name,
      }, canvas, el('span', { class: 'node-label', text: f.label }));
      btn.addEventListener('click', () => this.h.onToggleFeature(f.name));
      featureCol.append(btn);
      if (on) featureNodes.push({ canvas, node: btn });
    }
    grid.append(featureCol);
    this.nodes.push(featureNodes);

    s.layers.forEach((layer, i) => {
      const head = el('div', { class: 'net-head' });
      const title = el('strong', { text: `Layer ${i + 1}` });
      const minus = el('button', { type: 'button', class: 'mini', 'aria-label': `Remove a neuron from layer ${i + 1}`, text: '−' });
      const plus = el('button', { type: 'button', class: 'mini', 'aria-label': `Add a neuron to layer ${i + 1}`, text: '+' });
      minus.disabled = layer.units <= 1;
      plus.disabled = layer.units >= MAX_UNITS;
      minus.addEventListener('click', () => this.h.onUnits(i, -1));
      plus.addEventListener('click', () => this.h.onUnits(i, +1));
      const select = el('select', { 'aria-label': `Activation of layer ${i + 1}`, class: 'act-select' });
      for (const a of ACTIVATIONS) select.append(el('option', { value: a.name, text: a.title }));
      select.value = layer.activation;
      const param = el('input', { type: 'number', class: 'act-param' });
      if (layer.activation === 'lrelu') Object.assign(param, { min: 0, max: 0.99, step: 0.01, value: layer.param });
      if (layer.activation === 'maxout') Object.assign(param, { min: 2, max: 5, step: 1, value: layer.param });
      param.setAttribute('aria-label', layer.activation === 'maxout' ? `Maxout pieces k of layer ${i + 1}` : `Leaky ReLU alpha of layer ${i + 1}`);
      param.hidden = layer.param === null;
      select.addEventListener('change', () => this.h.onActivation(i, select.value, null));
      param.addEventListener('change', () => this.h.onActivation(i, layer.activation, Number(param.value)));
      const dead = el('small', { class: 'dead', 'data-layer': String(i), text: '' });
      head.append(title, el('span', { class: 'units' }, minus, el('span', { text: `${layer.units}` }), plus), select, param, dead);
      const col = el('div', { class: 'net-col' }, head);
      const nodes = [];
      for (let j = 0; j < layer.units; j++) nodes.push(this.neuron(col, i + 1, j, `Layer ${i + 1}, neuron ${j + 1}`));
      grid.append(col);
      this.nodes.push(nodes);
    });

    const outCol = el('div', { class: 'net-col net-col-output' }, el('div', { class: 'net-head' }, el('strong', { text: 'Output' })));
    const outNodes = [];
    for (let j = 0; j < outputs; j++) outNodes.push(this.neuron(outCol, s.layers.length + 1, j, outputNames[j]));
    grid.append(outCol);
    this.nodes.push(outNodes);

    const layersBar = el('div', { class: 'net-toolbar' });
    const addL = el('button', { type: 'button', class: 'btn btn-small', text: '+ layer', 'aria-label': 'Add a hidden layer' });
    const remL = el('button', { type: 'button', class: 'btn btn-small', text: '− layer', 'aria-label': 'Remove the last hidden layer' });
    addL.disabled = s.layers.length >= MAX_LAYERS;
    remL.disabled = s.layers.length === 0;
    addL.addEventListener('click', () => this.h.onAddLayer());
    remL.addEventListener('click', () => this.h.onRemoveLayer());
    layersBar.append(el('span', { text: `${s.layers.length} hidden layer${s.layers.length === 1 ? '' : 's'}` }), remL, addL);

    this.svg = document.createElementNS(SVG, 'svg');
    this.svg.setAttribute('class', 'net-edges');
    this.svg.setAttribute('aria-hidden', 'true');
    this.scroll = el('div', { class: 'net-scroll' });
    const inner = el('div', { class: 'net-inner' });
    inner.append(this.svg, grid);
    this.scroll.append(inner);
    this.inner = inner;
    this.root.replaceChildren(layersBar, this.scroll, this.tip);
    this.edges = null;
    requestAnimationFrame(() => this.layout());
  }

  neuron(col, block, unit, name) {
    const canvas = el('canvas', { class: 'node-map', width: '8', height: '8', 'aria-hidden': 'true' });
    const bias = el('span', { class: 'bias', tabindex: '0', role: 'button', 'aria-label': `Bias of ${name}` });
    const node = el('button', { type: 'button', class: 'node', 'aria-label': `${name}: show its output large`, 'data-block': String(block), 'data-unit': String(unit) }, canvas);
    node.addEventListener('click', () => this.h.onFocus(block, unit, name));
    // Keyboard users reach the numbers through the neuron: its bias and incoming weights.
    node.addEventListener('focus', (ev) => { if (node.matches(':focus-visible')) this.showTip(ev, this.describeUnit(block - 1, unit, name)); });
    node.addEventListener('blur', () => this.hideTip());
    const wrap = el('div', { class: 'node-wrap' }, node, bias);
    const show = (ev) => this.showTip(ev, this.describeBias(block - 1, unit, name));
    bias.addEventListener('pointerenter', show);
    bias.addEventListener('pointerdown', show);
    bias.addEventListener('focus', show);
    bias.addEventListener('pointerleave', () => this.hideTip());
    bias.addEventListener('blur', () => this.hideTip());
    col.append(wrap);
    return { canvas, node, bias };
  }

  /** Places the edges between the nodes (after layout or a resize). */
  layout() {
    if (!this.inner || !this.inner.isConnected) return;
    const box = this.inner.getBoundingClientRect();
    this.svg.setAttribute('width', String(box.width));
    this.svg.setAttribute('height', String(box.height));
    this.svg.replaceChildren();
    this.edges = [];
    const centre = (n, side) => {
      const r = n.node.getBoundingClientRect();
      return [side === 'out' ? r.right - box.left : r.left - box.left, r.top + r.height / 2 - box.top];
    };
    for (let c = 1; c < this.nodes.length; c++) {
      const layerEdges = [];
      for (let j = 0; j < this.nodes[c].length; j++) {
        const row = [];
        for (let i = 0; i < this.nodes[c - 1].length; i++) {
          const [x1, y1] = centre(this.nodes[c - 1][i], 'out');
          const [x2, y2] = centre(this.nodes[c][j], 'in');
          const line = document.createElementNS(SVG, 'line');
          Object.entries({ x1, y1, x2, y2 }).forEach(([k, v]) => line.setAttribute(k, v.toFixed(1)));
          line.setAttribute('class', 'edge');
          const hit = line.cloneNode();
          hit.setAttribute('class', 'edge-hit');
          const show = (ev) => this.showTip(ev, this.describeEdge(c - 1, j, i));
          hit.addEventListener('pointerenter', show);
          hit.addEventListener('pointerdown', show);
          hit.addEventListener('pointerleave', () => this.hideTip());
          this.svg.append(line, hit);
          row.push(line);
        }
        layerEdges.push(row);
      }
      this.edges.push(layerEdges);
    }
    if (this.net) this.updateEdges(this.net);
  }

  showTip(ev, text) {
    if (!text) return;
    this.tip.textContent = text;
    this.tip.hidden = false;
    const box = this.root.getBoundingClientRect();
    const x = (ev.clientX ?? ev.target.getBoundingClientRect().left) - box.left;
    const y = (ev.clientY ?? ev.target.getBoundingClientRect().top) - box.top;
    this.tip.style.left = `${Math.max(0, Math.min(box.width - 180, x + 10))}px`;
    this.tip.style.top = `${Math.max(0, y + 14)}px`;
  }

  hideTip() {
    this.tip.hidden = true;
  }

  /** Pieces of a unit (maxout has k rows of weights per unit). */
  pieces(layer) {
    const [rows] = this.net.weightShape(layer);
    return rows / this.nodes[layer + 1].length;
  }

  describeEdge(layer, to, from) {
    if (!this.net) return '';
    const k = this.pieces(layer);
    const cols = this.net.weightShape(layer)[1];
    const w = this.net.weightsView(layer);
    const ws = Array.from({ length: k }, (_, p) => w[(to * k + p) * cols + from]);
    const g = this.net.gradWeightsView(layer);
    const gs = Array.from({ length: k }, (_, p) => g[(to * k + p) * cols + from]);
    const src = layer === 0 ? FEATURES.filter((f) => this.s.features.includes(f.name))[from].label : `layer ${layer} neuron ${from + 1}`;
    const dst = layer === this.s.layers.length ? `output ${to + 1}` : `layer ${layer + 1} neuron ${to + 1}`;
    return `Weight ${src} → ${dst}: w = ${ws.map(fmt).join(', ')}; ∂L/∂w = ${gs.map(fmt).join(', ')}`;
  }

  describeUnit(layer, unit, name) {
    if (!this.net) return '';
    const k = this.pieces(layer);
    const cols = this.net.weightShape(layer)[1];
    const w = Array.from(this.net.weightsView(layer).subarray(unit * k * cols, unit * k * cols + cols)); // first piece
    const src = (i) => (layer === 0 ? FEATURES.filter((f) => this.s.features.includes(f.name))[i].label : `n${i + 1}`);
    return `${this.describeBias(layer, unit, name)}. Weights in${k > 1 ? ' (piece 1)' : ''}: ${w.map((v, i) => `${src(i)} ${fmt(v)}`).join(', ')}`;
  }

  describeBias(layer, unit, name) {
    if (!this.net) return '';
    const k = this.pieces(layer);
    const b = Array.from(this.net.biasesView(layer).subarray(unit * k, unit * k + k));
    const g = Array.from(this.net.gradBiasesView(layer).subarray(unit * k, unit * k + k));
    return `Bias of ${name}: b = ${b.map(fmt).join(', ')}; ∂L/∂b = ${g.map(fmt).join(', ')}`;
  }

  updateEdges(net) {
    if (!this.edges) return;
    for (let l = 0; l < this.edges.length; l++) {
      const [rows, cols] = net.weightShape(l);
      const units = this.edges[l].length;
      const k = rows / units;
      const w = net.weightsView(l);
      for (let j = 0; j < units; j++) {
        for (let i = 0; i < cols && i < this.edges[l][j].length; i++) {
          let best = 0;
          for (let p = 0; p < k; p++) {
            const v = w[(j * k + p) * cols + i];
            if (Math.abs(v) > Math.abs(best)) best = v;
          }
          const line = this.edges[l][j][i];
          line.setAttribute('stroke', weightColour(best));
          line.setAttribute('stroke-width', (0.5 + Math.min(Math.abs(best), 3) * 2).toFixed(2));
        }
      }
      const b = net.biasesView(l);
      for (let j = 0; j < units; j++) {
        let best = 0;
        for (let p = 0; p < k; p++) if (Math.abs(b[j * k + p]) > Math.abs(best)) best = b[j * k + p];
        const tab = this.nodes[l + 1][j].bias;
        tab.style.background = weightColour(best);
        tab.style.opacity = String(0.25 + Math.min(1, Math.abs(best)) * 0.75);
      }
    }
  }

  /** Repaints every node's heatmap from `maps` (a Heatmaps handle) and the edges from `net`. */
  update(net, maps) {
    this.net = net;
    const counts = maps.counts();
    const n = maps.n;
    const pixels = n * n;
    let offset = 0;
    const values = maps.values(); // view into wasm memory: used right now, never kept
    for (let b = 0; b < counts.length && b < this.nodes.length; b++) {
      for (let j = 0; j < counts[b]; j++) {
        const node = this.nodes[b][j];
        const map = values.subarray(offset + j * pixels, offset + (j + 1) * pixels);
        if (node) paintMap(node.canvas, map, n, neuronColour(map), 2); // a thumbnail: every other sample
      }
      offset += counts[b] * pixels;
    }
    this.updateEdges(net);
  }

  /** Shows "dead 25%" under each hidden layer's header. */
  setDead(fractions) {
    this.root.querySelectorAll('.dead').forEach((e) => {
      const f = fractions[Number(e.dataset.layer)];
      e.textContent = Number.isFinite(f) && ['relu', 'lrelu'].includes(this.s.layers[Number(e.dataset.layer)]?.activation) ? `dead ${Math.round(f * 100)}%` : '';
    });
  }
}
