import { launchBrowser, startServer, watchPage } from '/work/wt/lecture-b/tests/e2e/harness.mjs';
const [view, width, height, out, clicks] = process.argv.slice(2);
const server = await startServer();
const browser = await launchBrowser();
const page = await browser.newPage({ viewport: { width: +width, height: +height } });
const log = watchPage(page, server.origin);
await page.goto(`${server.url}#${view}`);
await page.waitForTimeout(1500);
if (clicks) for (const c of clicks.split(',')) { await page.click(c); await page.waitForTimeout(100); }
await page.waitForTimeout(500);
const clip = process.env.CLIP ? (([x, y, w, h]) => ({ x, y, width: w, height: h }))(process.env.CLIP.split(',').map(Number)) : undefined;
await page.screenshot({ path: out, fullPage: true, clip });
console.log(JSON.stringify({ errs: [...log.pageErrors, ...log.consoleErrors], notes: await page.evaluate(() => window.__app?.notes), scrollW: await page.evaluate(() => document.documentElement.scrollWidth) }));
await browser.close(); await server.close();
