// Runs the checks of a plan (./plan.mjs) against a live server, one request at a time:
//   conformance  each operation safe to call, with its valid request: the response conforms;
//   negative     requests the spec forbids are refused with a 4xx (and that answer conforms);
//   auth         no credential and a wrong one each get 401 (on an operation safe to call);
//   method       a method no operation of a declared path has gets 405.
// Each finding names the check, the operation, the request (method, path, query) and the field.
import { createConformance } from './conformance.mjs';
import { negativeCases } from './negative.mjs';
import { send, toWire } from './wire.mjs';

/** Negative cases per operation unless told otherwise. */
export const DEFAULT_MAX_CASES = 20;
/**
 * Methods tried on a path that does not declare them, safest first. GET changes nothing; the
 * others carry a body that is not JSON, which any handler refuses before acting on it. DELETE
 * is never tried: a server that wrongly accepts it may delete the resource the path names.
 */
const PROBE_METHODS = ['GET', 'PATCH', 'PUT', 'POST'];
const NOT_JSON = '{"contract_check": ';

/**
 * @typedef {object} Finding
 * @property {'conformance'|'negative'|'auth'|'method'} check
 * @property {string} operation  operationId, or the path's operations for the method check
 * @property {{ method: string, path: string, query: string }} request
 * @property {number} status
 * @property {string} field     what is wrong where: `body.endpoints[0].id`, `query.limit`, `(status)`
 * @property {string} message
 */

/**
 * @param {ReturnType<typeof import('./plan.mjs').planChecks>} plan
 * @param {{ token: string, maxCases?: number, timeoutMs?: number, onRequest?: (line: object) => void }} options
 */
