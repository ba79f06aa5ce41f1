// A spec schema in the one shape the request derivations understand (the invalid requests of
// `npm run contract -- --checks`, the fuzzer's valid and invalid ones): `$ref` and `allOf`
// resolved and merged, `if`/`then`/`else` kept as a list of conditions, and an Ajv check for the
// parts (conditions, `not`, `oneOf`) that are easier to evaluate than to generate.
// Types: test/fuzz/schema.ts (Schema, SchemaContext).
import { createSpecAjv } from '../../stages/validators.mjs';
import { deref } from '../operations.mjs';

// Keywords that only describe: ignored. Anything else unknown is an error, so a spec that starts
// using a new keyword fails loudly here instead of deriving requests from the wrong rules.
const ANNOTATIONS = new Set(['title', 'description', 'default', 'examples', 'example', 'deprecated', 'writeOnly', '$comment', 'discriminator', 'externalDocs', 'xml']);
const PLAIN = new Set(['enum', 'const', 'format', 'minLength', 'maxLength', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf', 'items',
  'minItems', 'maxItems', 'uniqueItems', 'properties', 'required', 'additionalProperties', 'propertyNames', 'readOnly']);

const empty = () => ({ conditions: [], anyOf: [], oneOf: [], not: [] });

/**
 * @param {{ ajv: any, toAjv: (schema: unknown) => unknown }} [specAjv] createSpecAjv()'s, when the caller has one already (each costs a few hundred ms)
 * @returns {{ resolve(schema: unknown, where: string): any, merge(a: any, b: any, where: string): any, check(schema: unknown, value: unknown): boolean }}
 */
export function createSchemaContext(serviceName, doc, specAjv = createSpecAjv(serviceName, doc)) {
  const { ajv, toAjv } = specAjv;
  const compiled = new WeakMap();

  function check(schema, value) {
    if (typeof schema === 'boolean') return schema;
    let fn = compiled.get(schema);
    if (!fn) {
      fn = ajv.compile(toAjv(schema));
      compiled.set(schema, fn);
    }
    return fn(value);
  }

  function resolve(input, where) {
    const out = empty();
    if (input === true || input === undefined) return out;
    if (input === false) throw new Error(`${where}: a \`false\` schema cannot be generated`);
    const schema = input;
    let merged = out;
    for (const [key, value] of Object.entries(schema)) {
      if (ANNOTATIONS.has(key) || key.startsWith('x-')) continue;
      if (PLAIN.has(key)) {
        merged = merge(merged, { ...empty(), [key]: value }, where);
        continue;
      }
      switch (key) {
        case '$ref':
          merged = merge(merged, resolve(deref(doc, { $ref: value }), `${where} -> ${String(value)}`), where);
          break;
        case 'allOf':
          for (const [i, part] of value.entries()) merged = merge(merged, resolve(part, `${where}.allOf[${i}]`), where);
          break;
        case 'type':
          merged = merge(merged, { ...empty(), type: Array.isArray(value) ? value : [value] }, where);
          break;
        case 'pattern':
          merged = merge(merged, { ...empty(), patterns: [value] }, where);
          break;
        case 'if':
          merged.conditions = [...merged.conditions, { if: value, then: schema['then'], else: schema['else'] }];
          break;
        case 'then':
        case 'else':
          break; // read with `if`
        case 'anyOf':
        case 'oneOf':
          merged[key] = [...merged[key], value];
          break;
        case 'not':
          merged.not = [...merged.not, value];
          break;
        case 'unevaluatedProperties':
          // `true` (the conditions' own) says nothing; `false` closes like additionalProperties.
          if (value === false) merged = merge(merged, { ...empty(), additionalProperties: false }, where);
          break;
        default:
          throw new Error(`${where}: requests cannot be derived from the keyword \`${key}\` yet (scripts/lib/contract/schema.mjs)`);
      }
    }
    return merged;
  }

  /** Both at once (allOf): the stricter limit wins, lists concatenate, properties merge. */
  function merge(a, b, where) {
    const out = {
      ...a,
      conditions: [...a.conditions, ...b.conditions],
      anyOf: [...a.anyOf, ...b.anyOf],
      oneOf: [...a.oneOf, ...b.oneOf],
      not: [...a.not, ...b.not],
    };
    const stricter = (key, pick) => {
      const x = a[key];
      const y = b[key];
      if (x !== undefined || y !== undefined) out[key] = x === undefined ? y : y === undefined ? x : pick(x, y);
    };
    for (const key of ['minLength', 'minimum', 'exclusiveMinimum', 'minItems']) stricter(key, Math.max);
    for (const key of ['maxLength', 'maximum', 'exclusiveMaximum', 'maxItems']) stricter(key, Math.min);
    if (b.type) out.type = a.type ? commonTypes(a.type, b.type) : b.type;
    if (out.type && out.type.length === 0) throw new Error(`${where}: allOf with no common type`);
    if (b.enum) out.enum = a.enum ? a.enum.filter((v) => b.enum.some((w) => JSON.stringify(v) === JSON.stringify(w))) : b.enum;
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
function commonTypes(x, y) {
  const both = x.flatMap((t) => (y.includes(t) ? [t] : (t === 'number' && y.includes('integer')) || (t === 'integer' && y.includes('number')) ? ['integer'] : []));
  return [...new Set(both)];
}
