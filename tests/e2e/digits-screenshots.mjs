// Screenshots of the "draw a digit" view, for the docs and for review:
//   docs/screenshots/digits-desktop.png  (1280x800)
//   docs/screenshots/digits-phone.png    (375x667, the whole page)
// A 7 is drawn with the mouse after a short training run (paused), with the pretrained network on the pad.
// Needs dist/ from `trunk build --release`. Run: node tests/e2e/digits-screenshots.mjs

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, screenshotSession, watchPage } from './harness.mjs';

const OUT = join(ROOT, 'docs', 'screenshots');
const SHOTS = [
  { file: 'digits-desktop.png', viewport: { width: 1280, height: 800 }, scale: 1, fullPage: false },
  { file: 'digits-phone.png', viewport: { width: 375, height: 667 }, scale: 1, fullPage: true },
];
const SEVEN = [[0.15, 0.1], [0.85, 0.1], [0.6, 0.5], [0.42, 0.92]];

mkdirSync(OUT, { recursive: true });
await screenshotSession(async ({ server, browser, report }) => {
  for (const shot of SHOTS) {
    const page = await browser.newPage({ viewport: shot.viewport, deviceScaleFactor: shot.scale });
    const log = watchPage(page, server.origin);
    await page.goto(`${server.url}#view=digits`);
    await page.waitForFunction(() => window.__digits?.ready && window.__digits.training.state === 'idle', null, { timeout: 60000 });
    await page.locator('#hidden').fill('64');
    await page.getByRole('button', { name: 'Train' }).click();
    await page.waitForFunction(() => window.__digits.training.epoch >= 3, null, { timeout: 120000 });
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.locator('#model').selectOption('pretrained');
    await page.locator('#pad').scrollIntoViewIfNeeded();
    const r = await page.locator('#pad').boundingBox();
    const at = ([u, v]) => [r.x + r.width * (0.2 + 0.6 * u), r.y + r.height * (0.12 + 0.75 * v)];
    await page.mouse.move(...at(SEVEN[0]));
    await page.mouse.down();
    for (let i = 1; i < SEVEN.length; i++) {
      const [a, b] = [SEVEN[i - 1], SEVEN[i]];
      for (let k = 1; k <= 10; k++) await page.mouse.move(...at([a[0] + ((b[0] - a[0]) * k) / 10, a[1] + ((b[1] - a[1]) * k) / 10]));
    }
    await page.mouse.up();
    await page.evaluate(() => { document.activeElement?.blur(); window.scrollTo(0, 0); });
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(OUT, shot.file), fullPage: shot.fullPage });
    const h = await page.evaluate(() => window.__digits);
    console.log(`${shot.file}: reads ${h.predicted}; validation ${h.training.accuracy} after ${h.training.seen} digits`);
    report(shot.file, log);
    await page.close();
  }
});
