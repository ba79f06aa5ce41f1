// The consumer's side of the mock tests: the package's generated client of a service, created
// as a user's application would (region or baseUrl, plus what the set-up needs), and the mock of that service.
import { apigMock, cceMock, vpcepMock, type MockDefinition } from '../../src/mock/index.js';
import type { LoadedSpec } from '../support/specs.js';

export const PROJECT_ID = '6e9dfd51d1124e8d8498dce894923a0d';
export const TOKEN = 'mock-test-token';
export const CLUSTER_ID = '4ad2d1a4-5f69-11ef-9d8b-0255ac1001b3';

export const DEFINITIONS: Record<string, MockDefinition> = { cce: cceMock, vpcep: vpcepMock, apig: apigMock };

export interface Consumer {
  call(operationId: string, input: object, options?: object): Promise<unknown>;
  ErrorClass: new (...args: any[]) => Error;
}

/** `baseUrl` undefined: the client resolves the real regional host (what MSW intercepts). */
export async function consumerClient(spec: LoadedSpec, { baseUrl, auth = { token: TOKEN }, options = {} }: { baseUrl?: string; auth?: object; options?: object } = {}): Promise<Consumer> {
  const module = await import(`../../generated/${spec.name}/index.ts`);
  const client = module[`create${spec.model.pascal}Client`]({
    region: 'cn-north-4',
    clusterId: CLUSTER_ID,
    projectId: PROJECT_ID,
    auth,
    retry: false,
    validateResponses: true,
    ...(baseUrl ? { baseUrl } : {}),
    ...options,
  });
  return {
    call(operationId, input, options) {
      const op = spec.model.operations.find((o: any) => o.operationId === operationId);
      if (!op) throw new Error(`${spec.name}: no operation ${operationId}`);
      return client[op.methodName](input, options);
    },
    ErrorClass: module[`${spec.model.pascal}Error`],
  };
}
