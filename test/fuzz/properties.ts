// The two fuzz properties, shared by the small run in `npm test` and the large one in
// `npm run test:fuzz`: generated valid requests pass the client's validation and Prism's;
// generated invalid ones (one mutation each) are refused by both, at the mutated field.
import fc from 'fast-check';
import { harness, namesField, violationsOf, type ServiceHarness } from '../contract/harness.js';
import type { LoadedSpec } from '../support/specs.js';
import { createOperationFuzz, toInput, type OperationFuzz } from './requests.js';

export interface FuzzRun {
  numRuns: number;
  /** 1 = every case also goes to Prism; n = about one in n (the client checks them all). */
  prismEvery: number;
  seed?: number;
}

/** Thrown by the offline client's fetch: the request passed the client's validation. */
class Handed extends Error {}

export interface FuzzTarget {
  label: string;
  operationId: string;
  fuzz: OperationFuzz;
  online: ServiceHarness;
  offline: ServiceHarness;
}

export async function fuzzTarget(spec: LoadedSpec, op: any): Promise<FuzzTarget> {
  return {
    label: `${spec.name} ${op.operationId}`,
    operationId: op.operationId,
    fuzz: createOperationFuzz(spec.name, spec.doc, op),
    online: await harness(spec),
    offline: await harness(spec, { send: async () => { throw new Handed(); } }),
  };
}

/** Whether a case also goes to Prism: part of the generated value, so shrinking keeps it. */
const toPrism = (run: FuzzRun) => fc.nat({ max: run.prismEvery - 1 }).map((n) => n === 0);

export async function validRequestsPass(t: FuzzTarget, run: FuzzRun): Promise<void> {
  const property = fc.asyncProperty(t.fuzz.valid, toPrism(run), async (request, prism) => {
    const input = toInput(request);
    t.offline.reset();
    const refused: any = await t.offline.method(t.operationId)(input).catch((e: unknown) => e);
    // The client wraps whatever its fetch throws in a ConnectionError, with that as the cause.
    const handed = refused instanceof Handed || refused?.cause instanceof Handed;
    if (!handed) throw new Error(`${t.label}: the client refused a valid request: ${refused?.message ?? refused}`);
    if (!prism) return;
    t.online.reset();
    const failure: any = await t.online.method(t.operationId)(input).then(() => undefined, (e: unknown) => e);
    const response = t.online.exchanges[0]?.response;
    // Warnings (Prism reports a deprecated parameter that way) are no refusal.
    const violations = violationsOf(response).filter((v) => v.severity !== 'Warning');
    if (failure || violations.length > 0) {
      const where = violations.map((v) => `${v.location.join('.')}: ${v.message}`).join('; ');
      throw new Error(`${t.label}: Prism refused a valid request (${response?.status ?? 'not sent'}): ${where || failure?.message}`);
    }
  });
  await fc.assert(property, { numRuns: run.numRuns, ...(run.seed !== undefined ? { seed: run.seed } : {}) });
}

export async function invalidRequestsFail(t: FuzzTarget, run: FuzzRun): Promise<void> {
  const property = fc.asyncProperty(t.fuzz.invalid, toPrism(run), async ({ mutation, request }, prism) => {
    const input = toInput(request);
    const what = `${t.label} ${mutation.description}`;
    t.offline.reset();
    const refused: any = await t.offline.method(t.operationId)(input).catch((e: unknown) => e);
    if (!(refused instanceof t.offline.RequestValidationError)) throw new Error(`${what}: the client did not refuse it (${refused?.message ?? 'sent'})`);
    if (t.offline.fetch.mock.calls.length > 0) throw new Error(`${what}: the client sent it before refusing it`);
    const paths = (refused as any).issues.map((i: any) => i.path);
    if (!paths.includes(mutation.field)) throw new Error(`${what}: the client's issues ${JSON.stringify(paths)} do not name ${mutation.field}`);
    if (!prism) return;
    t.online.reset();
    const failure: any = await t.online.method(t.operationId)(input, { validate: false }).then(() => undefined, (e: unknown) => e);
    const response = t.online.exchanges[0]?.response;
    const violations = violationsOf(response);
    if (!response || ![400, 422].includes(response.status)) {
      throw new Error(`${what}: Prism did not refuse it (${response?.status ?? `not sent: ${failure?.message ?? failure} ${failure?.cause?.code ?? failure?.cause?.message ?? ""}`})`);
    }
    if (!namesField(violations, mutation.path)) throw new Error(`${what}: Prism's violations do not name ${mutation.field}: ${JSON.stringify(violations)}`);
  });
  await fc.assert(property, { numRuns: run.numRuns, ...(run.seed !== undefined ? { seed: run.seed } : {}) });
}
