// The fault suite: a local server that misbehaves on purpose, and each case run by
// test/faults/runner.ts in a child process that must report success and then exit on its own
// (no socket, timer or listener left). A second local server stands for a foreign origin and
// records every byte it receives: nothing may arrive there.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import zlib from 'node:zlib';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signRequest } from '../../src/runtime/signer.js';

const root = path.resolve(import.meta.dirname, '../..');
const TOKEN = 'MIIfaultsuite-token-' + randomBytes(12).toString('hex');
const AK = 'FAULTAK' + randomBytes(8).toString('hex').toUpperCase().slice(0, 13);
const SK = 'faultsk' + randomBytes(16).toString('hex');
const LIST = '/v1/proj-1/vpc-endpoints';
const PAGE = JSON.stringify({ endpoints: [{ id: 'e1' }], total_count: 1 });
/** Generous guard against a child that never exits; not a speed assertion. */
const EXIT_GUARD_MS = 60_000;

let outdir = '';
let runner = '';

beforeAll(async () => {
  // Bundled with esbuild (packages stay external and resolve from node_modules), the Node engine
  // as its own entry next to the runner: the client loads it by a computed relative specifier.
  outdir = fs.mkdtempSync(path.join(root, 'node_modules', '.cache-faults-'));
  await build({
    entryPoints: { runner: path.join(root, 'test/faults/runner.ts'), 'engine-node': path.join(root, 'src/runtime/engine-node.ts') },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    logLevel: 'error',
  });
  runner = path.join(outdir, 'runner.js');
});
afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

interface Report {
  failures: string[];
  note?: Record<string, unknown>;
}

/** Runs one case in a child; it must print its report and exit by itself. */
function runCase(name: string, params: Record<string, unknown>, env: Record<string, string> = {}): Promise<Report & { code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [runner, name, JSON.stringify({ token: TOKEN, ak: AK, sk: SK, ...params })],
      { env: { PATH: process.env['PATH'] ?? '', ...env }, timeout: EXIT_GUARD_MS, killSignal: 'SIGKILL' },
      (error, stdout, stderr) => {
        if (error && error.killed) return reject(new Error(`${name}: the child did not exit on its own (a handle was left open)\n${stdout}\n${stderr}`));
        const line = stdout.trim().split('\n').pop() ?? '';
        try {
          resolve({ ...(JSON.parse(line) as Report), code: child.exitCode });
        } catch {
          reject(new Error(`${name}: no report (exit ${child.exitCode})\n${stdout}\n${stderr}`));
        }
      },
    );
  });
}

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void;

