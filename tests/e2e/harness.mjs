// Shared by the browser tests and the screenshot script: a tiny static server
// for dist/ (mounted under a sub-path, as on a course web site) and a headless
// Chromium from Debian driven by playwright-core (which downloads no browser).

import { createServer } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const DIST = join(ROOT, 'dist');
/** Where the page is mounted: not the server root, so relative URLs are exercised. */
export const BASE_PATH = '/course/playground/';
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
  '.safetensors': 'application/octet-stream',
};

/** Throws a readable error unless `trunk build --release` has produced dist/. */
export function requireDist() {
  if (!existsSync(join(DIST, 'index.html'))) {
    throw new Error(
      `dist/index.html not found in ${ROOT}. Build the page first: \`trunk build --release\` ` +
        '(from the repository root), then run the browser tests again.',
    );
  }
  const wasm = readDistNames().filter((n) => n.endsWith('.wasm'));
  if (wasm.length === 0) throw new Error('dist/ has no .wasm file: the Trunk build did not finish. Run `trunk build --release`.');
}

function readDistNames() {
  return readFileSync(join(DIST, 'index.html'), 'utf8').match(/[\w.-]+\.wasm/g) || [];
}

/**
 * Serves dist/ at http://127.0.0.1:<free port>/course/playground/.
 * Resolves with {url, origin, served, close}; `served` lists [status, path, content-type].
 * `hide` (a RegExp on the path) answers 404 for matching files, to test failures.
 */
export function startServer({ dist = DIST, base = BASE_PATH, hide = null } = {}) {
  const served = [];
  const server = createServer((req, res) => {
    const send = (status, type, body, headers = {}) => {
      served.push([status, req.url, type]);
      res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', ...headers });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(405, 'text/plain; charset=utf-8', 'method not allowed', { Allow: 'GET, HEAD' });
      return;
    }
    const path = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
    if (path === base.slice(0, -1)) {
      send(301, 'text/plain; charset=utf-8', 'moved', { Location: base });
      return;
    }
    if (!path.startsWith(base)) {
      send(404, 'text/plain; charset=utf-8', `not found (the page lives under ${base})`);
      return;
    }
    let rel = path.slice(base.length) || 'index.html';
    if (rel.endsWith('/')) rel += 'index.html';
    const file = normalize(join(dist, rel));
    if ((hide && hide.test(path)) || !file.startsWith(dist + sep) || !existsSync(file) || !statSync(file).isFile()) {
      send(404, 'text/plain; charset=utf-8', 'not found');
      return;
    }
    send(200, MIME[extname(file)] || 'application/octet-stream', readFileSync(file));
  });
  return new Promise((resolvePromise, reject) => {
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      const origin = `http://127.0.0.1:${port}`;
      resolvePromise({
        origin,
        url: `${origin}${base}`,
        served,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

/** Headless Debian Chromium with everything that would reach the network switched off. */
export async function launchBrowser() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH).`);
  }
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--headless',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Collects what a page reports: console errors, page errors, failed and foreign requests. */
export function watchPage(page, origin) {
  const log = { consoleErrors: [], pageErrors: [], failedRequests: [], requests: [], foreignRequests: [] };
  page.on('console', (msg) => {
    if (msg.type() === 'error') log.consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => log.pageErrors.push(String(err && err.stack ? err.stack : err)));
  page.on('requestfailed', (req) => log.failedRequests.push(`${req.url()} (${req.failure()?.errorText})`));
  page.on('request', (req) => {
    const url = req.url();
    log.requests.push(url);
    if (url.startsWith('data:') || url.startsWith('blob:')) return;
    const { hostname } = new URL(url);
    if (hostname !== '127.0.0.1' || !url.startsWith(origin)) log.foreignRequests.push(url);
  });
  return log;
}

/** Clicks Train and waits until the network solves XOR with loss below `threshold`. */
export async function trainUntilSolved(page, { threshold = 0.1, timeout = 60000 } = {}) {
  await page.getByRole('button', { name: 'Train' }).click();
  await page.waitForFunction(
    (limit) => {
      const h = window.__xor;
      return (
        h &&
        h.lossHistory.length > 0 &&
        h.loss < limit &&
        h.loss < h.firstLoss &&
        h.labels.join(' ') === '0 1 1 0'
      );
    },
    threshold,
    { timeout, polling: 50 },
  );
}

/**
 * For a test suite: serves dist/ and launches Chromium before its tests, closes both after.
 * Read `session.server` and `session.browser` inside tests (they are set once `before` ran).
 */
export function useBrowser() {
  const session = { server: null, browser: null };
  before(async () => {
    requireDist();
    session.server = await startServer();
    session.browser = await launchBrowser();
  });
  after(async () => {
    await session.browser?.close();
    await session.server?.close();
  });
  return session;
}

/**
 * For screenshot scripts: serves dist/, launches Chromium, runs `shoot({ server, browser, report })`,
 * then closes both and exits non-zero if any page reported problems. `report(name, log)` checks the
 * log of one page (see watchPage): uncaught exceptions, console errors, requests to other hosts.
 */
export async function screenshotSession(shoot) {
  requireDist();
  const server = await startServer();
  const browser = await launchBrowser();
  let failed = false;
  const report = (name, log) => {
    const problems = [...log.pageErrors, ...log.consoleErrors, ...log.foreignRequests];
    if (problems.length) {
      failed = true;
      console.error(`${name}: problems on the page:\n  ${problems.join('\n  ')}`);
    }
  };
  try {
    await shoot({ server, browser, report });
  } finally {
    await browser.close();
    await server.close();
  }
  process.exit(failed ? 1 : 0);
}
