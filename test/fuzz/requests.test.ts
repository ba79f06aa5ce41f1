// The small fuzz run of `npm test`: a few dozen generated requests per operation, each checked
// by the client and by Prism (the large run is requests.fuzz.test.ts, `npm run test:fuzz`).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadSpecs } from '../support/specs.js';
import { createOperationFuzz, nothingToBreak } from './requests.js';
import { fuzzTarget, invalidRequestsFail, validRequestsPass, type FuzzRun } from './properties.js';

const RUN: FuzzRun = { numRuns: 30, prismEvery: 1, ...(process.env['FUZZ_SEED'] ? { seed: Number(process.env['FUZZ_SEED']) } : {}) };
const operations = (await loadSpecs()).flatMap((spec) => spec.model.operations.map((op: any) => [`${spec.name} ${op.operationId}`, spec, op] as const));

describe.each(operations)('%s (fuzz, %#)', (_label, spec, op) => {
  it(`${RUN.numRuns} valid requests pass the client and Prism`, async () => {
    await validRequestsPass(await fuzzTarget(spec, op), RUN);
  });
  if (nothingToBreak(op)) {
    it('has no invalid request: no generated request has a rule to break', () => {
      const fuzz = createOperationFuzz(spec.name, spec.doc, op);
      expect(fc.sample(fuzz.valid, { numRuns: RUN.numRuns, seed: 1 }).flatMap((r) => fuzz.mutationsOf(r))).toEqual([]);
    });
    return;
  }
  it(`${RUN.numRuns} invalid requests are refused by both, at the mutated field`, async () => {
    await invalidRequestsFail(await fuzzTarget(spec, op), RUN);
  });
});
