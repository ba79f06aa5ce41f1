// A request in the client's shape ({ path, query, header, body }) as bytes on the wire, the way
// the generated clients encode it, and how a finding names it: method, path and query, never a
// header (the token travels in one).

/** What --checks sends as a wrong credential: well-formed, and no server can have issued it. */
export const WRONG_TOKEN = 'contract-checks-wrong-token-not-issued-by-any-server';

/**
 * @param {string} upstream the server's base URL (its path, if any, prefixes every request path)
 * @param {{ method: string, path: string, credential: { header: string } | null, body: { mediaType: string } | null }} op
 * @param {{ path: object, query: object, header: object, body?: unknown }} parts
 * @param {{ token?: string, credential?: 'valid' | 'none' | 'wrong', rawBody?: { text: string, contentType: string }, method?: string }} [options]
 */
export function toWire(upstream, op, parts, { token, credential = 'valid', rawBody, method = op.method } = {}) {
  const base = new URL(upstream);
  const pathname = base.pathname.replace(/\/$/, '') + fillPath(op.path, parts.path);
  const query = queryString(parts.query);
  /** @type {Record<string, string>} */
  const headers = {};
  for (const [name, value] of Object.entries(parts.header)) headers[name.toLowerCase()] = String(value);
  if (op.credential && credential !== 'none') headers[op.credential.header.toLowerCase()] = credential === 'wrong' ? WRONG_TOKEN : token;
  let body;
  if (rawBody) {
    body = rawBody.text;
    headers['content-type'] = rawBody.contentType;
  } else if (parts.body !== undefined && op.body) {
    body = JSON.stringify(parts.body);
    headers['content-type'] = op.body.mediaType;
  }
  return {
    method,
    url: `${base.origin}${pathname}${query}`,
    headers,
    body,
    /** How reports name it: no header, no origin. */
    shown: { method, path: pathname, query },
  };
}

/** `{project_id}` filled in, each value percent-encoded as the client does. */
export function fillPath(template, values) {
  return template.replace(/\{([^}]+)\}/g, (match, name) => (values[name] === undefined ? match : encodeURIComponent(String(values[name]))));
}

/** As the client encodes a query: arrays as repeated names, objects as name[key]. */
export function queryString(query) {
  let out = '';
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    const key = encodeURIComponent(name);
    if (Array.isArray(value)) for (const v of value) out += `&${key}=${encodeURIComponent(String(v))}`;
    else if (typeof value === 'object') for (const [k, v] of Object.entries(value)) out += `&${key}%5B${encodeURIComponent(k)}%5D=${encodeURIComponent(String(v))}`;
    else out += `&${key}=${encodeURIComponent(String(value))}`;
  }
  return out === '' ? '' : `?${out.slice(1)}`;
}

/**
 * Sends one request; redirects are not followed (a 3xx is an answer to check, and the token
 * never travels to another origin). A failure to connect is an error, not a finding.
 * @returns {Promise<{ status: number, headers: Headers, bytes: Buffer }>}
 */
export async function send(wire, { timeoutMs = 30_000 } = {}) {
  const response = await fetch(wire.url, {
    method: wire.method,
    headers: wire.headers,
    body: wire.body,
    redirect: 'manual',
    signal: AbortSignal.timeout(timeoutMs),
  });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}
