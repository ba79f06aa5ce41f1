// The stateful mock pages a Kubernetes list the way kube-apiserver does (limit + continue,
// `metadata.continue` absent on the last page), so the generated client's marker iterator can
// be exercised end to end against it: every created object once, in order, nothing more.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCceClient } from '../../generated/cce/index.js';
import { createMockHandlers, startMockServer, type MockServer } from '../../src/mock/index.js';
import { DEFINITIONS } from './consumer.js';

const mock = createMockHandlers(DEFINITIONS['cce']!, { stateful: true });
let server: MockServer;
beforeAll(async () => {
  server = await startMockServer(mock.handlers);
});
afterAll(() => server.close());

describe('stateful CCE mock: marker pagination', () => {
  it('lists what was created page by page, and the iterator stops at the last page', async () => {
    const sent: string[] = [];
    const client = createCceClient({
      baseUrl: server.url,
      auth: { token: 'paging-token' },
      retry: false,
      fetch: (request: Request) => {
        sent.push(request.url);
        return fetch(request);
      },
    });
    const names = ['a-1', 'a-2', 'a-3', 'a-4', 'a-5'];
    for (const name of names) {
      await client.createCoreV1NamespacedEndpoints({ namespace: 'default', body: { metadata: { name }, subsets: [{ addresses: [{ ip: '10.0.0.1' }] }] } });
    }
    sent.length = 0;
    const seen: string[] = [];
    for await (const e of client.listCoreV1NamespacedEndpointsAll({ namespace: 'default' }, { pageSize: 2 })) seen.push(e.metadata.name!);
    expect(seen).toEqual(names);
    expect(sent).toHaveLength(3);
    const continues = sent.map((u) => new URL(u).searchParams.get('continue'));
    expect(continues[0]).toBeNull();
    expect(continues.slice(1).every((c) => typeof c === 'string' && c.length > 0)).toBe(true);
    // One page without limit: everything, no continue token.
    const all = await client.listCoreV1NamespacedEndpoints({ namespace: 'default' });
    expect(all.items).toHaveLength(5);
    expect(all.metadata.continue).toBeUndefined();
  });
});
