// A labelled x-y frame on a canvas for the lecture views: ticks, grid, axis
// titles, and the maps from data to device pixels. Sized for a projector
// (big tick labels) and a phone (the canvas follows its CSS width).

import { fitCanvas } from '../canvas.js';
import { GRID, INK, MUTED } from '../palette.js';
import { useStyles } from '../styles.js';

/** A "nice" tick step (1, 2 or 5 times a power of ten) for about `count` ticks over `range`. */
export function niceStep(range, count) {
  const raw = range / Math.max(1, count);
  const mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const f = raw / mag;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
}

const tickText = (v, step) => {
  const digits = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  const t = v.toFixed(Math.min(4, digits));
  return t === '-0' ? '0' : t.replace('-', '−');
};

/**
 * Clears `canvas` and draws axes for [xlo, xhi] x [ylo, yhi].
 * Returns {ctx, dpr, X, Y, box, font} where X(x) and Y(y) map data to device pixels.
 */
export function frame(canvas, { xlo, xhi, ylo, yhi, xlabel = 'x', ylabel = 'y', square = false }) {
  const { ctx, width, height, dpr } = fitCanvas(canvas);
  ctx.clearRect(0, 0, width, height);
  const font = Math.round(Math.max(12, Math.min(16, width / dpr / 40)) * dpr);
  const pad = { left: font * 3.4, right: font * 0.9, top: font * 0.8, bottom: font * 2.9 };
  let w = Math.max(1, width - pad.left - pad.right);
  let h = Math.max(1, height - pad.top - pad.bottom);
  if (square) {
    const s = Math.min(w, h);
    pad.left += (w - s) / 2;
    w = h = s;
  }
  const box = { left: pad.left, top: pad.top, width: w, height: h, right: pad.left + w, bottom: pad.top + h };
  const X = (x) => box.left + ((x - xlo) / (xhi - xlo)) * w;
  const Y = (y) => box.bottom - ((y - ylo) / (yhi - ylo)) * h;
  ctx.font = `${font}px system-ui, sans-serif`;
  ctx.lineWidth = Math.max(1, dpr);
  const xs = niceStep(xhi - xlo, Math.max(3, Math.round(w / (font * 5))));
  const ys = niceStep(yhi - ylo, Math.max(3, Math.round(h / (font * 3))));
  ctx.strokeStyle = GRID;
  ctx.fillStyle = MUTED;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (let v = Math.ceil(xlo / xs) * xs; v <= xhi + 1e-9; v += xs) {
    ctx.beginPath();
    ctx.moveTo(X(v), box.top);
    ctx.lineTo(X(v), box.bottom);
    ctx.stroke();
    ctx.fillText(tickText(v, xs), X(v), box.bottom + font * 0.3);
  }
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (let v = Math.ceil(ylo / ys) * ys; v <= yhi + 1e-9; v += ys) {
    ctx.beginPath();
    ctx.moveTo(box.left, Y(v));
    ctx.lineTo(box.right, Y(v));
    ctx.stroke();
    ctx.fillText(tickText(v, ys), box.left - font * 0.35, Y(v));
  }
  // Zero axes darker, when inside the frame.
  ctx.strokeStyle = MUTED;
  if (xlo < 0 && xhi > 0) {
    ctx.beginPath();
    ctx.moveTo(X(0), box.top);
    ctx.lineTo(X(0), box.bottom);
    ctx.stroke();
  }
  if (ylo < 0 && yhi > 0) {
    ctx.beginPath();
    ctx.moveTo(box.left, Y(0));
    ctx.lineTo(box.right, Y(0));
    ctx.stroke();
  }
  ctx.strokeStyle = INK;
  ctx.strokeRect(box.left, box.top, w, h);
  ctx.fillStyle = INK;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'bottom';
  ctx.font = `italic ${font}px system-ui, sans-serif`;
  ctx.fillText(xlabel, box.left + w / 2, height - font * 0.15);
  ctx.save();
  ctx.translate(font * 0.9, box.top + h / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textBaseline = 'middle';
  ctx.fillText(ylabel, 0, 0);
  ctx.restore();
  ctx.font = `${font}px system-ui, sans-serif`;
  return { ctx, dpr, X, Y, box, font };
}

/** Strokes the polyline (xs[i], ys[i]) clipped to the frame's box. */
export function polyline(f, xs, ys, { colour = INK, width = 3, dash = [] } = {}) {
  const { ctx, dpr, X, Y, box } = f;
  ctx.save();
  ctx.beginPath();
  ctx.rect(box.left, box.top, box.width, box.height);
  ctx.clip();
  ctx.strokeStyle = colour;
  ctx.lineWidth = width * dpr;
  ctx.lineJoin = 'round';
  ctx.setLineDash(dash.map((d) => d * dpr));
  ctx.beginPath();
  for (let i = 0; i < xs.length; i++) {
    if (i === 0) ctx.moveTo(X(xs[i]), Y(ys[i]));
    else ctx.lineTo(X(xs[i]), Y(ys[i]));
  }
  ctx.stroke();
  ctx.restore();
}

/** Draws the line w1 x1 + w2 x2 + b = level across the frame (nothing if w = 0). */
export function lineWhere(f, [w1, w2, b], level, range, style) {
  const [lo, hi] = range;
  const c = level - b;
  let pts;
  if (Math.abs(w2) >= Math.abs(w1)) {
    if (Math.abs(w2) < 1e-12) return;
    pts = [[lo, (c - w1 * lo) / w2], [hi, (c - w1 * hi) / w2]];
  } else {
    pts = [[(c - w2 * lo) / w1, lo], [(c - w2 * hi) / w1, hi]];
  }
  polyline(f, pts.map((p) => p[0]), pts.map((p) => p[1]), style);
}

/** Formats a number for display: never NaN on screen. */
export function fmt(v, digits = 3) {
  if (!Number.isFinite(v)) return '–';
  return v.toFixed(digits).replace(/^-/, '−');
}

/** Scientific notation for tiny numbers (errors), e.g. 5.96 × 10⁻⁸. */
export function sci(v) {
  if (!Number.isFinite(v)) return '–';
  if (v === 0) return '0';
  const e = Math.floor(Math.log10(Math.abs(v)));
  const m = v / 10 ** e;
  const sup = String(e).replace('-', '⁻').replace(/\d/g, (d) => '⁰¹²³⁴⁵⁶⁷⁸⁹'[d]);
  return `${m.toFixed(2)} × 10${sup}`;
}

/** The lecture views' shared test hook: window.__lecture[view] = {...}. */
export function hook(view, initial) {
  window.__lecture = window.__lecture || {};
  window.__lecture[view] = initial;
  return initial;
}

/**
 * Loads the lecture views' stylesheet, fills `root` with `html`; returns a lookup by element id,
 * or null if the reader picked another view meanwhile (`ctx.isCurrent()`), leaving `root` alone.
 */
export async function mountTemplate(root, html, ctx) {
  await useStyles('lecture-basics');
  if (!ctx.isCurrent()) return null; // the reader moved on while the styles loaded
  root.innerHTML = html;
  return (id) => root.querySelector(`#${id}`);
}
