// Turns the suite's result object into the printed table and bench/RESULTS.md.

const f = (v, d = 1) => (Number.isFinite(v) ? v.toFixed(d) : '—');
const big = (v) => (Number.isFinite(v) ? Math.round(v).toLocaleString('en-US') : '—');
const spread = (s, d = 1) => (s ? `${f(s.median, d)} [${f(s.p10, d)}–${f(s.p90, d)}]` : '—');
const ratio = (a, b) => (Number.isFinite(a / b) ? `${f(a / b, 2)}x` : '—');
const kb = (b) => `${f(b / 1024, 1)} KB`;

function machine(r) {
  const v = r.versions;
  const blas = v.numpy?.blas?.[0];
  return [
    `${r.machine.cpu}, ${r.machine.cores} cores, ${r.machine.memoryGiB} GiB, ${r.machine.os}`,
    `Node ${v.node} (V8 ${v.v8})${v.chromium ? `, Chromium ${v.chromium}` : ''}`,
    v.numpy ? `numpy ${v.numpy.numpy} (Python ${v.numpy.python}, ${blas?.internal_api} ${blas?.version} kernel ${blas?.architecture}, ${blas?.num_threads} thread)` : 'numpy: not installed',
    v.tfjsWasm ? `TensorFlow.js ${v.tfjsWasm.tfjs} (wasm backend SIMD ${v.tfjsWasm.simd ? 'on' : 'off'}, threads ${v.tfjsWasm.threads}; cpu backend)` : 'TensorFlow.js: not installed',
    `${r.mode === 'smoke' ? 'SMOKE run (too short to mean anything: it only proves the suite works)' : 'full run'}, ${r.date}; load average ${f(r.machine.loadAverageAtStart, 1)} at the start, ${f(r.machine.loadAverageAtEnd, 1)} at the end (2 cores shared)`,
    'every figure is the median of repeated runs [10th–90th percentile]; ratios are medians of per-round ratios (same round, side by side); single-threaded',
  ];
}

/** Targets of issue 6, each with the measured value and whether it is met. */
export function targets(r) {
  const t = [];
  const m = r.mnist?.impls;
  const add = (name, value, ok) => t.push({ name, value, met: ok === undefined ? null : !!ok });
  const x = (s) => `${f(s.median, 2)}x [${f(s.p10, 2)}–${f(s.p90, 2)}]`;
  if (m?.tfjsWasm) add('MNIST training ≥ 5x TF.js wasm', x(m.tfjsWasm.oursOverPeer), m.tfjsWasm.oursOverPeer.median >= 5);
  if (m?.tfjsCpu) add('MNIST training ≥ 25x TF.js cpu', x(m.tfjsCpu.oursOverPeer), m.tfjsCpu.oursOverPeer.median >= 25);
  if (m?.numpy) add('MNIST training ≥ 0.5x numpy (native)', x(m.numpy.oursOverPeer), m.numpy.oursOverPeer.median >= 0.5);
  if (m?.ours) add('training step arithmetic ≥ 50% of the simd128 ceiling', `${f(100 * m.ours.ofCeiling.median, 0)}% [${f(100 * m.ours.ofCeiling.p10, 0)}–${f(100 * m.ours.ofCeiling.p90, 0)}]`, m.ours.ofCeiling.median >= 0.5);
  for (const where of ['node', 'chromium']) {
    const p = r.playground?.[where];
    if (!p) continue;
    add(`playground frame ≥ 30x object-per-neuron (${where})`, x(p.speedup), p.speedup.median >= 30);
    add(`playground frame well under 1 ms (${where})`, `${f(p.ours.median, 3)} ms`, p.ours.median < 1);
  }
  const inf = r.inference?.node;
  if (inf?.tfjsWasm) add('one-image forward p50 ≤ TF.js wasm p50 (Node)', `${f(inf.ours.p50, 4)} vs ${f(inf.tfjsWasm.p50, 4)} ms`, inf.ours.p50 <= inf.tfjsWasm.p50);
  // the drawn digit is a page feature: the target is read in Chromium (Node's figure is in the table)
  const page = r.inference?.chromium ?? r.inference?.node;
  if (page) {
    const d = page.drawnDigit ?? page.ours;
    const where = r.inference?.chromium ? 'chromium' : 'node';
    add(`drawn digit (280x280 preprocessing + forward) p99 < 1 ms (${where})`, `${f(d.p99, 4)} ms${page.drawnDigit ? '' : ' (forward only: preprocessing not in this build)'}`, d.p99 < 1);
  }
  if (r.size) add('wasm < 250 KB gzipped', kb(r.size.wasm.gzip), r.size.wasm.gzip < 250 * 1024);
  if (r.load) add('page interactive < 1 s on localhost', `${f(r.load.interactive.median, 0)} ms`, r.load.interactive.median < 1000);
  return t;
}

