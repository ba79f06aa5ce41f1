// The contract proxy in front of a server that answers with real-world bodies: a known variant
// (declared with x-accept) is a note, not a violation; a genuinely wrong type still is one.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startContractProxy } from '../../scripts/lib/contract-proxy.mjs';
import { root } from '../support/paths.js';

const corpus = (file: string) => JSON.parse(fs.readFileSync(path.join(root, 'test', 'fixtures', 'real-world', 'vpcep', file), 'utf8'));

let upstream: http.Server;
let proxy: Awaited<ReturnType<typeof startContractProxy>>;
let answer: unknown;

beforeAll(async () => {
  upstream = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': '4f2a9c0d1e8b47a6b3c5d7e9f1a2b3c4' });
      res.end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  proxy = await startContractProxy({ service: 'vpcep', upstream: `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`, onNote: () => {} });
});

afterAll(async () => {
  await proxy?.stop();
  await new Promise((resolve) => upstream?.close(resolve));
});

async function list(body: unknown) {
  answer = body;
  const reports = proxy.reports.length;
  const notes = proxy.notes.length;
  const res = await fetch(`${proxy.url}/v1/6e9dfd51d1124e8d8498dce894923a0d/vpc-endpoints?limit=10`, { headers: { 'X-Auth-Token': 't' } });
  const received = await res.json();
  // The relay hands the body through unchanged.
  expect(received).toEqual(body);
  return { reports: proxy.reports.slice(reports), notes: proxy.notes.slice(notes) };
}

describe('contract proxy and known variants', () => {
  it('reports the variants of a real-world body as notes, not violations', async () => {
    const { reports, notes } = await list(corpus('list-endpoints-seed-page-as-printed.json'));
    expect(reports).toEqual([]);
    expect(notes).toHaveLength(1);
    expect(notes[0]!.operation).toBe('ListEndpoints');
    expect(notes[0]!.notes.map((n) => n.where)).toEqual(
      expect.arrayContaining(['response.body.endpoints.0.active_status', 'response.body.endpoints.0.enable_dns', 'response.body.endpoints.1.dns_names']),
    );
  });

  it('says nothing about a documented body', async () => {
    const body = corpus('list-endpoints-seed-page-as-printed.json');
    for (const e of body.endpoints) Object.assign(e, { active_status: [e.active_status], enable_dns: true, dns_names: [e.dns_names] });
    expect(await list(body)).toEqual({ reports: [], notes: [] });
  });

  it('still reports a genuinely wrong type as a violation', async () => {
    const body = corpus('list-endpoints-open-telekom-cloud.json');
    body.endpoints[0].enable_dns = 'maybe';
    const { reports } = await list(body);
    expect(reports).toHaveLength(1);
    expect(reports[0]!.violations.map((v) => v.where).join(' ')).toContain('enable_dns');
  });
});
