// Trunk initializer (data-initializer in index.html): reports how the
// WebAssembly download goes. Trunk copies this file next to index.html and
// imports it from its own loader script, so it imports nothing itself.
//
// The state is kept on window.__mlpLoad (the page script may look at it after
// an event already fired) and announced with "mlp:wasm-load" events.

function report(patch) {
  const state = Object.assign(window.__mlpLoad || (window.__mlpLoad = {}), patch);
  window.dispatchEvent(new CustomEvent('mlp:wasm-load', { detail: { ...state } }));
}

export default function initializer() {
  return {
    onStart: () => report({ phase: 'loading', current: 0, total: 0 }),
    onProgress: ({ current, total }) => report({ phase: 'loading', current, total }),
    onSuccess: () => report({ phase: 'ready' }),
    onFailure: (error) => report({
      phase: 'failed',
      error: error instanceof Error ? error.message : String(error),
    }),
  };
}
