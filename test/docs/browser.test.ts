// The generated docs in a real browser (Debian's headless Chromium with a CJK font, both installed
// by scripts/ensure-chromium.mjs), served from 127.0.0.1 with every other host blocked: each
// language's index links to its service pages and lets the reader switch language; deep links land
// on the operation without Redoc's "No page at this address" on the way; each operation shows its
// summary, parameters, body fields, example values and curl/TypeScript samples; Chinese text is
// present and drawn with a CJK font (checked with Chromium's own record of the fonts it used for
// the text, and by glyph widths against the .notdef box). Screenshots (one per page) go to
// test-output/screenshots/.
import fs from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type CDPSession, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, type ExpectStatic } from 'vitest';
import { root } from '../support/paths.js';
import { deref, loadSpecs, operationsOf } from '../support/specs.js';
import { serveFolder, type StaticServer } from '../support/static-server.js';

const CHROMIUM = '/usr/bin/chromium'; // installed by scripts/ensure-chromium.mjs (npm pretest)
const SCREENSHOTS = path.join(root, 'test-output', 'screenshots');
const LANGUAGES = ['en', 'zh-CN'] as const;
type Language = (typeof LANGUAGES)[number];
const specs = await loadSpecs();
const page_ = (base: string, language: Language) => (language === 'en' ? `${base}.html` : `${base}.${language}.html`);
const HAN = /[\u4e00-\u9fff]/;

/** The operation summaries of a service in a language (from the bundle the page was made from). */
async function summaries(name: string, language: Language): Promise<Map<string, string>> {
  const file = path.join(root, 'generated', name, language === 'en' ? 'openapi.json' : `openapi.${language}.json`);
  const doc = JSON.parse(await fs.readFile(file, 'utf8'));
  return new Map(operationsOf(doc).map((op: any) => [op.operationId, op.operation.summary]));
}

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
    if (target.startsWith(`${server.origin}/`) || target.startsWith('file:') || target.startsWith('blob:') || target.startsWith('data:')) return route.continue();
    opened.offsite.push(`${url} -> ${target}`);
    return route.abort('blockedbyclient');
  });
  // Records Redoc's not-found page if it is ever in the DOM, however briefly.
  await page.addInitScript(() => {
    const seen = () => document.body?.textContent?.includes('No page at this address');
    new MutationObserver(() => {
      if (seen()) (window as any).__sawNotFound = true;
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  page.on('pageerror', (error) => opened.errors.push(`${url}: ${error.message}`));
  await page.goto(url);
  return opened;
}

const sawNotFound = (page: Page) => page.evaluate(() => Boolean((window as any).__sawNotFound));

/** The scalar values of an example, as the docs print them. */
function leaves(value: unknown): string[] {
  if (value && typeof value === 'object') return Object.values(value).flatMap(leaves);
  return value === null || value === undefined || value === '' ? [] : [String(value)];
}

function firstExampleValue(doc: any, media: any): unknown {
  const first = Object.values<any>(media?.examples ?? {})[0];
  return first === undefined ? undefined : deref(doc, first).value;
}

/**
 * The fonts Chromium used to draw the text of `element`, with the number of glyphs each drew, and
 * the drawn width of that text per character against the width of the .notdef box. `cdp` is the
 * page's DevTools session (one per page: opening one per probe costs more than the probe).
 */
async function fontsOf(cdp: CDPSession, element: Locator) {
  await element.evaluate((el) => el.setAttribute('data-font-probe', ''));
  try {
    const { root: doc } = await cdp.send('DOM.getDocument', { depth: 0 });
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: doc.nodeId, selector: '[data-font-probe]' });
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    const widths = await element.evaluate((el) => {
      const style = getComputedStyle(el);
      const context = document.createElement('canvas').getContext('2d')!;
      context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const han = [...(el.textContent ?? '')].filter((c) => /[\u4e00-\u9fff]/.test(c));
      return {
        fontSize: parseFloat(style.fontSize),
        perHan: context.measureText(han.join('')).width / han.length,
        // A code point no font has: drawn as the .notdef box ("tofu").
        perTofu: context.measureText('\u{10FFFD}'.repeat(han.length)).width / han.length,
      };
    });
    return { fonts: fonts as { familyName: string; glyphCount: number }[], ...widths };
  } finally {
    await element.evaluate((el) => el.removeAttribute('data-font-probe')).catch(() => undefined);
  }
}

async function devtools(page: Page): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  return cdp;
}

