// The operations of a bundled document, with pointers, and how two versions of one are compared.
import { child, resolve } from './pointer.mjs';
import { annotationsOf } from './annotations.mjs';

export const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];
const SERIALIZATION = ['style', 'explode', 'allowReserved', 'allowEmptyValue'];

/** [{ id, method, path, pointer, node, item, itemPointer }] for every operation. */
export function listOperations(doc) {
  const out = [];
  for (const [path, raw] of Object.entries(doc.paths ?? {})) {
    const { node: item, pointer: itemPointer } = resolve(doc, raw, child('', 'paths', path));
    for (const method of METHODS) {
      if (!item?.[method]) continue;
      out.push({ id: item[method].operationId ?? null, method, path, pointer: child(itemPointer, method), node: item[method], item, itemPointer });
    }
  }
  return out;
}

/** A path with its parameter names blanked: /a/{id} and /a/{name} are the same endpoint. */
export const pathShape = (path) => path.replace(/\{[^}]*\}/g, '{}');

/** Effective parameters: operation-level ones override path-level ones with the same name and location. */
function parametersOf(doc, op) {
  const byKey = new Map();
  const add = (list, base) =>
    (list ?? []).forEach((raw, i) => {
      const { node, pointer } = resolve(doc, raw, child(base, 'parameters', i));
      const key = `${node.in}:${node.in === 'header' ? node.name.toLowerCase() : node.name}`;
      byKey.set(key, { node, pointer });
    });
  add(op.item.parameters, op.itemPointer);
  add(op.node.parameters, op.pointer);
  return byKey;
}

const schemaPart = (doc, param, pointer) => {
  if (param.schema !== undefined) return [{ raw: param.schema, pointer: child(pointer, 'schema') }];
  const [type, media] = Object.entries(param.content ?? {})[0] ?? [];
  return media?.schema !== undefined ? [{ raw: media.schema, pointer: child(pointer, 'content', type, 'schema') }] : null;
};

const isSuccess = (status) => /^2/.test(status);

/** A parameter's serialisation setting, with OpenAPI's defaults filled in. */
function serialization(param, key) {
  const style = param.style ?? (param.in === 'query' || param.in === 'cookie' ? 'form' : 'simple');
  if (key === 'style') return style;
  if (key === 'explode') return param.explode ?? style === 'form';
  return param[key] ?? false;
}

/**
 * Compares one operation in two documents. `emit(rule, location, message)` records a change;
 * `schemas.compare` compares schemas (see schema.mjs).
 */
export function compareOperation(ctx, a, b) {
  const { oldDoc, newDoc, schemas, emit } = ctx;
  const label = b.id ?? `${b.method.toUpperCase()} ${b.path}`;
  const schemaChanges = (changes) => changes.forEach((c) => emit(c.rule, c.location, c.message));

  if (Boolean(a.node.deprecated) !== Boolean(b.node.deprecated)) emit('deprecated', child(b.pointer, 'deprecated'), `${label}: ${b.node.deprecated ? 'now deprecated' : 'no longer deprecated'}`);
  annotationsOf(a.node, b.node, b.pointer, label, emit, ['parameters', 'requestBody', 'responses', 'security', 'servers', 'deprecated', 'operationId', 'callbacks', 'x-pagination']);
  // x-pagination makes the client's paginating helper for the operation (stages/model.mjs).
  const [pagA, pagB] = [a.node['x-pagination'], b.node['x-pagination']];
  if (JSON.stringify(pagA) !== JSON.stringify(pagB)) {
    const how = !pagA ? 'added' : !pagB ? 'removed' : 'changed';
    emit(`pagination-${how}`, child(pagB ? b.pointer : a.pointer, 'x-pagination'), `${label}: pagination helper ${how}`);
  }

  // Parameters.
  const pa = parametersOf(oldDoc, a);
  const pb = parametersOf(newDoc, b);
  for (const [key, { node: x, pointer: xp }] of pa) {
    const what = `${x.in} parameter \`${x.name}\``;
    const y = pb.get(key);
    if (!y) {
      emit('parameter-removed', xp, `${what} removed`);
      continue;
    }
    const { node: yn, pointer: yp } = y;
    if (Boolean(x.required) !== Boolean(yn.required)) emit(yn.required ? 'parameter-became-required' : 'parameter-became-optional', child(yp, 'required'), `${what} is now ${yn.required ? 'required' : 'optional'}`);
    for (const k of SERIALIZATION) {
      if (serialization(x, k) !== serialization(yn, k)) emit('parameter-serialization-changed', child(yp, k), `${what}: ${k} ${x[k] ?? 'default'} -> ${yn[k] ?? 'default'}`);
    }
    if (Boolean(x.deprecated) !== Boolean(yn.deprecated)) emit('deprecated', child(yp, 'deprecated'), `${what}: ${yn.deprecated ? 'now deprecated' : 'no longer deprecated'}`);
    annotationsOf(x, yn, yp, what, emit, ['name', 'in', 'required', 'schema', 'content', 'deprecated', ...SERIALIZATION]);
    const sx = schemaPart(oldDoc, x, xp);
    const sy = schemaPart(newDoc, yn, yp);
    if (sx && sy) schemaChanges(schemas.compare(sx, sy, 'request', what));
    else if (sx || sy) emit('schema-keyword-changed', yp, `${what}: schema ${sy ? 'added' : 'removed'}`);
  }
  for (const [key, { node: y, pointer: yp }] of pb) {
    if (pa.has(key)) continue;
    emit(y.required ? 'parameter-added-required' : 'parameter-added', yp, `${y.required ? 'required ' : ''}${y.in} parameter \`${y.name}\` added`);
  }

  // Request body.
  const ra = a.node.requestBody && resolve(oldDoc, a.node.requestBody, child(a.pointer, 'requestBody'));
  const rb = b.node.requestBody && resolve(newDoc, b.node.requestBody, child(b.pointer, 'requestBody'));
  if (ra && !rb) emit('request-body-removed', ra.pointer, 'request body removed');
  else if (!ra && rb) emit(rb.node.required ? 'request-body-added-required' : 'request-body-added', rb.pointer, `${rb.node.required ? 'required ' : ''}request body added`);
  else if (ra && rb) {
    if (Boolean(ra.node.required) !== Boolean(rb.node.required)) emit(rb.node.required ? 'request-body-became-required' : 'request-body-became-optional', child(rb.pointer, 'required'), `request body is now ${rb.node.required ? 'required' : 'optional'}`);
    annotationsOf(ra.node, rb.node, rb.pointer, 'request body', emit, ['content', 'required']);
    compareContent(ctx, ra, rb, 'request', 'request body', schemaChanges);
  }

  // Responses.
  const resA = a.node.responses ?? {};
  const resB = b.node.responses ?? {};
  for (const status of Object.keys(resA)) {
    if (!(status in resB)) {
      const kind = isSuccess(status) ? 'success' : 'error';
      emit(`response-${kind}-status-removed`, child(a.pointer, 'responses', status), `response ${status} removed`);
    }
  }
  for (const status of Object.keys(resB)) {
    const y = resolve(newDoc, resB[status], child(b.pointer, 'responses', status));
    if (!(status in resA)) {
      const kind = isSuccess(status) ? 'success' : 'error';
      emit(`response-${kind}-status-added`, y.pointer, `response ${status} added`);
      continue;
    }
    const x = resolve(oldDoc, resA[status], child(a.pointer, 'responses', status));
    annotationsOf(x.node, y.node, y.pointer, `response ${status}`, emit, ['content', 'headers', 'links']);
    compareHeaders(ctx, x, y, `response ${status}`, schemaChanges);
    compareContent(ctx, x, y, 'response', `response ${status} body`, schemaChanges);
  }
}

