// Response bodies from public sources other than our spec (test/fixtures/real-world/sources.json
// names each one's repository, path and commit) pass the shipped response validators and come
// out of the normaliser in the documented shape; the variants found are exactly the ones the
// manifest lists. Genuinely wrong types stay rejected, undocumented fields stay accepted.
import fs from 'node:fs';
import path from 'node:path';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVpcepClient } from '../../generated/vpcep/index.js';
import { normaliseBody, type VariantFound } from '../../src/runtime/normalise.js';
import { validators } from '../../generated/vpcep/validators.js';
import { vpcepNormalisePlans as normalisePlans } from '../../generated/vpcep/client.js';
import { createSpecAjv } from '../../scripts/stages/validators.mjs';
import { loadSpecs, root } from '../support/specs.js';

interface CorpusEntry {
  file: string;
  validator: string;
  source: { repo: string; path: string; commit: string };
  variants: VariantFound[];
}

const corpusDir = path.join(root, 'test', 'fixtures', 'real-world');
const manifest = JSON.parse(fs.readFileSync(path.join(corpusDir, 'sources.json'), 'utf8')) as { bodies: CorpusEntry[] };
const bodyOf = (entry: CorpusEntry) => JSON.parse(fs.readFileSync(path.join(corpusDir, entry.file), 'utf8'));

/** The documented shape only: what users see after normalisation. */
async function canonicalValidator(name: string) {
  const spec = (await loadSpecs()).find((s) => s.name === 'vpcep')!;
  const { ajv, toAjv } = createSpecAjv('vpcep', spec.doc, { variants: 'canonical' });
  const op = spec.model.operations.find((o: any) => name.startsWith(`${o.operationId}Response`));
  const response = op.responses.find((r: any) => name === `${op.operationId}Response${r.status}`);
  return ajv.compile(toAjv(response.schema));
}

describe('real-world VPCEP response bodies', () => {
  it('every corpus file is listed with a source, and every listed file exists', () => {
    const listed = new Set(manifest.bodies.map((b) => b.file));
    const onDisk = fs.readdirSync(path.join(corpusDir, 'vpcep')).map((f) => `vpcep/${f}`);
    expect([...listed].sort()).toEqual(onDisk.sort());
    for (const entry of manifest.bodies) expect(entry.source.commit).toMatch(/^[0-9a-f]{7,40}$/);
  });

  it.each(manifest.bodies.map((b) => [b.file, b] as const))('%s passes the shipped validator and normalises to the documented shape', async (_file, entry) => {
    const body = bodyOf(entry);
    const validate = validators[entry.validator]!;
    expect(validate(body), JSON.stringify(validate.errors)).toBe(true);

    const canonical = await canonicalValidator(entry.validator);
    // The documented schema alone rejects exactly the bodies that carry a variant.
    expect(canonical(body)).toBe(entry.variants.length === 0);

    const found: VariantFound[] = [];
    const before = structuredClone(body);
    const normalised = normaliseBody(normalisePlans[entry.validator], body, found);
    expect(found).toEqual(entry.variants);
    expect(body).toEqual(before); // the input is never modified
    expect(canonical(normalised), JSON.stringify(canonical.errors)).toBe(true);
    expect(validate(normalised)).toBe(true);
  });

  it('normalised values are the canonical ones', () => {
    const entry = manifest.bodies.find((b) => b.file.includes('seed-page'))!;
    const out = normaliseBody<any>(normalisePlans[entry.validator], bodyOf(entry));
    expect(out.endpoints[0]).toMatchObject({ active_status: ['active'], enable_dns: true, dns_names: ['test123'] });
    const zoneless = manifest.bodies.find((b) => b.file.includes('zoneless'))!;
    expect(normaliseBody<any>(normalisePlans[zoneless.validator], bodyOf(zoneless)).created_at).toBe('2018-01-30T07:42:01.174Z');
  });

  it('keeps rejecting genuinely wrong types and keeps accepting undocumented fields', () => {
    const entry = manifest.bodies.find((b) => b.file.includes('open-telekom-cloud.json') && b.validator === 'ListEndpointsResponse200')!;
    const validate = validators[entry.validator]!;
    const variant = (change: (e: any) => void) => {
      const body = bodyOf(entry);
      change(body.endpoints[0]);
      return validate(body);
    };
    expect(variant((e) => (e.active_status = 5))).toBe(false);
    expect(variant((e) => (e.active_status = 'melted'))).toBe(false);
    expect(variant((e) => (e.enable_dns = 'yes'))).toBe(false);
    expect(variant((e) => (e.enable_dns = 1))).toBe(false);
    expect(variant((e) => (e.dns_names = 7))).toBe(false);
    expect(variant((e) => (e.created_at = 'yesterday'))).toBe(false);
    expect(variant((e) => (e.created_at = '2018-10-18 06:49:46'))).toBe(false);
    expect(variant((e) => (e.brand_new_field = { anything: true }))).toBe(true);
  });
});

describe('real-world VPCEP response bodies through the client', () => {
  let server: http.Server;
  let baseUrl = '';
  let answer = '{}';
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(answer));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const calls: Record<string, (client: ReturnType<typeof createVpcepClient>) => Promise<unknown>> = {
    ListEndpointsResponse200: (client) => client.listEndpoints({}),
    CreateEndpointServiceResponse200: (client) =>
      client.createEndpointService({ body: { vpc_id: '4189d3c2-8882-4871-a3c2-d380272eed83', port_id: '4189d3c2-8882-4871-a3c2-d380272eed80', server_type: 'VM', ports: [{ server_port: 80, client_port: 8080, protocol: 'TCP' }] } }),
  };

  it.each(manifest.bodies.map((b) => [b.file, b] as const))('%s comes out of the client in the documented shape', async (_file, entry) => {
    answer = JSON.stringify(bodyOf(entry));
    const client = createVpcepClient({ baseUrl, projectId: 'p', auth: { token: 't' }, retry: false, validateResponses: true, env: false });
    const call = calls[entry.validator];
    expect(call, `no call for ${entry.validator}`).toBeDefined();
    const data = await call!(client);
    const canonical = await canonicalValidator(entry.validator);
    expect(canonical(data), JSON.stringify(canonical.errors)).toBe(true);
    expect(data).toEqual(normaliseBody(normalisePlans[entry.validator], bodyOf(entry)));
  });
});
