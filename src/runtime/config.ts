// Client options are resolved here, once, into a frozen config the call path only reads:
// host, credentials (options or the vendor SDK's environment variables), headers, limits,
// retries, engine. Anything that cannot work is a ConfigurationError before anything is sent.
import { signRequest } from './signer.js';
import { ConfigurationError, type Service } from './errors.js';
import { normaliseBaseUrl, type ServerTemplate } from './endpoints.js';
import { resolveHost, type UnlistedRegion } from './regions.js';
import { assertSafeHeaderValue } from './safety.js';
import { createFetchEngine, type FetchLike } from './engine-fetch.js';
import {
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_TIMEOUT_MS,
  checkRetry,
  checkTimeout,
  defaultRetry,
  type RedirectPolicy,
  type RetryOptions,
  type Sleep,
  type TransportConfig,
} from './transport.js';
import type { Engine, WireRequest } from './wire.js';
import { USER_AGENT } from './version.js';

/** IAM token, or AK/SK (optionally temporary, with a security token). */
export type Auth =
  | { token: string }
  | { accessKey: string; secretKey: string; securityToken?: string | undefined };

/** An undici Dispatcher (Agent, ProxyAgent, …), typed by shape so that user code needs no Node types. */
export interface DispatcherLike {
  dispatch(options: never, handler: never): boolean;
}

export interface ClientOptions<Region extends string = string> {
  /**
   * Credentials. Without them the client reads the vendor SDK's variables: `HUAWEICLOUD_SDK_AK`,
   * `HUAWEICLOUD_SDK_SK` and optionally `HUAWEICLOUD_SDK_SECURITY_TOKEN`.
   */
  auth?: Auth | undefined;
  /** A region the spec lists (fills the server's `{region}`); `{ unlisted: 'xx-new-1' }` for one it does not list yet. */
  region?: Region | UnlistedRegion | undefined;
  /** CCE only: the cluster ID in the cluster-scoped host (required unless `baseUrl` is given). */
  clusterId?: string | undefined;
  /** Overrides the host resolved from the region (a proxy, a mock, a private endpoint). */
  baseUrl?: string | undefined;
  /** Fills `project_id` path parameters and, with AK/SK, `X-Project-Id`. Default: `HUAWEICLOUD_SDK_PROJECT_ID`. */
  projectId?: string | undefined;
  /** Retries for connection errors, attempt timeouts, 429 and 5xx; `false` turns them off. */
  retry?: Partial<RetryOptions> | false | undefined;
  /** Per attempt, from connect to the last byte of the body, in ms (default 20 000). */
  timeoutMs?: number | undefined;
  /** Whole call including retries and backoff, in ms (default: none, bounded by the retry budget). */
  totalTimeoutMs?: number | undefined;
  /** Largest success body accepted, in bytes (default 32 MiB); larger gives ResponseTooLargeError. */
  maxResponseBytes?: number | undefined;
  /** `never` (default): any redirect is a RedirectError. `same-origin`: follow (re-signed) within the origin. Other origins are always refused. */
  followRedirects?: RedirectPolicy | undefined;
  /** Validate requests against the spec before sending (default true). */
  validateRequests?: boolean | undefined;
  /** Validate response bodies against the spec (default false; contract tests turn it on). */
  validateResponses?: boolean | undefined;
  /** Extra headers on every request. */
  headers?: Record<string, string> | undefined;
  /** Send with this fetch instead (default in Node: undici's dispatcher; elsewhere globalThis.fetch). */
  fetch?: FetchLike | undefined;
  /** Node: an undici Dispatcher (ProxyAgent, Agent with TLS options…). Default: a shared keep-alive Agent, or EnvHttpProxyAgent when HTTP(S)_PROXY is set. */
  dispatcher?: DispatcherLike | undefined;
  /** Where credentials and the project id come from when not given (default process.env; `false`: nowhere). */
  env?: Record<string, string | undefined> | false | undefined;
  /** The clock used for request signing (tests inject one). */
  now?: (() => Date) | undefined;
  /** Backoff sleep (tests inject one). */
  sleep?: Sleep | undefined;
}

