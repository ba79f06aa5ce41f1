// The hand-written core every generated client delegates to: it turns a flat method input into
// an openapi-fetch call with auth, endpoint resolution, validation, retries and typed errors.
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import { signRequest } from './signer.js';
import { createTransport, type RetryOptions } from './transport.js';
import { ConfigurationError, RequestValidationError, errorFromResponse, type Service } from './errors.js';
import { normaliseBaseUrl, resolveBaseUrl, type ServerTemplate } from './endpoints.js';
import { paginateOffset } from './pagination.js';
import { assertSafeHeaderValue, encodePathParam } from './safety.js';
import { ResponseValidationError, validate, type ValidateFunction } from './validation.js';

export type { OperationInput, OperationOutput } from './types.js';

/** IAM token, or AK/SK (optionally temporary, with a security token). */
export type Auth =
  | { token: string }
  | { accessKey: string; secretKey: string; securityToken?: string | undefined };

export interface ClientOptions {
  auth: Auth;
  /** Region such as `cn-north-4`; fills the spec server's `{region}`. */
  region?: string | undefined;
  /** CCE only: the cluster ID in the cluster-scoped host. */
  clusterId?: string | undefined;
  /** Overrides the host resolved from the region (a proxy, a mock, a private endpoint). */
  baseUrl?: string | undefined;
  /** Fills `project_id` path parameters and, with AK/SK, the `X-Project-Id` header. */
  projectId?: string | undefined;
  /** Retries for network errors, 429 and 5xx; `false` turns them off. */
  retry?: Partial<RetryOptions> | false | undefined;
  /** Per-attempt timeout in milliseconds (default 30 000). */
  timeoutMs?: number | undefined;
  /** Validate requests against the spec before sending (default true). */
  validateRequests?: boolean | undefined;
  /** Validate response bodies against the spec (default false; contract tests turn it on). */
  validateResponses?: boolean | undefined;
  /** Extra headers on every request. */
  headers?: Record<string, string> | undefined;
  /** A fetch implementation (default: globalThis.fetch). */
  fetch?: ((input: Request, init?: RequestInit) => Promise<Response>) | undefined;
  /** The clock used for request signing (tests inject one). */
  now?: (() => Date) | undefined;
}

export interface CallOptions {
  signal?: AbortSignal | undefined;
  timeoutMs?: number | undefined;
  /** Per-call retry settings; `{ retryUnsafeMethods: true }` opts a POST in. */
  retry?: Partial<RetryOptions> | false | undefined;
  headers?: Record<string, string> | undefined;
  /** Overrides `validateRequests` for this call. */
  validate?: boolean | undefined;
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
  responseStatuses: string[];
}

export interface ServiceDefinition {
  name: string;
  title: string;
  /** The spec's servers, in order: templated regional hosts and fixed ones. */
  servers: ServerTemplate[];
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

export interface ServiceClientCore<Paths extends {}> {
  /** The openapi-fetch client, with auth and the retrying transport already installed. */
  readonly raw: Client<Paths>;
  readonly baseUrl: string;
  call(op: OperationDescriptor, input: object, options?: CallOptions): Promise<unknown>;
  paginate(op: OperationDescriptor, pagination: Pagination, input: object, options?: CallOptions & { pageSize?: number }): AsyncGenerator<unknown>;
}

type Params = Record<string, unknown>;

export function createServiceClient<Paths extends {}>(definition: ServiceDefinition, options: ClientOptions): ServiceClientCore<Paths> {
  const service = definition.name as Service;
  const baseUrl = options.baseUrl
    ? normaliseBaseUrl(options.baseUrl)
    : resolveFromServers(definition.servers, { region: options.region, cluster_id: options.clusterId }, service);
  checkAuth(options.auth);
  // Scrubbed from any error body the server echoes back.
  const secrets = Object.values(options.auth).filter((v): v is string => typeof v === 'string' && v.length > 0);
  for (const [name, value] of Object.entries(options.headers ?? {})) assertSafeHeaderValue(name, value);

  const transport = createTransport({
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.retry === false ? { retry: { maxAttempts: 1 } } : options.retry ? { retry: options.retry } : {}),
    timeoutMs: options.timeoutMs ?? 30_000,
  });
  const raw = createClient<Paths>({
    baseUrl,
    fetch: (request) => transport(request),
    pathSerializer: (pathname, pathParams) =>
      pathname.replace(/\{([^}]+)\}/g, (match, name: string) => {
        const value = pathParams[name];
        return value === undefined || value === null ? match : encodePathParam(value as string | number);
      }),
    ...(options.headers ? { headers: options.headers } : {}),
  });
  raw.use(authMiddleware(options));
  let validatorsPromise: ReturnType<ServiceDefinition['loadValidators']> | undefined;
  const validators = () => (validatorsPromise ??= definition.loadValidators());

  async function call(op: OperationDescriptor, input: object, callOptions: CallOptions = {}): Promise<unknown> {
    const split = splitInput(op, input as Params, options);
    for (const [name, value] of Object.entries({ ...split.header, ...callOptions.headers })) {
      assertSafeHeaderValue(name, String(value));
    }
    if (callOptions.validate ?? options.validateRequests ?? true) {
      const validator = (await validators())[`${op.operationId}Request`];
      if (!validator) throw new ConfigurationError(`no request validator for ${op.operationId}`);
      const issues = validate(validator, split);
      if (issues.length > 0) throw new RequestValidationError(op.operationId, issues);
    }
    const perCall = {
      ...(callOptions.retry !== undefined ? { retry: callOptions.retry } : {}),
      ...(callOptions.timeoutMs !== undefined ? { timeoutMs: callOptions.timeoutMs } : {}),
      ...(callOptions.signal ? { signal: callOptions.signal } : {}),
    };
    const init = {
      params: { path: split.path, query: split.query, header: split.header },
      ...(op.hasBody && split.body !== undefined ? { body: split.body } : {}),
      ...(callOptions.headers ? { headers: callOptions.headers } : {}),
      ...(callOptions.signal ? { signal: callOptions.signal } : {}),
      // Errors become the service's typed error here, while the body is still unread.
      fetch: async (request: Request) => {
        const response = await transport(request, perCall);
        if (!response.ok) throw await errorFromResponse(service, response, { method: request.method, url: request.url, secrets });
        return response;
      },
    };
    const requestFn = raw.request as unknown as (m: string, p: string, i: object) => Promise<{ data?: unknown; response: Response }>;
    const { data, response } = await requestFn(op.method, op.path, init);
    if (options.validateResponses) {
      const validator = (await validators())[`${op.operationId}Response${response.status}`];
      if (!validator && !op.responseStatuses.includes(String(response.status))) {
        throw new ResponseValidationError(op.operationId, response.status, [
          { path: '(status)', rule: 'status', message: `status ${response.status} is not documented` },
        ]);
      }
      if (validator) {
        const issues = validate(validator, data);
        if (issues.length > 0) throw new ResponseValidationError(op.operationId, response.status, issues);
      }
    }
    return data;
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

  return { raw, baseUrl, call, paginate };
}

