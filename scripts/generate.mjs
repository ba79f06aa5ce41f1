#!/usr/bin/env node
// `npm run generate [-- --check]`: regenerates generated/ and spec/DISCREPANCIES.md from the
// spec and templates; --check only verifies that the checked-in files are up to date.
import { runPipeline } from './pipeline.mjs';

const USAGE = `usage: npm run generate [-- --check]

Lints the specs (redocly.yaml), bundles them and writes generated/ (specs, types, clients,
validators, docs) and spec/DISCREPANCIES.md; a failed run writes nothing. Lint and bundle are
skipped when no input changed since the last run (spec files, redocly.yaml, generator code,
tool versions).

  --check  write nothing; exit 1 when a generated file is stale or was edited by hand
  --help   this text`;
const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log(USAGE);
  process.exit(0);
}
const unknown = args.filter((a) => a !== '--check');
if (unknown.length > 0) {
  console.error(`generate: unknown argument(s) ${unknown.join(' ')}\n\n${USAGE}`);
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
