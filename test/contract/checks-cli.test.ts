// The command line of the live checks: every mistake in the arguments is refused with a clear
// message before anything is sent; a run prints each finding with its operation, request and
// field, exits 1 on findings and 0 without, and never prints the token.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../scripts/lib/contract/cli.mjs';
import { ChecksUsageError, planChecks } from '../../scripts/lib/contract/plan.mjs';
import { redact } from '../../scripts/lib/contract/report.mjs';
import { loadSpec } from '../../scripts/lib/operations.mjs';
import { root } from '../support/paths.js';
import { startCheckedServer, TOKEN, type CheckedServer, type Fault } from './checks-servers.js';

const CLI = path.join(root, 'scripts', 'contract.mjs');
let honest: CheckedServer;
let leaky: CheckedServer;

/** Breaks ListEndpoints' answer and echoes the token everywhere a report could quote it. */
const leak: Fault = async (request, answer) => {
  const response = await answer(request);
  const token = request.headers.get('x-auth-token') ?? '';
  if (response.status !== 200) return response;
  const body = await response.json();
  delete body.endpoints[0].id;
  body.endpoints[0].status = token;
  body[token] = token;
  return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json', 'x-request-id': token, 'x-echo': token } });
};

beforeAll(async () => {
  const doc = loadSpec('vpcep');
  [honest, leaky] = await Promise.all([startCheckedServer('vpcep', doc), startCheckedServer('vpcep', doc, leak)]);
});

afterAll(async () => {
  await Promise.all([honest?.close(), leaky?.close()]);
});

async function inProcess(argv: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { env, out: (s: string) => out.push(s), err: (s: string) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe.concurrent('contract --checks: arguments are checked before anything is sent', () => {
  const cases: [string, () => string[], RegExp][] = [
    ['an unknown service', () => ['--service', 'ecs', '--upstream', honest.url, '--token', TOKEN], /--service names a generated service \(apig, cce, vpcep\), not ecs/],
    ['no --service', () => ['--upstream', honest.url, '--token', TOKEN], /--service names a generated service/],
    ['a URL that is not http(s)', () => ['--service', 'vpcep', '--upstream', 'ftp://127.0.0.1/', '--token', TOKEN], /--upstream takes an http\(s\) URL/],
    ['no URL at all', () => ['--service', 'vpcep', '--upstream', 'vpcep.example', '--token', TOKEN], /--upstream takes an http\(s\) URL/],
    ['credentials in the URL', () => ['--service', 'vpcep', '--upstream', honest.url.replace('http://', 'http://user:pw@'), '--token', TOKEN], /must not carry credentials/],
    ['no token', () => ['--service', 'vpcep', '--upstream', honest.url], /needs an IAM token: --token <token> or HWC_AUTH_TOKEN/],
    ['an unknown operation', () => ['--service', 'vpcep', '--upstream', honest.url, '--token', TOKEN, '--operation', 'ListNothing'], /no operation ListNothing in the vpcep spec \(known: .*ListEndpoints/],
    ['a parameter no operation has', () => ['--service', 'vpcep', '--upstream', honest.url, '--token', TOKEN, '--param', 'colour=red'], /--param colour: no such parameter/],
    ['a parameter value the spec forbids', () => ['--service', 'vpcep', '--upstream', honest.url, '--token', TOKEN, '--param', 'limit=5000'], /ListEndpoints: the --param values do not make a valid request: query\.limit must be <= 1000/],
    ['a bad --max-cases', () => ['--service', 'vpcep', '--upstream', honest.url, '--token', TOKEN, '--max-cases', 'many'], /--max-cases takes a whole number/],
    ['an unknown argument', () => ['--service', 'vpcep', '--upstream', honest.url, '--token', TOKEN, '--yolo'], /unknown argument --yolo/],
  ];
  for (const [name, argv, message] of cases) {
    it(name, async () => {
      const before = honest.received.length;
      const { code, err, out } = await inProcess(argv());
      expect(code, out + err).toBe(2);
      expect(err).toMatch(message);
      expect(err).toContain('npm run contract -- --checks --help');
      expect(err + out).not.toContain(TOKEN);
      expect(honest.received.length - before, 'requests sent').toBe(0);
    });
  }

  it('--help lists the options and says what is sent by default', async () => {
    const { code, out } = await inProcess(['--help']);
    expect(code).toBe(0);
    for (const option of ['--token', '--param', '--operation', '--allow-writes', '--max-cases', '--verbose']) expect(out).toContain(option);
    expect(out).toMatch(/only operations that cannot change anything \(GET\)/);
  });

  it('a required parameter with no example and no --param: every one named, at once', () => {
    // No example anywhere for ListEndpoints' project_id (the spec has one: removed here).
    const doc = structuredClone(loadSpec('vpcep'));
    const param = doc.components.parameters.project_id;
    delete param.example;
    delete param.examples;
    const plan = () => planChecks({ service: 'vpcep', doc, upstream: honest.url, allowWrites: true });
    expect(plan).toThrow(ChecksUsageError);
    expect(plan).toThrow(/cannot build the requests:\n  \w+: give a value for project_id \(--param name=value\): the spec has no example\n/);
    expect(plan).toThrow(/ListEndpoints: give a value for project_id/);
    // With the value given, the plan is made.
    expect(() => planChecks({ service: 'vpcep', doc, upstream: honest.url, allowWrites: true, params: { project_id: '6e9dfd51d1124e8d8498dce894923a0d' } })).not.toThrow();
  });

  it('the token may come from HWC_AUTH_TOKEN', async () => {
    const { code, out } = await inProcess(['--service', 'vpcep', '--upstream', honest.url, '--operation', 'ListEndpoints', '--max-cases', '2'], { HWC_AUTH_TOKEN: TOKEN });
    expect(code, out).toBe(0);
  });
});

function cli(args: string[]): Promise<{ code: number | null; out: string }> {
  const child = spawn(process.execPath, [CLI, '--checks', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, HWC_AUTH_TOKEN: '' } });
  let out = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  child.stderr.on('data', (chunk) => (out += chunk));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, out })));
}

