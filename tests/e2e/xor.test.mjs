// Browser test of the first page: the wasm module loads from a sub-path, the
// 2-4-1 network learns XOR when Train is pressed, the plots are drawn, and the
// page neither logs errors nor reaches any host but 127.0.0.1.
//
// Needs dist/ from `trunk build --release` and Chromium at /usr/bin/chromium.
// Run: npm run test:e2e

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { startServer, trainUntilSolved, useBrowser, watchPage } from './harness.mjs';

describe('XOR page', () => {
  const session = useBrowser();

  test('loads the wasm from a sub-path, learns XOR, draws the boundary, stays offline', async (t) => {
    const page = await session.browser.newPage({ viewport: { width: 1280, height: 800 } });
    const log = watchPage(page, session.server.origin);

    const response = await page.goto(`${session.server.url}#view=xor-train`, { waitUntil: 'load' });
    assert.equal(response.status(), 200);
    await page.waitForFunction(() => window.__xor?.ready || window.__xor?.error, null, { timeout: 30000 });
    const start = await page.evaluate(() => ({ ...window.__xor, lossHistory: undefined }));
    assert.equal(start.error, null, `the page reported an error while loading: ${start.error}`);
    assert.equal(start.steps, 0);
    assert.equal(start.parameters, 17, '2-4-1 has 2*4 + 4*1 weights and 4 + 1 biases');
    assert.equal(typeof start.simd, 'boolean');
    assert.equal(start.seed, 3);
    assert.match(await page.locator('#stat-params').textContent(), /^17$/);
    assert.match(await page.locator('#stat-simd').textContent(), /^(on|off)$/);

    // The wasm was served with its MIME type (streaming compilation needs it).
    const wasm = session.server.served.filter(([, path]) => path.endsWith('.wasm'));
    assert.ok(wasm.length >= 1, 'the .wasm file was requested');
    for (const [status, path, type] of wasm) {
      assert.equal(status, 200, path);
      assert.equal(type, 'application/wasm', path);
      assert.ok(path.startsWith('/course/playground/'), `${path} is under the sub-path`);
    }

    const t0 = Date.now();
    await trainUntilSolved(page, { threshold: 0.1, timeout: 60000 });
    const seconds = (Date.now() - t0) / 1000;
    await page.getByRole('button', { name: 'Pause' }).click();
    const end = await page.evaluate(() => window.__xor);
    const firstBelow = end.lossHistory.findIndex((l) => l < 0.1) + 1;
    t.diagnostic(
      `solved XOR: loss ${end.lossHistory[0].toFixed(4)} -> ${end.loss.toFixed(5)} after ${end.steps} steps ` +
        `(${seconds.toFixed(1)} s); first step with loss < 0.1: ${firstBelow}; all four right since step ${end.solvedAt}; ` +
        `simd ${end.simd}`,
    );
    assert.ok(end.loss < 0.1 && end.loss < end.lossHistory[0]);
    assert.deepEqual(end.labels, [0, 1, 1, 0]);
    assert.equal(end.lossHistory.length, end.steps);
    for (const [i, p] of end.predictions.entries()) {
      assert.ok([0, 1, 1, 0][i] === 1 ? p > 0.5 : p < 0.5, `P(y=1) of example ${i} is ${p}`);
    }

    // Paused means paused.
    const stepsPaused = await page.evaluate(() => window.__xor.steps);
    await page.waitForTimeout(300);
    assert.equal(await page.evaluate(() => window.__xor.steps), stepsPaused);
    assert.equal(await page.evaluate(() => window.__xor.running), false);

    // The truth table on screen reads 0 1 1 0, each marked correct.
    const predicted = await page.locator('#truth-table tbody td.pred .pred-value').allTextContents();
    assert.deepEqual(predicted, ['0', '1', '1', '0']);
    assert.equal(await page.locator('#truth-table tbody tr[data-state="ok"]').count(), 4);
    assert.equal(Number((await page.locator('#stat-steps').textContent()).replace(/,/g, '')), end.steps);

    // The decision boundary canvas: drawn, several colours, XOR's pattern.
    const pixels = await page.evaluate(() => {
      const canvas = document.getElementById('boundary');
      const ctx = canvas.getContext('2d');
      const { width, height } = canvas;
      const data = ctx.getImageData(0, 0, width, height).data;
      const [min, max] = window.__xor.domain;
      const at = (x1, x2) => {
        const px = Math.round(((x1 - min) / (max - min)) * (width - 1));
        const py = Math.round(((max - x2) / (max - min)) * (height - 1));
        const i = (py * width + px) * 4;
        return [data[i], data[i + 1], data[i + 2], data[i + 3]];
      };
      let opaque = 0;
      const colours = new Set();
      for (let i = 0; i < data.length; i += 4 * 7) {
        if (data[i + 3] > 0) opaque += 1;
        colours.add(((data[i] >> 4) << 8) | ((data[i + 1] >> 4) << 4) | (data[i + 2] >> 4));
      }
      // Just outside each XOR point's marker, away from the centre of the square.
      const d = 0.12;
      return {
        width,
        height,
        opaqueFraction: opaque / Math.ceil(data.length / (4 * 7)),
        colours: colours.size,
        near00: at(-d, -d),
        near11: at(1 + d, 1 + d),
        near01: at(-d, 1 + d),
        near10: at(1 + d, -d),
      };
    });
    const cls = ([r, , b]) => (b > r + 25 ? 'blue' : r > b + 25 ? 'orange' : 'neutral');
    t.diagnostic(`boundary canvas ${pixels.width}x${pixels.height}, ${pixels.colours} colours; samples ` +
      JSON.stringify({ near00: pixels.near00, near11: pixels.near11, near01: pixels.near01, near10: pixels.near10 }));
    assert.ok(pixels.width > 100 && pixels.height > 100, 'the canvas has a real size');
    assert.ok(pixels.opaqueFraction > 0.99, 'the whole plane is painted');
    assert.ok(pixels.colours > 10, 'a heatmap has many colours');
    assert.equal(cls(pixels.near00), 'orange', 'XOR(0,0) = 0 lies in the orange (class 0) region');
    assert.equal(cls(pixels.near11), 'orange', 'XOR(1,1) = 0 lies in the orange (class 0) region');
    assert.equal(cls(pixels.near01), 'blue', 'XOR(0,1) = 1 lies in the blue (class 1) region');
    assert.equal(cls(pixels.near10), 'blue', 'XOR(1,0) = 1 lies in the blue (class 1) region');

    // The loss canvas has a curve on it (blue line pixels).
    const lossBlue = await page.evaluate(() => {
      const c = document.getElementById('loss');
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 200 && d[i + 2] > 150 && d[i] < 60) n += 1;
      return n;
    });
    assert.ok(lossBlue > 100, `the loss curve is drawn (${lossBlue} curve pixels)`);

    // Nothing went wrong, and nothing left this machine.
    assert.deepEqual(log.pageErrors, [], 'no uncaught exceptions');
    assert.deepEqual(log.consoleErrors, [], 'no console errors');
    assert.deepEqual(log.failedRequests, [], 'no failed requests');
    assert.deepEqual(log.foreignRequests, [], 'no request to any host but 127.0.0.1');
    assert.ok(log.requests.length >= 5, 'the page loaded its files');
    assert.equal(await page.locator('#message').isHidden(), true, 'no error message shown');
    await page.close();
  });

  test('Step, Reset and a bad seed: errors are shown, never thrown', async () => {
    const page = await session.browser.newPage({ viewport: { width: 375, height: 667 } });
    const log = watchPage(page, session.server.origin);
    await page.goto(`${session.server.url}#view=xor-train`);
    await page.waitForFunction(() => window.__xor?.ready, null, { timeout: 30000 });

    await page.getByRole('button', { name: 'Step' }).click();
    await page.getByRole('button', { name: 'Step' }).click();
    assert.equal(await page.evaluate(() => window.__xor.steps), 2);
    assert.equal(await page.evaluate(() => window.__xor.lossHistory.length), 2);

    // Same seed, same network: the first loss repeats after Reset.
    const first = await page.evaluate(() => window.__xor.lossHistory[0]);
    await page.getByRole('button', { name: 'Reset' }).click();
    assert.equal(await page.evaluate(() => window.__xor.steps), 0);
    await page.getByRole('button', { name: 'Step' }).click();
    assert.equal(await page.evaluate(() => window.__xor.lossHistory[0]), first);

    // Another seed gives another network.
    await page.getByLabel('Seed').fill('11');
    await page.getByLabel('Seed').press('Enter');
    assert.equal(await page.evaluate(() => window.__xor.seed), 11);
    assert.equal(await page.evaluate(() => window.__xor.steps), 0);

    // A bad seed is reported in the message area and changes nothing.
    await page.getByLabel('Seed').fill('-4');
    await page.getByRole('button', { name: 'Reset' }).click();
    const message = page.locator('#message');
    assert.equal(await message.isVisible(), true);
    assert.match(await message.textContent(), /seed must be a whole number/i);
    assert.equal(await page.evaluate(() => window.__xor.seed), 11);
    assert.equal(await page.getByLabel('Seed').getAttribute('aria-invalid'), 'true');

    // A good seed clears it.
    await page.getByLabel('Seed').fill('3');
    await page.getByRole('button', { name: 'Reset' }).click();
    assert.equal(await message.isHidden(), true);

    // Fast training stays in requestAnimationFrame: frames keep coming while it trains,
    // and Pause answers. (Counts, not clocks: the machine's speed decides how long it takes.)
    await page.getByLabel('Speed').selectOption('25');
    const before = await page.evaluate(() => ({ steps: window.__xor.steps, frames: window.__xor.frames }));
    await page.getByRole('button', { name: 'Train' }).click();
    await page.waitForFunction((f) => window.__xor.frames >= f + 10, before.frames, { timeout: 30000 });
    await page.getByRole('button', { name: 'Pause' }).click();
    const afterRun = await page.evaluate(() => ({ steps: window.__xor.steps, frames: window.__xor.frames, running: window.__xor.running }));
    assert.equal(afterRun.running, false);
    const frames = afterRun.frames - before.frames;
    const taken = afterRun.steps - before.steps;
    assert.ok(taken >= frames - 1 && taken <= 25 * frames, `${taken} steps in ${frames} frames: between 1 and 25 per frame`);

    // The phone layout does not scroll sideways.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page is ${overflow}px wider than a 375px phone`);

    assert.deepEqual(log.pageErrors, []);
    assert.deepEqual(log.consoleErrors, []);
    assert.deepEqual(log.foreignRequests, []);
    await page.close();
  });

  test('a missing .wasm file is reported on the page, not thrown', async () => {
    const broken = await startServer({ hide: /\.wasm$/ });
    const page = await session.browser.newPage();
    const log = watchPage(page, broken.origin);
    try {
      await page.goto(`${broken.url}#view=xor-train`);
      await page.waitForFunction(() => window.__app?.error, null, { timeout: 30000 });
      const message = page.locator('#message');
      assert.equal(await message.isVisible(), true);
      assert.match(await message.textContent(), /WebAssembly module could not be loaded/);
      assert.equal(await page.evaluate(() => window.__app.ready), false);
      assert.equal(await page.getByRole('button', { name: 'Train' }).count(), 0, 'no view started without wasm');
      assert.deepEqual(log.pageErrors, [], 'no uncaught exceptions');
      // The only console errors are the browser's own 404 reports for the hidden file.
      for (const text of log.consoleErrors) assert.match(text, /404|Not Found/i, text);
      assert.deepEqual(log.foreignRequests, []);
    } finally {
      await page.close();
      await broken.close();
    }
  });
});
