#!/usr/bin/env node
// Benchmark of the docs pages as readers get them: page weight (bytes over the wire, raw and gzip)
// and time to usable in headless Chromium, for every page of generated/docs/, side by side with
// the previous packaging of the same renderer (one `redocly build-docs --inlineBundle` page per
// service, Redoc's 2.3 MB script inlined into every page), built in the same run from the same
// English bundles into bench/.tmp/docs-baseline/.
//   time to usable = from navigation start until the operation a deep link names is rendered
//   (its heading in the DOM) and Redoc's sidebar lists it, cold cache; "next page" = the same after
//   another page of the docs was opened in the same context; first contentful paint beside it.
// Everything is served from 127.0.0.1; any other host is blocked. The order of the contenders
// alternates every round; medians are reported.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { median, repoRoot, tmpRoot } from './lib.mjs';

const ROUNDS = Number(process.env.BENCH_DOCS_ROUNDS ?? 3);
const DOCS = path.join(repoRoot, 'generated', 'docs');
const BASELINE = path.join(tmpRoot, 'docs-baseline');

function serve(dirs) {
  const server = http.createServer(async (req, res) => {
    const [prefix, ...rest] = decodeURIComponent(new URL(req.url, 'http://x').pathname).slice(1).split('/');
    const base = dirs[prefix];
    const file = base && path.join(base, ...rest);
    const body = file && file.startsWith(base) ? await fs.readFile(file).catch(() => null) : null;
    if (!body) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': file.endsWith('.js') ? 'text/javascript' : 'text/html; charset=utf-8' }).end(body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ origin: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) })));
}

/** The pages of generated/docs and, per page, the deep link and heading the index gives for its first operation. */
async function pages() {
  const out = [];
  for (const index of ['index.html', 'index.zh-CN.html']) {
    const html = await fs.readFile(path.join(DOCS, index), 'utf8');
    const seen = new Set();
    for (const m of html.matchAll(/<a href="\.\/([\w.-]+\.html)(#[^"]+)"[^>]*data-operation="([^"]+)">[^<]*<\/a> — ([^<]+)<\/li>/g)) {
      if (seen.has(m[1])) continue;
      seen.add(m[1]);
      out.push({ page: m[1], anchor: m[2], summary: decode(m[4].trim()) });
    }
  }
  return out;
}

const decode = (s) => s.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#x27;/g, "'");

function buildBaseline(services) {
  const cli = path.join(repoRoot, 'node_modules', '@redocly', 'cli', 'bin', 'cli.js');
  for (const name of services) {
    execFileSync(process.execPath, [cli, 'build-docs', path.join(repoRoot, 'generated', name, 'openapi.json'), '--inlineBundle', '-o', path.join(BASELINE, `${name}.html`)], {
      cwd: repoRoot,
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', NO_COLOR: '1' },
      stdio: 'ignore',
    });
  }
}

async function weight(file, shared = []) {
  const files = [file, ...shared];
  const bodies = await Promise.all(files.map((f) => fs.readFile(f)));
  return {
    raw: bodies.reduce((n, b) => n + b.length, 0),
    gzip: bodies.reduce((n, b) => n + gzipSync(b, { level: 9 }).length, 0),
    pageRaw: bodies[0].length,
    pageGzip: gzipSync(bodies[0], { level: 9 }).length,
  };
}

/** `warmUp`: a page of the same site opened first in the same browser context (a reader moving on). */
async function timeToUsable(browser, origin, url, summary, warmUp) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.route('**/*', (route) => (route.request().url().startsWith(origin) || /^(blob|data):/.test(route.request().url()) ? route.continue() : route.abort('blockedbyclient')));
  try {
    if (warmUp) await page.goto(warmUp, { waitUntil: 'load' });
    await page.goto(url, { waitUntil: 'commit' });
    const slug = url.split('/').pop();
    const usable = await page.waitForFunction(
      ({ summary, slug }) => {
        const heading = [...document.querySelectorAll('h1, h2')].some((h) => h.textContent.trim().startsWith(summary));
        const hydrated = [...document.querySelectorAll('a[href]')].some((a) => a.getAttribute('href').endsWith(`/${slug}`));
        return heading && hydrated ? performance.now() : false;
      },
      { summary, slug },
      { timeout: 60_000, polling: 'raf' },
    );
    const ms = await usable.jsonValue();
    const fcp = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN);
    return { usableMs: ms, fcpMs: fcp };
  } finally {
    await context.close();
  }
}

export async function benchDocs() {
  const all = await pages();
  const english = all.filter((p) => !p.page.includes('.zh-CN.'));
  await fs.rm(BASELINE, { recursive: true, force: true });
  await fs.mkdir(BASELINE, { recursive: true });
  buildBaseline(english.map((p) => p.page.replace('.html', '')));
  const script = path.join(DOCS, 'redoc.standalone.js');
  const server = await serve({ docs: DOCS, baseline: BASELINE });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  const rows = [];
  try {
    for (const p of all) {
      const ours = `${server.origin}/docs/${p.page}${p.anchor}`;
      const other = all.find((q) => q.page !== p.page && q.page.includes('.zh-CN.') === p.page.includes('.zh-CN.'));
      const contenders = { ours: [ours], oursNext: [ours, `${server.origin}/docs/${other.page}`] };
      if (english.includes(p)) {
        const baseline = `${server.origin}/baseline/${p.page}${p.anchor}`;
        contenders.baseline = [baseline];
        contenders.baselineNext = [baseline, `${server.origin}/baseline/${other.page}`];
      }
      const runs = Object.fromEntries(Object.keys(contenders).map((k) => [k, []]));
      for (let r = 0; r < ROUNDS; r++) {
        const order = r % 2 ? Object.keys(contenders).reverse() : Object.keys(contenders);
        for (const name of order) runs[name].push(await timeToUsable(browser, server.origin, contenders[name][0], p.summary, contenders[name][1]));
      }
      const summary = (list) => ({ usableMs: median(list.map((x) => x.usableMs)), fcpMs: median(list.map((x) => x.fcpMs)) });
      const row = { page: p.page, ours: { ...summary(runs.ours), nextUsableMs: summary(runs.oursNext).usableMs, ...(await weight(path.join(DOCS, p.page), [script])) } };
      if (runs.baseline) row.baseline = { ...summary(runs.baseline), nextUsableMs: summary(runs.baselineNext).usableMs, ...(await weight(path.join(BASELINE, p.page))) };
      rows.push(row);
      console.log(JSON.stringify(row));
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const script_ = await weight(script);
  return { rounds: ROUNDS, rows, script: { raw: script_.pageRaw, gzip: script_.pageGzip } };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await benchDocs(), null, 2));
