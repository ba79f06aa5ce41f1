// One fault case, run in a child process of test/faults/faults.test.ts against the misbehaving
// server there. Prints a JSON report; the process must then exit on its own (a socket, timer or
// listener left behind keeps it alive, and the parent fails the case).
// Usage: node runner.js <case> <json params>
import { inspect } from 'node:util';
import { Agent, type Dispatcher } from 'undici';
import { createVpcepClient } from '../../generated/vpcep/index.js';
import * as errors from '../../src/runtime/errors.js';

interface Params {
  base: string;
  foreign?: string;
  token: string;
  ak: string;
  sk: string;
  status?: number;
}

const [name, raw] = process.argv.slice(2);
const p = JSON.parse(raw ?? '{}') as Params;
const failures: string[] = [];
const note: Record<string, unknown> = {};
const expect = (ok: boolean, what: string) => {
  if (!ok) failures.push(what);
};

type Opts = Parameters<typeof createVpcepClient>[0];
const client = (extra: Partial<Opts> = {}) =>
  // Request validation off: not what these cases test, and it keeps each child's start-up small.
  createVpcepClient({ baseUrl: p.base, projectId: 'proj-1', auth: { token: p.token }, env: false, validateRequests: false, ...extra } as Opts);
const akskClient = (extra: Partial<Opts> = {}) => client({ auth: { accessKey: p.ak, secretKey: p.sk, securityToken: p.token }, ...extra });

/** No credential in any view of the error. */
function clean(e: unknown, label = 'error'): void {
  const err = e as Error & { toJSON?: () => unknown };
  const views = [String(err?.message), String(err?.stack), safeJson(err), inspect(err, { depth: 10 })];
  for (const secret of [p.token, p.sk, p.ak]) {
    if (views.some((v) => v.includes(secret))) failures.push(`${label} carries a secret (${secret.slice(0, 4)}…)`);
  }
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v) ?? '';
  } catch {
    return '';
  }
}

/** The call must fail with `expected` (by name), in the hierarchy, naming operation, method and path. */
async function fails(call: Promise<unknown>, expected: string, label = expected): Promise<Record<string, unknown> | undefined> {
  try {
    await call;
    failures.push(`${label}: the call succeeded`);
    return undefined;
  } catch (e) {
    const err = e as Error & Record<string, unknown>;
    expect(err?.name === expected, `${label}: expected ${expected}, got ${err?.name}: ${String(err?.message).slice(0, 200)}`);
    expect(typeof errors.HuaweiCloudError === 'function' && err instanceof errors.HuaweiCloudError, `${label}: not in the error hierarchy`);
    expect(err?.['operationId'] === 'ListEndpoints' || err?.['operationId'] === 'CreateEndpointService', `${label}: operationId missing`);
    expect(typeof err?.['method'] === 'string' && typeof err?.['path'] === 'string', `${label}: method/path missing`);
    clean(e, label);
    return err;
  }
}

/** Forwards every handler call, and reports when the response headers arrive. */
class OnHeaders implements Dispatcher.DispatchHandler {
  constructor(
    private readonly inner: Dispatcher.DispatchHandler,
    private readonly seen: () => void,
  ) {}
  onRequestStart(c: Dispatcher.DispatchController, ctx: unknown) {
    this.inner.onRequestStart?.(c, ctx);
  }
  onResponseStart(c: Dispatcher.DispatchController, status: number, headers: Record<string, string | string[]>, text?: string) {
    this.inner.onResponseStart?.(c, status, headers, text);
    this.seen();
  }
  onResponseData(c: Dispatcher.DispatchController, chunk: Buffer) {
    this.inner.onResponseData?.(c, chunk);
  }
  onResponseEnd(c: Dispatcher.DispatchController, trailers: Record<string, string | string[]>) {
    this.inner.onResponseEnd?.(c, trailers);
  }
  onResponseError(c: Dispatcher.DispatchController, error: Error) {
    this.inner.onResponseError?.(c, error);
  }
}

const okBody = (v: unknown) => Array.isArray((v as { endpoints?: unknown })?.endpoints);

