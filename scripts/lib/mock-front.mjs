// A loopback relay in front of a Prism mock that makes it answer like the real server where
// Prism cannot, driven only by the spec:
// - `x-default-content-type` on a request body: a body sent without Content-Type is decoded as
//   that type (kube-apiserver reads it as JSON; Prism would refuse it);
// - `x-default-status` on an operation: the status of a successful call (Prism picks the lowest
//   declared 2xx, 200, where kube-apiserver answers a create with 201). A caller's own
//   `Prefer` header wins.
// - a request body with several media types (Kubernetes PATCH): checked here against the media
//   type sent and its `x-parameter-rules` (scripts/lib/media-check.mjs), answered with the
//   documented 422 (else 400) and `sl-violations` when it breaks them.
// Everything else, including Prism's `sl-violations` header, passes through unchanged.
import http from 'node:http';
import { createMediaChecker } from './media-check.mjs';
import { deref, exampleValue, loadSpec, matchOperation } from './operations.mjs';

/**
 * @param {{ service: string, upstream: string, port?: number }} options  upstream: the Prism mock's URL; port: where to listen (default: a free one)
 * @returns {Promise<{ url: string, stop: () => Promise<void> }>}
 */
export async function startMockFront({ service, upstream, port: listenPort = 0 }) {
  const doc = loadSpec(service);
  const media = createMediaChecker(service, doc);
  const server = http.createServer((req, res) => {
    const headers = { ...req.headers };
    const url = new URL(req.url ?? '/', 'http://front');
    const matched = matchOperation(doc, req.method ?? 'GET', url.pathname);
    const op = matched?.operation;
    const hasBody = Number(headers['content-length'] ?? 0) > 0 || headers['transfer-encoding'] !== undefined;
    const defaultType = op?.requestBody ? deref(doc, op.requestBody)['x-default-content-type'] : undefined;
    if (hasBody && !headers['content-type'] && defaultType) headers['content-type'] = defaultType;
    if (op?.['x-default-status'] && !headers.prefer) headers.prefer = `code=${op['x-default-status']}`;
    const forward = (body) => {
      const upstreamRequest = http.request(`${upstream}${req.url}`, { method: req.method, headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      upstreamRequest.on('error', (error) => {
        res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`mock front: Prism did not answer: ${error.message}`);
      });
      if (body === undefined) req.pipe(upstreamRequest);
      else upstreamRequest.end(body);
    };
    if (!matched || !media.has(matched.method, matched.path)) return forward();
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const violations = media.check(matched.method, matched.path, matched.pathParams, url, headers, body.toString('utf8'));
      if (violations.length === 0) return forward(body);
      refuse(res, doc, op, violations);
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(listenPort, '127.0.0.1', () => resolve(undefined));
  });
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve(undefined));
      }),
  };
}

/** The operation's documented answer to an invalid request: 422 if declared, else 400, with its first example. */
function refuse(res, doc, op, violations) {
  const status = op.responses?.['422'] ? '422' : '400';
  const response = deref(doc, op.responses?.[status] ?? {});
  const media = response.content?.['application/json'];
  const example = Object.values(media?.examples ?? {})[0];
  const body = example === undefined ? '' : JSON.stringify(deref(doc, example).value);
  const headers = { 'sl-violations': JSON.stringify(violations).replace(/[^\x20-\x7e]/g, '?') };
  for (const [name, ref] of Object.entries(response.headers ?? {})) {
    const value = exampleValue(doc, deref(doc, ref));
    if (value !== undefined) headers[name.toLowerCase()] = String(value);
  }
  if (body) headers['content-type'] = 'application/json';
  res.writeHead(Number(status), headers);
  res.end(body);
}
