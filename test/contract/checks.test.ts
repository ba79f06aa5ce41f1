// `npm run contract -- --checks` in process, against servers on 127.0.0.1: the services' mocks
// (made as strict as a real server) give no findings, with and without --allow-writes; servers
// with one deliberate fault each give exactly the finding for it, naming the check, the
// operation, the request and the field.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { negativeCases } from '../../scripts/lib/contract/negative.mjs';
import { planChecks } from '../../scripts/lib/contract/plan.mjs';
import { runChecks } from '../../scripts/lib/contract/run.mjs';
import { exampleValue, loadSpec, operationsOf } from '../../scripts/lib/operations.mjs';
import { validators as apigValidators } from '../../generated/apig/validators.js';
import { validators as cceValidators } from '../../generated/cce/validators.js';
import { validators as vpcepValidators } from '../../generated/vpcep/validators.js';
import { createArbitraries } from '../fuzz/arbitrary.js';
import { createSchemaContext } from '../fuzz/schema.js';
import { startCheckedServer, TOKEN, type CheckedServer, type Fault, type Service } from './checks-servers.js';

/**
 * A --param value for every required parameter the spec gives no example for (APIG's path
 * parameters, today): one valid value generated from its schema, as a user would type it.
 */
function paramsFor(service: Service, doc: any, operations: string[]): Record<string, string> {
  const { arbitrary } = createArbitraries(createSchemaContext(service, doc));
  const out: Record<string, string> = {};
  for (const op of operationsOf(doc).filter((o: any) => operations.length === 0 || operations.includes(o.operationId))) {
    for (const p of op.parameters.filter((x: any) => x.required && exampleValue(doc, x) === undefined)) {
      out[p.name] ??= String(fc.sample(arbitrary(p.schema, p.name).filter((v) => !['', '.', '..'].includes(String(v))), { numRuns: 1, seed: 1 })[0]);
    }
  }
  return out;
}
/** Bounded, so the suite stays cheap as the spec grows. */
const MAX_CASES = 5;
const servers: CheckedServer[] = [];
/** One document per service: the compiled validators are cached with it. */
const docs = { apig: loadSpec('apig'), cce: loadSpec('cce'), vpcep: loadSpec('vpcep') };
/** The generated validators, as the clients use them (the checks compile them otherwise). */
const generated = { apig: apigValidators, cce: cceValidators, vpcep: vpcepValidators };

afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

async function check(
  service: Service,
  { fault, allowWrites = false, operations = [] as string[], doc = docs[service], timeoutMs }: { fault?: Fault; allowWrites?: boolean; operations?: string[]; doc?: any; timeoutMs?: number } = {},
) {
  const server = await startCheckedServer(service, doc, fault);
  servers.push(server);
  const plan = planChecks({ service, doc, upstream: server.url, params: paramsFor(service, doc, operations), allowWrites, operations, validators: generated[service] });
  const sent: { check: string; operation: string; status: number }[] = [];
  const result = await runChecks(plan, { token: TOKEN, maxCases: MAX_CASES, ...(timeoutMs ? { timeoutMs } : {}), onRequest: (r: any) => sent.push(r) });
  return { server, plan, result, sent };
}

const isWrite = (method: string) => !['GET', 'HEAD', 'OPTIONS'].includes(method);

describe.concurrent('checks against the mocks: no findings', () => {
  for (const service of ['vpcep', 'apig', 'cce'] as const) {
    it(`${service}: read-only by default; no valid write request reaches the server`, { timeout: 120_000 }, async () => {
      const { server, result } = await check(service);
      expect(result.findings).toEqual([]);
      expect(result.requests).toBe(server.received.length);
      for (const r of server.received.filter((x) => isWrite(x.method))) {
        // The only writes sent are the 405 probes, and those carry no JSON.
        const probe = new Request(`http://127.0.0.1${r.url}`, { method: r.method });
        expect(server.mock.match(probe), `${r.method} ${r.url} is an operation`).toBeUndefined();
        expect(() => JSON.parse(r.body)).toThrow();
      }
    });

    it(`${service} --allow-writes: write operations too; every invalid request is one the mock refuses`, { timeout: 120_000 }, async () => {
      const { server, result, plan, sent } = await check(service, { allowWrites: true });
      expect(result.findings).toEqual([]);
      const writes = plan.operations.filter((e: any) => !e.safe);
      expect(writes.length).toBeGreaterThan(0);
      // Each write operation: its valid example once (unless it has none), then invalid requests.
      for (const entry of writes) {
        const of = (check: string) => sent.filter((r) => r.operation === entry.operationId && r.check === check);
        expect(of('conformance').length, `${entry.operationId}: valid requests sent`).toBe(entry.skipped ? 0 : 1);
        expect(of('negative').length, `${entry.operationId}: invalid requests sent`).toBe(negativeCases(plan.ctx, entry, MAX_CASES).length);
      }
      // The mock's own validation refused every one of them for breaking the spec.
      const negatives = sent.filter((r) => r.check === 'negative').length;
      expect(negatives).toBeGreaterThan(0);
      expect(server.mock.violations.length).toBeGreaterThanOrEqual(negatives);
    });
  }
});

