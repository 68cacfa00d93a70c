// Train and test curves per epoch: the loss on a log scale, the accuracy on 0…100%.

import { fitCanvas } from '../canvas.js';
import { GRID, INK, MUTED } from '../palette.js';

export const TRAIN_COLOUR = '#0072b2';
export const TEST_COLOUR = '#d55e00';

/**
 * Draws series (arrays of numbers or nulls, one per epoch) on `canvas`.
 * `log`: log-scale y; otherwise y runs over [lo, hi]. `format` labels the y ticks.
 */
export function drawCurves(canvas, series, { log = true, lo = 0, hi = 1, empty = 'No epochs yet' } = {}) {
  const { ctx, width, height, dpr } = fitCanvas(canvas);
  ctx.clearRect(0, 0, width, height);
  const pad = { left: 46 * dpr, right: 10 * dpr, top: 8 * dpr, bottom: 22 * dpr };
  const w = Math.max(1, width - pad.left - pad.right);
  const h = Math.max(1, height - pad.top - pad.bottom);
  const length = Math.max(...series.map((s) => s.values.length), 0);
  let yLo = lo;
  let yHi = hi;
  if (log) {
    let min = Infinity;
    let max = -Infinity;
    for (const s of series) for (const v of s.values) if (Number.isFinite(v) && v > 0) { min = Math.min(min, v); max = Math.max(max, v); }
    if (!Number.isFinite(min)) { min = 0.01; max = 1; }
    yLo = Math.floor(Math.log10(Math.max(min, 1e-6)));
    yHi = Math.max(yLo + 1, Math.ceil(Math.log10(max)));
  }
  const yOf = (v) => {
    const t = log ? (Math.log10(Math.max(v, 10 ** yLo)) - yLo) / (yHi - yLo) : (v - yLo) / (yHi - yLo);
    return pad.top + (1 - t) * h;
  };
  const steps = Math.max(length, 10);
  const xOf = (i) => pad.left + (i / steps) * w;
  ctx.font = `${Math.round(11 * dpr)}px system-ui, sans-serif`;
  ctx.strokeStyle = GRID;
  ctx.fillStyle = MUTED;
  ctx.lineWidth = dpr;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  const ticks = log ? Array.from({ length: yHi - yLo + 1 }, (_, k) => 10 ** (yLo + k)) : [0, 0.25, 0.5, 0.75, 1].map((t) => lo + t * (hi - lo));
  for (const v of ticks) {
    const y = Math.round(yOf(v)) + 0.5;
    ctx.beginPath(); ctx.moveTo(pad.left, y); ctx.lineTo(pad.left + w, y); ctx.stroke();
    ctx.fillText(log ? (v >= 1 ? String(v) : v.toExponential(0)) : `${Math.round(v * 100)}%`, pad.left - 5 * dpr, y);
  }
  ctx.textAlign = 'right';
  ctx.textBaseline = 'bottom';
  ctx.fillStyle = INK;
  ctx.fillText(`epoch ${length}`, pad.left + w, height - 2 * dpr);
  if (!length) {
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillStyle = MUTED;
    ctx.fillText(empty, pad.left + w / 2, pad.top + h / 2);
    return;
  }
  const stride = Math.max(1, Math.floor(length / (w / dpr)));
  for (const s of series) {
    ctx.save();
    ctx.strokeStyle = s.colour;
    ctx.lineWidth = 2 * dpr;
    if (s.dash) ctx.setLineDash([5 * dpr, 4 * dpr]);
    ctx.beginPath();
    let started = false;
    for (let i = 0; i < s.values.length; i += stride) {
      const v = s.values[i];
      if (!Number.isFinite(v)) continue;
      const [x, y] = [xOf(i + 1), yOf(v)];
      if (started) ctx.lineTo(x, y);
      else { ctx.moveTo(x, y); started = true; }
    }
    const last = s.values[s.values.length - 1];
    if (Number.isFinite(last)) ctx.lineTo(xOf(s.values.length), yOf(last));
    ctx.stroke();
    ctx.restore();
  }
}
