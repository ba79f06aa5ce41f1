// The transport every call goes through: deadlines over the whole exchange (one shared timer),
// the caller's signal at any point, bounded bodies, an explicit redirect policy, bounded retries
// with full-jitter backoff and strict Retry-After, and one typed error for every failure.
import {
  AbortError,
  ConfigurationError,
  ConnectionError,
  ERROR_READ_LIMIT,
  MalformedResponseError,
  RedirectError,
  ResponseTooLargeError,
  TimeoutError,
  scrubSecrets,
  type ErrorContext,
} from './errors.js';
import { addDeadline, cancelDeadline, type Deadline } from './deadlines.js';
import { createFetchEngine, type FetchLike } from './engine-fetch.js';
import { BodyDecodeError, BodyTooLarge, type Attempt, type BodyLimit, type Engine, type WireRequest, type WireResponse } from './wire.js';

export type { WireRequest, WireResponse, Engine } from './wire.js';

export interface RetryOptions {
  /** Total attempts including the first (1 = no retry). */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Retry budget: no retry is started once it would begin after this many ms. */
  maxElapsedMs: number;
  /** Also retry POST/PATCH (only safe when the operation is idempotent in practice). */
  retryUnsafeMethods: boolean;
}

export const defaultRetry: RetryOptions = Object.freeze({
  maxAttempts: 3,
  baseDelayMs: 200,
  maxDelayMs: 5_000,
  // Longer than two default attempt timeouts, so a timed-out request is retried.
  maxElapsedMs: 60_000,
  retryUnsafeMethods: false,
});

/** Per-attempt timeout by default: connect to the last byte of the body. */
export const DEFAULT_TIMEOUT_MS = 20_000;
/** Success bodies above this are refused (ResponseTooLargeError). */
export const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;
const MAX_REDIRECTS = 5;

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;
export type RedirectPolicy = 'never' | 'same-origin';

export interface TransportConfig {
  /** The engine, or a promise of it while the Node engine loads. */
  engine: () => Engine | Promise<Engine>;
  retry: RetryOptions;
  timeoutMs: number | undefined;
  totalTimeoutMs: number | undefined;
  maxResponseBytes: number;
  followRedirects: RedirectPolicy;
  /** Adds credentials to one hop of one attempt (AK/SK re-signs every time). */
  authorize: (request: WireRequest) => WireRequest | Promise<WireRequest>;
  /** Credentials to scrub from anything that ends up in an error. */
  secrets: readonly string[];
  random: () => number;
  now: () => number;
  sleep: Sleep | undefined;
}

export interface ExchangeCall {
  signal?: AbortSignal | undefined;
  timeoutMs?: number | undefined;
  totalTimeoutMs?: number | undefined;
  retry?: Partial<RetryOptions> | false | undefined;
  operationId?: string | undefined;
}

const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS', 'TRACE']);
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** 429 and 5xx, except 501/505 which will not change on retry. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status <= 599 && status !== 501 && status !== 505);
}

/** Timer-based sleep that clears its timer and listener when `signal` aborts. */
export const sleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

const IMF_FIXDATE = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/**
 * Retry-After as ms: delta-seconds or an IMF-fixdate (RFC 9110). Anything else (a repeated
 * header "2, 2", "1.5", "-1", other date formats) is undefined, so the caller backs off instead.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const v = value.trim();
  if (/^\d{1,10}$/.test(v)) return Number(v) * 1000;
  if (!IMF_FIXDATE.test(v)) return undefined;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/** Full jitter: uniform in [0, min(maxDelay, base * 2^(retry-1))). */
export function backoffDelay(retry: number, opts: RetryOptions, random: () => number): number {
  return random() * Math.min(opts.maxDelayMs, opts.baseDelayMs * 2 ** (retry - 1));
}

export function checkRetry(r: RetryOptions): RetryOptions {
  const ok =
    Number.isInteger(r.maxAttempts) &&
    r.maxAttempts >= 1 &&
    r.baseDelayMs >= 0 &&
    r.maxDelayMs >= 0 &&
    r.maxElapsedMs >= 0 &&
    Number.isFinite(r.baseDelayMs);
  if (!ok) throw new ConfigurationError('Invalid retry options: maxAttempts must be an integer ≥ 1 and the delays non-negative numbers');
  return r;
}

