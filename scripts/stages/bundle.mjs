// Stage "bundle": one self-contained OpenAPI document per service, as JSON and YAML.
//
// Both files carry `cache <inputs>.<body>` in their header: the hash of everything lint and
// bundle read (the spec files, redocly.yaml, this code, the tool versions) and of the file's own
// body. When the inputs hash the same and both files are unedited, the previous bundle is reused
// and neither lint nor bundle runs (nor is @redocly/openapi-core loaded).
import fs from 'node:fs/promises';
import path from 'node:path';
import { addFile } from '../lib/context.mjs';
import { jsonWithHeader, withHeader } from '../lib/header.mjs';
import { specSources } from '../lib/sources.mjs';
import { inputKey, primeBundleText, textHash, toolFingerprint } from '../lib/cache.mjs';
import { formatLoadError } from './lint.mjs';

export async function runBundle(ctx) {
  const changed = ctx.services.filter((s) => !ctx.reusedBundles.has(s.name));
  for (const service of ctx.services) {
    const previous = ctx.reusedBundles.get(service.name);
    if (!previous) continue;
    ctx.bundles.set(service.name, previous.doc);
    primeBundleText(previous.doc, previous.text);
    addFile(ctx, jsonPath(service), previous.json);
    addFile(ctx, yamlPath(service), previous.yaml);
  }
  if (changed.length === 0) return;
  const [{ bundleService, describeProblems }, { stringify }, config] = await Promise.all([
    import('../lib/redocly.mjs'),
    import('yaml'),
    ctx.redoclyConfig(),
  ]);
  await Promise.all(
    changed.map(async (service) => {
      let result;
      try {
        result = await bundleService(config, service);
      } catch (error) {
        throw new Error(`bundle ${service.name}: ${formatLoadError(error, ctx.root)}`);
      }
      const errors = result.problems.filter((p) => p.severity === 'error');
      if (errors.length > 0) {
        throw new Error(`bundle ${service.name} failed:\n  ${describeProblems(errors, ctx.root).join('\n  ')}`);
      }
      const doc = result.bundle.parsed;
      ctx.bundles.set(service.name, doc);
      const text = JSON.stringify(doc);
      primeBundleText(doc, text);
      const key = await specInputKey(ctx, service);
      const sources = specSources(ctx, service);
      const yamlBody = stringify(doc, { lineWidth: 0 });
      addFile(ctx, jsonPath(service), jsonWithHeader([...sources, `cache ${key}.${textHash(text)}`], doc));
      addFile(ctx, yamlPath(service), withHeader('yaml', [...sources, `cache ${key}.${textHash(yamlBody)}`], yamlBody));
    }),
  );
}

const jsonPath = (service) => `generated/${service.name}/openapi.json`;
const yamlPath = (service) => `generated/${service.name}/openapi.yaml`;

/**
 * The previous bundle of `service` when its inputs hash as recorded in both files' headers and
 * neither file was edited since; otherwise null.
 * @returns {Promise<{ doc: object, text: string, json: string, yaml: string } | null>}
 */
export async function findReusableBundle(ctx, service) {
  const read = (rel) => fs.readFile(path.join(ctx.root, rel), 'utf8').catch(() => null);
  const [json, yaml] = await Promise.all([read(jsonPath(service)), read(yamlPath(service))]);
  if (json === null || yaml === null) return null;
  const key = await specInputKey(ctx, service);
  const sources = specSources(ctx, service);

  let doc;
  try {
    doc = JSON.parse(json);
  } catch {
    return null;
  }
  const jsonToken = String(doc?.['x-generated'] ?? '').match(new RegExp(`cache ${key}\\.([0-9a-f]{16})$`));
  if (!jsonToken) return null;
  delete doc['x-generated'];
  const text = JSON.stringify(doc);
  if (textHash(text) !== jsonToken[1]) return null;
  // Byte for byte what a fresh run writes: a reformatted file is stale too.
  if (json !== jsonWithHeader([...sources, `cache ${key}.${jsonToken[1]}`], doc)) return null;

  const yamlToken = yaml.slice(0, 1200).match(new RegExp(`cache ${key}\\.([0-9a-f]{16})\\n`));
  if (!yamlToken) return null;
  const header = withHeader('yaml', [...sources, `cache ${key}.${yamlToken[1]}`], '');
  if (!yaml.startsWith(header) || textHash(yaml.slice(header.length)) !== yamlToken[1]) return null;
  return { doc, text, json, yaml };
}

const keys = new WeakMap();
/**
 * Hash of everything lint and bundle of one service read: every YAML and JSON file under spec/
 * except in the other services' folders (a service may $ref spec/shared/), the lint rules, the
 * code of these stages and the tool versions. Paths are repo-relative, so a clone elsewhere
 * computes the same key.
 */
export function specInputKey(ctx, service) {
  const byService = keys.get(ctx) ?? new Map();
  keys.set(ctx, byService);
  if (!byService.has(service.name)) byService.set(service.name, computeKey(ctx, service));
  return byService.get(service.name);
}

async function computeKey(ctx, service) {
  const specDir = path.join(ctx.root, 'spec');
  const others = ctx.services.filter((s) => s.name !== service.name).map((s) => path.dirname(s.root) + path.sep);
  // Workflow files (*.arazzo.yaml) describe runs against the API, not the API: no input here.
  const skipped = (file) => others.some((dir) => file.startsWith(dir)) || !/\.(ya?ml|json)$/.test(file) || file.endsWith('.arazzo.yaml');
  const entries = await fs.readdir(specDir, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .filter((f) => !skipped(f))
    .sort();
  const contents = await Promise.all(files.map(async (f) => `${path.relative(ctx.root, f)}\u0000${await fs.readFile(f, 'utf8')}`));
  const tool = await toolFingerprint(ctx.root, import.meta.url, ['@redocly/openapi-core', 'yaml'], [
    new URL('./lint.mjs', import.meta.url),
    new URL('../lib/redocly.mjs', import.meta.url),
    new URL('../lib/header.mjs', import.meta.url),
  ]);
  const config = await fs.readFile(path.join(ctx.root, 'redocly.yaml'), 'utf8');
  return inputKey(service.name, path.relative(ctx.root, service.root).split(path.sep).join('/'), config, tool, ...contents);
}
