// The generated clients end to end against a local HTTP server: auth headers and signatures,
// validation before sending, path and header safety, retries, typed errors, pagination.
import http from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createVpcepClient, VpcepError, RequestValidationError, ResponseValidationError, ConfigurationError } from '../../generated/vpcep/index.js';
import { createApigClient, ApigError } from '../../generated/apig/index.js';
import { createCceClient, CceError } from '../../generated/cce/index.js';
import { signRequest } from '../../src/runtime/signer.js';

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}
type Reply = (req: Seen) => { status: number; body?: unknown; headers?: Record<string, string> };

let server: http.Server;
let baseUrl = '';
let seen: Seen[] = [];
let replies: Reply[] = [];
const ok: Reply = () => ({ status: 200, body: { endpoints: [], total_count: 0 } });

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const s = { method: req.method!, url: req.url!, headers: req.headers, body };
      seen.push(s);
      const reply = (replies.shift() ?? ok)(s);
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      res.end(reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(server.address() as import('node:net').AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  seen = [];
  replies = [];
});

const TOKEN = 'MIIsecret-token-value-0123456789';
const vpcep = (extra = {}) => createVpcepClient({ baseUrl, projectId: 'proj-1', auth: { token: TOKEN }, retry: false, ...extra });
const validBody = { port_id: '4189d3c2-8882-4871-a3c2-d380272eed88', vpc_id: '4189d3c2-8882-4871-a3c2-d380272eed80', server_type: 'VM' as const, ports: [{ client_port: 8080, server_port: 90, protocol: 'TCP' as const }] };

describe('authentication', () => {
  it('sends the IAM token and fills project_id from the options', async () => {
    await vpcep().listEndpoints({ limit: 5 });
    expect(seen[0]!.url).toBe('/v1/proj-1/vpc-endpoints?limit=5');
    expect(seen[0]!.headers['x-auth-token']).toBe(TOKEN);
    expect(seen[0]!.headers['authorization']).toBeUndefined();
  });

  it('signs with AK/SK (SDK-HMAC-SHA256) a signature the server can recompute', async () => {
    const now = new Date(Date.UTC(2026, 10, 23, 12, 0, 0));
    const client = createVpcepClient({ baseUrl, projectId: 'proj-1', auth: { accessKey: 'AK1', secretKey: 'SK-secret', securityToken: 'sts-token' }, now: () => now, retry: false });
    replies.push(() => ({ status: 200, body: { id: 'x', service_name: 's', status: 'creating', server_type: 'VM', vpc_id: 'v', port_id: 'p', approval_enabled: false, service_type: 'interface', created_at: '2022-04-14T09:35:47Z', ports: [] } }));
    await client.createEndpointService({ body: validBody }, { validate: true });
    const req = seen[0]!;
    expect(req.headers['x-sdk-date']).toBe('20261123T120000Z');
    expect(req.headers['x-project-id']).toBe('proj-1');
    expect(req.headers['x-security-token']).toBe('sts-token');
    const auth = String(req.headers['authorization']);
    expect(auth).toMatch(/^SDK-HMAC-SHA256 Access=AK1, SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}$/);
    // Recompute over exactly the signed headers as received.
    const signed = auth.match(/SignedHeaders=([^,]+)/)![1]!.split(';');
    const headers = Object.fromEntries(signed.map((h) => [h, String(req.headers[h])]));
    const expected = await signRequest({ method: 'POST', url: `${baseUrl}${req.url}`, headers, body: req.body }, { accessKey: 'AK1', secretKey: 'SK-secret' }, now);
    expect(auth).toBe(expected['Authorization']);
    expect(signed).toEqual(expect.arrayContaining(['host', 'content-type', 'x-sdk-date']));
  });

  it('refuses credentials with CR or LF before anything is sent', () => {
    expect(() => vpcep({ auth: { token: 'abc\r\nX-Evil: 1' } })).toThrow(ConfigurationError);
    expect(() => vpcep({ auth: { token: 'abc\r\nX-Evil: 1' } })).not.toThrow(/abc/);
    expect(seen).toHaveLength(0);
  });
});

