// The package as users get it: built from a clone of the working tree by npm (`prepare`), packed
// and installed into a fresh project, whose TypeScript code (ESM and CommonJS files) is
// type-checked under `moduleResolution: nodenext` against the shipped declarations, compiled, and
// run against a local server. One build, one install and one TypeScript program serve every case
// (the mock entry point's user code too).
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
/** The one user project: the package as npm installed it, and msw (the mock entry point's optional peer). */
let app: string;
let installed: string;
let packedFiles: string[];

/** Tracked and untracked-but-not-ignored files of the working tree, committed to a fresh repo. */
async function gitRepoOfWorkingTree(dir: string): Promise<void> {
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
}

/** Every file below `dir`, relative, with forward slashes. */
async function filesBelow(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
}

// TypeScript's default library files, parsed once for every program (the programs' options agree).
const libFiles = new Map<string, ts.SourceFile | undefined>();

/**
 * Type-checks and compiles `files` as tsc would in `dir` (in this process). Returns, per root
 * file, every file its imports reach (transitively), from the module resolution tsc does.
 */
async function compile(dir: string, files: string[], options: Record<string, unknown> = compilerOptions): Promise<Map<string, Set<string>>> {
  await fs.writeFile(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: options, files }));
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
  // tsc's own resolution (mode per import: ESM or CJS), recorded as an import graph.
  const imports = new Map<string, Set<string>>();
  const cache = ts.createModuleResolutionCache(dir, (f) => host.getCanonicalFileName(f), parsed.options);
  host.resolveModuleNameLiterals = (literals, containingFile, redirected, opts, containingSourceFile) =>
    literals.map((literal) => {
      const mode = ts.getModeForUsageLocation(containingSourceFile, literal, opts);
      const resolved = ts.resolveModuleName(literal.text, containingFile, opts, host, cache, redirected, mode);
      const to = resolved.resolvedModule?.resolvedFileName;
      if (to) imports.set(containingFile, (imports.get(containingFile) ?? new Set()).add(path.resolve(to)));
      return resolved;
    });
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options, host });
  const emitted = program.emit();
  // As tsc reports them, less the semantic check of TypeScript's own library files (lib.dom.d.ts
  // and the like, a third of the time): every other declaration file, the package's and those it
  // reaches, is checked as skipLibCheck: false would.
  const checked = program.getSourceFiles().filter((file) => !program.isSourceFileDefaultLibrary(file));
  const diagnostics = [
    ...program.getConfigFileParsingDiagnostics(),
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
    ...program.getSyntacticDiagnostics(),
    ...checked.flatMap((file) => program.getSemanticDiagnostics(file)),
    ...emitted.diagnostics,
  ].map((d) =>
    `${d.file ? `${path.relative(dir, d.file.fileName)}: ` : ''}${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`,
  );
  expect(diagnostics.join('\n')).toBe('');
  const reached = new Map<string, Set<string>>();
  for (const rootFile of parsed.fileNames) {
    const seenFiles = new Set<string>();
    const queue = [path.resolve(rootFile)];
    for (let file = queue.pop(); file; file = queue.pop()) {
      for (const next of imports.get(file) ?? []) if (!seenFiles.has(next)) queue.push(seenFiles.add(next) && next);
    }
    reached.set(path.relative(dir, rootFile), seenFiles);
  }
  return reached;
}

async function runUser(dir: string, file: string) {
  const { stdout } = await run(process.execPath, [file], { cwd: dir, env: { ...process.env, HWC_TEST_BASE_URL: baseUrl } });
  return JSON.parse(stdout);
}

