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
  fetch?: (input: Request, init?: RequestInit) => Promise<Response>;
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

/** Aborts `ctl` when any of `signals` aborts; returns the function that unlinks them. */
function link(ctl: AbortController, signals: AbortSignal[]): () => void {
  // Plain listeners instead of AbortSignal.any, which is slow and GC-heavy on the hot path.
  const onAbort = (event: Event) => ctl.abort((event.target as AbortSignal).reason);
  for (const s of signals) s.addEventListener('abort', onAbort, { once: true });
  return () => {
    for (const s of signals) s.removeEventListener('abort', onAbort);
  };
}

export function createTransport(opts: TransportOptions = {}): Transport {
  const doFetch = opts.fetch ?? ((input: Request, init?: RequestInit) => fetch(input, init));
  const random = opts.random ?? Math.random;
  const wait = opts.sleep ?? sleep;
  const now = opts.now ?? Date.now;
  const base = validate({ ...defaultRetry, ...opts.retry });
  checkTimeout(opts.timeoutMs);

  return async (request, perCall) => {
    const retry = perCall?.retry === false ? { ...base, maxAttempts: 1 } : perCall?.retry ? validate({ ...base, ...perCall.retry }) : base;
    const timeoutMs = perCall?.timeoutMs ?? opts.timeoutMs;
    checkTimeout(timeoutMs);
    request.signal.throwIfAborted();
    perCall?.signal?.throwIfAborted();
    // One signal for the whole call, shared by attempts and backoff sleeps. Controllers are
    // costly to create in Node 20, so a second one is made only when there are two signals.
    let caller = request.signal;
    let unlinkCaller = () => {};
    if (perCall?.signal) {
      const callerCtl = new AbortController();
      unlinkCaller = link(callerCtl, [request.signal, perCall.signal]);
      caller = callerCtl.signal;
    }

    try {
      const maxAttempts = IDEMPOTENT.has(request.method) || retry.retryUnsafeMethods ? retry.maxAttempts : 1;
      // Buffer the body once so each attempt can resend it.
      const body = maxAttempts > 1 && request.body ? await request.arrayBuffer() : undefined;
      const start = now();

      for (let attempt = 1; ; attempt++) {
        const ctl = new AbortController();
        const unlink = link(ctl, [caller]);
        const signal = ctl.signal;
        // Without a body to resend, fetch(request, { signal }) builds its Request once (no copy
        // of our own); a resent body needs a fresh Request every attempt.
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
          res = await race(body === undefined ? doFetch(request, { signal }) : doFetch(new Request(request, { signal, body })), signal);
        } catch (e) {
          failure = e;
        } finally {
          clearTimeout(timer);
          unlink();
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
    } finally {
      unlinkCaller();
    }
  };
}