describe('validation before sending', () => {
  it('rejects a request that breaks the spec with every offending field, and sends nothing', async () => {
    const bad = { ...validBody, server_type: 'ELB', ports: [{ client_port: 70000, server_port: 90 }], surprise: 1 };
    const error = await vpcep().createEndpointService({ body: bad as never }).catch((e) => e);
    expect(error).toBeInstanceOf(RequestValidationError);
    const issues = (error as RequestValidationError).issues.map((i) => `${i.path} ${i.rule}`);
    expect(issues).toEqual(expect.arrayContaining(['body.server_type enum', 'body.ports[0].client_port maximum', 'body.surprise additionalProperties']));
    expect(error.message).toContain('body.ports[0].client_port');
    expect(seen).toHaveLength(0);
  });

  it('checks query parameters and unknown parameter names', async () => {
    await expect(vpcep().listEndpoints({ limit: 5000 })).rejects.toThrow(/query\.limit: maximum/);
    await expect(vpcep().listEndpoints({ limitt: 5 } as never)).rejects.toThrow(/limitt/);
    expect(seen).toHaveLength(0);
  });

  it('can be turned off per client and per call', async () => {
    await vpcep({ validateRequests: false }).listEndpoints({ limit: 5000 });
    await vpcep().listEndpoints({ limit: 5000 }, { validate: false });
    expect(seen.map((s) => s.url)).toEqual(['/v1/proj-1/vpc-endpoints?limit=5000', '/v1/proj-1/vpc-endpoints?limit=5000']);
  });

  it('validates responses when asked', async () => {
    replies.push(() => ({ status: 200, body: { endpoints: 'nope', total_count: 1 } }));
    const error = await vpcep({ validateResponses: true }).listEndpoints().catch((e) => e);
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error.message).toMatch(/ListEndpoints.*endpoints: type/);
  });
});

describe('safety', () => {
  it('percent-encodes path parameters so they cannot change the path', async () => {
    await vpcep({ projectId: '../x' }).listEndpoints();
    expect(seen[0]!.url).toBe('/v1/..%2Fx/vpc-endpoints');
    await expect(vpcep({ projectId: '..' }).listEndpoints()).rejects.toThrow(ConfigurationError);
  });

  it('refuses per-call header values with CR or LF', async () => {
    await expect(vpcep().listEndpoints({}, { headers: { 'X-Trace': 'a\nb' } })).rejects.toThrow(ConfigurationError);
    expect(seen).toHaveLength(0);
  });
});

describe('retries', () => {
  const busy: Reply = () => ({ status: 503, body: { error_code: 'EndPoint.0500', error_msg: 'busy' }, headers: { 'retry-after': '0' } });

  it('retries an idempotent GET on 503', async () => {
    replies.push(busy);
    await vpcep({ retry: { maxAttempts: 3, baseDelayMs: 1 } }).listEndpoints();
    expect(seen).toHaveLength(2);
  });

  it('does not retry a POST unless the call opts in', async () => {
    const created = () => ({ status: 200, body: { id: 'x' } });
    const client = vpcep({ retry: { maxAttempts: 3, baseDelayMs: 1 } });
    replies.push(busy);
    await expect(client.createEndpointService({ body: validBody })).rejects.toBeInstanceOf(VpcepError);
    expect(seen).toHaveLength(1);
    seen = [];
    replies.push(busy, created);
    await client.createEndpointService({ body: validBody }, { retry: { retryUnsafeMethods: true } });
    expect(seen).toHaveLength(2);
  });
});

describe('typed errors', () => {
  it('VPCEP: code, message and request id, with no secret in sight', async () => {
    replies.push(() => ({ status: 404, body: { error: { code: 'EndPoint.0005', message: `not found for ${TOKEN}` } }, headers: { 'x-request-id': 'req-42' } }));
    const error = await vpcep().updateEndpointService({ vpc_endpoint_service_id: 'svc-1', body: { description: 'd' } }).catch((e) => e);
    expect(error).toBeInstanceOf(VpcepError);
    expect(error).toMatchObject({ status: 404, code: 'EndPoint.0005', requestId: 'req-42', method: 'PUT', path: '/v1/proj-1/vpc-endpoint-services/svc-1' });
    for (const text of [error.message, JSON.stringify(error), error.body, String(error.stack)]) expect(text).not.toContain(TOKEN);
  });

  it('APIG: error_code and error_msg', async () => {
    replies.push(() => ({ status: 400, body: { error_code: 'APIG.2011', error_msg: 'Invalid parameter value', request_id: 'r-7' } }));
    const apig = createApigClient({ baseUrl, projectId: 'p', auth: { token: TOKEN }, retry: false, validateRequests: false });
    const error = await apig.createVpcChannelV2({ instance_id: 'i-1', body: {} as never }).catch((e) => e);
    expect(error).toBeInstanceOf(ApigError);
    expect(error).toMatchObject({ status: 400, code: 'APIG.2011', errorMessage: 'Invalid parameter value' });
  });

  it('CCE: Kubernetes Status', async () => {
    replies.push(() => ({ status: 409, body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'endpoints "x" already exists', reason: 'AlreadyExists', code: 409 }, headers: { 'audit-id': 'a-1' } }));
    const cce = createCceClient({ baseUrl, auth: { token: TOKEN }, retry: false, validateRequests: false });
    const error = await cce.createCoreV1NamespacedEndpoints({ namespace: 'default', body: {} as never }).catch((e) => e);
    expect(error).toBeInstanceOf(CceError);
    expect(error).toMatchObject({ status: 409, code: 'AlreadyExists', requestId: 'a-1' });
  });
});

