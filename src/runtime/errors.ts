// One error hierarchy for every failure. Nothing secret may reach a message, property, stack,
// toJSON() or util.inspect: no request headers, no query strings, echoed credentials scrubbed.

export type Service = 'cce' | 'vpcep' | 'apig';

const LABEL: Record<Service, string> = { cce: 'CCE', vpcep: 'VPCEP', apig: 'APIG' };
/** Bytes read from an error body (enough for any real error JSON). */
export const ERROR_READ_LIMIT = 64 * 1024;
/** Characters of raw body kept on the error. */
const KEEP_LIMIT = 4 * 1024;
const REDACTED = '[REDACTED]';

/** Where a failure happened: the operation (when known), the method and the URL path (never the query). */
export interface ErrorContext {
  operationId?: string | undefined;
  method?: string | undefined;
  path?: string | undefined;
}

const where = (c: ErrorContext): string =>
  c.method && c.path ? ` (${c.operationId ? c.operationId + ': ' : ''}${c.method} ${c.path})` : c.operationId ? ` (${c.operationId})` : '';

/** The base of every error this package throws. */
export class HuaweiCloudError extends Error {
  override name = 'HuaweiCloudError';
  readonly operationId: string | undefined;
  readonly method: string | undefined;
  /** URL pathname only: never the query string. */
  readonly path: string | undefined;

  constructor(message: string, context: ErrorContext = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.operationId = context.operationId;
    this.method = context.method;
    this.path = context.path;
  }

  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { name: this.name, message: this.message };
    for (const [k, v] of Object.entries(this)) if (k !== 'cause' && v !== undefined) out[k] = v;
    return out;
  }
}

/** The client options cannot work (missing host, credentials, malformed values); nothing was sent. */
export class ConfigurationError extends HuaweiCloudError {
  override name = 'ConfigurationError';
}

/** The connection failed before a complete response arrived (refused, reset, DNS, TLS). `cause` is the network error. */
export class ConnectionError extends HuaweiCloudError {
  override name = 'ConnectionError';
}

/** An attempt exceeded `timeoutMs`, or the whole call exceeded `totalTimeoutMs`. */
export class TimeoutError extends HuaweiCloudError {
  override name = 'TimeoutError';
  /** `attempt` (per-attempt `timeoutMs`) or `total` (the overall deadline). */
  readonly timeout: 'attempt' | 'total' | undefined;
  readonly timeoutMs: number | undefined;

  constructor(message: string, context: ErrorContext = {}, timeout?: 'attempt' | 'total', timeoutMs?: number) {
    super(message, context);
    this.timeout = timeout;
    this.timeoutMs = timeoutMs;
  }
}

/** The caller's signal aborted the call; `cause` is the signal's reason. */
export class AbortError extends HuaweiCloudError {
  override name = 'AbortError';
}

/** A redirect the policy refuses (another origin, or redirects turned off); nothing was sent there. */
export class RedirectError extends HuaweiCloudError {
  override name = 'RedirectError';
  readonly status: number;
  /** Host (and port) the server redirected to, when it named one. */
  readonly targetHost: string | undefined;

  constructor(message: string, context: ErrorContext, status: number, targetHost: string | undefined) {
    super(message, context);
    this.status = status;
    this.targetHost = targetHost;
  }
}

/** A response that cannot be used: empty or non-JSON where JSON is documented, or over the size cap. */
export class MalformedResponseError extends HuaweiCloudError {
  override name = 'MalformedResponseError';
  readonly status: number;
  readonly headers: Record<string, string>;
  /** Raw response text, scrubbed and truncated. */
  readonly body: string;

  constructor(message: string, context: ErrorContext, status: number, headers: Record<string, string>, body: string) {
    super(message, context);
    this.status = status;
    this.headers = headers;
    this.body = body;
  }
}

/** A response body larger than `maxResponseBytes`; reading stopped there. */
export class ResponseTooLargeError extends MalformedResponseError {
  override name = 'ResponseTooLargeError';
  readonly limitBytes: number;

  constructor(context: ErrorContext, status: number, headers: Record<string, string>, limitBytes: number) {
    super(`Response body exceeds maxResponseBytes (${limitBytes} bytes)${where(context)}`, context, status, headers, '');
    this.limitBytes = limitBytes;
  }
}

export interface ValidationIssue {
  path: string;
  rule: string;
  message: string;
}

export class RequestValidationError extends HuaweiCloudError {
  override name = 'RequestValidationError';
  declare readonly operationId: string;
  readonly issues: ValidationIssue[];

