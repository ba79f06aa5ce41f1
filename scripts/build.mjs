#!/usr/bin/env node
// `npm run build`, the main job: lint + generate. Under CI (CI=true) it verifies instead of
// writing, so a change whose generated files were not regenerated and committed fails.
import { runPipeline } from './pipeline.mjs';
import { checkRelease } from './lib/diff/release.mjs';

process.env.REDOCLY_TELEMETRY = 'off';
const check = process.env.CI === 'true' || process.argv.includes('--check');
try {
  const ctx = await runPipeline({ check });
  const total = ctx.timings.find((t) => t.stage === 'total');
  console.log(`build: lint + generate ${check ? '(check only)' : ''} done in ${total.ms.toFixed(0)} ms`);
  // CI: a breaking spec change needs a raised version and a CHANGELOG entry (docs-draft/DIFF.md).
  if (process.env.CI === 'true') {
    const release = checkRelease({ root: ctx.root, bundles: ctx.bundles });
    console.log(release.report);
    if (!release.ok) process.exit(1);
  }
} catch (error) {
  console.error(`build: ${error.message}`);
  console.error('build: nothing was written.');
  process.exit(1);
}
