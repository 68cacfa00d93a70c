// Drawings of the digits view: the 28 x 28 network input, the ten probability
// bars, and first-layer weight tiles (lecture 3.6: positive weights lighter,
// negative darker, zero mid-grey).

export const SIDE = 28;

/** Draws a 784-value image (0 = black, 1 = white) on a 28 x 28 canvas; `null` clears it. */
export function drawInput(canvas, image) {
  canvas.width = SIDE;
  canvas.height = SIDE;
  const ctx = canvas.getContext('2d');
  const out = ctx.createImageData(SIDE, SIDE);
  for (let i = 0; i < SIDE * SIDE; i++) {
    const v = image ? Math.round(Math.max(0, Math.min(1, image[i])) * 255) : 0;
    out.data.set([v, v, v, 255], 4 * i);
  }
  ctx.putImageData(out, 0, 0);
}

/** Builds the ten labelled bars once; returns the <li> rows. */
export function buildBars(list) {
  list.replaceChildren();
  const rows = [];
  for (let d = 0; d < 10; d++) {
    const li = document.createElement('li');
    li.className = 'bar';
    li.dataset.digit = String(d);
    li.innerHTML = `<span class="bar-label">${d}</span><span class="bar-track"><span class="bar-fill"></span></span><span class="bar-value">–</span>`;
    list.append(li);
    rows.push(li);
  }
  return rows;
}

/** Sets the bars to `probs` (ten numbers) with the top one marked, or empties them (`null`). */
export function setBars(rows, probs) {
  let top = -1;
  if (probs) for (let d = 0; d < 10; d++) if (top < 0 || probs[d] > probs[top]) top = d;
  rows.forEach((li, d) => {
    const p = probs ? probs[d] : 0;
    li.querySelector('.bar-fill').style.width = `${(p * 100).toFixed(1)}%`;
    li.querySelector('.bar-value').textContent = probs ? `${(p * 100).toFixed(p >= 0.995 || p < 0.005 ? 0 : 1)}%` : '–';
    li.classList.toggle('is-top', d === top);
  });
  return top;
}

/**
 * Draws the first-layer weights as tiles: unit j's 784 weights W[j, :] as a 28 x 28 picture,
 * scaled per tile by its largest |w| (grey 128 = 0). `highlight` maps unit -> colour for outlines.
 * Returns the layout {cols, tile, gap} so callers can find a unit's tile.
 */
export function drawTiles(canvas, weights, units, { highlight = new Map(), maxUnits = 256 } = {}) {
  const n = Math.min(units, maxUnits);
  const cols = Math.ceil(Math.sqrt(n));
  const rows = Math.ceil(n / cols);
  const gap = 2;
  const tile = SIDE;
  canvas.width = cols * (tile + gap) + gap;
  canvas.height = rows * (tile + gap) + gap;
  const ctx = canvas.getContext('2d');
  const img = ctx.createImageData(canvas.width, canvas.height);
  img.data.fill(255);
  for (let j = 0; j < n; j++) {
    const w = weights.subarray(j * SIDE * SIDE, (j + 1) * SIDE * SIDE);
    let max = 1e-8;
    for (const v of w) max = Math.max(max, Math.abs(v));
    const x0 = gap + (j % cols) * (tile + gap);
    const y0 = gap + Math.floor(j / cols) * (tile + gap);
    for (let p = 0; p < SIDE * SIDE; p++) {
      const g = Math.round(128 + 127 * (w[p] / max));
      const o = 4 * ((y0 + Math.floor(p / SIDE)) * canvas.width + x0 + (p % SIDE));
      img.data[o] = g;
      img.data[o + 1] = g;
      img.data[o + 2] = g;
    }
  }
  ctx.putImageData(img, 0, 0);
  for (const [j, colour] of highlight) {
    if (j >= n) continue;
    ctx.strokeStyle = colour;
    ctx.lineWidth = 2;
    ctx.strokeRect(gap + (j % cols) * (tile + gap) - 1, gap + Math.floor(j / cols) * (tile + gap) - 1, tile + 2, tile + 2);
  }
  return { cols, rows, tile, gap, shown: n };
}

/** One unit's weight tile on its own small canvas. */
export function drawTile(canvas, weights, j) {
  const w = weights.subarray(j * SIDE * SIDE, (j + 1) * SIDE * SIDE);
  canvas.width = SIDE;
  canvas.height = SIDE;
  const ctx = canvas.getContext('2d');
  const img = ctx.createImageData(SIDE, SIDE);
  let max = 1e-8;
  for (const v of w) max = Math.max(max, Math.abs(v));
  for (let p = 0; p < SIDE * SIDE; p++) {
    const g = Math.round(128 + 127 * (w[p] / max));
    img.data.set([g, g, g, 255], 4 * p);
  }
  ctx.putImageData(img, 0, 0);
}
