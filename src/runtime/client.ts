// The hand-written core every generated client delegates to: a flat method input goes straight
// to the wire (validation, path and query encoding, headers, auth, the transport), and the
// response comes back parsed, bounded and typed. `raw` is openapi-fetch over the same transport.
import { normaliseBody, type NormalisePlan } from './normalise.js';
import createClient, { type Client } from 'openapi-fetch';
import { resolveConfig, type ClientOptions, type ResolvedConfig } from './config.js';
import { exchange, responseFromWire, wireFromRequest, type RetryOptions } from './transport.js';
import {
  ConfigurationError,
  MalformedResponseError,
  RequestValidationError,
  apiError,
  keptBody,
  scrubHeaders,
  type ErrorContext,
  type Service,
} from './errors.js';
import type { ServerTemplate } from './endpoints.js';
import { paginateMarker, paginateOffset } from './pagination.js';
import { assertSafeHeaderValue, encodePathParam } from './safety.js';
import { ResponseValidationError, validate, type ValidateFunction } from './validation.js';
import type { WireRequest, WireResponse } from './wire.js';

export type { OperationInput, OperationOutput } from './types.js';
export type { Auth, ClientOptions } from './config.js';
export type { UnlistedRegion } from './regions.js';

export interface CallOptions {
  signal?: AbortSignal | undefined;
  /** Per attempt, connect to last byte (overrides the client's). */
  timeoutMs?: number | undefined;
  /** The whole call including retries (overrides the client's). */
  totalTimeoutMs?: number | undefined;
  /** Per-call retry settings; `{ retryUnsafeMethods: true }` opts a POST in. */
  retry?: Partial<RetryOptions> | false | undefined;
  headers?: Record<string, string> | undefined;
  /** Overrides `validateRequests` for this call. */
  validate?: boolean | undefined;
}

/** What `client.withResponse.<method>()` resolves to. */
export interface WithResponse<T> {
  data: T;
  status: number;
  /** Response headers, lower-case names. */
  headers: Record<string, string>;
}

export interface OperationDescriptor {
  operationId: string;
  method: string;
  path: string;
  params: { path: string[]; query: string[]; header: string[] };
  /** Path parameter -> client option that fills it. */
  autoParams: Record<string, string>;
  hasBody: boolean;
  /**
   * Set when the body may be sent in several media types: media type -> how it is encoded
   * (`json`: JSON text; `text`: the string as given). The input's `contentType` chooses one.
   */
  bodyMediaTypes?: Record<string, 'json' | 'text'>;
  /** The media type sent when the input names none (with `bodyMediaTypes`). */
  defaultContentType?: string;
  idempotent: boolean;
  /** Statuses whose response documents a JSON body. */
  responseStatuses: string[];
  /** Documented success statuses that carry no body. */
  emptyStatuses: string[];
}

export interface ServiceDefinition {
  name: string;
  title: string;
  /** The spec's servers, in order: templated regional hosts and fixed ones. */
  servers: ServerTemplate[];
  /** `<operationId>Response<status>` -> where that body may hold a known variant (from the spec's `x-accept`). */
  normalisePlans: Readonly<Record<string, NormalisePlan>>;
  loadValidators: () => Promise<Readonly<Record<string, ValidateFunction>>>;
}

/** A list operation's `x-pagination` (spec/README.md). Field names may be dotted paths (`metadata.continue`). */
export type Pagination =
  | {
      style: 'offset';
      /** Where `limit` and `offset` go: query parameters (default) or fields of the request body. */
      in?: 'query' | 'body';
      items: string;
      total?: string;
      limit: string;
      offset: string;
      maxLimit?: number;
    }
  | {
      style: 'marker';
      items: string;
      /** The query parameter of the page size and that of the marker (`limit`, `continue`). */
      limit: string;
      marker: string;
      /** Where the answer holds the next marker (`metadata.continue`). */
      next: string;
      maxLimit?: number;
    };

/** Options of a `…All()` iterator besides the call options. */
export interface PaginateCallOptions extends CallOptions {
  /** Items per request (the operation's limit parameter). */
  pageSize?: number;
  /** Stop after this many items. */
  maxItems?: number;
}

