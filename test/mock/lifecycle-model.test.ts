// The stateful mock plays a Kubernetes lifecycle from the spec alone: on the CCE spec extended
// with read, replace, patch and delete of Endpoints (built from the create's own schemas and
// responses, as the vendor's operations are), a replace drops what the new object leaves out
// but keeps server-set metadata, a merge patch merges (null removes), a JSON Patch applies
// operation by operation (a failed `test` is a 422), reads after delete are 404, and a request
// under a resource that was never created is a 404.
import { beforeEach, describe, expect, it } from 'vitest';
import { createServiceMock } from '../../src/mock/index.js';
import { definitionOf } from '../workflows/fixture.js';
import { loadSpecs } from '../support/specs.js';

const COLLECTION = '/api/v1/namespaces/{namespace}/endpoints';
const ITEM = `${COLLECTION}/{name}`;
const cce = (await loadSpecs()).find((s) => s.name === 'cce')!.doc;

function extendedCce(): any {
  const doc = structuredClone(cce);
  const create = doc.paths[COLLECTION].post;
  const params = [{ name: 'name', in: 'path', required: true, schema: { type: 'string' }, description: 'Name of the Endpoints object.' }, create.parameters[0]];
  const ok = { '200': create.responses['201'], '401': create.responses['401'], '404': create.responses['404'], '422': create.responses['422'] };
  const patchTypes = ['application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json'];
  doc.paths[ITEM] = {
    get: { operationId: 'readCoreV1NamespacedEndpoints', parameters: params, responses: ok },
    put: { operationId: 'replaceCoreV1NamespacedEndpoints', parameters: params, requestBody: create.requestBody, responses: ok },
    patch: {
      operationId: 'patchCoreV1NamespacedEndpoints',
      parameters: params,
      requestBody: { required: true, content: Object.fromEntries(patchTypes.map((t) => [t, { schema: { type: ['object', 'array'] } }])) },
      responses: ok,
    },
    delete: { operationId: 'deleteCoreV1NamespacedEndpoints', parameters: params, responses: ok },
  };
  doc.paths[`${ITEM}/children`] = { get: { operationId: 'readChildren', parameters: params, responses: ok } };
  return doc;
}

const definition = definitionOf('cce', extendedCce());
const mock = createServiceMock(definition, { stateful: true, requireAuth: false });
beforeEach(() => mock.reset());

const BASE = 'https://cluster.example.com/api/v1/namespaces/default/endpoints';
async function send(method: string, path: string, body?: unknown, type = 'application/json') {
  const response = (await mock.handle(new Request(`${BASE}${path}`, { method, ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': type } }) })))!;
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

const created = {
  apiVersion: 'v1',
  kind: 'Endpoints',
  metadata: { name: 'web', labels: { app: 'web', tier: 'front' } },
  subsets: [{ addresses: [{ ip: '10.0.0.1' }, { ip: '10.0.0.2' }], ports: [{ port: 80, protocol: 'TCP' }] }],
};

describe('stateful mock: a Kubernetes lifecycle from the spec', () => {
  it('finds the resource and that its PUT sends the whole object', () => {
    const resource = definition.resources.find((r) => r.collection === COLLECTION)!;
    expect(resource).toMatchObject({ item: ITEM, idParam: 'name', idPath: ['metadata', 'name'], read: 'readCoreV1NamespacedEndpoints', replace: 'replaceCoreV1NamespacedEndpoints', patch: 'patchCoreV1NamespacedEndpoints', delete: 'deleteCoreV1NamespacedEndpoints', replaceWhole: true });
  });

  it('create -> read -> replace -> merge patch -> JSON Patch -> delete -> read 404', async () => {
    const first = await send('POST', '', created);
    expect(first.status).toBe(201);
    const uid = first.body.metadata.uid;
    expect((await send('GET', '/web')).body.subsets).toEqual(created.subsets);

    // Replace: one address, no labels: what the new object leaves out is gone; uid stays.
    const replaced = await send('PUT', '/web', { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'web' }, subsets: [{ addresses: [{ ip: '10.0.0.9' }], ports: [{ port: 8080 }] }] });
    expect(replaced.status).toBe(200);
    expect(replaced.body.subsets).toEqual([{ addresses: [{ ip: '10.0.0.9' }], ports: [{ port: 8080 }] }]);
    expect(replaced.body.metadata.uid).toBe(uid);
    expect((await send('GET', '/web')).body).toEqual(replaced.body);

    // Merge patch: labels merge, null removes one, the subsets array is replaced whole.
    await send('PATCH', '/web', { metadata: { labels: { app: 'web2', tier: 'back' } } }, 'application/merge-patch+json');
    const merged = await send('PATCH', '/web', { metadata: { labels: { tier: null } } }, 'application/strategic-merge-patch+json');
    expect(merged.body.metadata.labels).toEqual({ app: 'web2' });
    expect(merged.body.metadata.name).toBe('web');

    // JSON Patch: operation by operation; a failed test changes nothing and is a 422.
    const patched = await send('PATCH', '/web', [{ op: 'add', path: '/subsets/0/addresses/-', value: { ip: '10.0.0.10' } }, { op: 'replace', path: '/subsets/0/ports/0/port', value: 9090 }], 'application/json-patch+json');
    expect(patched.status).toBe(200);
    expect(patched.body.subsets[0]).toEqual({ addresses: [{ ip: '10.0.0.9' }, { ip: '10.0.0.10' }], ports: [{ port: 9090 }] });
    const failed = await send('PATCH', '/web', [{ op: 'test', path: '/subsets/0/ports/0/port', value: 1 }, { op: 'remove', path: '/subsets' }], 'application/json-patch+json');
    expect(failed.status).toBe(422);
    expect((await send('GET', '/web')).body.subsets[0].ports).toEqual([{ port: 9090 }]);

    expect((await send('DELETE', '/web')).status).toBe(200);
    expect((await send('GET', '/web')).status).toBe(404);
    expect((await send('PUT', '/web', created)).status).toBe(404);
    expect((await send('PATCH', '/web', {}, 'application/merge-patch+json')).status).toBe(404);
  });

  it('a request under an object that was never created (or was deleted) is a 404', async () => {
    expect((await send('GET', '/web/children')).status).toBe(404);
    await send('POST', '', created);
    expect((await send('GET', '/web/children')).status).toBe(200);
    await send('DELETE', '/web');
    expect((await send('GET', '/web/children')).status).toBe(404);
  });
});
