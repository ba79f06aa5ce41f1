// A loopback relay in front of a Prism mock that makes it answer like the real server where
// Prism cannot, driven only by the spec:
// - `x-default-content-type` on a request body: a body sent without Content-Type is decoded as
//   that type (kube-apiserver reads it as JSON; Prism would refuse it);
// - `x-default-status` on an operation: the status of a successful call (Prism picks the lowest
//   declared 2xx, 200, where kube-apiserver answers a create with 201). A caller's own
//   `Prefer` header wins.
// Everything else, including Prism's `sl-violations` header, passes through unchanged.
import http from 'node:http';
import { deref, loadSpec, matchOperation } from './operations.mjs';

/**
 * @param {{ service: string, upstream: string, port?: number }} options  upstream: the Prism mock's URL; port: where to listen (default: a free one)
 * @returns {Promise<{ url: string, stop: () => Promise<void> }>}
 */
export async function startMockFront({ service, upstream, port: listenPort = 0 }) {
  const doc = loadSpec(service);
  const server = http.createServer((req, res) => {
    const headers = { ...req.headers };
    const op = matchOperation(doc, req.method ?? 'GET', new URL(req.url ?? '/', 'http://front').pathname)?.operation;
    const hasBody = Number(headers['content-length'] ?? 0) > 0 || headers['transfer-encoding'] !== undefined;
    const defaultType = op?.requestBody ? deref(doc, op.requestBody)['x-default-content-type'] : undefined;
    if (hasBody && !headers['content-type'] && defaultType) headers['content-type'] = defaultType;
    if (op?.['x-default-status'] && !headers.prefer) headers.prefer = `code=${op['x-default-status']}`;
    const forward = http.request(`${upstream}${req.url}`, { method: req.method, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    forward.on('error', (error) => {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`mock front: Prism did not answer: ${error.message}`);
    });
    req.pipe(forward);
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
