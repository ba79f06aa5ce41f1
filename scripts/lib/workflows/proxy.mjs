// A loopback proxy between the Arazzo engine and the live server. The engine is given a
// placeholder token; the proxy puts the user's real token on requests to the upstream origin
// only, so the token never reaches the engine's arguments, logs or any other host. It refuses
// every request that is not GET/HEAD when writes are not allowed (nothing is forwarded), and
// reports each exchange (for the resource tracker). Redirects are passed back, never followed.
import http from 'node:http';
import { request as undiciRequest } from 'undici';

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection', 'te', 'trailer', 'host', 'content-length']);
export const READ_METHODS = new Set(['GET', 'HEAD']);

/**
 * @param {{ upstream: string, token: string, placeholder: string, allowWrites: boolean,
 *   onExchange?: (e: { method: string, pathname: string, status: number, body: unknown, blocked: boolean }) => void,
 *   timeoutMs?: number }} options
 */
export async function startWorkflowProxy({ upstream, token, placeholder, allowWrites, onExchange = () => {}, timeoutMs = 60_000 }) {
  const base = new URL(upstream);
  const prefix = base.pathname.replace(/\/+$/, '');
  let pending = 0;
  let onIdle = [];
  const server = http.createServer((req, res) => {
    pending++;
    handle(req, res)
      .catch((error) => {
        if (res.headersSent) res.destroy(error);
        else send(res, 502, { error: `workflow proxy: the server did not answer: ${error.message}` });
      })
      .finally(() => {
        if (--pending === 0) for (const resolve of onIdle.splice(0)) resolve(undefined);
      });
  });

  async function handle(req, res) {
    const url = new URL(req.url ?? '/', 'http://proxy');
    const method = (req.method ?? 'GET').toUpperCase();
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    if (!allowWrites && !READ_METHODS.has(method)) {
      onExchange({ method, pathname: url.pathname, status: 0, body: undefined, blocked: true });
      send(res, 403, { error: `refused by the read-only run: ${method} is a write (run with --allow-writes)` });
      return;
    }
    const headers = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (HOP_BY_HOP.has(name) || value === undefined) continue;
      headers[name] = name === 'x-auth-token' && value === placeholder ? token : value;
    }
    const target = new URL(`${prefix}${url.pathname}${url.search}`, base.origin);
    const answer = await undiciRequest(target, {
      method,
      headers,
      body: chunks.length > 0 ? Buffer.concat(chunks) : undefined,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    const body = Buffer.from(await answer.body.arrayBuffer());
    onExchange({ method, pathname: url.pathname, status: answer.statusCode, body: parseJson(body), blocked: false });
    const out = {};
    for (const [name, value] of Object.entries(answer.headers)) if (!HOP_BY_HOP.has(name) && value !== undefined) out[name] = value;
    res.writeHead(answer.statusCode, out);
    res.end(body);
  }

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(undefined));
  });
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${port}`,
    /** Resolves once no exchange is in flight (an answer to a create can still be on its way). */
    idle: () => (pending === 0 ? Promise.resolve() : new Promise((resolve) => onIdle.push(resolve))),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve(undefined));
      }),
  };
}

function send(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function parseJson(buffer) {
  if (buffer.length === 0) return undefined;
  try {
    return JSON.parse(buffer.toString('utf8'));
  } catch {
    return undefined;
  }
}
