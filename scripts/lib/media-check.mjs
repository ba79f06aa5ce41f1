// Request checks for bodies with several media types (Kubernetes PATCH), which Prism cannot
// make: Prism 5.14 picks the first `+json` media type of an operation for every `+json` body
// (its media-type match ignores the part before `+json`), and it knows nothing of
// `x-parameter-rules`. The mock front checks such requests with the client's own request schema
// (scripts/stages/validators.mjs requestSchema) and hands Prism a copy of the spec whose
// several-media-type bodies take any value (prismView).
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildModel } from '../stages/model.mjs';
import { createSpecAjv, requestSchema } from '../stages/validators.mjs';
import { deref } from './operations.mjs';

/** Operations whose request body has more than one media type. */
export function multiMediaOperations(service, doc) {
  return buildModel(service, doc).operations.filter((op) => op.body && op.body.contentTypes.length > 1);
}

/**
 * The spec as Prism should see it: request bodies with several media types accept any body
 * (the front checks them). Written once per content to the temp directory; returns its path,
 * or `file` itself when nothing needs changing.
 */
export function prismView(service, file) {
  const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
  const ops = multiMediaOperations(service, doc);
  if (ops.length === 0) return file;
  for (const op of ops) {
    const operation = deref(doc, doc.paths[op.path])[op.method];
    const body = deref(doc, operation.requestBody);
    for (const media of Object.values(body.content)) media.schema = {};
  }
  const text = JSON.stringify(doc);
  const hash = crypto.createHash('sha256').update(text).digest('hex').slice(0, 16);
  const out = path.join(os.tmpdir(), `huaweicloud-openapi-prism-${service}-${hash}.json`);
  if (!fs.existsSync(out)) {
    const partial = `${out}.${process.pid}.tmp`;
    fs.writeFileSync(partial, text);
    fs.renameSync(partial, out);
  }
  return out;
}

/**
 * A checker for the front: `check(op, pathParams, url, headers, bodyText)` returns Prism-style
 * violations ({ location, severity, code, message }), empty when the request is valid.
 */
export function createMediaChecker(service, doc) {
  const { ajv, toAjv } = createSpecAjv(service, doc, { strict: false });
  const byKey = new Map();
  for (const op of multiMediaOperations(service, doc)) {
    byKey.set(`${op.method} ${op.path}`, { op, validate: ajv.compile(toAjv(requestSchema(op))) });
  }
  return {
    has: (method, template) => byKey.has(`${method.toLowerCase()} ${template}`),
    check(method, template, pathParams, url, headers, bodyText) {
      const { op, validate } = byKey.get(`${method.toLowerCase()} ${template}`);
      const contentType = String(headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
      const media = op.body.contentTypes.find((c) => c.mediaType === contentType);
      if (!media) return []; // Prism answers an unknown media type itself (415).
      let body;
      if (bodyText.length > 0) {
        if (media.encoding === 'text') body = bodyText;
        else {
          try {
            body = JSON.parse(bodyText);
          } catch (error) {
            return [{ location: ['request', 'body'], severity: 'Error', code: 'json', message: `Request body is not valid JSON: ${error.message}` }];
          }
        }
      }
      const query = {};
      for (const p of op.queryParams) if (url.searchParams.has(p.name)) query[p.name] = scalar(p.schema, url.searchParams.get(p.name));
      const header = {};
      for (const p of op.headerParams) if (headers[p.name.toLowerCase()] !== undefined) header[p.name] = scalar(p.schema, String(headers[p.name.toLowerCase()]));
      const input = { path: pathParams, query, header, contentType, ...(body !== undefined ? { body } : {}) };
      if (validate(input)) return [];
      return (validate.errors ?? [])
        .filter((e) => e.keyword !== 'if')
        .map((e) => ({
          location: ['request', ...e.instancePath.split('/').slice(1)],
          severity: 'Error',
          code: e.keyword,
          message: e.params?.missingProperty ? `must have required property '${e.params.missingProperty}'` : (e.message ?? e.keyword),
        }));
    },
  };
}

/** Query text as the parameter's type (text that is not of that type stays text). */
function scalar(schema, text) {
  const type = Array.isArray(schema?.type) ? schema.type.find((t) => t !== 'null') : schema?.type;
  if ((type === 'integer' && /^-?\d+$/.test(text)) || (type === 'number' && text.trim() !== '' && Number.isFinite(Number(text)))) return Number(text);
  if (type === 'boolean' && (text === 'true' || text === 'false')) return text === 'true';
  return text;
}
