// The generated docs in a real browser (Debian's headless Chromium), served from 127.0.0.1 with
// every other host blocked: the index links to each service page, and each operation shows its
// summary, parameters, body fields and example values. A request to any other host fails the
// test: the docs must work offline. Screenshots go to test-output/screenshots/.
import fs from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root } from '../support/paths.js';
import { deref, loadSpecs } from '../support/specs.js';
import { serveFolder, type StaticServer } from '../support/static-server.js';

const CHROMIUM = '/usr/bin/chromium'; // installed by scripts/ensure-chromium.mjs (npm pretest)
const SCREENSHOTS = path.join(root, 'test-output', 'screenshots');
const specs = await loadSpecs();

let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  await fs.mkdir(SCREENSHOTS, { recursive: true });
  [server, browser] = await Promise.all([
    serveFolder(path.join(root, 'generated')),
    chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    }),
  ]);
});

afterAll(async () => {
  await Promise.all([browser?.close(), server?.close()]);
});

interface OpenPage {
  page: Page;
  /** Every request the page tried to make to another host (each was aborted). */
  offsite: string[];
  errors: string[];
}

async function open(url: string): Promise<OpenPage> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const opened: OpenPage = { page, offsite: [], errors: [] };
  await page.route('**/*', (route) => {
    const target = route.request().url();
    if (target.startsWith(`${server.origin}/`)) return route.continue();
    opened.offsite.push(`${url} -> ${target}`);
    return route.abort('blockedbyclient');
  });
  page.on('pageerror', (error) => opened.errors.push(`${url}: ${error.message}`));
  await page.goto(url);
  return opened;
}

async function clickVisible(locator: Locator): Promise<void> {
  for (const element of await locator.all()) if (await element.isVisible()) await element.click();
}

/** The scalar values of an example, as the docs print them. */
function leaves(value: unknown): string[] {
  if (value && typeof value === 'object') return Object.values(value).flatMap(leaves);
  return value === null || value === undefined || value === '' ? [] : [String(value)];
}

function firstExampleValue(doc: any, media: any): unknown {
  const first = Object.values<any>(media?.examples ?? {})[0];
  return first === undefined ? undefined : deref(doc, first).value;
}

describe('generated docs in Chromium, offline', () => {
  it('the index links to every service page and its spec files', async () => {
    const { page, offsite } = await open(`${server.url}docs/index.html`);
    for (const spec of specs) {
      const link = page.locator(`nav a[href="./${spec.name}.html"]`);
      expect(await link.count(), `index: no link to ${spec.name}.html`).toBe(1);
      expect(await link.textContent(), `index: link text of ${spec.name}`).toBe(spec.model.title);
      for (const file of ['openapi.json', 'openapi.yaml']) {
        const href = await page.locator(`a[href="../${spec.name}/${file}"]`).first().getAttribute('href');
        const response = await fetch(new URL(href!, page.url()));
        expect(response.status, `index: ${spec.name}/${file}`).toBe(200);
      }
      for (const op of spec.model.operations) {
        const deepLink = page.locator(`a[href="./${spec.name}.html#operation/${op.operationId}"]`);
        expect(await deepLink.count(), `index: no link to ${spec.name} ${op.operationId}`).toBeGreaterThan(0);
      }
    }
    await page.screenshot({ path: path.join(SCREENSHOTS, 'index.png'), fullPage: true });
    await page.close();
    expect(offsite, 'requests to other hosts').toEqual([]);
  });

  // Concurrent: each page renders in its own Chromium process.
  // `.for` hands each case the test's own `expect`, which concurrent tests must use.
  it.concurrent.for(specs.map((s) => [s.name, s] as const))('%s: every operation with its parameters and examples', async ([name, spec], { expect }) => {
    const [first, ...rest] = spec.model.operations;
    // Opened at the index's deep link to the first operation; the others through the sidebar,
    // whose links end in the operationId (one page load per service keeps the test fast).
    const { page, offsite, errors } = await open(`${server.url}docs/${name}.html#operation/${first.operationId}`);
    for (const op of [first, ...rest]) {
      const where = `${name}.html ${op.operationId}`;
      if (op !== first) await page.locator(`a[href$="/${op.operationId.toLowerCase()}"]`).first().dispatchEvent('click');
      await page.getByRole('heading', { name: op.summary }).first().waitFor({ timeout: 20_000 });
      const operation = deref(spec.doc, spec.doc.paths[op.path])[op.method];
      const params = [...op.pathParams, ...op.queryParams, ...op.headerParams];
      const bodyFields = Object.keys(deref(spec.doc, op.body?.schema)?.properties ?? {});
      const paramExamples = (operation.parameters ?? []).flatMap((p: any) => {
        const param = deref(spec.doc, p);
        return Object.values<any>(param.examples ?? {}).flatMap((e) => leaves(deref(spec.doc, e).value));
      });
      const requestExample = firstExampleValue(spec.doc, deref(spec.doc, operation.requestBody)?.content?.['application/json']);
      const success = Object.entries<any>(operation.responses).find(
        ([status, r]) => status.startsWith('2') && deref(spec.doc, r).content?.['application/json']?.examples,
      )!;
      const responseExample = firstExampleValue(spec.doc, deref(spec.doc, success[1]).content?.['application/json']);
      const expected = [
        ...params.map((p: any) => ['parameter', p.name]),
        ...bodyFields.map((f) => ['body field', f]),
        ...paramExamples.map((v: string) => ['parameter example value', v]),
        ...leaves(requestExample).map((v) => ['request example value', v]),
        ...leaves(responseExample).map((v) => [`${success[0]} response example value`, v]),
      ];
      const missing = (text: string) => expected.filter(([, value]) => !text.includes(value!)).map(([what, value]) => `${what} ${value}`);
      // The page renders progressively; the success example sits behind its status tab, and
      // example JSON opens collapsed below a few levels.
      await expect
        .poll(
          async () => {
            await clickVisible(page.getByRole('button', { name: success[0], exact: true }));
            await clickVisible(page.locator('[data-testid="json-viewer"] button[aria-label="Expand all"]'));
            return missing(await page.locator('body').innerText());
          },
          { timeout: 15_000, interval: 250, message: `${where}: not on the page` },
        )
        .toEqual([]);
      await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${op.operationId}.png`) });
    }
    await page.close();
    expect(offsite, 'requests to other hosts').toEqual([]);
    expect(errors, 'script errors').toEqual([]);
  });
});
