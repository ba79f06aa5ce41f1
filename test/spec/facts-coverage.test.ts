// Documentation coverage against the facts files (spec/facts/<service>/<operationId>.yaml): every
// parameter and every request and response field path the vendor's pages and SDK models document
// for an operation is in that operation of the bundled spec, unless a ledger entry excludes it on
// purpose. Paths are checked in place (`connections[].error[].error_code` must be reachable as
// property → items → property in the schema of that very response), not just as names somewhere.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { readDocParameters } from '../support/doc-tables.js';
import { deref, loadSpecs, operationsOf, root, sourcesDir } from '../support/specs.js';

const specs = await loadSpecs();

interface Documented {
  where: string;
  name: string;
}

/** `a[].b.c` → ['a', '[]', 'b', 'c'] */
function tokens(fieldPath: string): string[] {
  return fieldPath.split('.').flatMap((part) => {
    const m = /^([^[\]]*)((?:\[\])*)$/.exec(part);
    if (!m) return [part];
    const out = m[1] ? [m[1]] : [];
    for (let i = 0; i < (m[2] ?? '').length / 2; i++) out.push('[]');
    return out;
  });
}

/** The schema itself, every alternative it is composed of, and its known variants (x-accept). */
function alternatives(doc: any, schema: any, seen = new Set<any>()): any[] {
  const s = deref(doc, schema);
  if (!s || typeof s !== 'object' || seen.has(s)) return [];
  seen.add(s);
  return [s, ...['allOf', 'oneOf', 'anyOf', 'x-accept'].flatMap((k) => (s[k] ?? []).flatMap((x: any) => alternatives(doc, x, seen)))];
}

/** A schema that takes any properties and names none: it covers whatever lies below it. */
function freeForm(s: any): boolean {
  const props = s.properties && Object.keys(s.properties).length > 0;
  return !props && (s.type === 'object' || s.additionalProperties === true || (s.additionalProperties && Object.keys(s.additionalProperties).length === 0));
}

function reaches(doc: any, schema: any, rest: string[]): boolean {
  if (rest.length === 0) return true;
  const [head, ...tail] = rest as [string, ...string[]];
  return alternatives(doc, schema).some((s) => {
    if (head === '[]') return s.items !== undefined && reaches(doc, s.items, tail);
    if (s.properties?.[head] !== undefined) return reaches(doc, s.properties[head], tail);
    return freeForm(s);
  });
}

/** Schemas of a request body or response, every media type. */
function schemasOf(doc: any, holder: any): any[] {
  const h = deref(doc, holder);
  return Object.values<any>(h?.content ?? {}).map((media) => media.schema).filter(Boolean);
}

/** SDK-only fields (`documented: false`) are facts about models, not what a page documents. */
const onPage = (f: any) => f?.documented !== false;

function fieldPath(f: any): string {
  return String(f.path ?? f.name);
}

/** What a facts file documents: parameters, request fields and response fields per status. */
function documentedBy(facts: any): { params: Documented[]; fields: Array<Documented & { status?: string }> } {
  const params = (facts.parameters ?? []).map((p: any) => ({ where: `${p.in} parameter`, name: String(p.name) }));
  const fields: Array<Documented & { status?: string }> = [];
  for (const f of (facts.request_body?.fields ?? []).filter(onPage)) fields.push({ where: 'request body', name: fieldPath(f) });
  const responses = facts.responses ?? [];
  const groups: Array<[string[], any[]]> = Array.isArray(responses)
    ? responses.map((r: any) => [r.statuses.map(String), r.fields ?? []])
    : Object.entries<any>(responses).map(([status, r]) => [[status], r?.fields ?? []]);
  for (const [statuses, list] of groups) {
    for (const status of statuses) {
      for (const f of list.filter(onPage)) fields.push({ where: `response ${status}`, status, name: fieldPath(f) });
    }
  }
  return { params, fields };
}

const factsDir = path.join(root, 'spec', 'facts');

const cases = specs.flatMap((spec) =>
  operationsOf(spec.doc).map((op: any) => {
    const file = path.join(factsDir, spec.name, `${op.operationId}.yaml`);
    const excluded = spec.ledger.flatMap((entry: any) =>
      (entry.excludes ?? []).filter((x: any) => x.operation === op.operationId).map((x: any) => ({ name: String(x.name), id: entry.id })),
    );
    return { service: spec.name, op, doc: spec.doc, file, excluded };
  }),
);

