// The web-standard engine: fetch with `redirect: "manual"` (the transport decides about
// redirects), the body read through its reader up to the limit. Used in browsers and edge
// runtimes, and wherever a `fetch` is passed in.
import { BodyTooLarge, type Attempt, type Engine, type WireRequest, type WireResponse } from './wire.js';

export type FetchLike = (input: Request, init?: RequestInit) => Promise<Response>;

function headersOf(res: Response): Record<string, string> {
  const out: Record<string, string> = {};
  res.headers.forEach((value, name) => {
    out[name] = value;
  });
  return out;
}

async function readBody(res: Response, attempt: Attempt, headers: Record<string, string>): Promise<{ body: Uint8Array; truncated: boolean }> {
  const { maxBytes, overflow } = attempt.limit(res.status);
  if (!res.body) return { body: new Uint8Array(0), truncated: false };
  if (overflow === 'error' && Number(headers['content-length']) > maxBytes) {
    await res.body.cancel().catch(() => {});
    throw new BodyTooLarge(res.status, headers);
  }
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      if (attempt.cancelled) throw attempt.cancelled;
      const { done, value } = await reader.read();
      if (done) break;
      if (size + value.length > maxBytes) {
        await reader.cancel().catch(() => {});
        if (overflow === 'error') throw new BodyTooLarge(res.status, headers);
        if (maxBytes > size) chunks.push(value.subarray(0, maxBytes - size));
        size = maxBytes;
        return { body: concat(chunks, size), truncated: true };
      }
      chunks.push(value);
      size += value.length;
    }
  } catch (e) {
    await reader.cancel().catch(() => {});
    throw e;
  }
  return { body: concat(chunks, size), truncated: false };
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

export function createFetchEngine(fetchImpl?: FetchLike): Engine {
  const doFetch: FetchLike = fetchImpl ?? ((input, init) => globalThis.fetch(input, init));
  return async (req: WireRequest, attempt: Attempt): Promise<WireResponse> => {
    const ctl = new AbortController();
    attempt.abort = (reason) => ctl.abort(reason);
    if (attempt.cancelled) throw attempt.cancelled;
    const request = new Request(req.origin + req.path, {
      method: req.method,
      headers: req.headers,
      redirect: 'manual',
      signal: ctl.signal,
      ...(req.body !== undefined ? { body: req.body as BodyInit } : {}),
    });
    const res = await doFetch(request);
    if (attempt.cancelled) {
      // A fetch that ignored its signal may still deliver a response: release it.
      await res.body?.cancel().catch(() => {});
      throw attempt.cancelled;
    }
    const headers = headersOf(res);
    // Browsers hide a manual redirect: an opaque response with status 0.
    if (res.type === 'opaqueredirect' || res.status === 0) return { status: 0, statusText: 'opaqueredirect', headers, body: new Uint8Array(0), truncated: false };
    const { body, truncated } = await readBody(res, attempt, headers);
    return { status: res.status, statusText: res.statusText, headers, body, truncated };
  };
}
