// Stage "docs": the offline HTML reference, per service and language (English from the bundle,
// the others from stage "i18n"), each operation with curl and TypeScript samples, notes and ledger
// links for readers; a readable ledger page and an index per language; Redoc's browser script
// once, beside the pages (generated/docs/redoc.standalone.js, the build @redocly/cli ships: no
// CDN, cached by the browser across pages, works from file:// too).
// Each page is the template with its document inline; Redoc renders it in the browser. Redoc 3's
// server-side rendering only pre-renders the overview (never the operation a deep link names) and
// made every page 5x heavier and `generate` 3-5 s slower (bench/RESULTS.md), so pages are not
// pre-rendered. A page whose input and template are unchanged is reused.
import fs from 'node:fs/promises';
import path from 'node:path';
import Handlebars from 'handlebars';
import { addFile } from '../lib/context.mjs';
import { withHeader } from '../lib/header.mjs';
import { specSources } from '../lib/sources.mjs';
import { cachedFile, inputKey, reusable, toolFingerprint } from '../lib/cache.mjs';
import { LANGUAGES, translationFile } from '../lib/i18n.mjs';
import { codeSamplesOf } from '../lib/code-samples.mjs';
import { withReaderNotes } from '../lib/doc-notes.mjs';
import { ledgerEntries, ledgerPageModel } from '../lib/ledger-page.mjs';
import { operationsOf } from '../lib/operations.mjs';
import { STRINGS, pageName, otherLanguage } from '../lib/docs-strings.mjs';

const PAGE_TEMPLATE = 'templates/docs-page.html.hbs';
const INDEX_TEMPLATE = 'templates/docs-index.html.hbs';
const LEDGER_TEMPLATE = 'templates/docs-ledger.html.hbs';
export const SCRIPT = 'redoc.standalone.js';
// Redoc lists only the sample languages named here (its default list has no TypeScript); examples
// open fully expanded (they are short, and a reader looking for a nested field should not have to
// click through levels); the document is bundled already, and nothing is reported to Redocly.
const REDOC_OPTIONS = {
  jsonSamplesExpandLevel: 'all',
  codeSamples: { languages: [{ lang: 'curl', label: 'curl' }, { lang: 'javascript', label: 'TypeScript' }] },
  skipBundle: true,
  disableTelemetry: true,
};

export async function runDocs(ctx) {
  const cliRoot = path.join(ctx.root, 'node_modules', '@redocly', 'cli');
  const [tool, pageTemplate] = await Promise.all([
    toolFingerprint(ctx.root, import.meta.url, ['@redocly/cli'], [
      new URL('../lib/code-samples.mjs', import.meta.url).href,
      new URL('../lib/doc-notes.mjs', import.meta.url).href,
      new URL('../lib/docs-strings.mjs', import.meta.url).href,
    ]),
    fs.readFile(path.join(ctx.root, PAGE_TEMPLATE), 'utf8'),
  ]);
  const renderPage = Handlebars.compile(pageTemplate, { strict: true });
  const entries = ledgerEntries(ctx);
  await Promise.all(
    ctx.services.flatMap((service) => {
      const samples = codeSamplesOf(ctx.bundles.get(service.name), ctx.models.get(service.name));
      return ['en', ...LANGUAGES].map(async (language) => {
        const doc = language === 'en' ? ctx.bundles.get(service.name) : ctx.localized.get(service.name).get(language);
        const input = withSamples(withReaderNotes(doc, language, entries, `./${pageName('ledger', language)}`), samples);
        const definition = scriptJson(input);
        const rel = `generated/docs/${pageName(service.name, language)}`;
        const sources = [...specSources(ctx, service), ...(language === 'en' ? [] : [repoPath(ctx, translationFile(service, language))]), PAGE_TEMPLATE];
        const key = inputKey(definition, tool, pageTemplate);
        const previous = await reusable(ctx, rel, 'html', sources, key);
        const body = previous ? null : renderPage({ ...pageOptions(service.name, language), title: input.info.title, definition, options: scriptJson(REDOC_OPTIONS), script: `./${SCRIPT}` });
        if (body) assertOffline(body, rel);
        addFile(ctx, rel, previous ?? cachedFile('html', sources, key, body));
      });
    }),
  );
  await Promise.all([shipScript(ctx, cliRoot), ...['en', ...LANGUAGES].flatMap((lang) => [renderIndex(ctx, lang), renderLedger(ctx, lang)])]);
}

