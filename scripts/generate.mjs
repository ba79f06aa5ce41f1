#!/usr/bin/env node
// `npm run generate [-- --check]`: regenerates generated/ and spec/DISCREPANCIES.md from the
// spec and templates; --check only verifies that the checked-in files are up to date.
import { pathToFileURL } from 'node:url';

const USAGE = `usage: npm run generate [-- --check]

Lints the specs (redocly.yaml), bundles them and writes generated/ (specs, types, clients,
validators, docs) and spec/DISCREPANCIES.md; a failed run writes nothing. Lint and bundle are
skipped when no input changed since the last run (spec files, redocly.yaml, generator code,
tool versions).

  --check  write nothing; exit 1 when a generated file is stale or was edited by hand
  --help   this text`;
/**
 * The command, callable in process (the generator tests run it against a sandbox copy).
 * @param {string[]} args
 * @param {{ root?: string, out?: (line: string) => void, err?: (line: string) => void }} [io]
 * @returns {Promise<number>} the exit code
 */
export async function main(args, { root, out = (l) => console.log(l), err = (l) => console.error(l) } = {}) {
  if (args.includes('--help') || args.includes('-h')) {
    out(USAGE);
    return 0;
  }
  const unknown = args.filter((a) => a !== '--check');
  if (unknown.length > 0) {
    err(`generate: unknown argument(s) ${unknown.join(' ')}\n\n${USAGE}`);
    return 2;
  }
  process.env.REDOCLY_TELEMETRY = 'off';
  // Loaded after the arguments are checked: --help and typos answer without loading the stages.
  const { runPipeline } = await import('./pipeline.mjs');
  try {
    const ctx = await runPipeline({ check: args.includes('--check'), root, log: out });
    const total = ctx.timings.find((t) => t.stage === 'total');
    out(`generate: ${ctx.check ? 'checked' : 'done'} in ${total.ms.toFixed(0)} ms`);
    return 0;
  } catch (error) {
    err(`generate: ${error.message}`);
    err('generate: nothing was written.');
    return 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exitCode = await main(process.argv.slice(2));
