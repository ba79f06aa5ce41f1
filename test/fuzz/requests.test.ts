// The small fuzz run of `npm test`: a fixed budget of generated requests per service, spread over
// its operations (every operation gets at least a few), each checked by the client and by Prism;
// the seed is fixed per operation, so a failure reproduces (FUZZ_SEED overrides it). The large
// run is requests.fuzz.test.ts, `npm run test:fuzz`.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadSpecs } from '../support/specs.js';
import { createOperationFuzz, nothingToBreak } from './requests.js';
import { fuzzTarget, invalidRequestsFail, validRequestsPass, type FuzzRun } from './properties.js';

/** Valid (and as many invalid) requests per service; the cost stays flat as operations are added. */
const PER_SERVICE = 30;
const PER_OPERATION_AT_LEAST = 3;

/** FNV-1a of the operation's label: a seed that differs per operation and never changes. */
function seedOf(label: string): number {
  let hash = 0x811c9dc5;
  for (const c of label) hash = Math.imul(hash ^ c.charCodeAt(0), 0x01000193) >>> 0;
  return hash | 0;
}

const operations = (await loadSpecs()).flatMap((spec) => {
  const numRuns = Math.max(PER_OPERATION_AT_LEAST, Math.ceil(PER_SERVICE / spec.model.operations.length));
  return spec.model.operations.map((op: any) => {
    const label = `${spec.name} ${op.operationId}`;
    const run: FuzzRun = { numRuns, prismEvery: 1, seed: process.env['FUZZ_SEED'] ? Number(process.env['FUZZ_SEED']) : seedOf(label) };
    return [label, spec, op, run] as const;
  });
});

describe.each(operations)('%s (fuzz, %#)', (_label, spec, op, run) => {
  it(`${run.numRuns} valid requests pass the client and Prism`, async () => {
    await validRequestsPass(await fuzzTarget(spec, op), run);
  });
  if (nothingToBreak(op)) {
    it('has no invalid request: no generated request has a rule to break', () => {
      const fuzz = createOperationFuzz(spec.name, spec.doc, op);
      expect(fc.sample(fuzz.valid, { numRuns: run.numRuns, seed: 1 }).flatMap((r) => fuzz.mutationsOf(r))).toEqual([]);
    });
    return;
  }
  it(`${run.numRuns} invalid requests are refused by both, at the mutated field`, async () => {
    await invalidRequestsFail(await fuzzTarget(spec, op), run);
  });
});
