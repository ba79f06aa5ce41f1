// The project's x- conventions (spec/README.md) hold in the bundles: every x-ledger id is an
// entry of that service's ledger; x-accept variants use a known normalise step and appear only
// in responses; x-page-required marks only request fields; x-default-status names a declared 2xx.
import { describe, expect, it } from 'vitest';
import { NORMALISE_STEPS } from '../../scripts/lib/variants.mjs';
import { deref, loadSpecs, operationsOf } from '../support/specs.js';

/** Every object of a tree that has `key`, with its JSON path. */
function withKey(node: unknown, key: string, at = '$', out: [string, any][] = []): [string, any][] {
  if (Array.isArray(node)) node.forEach((n, i) => withKey(n, key, `${at}[${i}]`, out));
  else if (node && typeof node === 'object') {
    if (key in node) out.push([at, node]);
    for (const [k, v] of Object.entries(node)) withKey(v, key, `${at}.${k}`, out);
  }
  return out;
}

/** Component schema names reachable from a schema. */
function reachable(doc: any, schema: unknown, seen = new Set<string>()): Set<string> {
  for (const [, node] of withKey(schema, '$ref')) {
    const ref = node.$ref as string;
    if (!ref.startsWith('#/components/schemas/') || seen.has(ref)) continue;
    seen.add(ref);
    reachable(doc, deref(doc, node), seen);
  }
  return seen;
}

describe.each(['cce', 'vpcep', 'apig'])('%s x- conventions', (name) => {
  it('every x-ledger id is an entry of the ledger, and ids are listed once', async () => {
    const spec = (await loadSpecs()).find((s) => s.name === name)!;
    const ids = new Set(spec.ledger.map((e: any) => e.id));
    const uses = withKey(spec.doc, 'x-ledger');
    expect(uses.length).toBeGreaterThan(0);
    for (const [at, node] of uses) {
      const list = node['x-ledger'];
      expect(Array.isArray(list), at).toBe(true);
      expect(new Set(list).size, at).toBe(list.length);
      for (const id of list) expect(ids.has(id), `${at}: ${id}`).toBe(true);
    }
  });

  it('x-accept variants use a known normalise step and occur only in response schemas', async () => {
    const spec = (await loadSpecs()).find((s) => s.name === name)!;
    const requestSchemas = new Set<string>();
    for (const op of operationsOf(spec.doc)) {
      const body = op.operation.requestBody ? deref(spec.doc, op.operation.requestBody) : undefined;
      for (const ref of reachable(spec.doc, body)) requestSchemas.add(ref);
    }
    for (const [at, node] of withKey(spec.doc.components?.schemas, 'x-accept')) {
      const owner = `#/components/schemas/${at.split('.')[1]}`;
      expect(requestSchemas.has(owner), `${at} is reachable from a request body`).toBe(false);
      for (const variant of node['x-accept']) {
        expect(NORMALISE_STEPS, at).toContain(variant.normalise);
        expect(typeof variant.type, at).toBe('string');
      }
    }
  });

  it('x-page-required is true and only on request fields; x-default-status is a declared 2xx', async () => {
    const spec = (await loadSpecs()).find((s) => s.name === name)!;
    for (const [at, node] of withKey(spec.doc, 'x-page-required')) {
      expect(node['x-page-required'], at).toBe(true);
      expect(at, at).toMatch(/Input|Request/);
    }
    for (const op of operationsOf(spec.doc)) {
      const status = op.operation['x-default-status'];
      if (status === undefined) continue;
      expect(Object.keys(op.operation.responses)).toContain(status);
      expect(status).toMatch(/^2\d\d$/);
    }
  });
});
