// The operations of a bundled spec (generated/<service>/openapi.json) as `npm run contract`
// needs them: which operation a request is, and a request built from the spec's examples.
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './context.mjs';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

export function specFile(service, root = repoRoot) {
  return path.join(root, 'generated', service, 'openapi.json');
}

export function loadSpec(service, root = repoRoot) {
  return JSON.parse(fs.readFileSync(specFile(service, root), 'utf8'));
}

/** Follows local `$ref`s; a reference that leaves the document or resolves to nothing throws. */
export function deref(doc, node) {
  let current = node;
  for (let depth = 0; current && typeof current.$ref === 'string'; depth++) {
    if (depth > 20 || !current.$ref.startsWith('#/')) throw new Error(`cannot resolve ${current.$ref}`);
    const ref = current.$ref;
    current = ref
      .slice(2)
      .split('/')
      .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce((obj, key) => obj?.[key], doc);
    if (current === undefined) throw new Error(`unresolved reference ${ref}`);
  }
  return current;
}

/** [{ operationId, method, path, operation, parameters (resolved) }] */
export function operationsOf(doc) {
  return Object.entries(doc.paths ?? {}).flatMap(([template, ref]) => {
    const item = deref(doc, ref);
    return METHODS.filter((m) => item[m]).map((method) => ({
      operationId: item[method].operationId,
      method,
      path: template,
      operation: item[method],
      parameters: [...(item.parameters ?? []), ...(item[method].parameters ?? [])].map((p) => deref(doc, p)),
    }));
  });
}

/**
 * The operation a request is for, with its decoded path parameters (`pathParams`), or undefined.
 * A template segment matches one segment; literal paths win over templated ones
 * (`/vpc-endpoint-services/describe` before `/vpc-endpoint-services/{id}`).
 */
export function matchOperation(doc, method, pathname) {
  const lower = method.toLowerCase();
  const candidates = operationsOf(doc)
    .filter((op) => op.method === lower)
    .map((op) => ({ op, names: [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]) }))
    .sort((a, b) => a.names.length - b.names.length);
  for (const { op, names } of candidates) {
    const pattern = op.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '([^/]+)');
    const found = new RegExp(`^${pattern}/?$`).exec(pathname);
    if (found) return { ...op, pathParams: Object.fromEntries(names.map((name, i) => [name, safeDecode(found[i + 1])])) };
  }
  return undefined;
}

function safeDecode(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** A parameter's value from the spec: its example, default or first enum value. */
export function exampleValue(doc, param) {
  const examples = Object.values(param.examples ?? {});
  if (examples.length > 0) return deref(doc, examples[0]).value;
  if (param.example !== undefined) return param.example;
  if (param.schema?.default !== undefined) return param.schema.default;
  return param.schema?.enum?.[0];
}

/**
 * One request per request-body example (or one without a body): { name, method, url, headers,
 * body }. `params` overrides parameter values (a real project_id, say).
 * @throws when a required parameter has no value in the spec and none was given
 */
export function exampleRequests(doc, op, baseUrl, params = {}) {
  const value = (p) => (p.name in params ? params[p.name] : exampleValue(doc, p));
  const missing = op.parameters.filter((p) => p.required && value(p) === undefined).map((p) => p.name);
  if (missing.length > 0) throw new Error(`${op.operationId}: give a value for ${missing.join(', ')} (--param name=value)`);
  const pathname = op.path.replace(/\{([^}]+)\}/g, (_, name) => encodeURIComponent(String(value(op.parameters.find((p) => p.name === name)))));
  const url = new URL(pathname, baseUrl);
  const headers = {};
  for (const p of op.parameters) {
    if (!p.required && !(p.name in params)) continue;
    if (p.in === 'query') url.searchParams.set(p.name, String(value(p)));
    if (p.in === 'header') headers[p.name] = String(value(p));
  }
  // Every example of every media type, sent as that type (a non-JSON one as its text).
  const content = deref(doc, op.operation.requestBody)?.content ?? {};
  const bodies = Object.entries(content).flatMap(([mediaType, media]) => Object.entries(media.examples ?? {}).map(([name, example]) => ({ mediaType, name, example })));
  if (bodies.length === 0) return [{ name: op.operationId, method: op.method.toUpperCase(), url: url.href, headers }];
  const several = Object.keys(content).length > 1;
  return bodies.map(({ mediaType, name, example }) => {
    const sample = deref(doc, example).value;
    // Query parameters the media type requires (`x-parameter-rules`, e.g. fieldManager of an apply patch).
    const withRules = new URL(url.href);
    for (const required of content[mediaType]['x-parameter-rules']?.required ?? []) {
      const p = op.parameters.find((q) => q.in === 'query' && q.name === required);
      const given = p && value(p);
      if (given === undefined) throw new Error(`${op.operationId}: give a value for ${required} (--param name=value)`);
      if (!withRules.searchParams.has(required)) withRules.searchParams.set(required, String(given));
    }
    return {
      name: `${op.operationId} (request example "${name}"${several ? `, ${mediaType}` : ''})`,
      method: op.method.toUpperCase(),
      url: withRules.href,
      headers: { ...headers, 'content-type': mediaType },
      body: /^application\/([\w.-]+\+)?json$/i.test(mediaType) ? JSON.stringify(sample) : String(sample),
    };
  });
}