/** An HTTP server on 127.0.0.1 (free port) that tracks its sockets, so a case cannot hide a leak. */
async function serve(handler: Handler) {
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c));
    req.on('end', () => handler(req, res, body));
  });
  server.keepAliveTimeout = 60_000; // the client, not the server, must end idle connections
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  return {
    url,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** A server for "another origin": accepts connections and records every byte. */
async function foreignOrigin() {
  const received: Buffer[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on('data', (d) => received.push(d));
    s.on('close', () => sockets.delete(s));
    s.on('error', () => {});
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    bytes: () => Buffer.concat(received).toString('latin1'),
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

/** Runs `name` against a server running `handler`; the report must have no failures. */
async function check(name: string, handler: Handler, params: Record<string, unknown> = {}) {
  const srv = await serve(handler);
  try {
    const report = await runCase(name, { base: srv.url, ...params });
    expect(report.failures).toEqual([]);
    expect(report.code).toBe(0);
    return report;
  } finally {
    await srv.close();
  }
}

const json = (res: http.ServerResponse, status: number, body: string, headers: Record<string, string | string[]> = {}) =>
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers }).end(body);

/** Verifies the AK/SK signature the way the gateway does (recomputes it from the signed headers). */
async function signedOk(req: http.IncomingMessage, body: string): Promise<boolean> {
  const m = /^SDK-HMAC-SHA256 Access=([^,]+), SignedHeaders=([^,]+), Signature=([0-9a-f]+)$/.exec(req.headers.authorization ?? '');
  if (!m || m[1] !== AK) return false;
  const signed = m[2]!.split(';');
  const headers = Object.fromEntries(signed.map((n) => [n, String(req.headers[n] ?? '')]));
  const d = /^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/.exec(String(req.headers['x-sdk-date'] ?? ''));
  if (!d) return false;
  const date = new Date(Date.UTC(+d[1]!, +d[2]! - 1, +d[3]!, +d[4]!, +d[5]!, +d[6]!));
  const expected = await signRequest({ method: req.method!, url: `http://${req.headers.host}${req.url}`, headers, ...(body ? { body } : {}) }, { accessKey: AK, secretKey: SK }, date, {
    signHost: signed.includes('host'),
    signContentType: signed.includes('content-type'),
  });
  return expected['Authorization']!.endsWith(`Signature=${m[3]}`);
}

// Cases are independent (own server, own child): run a few at a time.
describe.concurrent('fault suite', { timeout: EXIT_GUARD_MS + 30_000 }, () => {
describe('connection faults', () => {
  it('a refused connection is a ConnectionError with its cause', async () => {
    const srv = await serve(() => {});
    const url = srv.url;
    await srv.close(); // nothing listens there now
    const report = await runCase('refused', { base: url });
    expect(report.failures).toEqual([]);
  });

  it('a reset before the response headers is a ConnectionError (after the retries)', async () => {
    let n = 0;
    await check('reset-before-headers', (req) => {
      n++;
      req.socket.destroy();
    });
    expect(n).toBe(3);
  });

  it('a reset in the middle of the body is a ConnectionError', async () => {
    await check('reset-during-body', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
      res.write(PAGE.slice(0, 10), () => res.socket?.destroy());
    });
  });

  it('silence (no response at all) is a TimeoutError per attempt, retried', async () => {
    let n = 0;
    await check('silence', () => {
      n++;
    });
    // The runner counts the client's two attempts; the server saw at least one of them (an attempt
    // may time out under load before its request arrives).
    expect(n).toBeGreaterThanOrEqual(1);
    expect(n).toBeLessThanOrEqual(2);
  });
});

describe('bodies that stall or drip', () => {
  const stall: Handler = (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100000' });
    res.write('{"endpoints":[');
  };

  it('headers then a stalled body: the attempt timeout covers the body', async () => {
    await check('stalled-body', stall);
  });

  it('a stalled error body is bounded too', async () => {
    await check('stalled-error-body', (_req, res) => {
      res.writeHead(500, { 'content-type': 'application/json', 'content-length': '100000' });
      res.write('{"error_code":"X');
    });
  });

  it('a body dripping one byte at a time cannot outlast the timeout', async () => {
    const timers = new Set<NodeJS.Timeout>();
    await check('dripping-body', (_req, res) => {
      const text = JSON.stringify({ endpoints: Array.from({ length: 100 }, (_, i) => ({ id: `e${i}` })), total_count: 100 });
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
      let at = 0;
      const t = setInterval(() => {
        if (at >= text.length || res.destroyed) return clearInterval(t);
        res.write(text[at++]!);
      }, 50);
      timers.add(t);
    });
    for (const t of timers) clearInterval(t);
  });

  it('the overall deadline ends a call that retries forever', async () => {
    await check('total-deadline', (_req, res) => {
      const t = setTimeout(() => json(res, 503, '{"error_code":"busy"}'), 100);
      res.on('close', () => clearTimeout(t));
    });
  });

  it('the caller can abort after the headers, while the body stalls', async () => {
    await check('abort-after-headers', stall);
  });
});

describe('malformed and unexpected bodies', () => {
  it('truncated JSON is a MalformedResponseError', async () => {
    await check('truncated-json', (_req, res) => json(res, 200, PAGE.slice(0, 20)));
  });

  it('a non-JSON 200 that echoes the token never shows it', async () => {
    await check('malformed-json-echoes-token', (req, res) => json(res, 200, `tok=${String(req.headers['x-auth-token'])}`));
  });

  it('an HTML error page is a typed HTTP error with headers and the raw text', async () => {
    await check('html-error-page', (_req, res) => {
      const html = '<html><body><h1>502 Bad Gateway</h1></body></html>';
      res.writeHead(502, 'Bad Gateway', { 'content-type': 'text/html; charset=utf-8', 'content-length': html.length }).end(html);
    });
  });

  it('an empty 200 where JSON is documented is a MalformedResponseError', async () => {
    await check('empty-200', (_req, res) => res.writeHead(200, { 'content-type': 'application/json', 'content-length': '0' }).end());
  });

  it('duplicate headers are joined, and withResponse returns status and headers', async () => {
    await check('duplicate-headers', (_req, res) => json(res, 200, PAGE, { 'x-request-id': ['a', 'b'] }));
  });
});

describe('429/503 storms and Retry-After', () => {
  it('honours delta-seconds and IMF-fixdates, caps them, and backs off on anything else', async () => {
    const forms: (string | string[] | (() => string))[] = [
      '0',
      () => new Date(Date.now() - 60_000).toUTCString(),
      '3',
      '7200',
      () => new Date(Date.now() + 600_000).toUTCString(),
      '1.5',
      '-1',
      ['2', '2'],
      'soon',
      'Sunday, 06-Nov-94 08:49:37 GMT',
    ];
    let n = 0;
    await check('retry-after-forms', (_req, res) => {
      const form = forms[n++];
      if (form === undefined) return json(res, 200, PAGE);
      json(res, n % 2 ? 503 : 429, '{"error_code":"busy"}', { 'retry-after': typeof form === 'function' ? form() : form });
    });
    expect(n).toBe(forms.length + 1);
  });

  it('a 429 storm ends with the typed error after maxAttempts', async () => {
    await check('storm-429', (_req, res) => json(res, 429, '{"error_code":"APIGW.0308","error_msg":"throttled"}', { 'retry-after': '1' }));
  });
});

describe('huge bodies', () => {
  it('a 200 MB success body is refused at the cap, and not read to the end', async () => {
    let sent = 0;
    await check('huge-body', (_req, res) => {
      // No content-length: the cap must hold while streaming.
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = () => {
        while (sent < 200 * 1024 * 1024 && !res.destroyed) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.write('{"endpoints":[');
      pump();
    });
    expect(sent).toBeLessThan(200 * 1024 * 1024);
  });

  it('a gzip bomb is refused at the cap once decoded', async () => {
    const bomb = zlib.gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20));
    await check('gzip-bomb', (_req, res) =>
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': bomb.length }).end(bomb),
    );
  });

  it('a compressed body is decoded', async () => {
    const gz = zlib.gzipSync(PAGE);
    await check('gzip-ok', (req, res) => {
      expect(String(req.headers['accept-encoding'] ?? '')).toMatch(/gzip/);
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': gz.length }).end(gz);
    });
  });
});

describe('redirects', () => {
  it('never follow to another origin: 301/302/303/307/308, token and AK/SK, both policies; nothing reaches it', async () => {
    const foreign = await foreignOrigin();
    try {
      await check(
        'redirect-cross-origin',
        (req, res) => {
          const status = Number(String(req.headers['x-case']).split(' ')[0]);
          res.writeHead(status, { location: `${foreign.url}/steal${req.url}`, 'content-length': '0' }).end();
        },
        { foreign: foreign.url },
      );
      const bytes = foreign.bytes();
      expect(bytes).toBe('');
      for (const secret of [TOKEN, AK, SK]) expect(bytes).not.toContain(secret);
    } finally {
      await foreign.close();
    }
  });

  it('same-origin redirects: refused by default, followed (re-signed) with followRedirects: "same-origin"', async () => {
    const seenAtTarget: string[] = [];
    await check('redirect-same-origin', async (req, res, body) => {
      const [status, kind] = String(req.headers['x-case']).split(' ');
      if (req.url!.startsWith('/moved')) {
        const authorised = kind === 'token' ? req.headers['x-auth-token'] === TOKEN : await signedOk(req, body);
        seenAtTarget.push(`${status} ${kind} ${req.method} ${authorised}`);
        if (!authorised) return json(res, 401, '{"error_code":"APIGW.0301","error_msg":"bad auth"}');
        return json(res, 200, PAGE);
      }
      res.writeHead(Number(status), { location: `/moved${req.url}`, 'content-length': '0' }).end();
    });
    expect(seenAtTarget).toHaveLength(10);
    expect(seenAtTarget.every((s) => s.endsWith('GET true'))).toBe(true);
  });
});

describe('many calls at once', () => {
  it('500 concurrent calls with random faults: every failure typed, no secret, nothing left open', async () => {
    const report = await check('random-faults', (req, res) => {
      const r = Math.random();
      if (r < 0.15) return req.socket.destroy();
      if (r < 0.3) return json(res, 503, '{"error_code":"busy"}', { 'retry-after': '0' });
      if (r < 0.4) return json(res, 200, `tok=${String(req.headers['x-auth-token'])}`);
      if (r < 0.45) {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
        return void res.write('{"endpoints":'); // stalls until the attempt timeout
      }
      if (r < 0.5) return json(res, 401, `{"error_code":"APIGW.0301","error_msg":"token ${String(req.headers['x-auth-token'])} rejected"}`);
      json(res, 200, PAGE);
    });
    const outcomes = report.note?.['outcomes'] as Record<string, number>;
    expect(Object.values(outcomes).reduce((a, b) => a + b, 0)).toBe(500);
    expect(outcomes['ok'] ?? 0, JSON.stringify(outcomes)).toBeGreaterThan(0);
  });
});

describe('proxies', () => {
  it('HTTP_PROXY is honoured by the Node transport', async () => {
    const proxied: string[] = [];
    const proxy = await serve((req, res) => {
      proxied.push(req.url!); // absolute-form request line: the proxy sees the target URL
      json(res, 200, PAGE);
    });
    try {
      // The origin is a closed port: only the proxy can answer.
      const gone = await serve(() => {});
      await gone.close();
      const report = await runCase('proxy', { base: gone.url }, { HTTP_PROXY: proxy.url, NO_PROXY: '' });
      expect(report.failures).toEqual([]);
      expect(proxied).toEqual([`${gone.url}${LIST}?limit=1`]);
    } finally {
      await proxy.close();
    }
  });
});
});
