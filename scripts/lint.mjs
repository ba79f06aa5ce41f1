#!/usr/bin/env node
// `npm run lint`: lints every service in redocly.yaml; any error OR warning fails.
import { pathToFileURL } from 'node:url';
import { runLint } from './stages/lint.mjs';
import { createContext } from './lib/context.mjs';
import { bundleService } from './lib/redocly.mjs';
import { checkTranslations } from './lib/i18n.mjs';
import { lintWorkflows } from './lib/workflows/lint.mjs';

const USAGE = `usage: npm run lint

Redocly lint of every service in redocly.yaml (its rules) and of its workflow files
(spec/<service>/workflows/*.arazzo.yaml); any error or warning fails.

  --help  this text`;
/**
 * The command, callable in process (the translation tests run it against a sandbox copy).
 * @param {string[]} args
 * @param {{ root?: string, out?: (line: string) => void, err?: (line: string) => void }} [io]
 * @returns {Promise<number>} the exit code
 */
export async function main(args, { root, out = (l) => console.log(l), err = (l) => console.error(l) } = {}) {
  if (args.includes('--help') || args.includes('-h')) {
    out(USAGE);
    return 0;
  }
  if (args.length > 0) {
    err(`lint: unknown argument(s) ${args.join(' ')}\n\n${USAGE}`);
    return 2;
  }
  const ctx = await createContext({ check: false, reuseSpecs: false, log: out, ...(root ? { root } : {}) });
  try {
    await runLint(ctx);
    // Translations are part of the spec: missing or stale ones fail lint as they fail generate.
    const config = await ctx.redoclyConfig();
    for (const service of ctx.services) ctx.bundles.set(service.name, (await bundleService(config, service)).bundle.parsed);
    await checkTranslations(ctx.root, ctx.services, ctx.bundles);
    const workflows = await lintWorkflows(ctx.root, ctx.services, ctx.bundles);
    if (workflows.problems.length > 0) throw new Error(`lint: workflow files: ${workflows.problems.length} problem(s):\n  ${workflows.problems.join('\n  ')}`);
    out(`lint: ${ctx.services.length} services clean (${ctx.services.map((s) => s.name).join(', ')}), ${workflows.files} workflow file(s) clean`);
    return 0;
  } catch (error) {
    err(error.message);
    return 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exitCode = await main(process.argv.slice(2));
