// Browser tests of the lecture views backprop, features and relu-vs-tanh:
// each opens its URL, is driven through its controls, and numbers on the page
// are checked against the math recomputed here in f64 (or against the Rust
// core through the bindings). Each view also runs alone inside an <iframe>
// (#view=NAME&embed=1) and on a 375-pixel-wide phone without sideways scroll.
//
// Needs dist/ from `trunk build --release` and Chromium at /usr/bin/chromium.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { useBrowser, watchPage } from './harness.mjs';

const num = (text) => Number(String(text).trim().replace(/−/g, '-'));
const sigmoid = (v) => 1 / (1 + Math.exp(-v));

/** The lecture's 3.5 network in f64: every node of Figure 5(b). */
function lectureGraph({ x, t, w1, b1, w2, b2, f = 'sigmoid' }) {
  const act = { sigmoid, tanh: Math.tanh, relu: (v) => Math.max(0, v) }[f];
  const dact = { sigmoid: (z) => sigmoid(z) * (1 - sigmoid(z)), tanh: (z) => 1 - Math.tanh(z) ** 2, relu: (z) => (z > 0 ? 1 : 0) }[f];
  const z = [0, 1].map((i) => w1[2 * i] * x[0] + w1[2 * i + 1] * x[1] + b1[i]);
  const h = z.map(act);
  const y = [0, 1].map((k) => w2[2 * k] * h[0] + w2[2 * k + 1] * h[1] + b2[k]);
  const loss = 0.5 * ((y[0] - t[0]) ** 2 + (y[1] - t[1]) ** 2);
  const dy = [y[0] - t[0], y[1] - t[1]];
  const dW2 = [dy[0] * h[0], dy[0] * h[1], dy[1] * h[0], dy[1] * h[1]];
  const dh = [w2[0] * dy[0] + w2[2] * dy[1], w2[1] * dy[0] + w2[3] * dy[1]];
  const dz = [dh[0] * dact(z[0]), dh[1] * dact(z[1])];
  const dW1 = [dz[0] * x[0], dz[0] * x[1], dz[1] * x[0], dz[1] * x[1]];
  return { z, h, y, loss, dy, dh, dz, dW1, dB1: dz, dW2, dB2: dy };
}

const PRESET = { x: [0.5, -1], t: [1, 0], w1: [0.1, -0.2, 0.4, 0.3], b1: [0.1, -0.1], w2: [0.5, -0.3, 0.2, 0.6], b2: [0, 0.1] };

/** Reads the gradient-check table: {param: [analytic, numeric, diff]} as shown on the page. */
async function readCheckTable(page) {
  const rows = await page.locator('#bp-check tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [tr.dataset.param, ...[...tr.querySelectorAll('td')].map((td) => td.textContent)]),
  );
  return Object.fromEntries(rows.map(([p, a, n, d]) => [p, [a, n, d].map(num)]));
}

function checkTableAgainstMath(table, g) {
  const expected = { w1: g.dW1, b1: g.dB1, w2: g.dW2, b2: g.dB2 };
  for (const [key, values] of Object.entries(expected)) {
    values.forEach((v, i) => {
      const [analytic, numeric] = table[`${key}-${i}`];
      assert.ok(Math.abs(analytic - v) < 1e-6, `${key}[${i}]: page ${analytic}, math ${v}`);
      assert.ok(Math.abs(analytic - numeric) < 1e-4, `${key}[${i}]: backprop ${analytic} vs central difference ${numeric}`);
    });
  }
}

