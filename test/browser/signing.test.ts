// The VPCEP client in a real browser (Debian's headless Chromium): a small page is bundled by
// esbuild for `platform: browser` from the TypeScript sources, served from one 127.0.0.1 origin,
// and calls a stand-in API on another 127.0.0.1 origin (so CORS applies, as in a web console).
// The API verifies the IAM token and every AK/SK signature (with the vendor's Node signer);
// every other host is blocked. A Node-only import anywhere in the client fails the bundle step
// with the importing file named.
import fs from 'node:fs/promises';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root } from '../support/paths.js';
import { serveFolder, type StaticServer } from '../support/static-server.js';
import { startApiServer, type ApiServer } from './api-server.js';
import type { PageSdk } from './page.js';

const CHROMIUM = '/usr/bin/chromium'; // installed by scripts/ensure-chromium.mjs (npm pretest)
const OUT = path.join(root, 'test-output', 'browser');
const TOKEN = 'iam-token-for-the-browser-test';
const AK = 'BROWSERAK0000EXAMPLE';
const SK = 'browser-secret-key/+0000000000000000000';
const STS = 'temporary-security-token';
const PROJECT = '0123456789abcdef0123456789abcdef';
/** Resolves to 127.0.0.1, but over plain http a named host is not a secure context. */
const INSECURE_HOST = 'console.example.test';

const spec = JSON.parse(await fs.readFile(path.join(root, 'generated/vpcep/openapi.json'), 'utf8'));
const example = (name: string): any => structuredClone(spec.components.examples[name].value);
const listBody = example('list-two-interface-endpoints-response');
const createResponse = example('create-vm-interface-response');
// Non-ASCII in the body and the query: the signature must hash and escape UTF-8 as the vendor does.
const createRequest = { ...example('create-vm-interface-request'), description: 'Web console: 中文 ü (test)' };
const serviceName = 'com.example 服务/ü~*';

/** Bundles the page like an app would; esbuild's errors name the file and the import. */
async function bundlePage(): Promise<esbuild.Metafile> {
  await fs.rm(OUT, { recursive: true, force: true });
  await fs.mkdir(OUT, { recursive: true });
  try {
    const result = await esbuild.build({
      entryPoints: [path.join(root, 'test/browser/page.ts')],
      absWorkingDir: root,
      bundle: true,
      platform: 'browser',
      format: 'esm',
      target: 'es2022',
      outfile: path.join(OUT, 'page.js'),
      metafile: true,
      logLevel: 'silent',
    });
    await fs.copyFile(path.join(root, 'test/browser/index.html'), path.join(OUT, 'index.html'));
    return result.metafile;
  } catch (error) {
    const errors = (error as esbuild.BuildFailure).errors ?? [];
    if (!errors.length) throw error;
    const where = (m: esbuild.Message) => (m.location ? `${m.location.file}:${m.location.line}: ` : '');
    throw new Error(`esbuild --platform=browser failed:\n${errors.map((m) => `  ${where(m)}${m.text}`).join('\n')}`);
  }
}

let metafile: esbuild.Metafile;
let pages: StaticServer;
let api: ApiServer;
let browser: Browser;

beforeAll(async () => {
  [metafile, browser] = await Promise.all([
    bundlePage(),
    chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        // No host name resolves but INSECURE_HOST: only the 127.0.0.1 servers can be reached.
        `--host-resolver-rules=MAP ${INSECURE_HOST} 127.0.0.1, MAP * ~NOTFOUND, EXCLUDE 127.0.0.1`,
      ],
    }),
  ]);
  pages = await serveFolder(OUT);
  api = await startApiServer({
    pageOrigin: pages.origin,
    token: TOKEN,
    accessKey: AK,
    secretKey: SK,
    routes: [
      { method: 'GET', path: /^\/v1\/[^/]+\/vpc-endpoints$/, body: listBody },
      { method: 'POST', path: /^\/v1\/[^/]+\/vpc-endpoint-services$/, body: createResponse },
    ],
  });
});

