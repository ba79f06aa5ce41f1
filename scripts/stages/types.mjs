// Stage "types": TypeScript types per service with the openapi-typescript Node API.
import { addServiceOutput, toolFingerprint } from '../lib/cache.mjs';

export async function runTypes(ctx) {
  const tool = await toolFingerprint(ctx.root, import.meta.url, ['openapi-typescript', 'typescript']);
  for (const service of ctx.services) {
    await addServiceOutput(ctx, {
      service,
      rel: `generated/${service.name}/types.ts`,
      style: 'ts',
      tool,
      produce: async () => {
        // Loaded only when needed: it brings in the whole TypeScript compiler (~1 s).
        const { default: openapiTS, astToString } = await import('openapi-typescript');
        // A deep copy: openapi-typescript annotates the document it is given.
        const ast = await openapiTS(structuredClone(ctx.bundles.get(service.name)), {
          silent: true,
          // Fields with a documented default stay optional in requests.
          defaultNonNullable: false,
        });
        return astToString(ast);
      },
    });
  }
}
