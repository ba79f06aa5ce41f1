// The mock of one service, independent of any test runner: `handle(request)` answers a Fetch
// Request from the spec (examples, validation, credentials, optional memory) or returns
// undefined when the request is not one of the service's operations.
import { validate } from '../runtime/validation.js';
import type { ValidationIssue } from '../runtime/errors.js';
import type { ValidateFunction } from '../runtime/validation.js';
import type { MockDefinition, MockExample, MockOperation, MockResource } from './definition.js';
import { compileBases, compileMatchers, matchPath, parseRequest, specPathname, type MatchedOperation } from './request.js';
import { MockUsageError, asciiHeader, findResponse, jsonResponse, mockErrorResponse, parsePrefer, resolveChoice, type Choice } from './respond.js';
import { PatchError, ResourceStore, applyJsonPatch, deepMerge, freshIdLike, getPath, isObject, mergePatch, project, replaceRecord, setPath } from './state.js';

export interface MockOptions {
  /** Remember created resources: reads, lists, updates and deletes of them reflect it (default false). */
  stateful?: boolean | undefined;
  /** Only answer requests under these URLs (e.g. the client's base URL); default: any origin. */
  baseUrl?: string | string[] | undefined;
  /** Check that a credential (X-Auth-Token or an AK/SK Authorization) is present (default true). */
  requireAuth?: boolean | undefined;
}

/** A request the mock answered with the documented error because it breaks the spec. */
export interface MockViolation {
  operationId: string;
  method: string;
  /** URL path only (no query string: it may hold secrets). */
  path: string;
  /** The documented error status for it (answered unless the test chose another). */
  status: number;
  issues: ValidationIssue[];
}

export interface ServiceMock {
  readonly service: string;
  /** Answers a request, or undefined when it is not for one of this service's operations. */
  handle(request: Request): Promise<Response | undefined>;
  /** The operation a request is for (method and path), if any. */
  match(request: Request): MatchedOperation | undefined;
  /** Answer this operation with a documented status/example until `reset()` (undefined: clear). */
  prefer(operationId: string, choice: Choice | undefined): void;
  /** Requests that broke the spec, oldest first. */
  readonly violations: readonly MockViolation[];
  /** What the stateful mode remembers. */
  records(): { collection: string; id: string; record: Record<string, unknown> }[];
  /** Forgets preferences, remembered resources and violations. */
  reset(): void;
}

/** Header naming each violation of an invalid request, as JSON `[{ path, rule, message }]`. */
export const VIOLATIONS_HEADER = 'x-mock-violations';
const MAX_REPORTED = 20;

