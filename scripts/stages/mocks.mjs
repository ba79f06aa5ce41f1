// Stage "mocks": per service, the data the mock runtime (src/mock/) answers from: one
// descriptor per operation (how to match and parse a request, its documented responses with
// their examples, its credentials) and the resources a stateful mock can remember, derived
// from the paths (a collection `P` with a create, and its items `P/{id}`). No per-operation code.
import { addServiceOutput, toolFingerprint } from '../lib/cache.mjs';
import { deref, operationsOf } from '../lib/operations.mjs';
import { buildModel } from './model.mjs';

export async function runMocks(ctx) {
  // The validators' request shape comes from the model: its code is an input too.
  const tool = await toolFingerprint(ctx.root, import.meta.url, [], [new URL('../lib/operations.mjs', import.meta.url), new URL('./model.mjs', import.meta.url)]);
  for (const service of ctx.services) {
    await addServiceOutput(ctx, {
      service,
      rel: `generated/${service.name}/mocks.ts`,
      style: 'ts',
      tool,
      produce: () => renderMocks(service.name, ctx.bundles.get(service.name), ctx.models.get(service.name)),
    });
  }
}

export function renderMocks(serviceName, doc, model) {
  const definition = buildMockDefinition(serviceName, doc, model);
  const name = `${camel(serviceName)}Mock`;
  const { consts, data } = hoistSharedResponses(definition);
  return [
    "import type { MockDefinition, MockResponse } from '../../src/mock/definition.js';",
    '',
    ...consts,
    `const data: Omit<MockDefinition, 'loadValidators'> = ${data};`,
    '',
    `/** What the ${doc.info.title} mock answers from: operations, examples and resources, from the spec. */`,
    `export const ${name}: MockDefinition = {`,
    '  ...data,',
    "  loadValidators: () => import('./validators.js').then((m) => m.validators),",
    '};',
    '',
  ].join('\n');
}

/**
 * The definition as TypeScript source, with each response that several operations share (the
 * shared error responses) written once as a constant and referred to by name.
 */
function hoistSharedResponses(definition) {
  const counts = new Map();
  for (const op of definition.operations) {
    for (const r of op.responses) {
      const text = JSON.stringify(r);
      counts.set(text, (counts.get(text) ?? 0) + 1);
    }
  }
  const names = new Map();
  const consts = [];
  for (const [text, count] of counts) {
    if (count < 2) continue;
    const constName = `response${names.size}`;
    names.set(text, constName);
    consts.push(`const ${constName}: MockResponse = ${JSON.stringify(JSON.parse(text), null, 2)};`, '');
  }
  const marker = (constName) => `\u0000${constName}`;
  const operations = definition.operations.map((op) => ({
    ...op,
    responses: op.responses.map((r) => {
      const constName = names.get(JSON.stringify(r));
      return constName ? marker(constName) : r;
    }),
  }));
  const data = JSON.stringify({ ...definition, operations }, null, 2).replace(/"\\u0000(response\d+)"/g, '$1');
  return { consts, data };
}

/** The mock definition of one bundled spec (JSON-serialisable). */
export function buildMockDefinition(serviceName, doc, model = buildModel(serviceName, doc)) {
  const rootSecurity = doc.security ?? [];
  const validated = new Map(model.operations.map((op) => [op.operationId, op.body !== null]));
  const operations = operationsOf(doc)
    .map((op) => buildOperation(doc, op, rootSecurity, validated.get(op.operationId) ?? false))
    .sort((a, b) => a.operationId.localeCompare(b.operationId));
  const resources = findResources(doc, operations);
  for (const op of operations) for (const response of op.responses) delete response.schemaRef;
  // Shared error responses repeat their examples in every operation: keep each value once.
  const values = [];
  const index = new Map();
  for (const op of operations) {
    for (const response of op.responses) {
      response.examples = response.examples.map(({ name, value }) => {
        const text = JSON.stringify(value);
        if (!index.has(text)) index.set(text, values.push(value) - 1);
        return { name, value: index.get(text) };
      });
    }
  }
  return { service: serviceName, operations, resources, values };
}