async function noSidewaysScroll(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

describe('lecture views', () => {
  const session = useBrowser();

  test('backprop: steps forward then backward; numbers match the lecture equations; gradient check within 1e-4', async (t) => {
    const page = await session.browser.newPage({ viewport: { width: 1280, height: 800 } });
    const log = watchPage(page, session.server.origin);
    await page.goto(`${session.server.url}#view=backprop`);
    await page.waitForFunction(() => window.__backprop?.ready || window.__backprop?.error, null, { timeout: 30000 });
    assert.equal(await page.evaluate(() => window.__backprop.error), null);
    const forward = page.getByRole('button', { name: 'Forward ▶' });
    const backward = page.getByRole('button', { name: 'Backward ◀' });
    assert.equal(await backward.isDisabled(), true, 'no backward pass before the forward pass');
    // Unrevealed nodes show "?".
    assert.equal(await page.locator('[data-node="z"] .bp-value').first().textContent(), '?');

    const g = lectureGraph(PRESET);
    await forward.click();
    // After one step: z revealed with its numbers, and the equation z = W1 x + b1 on screen.
    assert.equal(await page.locator('[data-node="z"] .bp-value').textContent(), `[${g.z.map((v) => v.toFixed(3)).join(', ')}]`.replace(/-/g, '−'));
    const zEq = await page.locator('#bp-equations li.is-current .bp-eq-vector .mat').last().locator('span').allTextContents();
    assert.deepEqual(zEq.map(num), g.z.map((v) => Number(v.toFixed(4))));
    for (let i = 0; i < 3; i++) await forward.click();
    assert.equal(await forward.isDisabled(), true);
    const status = await page.locator('#status').textContent();
    assert.match(status, /Forward pass done: ℒ = \d+\.\d+/);
    const shownLoss = num(status.match(/ℒ = (\d+\.\d+)/)[1]);
    assert.ok(Math.abs(shownLoss - g.loss) < 1e-6, `loss on the page ${shownLoss}, math ${g.loss}`);

    for (let i = 0; i < 8; i++) await backward.click();
    assert.equal(await backward.isDisabled(), true);
    assert.equal(await page.locator('#bp-equations li').count(), 12);
    // The last equation, dE/db1 = dE/dz, shows dL/dz with the numbers of the math.
    const db1 = await page.locator('#bp-equations li.is-current .mat').last().locator('span').allTextContents();
    assert.deepEqual(db1.map(num), g.dz.map((v) => Number(v.toFixed(4))));
    // dE/dW(2) = dE/dy h^T: its result matrix.
    const dW2Eq = await page.locator('#bp-equations li[data-step="7"] .mat').last().locator('span').allTextContents();
    assert.deepEqual(dW2Eq.map(num), g.dW2.map((v) => Number(v.toFixed(4))));
    // Gradient nodes in the graph: dL/dy under y.
    assert.equal(await page.locator('[data-node="y"] .bp-grad').textContent(), `[${g.dy.map((v) => v.toFixed(3)).join(', ')}]`.replace(/-/g, '−'));

    const table = await readCheckTable(page);
    assert.equal(Object.keys(table).length, 12, '8 weights and 4 biases');
    checkTableAgainstMath(table, g);
    const maxDiff = num(await page.locator('#bp-maxdiff').textContent());
    assert.ok(maxDiff < 1e-4, `largest |analytic - numeric| = ${maxDiff}`);
    t.diagnostic(`preset: L = ${shownLoss}; largest |backprop - central difference| = ${maxDiff}`);

    // Edit the example and a weight: everything follows, and the URL keeps it.
    await page.fill('#bp-x-0', '1.5');
    await page.fill('#bp-w2-1', '-0.8');
    await page.selectOption('#bp-f', 'tanh');
    const edited = { ...PRESET, x: [1.5, -1], w2: [0.5, -0.8, 0.2, 0.6], f: 'tanh' };
    checkTableAgainstMath(await readCheckTable(page), lectureGraph(edited));
    const hash = await page.evaluate(() => decodeURIComponent(location.hash));
    assert.match(hash, /x=1\.5,-1/);
    assert.match(hash, /f=tanh/);
    assert.match(hash, /step=12/);

    // A reload reproduces the edited state at the same step.
    await page.reload();
    await page.waitForFunction(() => window.__backprop?.ready, null, { timeout: 30000 });
    assert.equal(await page.evaluate(() => window.__backprop.step), 12);
    checkTableAgainstMath(await readCheckTable(page), lectureGraph(edited));

    // A bad number is refused with a message, not NaN.
    await page.fill('#bp-t-0', '');
    await page.locator('#bp-t-0').pressSequentially('abc');
    assert.equal(await page.locator('#bp-t-0').getAttribute('aria-invalid'), 'true');
    assert.equal(await page.locator('#message').isVisible(), true);
    assert.doesNotMatch(await page.locator('#view').textContent(), /NaN/);

    await page.click('#bp-reset');
    assert.equal(await page.locator('#bp-equations li.bp-eq-empty').count(), 1);
    assert.deepEqual([...log.pageErrors, ...log.consoleErrors, ...log.foreignRequests], []);
    await page.close();
  });

  test('features: hidden features recomputed from the weights; the separable % on the page is the output line\'s', async (t) => {
    const page = await session.browser.newPage({ viewport: { width: 1280, height: 800 } });
    const log = watchPage(page, session.server.origin);
    await page.goto(`${session.server.url}#view=features&data=circles&seed=1`);
    await page.waitForFunction(() => window.__features?.ready || window.__features?.error, null, { timeout: 30000 });
    assert.equal(await page.evaluate(() => window.__features.error), null);

    async function checkPage() {
      const h = await page.evaluate(() => window.__features);
      // Forward pass in f64 from the weights: 2 -> 8 tanh -> 2 tanh (the features) -> 1.
      const layer = (input, { w, b, shape: [rows, cols] }) =>
        Array.from({ length: rows }, (_, r) => Math.tanh(b[r] + input.reduce((s, v, c) => s + w[r * cols + c] * v, 0)));
      let correct = 0;
      const n = h.labels.length;
      for (let i = 0; i < n; i++) {
        const feat = layer(layer([h.x[2 * i], h.x[2 * i + 1]], h.weights[0]), h.weights[1]);
        assert.ok(Math.abs(feat[0] - h.hidden[2 * i]) < 1e-4 && Math.abs(feat[1] - h.hidden[2 * i + 1]) < 1e-4, `features of point ${i}`);
        const [w3, b3] = [h.weights[2].w, h.weights[2].b[0]];
        if ((w3[0] * feat[0] + w3[1] * feat[1] + b3 > 0 ? 1 : 0) === h.labels[i]) correct += 1;
      }
      const shown = num((await page.locator('#ft-separable').textContent()).replace('%', ''));
      assert.ok(Math.abs(shown - (100 * correct) / n) < 0.051, `page says ${shown}%, the line gets ${correct} of ${n}`);
      return { shown, steps: h.steps };
    }

    const start = await checkPage();
    await page.evaluate(() => {
      const step = document.getElementById('ft-step');
      for (let i = 0; i < 300; i++) step.click();
    });
    const end = await checkPage();
    t.diagnostic(`circles, seed 1: separable by the output's line ${start.shown}% at step 0 -> ${end.shown}% at step ${end.steps}`);
    assert.equal(end.steps, 300);
    assert.ok(end.shown >= 95, `after 300 steps the hidden space should be nearly separable; got ${end.shown}%`);
    assert.ok(end.shown > start.shown);

    // Train and pause through the buttons, switch data.
    await page.getByRole('button', { name: 'Train' }).click();
    await page.waitForFunction(() => window.__features.steps >= 320, null, { timeout: 30000 });
    await page.getByRole('button', { name: 'Pause' }).click();
    await checkPage();
    await page.selectOption('#ft-data', 'moons');
    assert.equal(await page.evaluate(() => window.__features.steps), 0);
    assert.match(await page.evaluate(() => location.hash), /data=moons/);
    assert.deepEqual([...log.pageErrors, ...log.consoleErrors, ...log.foreignRequests], []);
    await page.close();
  });

  test('relu-vs-tanh: ReLU reaches the threshold first; the dead-unit monitor matches unitStats; a high learning rate kills units', async (t) => {
    const page = await session.browser.newPage({ viewport: { width: 1280, height: 800 } });
    const log = watchPage(page, session.server.origin);
    await page.goto(`${session.server.url}#view=relu-vs-tanh&seed=1`);
    await page.waitForFunction(() => window.__race?.ready || window.__race?.error, null, { timeout: 30000 });
    assert.equal(await page.evaluate(() => window.__race.error), null);

    async function checkDead() {
      const { dead, deadUnits, stats } = await page.evaluate(() => ({ ...window.__race, stats: window.__race.unitStats() }));
      const shown = (await page.locator('.rt-dead-pct').allTextContents()).map((s) => num(s.replace('%', '')));
      assert.equal(shown.length, 2);
      shown.forEach((pct, l) => {
        assert.ok(Math.abs(pct - 100 * stats[l].deadFraction) < 0.051, `layer ${l + 1}: page ${pct}%, unitStats ${stats[l].deadFraction}`);
        // Independent count from the pre-activations: units with z <= 0 on every point.
        assert.equal(deadUnits[l].filter(Boolean).length, Math.round(stats[l].deadFraction * 16));
        assert.equal(dead[l], stats[l].deadFraction);
      });
      assert.equal(await page.locator('.rt-unit.is-dead').count(), deadUnits.flat().filter(Boolean).length);
      return shown;
    }

    await page.evaluate(() => {
      const step = document.getElementById('rt-step');
      for (let i = 0; i < 800; i++) step.click();
    });
    const h = await page.evaluate(() => window.__race);
    assert.equal(h.lr, 0.1);
    assert.equal(h.losses.tanh.length, 800);
    assert.equal(h.losses.relu.length, 800);
    const first = (ls) => ls.findIndex((l) => l < 0.5) + 1 || null;
    const reach = { relu: first(h.losses.relu), tanh: first(h.losses.tanh) };
    assert.deepEqual(h.reach, reach);
    const shownReach = await page.locator('#rt-reach strong[data-act]').evaluateAll((els) => Object.fromEntries(els.map((e) => [e.dataset.act, Number(e.textContent)])));
    assert.equal(shownReach.relu, reach.relu);
    if (reach.tanh) assert.equal(shownReach.tanh, reach.tanh);
    assert.ok(reach.relu && (!reach.tanh || reach.relu < reach.tanh), `ReLU should reach loss 0.5 first: ${JSON.stringify(reach)}`);
    t.diagnostic(`lr 0.1, seed 1: steps to loss < 0.5: ReLU ${reach.relu}, tanh ${reach.tanh}`);
    const good = await checkDead();

    // The "too high" preset (learning rate 3) trains at once and kills ReLU units.
    await page.getByRole('button', { name: /Too high/ }).click();
    await page.waitForFunction(() => window.__race.steps >= 300 && window.__race.dead.some((d) => d > 0.2), null, { timeout: 60000, polling: 100 });
    await page.getByRole('button', { name: 'Pause' }).click();
    assert.equal(await page.evaluate(() => window.__race.lr), 3);
    const high = await checkDead();
    t.diagnostic(`dead ReLU units per hidden layer: lr 0.1 -> ${good.join('%, ')}%; lr 3 -> ${high.join('%, ')}%`);
    assert.ok(Math.max(...high) > 20, `a too-high learning rate should kill more than 20% of a layer: ${high}`);
    assert.match(await page.evaluate(() => location.hash), /lr=3/);
    assert.doesNotMatch(await page.locator('#view').textContent(), /NaN/);
    assert.deepEqual([...log.pageErrors, ...log.consoleErrors, ...log.foreignRequests], []);
    await page.close();
  });

  test('bad URL values fall back to the preset with a note on the page', async () => {
    const page = await session.browser.newPage({ viewport: { width: 800, height: 800 } });
    const log = watchPage(page, session.server.origin);
    await page.goto(`${session.server.url}#view=backprop&x=1,2,3&f=softplus&step=99`);
    await page.waitForFunction(() => window.__backprop?.ready, null, { timeout: 30000 });
    const notes = await page.locator('#url-note').textContent();
    assert.match(notes, /"x" needs 2 numbers/);
    assert.match(notes, /"f"/);
    assert.match(notes, /"step"/);
    assert.equal(await page.evaluate(() => window.__backprop.step), 0);
    checkTableAgainstMath(await readCheckTable(page), lectureGraph(PRESET));
    await page.goto(`${session.server.url}#view=relu-vs-tanh&lr=1000&seed=-4`);
    await page.waitForFunction(() => window.__race?.ready, null, { timeout: 30000 });
    assert.match(await page.locator('#url-note').textContent(), /"lr"/);
    assert.equal(await page.evaluate(() => window.__race.lr), 0.1);
    assert.deepEqual([...log.pageErrors, ...log.consoleErrors], []);
    await page.close();
  });

  test('each view runs alone in an iframe (embed=1) and on a 375-pixel phone without sideways scroll', async () => {
    const drive = {
      backprop: async (f) => {
        for (let i = 0; i < 4; i++) await f.locator('#bp-forward').click();
        for (let i = 0; i < 2; i++) await f.locator('#bp-backward').click();
      },
      features: (f) => f.locator('#ft-step').click(),
      'relu-vs-tanh': (f) => f.locator('#rt-step').click(),
    };
    const hooks = { backprop: '__backprop', features: '__features', 'relu-vs-tanh': '__race' };
    for (const name of Object.keys(drive)) {
      // Embedded: an iframe on another page.
      const page = await session.browser.newPage({ viewport: { width: 900, height: 900 } });
      const log = watchPage(page, session.server.origin);
      await page.setContent(`<!doctype html><h1>Course page</h1><iframe id="f" title="${name}" src="${session.server.url}#view=${name}&embed=1" style="width:720px;height:760px;border:0"></iframe>`);
      const frame = page.frameLocator('#f');
      const inner = page.frames().find((fr) => fr.url().includes(`view=${name}`));
      await inner.waitForFunction((hook) => window[hook]?.ready, hooks[name], { timeout: 30000 });
      assert.equal(await inner.evaluate(() => document.body.classList.contains('embed')), true);
      assert.equal(await frame.locator('.site-header').isVisible(), false, `${name}: the site header is hidden in an embed`);
      assert.equal(await frame.locator('.view-header .lede').isVisible(), false);
      await drive[name](frame);
      assert.equal(await inner.evaluate((hook) => window[hook].error, hooks[name]), null);
      assert.ok((await inner.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)) <= 0, `${name}: no sideways scroll in the iframe`);
      assert.deepEqual([...log.pageErrors, ...log.consoleErrors], [], name);
      await page.close();

      // Phone.
      const phone = await session.browser.newPage({ viewport: { width: 375, height: 667 }, hasTouch: true, isMobile: true });
      const plog = watchPage(phone, session.server.origin);
      await phone.goto(`${session.server.url}#view=${name}`);
      await phone.waitForFunction((hook) => window[hook]?.ready, hooks[name], { timeout: 30000 });
      await drive[name](phone);
      assert.ok((await noSidewaysScroll(phone)) <= 0, `${name}: the page scrolls sideways on a 375px phone`);
      assert.deepEqual([...plog.pageErrors, ...plog.consoleErrors, ...plog.foreignRequests], [], name);
      await phone.close();
    }
  });
});
