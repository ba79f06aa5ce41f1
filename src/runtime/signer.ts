// Huawei Cloud "SDK-HMAC-SHA256" AK/SK request signing (APIG-style signature).
// Canonicalisation follows the vendor SDKs (@huaweicloud/huaweicloud-sdk-core
// AKSKSigner, huaweicloud-sdk-go-v3 core/auth/signer); see test/runtime/signer.test.ts.
// Hashing goes through SigningCrypto: Node's synchronous crypto where present (no await on
// that path), Web Crypto elsewhere, so the module bundles for browsers and edge runtimes.
import { signingCrypto, type SigningCrypto } from './signing-crypto.js';

export interface SignableRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
}

export interface Credentials {
  accessKey: string;
  secretKey: string;
}

export interface SignOptions {
  /** Sign `host` (default true, as the Node SDK does; the Go SDK does not). */
  signHost?: boolean;
  /** Sign `content-type` (default true, as the Node SDK does; the Go SDK does not). */
  signContentType?: boolean;
}

const ALGORITHM = 'SDK-HMAC-SHA256';
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const PLAIN = /^[A-Za-z0-9_.~-]*$/;
const EXTRA = /[!'()*]/g;

let lastSecond = NaN;
let lastDate = '';

/** `YYYYMMDDTHHMMSSZ` in UTC. */
export function formatSdkDate(d: Date): string {
  // Requests signed within the same second share the string (toISOString is costly here).
  const second = Math.floor(d.getTime() / 1000);
  if (second === lastSecond) return lastDate;
  // toISOString is `YYYY-MM-DDTHH:MM:SS.sssZ`; drop separators and millis.
  const s = d.toISOString();
  lastDate = s.slice(0, 4) + s.slice(5, 7) + s.slice(8, 13) + s.slice(14, 16) + s.slice(17, 19) + 'Z';
  lastSecond = second;
  return lastDate;
}

/** Vendor escaping: RFC 3986 unreserved chars stay, everything else is %XX of UTF-8. */
export function sdkEscape(s: string): string {
  if (PLAIN.test(s)) return s;
  // encodeURIComponent also leaves !'()* alone; the vendor escapes them.
  return encodeURIComponent(s).replace(EXTRA, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

function decode(s: string, plus: boolean): string {
  if (plus && s.includes('+')) s = s.replace(/\+/g, ' ');
  if (!s.includes('%')) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return s; // malformed escapes: sign the raw text, as sent
  }
}

function canonicalUri(pathname: string): string {
  // The URL path is already percent-encoded: decode each segment, re-escape the vendor way.
  let out = '';
  let start = 0;
  for (;;) {
    const i = pathname.indexOf('/', start);
    const seg = i === -1 ? pathname.slice(start) : pathname.slice(start, i);
    out += PLAIN.test(seg) ? seg : sdkEscape(decode(seg, false));
    if (i === -1) break;
    out += '/';
    start = i + 1;
  }
  // Vendor quirk: the canonical URI always ends with '/'.
  return out.endsWith('/') ? out : out + '/';
}

function canonicalQuery(search: string): string {
  if (search.length <= 1) return '';
  const pairs: [string, string][] = [];
  for (const part of search.slice(1).split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const k = decode(eq === -1 ? part : part.slice(0, eq), true);
    const v = eq === -1 ? '' : decode(part.slice(eq + 1), true);
    pairs.push([k, v]);
  }
  // Sorted by raw key, then raw value (the SDKs sort repeated keys' values).
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  let out = '';
  for (const [k, v] of pairs) out += (out ? '&' : '') + sdkEscape(k) + '=' + sdkEscape(v);
  return out;
}

interface CanonicalParts {
  /** The canonical request up to (and without) the payload hash. */
  head: string;
  signedHeaders: string;
  /** From `X-Sdk-Content-Sha256`, or the empty body's; undefined when the body must be hashed. */
  payloadHash: string | undefined;
}

function canonicalParts(req: SignableRequest, date: string, opts: SignOptions | undefined): CanonicalParts {
  const url = new URL(req.url);
  const signHost = opts?.signHost ?? true;
  const signType = opts?.signContentType ?? true;

  const values = new Map<string, string>();
  let payloadHash: string | undefined;
  for (const name in req.headers) {
    const key = name.toLowerCase();
    const value = (req.headers[name] ?? '').trim();
    if (key === 'x-sdk-content-sha256') payloadHash = value;
    if (key === 'authorization' || key === 'x-sdk-date' || key.includes('_')) continue;
    if (key === 'content-type' && (!signType || value.includes('multipart/form-data'))) continue;
    if (key === 'host' && !signHost) continue;
    values.set(key, value);
  }
  values.set('x-sdk-date', date);
  if (signHost && !values.has('host')) values.set('host', url.host);

  const names = [...values.keys()].sort();
  let headers = '';
  for (const n of names) headers += n + ':' + values.get(n) + '\n';
  const signedHeaders = names.join(';');
  if (payloadHash === undefined && (req.body === undefined || req.body.length === 0)) payloadHash = EMPTY_SHA256;

  // Method as given: fetch sends non-standard-case methods (e.g. "patch") unchanged.
  const head =
    req.method + '\n' + canonicalUri(url.pathname) + '\n' + canonicalQuery(url.search) + '\n' + headers + '\n' + signedHeaders + '\n';
  return { head, signedHeaders, payloadHash };
}

/** The value, awaited only when the platform's hash is asynchronous (Web Crypto). */
async function settle(value: string | Promise<string>): Promise<string> {
  return typeof value === 'string' ? value : await value;
}

/** The canonical request and signed-header list (exported for tests and debugging). */
export async function canonicalRequest(
  req: SignableRequest,
  date: string,
  opts?: SignOptions,
  crypto: SigningCrypto = signingCrypto(),
): Promise<{ canonical: string; signedHeaders: string }> {
  const parts = canonicalParts(req, date, opts);
  const payloadHash = parts.payloadHash ?? (await settle(crypto.sha256Hex(req.body!)));
  return { canonical: parts.head + payloadHash, signedHeaders: parts.signedHeaders };
}

/**
 * Resolves to the headers to add (`X-Sdk-Date`, `Authorization`). The date always
 * comes from `now`, never from `req.headers`. Headers whose name contains `_`
 * are not signed (gateways may drop them, as the Go SDK notes).
 */
export function signRequest(
  req: SignableRequest,
  creds: Credentials,
  now: Date,
  opts?: SignOptions,
): Promise<Record<string, string>> {
  let crypto: SigningCrypto;
  try {
    crypto = signingCrypto();
  } catch (error) {
    return Promise.reject(error);
  }
  return signRequestWith(crypto, req, creds, now, opts);
}

/** `signRequest` with the hash implementation given (tests run both through the vectors). */
export async function signRequestWith(
  crypto: SigningCrypto,
  req: SignableRequest,
  creds: Credentials,
  now: Date,
  opts?: SignOptions,
): Promise<Record<string, string>> {
  const date = formatSdkDate(now);
  const parts = canonicalParts(req, date, opts);
  // No await on Node's synchronous hashes: each would cost a microtask on the hot path.
  let payloadHash: string | Promise<string> = parts.payloadHash ?? crypto.sha256Hex(req.body!);
  if (typeof payloadHash !== 'string') payloadHash = await payloadHash;
  let digest = crypto.sha256Hex(parts.head + payloadHash);
  if (typeof digest !== 'string') digest = await digest;
  let signature = crypto.hmacSha256Hex(creds.secretKey, ALGORITHM + '\n' + date + '\n' + digest);
  if (typeof signature !== 'string') signature = await signature;
  return {
    'X-Sdk-Date': date,
    Authorization: `${ALGORITHM} Access=${creds.accessKey}, SignedHeaders=${parts.signedHeaders}, Signature=${signature}`,
  };
}