function buildOperation(doc, { operationId, method, path, operation, parameters }, rootSecurity, bodyValidated) {
  const requestBody = operation.requestBody ? deref(doc, operation.requestBody) : null;
  const responses = Object.entries(operation.responses ?? {})
    .filter(([status]) => /^[1-5]\d\d$/.test(status))
    .map(([status, ref]) => buildResponse(doc, status, deref(doc, ref)))
    .sort((a, b) => Number(a.status) - Number(b.status));
  const success = responses.filter((r) => r.status.startsWith('2'));
  // x-default-status (kube-apiserver answers a create with 201, not the lowest 2xx); else the
  // lowest 2xx that documents an example; else the lowest 2xx that has no body at all.
  const named = success.find((r) => r.status === operation['x-default-status']);
  const preferred = named ?? success.find((r) => r.examples.length > 0) ?? success.find((r) => !r.mediaType);
  return {
    operationId,
    method,
    path,
    params: parameters.map((p) => ({ name: p.name, in: p.in, ...coercion(doc, p) })),
    // validated: the request validator has a `body` (see requestSchema in the validators stage).
    body: requestBody ? { required: Boolean(requestBody.required), mediaTypes: Object.keys(requestBody.content ?? {}), validated: bodyValidated } : null,
    security: (operation.security ?? rootSecurity).map((alternative) =>
      Object.keys(alternative).flatMap((scheme) => credentialOf(doc, scheme)),
    ),
    defaultStatus: preferred?.status ?? null,
    responses,
    pagination: operation['x-pagination'] ?? null,
  };
}

function buildResponse(doc, status, response) {
  const [mediaType, media] = Object.entries(response.content ?? {})[0] ?? [];
  const examples = media ? examplesOf(doc, media) : [];
  const headers = {};
  for (const [name, ref] of Object.entries(response.headers ?? {})) {
    const header = deref(doc, ref);
    const value = header.example ?? Object.values(header.examples ?? {}).map((e) => deref(doc, e).value)[0] ?? header.schema?.example;
    if (value !== undefined) headers[name] = String(value);
  }
  return {
    status,
    ...(mediaType ? { mediaType } : {}),
    examples,
    ...(Object.keys(headers).length ? { headers } : {}),
    ...(media ? { fields: topLevelFields(doc, media.schema) } : {}),
    // Only while the resources are worked out; not written.
    schemaRef: media?.schema,
  };
}

/** [{ name, value }] in the spec's order; a lone `example` is named "example". */
function examplesOf(doc, media) {
  const named = Object.entries(media.examples ?? {}).map(([name, ref]) => ({ name, value: deref(doc, ref).value }));
  if (named.length > 0) return named.filter((e) => e.value !== undefined);
  return media.example !== undefined ? [{ name: 'example', value: media.example }] : [];
}

/**
 * The top-level property names a response schema documents (a stateful answer shows only
 * those), or null when it documents none or explicitly allows other properties.
 */
function topLevelFields(doc, schemaRef) {
  const names = new Set();
  let open = false;
  const visit = (ref, depth) => {
    if (!ref || depth > 10) return;
    const schema = deref(doc, ref);
    if (schema.type !== undefined && schema.type !== 'object' && !(Array.isArray(schema.type) && schema.type.includes('object'))) return;
    for (const name of Object.keys(schema.properties ?? {})) names.add(name);
    if (schema.additionalProperties !== undefined && schema.additionalProperties !== false) open = true;
    for (const part of [...(schema.allOf ?? []), ...(schema.oneOf ?? []), ...(schema.anyOf ?? [])]) visit(part, depth + 1);
  };
  visit(schemaRef, 0);
  return open || names.size === 0 ? null : [...names].sort();
}

