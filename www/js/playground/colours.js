// Colours of the playground: the Okabe-Ito set (safe for every common colour-vision
// deficiency); classes also differ in marker shape (circle, square, triangle).

export const CLASS_COLOURS = ['#d55e00', '#0072b2', '#009e73'];
const TINTS = [
  [240, 150, 80],
  [70, 150, 210],
  [70, 190, 150],
];
const WHITE = [250, 249, 246];

const mix = (a, b, t) => [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];

// Lookup tables, so painting 10,000 pixels per neuron per frame allocates nothing.
const STEPS = 256;
const DIVERGING = Array.from({ length: STEPS + 1 }, (_, i) => {
  const c = (2 * i) / STEPS - 1;
  return mix(WHITE, c < 0 ? TINTS[0] : TINTS[1], Math.pow(Math.abs(c), 0.8)).map(Math.round);
});
const CLASS_RAMPS = TINTS.map((tint) => Array.from({ length: STEPS + 1 }, (_, i) => mix(WHITE, tint, i / STEPS).map(Math.round)));

/** Diverging colour for v in [-1, 1]: orange below 0, near white at 0, blue above (NaN: white). */
export function divergingColour(v) {
  const c = Number.isNaN(v) ? 0 : v > 1 ? 1 : v < -1 ? -1 : v;
  return DIVERGING[Math.round(((c + 1) / 2) * STEPS)];
}

/** Colour of class `k` with strength t in [0, 1] (0 = white). */
export const classColour = (k, t) => CLASS_RAMPS[k][Math.round(Math.max(0, Math.min(1, t || 0)) * STEPS)];

/** Colour of a weight: blue positive, orange negative (the same meaning as the heatmaps). */
export const weightColour = (w) => (w >= 0 ? CLASS_COLOURS[1] : CLASS_COLOURS[0]);