describe('pagination', () => {
  const page = (req: Seen) => {
    const q = new URL(req.url, 'http://x').searchParams;
    const offset = Number(q.get('offset'));
    const limit = Number(q.get('limit'));
    const all = Array.from({ length: 7 }, (_, i) => ({ id: `e${i}` }));
    return { status: 200, body: { endpoints: all.slice(offset, offset + limit), total_count: all.length } };
  };

  it('walks every page with limit/offset up to total_count', async () => {
    replies.push(page, page, page, page);
    const ids: string[] = [];
    for await (const e of vpcep({ validateResponses: false }).listEndpointsAll({ sort_dir: 'asc' }, { pageSize: 3 })) ids.push(e.id);
    expect(ids).toEqual(['e0', 'e1', 'e2', 'e3', 'e4', 'e5', 'e6']);
    expect(seen.map((s) => s.url)).toEqual([
      '/v1/proj-1/vpc-endpoints?limit=3&offset=0&sort_dir=asc',
      '/v1/proj-1/vpc-endpoints?limit=3&offset=3&sort_dir=asc',
      '/v1/proj-1/vpc-endpoints?limit=3&offset=6&sort_dir=asc',
    ]);
  });

  it('stops requesting when the consumer breaks early', async () => {
    replies.push(page, page, page);
    for await (const e of vpcep().listEndpointsAll({}, { pageSize: 2 })) if (e.id === 'e1') break;
    expect(seen).toHaveLength(1);
  });
});

describe('pagination: marker style (Kubernetes limit/continue)', () => {
  const cce = (extra = {}) => createCceClient({ baseUrl, clusterId: 'c1', auth: { token: TOKEN }, retry: false, ...extra });
  const item = (i: number) => ({ metadata: { name: `ep-${i}`, namespace: 'default', uid: `u${i}`, creationTimestamp: '2016-08-03T09:56:10Z' } });
  /** 5 objects; the continue token is opaque text holding the next offset; the last page has none. */
  const page = (req: Seen) => {
    const q = new URL(req.url, 'http://x').searchParams;
    const offset = q.has('continue') ? Number(Buffer.from(q.get('continue')!, 'base64url').toString()) : 0;
    const limit = Number(q.get('limit'));
    const end = Math.min(offset + limit, 5);
    const next = end < 5 ? { continue: Buffer.from(String(end)).toString('base64url'), remainingItemCount: 5 - end } : {};
    return { status: 200, body: { kind: 'EndpointsList', apiVersion: 'v1', metadata: { resourceVersion: '9', ...next }, items: Array.from({ length: end - offset }, (_, i) => item(offset + i)) } };
  };

  it('sends limit, follows metadata.continue and stops when it is absent', async () => {
    replies.push(page, page, page, page);
    const names: string[] = [];
    for await (const e of cce({ validateResponses: true }).listCoreV1NamespacedEndpointsAll({ namespace: 'default', labelSelector: 'app=web' }, { pageSize: 2 })) {
      names.push(e.metadata.name!);
    }
    expect(names).toEqual(['ep-0', 'ep-1', 'ep-2', 'ep-3', 'ep-4']);
    expect(seen.map((s) => new URL(s.url, 'http://x').searchParams.get('continue'))).toEqual([null, 'Mg', 'NA']);
    expect(seen.every((s) => s.url.includes('labelSelector=app%3Dweb') && s.url.includes('limit=2'))).toBe(true);
  });

  it('honours maxItems and sends nothing more after a break', async () => {
    replies.push(page, page, page);
    const all: unknown[] = [];
    for await (const e of cce().listCoreV1EndpointsForAllNamespacesAll({}, { pageSize: 2, maxItems: 3 })) all.push(e);
    expect(all).toHaveLength(3);
    expect(seen.map((s) => new URL(s.url, 'http://x').searchParams.get('limit'))).toEqual(['2', '1']);
    seen = [];
    replies.push(page, page);
    for await (const e of cce().listCoreV1EndpointsForAllNamespacesAll()) if (e.metadata.name === 'ep-0') break;
    expect(seen).toHaveLength(1);
  });

  it('refuses bad options and paging fields in the input before any request', () => {
    const client = cce();
    expect(() => client.listCoreV1NamespacedEndpointsAll({ namespace: 'default' }, { pageSize: 0 })).toThrow(ConfigurationError);
    expect(() => client.listCoreV1NamespacedEndpointsAll({ namespace: 'default' }, { maxItems: -1 })).toThrow(ConfigurationError);
    expect(() => client.listCoreV1NamespacedEndpointsAll({ namespace: 'default', continue: 'x' } as never)).toThrow(/sets continue itself/);
    expect(seen).toHaveLength(0);
  });
});

