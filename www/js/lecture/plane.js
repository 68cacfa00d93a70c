// Draws a 2-D plane for the lecture views: a probability heatmap with its
// p = 0.5 contour (from boundary.js), axes with tick labels, and labelled points
// (class 0 vermillion circles, class 1 blue squares, class 2 green triangles).
// `domain` = {min, max} maps onto the canvas in both directions (x up is y).

import { heatmapImage, strokeContour } from '../boundary.js';
import { fitCanvas } from '../canvas.js';
import { CLASS0, CLASS1, INK } from '../palette.js';

/** Okabe-Ito bluish green for a third class. */
export const CLASS2 = '#009e73';
const COLOURS = [CLASS0, CLASS1, CLASS2];

/** n x n grid cell centres over domain^2, row after row from the top down, as (x1, x2) pairs. */
export function planeGrid(domain, n) {
  const span = domain.max - domain.min;
  const xs = new Float32Array(n * n * 2);
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n; col++) {
      xs[(row * n + col) * 2] = domain.min + ((col + 0.5) / n) * span;
      xs[(row * n + col) * 2 + 1] = domain.max - ((row + 0.5) / n) * span;
    }
  }
  return xs;
}

function marker(ctx, x, y, label, r) {
  ctx.fillStyle = COLOURS[label] || INK;
  ctx.beginPath();
  if (label === 1) ctx.rect(x - r, y - r, 2 * r, 2 * r);
  else if (label === 2) {
    ctx.moveTo(x, y - r * 1.3);
    ctx.lineTo(x + r * 1.2, y + r);
    ctx.lineTo(x - r * 1.2, y + r);
    ctx.closePath();
  } else ctx.arc(x, y, r * 1.1, 0, Math.PI * 2);
  ctx.fill();
  ctx.stroke();
}

/**
 * Draws the plane on `canvas`. `points` = flat (x1, x2) pairs, `labels` = one class per point;
 * `probs` (optional) = P(class 1) at planeGrid(domain, n); `ticks` = values labelled on both axes.
 */
export function drawPlane(canvas, { domain, points, labels, probs = null, n = 0, ticks = [], pointRadius = 4 }) {
  const { ctx, width, height, dpr } = fitCanvas(canvas);
  const span = domain.max - domain.min;
  const px = (v) => ((v - domain.min) / span) * width;
  const py = (v) => ((domain.max - v) / span) * height;
  ctx.clearRect(0, 0, width, height);
  if (probs) {
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(heatmapImage(probs, n), 0, 0, width, height);
  } else {
    ctx.fillStyle = '#f4f5f7';
    ctx.fillRect(0, 0, width, height);
  }
  ctx.save();
  ctx.strokeStyle = 'rgba(29, 35, 48, 0.22)';
  ctx.lineWidth = dpr;
  ctx.setLineDash([4 * dpr, 4 * dpr]);
  ctx.fillStyle = 'rgba(29, 35, 48, 0.75)';
  ctx.font = `${Math.round(12 * dpr)}px system-ui, sans-serif`;
  ctx.textBaseline = 'bottom';
  for (const v of ticks) {
    ctx.beginPath(); ctx.moveTo(px(v), 0); ctx.lineTo(px(v), height); ctx.stroke();
    ctx.beginPath(); ctx.moveTo(0, py(v)); ctx.lineTo(width, py(v)); ctx.stroke();
    ctx.textAlign = 'center';
    ctx.fillText(String(v), px(v), height - 4 * dpr);
    ctx.textAlign = 'left';
    ctx.fillText(String(v), 5 * dpr, py(v) - 3 * dpr);
  }
  ctx.restore();
  if (probs) strokeContour(ctx, probs, n, width, height, dpr);
  ctx.save();
  ctx.lineWidth = 1.2 * dpr;
  ctx.strokeStyle = '#ffffff';
  for (let i = 0; i < labels.length; i++) marker(ctx, px(points[2 * i]), py(points[2 * i + 1]), labels[i], pointRadius * dpr);
  ctx.restore();
}