  constructor(operationId: string, issues: ValidationIssue[], context: ErrorContext = {}) {
    const list = issues.map((i) => `${i.path}: ${i.rule} (${i.message})`).join('; ');
    super(`Invalid request for ${operationId}: ${list || 'no details'}`, { ...context, operationId });
    this.issues = issues;
  }
}

export interface ApiErrorInit {
  service: Service;
  status: number;
  code: string | undefined;
  errorMessage: string;
  requestId: string | undefined;
  method: string;
  path: string;
  body: string;
  operationId?: string | undefined;
  /** Response headers (lower-case names), scrubbed. */
  headers?: Record<string, string> | undefined;
  /** The parsed JSON body (of the scrubbed text), if it was JSON. */
  data?: unknown;
}

/** An HTTP error response (non-2xx). */
export class ApiError extends HuaweiCloudError {
  override name = 'ApiError';
  readonly service: Service;
  readonly status: number;
  /** Service error code (`EndPoint.0005`, `APIG.0101`, Kubernetes `reason`), if any. */
  readonly code: string | undefined;
  readonly errorMessage: string;
  readonly requestId: string | undefined;
  declare readonly method: string;
  declare readonly path: string;
  /** Response headers, lower-case names, credential-looking values scrubbed. */
  readonly headers: Record<string, string>;
  /** The parsed JSON error body (scrubbed), or undefined when the body was not JSON. */
  readonly data: unknown;
  /** Raw response body, scrubbed and truncated. */
  readonly body: string;

  constructor(init: ApiErrorInit) {
    const head = `${LABEL[init.service]} ${init.status}${init.code ? ' ' + init.code : ''}`;
    const rid = init.requestId ? `, request id ${init.requestId}` : '';
    super(`${head}: ${init.errorMessage} (${init.method} ${init.path}${rid})`, init);
    this.service = init.service;
    this.status = init.status;
    this.code = init.code;
    this.errorMessage = init.errorMessage;
    this.requestId = init.requestId;
    this.headers = init.headers ?? {};
    this.data = init.data;
    this.body = init.body;
  }
}

export interface ErrorRequest {
  method: string;
  url: string;
  /** Known secrets (AK, SK, token) to scrub from echoed text, in addition to the patterns. */
  secrets?: readonly string[];
  operationId?: string | undefined;
}

type Factory = (response: Response, request: ErrorRequest) => Promise<ApiError>;

export class CceError extends ApiError {
  override name = 'CceError';
  static fromResponse: Factory = (res, req) => errorFromResponse('cce', res, req);
}

export class VpcepError extends ApiError {
  override name = 'VpcepError';
  static fromResponse: Factory = (res, req) => errorFromResponse('vpcep', res, req);
}

export class ApigError extends ApiError {
  override name = 'ApigError';
  static fromResponse: Factory = (res, req) => errorFromResponse('apig', res, req);
}

const CLASSES = { cce: CceError, vpcep: VpcepError, apig: ApigError } as const;

