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
  it.concurrent.for(cases)('%s: deep links, every operation with its parameters, examples and samples', { timeout: 180_000 }, async ([, spec, language], { expect }) => {
    const name = spec.name;
    const file = page_(name, language);
    const local = await summaries(name, language);
    const index = await fs.readFile(path.join(root, 'generated', 'docs', page_('index', language)), 'utf8');
    // The index's deep link to an operation; its anchor (without "#/") is the id of the operation's section.
    const deepLinkOf = (op: Operation) => index.match(new RegExp(`href="\\./${file.replace('.', '\\.')}(#[^"]+)" [^>]*data-operation="${op.operationId}"`))![1]!;
    const sectionOf = (op: Operation) => `[id="${deepLinkOf(op).replace(/^#\//, '')}"]`;
    // The operation's heading: an element of role heading in its section with the summary as its
    // text, marked by the in-page check below (Playwright's role engine, polled, costs Chromium
    // more than the check).
    const headingOf = (page: Page, op: Operation) => page.locator(`[data-heading-of="${op.operationId}"]`);
    const headingDrawn = (page: Page, op: Operation, timeout: number) =>
      page
        .waitForFunction(markHeading, { selector: sectionOf(op), summary: local.get(op.operationId)!, operationId: op.operationId }, { polling: 100, timeout })
        .then(() => true, () => false);
    // Redoc draws the operation the address names and the one before it in its tag. Visiting the
    // operations from the end of each tag reads two per render (rendering is most of this test's
    // cost); an operation not drawn on the way is visited itself.
    const pending = new Map([...redocOrder(spec)].reverse().map((op) => [op.operationId, op] as const));
    let opened: OpenPage | undefined;
    let cdp: CDPSession | undefined;
    for (let visit = 0; pending.size > 0; visit++) {
      const target = pending.values().next().value!;
      const where = `${file} ${target.operationId}`;
      const deepLink = deepLinkOf(target);
      if (!opened) {
        // The first through the index's deep link, the others by changing the address.
        opened = await open(`${server.url}docs/${file}${deepLink}`);
        cdp = language === 'zh-CN' ? await devtools(opened.page) : undefined;
      } else {
        await opened.page.evaluate((hash) => {
          location.hash = hash;
        }, deepLink);
      }
      const { page } = opened;
      if (!(await headingDrawn(page, target, 20_000))) {
        // Redoc may leave a section undrawn after a jump to it: load the page at its deep link, once.
        await page.goto('about:blank');
        await page.goto(`${server.url}docs/${file}${deepLink}`);
        expect(await headingDrawn(page, target, 60_000), `${where}: heading`).toBe(true);
      }
      if (visit === 0) expect(await sawNotFound(page), `${where}: Redoc showed its not-found page on the way`).toBe(false);
      // The target and every other operation still to read, in one poll inside the page: the
      // target until it shows everything, the others as drawn by then.
      const candidates = [...pending.values()].map((op) => ({ op, ...expectedOf(spec, op, local.get(op.operationId)!) }));
      const read = await page.evaluate(
        ({ sections, timeoutMs }) =>
          new Promise<{ text: string; complete: boolean }[]>((resolve) => {
            const until = Date.now() + timeoutMs;
            // Ticks left for the others once the target is complete (a selected tab redraws).
            let grace = -1;
            const look = () => {
              const found = sections.map(({ selector, status, values }) => {
                const section = document.querySelector<HTMLElement>(selector);
                const tab = [...(section?.querySelectorAll<HTMLElement>('[role="tab"]') ?? [])].find((t) => t.textContent?.trim() === status);
                if (tab && tab.getAttribute('aria-selected') !== 'true') tab.click();
                const text = section?.innerText ?? '';
                return { text, complete: section !== null && values.every((v) => text.includes(v)) };
              });
              if (found[0]!.complete && grace < 0) grace = 3;
              if ((found[0]!.complete && (found.every((f) => f.complete) || grace-- === 0)) || Date.now() > until) resolve(found);
              else setTimeout(look, 100);
            };
            look();
          }),
        { sections: candidates.map((c) => ({ selector: sectionOf(c.op), status: c.status, values: c.values.map(([, value]) => value) })), timeoutMs: 30_000 },
      );
      for (const [i, { op, values }] of candidates.entries()) {
        if (i > 0 && !read[i]!.complete) continue; // not drawn with the target: read on its own visit
        const at = `${file} ${op.operationId}`;
        const missing = values.filter(([, value]) => !read[i]!.text.includes(value)).map(([what, value]) => `${what} ${value}`);
        expect(missing, `${at}: not on the page`).toEqual([]);
        expect(await headingDrawn(page, op, 5_000), `${at}: heading`).toBe(true);
        const heading = headingOf(page, op);
        if (language === 'zh-CN') {
          expect(local.get(op.operationId), `${at}: summary in Chinese`).toMatch(HAN);
          await expectChineseDrawnSoon(expect, `${at} heading`, cdp!, heading);
        }
        pending.delete(op.operationId);
      }
      if (visit === 0) {
        // One screenshot per page (not per operation: each costs Chromium an image encode, and
        // the operations of a page are drawn by the same code).
        await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.${language}-${target.operationId}.png`) });
        // The TypeScript sample, one click away in the samples panel.
        await page.locator('.panel-request-samples button', { hasText: /^curl$/ }).filter({ visible: true }).first().click();
        await page.getByRole('menuitem', { name: 'TypeScript' }).filter({ visible: true }).first().click();
        await expect
          .poll(async () => (await page.locator('.panel-request-samples').filter({ visible: true }).allInnerTexts()).join('\n'), {
            timeout: 10_000,
            message: `${where}: TypeScript sample`,
          })
          .toContain(`import { create${spec.model.pascal}Client } from 'huaweicloud-openapi/${name}'`);
        await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.${language}-${target.operationId}-typescript.png`) });
        // Back to curl, so the next operations show it.
        await page.locator('.panel-request-samples button', { hasText: /^TypeScript$/ }).filter({ visible: true }).first().click();
        await page.getByRole('menuitem', { name: 'curl' }).filter({ visible: true }).first().click();
      }
    }
    await cdp?.detach();
    await opened!.page.close();
    expect(opened!.offsite, 'requests to other hosts').toEqual([]);
    expect(opened!.errors, 'script errors').toEqual([]);
  });
});