// How npm installs a git dependency (npm 11, pacote): it clones the repository, runs `npm install`
// there (the lockfile's development dependencies), then packs the clone as a directory, which runs
// `prepare`, and installs that tarball. Here: a real clone of the working tree's commit, whose
// development dependencies are this repo's node_modules (installed by `npm ci` from the same
// lockfile, linked rather than unpacked a second time: the one step left out), installed with
// --install-links, so npm itself runs `prepare` in the clone, packs it by `files` and installs the
// tarball, as for a git URL. The registry tarball (`npm pack`, which runs prepare too) has the
// same content.
beforeAll(async () => {
  work = await fs.mkdtemp(path.join(os.tmpdir(), 'hwc-pack-'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  await gitRepoOfWorkingTree(path.join(work, 'repo'));
  const clone = path.join(work, 'clone');
  await run('git', ['clone', '-q', path.join(work, 'repo'), clone]);
  await fs.symlink(path.join(root, 'node_modules'), path.join(clone, 'node_modules'), 'dir');
  app = path.join(work, 'app');
  await fs.mkdir(app);
  // npm 11 asks for approval of a dependency's `prepare` (an error under --strict-allow-scripts):
  // a local package's key is its resolved path; msw's own install script stays denied.
  const allowScripts = { [`file:${clone}`]: true, msw: false };
  await fs.writeFile(path.join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module', allowScripts }, null, 2));
  // msw is an optional peer of the mock entry point: the user installs it, at the version this repo tests.
  await npm(['install', '--prefer-offline', '--no-package-lock', '--no-save', '--install-links', '--strict-allow-scripts', clone, `msw@${pkg.devDependencies.msw}`], app);
  installed = path.join(app, 'node_modules', pkg.name);
  packedFiles = await filesBelow(installed);
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
    // npm runs prepare for the registry tarball (npm pack, npm publish) and for a git install; a
    // prepack script as well would build everything twice on npm pack.
    expect(pkg.scripts.prepare).toBe('node scripts/compile.mjs');
    expect(pkg.scripts.prepack).toBeUndefined();
  });

  it('every entry point answers both import and require in plain Node', async () => {
    const entries = ['cce', 'vpcep', 'apig', 'runtime'].map((e) => `${pkg.name}/${e}`);
    await fs.writeFile(
      path.join(app, 'both.mjs'),
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
    const { stdout } = await run(process.execPath, ['both.mjs'], { cwd: app });
    const out = JSON.parse(stdout);
    for (const id of entries) {
      expect(out[id].esm.length, id).toBeGreaterThan(0);
      expect(out[id].cjs, id).toEqual(out[id].esm);
      expect(out[id].esmFile).toMatch(/\/dist\/esm\/.*\.js$/);
      expect(out[id].cjsFile).toMatch(/\/dist\/cjs\/.*\.js$/);
    }
  }, 180_000);

  // One program for both formats (user.ts is ESM in this "type": "module" project, user.cts is
  // CommonJS); what each root file reaches through tsc's resolution shows which declarations it used.
  it('user code (ESM and CommonJS) and every README example type-check under nodenext against the declarations of their format, compile and run against a local server', async () => {
    await fs.writeFile(path.join(app, 'user.ts'), USER_CODE);
    await fs.writeFile(path.join(app, 'user.cts'), USER_CODE);
    const readme = await writeReadmeExamples(app);
    const reached = await compile(app, ['user.ts', 'user.cts', ...readme]);
    for (const [file, format] of [...readme.map((f) => [f, 'esm'] as const), ['user.ts', 'esm'], ['user.cts', 'cjs']] as const) {
      const files = [...reached.get(file)!];
      if (file.startsWith('user')) expect(files.some((f) => f.includes(`/dist/${format}/generated/vpcep/index.d.ts`)), file).toBe(true);
      expect(files.filter((f) => f.includes(`/dist/${format === 'esm' ? 'cjs' : 'esm'}/`)), file).toEqual([]);
    }
    expect(await fs.readFile(path.join(app, 'out/user.js'), 'utf8')).toMatch(/from 'huaweicloud-openapi\/vpcep'/);
    expect(await fs.readFile(path.join(app, 'out/user.cjs'), 'utf8')).toMatch(/require\("huaweicloud-openapi\/vpcep"\)/);
    expectUserRun(await runUser(app, 'out/user.js'));
    expectUserRun(await runUser(app, 'out/user.cjs'));
  }, 180_000);

  it('installed as npm installs a git dependency: prepare built dist/ in the clone (the repository has none) and npm packed it', async () => {
    await expect(fs.access(path.join(work, 'repo', 'dist'))).rejects.toThrow();
    for (const format of ['esm', 'cjs']) {
      await fs.access(path.join(work, 'clone', `dist/${format}/generated/vpcep/index.js`));
      expect(await fs.readFile(path.join(installed, `dist/${format}/generated/vpcep/index.js`), 'utf8')).toBe(
        await fs.readFile(path.join(work, 'clone', `dist/${format}/generated/vpcep/index.js`), 'utf8'),
      );
    }
  });
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
  const mockProject = () => app;

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
    // Stateful, and nothing created yet: VPC endpoints are a resource (CreateEndpoint makes them), so the list is empty.
    expect(out.page).toEqual({ endpoints: [], total_count: 0 });
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
    // As `tsc -p` with this project's test settings would (skipLibCheck: msw's own declarations are not ours to check).
    await compile(mockProject(), ['mock.ts'], { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, lib: ['ES2022', 'DOM'], types: [] });
  }, 60_000);
});
