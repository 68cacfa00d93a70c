// The Train / Step / Reset controls shared by the training views (features,
// relu-vs-tanh): builds the model from the seed field, runs the frame-budgeted
// loop (loop.js), redraws on resize, and shows every error in the message area.
// A model has step(), steps and free(); the view supplies build, refresh and draw.

import { trainingLoop } from './loop.js';
import { clearError, setStatus, showError } from '../messages.js';

/**
 * `el` = {train, step, reset, seed, speed, layout}; `hook` = the view's test hook (running, error);
 * `build(seed)` returns a new model (may throw); `refresh(model)` reads its numbers; `draw(model)` paints;
 * `idleText(model)` is the status before the first step; `save(seed)` writes the URL.
 */
export function trainingSession({ el, hook, build, refresh, draw, idleText, save, runningText = 'Training…' }) {
  let model = null;

  function fail(error, context = 'Training failed') {
    loop.stop();
    show();
    showError(error, context);
    hook.error = error instanceof Error ? error.message : String(error);
  }

  const loop = trainingLoop({
    step: () => model.step(),
    frame: () => {
      refresh(model);
      draw(model);
    },
    fail,
    speed: () => Number(el.speed.value) || 1,
  });

  function show() {
    hook.running = loop.running;
    el.train.textContent = loop.running ? 'Pause' : 'Train';
    el.train.classList.toggle('is-running', loop.running);
    if (model) setStatus(loop.running ? runningText : model.steps ? `Paused at step ${model.steps}.` : idleText(model));
  }

  function reset() {
    loop.stop();
    const seed = Number(el.seed.value);
    if (el.seed.value.trim() === '' || !Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
      el.seed.setAttribute('aria-invalid', 'true');
      showError(`The seed must be a whole number from 0 to 4294967295; got "${el.seed.value}".`, 'Seed');
      return;
    }
    el.seed.setAttribute('aria-invalid', 'false');
    try {
      const next = build(seed);
      if (model) model.free();
      model = next;
      clearError();
      hook.error = null;
      refresh(model);
      draw(model);
      save(seed);
    } catch (error) {
      fail(error, 'Could not build the network');
    }
    show();
  }

  el.train.addEventListener('click', () => {
    if (!model) return;
    if (loop.running) loop.stop();
    else loop.start();
    show();
  });
  el.step.addEventListener('click', () => {
    if (!model) return;
    loop.stop();
    try {
      model.step();
      refresh(model);
      draw(model);
    } catch (error) {
      fail(error);
    }
    show();
  });
  el.reset.addEventListener('click', reset);
  el.seed.addEventListener('change', reset);
  const resizer = new ResizeObserver(() => {
    if (model && !loop.running) draw(model);
  });
  resizer.observe(el.layout);

  return {
    reset,
    fail,
    start() {
      if (model) loop.start();
      show();
    },
    get model() {
      return model;
    },
    unmount() {
      loop.stop();
      resizer.disconnect();
      if (model) model.free();
      model = null;
    },
  };
}
