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
  const bodySchema = requestBody?.content?.['application/json']?.schema ?? null;
  const responses = Object.entries(op.responses ?? {}).map(([status, r]) => {
    const response = deref(doc, r);
    return {
      status,
      description: response.description ?? '',
      success: /^2/.test(status),
      schema: response.content?.['application/json']?.schema ?? null,
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
    body: bodySchema ? { required: Boolean(requestBody.required), schema: bodySchema } : null,
    responses,
    pagination: op['x-pagination'] ?? null,
  };
}

export function pascal(name) {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('');
}