describe('pagination: offset style with the paging fields in the request body', () => {
  // A test-only operation (VPCEP's ListResourceInstances pages this way): POST, { offset, limit } in the body.
  const op = {
    operationId: 'ListThings',
    method: 'post',
    path: '/v1/{project_id}/things/action',
    params: { path: ['project_id'], query: [], header: [] },
    autoParams: { project_id: 'projectId' },
    hasBody: true,
    idempotent: false,
    responseStatuses: ['200'],
    emptyStatuses: [],
  };
  const paging = { style: 'offset', in: 'body', limit: 'limit', offset: 'offset', items: 'resources', total: 'total_count' } as const;
  const page = (req: Seen) => {
    const { offset, limit } = JSON.parse(req.body);
    const all = Array.from({ length: 5 }, (_, i) => ({ id: `r${i}` }));
    return { status: 200, body: { resources: all.slice(offset, offset + limit), total_count: all.length } };
  };

  it('puts offset and limit into the body next to the caller\'s fields, up to total', async () => {
    replies.push(page, page, page, page);
    const core = vpcep({ validateRequests: false, validateResponses: false }).core;
    const ids: string[] = [];
    for await (const r of core.paginate(op, paging, { body: { action: 'filter', matches: [{ key: 'resource_name', value: 'x' }] } }, { pageSize: 2 })) ids.push((r as { id: string }).id);
    expect(ids).toEqual(['r0', 'r1', 'r2', 'r3', 'r4']);
    expect(seen.map((s) => JSON.parse(s.body))).toEqual([0, 2, 4].map((offset) => ({ action: 'filter', matches: [{ key: 'resource_name', value: 'x' }], limit: 2, offset })));
    expect(seen[0]!.url).toBe('/v1/proj-1/things/action');
  });

  it('refuses an input body that sets offset or limit, or is not an object, before any request', () => {
    const core = vpcep({ validateRequests: false }).core;
    expect(() => core.paginate(op, paging, { body: { offset: 3 } })).toThrow(/sets offset itself/);
    expect(() => core.paginate(op, paging, { body: [] })).toThrow(ConfigurationError);
    expect(seen).toHaveLength(0);
  });
});

describe('endpoints', () => {
  it('resolves the regional host, the fixed eu-west-101 host, and CCE cluster hosts', () => {
    const opts = { projectId: 'p', auth: { token: 't' } };
    expect(createVpcepClient({ ...opts, region: 'cn-north-4' }).core.baseUrl).toBe('https://vpcep.cn-north-4.myhuaweicloud.com');
    expect(createVpcepClient({ ...opts, region: 'eu-west-101' }).core.baseUrl).toBe('https://vpcep.eu-west-101.myhuaweicloud.eu');
    expect(createCceClient({ ...opts, region: 'ap-southeast-1', clusterId: 'abc' }).core.baseUrl).toContain('abc.');
    expect(() => createVpcepClient({ ...opts, region: 'xx-nowhere-9' as never })).toThrow(/unknown region "xx-nowhere-9"/);
    expect(() => createVpcepClient({ ...opts, region: { unlisted: 'cn north 4' } })).toThrow(ConfigurationError);
  });
});