type AnyMethod = (input?: object, options?: CallOptions) => Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface ServiceClientCore<Paths extends {}> {
  /** The openapi-fetch client over the same transport: auth, retries, deadlines, redirect policy, limits. */
  readonly raw: Client<Paths>;
  readonly baseUrl: string;
  /** Sends one operation; with `withResponse`, resolves to `{ data, status, headers }`. */
  call(op: OperationDescriptor, input: object, options?: CallOptions, withResponse?: boolean): Promise<unknown>;
  /** `call` bound to one operation (what generated methods are). */
  method(op: OperationDescriptor, withResponse?: boolean): AnyMethod;
  /** Every item of a list operation, page by page; options are checked before the first request. */
  paginate(op: OperationDescriptor, pagination: Pagination, input: object, options?: PaginateCallOptions): AsyncGenerator<unknown>;
}

type Params = Record<string, unknown>;
const decoder = new TextDecoder();

/** Query string as openapi-fetch's default serializer writes it: arrays exploded, objects deepObject. */
function queryString(query: Params): string {
  let out = '';
  for (const name in query) {
    const value = query[name];
    if (value === undefined || value === null) continue;
    const key = encodeURIComponent(name);
    if (Array.isArray(value)) {
      for (const v of value) out += `&${key}=${encodeURIComponent(String(v))}`;
    } else if (typeof value === 'object') {
      for (const [k, v] of Object.entries(value as Params)) if (v !== undefined) out += `&${key}%5B${encodeURIComponent(k)}%5D=${encodeURIComponent(String(v))}`;
    } else {
      out += `&${key}=${encodeURIComponent(String(value))}`;
    }
  }
  return out === '' ? '' : '?' + out.slice(1);
}

function fillPath(template: string, path: Params): string {
  return template.replace(/\{([^}]+)\}/g, (match, name: string) => {
    const value = path[name];
    return value === undefined || value === null ? match : encodePathParam(value as string | number);
  });
}


