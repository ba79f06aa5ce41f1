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
        // A copy: openapi-typescript annotates the document it is given, and the types see a
        // slightly simplified one (see forTypes).
        const ast = await openapiTS(forTypes(structuredClone(ctx.bundles.get(service.name))), {
          silent: true,
          // Fields with a documented default stay optional in requests.
          defaultNonNullable: false,
          // A free-form object (`type: object` and nothing else) takes any keys and values.
          emptyObjectsUnknown: true,
          // Every schema also under its own name: `export type EndpointResp = components['schemas']['EndpointResp']`.
          rootTypes: true,
          rootTypesNoSchemaPrefix: true,
        });
        return astToString(ast);
      },
    });
  }
}

/**
 * The document as the types should read it. A "one of these fields is required" rule
 * (`anyOf: [{ required: [name] }, { required: [generateName] }]`) has no useful TypeScript form:
 * openapi-typescript makes it `{...} | Record<string, never> | Record<string, never>`, which turns
 * every misspelt field into "not assignable to never". The rule is dropped from the types only
 * (both fields stay optional there); the request validators still enforce it before sending.
 */
export function forTypes(doc) {
  const seen = new Set();
  const visit = (node) => {
    if (!node || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    for (const keyword of ['anyOf', 'oneOf']) {
      if (Array.isArray(node[keyword]) && node.properties && node[keyword].every(isRequiredOnly)) delete node[keyword];
    }
    for (const value of Object.values(node)) visit(value);
  };
  visit(doc);
  return doc;
}

const REQUIRED_ONLY = new Set(['type', 'required', 'description', 'title']);
/** `{ type: object, required: [...] }`: a branch that only names required fields. */
function isRequiredOnly(branch) {
  return (
    branch && typeof branch === 'object' && Array.isArray(branch.required) &&
    (branch.type === undefined || branch.type === 'object') &&
    Object.keys(branch).every((k) => REQUIRED_ONLY.has(k))
  );
}
