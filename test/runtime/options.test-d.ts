// The option and result types of the generated clients: regions are the spec's (with an explicit
// escape hatch), withResponse adds status and headers, errors are one hierarchy.
import { describe, expectTypeOf, it } from 'vitest';
import {
  createVpcepClient,
  HuaweiCloudError,
  TimeoutError,
  VpcepError,
  type ListEndpointsOutput,
  type VpcepRegion,
  type WithResponse,
} from '../../generated/vpcep/index.js';
import { createCceClient } from '../../generated/cce/index.js';

describe('options', () => {
  it('region is the union of the spec regions, with { unlisted } for new ones', () => {
    expectTypeOf<'cn-north-4'>().toExtend<VpcepRegion>();
    expectTypeOf<'eu-west-101'>().toExtend<VpcepRegion>();
    expectTypeOf<'eu'>().not.toExtend<VpcepRegion>();
    createVpcepClient({ region: 'ap-southeast-1', auth: { token: 't' } });
    createVpcepClient({ region: { unlisted: 'xx-new-1' }, auth: { token: 't' } });
    // @ts-expect-error a misspelt region
    createVpcepClient({ region: 'cn-nort-4', auth: { token: 't' } });
    createCceClient({ region: 'eu-west-101', clusterId: 'c', auth: { token: 't' }, totalTimeoutMs: 60_000, followRedirects: 'same-origin' });
    // @ts-expect-error not a redirect policy
    createVpcepClient({ region: 'cn-north-4', auth: { token: 't' }, followRedirects: 'always' });
  });
});

describe('results and errors', () => {
  const vpcep = createVpcepClient({ region: 'cn-north-4', projectId: 'p', auth: { token: 't' } });
  it('withResponse resolves to data, status and headers', () => {
    expectTypeOf(vpcep.withResponse.listEndpoints).returns.resolves.toEqualTypeOf<WithResponse<ListEndpointsOutput>>();
    expectTypeOf<WithResponse<ListEndpointsOutput>['status']>().toEqualTypeOf<number>();
    expectTypeOf<WithResponse<ListEndpointsOutput>['headers']>().toEqualTypeOf<Record<string, string>>();
  });
  it('every error extends HuaweiCloudError', () => {
    expectTypeOf<VpcepError>().toExtend<HuaweiCloudError>();
    expectTypeOf<TimeoutError>().toExtend<HuaweiCloudError>();
    expectTypeOf<VpcepError['headers']>().toEqualTypeOf<Record<string, string>>();
    expectTypeOf<VpcepError['data']>().toBeUnknown();
  });
});
