// What `npm run contract -- --checks` will send, worked out from the bundled spec before anything
// is sent: the operations, which of them are safe to call, each one's valid request (parameter
// values from --param or the spec's examples, the body from the spec's request example) and the
// header the token travels in. Every mistake in the arguments is a ChecksUsageError here.
import { buildModel } from '../../stages/model.mjs';
import { requestSchema, requestSchemaFor } from '../../stages/validators.mjs';
import { deref, exampleValue, operationsOf } from '../operations.mjs';
import { formatPath } from './mutations.mjs';
import { specTools } from './spec-tools.mjs';

export class ChecksUsageError extends Error {}

/** Methods that cannot change state (RFC 9110 safe methods): always called. */
const SAFE = new Set(['get', 'head', 'options']);

/**
 * @param {{ service: string, doc: any, upstream: string, params?: Record<string, string>, operations?: string[], allowWrites?: boolean, validators?: Record<string, any> }} options
 *   validators: the generated ones (generated/<service>/validators.js), if the caller can load them
 */
export function planChecks({ service, doc, upstream, params = {}, operations: selected = [], allowWrites = false, validators }) {
  const model = buildModel(service, doc);
  const raw = new Map(operationsOf(doc).map((op) => [op.operationId, op]));
  const unknown = selected.filter((id) => !raw.has(id));
  if (unknown.length > 0) throw new ChecksUsageError(`no operation ${unknown.join(', ')} in the ${service} spec (known: ${[...raw.keys()].sort().join(', ')})`);
  const chosen = model.operations.filter((op) => selected.length === 0 || selected.includes(op.operationId));
  const declared = new Set(chosen.flatMap((op) => [...op.pathParams, ...op.queryParams, ...op.headerParams].map((p) => p.name)));
  const unused = Object.keys(params).filter((name) => !declared.has(name));
  if (unused.length > 0) throw new ChecksUsageError(`--param ${unused.join(', ')}: no such parameter in ${chosen.map((op) => op.operationId).join(', ')}`);

  const tools = specTools(service, doc, validators ? { validators } : {});
  const problems = [];
  const operations = chosen.map((op) => {
    const source = raw.get(op.operationId);
    const safe = SAFE.has(op.method);
    const checked = safe || allowWrites;
    const body = requestMedia(doc, op, source.operation);
    // The rules of the one media type sent (several: the spec's rules for that one, no selector).
    const schema = tools.memo(`request ${op.operationId}`, () => (body ? requestSchemaFor(op, body.mediaType) : requestSchema({ ...op, body: null })));
    const entry = {
      operationId: op.operationId,
      method: op.method.toUpperCase(),
      path: op.path,
      safe,
      checked,
      model: op,
      operation: source.operation,
      credential: credentialOf(doc, source.operation),
      body,
      requestSchema: schema,
      /** The request the conformance check sends: required parameters and --param values. */
      request: undefined,
      /** The request the negative cases mutate: also the optional parameters the spec has examples for. */
      probeBase: undefined,
      /** Why the valid request is not sent (null: it is). */
      skipped: checked ? null : 'write operations, called only with --allow-writes',
    };
    if (!checked) return entry;
    try {
      entry.request = baseRequest(doc, op, source, params, body, false);
      entry.probeBase = baseRequest(doc, op, source, params, body, true);
    } catch (error) {
      problems.push(error.message);
      return entry;
    }
    const problem = invalidity(tools, entry, params);
    if (problem) problems.push(problem);
    if (entry.request.bodyMissing) entry.skipped = 'the spec has no example of its required request body: its valid request is not sent';
    return entry;
  });
  if (problems.length > 0) throw new ChecksUsageError(`cannot build the requests:\n  ${problems.join('\n  ')}`);
  return { service, doc, tools, ctx: tools.ctx, upstream, operations, paths: pathsOf(doc, params) };
}

