// The ListEndpoints stand-in for bench/runtime.mjs, run as a child process so that its work
// lands on the other core instead of the client's event loop. Answers GET
// /v1/{project_id}/vpc-endpoints with the spec's 200 example, after checking the auth: the
// token must match and an AK/SK signature must verify (so failing clients cannot look fast).
// Usage: fork('server.mjs', [signerModulePath, token, accessKey, secretKey]); sends { port }.
import http from 'node:http';
import { listEndpointsExample } from './lib.mjs';

const [signerPath, TOKEN, AK, SK] = process.argv.slice(2);
const { signRequest } = await import(signerPath);
const BODY = Buffer.from(JSON.stringify(listEndpointsExample()));

async function authorised(req) {
  if (req.headers['x-auth-token'] !== undefined) return req.headers['x-auth-token'] === TOKEN;
  const m = /^SDK-HMAC-SHA256 Access=([^,]+), SignedHeaders=([^,]+), Signature=([0-9a-f]+)$/.exec(req.headers.authorization ?? '');
  if (!m || m[1] !== AK) return false;
  const signed = m[2].split(';');
  const headers = Object.fromEntries(signed.map((name) => [name, req.headers[name] ?? '']));
  const d = /^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/.exec(req.headers['x-sdk-date'] ?? '');
  if (!d) return false;
  const date = new Date(Date.UTC(+d[1], +d[2] - 1, +d[3], +d[4], +d[5], +d[6]));
  const expected = await signRequest({ method: req.method, url: `http://${req.headers.host}${req.url}`, headers }, { accessKey: AK, secretKey: SK }, date, {
    signHost: signed.includes('host'),
    signContentType: signed.includes('content-type'),
  });
  return expected.Authorization.endsWith(`Signature=${m[3]}`);
}

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url, 'http://x');
  // Every contender sends the same call: GET .../vpc-endpoints?limit=10.
  if (req.method !== 'GET' || !/^\/v1\/[^/]+\/vpc-endpoints$/.test(url.pathname) || url.search !== '?limit=10') {
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"error_code":"NOT_FOUND","error_msg":"no route"}');
  } else if (!(await authorised(req))) {
    res.writeHead(401, { 'content-type': 'application/json' }).end('{"error_code":"APIGW.0301","error_msg":"Incorrect IAM authentication information"}');
  } else {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': BODY.length, 'x-request-id': 'bench' }).end(BODY);
  }
});
server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
// Exit with the parent, whatever happens to it.
process.on('disconnect', () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
