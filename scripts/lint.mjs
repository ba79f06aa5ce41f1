#!/usr/bin/env node
// `npm run lint`: lints every service in redocly.yaml; any error OR warning fails.
import { runLint } from './stages/lint.mjs';
import { createContext } from './lib/context.mjs';
import { bundleService } from './lib/redocly.mjs';
import { checkTranslations } from './lib/i18n.mjs';

const ctx = await createContext({ check: false });
try {
  await runLint(ctx);
  // Translations are part of the spec: missing or stale ones fail lint as they fail generate.
  for (const service of ctx.services) ctx.bundles.set(service.name, (await bundleService(ctx.config, service)).bundle.parsed);
  await checkTranslations(ctx.root, ctx.services, ctx.bundles);
  console.log(`lint: ${ctx.services.length} services clean (${ctx.services.map((s) => s.name).join(', ')})`);
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
