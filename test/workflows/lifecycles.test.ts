// Every workflow of every service, run by Redocly's Arazzo engine (`redocly respect`) against
// the stateful mocks: one engine process for all the files (it starts slowly), one mock per
// service. Each workflow must pass every step, every declared step must have run, and no mock
// may have seen a request that breaks the spec.
import { afterAll, describe, expect, it } from 'vitest';
import { describeFailures, runRespect } from '../../scripts/lib/workflows/respect.mjs';
import { root } from '../support/paths.js';
import { SERVICES, filesOf, inputsFor, startStatefulMock } from './support.js';

const mocks = await Promise.all(SERVICES.map(async (service) => ({ service, ...(await startStatefulMock(service)) })));
afterAll(() => Promise.all(mocks.map((m) => m.server.close())));

describe('lifecycle workflows against the stateful mock', () => {
  it('every workflow of every service passes every step', async () => {
    const files = SERVICES.flatMap((service) => filesOf(service));
    for (const service of SERVICES) expect(filesOf(service).length, `${service} has workflow files`).toBeGreaterThan(0);
    const run = await runRespect({
      files: files.map((f) => f.file),
      servers: Object.fromEntries(mocks.map((m) => [m.service, m.server.url])),
      inputs: Object.assign({}, ...SERVICES.map(inputsFor)),
      cwd: root,
    });
    expect(describeFailures(run.results), run.results.length === 0 ? run.output : '').toEqual([]);
    const expected = files.flatMap(({ file, doc }) => doc.workflows.map((w: any) => ({ file, workflowId: w.workflowId, steps: w.steps.map((s: any) => s.stepId) })));
    const ran = run.results.map((r) => ({ file: r.file, workflowId: r.workflowId, steps: r.steps.map((s) => s.stepId) }));
    expect(ran).toEqual(expected);
    expect(run.results.every((r) => r.passed)).toBe(true);
    expect(run.code).toBe(0);
    for (const { service, mock } of mocks) expect(mock.violations, service).toEqual([]);
  }, 120_000);
});
