// Screenshots of the views, for the docs and for review:
//   docs/screenshots/xor-desktop.png          (1280x800, a projector-sized window)
//   docs/screenshots/xor-phone.png            (375x667, the whole page as on a phone)
//   docs/screenshots/playground-desktop.png   (1280x800)
//   docs/screenshots/playground-phone.png     (375x667, whole page, 1x so the file stays small)
// Each view is trained by a fixed number of Step clicks (not timed training), so the
// pictures are the same on every run. Needs dist/ from `trunk build --release`.
// Run: node tests/e2e/screenshots.mjs [view ...]   (default: every view below)

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, screenshotSession, watchPage } from './harness.mjs';

const OUT = join(ROOT, 'docs', 'screenshots');
const VIEWS = {
  xor: {
    hash: '#view=xor-train',
    hook: '__xor',
    button: 'step',
    clicks: 300, // steps: well past solving XOR, so the boundary has settled
    phoneScale: 2,
    describe: (h) => `step ${h.steps}, loss ${h.loss.toFixed(5)}, labels ${h.labels.join(' ')}`,
  },
  playground: {
    hash: '#view=playground&data=spiral&features=x1,x2,x1sq,x2sq,sinx1,sinx2&net=8:tanh,6:tanh,4:tanh&lr=0.03&batch=10&opt=adam&test=1',
    hook: '__playground',
    button: 'pg-step',
    clicks: 300, // epochs
    phoneScale: 1,
    describe: (h) => `epoch ${h.epoch}, train loss ${h.trainLoss.toFixed(4)}, test loss ${h.testLoss.toFixed(4)}, test accuracy ${h.testAcc}`,
  },
};

const chosen = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(VIEWS);
mkdirSync(OUT, { recursive: true });
await screenshotSession(async ({ server, browser, report }) => {
  for (const name of chosen) {
    const view = VIEWS[name];
    if (!view) throw new Error(`no screenshots defined for "${name}"; known: ${Object.keys(VIEWS).join(', ')}`);
    const shots = [
      { file: `${name}-desktop.png`, viewport: { width: 1280, height: 800 }, scale: 1, fullPage: false },
      { file: `${name}-phone.png`, viewport: { width: 375, height: 667 }, scale: view.phoneScale, fullPage: true },
    ];
    for (const shot of shots) {
      const page = await browser.newPage({ viewport: shot.viewport, deviceScaleFactor: shot.scale });
      const log = watchPage(page, server.origin);
      await page.goto(`${server.url}${view.hash}`);
      await page.waitForFunction((hook) => window[hook]?.ready, view.hook, { timeout: 30000 });
      await page.evaluate(({ id, n }) => {
        const step = document.getElementById(id);
        for (let i = 0; i < n; i++) step.click();
      }, { id: view.button, n: view.clicks });
      await page.evaluate(() => document.activeElement?.blur());
      await page.waitForTimeout(300); // let the last frame and the resize observer settle
      await page.screenshot({ path: join(OUT, shot.file), fullPage: shot.fullPage });
      const h = await page.evaluate((hook) => ({ ...window[hook], testScores: undefined, timeHeatmaps: undefined }), view.hook);
      console.log(`${shot.file}: ${shot.viewport.width}x${shot.viewport.height}, ${view.describe(h)}`);
      report(shot.file, log);
      await page.close();
    }
  }
});
