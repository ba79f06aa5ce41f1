// Stage "validators": request and response validators per operation, compiled ahead of time
// into standalone Ajv code (JSON Schema 2020-12): no schema compilation at run time.
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { addServiceOutput, toolFingerprint } from '../lib/cache.mjs';
import { expandAccepted } from '../lib/variants.mjs';

export async function runValidators(ctx) {
  // The request schemas come from the operation model: its code is an input too.
  const tool = await toolFingerprint(ctx.root, import.meta.url, ['ajv', 'ajv-formats'], [
    new URL('./model.mjs', import.meta.url),
    new URL('../lib/variants.mjs', import.meta.url),
  ]);
  // JavaScript with its declarations beside it, not TypeScript: TypeScript programs (the build,
  // type checks, users' projects) then read a few lines of declarations instead of parsing and
  // emitting megabytes of Ajv code, and plain Node loads the validators too.
  for (const service of ctx.services) {
    let compiled;
    const compile = () => (compiled ??= compileService(service.name, ctx.bundles.get(service.name), ctx.models.get(service.name)));
    await addServiceOutput(ctx, { service, rel: `generated/${service.name}/validators.js`, style: 'ts', tool, produce: () => compile().code });
    await addServiceOutput(ctx, { service, rel: `generated/${service.name}/validators.d.ts`, style: 'ts', tool, produce: () => compile().declarations });
  }
}

/**
 * Validator names: `<operationId>Request` and `<operationId>Response<status>`. Response
 * validators accept the known variants (`x-accept`); the clients stage emits the plans that make
 * them canonical.
 */
export function compileService(serviceName, doc, model) {
  // inlineRefs: false compiles each shared schema once instead of copying it into every user.
  const { ajv, toAjv } = createSpecAjv(serviceName, doc, { keepAnnotations: false, inlineRefs: false, code: { source: true, esm: true, lines: false, optimize: 1 } });
  const exports = {};
  for (const op of model.operations) {
    const id = `${op.operationId}Request`;
    ajv.addSchema({ $id: id, ...toAjv(requestSchema(op)) });
    exports[id] = id;
    for (const response of op.responses) {
      if (!response.schema) continue;
      const rid = `${op.operationId}Response${response.status}`;
      ajv.addSchema({ $id: rid, ...toAjv(response.schema) });
      exports[rid] = rid;
    }
  }
  const names = Object.keys(exports);
  return { code: toEsm(standaloneCode(ajv, exports), names), declarations: declarationsOf(names) };
}

/**
 * An Ajv (JSON Schema 2020-12, strict) that knows a bundled spec's component schemas.
 * `toAjv(schema)` rewrites a spec schema's `#/components/schemas/X` refs to point at them.
 * `variants: 'accept'` (the default) also accepts each schema's known variants (`x-accept`);
 * `'canonical'` accepts only the documented shape.
 */
export function createSpecAjv(serviceName, doc, { keepAnnotations = true, variants = 'accept', ...options } = {}) {
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false, strictRequired: false, ...options });
  addFormats(ajv);
  for (const keyword of openApiKeywords(doc)) ajv.addKeyword({ keyword });
  const defsId = `${serviceName}.schemas`;
  const prepare = (schema) => {
    const rewritten = rewriteRefs(variants === 'accept' ? expandAccepted(schema) : schema, defsId);
    return keepAnnotations ? rewritten : stripAnnotations(rewritten);
  };
  ajv.addSchema({ $id: defsId, $defs: prepare(doc.components?.schemas ?? {}) });
  return { ajv, toAjv: prepare };
}

/** Descriptions and examples do not validate anything: leave them out of shipped code. */
function stripAnnotations(node, inProperties = false) {
  if (Array.isArray(node)) return node.map((n) => stripAnnotations(n));
  if (!node || typeof node !== 'object') return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    const annotation = ['description', 'examples', 'example', 'title', '$comment'].includes(key) || key.startsWith('x-');
    if (annotation && !inProperties) continue;
    out[key] = stripAnnotations(value, !inProperties && ['properties', '$defs', 'patternProperties', 'dependentSchemas'].includes(key));
  }
  return out;
}

