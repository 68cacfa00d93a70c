// Waits for the WebAssembly bindings that Trunk's loader puts on
// window.wasmBindings, and turns every way loading can fail into a rejected
// promise with a readable message (never an uncaught error).

const STARTED = 'TrunkApplicationStarted';
const LOAD = 'mlp:wasm-load'; // from the initializer, js/loader.js

function failedMessage(load) {
  // Trunk's initializer re-wraps the response, so its URL reads as ''.
  const reason = String(load.error).replace(/ fetching ''$/, '');
  return `The WebAssembly module could not be loaded: ${reason}.`;
}

/**
 * Resolves with the wasm-bindgen exports (`Mlp`, `simdEnabled`, ...).
 * Call it before Trunk's loader runs (app.js is placed before it in index.html);
 * it also works afterwards, since the outcome is kept on window.
 */
export function loadBindings({ timeoutMs = 30000 } = {}) {
  return new Promise((resolve, reject) => {
    let timer = 0;
    const cleanup = () => {
      clearTimeout(timer);
      window.removeEventListener(STARTED, onStarted);
      window.removeEventListener(LOAD, onLoad);
      document.removeEventListener('error', onScriptError, true);
    };
    const fail = (message) => { cleanup(); reject(new Error(message)); };
    const succeed = () => {
      const bindings = window.wasmBindings;
      if (!bindings || typeof bindings.Mlp !== 'function') {
        fail('The WebAssembly module loaded, but its bindings (window.wasmBindings.Mlp) are missing.');
        return;
      }
      cleanup();
      resolve(bindings);
    };
    function onStarted() {
      const load = window.__mlpLoad;
      if (load && load.phase === 'failed') fail(failedMessage(load));
      else succeed();
    }
    function onLoad(event) {
      if (event.detail.phase === 'failed') fail(failedMessage(event.detail));
    }
    function onScriptError(event) {
      const el = event.target;
      if (el instanceof HTMLScriptElement) {
        fail('A script of the page could not be loaded (is the page served over http, with all of dist/?).');
      }
    }

    const load = window.__mlpLoad;
    if (load && load.phase === 'failed') { reject(new Error(failedMessage(load))); return; }
    if (load && load.phase === 'ready' && window.wasmBindings) { resolve(window.wasmBindings); return; }

    window.addEventListener(STARTED, onStarted);
    window.addEventListener(LOAD, onLoad);
    document.addEventListener('error', onScriptError, true);
    timer = setTimeout(
      () => fail(`The WebAssembly module did not start within ${timeoutMs / 1000} s.`),
      timeoutMs,
    );
  });
}

/** Load progress as a short sentence, for the status line. */
export function describeLoad(detail) {
  if (detail.phase !== 'loading' || !detail.current) return 'Loading the WebAssembly module…';
  const kb = (n) => `${Math.round(n / 1024)} KiB`;
  return detail.total
    ? `Loading the WebAssembly module… ${kb(detail.current)} of ${kb(detail.total)}`
    : `Loading the WebAssembly module… ${kb(detail.current)}`;
}

export const LOAD_EVENT = LOAD;