export function createServiceMock(definition: MockDefinition, options: MockOptions = {}): ServiceMock {
  const matchers = compileMatchers(definition.operations);
  const bases = compileBases(options.baseUrl);
  const byId = new Map(definition.operations.map((op) => [op.operationId, op]));
  const store = new ResourceStore(definition.resources);
  const preferences = new Map<string, Choice>();
  const violations: MockViolation[] = [];
  let created = 0;
  let validatorsPromise: Promise<Readonly<Record<string, ValidateFunction>>> | undefined;
  const validators = () => (validatorsPromise ??= definition.loadValidators());
  const valueOf = (example: MockExample | undefined): unknown => (example ? structuredClone(definition.values[example.value]) : undefined);

  function match(request: Request): MatchedOperation | undefined {
    const pathname = specPathname(new URL(request.url), bases);
    if (pathname === undefined) return undefined;
    for (const matcher of matchers) {
      const found = matchPath(matcher, request.method, pathname);
      if (found) return found;
    }
    return undefined;
  }

  async function handle(request: Request): Promise<Response | undefined> {
    const matched = match(request);
    if (!matched) return undefined;
    try {
      return await answer(matched, request);
    } catch (error) {
      if (error instanceof MockUsageError) return mockErrorResponse(500, error.message);
      throw error;
    }
  }

  async function answer(matched: MatchedOperation, request: Request): Promise<Response> {
    const { op } = matched;
    const headerChoice = parsePrefer(request.headers.get('prefer'));
    const choice = headerChoice ?? preferences.get(op.operationId);
    const parsed = await parseRequest(matched, request);
    const issues = await requestIssues(op, parsed);
    const errorStatus = issues.length > 0 ? invalidStatus(op, issues) : undefined;
    if (errorStatus !== undefined) {
      violations.push({ operationId: op.operationId, method: request.method, path: new URL(request.url).pathname, status: errorStatus, issues });
    }
    // An explicit choice wins (the test asked for it); violations are still recorded and reported.
    const report = issues.length > 0 ? { [VIOLATIONS_HEADER]: asciiHeader(JSON.stringify(issues.slice(0, MAX_REPORTED))) } : {};
    if (choice) return example(op, choice, report);
    if (options.requireAuth !== false && !hasCredential(op, request)) return documentedError(op, 401, 'the request carries no credential', {});
    if (errorStatus !== undefined) return documentedError(op, errorStatus, 'the request breaks the spec', report);
    if (options.stateful) {
      // Under a remembered kind of resource that was never created (or was deleted): 404.
      const parent = missingParent(op, parsed.input.path);
      if (parent) return documentedError(op, 404, `no ${parent.collection} ${String(parsed.input.path[parent.idParam!])} was created`, {});
    }
    const role = options.stateful ? store.roleOf(op.operationId) : undefined;
    if (role) return stateful(op, role.resource, role.role, parsed.input, parsed.body.kind === 'json' ? parsed.input.contentType : undefined);
    return example(op, {}, {});
  }

  async function requestIssues(op: MockOperation, parsed: Awaited<ReturnType<typeof parseRequest>>): Promise<ValidationIssue[]> {
    const { body } = parsed;
    if (body.kind === 'unsupported') return [{ path: 'body', rule: 'mediaType', message: `content type ${body.mediaType} is not accepted (accepted: ${op.body!.mediaTypes.join(', ')})` }];
    if (body.kind === 'malformed') return [{ path: 'body', rule: 'json', message: `is not valid JSON: ${body.reason}` }];
    const validator = (await validators())[`${op.operationId}Request`];
    if (!validator) throw new MockUsageError(`no request validator for ${op.operationId}`);
    const { body: value, ...params } = parsed.input;
    const issues = validate(validator, op.body?.validated && (body.kind === 'json' || body.kind === 'text') ? { ...params, body: value } : params);
    // A body in a media type the mock cannot read (YAML, say) is not checked.
    return body.kind === 'opaque' ? issues.filter((i) => !i.path.startsWith('body')) : issues;
  }

  function example(op: MockOperation, choice: Choice, headers: Record<string, string>): Response {
    const { response, example: chosen } = resolveChoice(op, choice);
    return jsonResponse(response, valueOf(chosen), { ...headers, ...(chosen ? { 'x-mock-example': chosen.name } : {}) });
  }

  function documentedError(op: MockOperation, status: number, why: string, headers: Record<string, string>): Response {
    const response = findResponse(op, String(status));
    if (!response || (response.mediaType && response.examples.length === 0)) {
      return mockErrorResponse(status, `${why}; ${op.operationId} documents no ${status} example`);
    }
    return jsonResponse(response, valueOf(response.examples[0]), { ...headers, ...(response.examples[0] ? { 'x-mock-example': response.examples[0].name } : {}) });
  }

  /** The resource whose item path the operation's path lies under, when that item is not remembered. */
  function missingParent(op: MockOperation, pathParams: Record<string, unknown>): MockResource | undefined {
    return definition.resources.find(
      (r) => r.item && r.idParam && op.path.startsWith(`${r.item}/`) && !store.has(store.key(r, pathParams), String(pathParams[r.idParam])),
    );
  }

  function stateful(op: MockOperation, resource: MockResource, role: string, input: Awaited<ReturnType<typeof parseRequest>>['input'], mediaType: string | undefined): Response {
    const { response, example: chosen } = resolveChoice(op, {});
    const key = store.key(resource, input.path);
    const id = resource.idParam ? String(input.path[resource.idParam]) : undefined;
    const body = input.body;
    if (role === 'create' && resource.batchField) return batchCreate(op, resource, key, body, response, chosen);
    if (role === 'create') {
      // Under the create's example, the read's: a later read answers every field it documents.
      const read = resource.read ? byId.get(resource.read) : undefined;
      const readExample = read?.defaultStatus ? valueOf(findResponse(read, read.defaultStatus)?.examples[0]) : undefined;
      const base = deepMerge(isObject(readExample) ? readExample : {}, valueOf(chosen) ?? {});
      let record = (isObject(base) ? base : {}) as Record<string, unknown>;
      if (isObject(body)) record = deepMerge(record, project(body, response.fields)) as Record<string, unknown>;
      // A field named like a path parameter (project_id) is the request's, not the example's.
      for (const [name, value] of Object.entries(input.path)) if (name in record) record[name] = value;
      let newId = getPath(record, resource.idPath);
      if (getPath(body, resource.idPath) === undefined) {
        newId = freshIdLike(newId, ++created);
        setPath(record, resource.idPath, newId);
      }
      if (store.has(key, String(newId))) return documentedError(op, 409, `${String(newId)} exists`, {});
      store.put(key, String(newId), record);
      return jsonResponse(response, project(record, response.fields));
    }
    if (role === 'list') {
      const items = store.list(key);
      const page = valueOf(chosen);
      if (!resource.listItems || !isObject(page)) return jsonResponse(response, page);
      const shown = items.map((item) => project(item, resource.listItemFields));
      return jsonResponse(response, listBody(op, page, resource.listItems, shown, input.query));
    }
    if (role === 'deleteAll') {
      for (const item of store.list(key)) store.delete(key, String(getPath(item, resource.idPath)));
      return jsonResponse(response, valueOf(chosen));
    }
    const record = id === undefined ? undefined : store.get(key, id);
    if (!record || id === undefined) return documentedError(op, 404, `no ${resource.collection} ${id ?? ''} was created`, {});
    if (role === 'delete') {
      store.delete(key, id);
      return jsonResponse(response, valueOf(chosen));
    }
    if (role === 'patch' && body !== undefined) {
      let patched: unknown;
      try {
        // application/json-patch+json: RFC 6902; merge-patch, strategic-merge-patch and plain JSON: RFC 7386.
        patched = mediaType?.includes('json-patch') ? applyJsonPatch(record, body) : mergePatch(record, body);
      } catch (error) {
        if (error instanceof PatchError) return documentedError(op, op.responses.some((r) => r.status === '422') ? 422 : 400, error.message, {});
        throw error;
      }
      if (!isObject(patched)) return documentedError(op, 422, 'the patch leaves no object', {});
      setPath(patched, resource.idPath, getPath(record, resource.idPath));
      store.put(key, id, patched);
      return jsonResponse(response, project(patched, response.fields));
    }
    if (role === 'replace' && isObject(body)) {
      const updated = resource.replaceWhole ? replaceRecord(record, body, resource.replaceFields) : (deepMerge(record, project(body, response.fields)) as Record<string, unknown>);
      setPath(updated, resource.idPath, getPath(record, resource.idPath));
      store.put(key, id, updated);
      return jsonResponse(response, project(updated, response.fields));
    }
    return jsonResponse(response, project(record, response.fields));
  }

  /** A POST that adds several items at once (`{ members: [...] }`): each is remembered with a fresh id. */
  function batchCreate(op: MockOperation, resource: MockResource, key: string, body: unknown, response: ReturnType<typeof resolveChoice>['response'], chosen: MockExample | undefined): Response {
    const field = resource.batchField!;
    const page = valueOf(chosen);
    const template = isObject(page) && Array.isArray(page[field]) ? (page[field] as unknown[])[0] : undefined;
    const items = isObject(body) && Array.isArray(body[field]) ? (body[field] as unknown[]) : [];
    const records = items.map((item) => {
      const record = deepMerge(isObject(template) ? template : {}, isObject(item) ? item : {}) as Record<string, unknown>;
      setPath(record, resource.idPath, freshIdLike(getPath(record, resource.idPath), ++created));
      store.put(key, String(getPath(record, resource.idPath)), record);
      return record;
    });
    const answer = isObject(page) ? { ...page, [field]: records.map((r) => project(r, resource.listItemFields)) } : { [field]: records };
    return jsonResponse(response, answer);
  }

  return {
    service: definition.service,
    handle,
    match,
    prefer(operationId, choice) {
      const op = byId.get(operationId);
      if (!op) throw new MockUsageError(`${definition.service} has no operation ${operationId}`);
      if (choice === undefined) {
        preferences.delete(operationId);
        return;
      }
      resolveChoice(op, choice);
      preferences.set(operationId, choice);
    },
    violations,
    records: () => store.snapshot(),
    reset() {
      preferences.clear();
      store.clear();
      violations.length = 0;
    },
  };
}

