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

/** RFC 7386 JSON merge patch: objects merge, `null` removes a field, anything else replaces. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return structuredClone(patch);
  const out: Json = isObject(target) ? structuredClone(target) : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = mergePatch(out[key], value);
  }
  return out;
}

/** Thrown when a JSON Patch cannot be applied (a path that is not there, a failed `test`). */
export class PatchError extends Error {}

/** RFC 6902 JSON Patch (add, remove, replace, move, copy, test) on a copy of `document`. */
export function applyJsonPatch(document: unknown, operations: unknown): unknown {
  if (!Array.isArray(operations)) throw new PatchError('a JSON Patch is an array of operations');
  let doc = structuredClone(document);
  const parse = (pointer: unknown): string[] => {
    if (typeof pointer !== 'string' || (pointer !== '' && !pointer.startsWith('/'))) throw new PatchError(`"${String(pointer)}" is not a JSON Pointer`);
    return pointer === '' ? [] : pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  };
  const parentOf = (path: string[]): [unknown, string] => {
    const parent = path.slice(0, -1).reduce<unknown>((node, key) => {
      const next = Array.isArray(node) ? node[Number(key)] : isObject(node) ? node[key] : undefined;
      if (next === undefined) throw new PatchError(`/${path.join('/')}: no such location`);
      return next;
    }, doc);
    return [parent, path[path.length - 1]!];
  };
  const get = (path: string[]): unknown => {
    if (path.length === 0) return doc;
    const [parent, key] = parentOf(path);
    const value = Array.isArray(parent) ? parent[Number(key)] : isObject(parent) ? parent[key] : undefined;
    if (value === undefined) throw new PatchError(`/${path.join('/')}: no such value`);
    return value;
  };
  const remove = (path: string[]): unknown => {
    const value = get(path);
    const [parent, key] = parentOf(path);
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete (parent as Json)[key];
    return value;
  };
  const add = (path: string[], value: unknown): void => {
    if (path.length === 0) {
      doc = structuredClone(value);
      return;
    }
    const [parent, key] = parentOf(path);
    if (Array.isArray(parent)) {
      const index = key === '-' ? parent.length : Number(key);
      if (!Number.isInteger(index) || index < 0 || index > parent.length) throw new PatchError(`/${path.join('/')}: index out of range`);
      parent.splice(index, 0, structuredClone(value));
    } else if (isObject(parent)) parent[key] = structuredClone(value);
    else throw new PatchError(`/${path.join('/')}: the parent is not an object or array`);
  };
  for (const op of operations) {
    if (!isObject(op)) throw new PatchError('each JSON Patch operation is an object');
    const path = parse(op['path']);
    switch (op['op']) {
      case 'add':
        add(path, op['value']);
        break;
      case 'remove':
        remove(path);
        break;
      case 'replace':
        get(path);
        if (path.length === 0) doc = structuredClone(op['value']);
        else {
          remove(path);
          add(path, op['value']);
        }
        break;
      case 'move':
        add(path, remove(parse(op['from'])));
        break;
      case 'copy':
        add(path, get(parse(op['from'])));
        break;
      case 'test':
        if (JSON.stringify(get(path)) !== JSON.stringify(op['value'])) throw new PatchError(`test failed at ${String(op['path'])}`);
        break;
      default:
        throw new PatchError(`unknown JSON Patch operation ${String(op['op'])}`);
    }
  }
  return doc;
}

/**
 * A replace (PUT of the whole object): the body's fields replace the record's; a field the body
 * leaves out keeps its server-set value only when the request does not document it; objects
 * (Kubernetes metadata) keep their server-set members.
 */
export function replaceRecord(record: Json, body: Json, requestFields: string[] | null | undefined): Json {
  const out: Json = {};
  for (const [key, value] of Object.entries(record)) if (!(key in body) && !(requestFields ?? []).includes(key)) out[key] = structuredClone(value);
  for (const [key, value] of Object.entries(body)) out[key] = isObject(value) && isObject(record[key]) ? mergeKeepingServerSet(record[key] as Json, value) : structuredClone(value);
  return out;
}

function mergeKeepingServerSet(base: Json, over: Json): Json {
  const out: Json = structuredClone(base);
  for (const [key, value] of Object.entries(over)) out[key] = structuredClone(value);
  return out;
}
