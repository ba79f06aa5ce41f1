import { createRequire } from 'node:module';
import { describe, expect, it, vi } from 'vitest';
import { canonicalRequest, formatSdkDate, sdkEscape, signRequest, signRequestWith, type SignableRequest } from '../../src/runtime/signer.js';
import type { SigningCrypto } from '../../src/runtime/signing-crypto.js';
import { nodeSigningCrypto } from '../../src/runtime/signing-crypto-node.js';
import { webSigningCrypto } from '../../src/runtime/signing-crypto-web.js';

// Vectors from the vendor's public Go SDK:
//   repo huaweicloud/huaweicloud-sdk-go-v3, path core/auth/signer/signer_test.go
//   (stored version at commit 54c11bc944dfd3d849239f7fcde65a383884688c), TestSigner_Sign and
//   TestSigner_canonicalQueryString. ak "AccessKey", sk "SecretKey", endpoint
//   https://example.huaweicloud.com, path /path, X-Sdk-Date 20060102T150405Z.
// Go signs only the caller's headers minus Content-Type and names with "_" (no host),
// hence signHost/signContentType: false to reproduce them. Its body is json.Encoder
// output, which ends with "\n". A later version of that test (commit d546e7ae…) expects
// eb70b3a0…/7f587e76…: those equal the same requests WITHOUT the query string, because
// there AddQueryParam got plain values that canonicalQueryString silently skips.
const creds = { accessKey: 'AccessKey', secretKey: 'SecretKey' };
const goDate = new Date(Date.UTC(2006, 0, 2, 15, 4, 5));
const goOpts = { signHost: false, signContentType: false } as const;

// Every vector runs through both hash implementations: Node's crypto (what Node uses) and
// Web Crypto (what browsers and edge runtimes use; Node 20 has crypto.subtle too).
const implementations: [string, SigningCrypto][] = [
  ['node:crypto', nodeSigningCrypto()!],
  ['Web Crypto', webSigningCrypto()!],
];

describe.each(implementations)('signRequest: Go SDK vectors (%s)', (_, crypto) => {
  const signRequest = (...args: [SignableRequest, typeof creds, Date, typeof goOpts?]) => signRequestWith(crypto, ...args);
  it('test1: GET with query limit=1', async () => {
    const h = await signRequest(
      {
        method: 'GET',
        url: 'https://example.huaweicloud.com/path?limit=1',
        headers: { 'X-Sdk-Date': '20060102T150405Z', TEST_UNDERSCORE: 'TEST_VALUE' },
      },
      creds,
      goDate,
      goOpts,
    );
    expect(h['X-Sdk-Date']).toBe('20060102T150405Z');
    expect(h.Authorization).toBe(
      'SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=x-sdk-date, ' +
        'Signature=5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624',
    );
  });

  it('test2: POST JSON body with query key=value', async () => {
    const h = await signRequest(
      {
        method: 'POST',
        url: 'https://example.huaweicloud.com/path?key=value',
        headers: { TEST_UNDERSCORE: 'TEST_VALUE', 'Content-Type': 'application/json' },
        body: '{"Name":"test","Id":1}\n',
      },
      creds,
      goDate,
      goOpts,
    );
    expect(h.Authorization).toBe(
      'SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=x-sdk-date, ' +
        'Signature=cecc2af119b18ab70b4d094c0750f3b42c02f254903179a0fc2cc72fc9db4f59',
    );
  });

  it('later-version vectors (no query string) and Uint8Array body', async () => {
    const g = await signRequest({ method: 'GET', url: 'https://example.huaweicloud.com/path', headers: {} }, creds, goDate, goOpts);
    expect(g.Authorization).toMatch(/Signature=eb70b3a0caf6633a8b8e4317622d8a0f6819821ec84896ceb7739a57e2d9ed76$/);
    const p = await signRequest(
      {
        method: 'POST',
        url: 'https://example.huaweicloud.com/path',
        headers: { 'Content-Type': 'application/json' },
        body: new TextEncoder().encode('{"Name":"test","Id":1}\n'),
      },
      creds,
      goDate,
      goOpts,
    );
    expect(p.Authorization).toMatch(/Signature=7f587e76874c5079f7e98769ab285ee75bea28e30110ab10dec4fc4d12c32f62$/);
  });

  it('canonical query string vector', async () => {
    // Built with encodeURIComponent (%20 for space), as openapi-fetch does.
    const search =
      '?limit=1&enable=true&test=' +
      encodeURIComponent('一 (&=?!#%.*)') +
      '&path=' +
      encodeURIComponent('/tmp/123') +
      '&multi=3&multi=1&multi=2';
    const { canonical } = await canonicalRequest(
      { method: 'GET', url: 'https://example.huaweicloud.com/' + search, headers: {} },
      '20060102T150405Z',
      undefined,
      crypto,
    );
    expect(canonical.split('\n')[2]).toBe(
      'enable=true&limit=1&multi=1&multi=2&multi=3&path=%2Ftmp%2F123&test=%E4%B8%80%20%28%26%3D%3F%21%23%25.%2A%29',
    );
  });
});

