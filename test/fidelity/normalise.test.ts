// The generic normaliser on hand-made plans: each step, nesting through items and map values,
// JSON-pointer escaping, structural sharing and an untouched input.
import { describe, expect, it } from 'vitest';
import { normaliseBody, type NormalisePlan, type VariantFound } from '../../src/runtime/normalise.js';

const plan: NormalisePlan = {
  properties: {
    list: { items: { properties: { tags: { accept: [{ type: 'string', normalise: 'wrap-array' }] } } } },
    flags: { values: { accept: [{ type: 'string', enum: ['true', 'false'], normalise: 'parse-boolean' }] } },
    'a/b~c': { accept: [{ type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?$', normalise: 'assume-utc' }] },
    other: { accept: [{ type: 'string', normalise: 'wrap-array' }] },
  },
};

describe('normaliseBody', () => {
  it('applies each step where the plan says, and reports where', () => {
    const body = { list: [{ tags: 'x' }, { tags: ['y'] }], flags: { on: 'true', off: 'false', odd: 'maybe', real: true }, 'a/b~c': '2018-01-30T07:42:01.174', untouched: { deep: [1] } };
    const found: VariantFound[] = [];
    const out = normaliseBody<any>(plan, body, found);
    expect(out).toEqual({ list: [{ tags: ['x'] }, { tags: ['y'] }], flags: { on: true, off: false, odd: 'maybe', real: true }, 'a/b~c': '2018-01-30T07:42:01.174Z', untouched: { deep: [1] } });
    expect(found).toEqual([
      { pointer: '/list/0/tags', normalise: 'wrap-array' },
      { pointer: '/flags/on', normalise: 'parse-boolean' },
      { pointer: '/flags/off', normalise: 'parse-boolean' },
      { pointer: '/a~1b~0c', normalise: 'assume-utc' },
    ]);
    expect(out.untouched).toBe(body.untouched); // shared, not copied
    expect(out.list[1]).toBe(body.list[1]);
    expect(body.list[0]!.tags).toBe('x'); // the input is never modified
  });

  it('leaves canonical values, other types and bodies without a plan alone', () => {
    const body = { 'a/b~c': '2018-01-30T07:42:01Z', other: 5, list: 'not a list' };
    expect(normaliseBody(plan, body)).toBe(body);
    expect(normaliseBody(undefined, body)).toBe(body);
    expect(normaliseBody(plan, null)).toBeNull();
  });
});
