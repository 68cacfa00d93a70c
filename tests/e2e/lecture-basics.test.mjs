// Browser tests of the lecture views "activations", "neuron", "xor-by-hand" and
// "sizes": each opens its URL, is interacted with, and has numbers on the page
// checked against the math; each also works alone in an <iframe> (embed=1) and
// on a 375-pixel-wide phone without sideways scrolling.
//
// Needs dist/ from `trunk build --release` and Chromium at /usr/bin/chromium.
// Run: node --test tests/e2e/lecture-basics.test.mjs

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { useBrowser, watchPage } from './harness.mjs';

const HOOKS = { activations: 'activations', neuron: 'neuron', 'xor-by-hand': 'xorByHand', sizes: 'sizes' };
const ready = (page, key) => page.waitForFunction((k) => window.__lecture?.[k]?.ready, key, { timeout: 30000 });
const lecture = (page, key) => page.evaluate((k) => JSON.parse(JSON.stringify(window.__lecture[k])), key);
const clean = (log) => assert.deepEqual([...log.pageErrors, ...log.consoleErrors, ...log.foreignRequests], []);

describe('lecture views: activations, neuron, xor-by-hand, sizes', () => {
  const session = useBrowser();

  async function open(view, hash = '', viewport = { width: 1280, height: 800 }) {
    const page = await session.browser.newPage({ viewport });
    const log = watchPage(page, session.server.origin);
    await page.goto(`${session.server.url}#view=${view}${hash}`);
    await ready(page, HOOKS[view]);
    return { page, log };
  }

  test('activations: sigmoid slope, tanh identity, dead ReLU, ReLU and leaky ReLU as maxout', async () => {
    const { page, log } = await open('activations');
    let a = await lecture(page, 'activations');
    assert.equal(a.activation, 'sigmoid');
    assert.ok(Math.abs(a.derivativeAt0 - 0.25) < 1e-7, "σ'(0) = 1/4");
    assert.ok(Math.abs(a.valueAt0 - 0.5) < 1e-7);
    // sigma' < 10% of 0.25 where |x| > 3.64: on [-5, 5] that is about 27% of the range.
    assert.ok(Math.abs(a.smallFraction - (2 * (5 - 3.6367)) / 10) < 0.01, `${a.smallFraction}`);

    await page.getByRole('radio', { name: 'Tanh' }).click();
    a = await lecture(page, 'activations');
    assert.equal(a.activation, 'tanh');
    assert.ok(a.identityErrorF32 < 1e-6, `max |tanh - (2σ(2x) - 1)| = ${a.identityErrorF32}`);
    assert.ok(a.identityErrorF64 < 1e-15);
    const shown = await page.locator('#act-identity-value').textContent();
    const [, m, e] = shown.match(/([\d.]+) × 10([⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)/);
    const exp = Number([...e].map((c) => '⁻⁰¹²³⁴⁵⁶⁷⁸⁹'.indexOf(c)).map((i) => (i === 0 ? '-' : i - 1)).join(''));
    assert.ok(Number(m) * 10 ** exp < 1e-6, `shown ${shown}`);
    assert.ok(Math.abs(Number(m) * 10 ** exp - a.identityErrorF32) / a.identityErrorF32 < 0.01);
    assert.match(page.url(), /act=tanh/);

    await page.getByRole('radio', { name: 'ReLU', exact: true }).click();
    a = await lecture(page, 'activations');
    assert.equal(a.derivativeAt0, 0, "the core's ReLU has f'(0) = 0");
    assert.equal(a.deadFraction, 401 / 801, 'x <= 0 is dead: 401 of 801 grid points');
    assert.equal(a.specialCaseGap, 0, 'ReLU = max(0x + 0, 1x + 0) exactly');

    await page.getByRole('radio', { name: 'Maxout' }).click();
    await page.getByRole('button', { name: /^ReLU/ }).click();
    a = await lecture(page, 'activations');
    assert.deepEqual(a.lines, [0, 0, 1, 0]);
    assert.equal(a.maxoutGapRelu, 0);
    await page.locator('#alpha').fill('0.2');
    await page.getByRole('button', { name: /^Leaky ReLU/ }).click();
    a = await lecture(page, 'activations');
    assert.equal(a.lines[0], 0.2);
    assert.equal(a.maxoutGapLeaky, 0, 'leaky ReLU = max(αx, x) exactly');
    assert.ok(a.maxoutGapRelu > 0.99, `at x = -5: |max(0.2x, x) - 0| = 1; got ${a.maxoutGapRelu}`);
    assert.match(await page.locator('#act-fact').textContent(), /= 0: this maxout is exactly a leaky ReLU/);
    // Editing a line changes the curve: max(-x, x) = |x| has slope ±1 and is nowhere dead.
    await page.getByRole('button', { name: '|x|' }).click();
    a = await lecture(page, 'activations');
    assert.equal(a.deadFraction, 0);
    assert.equal(a.maxDerivative, 1);
    clean(log);
    await page.close();
  });

  test('neuron: hinge losses per point, then weights forget by (1 - lr λ) per step', async () => {
    const { page, log } = await open('neuron');
    await page.getByRole('radio', { name: /hinge/ }).click();
    for (let i = 0; i < 30; i++) await page.locator('#n-step').click();
    let n = await lecture(page, 'neuron');
    assert.equal(n.loss, 'hinge');
    assert.equal(n.steps, 30);
    n.scores.forEach((s, i) => {
      const t = n.labels[i] === 1 ? 1 : -1;
      assert.ok(Math.abs(n.perExampleLoss[i] - Math.max(0, 1 - t * s)) < 1e-6, `point ${i}`);
    });
    const mean = n.perExampleLoss.reduce((a, v) => a + v, 0) / n.perExampleLoss.length;
    assert.ok(Math.abs(mean - n.dataLoss) < 1e-9);
    assert.equal(await page.locator('#n-loss').textContent(), n.dataLoss.toFixed(4));
    assert.ok(Math.abs(n.shareSum - 1) < 1e-9, 'the shares add up to 1');

    await page.getByRole('radio', { name: /logistic/ }).click();
    n = await lecture(page, 'neuron');
    n.scores.forEach((s, i) => {
      const t = n.labels[i];
      const expected = Math.log(1 + Math.exp(-s)) + (1 - t) * s; // -t log σ(s) - (1-t) log(1-σ(s))
      assert.ok(Math.abs(n.perExampleLoss[i] - expected) < 1e-5, `point ${i}: ${n.perExampleLoss[i]} vs ${expected}`);
    });

    // Gradual forgetting: λ = 0.1, lr = 0.5, data loss off -> |w| *= 0.95 each step; b stays.
    await page.locator('#n-lambda').fill('5');
    await page.locator('#n-lr').fill('0.5');
    await page.getByRole('switch').uncheck();
    const before = await lecture(page, 'neuron');
    assert.equal(before.lambda, 0.1);
    assert.equal(before.dataLossOn, false);
    for (let i = 0; i < 10; i++) await page.locator('#n-step').click();
    n = await lecture(page, 'neuron');
    const expected = before.weightNorm * 0.95 ** 10;
    assert.ok(Math.abs(n.weightNorm - expected) < 1e-5, `|w| = ${n.weightNorm}, expected ${expected}`);
    assert.equal(n.parameters[2], before.parameters[2], 'the bias is not regularized');
    assert.equal(await page.locator('#n-norm').textContent(), expected.toFixed(4));
    assert.match(await page.locator('#n-fact').textContent(), /\(1 − lr·λ\) = 0\.9500/);
    assert.match(page.url(), /data=0/);
    clean(log);
    await page.close();
  });

  test('xor-by-hand: the preset truth table reads 0 1 1 0; one linear unit cannot do it', async () => {
    const { page, log } = await open('xor-by-hand');
    assert.equal(await page.locator('#x-ycol').textContent(), '0 1 1 0');
    let x = await lecture(page, 'xorByHand');
    assert.deepEqual(x.hidden, [0, 0, 1, 0, 1, 0, 1, 1], 'h1 = OR, h2 = AND');
    assert.equal(x.correct, 4);
    // Output bias c = +0.5: y = step(h1 - h2 + 0.5) fires on every row.
    await page.getByLabel(/^c: bias of y/).fill('0.5');
    assert.equal(await page.locator('#x-ycol').textContent(), '1 1 1 1');
    x = await lecture(page, 'xorByHand');
    assert.equal(x.correct, 2);
    assert.match(page.url(), /w=1%2C1%2C-0\.5%2C1%2C1%2C-1\.5%2C1%2C-1%2C0\.5/);
    await page.getByRole('button', { name: 'Lecture preset' }).click();
    assert.equal(await page.locator('#x-ycol').textContent(), '0 1 1 0');

    await page.getByRole('button', { name: 'Try one linear unit' }).click();
    await page.waitForFunction(() => window.__lecture.xorByHand.linear?.done, null, { timeout: 60000 });
    x = await lecture(page, 'xorByHand');
    assert.equal(x.linear.steps, 3000);
    assert.ok(Math.abs(x.linear.loss - Math.LN2) < 0.01, `loss ${x.linear.loss} ≈ ln 2`);
    assert.ok(x.linear.correct <= 3);
    assert.equal(x.bestLine.correct, 3);
    assert.equal(await page.locator('#x-lin-best').textContent(), '3 / 4');
    assert.equal(await page.locator('#x-lin-loss').textContent(), x.linear.loss.toFixed(4));
    clean(log);
    await page.close();
  });

  test('sizes: Figure 4 counts 26 and 41, CIFAR-10 308,310, live as widths change', async () => {
    const { page, log } = await open('sizes');
    const card = (k) => page.locator(`[data-net="${k}"]`);
    const count = async (k, what) => Number((await card(k).locator(`[data-k="${what}"]`).textContent()).replace(/,/g, ''));
    assert.equal(await count('left', 'parameters'), 26);
    assert.equal(await count('left', 'neurons'), 6);
    assert.equal(await count('left', 'weights'), 20);
    assert.equal(await count('left', 'biases'), 6);
    assert.equal(await count('right', 'parameters'), 41);
    assert.equal(await count('right', 'neurons'), 9);
    assert.equal(await count('right', 'weights'), 32);
    assert.equal(await count('cifar', 'parameters'), 3072 * 100 + 100 + 100 * 10 + 10);
    assert.match(await card('left').locator('.net-name').textContent(), /^2-layer network: 1 hidden layer of 4 units.*Depth 2, width 4/);
    assert.match(await card('right').locator('.net-name').textContent(), /^3-layer network: 2 hidden layers of 4 units.*Depth 3/);

    // Widen the left hidden layer to 5: 3*5 + 5*2 weights + 5 + 2 biases = 32.
    await card('left').getByLabel('Hidden 1').fill('5');
    assert.equal(await count('left', 'parameters'), 3 * 5 + 5 * 2 + 5 + 2);
    // A third hidden layer of 4 on the right: 12 + 16 + 16 + 4 weights, 4 + 4 + 4 + 1 biases = 61.
    await card('right').getByRole('button', { name: '+ hidden layer' }).click();
    assert.equal(await count('right', 'parameters'), 12 + 16 + 16 + 4 + 13);
    assert.match(await card('right').locator('.net-name').textContent(), /^4-layer network: 3 hidden layers/);
    const s = await lecture(page, 'sizes');
    assert.equal(s.right.depth, 4);
    // A width of 0 is refused with the core's message; the counts stay.
    await card('cifar').getByLabel('Hidden 1').fill('0');
    assert.match(await card('cifar').locator('.message').textContent(), /between 1 and 1024 units; got 0/);
    assert.equal(await count('cifar', 'parameters'), 308310);
    clean(log);
    await page.close();
  });

  for (const view of Object.keys(HOOKS)) {
    test(`${view}: works alone in an iframe (embed=1) and on a 375-pixel phone`, async () => {
      const page = await session.browser.newPage({ viewport: { width: 900, height: 700 } });
      const log = watchPage(page, session.server.origin);
      await page.goto(`${session.server.url}#view=${view}&embed=1`); // same origin for the test page
      await page.setContent(
        // The icon link stops Chromium asking the server for /favicon.ico (a 404 outside the sub-path).
        `<!doctype html><title>course page</title><link rel="icon" href="data:,"><h1>Lecture 6</h1>` +
          `<iframe id="f" src="${session.server.url}#view=${view}&embed=1" width="820" height="600" title="${view}"></iframe>`,
      );
      const frame = await (await page.waitForSelector('#f')).contentFrame();
      await frame.waitForFunction((k) => window.__lecture?.[k]?.ready, HOOKS[view], { timeout: 30000 });
      assert.equal(await frame.locator('.site-header').isVisible(), false, 'no site header in an embed');
      assert.equal(await frame.locator('.page-footer').isVisible(), false);
      const number = {
        activations: async () => (await frame.evaluate(() => window.__lecture.activations.derivativeAt0)) === 0.25,
        neuron: async () => (await frame.locator('#n-steps').textContent()) === '0',
        'xor-by-hand': async () => (await frame.locator('#x-ycol').textContent()) === '0 1 1 0',
        sizes: async () => (await frame.locator('[data-net="left"] [data-k="parameters"]').textContent()) === '26',
      }[view];
      assert.ok(await number(), `${view} shows its number inside the iframe`);
      const inner = await frame.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
      assert.ok(inner, 'no sideways scroll inside the iframe');
      clean(log);
      await page.close();

      const phone = await open(view, '', { width: 375, height: 667 });
      const width = await phone.page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 375, `${view} is ${width}px wide on a 375px phone`);
      clean(phone.log);
      await phone.page.close();
    });
  }
});