export function checkTimeout(name: string, ms: number | undefined): void {
  if (ms !== undefined && !(ms > 0 && Number.isFinite(ms))) {
    throw new ConfigurationError(`${name} must be a positive number of milliseconds`);
  }
}

const pathname = (path: string): string => {
  const q = path.indexOf('?');
  return q === -1 ? path : path.slice(0, q);
};

/** Per-call state shared by the attempts, the backoff sleep and the caller's signal. */
class CallState {
  stopped: Error | undefined = undefined;
  /** Cancels the attempt in flight. */
  cancel: ((error: Error) => void) | undefined = undefined;
  /** Ends the backoff sleep early. */
  wake: (() => void) | undefined = undefined;

  stop(error: Error): void {
    if (this.stopped) return;
    this.stopped = error;
    this.cancel?.(error);
    this.wake?.();
  }
}

function runAttempt(
  engine: Engine,
  req: WireRequest,
  state: CallState,
  limit: (status: number) => BodyLimit,
  timeoutMs: number | undefined,
  timeoutError: () => Error,
): Promise<WireResponse> {
  return new Promise<WireResponse>((resolve, reject) => {
    const attempt: Attempt = { limit, abort: undefined, cancelled: undefined };
    let deadline: Deadline | undefined;
    // The engine may ignore its abort; the attempt still settles at once.
    const settle = (error: Error) => {
      if (attempt.cancelled) return;
      attempt.cancelled = error;
      cancelDeadline(deadline);
      state.cancel = undefined;
      attempt.abort?.(error);
      reject(error);
    };
    if (state.stopped) return reject(state.stopped);
    state.cancel = settle;
    if (timeoutMs !== undefined) deadline = addDeadline(timeoutMs, () => settle(timeoutError()));
    engine(req, attempt).then(
      (r) => {
        cancelDeadline(deadline);
        state.cancel = undefined;
        resolve(r);
      },
      (e: unknown) => {
        cancelDeadline(deadline);
        state.cancel = undefined;
        reject(e);
      },
    );
  });
}

function backoff(ms: number, state: CallState, call: ExchangeCall, injected: Sleep | undefined): Promise<void> {
  if (injected) return injected(ms, call.signal).catch(() => {});
  return new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      state.wake = undefined;
      resolve();
    }, ms);
    state.wake = () => {
      clearTimeout(timer);
      state.wake = undefined;
      resolve();
    };
  });
}

/** The request a redirect leads to, or a RedirectError; nothing is sent before this decides. */
function redirectTarget(cfg: TransportConfig, req: WireRequest, res: WireResponse, hops: number, context: ErrorContext): WireRequest {
  const location = res.headers['location'];
  let target: URL | undefined;
  try {
    target = location === undefined ? undefined : new URL(location, req.origin + req.path);
  } catch {
    target = undefined;
  }
  const host = target?.host;
  if (!target || (target.protocol !== 'https:' && target.protocol !== 'http:')) {
    throw new RedirectError(`Redirect ${res.status} without a usable Location refused${where(context)}`, context, res.status, host);
  }
  if (target.origin !== req.origin) {
    throw new RedirectError(`Redirect ${res.status} to another origin (${host}) refused: credentials are never sent there${where(context)}`, context, res.status, host);
  }
  if (cfg.followRedirects !== 'same-origin') {
    throw new RedirectError(`Redirect ${res.status} to ${host}${target.pathname} not followed (followRedirects is "never")${where(context)}`, context, res.status, host);
  }
  if (hops >= MAX_REDIRECTS) {
    throw new RedirectError(`More than ${MAX_REDIRECTS} redirects${where(context)}`, context, res.status, host);
  }
  // 303, and 301/302 after a POST, turn into a GET without a body (as browsers do).
  const toGet = (res.status === 303 && req.method !== 'HEAD') || ((res.status === 301 || res.status === 302) && req.method === 'POST');
  const headers = { ...req.headers };
  if (toGet) {
    delete headers['content-type'];
    delete headers['content-length'];
  }
  return { method: toGet ? 'GET' : req.method, origin: req.origin, path: target.pathname + target.search, headers, ...(toGet || req.body === undefined ? {} : { body: req.body }) };
}

