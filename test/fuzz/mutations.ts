// Invalid requests as small mutations of a valid one, each breaking exactly one documented rule
// at a known field. The implementation is shared with `npm run contract -- --checks` (its
// negative cases): scripts/lib/contract/mutations.mjs; this file gives it its types.
import { formatPath as formatUntyped, mutationsOf as mutationsUntyped } from '../../scripts/lib/contract/mutations.mjs';
import type { Json, SchemaContext } from './schema.js';

export type Segment = string | number;

export interface Mutation {
  kind: 'required' | 'enum' | 'type' | 'limit' | 'undeclared';
  /** Where it breaks the spec, as the client reports it: `body.ports[0].client_port`. */
  field: string;
  path: Segment[];
  /** e.g. "body.ports: more than maxItems 200" */
  description: string;
  apply(value: Json): Json;
}

/**
 * @param schema the request schema ({ path, query, header, body }, see requestSchema())
 * @param value a valid request in that shape
 */
export function mutationsOf(ctx: SchemaContext, schema: unknown, value: Json): Mutation[] {
  return mutationsUntyped(ctx, schema, value) as Mutation[];
}

/** As the client reports paths: array positions (numbers) as [n], object keys, even "0", as .key. */
export function formatPath(path: Segment[]): string {
  return formatUntyped(path);
}
