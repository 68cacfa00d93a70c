// Draws loss curves: loss per training step on a log scale. One curve
// (drawLoss, the xor-train view) or several on one plot (drawLossSeries, e.g.
// ReLU against tanh), each with its colour and dash pattern, and an optional
// dashed horizontal threshold line.

import { fitCanvas } from './canvas.js';
import { CLASS1, GRID, INK, MUTED } from './palette.js';

const niceStep = (range, ticks) => {
  const raw = range / ticks;
  const mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const f = raw / mag;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
};

const decadeLabel = (e) => (e >= 0 ? String(10 ** e) : `1e${e}`);

/** Draws `losses` (one number per step) on `canvas`. */
export function drawLoss(canvas, losses) {
  drawLossSeries(canvas, [{ values: losses, colour: CLASS1 }]);
}

/** Samples of one curve: at most about two per device pixel, however long training ran. */
function sample(losses, plotW) {
  const stride = Math.max(1, Math.floor(losses.length / (plotW * 2)));
  const samples = [];
  for (let i = 0; i < losses.length; i += stride) samples.push([i + 1, losses[i]]);
  if (losses.length) samples.push([losses.length, losses[losses.length - 1]]);
  return samples.filter(([, v]) => Number.isFinite(v) && v > 0);
}

/**
 * Draws several curves on one log-scale plot. `series` is a list of
 * {values, colour, dash?}; `threshold` (optional) is drawn as a dashed line.
 */
export function drawLossSeries(canvas, series, { threshold = null, emptyText = 'Press Train or Step to start' } = {}) {
  const { ctx, width, height, dpr } = fitCanvas(canvas);
  ctx.clearRect(0, 0, width, height);
  const font = Math.round(13 * dpr);
  const pad = { left: 48 * dpr, right: 14 * dpr, top: 12 * dpr, bottom: 34 * dpr };
  const plotW = Math.max(1, width - pad.left - pad.right);
  const plotH = Math.max(1, height - pad.top - pad.bottom);

  const curves = series.map((s) => ({ ...s, finite: sample(s.values, plotW) }));
  let lo = 1e-2;
  let hi = 1;
  for (const { finite } of curves) {
    for (const [, v] of finite) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  const eLo = Math.max(-6, Math.floor(Math.log10(lo))); // below 1e-6 the curve runs along the floor
  const eHi = Math.ceil(Math.log10(hi));
  const steps = Math.max(100, ...series.map((s) => s.values.length));

  const xOf = (i) => pad.left + (i / steps) * plotW;
  const yOf = (v) => pad.top + ((eHi - Math.max(eLo, Math.log10(v))) / (eHi - eLo)) * plotH;

  // Grid and axes.
  ctx.font = `${font}px system-ui, sans-serif`;
  ctx.lineWidth = 1 * dpr;
  ctx.strokeStyle = GRID;
  ctx.fillStyle = MUTED;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (let e = eLo; e <= eHi; e++) {
    const y = Math.round(yOf(10 ** e)) + 0.5;
    ctx.beginPath(); ctx.moveTo(pad.left, y); ctx.lineTo(pad.left + plotW, y); ctx.stroke();
    ctx.fillText(decadeLabel(e), pad.left - 6 * dpr, y);
  }
  const xStep = niceStep(steps, width / dpr < 500 ? 3 : 6);
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (let s = 0; s <= steps; s += xStep) {
    const x = Math.round(xOf(s)) + 0.5;
    ctx.beginPath(); ctx.moveTo(x, pad.top); ctx.lineTo(x, pad.top + plotH); ctx.stroke();
    ctx.fillText(String(s), x, pad.top + plotH + 6 * dpr);
  }
  ctx.fillStyle = INK;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'bottom';
  ctx.fillText('step', pad.left + plotW, height - 1 * dpr);

  if (!curves.some((c) => c.finite.length)) {
    ctx.fillStyle = MUTED;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText(emptyText, pad.left + plotW / 2, pad.top + plotH / 2);
    return;
  }

  ctx.save();
  ctx.beginPath();
  ctx.rect(pad.left, pad.top, plotW, plotH);
  ctx.clip();
  if (threshold > 0) {
    ctx.strokeStyle = MUTED;
    ctx.lineWidth = 1.5 * dpr;
    ctx.setLineDash([3 * dpr, 5 * dpr]);
    const y = yOf(threshold);
    ctx.beginPath(); ctx.moveTo(pad.left, y); ctx.lineTo(pad.left + plotW, y); ctx.stroke();
  }
  // The curves.
  ctx.lineWidth = 2.5 * dpr;
  ctx.lineJoin = 'round';
  for (const { finite, colour, dash } of curves) {
    ctx.strokeStyle = colour;
    ctx.setLineDash((dash || []).map((d) => d * dpr));
    ctx.beginPath();
    finite.forEach(([step, v], k) => {
      if (k === 0) ctx.moveTo(xOf(step), yOf(v));
      else ctx.lineTo(xOf(step), yOf(v));
    });
    ctx.stroke();
  }
  ctx.restore();
}
