// fast-check arbitraries from spec schemas: values that satisfy the schema, built from its
// keywords (not generated at random and filtered), so every run exercises deep, valid requests.
// Supports what the specs use; an unknown keyword or format is an error (see schema.ts).
import fc from 'fast-check';
import type { Json, Schema, SchemaContext } from './schema.js';

/** Items generated beyond minItems, characters beyond minLength: small values, fast runs. */
const EXTRA_ITEMS = 3;
const EXTRA_CHARS = 24;
const INT32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };
/** OpenAPI formats that only hint at presentation: any string is valid. */
const HINT_FORMATS = new Set(['password']);

// Building an arbitrary from a regular expression is the costliest step of building a request's
// arbitraries (fast-check compiles the pattern); arbitraries are immutable, so one per pattern.
const byPattern = new Map<string, fc.Arbitrary<string>>();
function matching(pattern: string): fc.Arbitrary<string> {
  let arb = byPattern.get(pattern);
  if (!arb) byPattern.set(pattern, (arb = fc.stringMatching(new RegExp(pattern, 'u'))));
  return arb;
}

export interface Arbitraries {
  /** Values valid against the schema; readOnly properties are left out (they are not sent). */
  arbitrary(schema: unknown, where: string): fc.Arbitrary<Json>;
}