describe.each(implementations)('signRequest: Node SDK behaviour (%s)', (_, crypto) => {
  // Differential check against the vendor's Node SDK (devDependency), which signs
  // host and content-type as well as every caller header.
  const require = createRequire(import.meta.url);
  const { AKSKSigner } = require('@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner') as {
    AKSKSigner: { sign(r: unknown, c: unknown): Record<string, string> };
  };
  const vendorCreds = { getAk: () => 'AK', getSk: () => 'SK/secret+key' };

  it.each([
    ['GET', '/v1/p1/vpc-endpoints', { limit: '10', offset: '20' }, undefined],
    ['POST', '/v1/p1/vpc-endpoint-services', {}, { port: 80, name: 'a b/ü' }],
    ['DELETE', '/v1.0/apigw/instances/i-1/apis/a1', { 'x y': 'ü~!*' }, undefined],
  ] as const)('%s %s matches AKSKSigner', async (method, path, query, data) => {
    const endpoint = 'https://svc.cn-north-4.myhuaweicloud.com';
    const headers = {
      'X-Sdk-Date': '20240229T235959Z',
      'Content-Type': 'application/json;charset=UTF-8',
      'X-Project-Id': 'p1',
    };
    const expected = AKSKSigner.sign(
      { endpoint: endpoint + path, method, headers: { ...headers }, queryParams: { ...query }, data },
      vendorCreds,
    );
    const search = Object.entries(query)
      .map(([k, v]) => encodeURIComponent(k) + '=' + encodeURIComponent(v))
      .join('&');
    const url = endpoint + path.split('/').map(encodeURIComponent).join('/') + (search ? '?' + search : '');
    const body = data === undefined ? undefined : JSON.stringify(data);
    const got = await signRequestWith(
      crypto,
      { method, url, headers: { 'Content-Type': headers['Content-Type'], 'X-Project-Id': 'p1' }, ...(body ? { body } : {}) },
      { accessKey: 'AK', secretKey: 'SK/secret+key' },
      new Date(Date.UTC(2024, 1, 29, 23, 59, 59)),
    );
    expect(got.Authorization).toBe(expected.Authorization);
    expect(got.Authorization).toContain('SignedHeaders=content-type;host;x-project-id;x-sdk-date,');
  });
});

