// Huawei Cloud "SDK-HMAC-SHA256" AK/SK request signing (APIG-style signature).
// Canonicalisation follows the vendor SDKs (@huaweicloud/huaweicloud-sdk-core
// AKSKSigner, huaweicloud-sdk-go-v3 core/auth/signer); see test/runtime/signer.test.ts.
import { createHash, createHmac } from 'node:crypto';

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

/** `YYYYMMDDTHHMMSSZ` in UTC. */
export function formatSdkDate(d: Date): string {
  // toISOString is `YYYY-MM-DDTHH:MM:SS.sssZ`; drop separators and millis.
  const s = d.toISOString();
  return s.slice(0, 4) + s.slice(5, 7) + s.slice(8, 13) + s.slice(14, 16) + s.slice(17, 19) + 'Z';
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

/** The canonical request and signed-header list (exported for tests and debugging). */
export function canonicalRequest(
  req: SignableRequest,
  date: string,
  opts?: SignOptions,
): { canonical: string; signedHeaders: string } {
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

  if (payloadHash === undefined) {
    const body = req.body;
    payloadHash =
      body === undefined || body.length === 0 ? EMPTY_SHA256 : createHash('sha256').update(body).digest('hex');
  }

  // Method as given: fetch sends non-standard-case methods (e.g. "patch") unchanged.
  const canonical =
    req.method +
    '\n' +
    canonicalUri(url.pathname) +
    '\n' +
    canonicalQuery(url.search) +
    '\n' +
    headers +
    '\n' +
    signedHeaders +
    '\n' +
    payloadHash;
  return { canonical, signedHeaders };
}

/**
 * Returns the headers to add (`X-Sdk-Date`, `Authorization`). The date always
 * comes from `now`, never from `req.headers`. Headers whose name contains `_`
 * are not signed (gateways may drop them, as the Go SDK notes).
 */
export function signRequest(
  req: SignableRequest,
  creds: Credentials,
  now: Date,
  opts?: SignOptions,
): Record<string, string> {
  const date = formatSdkDate(now);
  const { canonical, signedHeaders } = canonicalRequest(req, date, opts);
  const toSign = ALGORITHM + '\n' + date + '\n' + createHash('sha256').update(canonical).digest('hex');
  const signature = createHmac('sha256', creds.secretKey).update(toSign).digest('hex');
  return {
    'X-Sdk-Date': date,
    Authorization: `${ALGORITHM} Access=${creds.accessKey}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
  };
}
