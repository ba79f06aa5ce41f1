// Stage "types": TypeScript types per service with the openapi-typescript Node API.
import openapiTS, { astToString } from 'openapi-typescript';
import { addFile } from '../lib/context.mjs';
import { withHeader } from '../lib/header.mjs';
import { specSources } from '../lib/sources.mjs';

export async function runTypes(ctx) {
  for (const service of ctx.services) {
    // A deep copy: openapi-typescript annotates the document it is given.
    const doc = structuredClone(ctx.bundles.get(service.name));
    const ast = await openapiTS(doc, {
      silent: true,
      // Fields with a documented default stay optional in requests.
      defaultNonNullable: false,
    });
    addFile(ctx, `generated/${service.name}/types.ts`, withHeader('ts', specSources(ctx, service), astToString(ast)));
  }
}
