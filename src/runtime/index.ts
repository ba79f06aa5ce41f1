// Public runtime surface for the generated clients.
export { signRequest, formatSdkDate, type SignableRequest, type Credentials, type SignOptions } from './signer.js';
export {
  createTransport,
  exchange,
  transportConfig,
  defaultRetry,
  isRetryableStatus,
  parseRetryAfter,
  DEFAULT_TIMEOUT_MS,
  DEFAULT_MAX_RESPONSE_BYTES,
  type RetryOptions,
  type RedirectPolicy,
  type TransportOptions,
  type TransportConfig,
  type ExchangeCall,
  type CallOptions as TransportCallOptions,
  type Transport,
} from './transport.js';
export type { WireRequest, WireResponse, Engine } from './wire.js';
export {
  HuaweiCloudError,
  ApiError,
  CceError,
  VpcepError,
  ApigError,
  ConnectionError,
  TimeoutError,
  AbortError,
  RedirectError,
  MalformedResponseError,
  ResponseTooLargeError,
  RequestValidationError,
  ConfigurationError,
  errorFromResponse,
  scrubSecrets,
  type Service,
  type ErrorContext,
  type ErrorRequest,
  type ValidationIssue,
} from './errors.js';
export { resolveBaseUrl, normaliseBaseUrl, type ServerTemplate } from './endpoints.js';
export { resolveConfig, type ResolvedConfig } from './config.js';
export { regionsOf, type UnlistedRegion } from './regions.js';
export { USER_AGENT, PACKAGE_NAME, PACKAGE_VERSION } from './version.js';
export {
  paginateMarker,
  paginateOffset,
  PaginationError,
  type MarkerPage,
  type MarkerPaginateOptions,
  type OffsetPage,
  type PaginateOptions,
} from './pagination.js';
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
  type WithResponse,
} from './client.js';
export { ResponseValidationError, validate, type ValidateFunction } from './validation.js';
