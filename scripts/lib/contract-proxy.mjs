// Prism in proxy mode in front of a real server, and a thin loopback relay in front of Prism
// that reads each answer's `sl-violations` header: every request or response that breaks the
// spec becomes a report naming the operation, the status and the field. (Prism's log names no
// operation and interleaves concurrent requests; the header belongs to its exchange.)
import http from 'node:http';
import { matchOperation, loadSpec, specFile } from './operations.mjs';
import { startPrism } from './prism.mjs';

/**
 * @typedef {object} ContractReport
 * @property {string} operation    operationId, or '(no operation)'
 * @property {string} method
 * @property {string} path         URL path (no query: it may hold secrets)
 * @property {number} status       the status the client got
 * @property {{ where: string, severity: string, rule?: string, message: string }[]} violations
 */

/**
 * @param {{ service: string, upstream: string, onReport?: (report: ContractReport) => void, verbose?: string }} options
 */
export async function startContractProxy({ service, upstream, onReport = () => {}, verbose = 'warn' }) {
  const doc = loadSpec(service);
  // No --errors: a request that breaks the spec is still forwarded, so the server's answer to it
  // is checked too; violations are reported, never turned into Prism's own error responses.
  const prism = await startPrism(['proxy', specFile(service), upstream], { verbose });
  /** @type {ContractReport[]} */
  const reports = [];
  let exchanges = 0;
  const relay = http.createServer((req, res) => {
    const forward = http.request(`${prism.url}${req.url}`, { method: req.method, headers: req.headers }, (answer) => {
      exchanges++;
      const pathname = new URL(req.url ?? '/', 'http://relay').pathname;
      const op = matchOperation(doc, req.method ?? 'GET', pathname);
      const violations = parseViolations(answer.headers['sl-violations']);
      if (!op) violations.unshift({ where: 'request', severity: 'Error', message: `no operation of the ${service} spec is ${req.method} ${pathname}` });
      if (violations.length > 0) {
        const report = { operation: op?.operationId ?? '(no operation)', method: req.method ?? 'GET', path: pathname, status: answer.statusCode ?? 0, violations };
        reports.push(report);
        onReport(report);
      }
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    forward.on('error', (error) => {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`contract proxy: Prism did not answer: ${error.message}`);
    });
    req.pipe(forward);
  });
  await new Promise((resolve, reject) => {
    relay.once('error', reject);
    relay.listen(0, '127.0.0.1', resolve);
  });
  const { port } = /** @type {import('node:net').AddressInfo} */ (relay.address());
  return {
    url: `http://127.0.0.1:${port}`,
    prism,
    reports,
    exchanges: () => exchanges,
    async stop() {
      relay.closeAllConnections();
      await Promise.all([new Promise((resolve) => relay.close(() => resolve(undefined))), prism.stop()]);
    },
  };
}

/** Prism's header: [{ location: ['response', 'body', 'total_count'], severity, code, message }]. */
function parseViolations(header) {
  if (!header) return [];
  try {
    return JSON.parse(String(header)).map((v) => ({ where: v.location.join('.'), severity: v.severity, rule: v.code, message: v.message }));
  } catch {
    return [{ where: '(unknown)', severity: 'Error', message: `unreadable sl-violations header: ${header}` }];
  }
}

/** `✗ ListEndpoints GET /v1/p/vpc-endpoints -> 200` and one indented line per violation. */
export function formatReport(report) {
  const lines = [`✗ ${report.operation} ${report.method} ${report.path} -> ${report.status}`];
  for (const v of report.violations) lines.push(`    ${v.severity.toLowerCase()} ${v.where}${v.rule ? ` [${v.rule}]` : ''}: ${v.message}`);
  return lines.join('\n');
}
