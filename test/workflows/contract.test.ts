// `npm run contract -- --workflows` against a local mock standing in for the live server: a
// read-only run sends no write (the mock records every request), nothing is sent when an
// argument is wrong, the token reaches the server and nothing else, and with --allow-writes
// every created resource is deleted (newest first) after a forced failure and after Ctrl-C,
// and one that cannot be deleted is reported with the request that deletes it by hand.
import { EventEmitter } from 'node:events';
import { http } from 'msw';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { runWorkflowsCommand } from '../../scripts/lib/workflows/live.mjs';
import { createMockHandlers, startMockServer } from '../../src/mock/index.js';
import { fixtureRoot } from './fixture.js';

const fixture = await fixtureRoot();
const { handlers, mock } = createMockHandlers(fixture.definition, { stateful: true });
const seen: { method: string; path: string; token: string | null }[] = [];
const recorder = http.all('*', ({ request }) => {
  seen.push({ method: request.method, path: new URL(request.url).pathname, token: request.headers.get('x-auth-token') });
});
const server = await startMockServer([recorder, ...handlers]);
afterAll(async () => {
  await server.close();
  await fixture.remove();
});
beforeEach(() => {
  seen.length = 0;
  mock.reset();
  server.resetHandlers();
});

const TOKEN = 'live-token-4f1d0c9a7be24e2c8d5f6a7b8c9d0e1f';
const INPUTS = ['--input', 'project_id=6e9dfd51d1124e8d8498dce894923a0d', '--input', 'vpc_id=0b0f3c8e-6d5e-4b7a-9f1c-2d3e4f5a6b7c', '--input', 'port_id=1c1f3c8e-6d5e-4b7a-9f1c-2d3e4f5a6b7d'];

async function run(args: string[], signals = new EventEmitter()) {
  const lines: string[] = [];
  const code = await runWorkflowsCommand(['--workflows', '--service', 'vpcep', '--upstream', server.url, ...args], {
    root: fixture.dir,
    env: { HWC_AUTH_TOKEN: TOKEN },
    log: (l: string) => lines.push(l),
    error: (l: string) => lines.push(l),
    signals,
  });
  return { code, output: lines.join('\n') };
}

describe('contract --workflows: nothing is sent when an argument is wrong', () => {
  it.each([
    ['a write workflow without --allow-writes', ['--workflow', 'service-create-to-delete', ...INPUTS], /add --allow-writes/],
    ['an unknown workflow', ['--workflow', 'no-such-workflow'], /no workflow no-such-workflow/],
    ['a missing input', ['--allow-writes', '--input', 'project_id=p'], /missing input vpc_id/],
    ['an input no workflow declares', ['--input', 'project_id=p', '--input', 'colour=red'], /--input colour: not an input/],
    ['the token as an input', ['--input', 'token=x'], /--input token/],
  ])('%s', async (_name, args, message) => {
    const { code, output } = await run(args);
    expect(output).toMatch(message);
    expect(code).toBe(2);
    expect(seen).toEqual([]);
  });

  it('plain http to another host, a URL with credentials, a token with a line break', async () => {
    for (const [upstream, env, message] of [
      ['http://vpcep.example.com', { HWC_AUTH_TOKEN: TOKEN }, /plain http only to this machine/],
      ['https://user:pw@vpcep.example.com', { HWC_AUTH_TOKEN: TOKEN }, /without credentials/],
      ['https://vpcep.example.com', { HWC_AUTH_TOKEN: 'a\nb' }, /characters a header cannot carry/],
      ['https://vpcep.example.com', {}, /needs an IAM token/],
    ] as const) {
      const lines: string[] = [];
      const code = await runWorkflowsCommand(['--workflows', '--service', 'vpcep', '--upstream', upstream, ...INPUTS], { root: fixture.dir, env, log: (l: string) => lines.push(l), error: (l: string) => lines.push(l) });
      expect(lines.join('\n')).toMatch(message);
      expect(code).toBe(2);
    }
  });
});