/** How a parameter's text becomes the value its schema validates. */
function coercion(doc, param) {
  const schema = deref(doc, param.schema ?? {});
  const kind = (s) => {
    const resolved = deref(doc, s ?? {});
    const type = Array.isArray(resolved.type) ? resolved.type.find((t) => t !== 'null') : resolved.type;
    return ['integer', 'number', 'boolean', 'array'].includes(type) ? type : 'string';
  };
  const type = kind(schema);
  if (type !== 'array') return { type };
  const style = param.style ?? (param.in === 'query' ? 'form' : 'simple');
  const explode = param.explode ?? style === 'form';
  return { type, items: kind(schema.items), explode };
}

/** The request headers or query parameters that carry a security scheme's credential. */
function credentialOf(doc, schemeName) {
  const scheme = deref(doc, doc.components?.securitySchemes?.[schemeName] ?? {});
  if (scheme.type === 'apiKey') return [{ in: scheme.in, name: scheme.name }];
  if (scheme.type === 'http' || scheme.type === 'oauth2' || scheme.type === 'openIdConnect') return [{ in: 'header', name: 'Authorization' }];
  throw new Error(`security scheme ${schemeName} (${scheme.type ?? 'undefined'}) is not understood by the mock`);
}

/**
 * Stateful resources: a collection path with a POST (create), and the operations on
 * `collection/{param}` (read, replace, patch, delete). The id of a created resource is the
 * field of its create response named like the item's path parameter, else `id`, else
 * `metadata.name` (Kubernetes), else `name`; a DELETE on the collection deletes them all. A
 * POST that adds several items at once (the request's and the answer's `members: [...]`) is a
 * batch create of the items.
 */
function findResources(doc, operations) {
  const byPath = new Map();
  for (const op of operations) {
    if (!byPath.has(op.path)) byPath.set(op.path, {});
    byPath.get(op.path)[op.method] = op;
  }
  const resources = [];
  for (const [collection, pathMethods] of byPath) {
    // A listed collection without a POST of its own may be added to by a POST on an action path
    // under it (`permissions/batch-create`): that is its create when it answers a batch of items.
    const action = !pathMethods.post && pathMethods.get ? batchAction(byPath, collection) : undefined;
    const methods = action ? { ...pathMethods, post: action } : pathMethods;
    if (!methods.post) continue;
    const items = [...byPath.keys()].filter((p) => p.startsWith(`${collection}/`) && /^\/\{[^}/]+\}$/.test(p.slice(collection.length)));
    const item = items[0] ?? null;
    const itemOps = item ? byPath.get(item) : {};
    const idParam = item ? item.slice(collection.length + 2, -1) : null;
    const createExample = methods.post.responses.find((r) => r.status === methods.post.defaultStatus)?.examples[0]?.value;
    // A batch create answers the new items in an array field of the request (`members: [...]`).
    const batchField = idPathOf(createExample, idParam) ? undefined : batchFieldOf(doc, methods.post, createExample, idParam);
    const idPath = batchField ? idPathOf(createExample[batchField][0], idParam) : idPathOf(createExample, idParam);
    // A POST whose answer carries no id (an action) makes no resource.
    if (!idPath) continue;
    const listItems = methods.get ? listItemsField(doc, methods.get) : null;
    const createSchema = requestSchemaRef(doc, methods.post);
    const replaceSchema = itemOps.put ? requestSchemaRef(doc, itemOps.put) : undefined;
    resources.push({
      collection,
      item,
      idParam,
      idPath,
      create: methods.post.operationId,
      ...(methods.get ? { list: methods.get.operationId, listItems: listItems?.name ?? null, listItemFields: listItems?.fields ?? null } : {}),
      ...(itemOps.get ? { read: itemOps.get.operationId } : {}),
      ...(itemOps.put ? { replace: itemOps.put.operationId } : {}),
      ...(itemOps.patch ? { patch: itemOps.patch.operationId } : {}),
      ...(itemOps.delete ? { delete: itemOps.delete.operationId } : {}),
      ...(methods.delete ? { deleteAll: methods.delete.operationId } : {}),
      // A PUT whose body is the create's sends the whole object (Kubernetes replace); another
      // body changes only the fields sent (VPCEP's update).
      ...(itemOps.put && createSchema && JSON.stringify(createSchema) === JSON.stringify(replaceSchema) ? { replaceWhole: true, replaceFields: topLevelFields(doc, replaceSchema) } : {}),
      ...(batchField ? { batchField } : {}),
    });
  }
  return resources;
}

