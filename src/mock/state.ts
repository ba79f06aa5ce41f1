// The stateful mode's memory: created resources per concrete collection path (parent path
// parameters filled in), keyed by id. Generic: driven by the resources the spec's paths define.
import type { MockResource } from './definition.js';

type Json = Record<string, unknown>;

export class ResourceStore {
  private readonly collections = new Map<string, Map<string, Json>>();

  constructor(private readonly resources: MockResource[]) {}

  /** The resource and role of an operation, if it takes part in one. */
  roleOf(operationId: string): { resource: MockResource; role: 'create' | 'list' | 'read' | 'replace' | 'patch' | 'delete' | 'deleteAll' } | undefined {
    for (const resource of this.resources) {
      for (const role of ['create', 'list', 'read', 'replace', 'patch', 'delete', 'deleteAll'] as const) {
        if (resource[role] === operationId) return { resource, role };
      }
    }
    return undefined;
  }

  /** The collection path with the request's parent path parameters filled in. */
  key(resource: MockResource, pathParams: Record<string, unknown>): string {
    return resource.collection.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(String(pathParams[name] ?? '')));
  }

  list(key: string): Json[] {
    return [...(this.collections.get(key)?.values() ?? [])];
  }

  get(key: string, id: string): Json | undefined {
    return this.collections.get(key)?.get(id);
  }

  has(key: string, id: string): boolean {
    return this.collections.get(key)?.has(id) ?? false;
  }

  put(key: string, id: string, record: Json): void {
    if (!this.collections.has(key)) this.collections.set(key, new Map());
    this.collections.get(key)!.set(id, record);
  }

  delete(key: string, id: string): boolean {
    return this.collections.get(key)?.delete(id) ?? false;
  }

  /** Every remembered resource, for assertions in tests. */
  snapshot(): { collection: string; id: string; record: Json }[] {
    return [...this.collections].flatMap(([collection, records]) => [...records].map(([id, record]) => ({ collection, id, record: structuredClone(record) })));
  }

  clear(): void {
    this.collections.clear();
  }
}

export function getPath(node: unknown, path: string[]): unknown {
  return path.reduce<unknown>((n, key) => (n !== null && typeof n === 'object' ? (n as Json)[key] : undefined), node);
}

export function setPath(node: Json, path: string[], value: unknown): void {
  let current = node;
  path.slice(0, -1).forEach((key) => {
    if (!isObject(current[key])) current[key] = {};
    current = current[key] as Json;
  });
  current[path[path.length - 1]!] = value;
}

/** A new id shaped like the example's (hex stays hex of the same length, UUIDs stay UUIDs). */
export function freshIdLike(example: unknown, counter: number): string | number {
  if (typeof example === 'number') return example + counter;
  const text = String(example ?? 'id');
  if (/^[0-9a-f-]+$/i.test(text) && /[0-9a-f]/i.test(text)) {
    // Web Crypto, not node:crypto: the handlers also run in the browser (MSW's setupWorker).
    const hex = [...globalThis.crypto.getRandomValues(new Uint8Array(text.length))].map((b) => (b & 15).toString(16)).join('');
    let i = 0;
    return text.replace(/[0-9a-f]/gi, (c) => {
      const next = hex[i++]!;
      return c === c.toUpperCase() && /[a-f]/i.test(c) ? next.toUpperCase() : next;
    });
  }
  return `${text}-${counter}`;
}

/**
 * `over` deep-merged onto `base`: objects merge; an array takes `over`'s length, each item merged
 * onto `base`'s item at that index (else its last), so server-set fields of items stay filled.
 */
export function deepMerge(base: unknown, over: unknown): unknown {
  if (Array.isArray(base) && Array.isArray(over)) {
    return over.map((item, i) => (base.length > 0 ? deepMerge(base[Math.min(i, base.length - 1)], item) : structuredClone(item)));
  }
  if (!isObject(base) || !isObject(over)) return structuredClone(over);
  const out: Json = structuredClone(base);
  for (const [key, value] of Object.entries(over)) out[key] = key in out ? deepMerge(out[key], value) : structuredClone(value);
  return out;
}

/** Keeps the top-level fields a response documents (all when `fields` is null/undefined). */
export function project(record: Json, fields: string[] | null | undefined): Json {
  if (!fields) return structuredClone(record);
  return Object.fromEntries(Object.entries(record).filter(([key]) => fields.includes(key)).map(([k, v]) => [k, structuredClone(v)]));
}

export function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