/** JSON for an inline <script>: no `</script>` or line separators can end the script early. */
function scriptJson(value) {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Options the page template reads: language, the same page in the other language, the index. */
function pageOptions(service, language) {
  const other = otherLanguage(language);
  return {
    lang: language,
    strings: STRINGS[language],
    index: `./${pageName('index', language)}`,
    otherPage: `./${pageName(service, other)}`,
    otherLabel: STRINGS[other].languageName,
  };
}

function withSamples(doc, samples) {
  for (const { operation, operationId } of operationsOf(doc)) {
    operation['x-codeSamples'] = samples.get(operationId);
  }
  return doc;
}

/** Redoc's browser script as a classic script defining `window.Redoc`, with its CDN locations removed. */
async function shipScript(ctx, cliRoot) {
  const source = path.join(cliRoot, 'lib', 'chunks', SCRIPT);
  let text = await fs.readFile(source, 'utf8');
  const head = 'const{RedocStandalone,hydrate,init}=(()=>{';
  const tail = /export\{RedocStandalone,hydrate,init\};?\s*$/;
  if (!text.includes(head) || !tail.test(text)) throw new Error(`docs: ${SCRIPT} of @redocly/cli changed shape (expected an ES module exporting hydrate)`);
  text = offline(
    text
      .replace(head, 'window.Redoc=(()=>{')
      .replace(tail, '')
      // `import.meta` is a syntax error outside modules: the Node-only branch (worker threads) gets
      // no directory, the browser's search worker fallback the page's own address.
      .replace(/import\.meta\.dirname\+/g, '""+')
      .replace(/import\.meta\.url\.replace\(/g, 'location.href.replace('),
  );
  assertOffline(text, SCRIPT);
  const version = JSON.parse(await fs.readFile(path.join(cliRoot, 'package.json'), 'utf8')).version;
  const sources = [`${PAGE_TEMPLATE} (the pages that load it)`, `node_modules/@redocly/cli/lib/chunks/${SCRIPT} (@redocly/cli ${version}, MIT, Redocly LLC; made a classic script)`];
  addFile(ctx, `generated/docs/${SCRIPT}`, withHeader('ts', sources, text));
}

// Redoc's script names two CDN locations: its logo in the "API docs by" badge (hidden by the page
// template) and an icon base (icons this spec does not use).
const EMPTY_SVG = 'data:image/svg+xml,%3Csvg%20xmlns%3D%22http%3A%2F%2Fwww.w3.org%2F2000%2Fsvg%22%2F%3E';
function offline(text) {
  return text
    .replace(/https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini(?:-full)?\.svg/g, EMPTY_SVG)
    .replace(/https:\/\/cdn\.redocly\.com\/icons\//g, './offline-no-icons/');
}

/** Published docs must work with no network: no script, style, image or font from another host. */
function assertOffline(html, what) {
  const remote =
    html.match(/<(?:script|link|img)[^>]+(?:src|href)="https?:\/\/[^"]+"/i) ??
    html.match(/import[^;]+from\s*["']https?:\/\//) ??
    html.match(/https?:\/\/cdn\.[^\s"'`)]+/) ??
    html.match(/https?:\/\/[^\s"'`)]+\.(?:js|mjs|css|svg|png|jpe?g|gif|woff2?|ttf)(?=["'`)\s])/);
  if (remote) throw new Error(`docs ${what}: loads a remote resource: ${remote[0].slice(0, 120)}`);
}

const compiled = new Map();
async function template(ctx, file) {
  if (!compiled.has(file)) {
    compiled.set(file, fs.readFile(path.join(ctx.root, file), 'utf8').then((t) => Handlebars.compile(t, { strict: true })));
  }
  return compiled.get(file);
}

/** Redoc's anchor for an operation: `#/<tag slug>/<operationId, lower case>`. */
export function operationAnchor(tag, operationId) {
  const slug = String(tag ?? '').toLowerCase().trim().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return `/${slug}/${operationId.toLowerCase()}`;
}

async function renderIndex(ctx, language) {
  const strings = STRINGS[language];
  const other = otherLanguage(language);
  const services = ctx.services.map((service) => {
    const model = ctx.models.get(service.name);
    const doc = language === 'en' ? ctx.bundles.get(service.name) : ctx.localized.get(service.name).get(language);
    const local = new Map(operationsOf(doc).map((op) => [op.operationId, op.operation]));
    const specSuffix = language === 'en' ? '' : `.${language}`;
    return {
      name: service.name,
      page: `./${pageName(service.name, language)}`,
      title: doc.info.title,
      version: model.version,
      servers: model.servers.map((s) => s.url),
      specYaml: `../${service.name}/openapi${specSuffix}.yaml`,
      specJson: `../${service.name}/openapi${specSuffix}.json`,
      operations: model.operations.map((op) => ({
        operationId: op.operationId,
        method: op.httpMethod,
        path: op.path,
        summary: local.get(op.operationId).summary ?? '',
        deprecated: op.deprecated,
        anchor: operationAnchor(local.get(op.operationId).tags?.[0], op.operationId),
      })),
    };
  });
  const render = await template(ctx, INDEX_TEMPLATE);
  const html = render({
    lang: language,
    strings,
    services,
    ledgerPage: `./${pageName('ledger', language)}`,
    otherIndex: `./${pageName('index', other)}`,
    otherLabel: STRINGS[other].languageName,
  });
  const sources = [...ctx.services.flatMap((s) => specSources(ctx, s)), ...translationSources(ctx, language), INDEX_TEMPLATE];
  addFile(ctx, `generated/docs/${pageName('index', language)}`, withHeader('html', sources, html));
}

async function renderLedger(ctx, language) {
  const other = otherLanguage(language);
  const render = await template(ctx, LEDGER_TEMPLATE);
  const html = render({
    lang: language,
    strings: STRINGS[language],
    services: ledgerPageModel(ctx),
    index: `./${pageName('index', language)}`,
    otherPage: `./${pageName('ledger', other)}`,
    otherLabel: STRINGS[other].languageName,
  });
  const sources = [...ctx.services.map((s) => repoPath(ctx, path.join(path.dirname(s.root), 'discrepancies.yaml'))), LEDGER_TEMPLATE];
  addFile(ctx, `generated/docs/${pageName('ledger', language)}`, withHeader('html', sources, html));
}

function translationSources(ctx, language) {
  return language === 'en' ? [] : ctx.services.map((s) => repoPath(ctx, translationFile(s, language)));
}

function repoPath(ctx, file) {
  return path.relative(ctx.root, file).split(path.sep).join('/');
}
