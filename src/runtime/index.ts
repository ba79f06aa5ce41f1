// Public runtime surface for the generated clients.
export { signRequest, formatSdkDate, type SignableRequest, type Credentials, type SignOptions } from './signer.js';
export {
  createTransport,
  defaultRetry,
  isRetryableStatus,
  parseRetryAfter,
  type RetryOptions,
  type TransportOptions,
  type CallOptions as TransportCallOptions,
  type Transport,
} from './transport.js';
export {
  ApiError,
  CceError,
  VpcepError,
  ApigError,
  errorFromResponse,
  scrubSecrets,
  RequestValidationError,
  TimeoutError,
  ConfigurationError,
  type Service,
  type ErrorRequest,
  type ValidationIssue,
} from './errors.js';
export { resolveBaseUrl, normaliseBaseUrl, type ServerTemplate } from './endpoints.js';
export { paginateOffset, type OffsetPage, type PaginateOptions } from './pagination.js';
export { assertSafeHeaderValue, encodePathParam } from './safety.js';
export {
  createServiceClient,
  type Auth,
  type CallOptions,
  type ClientOptions,
  type OperationDescriptor,
  type OperationInput,
  type OperationOutput,
  type Pagination,
  type ServiceClientCore,
  type ServiceDefinition,
} from './client.js';
export { ResponseValidationError, validate, type ValidateFunction } from './validation.js';