afterAll(async () => {
  await Promise.all([browser?.close(), pages?.close(), api?.close()]);
});

describe('the client bundled for the browser', () => {
  it('bundles with esbuild --platform=browser, with Web Crypto and without any Node module', async () => {
    const inputs = Object.keys(metafile.inputs);
    expect(inputs).toEqual(expect.arrayContaining(['src/runtime/signer.ts', 'src/runtime/signing-crypto-web.ts', 'generated/vpcep/client.ts']));
    const externals = Object.values(metafile.outputs).flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path));
    expect(externals, 'imports left to the browser').toEqual([]);
    const text = await fs.readFile(path.join(OUT, 'page.js'), 'utf8');
    expect(text.match(/["']node:[a-z_/]+["']/g), 'Node module names in the bundle').toBeNull();
  });

  it('every service entry point bundles for the browser without a Node module', async () => {
    for (const service of ['cce', 'vpcep', 'apig']) {
      const result = await esbuild
        .build({
          entryPoints: [path.join(root, 'generated', service, 'index.ts')],
          absWorkingDir: root,
          bundle: true,
          platform: 'browser',
          format: 'esm',
          target: 'es2022',
          write: false,
          outdir: path.join(OUT, 'services'),
          logLevel: 'silent',
        })
        .catch((error: esbuild.BuildFailure) => {
          throw new Error(`${service}: ${error.errors.map((m) => `${m.location?.file}:${m.location?.line}: ${m.text}`).join('; ')}`);
        });
      const text = result.outputFiles.map((f) => f.text).join('\n');
      expect(text.match(/["']node:[a-z_/]+["']/g), `${service}: Node module names in the bundle`).toBeNull();
    }
  });

  it('token and AK/SK clients call the API from Chromium; the server verifies token and signatures', { timeout: 60_000 }, async () => {
    const page = await browser.newPage();
    const offsite: string[] = [];
    const toPageOrigin: string[] = [];
    const errors: string[] = [];
    // Observed, not routed: Playwright answers the CORS preflight of a routed request itself,
    // and the API's preflight handling is part of what is tested. Other hosts are unreachable
    // (launch flag) and any attempt to reach one fails the test.
    page.on('request', (request) => {
      const target = request.url();
      if (target.startsWith(`${api.origin}/`)) return;
      if (!target.startsWith(`${pages.origin}/`)) return void offsite.push(target);
      const headers = request.headers();
      if (headers['x-auth-token'] || headers['authorization']) toPageOrigin.push(target);
    });
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${pages.url}index.html`);
    await page.waitForSelector('body[data-sdk="ready"]', { state: 'attached', timeout: 30_000 });
    expect(await page.evaluate(() => window.isSecureContext), 'Web Crypto needs a secure context').toBe(true);

    const cfg = { api: api.origin, project: PROJECT, token: TOKEN, ak: AK, sk: SK, sts: STS, name: serviceName, body: createRequest };
    const got = await page.evaluate(async (c) => {
      const { createVpcepClient, ApiError } = (globalThis as unknown as { huaweicloudSdk: PageSdk }).huaweicloudSdk;
      const common = { baseUrl: c.api, projectId: c.project, retry: false } as const;
      const token = createVpcepClient({ ...common, auth: { token: c.token } });
      const aksk = createVpcepClient({ ...common, auth: { accessKey: c.ak, secretKey: c.sk, securityToken: c.sts } });
      const wrongKey = createVpcepClient({ ...common, auth: { accessKey: c.ak, secretKey: `${c.sk}-wrong` } });
      const failure = (e: unknown) => (e instanceof ApiError ? { status: e.status, code: e.code } : `not an ApiError: ${String(e)}`);
      return {
        tokenList: await token.listEndpoints({ limit: 10, endpoint_service_name: c.name }),
        akskList: await aksk.listEndpoints({ limit: 10, offset: 0, endpoint_service_name: c.name }),
        akskCreate: await aksk.createEndpointService({ body: c.body }),
        wrongKey: await wrongKey.listEndpoints({ limit: 1 }).then(() => 'resolved', failure),
      };
    }, cfg);
    await page.close();

    expect(got.tokenList).toEqual(listBody);
    expect(got.akskList).toEqual(listBody);
    expect(got.akskCreate).toEqual(createResponse);
    // The server can refuse: a signature made with another secret does not verify.
    expect(got.wrongKey).toEqual({ status: 401, code: 'APIGW.0301' });

    expect(api.requests.map((r) => [r.method, r.auth, r.verified, r.signedHeaders])).toEqual([
      ['GET', 'token', true, undefined],
      ['GET', 'aksk', true, 'accept;host;x-project-id;x-sdk-date;x-security-token'],
      ['POST', 'aksk', true, 'accept;content-type;host;x-project-id;x-sdk-date;x-security-token'],
      ['GET', 'aksk', false, 'accept;host;x-project-id;x-sdk-date'],
    ]);
    const param = (url: string) => new URL(url, 'http://x').searchParams.get('endpoint_service_name');
    expect(api.requests.slice(0, 2).map((r) => param(r.url))).toEqual([serviceName, serviceName]);
    expect(api.requests[1]!.url.startsWith(`/v1/${PROJECT}/vpc-endpoints?`)).toBe(true);
    expect(api.requests.every((r) => r.origin === pages.origin)).toBe(true);
    // Cross-origin with custom headers: the browser asked first, and only for expected headers.
    expect(api.preflights.filter((p) => !p.allowed)).toEqual([]);
    expect(new Set(api.preflights.map((p) => `${p.method} ${p.headers}`))).toEqual(
      new Set([
        'GET x-auth-token',
        'GET authorization,x-project-id,x-sdk-date,x-security-token',
        'POST authorization,content-type,x-project-id,x-sdk-date,x-security-token',
        'GET authorization,x-project-id,x-sdk-date',
      ]),
    );
    // Nothing secret left the page: no secret key anywhere, no credential to the page's origin.
    expect(api.requests.filter((r) => r.raw.includes(SK)).map((r) => r.url)).toEqual([]);
    expect(toPageOrigin).toEqual([]);
    expect(offsite, 'requests to other hosts').toEqual([]);
    expect(errors, 'script errors').toEqual([]);
  });

  it('on a page that is not a secure context, the AK/SK client refuses and sends nothing', { timeout: 60_000 }, async () => {
    const page = await browser.newPage();
    const before = { requests: api.requests.length, preflights: api.preflights.length };
    const url = `${pages.url.replace('127.0.0.1', INSECURE_HOST)}index.html`;
    await page.goto(url);
    await page.waitForSelector('body[data-sdk="ready"]', { state: 'attached', timeout: 30_000 });
    const got = await page.evaluate(
      async (c) => {
        const { createVpcepClient } = (globalThis as unknown as { huaweicloudSdk: PageSdk }).huaweicloudSdk;
        const aksk = createVpcepClient({ baseUrl: c.api, projectId: c.project, retry: false, auth: { accessKey: c.ak, secretKey: c.sk } });
        const subtle = typeof globalThis.crypto?.subtle;
        return aksk.listEndpoints({ limit: 1 }).then(
          () => ({ subtle, outcome: 'resolved' }),
          (e: Error) => ({ subtle, outcome: `${e.name}: ${e.message}` }),
        );
      },
      { api: api.origin, project: PROJECT, ak: AK, sk: SK },
    );
    await page.close();
    expect(got.subtle).toBe('undefined');
    expect(got.outcome).toMatch(/^ConfigurationError: AK\/SK signing needs Web Crypto \(crypto\.subtle\).*https or from localhost/);
    expect(got.outcome).not.toContain(SK);
    expect({ requests: api.requests.length, preflights: api.preflights.length }).toEqual(before);
  });
});
