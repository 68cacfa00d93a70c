// A small line chart of one training curve against epochs (loss or validation accuracy).

import { fitCanvas } from '../canvas.js';
import { GRID, INK, MUTED } from '../palette.js';

/**
 * Draws `points` ([epoch, value] pairs) on `canvas` with y in [lo, hi] (hi grows to fit),
 * `format(v)` for the y labels and `empty` as the text before the first point.
 */
export function drawCurve(canvas, points, { lo = 0, hi = 1, ticks = 4, colour, format = String, empty = '' }) {
  const { ctx, width, height, dpr } = fitCanvas(canvas);
  ctx.clearRect(0, 0, width, height);
  const pad = { left: 44 * dpr, right: 12 * dpr, top: 10 * dpr, bottom: 28 * dpr };
  const w = Math.max(1, width - pad.left - pad.right);
  const h = Math.max(1, height - pad.top - pad.bottom);
  const finite = points.filter(([, v]) => Number.isFinite(v));
  for (const [, v] of finite) hi = Math.max(hi, v);
  const xMax = Math.max(1, Math.ceil(finite.length ? finite[finite.length - 1][0] : 1));
  const xOf = (x) => pad.left + (x / xMax) * w;
  const yOf = (v) => pad.top + (1 - (v - lo) / (hi - lo)) * h;
  ctx.font = `${Math.round(12 * dpr)}px system-ui, sans-serif`;
  ctx.lineWidth = dpr;
  ctx.strokeStyle = GRID;
  ctx.fillStyle = MUTED;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (let i = 0; i <= ticks; i++) {
    const v = lo + ((hi - lo) * i) / ticks;
    const y = Math.round(yOf(v)) + 0.5;
    ctx.beginPath(); ctx.moveTo(pad.left, y); ctx.lineTo(pad.left + w, y); ctx.stroke();
    ctx.fillText(format(v), pad.left - 5 * dpr, y);
  }
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  const xStep = Math.max(1, Math.ceil(xMax / 6));
  for (let x = 0; x <= xMax; x += xStep) ctx.fillText(String(x), xOf(x), pad.top + h + 5 * dpr);
  ctx.textAlign = 'right';
  ctx.textBaseline = 'bottom';
  ctx.fillStyle = INK;
  ctx.fillText('epoch', pad.left + w, height);
  if (!finite.length) {
    ctx.fillStyle = MUTED;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText(empty, pad.left + w / 2, pad.top + h / 2);
    return;
  }
  ctx.strokeStyle = colour;
  ctx.lineWidth = 2.5 * dpr;
  ctx.lineJoin = 'round';
  ctx.beginPath();
  finite.forEach(([x, v], k) => (k ? ctx.lineTo(xOf(x), yOf(v)) : ctx.moveTo(xOf(x), yOf(v))));
  ctx.stroke();
  if (finite.length === 1) {
    ctx.fillStyle = colour;
    ctx.beginPath();
    ctx.arc(xOf(finite[0][0]), yOf(finite[0][1]), 3 * dpr, 0, 2 * Math.PI);
    ctx.fill();
  }
}