/** Glyphs of `element` drawn with a CJK font, polled: right after a render Chromium may not have laid the text out yet. */
async function expectChineseDrawnSoon(expect: ExpectStatic, where: string, cdp: CDPSession, element: Locator) {
  let probe: Awaited<ReturnType<typeof fontsOf>> | undefined;
  await expect
    .poll(
      async () => {
        probe = await fontsOf(cdp, element);
        return probe.fonts.reduce((n, f) => n + f.glyphCount, 0);
      },
      { timeout: 20_000, interval: 200, message: `${where}: no glyphs drawn` },
    )
    .toBeGreaterThan(0);
  expectChineseDrawn(expect, where, probe!);
}

function expectChineseDrawn(expect: ExpectStatic, where: string, probe: Awaited<ReturnType<typeof fontsOf>>) {
  const cjk = probe.fonts.filter((f) => /CJK|WenQuanYi|Hei|Song|Ming|Noto Sans SC|Noto Serif SC/i.test(f.familyName));
  expect(cjk.reduce((n, f) => n + f.glyphCount, 0), `${where}: glyphs drawn with a CJK font (${JSON.stringify(probe.fonts)})`).toBeGreaterThan(0);
  // CJK ideographs are full-width; the box of a missing glyph is not.
  expect(probe.perHan / probe.fontSize, `${where}: ideograph width in em`).toBeGreaterThan(0.85);
  expect(Math.abs(probe.perHan - probe.perTofu), `${where}: ideographs are not .notdef boxes`).toBeGreaterThan(probe.fontSize * 0.1);
}