export function createArbitraries(ctx: SchemaContext): Arbitraries {
  const arbitrary = (schema: unknown, where: string) => generate(ctx.resolve(schema, where), where);

  function generate(s: Schema, where: string): fc.Arbitrary<Json> {
    let arb = byShape(s, where);
    for (const not of s.not) arb = arb.filter((v) => !ctx.check(not, v));
    return arb;
  }

  function byShape(s: Schema, where: string): fc.Arbitrary<Json> {
    if (s.anyOf.length > 0 || s.oneOf.length > 0) return alternatives(s, where);
    if (s.const !== undefined) return fc.constant(s.const);
    if (s.enum) return fc.constantFrom(...s.enum);
    const types = s.type ?? inferredTypes(s);
    if (types.length === 0) return fc.jsonValue({ maxDepth: 2 }).map(plainJson);
    return fc.oneof(...types.map((type) => ofType(type, s, where)));
  }

  /** One branch of the first anyOf/oneOf, merged with the rest; oneOf keeps exactly-one values. */
  function alternatives(s: Schema, where: string): fc.Arbitrary<Json> {
    const exclusive = s.anyOf.length === 0;
    const [group, ...rest] = exclusive ? s.oneOf : s.anyOf;
    const base: Schema = exclusive ? { ...s, oneOf: rest } : { ...s, anyOf: rest };
    const branches = group!.map((option, i) => {
      const at = `${where}.${exclusive ? 'oneOf' : 'anyOf'}[${i}]`;
      return generate(ctx.merge(base, ctx.resolve(option, at), at), at);
    });
    const arb = fc.oneof(...branches);
    return exclusive ? arb.filter((v) => group!.filter((option) => ctx.check(option, v)).length === 1) : arb;
  }

  function ofType(type: string, s: Schema, where: string): fc.Arbitrary<Json> {
    switch (type) {
      case 'string':
        return stringOf(s, where);
      case 'integer':
        return integerOf(s);
      case 'number':
        return numberOf(s);
      case 'boolean':
        return fc.boolean();
      case 'null':
        return fc.constant(null);
      case 'array':
        return arrayOf(s, where);
      case 'object':
        return objectOf(s, where);
      default:
        throw new Error(`${where}: unknown type ${type}`);
    }
  }

  function stringOf(s: Schema, where: string): fc.Arbitrary<Json> {
    const min = s.minLength ?? 0;
    const max = s.maxLength;
    const [pattern, ...otherPatterns] = s.patterns ?? [];
    let arb: fc.Arbitrary<string>;
    const format = s.format && !HINT_FORMATS.has(s.format) ? s.format : undefined;
    if (format) arb = formatOf(format, where);
    else if (pattern !== undefined) arb = matching(pattern);
    // Any code point: Ajv counts lengths in code points, and so does the 'binary' unit.
    else arb = fc.string({ unit: 'binary', minLength: min, maxLength: max ?? min + EXTRA_CHARS });
    const regexes = (format && pattern !== undefined ? [pattern, ...otherPatterns] : otherPatterns).map((p) => new RegExp(p, 'u'));
    return arb.filter((v) => {
      const length = [...v].length;
      return length >= min && (max === undefined || length <= max) && regexes.every((re) => re.test(v));
    });
  }

  function objectOf(s: Schema, where: string): fc.Arbitrary<Json> {
    const required = s.required ?? [];
    const declared = Object.entries(s.properties ?? {}).filter(
      ([name, p]) => required.includes(name) || !ctx.resolve(p, `${where}.${name}`).readOnly,
    );
    const fields: Record<string, fc.Arbitrary<Json>> = {};
    for (const [name, p] of declared) fields[name] = arbitrary(p, `${where}.${name}`);
    for (const name of required) fields[name] ??= arbitrary(extraSchema(s), `${where}.${name}`);
    let arb: fc.Arbitrary<Record<string, Json>> = fc.record(fields, { requiredKeys: required, noNullPrototype: true });
    const extra = s.additionalProperties;
    if (extra !== false && (typeof extra === 'object' || (!s.properties && extra === undefined))) {
      const names = new Set(Object.keys(fields));
      const key = (s.propertyNames ? arbitrary(s.propertyNames, `${where} (property name)`) : fc.string()) as fc.Arbitrary<string>;
      const dictionary = fc.dictionary(
        key.filter((k) => !names.has(k)),
        arbitrary(extraSchema(s), `${where}.*`),
        { maxKeys: EXTRA_ITEMS, noNullPrototype: true },
      );
      arb = fc.tuple(arb, dictionary).map(([declaredValues, more]) => ({ ...more, ...declaredValues }));
    }
    if (s.conditions.length === 0) return arb;
    return arb.chain((value) => refine(value, s, s.conditions, where));
  }

  /**
   * Applies if/then/else to a generated object: the chosen branch's required properties are
   * added and its property constraints enforced (each merged with the object's own schema for
   * that property), then the branch's own conditions, in order.
   */
  function refine(value: Record<string, Json>, base: Schema, conditions: Schema['conditions'], where: string): fc.Arbitrary<Json> {
    const [condition, ...rest] = conditions;
    if (!condition) return fc.constant(value);
    const chosen = ctx.check(condition.if, value) ? condition.then : condition.else;
    if (chosen === undefined) return refine(value, base, rest, where);
    const branch = ctx.resolve(chosen, `${where} (if/then/else)`);
    const fixes: Record<string, fc.Arbitrary<Json>> = {};
    const propertySchema = (name: string) => ({ allOf: [base.properties?.[name] ?? extraSchema(base), branch.properties?.[name] ?? {}] });
    for (const name of branch.required ?? []) {
      if (!(name in value)) fixes[name] = arbitrary(propertySchema(name), `${where}.${name}`);
    }
    const kept: Record<string, Json> = { ...value };
    for (const [name, schema] of Object.entries(branch.properties ?? {})) {
      // A `false` property schema: the branch forbids that property (a query parameter a media
      // type rules out), one level down too. Such properties are dropped, never generated.
      if (schema === false) {
        delete kept[name];
        continue;
      }
      const { allowed, forbidden } = splitForbidden(schema);
      if (forbidden.length > 0 && isPlainObject(kept[name])) kept[name] = without(kept[name], forbidden);
      if (!(name in kept) || ctx.check(schema, kept[name])) continue;
      const merged = { allOf: [base.properties?.[name] ?? extraSchema(base), allowed] };
      fixes[name] = arbitrary(merged, `${where}.${name}`).map((v) => (forbidden.length > 0 && isPlainObject(v) ? without(v, forbidden) : v));
    }
    return fc.record(fixes, { noNullPrototype: true }).chain((fixed) => refine({ ...kept, ...fixed }, base, [...branch.conditions, ...rest], where));
  }

  function arrayOf(s: Schema, where: string): fc.Arbitrary<Json> {
    const item = arbitrary(s.items ?? {}, `${where}[]`);
    const minLength = s.minItems ?? 0;
    const maxLength = Math.min(s.maxItems ?? Infinity, minLength + EXTRA_ITEMS);
    // Unique as Ajv sees it: deep equality, whatever the key order.
    if (s.uniqueItems) return fc.uniqueArray(item, { minLength, maxLength, selector: canonicalJson });
    return fc.array(item, { minLength, maxLength });
  }

  return { arbitrary };
}

