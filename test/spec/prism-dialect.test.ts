// The spec's jsonSchemaDialect (JSON Schema 2020-12) is what Prism really validates with.
// Prism falls back to draft-07 without it, and draft-07 does not know `dependentRequired`
// (added in 2019-09). One such constraint therefore tells the two apart: the same request must
// be rejected under our dialect and accepted without it.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrism, type PrismServer } from '../support/prism.js';
import { root } from '../support/paths.js';

const PATH = '/v2/{project_id}/apigw/instances/{instance_id}/vpc-channels';
let dir: string;
const servers: PrismServer[] = [];
let body: any;

async function variant(name: string, edit: (doc: any) => void): Promise<string> {
  const doc = JSON.parse(await fs.readFile(path.join(root, 'generated/apig/openapi.json'), 'utf8'));
  edit(doc);
  const file = path.join(dir, `${name}.json`);
  await fs.writeFile(file, JSON.stringify(doc));
  return file;
}

function tighten(doc: any) {
  // A health check that names `protocol` must also name `no_such_field`: the example names protocol only.
  doc.components.schemas.VpcHealthConfig.dependentRequired = { protocol: ['no_such_field'] };
  body = structuredClone(doc.components.examples['request-server-type'].value);
}

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'hwc-dialect-'));
  const ours = await variant('ours', tighten);
  const draft7 = await variant('draft7', (doc) => {
    tighten(doc);
    delete doc.jsonSchemaDialect;
  });
  servers.push(...(await Promise.all([startPrism(['mock', ours]), startPrism(['mock', draft7])])));
}, 60_000);

afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  await fs.rm(dir, { recursive: true, force: true });
});

const send = (server: PrismServer, payload: unknown) =>
  fetch(`${server.url}${PATH.replace('{project_id}', 'p1').replace('{instance_id}', 'i1')}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-auth-token': 'token' },
    body: JSON.stringify(payload),
  });

describe('Prism validates with the dialect the spec declares', () => {
  it('the example request carries the field the extra constraint forbids', () => {
    expect(body.vpc_health_config).toHaveProperty('protocol');
  });

  it('rejects it under jsonSchemaDialect 2020-12', async () => {
    const response = await send(servers[0]!, body);
    expect(response.status).toBe(400);
    // Prism answers with the declared 400 example and lists what it found in `sl-violations`.
    expect(response.headers.get('sl-violations') ?? '').toMatch(/no_such_field/);
  });

  it('accepts it when the root falls back to draft-07 (so the dialect setting is what rejects it)', async () => {
    const response = await send(servers[1]!, body);
    expect(response.status).toBe(201);
  });

  it('rejects, under our dialect, a request the real spec forbids (conditional requirement)', async () => {
    const { host: _host, ...member } = body.members?.[0] ?? {};
    const response = await send(servers[0]!, { ...body, vpc_health_config: undefined, member_type: 'ip', members: [{ ...member }] });
    expect(response.status).toBe(400);
    expect(response.headers.get('sl-violations') ?? '').toMatch(/host/);
  });
});
