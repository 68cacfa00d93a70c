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

/** Diverging colour for v in [-1, 1]: orange below 0, near white at 0, blue above. */
export function divergingColour(v) {
  const c = Math.max(-1, Math.min(1, Number.isFinite(v) ? v : 0));
  return mix(WHITE, c < 0 ? TINTS[0] : TINTS[1], Math.pow(Math.abs(c), 0.8));
}

/** Colour of class `k` with strength t in [0, 1] (0 = white). */
export const classColour = (k, t) => mix(WHITE, TINTS[k], Math.max(0, Math.min(1, t)));

/** Colour of a weight: blue positive, orange negative (the same meaning as the heatmaps). */
export const weightColour = (w) => (w >= 0 ? CLASS_COLOURS[1] : CLASS_COLOURS[0]);
