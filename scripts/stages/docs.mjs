// Stage "docs": offline HTML reference per service (Redoc via `redocly build-docs`, with the
// Redoc script inlined: no CDN) and an index page rendered from templates/docs-index.html.hbs.
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Handlebars from 'handlebars';
import { addFile } from '../lib/context.mjs';
import { withHeader } from '../lib/header.mjs';
import { specSources } from '../lib/sources.mjs';
import { addServiceOutput, bundleText, toolFingerprint } from '../lib/cache.mjs';

const run = promisify(execFile);

export async function runDocs(ctx) {
  const cli = path.join(ctx.root, 'node_modules', '@redocly', 'cli', 'bin', 'cli.js');
  const tool = await toolFingerprint(ctx.root, import.meta.url, ['@redocly/cli']);
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'hwc-docs-'));
  try {
    await Promise.all(
      ctx.services.map((service) =>
        // Rendering is the slowest stage: a page whose bundle and renderer are unchanged is reused.
        addServiceOutput(ctx, {
          service,
          rel: `generated/docs/${service.name}.html`,
          style: 'html',
          tool,
          produce: () => render(cli, work, service.name, bundleText(ctx, service)),
        }),
      ),
    );
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
  await renderIndex(ctx);
}

async function render(cli, work, name, bundleJson) {
  const input = path.join(work, `${name}.json`);
  const output = path.join(work, `${name}.html`);
  await fs.writeFile(input, bundleJson);
  try {
    await run(process.execPath, [cli, 'build-docs', input, '--inlineBundle', '-o', output], {
      cwd: work,
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', NO_COLOR: '1' },
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    throw new Error(`docs ${name}: redocly build-docs failed:\n${error.stderr || error.stdout || error.message}`);
  }
  const html = offline(await fs.readFile(output, 'utf8'));
  assertOffline(html, name);
  return html;
}

// Redoc's script still names two CDN locations: its "API docs by Redocly" logo (fetched on every
// page) and an icon base (fetched only for icons this spec does not use).
const EMPTY_SVG = 'data:image/svg+xml,%3Csvg%20xmlns%3D%22http%3A%2F%2Fwww.w3.org%2F2000%2Fsvg%22%2F%3E';
function offline(html) {
  return html
    .replace(/https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini(?:-full)?\.svg/g, EMPTY_SVG)
    .replace(/https:\/\/cdn\.redocly\.com\/icons\//g, './offline-no-icons/');
}

/** Published docs must work with no network: no script, style, image or font from another host. */
function assertOffline(html, service) {
  const remote =
    html.match(/<(?:script|link|img)[^>]+(?:src|href)="https?:\/\/[^"]+"/i) ??
    html.match(/import[^;]+from\s*["']https?:\/\//) ??
    html.match(/https?:\/\/cdn\.[^\s"'`)]+/) ??
    html.match(/https?:\/\/[^\s"'`)]+\.(?:js|mjs|css|svg|png|jpe?g|gif|woff2?|ttf)(?=["'`)\s])/);
  if (remote) throw new Error(`docs ${service}: page loads a remote resource: ${remote[0].slice(0, 120)}`);
}

async function renderIndex(ctx) {
  const file = 'templates/docs-index.html.hbs';
  const template = Handlebars.compile(await fs.readFile(path.join(ctx.root, file), 'utf8'), { strict: true });
  const services = ctx.services.map((service) => {
    const model = ctx.models.get(service.name);
    return {
      name: service.name,
      title: model.title,
      version: model.version,
      servers: model.servers.map((s) => s.url),
      operations: model.operations.map((op) => ({
        operationId: op.operationId,
        method: op.httpMethod,
        path: op.path,
        summary: op.summary,
        deprecated: op.deprecated,
        // Redoc's anchor for an operation.
        anchor: `operation/${op.operationId}`,
      })),
    };
  });
  const sources = [...ctx.services.flatMap((s) => specSources(ctx, s)), file];
  addFile(ctx, 'generated/docs/index.html', withHeader('html', sources, template({ services })));
}
