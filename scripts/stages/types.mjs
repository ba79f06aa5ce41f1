// Stage "types": TypeScript types per service with the openapi-typescript Node API.
import { addFile } from '../lib/context.mjs';
import { specSources } from '../lib/sources.mjs';
import { cachedFile, inputKey, reusable, toolFingerprint } from '../lib/cache.mjs';

export async function runTypes(ctx) {
  const tool = await toolFingerprint(ctx.root, import.meta.url, ['openapi-typescript', 'typescript']);
  let openapiTS;
  for (const service of ctx.services) {
    const rel = `generated/${service.name}/types.ts`;
    const sources = specSources(ctx, service);
    const key = inputKey(JSON.stringify(ctx.bundles.get(service.name)), tool);
    const previous = await reusable(ctx, rel, 'ts', sources, key);
    if (previous) {
      addFile(ctx, rel, previous);
      continue;
    }
    // Loaded only when needed: it brings in the whole TypeScript compiler (~1 s).
    openapiTS ??= await import('openapi-typescript');
    // A deep copy: openapi-typescript annotates the document it is given.
    const doc = structuredClone(ctx.bundles.get(service.name));
    const ast = await openapiTS.default(doc, {
      silent: true,
      // Fields with a documented default stay optional in requests.
      defaultNonNullable: false,
    });
    addFile(ctx, rel, cachedFile('ts', sources, key, openapiTS.astToString(ast)));
  }
}
