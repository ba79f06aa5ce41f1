// Building answers from the documented responses: an example by status and name, as JSON.
import type { MockExample, MockOperation, MockResponse } from './definition.js';

/** Thrown for a status or example the operation does not document. */
export class MockUsageError extends Error {
  override name = 'MockUsageError';
}

export interface Choice {
  status?: number | string | undefined;
  example?: string | undefined;
}

export function findResponse(op: MockOperation, status: string): MockResponse | undefined {
  return op.responses.find((r) => r.status === status);
}

/** The response and example a choice names; throws MockUsageError when undocumented. */
export function resolveChoice(op: MockOperation, choice: Choice): { response: MockResponse; example: MockExample | undefined } {
  let response: MockResponse | undefined;
  if (choice.status !== undefined) {
    response = findResponse(op, String(choice.status));
    if (!response) {
      throw new MockUsageError(`${op.operationId} documents no status ${choice.status} (documented: ${op.responses.map((r) => r.status).join(', ')})`);
    }
  } else if (choice.example !== undefined) {
    response = op.responses.find((r) => r.examples.some((e) => e.name === choice.example));
  } else if (op.defaultStatus) {
    response = findResponse(op, op.defaultStatus);
  }
  if (!response) {
    const what = choice.example !== undefined ? `no example named "${choice.example}"` : 'no success response with an example';
    throw new MockUsageError(`${op.operationId} documents ${what}`);
  }
  if (choice.example !== undefined) {
    const example = response.examples.find((e) => e.name === choice.example);
    if (!example) {
      throw new MockUsageError(
        `${op.operationId} status ${response.status} has no example named "${choice.example}" (documented: ${response.examples.map((e) => e.name).join(', ') || 'none'})`,
      );
    }
    return { response, example };
  }
  if (response.mediaType && response.examples.length === 0) {
    throw new MockUsageError(`${op.operationId} status ${response.status} documents a body but no example to answer with`);
  }
  return { response, example: response.examples[0] };
}

/** Prism's `Prefer: code=404, example=name` request header. */
export function parsePrefer(header: string | null): Choice | undefined {
  if (!header) return undefined;
  const choice: Choice = {};
  for (const part of header.split(/[,;]/)) {
    const [key, ...rest] = part.split('=');
    const value = rest.join('=').trim().replace(/^"(.*)"$/, '$1');
    if (key?.trim() === 'code' && value) choice.status = value;
    if (key?.trim() === 'example' && value) choice.example = value;
  }
  return choice.status !== undefined || choice.example !== undefined ? choice : undefined;
}

export function jsonResponse(response: MockResponse, body: unknown, extraHeaders: Record<string, string> = {}): Response {
  const headers = new Headers(response.headers ?? {});
  for (const [name, value] of Object.entries(extraHeaders)) headers.set(name, value);
  const status = Number(response.status);
  // 204/304 and friends carry no body whatever the spec says.
  if (!response.mediaType || body === undefined || [204, 205, 304].includes(status)) return new Response(null, { status, headers });
  headers.set('content-type', response.mediaType);
  return new Response(JSON.stringify(body), { status, headers });
}

/** Answers that come from the mock itself, never from the spec (a misused mock, a spec gap). */
export function mockErrorResponse(status: number, message: string): Response {
  return new Response(JSON.stringify({ mock_error: message }), {
    status,
    headers: { 'content-type': 'application/json', 'x-mock-error': asciiHeader(message) },
  });
}

/** Header values must be ASCII: everything else is escaped as in JSON. */
export function asciiHeader(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
