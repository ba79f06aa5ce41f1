// The vendor's own Node SDK core (@huaweicloud/huaweicloud-sdk-core, code nobody here wrote)
// sends AK/SK-signed requests for every VPCEP and APIG operation to their mocks, the way the
// vendor's generated service clients call it (ClientBuilder -> HcClient.sendRequest). The mock
// must accept what the SDK sends and answer with the documented status and body.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

const require = createRequire(import.meta.url);
const { BasicCredentials } = require('@huaweicloud/huaweicloud-sdk-core/auth/BasicCredentials');
const { ClientBuilder } = require('@huaweicloud/huaweicloud-sdk-core/ClientBuilder');

const PROJECT = '6e9dfd51d1124e8d8498dce894923a0d';

/** What crossed the wire: the SDK hides response headers, so a recorder sits in between. */
interface Exchange {
  authorization: string;
  status: number;
  requestId: string;
}
const exchanges: Exchange[] = [];
const recorders = new Map<string, http.Server>();

function recorder(upstream: string): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const forward = http.request(`${upstream}${req.url}`, { method: req.method, headers: req.headers }, (answer) => {
      exchanges.push({ authorization: String(req.headers.authorization ?? ''), status: answer.statusCode ?? 0, requestId: String(answer.headers['x-request-id'] ?? '') });
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    req.pipe(forward);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

beforeAll(async () => {
  for (const service of ['vpcep', 'apig']) {
    const upstream = inject('prismUrls')[service];
    if (!upstream) throw new Error(`no mock for ${service}`);
    recorders.set(service, await recorder(upstream));
  }
});
afterAll(async () => {
  await Promise.all([...recorders.values()].map((s) => new Promise((resolve) => s.close(resolve))));
});

function vendorClient(service: string) {
  const endpoint = `http://127.0.0.1:${(recorders.get(service)!.address() as AddressInfo).port}`;
  const credentials = new BasicCredentials().withAk('AKEXAMPLE0000000000').withSk('sk-example-secret').withProjectId(PROJECT);
  return new ClientBuilder((hc: unknown) => hc).withCredential(credentials).withEndpoint(endpoint).build();
}

interface VendorCall {
  method: string;
  url: string;
  pathParams: Record<string, string>;
  queryParams?: Record<string, unknown>;
  data?: unknown;
}

/** Sends through the vendor SDK; every exchange must be AK/SK-signed and answered with a plausible request id. */
async function send(service: string, call: VendorCall): Promise<any> {
  const before = exchanges.length;
  try {
    return await vendorClient(service).sendRequest({ contentType: 'application/json', headers: {}, queryParams: {}, ...call });
  } finally {
    const sent = exchanges.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.authorization).toMatch(/^SDK-HMAC-SHA256 Access=AKEXAMPLE0000000000, SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}$/);
    expect(sent[0]!.requestId).toMatch(/^[0-9a-f]{32}$/);
  }
}

describe('vendor Node SDK core against the VPCEP mock', () => {
  it('CreateEndpointService: signed POST, documented 200 body', async () => {
    const res = await send('vpcep', {
      method: 'POST',
      url: '/v1/{project_id}/vpc-endpoint-services',
      pathParams: { project_id: PROJECT },
      data: {
        port_id: '4189d3c2-8882-4871-a3c2-d380272eed88',
        vpc_id: '4189d3c2-8882-4871-a3c2-d380272eed80',
        approval_enabled: false,
        service_type: 'interface',
        server_type: 'VM',
        ports: [{ client_port: 8080, server_port: 90, protocol: 'TCP' }],
      },
    });
    expect(res.httpStatusCode).toBe(200);
    expect(res.id).toBe('4189d3c2-8882-4871-a3c2-d380272eed83');
    expect(res.ports).toHaveLength(2);
  });

  it('ListEndpoints: signed GET with query, documented 200 body', async () => {
    const res = await send('vpcep', {
      method: 'GET',
      url: '/v1/{project_id}/vpc-endpoints',
      pathParams: { project_id: PROJECT },
      queryParams: { limit: 10, offset: 0, sort_key: 'create_at', sort_dir: 'desc' },
    });
    expect(res.httpStatusCode).toBe(200);
    expect(res.total_count).toBe(2);
    expect(res.endpoints[0].active_status).toEqual(['active']);
  });

  it('UpdateEndpointService: signed PUT, documented 200 body', async () => {
    const res = await send('vpcep', {
      method: 'PUT',
      url: '/v1/{project_id}/vpc-endpoint-services/{vpc_endpoint_service_id}',
      pathParams: { project_id: PROJECT, vpc_endpoint_service_id: '4189d3c2-8882-4871-a3c2-d380272eed83' },
      data: { approval_enabled: true, service_name: 'test', ports: [{ client_port: 8081, server_port: 22, protocol: 'TCP' }] },
    });
    expect(res.httpStatusCode).toBe(200);
    expect(res.service_name).toBeTypeOf('string');
  });

  it('a request that breaks the spec is refused with the documented 400 error body', async () => {
    const error = await send('vpcep', {
      method: 'POST',
      url: '/v1/{project_id}/vpc-endpoint-services',
      pathParams: { project_id: PROJECT },
      data: { vpc_id: 'v', port_id: 'p', server_type: 'VM', ports: [{ client_port: 70000, server_port: 90 }] },
    }).then(
      () => undefined,
      (e: any) => e,
    );
    expect(error?.httpStatusCode).toBe(400);
    expect(String(error?.errorCode ?? '')).toMatch(/\S/);
  });
});

describe('vendor Node SDK core against the APIG mock', () => {
  it('CreateVpcChannelV2: signed POST of the documented server-type channel, documented 201 body', async () => {
    const res = await send('apig', {
      method: 'POST',
      url: '/v2/{project_id}/apigw/instances/{instance_id}/vpc-channels',
      pathParams: { project_id: PROJECT, instance_id: 'eddc4d25480b4cd6b512f270a1b8b341' },
      data: {
        name: 'VPC_demo',
        port: 22,
        balance_strategy: 1,
        member_type: 'ip',
        type: 2,
        vpc_health_config: { protocol: 'HTTP', path: '/vpc/demo', port: 22, threshold_normal: 2, threshold_abnormal: 5, time_interval: 10, http_code: '200', timeout: 5 },
        member_groups: [{ member_group_name: 'test', member_group_weight: 1, member_group_remark: 'remark' }],
        members: [{ host: '192.168.0.5', weight: 1, member_group_name: 'test' }],
      },
    });
    expect(res.httpStatusCode).toBe(201);
    expect(res.name).toBe('VPC_demo');
    expect(res.id).toBe('105c6902457144a4820dff8b1ad63331');
  });
});
