// Every operation through its generated client against the Prism mock: each documented 2xx
// example comes back deep-equal (and valid: validateResponses is on), each documented error
// status surfaces as the service's typed error with the code and message of its example.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { toInput } from '../fuzz/requests.js';
import { contractCases, documentedError } from './cases.js';
import { harness, type ServiceHarness } from './harness.js';

const cases = await contractCases();
/**
 * The Fetch standard turns a 407 into a network error when no proxy is configured (undici:
 * `TypeError: fetch failed`): through a `fetch` (as this harness sends), the client can only
 * surface it as a ConnectionError with that cause. (The Node transport sees the real 407.)
 */
const NETWORK_ERROR_STATUSES = new Set([407]);

describe.each(cases.map((c) => [c.label, c] as const))('%s', (label, c) => {
  let h: ServiceHarness;
  beforeAll(async () => {
    h = await harness(c.spec);
  });
  beforeEach(() => h.reset());
  const call = (i: number, prefer: string) =>
    h.method(c.op.operationId)(toInput(c.requests[i % c.requests.length]!.request), { headers: { Prefer: prefer } });

  it('documents a success response and its errors', () => {
    expect(c.successes.length, `${label}: no 2xx response`).toBeGreaterThan(0);
    expect(c.errors.length, `${label}: no error response`).toBeGreaterThan(0);
  });

  it.each(c.successes.map((s, i) => [`${s.status} ${s.example ?? '(no example)'}`, s, i] as const))(
    'answers %s: the example, valid against the spec',
    async (name, s, i) => {
      const result = await call(i, s.prefer);
      expect(h.exchanges.at(-1)?.response.status, `${label} ${name}: status`).toBe(s.status);
      // Without an example Prism builds a body from the schema; validateResponses checked it.
      if (s.value !== undefined) expect(result, `${label} ${name}: body differs from the spec's example`).toEqual(s.value);
      else if (s.bodyless) expect(result, `${label} ${name}: documented without a body`).toBeUndefined();
      else expect(result, `${label} ${name}: no body`).toBeTypeOf('object');
    },
  );

  it.each(c.errors.map((s) => [`${s.status} ${s.example ?? '(no example)'}`, s] as const))(
    'answers %s: a typed error with the example\'s code and message',
    async (name, s) => {
      const error: any = await call(0, s.prefer).then(
        () => expect.fail(`${label} ${name}: resolved instead of throwing`),
        (e: unknown) => e,
      );
      if (NETWORK_ERROR_STATUSES.has(s.status)) {
        expect(error?.name, `${label} ${name}`).toBe('ConnectionError');
        expect(error.cause, `${label} ${name}`).toBeInstanceOf(TypeError);
        expect(String(error.cause.message), `${label} ${name}`).toBe('fetch failed');
        return;
      }
      expect(error, `${label} ${name}: ${error}`).toBeInstanceOf(h.ErrorClass);
      expect(error.status, `${label} ${name}: status`).toBe(s.status);
      const response = h.exchanges.at(-1)!.response;
      const requestId = response.headers.get('x-request-id') ?? response.headers.get('audit-id');
      if (requestId) expect(error.requestId, `${label} ${name}: request id`).toBe(requestId);
      if (s.value === undefined) return;
      const { code, message } = documentedError(`${label} ${name}`, s.value);
      expect(error.code, `${label} ${name}: error code`).toBe(code);
      expect(error.errorMessage, `${label} ${name}: error message`).toBe(message);
      const validator = h.validators[`${c.op.operationId}Response${s.status}`];
      expect(validator, `${label}: no validator for ${s.status}`).toBeDefined();
      expect(validator!(JSON.parse(error.body)), `${label} ${name}: the error body breaks the spec`).toBe(true);
    },
  );
});
