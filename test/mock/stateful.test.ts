// The stateful mode. With the operations the spec has today: VPCEP create then update of the
// same endpoint service, Kubernetes create twice with one name (409), APIG creates with fresh
// ids. And the generic logic on every role (create, list with paging and filters, read,
// replace, delete), on the VPCEP spec extended with the vendor's read/list/delete of endpoint
// services built from the spec's own schemas and examples: the mock needs no code for them.
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildMockDefinition } from '../../scripts/stages/mocks.mjs';
import { buildModel } from '../../scripts/stages/model.mjs';
import { createSpecAjv, requestSchema } from '../../scripts/stages/validators.mjs';
import { createMockHandlers, startMockServer, type MockDefinition, type MockServer } from '../../src/mock/index.js';
import { loadSpecs } from '../support/specs.js';
import { CLUSTER_ID, DEFINITIONS, PROJECT_ID, TOKEN, consumerClient } from './consumer.js';

// MSW intercepts the global fetch, not undici's dispatcher: the clients send through fetch (bound late).
const MSW = { options: { fetch: (input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init) } };
const specs = Object.fromEntries((await loadSpecs()).map((s) => [s.name, s]));
// baseUrl: only the hosts the clients resolve, so the local server below is not shadowed.
const vpcep = createMockHandlers(DEFINITIONS['vpcep']!, { stateful: true, baseUrl: 'https://vpcep.cn-north-4.myhuaweicloud.com' });
const cce = createMockHandlers(DEFINITIONS['cce']!, { stateful: true, baseUrl: `https://${CLUSTER_ID}.cce.cn-north-4.myhuaweicloud.com` });
const apig = createMockHandlers(DEFINITIONS['apig']!, { stateful: true, baseUrl: 'https://apig.cn-north-4.myhuaweicloud.com' });
const server = setupServer(...vpcep.handlers, ...cce.handlers, ...apig.handlers);

// The local server of the generic tests is reached over a socket: MSW lets loopback through.
beforeAll(() =>
  server.listen({
    onUnhandledRequest: (request, print) => {
      if (new URL(request.url).hostname !== '127.0.0.1') print.error();
    },
  }),
);
afterAll(() => server.close());
beforeEach(() => [vpcep, cce, apig].forEach((m) => m.mock.reset()));

const example = (spec: string, name: string) => specs[spec]!.doc.components.examples[name].value;
/** The first example of VPCEP's shared 404 response. */
const notFound = () => Object.values<any>(specs['vpcep']!.doc.components.responses.NotFound.content['application/json'].examples)[0].value;