/** Why the request built from --param values and examples breaks the spec, or null. */
function invalidity(tools, entry, params) {
  // Without a body example only the parameters can be checked.
  const schema = entry.request.bodyMissing
    ? tools.memo(`request ${entry.operationId} without body`, () => ({ ...entry.requestSchema, required: ['path', 'query', 'header'] }))
    : entry.requestSchema;
  // The generated request validator checks the same schema when the body is application/json.
  const generated = !entry.request.bodyMissing && !entry.body?.several ? tools.named(`${entry.operationId}Request`) : undefined;
  const validate = generated ?? tools.validator(schema);
  for (const request of [entry.request, entry.probeBase]) {
    const { bodyMissing: _missing, ...value } = request;
    if (validate(value)) continue;
    const where = validate.errors.map((e) => `${formatPath(e.instancePath.split('/').slice(1))}${e.params?.missingProperty ? `.${e.params.missingProperty}` : ''} ${e.message}`);
    const named = (w) => Object.keys(params).some((name) => w.includes(`.${name} `));
    const from = where.some(named) ? 'the --param values' : "the spec's examples";
    return `${entry.operationId}: ${from} do not make a valid request: ${[...new Set(where)].join('; ')}`;
  }
  return null;
}

/** The JSON media type the operation's body is sent as: the spec's default if JSON, else the first JSON one. */
function requestMedia(doc, op, operation) {
  const types = op.body?.contentTypes ?? [];
  const chosen = types.find((c) => c.mediaType === op.body.defaultContentType && c.encoding === 'json') ?? types.find((c) => c.encoding === 'json');
  if (!chosen) return null;
  const media = deref(doc, operation.requestBody).content[chosen.mediaType];
  const examples = Object.values(media.examples ?? {}).map((e) => deref(doc, e).value);
  if (media.example !== undefined) examples.push(media.example);
  return { mediaType: chosen.mediaType, required: op.body.required, schema: chosen.schema, example: examples[0], declared: types.map((c) => c.mediaType), several: types.length > 1 };
}

/**
 * { path, query, header, body? } as the client validates it. `withExamples` adds the optional
 * parameters the spec gives an example for, so their rules can be broken one at a time too.
 */
function baseRequest(doc, op, source, params, body, withExamples) {
  const byName = new Map(source.parameters.map((p) => [p.name, p]));
  const missing = [];
  const group = (list) => {
    const out = {};
    for (const p of list) {
      const spec = byName.get(p.name);
      const given = p.name in params;
      if (!given && !p.required && !(withExamples && hasExample(spec))) continue;
      const value = given ? typed(params[p.name], p.schema) : exampleValue(doc, spec);
      if (value === undefined) missing.push(p.name);
      else out[p.name] = value;
    }
    return out;
  };
  const request = { path: group(op.pathParams), query: group(op.queryParams), header: group(op.headerParams) };
  if (missing.length > 0) throw new Error(`${op.operationId}: give a value for ${[...new Set(missing)].join(', ')} (--param name=value): the spec has no example`);
  if (body?.example !== undefined) request.body = structuredClone(body.example);
  else if (body?.required) request.bodyMissing = true;
  return request;
}

function hasExample(p) {
  return Object.keys(p.examples ?? {}).length > 0 || p.example !== undefined || p.schema?.default !== undefined;
}

/** A --param value (text) as the type its schema gives, so it validates as the spec says. */
function typed(text, schema) {
  const types = [schema?.type ?? []].flat();
  if ((types.includes('integer') || types.includes('number')) && /^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (types.includes('boolean') && (text === 'true' || text === 'false')) return text === 'true';
  return text;
}

/** The header a token travels in: the operation's first apiKey-in-header security scheme. */
function credentialOf(doc, operation) {
  const requirements = operation.security ?? doc.security ?? [];
  if (requirements.length === 0 || requirements.some((r) => Object.keys(r).length === 0)) return null;
  for (const requirement of requirements) {
    for (const name of Object.keys(requirement)) {
      const scheme = deref(doc, doc.components?.securitySchemes?.[name]);
      if (scheme?.type === 'apiKey' && scheme.in === 'header') return { header: scheme.name, scheme: name };
    }
  }
  return null;
}

/** Every declared path with its methods and path parameter values (for the 405 check). */
function pathsOf(doc, params) {
  const byPath = new Map();
  for (const op of operationsOf(doc)) {
    const entry = byPath.get(op.path) ?? { path: op.path, methods: [], values: {}, operations: [] };
    entry.methods.push(op.method.toUpperCase());
    entry.operations.push(op.operationId);
    for (const p of op.parameters.filter((x) => x.in === 'path')) {
      if (p.name in entry.values) continue;
      const value = p.name in params ? params[p.name] : exampleValue(doc, p);
      // No value anywhere: a segment that names no resource still routes to the same path.
      entry.values[p.name] = value === undefined ? 'contract-check' : value;
    }
    byPath.set(op.path, entry);
  }
  return [...byPath.values()];
}
