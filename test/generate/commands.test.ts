// Every command answers --help, and refuses bad arguments with a clear message before it
// starts anything (no Prism is spawned for a command that cannot succeed).
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { exampleRequests, loadSpec, operationsOf } from '../../scripts/lib/operations.mjs';
import { root } from '../support/paths.js';

const execFileAsync = promisify(execFile);
async function command(script: string, args: string[], env: Record<string, string | undefined> = {}) {
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, [path.join(root, script), ...args], {
      cwd: root,
      env: { ...process.env, HWC_AUTH_TOKEN: undefined, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error: any) {
    return { code: error.code as number, stdout: error.stdout as string, stderr: error.stderr as string };
  }
}

describe('every command answers --help', () => {
  it.each([
    ['generate', 'scripts/generate.mjs'],
    ['build', 'scripts/build.mjs'],
    ['lint', 'scripts/lint.mjs'],
    ['mock', 'scripts/mock.mjs'],
    ['contract', 'scripts/contract.mjs'],
    ['bench', 'bench/run.mjs'],
    ['compile', 'scripts/compile.mjs'],
    ['diff', 'scripts/diff.mjs'],
    ['i18n', 'scripts/i18n.mjs'],
  ])('%s --help', async (name, script) => {
    const result = await command(script, ['--help']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^usage: /);
    expect(result.stdout.split('\n')[0]).toContain(name === 'compile' ? 'scripts/compile.mjs' : `npm run ${name}`);
    expect(result.stdout).toMatch(/--help/);
    expect(result.stderr).toBe('');
  });

  it('an unknown argument fails with the usage', async () => {
    const result = await command('scripts/generate.mjs', ['--chek']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/unknown argument\(s\) --chek/);
    expect(result.stderr).toMatch(/usage: npm run generate/);
  });
});

describe('npm run contract checks its arguments before starting Prism', () => {
  const upstream = ['--upstream', 'http://127.0.0.1:9'];
  it('--replay without a token', async () => {
    const result = await command('scripts/contract.mjs', ['--service', 'vpcep', ...upstream, '--replay']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--replay needs an IAM token: --token <token> or HWC_AUTH_TOKEN/);
    expect(result.stdout).not.toMatch(/Prism proxy/);
  });

  it('every operation of every service can be replayed without --param', () => {
    for (const service of ['cce', 'vpcep', 'apig']) {
      const doc = loadSpec(service);
      for (const op of operationsOf(doc)) expect(() => exampleRequests(doc, op, 'http://127.0.0.1:9'), `${service} ${op.operation.operationId}`).not.toThrow();
    }
  });

  it('required path parameters without an example value are all named at once', () => {
    const doc = structuredClone(loadSpec('apig'));
    for (const name of ['project_id', 'instance_id']) delete doc.components.parameters[name].examples;
    const op = operationsOf(doc).find((o: any) => o.operation.operationId === 'CreateVpcChannelV2')!;
    expect(() => exampleRequests(doc, op, 'http://127.0.0.1:9')).toThrow(/CreateVpcChannelV2: give a value for project_id, instance_id \(--param name=value\)/);
    expect(exampleRequests(doc, op, 'http://127.0.0.1:9', { project_id: 'p', instance_id: 'i' })[0]!.url).toMatch(/\/v2\/p\/apigw\/instances\/i\/vpc-channels$/);
  });

  it('an unknown operation or parameter, a bad upstream', async () => {
    const op = await command('scripts/contract.mjs', ['--service', 'vpcep', ...upstream, '--replay', '--token', 't', '--operation', 'ListEndpoint']);
    expect(op.code).toBe(2);
    expect(op.stderr).toMatch(/no operation ListEndpoint in the vpcep spec \(known: .*ListEndpoints/);
    const param = await command('scripts/contract.mjs', ['--service', 'vpcep', ...upstream, '--replay', '--token', 't', '--param', 'projectid=x']);
    expect(param.code).toBe(2);
    expect(param.stderr).toMatch(/--param projectid: no such parameter/);
    const url = await command('scripts/contract.mjs', ['--service', 'vpcep', '--upstream', 'vpcep.example']);
    expect(url.code).toBe(2);
    expect(url.stderr).toMatch(/--upstream takes an http\(s\) URL/);
  });
});

describe('npm run mock', () => {
  it('refuses a port that is not a port number', async () => {
    const result = await command('scripts/mock.mjs', ['--port', 'eighty']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--port takes a port number/);
  });
});