describe('documentation coverage against the facts', () => {
  it('has every operation the facts list, and a facts file for every operation', () => {
    const inSpec = new Set(cases.map((c) => `${c.service}/${c.op.operationId}`));
    const listed = fs.readdirSync(factsDir).flatMap((service) =>
      fs.statSync(path.join(factsDir, service)).isDirectory()
        ? fs.readdirSync(path.join(factsDir, service)).filter((f) => /^[A-Za-z0-9]+\.yaml$/.test(f)).map((f) => `${service}/${f.replace(/\.yaml$/, '')}`)
        : [],
    );
    expect(listed.filter((id) => !inSpec.has(id))).toEqual([]);
    expect(listed.length).toBe(58);
    const missing = cases.filter((c) => !fs.existsSync(c.file)).map((c) => `${c.service}/${c.op.operationId}`);
    expect(missing).toEqual([]);
  });

  describe.each(cases.map((c) => [`${c.service} ${c.op.operationId}`, c] as const))('%s', (_name, { op, doc, file, excluded }) => {
    const facts = fs.existsSync(file) ? parse(fs.readFileSync(file, 'utf8')) : {};
    const { params, fields } = documentedBy(facts);
    const excludedNames = new Set(excluded.map((x) => x.name));
    // Excluding a field excludes what lies below it.
    const isExcluded = (name: string) => [...excludedNames].some((x) => name === x || name.startsWith(`${x}.`) || name.startsWith(`${x}[]`));

    const authHeaders = new Set(
      Object.values<any>(doc.components?.securitySchemes ?? {})
        .map((s) => deref(doc, s))
        .filter((s) => s?.in === 'header')
        .map((s) => String(s.name).toLowerCase()),
    );
    const hasParam = (p: Documented) => {
      const [loc] = p.where.split(' ');
      if (loc === 'header' && authHeaders.has(p.name.toLowerCase())) return true;
      if (loc === 'header' && p.name.toLowerCase() === 'content-type' && op.operation.requestBody) return true;
      return op.parameters.some((q: any) => q.in === loc && (loc === 'header' ? q.name.toLowerCase() === p.name.toLowerCase() : q.name === p.name));
    };
    const hasField = (f: Documented & { status?: string }) => {
      const t = tokens(f.name);
      if (!f.status) return schemasOf(doc, op.operation.requestBody).some((s) => reaches(doc, s, t));
      const responses = op.operation.responses ?? {};
      const response = responses[f.status] ?? responses[`${f.status[0]}XX`] ?? responses.default;
      return response !== undefined && schemasOf(doc, response).some((s) => reaches(doc, s, t));
    };

    it('the facts file is about this operation', () => {
      expect({ method: String(facts.method).toLowerCase(), path: facts.path }).toEqual({ method: op.method, path: op.path });
    });

    it('has every documented parameter and field, less ledgered exclusions', () => {
      const missing = [
        ...params.filter((p) => !hasParam(p) && !isExcluded(p.name)).map((p) => `${p.where} ${p.name}`),
        ...fields.filter((f) => !hasField(f) && !isExcluded(f.name)).map((f) => `${f.where}: ${f.name}`),
      ];
      expect([...new Set(missing)]).toEqual([]);
    });

    it('excludes only what the facts document and the spec lacks', () => {
      // The first five are also covered against their seed page: a name it documents may be excluded.
      const seed = op.operation['x-source-document'];
      const seedNames = new Set<string>(seed ? readDocParameters(sourcesDir, seed).map((d: any) => d.name) : []);
      const stale = excluded
        .filter((x) => {
          const asParam = params.filter((p) => p.name === x.name);
          const asField = fields.filter((f) => f.name === x.name || f.name.startsWith(`${x.name}.`) || f.name.startsWith(`${x.name}[]`));
          if (asParam.length === 0 && asField.length === 0) return !seedNames.has(x.name);
          return asParam.every(hasParam) && asField.every(hasField);
        })
        .map((x) => `${x.id}: ${x.name}`);
      expect(stale).toEqual([]);
    });
  });
});
