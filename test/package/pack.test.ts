// The package as users get it: packed to a tarball and installed from a git URL into fresh ESM
// and CommonJS projects, whose TypeScript code is type-checked under `moduleResolution: nodenext`
// against the shipped declarations, compiled, and run against a local server.
// One build and one tarball serve every case (the mock entry point's user project too); the git
// install builds its own (npm runs `prepare`).
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root } from '../support/paths.js';

const run = promisify(execFile);
const pkg = JSON.parse(await fs.readFile(path.join(root, 'package.json'), 'utf8'));
const npmEnv = { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false', npm_config_progress: 'false' };
const npm = (args: string[], cwd: string) => run('npm', args, { cwd, env: npmEnv, maxBuffer: 32 * 1024 * 1024 });

// The user's program: every entry point, every service, one typed error; the same source
// compiles to ESM or CommonJS depending on the project (or the file's extension).
const USER_CODE = `
import { createVpcepClient, VpcepError, type ListEndpointsOutput, type components } from '${pkg.name}/vpcep';
import { createApigClient, ApigError } from '${pkg.name}/apig';
import { createCceClient } from '${pkg.name}/cce';
import { signRequest } from '${pkg.name}/runtime';

declare const process: { env: Record<string, string | undefined>; exitCode?: number };
const baseUrl = process.env.HWC_TEST_BASE_URL!;

async function main() {
  const vpcep = createVpcepClient({ baseUrl, projectId: 'proj-1', auth: { token: 'tok' }, retry: false });
  const page: ListEndpointsOutput = await vpcep.listEndpoints({ limit: 5, sort_dir: 'asc' });
  const neverCalled = () =>
    // @ts-expect-error 'up' is not a sort direction
    vpcep.listEndpoints({ sort_dir: 'up' });
  void neverCalled;
  let error: unknown;
  try {
    await vpcep.updateEndpointService({ vpc_endpoint_service_id: 'svc-1', body: { description: 'd' } });
  } catch (e) {
    error = e;
  }
  const apig = createApigClient({ baseUrl, projectId: 'proj-1', auth: { accessKey: 'ak', secretKey: 'sk' }, retry: false });
  const channel = await apig.createVpcChannelV2({
    instance_id: 'inst-1',
    body: { name: 'backend', port: 8080, balance_strategy: 1, member_type: 'ip', members: [{ host: '192.168.0.10' }] },
  });
  const cce = createCceClient({ baseUrl, auth: { token: 'tok' }, retry: false });
  const created = await cce.createCoreV1NamespacedEndpoints({
    namespace: 'default',
    body: { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'db' }, subsets: [{ addresses: [{ ip: '10.0.0.5' }], ports: [{ port: 5432 }] }] },
  });
  const endpoints: components['schemas'][keyof components['schemas']][] = [];
  console.log(JSON.stringify({
    page,
    channel: channel.name,
    created: created.metadata?.name,
    error: error instanceof VpcepError ? { status: error.status, code: error.code } : String(error),
    apigErrorIsClass: typeof ApigError === 'function',
    signer: typeof signRequest,
    endpoints: endpoints.length,
  }));
}
main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
`;

const compilerOptions = {
  module: 'NodeNext',
  moduleResolution: 'NodeNext',
  target: 'ES2022',
  strict: true,
  exactOptionalPropertyTypes: true,
  skipLibCheck: false,
  lib: ['ES2022', 'DOM'],
  types: [],
  outDir: 'out',
  rootDir: '.',
};

interface Seen {
  method: string;
  url: string;
  token: string | undefined;
  signed: boolean;
}
const seen: Seen[] = [];
const server = http.createServer((req, res) => {
  seen.push({ method: req.method!, url: req.url!, token: req.headers['x-auth-token'] as string | undefined, signed: /^SDK-HMAC-SHA256 /.test(req.headers.authorization ?? '') });
  const reply = (status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json', 'x-request-id': 'r-1' });
    res.end(JSON.stringify(body));
  };
  let text = '';
  req.on('data', (chunk) => (text += chunk));
  req.on('end', () => {
    if (req.method === 'GET' && req.url!.startsWith('/v1/proj-1/vpc-endpoints?')) return reply(200, { endpoints: [], total_count: 0 });
    if (req.method === 'POST' && req.url === '/v2/proj-1/apigw/instances/inst-1/vpc-channels') return reply(201, { ...JSON.parse(text), id: 'ch-1' });
    if (req.method === 'POST' && req.url === '/api/v1/namespaces/default/endpoints') {
      const body = JSON.parse(text);
      return reply(201, { ...body, metadata: { ...body.metadata, namespace: 'default', uid: 'u-1' } });
    }
    reply(404, { error_code: 'EndPoint.0005', error_msg: 'not found' });
  });
});

let work: string;
let baseUrl: string;
let tarball: string;
let packedFiles: string[];
/** project name -> directory */
const projects = new Map<string, string>();

/** Tracked and untracked-but-not-ignored files of the working tree, committed to a fresh repo. */
async function gitRepoOfWorkingTree(dir: string): Promise<string> {
  const { stdout } = await run('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: root, maxBuffer: 32 * 1024 * 1024 });
  for (const rel of stdout.split('\0').filter(Boolean)) {
    const from = path.join(root, rel);
    const stat = await fs.lstat(from).catch(() => null);
    if (!stat?.isFile()) continue; // deleted in the working tree
    await fs.mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await fs.copyFile(from, path.join(dir, rel));
  }
  const git = (...args: string[]) => run('git', ['-c', 'user.name=pack-test', '-c', 'user.email=pack-test@localhost', '-c', 'commit.gpgsign=false', ...args], { cwd: dir });
  await git('init', '-q');
  await git('add', '-A');
  await git('commit', '-q', '-m', 'working tree');
  return `git+file://${dir}`;
}

async function makeProject(name: string, type: 'module' | 'commonjs', extra: Record<string, unknown> = {}): Promise<string> {
  const dir = path.join(work, name);
  await fs.mkdir(dir);
  await fs.writeFile(path.join(dir, 'package.json'), JSON.stringify({ name, private: true, type, ...extra }, null, 2));
  projects.set(name, dir);
  return dir;
}

// TypeScript's default library files, parsed once for every project (the projects' options agree).
const libFiles = new Map<string, ts.SourceFile | undefined>();

/** Type-checks and compiles `files` as tsc would in `dir` (in this process); returns the files it read. */
async function compile(dir: string, files: string[]): Promise<string[]> {
  await fs.writeFile(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, files }));
  const parsed = ts.getParsedCommandLineOfConfigFile(path.join(dir, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })!;
  expect(parsed.errors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual([]);
  const host = ts.createCompilerHost(parsed.options);
  const getSourceFile = host.getSourceFile.bind(host);
  const libDir = path.dirname(ts.getDefaultLibFilePath(parsed.options));
  host.getSourceFile = (fileName, language, ...rest) => {
    if (path.dirname(fileName) !== libDir) return getSourceFile(fileName, language, ...rest);
    if (!libFiles.has(fileName)) libFiles.set(fileName, getSourceFile(fileName, language, ...rest));
    return libFiles.get(fileName);
  };
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options, host });
  const emitted = program.emit();
  const diagnostics = [...ts.getPreEmitDiagnostics(program), ...emitted.diagnostics].map((d) =>
    `${d.file ? `${path.relative(dir, d.file.fileName)}: ` : ''}${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`,
  );
  expect(diagnostics.join('\n')).toBe('');
  return program.getSourceFiles().map((f) => f.fileName);
}