const cases: Record<string, () => Promise<void>> = {
  async refused() {
    const e = await fails(client({ retry: false }).listEndpoints({ limit: 1 }), 'ConnectionError');
    expect(e?.['cause'] !== undefined, 'ConnectionError without cause');
  },
  async 'reset-before-headers'() {
    await fails(client().listEndpoints({ limit: 1 }), 'ConnectionError');
  },
  async 'reset-during-body'() {
    await fails(client().listEndpoints({ limit: 1 }), 'ConnectionError');
  },
  async silence() {
    // Attempts counted where the client dispatches them: on a loaded machine an attempt can time
    // out before its request reaches the server, so the server's count may be lower.
    let attempts = 0;
    const agent = new Agent().compose((dispatch) => (opts, handler) => {
      attempts++;
      return dispatch(opts, handler);
    });
    const e = await fails(client({ timeoutMs: 300, retry: { maxAttempts: 2, baseDelayMs: 1 }, dispatcher: agent }).listEndpoints({ limit: 1 }), 'TimeoutError');
    expect(e?.['timeout'] === 'attempt', 'silence: not the attempt timeout');
    expect(attempts === 2, `silence: ${attempts} attempt(s), expected 2 (the timed-out one retried)`);
    await agent.close();
  },
  async 'stalled-body'() {
    await fails(client({ timeoutMs: 300, retry: false }).listEndpoints({ limit: 1 }), 'TimeoutError');
  },
  async 'stalled-error-body'() {
    await fails(client({ timeoutMs: 300, retry: false }).listEndpoints({ limit: 1 }), 'TimeoutError');
  },
  async 'dripping-body'() {
    await fails(client({ timeoutMs: 500, retry: false }).listEndpoints({ limit: 1 }), 'TimeoutError');
  },
  async 'total-deadline'() {
    // Every attempt is answered 503 slowly enough that only the overall deadline ends the call.
    const e = await fails(
      client({ timeoutMs: 10_000, totalTimeoutMs: 400, retry: { maxAttempts: 50, baseDelayMs: 50, maxDelayMs: 50 } }).listEndpoints({ limit: 1 }),
      'TimeoutError',
    );
    expect(e?.['timeout'] === 'total', 'total-deadline: not the overall deadline');
  },
  async 'abort-after-headers'() {
    const ac = new AbortController();
    const reason = new Error('user gave up');
    // The server answers headers at once and then stalls the body; abort once headers are in
    // (seen through a dispatcher passed in, which also checks that option).
    let headersSeen = false;
    const agent = new Agent().compose((dispatch) => (opts, handler) =>
      dispatch(opts, new OnHeaders(handler, () => {
        headersSeen = true;
        setImmediate(() => ac.abort(reason));
      })),
    );
    const e = await fails(client({ timeoutMs: 60_000, dispatcher: agent }).listEndpoints({ limit: 1 }, { signal: ac.signal }), 'AbortError');
    expect(headersSeen, 'abort: the headers never arrived');
    expect(e?.['cause'] === reason, 'AbortError without the caller reason as cause');
    await agent.close();
  },
  async 'truncated-json'() {
    await fails(client().listEndpoints({ limit: 1 }), 'MalformedResponseError');
  },
  async 'malformed-json-echoes-token'() {
    const e = await fails(client().listEndpoints({ limit: 1 }), 'MalformedResponseError');
    expect(typeof e?.['body'] === 'string' && (e['body'] as string).includes('[REDACTED]'), 'malformed: raw text not kept (scrubbed)');
  },
  async 'html-error-page'() {
    const e = await fails(client({ retry: { maxAttempts: 2, baseDelayMs: 1 } }).listEndpoints({ limit: 1 }), 'VpcepError');
    expect(e?.['status'] === 502, 'html: status');
    expect((e?.['headers'] as Record<string, string> | undefined)?.['content-type']?.startsWith('text/html') === true, 'html: headers not on the error');
    expect(e?.['data'] === undefined && String(e?.['body']).includes('<html>'), 'html: data/body');
  },
  async 'empty-200'() {
    await fails(client().listEndpoints({ limit: 1 }), 'MalformedResponseError');
  },
  async 'retry-after-forms'() {
    // The server answers 503 with each Retry-After form in turn, then 200.
    const delays: number[] = [];
    const c = client({ retry: { maxAttempts: 20, baseDelayMs: 1000, maxDelayMs: 3_600_000, maxElapsedMs: 100 * 3_600_000 }, sleep: async (ms: number) => void delays.push(ms) });
    const body = await c.listEndpoints({ limit: 1 }).catch((e: Error) => failures.push(`retry-after: ${e.name} ${e.message}`));
    expect(okBody(body), 'retry-after: no 200 in the end');
    note['delays'] = delays;
    // Forms (see faults.test.ts): '0', past IMF date, '3', 7200 (capped at 1 h), IMF date +10 min, then invalid:
    // '1.5', '-1', '2, 2' (duplicated header), 'soon', RFC 850 date.
    const [zero, past, three, capped, future, ...invalid] = delays;
    expect(zero === 0 && past === 0, `retry-after: "0" and a past date should retry at once (${zero}, ${past})`);
    expect(three === 3000, `retry-after: "3" should wait 3000 ms (${three})`);
    expect(capped === 3_600_000, `retry-after: 7200 s should be capped by maxDelayMs (${capped})`);
    // The date was written when the server answered, moments ago: a little under 10 minutes remain.
    expect(future !== undefined && future > 540_000 && future <= 600_000, `retry-after: an IMF-fixdate 10 min ahead (${future})`);
    expect(invalid.length === 5, `retry-after: ${invalid.length} invalid forms retried`);
    // Invalid forms fall back to the jittered backoff (0 only with probability ~2^-53 each).
    expect(invalid.every((d) => d > 0 && d <= 3_600_000), `retry-after: invalid forms must back off, got ${invalid.join(', ')}`);
  },
  async 'storm-429'() {
    const delays: number[] = [];
    const e = await fails(client({ retry: { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 1000 }, sleep: async (ms: number) => void delays.push(ms) }).listEndpoints({ limit: 1 }), 'VpcepError');
    expect(e?.['status'] === 429 && delays.length === 3 && delays.every((d) => d === 1000), `storm: ${String(e?.['status'])} after ${delays.join(',')}`);
    expect((e?.['headers'] as Record<string, string>)?.['retry-after'] === '1', 'storm: retry-after header not on the error');
  },
  async 'huge-body'() {
    const e = await fails(client({ maxResponseBytes: 1024 * 1024 }).listEndpoints({ limit: 1 }), 'ResponseTooLargeError');
    expect(e?.['limitBytes'] === 1024 * 1024, 'huge: limit not named');
  },
  async 'gzip-bomb'() {
    await fails(client({ maxResponseBytes: 1024 * 1024 }).listEndpoints({ limit: 1 }), 'ResponseTooLargeError');
  },
  async 'gzip-ok'() {
    const body = await client().listEndpoints({ limit: 1 });
    expect(okBody(body), 'gzip: compressed body not decoded');
  },
  async 'duplicate-headers'() {
    const r = await client().withResponse.listEndpoints({ limit: 1 });
    expect(okBody(r.data) && r.status === 200, 'duplicates: body/status');
    expect(r.headers['x-request-id'] === 'a, b', `duplicates: x-request-id joined (${r.headers['x-request-id']})`);
  },
  async 'redirect-cross-origin'() {
    for (const status of [301, 302, 303, 307, 308]) {
      for (const [kind, make] of [['token', client], ['aksk', akskClient]] as const) {
        for (const policy of ['never', 'same-origin'] as const) {
          const label = `${status} ${kind} ${policy}`;
          const c = make({ followRedirects: policy });
          const call = status === 307 || status === 308
            ? c.createEndpointService({ body: { port_id: 'p', vpc_id: 'v', server_type: 'VM', ports: [{ client_port: 80, server_port: 80, protocol: 'TCP' }] } } as never, { validate: false, headers: { 'x-case': label } })
            : c.listEndpoints({ limit: 1 }, { headers: { 'x-case': label } });
          const e = await fails(call, 'RedirectError', label);
          const host = new URL(p.foreign!).host;
          expect(e?.['targetHost'] === host && String(e?.['message']).includes(host), `${label}: target host not named`);
        }
      }
    }
  },
  async 'redirect-same-origin'() {
    for (const status of [301, 302, 303, 307, 308]) {
      for (const [kind, make] of [['token', client], ['aksk', akskClient]] as const) {
        const label = `${status} ${kind}`;
        // Not followed by default.
        await fails(make().listEndpoints({ limit: 1 }, { headers: { 'x-case': `${label} never` } }), 'RedirectError', `${label} never`);
        // Followed within the origin when asked; the server checks the token or signature at the target.
        const body = await make({ followRedirects: 'same-origin' })
          .listEndpoints({ limit: 1 }, { headers: { 'x-case': `${label} follow` } })
          .catch((e: Error) => failures.push(`${label} follow: ${e.name} ${e.message}`));
        expect(okBody(body), `${label} follow: no body`);
      }
    }
  },
  async 'random-faults'() {
    // Generous per-attempt timeout: 500 calls at once on a loaded machine must not all time out.
    const c = client({ timeoutMs: 5000, retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5 } });
    const results = await Promise.allSettled(Array.from({ length: 500 }, () => c.listEndpoints({ limit: 1 })));
    const names: Record<string, number> = {};
    for (const r of results) {
      if (r.status === 'fulfilled') {
        expect(okBody(r.value), 'random: a success without the body');
        names['ok'] = (names['ok'] ?? 0) + 1;
        continue;
      }
      const e = r.reason as Error;
      names[e.name] = (names[e.name] ?? 0) + 1;
      expect(typeof errors.HuaweiCloudError === 'function' && e instanceof errors.HuaweiCloudError, `random: untyped ${e.name}: ${e.message}`);
      clean(e, 'random');
    }
    note['outcomes'] = names;
  },
  async proxy() {
    // HTTP_PROXY points at the parent's proxy; the origin itself is unreachable.
    const body = await client({ retry: false }).listEndpoints({ limit: 1 }).catch((e: Error) => failures.push(`proxy: ${e.name} ${e.message}`));
    expect(okBody(body), 'proxy: no body through the proxy');
  },
};

const run = cases[name ?? ''];
if (!run) {
  console.log(JSON.stringify({ failures: [`unknown case ${name}`] }));
  process.exitCode = 2;
} else {
  run().then(
    () => {
      console.log(JSON.stringify({ failures, note }));
      process.exitCode = failures.length ? 1 : 0;
    },
    (e: unknown) => {
      console.log(JSON.stringify({ failures: [...failures, `case threw: ${String((e as Error)?.stack ?? e)}`] }));
      process.exitCode = 1;
    },
  );
}
