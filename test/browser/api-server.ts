// A stand-in for the VPCEP API on its own origin (127.0.0.1, free port), for the browser test.
// It answers CORS preflights for the page's origin only and only for the headers the client is
// expected to send, checks the IAM token, and verifies every AK/SK signature with the vendor's
// own Node signer (@huaweicloud/huaweicloud-sdk-core AKSKSigner), not with ours.
import http from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';

const require = createRequire(import.meta.url);
const { AKSKSigner } = require('@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner') as {
  AKSKSigner: { sign(request: unknown, credential: { getAk(): string; getSk(): string }): Record<string, string> };
};

/** Headers a browser may ask to send (lower case, as Chromium lists them in a preflight). */
const ALLOWED_HEADERS = ['authorization', 'content-type', 'x-auth-token', 'x-project-id', 'x-sdk-date', 'x-security-token'];
const AUTH = /^SDK-HMAC-SHA256 Access=([^,]+), SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/;

export interface Preflight {
  origin: string | undefined;
  method: string | undefined;
  headers: string;
  allowed: boolean;
}

export interface SeenRequest {
  method: string;
  url: string;
  origin: string | undefined;
  auth: 'token' | 'aksk' | 'none';
  /** The token matched, or the signature verified with the vendor's signer. */
  verified: boolean;
  signedHeaders: string | undefined;
  /** Every header and the body, to check that no secret left the page. */
  raw: string;
}

export interface ApiOptions {
  pageOrigin: string;
  token: string;
  accessKey: string;
  secretKey: string;
  /** Answers by method and path pattern. */
  routes: { method: string; path: RegExp; body: unknown }[];
}

export interface ApiServer {
  origin: string;
  preflights: Preflight[];
  requests: SeenRequest[];
  close(): Promise<void>;
}

function verifySignature(req: http.IncomingMessage, url: URL, body: string, opts: ApiOptions): { ok: boolean; signedHeaders?: string } {
  const m = AUTH.exec(req.headers.authorization ?? '');
  if (!m || m[1] !== opts.accessKey) return { ok: false };
  const signedHeaders = m[2]!;
  const headers: Record<string, string> = {};
  for (const name of signedHeaders.split(';')) {
    if (name === 'host') continue; // the vendor signer takes it from the endpoint
    const value = req.headers[name];
    if (typeof value !== 'string') return { ok: false, signedHeaders };
    headers[name === 'x-sdk-date' ? 'X-Sdk-Date' : name] = value;
  }
  const queryParams: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const all = url.searchParams.getAll(key);
    queryParams[key] = all.length === 1 ? all[0]! : all;
  }
  // The vendor signer hashes JSON.stringify(data): only valid when that re-creates the exact bytes.
  let data: unknown;
  if (body !== '') {
    data = JSON.parse(body);
    if (JSON.stringify(data) !== body) return { ok: false, signedHeaders };
  }
  const expected = AKSKSigner.sign(
    { endpoint: `http://${req.headers.host}${url.pathname}`, method: req.method, headers, queryParams, data },
    { getAk: () => opts.accessKey, getSk: () => opts.secretKey },
  );
  return { ok: expected['Authorization'] === req.headers.authorization, signedHeaders };
}

export async function startApiServer(opts: ApiOptions): Promise<ApiServer> {
  const preflights: Preflight[] = [];
  const requests: SeenRequest[] = [];
  const server = http.createServer(async (req, res) => {
    const origin = req.headers.origin;
    const cors: Record<string, string> = origin === opts.pageOrigin ? { 'access-control-allow-origin': origin, vary: 'Origin' } : {};
    if (req.method === 'OPTIONS') {
      const asked = String(req.headers['access-control-request-headers'] ?? '');
      const names = asked.split(',').map((h) => h.trim().toLowerCase()).filter(Boolean);
      const allowed = origin === opts.pageOrigin && names.every((n) => ALLOWED_HEADERS.includes(n));
      preflights.push({ origin, method: req.headers['access-control-request-method'], headers: names.sort().join(','), allowed });
      if (!allowed) return void res.writeHead(403).end();
      return void res
        .writeHead(204, {
          ...cors,
          'access-control-allow-methods': 'GET, POST, PUT, DELETE',
          'access-control-allow-headers': names.join(', '),
          'access-control-max-age': '0',
        })
        .end();
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://api.invalid');
    const seen: SeenRequest = {
      method: req.method ?? '',
      url: url.pathname + url.search,
      origin,
      auth: 'none',
      verified: false,
      signedHeaders: undefined,
      raw: JSON.stringify(req.headers) + '\n' + req.url + '\n' + body,
    };
    requests.push(seen);
    if (req.headers['x-auth-token'] !== undefined) {
      seen.auth = 'token';
      seen.verified = req.headers['x-auth-token'] === opts.token && req.headers.authorization === undefined;
    } else if (req.headers.authorization !== undefined) {
      seen.auth = 'aksk';
      const result = verifySignature(req, url, body, opts);
      seen.verified = result.ok;
      seen.signedHeaders = result.signedHeaders;
    }
    const json = { ...cors, 'access-control-expose-headers': 'X-Request-Id', 'content-type': 'application/json', 'x-request-id': `req-${requests.length}` };
    if (!seen.verified) {
      return void res.writeHead(401, json).end(JSON.stringify({ error_code: 'APIGW.0301', error_msg: 'Incorrect IAM authentication information' }));
    }
    const route = opts.routes.find((r) => r.method === req.method && r.path.test(url.pathname));
    if (!route) return void res.writeHead(404, json).end(JSON.stringify({ error_code: 'NOT_FOUND', error_msg: 'no route' }));
    res.writeHead(200, json).end(JSON.stringify(route.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    preflights,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
