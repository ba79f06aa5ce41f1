// Typed errors. Nothing secret may reach a message, property or toJSON():
// no request headers, no query strings, and echoed credentials are scrubbed.

export type Service = 'cce' | 'vpcep' | 'apig';

const LABEL: Record<Service, string> = { cce: 'CCE', vpcep: 'VPCEP', apig: 'APIG' };
/** Bytes read from an error body (enough for any real error JSON). */
const READ_LIMIT = 64 * 1024;
/** Characters of raw body kept on the error. */
const KEEP_LIMIT = 4 * 1024;
const REDACTED = '[REDACTED]';

export class ConfigurationError extends Error {
  override name = 'ConfigurationError';
}

export class TimeoutError extends Error {
  override name = 'TimeoutError';
}

export interface ValidationIssue {
  path: string;
  rule: string;
  message: string;
}

export class RequestValidationError extends Error {
  override name = 'RequestValidationError';
  readonly operationId: string;
  readonly issues: ValidationIssue[];

  constructor(operationId: string, issues: ValidationIssue[]) {
    const list = issues.map((i) => `${i.path}: ${i.rule} (${i.message})`).join('; ');
    super(`Invalid request for ${operationId}: ${list || 'no details'}`);
    this.operationId = operationId;
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
}

export class ApiError extends Error {
  override name = 'ApiError';
  readonly service: Service;
  readonly status: number;
  /** Service error code (`EndPoint.0005`, `APIG.0101`, Kubernetes `reason`), if any. */
  readonly code: string | undefined;
  readonly errorMessage: string;
  readonly requestId: string | undefined;
  readonly method: string;
  /** URL pathname only: never the query string. */
  readonly path: string;
  /** Raw response body, scrubbed and truncated. */
  readonly body: string;

  constructor(init: ApiErrorInit) {
    const head = `${LABEL[init.service]} ${init.status}${init.code ? ' ' + init.code : ''}`;
    const rid = init.requestId ? `, request id ${init.requestId}` : '';
    super(`${head}: ${init.errorMessage} (${init.method} ${init.path}${rid})`);
    this.service = init.service;
    this.status = init.status;
    this.code = init.code;
    this.errorMessage = init.errorMessage;
    this.requestId = init.requestId;
    this.method = init.method;
    this.path = init.path;
    this.body = init.body;
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      service: this.service,
      status: this.status,
      code: this.code,
      errorMessage: this.errorMessage,
      requestId: this.requestId,
      method: this.method,
      path: this.path,
      body: this.body,
    };
  }
}

export interface ErrorRequest {
  method: string;
  url: string;
  /** Known secrets (AK, SK, token) to scrub from echoed text, in addition to the patterns. */
  secrets?: readonly string[];
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
      if (size >= READ_LIMIT) {
        truncated = true;
        break;
      }
    }
  } catch {
    truncated = true; // connection dropped mid-body: keep what arrived
  }
  // Stop the rest of a huge body from arriving; frees the socket.
  if (truncated) await reader.cancel().catch(() => {});
  reader.releaseLock();
  const buf = new Uint8Array(Math.min(size, READ_LIMIT));
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

/** Understands VPCEP `{error:{code,message}}`, `{error_code,error_msg}` (APIG, VPCEP) and Kubernetes Status. */
function parseBody(text: string): Parsed {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return {};
  }
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

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url.split(/[?#]/, 1)[0] ?? '';
  }
}

/** Builds the service's ApiError subclass from a non-2xx response (reads the body). */
export async function errorFromResponse(
  service: Service,
  response: Response,
  request: ErrorRequest,
): Promise<ApiError> {
  const { text, truncated } = await readCapped(response);
  const parsed = truncated ? {} : parseBody(text);
  const h = response.headers;
  const scrub = (s: string) => scrubSecrets(s, request.secrets);
  const requestId =
    h.get('x-request-id') ?? h.get('x-openstack-request-id') ?? h.get('audit-id') ?? parsed.requestId ?? undefined;
  let body = scrub(text);
  if (truncated || body.length > KEEP_LIMIT) body = body.slice(0, KEEP_LIMIT) + '…[truncated]';
  const fallback = response.statusText || `HTTP ${response.status}`;
  return new CLASSES[service]({
    service,
    status: response.status,
    code: parsed.code === undefined ? undefined : scrub(parsed.code),
    errorMessage: scrub(parsed.message ?? fallback),
    requestId: requestId === undefined ? undefined : scrub(requestId),
    method: request.method,
    path: pathOf(request.url),
    body,
  });
}