/** An object schema less its `false` properties, and their names. */
function splitForbidden(schema: unknown): { allowed: unknown; forbidden: string[] } {
  const properties = (schema as { properties?: Record<string, unknown> } | null)?.properties;
  if (!properties) return { allowed: schema, forbidden: [] };
  const forbidden = Object.keys(properties).filter((name) => properties[name] === false);
  if (forbidden.length === 0) return { allowed: schema, forbidden };
  const rest = Object.fromEntries(Object.entries(properties).filter(([name]) => !forbidden.includes(name)));
  return { allowed: { ...(schema as object), properties: rest }, forbidden };
}

function isPlainObject(value: unknown): value is Record<string, Json> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function without(value: Record<string, Json>, names: string[]): Json {
  return Object.fromEntries(Object.entries(value).filter(([name]) => !names.includes(name)));
}

function extraSchema(s: Schema): unknown {
  return typeof s.additionalProperties === 'object' ? s.additionalProperties : {};
}

function inferredTypes(s: Schema): string[] {
  if (s.properties || s.required || s.additionalProperties !== undefined || s.conditions.length > 0) return ['object'];
  if (s.items !== undefined || s.minItems !== undefined || s.maxItems !== undefined) return ['array'];
  if (s.patterns || s.format || s.minLength !== undefined || s.maxLength !== undefined) return ['string'];
  if (s.minimum !== undefined || s.maximum !== undefined) return ['number'];
  return [];
}

function formatOf(format: string, where: string): fc.Arbitrary<string> {
  const dates = fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true });
  switch (format) {
    case 'uuid':
      return fc.uuid();
    case 'date-time':
      return dates.map((d) => d.toISOString());
    case 'date':
      return dates.map((d) => d.toISOString().slice(0, 10));
    case 'ipv4':
      return fc.ipV4();
    case 'ipv6':
      return fc.ipV6();
    case 'email':
      return fc.emailAddress();
    case 'uri':
      return fc.webUrl();
    default:
      throw new Error(`${where}: the fuzzer does not support the string format \`${format}\` yet (test/fuzz/arbitrary.ts)`);
  }
}

function integerOf(s: Schema): fc.Arbitrary<Json> {
  const range = s.format === 'int32' ? INT32 : { min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER };
  let min = Math.max(range.min, s.minimum ?? -Infinity, s.exclusiveMinimum !== undefined ? Math.floor(s.exclusiveMinimum) + 1 : -Infinity);
  let max = Math.min(range.max, s.maximum ?? Infinity, s.exclusiveMaximum !== undefined ? Math.ceil(s.exclusiveMaximum) - 1 : Infinity);
  min = Math.ceil(min);
  max = Math.floor(max);
  const arb = min >= INT32.min && max <= INT32.max ? fc.integer({ min, max }) : fc.bigInt({ min: BigInt(min), max: BigInt(max) }).map(Number);
  return s.multipleOf ? arb.filter((v) => v % s.multipleOf! === 0) : arb;
}

function numberOf(s: Schema): fc.Arbitrary<Json> {
  const arb = fc.double({
    noNaN: true,
    noDefaultInfinity: true,
    ...(s.minimum !== undefined || s.exclusiveMinimum !== undefined ? { min: Math.max(s.minimum ?? -Infinity, s.exclusiveMinimum ?? -Infinity) } : {}),
    ...(s.maximum !== undefined || s.exclusiveMaximum !== undefined ? { max: Math.min(s.maximum ?? Infinity, s.exclusiveMaximum ?? Infinity) } : {}),
    ...(s.exclusiveMinimum !== undefined && s.exclusiveMinimum >= (s.minimum ?? -Infinity) ? { minExcluded: true } : {}),
    ...(s.exclusiveMaximum !== undefined && s.exclusiveMaximum <= (s.maximum ?? Infinity) ? { maxExcluded: true } : {}),
  });
  return s.multipleOf ? arb.filter((v) => Number.isInteger(v / s.multipleOf!)) : arb;
}

/** Plain objects (Ajv's deep equality needs a prototype), as they would arrive over JSON. */
function plainJson(value: unknown): Json {
  return JSON.parse(JSON.stringify(value));
}

/** JSON with object keys sorted: equal for values Ajv's deep equality calls equal. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}
