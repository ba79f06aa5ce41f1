// The mock's options and edges, through `handle()` and the local server: baseUrl with a path
// prefix, requireAuth, a Prefer header naming nothing documented, the local server's use(),
// resetHandlers() and its answer when no handler matches.
import { http, HttpResponse } from 'msw';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockHandlers, createServiceMock, startMockServer, vpcepMock, MockUsageError, type MockServer } from '../../src/mock/index.js';
import { PROJECT_ID, TOKEN } from './consumer.js';

const LIST = `/v1/${PROJECT_ID}/vpc-endpoints`;
const auth = { 'x-auth-token': TOKEN };

describe('createServiceMock', () => {
  it('answers only under baseUrl (origin and path prefix) and says undefined elsewhere', async () => {
    const mock = createServiceMock(vpcepMock, { baseUrl: 'https://proxy.example.test/vpcep/' });
    expect((await mock.handle(new Request(`https://proxy.example.test/vpcep${LIST}`, { headers: auth })))?.status).toBe(200);
    expect(await mock.handle(new Request(`https://proxy.example.test${LIST}`, { headers: auth }))).toBeUndefined();
    expect(await mock.handle(new Request(`https://other.example.test/vpcep${LIST}`, { headers: auth }))).toBeUndefined();
    expect(await mock.handle(new Request(`https://proxy.example.test/vpcep/v1/${PROJECT_ID}/unknown`, { headers: auth }))).toBeUndefined();
  });

  it('asks for a credential unless requireAuth is false', async () => {
    expect((await createServiceMock(vpcepMock).handle(new Request(`https://h.test${LIST}`)))?.status).toBe(401);
    expect((await createServiceMock(vpcepMock, { requireAuth: false }).handle(new Request(`https://h.test${LIST}`)))?.status).toBe(200);
    const signed = new Request(`https://h.test${LIST}`, { headers: { authorization: 'SDK-HMAC-SHA256 Access=AK, SignedHeaders=host, Signature=00' } });
    expect((await createServiceMock(vpcepMock).handle(signed))?.status).toBe(200);
  });

  it('answers a Prefer header naming an undocumented status or example with a mock error, and prefer() throws', async () => {
    const mock = createServiceMock(vpcepMock);
    for (const prefer of ['code=418', 'code=400, example=nothing-like-this']) {
      const response = (await mock.handle(new Request(`https://h.test${LIST}`, { headers: { ...auth, prefer } })))!;
      expect(response.status).toBe(500);
      expect(response.headers.get('x-mock-error')).toMatch(/ListEndpoints/);
    }
    expect(() => mock.prefer('ListEndpoints', { status: 418 })).toThrow(MockUsageError);
    expect(() => mock.prefer('NoSuchOperation', { status: 200 })).toThrow(MockUsageError);
  });

  it('reports query faults in x-mock-violations, ignores undocumented parameters and names the example', async () => {
    const mock = createServiceMock(vpcepMock);
    const ok = (await mock.handle(new Request(`https://h.test${LIST}?limit=5&not_a_param=1`, { headers: auth })))!;
    expect(ok.status).toBe(200);
    expect(ok.headers.get('x-mock-example')).toBe('twoInterfaceEndpoints');
    const bad = (await mock.handle(new Request(`https://h.test${LIST}?limit=0&sort_dir=up`, { headers: auth })))!;
    expect(bad.status).toBe(400);
    const reported = JSON.parse(bad.headers.get('x-mock-violations')!).map((i: { path: string }) => i.path);
    expect(reported.sort()).toEqual(['query.limit', 'query.sort_dir']);
    expect(mock.violations).toHaveLength(1);
    expect(mock.violations[0]!.path).toBe(LIST);
  });
});

describe('startMockServer', () => {
  let local: MockServer;
  beforeAll(async () => {
    local = await startMockServer(createMockHandlers(vpcepMock).handlers);
  });
  afterAll(() => local.close());

  it('answers 404 with x-mock-error when no handler matches', async () => {
    const response = await fetch(`${local.url}/nowhere/at/all`, { headers: auth });
    expect(response.status).toBe(404);
    expect(response.headers.get('x-mock-error')).toMatch(/no handler for GET \/nowhere/);
  });

  it('lets use() override a handler until resetHandlers()', async () => {
    local.use(http.get('*/v1/:project/vpc-endpoints', () => HttpResponse.json({ endpoints: [], total_count: 0 })));
    expect(await (await fetch(`${local.url}${LIST}`, { headers: auth })).json()).toEqual({ endpoints: [], total_count: 0 });
    local.resetHandlers();
    expect((await (await fetch(`${local.url}${LIST}`, { headers: auth })).json()).endpoints.length).toBeGreaterThan(0);
  });

  it('keeps a request body byte for byte (a POST with a UTF-8 body is validated, not garbled)', async () => {
    const response = await fetch(`${local.url}/v1/${PROJECT_ID}/vpc-endpoint-services`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ port_id: '4189d3c2-8882-4871-a3c2-d380272eed88', vpc_id: '4189d3c2-8882-4871-a3c2-d380272eed80', server_type: 'VM', service_type: 'interface', description: '终端节点服务', ports: [{ client_port: 80, server_port: 8080, protocol: 'TCP' }] }),
    });
    expect(response.status).toBe(200);
  });
});