const where = (c: ErrorContext): string => (c.method && c.path ? ` (${c.operationId ? c.operationId + ': ' : ''}${c.method} ${c.path})` : '');

function connectionError(e: unknown, cfg: TransportConfig, context: ErrorContext): ConnectionError {
  const cause = e as { message?: unknown; cause?: { code?: unknown; message?: unknown } } | undefined;
  const detail = [cause?.message, cause?.cause?.code ?? cause?.cause?.message].filter((x) => typeof x === 'string' && x).join(': ');
  return new ConnectionError(`Connection failed: ${scrubSecrets(detail || 'network error', cfg.secrets)}${where(context)}`, context, { cause: e });
}

/**
 * Sends `request` (without credentials: `cfg.authorize` adds them to every hop and attempt)
 * and returns the final response, its body read within the limits. Throws only the typed
 * errors of errors.ts. Non-2xx responses are returned, not thrown.
 */
export async function exchange(cfg: TransportConfig, request: WireRequest, call: ExchangeCall = {}): Promise<WireResponse> {
  const context: ErrorContext = { operationId: call.operationId, method: request.method, path: pathname(request.path) };
  const retry = call.retry === undefined ? cfg.retry : call.retry === false ? { ...cfg.retry, maxAttempts: 1 } : checkRetry({ ...cfg.retry, ...call.retry });
  const timeoutMs = call.timeoutMs ?? cfg.timeoutMs;
  const totalMs = call.totalTimeoutMs ?? cfg.totalTimeoutMs;
  if (call.timeoutMs !== undefined) checkTimeout('timeoutMs', call.timeoutMs);
  if (call.totalTimeoutMs !== undefined) checkTimeout('totalTimeoutMs', call.totalTimeoutMs);
  const signal = call.signal;
  if (signal?.aborted) throw new AbortError(`Aborted by the caller${where(context)}`, context, { cause: signal.reason });

  const engine = await cfg.engine();
  const state = new CallState();
  const onAbort = signal ? () => state.stop(new AbortError(`Aborted by the caller${where(context)}`, context, { cause: signal.reason })) : undefined;
  if (signal && onAbort) signal.addEventListener('abort', onAbort, { once: true });
  const total = totalMs === undefined ? undefined : addDeadline(totalMs, () => state.stop(new TimeoutError(`Call timed out after ${totalMs} ms in total${where(context)}`, context, 'total', totalMs)));
  const maxBytes = cfg.maxResponseBytes;
  const limit = (status: number): BodyLimit =>
    status >= 200 && status < 300 ? { maxBytes, overflow: 'error' } : { maxBytes: ERROR_READ_LIMIT, overflow: 'truncate' };
  const attemptTimeout = () => new TimeoutError(`Attempt timed out after ${timeoutMs} ms${where(context)}`, context, 'attempt', timeoutMs);

  try {
    const maxAttempts = IDEMPOTENT.has(request.method) || retry.retryUnsafeMethods ? retry.maxAttempts : 1;
    const start = cfg.now();
    for (let attempt = 1; ; attempt++) {
      let res: WireResponse | undefined;
      let failure: Error | undefined;
      let current = request;
      try {
        for (let hops = 0; ; hops++) {
          const authorized = await cfg.authorize(current);
          res = await runAttempt(engine, authorized, state, limit, timeoutMs, attemptTimeout);
          if (!REDIRECTS.has(res.status) && res.status !== 0) break;
          if (res.status === 0) {
            throw new RedirectError(`Redirect refused (the browser hides its target)${where(context)}`, context, 0, undefined);
          }
          current = redirectTarget(cfg, current, res, hops, context);
          res = undefined;
        }
      } catch (e) {
        if (state.stopped) throw state.stopped;
        if (e instanceof RedirectError || e instanceof ConfigurationError) throw e;
        if (e instanceof BodyTooLarge) throw new ResponseTooLargeError(context, e.status, e.headers, maxBytes);
        if (e instanceof BodyDecodeError) {
          throw new MalformedResponseError(`Cannot decode the ${e.encoding} response body${where(context)}`, context, e.status, e.headers, '');
        }
        failure = e instanceof TimeoutError ? e : connectionError(e, cfg, context);
      }
      if (state.stopped) throw state.stopped;

      const last = attempt >= maxAttempts;
      if (res && (last || !isRetryableStatus(res.status))) return res;
      if (!res && last) throw failure!;

      const retryAfter = res ? parseRetryAfter(res.headers['retry-after'], cfg.now()) : undefined;
      const delay = Math.min(retryAfter ?? backoffDelay(attempt, retry, cfg.random), retry.maxDelayMs);
      if (cfg.now() - start + delay >= retry.maxElapsedMs) {
        if (res) return res;
        throw failure!;
      }
      await backoff(delay, state, call, cfg.sleep);
      if (state.stopped) throw state.stopped;
    }
  } finally {
    if (signal && onAbort) signal.removeEventListener('abort', onAbort);
    cancelDeadline(total);
  }
}

