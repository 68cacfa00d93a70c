// Colours, shared by the plots and (as CSS variables) the page. Okabe-Ito
// orange/vermillion and blue stay apart for every common colour-vision
// deficiency; the classes also differ in marker shape (circle / square).

export const CLASS0 = '#d55e00'; // vermillion: XOR = 0, drawn as circles
export const CLASS1 = '#0072b2'; // blue: XOR = 1, drawn as squares
export const INK = '#1d2330';
export const MUTED = '#5b6474';
export const GRID = '#d9dde4';

// Background tints of the decision plane (RGB).
const TINT0 = [246, 180, 110]; // P(y = 1) = 0: orange
const MIDDLE = [250, 248, 244]; // P(y = 1) = 0.5: near white
const TINT1 = [110, 170, 220]; // P(y = 1) = 1: blue

/** RGB of the plane at probability p = P(y = 1). */
export function planeColour(p) {
  const d = Math.min(1, Math.abs(p - 0.5) * 2);
  const t = Math.pow(d, 0.7); // confident regions saturate early
  const end = p < 0.5 ? TINT0 : TINT1;
  return [
    MIDDLE[0] + (end[0] - MIDDLE[0]) * t,
    MIDDLE[1] + (end[1] - MIDDLE[1]) * t,
    MIDDLE[2] + (end[2] - MIDDLE[2]) * t,
  ];
}
