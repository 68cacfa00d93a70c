// Draws the decision boundary: P(y = 1 | x) as a heatmap over the input plane,
// the P = 0.5 contour, and the four XOR points. The canvas maps
// [DOMAIN.min, DOMAIN.max]^2 onto its full width and height (x1 to the right,
// x2 up).

import { fitCanvas } from './canvas.js';
import { CLASS0, CLASS1, INK, planeColour } from './palette.js';

export const DOMAIN = { min: -0.5, max: 1.5 };
/** Samples per side of the heatmap grid. */
export const GRID_SIZE = 80;

const span = DOMAIN.max - DOMAIN.min;

/** Grid sample points (cell centres), row after row from the top (x2 = max) down. */
export function gridInputs(n = GRID_SIZE) {
  const xs = new Float32Array(n * n * 2);
  for (let row = 0; row < n; row++) {
    const x2 = DOMAIN.max - ((row + 0.5) / n) * span;
    for (let col = 0; col < n; col++) {
      const i = (row * n + col) * 2;
      xs[i] = DOMAIN.min + ((col + 0.5) / n) * span;
      xs[i + 1] = x2;
    }
  }
  return xs;
}

let offscreen = null;

export function heatmapImage(probs, n) {
  if (!offscreen || offscreen.width !== n) {
    offscreen = document.createElement('canvas');
    offscreen.width = n;
    offscreen.height = n;
  }
  const octx = offscreen.getContext('2d');
  const img = octx.createImageData(n, n);
  for (let i = 0; i < n * n; i++) {
    const [r, g, b] = planeColour(probs[i]);
    img.data[i * 4] = r;
    img.data[i * 4 + 1] = g;
    img.data[i * 4 + 2] = b;
    img.data[i * 4 + 3] = 255;
  }
  octx.putImageData(img, 0, 0);
  return offscreen;
}

/** Segments of the p = 0.5 contour by marching squares, in grid coordinates (cell centres at integers). */
export function contourSegments(probs, n) {
  const segs = [];
  const v = (r, c) => probs[r * n + c] - 0.5;
  const cross = (a, b) => a / (a - b);
  for (let r = 0; r < n - 1; r++) {
    for (let c = 0; c < n - 1; c++) {
      const tl = v(r, c), tr = v(r, c + 1), br = v(r + 1, c + 1), bl = v(r + 1, c);
      const pts = [];
      if ((tl < 0) !== (tr < 0)) pts.push([c + cross(tl, tr), r]);
      if ((tr < 0) !== (br < 0)) pts.push([c + 1, r + cross(tr, br)]);
      if ((br < 0) !== (bl < 0)) pts.push([c + 1 - cross(br, bl), r + 1]);
      if ((bl < 0) !== (tl < 0)) pts.push([c, r + 1 - cross(bl, tl)]);
      if (pts.length >= 2) segs.push([pts[0], pts[1]]);
      if (pts.length === 4) segs.push([pts[2], pts[3]]);
    }
  }
  return segs;
}

/** Strokes the p = 0.5 contour of an n x n grid of probabilities drawn over width x height device pixels. */
export function strokeContour(ctx, probs, n, width, height, dpr) {
  ctx.save();
  ctx.strokeStyle = INK;
  ctx.lineWidth = 2.5 * dpr;
  ctx.lineCap = 'round';
  ctx.beginPath();
  for (const [[c0, r0], [c1, r1]] of contourSegments(probs, n)) {
    ctx.moveTo((c0 + 0.5) * (width / n), (r0 + 0.5) * (height / n));
    ctx.lineTo((c1 + 0.5) * (width / n), (r1 + 0.5) * (height / n));
  }
  ctx.stroke();
  ctx.restore();
}

/** Device-pixel position of an input-plane point on a canvas of the given size. */
export function toPixel(x1, x2, width, height) {
  return [((x1 - DOMAIN.min) / span) * width, ((DOMAIN.max - x2) / span) * height];
}

function drawGuides(ctx, width, height, dpr) {
  ctx.save();
  ctx.strokeStyle = 'rgba(29, 35, 48, 0.22)';
  ctx.lineWidth = 1 * dpr;
  ctx.setLineDash([4 * dpr, 4 * dpr]);
  for (const v of [0, 1]) {
    const [px] = toPixel(v, 0, width, height);
    const [, py] = toPixel(0, v, width, height);
    ctx.beginPath(); ctx.moveTo(px, 0); ctx.lineTo(px, height); ctx.stroke();
    ctx.beginPath(); ctx.moveTo(0, py); ctx.lineTo(width, py); ctx.stroke();
  }
  ctx.restore();
  // Tick labels 0 and 1 on both axes.
  ctx.save();
  ctx.fillStyle = 'rgba(29, 35, 48, 0.75)';
  ctx.font = `${Math.round(12 * dpr)}px system-ui, sans-serif`;
  ctx.textBaseline = 'bottom';
  for (const v of [0, 1]) {
    const [px] = toPixel(v, 0, width, height);
    ctx.textAlign = 'center';
    ctx.fillText(String(v), px, height - 4 * dpr);
    const [, py] = toPixel(0, v, width, height);
    ctx.textAlign = 'left';
    ctx.fillText(String(v), 5 * dpr, py - 3 * dpr);
  }
  ctx.restore();
}

function drawPoint(ctx, x, y, label, dpr) {
  const r = 9 * dpr;
  ctx.save();
  ctx.lineWidth = 2.5 * dpr;
  ctx.strokeStyle = '#ffffff';
  ctx.fillStyle = label === 1 ? CLASS1 : CLASS0;
  ctx.beginPath();
  if (label === 1) ctx.rect(x - r, y - r, 2 * r, 2 * r);
  else ctx.arc(x, y, r * 1.1, 0, Math.PI * 2);
  ctx.fill();
  ctx.stroke();
  ctx.restore();
}

/**
 * Draws the plane. `probs` holds P(y = 1) at gridInputs(n) (or is null before
 * the network exists); `points` are [x1, x2, label] triples.
 */
export function drawBoundary(canvas, probs, points, n = GRID_SIZE) {
  const { ctx, width, height, dpr } = fitCanvas(canvas);
  ctx.clearRect(0, 0, width, height);
  if (probs) {
    ctx.imageSmoothingEnabled = true;
    ctx.imageSmoothingQuality = 'high';
    // Source pixels are cell centres: draw the n x n image over the full plane.
    ctx.drawImage(heatmapImage(probs, n), 0, 0, width, height);
  } else {
    ctx.fillStyle = '#f4f5f7';
    ctx.fillRect(0, 0, width, height);
  }
  drawGuides(ctx, width, height, dpr);
  if (probs) strokeContour(ctx, probs, n, width, height, dpr);
  for (const [x1, x2, label] of points) {
    const [px, py] = toPixel(x1, x2, width, height);
    drawPoint(ctx, px, py, label, dpr);
  }
}
