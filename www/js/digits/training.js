// The page's side of the training worker (worker.js): finds the hashed URLs of
// the wasm-bindgen glue and the .wasm that Trunk wrote into index.html, starts
// the module worker with them, and turns its messages into callbacks.

/** Absolute URLs of the page's wasm-bindgen glue (.js) and .wasm, read from Trunk's preload links. */
export function wasmUrls(doc = document) {
  const wasm = doc.querySelector('link[rel="preload"][href$=".wasm"]');
  if (!wasm) throw new Error('the page has no <link rel="preload"> for its .wasm (was it built by Trunk?)');
  const wasmHref = wasm.getAttribute('href');
  const stem = wasmHref.replace(/_bg\.wasm$/, '');
  const glue = [...doc.querySelectorAll('link[rel="modulepreload"]')].find((l) => l.getAttribute('href') === `${stem}.js`);
  if (!glue) throw new Error(`the page has no wasm-bindgen glue next to ${wasmHref}`);
  return { jsUrl: new URL(glue.getAttribute('href'), doc.baseURI).href, wasmUrl: new URL(wasmHref, doc.baseURI).href };
}

export class TrainingWorker {
  /**
   * `on` maps message types (ready, progress, loss, paused, error) to handlers. `wanted()` says
   * whether the view is still on the page: once it is not, the worker is stopped at its next message.
   */
  constructor(on, wanted = () => true) {
    this.on = on;
    this.worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
    this.worker.onmessage = (e) => {
      if (wanted()) this.on[e.data.type]?.(e.data);
      else this.terminate();
    };
    this.worker.onerror = (e) => {
      e.preventDefault();
      if (wanted()) this.on.error?.({ message: e.message || 'the training worker failed to load', context: 'Training worker' });
    };
    const urls = wasmUrls();
    this.worker.postMessage({
      type: 'init',
      ...urls,
      imagesUrl: new URL('data/mnist-10k-images-idx3-ubyte.gz', document.baseURI).href,
      labelsUrl: new URL('data/mnist-10k-labels-idx1-ubyte.gz', document.baseURI).href,
    });
  }

  start(options) { this.worker.postMessage({ type: 'start', ...options }); }
  pause() { this.worker.postMessage({ type: 'pause' }); }
  resume() { this.worker.postMessage({ type: 'resume' }); }
  /** Official IDX files from disk (ArrayBuffers, transferred). */
  useFiles(images, labels, name) { this.worker.postMessage({ type: 'data', images, labels, name }, [images, labels]); }
  terminate() { this.worker.terminate(); }
}
