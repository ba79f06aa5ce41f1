// Every example in the spec validates against the schema it illustrates (Ajv, JSON Schema 2020-12).
import { describe, expect, it } from 'vitest';
import { createSpecAjv } from '../../scripts/stages/validators.mjs';
import { deref, loadSpecs, operationsOf } from '../support/specs.js';

const specs = await loadSpecs();

interface Case {
  where: string;
  schema: unknown;
  value: unknown;
}

function examplesOf(doc: any): Case[] {
  const cases: Case[] = [];
  const fromMedia = (where: string, media: any) => {
    for (const [name, ex] of Object.entries(media?.examples ?? {})) {
      cases.push({ where: `${where} example "${name}"`, schema: media.schema, value: deref(doc, ex).value });
    }
  };
  for (const { path, method, operation: op } of operationsOf(doc)) {
    const at = `${op.operationId} (${method.toUpperCase()} ${path})`;
    for (const p of op.parameters ?? []) {
      const param = deref(doc, p);
      for (const [name, ex] of Object.entries(param.examples ?? {})) {
        cases.push({ where: `${at} parameter ${param.name} example "${name}"`, schema: param.schema, value: deref(doc, ex).value });
      }
    }
    const body = deref(doc, op.requestBody);
    if (body) fromMedia(`${at} request`, body.content?.['application/json']);
    for (const [status, r] of Object.entries(op.responses ?? {})) {
      fromMedia(`${at} response ${status}`, deref(doc, r).content?.['application/json']);
    }
  }
  for (const [name, schema] of Object.entries<any>(doc.components?.schemas ?? {})) {
    (schema.examples ?? []).forEach((value: unknown, i: number) => cases.push({ where: `schema ${name} examples[${i}]`, schema, value }));
  }
  return cases;
}

describe.each(specs.map((s) => [s.name, s] as const))('%s examples', (name, spec) => {
  const { ajv, toAjv } = createSpecAjv(name, spec.doc);
  const cases = examplesOf(spec.doc);

  it('has request and response examples', () => {
    expect(cases.some((c) => c.where.includes(' request example'))).toBe(true);
    expect(cases.some((c) => c.where.includes(' response 2'))).toBe(true);
  });

  it.each(cases.map((c) => [c.where, c] as const))('%s is valid', (_where, c) => {
    const validate = ajv.compile(toAjv(c.schema));
    const ok = validate(c.value);
    expect(ok ? [] : validate.errors?.map((e: any) => `${e.instancePath || '(root)'} ${e.message}`)).toEqual([]);
  });
});