/** One object per call: { path, query, header, body }, each closed to undeclared names. */
export function requestSchema(op) {
  const group = (params) => ({
    type: 'object',
    properties: Object.fromEntries(params.map((p) => [p.name, p.schema])),
    required: params.filter((p) => p.required).map((p) => p.name),
    additionalProperties: false,
  });
  const properties = { path: group(op.pathParams), query: group(op.queryParams), header: group(op.headerParams) };
  const required = ['path', 'query', 'header'];
  if (!op.body || op.body.contentTypes.length === 0) return { type: 'object', properties, required, additionalProperties: false };
  if (op.body.required) required.push('body');
  if (op.body.contentTypes.length === 1) {
    properties.body = op.body.schema;
    return { type: 'object', properties, required, additionalProperties: false };
  }
  // Several media types: `contentType` (the one chosen, filled in by the client) selects the
  // body schema and the media type's parameter rules.
  properties.contentType = { type: 'string', enum: op.body.contentTypes.map((c) => c.mediaType) };
  properties.body = {};
  required.push('contentType');
  const allOf = op.body.contentTypes.map((c) => ({
    if: { type: 'object', properties: { contentType: { const: c.mediaType } }, required: ['contentType'] },
    then: { type: 'object', properties: { body: c.schema, ...parameterRules(c.rules) } },
  }));
  return { type: 'object', properties, required, additionalProperties: false, allOf };
}

/**
 * The request schema of one of several body media types, without the selector: `body` is that
 * media type's schema and the query group carries its parameter rules (test/fuzz mutates
 * requests with it; the validators use requestSchema).
 */
export function requestSchemaFor(op, mediaType) {
  const base = requestSchema({ ...op, body: op.body && { ...op.body, contentTypes: [] } });
  const media = op.body?.contentTypes.find((c) => c.mediaType === mediaType);
  if (!media) throw new Error(`${op.operationId}: no request body media type ${mediaType}`);
  const rules = parameterRules(media.rules).query ?? {};
  const query = { ...base.properties.query, required: [...base.properties.query.required, ...(rules.required ?? [])] };
  for (const name of Object.keys(rules.properties ?? {})) delete query.properties[name];
  return {
    ...base,
    properties: { ...base.properties, query, body: media.schema },
    required: op.body.required ? [...base.required, 'body'] : base.required,
  };
}

/** `x-parameter-rules` of a media type as a schema of the query group. */
function parameterRules(rules) {
  if (!rules) return {};
  const query = { type: 'object' };
  if (rules.required?.length) query.required = rules.required;
  if (rules.forbidden?.length) query.properties = Object.fromEntries(rules.forbidden.map((name) => [name, false]));
  return { query };
}

function rewriteRefs(node, defsId) {
  if (Array.isArray(node)) return node.map((n) => rewriteRefs(n, defsId));
  if (!node || typeof node !== 'object') return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string' && value.startsWith('#/components/schemas/')) {
      out.$ref = `${defsId}#/$defs/${value.slice('#/components/schemas/'.length)}`;
    } else {
      out[key] = rewriteRefs(value, defsId);
    }
  }
  return out;
}

/** OpenAPI's own schema keywords and x- extensions are annotations to Ajv. */
function openApiKeywords(doc) {
  const found = new Set(['discriminator', 'xml', 'externalDocs', 'example']);
  const walk = (node) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (key.startsWith('x-')) found.add(key);
      walk(value);
    }
  };
  walk(doc.components?.schemas);
  walk(doc.paths);
  return [...found].sort();
}

/** Ajv's ESM output still `require`s its runtime helpers: turn those into imports. */
function toEsm(code, names) {
  const imports = new Map();
  const body = code
    .replace(/^"use strict";/, '')
    .replace(/require\("([^"]+)"\)/g, (_, mod) => {
      const spec = mod.endsWith('.js') ? mod : `${mod}.js`;
      if (!imports.has(spec)) imports.set(spec, `ajvRuntime${imports.size}`);
      return imports.get(spec);
    });
  // CommonJS interop differs between Node (namespace.default is module.exports) and bundlers
  // (namespace is module.exports): take module.exports either way.
  const importLines = [...imports].flatMap(([spec, name]) => [
    `import * as ${name}Ns from ${JSON.stringify(spec)};`,
    `const ${name} = ${name}Ns.default?.__esModule ? ${name}Ns.default : ${name}Ns;`,
  ]);
  return [
    '// Machine-written Ajv code; its types are in validators.d.ts beside it.',
    ...importLines,
    body.trim(),
    '',
    '/** Every validator of this service by name (`<operationId>Request`, `<operationId>Response<status>`). */',
    `export const validators = {\n${names.map((n) => `  ${n},`).join('\n')}\n};`,
    '',
  ].join('\n');
}

/** The types of validators.js: each validator by its name, and all of them in `validators`. */
function declarationsOf(names) {
  return [
    "import type { ValidateFunction } from '../../src/runtime/validation.js';",
    '',
    ...names.map((n) => `export declare const ${n}: ValidateFunction;`),
    '',
    '/** Every validator of this service by name (`<operationId>Request`, `<operationId>Response<status>`). */',
    'export declare const validators: Readonly<Record<string, ValidateFunction>>;',
    '',
  ].join('\n');
}
