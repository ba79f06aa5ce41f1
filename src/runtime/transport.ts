// fetch wrapper: bounded retries with full-jitter backoff, Retry-After, per-attempt timeouts.
import { ConfigurationError, TimeoutError } from './errors.js';

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
  maxElapsedMs: 30_000,
  retryUnsafeMethods: false,
});

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export interface TransportOptions {
  fetch?: typeof fetch;
  retry?: Partial<RetryOptions>;
  /** Per-attempt timeout (until response headers arrive). */
  timeoutMs?: number;
  random?: () => number;
  sleep?: Sleep;
  now?: () => number;
}

export interface CallOptions {
  retry?: Partial<RetryOptions> | false;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export type Transport = (request: Request, perCall?: CallOptions) => Promise<Response>;

const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS', 'TRACE']);

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

/** Retry-After as ms: delta-seconds or an HTTP date; undefined when absent or invalid. */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (value === null) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/** Full jitter: uniform in [0, min(maxDelay, base * 2^(retry-1))). */
export function backoffDelay(retry: number, opts: RetryOptions, random: () => number): number {
  return random() * Math.min(opts.maxDelayMs, opts.baseDelayMs * 2 ** (retry - 1));
}

function validate(r: RetryOptions): RetryOptions {
  const ok =
    Number.isInteger(r.maxAttempts) &&
    r.maxAttempts >= 1 &&
    r.baseDelayMs >= 0 &&
    r.maxDelayMs >= 0 &&
    r.maxElapsedMs >= 0 &&
    Number.isFinite(r.baseDelayMs);
  if (!ok) throw new ConfigurationError('Invalid retry options');
  return r;
}

function checkTimeout(ms: number | undefined): void {
  if (ms !== undefined && !(ms > 0 && Number.isFinite(ms))) {
    throw new ConfigurationError('timeoutMs must be a positive number');
  }
}

async function discard(res: Response): Promise<void> {
  // Cancelling (not reading) cannot hang on a slow body; undici then frees the socket.
  await res.body?.cancel().catch(() => {});
}

/** Settles with `p`, or rejects with the signal's reason first; never leaves a listener. */
function race(p: Promise<Response>, signal: AbortSignal): Promise<Response> {
  return new Promise<Response>((resolve, reject) => {
    const onAbort = () => {
      reject(signal.reason);
      // A fetch that ignored the signal may still deliver a response: release it.
      p.then(discard, () => {});
    };
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (r) => {
        signal.removeEventListener('abort', onAbort);
        resolve(r);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

export function createTransport(opts: TransportOptions = {}): Transport {
  const doFetch = opts.fetch ?? ((input: Request) => fetch(input));
  const random = opts.random ?? Math.random;
  const wait = opts.sleep ?? sleep;
  const now = opts.now ?? Date.now;
  const base = validate({ ...defaultRetry, ...opts.retry });
  checkTimeout(opts.timeoutMs);

  return async (request, perCall) => {
    const retry = perCall?.retry === false ? { ...base, maxAttempts: 1 } : validate({ ...base, ...perCall?.retry });
    const timeoutMs = perCall?.timeoutMs ?? opts.timeoutMs;
    checkTimeout(timeoutMs);
    const caller = perCall?.signal ? AbortSignal.any([request.signal, perCall.signal]) : request.signal;
    caller.throwIfAborted();

    const maxAttempts = IDEMPOTENT.has(request.method) || retry.retryUnsafeMethods ? retry.maxAttempts : 1;
    // Buffer the body once so each attempt can resend it.
    const body = maxAttempts > 1 && request.body ? await request.arrayBuffer() : undefined;
    const start = now();

    for (let attempt = 1; ; attempt++) {
      const ctl = new AbortController();
      const signal = AbortSignal.any([caller, ctl.signal]);
      const init: RequestInit = body === undefined ? { signal } : { signal, body };
      const req = new Request(request, init);
      let timedOut = false;
      const timer =
        timeoutMs === undefined
          ? undefined
          : setTimeout(() => {
              timedOut = true;
              ctl.abort(new TimeoutError(`Request timed out after ${timeoutMs} ms`));
            }, timeoutMs);

      let res: Response | undefined;
      let failure: unknown;
      try {
        res = await race(doFetch(req), signal);
      } catch (e) {
        failure = e;
      } finally {
        clearTimeout(timer);
      }

      if (caller.aborted) {
        if (res) await discard(res);
        throw caller.reason;
      }
      if (res === undefined && timedOut) {
        const url = new URL(request.url);
        // Path only: the query may hold signatures or tokens.
        failure = new TimeoutError(`${request.method} ${url.pathname} timed out after ${timeoutMs} ms`);
      }

      const last = attempt >= maxAttempts;
      if (res && (last || !isRetryableStatus(res.status))) return res;
      if (!res && last) throw failure;

      const retryAfter = res ? parseRetryAfter(res.headers.get('retry-after'), now()) : undefined;
      const delay = Math.min(retryAfter ?? backoffDelay(attempt, retry, random), retry.maxDelayMs);
      if (now() - start + delay >= retry.maxElapsedMs) {
        if (res) return res;
        throw failure;
      }
      if (res) await discard(res);
      await wait(delay, caller);
      caller.throwIfAborted(); // an injected sleep may ignore the signal
    }
  };
}
