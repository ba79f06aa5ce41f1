// The mocks answer like the servers: kube-apiserver decodes a body without Content-Type as
// JSON (kubectl create --raw sends none), a create is answered with its documented status and
// plausible headers, and a request that breaks the spec gets the service's own error body with
// the violated field named in `sl-violations`.
import http from 'node:http';
import { describe, expect, inject, it } from 'vitest';

function mockUrl(service: string): string {
  const url = inject('prismUrls')[service];
  if (!url) throw new Error(`no mock for ${service}`);
  return url;
}

interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: any;
}

/** A request exactly as given: node:http adds no Content-Type of its own (fetch would). */
function send(base: string, method: string, path: string, headers: Record<string, string>, body?: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${path}`, { method, headers: { ...headers, ...(body ? { 'content-length': String(Buffer.byteLength(body)) } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text ? JSON.parse(text) : undefined });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

const endpoints = JSON.stringify({ metadata: { name: 'raw' }, subsets: [{ addresses: [{ ip: '10.1.2.3' }], ports: [{ port: 80 }] }] });
const violated = (a: RawAnswer) => (JSON.parse(String(a.headers['sl-violations'] ?? '[]')) as { location: string[] }[]).map((v) => v.location.join('.'));

describe('CCE mock', () => {
  it('accepts a JSON body sent without Content-Type, as kube-apiserver does', async () => {
    const answer = await send(mockUrl('cce'), 'POST', '/api/v1/namespaces/default/endpoints', { authorization: 'Bearer t' }, endpoints);
    expect(answer.status).toBe(201);
    expect(answer.body.metadata.name).toBe('cluster-test');
  });

  it('answers a create with 201 and the documented headers; Prefer still selects another status', async () => {
    const base = mockUrl('cce');
    const created = await send(base, 'POST', '/api/v1/namespaces/default/endpoints', { authorization: 'Bearer t', 'content-type': 'application/json' }, endpoints);
    expect(created.status).toBe(201);
    expect(created.headers['audit-id']).not.toBe('string');
    expect(created.headers['warning']).toContain('EndpointSlice');
    const ok = await send(base, 'POST', '/api/v1/namespaces/default/endpoints', { authorization: 'Bearer t', 'content-type': 'application/json', prefer: 'code=200' }, endpoints);
    expect(ok.status).toBe(200);
    expect(ok.body.metadata.name).toBe('cluster-test');
  });

  it('answers a body the apiserver would refuse with 422 Invalid, the field in sl-violations', async () => {
    const bad = JSON.stringify({ metadata: { name: 'bad' }, subsets: [{ addresses: [{ ip: '169.254.1.1' }] }] });
    const answer = await send(mockUrl('cce'), 'POST', '/api/v1/namespaces/default/endpoints', { authorization: 'Bearer t' }, bad);
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({ kind: 'Status', reason: 'Invalid', code: 422 });
    expect(violated(answer)).toContain('request.body.subsets.0.addresses.0.ip');
  });
});

describe('VPCEP and APIG mocks', () => {
  it('answer a request that breaks the spec with the documented 400 body, naming the field', async () => {
    const vpcep = await send(mockUrl('vpcep'), 'POST', '/v1/p1/vpc-endpoint-services', { 'x-auth-token': 't', 'content-type': 'application/json' }, JSON.stringify({ vpc_id: 'x', port_id: 'y', server_type: 'VM', ports: [{ client_port: 0, server_port: 80, protocol: 'TCP' }] }));
    expect(vpcep.status).toBe(400);
    expect(JSON.stringify(vpcep.body)).toMatch(/EndPoint\.|error_code|"code"/);
    expect(violated(vpcep).some((where) => where.startsWith('request.body'))).toBe(true);

    const apig = await send(mockUrl('apig'), 'POST', '/v2/p1/apigw/instances/i1/vpc-channels', { 'x-auth-token': 't', 'content-type': 'application/json' }, JSON.stringify({ name: 'VPC_demo', port: 70000 }));
    expect(apig.status).toBe(400);
    expect(apig.body).toHaveProperty('error_code');
    expect(violated(apig)).toContain('request.body.port');
  });

  it('answer a create with its documented status and a plausible X-Request-Id', async () => {
    const body = JSON.stringify({ vpc_id: '4189d3c2-8882-4871-a3c2-d380272eed80', port_id: '4189d3c2-8882-4871-a3c2-d380272eed88', server_type: 'VM', ports: [{ client_port: 8080, server_port: 90, protocol: 'TCP' }] });
    const answer = await send(mockUrl('vpcep'), 'POST', '/v1/p1/vpc-endpoint-services', { 'x-auth-token': 't', 'content-type': 'application/json' }, body);
    expect(answer.status).toBe(200);
    expect(answer.headers['x-request-id']).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('CCE unknown fields', () => {
  // With fieldValidation unset (Warn, the server's default) kube-apiserver drops an unknown field
  // and creates the object, so neither the client nor the mock may refuse it.
  const withUnknown = { metadata: { name: 'newer', futureMetaField: 1 }, subsets: [{ addresses: [{ ip: '10.1.2.4', zone: 'az1' }], ports: [{ port: 80, futurePortField: true }] }], futureTopLevel: 'x' };

  it('the mock creates Endpoints that carry fields this spec does not know', async () => {
    const answer = await send(mockUrl('cce'), 'POST', '/api/v1/namespaces/default/endpoints', { 'content-type': 'application/json', 'x-auth-token': 't' }, JSON.stringify(withUnknown));
    expect(violated(answer)).toEqual([]);
    expect(answer.status).toBe(201);
  });

  it('the client sends them with request validation on', async () => {
    const { createCceClient } = await import('../../generated/cce/index.js');
    const cce = createCceClient({ baseUrl: mockUrl('cce'), auth: { token: 't' }, retry: false, env: false });
    const created = await cce.createCoreV1NamespacedEndpoints({ namespace: 'default', body: withUnknown as never });
    expect(created.kind).toBe('Endpoints');
  });
});
