// The small fuzz run of `npm test`: a few dozen generated requests per operation, each checked
// by the client and by Prism (the large run is requests.fuzz.test.ts, `npm run test:fuzz`).
import { describe, it } from 'vitest';
import { loadSpecs } from '../support/specs.js';
import { fuzzTarget, invalidRequestsFail, validRequestsPass, type FuzzRun } from './properties.js';
import { hasBreakableInput } from './requests.js';

const RUN: FuzzRun = { numRuns: 30, prismEvery: 1, ...(process.env['FUZZ_SEED'] ? { seed: Number(process.env['FUZZ_SEED']) } : {}) };
const operations = (await loadSpecs()).flatMap((spec) => spec.model.operations.map((op: any) => [`${spec.name} ${op.operationId}`, spec, op] as const));

describe.each(operations)('%s (fuzz, %#)', (_label, spec, op) => {
  it(`${RUN.numRuns} valid requests pass the client and Prism`, async () => {
    await validRequestsPass(await fuzzTarget(spec, op), RUN);
  });
  // An operation without a constrained input (VPCEP's version calls) cannot be sent an invalid request.
  if (hasBreakableInput(op))
    it(`${RUN.numRuns} invalid requests are refused by both, at the mutated field`, async () => {
      await invalidRequestsFail(await fuzzTarget(spec, op), RUN);
    });
});
