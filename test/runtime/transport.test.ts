import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AbortError, RedirectError, TimeoutError } from '../../src/runtime/errors.js';
import {
  createTransport,
  defaultRetry,
  parseRetryAfter,
  sleep,
  type RetryOptions,
} from '../../src/runtime/transport.js';

type Handler = (req: Request, n: number) => Response | Promise<Response>;

/** A fetch stub that records requests (with their bodies) and honours the signal. */
function stub(handler: Handler) {
  const seen: { method: string; url: string; body: string }[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL) => {
    const req = input as Request;
    seen.push({ method: req.method, url: req.url, body: await req.text() });
    return handler(req, seen.length);
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, seen, calls: () => fetch.mock.calls.length };
}

/** A fetch that never answers but rejects when its request is aborted, like undici. */
function hanging() {
  let calls = 0;
  const fetch = ((input: Request) => {
    calls++;
    return new Promise<Response>((_, reject) => {
      input.signal.addEventListener('abort', () => reject(input.signal.reason), { once: true });
    });
  }) as unknown as typeof globalThis.fetch;
  return { fetch, calls: () => calls };
}

function sleeps() {
  const delays: number[] = [];
  const fn = async (ms: number) => {
    delays.push(ms);
  };
  return { fn, delays };
}

const fast: Partial<RetryOptions> = { baseDelayMs: 100, maxDelayMs: 1000 };
const get = (url = 'https://h.example.com/v1/p/items?limit=1') => new Request(url);

afterEach(() => {
  vi.useRealTimers();
});

describe('retries', () => {
  it('retries 503 and network errors for GET with full-jitter exponential backoff', async () => {
    const s = stub((_r, n) => {
      if (n === 1) throw new TypeError('fetch failed');
      return new Response(n === 2 ? 'busy' : 'ok', { status: n === 2 ? 503 : 200 });
    });
    const z = sleeps();
    const t = createTransport({ fetch: s.fetch, retry: fast, random: () => 0.5, sleep: z.fn });
    const res = await t(get());
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('ok');
    expect(s.calls()).toBe(3);
    // 0.5 * min(1000, 100 * 2^(n-1))
    expect(z.delays).toEqual([50, 100]);
  });

  it('caps the backoff at maxDelayMs and gives up after maxAttempts', async () => {
    const s = stub(() => new Response('x', { status: 500 }));
    const z = sleeps();
    const t = createTransport({
      fetch: s.fetch,
      retry: { maxAttempts: 5, baseDelayMs: 400, maxDelayMs: 1000 },
      random: () => 0.999999,
      sleep: z.fn,
    });
    const res = await t(get());
    expect(res.status).toBe(500);
    expect(s.calls()).toBe(5);
    expect(z.delays.map(Math.round)).toEqual([400, 800, 1000, 1000]);
  });

  it('throws the last network error after maxAttempts', async () => {
    const s = stub(() => {
      throw new TypeError('fetch failed');
    });
    const t = createTransport({ fetch: s.fetch, sleep: sleeps().fn });
    await expect(t(get())).rejects.toThrow('fetch failed');
    expect(s.calls()).toBe(defaultRetry.maxAttempts);
  });

  it('does not retry 4xx other than 429, nor 501', async () => {
    for (const status of [400, 404, 409, 501]) {
      const s = stub(() => new Response(null, { status }));
      const t = createTransport({ fetch: s.fetch, sleep: sleeps().fn });
      expect((await t(get())).status).toBe(status);
      expect(s.calls()).toBe(1);
    }
  });

  it('does not retry POST unless retryUnsafeMethods, and then resends the body', async () => {
    const s = stub((_r, n) => new Response(null, { status: n < 3 ? 502 : 201 }));
    const t = createTransport({ fetch: s.fetch, sleep: sleeps().fn });
    const post = () =>
      new Request('https://h/v1/p/vpc-endpoints', { method: 'POST', body: '{"a":1}', headers: { 'content-type': 'application/json' } });
    expect((await t(post())).status).toBe(502);
    expect(s.calls()).toBe(1);

    const res = await t(post(), { retry: { retryUnsafeMethods: true } });
    expect(res.status).toBe(201);
    expect(s.seen.slice(1).map((r) => [r.method, r.body])).toEqual([
      ['POST', '{"a":1}'],
      ['POST', '{"a":1}'],
    ]);
  });

  it('retries PUT and DELETE by default; retry:false disables retries per call', async () => {
    for (const method of ['PUT', 'DELETE']) {
      const s = stub((_r, n) => new Response(null, { status: n === 1 ? 503 : 204 }));
      const t = createTransport({ fetch: s.fetch, sleep: sleeps().fn });
      expect((await t(new Request('https://h/x', { method }))).status).toBe(204);
      expect((await t(new Request('https://h/x', { method }), { retry: false })).status).toBe(204);
      expect(s.calls()).toBe(3);
    }
    const s = stub(() => new Response(null, { status: 503 }));
    const t = createTransport({ fetch: s.fetch, sleep: sleeps().fn });
    expect((await t(get(), { retry: false })).status).toBe(503);
    expect(s.calls()).toBe(1);
  });

  it('cancels the body of every response it retries', async () => {
    const cancelled: number[] = [];
    const s = stub((_r, n) => {
      const body = new ReadableStream({
        pull(c) {
          c.enqueue(new Uint8Array(8));
        },
        cancel() {
          cancelled.push(n);
        },
      });
      return new Response(n < 3 ? body : 'done', { status: n < 3 ? 503 : 200 });
    });
    const t = createTransport({ fetch: s.fetch, sleep: sleeps().fn });
    await t(get());
    expect(cancelled).toEqual([1, 2]);
  });
});