/** The honest answer to ListEndpoints' valid request (200), changed. */
const onListEndpoints200 = (change: (response: Response) => Promise<Response>): Fault => async (request, honest) => {
  const response = await honest(request);
  const isList = request.method === 'GET' && /\/vpc-endpoints$/.test(new URL(request.url).pathname);
  return isList && response.status === 200 ? change(response) : response;
};
const json = (body: unknown, status = 200, headers: Record<string, string> = { 'content-type': 'application/json' }) => new Response(JSON.stringify(body), { status, headers });

const FAULTS: { name: string; fault: Fault; expected: { check: string; method: string; field: string; status: number; message: RegExp }[] }[] = [
  {
    name: 'a response misses a required field',
    fault: onListEndpoints200(async (r) => {
      const body = await r.json();
      delete body.endpoints[0].id;
      return json(body);
    }),
    expected: [{ check: 'conformance', method: 'GET', field: 'body.endpoints[0].id', status: 200, message: /required property 'id'/ }],
  },
  {
    name: 'a wrong content type',
    fault: onListEndpoints200(async (r) => new Response(await r.text(), { status: 200, headers: { 'content-type': 'text/plain' } })),
    expected: [{ check: 'conformance', method: 'GET', field: 'header.Content-Type', status: 200, message: /text\/plain, where the spec declares application\/json/ }],
  },
  {
    name: 'an undeclared status',
    fault: onListEndpoints200(async (r) => json(await r.json(), 418)),
    expected: [{ check: 'conformance', method: 'GET', field: '(status)', status: 418, message: /status 418 is not declared/ }],
  },
  {
    name: 'a wrongly typed field',
    fault: onListEndpoints200(async (r) => json({ ...(await r.json()), total_count: 'two' })),
    expected: [{ check: 'conformance', method: 'GET', field: 'body.total_count', status: 200, message: /must be integer/ }],
  },
  {
    name: 'a server error for a valid request, even a declared one',
    fault: onListEndpoints200(async () => json({ error_code: 'VPCEP.0500', error_msg: 'internal error' }, 500)),
    expected: [{ check: 'conformance', method: 'GET', field: '(status)', status: 500, message: /^a server error for a valid request$/ }],
  },
  {
    name: '200 without a token',
    fault: async (request, honest) => {
      if (request.headers.has('x-auth-token')) return honest(request);
      const headers = new Headers(request.headers);
      headers.set('x-auth-token', TOKEN);
      return honest(new Request(request, { headers }));
    },
    expected: [{ check: 'auth', method: 'GET', field: 'header.X-Auth-Token', status: 200, message: /^no credential got 200, expected 401/ }],
  },
  {
    name: '200 with a token it did not issue',
    fault: async (request, honest) => {
      if (!request.headers.has('x-auth-token')) return honest(request);
      const headers = new Headers(request.headers);
      headers.set('x-auth-token', TOKEN);
      return honest(new Request(request, { headers }));
    },
    expected: [{ check: 'auth', method: 'GET', field: 'header.X-Auth-Token', status: 200, message: /^a wrong credential got 200, expected 401/ }],
  },
  {
    name: '200 for an undeclared method',
    fault: async (request, honest) => {
      const response = await honest(request);
      return response.status === 405 ? json({}) : response;
    },
    expected: [{ check: 'method', method: 'PATCH', field: '(method)', status: 200, message: /^PATCH is not declared on \/v1\/\{project_id\}\/vpc-endpoints \(declared: GET(, [A-Z]+)*\): got 200, expected 405$/ }],
  },
];

