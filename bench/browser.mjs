// Chromium half of the suite: serves the bench page and the release build of the site on
// 127.0.0.1 (nothing else is reached), runs the in-browser measurements, then measures the
// site's bytes and the time from navigation to an interactive page.
import { createServer } from 'node:http';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { summarize } from './lib/stats.mjs';

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.svg': 'image/svg+xml', '.json': 'application/json', '.png': 'image/png' };
const ARGS = ['--no-sandbox', '--headless', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function serve(routes) {
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    const hit = Object.entries(routes).find(([prefix]) => url.pathname.startsWith(prefix));
    if (!hit) { res.writeHead(404).end(); return; }
    const file = path.join(hit[1], decodeURIComponent(url.pathname.slice(hit[0].length)) || 'index.html');
    if (!file.startsWith(hit[1]) || !existsSync(file) || statSync(file).isDirectory()) { res.writeHead(404).end(); return; }
    // cross-origin isolation gives performance.now() 5 us resolution instead of 100 us
    res.writeHead(200, {
      'content-type': TYPES[path.extname(file)] || 'application/octet-stream',
      'cache-control': 'no-store',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-embedder-policy': 'require-corp',
    });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function walk(dir) {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

export async function runBrowser({ root, smoke, repeats, warmMs, playgroundConfig, playground, mlpConfig, haveTrunk, notes }) {
  const dist = path.join(root, 'target', 'bench-dist');
  let size = null;
  if (haveTrunk) {
    // the site as users get it; never into the repository's dist/
    const b = spawnSync('trunk', ['build', '--release', '--dist', dist], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
    if (b.status !== 0) throw new Error('trunk build --release failed');
    const kinds = { wasm: /\.wasm$/, js: /\.m?js$/, css: /\.css$/, model: /\.(safetensors|bin)$|model.*\.json$/ };
    size = Object.fromEntries(Object.keys(kinds).map((k) => [k, { files: 0, raw: 0, gzip: 0 }]));
    for (const f of walk(dist)) {
      const kind = Object.keys(kinds).find((k) => kinds[k].test(f));
      if (!kind) continue;
      const bytes = readFileSync(f);
      size[kind].files++;
      size[kind].raw += bytes.length;
      size[kind].gzip += gzipSync(bytes, { level: 9 }).length;
    }
    const assets = path.join(root, 'www', 'assets');
    if (size.model.files === 0 && existsSync(assets)) {
      // the shipped model, until a page that fetches it makes Trunk copy it into dist/
      for (const f of readdirSync(assets).filter((x) => kinds.model.test(x))) {
        const bytes = readFileSync(path.join(assets, f));
        size.model.files++;
        size.model.raw += bytes.length;
        size.model.gzip += gzipSync(bytes, { level: 9 }).length;
        size.model.note = 'www/assets (not yet copied into dist/ by the page)';
      }
    }
  }
  const server = await serve({
    '/pkg/': path.join(root, 'target', 'bench-web') + path.sep,
    '/bench/': path.join(root, 'bench') + path.sep,
    '/www/js/': path.join(root, 'www', 'js') + path.sep, // the shared seeded generator (random.js)
    '/site/': dist + path.sep,
  });
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ARGS });
  try {
    const version = browser.version();
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}/bench/browser/page.html`);
    await page.waitForFunction(() => window.benchReady === true, null, { timeout: 60000 }).catch(() => {
      throw new Error(`the bench page did not start: ${errors.join('; ')}`);
    });
    const m = await page.evaluate((p) => window.bench(p), { smoke, repeats, warmMs, playgroundConfig, playground, mlpConfig });
    await page.close();

    let load = null;
    if (haveTrunk) {
      // cold loads: a fresh context (empty cache) each time; interactive = the page's wasm is
      // instantiated (Trunk's initializer reports phase "ready") and the DOM is ready
      const samples = { interactive: [], domContentLoaded: [], wasmReady: [] };
      for (let r = 0; r < (smoke ? 1 : repeats); r++) {
        const ctx = await browser.newContext();
        const p = await ctx.newPage();
        await p.addInitScript(() => {
          window.addEventListener('mlp:wasm-load', (e) => {
            if (e.detail.phase === 'ready' || e.detail.phase === 'failed') window.__benchWasm = { phase: e.detail.phase, at: performance.now() };
          });
        });
        await p.goto(`${base}/site/index.html`);
        await p.waitForFunction(() => window.__benchWasm || window.__mlpLoad?.phase === 'ready', null, { timeout: 30000 });
        const t = await p.evaluate(() => {
          const nav = performance.getEntriesByType('navigation')[0];
          const wasm = window.__benchWasm?.at ?? performance.now();
          return { dcl: nav.domContentLoadedEventEnd, wasm, phase: window.__benchWasm?.phase ?? window.__mlpLoad?.phase };
        });
        if (t.phase !== 'ready') throw new Error(`the site's wasm did not load: ${t.phase}`);
        samples.domContentLoaded.push(t.dcl);
        samples.wasmReady.push(t.wasm);
        samples.interactive.push(Math.max(t.dcl, t.wasm));
        await ctx.close();
      }
      load = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, summarize(v)]));
    } else {
      notes.push('page size and load skipped: trunk missing');
    }
    return { version, ...m, size, load };
  } finally {
    await browser.close();
    server.close();
  }
}
