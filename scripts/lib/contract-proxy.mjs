// Prism in proxy mode in front of a real server, and a thin loopback relay in front of Prism
// that reads each answer's `sl-violations` header: every request or response that breaks the
// spec becomes a report naming the operation, the status and the field. (Prism's log names no
// operation and interleaves concurrent requests; the header belongs to its exchange.)
// Known variants (`x-accept` in the spec) are no violations: Prism checks against the spec with
// each variant as one more accepted shape, and the relay reports where a body used one as a
// note (found by checking the body against the documented shape alone).
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { buildModel } from '../stages/model.mjs';
import { createSpecAjv } from '../stages/validators.mjs';
import { matchOperation, loadSpec } from './operations.mjs';
import { startPrism } from './prism.mjs';
import { expandAccepted } from './variants.mjs';

/**
 * @typedef {object} ContractReport
 * @property {string} operation    operationId, or '(no operation)'
 * @property {string} method
 * @property {string} path         URL path (no query: it may hold secrets)
 * @property {number} status       the status the client got
 * @property {{ where: string, severity: string, rule?: string, message: string }[]} violations
 */

/**
 * @typedef {object} ContractNote  a response that used a known variant (accepted; clients normalise it)
 * @property {string} operation
 * @property {string} method
 * @property {string} path
 * @property {number} status
 * @property {{ where: string, message: string }[]} notes
 */

/**
 * @param {{ service: string, upstream: string, onReport?: (report: ContractReport) => void, onNote?: (note: ContractNote) => void, verbose?: string }} options
 */
export async function startContractProxy({ service, upstream, onReport = () => {}, onNote = (note) => console.log(formatNote(note)), verbose = 'warn' }) {
  const doc = loadSpec(service);
  const documentedShape = documentedShapeCheck(service, doc);
  // Prism gets the spec with the known variants spelled out as accepted shapes.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `contract-${service}-`));
  const accepting = path.join(dir, 'openapi.json');
  fs.writeFileSync(accepting, JSON.stringify(expandAccepted(doc)));
  // No --errors: a request that breaks the spec is still forwarded, so the server's answer to it
  // is checked too; violations are reported, never turned into Prism's own error responses.
  const prism = await startPrism(['proxy', accepting, upstream], { verbose }).catch((error) => {
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  });
  /** @type {ContractReport[]} */
  const reports = [];
  /** @type {ContractNote[]} */
  const notes = [];
  let exchanges = 0;
  const relay = http.createServer((req, res) => {
    const forward = http.request(`${prism.url}${req.url}`, { method: req.method, headers: req.headers }, (answer) => {
      exchanges++;
      const pathname = new URL(req.url ?? '/', 'http://relay').pathname;
      const op = matchOperation(doc, req.method ?? 'GET', pathname);
      const violations = parseViolations(answer.headers['sl-violations']);
      if (!op) violations.unshift({ where: 'request', severity: 'Error', message: `no operation of the ${service} spec is ${req.method} ${pathname}` });
      const exchange = { operation: op?.operationId ?? '(no operation)', method: req.method ?? 'GET', path: pathname, status: answer.statusCode ?? 0 };
      if (violations.length > 0) {
        const report = { ...exchange, violations };
        reports.push(report);
        onReport(report);
      }
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      const chunks = [];
      answer.on('data', (chunk) => {
        chunks.push(chunk);
        res.write(chunk);
      });
      answer.on('end', () => {
        res.end();
        if (!op) return;
        const violated = new Set(violations.map((v) => v.where));
        const found = documentedShape(op.operationId, exchange.status, Buffer.concat(chunks)).filter((n) => !violated.has(n.where));
        if (found.length === 0) return;
        const note = { ...exchange, notes: found };
        notes.push(note);
        onNote(note);
      });
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
    notes,
    exchanges: () => exchanges,
    async stop() {
      relay.closeAllConnections();
      await Promise.all([new Promise((resolve) => relay.close(() => resolve(undefined))), prism.stop()]);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * (operationId, status, body bytes) -> where a JSON body departs from the documented shape of
 * that response (as Prism's `where`: response.body.a.0.b). Called for bodies Prism accepted
 * against the variant-accepting spec, so each place is a known variant.
 */
function documentedShapeCheck(service, doc) {
  const { ajv, toAjv } = createSpecAjv(service, doc, { variants: 'canonical' });
  const schemas = new Map();
  for (const op of buildModel(service, doc).operations) {
    for (const r of op.responses) if (r.schema && r.normalise) schemas.set(`${op.operationId} ${r.status}`, r.schema);
  }
  const compiled = new Map();
  return (operationId, status, bytes) => {
    const key = `${operationId} ${status}`;
    if (!schemas.has(key)) return [];
    let body;
    try {
      body = JSON.parse(bytes.toString('utf8'));
    } catch {
      return [];
    }
    if (!compiled.has(key)) compiled.set(key, ajv.compile(toAjv(schemas.get(key))));
    const validate = compiled.get(key);
    if (validate(body)) return [];
    const places = new Set(validate.errors.map((e) => ['response', 'body', ...e.instancePath.split('/').slice(1)].join('.')));
    return [...places].map((where) => ({ where, message: 'a known variant of the documented shape (accepted; the client normalises it)' }));
  };
}

/** `note ListEndpoints GET /v1/p/vpc-endpoints -> 200` and one indented line per place. */
export function formatNote(note) {
  const lines = [`note ${note.operation} ${note.method} ${note.path} -> ${note.status}`];
  for (const n of note.notes) lines.push(`    ${n.where}: ${n.message}`);
  return lines.join('\n');
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