describe('signRequest: details', () => {
  const base = { method: 'GET', url: 'https://h.example.com:8443/a', headers: {} };

  it('formats the date in UTC', () => {
    expect(formatSdkDate(new Date('2024-03-09T01:02:03.456+05:00'))).toBe('20240308T200203Z');
    // The same second reuses the string; the next second and earlier ones do not.
    expect(formatSdkDate(new Date('2024-03-08T20:02:03.999Z'))).toBe('20240308T200203Z');
    expect(formatSdkDate(new Date('2024-03-08T20:02:04.000Z'))).toBe('20240308T200204Z');
    expect(formatSdkDate(new Date('1969-12-31T23:59:59.500Z'))).toBe('19691231T235959Z');
    expect(formatSdkDate(new Date('1970-01-01T00:00:00.000Z'))).toBe('19700101T000000Z');
    expect(() => formatSdkDate(new Date(NaN))).toThrow(RangeError);
  });

  it('signs host with its port, ignores a stale X-Sdk-Date and Authorization', async () => {
    const { canonical } = await canonicalRequest(
      { ...base, headers: { 'X-Sdk-Date': '19990101T000000Z', Authorization: 'x', 'X-Custom': '  v 1 ' } },
      '20240101T000000Z',
    );
    expect(canonical).toBe(
      'GET\n/a/\n\n' +
        'host:h.example.com:8443\nx-custom:v 1\nx-sdk-date:20240101T000000Z\n\n' +
        'host;x-custom;x-sdk-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
  });

  it('skips multipart content-type and honours X-Sdk-Content-Sha256', async () => {
    const { canonical, signedHeaders } = await canonicalRequest(
      {
        method: 'PUT',
        url: 'https://h/x/',
        headers: { 'content-type': 'multipart/form-data; boundary=b', 'X-Sdk-Content-Sha256': 'UNSIGNED-PAYLOAD' },
        body: 'ignored',
      },
      '20240101T000000Z',
    );
    expect(signedHeaders).toBe('host;x-sdk-content-sha256;x-sdk-date');
    expect(canonical.startsWith('PUT\n/x/\n')).toBe(true);
    expect(canonical.endsWith('\nUNSIGNED-PAYLOAD')).toBe(true);
  });

  it('re-escapes path segments the vendor way', async () => {
    const { canonical } = await canonicalRequest(
      { method: 'GET', url: "https://h/a%20b/c'd/(x)/%E4%B8%80/", headers: {} },
      '20240101T000000Z',
    );
    expect(canonical.split('\n')[1]).toBe('/a%20b/c%27d/%28x%29/%E4%B8%80/');
    expect(sdkEscape('A-z_0.9~')).toBe('A-z_0.9~');
  });

  // Speed is measured in bench/ (npm run bench -- signing), never asserted here.
});

describe('hash implementations', () => {
  const body = new TextEncoder().encode('{"a":"ü"}');
  const shared = new Uint8Array(new SharedArrayBuffer(body.length));
  shared.set(body);

  it.each(implementations)('%s: SHA-256 and HMAC-SHA256 agree with the known values', async (_, crypto) => {
    // FIPS 180-2 "abc" and RFC 4231 test case 2 ("Jefe").
    expect(await crypto.sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(await crypto.hmacSha256Hex('Jefe', 'what do ya want for nothing?')).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
    expect(await crypto.sha256Hex(shared)).toBe(await crypto.sha256Hex('{"a":"ü"}'));
  });

  it('Web Crypto: a new secret is not signed with the cached key of the previous one', async () => {
    const web = webSigningCrypto()!;
    const node = nodeSigningCrypto()!;
    for (const key of ['k1', 'k2', 'k1', 'ü-k3']) expect(await web.hmacSha256Hex(key, 'data')).toBe(node.hmacSha256Hex(key, 'data'));
  });

  it('Web Crypto: a failed key import is not kept', async () => {
    const real = globalThis.crypto.subtle;
    const importKey = vi.fn(real.importKey.bind(real)).mockRejectedValueOnce(new Error('import failed'));
    const web = webSigningCrypto({ digest: real.digest.bind(real), sign: real.sign.bind(real), importKey } as unknown as SubtleCrypto)!;
    await expect(web.hmacSha256Hex('k', 'data')).rejects.toThrow('import failed');
    expect(await web.hmacSha256Hex('k', 'data')).toBe(nodeSigningCrypto()!.hmacSha256Hex('k', 'data'));
    expect(importKey).toHaveBeenCalledTimes(2);
  });

  it('the default signer uses node:crypto on Node (synchronous hashes)', async () => {
    const { signingCrypto } = await import('../../src/runtime/signing-crypto.js');
    expect(signingCrypto().sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    const req = { method: 'GET', url: 'https://h.example.com/a?b=1', headers: { 'X-A': '1' } };
    expect(await signRequest(req, creds, goDate)).toEqual(await signRequestWith(webSigningCrypto()!, req, creds, goDate));
  });

  it('without Node crypto nor Web Crypto, signing refuses with a clear error', async () => {
    vi.resetModules();
    const fresh = await import('../../src/runtime/signer.js');
    const { ConfigurationError } = await import('../../src/runtime/errors.js');
    const saved = { process: Object.getOwnPropertyDescriptor(globalThis, 'process')!, crypto: Object.getOwnPropertyDescriptor(globalThis, 'crypto')! };
    let pending: Promise<unknown>;
    try {
      // Hidden only for this synchronous call: the signer picks its crypto before any await.
      Object.defineProperty(globalThis, 'process', { value: undefined, configurable: true });
      Object.defineProperty(globalThis, 'crypto', { value: undefined, configurable: true });
      pending = fresh.signRequest({ method: 'GET', url: 'https://h/', headers: {} }, creds, goDate);
    } finally {
      Object.defineProperty(globalThis, 'process', saved.process);
      Object.defineProperty(globalThis, 'crypto', saved.crypto);
    }
    await expect(pending).rejects.toThrow(ConfigurationError);
    await expect(pending).rejects.toThrow(/crypto\.subtle.*https or from localhost/);
  });
});