async function runUser(dir: string, file: string) {
  const { stdout } = await run(process.execPath, [file], { cwd: dir, env: { ...process.env, HWC_TEST_BASE_URL: baseUrl } });
  return JSON.parse(stdout);
}

beforeAll(async () => {
  work = await fs.mkdtemp(path.join(os.tmpdir(), 'hwc-pack-'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  // The git install (npm clones, installs the dev dependencies, runs `prepare`) is the long pole:
  // it starts as soon as the repository exists, while the tarball is built and installed.
  const gitInstall = (async () => {
    const gitUrl = await gitRepoOfWorkingTree(path.join(work, 'repo'));
    // npm 11 asks for approval of a git dependency's `prepare` (warning today, an error under
    // --strict-allow-scripts and in later npm releases); the key is the git URL, not the name.
    const git = await makeProject('git', 'commonjs', { allowScripts: { [gitUrl]: true } });
    await npm(['install', '--prefer-offline', '--strict-allow-scripts', gitUrl], git);
  })();
  const tarballInstalls = (async () => {
    // One build for the tarball: pack with --ignore-scripts so prepack does not build again.
    await run(process.execPath, [path.join(root, 'scripts/compile.mjs')], { cwd: root });
    const { stdout } = await npm(['pack', '--ignore-scripts', '--json', '--pack-destination', work], root);
    const packed = JSON.parse(stdout)[0];
    tarball = path.join(work, packed.filename);
    packedFiles = packed.files.map((f: { path: string }) => f.path);
    const esm = await makeProject('esm-tarball', 'module');
    const cjs = await makeProject('cjs-tarball', 'commonjs');
    const mock = await makeProject('mock-user', 'module');
    await Promise.all([
      npm(['install', '--prefer-offline', '--no-package-lock', tarball], esm),
      npm(['install', '--prefer-offline', '--no-package-lock', tarball], cjs),
      // msw is an optional peer of the mock entry point: the user installs it, at the version this repo tests.
      npm(['install', '--prefer-offline', '--no-package-lock', '--ignore-scripts', tarball, `msw@${pkg.devDependencies.msw}`], mock),
    ]);
  })();
  // allSettled: neither install may outlive a failure of the other (afterAll removes the folder).
  const results = await Promise.allSettled([gitInstall, tarballInstalls]);
  for (const r of results) if (r.status === 'rejected') throw r.reason;
}, 600_000);
afterAll(async () => {
  server.close();
  if (work) await fs.rm(work, { recursive: true, force: true });
});

describe('the packed package', () => {
  it('ships ESM and CommonJS builds, their declarations and the specs, not the sources', () => {
    for (const entry of ['generated/cce/index', 'generated/vpcep/index', 'generated/apig/index', 'src/runtime/index']) {
      for (const format of ['esm', 'cjs']) {
        expect(packedFiles).toContain(`dist/${format}/${entry}.js`);
        expect(packedFiles).toContain(`dist/${format}/${entry}.d.ts`);
      }
    }
    expect(packedFiles).toContain('dist/cjs/package.json');
    for (const service of ['cce', 'vpcep', 'apig']) expect(packedFiles).toContain(`generated/${service}/openapi.json`);
    for (const file of ['LICENSE', 'README.md', 'CHANGELOG.md', 'package.json']) expect(packedFiles).toContain(file);
    expect(packedFiles.filter((f) => /^(spec|src|scripts|test|templates)\//.test(f))).toEqual([]);
  });

  it('every entry point answers both import and require in plain Node', async () => {
    const dir = projects.get('esm-tarball')!;
    const entries = ['cce', 'vpcep', 'apig', 'runtime'].map((e) => `${pkg.name}/${e}`);
    await fs.writeFile(
      path.join(dir, 'both.mjs'),
      `import { createRequire } from 'node:module';
       const require = createRequire(import.meta.url);
       const out = {};
       for (const id of ${JSON.stringify(entries)}) {
         const esm = await import(id), cjs = require(id);
         out[id] = { esm: Object.keys(esm).sort(), cjs: Object.keys(cjs).filter((k) => k !== '__esModule').sort(),
                     esmFile: import.meta.resolve(id), cjsFile: require.resolve(id) };
       }
       console.log(JSON.stringify(out));`,
    );
    const { stdout } = await run(process.execPath, ['both.mjs'], { cwd: dir });
    const out = JSON.parse(stdout);
    for (const id of entries) {
      expect(out[id].esm.length, id).toBeGreaterThan(0);
      expect(out[id].cjs, id).toEqual(out[id].esm);
      expect(out[id].esmFile).toMatch(/\/dist\/esm\/.*\.js$/);
      expect(out[id].cjsFile).toMatch(/\/dist\/cjs\/.*\.js$/);
    }
  }, 180_000);

  it.each([
    ['esm-tarball', 'esm'],
    ['cjs-tarball', 'cjs'],
  ])('%s: user code (and, for ESM, every README example) type-checks under nodenext against the %s declarations and runs against a local server', async (name, format) => {
    const dir = projects.get(name)!;
    await fs.writeFile(path.join(dir, 'user.ts'), USER_CODE);
    // One tsc run per project: the README's examples are ES modules (top-level await).
    const read = await compile(dir, ['user.ts', ...(format === 'esm' ? await writeReadmeExamples(dir) : [])]);
    expect(read.some((f) => f.includes(`/dist/${format}/generated/vpcep/index.d.ts`))).toBe(true);
    expect(read.some((f) => f.includes(`/dist/${format === 'esm' ? 'cjs' : 'esm'}/`))).toBe(false);
    const emitted = await fs.readFile(path.join(dir, 'out/user.js'), 'utf8');
    expect(emitted).toMatch(format === 'cjs' ? /require\("huaweicloud-openapi\/vpcep"\)/ : /from 'huaweicloud-openapi\/vpcep'/);
    expectUserRun(await runUser(dir, 'out/user.js'));
  }, 180_000);

  it('installed from a git URL, npm builds dist/ (prepare) and both module formats work', async () => {
    const dir = projects.get('git')!;
    const installed = path.join(dir, 'node_modules', pkg.name);
    await fs.access(path.join(installed, 'dist/esm/generated/vpcep/index.js'));
    await fs.access(path.join(installed, 'dist/cjs/generated/vpcep/index.js'));
    await fs.writeFile(path.join(dir, 'user.mts'), USER_CODE);
    await fs.writeFile(path.join(dir, 'user.cts'), USER_CODE);
    const read = await compile(dir, ['user.mts', 'user.cts']);
    expect(read.some((f) => f.includes('/dist/esm/generated/vpcep/index.d.ts'))).toBe(true);
    expect(read.some((f) => f.includes('/dist/cjs/generated/vpcep/index.d.ts'))).toBe(true);
    expectUserRun(await runUser(dir, 'out/user.mjs'));
    expectUserRun(await runUser(dir, 'out/user.cjs'));
  }, 180_000);
});

/** Each ```ts block of the README as its own module, with the free names it uses declared. */
async function writeReadmeExamples(dir: string): Promise<string[]> {
  const readme = await fs.readFile(path.join(root, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
  expect(blocks.length).toBeGreaterThanOrEqual(3);
  const free =
    'declare const process: { env: Record<string, string | undefined> }; declare const vpc_id: string; declare const instanceId: string; declare const clusterId: string; declare const token: string;\n';
  const files: string[] = [];
  for (const [i, block] of blocks.entries()) {
    files.push(`readme-${i}.ts`);
    await fs.writeFile(path.join(dir, `readme-${i}.ts`), `${free}${block}\nexport {};\n`);
  }
  return files;
}

function expectUserRun(out: any) {
  expect(out).toEqual({
    page: { endpoints: [], total_count: 0 },
    channel: 'backend',
    created: 'db',
    error: { status: 404, code: 'EndPoint.0005' },
    apigErrorIsClass: true,
    signer: 'function',
    endpoints: 0,
  });
  const calls = seen.splice(0);
  expect(calls.find((c) => c.url.startsWith('/v1/proj-1/vpc-endpoints?'))).toEqual({ method: 'GET', url: '/v1/proj-1/vpc-endpoints?limit=5&sort_dir=asc', token: 'tok', signed: false });
  expect(calls.find((c) => c.url.includes('/vpc-channels'))).toMatchObject({ method: 'POST', token: undefined, signed: true });
  expect(calls.find((c) => c.url.includes('/endpoints') && c.method === 'POST')).toMatchObject({ token: 'tok' });
}

// The mock from a user's project, used from plain ESM the way the README shows (setupServer with
// the client given fetch, the local server through baseUrl), and a TypeScript test file
// type-checked against the shipped declarations.
describe('the mock entry point in a user project', () => {
  const mockProject = () => projects.get('mock-user')!;

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
    await fs.writeFile(path.join(mockProject(), 'use.mjs'), script);
    const { stdout } = await run(process.execPath, ['use.mjs'], { cwd: mockProject() });
    const out = JSON.parse(stdout);
    const spec = JSON.parse(await fs.readFile(path.join(root, 'generated/vpcep/openapi.json'), 'utf8'));
    // ListEndpoints' own 200 example (other examples have an `endpoints` array too, e.g. accept/reject requests).
    const listRef = Object.values<any>(spec.paths['/v1/{project_id}/vpc-endpoints'].get.responses['200'].content['application/json'].examples)[0].$ref;
    const listExample = spec.components.examples[listRef.split('/').pop()].value;
    expect(out.page).toEqual(listExample);
    expect(out.notFound).toEqual({ isVpcepError: true, status: 404, code: 'EndPoint.0005' });
    expect(out.invalid).toEqual({ status: 400, code: 'EndPoint.0002' });
    expect(out.violations).toEqual([['query.limit']]);
    expect(out.stateful).toEqual({ sameId: true, description: 'renamed', ports: [{ client_port: 80, server_port: 8080, protocol: 'TCP' }], project: 'proj-1' });
  }, 60_000);

  it('type-checks a TypeScript test file against the shipped declarations', async () => {
    await fs.writeFile(
      path.join(mockProject(), 'mock.ts'),
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
      path.join(mockProject(), 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, lib: ['ES2022', 'DOM'], types: [] }, files: ['mock.ts'] }),
    );
    const tsc = path.join(root, 'node_modules/typescript/bin/tsc');
    const result = await run(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: mockProject() }).catch((e) => e);
    expect(`${result.stdout ?? ''}${result.stderr ?? ''}`).toBe('');
  }, 60_000);
});
