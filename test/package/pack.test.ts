// The packed package, installed into a fresh project and used the way a user would: ESM
// imports of each service entry point, a real call to a local server, and its declarations
// type-checked by tsc.
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root } from '../support/paths.js';

const run = promisify(execFile);
const npm = (args: string[], cwd: string) =>
  run('npm', args, { cwd, env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' }, maxBuffer: 32 * 1024 * 1024 });

let project: string;
const pkg = JSON.parse(await fs.readFile(path.join(root, 'package.json'), 'utf8'));

beforeAll(async () => {
  project = await fs.mkdtemp(path.join(os.tmpdir(), 'hwc-user-'));
  const { stdout } = await npm(['pack', '--json', '--pack-destination', project], root);
  const tarball = path.join(project, JSON.parse(stdout)[0].filename);
  await fs.writeFile(path.join(project, 'package.json'), JSON.stringify({ name: 'user-project', private: true, type: 'module' }));
  await npm(['install', '--prefer-offline', '--no-package-lock', tarball], project);
}, 180_000);
afterAll(() => fs.rm(project, { recursive: true, force: true }));

describe('the packed package', () => {
  it('ships compiled entry points, declarations and the specs, not the sources', async () => {
    const installed = path.join(project, 'node_modules', pkg.name);
    for (const service of ['cce', 'vpcep', 'apig']) {
      await fs.access(path.join(installed, 'dist/generated', service, 'index.js'));
      await fs.access(path.join(installed, 'dist/generated', service, 'index.d.ts'));
      await fs.access(path.join(installed, 'generated', service, 'openapi.json'));
    }
    await expect(fs.access(path.join(installed, 'spec'))).rejects.toThrow();
    await expect(fs.access(path.join(installed, 'src'))).rejects.toThrow();
  });

  it('works from plain ESM against a local server', async () => {
    const script = `
      import http from 'node:http';
      import { createVpcepClient, VpcepError } from '${pkg.name}/vpcep';
      import { createApigClient } from '${pkg.name}/apig';
      import { createCceClient } from '${pkg.name}/cce';
      const seen = [];
      const server = http.createServer((req, res) => {
        seen.push({ method: req.method, url: req.url, token: req.headers['x-auth-token'] });
        if (req.url.startsWith('/v1/proj-1/vpc-endpoints')) {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ endpoints: [], total_count: 0 }));
        } else {
          res.writeHead(404, { 'content-type': 'application/json', 'x-request-id': 'r-1' });
          res.end(JSON.stringify({ error_code: 'EndPoint.0005', error_msg: 'not found' }));
        }
      });
      await new Promise((r) => server.listen(0, '127.0.0.1', r));
      const baseUrl = 'http://127.0.0.1:' + server.address().port;
      const vpcep = createVpcepClient({ baseUrl, projectId: 'proj-1', auth: { token: 'tok' }, retry: false });
      const page = await vpcep.listEndpoints({ limit: 5, sort_dir: 'asc' });
      let error;
      try { await vpcep.updateEndpointService({ vpc_endpoint_service_id: 'x', body: { description: 'd' } }); } catch (e) { error = e; }
      server.close();
      console.log(JSON.stringify({
        page, seen,
        error: { isVpcepError: error instanceof VpcepError, status: error.status, code: error.code },
        hosts: [createApigClient({ region: 'cn-north-4', projectId: 'p', auth: { token: 't' } }).core.baseUrl,
                createCceClient({ region: 'cn-north-4', clusterId: 'abc', auth: { token: 't' } }).core.baseUrl],
      }));`;
    await fs.writeFile(path.join(project, 'use.mjs'), script);
    const { stdout } = await run(process.execPath, ['use.mjs'], { cwd: project });
    const out = JSON.parse(stdout);
    expect(out.page).toEqual({ endpoints: [], total_count: 0 });
    expect(out.seen[0]).toEqual({ method: 'GET', url: '/v1/proj-1/vpc-endpoints?limit=5&sort_dir=asc', token: 'tok' });
    expect(out.error).toEqual({ isVpcepError: true, status: 404, code: 'EndPoint.0005' });
    expect(out.hosts[0]).toBe('https://apig.cn-north-4.myhuaweicloud.com');
    expect(out.hosts[1]).toMatch(/^https:\/\/abc\..*cn-north-4.*myhuaweicloud\.com$/);
  });

  it('type-checks user code and every README example against the shipped declarations', async () => {
    const readme = await fs.readFile(path.join(root, 'README.md'), 'utf8');
    const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(blocks.length).toBeGreaterThanOrEqual(3);
    const free = 'declare const process: { env: Record<string, string | undefined> }; declare const vpc_id: string; declare const instanceId: string; declare const clusterId: string; declare const token: string;\n';
    const files = ['use.ts'];
    for (const [i, block] of blocks.entries()) {
      files.push(`readme-${i}.ts`);
      await fs.writeFile(path.join(project, `readme-${i}.ts`), `${free}${block}\nexport {};\n`);
    }
    await fs.writeFile(
      path.join(project, 'use.ts'),
      `import { createVpcepClient, type ListEndpointsOutput } from '${pkg.name}/vpcep';
       const vpcep = createVpcepClient({ region: 'cn-north-4', projectId: 'p', auth: { token: 't' } });
       export const page: Promise<ListEndpointsOutput> = vpcep.listEndpoints({ limit: 50, sort_dir: 'asc' });
       // @ts-expect-error 'up' is not a sort direction
       export const bad = vpcep.listEndpoints({ sort_dir: 'up' });`,
    );
    await fs.writeFile(
      path.join(project, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: false, lib: ['ES2022', 'DOM'], types: [] }, files }),
    );
    const tsc = path.join(root, 'node_modules/typescript/bin/tsc');
    const result = await run(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: project }).catch((e) => e);
    expect(`${result.stdout ?? ''}${result.stderr ?? ''}`).toBe('');
  });
});