export interface ResolvedConfig extends TransportConfig {
  readonly service: Service;
  readonly baseUrl: string;
  readonly origin: string;
  /** Path prefix of the base URL ('' or '/mock'). */
  readonly basePath: string;
  readonly projectId: string | undefined;
  /** Lower-case names; User-Agent, Accept and the user's headers. */
  readonly headers: Readonly<Record<string, string>>;
  readonly validateRequests: boolean;
  readonly validateResponses: boolean;
}

const LABEL: Record<Service, string> = { cce: 'CCE', vpcep: 'VPCEP', apig: 'APIG' };
/** Server variables other than region, and the client option that fills each. */
const VARIABLE_OPTIONS: Record<string, 'clusterId'> = { cluster_id: 'clusterId' };

const isNode = (): boolean => typeof globalThis.process?.versions?.node === 'string';

// A computed specifier, so bundlers for the browser leave the Node engine (undici, node:zlib) out.
const NODE_ENGINE = './engine-node.js';
let nodeModule: Promise<typeof import('./engine-node.js')> | undefined;
const loadNodeEngine = () => (nodeModule ??= import(/* @vite-ignore */ NODE_ENGINE) as Promise<typeof import('./engine-node.js')>);

function engineFor(options: ClientOptions): () => Engine | Promise<Engine> {
  if (options.fetch) {
    if (options.dispatcher) throw new ConfigurationError('Pass either `fetch` or `dispatcher`, not both');
    const engine = createFetchEngine(options.fetch);
    return () => engine;
  }
  if (!isNode()) {
    if (options.dispatcher) throw new ConfigurationError('`dispatcher` needs Node (undici); pass `fetch` in this runtime');
    const engine = createFetchEngine();
    return () => engine;
  }
  let engine: Engine | undefined;
  let loading: Promise<Engine> | undefined;
  // A runtime that looks like Node but cannot load the Node engine (an edge runtime with Node
  // compatibility, a bundle without it) falls back to fetch, unless a dispatcher was asked for.
  const fallback = (error: unknown): Engine => {
    if (options.dispatcher) throw new ConfigurationError('`dispatcher` needs the Node transport, which cannot load here', {}, { cause: error });
    return createFetchEngine();
  };
  return () =>
    engine ??
    (loading ??= loadNodeEngine().then(
      (m) => (engine = m.createNodeEngine(options.dispatcher as never)),
      (error: unknown) => (engine = fallback(error)),
    ));
}

function envOf(options: ClientOptions): Record<string, string | undefined> {
  if (options.env === false) return {};
  return options.env ?? globalThis.process?.env ?? {};
}

function authOf(options: ClientOptions, env: Record<string, string | undefined>): Auth {
  if (options.auth) return options.auth;
  const accessKey = env['HUAWEICLOUD_SDK_AK'];
  const secretKey = env['HUAWEICLOUD_SDK_SK'];
  if (accessKey || secretKey) {
    if (!accessKey || !secretKey) throw new ConfigurationError('HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK must both be set');
    const securityToken = env['HUAWEICLOUD_SDK_SECURITY_TOKEN'];
    return { accessKey, secretKey, ...(securityToken ? { securityToken } : {}) };
  }
  throw new ConfigurationError(
    '`auth` is required: { token } or { accessKey, secretKey }, or set HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK',
  );
}

function checkAuth(auth: Auth): void {
  if (typeof auth !== 'object' || auth === null) throw new ConfigurationError('`auth` must be { token } or { accessKey, secretKey }');
  if ('token' in auth) {
    if (!auth.token) throw new ConfigurationError('auth.token is empty');
    assertSafeHeaderValue('X-Auth-Token', auth.token);
  } else {
    if (!auth.accessKey || !auth.secretKey) throw new ConfigurationError('auth needs both accessKey and secretKey');
    assertSafeHeaderValue('Authorization', auth.accessKey);
    if (auth.securityToken) assertSafeHeaderValue('X-Security-Token', auth.securityToken);
  }
}