/** The list example with its items replaced by the remembered ones (filtered and paged). */
function listBody(op: MockOperation, exampleBody: Record<string, unknown>, itemsField: string, records: Record<string, unknown>[], query: Record<string, unknown>): unknown {
  const pagination = op.pagination;
  const paging = new Set([pagination?.limit, pagination?.offset, pagination?.marker].filter(Boolean));
  // A query parameter named like a field of the resource filters on it (`?vpc_id=...`).
  const filtered = records.filter((record) =>
    Object.entries(query).every(([name, value]) => paging.has(name) || !(name in record) || String(record[name]) === String(value)),
  );
  // Marker style: the mock's marker is the offset of the next page, as text.
  const marked = pagination?.style === 'marker' && pagination.marker ? query[pagination.marker] : undefined;
  const offset = pagination?.offset ? Number(query[pagination.offset] ?? 0) : marked !== undefined ? Number(marked) || 0 : 0;
  const asked = pagination?.limit && query[pagination.limit] !== undefined ? Number(query[pagination.limit]) : 0;
  // Kubernetes reads a limit of zero (or none) as "everything".
  const limit = pagination?.style === 'marker' ? (asked > 0 ? asked : filtered.length) : pagination?.limit && query[pagination.limit] !== undefined ? asked : filtered.length;
  const body = structuredClone(exampleBody);
  body[itemsField] = filtered.slice(offset, offset + limit).map((r) => structuredClone(r));
  if (pagination?.total) body[pagination.total] = filtered.length;
  if (pagination?.style === 'marker' && pagination.next) {
    const next = pagination.next.split('.');
    const holder = getPath(body, next.slice(0, -1));
    if (offset + limit < filtered.length) setPath(body as Record<string, unknown>, next, String(offset + limit));
    else if (isObject(holder)) delete holder[next[next.length - 1]!];
  }
  return body;
}

/** Parameter faults: 400 (else 422); body faults: 422 when documented (Kubernetes), else 400. */
function invalidStatus(op: MockOperation, issues: ValidationIssue[]): number {
  const documented = (status: number) => op.responses.some((r) => r.status === String(status));
  const order = issues.some((i) => !i.path.startsWith('body') || i.rule === 'json' || i.rule === 'mediaType') ? [400, 422] : [422, 400];
  if (issues.every((i) => i.rule === 'mediaType') && documented(415)) return 415;
  return order.find(documented) ?? 400;
}

function hasCredential(op: MockOperation, request: Request): boolean {
  if (op.security.length === 0) return true;
  const url = new URL(request.url);
  return op.security.some((alternative) =>
    alternative.every((credential) =>
      credential.in === 'query' ? Boolean(url.searchParams.get(credential.name)) : Boolean(request.headers.get(credential.name)),
    ),
  );
}
