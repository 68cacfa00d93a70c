// Keeps a canvas's backing store at its CSS size times devicePixelRatio, so
// plots stay sharp on a projector and on a phone.

/** Resizes `canvas` if needed; returns {ctx, width, height, dpr} in device pixels. */
export function fitCanvas(canvas) {
  const dpr = Math.max(1, Math.min(3, window.devicePixelRatio || 1));
  const rect = canvas.getBoundingClientRect();
  const width = Math.max(1, Math.round(rect.width * dpr));
  const height = Math.max(1, Math.round(rect.height * dpr));
  if (canvas.width !== width || canvas.height !== height) {
    canvas.width = width;
    canvas.height = height;
  }
  return { ctx: canvas.getContext('2d'), width, height, dpr };
}