export function createServiceClient<Paths extends {}>(definition: ServiceDefinition, options: ClientOptions): ServiceClientCore<Paths> {
  const cfg = resolveConfig(definition, options);
  const service = cfg.service as Service;
  let validatorsPromise: ReturnType<ServiceDefinition['loadValidators']> | undefined;
  let loaded: Readonly<Record<string, ValidateFunction>> | undefined;
  const validators = async () => (loaded ??= await (validatorsPromise ??= definition.loadValidators()));

  function parse(op: OperationDescriptor, res: WireResponse, context: ErrorContext): unknown {
    const documented = op.responseStatuses.includes(String(res.status));
    const text = res.body.length === 0 ? '' : decoder.decode(res.body);
    const malformed = (why: string) =>
      new MalformedResponseError(
        `${why} (${op.operationId}: ${context.method} ${context.path}, status ${res.status})`,
        context,
        res.status,
        scrubHeaders(res.headers, cfg.secrets),
        keptBody(text, false, cfg.secrets),
      );
    if (text === '' || text.trim() === '') {
      if (documented) throw malformed('Empty response body where JSON is documented');
      return undefined;
    }
    try {
      return JSON.parse(text);
    } catch {
      // Never the SyntaxError: its message quotes the body, which may echo a credential.
      throw malformed('Response body is not valid JSON');
    }
  }

  async function call(op: OperationDescriptor, input: object, callOptions: CallOptions = {}, withResponse = false): Promise<unknown> {
    const method = op.method.toUpperCase();
    const split = splitInput(op, input as Params, cfg);
    const headers: Record<string, string> = { ...cfg.headers };
    for (const name in split.header) {
      const value = String(split.header[name]);
      assertSafeHeaderValue(name, value);
      headers[name.toLowerCase()] = value;
    }
    if (callOptions.headers) {
      for (const [name, value] of Object.entries(callOptions.headers)) {
        assertSafeHeaderValue(name, value);
        headers[name.toLowerCase()] = value;
      }
    }
    if (callOptions.validate ?? cfg.validateRequests) {
      const validator = (loaded ?? (await validators()))[`${op.operationId}Request`];
      if (!validator) throw new ConfigurationError(`no request validator for ${op.operationId}`);
      const issues = validate(validator, split);
      if (issues.length > 0) throw new RequestValidationError(op.operationId, issues, { method, path: cfg.basePath + op.path });
    }
    const path = cfg.basePath + fillPath(op.path, split.path);
    const request: WireRequest = { method, origin: cfg.origin, path: path + queryString(split.query), headers };
    if (op.hasBody && split.body !== undefined) {
      if (split.contentType !== undefined) {
        // The chosen media type decides the encoding and the header: nothing may override it.
        request.body = encodeBody(op, split.contentType, split.body, cfg);
        headers['content-type'] = split.contentType;
      } else {
        request.body = JSON.stringify(split.body);
        headers['content-type'] ??= 'application/json';
      }
    }
    const context: ErrorContext = { operationId: op.operationId, method, path };
    const res = await exchange(cfg, request, {
      signal: callOptions.signal,
      timeoutMs: callOptions.timeoutMs,
      totalTimeoutMs: callOptions.totalTimeoutMs,
      retry: callOptions.retry,
      operationId: op.operationId,
    });
    if (res.status < 200 || res.status >= 300) {
      throw apiError(
        service,
        { status: res.status, statusText: res.statusText, headers: res.headers, text: decoder.decode(res.body), truncated: res.truncated },
        { method, url: cfg.origin + path, path, secrets: cfg.secrets, operationId: op.operationId },
      );
    }
    const data = parse(op, res, context);
    if (cfg.validateResponses) {
      const validator = (await validators())[`${op.operationId}Response${res.status}`];
      if (!validator && !op.responseStatuses.includes(String(res.status)) && !op.emptyStatuses.includes(String(res.status))) {
        throw new ResponseValidationError(op.operationId, res.status, [
          { path: '(status)', rule: 'status', message: `status ${res.status} is not documented` },
        ], context);
      }
      if (validator) {
        const issues = validate(validator, data);
        if (issues.length > 0) throw new ResponseValidationError(op.operationId, res.status, issues, context);
      }
    }
    // The one place a parsed success body is handed back: known variants become the documented shape.
    const body = normaliseBody(definition.normalisePlans[`${op.operationId}Response${res.status}`], data);
    return withResponse ? ({ data: body, status: res.status, headers: res.headers } satisfies WithResponse<unknown>) : body;
  }

  function paginate(op: OperationDescriptor, pagination: Pagination, input: object, callOptions: PaginateCallOptions = {}): AsyncGenerator<unknown> {
    const { pageSize, maxItems, ...rest } = callOptions;
    const limits = { ...(pageSize !== undefined ? { pageSize } : {}), ...(maxItems !== undefined ? { maxItems } : {}) };
    const given = input as Params;
    const inBody = pagination.style === 'offset' && pagination.in === 'body';
    const body = given['body'] as Params | undefined;
    const owned = pagination.style === 'offset' ? [pagination.limit, pagination.offset] : [pagination.limit, pagination.marker];
    const taken = owned.filter((name) => (inBody ? body?.[name] : given[name]) !== undefined);
    if (taken.length > 0) throw new ConfigurationError(`${op.operationId}All sets ${taken.join(' and ')} itself: leave ${taken.length > 1 ? 'them' : 'it'} out of the input (use pageSize)`);
    if (inBody && body !== undefined && (body === null || typeof body !== 'object' || Array.isArray(body))) {
      throw new ConfigurationError(`${op.operationId}All: body must be an object (the iterator adds the paging fields to it)`);
    }
    const page = async (paging: Params) => (await call(op, inBody ? { ...given, body: { ...body, ...paging } } : { ...given, ...paging }, rest)) as Params;
    if (pagination.style === 'marker') {
      return paginateMarker(
        async (marker, limit) => {
          const answer = await page({ [pagination.limit]: limit, ...(marker !== undefined ? { [pagination.marker]: marker } : {}) });
          const items = at(answer, pagination.items);
          const next = at(answer, pagination.next);
          return { items: Array.isArray(items) ? items : [], next: typeof next === 'string' ? next : undefined };
        },
        { ...limits, ...(pagination.maxLimit !== undefined ? { maxPageSize: pagination.maxLimit } : {}) },
      );
    }
    return paginateOffset(async (offset, limit) => {
      const answer = await page({ [pagination.limit]: limit, [pagination.offset]: offset });
      const items = at(answer, pagination.items);
      const total = pagination.total ? at(answer, pagination.total) : undefined;
      return { items: Array.isArray(items) ? items : [], total: total === undefined ? Number.NaN : Number(total) };
    }, limits);
  }

  const raw = createClient<Paths>({
    baseUrl: cfg.baseUrl,
    // Every raw request runs through the same transport: credentials, deadlines, limits, redirects.
    fetch: async (request: Request) => {
      const wire = await wireFromRequest(request);
      if (wire.origin !== cfg.origin) throw new ConfigurationError('core.raw only sends to the client\'s base URL');
      for (const name in cfg.headers) wire.headers[name] ??= cfg.headers[name]!;
      return responseFromWire(await exchange(cfg, wire, { signal: request.signal }));
    },
    pathSerializer: (pathname, pathParams) =>
      pathname.replace(/\{([^}]+)\}/g, (match, name: string) => {
        const value = pathParams[name];
        return value === undefined || value === null ? match : encodePathParam(value as string | number);
      }),
  });

  const method = (op: OperationDescriptor, withResponse = false): AnyMethod => (input, callOptions) => call(op, input ?? {}, callOptions, withResponse);
  return { raw, baseUrl: cfg.baseUrl, call, method, paginate };
}

