// Invalid requests as small mutations of a valid one, each breaking exactly one documented rule
// at a known field: a required field dropped, an enum violated, a type changed, a limit
// exceeded, an undeclared field added. Every mutation is invalid whatever the rest of the value.
// Used by `npm run contract -- --checks` (negative cases) and the fuzzer; types: test/fuzz/mutations.ts.

/** Items of an array whose mutations are tried (the first ones stand for the rest). */
const ITEMS_VISITED = 2;
const UNDECLARED = 'x_undeclared_field';

/**
 * @param ctx a schema context (./schema.mjs)
 * @param schema the request schema ({ path, query, header, body }, see requestSchema())
 * @param value a valid request in that shape
 * @returns {{ kind: string, field: string, path: (string|number)[], description: string, apply(value: unknown): unknown }[]}
 */
export function mutationsOf(ctx, schema, value) {
  const out = [];
  walk(ctx, ctx.resolve(schema, '(request)'), value, [], out);
  return out;
}

function walk(ctx, s, value, path, out) {
  const at = (segment) => [...path, segment];
  // Path, query and header values travel as text: a number's type can be broken, a string's not.
  const onTheWire = path[0] === 'body' || path.length === 0 ? 'json' : 'text';
  leafMutations(s, value, path, onTheWire, out);
  if (isObject(value)) {
    for (const name of s.required ?? []) {
      // The groups are the client's own; a path parameter cannot be absent from a URL.
      if (!(name in value) || (path.length === 0 && name !== 'body') || path[0] === 'path') continue;
      out.push(mutation('required', at(name), 'required field dropped', (parent) => {
        const { [name]: _dropped, ...rest } = parent;
        return rest;
      }));
    }
    if (s.additionalProperties === false && path[0] === 'body' && !(UNDECLARED in value)) {
      out.push(mutation('undeclared', at(UNDECLARED), 'undeclared field added', (parent) => ({ ...parent, [UNDECLARED]: 'x' })));
    }
    for (const [name, child] of Object.entries(value)) {
      const childSchema = s.properties?.[name] ?? (typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined);
      if (childSchema !== undefined) walk(ctx, ctx.resolve(childSchema, name), child, at(name), out);
    }
  }
  if (Array.isArray(value) && s.items !== undefined) {
    const items = ctx.resolve(s.items, 'items');
    value.slice(0, ITEMS_VISITED).forEach((item, i) => walk(ctx, items, item, at(i), out));
  }
}

/** Mutations of the value itself (they replace it in its parent). */
function leafMutations(s, value, path, wire, out) {
  if (path.length === 0) return;
  const replace = (kind, what, next) => out.push(mutation(kind, path, what, () => next, true));
  const allowed = s.enum ?? (s.const !== undefined ? [s.const] : undefined);
  if (allowed) {
    const outside = outsideOf(allowed);
    if (outside !== undefined) replace('enum', `${JSON.stringify(outside)} is not one of ${JSON.stringify(allowed)}`, outside);
  }
  const wrong = wrongType(s.type, wire);
  if (wrong !== undefined) replace('type', `${JSON.stringify(wrong)} is not of type ${s.type.join('|')}`, wrong);
  if (allowed) return;
  if (typeof value === 'string') {
    if (s.maxLength !== undefined) replace('limit', `longer than maxLength ${s.maxLength}`, 'x'.repeat(s.maxLength + 1));
    // Only non-empty: an empty path segment is not a URL the client can build, and Prism takes
    // an empty query value (`?vpc_id=`) for an absent one, so it would not see the violation.
    if (s.minLength !== undefined && s.minLength > (wire === 'text' ? 1 : 0)) {
      replace('limit', `shorter than minLength ${s.minLength}`, 'x'.repeat(s.minLength - 1));
    }
  }
  if (typeof value === 'number') {
    const step = s.type?.includes('integer') ? 1 : 0.5;
    if (s.maximum !== undefined) replace('limit', `above maximum ${s.maximum}`, s.maximum + step);
    if (s.exclusiveMaximum !== undefined) replace('limit', `not below exclusiveMaximum ${s.exclusiveMaximum}`, s.exclusiveMaximum);
    if (s.minimum !== undefined) replace('limit', `below minimum ${s.minimum}`, s.minimum - step);
    if (s.exclusiveMinimum !== undefined) replace('limit', `not above exclusiveMinimum ${s.exclusiveMinimum}`, s.exclusiveMinimum);
  }
  if (Array.isArray(value)) {
    if (s.maxItems !== undefined && value.length > 0) {
      replace('limit', `more than maxItems ${s.maxItems}`, Array.from({ length: s.maxItems + 1 }, (_, i) => value[i % value.length]));
    }
    if (s.minItems !== undefined && s.minItems > 0) replace('limit', `fewer than minItems ${s.minItems}`, value.slice(0, s.minItems - 1));
  }
}

function outsideOf(allowed) {
  const first = allowed[0];
  if (typeof first === 'string') {
    let candidate = `${first}-not-in-enum`;
    while (allowed.includes(candidate)) candidate += '-';
    return candidate;
  }
  if (typeof first === 'number') return Math.max(...allowed) + 1;
  if (typeof first === 'boolean') return allowed.includes(!first) ? undefined : !first;
  return undefined;
}

/** A value of another JSON type (as text for parameters: only non-strings can be broken). */
function wrongType(types, wire) {
  if (!types || types.length === 0) return undefined;
  if (wire === 'text') {
    if (types.includes('string')) return undefined;
    if (types.some((t) => t === 'integer' || t === 'number')) return 'not-a-number';
    if (types.includes('boolean')) return 'not-a-boolean';
    return undefined;
  }
  const candidates = [
    ['string', 12345],
    ['integer', 'not-a-number'],
    ['number', 'not-a-number'],
    ['boolean', 'not-a-boolean'],
    ['array', { not: 'an array' }],
    ['object', 'not-an-object'],
    ['null', 'not-null'],
  ];
  const accepts = (v) =>
    types.some((t) => (t === 'string' && typeof v === 'string') || (t === 'object' && isObject(v)) || ((t === 'integer' || t === 'number') && typeof v === 'number'));
  return candidates.find(([type, v]) => types.includes(type) && !accepts(v))?.[1];
}

function mutation(kind, path, what, change, replacesValue = false) {
  const field = formatPath(path);
  return {
    kind,
    field,
    path,
    description: `${field}: ${what}`,
    apply: (root) => {
      const copy = structuredClone(root);
      // A leaf mutation replaces the value at `path`; the others change the object holding it.
      const target = replacesValue ? path : path.slice(0, -1);
      if (target.length === 0) return change(copy);
      const parent = target.slice(0, -1).reduce((node, segment) => node[segment], copy);
      const key = target[target.length - 1];
      parent[key] = change(parent[key]);
      return copy;
    },
  };
}

/**
 * `['body', 'ports', 0, 'client_port']` -> `body.ports[0].client_port`: the client's notation
 * (src/runtime/validation.ts): array positions (numbers) as [n], object keys, even "0", as .key.
 * @param {(string|number)[]} path
 * @returns {string}
 */
export function formatPath(path) {
  return path.reduce((acc, s) => (typeof s === 'number' ? `${acc}[${s}]` : acc ? `${acc}.${s}` : String(s)), '');
}

function isObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
