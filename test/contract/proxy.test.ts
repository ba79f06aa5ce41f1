// `npm run contract` against two fake VPCEP servers on 127.0.0.1: one that honours the spec
// (nothing reported) and one that breaks it (a wrong type, a missing required field, an
// undeclared status): each violation is reported with its operation, status and field.
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deref, loadSpec, matchOperation } from '../../scripts/lib/operations.mjs';
import { toInput } from '../fuzz/requests.js';
import { root } from '../support/paths.js';
import { contractCases } from './cases.js';
import { harness } from './harness.js';

const doc = loadSpec('vpcep');
const CLI = path.join(root, 'scripts', 'contract.mjs');
type Answer = { status: number; body: unknown };

/** The first 2xx example of the operation a request is for. */
function specAnswer(method: string, pathname: string): Answer {
  const op = matchOperation(doc, method, pathname);
  if (!op) return { status: 404, body: { error: { code: 'EndPoint.0005', message: 'no such path' } } };
  const [status, response] = Object.entries<any>(op.operation.responses).find(([s]) => s.startsWith('2'))!;
  const content = deref(doc, response).content;
  // A response documented without a body (a 204 of a delete) is answered without one.
  if (!content) return { status: Number(status), body: undefined };
  const example = Object.values<any>(content['application/json'].examples)[0];
  return { status: Number(status), body: deref(doc, example).value };
}

/** The honest answer, except: ListEndpoints has a wrong type and a missing field, CreateEndpointService an undeclared status. */
function brokenAnswer(method: string, pathname: string): Answer {
  const answer = specAnswer(method, pathname);
  const op = matchOperation(doc, method, pathname)?.operationId;
  if (op === 'ListEndpoints') {
    const body = structuredClone(answer.body) as any;
    body.total_count = String(body.total_count);
    delete body.endpoints[0].id;
    return { status: 200, body };
  }
  if (op === 'CreateEndpointService') return { status: 418, body: { error: { code: 'Teapot', message: 'undocumented' } } };
  return answer;
}

function upstream(answer: (method: string, pathname: string) => Answer): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const { status, body } = answer(req.method ?? 'GET', new URL(req.url ?? '/', 'http://x').pathname);
      if (body === undefined) {
        res.writeHead(status, { 'x-request-id': 'req-1' });
        res.end();
        return;
      }
      res.writeHead(status, { 'content-type': 'application/json', 'x-request-id': 'req-1' });
      res.end(JSON.stringify(body));
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const urlOf = (server: http.Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const children = new Set<ChildProcess>();

/** Runs scripts/contract.mjs; `interact` gets each stdout line (to drive the live mode). */
function contract(args: string[], interact: (line: string, child: ChildProcess) => void = () => {}): Promise<{ code: number | null; out: string }> {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let out = '';
  let pending = '';
  child.stdout!.on('data', (chunk) => {
    out += chunk;
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop()!;
    for (const line of lines) interact(line, child);
  });
  child.stderr!.on('data', (chunk) => (out += chunk));
  return new Promise((resolve) =>
    child.once('exit', (code) => {
      children.delete(child);
      resolve({ code, out });
    }),
  );
}

const prismPidOf = (out: string) => Number(out.match(/Prism proxy \(pid (\d+)\)/)?.[1] ?? NaN);
const alive = (pid: number) => {
  expect(pid, 'the pid of Prism').toBeGreaterThan(0);
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

let honest: http.Server;
let broken: http.Server;

beforeAll(async () => {
  [honest, broken] = await Promise.all([upstream(specAnswer), upstream(brokenAnswer)]);
});

afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await Promise.all([honest, broken].map((s) => new Promise((resolve) => s?.close(resolve))));
});

// Each case starts its own Prism (seconds of start-up, more on a loaded machine): generous time.
describe.concurrent('npm run contract', { timeout: 240_000 }, () => {
  it('--replay sends every example through the proxy and reports each break of a broken server with its location', async () => {
    const { code, out } = await contract(['--service', 'vpcep', '--upstream', urlOf(broken), '--replay', '--token', 't']);
    expect(code, out).toBe(1);
    // One exchange per example request of every VPCEP operation; only two operations are broken.
    const exchanges = (await contractCases()).filter((c) => c.spec.name === 'vpcep').reduce((n, c) => n + c.requests.length, 0);
    expect(out).toContain(`${exchanges} exchange(s), 2 broke the vpcep spec`);
    // A wrong type and a missing required field, each at its field.
    expect(out).toMatch(/✗ ListEndpoints GET \/v1\/[^/]+\/vpc-endpoints -> 200\n/);
    expect(out).toMatch(/error response\.body\.total_count \[type\]: .*must be integer/);
    expect(out).toMatch(/error response\.body\.endpoints\.0 \[required\]: .*'id'/);
    // An undeclared status.
    expect(out).toMatch(/✗ CreateEndpointService POST \/v1\/[^/]+\/vpc-endpoint-services -> 418\n\s+warning response: Unable to match the returned status code/);
    // The operation the server answers correctly is not reported.
    expect(out).not.toMatch(/✗ UpdateEndpointService/);
    expect(alive(prismPidOf(out)), 'Prism outlived npm run contract').toBe(false);
  });

  it('live mode relays the traffic sent through it: an honest server breaks nothing; Ctrl-C stops Prism', async () => {
    const vpcep = (await contractCases()).filter((c) => c.spec.name === 'vpcep');
    let sent = 0;
    let failure: unknown;
    const { code, out } = await contract(['--service', 'vpcep', '--upstream', urlOf(honest)], (line, child) => {
      const proxyUrl = line.match(/send your requests to (\S+)/)?.[1];
      if (!proxyUrl) return;
      void (async () => {
        try {
          // Each operation's example request through the generated client (responses validated too);
          // one client for all of them (building one per operation took seconds each).
          const h = await harness(vpcep[0]!.spec, { baseUrl: proxyUrl });
          for (const c of vpcep) {
            await h.method(c.op.operationId)(toInput(c.requests[0]!.request));
            sent++;
          }
        } catch (error) {
          failure = error;
        }
        child.kill('SIGINT');
      })();
    });
    expect(failure).toBeUndefined();
    expect(sent).toBe(vpcep.length);
    expect(out).not.toContain('✗');
    expect(out).toMatch(new RegExp(`${vpcep.length} exchange\\(s\\), 0 broke the vpcep spec`));
    expect(code, out).toBe(0);
    expect(alive(prismPidOf(out)), 'Prism outlived npm run contract').toBe(false);
  });
});
