// A drawn digit as the page gets it: the RGBA bytes of a 280 x 280 canvas (a dark "7" with a
// round pen on white), for timing the drawn-digit path (preprocessing + forward pass).
import { timeCalls } from './stats.mjs';

/** RGBA bytes (`getImageData().data`) of a 280 x 280 drawing of a 7. */
export function drawnSeven(side = 280, pen = 9) {
  const rgba = new Uint8ClampedArray(side * side * 4).fill(255);
  const dot = (cx, cy) => {
    for (let y = Math.max(0, Math.floor(cy - pen)); y <= Math.min(side - 1, Math.ceil(cy + pen)); y++) {
      for (let x = Math.max(0, Math.floor(cx - pen)); x <= Math.min(side - 1, Math.ceil(cx + pen)); x++) {
        if ((x - cx) ** 2 + (y - cy) ** 2 <= pen * pen) rgba.fill(0, (y * side + x) * 4, (y * side + x) * 4 + 3);
      }
    }
  };
  const line = (x0, y0, x1, y1) => {
    const n = Math.ceil(Math.hypot(x1 - x0, y1 - y0));
    for (let i = 0; i <= n; i++) dot(x0 + ((x1 - x0) * i) / n, y0 + ((y1 - y0) * i) / n);
  };
  line(80, 70, 200, 70);
  line(200, 70, 120, 220);
  return rgba;
}

/**
 * Times the drawn-digit path as the page runs it: the canvas bytes written into a reused
 * wasm-side `DigitPad` buffer, preprocessed, classified. Builds without `DigitPad` use
 * `preprocessDigit` + `classifyDigit` (a fresh copy per call); builds without either return
 * null and the caller reports the forward pass only. The path first runs for `warmMs` ms.
 */
export function timeDrawnDigit(wasm, model, calls, warmMs) {
  if (typeof wasm.preprocessDigit !== 'function' || typeof wasm.classifyDigit !== 'function') return null;
  const rgba = drawnSeven();
  const digitPad = typeof wasm.DigitPad === 'function' ? new wasm.DigitPad() : null;
  const classify = () => {
    if (!digitPad) return wasm.classifyDigit(model, wasm.preprocessDigit(rgba, 280, 280, true));
    digitPad.inputView(280, 280).set(rgba);
    if (!digitPad.preprocess(280, 280, true)) throw new Error('the drawn 7 came out empty');
    return digitPad.classify(model);
  };
  const ms = timeCalls(classify, calls, warmMs);
  const p = classify();
  const label = p.indexOf(Math.max(...p));
  if (digitPad) digitPad.free();
  return { ms, label, path: digitPad ? 'DigitPad (reused wasm buffer)' : 'preprocessDigit (copy per call)' };
}