describe.concurrent('npm run contract -- --checks', () => {
  it('exits 0 against a server that honours the spec', async () => {
    const { code, out } = await cli(['--service', 'vpcep', '--upstream', honest.url, '--token', TOKEN, '--max-cases', '2']);
    expect(code, out).toBe(0);
    expect(out).toMatch(/contract --checks: vpcep spec against http:\/\/127\.0\.0\.1:\d+ \(\d+ of \d+ operation\(s\) called\)/);
    expect(out).toMatch(/skipped (\w+, )*CreateEndpointService(, \w+)*: write operations, called only with --allow-writes/);
    expect(out).toMatch(/\d+ request\(s\) to the vpcep server, 0 finding\(s\)/);
  });

  it('exits 1 and names operation, request and field of each finding; the token never appears', async () => {
    const { code, out } = await cli(['--service', 'vpcep', '--upstream', leaky.url, '--token', TOKEN, '--operation', 'ListEndpoints', '--verbose']);
    expect(code, out).toBe(1);
    expect(out).toMatch(/✗ conformance ListEndpoints GET \/v1\/6e9dfd51d1124e8d8498dce894923a0d\/vpc-endpoints -> 200\n {4}body\.endpoints\[0\]\.id: must have required property 'id'/);
    expect(out).toMatch(/✗ conformance ListEndpoints GET \/v1\/\S+\/vpc-endpoints -> 200\n {4}body\.endpoints\[0\]\.status: must be equal to one of the allowed values/);
    expect(out).toMatch(/  negative ListEndpoints GET \/v1\/\S+\/vpc-endpoints\?limit=1001&\S* -> 400/);
    expect(out).toMatch(/, [1-9]\d* finding\(s\)/);
    // The server echoed the token into headers, a field and a property name.
    expect(leaky.received.some((r) => r.headers['x-auth-token'] === TOKEN)).toBe(true);
    expect(out).not.toContain(TOKEN);
    // Nor did it travel anywhere but the credential header.
    for (const r of leaky.received) {
      expect(r.url).not.toContain(TOKEN);
      expect(r.body).not.toContain(TOKEN);
    }
  });
});

describe('redact', () => {
  it('replaces a secret and its percent-encoded form', () => {
    expect(redact('a tok/en+1 b tok%2Fen%2B1 c', ['tok/en+1'])).toBe('a [redacted] b [redacted] c');
  });
});
