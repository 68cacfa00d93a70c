// Screenshots of the lecture views backprop, features and relu-vs-tanh for the
// README and for review, each in a fixed state (clicks, not timed training):
//   docs/screenshots/<view>-desktop.png (1280x800) and <view>-phone.png (375x667, from the first card)
// Needs dist/ from `trunk build --release`. Run: node tests/e2e/lecture-screenshots.mjs

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, screenshotSession, watchPage } from './harness.mjs';

const OUT = join(ROOT, 'docs', 'screenshots');
const click = (id, n) => (page) => page.evaluate(([sel, count]) => {
  const b = document.getElementById(sel);
  for (let i = 0; i < count; i++) b.click();
}, [id, n]);

const VIEWS = [
  { name: 'backprop', hash: 'view=backprop&step=9', hook: '__backprop', prepare: async () => {}, phoneCard: '.bp-graph-card' },
  { name: 'features', hash: 'view=features&data=circles&seed=1', hook: '__features', prepare: click('ft-step', 300), phoneCard: '.ft-feature-card' },
  { name: 'relu-vs-tanh', hash: 'view=relu-vs-tanh&seed=1&lr=0.1', hook: '__race', prepare: click('rt-step', 800), phoneCard: '.rt-loss-card' },
];
const SHOTS = [
  { suffix: 'desktop', viewport: { width: 1280, height: 800 }, scale: 1 },
  { suffix: 'phone', viewport: { width: 375, height: 667 }, scale: 2 },
];

mkdirSync(OUT, { recursive: true });
await screenshotSession(async ({ server, browser, report }) => {
  for (const view of VIEWS) {
    for (const shot of SHOTS) {
      const page = await browser.newPage({ viewport: shot.viewport, deviceScaleFactor: shot.scale });
      const log = watchPage(page, server.origin);
      await page.goto(`${server.url}#${view.hash}`);
      await page.waitForFunction((hook) => window[hook]?.ready, view.hook, { timeout: 30000 });
      await view.prepare(page);
      await page.evaluate(() => document.activeElement?.blur());
      if (shot.suffix === 'phone') {
        await page.evaluate((sel) => {
          const card = document.querySelector(sel);
          window.scrollTo(0, card.getBoundingClientRect().top + window.scrollY - 8);
        }, view.phoneCard);
      }
      await page.waitForTimeout(300);
      const path = join(OUT, `${view.name}-${shot.suffix}.png`);
      await page.screenshot({ path });
      console.log(`${view.name}-${shot.suffix}.png: ${shot.viewport.width}x${shot.viewport.height}`);
      report(view.name, log);
      await page.close();
    }
  }
});
