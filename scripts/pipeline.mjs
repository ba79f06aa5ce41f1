// The generation pipeline: named stages over one context object.
//   load -> lint -> bundle -> i18n -> model -> (types | validators | clients | docs | ledger | mocks) -> emit
import { createContext } from './lib/context.mjs';
import { runLoad } from './stages/load.mjs';
import { runLint } from './stages/lint.mjs';
import { runBundle } from './stages/bundle.mjs';
import { runI18n } from './stages/i18n.mjs';
import { runModel } from './stages/model.mjs';
import { runTypes } from './stages/types.mjs';
import { runValidators } from './stages/validators.mjs';
import { runClients } from './stages/clients.mjs';
import { runDocs } from './stages/docs.mjs';
import { runLedger } from './stages/ledger.mjs';
import { runMocks } from './stages/mocks.mjs';
import { runEmit } from './stages/emit.mjs';

export const STAGES = [
  ['load', runLoad],
  ['lint', runLint],
  ['bundle', runBundle],
  ['i18n', runI18n],
  ['model', runModel],
  // Independent of each other.
  [['docs', runDocs], ['types', runTypes], ['validators', runValidators], ['clients', runClients], ['ledger', runLedger], ['mocks', runMocks]],
  ['emit', runEmit],
];

/**
 * Runs every stage; throws (naming the stage) at the first failure, before anything is written.
 * @param {{ check?: boolean, root?: string, log?: (line: string) => void, skip?: string[] }} options
 */
export async function runPipeline(options = {}) {
  const started = performance.now();
  const ctx = await createContext(options);
  const skip = new Set(options.skip ?? []);
  for (const step of STAGES) {
    const group = Array.isArray(step[0]) ? step : [step];
    // allSettled: a failing stage waits for its siblings, so no child process or temp dir outlives the run.
    const results = await Promise.allSettled(group.filter(([name]) => !skip.has(name)).map(([name, fn]) => timed(ctx, name, fn)));
    const failed = results.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
  }
  ctx.timings.push({ stage: 'total', ms: performance.now() - started });
  return ctx;
}

async function timed(ctx, name, fn) {
  const start = performance.now();
  try {
    await fn(ctx);
  } catch (error) {
    error.message = `stage "${name}" failed: ${error.message}`;
    throw error;
  }
  const ms = performance.now() - start;
  ctx.timings.push({ stage: name, ms });
  ctx.log(`✓ ${name.padEnd(10)} ${ms.toFixed(0).padStart(6)} ms`);
}