// Credential names whose value is scrubbed in `name: value`, `name=value`, `"name": "value"`.
const SECRET_KEYS =
  /((?:x-(?:auth|subject|security)-token|token|authorization|password|passwd|secret(?:[_-]?access)?[_-]?key|access[_-]?key(?:[_-]?id)?|secret|\bak|\bsk|signature)"?\s*[:=]\s*)("(?:[^"\\]|\\.)*"|[^"\s,;&}]+)/gi;
const SCRUB: [RegExp, string][] = [
  // Signature header parts and bearer/basic credentials.
  [/\b(Access|Signature)=[^\s,"]+/g, `$1=${REDACTED}`],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, `$1 ${REDACTED}`],
  // IAM tokens (PKI "MII..." base64) and other long opaque runs.
  [/MII[A-Za-z0-9+/=_-]{16,}/g, REDACTED],
  [/[A-Za-z0-9+/_-]{100,}={0,2}/g, REDACTED],
  // Huawei AK (20 upper-case alnum) and SK (40 alnum) shapes.
  [/\b[A-Z0-9]{20}\b/g, REDACTED],
  [/\b[A-Za-z0-9]{40}\b/g, REDACTED],
];

/** Removes credential-looking text. */
export function scrubSecrets(text: string, secrets?: readonly string[]): string {
  let out = text;
  if (secrets) {
    for (const s of secrets) if (s.length >= 4) out = out.split(s).join(REDACTED);
  }
  out = out.replace(SECRET_KEYS, (_m, key: string, value: string) =>
    key + (value.startsWith('"') ? `"${REDACTED}"` : REDACTED),
  );
  for (const [re, rep] of SCRUB) out = out.replace(re, rep);
  return out;
}

/** Response headers fit to keep on an error: cookies dropped, values scrubbed. */
export function scrubHeaders(headers: Record<string, string>, secrets?: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name in headers) {
    if (name === 'set-cookie') continue;
    out[name] = scrubSecrets(headers[name]!, secrets);
  }
  return out;
}

/** Scrubbed, truncated raw text for an error's `body`. */
export function keptBody(text: string, truncated: boolean, secrets?: readonly string[]): string {
  let body = scrubSecrets(text, secrets);
  if (truncated || body.length > KEEP_LIMIT) body = body.slice(0, KEEP_LIMIT) + '…[truncated]';
  return body;
}

async function readCapped(res: Response): Promise<{ text: string; truncated: boolean }> {
  if (!res.body || res.bodyUsed) return { text: '', truncated: false };
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let truncated = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.length;
      if (size >= ERROR_READ_LIMIT) {
        truncated = true;
        break;
      }
    }
  } catch {
    truncated = true; // connection dropped mid-body: keep what arrived
  }
  if (truncated) await reader.cancel().catch(() => {});
  reader.releaseLock();
  const buf = new Uint8Array(Math.min(size, ERROR_READ_LIMIT));
  let at = 0;
  for (const c of chunks) {
    const n = Math.min(c.length, buf.length - at);
    buf.set(c.subarray(0, n), at);
    at += n;
  }
  return { text: new TextDecoder().decode(buf), truncated };
}

const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined;

interface Parsed {
  code?: string | undefined;
  message?: string | undefined;
  requestId?: string | undefined;
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Understands VPCEP `{error:{code,message}}`, `{error_code,error_msg}` (APIG, VPCEP) and Kubernetes Status. */
function fields(data: unknown): Parsed {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return {};
  const o = data as Record<string, unknown>;
  const requestId = str(o['request_id']);
  if (o['kind'] === 'Status') {
    // Kubernetes: numeric `code` is the HTTP status; `reason` is the useful code.
    return { code: str(o['reason']), message: str(o['message']), requestId };
  }
  const err = o['error'];
  if (typeof err === 'object' && err !== null) {
    const e = err as Record<string, unknown>;
    return {
      code: str(e['code']) ?? str(e['error_code']),
      message: str(e['message']) ?? str(e['error_msg']),
      requestId: requestId ?? str(e['request_id']),
    };
  }
  return {
    code: str(o['error_code']) ?? str(o['code']),
    message: str(o['error_msg']) ?? str(o['message']) ?? str(o['msg']),
    requestId,
  };
}

export function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url.split(/[?#]/, 1)[0] ?? '';
  }
}

/** What the transport hands over for an error response: status, headers, the capped body text. */
export interface ErrorResponse {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  text: string;
  truncated: boolean;
}

/** Builds the service's ApiError subclass from an error response already read. */
export function apiError(service: Service, res: ErrorResponse, request: ErrorRequest & { path?: string }): ApiError {
  const scrub = (s: string) => scrubSecrets(s, request.secrets);
  const body = keptBody(res.text, res.truncated, request.secrets);
  // Parsed from the scrubbed text, so `data` cannot hold what `body` does not.
  const data = res.truncated ? undefined : parseJson(scrubSecrets(res.text, request.secrets));
  const parsed = fields(data);
  const h = res.headers;
  const requestId = h['x-request-id'] ?? h['x-openstack-request-id'] ?? h['audit-id'] ?? parsed.requestId ?? undefined;
  const fallback = res.statusText || `HTTP ${res.status}`;
  return new CLASSES[service]({
    service,
    status: res.status,
    code: parsed.code === undefined ? undefined : scrub(parsed.code),
    errorMessage: scrub(parsed.message ?? fallback),
    requestId: requestId === undefined ? undefined : scrub(requestId),
    method: request.method,
    path: request.path ?? pathOf(request.url),
    operationId: request.operationId,
    headers: scrubHeaders(h, request.secrets),
    data,
    body,
  });
}

/** Builds the service's ApiError subclass from a non-2xx fetch Response (reads at most 64 KiB of the body). */
export async function errorFromResponse(service: Service, response: Response, request: ErrorRequest): Promise<ApiError> {
  const { text, truncated } = await readCapped(response);
  const headers: Record<string, string> = {};
  response.headers.forEach((v, k) => (headers[k] = v));
  return apiError(service, { status: response.status, statusText: response.statusText, headers, text, truncated }, request);
}