describe('stateful mode with the operations the spec has', () => {
  it('VPCEP: an update of a created endpoint service answers the created resource with the update applied', async () => {
    const client = await consumerClient(specs['vpcep']!, MSW);
    const createBody = example('vpcep', 'create-vm-interface-request');
    const created: any = await client.call('CreateEndpointService', { body: createBody });
    const createExample = example('vpcep', 'create-vm-interface-response');
    expect(created.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(created.id).not.toBe(createExample.id);
    // Under the create's example lies the read's (ListServiceDetails): a later read answers every field it documents.
    const readExample = example('vpcep', 'available-vm-service-response');
    expect(created).toEqual({ ...readExample, ...createExample, ...createBody, id: created.id, project_id: PROJECT_ID });
    const read: any = await client.call('ListServiceDetails', { vpc_endpoint_service_id: created.id });
    expect(read).toEqual(created);

    const update = example('vpcep', 'update-approval-name-ports-request');
    const updated: any = await client.call('UpdateEndpointService', { vpc_endpoint_service_id: created.id, body: update });
    expect(updated).toEqual({ ...created, ...update });
    expect(vpcep.mock.records()).toEqual([{ collection: `/v1/${PROJECT_ID}/vpc-endpoint-services`, id: created.id, record: updated }]);

    // Another project does not see it.
    const other: any = await client.call('UpdateEndpointService', { project_id: 'another-project', vpc_endpoint_service_id: created.id, body: update }).catch((e) => e);
    expect(other.status).toBe(404);
  });

  it('VPCEP: an update of an endpoint service nobody created answers the documented 404', async () => {
    const client = await consumerClient(specs['vpcep']!, MSW);
    const error: any = await client.call('UpdateEndpointService', { vpc_endpoint_service_id: 'c2bc4a5b-bf4f-4a63-91d8-5e4b1a2f0b11', body: { approval_enabled: true } }).catch((e) => e);
    expect(error).toBeInstanceOf(client.ErrorClass);
    expect(error.status).toBe(404);
    expect(error.code).toBe(notFound().error.code);
  });

  it('VPCEP: two creates get two ids; without the stateful option nothing is remembered', async () => {
    const client = await consumerClient(specs['vpcep']!, MSW);
    const body = example('vpcep', 'create-vm-interface-request');
    const a: any = await client.call('CreateEndpointService', { body });
    const b: any = await client.call('CreateEndpointService', { body });
    expect(a.id).not.toBe(b.id);
    expect(vpcep.mock.records().map((r) => r.id).sort()).toEqual([a.id, b.id].sort());
    const stateless = createMockHandlers(DEFINITIONS['vpcep']!, { baseUrl: 'https://vpcep.cn-north-4.myhuaweicloud.com' });
    server.use(...stateless.handlers);
    try {
      expect(((await client.call('CreateEndpointService', { body })) as any).id).toBe(example('vpcep', 'create-vm-interface-response').id);
      expect(stateless.mock.records()).toEqual([]);
    } finally {
      server.resetHandlers();
    }
  });

  it('Kubernetes: a second create with the same name answers the documented 409 AlreadyExists', async () => {
    const client = await consumerClient(specs['cce']!, MSW);
    const body = example('cce', 'createEndpointsRequest');
    const created: any = await client.call('createCoreV1NamespacedEndpoints', { namespace: 'default', body });
    expect(created.metadata.name).toBe(body.metadata.name);
    const again: any = await client.call('createCoreV1NamespacedEndpoints', { namespace: 'default', body }).catch((e) => e);
    expect(again.status).toBe(409);
    expect(again.code).toBe('AlreadyExists');
    // The same name in another namespace is another resource.
    await client.call('createCoreV1NamespacedEndpoints', { namespace: 'other', body: { ...body, metadata: { ...body.metadata, namespace: 'other' } } });
    expect(cce.mock.records().map((r) => r.collection).sort()).toEqual(['/api/v1/namespaces/default/endpoints', '/api/v1/namespaces/other/endpoints']);
  });

  it('APIG: created VPC channels get fresh ids of the example id\'s shape', async () => {
    const client = await consumerClient(specs['apig']!, MSW);
    const body = (Object.values(specs['apig']!.doc.paths).flatMap((item: any) => Object.values(item)) as any[]).find((o) => o.operationId === 'CreateVpcChannelV2').requestBody.content['application/json'].examples;
    const first: any = Object.values(body)[0];
    const value = first.$ref ? specs['apig']!.doc.components.examples[first.$ref.split('/').pop()].value : first.value;
    const a: any = await client.call('CreateVpcChannelV2', { instance_id: 'eddc4d25480b4cd6b512f270a1b8b341', body: value });
    const b: any = await client.call('CreateVpcChannelV2', { instance_id: 'eddc4d25480b4cd6b512f270a1b8b341', body: value });
    expect(a.id).not.toBe(b.id);
    expect(String(a.id).length).toBe(String(b.id).length);
    expect(a.name).toBe(value.name);
  });
});

describe('stateful mode, generic: every role on a spec with a full lifecycle', () => {
  const ITEM = '/v1/{project_id}/vpc-endpoint-services/{vpc_endpoint_service_id}';
  const COLLECTION = '/v1/{project_id}/vpc-endpoint-services';
  let definition: MockDefinition;
  let local: MockServer;
  let mocks: ReturnType<typeof createMockHandlers>;

  beforeAll(async () => {
    const doc = structuredClone(specs['vpcep']!.doc);
    const update = doc.paths[ITEM].put;
    const created = doc.components.examples['create-vm-interface-response'].value;
    doc.paths[ITEM].get = { operationId: 'ListServiceDetails', parameters: update.parameters, responses: update.responses };
    doc.paths[ITEM].delete = {
      operationId: 'DeleteEndpointService',
      parameters: update.parameters,
      responses: { '204': { description: 'No Content' }, '401': update.responses['401'], '404': update.responses['404'] },
    };
    doc.paths[COLLECTION].delete = {
      operationId: 'DeleteEndpointServices',
      parameters: [{ $ref: '#/components/parameters/project_id' }],
      responses: { '204': { description: 'No Content' }, '401': update.responses['401'] },
    };
    // A batch action answers no id: it makes no resource.
    doc.paths[`${ITEM}/permissions/action`] = {
      post: {
        operationId: 'BatchAddEndpointServicePermissions',
        parameters: update.parameters,
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', properties: { permissions: { type: 'array', items: { type: 'string' } } } } } } },
        responses: {
          '200': {
            description: 'OK',
            content: { 'application/json': { schema: { type: 'object' }, examples: { added: { value: { permissions: [{ permission: 'iam:domain::5fc973eea581490997e82ea11a1d0101' }] } } } } },
          },
          '401': update.responses['401'],
        },
      },
    };
    doc.paths[COLLECTION].get = {
      operationId: 'ListEndpointServices',
      parameters: [
        { $ref: '#/components/parameters/project_id' },
        { name: 'status', in: 'query', schema: { type: 'string' } },
        { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 1000 } },
        { name: 'offset', in: 'query', schema: { type: 'integer', minimum: 0 } },
      ],
      'x-pagination': { style: 'offset', limit: 'limit', offset: 'offset', items: 'endpoint_services', total: 'total_count' },
      responses: {
        '200': {
          description: 'OK',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: { endpoint_services: { type: 'array', items: { $ref: '#/components/schemas/EndpointServiceResponseBody' } }, total_count: { type: 'integer' } },
              },
              examples: { one: { value: { endpoint_services: [created], total_count: 1 } } },
            },
          },
        },
        '400': update.responses['400'],
        '401': update.responses['401'],
      },
    };
    const model = buildModel('vpcep', doc);
    const { ajv, toAjv } = createSpecAjv('vpcep', doc);
    const validators = Object.fromEntries(model.operations.map((op: any) => [`${op.operationId}Request`, ajv.compile(toAjv(requestSchema(op)))]));
    const data = JSON.parse(JSON.stringify(buildMockDefinition('vpcep', doc)));
    definition = { ...data, loadValidators: async () => validators };
    mocks = createMockHandlers(definition, { stateful: true });
    local = await startMockServer(mocks.handlers);
  });
  afterAll(() => local.close());

  const send = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${local.url}${path.replace('{project_id}', PROJECT_ID)}`, {
      method,
      headers: { 'x-auth-token': TOKEN, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };

  it('finds the resource from the paths alone', () => {
    expect(definition.resources.filter((r: any) => r.collection === COLLECTION)).toEqual([
      {
        collection: COLLECTION,
        item: ITEM,
        idParam: 'vpc_endpoint_service_id',
        idPath: ['id'],
        create: 'CreateEndpointService',
        list: 'ListEndpointServices',
        listItems: 'endpoint_services',
        // A listed item shows the fields its schema documents.
        listItemFields: Object.keys(specs['vpcep']!.doc.components.schemas.EndpointServiceResponseBody.properties).sort(),
        read: 'ListServiceDetails',
        replace: 'UpdateEndpointService',
        delete: 'DeleteEndpointService',
        deleteAll: 'DeleteEndpointServices',
      },
    ]);
  });

  it('finds the VPC endpoint resource of the real spec too', () => {
    expect(definition.resources.find((r: any) => r.collection === '/v1/{project_id}/vpc-endpoints')).toMatchObject({
      item: '/v1/{project_id}/vpc-endpoints/{vpc_endpoint_id}',
      idParam: 'vpc_endpoint_id',
      idPath: ['id'],
      create: 'CreateEndpoint',
      list: 'ListEndpoints',
      listItems: 'endpoints',
      read: 'ListEndpointInfoDetails',
    });
  });

  it('create, list (filtered and paged), read, replace, delete, then read and list again', async () => {
    const body = specs['vpcep']!.doc.components.examples['create-vm-interface-request'].value;
    expect((await send('GET', COLLECTION)).body).toEqual({ endpoint_services: [], total_count: 0 });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const created = await send('POST', COLLECTION, body);
      expect(created.status).toBe(200);
      ids.push(created.body.id);
    }
    expect(new Set(ids).size).toBe(3);

    const all = await send('GET', COLLECTION);
    expect(all.body.total_count).toBe(3);
    expect(all.body.endpoint_services.map((s: any) => s.id)).toEqual(ids);
    const page = await send('GET', `${COLLECTION}?limit=1&offset=1`);
    expect(page.body).toEqual({ endpoint_services: [all.body.endpoint_services[1]], total_count: 3 });

    const read = await send('GET', `${COLLECTION}/${ids[0]}`);
    expect(read).toEqual({ status: 200, body: all.body.endpoint_services[0] });

    const replaced = await send('PUT', `${COLLECTION}/${ids[0]}`, { service_name: 'renamed', approval_enabled: true });
    expect(replaced.body).toEqual({ ...read.body, service_name: 'renamed', approval_enabled: true });
    expect((await send('GET', `${COLLECTION}/${ids[0]}`)).body).toEqual(replaced.body);

    // A query parameter named like a field filters on it.
    const updateOfOther = await send('PUT', `${COLLECTION}/${ids[1]}`, { approval_enabled: true });
    expect(updateOfOther.status).toBe(200);
    expect((await send('GET', `${COLLECTION}?status=available`)).body.total_count).toBe(3);
    expect((await send('GET', `${COLLECTION}?status=failed`)).body).toEqual({ endpoint_services: [], total_count: 0 });

    expect(await send('DELETE', `${COLLECTION}/${ids[0]}`)).toEqual({ status: 204, body: undefined });
    const gone = await send('GET', `${COLLECTION}/${ids[0]}`);
    expect(gone.status).toBe(404);
    expect(gone.body).toEqual(notFound());
    expect((await send('DELETE', `${COLLECTION}/${ids[0]}`)).status).toBe(404);
    expect((await send('GET', COLLECTION)).body.endpoint_services.map((s: any) => s.id)).toEqual(ids.slice(1));

    expect((await send('DELETE', COLLECTION)).status).toBe(204);
    expect((await send('GET', COLLECTION)).body).toEqual({ endpoint_services: [], total_count: 0 });
    expect(mocks.mock.records()).toEqual([]);
  });

  it('still validates: an invalid create is refused with the documented 400 and remembers nothing', async () => {
    mocks.mock.reset();
    const refused = await send('POST', COLLECTION, { ports: 'not-a-list' });
    expect(refused.status).toBe(400);
    expect(mocks.mock.records()).toEqual([]);
    expect(mocks.mock.violations.at(-1)!.issues.map((i) => i.path)).toContain('body.ports');
  });
});
