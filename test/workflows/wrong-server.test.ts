// The workflows catch a server that gets the lifecycle wrong: against a VPCEP mock that forgets
// what was created, a Kubernetes mock that answers a create with 200 instead of 201 and an APIG
// mock whose channel delete answers 204 but keeps the channel, the engine fails exactly the
// steps that see it, and the reading workflow still passes.
import { http } from 'msw';
import { afterAll, describe, expect, it } from 'vitest';
import { runRespect } from '../../scripts/lib/workflows/respect.mjs';
import { createMockHandlers, startMockServer } from '../../src/mock/index.js';
import { DEFINITIONS } from '../mock/consumer.js';
import { root } from '../support/paths.js';
import { filesOf, inputsFor } from './support.js';

// VPCEP: stateful, but everything is forgotten after each answer.
const vpcep = createMockHandlers(DEFINITIONS['vpcep']!, { stateful: true });
const forgetful = http.all('*', async ({ request }) => {
  const response = await vpcep.mock.handle(request);
  vpcep.mock.reset();
  return response;
});
// Kubernetes: remembers, but answers every create with the documented 200 (kube-apiserver sends 201).
const cce = createMockHandlers(DEFINITIONS['cce']!, { stateful: true });
cce.mock.prefer('createCoreV1NamespacedEndpoints', { status: 200 });
// APIG: the channel delete says 204 and deletes nothing.
const apig = createMockHandlers(DEFINITIONS['apig']!, { stateful: true });
const fakeDelete = http.delete(/\/vpc-channels\/[^/]+$/, () => new Response(null, { status: 204 }));
const servers = { vpcep: await startMockServer([forgetful]), cce: await startMockServer(cce.handlers), apig: await startMockServer([fakeDelete, ...apig.handlers]) };
afterAll(() => Promise.all(Object.values(servers).map((s) => s.close())));

describe('a wrong server fails the workflows', () => {
  it('a forgotten resource and a wrong status fail the steps that see them', async () => {
    const run = await runRespect({
      files: [...filesOf('vpcep'), ...filesOf('cce'), ...filesOf('apig')].map((f) => f.file),
      servers: { vpcep: servers.vpcep.url, cce: servers.cce.url, apig: servers.apig.url },
      inputs: { ...inputsFor('vpcep'), ...inputsFor('cce'), ...inputsFor('apig') },
      cwd: root,
    });
    const outcome = Object.fromEntries(run.results.map((r) => [r.workflowId, r.steps.filter((s) => !s.passed).map((s) => `${s.stepId} ${s.status}`)]));
    expect(outcome).toEqual({
      'endpoint-lifecycle': ['read-endpoint 404'],
      'endpoint-service-lifecycle': ['read-service 404'],
      'list-endpoints': [],
      'endpoints-lifecycle': ['create-endpoints 200'],
      'list-namespace-endpoints': [],
      'list-vpc-channels': [],
      'vpc-channel-lifecycle': ['read-deleted-channel 200'],
    });
    expect(run.code).not.toBe(0);
  }, 120_000);
});
