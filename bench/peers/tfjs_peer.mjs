// TensorFlow.js peer of the benchmark suite, one backend per process ("wasm" or "cpu"),
// single-threaded. Same network, data, batch, optimizer and protocol (JSON lines on
// stdin/stdout) as the numpy peer, so the driver can interleave them in one run.
// Usage: node bench/peers/tfjs_peer.mjs wasm|cpu
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';

const require = createRequire(import.meta.url);
const backend = process.argv[2];
// tfjs warns on stdout/stderr that tfjs-node exists; keep stdout for the protocol
const log = console.log;
console.log = (...a) => console.error(...a);
const tf = require('@tensorflow/tfjs');
if (backend === 'wasm') {
  const wasm = require('@tensorflow/tfjs-backend-wasm');
  const dist = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm'));
  wasm.setWasmPaths(dist + path.sep);
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false); // one thread, as every implementation here
} else {
  require('@tensorflow/tfjs-backend-cpu');
}
await tf.setBackend(backend);
await tf.ready();

let model, opt, x, t, xt, tt, batch, cursor;
const handlers = {
  info: () => ({
    tfjs: tf.version.tfjs,
    backend: tf.getBackend(),
    simd: backend === 'wasm' ? tf.env().getBool('WASM_HAS_SIMD_SUPPORT') : false,
    threads: backend === 'wasm' ? tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT') ? 'multi' : 1 : 1,
  }),
  mnist_init: (m) => {
    const f32 = (f) => { const b = readFileSync(path.join(m.dir, f)); return new Float32Array(b.buffer, b.byteOffset, b.length / 4); };
    x = f32('train-x.f32');
    t = readFileSync(path.join(m.dir, 'train-y.u8'));
    xt = f32('test-x.f32');
    tt = readFileSync(path.join(m.dir, 'test-y.u8'));
    batch = m.batch;
    cursor = 0;
    if (model) { model.dispose(); opt.dispose(); } // a fresh model after the warm-up one
    tf.util.seedrandom?.(String(m.seed));
    const init = (seed) => tf.initializers.heNormal({ seed });
    model = tf.sequential({
      layers: [
        tf.layers.dense({ inputShape: [784], units: 256, activation: 'relu', kernelInitializer: init(m.seed) }),
        tf.layers.dense({ units: 128, activation: 'relu', kernelInitializer: init(m.seed + 1) }),
        tf.layers.dense({ units: 10, kernelInitializer: init(m.seed + 2) }),
      ],
    });
    opt = tf.train.momentum(m.lr, m.momentum);
    return {};
  },
  train: (m) => {
    const start = performance.now();
    let loss = 0;
    const perBatch = x.length / 784 / batch | 0;
    for (let s = 0; s < m.steps; s++) {
      const from = cursor * batch;
      loss = tf.tidy(() => {
        const xb = tf.tensor2d(x.subarray(from * 784, (from + batch) * 784), [batch, 784]);
        const yb = tf.oneHot(tf.tensor1d(Int32Array.from(t.subarray(from, from + batch)), 'int32'), 10);
        const l = opt.minimize(() => tf.losses.softmaxCrossEntropy(yb, model.apply(xb)), true);
        return l.dataSync()[0];
      });
      cursor = (cursor + 1) % perBatch;
    }
    return { ms: performance.now() - start, loss };
  },
  accuracy: () => {
    const pred = tf.tidy(() => model.predict(tf.tensor2d(xt, [xt.length / 784, 784])).argMax(1).dataSync());
    let right = 0;
    pred.forEach((p, i) => { right += p === tt[i]; });
    return { accuracy: right / tt.length };
  },
  infer: (m) => {
    // one image at a time: upload, forward, read the 10 scores back
    const img = xt.subarray(0, 784);
    const one = () => tf.tidy(() => model.predict(tf.tensor2d(img, [1, 784])).dataSync());
    for (const start = performance.now(); performance.now() - start < m.warmMs;) one();
    const ms = [];
    for (let i = 0; i < m.calls; i++) {
      const start = performance.now();
      one();
      ms.push(performance.now() - start);
    }
    return { ms };
  },
};

const rl = readline.createInterface({ input: process.stdin });
for await (const line of rl) {
  const m = JSON.parse(line);
  if (m.cmd === 'quit') break;
  log(JSON.stringify(handlers[m.cmd](m)));
}
process.exit(0);