/** The body as the chosen media type carries it: JSON text, or a string sent as it is. */
function encodeBody(op: OperationDescriptor, contentType: string, body: unknown, cfg: ResolvedConfig): string {
  if (op.bodyMediaTypes?.[contentType] !== 'text') return JSON.stringify(body);
  if (typeof body !== 'string') {
    throw new RequestValidationError(
      op.operationId,
      [{ path: 'body', rule: 'type', message: `must be a string (the text of the ${contentType} body)` }],
      { method: op.method.toUpperCase(), path: cfg.basePath + op.path },
    );
  }
  return body;
}

/** The media type of the body: the input's `contentType` (checked), else the operation's default. */
function chosenContentType(op: OperationDescriptor, input: Params, cfg: ResolvedConfig): string | undefined {
  if (!op.bodyMediaTypes) return undefined;
  const chosen = input['contentType'] ?? op.defaultContentType;
  if (typeof chosen !== 'string' || !(chosen in op.bodyMediaTypes)) {
    throw new RequestValidationError(
      op.operationId,
      [{ path: 'contentType', rule: 'enum', message: `must be one of: ${Object.keys(op.bodyMediaTypes).join(', ')}` }],
      { method: op.method.toUpperCase(), path: cfg.basePath + op.path },
    );
  }
  return chosen;
}

/** A value at a dotted path of a parsed body (`metadata.continue`). */
function at(node: unknown, dotted: string): unknown {
  let current = node;
  for (const key of dotted.split('.')) current = current !== null && typeof current === 'object' ? (current as Params)[key] : undefined;
  return current;
}

function splitInput(op: OperationDescriptor, input: Params, cfg: ResolvedConfig) {
  const known = new Set([...op.params.path, ...op.params.query, ...op.params.header, 'body', ...(op.bodyMediaTypes ? ['contentType'] : [])]);
  const unknown = Object.keys(input).filter((k) => !known.has(k));
  if (unknown.length > 0) {
    throw new RequestValidationError(
      op.operationId,
      unknown.map((name) => ({ path: name, rule: 'additionalProperties', message: 'is not a parameter of this operation' })),
      { method: op.method.toUpperCase(), path: cfg.basePath + op.path },
    );
  }
  const pick = (names: string[]) => {
    const out: Params = {};
    for (const n of names) if (input[n] !== undefined) out[n] = input[n];
    return out;
  };
  const path = pick(op.params.path);
  for (const [param, option] of Object.entries(op.autoParams)) {
    if (path[param] !== undefined) continue;
    const value = option === 'projectId' ? cfg.projectId : undefined;
    if (value === undefined) throw new ConfigurationError(`${op.operationId} needs \`${option}\` in the client options (for the \`${param}\` path parameter)`);
    path[param] = value;
  }
  const contentType = chosenContentType(op, input, cfg);
  return {
    path,
    query: pick(op.params.query),
    header: pick(op.params.header),
    ...(contentType !== undefined ? { contentType } : {}),
    ...(input['body'] !== undefined ? { body: input['body'] } : {}),
  };
}