describe('contract --workflows against the mock', () => {
  it('read-only by default: only the reading workflows run, every request is a GET, the token reaches the server only', async () => {
    const { code, output } = await run(['--input', 'project_id=6e9dfd51d1124e8d8498dce894923a0d']);
    expect(output).toContain('skipped service-create-to-delete');
    expect(output).toContain('passed list-endpoints');
    expect(code, output).toBe(0);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.filter((r) => r.method !== 'GET')).toEqual([]);
    expect(seen.every((r) => r.token === TOKEN)).toBe(true);
    expect(output).not.toContain(TOKEN);
  }, 120_000);

  it('with --allow-writes: the whole lifecycle passes and leaves nothing (the workflow deleted what it created)', async () => {
    const { code, output } = await run(['--allow-writes', ...INPUTS]);
    expect(output).toContain('passed service-create-to-delete');
    expect(output).toMatch(/2 resource\(s\) created, 0 left/);
    expect(output).not.toContain('cleanup:');
    expect(code, output).toBe(0);
    expect(mock.records()).toEqual([]);
  }, 120_000);

  it('a failed step: both created services are deleted, newest first; one the server refuses to delete is reported with how to delete it', async () => {
    mock.prefer('UpdateEndpointService', { status: 500 });
    // The first clean-up DELETE (the newest service) is refused once.
    let refused = false;
    server.use(
      http.delete(/\/vpc-endpoint-services\//, ({ request }) => {
        if (refused) return undefined;
        refused = true;
        // Handlers added with use() run before the recorder: record this one here.
        seen.push({ method: 'DELETE', path: new URL(request.url).pathname, token: request.headers.get('x-auth-token') });
        return new Response(JSON.stringify({ error: { code: 'VPCEP.0500', message: 'busy' } }), { status: 500, headers: { 'content-type': 'application/json' } });
      }),
    );
    const { code, output } = await run(['--allow-writes', ...INPUTS]);
    const created = [...output.matchAll(/created vpc-endpoint-services (\S+)/g)].map((m) => m[1]);
    expect(created).toHaveLength(2);
    expect(output).toContain('FAILED service-create-to-delete');
    const deletes = seen.filter((r) => r.method === 'DELETE').map((r) => r.path.split('/').pop());
    expect(deletes).toEqual([created[1], created[0]]);
    expect(output).toContain(`NOT deleted vpc-endpoint-services ${created[1]}: DeleteEndpointService answered 500`);
    expect(output).toContain(`curl -X DELETE -H "X-Auth-Token: $HWC_AUTH_TOKEN" '${server.url}/v1/6e9dfd51d1124e8d8498dce894923a0d/vpc-endpoint-services/${created[1]}'`);
    expect(output).toContain(`deleted vpc-endpoint-services ${created[0]}`);
    expect(output).toMatch(/2 resource\(s\) created, 1 left/);
    expect(mock.records().map((r) => r.id)).toEqual([created[1]]);
    expect(output).not.toContain(TOKEN);
    expect(code).toBe(1);
  }, 120_000);

  it('Ctrl-C while a step waits: the engine stops, what was created is deleted, exit 130', async () => {
    const signals = new EventEmitter();
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let reached!: () => void;
    const updateReached = new Promise<void>((resolve) => (reached = resolve));
    server.use(
      http.put(/\/vpc-endpoint-services\//, async () => {
        reached();
        await released;
        return undefined;
      }),
    );
    const running = run(['--allow-writes', ...INPUTS], signals);
    // Ctrl-C while the update waits for its answer; the answer comes once the interrupt is handled.
    await updateReached;
    signals.emit('SIGINT');
    release();
    const { code, output } = await running;
    expect(output).toContain('interrupted');
    expect(code, output).toBe(130);
    expect(seen.filter((r) => r.method === 'DELETE')).toHaveLength(2);
    expect(mock.records()).toEqual([]);
  }, 120_000);
});