/** A POST on `collection/<literal>` that answers an array of items with ids in a field its request also has. */
function batchAction(byPath, collection) {
  for (const [path, methods] of byPath) {
    if (!methods.post || !path.startsWith(`${collection}/`) || !/^\/[^/{}]+$/.test(path.slice(collection.length))) continue;
    const example = methods.post.responses.find((r) => r.status === methods.post.defaultStatus)?.examples[0]?.value;
    const arrays = example && typeof example === 'object' ? Object.values(example).filter((v) => Array.isArray(v) && v.length > 0) : [];
    if (arrays.some((items) => idPathOf(items[0], null)) && /(^|[-_/])(batch-)?(create|add)$/.test(path.slice(collection.length + 1))) return methods.post;
  }
  return undefined;
}

/** The JSON request body schema of an operation (its $ref when it has one). */
function requestSchemaRef(doc, op) {
  const found = operationsOf(doc).find((o) => o.operationId === op.operationId);
  const body = found?.operation.requestBody ? deref(doc, found.operation.requestBody) : undefined;
  const media = Object.entries(body?.content ?? {}).find(([type]) => /[/+]json$/.test(type))?.[1];
  return media?.schema;
}

/** The array field that both the request and the answer of a batch create hold, whose items carry the id. */
function batchFieldOf(doc, post, example, idParam) {
  if (!example || typeof example !== 'object') return undefined;
  const requestFields = topLevelFields(doc, requestSchemaRef(doc, post)) ?? [];
  return Object.keys(example).find((name) => Array.isArray(example[name]) && example[name].length > 0 && requestFields.includes(name) && idPathOf(example[name][0], idParam));
}

function idPathOf(example, idParam) {
  const candidates = [idParam ? [idParam] : null, ['id'], ['metadata', 'name'], ['name']].filter(Boolean);
  const found = candidates.find((path) => {
    const value = path.reduce((node, key) => (node && typeof node === 'object' ? node[key] : undefined), example);
    return typeof value === 'string' || typeof value === 'number';
  });
  return found ?? null;
}

/** The field of a list response that holds the items (the pagination's, else the only array) and the items' fields. */
function listItemsField(doc, list) {
  const success = list.responses.find((r) => r.status === list.defaultStatus);
  const example = success?.examples[0]?.value;
  const arrays = example && typeof example === 'object' ? Object.keys(example).filter((k) => Array.isArray(example[k])) : [];
  const name = list.pagination?.items ?? (arrays.length === 1 ? arrays[0] : null);
  if (!name) return null;
  return { name, fields: topLevelFields(doc, itemsSchema(doc, success.schemaRef, name)) };
}

/** The items schema of property `name` of a (possibly composed) object schema. */
function itemsSchema(doc, ref, name, depth = 0) {
  if (!ref || depth > 10) return undefined;
  const schema = deref(doc, ref);
  const property = schema.properties?.[name];
  if (property) return deref(doc, property).items;
  for (const part of [...(schema.allOf ?? []), ...(schema.oneOf ?? []), ...(schema.anyOf ?? [])]) {
    const found = itemsSchema(doc, part, name, depth + 1);
    if (found) return found;
  }
  return undefined;
}

function camel(name) {
  return name.replace(/[^A-Za-z0-9]+(.)/g, (_, c) => c.toUpperCase());
}