function authorizer(auth: Auth, projectId: string | undefined, now: () => Date): TransportConfig['authorize'] {
  if ('token' in auth) {
    const token = auth.token;
    return (req) => {
      req.headers['x-auth-token'] = token;
      return req;
    };
  }
  const creds = { accessKey: auth.accessKey, secretKey: auth.secretKey };
  const securityToken = auth.securityToken;
  return async (req: WireRequest) => {
    const headers: Record<string, string> = { ...req.headers };
    if (projectId !== undefined) headers['x-project-id'] = projectId;
    if (securityToken) headers['x-security-token'] = securityToken;
    delete headers['authorization'];
    delete headers['x-sdk-date'];
    // Awaited, so a signer that becomes async (WebCrypto) needs no change here.
    const signed = await signRequest({ method: req.method, url: req.origin + req.path, headers, ...(req.body !== undefined ? { body: req.body } : {}) }, creds, now());
    headers['x-sdk-date'] = signed['X-Sdk-Date']!;
    headers['authorization'] = signed['Authorization']!;
    return { ...req, headers };
  };
}

function positive(name: string, v: number | undefined): void {
  if (v !== undefined && !(Number.isInteger(v) && v > 0)) throw new ConfigurationError(`${name} must be a positive integer`);
}

export interface ServiceServers {
  name: string;
  servers: ServerTemplate[];
}

export function resolveConfig(definition: ServiceServers, options: ClientOptions): ResolvedConfig {
  if (typeof options !== 'object' || options === null) throw new ConfigurationError('client options are required');
  const service = definition.name as Service;
  const label = LABEL[service] ?? definition.name;
  const env = envOf(options);
  const auth = authOf(options, env);
  checkAuth(auth);
  const baseUrl = options.baseUrl
    ? normaliseBaseUrl(options.baseUrl)
    : resolveHost(label, definition.servers, {
        region: options.region,
        variables: Object.fromEntries(Object.entries(VARIABLE_OPTIONS).map(([name, option]) => [name, { value: options[option], option }])),
      });
  const url = new URL(baseUrl);
  const projectId = options.projectId ?? (env['HUAWEICLOUD_SDK_PROJECT_ID'] || undefined);

  const headers: Record<string, string> = { accept: 'application/json' };
  // Browsers refuse to let scripts set User-Agent (and may preflight it): send it elsewhere only.
  if (isNode() || options.fetch) headers['user-agent'] = USER_AGENT;
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    assertSafeHeaderValue(name, value);
    headers[name.toLowerCase()] = value;
  }
  checkTimeout('timeoutMs', options.timeoutMs);
  checkTimeout('totalTimeoutMs', options.totalTimeoutMs);
  positive('maxResponseBytes', options.maxResponseBytes);
  if (options.followRedirects !== undefined && options.followRedirects !== 'never' && options.followRedirects !== 'same-origin') {
    throw new ConfigurationError('followRedirects must be "never" or "same-origin"');
  }
  const retry = options.retry === false ? { ...defaultRetry, maxAttempts: 1 } : checkRetry({ ...defaultRetry, ...options.retry });
  const now = options.now ?? (() => new Date());

  const config: ResolvedConfig = {
    service,
    baseUrl,
    origin: url.origin,
    basePath: url.pathname === '/' ? '' : url.pathname,
    projectId,
    headers: Object.freeze(headers),
    validateRequests: options.validateRequests ?? true,
    validateResponses: options.validateResponses ?? false,
    engine: engineFor(options),
    retry: Object.freeze(retry),
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    totalTimeoutMs: options.totalTimeoutMs,
    maxResponseBytes: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
    followRedirects: options.followRedirects ?? 'never',
    authorize: authorizer(auth, projectId, now),
    secrets: [],
    random: Math.random,
    now: Date.now,
    sleep: options.sleep,
  };
  // Not enumerable: a config that is logged or inspected does not show the credentials.
  Object.defineProperty(config, 'secrets', {
    value: Object.freeze(Object.values(auth).filter((v): v is string => typeof v === 'string' && v.length > 0)),
    enumerable: false,
  });
  return Object.freeze(config);
}