/** Options of the fetch-shaped transport (`core.raw` and direct use). */
export interface TransportOptions {
  fetch?: FetchLike | undefined;
  /** An engine (tests, or the Node engine from the client config). */
  engine?: (() => Engine | Promise<Engine>) | undefined;
  retry?: Partial<RetryOptions> | undefined;
  timeoutMs?: number | undefined;
  totalTimeoutMs?: number | undefined;
  maxResponseBytes?: number | undefined;
  followRedirects?: RedirectPolicy | undefined;
  authorize?: TransportConfig['authorize'] | undefined;
  secrets?: readonly string[] | undefined;
  random?: (() => number) | undefined;
  sleep?: Sleep | undefined;
  now?: (() => number) | undefined;
}

export interface CallOptions {
  retry?: Partial<RetryOptions> | false | undefined;
  timeoutMs?: number | undefined;
  totalTimeoutMs?: number | undefined;
  signal?: AbortSignal | undefined;
}

/** fetch-shaped: a Request in, a Response out (status any; failures typed). */
export type Transport = (request: Request, perCall?: CallOptions) => Promise<Response>;

export function transportConfig(opts: TransportOptions = {}): TransportConfig {
  checkTimeout('timeoutMs', opts.timeoutMs);
  checkTimeout('totalTimeoutMs', opts.totalTimeoutMs);
  const fetchEngine = opts.engine ? undefined : createFetchEngine(opts.fetch);
  return {
    engine: opts.engine ?? (() => fetchEngine!),
    retry: checkRetry({ ...defaultRetry, ...opts.retry }),
    timeoutMs: opts.timeoutMs,
    totalTimeoutMs: opts.totalTimeoutMs,
    maxResponseBytes: opts.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
    followRedirects: opts.followRedirects ?? 'never',
    authorize: opts.authorize ?? ((r) => r),
    secrets: opts.secrets ?? [],
    random: opts.random ?? Math.random,
    now: opts.now ?? Date.now,
    sleep: opts.sleep,
  };
}

/** Reads a WHATWG Request into the plain form the transport sends. */
export async function wireFromRequest(request: Request): Promise<WireRequest> {
  const url = new URL(request.url);
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const body = request.body ? new Uint8Array(await request.arrayBuffer()) : undefined;
  return { method: request.method, origin: url.origin, path: url.pathname + url.search, headers, ...(body ? { body } : {}) };
}

const NULL_BODY = new Set([101, 103, 204, 205, 304]);

/** Wraps a transport response in a WHATWG Response (for openapi-fetch). */
export function responseFromWire(res: WireResponse): Response {
  const headers = new Headers();
  for (const name in res.headers) {
    if (name === 'content-encoding' || name === 'content-length') continue; // the body is decoded
    headers.set(name, res.headers[name]!);
  }
  const body = NULL_BODY.has(res.status) ? null : (res.body as Uint8Array<ArrayBuffer>);
  return new Response(body, { status: res.status, statusText: res.statusText, headers });
}

/** A fetch-shaped transport over the same machinery (used by `core.raw`). */
export function createTransport(opts: TransportOptions = {}): Transport {
  const cfg = transportConfig(opts);
  return async (request, perCall) => {
    const wire = await wireFromRequest(request);
    const signals = [request.signal, perCall?.signal].filter((s): s is AbortSignal => s !== undefined);
    const signal = signals.length === 2 ? AbortSignal.any(signals) : signals[0];
    const res = await exchange(cfg, wire, { ...perCall, signal });
    return responseFromWire(res);
  };
}
