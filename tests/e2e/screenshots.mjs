// Screenshots of the XOR page after training, for the docs and for review:
//   docs/screenshots/xor-desktop.png  (1280x800, a projector-sized window)
//   docs/screenshots/xor-phone.png    (375x667, the whole page as on a phone)
// Needs dist/ from `trunk build --release`. Run: node tests/e2e/screenshots.mjs

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, launchBrowser, requireDist, startServer, watchPage } from './harness.mjs';

const OUT = join(ROOT, 'docs', 'screenshots');
const SHOTS = [
  { file: 'xor-desktop.png', viewport: { width: 1280, height: 800 }, scale: 1, fullPage: false },
  { file: 'xor-phone.png', viewport: { width: 375, height: 667 }, scale: 2, fullPage: true },
];
/** Steps before the picture: well past solving XOR, so the boundary has settled. */
const STEPS = 300;

requireDist();
mkdirSync(OUT, { recursive: true });
const server = await startServer();
const browser = await launchBrowser();
let failed = false;
try {
  for (const shot of SHOTS) {
    const page = await browser.newPage({ viewport: shot.viewport, deviceScaleFactor: shot.scale });
    const log = watchPage(page, server.origin);
    await page.goto(`${server.url}#view=xor-train`);
    await page.waitForFunction(() => window.__xor?.ready, null, { timeout: 30000 });
    // Exactly STEPS clicks on Step (not timed training), so the pictures are the same on every run.
    await page.evaluate((n) => {
      const step = document.getElementById('step');
      for (let i = 0; i < n; i++) step.click();
    }, STEPS);
    await page.evaluate(() => document.activeElement?.blur());
    await page.waitForTimeout(200); // let the last frame and the resize observer settle
    const path = join(OUT, shot.file);
    await page.screenshot({ path, fullPage: shot.fullPage });
    const { steps, loss, labels } = await page.evaluate(() => window.__xor);
    console.log(`${shot.file}: ${shot.viewport.width}x${shot.viewport.height}, step ${steps}, loss ${loss.toFixed(5)}, labels ${labels.join(' ')}`);
    const problems = [...log.pageErrors, ...log.consoleErrors, ...log.foreignRequests];
    if (problems.length) {
      failed = true;
      console.error(`${shot.file}: problems on the page:\n  ${problems.join('\n  ')}`);
    }
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}
process.exit(failed ? 1 : 0);
