// Turns the known variants of a response body (declared in the spec with `x-accept`, compiled
// into `normalisePlans` next to the validators) into the documented shape, so users see one
// canonical type. Generic: the plan says where; the step says how. Everything else is kept
// as it came (undocumented fields included).

/** How a variant becomes canonical. */
export type NormaliseStep =
  /** a bare value where an array is documented: `"a"` -> `["a"]` */
  | 'wrap-array'
  /** a quoted boolean: `"true"` -> `true`, `"false"` -> `false` */
  | 'parse-boolean'
  /** a date-time without zone, which the service means as UTC: `…T06:49:46` -> `…T06:49:46Z` */
  | 'assume-utc';

/** One known variant: the JSON shape it has and the step that makes it canonical. */
export interface AcceptedVariant {
  type: 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'null';
  normalise: NormaliseStep;
  enum?: readonly unknown[];
  pattern?: string;
  [annotation: string]: unknown;
}

/** Where variants may occur in a body (generated from the spec). */
export interface NormalisePlan {
  accept?: readonly AcceptedVariant[];
  properties?: Readonly<Record<string, NormalisePlan>>;
  items?: NormalisePlan;
  values?: NormalisePlan;
}

/** A variant found in a body: where (a JSON pointer) and which step made it canonical. */
export interface VariantFound {
  pointer: string;
  normalise: NormaliseStep;
}

const STEPS: Record<NormaliseStep, (value: any) => unknown> = {
  'wrap-array': (value) => [value],
  'parse-boolean': (value) => value === 'true',
  'assume-utc': (value: string) => `${value}Z`,
};

const patterns = new Map<string, RegExp>();

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function matches(variant: AcceptedVariant, value: unknown): boolean {
  const type = jsonType(value);
  if (type !== variant.type && !(variant.type === 'number' && type === 'integer')) return false;
  if (variant.enum && !variant.enum.includes(value)) return false;
  if (variant.pattern !== undefined) {
    let re = patterns.get(variant.pattern);
    if (!re) patterns.set(variant.pattern, (re = new RegExp(variant.pattern, 'u')));
    if (!re.test(String(value))) return false;
  }
  return true;
}

const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * The canonical form of `body` (a new value where something changed; untouched parts are
 * shared, the input is never modified). `found`, if given, receives each variant replaced.
 */
export function normaliseBody<T = unknown>(plan: NormalisePlan | undefined, body: unknown, found?: VariantFound[]): T {
  return (plan ? walk(plan, body, '', found) : body) as T;
}

function walk(plan: NormalisePlan, value: unknown, pointer: string, found: VariantFound[] | undefined): unknown {
  if (plan.accept) {
    const variant = plan.accept.find((v) => matches(v, value));
    if (variant) {
      found?.push({ pointer, normalise: variant.normalise });
      value = STEPS[variant.normalise](value);
    }
  }
  if (Array.isArray(value)) {
    if (!plan.items) return value;
    let copy: unknown[] | undefined;
    value.forEach((item, i) => {
      const next = walk(plan.items!, item, `${pointer}/${i}`, found);
      if (next !== item) (copy ??= value.slice())[i] = next;
    });
    return copy ?? value;
  }
  if (value !== null && typeof value === 'object') {
    let copy: Record<string, unknown> | undefined;
    for (const [key, item] of Object.entries(value)) {
      const sub = plan.properties?.[key] ?? plan.values;
      if (!sub) continue;
      const next = walk(sub, item, `${pointer}/${escape(key)}`, found);
      if (next !== item) (copy ??= { ...(value as Record<string, unknown>) })[key] = next;
    }
    return copy ?? value;
  }
  return value;
}
