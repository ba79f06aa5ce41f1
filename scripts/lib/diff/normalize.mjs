// One schema as a flat set of constraints: $refs followed, allOf merged, `nullable` and
// `{type: 'null'}` variants folded into the type set. Child schemas stay as parts
// ({ raw, pointer }) and are normalised only when the comparison reaches them.
import { child, resolve } from './pointer.mjs';

const LOWER = ['minimum', 'exclusiveMinimum', 'minLength', 'minItems', 'minProperties'];
const UPPER = ['maximum', 'exclusiveMaximum', 'maxLength', 'maxItems', 'maxProperties'];
export const BOUNDS = [...LOWER, ...UPPER];
export const isLowerBound = (keyword) => LOWER.includes(keyword);

const DOC_KEYWORDS = ['description', 'title', '$comment', 'summary'];
const EXAMPLE_KEYWORDS = ['example', 'examples'];
// Keywords that only identify or annotate a schema.
const IGNORED = new Set(['$id', '$schema', '$anchor', '$defs', 'definitions', 'externalDocs', 'xml']);
const MODELLED = new Set([
  'type', 'nullable', 'enum', 'const', ...BOUNDS, 'multipleOf', 'pattern', 'format', 'uniqueItems',
  'properties', 'required', 'additionalProperties', 'items', 'prefixItems', 'allOf', 'oneOf', 'anyOf',
  'readOnly', 'writeOnly', 'deprecated', 'default', 'discriminator', '$ref',
  ...DOC_KEYWORDS, ...EXAMPLE_KEYWORDS,
]);

function emptyNode(pointer) {
  return {
    pointer,
    types: null, // null: any type
    nullable: false,
    enum: null, // null: any value
    bounds: {},
    multipleOf: undefined,
    patterns: [],
    format: undefined,
    uniqueItems: false,
    properties: new Map(), // name -> parts
    required: new Set(),
    additional: [], // parts of additionalProperties (false / true / schema)
    items: [],
    prefixItems: null,
    variants: null, // { kind: 'oneOf' | 'anyOf', parts }
    readOnly: false,
    writeOnly: false,
    deprecated: false,
    default: undefined,
    discriminator: undefined,
    docs: {},
    examples: {},
    extensions: {},
    other: {}, // keywords not modelled: compared as a whole
  };
}

// `\uFF08` and `（` in a pattern are the same character (the project writes non-ASCII as escapes).
const canonicalPattern = (p) => p.replace(/(?<!\\)\\u([0-9a-fA-F]{4})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16)));

const typeSet = (type) => new Set(Array.isArray(type) ? type : [type]);

function intersectTypes(a, b) {
  if (!a) return b;
  const out = new Set();
  for (const t of a) {
    if (b.has(t)) out.add(t);
    else if (t === 'number' && b.has('integer')) out.add('integer');
    else if (t === 'integer' && b.has('number')) out.add('integer');
  }
  return out;
}

function intersectEnums(a, b) {
  if (!a) return b;
  const keys = new Set(b.map((v) => JSON.stringify(v)));
  return a.filter((v) => keys.has(JSON.stringify(v)));
}