function compareContent(ctx, x, y, dir, what, schemaChanges) {
  const { schemas, emit } = ctx;
  const ca = x.node.content ?? {};
  const cb = y.node.content ?? {};
  for (const type of Object.keys(ca)) if (!(type in cb)) emit(`${dir}-media-type-removed`, child(x.pointer, 'content', type), `${what}: content type ${type} removed`);
  for (const type of Object.keys(cb)) {
    const mp = child(y.pointer, 'content', type);
    if (!(type in ca)) {
      emit(`${dir}-media-type-added`, mp, `${what}: content type ${type} added`);
      continue;
    }
    annotationsOf(ca[type], cb[type], mp, `${what} (${type})`, ctx.emit, ['schema', 'encoding']);
    const sa = ca[type].schema;
    const sb = cb[type].schema;
    if (sa !== undefined && sb !== undefined) schemaChanges(schemas.compare([{ raw: sa, pointer: child(x.pointer, 'content', type, 'schema') }], [{ raw: sb, pointer: child(mp, 'schema') }], dir, what));
    else if (sa !== undefined || sb !== undefined) emit(`${dir}-type-${sb === undefined ? 'widened' : 'narrowed'}`, mp, `${what}: schema ${sb === undefined ? 'removed' : 'added'}`);
  }
}

function compareHeaders(ctx, x, y, what, schemaChanges) {
  const { oldDoc, newDoc, schemas, emit } = ctx;
  const lower = (headers) => new Map(Object.entries(headers ?? {}).map(([k, v]) => [k.toLowerCase(), { name: k, raw: v }]));
  const ha = lower(x.node.headers);
  const hb = lower(y.node.headers);
  for (const [key, h] of ha) if (!hb.has(key)) emit('response-header-removed', child(x.pointer, 'headers', h.name), `${what}: header ${h.name} removed`);
  for (const [key, h] of hb) {
    const hy = resolve(newDoc, h.raw, child(y.pointer, 'headers', h.name));
    if (!ha.has(key)) {
      emit('response-header-added', hy.pointer, `${what}: header ${h.name} added`);
      continue;
    }
    const o = ha.get(key);
    const hx = resolve(oldDoc, o.raw, child(x.pointer, 'headers', o.name));
    if (Boolean(hx.node.required) !== Boolean(hy.node.required)) emit(hy.node.required ? 'response-header-became-required' : 'response-header-became-optional', child(hy.pointer, 'required'), `${what}: header ${h.name} is now ${hy.node.required ? 'required' : 'optional'}`);
    annotationsOf(hx.node, hy.node, hy.pointer, `${what}: header ${h.name}`, emit, ['schema', 'content', 'required', 'style', 'explode']);
    const sx = schemaPart(oldDoc, hx.node, hx.pointer);
    const sy = schemaPart(newDoc, hy.node, hy.pointer);
    if (sx && sy) schemaChanges(schemas.compare(sx, sy, 'response', `${what}: header ${h.name}`));
  }
}
