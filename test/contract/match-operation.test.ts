// One request matcher for the proxy, the mock front and the workflow runner: literal paths win
// over templated ones, and path parameters come back decoded.
import { describe, expect, it } from 'vitest';
import { loadSpec, matchOperation } from '../../scripts/lib/operations.mjs';

const vpcep = loadSpec('vpcep');

describe('matchOperation', () => {
  it('prefers a literal segment to a path parameter', () => {
    expect(matchOperation(vpcep, 'GET', '/v1/p1/vpc-endpoint-services/describe')?.operationId).toBe('ListServiceDescribeDetails');
    expect(matchOperation(vpcep, 'GET', '/v1/p1/vpc-endpoint-services/public')?.operationId).toBe('ListServicePublicDetails');
  });

  it('returns the decoded path parameters of a templated path', () => {
    const matched = matchOperation(vpcep, 'get', '/v1/p%201/vpc-endpoint-services/svc-1');
    expect(matched?.operationId).toBe('ListServiceDetails');
    expect(matched?.pathParams).toEqual({ project_id: 'p 1', vpc_endpoint_service_id: 'svc-1' });
  });

  it('matches nothing for an undeclared method or path', () => {
    expect(matchOperation(vpcep, 'PATCH', '/v1/p1/vpc-endpoint-services/svc-1')).toBeUndefined();
    expect(matchOperation(vpcep, 'GET', '/v1/p1/nowhere/at/all/x')).toBeUndefined();
  });
});
