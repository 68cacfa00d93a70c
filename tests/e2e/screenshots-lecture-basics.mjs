// Screenshots of the lecture views "activations", "neuron", "xor-by-hand" and
// "sizes", for the README and for review:
//   docs/screenshots/<view>-desktop.png  (1280x800)
//   docs/screenshots/<view>-phone.png    (375x667, the whole page)
// Each view is shown after a fixed interaction (no timing), so the pictures
// are the same on every run. Needs dist/ from `trunk build --release`.
// Run: node tests/e2e/screenshots-lecture-basics.mjs [view ...]

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, screenshotSession, watchPage } from './harness.mjs';

const OUT = join(ROOT, 'docs', 'screenshots');
const SHOTS = [
  { file: 'desktop', viewport: { width: 1280, height: 800 }, scale: 1, fullPage: false },
  { file: 'phone', viewport: { width: 375, height: 667 }, scale: 1, fullPage: true },
];

/** What to do on each view before the picture. */
const SETUP = {
  activations: { hash: 'act=tanh', hook: 'activations', async run() {} },
  neuron: {
    hash: '',
    hook: 'neuron',
    async run(page) {
      await page.evaluate(() => {
        const step = document.getElementById('n-step');
        for (let i = 0; i < 150; i++) step.click();
      });
    },
  },
  'xor-by-hand': {
    hash: '',
    hook: 'xorByHand',
    async run(page) {
      await page.click('#x-lin');
      await page.waitForFunction(() => window.__lecture.xorByHand.linear?.done, null, { timeout: 60000 });
    },
  },
  sizes: { hash: '', hook: 'sizes', async run() {} },
};

const only = process.argv.slice(2);
mkdirSync(OUT, { recursive: true });
await screenshotSession(async ({ server, browser, report }) => {
  for (const [view, setup] of Object.entries(SETUP)) {
    if (only.length && !only.includes(view)) continue;
    for (const shot of SHOTS) {
      const page = await browser.newPage({ viewport: shot.viewport, deviceScaleFactor: shot.scale });
      const log = watchPage(page, server.origin);
      await page.goto(`${server.url}#view=${view}${setup.hash ? `&${setup.hash}` : ''}`);
      await page.waitForFunction((k) => window.__lecture?.[k]?.ready, setup.hook, { timeout: 30000 });
      await setup.run(page);
      await page.evaluate(() => {
        document.activeElement?.blur();
        window.scrollTo(0, 0);
      });
      await page.waitForTimeout(300);
      const path = join(OUT, `${view}-${shot.file}.png`);
      await page.screenshot({ path, fullPage: shot.fullPage });
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      console.log(`${view}-${shot.file}.png: page width ${width}px in a ${shot.viewport.width}px window`);
      report(view, log);
      await page.close();
    }
  }
});
