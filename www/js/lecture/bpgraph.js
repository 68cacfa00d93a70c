// The vectorized computation graph of lecture Figure 5(b) as SVG:
// x, W(1), b(1) -> z -> h -> y (with W(2), b(2)) -> L (with t). Each node
// shows its forward value once revealed and, under it in vermillion, its
// gradient dE/d(node) once the backward pass reaches it. Two layouts: wide
// (left to right) and narrow (top to bottom, for phones).

import { fmt } from './mathhtml.js';

const NS = 'http://www.w3.org/2000/svg';
const LINE = 18;
const BOX_W = { main: 160, side: 160 };

const LAYOUTS = {
  wide: {
    width: 1000, height: 350,
    at: { x: [80, 175], W1: [215, 60], b1: [215, 290], z: [350, 175], h: [530, 175], W2: [645, 60], b2: [645, 290], y: [730, 175], L: [910, 175], t: [910, 300] },
  },
  narrow: {
    width: 360, height: 640,
    at: { x: [95, 45], W1: [275, 110], b1: [275, 225], z: [95, 175], h: [95, 305], W2: [275, 385], b2: [275, 490], y: [95, 435], L: [95, 580], t: [275, 590] },
  },
};

const EDGES = [['x', 'z'], ['W1', 'z'], ['b1', 'z'], ['z', 'h'], ['h', 'y'], ['W2', 'y'], ['b2', 'y'], ['y', 'L'], ['t', 'L']];

/** What each node shows: its symbol, value (rows of numbers) and gradient, from graph `g`. */
function nodeInfo(g) {
  const vec = (v) => [v];
  const matRows = (d, r, c) => Array.from({ length: r }, (_, i) => d.slice(i * c, (i + 1) * c));
  return {
    x: { label: 'x', value: vec(g.x), input: true },
    t: { label: 't', value: vec(g.t), input: true },
    W1: { label: 'W⁽¹⁾', value: matRows(g.w1, g.hidden, g.inputs), grad: matRows(g.dW1, g.hidden, g.inputs), input: true },
    b1: { label: 'b⁽¹⁾', value: vec(g.b1), grad: vec(g.dB1), input: true },
    W2: { label: 'W⁽²⁾', value: matRows(g.w2, g.outputs, g.hidden), grad: matRows(g.dW2, g.outputs, g.hidden), input: true },
    b2: { label: 'b⁽²⁾', value: vec(g.b2), grad: vec(g.dB2), input: true },
    z: { label: 'z', value: vec(g.z), grad: vec(g.dZ) },
    h: { label: 'h', value: vec(g.h), grad: vec(g.dH) },
    y: { label: 'y', value: vec(g.y), grad: vec(g.dY) },
    L: { label: 'ℒ', value: [[g.loss]], grad: [[1]] },
  };
}

const el = (name, attrs = {}, text = null) => {
  const e = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== null) e.textContent = text;
  return e;
};

const rowText = (r) => `[${r.map((v) => fmt(v, 3)).join(', ')}]`;

/** Where the segment from a's centre towards b's centre leaves box b (half sizes hw, hh). */
function border([ax, ay], [bx, by], hw, hh) {
  const dx = bx - ax, dy = by - ay;
  const s = Math.min(dx ? hw / Math.abs(dx) : Infinity, dy ? hh / Math.abs(dy) : Infinity);
  return [bx - dx * s, by - dy * s];
}

/**
 * Draws the graph into `svg`. `shown` = {forward: Set of revealed nodes, backward: Set of nodes
 * whose gradient is revealed, current: node of the latest step or null}; `narrow` picks the layout.
 */
export function drawGraph(svg, g, shown, narrow) {
  const layout = narrow ? LAYOUTS.narrow : LAYOUTS.wide;
  svg.setAttribute('viewBox', `0 0 ${layout.width} ${layout.height}`);
  svg.replaceChildren();
  const info = nodeInfo(g);
  const boxes = {};
  for (const [key, [cx, cy]] of Object.entries(layout.at)) {
    const n = info[key];
    const revealed = n.input || shown.forward.has(key);
    const gradShown = shown.backward.has(key);
    const lines = 1 + n.value.length + (gradShown ? n.grad.length : 0);
    const w = n.input && !['x', 't'].includes(key) ? BOX_W.side : BOX_W.main;
    const h = lines * LINE + 14;
    boxes[key] = { cx, cy, w, h, n, revealed, gradShown };
  }
  const defs = el('defs');
  const marker = el('marker', { id: 'bp-arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' });
  marker.append(el('path', { d: 'M0,0 L10,5 L0,10 z', class: 'bp-arrowhead' }));
  defs.append(marker);
  svg.append(defs);
  for (const [a, b] of EDGES) {
    const A = boxes[a], B = boxes[b];
    const [x1, y1] = border([B.cx, B.cy], [A.cx, A.cy], A.w / 2, A.h / 2);
    const [x2, y2] = border([A.cx, A.cy], [B.cx, B.cy], B.w / 2 + 3, B.h / 2 + 3);
    const back = shown.backward.has(b) && (shown.backward.has(a) || a === 'x' || a === 't');
    svg.append(el('line', { x1, y1, x2, y2, class: `bp-edge${back ? ' is-back' : ''}`, 'marker-end': 'url(#bp-arrow)' }));
  }
  for (const [key, B] of Object.entries(boxes)) {
    const group = el('g', {
      class: `bp-node${B.n.input ? ' is-input' : ''}${B.revealed ? ' is-shown' : ''}${shown.current === key ? ' is-current' : ''}`,
      'data-node': key,
    });
    group.append(el('rect', { x: B.cx - B.w / 2, y: B.cy - B.h / 2, width: B.w, height: B.h, rx: 10 }));
    let y = B.cy - B.h / 2 + 7 + LINE * 0.75;
    group.append(el('text', { x: B.cx, y, class: 'bp-label' }, B.n.label));
    for (const r of B.n.value) {
      y += LINE;
      group.append(el('text', { x: B.cx, y, class: 'bp-value' }, B.revealed ? rowText(r) : '?'));
    }
    if (B.gradShown) {
      for (const r of B.n.grad) {
        y += LINE;
        group.append(el('text', { x: B.cx, y, class: 'bp-grad' }, `${rowText(r)}`));
      }
    }
    svg.append(group);
  }
}
