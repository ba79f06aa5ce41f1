// Types flow from the spec to the client: wrong names, types and enum values fail `tsc`.
import { describe, expectTypeOf, it } from 'vitest';
import { createVpcepClient, type ListEndpointsOutput, type CreateEndpointServiceInput } from '../../generated/vpcep/index.js';
import { createApigClient, type CreateVpcChannelV2Input } from '../../generated/apig/index.js';
import {
  createCceClient,
  type CreateCoreV1NamespacedEndpointsOutput,
  type DeleteCoreV1NamespacedEndpointsOutput,
  type PatchCoreV1NamespacedEndpointsInput,
} from '../../generated/cce/index.js';

const vpcep = createVpcepClient({ region: 'cn-north-4', projectId: 'p', auth: { token: 't' } });
const apig = createApigClient({ region: 'cn-north-4', projectId: 'p', auth: { accessKey: 'ak', secretKey: 'sk' } });
const cce = createCceClient({ region: 'cn-north-4', clusterId: 'c1', auth: { token: 't' } });

describe('vpcep', () => {
  it('takes documented query parameters with their enums', () => {
    expectTypeOf(vpcep.listEndpoints).toBeCallableWith({ limit: 50, sort_dir: 'asc', sort_key: 'update_at' });
    expectTypeOf(vpcep.listEndpoints).toBeCallableWith();
    // @ts-expect-error not an enum value of sort_dir
    void vpcep.listEndpoints({ sort_dir: 'up' });
    // @ts-expect-error limit is an integer, not a string
    void vpcep.listEndpoints({ limit: '50' });
    // @ts-expect-error misspelt parameter
    void vpcep.listEndpoints({ limitt: 5 });
  });

  it('returns the documented body', async () => {
    expectTypeOf<ListEndpointsOutput['total_count']>().toEqualTypeOf<number>();
    const page = await vpcep.listEndpoints();
    expectTypeOf(page.endpoints).not.toBeAny();
    for await (const endpoint of vpcep.listEndpointsAll({ sort_dir: 'asc' }, { pageSize: 100 })) {
      expectTypeOf(endpoint.id).toEqualTypeOf<string>();
      expectTypeOf(endpoint.status).toEqualTypeOf<'pendingAcceptance' | 'creating' | 'accepted' | 'rejected' | 'failed' | 'deleting'>();
    }
  });

  it('requires the documented body fields', () => {
    type Body = CreateEndpointServiceInput['body'];
    expectTypeOf<Body['server_type']>().toEqualTypeOf<'VM' | 'VIP' | 'LB'>();
    expectTypeOf<Body['vpc_id']>().toEqualTypeOf<string>();
    // @ts-expect-error ports is required
    void vpcep.createEndpointService({ body: { port_id: 'x', vpc_id: 'y', server_type: 'LB' } });
    // @ts-expect-error not a server_type
    void vpcep.createEndpointService({ body: { port_id: 'x', vpc_id: 'y', server_type: 'ELB', ports: [] } });
    // @ts-expect-error the path parameter is required
    void vpcep.updateEndpointService({ body: {} });
  });
});

describe('apig', () => {
  it('needs the instance id and a body', () => {
    expectTypeOf<CreateVpcChannelV2Input['instance_id']>().toEqualTypeOf<string>();
    // @ts-expect-error instance_id is required
    void apig.createVpcChannelV2({ body: {} as CreateVpcChannelV2Input['body'] });
    expectTypeOf(apig.core.raw.POST).toBeFunction();
  });
});

describe('cce', () => {
  it('creates Endpoints in a namespace', () => {
    expectTypeOf<CreateCoreV1NamespacedEndpointsOutput>().toHaveProperty('subsets');
    // @ts-expect-error namespace is required
    void cce.createCoreV1NamespacedEndpoints({ body: { apiVersion: 'v1', kind: 'Endpoints' } });
  });

  it('types the patch body by the media type chosen', () => {
    const target = { namespace: 'default', name: 'web' };
    // The default media type (strategic merge patch) needs no contentType: the body is an object.
    expectTypeOf(cce.patchCoreV1NamespacedEndpoints).toBeCallableWith({ ...target, body: { metadata: { labels: { app: 'web' } } } });
    expectTypeOf(cce.patchCoreV1NamespacedEndpoints).toBeCallableWith({ ...target, contentType: 'application/json-patch+json', body: [{ op: 'remove', path: '/subsets' }] });
    expectTypeOf(cce.patchCoreV1NamespacedEndpoints).toBeCallableWith({ ...target, contentType: 'application/apply-patch+yaml', fieldManager: 'me', body: 'kind: Endpoints' });
    // @ts-expect-error a JSON Patch is an array of operations, not an object
    void cce.patchCoreV1NamespacedEndpoints({ ...target, contentType: 'application/json-patch+json', body: { op: 'remove' } });
    // @ts-expect-error an apply patch is YAML text
    void cce.patchCoreV1NamespacedEndpoints({ ...target, contentType: 'application/apply-patch+yaml', body: { kind: 'Endpoints' } });
    // @ts-expect-error not a JSON Patch operation
    void cce.patchCoreV1NamespacedEndpoints({ ...target, contentType: 'application/json-patch+json', body: [{ op: 'merge', path: '/a' }] });
    // @ts-expect-error not a patch media type
    void cce.patchCoreV1NamespacedEndpoints({ ...target, contentType: 'application/json', body: {} });
    expectTypeOf<PatchCoreV1NamespacedEndpointsInput['contentType']>().toEqualTypeOf<
      'application/strategic-merge-patch+json' | 'application/merge-patch+json' | 'application/json-patch+json' | 'application/apply-patch+yaml' | undefined
    >();
  });

  it('returns a Status or the object from a delete', () => {
    expectTypeOf<DeleteCoreV1NamespacedEndpointsOutput>().toHaveProperty('kind');
    expectTypeOf<Extract<DeleteCoreV1NamespacedEndpointsOutput, { kind: 'Status' }>['status']>().toEqualTypeOf<'Success' | 'Failure'>();
  });
});
