// A spec schema in the one shape the generators below understand: `$ref` and `allOf` resolved
// and merged, `if`/`then`/`else` kept as a list of conditions, and an Ajv check for the parts
// (conditions, `not`, `oneOf`) that are easier to evaluate than to generate.
import { createSpecAjv } from '../../scripts/stages/validators.mjs';
import { deref } from '../support/specs.js';

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

// Keywords that only describe: ignored. Anything else unknown is an error, so a spec that starts
// using a new keyword fails loudly here instead of fuzzing with the wrong data.
const ANNOTATIONS = new Set(['title', 'description', 'default', 'examples', 'example', 'deprecated', 'writeOnly', '$comment', 'discriminator', 'externalDocs', 'xml']);

export interface SchemaContext {
  resolve(schema: unknown, where: string): Schema;
  merge(a: Schema, b: Schema, where: string): Schema;
  /** Does the value satisfy the (unresolved) spec schema? Ajv, JSON Schema 2020-12. */
  check(schema: unknown, value: unknown): boolean;
}

export function createSchemaContext(serviceName: string, doc: unknown): SchemaContext {
  const { ajv, toAjv } = createSpecAjv(serviceName, doc);
  const compiled = new WeakMap<object, (value: unknown) => boolean>();

  function check(schema: unknown, value: unknown): boolean {
    if (typeof schema === 'boolean') return schema;
    const key = schema as object;
    let fn = compiled.get(key);
    if (!fn) {
      fn = ajv.compile(toAjv(schema)) as (value: unknown) => boolean;
      compiled.set(key, fn);
    }
    return fn(value);
  }

  function resolve(input: unknown, where: string): Schema {
    const out: Schema = { conditions: [], anyOf: [], oneOf: [], not: [] };
    if (input === true || input === undefined) return out;
    if (input === false) throw new Error(`${where}: a \`false\` schema cannot be generated`);
    const schema = input as Record<string, unknown>;
    let merged = out;
    for (const [key, value] of Object.entries(schema)) {
      if (ANNOTATIONS.has(key) || key.startsWith('x-')) continue;
      switch (key) {
        case '$ref':
          merged = merge(merged, resolve(deref(doc, { $ref: value }), `${where} -> ${String(value)}`), where);
          break;
        case 'allOf':
          for (const [i, part] of (value as unknown[]).entries()) merged = merge(merged, resolve(part, `${where}.allOf[${i}]`), where);
          break;
        case 'type':
          merged = merge(merged, { ...empty(), type: Array.isArray(value) ? (value as string[]) : [value as string] }, where);
          break;
        case 'pattern':
          merged = merge(merged, { ...empty(), patterns: [value as string] }, where);
          break;
        case 'if':
          merged.conditions = [...merged.conditions, { if: value, then: schema['then'], else: schema['else'] }];
          break;
        case 'then':
        case 'else':
          break; // read with `if`
        case 'anyOf':
        case 'oneOf':
          merged[key] = [...merged[key], value as unknown[]];
          break;
        case 'not':
          merged.not = [...merged.not, value];
          break;
        case 'unevaluatedProperties':
          // `true` (the conditions' own) says nothing; `false` closes like additionalProperties.
          if (value === false) merged = merge(merged, { ...empty(), additionalProperties: false }, where);
          break;
        case 'enum': case 'const': case 'format': case 'minLength': case 'maxLength': case 'minimum': case 'maximum':
        case 'exclusiveMinimum': case 'exclusiveMaximum': case 'multipleOf': case 'items': case 'minItems': case 'maxItems':
        case 'uniqueItems': case 'properties': case 'required': case 'additionalProperties': case 'propertyNames': case 'readOnly':
          merged = merge(merged, { ...empty(), [key]: value }, where);
          break;
        default:
          throw new Error(`${where}: the fuzzer does not support the keyword \`${key}\` yet (test/fuzz/schema.ts)`);
      }
    }
    return merged;
  }

  /** Both at once (allOf): the stricter limit wins, lists concatenate, properties merge. */
  function merge(a: Schema, b: Schema, where: string): Schema {
    const out: Schema = {
      ...a,
      conditions: [...a.conditions, ...b.conditions],
      anyOf: [...a.anyOf, ...b.anyOf],
      oneOf: [...a.oneOf, ...b.oneOf],
      not: [...a.not, ...b.not],
    };
    const stricter = (key: keyof Schema, pick: (x: number, y: number) => number) => {
      const x = a[key] as number | undefined;
      const y = b[key] as number | undefined;
      if (x !== undefined || y !== undefined) (out as any)[key] = x === undefined ? y : y === undefined ? x : pick(x, y);
    };
    for (const key of ['minLength', 'minimum', 'exclusiveMinimum', 'minItems'] as const) stricter(key, Math.max);
    for (const key of ['maxLength', 'maximum', 'exclusiveMaximum', 'maxItems'] as const) stricter(key, Math.min);
    if (b.type) out.type = a.type ? commonTypes(a.type, b.type) : b.type;
    if (out.type && out.type.length === 0) throw new Error(`${where}: allOf with no common type`);
    if (b.enum) out.enum = a.enum ? a.enum.filter((v) => b.enum!.some((w) => JSON.stringify(v) === JSON.stringify(w))) : b.enum;
    if (b.const !== undefined) out.const = b.const;
    if (b.format) out.format = b.format;
    if (b.patterns) out.patterns = [...(a.patterns ?? []), ...b.patterns];
    if (b.multipleOf !== undefined) out.multipleOf = b.multipleOf;
    if (b.uniqueItems) out.uniqueItems = true;
    if (b.readOnly) out.readOnly = true;
    if (b.items !== undefined) out.items = a.items === undefined ? b.items : { allOf: [a.items, b.items] };
    if (b.propertyNames !== undefined) out.propertyNames = a.propertyNames === undefined ? b.propertyNames : { allOf: [a.propertyNames, b.propertyNames] };
    if (b.required) out.required = [...new Set([...(a.required ?? []), ...b.required])];
    if (b.properties) {
      const properties = { ...(a.properties ?? {}) };
      for (const [name, schema] of Object.entries(b.properties)) {
        properties[name] = properties[name] === undefined ? schema : { allOf: [properties[name], schema] };
      }
      out.properties = properties;
    }
    if (b.additionalProperties !== undefined) {
      const x = a.additionalProperties;
      const y = b.additionalProperties;
      out.additionalProperties = x === false || y === false ? false : x === undefined ? y : { allOf: [x, y] };
    }
    return out;
  }

  return { resolve, merge, check };
}

/** integer is the number type both allow when one says number and the other integer. */
function commonTypes(x: string[], y: string[]): string[] {
  const both = x.flatMap((t) => (y.includes(t) ? [t] : (t === 'number' && y.includes('integer')) || (t === 'integer' && y.includes('number')) ? ['integer'] : []));
  return [...new Set(both)];
}

function empty(): Schema {
  return { conditions: [], anyOf: [], oneOf: [], not: [] };
}
