// Stage "model": one normalised operation model per service, the only input of the templates.
import { deref, operationsOf } from '../lib/operations.mjs';

const IDEMPOTENT = new Set(['get', 'put', 'delete', 'head', 'options']);
/** Path parameters the client fills from its options instead of every call. */
export const AUTO_PATH_PARAMS = { project_id: 'projectId' };

export function runModel(ctx) {
  for (const service of ctx.services) {
    ctx.models.set(service.name, buildModel(service.name, ctx.bundles.get(service.name)));
  }
}

export function buildModel(serviceName, doc) {
  const operations = operationsOf(doc).map(({ path, method, operation, parameters }) =>
    buildOperation(doc, path, method, operation, parameters),
  );
  operations.sort((a, b) => a.operationId.localeCompare(b.operationId));
  if (!doc.servers?.length) throw new Error(`${serviceName}: the spec declares no server`);
  return {
    service: serviceName,
    pascal: pascal(serviceName),
    title: doc.info.title,
    version: doc.info.version,
    description: doc.info.description ?? '',
    servers: doc.servers.map((server) => ({
      url: server.url,
      variables: Object.fromEntries(
        Object.entries(server.variables ?? {}).map(([name, v]) => [name, { default: v.default, ...(v.enum ? { enum: v.enum } : {}) }]),
      ),
    })),
    operations,
  };
}

function buildOperation(doc, path, method, op, params) {
  const byIn = (where) =>
    params
      .filter((p) => p.in === where)
      .map((p) => ({
        name: p.name,
        required: Boolean(p.required),
        description: p.description ?? '',
        deprecated: Boolean(p.deprecated),
        schema: p.schema ?? {},
      }));
  const pathParams = byIn('path');
  const requestBody = op.requestBody ? deref(doc, op.requestBody) : null;
  const body = requestBodyModel(op.operationId, requestBody);
  const responses = Object.entries(op.responses ?? {}).map(([status, r]) => {
    const response = deref(doc, r);
    return {
      status,
      description: response.description ?? '',
      success: /^2/.test(status),
      schema: response.content?.['application/json']?.schema ?? null,
      normalise: response.content?.['application/json']?.schema ? normalisePlan(doc, response.content['application/json'].schema) : null,
    };
  });
  return {
    operationId: op.operationId,
    methodName: op.operationId[0].toLowerCase() + op.operationId.slice(1),
    typeName: pascal(op.operationId),
    method,
    httpMethod: method.toUpperCase(),
    path,
    summary: op.summary ?? '',
    description: op.description ?? '',
    deprecated: Boolean(op.deprecated),
    idempotent: IDEMPOTENT.has(method),
    pathParams,
    queryParams: byIn('query'),
    headerParams: byIn('header'),
    autoParams: pathParams.filter((p) => p.name in AUTO_PATH_PARAMS).map((p) => p.name),
    body,
    responses,
    pagination: op['x-pagination'] ?? null,
  };
}

/** JSON media types (`application/json`, `application/merge-patch+json`, ...): sent as JSON text. */
export const isJsonMediaType = (mediaType) => /^application\/([\w.-]+\+)?json$/i.test(mediaType);

/**
 * A request body: one entry per media type ({ mediaType, schema, encoding: json|text, rules })
 * and the one the client sends unless the caller chooses (`x-default-content-type`, else the
 * first listed). `schema` is the default media type's, for single-type bodies. `rules` are the
 * media type's `x-parameter-rules` ({ required?: [query names], forbidden?: [query names] }).
 */
function requestBodyModel(operationId, requestBody) {
  if (!requestBody) return null;
  const contentTypes = Object.entries(requestBody.content ?? {}).map(([mediaType, media]) => ({
    mediaType,
    schema: media.schema ?? {},
    encoding: isJsonMediaType(mediaType) ? 'json' : 'text',
    rules: media['x-parameter-rules'] ?? null,
  }));
  if (contentTypes.length === 0) return null;
  const preferred = requestBody['x-default-content-type'];
  const chosen = contentTypes.find((c) => c.mediaType === preferred) ?? contentTypes[0];
  if (preferred && chosen.mediaType !== preferred) throw new Error(`${operationId}: x-default-content-type ${preferred} is not one of the request body's media types`);
  return { required: Boolean(requestBody.required), schema: chosen.schema, defaultContentType: chosen.mediaType, contentTypes };
}

/**
 * The places of a response body where the spec declares known variants (`x-accept`), as a tree
 * that src/runtime/normalise.ts walks: { accept?, properties?, items?, values? }; null when
 * the body has none. Composition (allOf/anyOf/oneOf) is merged: a variant is looked for
 * wherever any branch declares it.
 */
export function normalisePlan(doc, schema, trail = new Set()) {
  if (!schema || typeof schema !== 'object') return null;
  if (schema.$ref) {
    if (trail.has(schema.$ref)) return null;
    return normalisePlan(doc, deref(doc, schema), new Set([...trail, schema.$ref]));
  }
  const plan = {};
  if (Array.isArray(schema['x-accept']) && schema['x-accept'].length > 0) plan.accept = schema['x-accept'];
  const properties = Object.entries(schema.properties ?? {})
    .map(([name, sub]) => [name, normalisePlan(doc, sub, trail)])
    .filter(([, sub]) => sub);
  if (properties.length > 0) plan.properties = Object.fromEntries(properties);
  const items = normalisePlan(doc, schema.items, trail);
  if (items) plan.items = items;
  const values = typeof schema.additionalProperties === 'object' ? normalisePlan(doc, schema.additionalProperties, trail) : null;
  if (values) plan.values = values;
  for (const branch of [...(schema.allOf ?? []), ...(schema.anyOf ?? []), ...(schema.oneOf ?? [])]) mergePlan(plan, normalisePlan(doc, branch, trail));
  return Object.keys(plan).length > 0 ? plan : null;
}

function mergePlan(into, from) {
  if (!from) return;
  if (from.accept) into.accept = [...(into.accept ?? []), ...from.accept];
  for (const key of ['items', 'values']) {
    if (from[key]) mergePlan((into[key] ??= {}), from[key]);
  }
  for (const [name, sub] of Object.entries(from.properties ?? {})) mergePlan(((into.properties ??= {})[name] ??= {}), sub);
}

export function pascal(name) {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('');
}
