// A training loop on requestAnimationFrame: up to `speed()` steps per frame,
// never more than `budgetMs` of work per frame, so the page never freezes.
// `step()` does one unit of work (may throw); `frame()` redraws after steps.
// A thrown error stops the loop and goes to `fail(error)`.

/** Returns {start, stop, running}. */
export function trainingLoop({ step, frame, fail, speed, budgetMs = 8 }) {
  let running = false;
  let credit = 0;
  function tick() {
    if (!running) return;
    credit = Math.min(credit + speed(), Math.max(1, speed()));
    const start = performance.now();
    let taken = 0;
    try {
      while (credit >= 1 && performance.now() - start < budgetMs) {
        step();
        credit -= 1;
        taken += 1;
      }
      if (taken > 0) frame();
    } catch (error) {
      running = false;
      fail(error);
      return;
    }
    if (running) requestAnimationFrame(tick);
  }
  return {
    start() {
      if (running) return;
      running = true;
      credit = 0;
      requestAnimationFrame(tick);
    },
    stop() {
      running = false;
    },
    get running() {
      return running;
    },
  };
}
