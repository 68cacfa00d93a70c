// Speed of one training step of a 784-256-128-10 ReLU network (softmax
// cross-entropy, SGD with momentum) at batch 64: the simd128 path against the
// scalar path of the same wasm build, measured in the same run.
// Usage: node bench/step.mjs [--smoke] [--json out.json]
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import os from 'node:os';

const require = createRequire(import.meta.url);
const { Mlp, simdEnabled } = require('../target/bench-pkg/mlp.js');

const args = process.argv.slice(2);
const smoke = args.includes('--smoke');
const jsonOut = args.includes('--json') ? args[args.indexOf('--json') + 1] : null;
const repeats = smoke ? 2 : 7;
const steps = { simd: smoke ? 2 : 40, scalar: smoke ? 1 : 4 };
const batch = 64;

let seed = 12345;
const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
const x = Float32Array.from({ length: batch * 784 }, rand);
const t = Float32Array.from({ length: batch }, () => Math.floor(rand() * 10));

function build(kernel) {
  const net = new Mlp({
    inputs: 784,
    hidden: [{ units: 256, activation: 'relu' }, { units: 128, activation: 'relu' }],
    outputs: 10,
    loss: 'softmaxCrossEntropy',
    seed: 1,
    optimizer: { kind: 'momentum', learningRate: 0.01, momentum: 0.9 },
  });
  net.setKernel(kernel);
  return net;
}

// Multiply-adds per step: forward X W^T for every layer, dW = dZ^T H for every
// layer, dH = dZ W for every layer but the first; 2 FLOPs each.
const weights = 784 * 256 + 256 * 128 + 128 * 10;
const flopsPerStep = 2 * batch * (weights + weights + (weights - 784 * 256));

const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const results = {};
for (const kernel of ['scalar', 'simd']) {
  const net = build(kernel);
  net.trainStep(x, t); // warm-up: allocation and JIT
  const perStep = [];
  let loss = 0;
  for (let r = 0; r < repeats; r++) {
    const start = performance.now();
    for (let s = 0; s < steps[kernel]; s++) loss = net.trainStep(x, t);
    perStep.push((performance.now() - start) / steps[kernel]);
  }
  const ms = median(perStep);
  results[kernel] = {
    msPerStep: ms,
    spread: [Math.min(...perStep), Math.max(...perStep)],
    samplesPerSecond: (batch * 1000) / ms,
    gflops: flopsPerStep / ms / 1e6,
    lastLoss: loss,
  };
  net.free();
}

const row = (name, r) =>
  `${name.padEnd(8)} ${r.msPerStep.toFixed(2).padStart(9)} ms  ${r.samplesPerSecond.toFixed(0).padStart(8)} samples/s  ${r.gflops.toFixed(2).padStart(6)} GFLOP/s  (min ${r.spread[0].toFixed(2)}, max ${r.spread[1].toFixed(2)} ms)`;
console.log(`784-256-128-10 ReLU, softmax CE, momentum SGD, batch ${batch}; wasm simd128 build: ${simdEnabled()}; node ${process.version}; ${os.cpus()[0].model}${smoke ? '; SMOKE RUN, numbers meaningless' : ''}`);
console.log(row('scalar', results.scalar));
console.log(row('simd128', results.simd));
console.log(`speed-up of the simd128 step over the scalar step: ${(results.scalar.msPerStep / results.simd.msPerStep).toFixed(2)}x`);
if (!Number.isFinite(results.simd.lastLoss) || !Number.isFinite(results.scalar.lastLoss)) {
  console.error('a step returned a non-finite loss');
  process.exit(1);
}
if (jsonOut) {
  writeFileSync(jsonOut, JSON.stringify({ node: process.version, cpu: os.cpus()[0].model, batch, results }, null, 2));
}
