// Client options resolved once (src/runtime/config.ts): hosts that cannot be resolved refuse
// before anything is sent, credentials from the vendor SDK's environment variables, User-Agent,
// withResponse, error details, and core.raw over the same transport.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { inspect } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCceClient } from '../../generated/cce/index.js';
import { ApiError, ConfigurationError, RedirectError, VpcepError, createVpcepClient } from '../../generated/vpcep/index.js';
import { pendingDeadlines } from '../../src/runtime/deadlines.js';
import { USER_AGENT } from '../../src/runtime/version.js';

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
}
let server: http.Server;
let baseUrl = '';
let seen: Seen[] = [];
let reply: (req: http.IncomingMessage, res: http.ServerResponse) => void;
const PAGE = { endpoints: [], total_count: 0 };

beforeAll(async () => {
  server = http.createServer((req, res) => {
    seen.push({ method: req.method!, url: req.url!, headers: req.headers });
    req.resume();
    req.on('end', () => reply(req, res));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }));
beforeEach(() => {
  seen = [];
  reply = (_req, res) => res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': 'r-1' }).end(JSON.stringify(PAGE));
});

const messageOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigurationError);
    return (e as Error).message;
  }
  throw new Error('expected a ConfigurationError');
};

describe('hosts', () => {
  it('CCE without clusterId or baseUrl refuses, naming the option, and never uses the placeholder host', () => {
    const m = messageOf(() => createCceClient({ region: 'cn-north-4', auth: { token: 't' } }));
    expect(m).toContain('`clusterId` is required');
    expect(m).toContain('baseUrl');
    expect(m).not.toContain('00000000');
    expect(createCceClient({ region: 'cn-north-4', clusterId: 'c-1', auth: { token: 't' } }).core.baseUrl).toBe('https://c-1.cce.cn-north-4.myhuaweicloud.com');
    expect(createCceClient({ region: 'eu-west-101', clusterId: 'c-1', auth: { token: 't' } }).core.baseUrl).toBe('https://c-1.cce.eu-west-101.myhuaweicloud.eu');
  });

  it('an unknown region suggests the closest valid one', () => {
    const m = messageOf(() => createVpcepClient({ region: 'cn-nort-4' as never, auth: { token: 't' } }));
    expect(m).toContain('unknown region "cn-nort-4"; did you mean "cn-north-4"?');
    expect(m).toContain('unlisted');
  });

  it.each(['eu', 'myhuaweicloud', 'vpcep', 'com'])('only the region label of a host matches: %s is refused', (region) => {
    messageOf(() => createVpcepClient({ region: region as never, auth: { token: 't' } }));
  });

  it('{ unlisted } lets a region the spec does not list through, still shape-checked', () => {
    expect(createVpcepClient({ region: { unlisted: 'ap-southeast-9' }, auth: { token: 't' } }).core.baseUrl).toBe('https://vpcep.ap-southeast-9.myhuaweicloud.com');
    expect(messageOf(() => createVpcepClient({ region: { unlisted: 'evil.com/x' }, auth: { token: 't' } }))).toContain('malformed region');
  });
});

describe('credentials from the environment (vendor SDK names)', () => {
  it('uses HUAWEICLOUD_SDK_AK / _SK / _SECURITY_TOKEN / _PROJECT_ID when auth is not given', async () => {
    const env = { HUAWEICLOUD_SDK_AK: 'ENVAK', HUAWEICLOUD_SDK_SK: 'env-secret', HUAWEICLOUD_SDK_SECURITY_TOKEN: 'sts', HUAWEICLOUD_SDK_PROJECT_ID: 'env-proj' };
    await createVpcepClient({ baseUrl, env }).listEndpoints({ limit: 1 });
    expect(seen[0]!.url).toBe('/v1/env-proj/vpc-endpoints?limit=1');
    expect(seen[0]!.headers['authorization']).toMatch(/^SDK-HMAC-SHA256 Access=ENVAK, /);
    expect(seen[0]!.headers['x-security-token']).toBe('sts');
  });

  it('refuses without credentials anywhere, naming the variables', () => {
    expect(messageOf(() => createVpcepClient({ baseUrl, env: {} }))).toContain('HUAWEICLOUD_SDK_AK');
    expect(messageOf(() => createVpcepClient({ baseUrl, env: { HUAWEICLOUD_SDK_AK: 'x' } }))).toContain('HUAWEICLOUD_SDK_SK');
  });
});

