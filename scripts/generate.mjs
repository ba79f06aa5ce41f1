#!/usr/bin/env node
// `npm run generate [-- --check]`: regenerates generated/ and spec/DISCREPANCIES.md from the
// spec and templates; --check only verifies that the checked-in files are up to date.
import { runPipeline } from './pipeline.mjs';

const args = process.argv.slice(2);
const unknown = args.filter((a) => a !== '--check');
if (unknown.length > 0) {
  console.error(`generate: unknown argument(s) ${unknown.join(' ')} (usage: npm run generate [-- --check])`);
  process.exit(2);
}
process.env.REDOCLY_TELEMETRY = 'off';
try {
  const ctx = await runPipeline({ check: args.includes('--check') });
  const total = ctx.timings.find((t) => t.stage === 'total');
  console.log(`generate: ${ctx.check ? 'checked' : 'done'} in ${total.ms.toFixed(0)} ms`);
} catch (error) {
  console.error(`generate: ${error.message}`);
  console.error('generate: nothing was written.');
  process.exit(1);
}
