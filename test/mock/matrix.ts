// Every operation of every service through its generated client against the mock, in one of
// two set-ups (MSW's setupServer, or the local HTTP server): the default example, every
// documented example on request, every documented error on request, invalid requests answered
// with the documented error, and a request without credentials answered with the documented 401.
// Expected values come from the bundled spec, not from the generated mock data.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { contractCases, documentedError, type OperationCases } from '../contract/cases.js';
import { createOperationFuzz, nothingToBreak, toInput } from '../fuzz/requests.js';
import { createMockHandlers, MockUsageError, VIOLATIONS_HEADER, type MockHandlers } from '../../src/mock/index.js';
import { CLUSTER_ID, DEFINITIONS, PROJECT_ID, consumerClient, type Consumer } from './consumer.js';

export interface Setup {
  /** Starts serving the handlers; `baseUrl` is what the client is pointed at (none: the real host). */
  start(mocks: MockHandlers[]): Promise<{ baseUrl?: string; stop(): Promise<void> | void }>;
  /** Client options this set-up needs (e.g. the `fetch` MSW intercepts). */
  clientOptions: object;
}

const cases = await contractCases();
const services = [...new Set(cases.map((c) => c.spec.name))];

export function describeMatrix(setupName: string, setup: Setup): void {
  const mocks = Object.fromEntries(services.map((s) => [s, createMockHandlers(DEFINITIONS[s]!)]));
  let baseUrl: string | undefined;
  let stop: () => Promise<void> | void = () => {};
  const clients = new Map<string, Consumer>();

  beforeAll(async () => {
    ({ baseUrl, stop } = await setup.start(Object.values(mocks)));
    for (const spec of new Set(cases.map((c) => c.spec))) clients.set(spec.name, await consumerClient(spec, { ...(baseUrl ? { baseUrl } : {}), options: setup.clientOptions }));
  });
  afterAll(async () => {
    await stop();
  });
  beforeEach(() => {
    for (const m of Object.values(mocks)) m.mock.reset();
  });

  it(`${setupName}: covers every operation of every service`, () => {
    for (const s of services) {
      expect(DEFINITIONS[s]!.operations.map((o) => o.operationId).sort()).toEqual(cases.filter((c) => c.spec.name === s).map((c) => c.op.operationId).sort());
    }
  });

  describe.each(cases.map((c) => [c.label, c] as const))(`${setupName}: %s`, (label, c) => {
    const mock = () => mocks[c.spec.name]!.mock;
    const client = () => clients.get(c.spec.name)!;
    const input = (i = 0) => toInput(c.requests[i % c.requests.length]!.request);
    const failure = (promise: Promise<unknown>) => promise.then(() => expect.fail(`${label}: resolved instead of throwing`), (e: any) => e);

    it('answers a valid request with the lowest documented 2xx example (or no content)', async () => {
      const expected = defaultExample(c);
      expect(expected, `${label}: no 2xx example in the spec`).toBeDefined();
      for (let i = 0; i < c.requests.length; i++) expect(await client().call(c.op.operationId, input(i))).toEqual(expected!.value);
      expect(mock().violations).toEqual([]);
    });

    it.each(c.successes.map((s) => [`${s.status} ${s.example ?? '(no example)'}`, s] as const))('answers %s when the test asks (Prefer header)', async (_name, s) => {
      if (s.value === undefined && !s.bodyless) {
        expect(() => mock().prefer(c.op.operationId, { status: s.status })).toThrow(MockUsageError);
        return;
      }
      expect(await client().call(c.op.operationId, input(), { headers: { Prefer: s.prefer } })).toEqual(s.value);
    });

    it.each(c.errors.map((s) => [`${s.status} ${s.example ?? '(no example)'}`, s] as const))('answers %s when the test asks (prefer())', async (name, s) => {
      mock().prefer(c.op.operationId, { status: s.status, ...(s.example ? { example: s.example } : {}) });
      const error = await failure(client().call(c.op.operationId, input()));
      expect(error, `${label} ${name}: ${error}`).toBeInstanceOf(client().ErrorClass);
      expect(error.status).toBe(s.status);
      if (s.value !== undefined) expect(error.code).toBe(documentedError(`${label} ${name}`, s.value).code);
    });

    const fuzz = createOperationFuzz(c.spec.name, c.spec.doc, c.op);
    const first = c.requests[0]!.request;
    const withProject = { ...first, path: { ...first.path, ...(c.op.autoParams.includes('project_id') ? { project_id: PROJECT_ID } : {}) } };
    // One mutation of each kind, on the first example request.
    const mutations = [...new Map(fuzz.mutationsOf(withProject).map((m) => [m.kind, m])).values()];
    it('has invalid requests to try (none when the operation has nothing to break)', () => {
      if (nothingToBreak(c.op)) expect(mutations).toEqual([]);
      else expect(mutations.length).toBeGreaterThan(0);
    });
    it.each(mutations.map((m) => [m.description, m] as const))('answers an invalid request (%s) with the documented error', async (_d, m) => {
      // A project_id in the input overrides the client option: a broken one reaches the mock.
      const broken = m.apply(withProject as never) as unknown as typeof first;
      const error = await failure(client().call(c.op.operationId, toInput(broken), { validate: false }));
      const status = expectedInvalidStatus(c, m.field);
      expect(error, `${label}: ${error}`).toBeInstanceOf(client().ErrorClass);
      expect(error.status).toBe(status);
      const documented = c.errors.find((e) => e.status === status && e.value !== undefined)!;
      expect(error.code).toBe(documentedError(label, documented.value).code);
      const violation = mock().violations.at(-1)!;
      expect(violation.operationId).toBe(c.op.operationId);
      expect(violation.issues.map((i) => i.path)).toContain(m.field);
    });

    it('answers a request without credentials with the documented 401, and names violations in a header', async () => {
      const path = c.op.path.replace(/\{([^}]+)\}/g, (_: string, name: string) => encodeURIComponent(String(name === 'project_id' ? PROJECT_ID : first.path[name])));
      const origin = baseUrl ?? concreteServer(c);
      const response = await fetch(new URL(path, origin), { method: c.op.httpMethod });
      expect(response.status).toBe(401);
      const unauthorized = c.errors.find((e) => e.status === 401 && e.value !== undefined)!;
      expect(await response.json()).toEqual(unauthorized.value);
      if (c.op.body) {
        // The media type the client sends by default (application/json but for Kubernetes PATCH).
        const contentType = c.op.body.defaultContentType;
        const invalid = await fetch(new URL(path, origin), { method: c.op.httpMethod, headers: { 'x-auth-token': 't', 'content-type': contentType }, body: '[]' });
        expect([400, 422]).toContain(invalid.status);
        expect(JSON.parse(invalid.headers.get(VIOLATIONS_HEADER)!).length).toBeGreaterThan(0);
      }
    });
  });
}

/** The lowest 2xx status that has an example or declares no content (value undefined), and its first example. */
export function defaultExample(c: OperationCases) {
  return [...c.successes].filter((s) => s.value !== undefined || s.bodyless).sort((a, b) => a.status - b.status)[0];
}

/** Parameter faults: 400 when documented, else 422; body faults: 422 when documented, else 400. */
function expectedInvalidStatus(c: OperationCases, field: string): number {
  const documented = (status: number) => c.errors.some((e) => e.status === status && e.value !== undefined);
  const order = field.startsWith('body') ? [422, 400] : [400, 422];
  return order.find(documented)!;
}

function concreteServer(c: OperationCases): string {
  const server = c.spec.doc.servers[0];
  return server.url.replace(/\{([^}]+)\}/g, (_: string, name: string) => (name === 'cluster_id' ? CLUSTER_ID : server.variables[name].default));
}
