// Structural comparison of two schemas for one direction: 'request' (what callers send: narrower
// is breaking) or 'response' (what callers receive: wider is breaking).
import { additionalOf, BOUNDS, componentName, isLowerBound, normalize } from './normalize.mjs';
import { child, resolve } from './pointer.mjs';

const DIMENSION_OF = {
  minimum: 'range', maximum: 'range', exclusiveMinimum: 'range', exclusiveMaximum: 'range',
  minLength: 'length', maxLength: 'length', minItems: 'item-count', maxItems: 'item-count',
  minProperties: 'property-count', maxProperties: 'property-count',
};
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
const show = (v) => JSON.stringify(v);

/** T(old) ⊆ T(new), with integer ⊆ number and null = any type. */
function typesWithin(a, b) {
  if (!b) return true;
  if (!a) return false;
  return [...a].every((t) => b.has(t) || (t === 'integer' && b.has('number')));
}
const typeText = (t) => (t ? [...t].sort().join(' | ') : 'any');

/**
 * A comparer for two documents. `compare(oldPart, newPart, direction, label)` returns
 * [{ rule, location, message }]; results for named schemas are computed once per direction.
 */
export function createSchemaComparer(oldDoc, newDoc) {
  const cache = new Map();
  const active = new Set();
  // Normalised schemas by the pointer of their one part (most schemas have one).
  const normalized = [new Map(), new Map()];
  const norm = (side, parts) => {
    const doc = side ? newDoc : oldDoc;
    if (parts.length !== 1) return normalize(doc, parts);
    const memo = normalized[side];
    let node = memo.get(parts[0].pointer);
    if (!node) memo.set(parts[0].pointer, (node = normalize(doc, parts)));
    return node;
  };

  function compare(oldParts, newParts, dir, label) {
    const a = norm(0, oldParts);
    const b = norm(1, newParts);
    const name = componentName(b.pointer) ?? componentName(a.pointer);
    // A named schema is labelled by its name; anything else by where it was reached from.
    const where = `${dir}\u0000${a.pointer}\u0000${b.pointer}`;
    const key = name ? where : `${where}\u0000${label}`;
    if (cache.has(key)) return cache.get(key);
    if (active.has(where)) return []; // a recursive schema: the outer comparison covers it
    active.add(where);
    const out = [];
    compareNodes(a, b, dir, name ?? label, out);
    active.delete(where);
    cache.set(key, out);
    return out;
  }

  function compareNodes(a, b, dir, label, out) {
    const at = (keyword) => (keyword === undefined ? b.pointer : child(b.pointer, keyword));
    const dim = (d, how, keyword, message) => out.push({ rule: `${dir}-${d}-${how}`, location: at(keyword), message: `${label}: ${message}` });

    // Type, with nullability as the type `null`.
    const wider = typesWithin(a.types, b.types);
    const narrower = typesWithin(b.types, a.types);
    if (!(wider && narrower)) {
      const how = wider ? 'widened' : narrower ? 'narrowed' : 'changed';
      dim('type', how, 'type', `type ${typeText(a.types)} -> ${typeText(b.types)}`);
    }

    // Enum and const.
    if (!same(a.enum, b.enum)) {
      if (a.enum === null) dim('enum', 'narrowed', 'enum', `now restricted to ${show(b.enum)}`);
      else if (b.enum === null) dim('enum', 'widened', 'enum', `no longer restricted to ${show(a.enum)}`);
      else {
        const keysB = new Set(b.enum.map(show));
        const keysA = new Set(a.enum.map(show));
        const removed = a.enum.filter((v) => !keysB.has(show(v)));
        const added = b.enum.filter((v) => !keysA.has(show(v)));
        if (removed.length) dim('enum', 'narrowed', 'enum', `enum value(s) ${removed.map(show).join(', ')} removed`);
        if (added.length) dim('enum', 'widened', 'enum', `enum value(s) ${added.map(show).join(', ')} added`);
      }
    }

    // Numeric and size bounds.
    for (const k of BOUNDS) {
      const x = a.bounds[k];
      const y = b.bounds[k];
      if (x === y) continue;
      const lower = isLowerBound(k);
      let how;
      if (x === undefined) how = 'narrowed';
      else if (y === undefined) how = 'widened';
      else how = (y > x) === lower ? 'narrowed' : 'widened';
      dim(DIMENSION_OF[k], how, k, `${k} ${x ?? 'none'} -> ${y ?? 'none'}`);
    }
    if (a.multipleOf !== b.multipleOf) {
      const x = a.multipleOf;
      const y = b.multipleOf;
      let how = 'changed';
      if (x === undefined || (y !== undefined && Number.isInteger(y / x))) how = 'narrowed';
      else if (y === undefined || Number.isInteger(x / y)) how = 'widened';
      dim('range', how, 'multipleOf', `multipleOf ${x ?? 'none'} -> ${y ?? 'none'}`);
    }

    // Patterns (several when allOf members each have one).
    const removedPatterns = a.patterns.filter((p) => !b.patterns.includes(p));
    const addedPatterns = b.patterns.filter((p) => !a.patterns.includes(p));
    if (removedPatterns.length === 1 && addedPatterns.length === 1) dim('pattern', 'changed', 'pattern', `pattern ${show(removedPatterns[0])} -> ${show(addedPatterns[0])}`);
    else {
      if (addedPatterns.length) dim('pattern', 'narrowed', 'pattern', `pattern ${addedPatterns.map(show).join(', ')} added`);
      if (removedPatterns.length) dim('pattern', 'widened', 'pattern', `pattern ${removedPatterns.map(show).join(', ')} removed`);
    }

    if (a.format !== b.format) {
      const how = a.format === undefined ? 'narrowed' : b.format === undefined ? 'widened' : 'changed';
      dim('format', how, 'format', `format ${a.format ?? 'none'} -> ${b.format ?? 'none'}`);
    }
    if (a.uniqueItems !== b.uniqueItems) dim('unique-items', b.uniqueItems ? 'narrowed' : 'widened', 'uniqueItems', `uniqueItems ${a.uniqueItems} -> ${b.uniqueItems}`);

    if (a.deprecated !== b.deprecated) out.push({ rule: 'deprecated', location: at('deprecated'), message: `${label}: ${b.deprecated ? 'now deprecated' : 'no longer deprecated'}` });
    if (!same(a.default, b.default)) out.push({ rule: `${dir}-default-changed`, location: at('default'), message: `${label}: default ${show(a.default) ?? 'none'} -> ${show(b.default) ?? 'none'}` });
    if (!same(a.discriminator, b.discriminator)) out.push({ rule: 'discriminator-changed', location: at('discriminator'), message: `${label}: discriminator ${show(a.discriminator) ?? 'none'} -> ${show(b.discriminator) ?? 'none'}` });
    annotations(a, b, label, at, out);

    properties(a, b, dir, label, out);
    additional(a, b, dir, label, out, dim);
    items(a, b, dir, label, out, dim);
    variants(a, b, dir, label, out, dim);
  }

  function properties(a, b, dir, label, out) {
    const names = new Set([...a.properties.keys(), ...b.properties.keys()]);
    for (const name of names) {
      const pa = a.properties.get(name);
      const pb = b.properties.get(name);
      const na = pa && norm(0, pa);
      const nb = pb && norm(1, pb);
      const visible = (n) => n && !(dir === 'request' && n.readOnly) && !(dir === 'response' && n.writeOnly);
      const field = `${label}.${name}`;
      if (visible(na) && !visible(nb)) {
        const why = nb ? ` (now ${dir === 'request' ? 'readOnly' : 'writeOnly'})` : '';
        out.push({ rule: `${dir}-property-removed`, location: (pb ?? pa)[0].pointer, message: `${field}: field removed${why}` });
      } else if (!visible(na) && visible(nb)) {
        const required = b.required.has(name);
        const rule = dir === 'request' ? (required ? 'request-property-added-required' : 'request-property-added') : 'response-property-added';
        out.push({ rule, location: pb[0].pointer, message: `${field}: ${required ? 'required ' : ''}field added` });
      } else if (visible(na) && visible(nb)) {
        const wasRequired = a.required.has(name);
        const isRequired = b.required.has(name);
        if (wasRequired !== isRequired) {
          out.push({ rule: `${dir}-property-became-${isRequired ? 'required' : 'optional'}`, location: child(b.pointer, 'required'), message: `${field}: now ${isRequired ? 'required' : 'optional'}` });
        }
        out.push(...compare(pa, pb, dir, field));
      }
    }
  }

  function additional(a, b, dir, label, out, dim) {
    const x = additionalOf(oldDoc, a);
    const y = additionalOf(newDoc, b);
    if (Array.isArray(x) && Array.isArray(y)) {
      out.push(...compare(x, y, dir, `${label}{*}`));
      return;
    }
    if (x === y) return;
    const text = (v) => (Array.isArray(v) ? 'a schema' : v);
    // Open ⊇ schema ⊇ closed.
    const rank = (v) => (v === 'open' ? 2 : v === 'closed' ? 0 : 1);
    const how = rank(y) > rank(x) ? 'widened' : 'narrowed';
    dim('additional-properties', how, 'additionalProperties', `additionalProperties ${text(x)} -> ${text(y)}`);
  }

  function items(a, b, dir, label, out, dim) {
    if (a.items.length && b.items.length) out.push(...compare(a.items, b.items, dir, `${label}[]`));
    else if (a.items.length !== b.items.length) dim('type', b.items.length ? 'narrowed' : 'widened', 'items', b.items.length ? 'array items now constrained' : 'array items no longer constrained');
    const pa = a.prefixItems ?? [];
    const pb = b.prefixItems ?? [];
    for (let i = 0; i < Math.min(pa.length, pb.length); i++) out.push(...compare([pa[i]], [pb[i]], dir, `${label}[${i}]`));
    if (pa.length !== pb.length) out.push({ rule: 'schema-keyword-changed', location: child(b.pointer, 'prefixItems'), message: `${label}: prefixItems ${pa.length} -> ${pb.length} entries` });
  }

  function variants(a, b, dir, label, out, dim) {
    if (!a.variants && !b.variants) return;
    if (!a.variants || !b.variants) {
      dim('variants', b.variants ? 'narrowed' : 'widened', b.variants?.kind ?? a.variants.kind, b.variants ? `now one of ${b.variants.parts.length} variants` : 'no longer a choice of variants');
      return;
    }
    if (a.variants.kind !== b.variants.kind) dim('variants', b.variants.kind === 'anyOf' ? 'widened' : 'narrowed', b.variants.kind, `${a.variants.kind} -> ${b.variants.kind}`);
    // Variants match by the named schema they refer to, the rest by position.
    const target = (doc, part) => componentName(resolve(doc, part.raw, part.pointer).pointer);
    const left = a.variants.parts.map((p) => ({ p, name: target(oldDoc, p) }));
    const right = b.variants.parts.map((p) => ({ p, name: target(newDoc, p) }));
    const pairs = [];
    for (const l of left) {
      const i = l.name ? right.findIndex((r) => r.name === l.name) : -1;
      if (i >= 0) pairs.push([l, right.splice(i, 1)[0]]);
    }
    const unmatchedLeft = left.filter((l) => !pairs.some(([x]) => x === l));
    while (unmatchedLeft.length && right.length && !unmatchedLeft[0].name && !right[0].name) pairs.push([unmatchedLeft.shift(), right.shift()]);
    for (const [l, r] of pairs) out.push(...compare([l.p], [r.p], dir, `${label}<${r.name ?? 'variant'}>`));
    for (const l of unmatchedLeft) dim('variants', 'narrowed', b.variants.kind, `variant ${l.name ?? l.p.pointer} removed`);
    for (const r of right) dim('variants', 'widened', b.variants.kind, `variant ${r.name ?? r.p.pointer} added`);
  }

  return { compare };
}

/** Descriptions, examples, extensions and unmodelled keywords of one node. */
export function annotations(a, b, label, at, out) {
  for (const k of new Set([...Object.keys(a.docs), ...Object.keys(b.docs)])) {
    if (!same(a.docs[k], b.docs[k])) out.push({ rule: 'description-changed', location: at(k), message: `${label}: ${k} changed` });
  }
  for (const k of new Set([...Object.keys(a.examples), ...Object.keys(b.examples)])) {
    if (!same(a.examples[k], b.examples[k])) out.push({ rule: 'example-changed', location: at(k), message: `${label}: ${k} changed` });
  }
  for (const k of new Set([...Object.keys(a.extensions), ...Object.keys(b.extensions)])) {
    if (!same(a.extensions[k], b.extensions[k])) out.push({ rule: 'extension-changed', location: at(k), message: `${label}: ${k} changed` });
  }
  for (const k of new Set([...Object.keys(a.other), ...Object.keys(b.other)])) {
    if (!same(a.other[k], b.other[k])) out.push({ rule: 'schema-keyword-changed', location: at(k.split('@')[0]), message: `${label}: ${k.split('@')[0]} ${show(a.other[k]) ?? 'none'} -> ${show(b.other[k]) ?? 'none'}` });
  }
}
