#!/usr/bin/env node
// `npm run build`, the main job: lint + generate. Under CI (CI=true) it verifies instead of
// writing, so a change whose generated files were not regenerated and committed fails.

const USAGE = `usage: npm run build [-- --check]

The main job: lint + generate (see npm run generate -- --help). Under CI (CI=true) it only
checks that the checked-in generated files are up to date, as --check does, always lints and
bundles from scratch, and runs the release check (a breaking spec change since the last release
needs a raised version and a CHANGELOG entry; see npm run diff -- --help).

  --check  write nothing; exit 1 when a generated file is stale
  --help   this text`;
const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log(USAGE);
  process.exit(0);
}
const unknown = args.filter((a) => a !== '--check');
if (unknown.length > 0) {
  console.error(`build: unknown argument(s) ${unknown.join(' ')}\n\n${USAGE}`);
  process.exit(2);
}
process.env.REDOCLY_TELEMETRY = 'off';
const { runPipeline } = await import('./pipeline.mjs');
const check = process.env.CI === 'true' || args.includes('--check');
try {
  // CI lints and bundles from scratch: a clean clone trusts no recorded input hash.
  const ctx = await runPipeline({ check, reuseSpecs: process.env.CI !== 'true' });
  const total = ctx.timings.find((t) => t.stage === 'total');
  console.log(`build: lint + generate ${check ? '(check only)' : ''} done in ${total.ms.toFixed(0)} ms`);
  // CI: a breaking spec change needs a raised version and a CHANGELOG entry (CONTRIBUTING.md).
  if (process.env.CI === 'true') {
    const { checkRelease } = await import('./lib/diff/release.mjs');
    const release = checkRelease({ root: ctx.root, bundles: ctx.bundles });
    console.log(release.report);
    if (!release.ok) process.exit(1);
  }
} catch (error) {
  console.error(`build: ${error.message}`);
  console.error('build: nothing was written.');
  process.exit(1);
}
