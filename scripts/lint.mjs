#!/usr/bin/env node
// `npm run lint`: lints every service in redocly.yaml; any error OR warning fails.
import { runLint } from './stages/lint.mjs';
import { createContext } from './lib/context.mjs';

const ctx = await createContext({ check: false });
try {
  await runLint(ctx);
  console.log(`lint: ${ctx.services.length} services clean (${ctx.services.map((s) => s.name).join(', ')})`);
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
