// What the contract tests compare at run time, checked at compile time: each method resolves to
// the body type of its documented success response (the schema the spec's examples follow),
// and each service's errors are ApiErrors with a status, code and message.
import { describe, expectTypeOf, it } from 'vitest';
import { createVpcepClient, type components as Vpcep, type VpcepError, type ApiError } from '../../generated/vpcep/index.js';
import { createApigClient, type components as Apig, type ApigError } from '../../generated/apig/index.js';
import { createCceClient, type components as Cce, type CceError } from '../../generated/cce/index.js';

const options = { baseUrl: 'http://127.0.0.1:1', projectId: 'p', auth: { token: 't' } };
const vpcep = createVpcepClient(options);
const apig = createApigClient(options);
const cce = createCceClient(options);

describe('success bodies are the documented schemas', () => {
  it('vpcep', () => {
    expectTypeOf(vpcep.listEndpoints).returns.resolves.toEqualTypeOf<Vpcep['schemas']['ListEndpointsResponseBody']>();
    expectTypeOf(vpcep.createEndpointService).returns.resolves.toEqualTypeOf<Vpcep['schemas']['EndpointServiceResponseBody']>();
    expectTypeOf(vpcep.updateEndpointService).returns.resolves.toEqualTypeOf<Vpcep['schemas']['EndpointServiceResponseBody']>();
  });
  it('apig', () => {
    expectTypeOf(apig.createVpcChannelV2).returns.resolves.toEqualTypeOf<Apig['schemas']['VpcChannelInfo']>();
  });
  it('cce (200, 201 and 202 share the Endpoints schema)', () => {
    expectTypeOf(cce.createCoreV1NamespacedEndpoints).returns.resolves.toEqualTypeOf<Cce['schemas']['Endpoints']>();
  });
});

describe('errors', () => {
  it('are ApiErrors with status, code, message and request id', () => {
    for (const check of [expectTypeOf<VpcepError>(), expectTypeOf<ApigError>(), expectTypeOf<CceError>()]) {
      check.toMatchTypeOf<ApiError>();
      check.toHaveProperty('status').toEqualTypeOf<number>();
      check.toHaveProperty('code').toEqualTypeOf<string | undefined>();
      check.toHaveProperty('errorMessage').toEqualTypeOf<string>();
      check.toHaveProperty('requestId').toEqualTypeOf<string | undefined>();
    }
  });
});