export async function runChecks(plan, { token, maxCases = DEFAULT_MAX_CASES, timeoutMs = 30_000, onRequest = () => {} }) {
  const conform = createConformance(plan.doc, plan.tools);
  /** @type {Finding[]} */
  const findings = [];
  const notes = [];
  let requests = 0;
  /** The answer, or null when none came in time (a finding; the run goes on). */
  const exchange = async (check, label, wire) => {
    let response;
    try {
      response = await send(wire, { timeoutMs });
    } catch (error) {
      if (error?.name !== 'TimeoutError') throw error;
      requests++;
      onRequest({ check, operation: label, request: wire.shown, status: 0 });
      findings.push({ check, operation: label, request: wire.shown, status: 0, field: '(response)', message: `no complete answer within ${timeoutMs} ms` });
      return null;
    }
    requests++;
    onRequest({ check, operation: label, request: wire.shown, status: response.status });
    return response;
  };
  const record = (into, check, label, wire, status, items) => {
    for (const item of items) into.push({ check, operation: label, request: wire.shown, status, ...item });
  };
  const conformance = (check, entry, wire, response) => {
    const result = conform(entry, response);
    // A probe's answer is checked too, but named by the probe that got it.
    record(findings, check === 'conformance' ? 'conformance' : check, entry.operationId, wire, response.status, result.findings.map((f) => ({ ...f, message: check === 'conformance' ? f.message : `in the answer: ${f.message}` })));
    record(notes, check, entry.operationId, wire, response.status, result.notes);
  };

  const called = plan.operations.filter((e) => e.checked && e.request);
  for (const entry of called) {
    let baseline;
    if (!entry.skipped) {
      const wire = toWire(plan.upstream, entry, entry.request, { token });
      const response = await exchange('conformance', entry.operationId, wire);
      baseline = response?.status;
      if (response) conformance('conformance', entry, wire, response);
      // Declared or not, a 5xx to a valid request is the server failing (Schemathesis' not_a_server_error).
      if (response && response.status >= 500) {
        findings.push({ check: 'conformance', operation: entry.operationId, request: wire.shown, status: response.status, field: '(status)', message: `a server error for a valid request` });
      }
      if (response && response.status >= 400) {
        notes.push({ check: 'negative', operation: entry.operationId, request: wire.shown, status: response.status, field: '(request)', message: 'the valid request was refused too: refusals of its invalid variants say little (give real values with --param)' });
      }
    }
    for (const c of negativeCases(plan.ctx, entry, maxCases)) {
      const wire = toWire(plan.upstream, entry, c.parts, { token, ...(c.rawBody ? { rawBody: c.rawBody } : {}) });
      const response = await exchange('negative', entry.operationId, wire);
      if (!response) continue;
      const { status } = response;
      if (status === 429) {
        // Refused for the rate, not for the rule: nothing learnt either way.
        notes.push({ check: 'negative', operation: entry.operationId, request: wire.shown, status, field: c.field, message: 'rate limited (429): not checked' });
        continue;
      }
      if (status < 400 || status >= 500) {
        const what = status >= 500 ? 'a server error instead of a 4xx refusal' : `accepted (expected a 4xx refusal${baseline === undefined ? '' : `; the valid request got ${baseline}`})`;
        findings.push({ check: 'negative', operation: entry.operationId, request: wire.shown, status, field: c.field, message: `${c.description}: ${what}` });
      } else conformance('negative', entry, wire, response);
    }
  }

  const authTarget = called.find((e) => e.safe && e.credential && !e.skipped);
  if (authTarget) {
    for (const credential of /** @type {const} */ (['none', 'wrong'])) {
      const wire = toWire(plan.upstream, authTarget, authTarget.request, { token, credential });
      const response = await exchange('auth', authTarget.operationId, wire);
      if (!response) continue;
      const field = `header.${authTarget.credential.header}`;
      if (response.status !== 401) {
        const what = credential === 'none' ? 'no credential' : 'a wrong credential';
        findings.push({ check: 'auth', operation: authTarget.operationId, request: wire.shown, status: response.status, field, message: `${what} got ${response.status}, expected 401` });
      } else conformance('auth', authTarget, wire, response);
    }
  } else {
    notes.push({ check: 'auth', operation: '(none)', request: null, status: 0, field: '(credential)', message: 'not checked: no operation that needs a credential is safe to call' });
  }

  const selected = new Set(plan.operations.map((e) => e.operationId));
  for (const path of plan.paths.filter((p) => p.operations.some((id) => selected.has(id)))) {
    const method = PROBE_METHODS.find((m) => !path.methods.includes(m));
    const label = path.operations.join('|');
    if (!method) {
      notes.push({ check: 'method', operation: label, request: null, status: 0, field: '(method)', message: `not checked on ${path.path}: it declares ${PROBE_METHODS.join(', ')}` });
      continue;
    }
    const entry = plan.operations.find((e) => e.path === path.path) ?? { path: path.path, credential: null, body: null };
    const probe = { ...entry, path: path.path, method };
    const parts = { path: path.values, query: {}, header: {} };
    const wire = toWire(plan.upstream, probe, parts, { token, method, ...(method === 'GET' ? {} : { rawBody: { text: NOT_JSON, contentType: 'application/json' } }) });
    const response = await exchange('method', label, wire);
    if (!response) continue;
    if (response.status !== 405) {
      // A 400 may come from reading the body (deliberately not JSON) before checking the method.
      const hint = response.status === 400 && method !== 'GET' ? ' (a 400 usually means the server read the body, deliberately not JSON, before checking the method)' : '';
      findings.push({ check: 'method', operation: label, request: wire.shown, status: response.status, field: '(method)', message: `${method} is not declared on ${path.path} (declared: ${path.methods.join(', ')}): got ${response.status}, expected 405${hint}` });
    } else if (!response.headers.get('allow')) {
      notes.push({ check: 'method', operation: label, request: wire.shown, status: 405, field: 'header.Allow', message: 'a 405 without the Allow header RFC 9110 asks for' });
    }
  }
  return { findings, notes, requests, skipped: plan.operations.filter((e) => e.skipped).map((e) => ({ operation: e.operationId, why: e.skipped })) };
}
