// An edge runtime stand-in: the client bundled by esbuild for the browser, run in a fresh
// JavaScript context (node:vm) that has only web-standard globals (fetch, Web Crypto, URL,
// streams, timers) and no `process`, `require` or Node module, as in a Worker-style runtime.
// Both clients call a 127.0.0.1 API that verifies the token and the signature (vendor signer).
import vm from 'node:vm';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root } from '../support/paths.js';
import { startApiServer, type ApiServer } from './api-server.js';
import type { PageSdk } from './page.js';

const TOKEN = 'iam-token-for-the-edge-test';
const AK = 'EDGEAK00000EXAMPLE';
const SK = 'edge-secret-key/+000000000000000000000';
const LIST = { endpoints: [], total_count: 0 };

/** What a Worker-style runtime offers (borrowed from this Node); deliberately no `process`. */
const WEB_GLOBALS = [
  'fetch', 'Request', 'Response', 'Headers', 'FormData', 'Blob', 'URL', 'URLSearchParams', 'TextEncoder', 'TextDecoder',
  'crypto', 'AbortController', 'AbortSignal', 'DOMException', 'Event', 'EventTarget', 'ReadableStream', 'WritableStream',
  'TransformStream', 'setTimeout', 'clearTimeout', 'queueMicrotask', 'structuredClone', 'atob', 'btoa', 'console',
] as const;

let api: ApiServer;
let sdk: PageSdk;

beforeAll(async () => {
  const built = await esbuild.build({
    stdin: { contents: "export { ApiError, createVpcepClient } from './generated/vpcep/index.js';", resolveDir: root, sourcefile: 'edge-entry.ts', loader: 'ts' },
    absWorkingDir: root,
    bundle: true,
    platform: 'browser',
    format: 'iife',
    globalName: 'huaweicloudSdk',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  const context: Record<string, unknown> = {};
  for (const name of WEB_GLOBALS) context[name] = (globalThis as Record<string, unknown>)[name];
  vm.createContext(context);
  vm.runInContext(`${built.outputFiles[0]!.text}\nglobalThis.huaweicloudSdk = huaweicloudSdk;`, context, { filename: path.join(root, 'edge-bundle.js') });
  expect(vm.runInContext('typeof process + typeof require', context)).toBe('undefinedundefined');
  sdk = context['huaweicloudSdk'] as PageSdk;
  api = await startApiServer({
    pageOrigin: 'none', // no browser, no CORS
    token: TOKEN,
    accessKey: AK,
    secretKey: SK,
    routes: [{ method: 'GET', path: /^\/v1\/[^/]+\/vpc-endpoints$/, body: LIST }],
  });
});

afterAll(async () => {
  await api?.close();
});

describe('the browser bundle in a context with only web APIs', () => {
  it('token and AK/SK clients call the API; the signature verifies with the vendor signer', async () => {
    const common = { baseUrl: api.origin, projectId: 'p1', retry: false } as const;
    const token = sdk.createVpcepClient({ ...common, auth: { token: TOKEN } });
    const aksk = sdk.createVpcepClient({ ...common, auth: { accessKey: AK, secretKey: SK } });
    expect(await token.listEndpoints({ limit: 5 })).toEqual(LIST);
    expect(await aksk.listEndpoints({ limit: 5, endpoint_service_name: 'ü svc' })).toEqual(LIST);
    const wrong = sdk.createVpcepClient({ ...common, auth: { accessKey: AK, secretKey: 'not-the-key' } });
    await expect(wrong.listEndpoints({ limit: 5 })).rejects.toMatchObject({ name: 'VpcepError', status: 401 });
    expect(api.requests.map((r) => [r.auth, r.verified, r.signedHeaders])).toEqual([
      ['token', true, undefined],
      ['aksk', true, 'accept;host;x-project-id;x-sdk-date'],
      ['aksk', false, 'accept;host;x-project-id;x-sdk-date'],
    ]);
  });
});