function sections(r) {
  const rows = [];
  const c = r.ceiling;
  rows.push(['1. Ceiling', 'GFLOP/s', '']);
  rows.push(['simd128 mul+add in registers, Node', spread(c.node.gflops), `${c.node.chains} chains`]);
  if (c.chromium) rows.push(['simd128 mul+add in registers, Chromium', spread(c.chromium.gflops), `${c.chromium.chains} chains`]);
  if (c.numpy) rows.push([`numpy float32 matmul ${c.numpy.n}², 1 thread (native)`, spread(c.numpy.gflops), 'reference, not wasm']);
  rows.push(['2. Matrix products, 784-256 layer (Node)', 'GFLOP/s', 'of ceiling · vs matrixmultiply']);
  for (const k of r.kernels.filter((k) => k.kernel === 'simd')) {
    const sg = r.kernels.find((x) => x.batch === k.batch && x.product === k.product && x.kernel === 'sgemm');
    const sc = r.kernels.find((x) => x.batch === k.batch && x.product === k.product && x.kernel === 'scalar');
    const name = { forward: 'Z = X W^T + b', weightGrad: 'dW = dZ^T X', inputGrad: 'dX = dZ W' }[k.product];
    rows.push([`batch ${k.batch}: ${name}`, spread(k.gflops), `${f(100 * k.ofCeiling.median, 0)}% · ${f(k.vsSgemm.median, 2)}x sgemm (${f(sg?.gflops.median)})${sc ? ` · scalar ${f(sc.gflops.median)}` : ''}`]);
  }
  if (r.mnist) {
    const m = r.mnist.impls;
    rows.push([`3. MNIST 784-256-128-10 ReLU, softmax CE, momentum SGD, batch ${r.mnist.batch}`, 'samples/s', `accuracy after ${r.mnist.steps} steps · ours ÷ peer`]);
    const names = { ours: 'ours (Rust → wasm simd128)', tfjsWasm: 'TF.js wasm backend (SIMD)', tfjsCpu: 'TF.js cpu backend', numpy: 'numpy + OpenBLAS (native)' };
    for (const [k, v] of Object.entries(m)) {
      rows.push([names[k] ?? k, `${big(v.samplesPerSecond.median)} [${big(v.samplesPerSecond.p10)}–${big(v.samplesPerSecond.p90)}]`, `${f(100 * v.accuracy, 1)}%${k === 'ours' ? ` · ${f(v.gflops.median, 1)} GFLOP/s = ${f(100 * v.ofCeiling.median, 0)}% of ceiling` : ` · ${f(v.oursOverPeer.median, 2)}x`}`]);
    }
  }
  rows.push(['4. Playground frame: 2-8-8-8-8-1 tanh, 500 pts, epoch @10 + 33 heatmaps 100²', 'ms/frame', 'speed-up · epoch + heatmaps (ms)']);
  for (const [where, p] of Object.entries(r.playground ?? {})) {
    const parts = (who, digits) => (p.parts ? ` · ${f(p.parts[`${who}Epoch`].median, digits)} + ${f(p.parts[`${who}Maps`].median, digits)}` : '');
    rows.push([`ours, ${where}`, spread(p.ours, 3), `${f(p.speedup.median, 1)}x [${f(p.speedup.p10, 1)}–${f(p.speedup.p90, 1)}]${parts('ours', 3)}`]);
    rows.push([`object-per-neuron JS, ${where}`, spread(p.objects, 2), `1x${parts('objects', 2)}`]);
  }
  if (r.inference) {
    rows.push(['5. Digit inference 784-256-128-10: one image (forward), drawnDigit = 280x280 canvas preprocessing + forward', 'p50 / p99 ms', '']);
    for (const [where, inf] of Object.entries(r.inference)) {
      for (const [k, v] of Object.entries(inf)) {
        if (typeof v !== 'object') continue;
        rows.push([`${k}, ${where}`, `${f(v.p50, 4)} / ${f(v.p99, 4)}`, '']);
      }
    }
  }
  if (r.size) {
    rows.push(['6. Size (trunk build --release)', 'raw', 'gzip -9']);
    for (const [k, v] of Object.entries(r.size)) rows.push([`${k} (${v.files} files${v.note ? `, ${v.note}` : ''})`, kb(v.raw), kb(v.gzip)]);
  }
  if (r.load) {
    rows.push(['   Load, headless Chromium, localhost, cold cache', 'ms', '']);
    rows.push(['navigation → DOMContentLoaded', spread(r.load.domContentLoaded, 0), '']);
    rows.push(['navigation → wasm instantiated', spread(r.load.wasmReady, 0), '']);
    rows.push(['navigation → interactive (both)', spread(r.load.interactive, 0), '']);
  }
  return rows;
}

/** The plain-text table printed at the end of a run. */
export function renderTable(r) {
  const rows = sections(r);
  const w = [Math.max(...rows.map((x) => x[0].length)), Math.max(...rows.map((x) => x[1].length))];
  const lines = [...machine(r), ''];
  for (const [a, b, c] of rows) {
    if (/^\d\./.test(a) || a.startsWith('   ')) lines.push('');
    lines.push(`${a.padEnd(w[0])}  ${b.padStart(w[1])}  ${c}`);
  }
  lines.push('', 'Targets:');
  for (const t of targets(r)) lines.push(`  [${t.met === null ? '?' : t.met ? 'met' : 'MISSED'}] ${t.name}: ${t.value}`);
  for (const n of r.notes) lines.push(`note: ${n}`);
  return lines.join('\n');
}

/** bench/RESULTS.md: the same table as Markdown, for the README. */
export function renderMarkdown(r) {
  const lines = ['# Benchmark results', '', 'Produced by `bench/run.sh` (full run); raw numbers in `bench/results/latest.json`.', ''];
  for (const m of machine(r)) lines.push(`- ${m}`);
  lines.push('');
  let open = false;
  for (const [a, b, c] of sections(r)) {
    if (/^\d\./.test(a) || a.startsWith('   ')) {
      lines.push('', `| ${a.trim()} | ${b} | ${c} |`, '| --- | ---: | --- |');
      open = true;
    } else if (open) lines.push(`| ${a} | ${b} | ${c} |`);
  }
  lines.push('', '## Targets', '', '| target | measured | met |', '| --- | --- | --- |');
  for (const t of targets(r)) lines.push(`| ${t.name} | ${t.value} | ${t.met === null ? '?' : t.met ? 'yes' : '**no**'} |`);
  if (r.notes.length) lines.push('', ...r.notes.map((n) => `- note: ${n}`));
  return lines.join('\n') + '\n';
}
