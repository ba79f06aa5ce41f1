// The mock from a user's project: the packed package and msw installed into a fresh folder,
// used from plain ESM the way the guide shows (setupServer for fetch, the local server through
// baseUrl), and a TypeScript test file type-checked against the shipped declarations.
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { root } from '../support/paths.js';

const run = promisify(execFile);
const npm = (args: string[], cwd: string) =>
  run('npm', args, { cwd, env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' }, maxBuffer: 32 * 1024 * 1024 });
const pkg = JSON.parse(await fs.readFile(path.join(root, 'package.json'), 'utf8'));
let project: string;

beforeAll(async () => {
  project = await fs.mkdtemp(path.join(os.tmpdir(), 'hwc-mock-user-'));
  const { stdout } = await npm(['pack', '--json', '--pack-destination', project], root);
  const tarball = path.join(project, JSON.parse(stdout)[0].filename);
  await fs.writeFile(path.join(project, 'package.json'), JSON.stringify({ name: 'mock-user-project', private: true, type: 'module' }));
  // msw is an optional peer: the user installs it, at the version this repo tests.
  await npm(['install', '--prefer-offline', '--no-package-lock', '--ignore-scripts', tarball, `msw@${pkg.devDependencies.msw}`], project);
}, 240_000);
afterAll(() => fs.rm(project, { recursive: true, force: true }));

it('answers a user project through setupServer and through the local server', async () => {
  const script = `
    import { setupServer } from 'msw/node';
    import { createMockHandlers, startMockServer, vpcepMock } from '${pkg.name}/mock';
    import { createVpcepClient, VpcepError } from '${pkg.name}/vpcep';
    const out = {};
    const vpcep = createMockHandlers(vpcepMock, { stateful: true });
    const server = setupServer(...vpcep.handlers);
    server.listen({ onUnhandledRequest: 'error' });
    // MSW intercepts fetch, not undici's dispatcher (the Node default): send through fetch, bound late.
    const client = createVpcepClient({ region: 'cn-north-4', projectId: 'proj-1', auth: { token: 'tok' }, retry: false, fetch: (input, init) => fetch(input, init) });
    out.page = await client.listEndpoints({ limit: 10 });
    vpcep.mock.prefer('ListEndpoints', { status: 404 });
    out.notFound = await client.listEndpoints().catch((e) => ({ isVpcepError: e instanceof VpcepError, status: e.status, code: e.code }));
    vpcep.mock.reset();
    out.invalid = await client.listEndpoints({ limit: 'ten' }, { validate: false }).catch((e) => ({ status: e.status, code: e.code }));
    out.violations = vpcep.mock.violations.map((v) => v.issues.map((i) => i.path));
    server.close();

    const local = await startMockServer(vpcep.handlers);
    const direct = createVpcepClient({ baseUrl: local.url, projectId: 'proj-1', auth: { token: 'tok' }, retry: false });
    const created = await direct.createEndpointService({ body: { port_id: '4189d3c2-8882-4871-a3c2-d380272eed88', vpc_id: '4189d3c2-8882-4871-a3c2-d380272eed80', server_type: 'VM', service_type: 'interface', ports: [{ client_port: 80, server_port: 8080, protocol: 'TCP' }] } });
    const updated = await direct.updateEndpointService({ vpc_endpoint_service_id: created.id, body: { description: 'renamed' } });
    out.stateful = { sameId: updated.id === created.id, description: updated.description, ports: updated.ports, project: created.project_id };
    await local.close();
    console.log(JSON.stringify(out));`;
  await fs.writeFile(path.join(project, 'use.mjs'), script);
  const { stdout } = await run(process.execPath, ['use.mjs'], { cwd: project });
  const out = JSON.parse(stdout);
  const spec = JSON.parse(await fs.readFile(path.join(root, 'generated/vpcep/openapi.json'), 'utf8'));
  const listExample = Object.values<any>(spec.components.examples).find((e) => Array.isArray(e.value?.endpoints))!.value;
  expect(out.page).toEqual(listExample);
  expect(out.notFound).toEqual({ isVpcepError: true, status: 404, code: 'EndPoint.0005' });
  expect(out.invalid).toEqual({ status: 400, code: 'EndPoint.0002' });
  expect(out.violations).toEqual([['query.limit']]);
  expect(out.stateful).toEqual({ sameId: true, description: 'renamed', ports: [{ client_port: 80, server_port: 8080, protocol: 'TCP' }], project: 'proj-1' });
}, 60_000);

it('type-checks a TypeScript test file against the shipped declarations', async () => {
  await fs.writeFile(
    path.join(project, 'mock.ts'),
    `import { setupServer } from 'msw/node';
     import { createMockHandlers, startMockServer, cceMock, apigMock, type MockServer } from '${pkg.name}/mock';
     const cce = createMockHandlers(cceMock, { baseUrl: 'https://abc.cce.cn-north-4.myhuaweicloud.com' });
     const apig = createMockHandlers(apigMock);
     export const server = setupServer(...cce.handlers, ...apig.handlers);
     apig.mock.prefer('CreateVpcChannelV2', { status: 400, example: 'missing_parameter' });
     export const local: Promise<MockServer> = startMockServer(apig.handlers, { port: 0 });
     // @ts-expect-error the status must be a number or a string
     apig.mock.prefer('CreateVpcChannelV2', { status: true });`,
  );
  await fs.writeFile(
    path.join(project, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, lib: ['ES2022', 'DOM'], types: [] }, files: ['mock.ts'] }),
  );
  const tsc = path.join(root, 'node_modules/typescript/bin/tsc');
  const result = await run(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: project }).catch((e) => e);
  expect(`${result.stdout ?? ''}${result.stderr ?? ''}`).toBe('');
}, 60_000);
