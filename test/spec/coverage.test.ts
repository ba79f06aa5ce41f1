// Documentation coverage against the five seed pages (spec/sources/): every parameter and field
// that a page's tables name is in that operation's spec, unless a ledger entry excludes it on
// purpose (and says why). Every operation, these five included, is also checked field by field
// against its facts file (facts-coverage.test.ts).
import { describe, expect, it } from 'vitest';
import { readDocParameters } from '../support/doc-tables.js';
import { deref, loadSpecs, operationsOf, sourcesDir } from '../support/specs.js';

const specs = await loadSpecs();

/** Parameter names, property names at any depth, and header names the operation covers. */
function namesCoveredBy(doc: any, op: any): Set<string> {
  const names = new Set<string>();
  const seen = new Set<any>();
  const walk = (node: any) => {
    node = deref(doc, node);
    if (!node || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node)) return node.forEach(walk);
    if (node.properties && typeof node.properties === 'object') {
      for (const key of Object.keys(node.properties)) names.add(key);
    }
    for (const [key, value] of Object.entries(node)) {
      if (key !== 'examples' && key !== 'example') walk(value);
    }
  };
  for (const p of op.parameters ?? []) names.add(deref(doc, p).name);
  walk(op.requestBody);
  walk(op.responses);
  // Authentication headers are security schemes; Content-Type is the request media type.
  for (const scheme of Object.values<any>(doc.components?.securitySchemes ?? {})) {
    const s = deref(doc, scheme);
    if (s?.in === 'header') names.add(s.name);
  }
  if (op.requestBody) names.add('Content-Type');
  return names;
}

const cases = specs.flatMap((spec) =>
  operationsOf(spec.doc).filter(({ operation: op }: any) => op['x-source-document']).map(({ operation: op }: any) => {
    const excluded = spec.ledger.flatMap((entry: any) =>
      (entry.excludes ?? []).filter((x: any) => x.operation === op.operationId).map((x: any) => ({ name: x.name, id: entry.id })),
    );
    return { service: spec.name, op, doc: spec.doc, excluded };
  }),
);

describe('documentation coverage', () => {
  it('covers the five operations of the seed pages', () => {
    expect(cases.map((c) => c.op.operationId).sort()).toEqual(
      ['CreateEndpointService', 'CreateVpcChannelV2', 'ListEndpoints', 'UpdateEndpointService', 'createCoreV1NamespacedEndpoints'].sort(),
    );
  });

  describe.each(cases.map((c) => [c.op.operationId, c] as const))('%s', (_id, { op, doc, excluded }) => {
    const file = op['x-source-document'];
    const documented = file ? readDocParameters(sourcesDir, file) : [];
    const covered = namesCoveredBy(doc, op);
    const excludedNames = new Set(excluded.map((x) => x.name));

    it('names its source document, whose tables parse', () => {
      expect(file, 'x-source-document').toMatch(/^\d{3}_[0-9a-f]+\.txt$/);
      expect(documented.length).toBeGreaterThan(5);
    });

    it('has every documented parameter and field, less ledgered exclusions', () => {
      const missing = documented
        .filter((d) => !covered.has(d.name) && !excludedNames.has(d.name))
        .map((d) => `${d.name} (${file}, ${d.table})`);
      expect([...new Set(missing)]).toEqual([]);
    });

    it('excludes only names the document has and the spec lacks', () => {
      // A name the page does not have may be a facts-file exclusion (checked there).
      const stale = excluded
        .filter((x) => covered.has(x.name) && documented.some((d) => d.name === x.name))
        .map((x) => `${x.id}: ${x.name}`);
      expect(stale).toEqual([]);
    });
  });
});
