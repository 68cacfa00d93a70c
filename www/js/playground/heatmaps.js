// Draws the heatmaps the Rust side computed: each neuron's output over the input
// plane (small canvases in the diagram, or one large), and the output layer as the
// decision surface with the training and test points on top.

import { fitCanvas } from '../canvas.js';
import { CLASS_COLOURS, classColour, divergingColour } from './colours.js';

export const LO = -6;
export const HI = 6;
/** Samples per side of every heatmap. */
export const GRID = 100;

/**
 * Paints values (n*n, row 0 at the top) through `colour(v, i) -> [r, g, b]` onto a canvas of
 * (n / step) x (n / step) pixels, sampling every `step`-th grid point (thumbnails need fewer).
 * The ImageData is kept on the canvas, so a frame allocates nothing.
 */
export function paintMap(canvas, values, n, colour, step = 1) {
  const m = Math.floor(n / step);
  if (canvas.width !== m) canvas.width = m;
  if (canvas.height !== m) canvas.height = m;
  const ctx = canvas.getContext('2d');
  if (!canvas.pixels || canvas.pixels.width !== m) canvas.pixels = ctx.createImageData(m, m);
  const data = canvas.pixels.data;
  let o = 0;
  for (let r = 0; r < m; r++) {
    for (let c = 0; c < m; c++) {
      const i = r * step * n + c * step;
      const rgb = colour(values[i], i);
      data[o] = rgb[0];
      data[o + 1] = rgb[1];
      data[o + 2] = rgb[2];
      data[o + 3] = 255;
      o += 4;
    }
  }
  ctx.putImageData(canvas.pixels, 0, 0);
}

/** Colour function for a neuron's map: diverging, scaled by its largest magnitude when that exceeds 1. */
export function neuronColour(values) {
  let max = 1;
  for (let i = 0; i < values.length; i++) {
    const a = Math.abs(values[i]);
    if (a > max && Number.isFinite(a)) max = a;
  }
  return (v) => divergingColour(v / max);
}

/**
 * Colour function for the output layer. `maps` are the K output maps; `kind` is
 * {loss, classes, outputs}; `discrete` shows only the predicted class.
 */
export function outputColour(maps, kind, discrete) {
  const { loss, classes, outputs } = kind;
  if (outputs === 1) {
    const s = maps[0];
    const value = (i) => {
      const v = s[i];
      if (classes === 0) return v;
      return loss === 'logistic' ? Math.tanh(v / 2) : v; // 2 sigma(v) - 1 = tanh(v / 2)
    };
    return (_, i) => {
      const v = value(i);
      if (discrete && classes > 0) return divergingColour(v > 0 ? 1 : -1);
      return divergingColour(v);
    };
  }
  return (_, i) => {
    let best = 0;
    let max = -Infinity;
    for (let k = 0; k < outputs; k++) if (maps[k][i] > max) { max = maps[k][i]; best = k; }
    if (discrete) return classColour(best, 0.85);
    let sum = 0;
    for (let k = 0; k < outputs; k++) sum += Math.exp(maps[k][i] - max);
    const p = 1 / sum; // softmax probability of the winner
    return classColour(best, (p - 1 / outputs) / (1 - 1 / outputs));
  };
}

/** Device-pixel position of a plane point on a canvas of the given size. */
export const toPixel = (x1, x2, w, h) => [((x1 - LO) / (HI - LO)) * w, ((HI - x2) / (HI - LO)) * h];
/** Plane point of a CSS-pixel position inside an element's box. */
export const toPlane = (px, py, w, h) => [LO + (px / w) * (HI - LO), HI - (py / h) * (HI - LO)];

function marker(ctx, x, y, label, classes, r, test) {
  ctx.beginPath();
  if (classes === 0 || label === 0) ctx.arc(x, y, r, 0, Math.PI * 2);
  else if (label === 1) ctx.rect(x - r * 0.9, y - r * 0.9, r * 1.8, r * 1.8);
  else {
    ctx.moveTo(x, y - r * 1.15);
    ctx.lineTo(x + r * 1.1, y + r * 0.8);
    ctx.lineTo(x - r * 1.1, y + r * 0.8);
    ctx.closePath();
  }
  if (classes === 0) {
    const [cr, cg, cb] = divergingColour(label).map((c) => c * 0.75);
    ctx.fillStyle = `rgb(${cr | 0}, ${cg | 0}, ${cb | 0})`;
  } else {
    ctx.fillStyle = CLASS_COLOURS[label] || '#555';
  }
  ctx.fill();
  ctx.strokeStyle = test ? '#1d2330' : '#ffffff';
  ctx.lineWidth = test ? r * 0.45 : r * 0.3;
  ctx.stroke();
}

/** Draws a map image (an n x n canvas) scaled onto `canvas`, then axes and points. */
export function drawPlane(canvas, image, { train = [], test = [], classes = 2, showTest = false } = {}) {
  const { ctx, width, height, dpr } = fitCanvas(canvas);
  ctx.clearRect(0, 0, width, height);
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  if (image) ctx.drawImage(image, 0, 0, width, height);
  ctx.save();
  ctx.strokeStyle = 'rgba(29, 35, 48, 0.25)';
  ctx.lineWidth = dpr;
  ctx.setLineDash([4 * dpr, 4 * dpr]);
  const [cx, cy] = toPixel(0, 0, width, height);
  ctx.beginPath(); ctx.moveTo(cx, 0); ctx.lineTo(cx, height); ctx.moveTo(0, cy); ctx.lineTo(width, cy); ctx.stroke();
  ctx.restore();
  ctx.fillStyle = 'rgba(29, 35, 48, 0.75)';
  ctx.font = `${Math.round(11 * dpr)}px system-ui, sans-serif`;
  ctx.textBaseline = 'bottom';
  for (const v of [-6, -3, 3, 6]) {
    const [px] = toPixel(v, 0, width, height);
    ctx.textAlign = v === -6 ? 'left' : v === 6 ? 'right' : 'center';
    ctx.fillText(String(v), px + (v === -6 ? 3 * dpr : 0), height - 3 * dpr);
  }
  const r = Math.max(3, Math.min(6, width / dpr / 90)) * dpr;
  for (const p of train) {
    const [x, y] = toPixel(p[0], p[1], width, height);
    marker(ctx, x, y, p[2], classes, r, false);
  }
  if (showTest) {
    for (const p of test) {
      const [x, y] = toPixel(p[0], p[1], width, height);
      marker(ctx, x, y, p[2], classes, r, true);
    }
  }
}