describe('requests and responses', () => {
  const client = (extra = {}) => createVpcepClient({ baseUrl, projectId: 'p', auth: { token: 'tok-123456' }, retry: false, env: false, ...extra });

  it('sends a User-Agent naming the package and its version', async () => {
    const pkg = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../package.json'), 'utf8')) as { name: string; version: string };
    expect(USER_AGENT).toBe(`${pkg.name}/${pkg.version}`);
    await client().listEndpoints();
    expect(seen[0]!.headers['user-agent']).toBe(USER_AGENT);
  });

  it('withResponse returns status and headers alongside the data', async () => {
    const r = await client().withResponse.listEndpoints({ limit: 2 });
    expect(r).toEqual({ data: PAGE, status: 200, headers: expect.objectContaining({ 'x-request-id': 'r-1' }) });
  });

  it('ApiError carries the response headers, the parsed body and the scrubbed raw text', async () => {
    reply = (_req, res) =>
      res.writeHead(404, { 'content-type': 'application/json', 'x-request-id': 'r-9', 'set-cookie': 'sid=1' }).end(JSON.stringify({ error_code: 'EndPoint.0005', error_msg: 'not found tok-123456' }));
    const e = (await client().listEndpoints().catch((x: unknown) => x)) as VpcepError;
    expect(e).toBeInstanceOf(VpcepError);
    expect(e.headers['x-request-id']).toBe('r-9');
    expect(e.headers['set-cookie']).toBeUndefined();
    expect(e.data).toEqual({ error_code: 'EndPoint.0005', error_msg: 'not found [REDACTED]' });
    expect(e.body).toContain('[REDACTED]');
    expect(e.operationId).toBe('ListEndpoints');
    expect(JSON.stringify(e)).not.toContain('tok-123456');
  });

  it('core.raw runs on the same transport: auth, User-Agent, redirect policy', async () => {
    const raw = client().core.raw;
    const { data, response } = await raw.GET('/v1/{project_id}/vpc-endpoints', { params: { path: { project_id: 'p' }, query: { limit: 1 } } });
    expect(response.status).toBe(200);
    expect(data).toEqual(PAGE);
    expect(seen[0]!.headers['x-auth-token']).toBe('tok-123456');
    expect(seen[0]!.headers['user-agent']).toBe(USER_AGENT);
    reply = (_req, res) => res.writeHead(302, { location: 'http://127.0.0.1:1/elsewhere' }).end();
    await expect(raw.GET('/v1/{project_id}/vpc-endpoints', { params: { path: { project_id: 'p' } } })).rejects.toBeInstanceOf(RedirectError);
    // An HTTP error stays a response for raw users, as openapi-fetch has it.
    reply = (_req, res) => res.writeHead(404, { 'content-type': 'application/json' }).end('{"error_code":"X"}');
    const r = await raw.GET('/v1/{project_id}/vpc-endpoints', { params: { path: { project_id: 'p' } } });
    expect(r.response.status).toBe(404);
    expect(r.error).toEqual({ error_code: 'X' });
  });

  it('a logged client shows no credential', () => {
    const c = createVpcepClient({ baseUrl, projectId: 'p', auth: { accessKey: 'LOGAK0000000', secretKey: 'log-secret-key' }, env: false });
    const text = inspect(c, { depth: 20, showHidden: false }) + JSON.stringify(c);
    expect(text).not.toContain('log-secret-key');
    expect(text).not.toContain('LOGAK0000000');
  });

  it('leaves no deadline pending after calls, successful or not', async () => {
    await client({ timeoutMs: 5000, totalTimeoutMs: 10_000 }).listEndpoints();
    reply = (_req, res) => res.writeHead(500).end();
    await expect(client({ timeoutMs: 5000 }).listEndpoints()).rejects.toBeInstanceOf(ApiError);
    expect(pendingDeadlines()).toBe(0);
  });
});

describe('browser bundles', () => {
  it('a browser bundle of a client never reaches undici or the Node engine', async () => {
    const result = await build({
      entryPoints: [path.resolve(import.meta.dirname, '../../generated/vpcep/index.ts')],
      bundle: true,
      write: false,
      platform: 'browser',
      format: 'esm',
      metafile: true,
      // The signer's node:crypto is another developer's change (WebCrypto); only ours is checked here.
      external: ['node:crypto'],
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((f) => f.includes('generated/vpcep/client.ts'))).toBe(true);
    expect(inputs.filter((f) => f.includes('undici') || f.includes('engine-node') || f.includes('node:zlib'))).toEqual([]);
  });
});
