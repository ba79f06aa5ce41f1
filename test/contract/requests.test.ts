// Requests through the generated clients against the Prism mock: every example request is
// accepted by both; every mutation of it that breaks the spec (a required field dropped, an
// enum violated, a type changed, a limit exceeded, an undeclared field) is caught by the client
// before anything is sent, and, sent anyway (validate: false), rejected by Prism at that field.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AUTO_PATH_PARAMS } from '../../scripts/stages/model.mjs';
import { createOperationFuzz, nothingToBreak, toInput, type RequestParts } from '../fuzz/requests.js';
import { contractCases } from './cases.js';
import { PROJECT_ID, harness, namesField, violationsOf, type ServiceHarness } from './harness.js';

const cases = await contractCases();
const OPTION_VALUES: Record<string, string> = { projectId: PROJECT_ID };

/** The request with the parameters the client fills from its options, as the validator sees it. */
function complete(op: any, request: RequestParts): RequestParts {
  const auto = Object.fromEntries(op.autoParams.map((name: string) => [name, OPTION_VALUES[(AUTO_PATH_PARAMS as Record<string, string>)[name]!]]));
  return { ...request, path: { ...auto, ...request.path } };
}

describe.each(cases.map((c) => [c.label, c] as const))('%s', (label, c) => {
  let h: ServiceHarness;
  beforeAll(async () => {
    h = await harness(c.spec);
  });
  beforeEach(() => h.reset());
  const call = (input: object, options: object = {}) => h.method(c.op.operationId)(input, options);

  it.each(c.requests.map((r) => [r.name, r.request] as const))('accepts the example request "%s" (client and Prism)', async (name, request) => {
    await call(toInput(request));
    expect(h.fetch, `${label} "${name}"`).toHaveBeenCalledTimes(1);
    expect(violationsOf(h.exchanges[0]!.response), `${label} "${name}": Prism's violations`).toEqual([]);
  });

  const valid = complete(c.op, c.requests[0]!.request);
  const mutations = createOperationFuzz(c.spec.name, c.spec.doc, c.op).mutationsOf(valid);

  it('has mutations to try (none when the operation has nothing to break)', () => {
    if (nothingToBreak(c.op)) expect(mutations, `${label}: only plain path parameters, yet mutations`).toEqual([]);
    else expect(mutations.length, `${label}: no rule to break in ${JSON.stringify(valid)}`).toBeGreaterThan(0);
  });

  it.each(mutations.map((m) => [m.description, m] as const))('rejects %s: in the client, before sending, and in Prism', async (what, m) => {
    const input = toInput(m.apply(valid as any) as unknown as RequestParts);
    const clientError: any = await call(input).catch((e: unknown) => e);
    expect(clientError, `${label} ${what}: the client should refuse it`).toBeInstanceOf(h.RequestValidationError);
    expect(clientError.issues.map((i: any) => i.path), `${label} ${what}: the client's issues should name ${m.field}`).toContain(m.field);
    expect(h.fetch, `${label} ${what}: nothing may be sent`).not.toHaveBeenCalled();

    const prismError: any = await call(input, { validate: false }).catch((e: unknown) => e);
    expect(h.fetch, `${label} ${what}: sent once with validate: false`).toHaveBeenCalledTimes(1);
    const response = h.exchanges[0]!.response;
    const violations = violationsOf(response);
    expect([400, 422], `${label} ${what}: Prism should reject it, it answered ${response.status}`).toContain(response.status);
    expect(prismError, `${label} ${what}`).toBeInstanceOf(h.ErrorClass);
    expect(namesField(violations, m.path), `${label} ${what}: Prism's violations should name ${m.field}: ${JSON.stringify(violations)}`).toBe(true);
  });
});
