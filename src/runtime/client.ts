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
import { paginateOffset } from './pagination.js';
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

export interface Pagination {
  style: string;
  items: string;
  total: string;
  limit: string;
  offset: string;
  maxLimit?: number;
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
  paginate(op: OperationDescriptor, pagination: Pagination, input: object, options?: CallOptions & { pageSize?: number }): AsyncGenerator<unknown>;
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
      request.body = JSON.stringify(split.body);
      headers['content-type'] ??= 'application/json';
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

  async function* paginate(
    op: OperationDescriptor,
    pagination: Pagination,
    input: object,
    callOptions: CallOptions & { pageSize?: number } = {},
  ): AsyncGenerator<unknown> {
    const { pageSize, ...rest } = callOptions;
    yield* paginateOffset(
      async (offset, limit) => {
        const page = (await call(op, { ...input, [pagination.limit]: limit, [pagination.offset]: offset }, rest)) as Params;
        const items = page?.[pagination.items];
        return { items: Array.isArray(items) ? items : [], total: Number(page?.[pagination.total] ?? 0) };
      },
      pageSize !== undefined ? { pageSize } : {},
    );
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

function splitInput(op: OperationDescriptor, input: Params, cfg: ResolvedConfig) {
  const known = new Set([...op.params.path, ...op.params.query, ...op.params.header, 'body']);
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
  return { path, query: pick(op.params.query), header: pick(op.params.header), ...(input['body'] !== undefined ? { body: input['body'] } : {}) };
}
