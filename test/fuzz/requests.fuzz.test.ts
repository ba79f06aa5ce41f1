// The large fuzz run, `npm run test:fuzz`: 10,000 generated valid and 10,000 invalid requests
// per operation, every one checked by the client's validation; about one in ten also goes to
// Prism (all of them with FUZZ_PRISM_EVERY=1: Prism answers some 100 requests a second, so that
// is minutes per operation). FUZZ_RUNS and FUZZ_SEED override the count and the seed.
import { describe, it } from 'vitest';
import { loadSpecs } from '../support/specs.js';
import { fuzzTarget, invalidRequestsFail, validRequestsPass, type FuzzRun } from './properties.js';

const env = process.env;
const RUN: FuzzRun = {
  numRuns: Number(env['FUZZ_RUNS'] ?? 10_000),
  prismEvery: Number(env['FUZZ_PRISM_EVERY'] ?? 10),
  ...(env['FUZZ_SEED'] ? { seed: Number(env['FUZZ_SEED']) } : {}),
};
const operations = (await loadSpecs()).flatMap((spec) => spec.model.operations.map((op: any) => [`${spec.name} ${op.operationId}`, spec, op] as const));

describe.each(operations)('%s (large fuzz run)', (_label, spec, op) => {
  it(`${RUN.numRuns} valid requests pass the client (1 in ${RUN.prismEvery} also Prism)`, async () => {
    await validRequestsPass(await fuzzTarget(spec, op), RUN);
  });
  it(`${RUN.numRuns} invalid requests are refused by the client (1 in ${RUN.prismEvery} also by Prism), at the mutated field`, async () => {
    await invalidRequestsFail(await fuzzTarget(spec, op), RUN);
  });
});
