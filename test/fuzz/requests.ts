// Per operation: arbitraries of valid requests and of invalid ones (a valid request with one
// mutation), in the { path, query, header, body } shape the client validates, and the flat
// input the generated client methods take.
import fc from 'fast-check';
import { requestSchema, requestSchemaFor } from '../../scripts/stages/validators.mjs';
import { createArbitraries } from './arbitrary.js';
import { mutationsOf, type Mutation } from './mutations.js';
import { createSchemaContext, type Json } from './schema.js';

export interface RequestParts {
  path: Record<string, Json>;
  query: Record<string, Json>;
  header: Record<string, Json>;
  /** The body's media type, when the operation takes several. */
  contentType?: string;
  body?: Json;
}

export interface InvalidRequest {
  valid: RequestParts;
  mutation: Mutation;
  request: RequestParts;
}

export interface OperationFuzz {
  operationId: string;
  valid: fc.Arbitrary<RequestParts>;
  invalid: fc.Arbitrary<InvalidRequest>;
  /** Every mutation of one request (for deterministic, exhaustive cases). */
  mutationsOf(request: RequestParts): Mutation[];
}

export function createOperationFuzz(serviceName: string, doc: unknown, op: any): OperationFuzz {
  const ctx = createSchemaContext(serviceName, doc);
  const schema = requestSchema(op);
  const { arbitrary } = createArbitraries(ctx);
  const valid = (arbitrary(schema, op.operationId) as unknown as fc.Arbitrary<RequestParts>).filter(sendable);
  // Several media types: mutate against the chosen one's schema (the selector itself is the client's, not sent as such).
  const several = (op.body?.contentTypes?.length ?? 0) > 1;
  const mutations = (request: RequestParts) => {
    if (!several) return mutationsOf(ctx, schema, request as unknown as Json);
    const { contentType, ...rest } = request;
    // A text body (YAML) is text on the wire whatever it holds: its JSON type cannot be broken.
    const text = op.body.contentTypes.find((c: any) => c.mediaType === contentType)?.encoding === 'text';
    const all = mutationsOf(ctx, requestSchemaFor(op, contentType!), rest as unknown as Json);
    return all.filter((m) => !(text && m.path[0] === 'body' && m.kind === 'type')).map((m) => ({
      ...m,
      apply: (root: Json) => ({ ...(m.apply(root) as object), contentType }) as Json,
    }));
  };
  // Only requests that have something to break (an optional parameter may be absent).
  const invalid = valid.filter((request) => mutations(request).length > 0).chain((request) => {
    const all = mutations(request);
    return fc.constantFrom(...all).map((mutation) => ({ valid: request, mutation, request: mutation.apply(request as unknown as Json) as unknown as RequestParts }));
  });
  return { operationId: op.operationId, valid, invalid, mutationsOf: mutations };
}

/**
 * True when no request of the operation can break the spec: no body, no query or header
 * parameters, and only path parameters that are plain strings (a path segment is never empty,
 * so `minLength: 1` cannot be broken; the mutations do not break patterns, so a `pattern` is no
 * rule to break either). Such an operation has no invalid request to try.
 */
export function nothingToBreak(op: any): boolean {
  const plainString = (s: any) => s.type === 'string' && (s.minLength ?? 0) <= 1 && Object.keys(s).every((k) => ['type', 'minLength', 'pattern', 'description'].includes(k));
  return !op.body && op.queryParams.length === 0 && op.headerParams.length === 0 && op.pathParams.every((p: any) => plainString(p.schema));
}

/**
 * Values the spec allows but the client deliberately refuses to send (src/runtime/safety.ts):
 * a path segment that is empty, `.` or `..` (the URL parser would resolve it away), and header
 * values with CR, LF or NUL. Not a spec request anyone can make over HTTP.
 */
function sendable(request: RequestParts): boolean {
  const segmentOk = Object.values(request.path).every((v) => !['', '.', '..'].includes(String(v)));
  const headersOk = Object.values(request.header).every((v) => !/[\r\n\0]/.test(String(v)) && /^[\x20-\x7e\t]*$/.test(String(v)));
  return segmentOk && headersOk;
}

/** The flat object a generated client method takes: parameters side by side, plus `body`. */
export function toInput(request: RequestParts): Record<string, unknown> {
  return {
    ...request.path,
    ...request.query,
    ...request.header,
    ...(request.contentType !== undefined ? { contentType: request.contentType } : {}),
    ...(request.body !== undefined ? { body: request.body } : {}),
  };
}