describe.concurrent('checks against faulty servers: exactly the fault, named', () => {
  for (const { name, fault, expected } of FAULTS) {
    it(name, async () => {
      const { result } = await check('vpcep', { fault, operations: ['ListEndpoints'] });
      expect(result.findings.map((f: any) => ({ check: f.check, method: f.request.method, field: f.field, status: f.status, message: f.message }))).toEqual(
        expected.map((e) => ({ ...e, message: expect.stringMatching(e.message) })),
      );
      for (const f of result.findings) {
        expect(f.operation).toBe('ListEndpoints');
        expect(f.request!.path).toMatch(/^\/v1\/6e9dfd51d1124e8d8498dce894923a0d\/vpc-endpoints$/);
      }
    });
  }

  it('accepting requests the spec forbids: one finding per forbidden request, naming the field it breaks', async () => {
    const fault: Fault = async (request, honest) => {
      const response = await honest(request);
      if (!response.headers.has('x-mock-violations')) return response;
      const headers = new Headers(request.headers);
      headers.set('prefer', 'code=200');
      return honest(new Request(request, { headers }));
    };
    const { result, server } = await check('vpcep', { fault, operations: ['ListEndpoints'] });
    const negatives = server.received.filter((r) => r.status === 200 && r.url.includes('vpc-endpoints') && r.method === 'GET').length - 1;
    expect(negatives).toBeGreaterThan(3);
    expect(result.findings).toHaveLength(negatives);
    for (const f of result.findings) {
      expect(f).toMatchObject({ check: 'negative', operation: 'ListEndpoints', status: 200, request: { method: 'GET' } });
      expect(f.message).toMatch(/accepted \(expected a 4xx refusal; the valid request got 200\)/);
      // The field is named once, on its own; the message says which rule it breaks.
      expect(f.message).not.toContain(f.field);
      expect(f.message).toMatch(/^(longer than|shorter than|above|below|not (above|below)|"[^"]*" is not (one of|of type)|more than|fewer than|required field dropped)/);
    }
    const byField = Object.fromEntries(result.findings.map((f: any) => [f.field, f]));
    expect(byField['query.limit'].request.query).toMatch(/[?&]limit=(1001|0|not-a-number)(&|$)/);
    expect(byField['query.sort_key'].request.query).toContain('sort_key=create_at-not-in-enum');
    expect(byField['path.project_id'].request.path).toMatch(/^\/v1\/x{33,}\/vpc-endpoints$/);
  });

  it('a server error instead of a refusal is a finding', async () => {
    const fault: Fault = async (request, honest) => {
      const response = await honest(request);
      return response.headers.has('x-mock-violations') ? json({ error_code: 'VPCEP.500', error_msg: 'boom' }, 500) : response;
    };
    const { result } = await check('vpcep', { fault, operations: ['ListEndpoints'] });
    expect(result.findings.length).toBeGreaterThan(3);
    for (const f of result.findings) expect(f).toMatchObject({ check: 'negative', status: 500, message: expect.stringContaining('a server error instead of a 4xx refusal') });
  });

  it('a known variant of the documented shape is a note, not a finding', async () => {
    const fault = onListEndpoints200(async (r) => {
      const body = await r.json();
      body.endpoints[0].enable_dns = String(body.endpoints[0].enable_dns);
      return json(body);
    });
    const { result } = await check('vpcep', { fault, operations: ['ListEndpoints'] });
    expect(result.findings).toEqual([]);
    expect(result.notes).toEqual([expect.objectContaining({ check: 'conformance', operation: 'ListEndpoints', field: 'body.endpoints[0].enable_dns', message: expect.stringContaining('known variant') })]);
  });

  it('a redirect is not followed: the token goes nowhere else', async () => {
    const elsewhere = await startCheckedServer('vpcep', docs.vpcep);
    servers.push(elsewhere);
    const fault: Fault = async () => new Response(null, { status: 307, headers: { location: `${elsewhere.url}/v1/p/vpc-endpoints` } });
    const { result } = await check('vpcep', { fault, operations: ['ListEndpoints'] });
    expect(elsewhere.received).toEqual([]);
    expect(result.findings.some((f: any) => f.check === 'conformance' && f.status === 307 && f.field === '(status)')).toBe(true);
  });

  it('declared response headers: a required one missing, one that breaks its schema', async () => {
    // The spec declares X-Request-Id as optional text; made required and hexadecimal here.
    const doc = structuredClone(docs.vpcep);
    Object.assign(doc.components.headers['X-Request-Id'], { required: true, schema: { type: 'string', pattern: '^[0-9a-f]{32}$' } });
    const missing = onListEndpoints200(async (r) => json(await r.json()));
    const malformed = onListEndpoints200(async (r) => json(await r.json(), 200, { 'content-type': 'application/json', 'x-request-id': 'not-hex' }));
    const [a, b] = await Promise.all([check('vpcep', { fault: missing, operations: ['ListEndpoints'], doc }), check('vpcep', { fault: malformed, operations: ['ListEndpoints'], doc })]);
    expect(a.result.findings).toEqual([expect.objectContaining({ check: 'conformance', field: 'header.X-Request-Id', message: 'a required response header is missing' })]);
    expect(b.result.findings).toEqual([expect.objectContaining({ check: 'conformance', field: 'header.X-Request-Id', message: expect.stringContaining('does not match the declared schema') })]);
  });

  it('a body that stalls is a finding, and the run goes on', async () => {
    const stall = onListEndpoints200(async (r) => {
      const start = new TextEncoder().encode((await r.text()).slice(0, 20));
      return new Response(new ReadableStream({ start: (c) => c.enqueue(start) }), { status: 200, headers: { 'content-type': 'application/json' } });
    });
    const { result } = await check('vpcep', { fault: stall, operations: ['ListEndpoints'], timeoutMs: 3000 });
    const late = result.findings.filter((f: any) => f.field === '(response)');
    // Only the valid request gets a 200 to stall; the probes are refused in full.
    expect(late.map((f: any) => f.check)).toEqual(['conformance']);
    expect(late[0]!.message).toBe('no complete answer within 3000 ms');
    expect(result.findings).toEqual(late);
    expect(result.requests).toBeGreaterThan(3);
  });
});
