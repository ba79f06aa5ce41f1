// The resolved-schema shape the fuzzer's generators and the invalid-request derivation share.
// The implementation lives with `npm run contract -- --checks`, which derives invalid requests
// from it too (scripts/lib/contract/schema.mjs); this file gives it its types.
import { specTools } from '../../scripts/lib/contract/spec-tools.mjs';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface Condition {
  if: unknown;
  then?: unknown;
  else?: unknown;
}

/** A resolved schema: plain JSON Schema keywords, plus the lists merging produces. */
export interface Schema {
  type?: string[];
  enum?: Json[];
  const?: Json;
  format?: string;
  patterns?: string[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  multipleOf?: number;
  items?: unknown;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  properties?: Record<string, unknown>;
  required?: string[];
  /** false, a schema, or undefined (open: nothing extra is generated). */
  additionalProperties?: unknown;
  propertyNames?: unknown;
  readOnly?: boolean;
  conditions: Condition[];
  anyOf: unknown[][];
  oneOf: unknown[][];
  not: unknown[];
}

export interface SchemaContext {
  resolve(schema: unknown, where: string): Schema;
  merge(a: Schema, b: Schema, where: string): Schema;
  /** Does the value satisfy the (unresolved) spec schema? Ajv, JSON Schema 2020-12. */
  check(schema: unknown, value: unknown): boolean;
}

// The one context per loaded spec that `npm run contract` keeps too (specTools): each builds an
// Ajv that compiles the spec's schemas (a few hundred ms), and keeps what it compiled. The loaded
// specs are frozen, so sharing it is safe.
export function createSchemaContext(serviceName: string, doc: unknown): SchemaContext {
  return specTools(serviceName, doc).ctx as SchemaContext;
}
