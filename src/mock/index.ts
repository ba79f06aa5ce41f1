// `huaweicloud-openapi/mock`: mocks of the services for users' tests, answering from the spec.
export { createMockHandlers, type MockHandlers } from './msw.js';
export { startMockServer, type MockServer, type MockServerOptions } from './server.js';
export { createServiceMock, VIOLATIONS_HEADER, type MockOptions, type MockViolation, type ServiceMock } from './engine.js';
export { MockUsageError, type Choice } from './respond.js';
export type { MockDefinition } from './definition.js';
export { cceMock } from '../../generated/cce/mocks.js';
export { vpcepMock } from '../../generated/vpcep/mocks.js';
export { apigMock } from '../../generated/apig/mocks.js';