/** Applies one schema object's own keywords (not its allOf members) to `node`. */
function mergeOwn(node, s, pointer) {
  if (s.type !== undefined) node.types = intersectTypes(node.types, typeSet(s.type));
  if (s.nullable === true) node.nullable = true;
  if (s.enum !== undefined) node.enum = intersectEnums(node.enum, s.enum);
  if (s.const !== undefined) node.enum = intersectEnums(node.enum, [s.const]);
  for (const k of LOWER) if (typeof s[k] === 'number') node.bounds[k] = Math.max(node.bounds[k] ?? -Infinity, s[k]);
  for (const k of UPPER) if (typeof s[k] === 'number') node.bounds[k] = Math.min(node.bounds[k] ?? Infinity, s[k]);
  for (const k of ['exclusiveMinimum', 'exclusiveMaximum']) if (typeof s[k] === 'boolean') node.other[k] = s[k];
  if (s.multipleOf !== undefined) node.multipleOf = s.multipleOf;
  if (s.pattern !== undefined && !node.patterns.includes(canonicalPattern(s.pattern))) node.patterns.push(canonicalPattern(s.pattern));
  if (s.format !== undefined && node.format === undefined) node.format = s.format;
  if (s.uniqueItems === true) node.uniqueItems = true;
  for (const [name, raw] of Object.entries(s.properties ?? {})) {
    const parts = node.properties.get(name) ?? [];
    parts.push({ raw, pointer: child(pointer, 'properties', name) });
    node.properties.set(name, parts);
  }
  for (const name of s.required ?? []) node.required.add(name);
  if (s.additionalProperties !== undefined) node.additional.push({ raw: s.additionalProperties, pointer: child(pointer, 'additionalProperties') });
  if (s.items !== undefined) node.items.push({ raw: s.items, pointer: child(pointer, 'items') });
  if (s.prefixItems && !node.prefixItems) node.prefixItems = s.prefixItems.map((raw, i) => ({ raw, pointer: child(pointer, 'prefixItems', i) }));
  for (const kind of ['oneOf', 'anyOf']) {
    if (!s[kind]) continue;
    const parts = s[kind].map((raw, i) => ({ raw, pointer: child(pointer, kind, i) }));
    if (!node.variants) node.variants = { kind, parts };
    else node.other[`${kind}@${pointer}`] = s[kind];
  }
  if (s.readOnly === true) node.readOnly = true;
  if (s.writeOnly === true) node.writeOnly = true;
  if (s.deprecated === true) node.deprecated = true;
  if (s.default !== undefined) node.default = s.default;
  if (s.discriminator !== undefined && node.discriminator === undefined) node.discriminator = s.discriminator;
  for (const k of DOC_KEYWORDS) if (s[k] !== undefined && node.docs[k] === undefined) node.docs[k] = s[k];
  for (const k of EXAMPLE_KEYWORDS) if (s[k] !== undefined && node.examples[k] === undefined) node.examples[k] = s[k];
  for (const [k, v] of Object.entries(s)) {
    if (k.startsWith('x-')) node.extensions[k] ??= v;
    else if (!MODELLED.has(k) && !IGNORED.has(k)) node.other[k] = v;
  }
}

function mergeSchema(doc, node, raw, pointer, depth) {
  if (depth > 64) throw new Error(`allOf nested too deeply at ${pointer}`);
  // A $ref with sibling keywords (OpenAPI 3.1): the target and the siblings both apply.
  if (raw && typeof raw === 'object' && typeof raw.$ref === 'string' && Object.keys(raw).length > 1) {
    const { $ref, ...siblings } = raw;
    mergeOwn(node, siblings, pointer);
    const target = resolve(doc, { $ref }, pointer);
    mergeSchema(doc, node, target.node, target.pointer, depth + 1);
    return;
  }
  const { node: s, pointer: at } = resolve(doc, raw, pointer);
  if (s === true || s === undefined || s === null) return;
  if (s === false) {
    node.enum = [];
    return;
  }
  mergeOwn(node, s, at);
  (s.allOf ?? []).forEach((member, i) => mergeSchema(doc, node, member, child(at, 'allOf', i), depth + 1));
}

const isNullOnly = (doc, part) => {
  const { node } = resolve(doc, part.raw, part.pointer);
  return node && typeof node === 'object' && node.type === 'null' && Object.keys(node).every((k) => k === 'type' || DOC_KEYWORDS.includes(k));
};

/** Normalises the schema at `parts` (one or more schemas that all apply). */
export function normalize(doc, parts) {
  const first = parts[0];
  const start = resolve(doc, first.raw, first.pointer);
  const node = emptyNode(start.pointer);
  for (const part of parts) mergeSchema(doc, node, part.raw, part.pointer, 0);
  if (node.variants) {
    const rest = node.variants.parts.filter((p) => !isNullOnly(doc, p));
    if (rest.length < node.variants.parts.length) {
      node.nullable = true;
      if (rest.length === 1) {
        node.variants = null;
        mergeSchema(doc, node, rest[0].raw, rest[0].pointer, 0);
      } else node.variants.parts = rest;
    }
  }
  if (node.nullable && node.types) node.types.add('null');
  if (node.nullable && node.enum && !node.enum.includes(null)) node.enum.push(null);
  return node;
}

/** additionalProperties as 'open', 'closed' or the parts of its schema. */
export function additionalOf(doc, node) {
  if (node.additional.length === 0) return 'open';
  const schemas = [];
  for (const part of node.additional) {
    const { node: s } = resolve(doc, part.raw, part.pointer);
    if (s === false) return 'closed';
    if (s === true || (s && typeof s === 'object' && Object.keys(s).length === 0)) continue;
    schemas.push(part);
  }
  return schemas.length ? schemas : 'open';
}

/** The component name when a pointer is a named schema (#/components/schemas/Name). */
export function componentName(pointer) {
  const m = /^\/components\/schemas\/([^/]+)$/.exec(pointer);
  return m ? m[1].replace(/~1/g, '/').replace(/~0/g, '~') : null;
}