type Operation = (typeof specs)[number]['model']['operations'][number];

/** A service's operations in Redoc's order: the root's tag order, then the document's order within a tag. */
function redocOrder(spec: (typeof specs)[number]): Operation[] {
  const tags = (spec.doc.tags ?? []).map((t: any) => t.name);
  const inDocument = operationsOf(spec.doc).map((o: any) => o.operationId);
  const tagOf = (op: Operation) => tags.indexOf(deref(spec.doc, spec.doc.paths[op.path])[op.method].tags?.[0]);
  return [...spec.model.operations].sort((a, b) => tagOf(a) - tagOf(b) || inDocument.indexOf(a.operationId) - inDocument.indexOf(b.operationId));
}

/**
 * In the page: marks the first heading (h1-h6 or role heading) in `selector` whose text contains
 * `summary` (as Playwright matches a role's name: whitespace collapsed, any case; Redoc adds
 * badges such as "deprecated") with data-heading-of; true once there is one.
 */
function markHeading({ selector, summary, operationId }: { selector: string; summary: string; operationId: string }): boolean {
  const normal = (text: string) => text.replace(/\s+/g, ' ').trim().toLowerCase();
  const wanted = normal(summary);
  const section = document.querySelector(selector);
  const heading = [...(section?.querySelectorAll('h1, h2, h3, h4, h5, h6, [role="heading"]') ?? [])].find((h) => normal(h.textContent ?? '').includes(wanted));
  heading?.setAttribute('data-heading-of', operationId);
  return heading !== undefined;
}

/**
 * What the docs must show for an operation, as [what, text] pairs: its summary, parameters, body
 * fields, example values, the success status whose example is shown, and the curl sample.
 */
function expectedOf(spec: (typeof specs)[number], op: Operation, summary: string): { status: string; values: [string, string][] } {
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
  return {
    status: success[0],
    values: [
      ['summary', summary],
      ...params.map((p: any): [string, string] => ['parameter', p.name]),
      ...bodyFields.map((f): [string, string] => ['body field', f]),
      ...paramExamples.map((v: string): [string, string] => ['parameter example value', v]),
      ...leaves(requestExample).map((v): [string, string] => ['request example value', v]),
      ...leaves(responseExample).map((v): [string, string] => [`${success[0]} response example value`, v]),
      ['success status', success[0]],
      ['curl sample', `curl -X ${op.httpMethod}`],
      ['curl sample', 'X-Auth-Token: $HUAWEICLOUD_TOKEN'],
    ],
  };
}