/** A fixed server naming the region wins (e.g. eu-west-101 on another domain); else the first template. */
function resolveFromServers(servers: ServerTemplate[], values: Record<string, string | undefined>, service: Service): string {
  const region = values['region'];
  if (region) {
    const fixed = servers.find((s) => !s.url.includes('{') && new URL(s.url).hostname.split('.').includes(region));
    if (fixed) return normaliseBaseUrl(fixed.url);
  }
  const template = servers.find((s) => s.url.includes('{')) ?? servers[0];
  if (!template) throw new ConfigurationError(`${service}: the spec declares no server`);
  return resolveBaseUrl({ url: template.url, variables: template.variables ?? {} }, values, service);
}

function splitInput(op: OperationDescriptor, input: Params, options: ClientOptions) {
  const known = new Set([...op.params.path, ...op.params.query, ...op.params.header, 'body']);
  const unknown = Object.keys(input).filter((k) => !known.has(k));
  if (unknown.length > 0) {
    throw new RequestValidationError(
      op.operationId,
      unknown.map((name) => ({ path: name, rule: 'additionalProperties', message: 'is not a parameter of this operation' })),
    );
  }
  const pick = (names: string[]) => Object.fromEntries(names.filter((n) => input[n] !== undefined).map((n) => [n, input[n]]));
  const path = pick(op.params.path);
  for (const [param, option] of Object.entries(op.autoParams)) {
    if (path[param] !== undefined) continue;
    const value = (options as unknown as Params)[option];
    if (value === undefined) throw new ConfigurationError(`${op.operationId} needs \`${option}\` in the client options (for the \`${param}\` path parameter)`);
    path[param] = value;
  }
  return { path, query: pick(op.params.query), header: pick(op.params.header), ...(input['body'] !== undefined ? { body: input['body'] } : {}) };
}

function checkAuth(auth: Auth | undefined): void {
  if (!auth) throw new ConfigurationError('`auth` is required: { token } or { accessKey, secretKey }');
  if ('token' in auth) {
    if (!auth.token) throw new ConfigurationError('auth.token is empty');
    assertSafeHeaderValue('X-Auth-Token', auth.token);
  } else {
    if (!auth.accessKey || !auth.secretKey) throw new ConfigurationError('auth needs both accessKey and secretKey');
    assertSafeHeaderValue('Authorization', auth.accessKey);
    if (auth.securityToken) assertSafeHeaderValue('X-Security-Token', auth.securityToken);
  }
}

/** Adds the IAM token, or signs the request with AK/SK as the very last step. */
function authMiddleware(options: ClientOptions): Middleware {
  const { auth } = options;
  const now = options.now ?? (() => new Date());
  return {
    async onRequest({ request }) {
      if ('token' in auth) {
        request.headers.set('X-Auth-Token', auth.token);
        return request;
      }
      if (options.projectId) request.headers.set('X-Project-Id', options.projectId);
      if (auth.securityToken) request.headers.set('X-Security-Token', auth.securityToken);
      const body = request.body ? new Uint8Array(await request.clone().arrayBuffer()) : undefined;
      const headers: Record<string, string> = {};
      request.headers.forEach((value, name) => {
        headers[name] = value;
      });
      const signed = await signRequest(
        { method: request.method, url: request.url, headers, ...(body ? { body } : {}) },
        { accessKey: auth.accessKey, secretKey: auth.secretKey },
        now(),
      );
      for (const [name, value] of Object.entries(signed)) request.headers.set(name, value);
      return request;
    },
  };
}