describe('Retry-After and the time budget', () => {
  it('parses delta-seconds and HTTP dates', () => {
    const now = Date.UTC(2024, 0, 1, 0, 0, 0);
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter('Mon, 01 Jan 2024 00:00:02 GMT', now)).toBe(2000);
    expect(parseRetryAfter('Sun, 31 Dec 2023 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    // Not delta-seconds nor an IMF-fixdate: Date.parse would read these as dates in 2001.
    for (const v of ['1.5', '-1', '2, 2', '+3', 'Mon, 01 Jan 2024 00:00:02', 'Monday, 01-Jan-24 00:00:02 GMT']) {
      expect(parseRetryAfter(v, now)).toBeUndefined();
    }
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it('waits Retry-After (not the jittered backoff), capped by maxDelayMs', async () => {
    const s = stub((_r, n) =>
      n === 1
        ? new Response(null, { status: 429, headers: { 'Retry-After': '2' } })
        : n === 2
          ? new Response(null, { status: 503, headers: { 'Retry-After': '3600' } })
          : new Response('ok'),
    );
    const z = sleeps();
    const t = createTransport({
      fetch: s.fetch,
      retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5000, maxElapsedMs: 60_000 },
      random: () => 0,
      sleep: z.fn,
    });
    expect((await t(get())).status).toBe(200);
    expect(z.delays).toEqual([2000, 5000]);
  });

  it('honours an HTTP-date Retry-After with the injected clock', async () => {
    const clock = Date.UTC(2024, 0, 1);
    const s = stub((_r, n) =>
      n === 1
        ? new Response(null, { status: 503, headers: { 'Retry-After': 'Mon, 01 Jan 2024 00:00:01 GMT' } })
        : new Response('ok'),
    );
    const z = sleeps();
    const t = createTransport({ fetch: s.fetch, sleep: z.fn, now: () => clock });
    expect((await t(get())).status).toBe(200);
    expect(z.delays).toEqual([1000]);
  });

  it('returns the last response instead of sleeping past maxElapsedMs', async () => {
    let clock = 0;
    const s = stub(() => {
      clock += 4000; // each attempt takes 4 s
      return new Response(null, { status: 503 });
    });
    const z = sleeps();
    const t = createTransport({
      fetch: s.fetch,
      retry: { maxAttempts: 10, baseDelayMs: 1000, maxDelayMs: 1000, maxElapsedMs: 10_000 },
      random: () => 1,
      sleep: async (ms) => {
        clock += ms;
        await z.fn(ms);
      },
      now: () => clock,
    });
    expect((await t(get())).status).toBe(503);
    // t=4s sleep→5s, t=9s: 9+1 ≥ 10 → stop.
    expect(s.calls()).toBe(2);
    expect(z.delays).toEqual([1000]);
  });
});

describe('timeouts and aborts', () => {
  it('throws TimeoutError per attempt and leaves no timer behind', async () => {
    vi.useFakeTimers();
    const h = hanging();
    const t = createTransport({ fetch: h.fetch, timeoutMs: 1000, retry: { maxAttempts: 1 } });
    const p = t(get('https://h/x?token=SECRET'));
    const check = expect(p).rejects.toSatisfy(
      (e: unknown) => e instanceof TimeoutError && !String((e as Error).message).includes('SECRET'),
    );
    await vi.advanceTimersByTimeAsync(1000);
    await check;
    expect(vi.getTimerCount()).toBe(0);
  });

  it('retries a timed-out GET and succeeds', async () => {
    vi.useFakeTimers();
    let n = 0;
    const h = hanging();
    const f = ((req: Request) => (++n === 1 ? h.fetch(req) : Promise.resolve(new Response('late ok')))) as typeof fetch;
    const t = createTransport({ fetch: f, timeoutMs: 500, random: () => 0.5, retry: fast });
    const p = t(get());
    await vi.advanceTimersByTimeAsync(500 + 50);
    expect(await (await p).text()).toBe('late ok');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('times out even if the fetch ignores its signal', async () => {
    vi.useFakeTimers();
    const f = (() => new Promise<Response>(() => {})) as typeof fetch;
    const t = createTransport({ fetch: f, timeoutMs: 200 });
    const p = t(get(), { retry: false });
    const check = expect(p).rejects.toBeInstanceOf(TimeoutError);
    await vi.advanceTimersByTimeAsync(200);
    await check;
    expect(vi.getTimerCount()).toBe(0);
  });

  it('releases a response that arrives after the timeout', async () => {
    vi.useFakeTimers();
    let cancelled = false;
    let deliver: (r: Response) => void = () => {};
    const f = (() => new Promise<Response>((r) => (deliver = r))) as typeof fetch;
    const t = createTransport({ fetch: f, timeoutMs: 200 });
    const check = expect(t(get(), { retry: false })).rejects.toBeInstanceOf(TimeoutError);
    await vi.advanceTimersByTimeAsync(200);
    await check;
    const body = new ReadableStream({
      cancel() {
        cancelled = true;
      },
    });
    deliver(new Response(body));
    await vi.advanceTimersByTimeAsync(0);
    expect(cancelled).toBe(true);
  });

  it('stops after a backoff when the caller aborted, even if the sleep ignores signals', async () => {
    const s = stub(() => new Response(null, { status: 503 }));
    const ac = new AbortController();
    const t = createTransport({ fetch: s.fetch, sleep: async () => ac.abort() });
    await expect(t(get(), { signal: ac.signal })).rejects.toMatchObject({ name: 'AbortError' });
    expect(s.calls()).toBe(1);
  });

  it('rejects with an AbortError carrying the caller reason immediately, without retrying', async () => {
    vi.useFakeTimers();
    const h = hanging();
    const t = createTransport({ fetch: h.fetch, timeoutMs: 60_000 });
    const ac = new AbortController();
    const p = t(get(), { signal: ac.signal });
    const reason = new Error('user cancelled');
    await vi.advanceTimersByTimeAsync(0); // the request is on the wire
    expect(h.calls()).toBe(1);
    ac.abort(reason);
    await expect(p).rejects.toSatisfy((e: unknown) => e instanceof AbortError && e.cause === reason);
    expect(h.calls()).toBe(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('honours an abort via the Request signal and rejects with AbortError', async () => {
    const h = hanging();
    const t = createTransport({ fetch: h.fetch });
    const ac = new AbortController();
    const p = t(new Request('https://h/x', { signal: ac.signal }));
    ac.abort();
    await expect(p).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('does not call fetch when already aborted', async () => {
    const s = stub(() => new Response());
    const t = createTransport({ fetch: s.fetch });
    await expect(t(get(), { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
    expect(s.calls()).toBe(0);
  });

  it('aborts during the backoff sleep and clears the sleep timer', async () => {
    vi.useFakeTimers();
    const s = stub(() => new Response(null, { status: 503 }));
    const t = createTransport({ fetch: s.fetch, retry: { baseDelayMs: 10_000, maxDelayMs: 10_000 }, random: () => 1 });
    const ac = new AbortController();
    const p = t(get(), { signal: ac.signal });
    const check = expect(p).rejects.toMatchObject({ name: 'AbortError' });
    await vi.advanceTimersByTimeAsync(10); // first attempt done, now sleeping
    expect(vi.getTimerCount()).toBe(1);
    ac.abort();
    await check;
    expect(vi.getTimerCount()).toBe(0);
    expect(s.calls()).toBe(1);
  });

  it('sleep() resolves after the delay and rejects on abort', async () => {
    vi.useFakeTimers();
    const done = vi.fn();
    void sleep(100).then(done);
    await vi.advanceTimersByTimeAsync(99);
    expect(done).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toHaveBeenCalled();
    const ac = new AbortController();
    const p = sleep(100, ac.signal);
    ac.abort(new Error('stop'));
    await expect(p).rejects.toThrow('stop');
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('redirects through a fetch', () => {
  it('refuses a redirect to another origin, naming the host, without a second request', async () => {
    const s = stub(() => new Response(null, { status: 307, headers: { location: 'https://evil.example.net/x' } }));
    const t = createTransport({ fetch: s.fetch, followRedirects: 'same-origin' });
    const e = await t(get()).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(RedirectError);
    expect((e as RedirectError).targetHost).toBe('evil.example.net');
    expect((e as Error).message).toContain('evil.example.net');
    expect(s.calls()).toBe(1);
  });

  it('follows a same-origin 303 as a GET without the body when allowed, and refuses it by default', async () => {
    const s = stub((_r, n) => (n % 2 === 1 ? new Response(null, { status: 303, headers: { location: '/v1/p/done' } }) : new Response('ok')));
    const post = () => new Request('https://h.example.com/v1/p/items', { method: 'POST', body: '{"a":1}' });
    const res = await createTransport({ fetch: s.fetch, followRedirects: 'same-origin' })(post());
    expect(await res.text()).toBe('ok');
    expect(s.seen.map((r) => [r.method, r.url, r.body])).toEqual([
      ['POST', 'https://h.example.com/v1/p/items', '{"a":1}'],
      ['GET', 'https://h.example.com/v1/p/done', ''],
    ]);
    await expect(createTransport({ fetch: s.fetch })(post())).rejects.toBeInstanceOf(RedirectError);
  });
});

describe('with a real HTTP server', () => {
  async function serve(handler: (req: IncomingMessage, body: string, res: ServerResponse) => void) {
    const server = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => (body += c));
      req.on('end', () => handler(req, body, res));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    const close = () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      });
    return { url: `http://127.0.0.1:${port}`, close };
  }

  it('retries a 503 with Retry-After: 0 and resends the POST body', async () => {
    const bodies: string[] = [];
    const srv = await serve((_req, body, res) => {
      bodies.push(body);
      if (bodies.length === 1) {
        res.writeHead(503, { 'Retry-After': '0', 'Content-Type': 'text/plain' }).end('busy '.repeat(10_000));
      } else {
        res.writeHead(201, { 'Content-Type': 'application/json' }).end('{"id":"e1"}');
      }
    });
    try {
      const t = createTransport({ timeoutMs: 5000 });
      const req = new Request(`${srv.url}/v1/p/vpc-endpoints`, { method: 'POST', body: '{"vpc_id":"v"}' });
      const res = await t(req, { retry: { retryUnsafeMethods: true } });
      expect(res.status).toBe(201);
      expect(await res.json()).toEqual({ id: 'e1' });
      expect(bodies).toEqual(['{"vpc_id":"v"}', '{"vpc_id":"v"}']);
    } finally {
      await srv.close();
    }
  });

  it('times out against a server that never answers', async () => {
    const srv = await serve(() => {
      /* never respond */
    });
    try {
      const t = createTransport({ timeoutMs: 100, retry: { maxAttempts: 1 } });
      await expect(t(new Request(`${srv.url}/slow`))).rejects.toBeInstanceOf(TimeoutError);
    } finally {
      await srv.close();
    }
  });
});
