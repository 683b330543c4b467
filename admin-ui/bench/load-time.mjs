// How long the workspace takes to become usable in headless Chromium, and how big its bundle is.
//   node admin-ui/bench/load-time.mjs http://127.0.0.1:8080 [runs]
// Signs in as the demo product manager once, then for each page opens a fresh tab (the session
// cookie kept, the browser cache cold for the first run and warm after) and times from the
// navigation until the page can be used: the products table has its rows; the rule editor shows
// the DRL with line numbers. Prints min / median / max in milliseconds, and the bundle's sizes.
import { chromium } from 'playwright-core';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const base = (process.argv[2] || 'http://127.0.0.1:8080').replace(/\/$/, '');
const runs = Number(process.argv[3] || 10);
const executablePath = process.env.LOANFACTORY_CHROMIUM || '/usr/bin/chromium';

function bundleSizes() {
  const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'target', 'classes', 'META-INF', 'resources', 'admin');
  const files = [];
  const walk = (d) => readdirSync(d).forEach((f) => {
    const p = join(d, f);
    if (statSync(p).isDirectory()) walk(p); else files.push(p);
  });
  walk(dir);
  let raw = 0; let gz = 0;
  const rows = files.map((p) => {
    const bytes = readFileSync(p);
    const g = gzipSync(bytes, { level: 9 }).length;
    raw += bytes.length; gz += g;
    return `  ${p.slice(dir.length + 1)}: ${(bytes.length / 1024).toFixed(1)} KiB, gzip ${(g / 1024).toFixed(1)} KiB`;
  });
  return { rows, raw, gz };
}

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { min: s[0], median: s[Math.floor(s.length / 2)], max: s[s.length - 1] };
};

const browser = await chromium.launch({
  executablePath, headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run'],
});
const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
const signIn = await context.request.post(base + '/api/v1/session', {
  data: { username: 'manager', password: 'demo-manager' }, headers: { Origin: base },
});
if (!signIn.ok()) throw new Error('sign-in failed: HTTP ' + signIn.status());

const pages = {
  products: { route: '#/products', ready: async (page) => page.locator('table.data tbody tr').nth(5).waitFor() },
  'rule editor': { route: '#/products/FUNONG/versions/1', ready: async (page) => {
    await page.locator('.cm-editor .cm-lineNumbers .cm-gutterElement').nth(3).waitFor();
    await page.locator('.cm-content').filter({ hasText: 'rule' }).first().waitFor();
  } },
};

const results = {};
for (const [name, p] of Object.entries(pages)) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const page = await context.newPage();
    const started = Date.now();
    await page.goto(base + '/admin/' + p.route);
    await p.ready(page);
    times.push(Date.now() - started);
    await page.close();
  }
  results[name] = { first: times[0], ...stats(times.slice(1)) };
}
await browser.close();

const b = bundleSizes();
console.log(`bundle: ${(b.raw / 1024).toFixed(1)} KiB, gzip ${(b.gz / 1024).toFixed(1)} KiB`);
b.rows.forEach((r) => console.log(r));
for (const [name, r] of Object.entries(results)) {
  console.log(`${name}: first (cold cache) ${r.first} ms; next ${runs - 1}: min ${r.min} / median ${r.median} / max ${r.max} ms`);
}