describe('generated docs in Chromium, offline', () => {
  it.for(LANGUAGES)('%s index: links every service page, its spec files and its operations; switches language', { timeout: 90_000 }, async (language) => {
    const { page, offsite } = await open(`${server.url}docs/${page_('index', language)}`);
    expect(await page.getAttribute('html', 'lang')).toBe(language);
    for (const spec of specs) {
      const target = `./${page_(spec.name, language)}`;
      const link = page.locator(`nav a[href="${target}"]`);
      expect(await link.count(), `index: no link to ${target}`).toBe(1);
      const title = JSON.parse(await fs.readFile(path.join(root, 'generated', spec.name, language === 'en' ? 'openapi.json' : `openapi.${language}.json`), 'utf8')).info.title;
      expect(await link.textContent(), `index: link text of ${spec.name}`).toBe(title);
      for (const suffix of language === 'en' ? [''] : [`.${language}`]) {
        for (const ext of ['json', 'yaml']) {
          const href = await page.locator(`a[href="../${spec.name}/openapi${suffix}.${ext}"]`).first().getAttribute('href');
          const response = await fetch(new URL(href!, page.url()));
          expect(response.status, `index: ${spec.name}/openapi${suffix}.${ext}`).toBe(200);
        }
      }
      for (const op of spec.model.operations) {
        const href = await page.locator(`a[data-operation="${op.operationId}"]`).getAttribute('href');
        // Redoc's own anchor: #/<tag slug>/<operationId in lower case>.
        expect(href, `index: deep link to ${spec.name} ${op.operationId}`).toMatch(new RegExp(`^\\./${page_(spec.name, language).replace('.', '\\.')}#/[a-z0-9-]+/${op.operationId.toLowerCase()}$`));
      }
    }
    const ledger = await page.locator('a[data-ledger]').getAttribute('href');
    expect((await fetch(new URL(ledger!, page.url()))).status).toBe(200);
    if (language === 'zh-CN') {
      const heading = page.locator('h1');
      expect(await heading.textContent()).toMatch(HAN);
      const cdp = await devtools(page);
      await expectChineseDrawnSoon(expect, 'index.zh-CN.html h1', cdp, heading);
      await cdp.detach();
    }
    await page.screenshot({ path: path.join(SCREENSHOTS, `index.${language}.png`), fullPage: true });
    // The language switch leads to the other index.
    await page.locator('a[data-language-switch]').click();
    await page.waitForURL(`**/docs/${page_('index', language === 'en' ? 'zh-CN' : 'en')}`);
    expect(await page.getAttribute('html', 'lang')).toBe(language === 'en' ? 'zh-CN' : 'en');
    await page.close();
    expect(offsite, 'requests to other hosts').toEqual([]);
  });

  it('from the English index to a Chinese operation: switch language, follow the deep link, switch back on the page', { timeout: 90_000 }, async () => {
    const spec = specs.find((s) => s.name === 'vpcep') ?? specs[0]!;
    const op = spec.model.operations.at(-1)!;
    const [zh, en] = await Promise.all([summaries(spec.name, 'zh-CN'), summaries(spec.name, 'en')]);
    const { page, offsite, errors } = await open(`${server.url}docs/index.html`);
    await page.locator('a[data-language-switch]').click();
    await page.waitForURL('**/docs/index.zh-CN.html');
    await page.locator(`a[data-operation="${op.operationId}"]`).click();
    await page.getByRole('heading', { name: zh.get(op.operationId)! }).first().waitFor({ timeout: 30_000 });
    expect(page.url()).toContain(`${page_(spec.name, 'zh-CN')}#/`);
    expect(await sawNotFound(page), 'Redoc showed its not-found page').toBe(false);
    await page.screenshot({ path: path.join(SCREENSHOTS, `switch-${spec.name}-zh-CN.png`) });
    // The page's own switch keeps the operation.
    await page.locator('a[data-language-switch]').click();
    await page.waitForURL(`**/docs/${page_(spec.name, 'en')}#/**`);
    await page.getByRole('heading', { name: en.get(op.operationId)! }).first().waitFor({ timeout: 30_000 });
    await page.screenshot({ path: path.join(SCREENSHOTS, `switch-${spec.name}-en.png`) });
    await page.close();
    expect(offsite, 'requests to other hosts').toEqual([]);
    expect(errors, 'script errors').toEqual([]);
  });

  it('a page opened from disk (file://) renders too: the script beside it is a classic script', { timeout: 90_000 }, async () => {
    const spec = specs[0]!;
    const op = spec.model.operations[0]!;
    const index = await fs.readFile(path.join(root, 'generated', 'docs', 'index.html'), 'utf8');
    const anchor = index.match(new RegExp(`href="\\./${spec.name}\\.html(#[^"]+)" [^>]*data-operation="${op.operationId}"`))![1]!;
    const { page, offsite, errors } = await open(`${pathToFileURL(path.join(root, 'generated', 'docs', `${spec.name}.html`)).href}${anchor}`);
    await page.getByRole('heading', { name: op.summary }).first().waitFor({ timeout: 30_000 });
    await page.close();
    expect(offsite, 'requests to other hosts').toEqual([]);
    expect(errors, 'script errors').toEqual([]);
  });

  // Concurrent: each page renders in its own Chromium process.
  // `.for` hands each case the test's own `expect`, which concurrent tests must use.
  const cases = specs.flatMap((spec) => LANGUAGES.map((language) => [`${spec.name} ${language}`, spec, language] as const));
  // Six pages at once on a loaded 2-core machine: generous time per page.
  it.concurrent.for(cases)('%s: deep link, every operation with its parameters, examples and samples', { timeout: 180_000 }, async ([, spec, language], { expect }) => {
    const name = spec.name;
    const local = await summaries(name, language);
    const index = await fs.readFile(path.join(root, 'generated', 'docs', page_('index', language)), 'utf8');
    const [first, ...rest] = spec.model.operations;
    const anchor = index.match(new RegExp(`href="\\./${page_(name, language).replace('.', '\\.')}(#[^"]+)" [^>]*data-operation="${first.operationId}"`))![1];
    // Opened at the index's deep link to the first operation; the others through the sidebar,
    // whose links end in the operationId (one page load per service keeps the test fast).
    const { page, offsite, errors } = await open(`${server.url}docs/${page_(name, language)}${anchor}`);
    const cdp = language === 'zh-CN' ? await devtools(page) : undefined;
    for (const op of [first, ...rest]) {
      const where = `${page_(name, language)} ${op.operationId}`;
      // Each operation through its deep link in the index (the sidebar only lists the open tag
      // group), read in its own section: Redoc draws only the operation the address names.
      const deepLink = index.match(new RegExp(`href="\\./${page_(name, language).replace('.', '\\.')}(#[^"]+)" [^>]*data-operation="${op.operationId}"`))![1]!;
      if (op !== first) {
        await page.evaluate((hash) => {
          location.hash = hash;
        }, deepLink);
      }
      const section = page.locator(`[id="${deepLink.replace(/^#\//, '')}"]`).first();
      const heading = section.getByRole('heading', { name: local.get(op.operationId)! }).first();
      const drawn = () => heading.waitFor({ timeout: 20_000 }).then(() => true, () => false);
      if (!(await drawn())) {
        // Redoc may leave a section undrawn after a jump to it: load the page at its deep link, once.
        await page.goto('about:blank');
        await page.goto(`${server.url}docs/${page_(name, language)}${deepLink}`);
        await heading.waitFor({ timeout: 60_000 });
      }
      if (op === first) expect(await sawNotFound(page), `${where}: Redoc showed its not-found page on the way`).toBe(false);
      if (language === 'zh-CN') {
        expect(local.get(op.operationId), `${where}: summary in Chinese`).toMatch(HAN);
        await expectChineseDrawnSoon(expect, `${where} heading`, cdp!, heading);
      }
      const operation = deref(spec.doc, spec.doc.paths[op.path])[op.method];
      const params = [...op.pathParams, ...op.queryParams, ...op.headerParams];
      const bodyFields = Object.keys(deref(spec.doc, op.body?.schema)?.properties ?? {});
      const paramExamples = (operation.parameters ?? []).flatMap((p: any) => {
        const param = deref(spec.doc, p);
        return Object.values<any>(param.examples ?? {}).flatMap((e) => leaves(deref(spec.doc, e).value));
      });
      const requestExample = firstExampleValue(spec.doc, deref(spec.doc, operation.requestBody)?.content?.['application/json']);
      // The success with an example, else (a 204 without content) the first success: its status is shown.
      const successes = Object.entries<any>(operation.responses).filter(([status]) => status.startsWith('2'));
      const success = successes.find(([, r]) => deref(spec.doc, r).content?.['application/json']?.examples) ?? successes[0]!;
      const responseExample = firstExampleValue(spec.doc, deref(spec.doc, success[1]).content?.['application/json']);
      const expected = [
        ...params.map((p: any) => ['parameter', p.name]),
        ...bodyFields.map((f) => ['body field', f]),
        ...paramExamples.map((v: string) => ['parameter example value', v]),
        ...leaves(requestExample).map((v) => ['request example value', v]),
        ...leaves(responseExample).map((v) => [`${success[0]} response example value`, v]),
        ['success status', success[0]],
        ['curl sample', `curl -X ${op.httpMethod}`],
        ['curl sample', 'X-Auth-Token: $HUAWEICLOUD_TOKEN'],
      ];
      const missing = (text: string) => expected.filter(([, value]) => !text.includes(value!)).map(([what, value]) => `${what} ${value}`);
      // Examples open fully expanded (the docs' own option); the success example sits behind its
      // status tab in the samples panel when it is not the first one. Polled inside the page: one
      // round trip per operation.
      const values = expected.map(([, value]) => value!);
      const found = await page.evaluate(
        ({ selector, status, values }) =>
          new Promise<string>((resolve) => {
            const until = Date.now() + 30_000;
            const look = () => {
              const section = document.querySelector<HTMLElement>(selector);
              const tab = [...(section?.querySelectorAll<HTMLElement>('[role="tab"]') ?? [])].find((t) => t.textContent?.trim() === status);
              if (tab && tab.getAttribute('aria-selected') !== 'true') tab.click();
              const text = section?.innerText ?? '';
              if (values.every((v) => text.includes(v)) || Date.now() > until) resolve(text);
              else setTimeout(look, 100);
            };
            look();
          }),
        { selector: `[id="${deepLink.replace(/^#\//, '')}"]`, status: success[0], values },
      );
      expect(missing(found), `${where}: not on the page`).toEqual([]);
      if (op === first) {
        // One screenshot per page (not per operation: each costs Chromium an image encode, and
        // the operations of a page are drawn by the same code).
        await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.${language}-${op.operationId}.png`) });
        // The TypeScript sample, one click away in the samples panel.
        await page.locator('.panel-request-samples button', { hasText: /^curl$/ }).filter({ visible: true }).first().click();
        await page.getByRole('menuitem', { name: 'TypeScript' }).filter({ visible: true }).first().click();
        await expect
          .poll(async () => (await page.locator('.panel-request-samples').filter({ visible: true }).allInnerTexts()).join('\n'), {
            timeout: 10_000,
            message: `${where}: TypeScript sample`,
          })
          .toContain(`import { create${spec.model.pascal}Client } from 'huaweicloud-openapi/${name}'`);
        await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.${language}-${op.operationId}-typescript.png`) });
        // Back to curl, so the next operations show it.
        await page.locator('.panel-request-samples button', { hasText: /^TypeScript$/ }).filter({ visible: true }).first().click();
        await page.getByRole('menuitem', { name: 'curl' }).filter({ visible: true }).first().click();
      }
    }
    await cdp?.detach();
    await page.close();
    expect(offsite, 'requests to other hosts').toEqual([]);
    expect(errors, 'script errors').toEqual([]);
  });
});
