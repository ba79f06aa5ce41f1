// Shared by the workflow tests: the workflow files of each service, the inputs a run against
// the mock gets, and a stateful mock of a service on 127.0.0.1.
import crypto from 'node:crypto';
import path from 'node:path';
import { createMockHandlers, startMockServer, type MockServer } from '../../src/mock/index.js';
import { workflowFiles } from '../../scripts/lib/workflows/catalog.mjs';
import { DEFINITIONS } from '../mock/consumer.js';
import { root } from '../support/paths.js';

export const SERVICES = ['vpcep', 'cce', 'apig'] as const;

export function filesOf(service: string): { file: string; doc: any }[] {
  return workflowFiles([{ name: service, root: path.join(root, 'spec', service, 'openapi.yaml') }]);
}

/** Values for the inputs the workflows declare (a fresh VPC id: an echo of the example would not show). */
const FIXED: Record<string, string> = {
  project_id: '6e9dfd51d1124e8d8498dce894923a0d',
  instance_id: 'eddc4d25480b4cd6b512f270a1b8b341',
  namespace: 'default',
  member_ip: '192.168.10.21',
  port_id: crypto.randomUUID(),
  subnet_id: crypto.randomUUID(),
  domain_id: '5fc973eea581490997e82ea11a1d0101',
  vpc_id: crypto.randomUUID(),
};

/** A token long and random enough that the engine's secret masking hides nothing else. */
export const TOKEN = `mock-token-${crypto.randomBytes(12).toString('hex')}`;

export function inputsFor(service: string): Record<string, string> {
  const inputs: Record<string, string> = {};
  for (const { doc } of filesOf(service)) {
    for (const workflow of doc.workflows ?? []) {
      for (const name of Object.keys(workflow.inputs?.properties ?? {})) {
        if (name === 'token') inputs[name] = TOKEN;
        else if ((workflow['x-unique-per-run'] ?? []).includes(name)) inputs[name] = `wf-${crypto.randomBytes(4).toString('hex')}`;
        else if (name in FIXED) inputs[name] = FIXED[name]!;
        else throw new Error(`${service}: the workflow tests have no value for input ${name} (add it to FIXED in test/workflows/support.ts)`);
      }
    }
  }
  return inputs;
}

export async function startStatefulMock(service: string): Promise<{ server: MockServer; mock: ReturnType<typeof createMockHandlers>['mock'] }> {
  const { handlers, mock } = createMockHandlers(DEFINITIONS[service]!, { stateful: true });
  return { server: await startMockServer(handlers), mock };
}
