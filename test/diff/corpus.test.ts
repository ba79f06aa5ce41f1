// Every rule of the spec diff, on a real spec edit, classified as the corpus says; refactors that
// change nothing report nothing; every entry names its service and a pointer that resolves.
import { describe, expect, it } from 'vitest';
import { diffBundles } from '../../scripts/lib/diff/compare.mjs';
import { RULES } from '../../scripts/lib/diff/rules.mjs';
import { get } from '../../scripts/lib/diff/pointer.mjs';
import { loadSpecs } from '../support/specs.js';
import { CASES, type Case } from './corpus.js';

async function run(c: Case) {
  const spec = (await loadSpecs()).find((s) => s.name === c.service)!;
  const side = (edit?: (doc: any) => void | null) => {
    const doc = structuredClone(spec.doc);
    return edit?.(doc) === null ? undefined : doc;
  };
  const base = side(c.base);
  const head = side(c.head);
  const map = (doc: any) => new Map(doc ? [[c.service, doc]] : []);
  return { base, head, result: diffBundles(map(base), map(head)) };
}

describe('spec diff corpus', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const { base, head, result } = await run(c);
    const found = Object.fromEntries(result.entries.map((e: any) => [e.rule, e.class]));
    expect(found).toEqual(c.expect);
    for (const e of result.entries) {
      expect(e.service).toBe(c.service);
      expect(e.message.length).toBeGreaterThan(0);
      expect(get(head, e.location) !== undefined || get(base, e.location) !== undefined, `${e.rule} at ${e.location} resolves`).toBe(true);
    }
    expect(result.breaking).toBe(Object.values(c.expect).includes('breaking'));
  });

  it('has a case for every rule, classified as the rule says', () => {
    const covered = new Map<string, string>();
    for (const c of CASES) for (const [rule, cls] of Object.entries(c.expect)) covered.set(rule, cls);
    const missing = Object.keys(RULES).filter((r) => !covered.has(r));
    expect(missing).toEqual([]);
    for (const [rule, cls] of covered) expect(RULES[rule]?.class, rule).toBe(cls);
  });

  it('terminates on recursive schemas, also through a $ref into a schema', () => {
    const doc = (extra: object) => ({
      openapi: '3.1.0',
      paths: { '/t': { post: { operationId: 'T', requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Tree' } } } }, responses: { 200: { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Tree/properties/child' } } } } } } } },
      components: { schemas: { Tree: { type: 'object', properties: { name: { type: 'string', ...extra }, child: { type: 'object', properties: { next: { $ref: '#/components/schemas/Tree/properties/child' }, tree: { $ref: '#/components/schemas/Tree' } } } } } } },
    });
    const { entries } = diffBundles(new Map([['s', doc({})]]), new Map([['s', doc({ maxLength: 3 })]]));
    expect(entries.map((e: any) => [e.rule, e.location])).toEqual([
      ['request-length-narrowed', '/components/schemas/Tree/properties/name/maxLength'],
      ['response-length-narrowed', '/components/schemas/Tree/properties/name/maxLength'],
    ]);
  });

  it('finds nothing between a spec and itself', async () => {
    const specs = await loadSpecs();
    const all = new Map(specs.map((s) => [s.name, s.doc]));
    expect(diffBundles(all, new Map(specs.map((s) => [s.name, structuredClone(s.doc)]))).entries).toEqual([]);
  });
});
