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
 * @property {{ method: string, path: string, query: string } | null} request
 * @property {number} status     0 when no answer came
 * @property {string} field      what is wrong where: `body.endpoints[0].id`, `query.limit`, `(status)`
 * @property {string} message
 */

/**
 * @param {ReturnType<typeof import('./plan.mjs').planChecks>} plan
 * @param {{ token: string, maxCases?: number, timeoutMs?: number, onRequest?: (line: object) => void }} options
 * @returns {Promise<{ findings: Finding[], notes: Finding[], requests: number, skipped: { operation: string, why: string }[] }>}
 */
export async function runChecks(plan, { token, maxCases = DEFAULT_MAX_CASES, timeoutMs = 30_000, onRequest = () => {} }) {
  const session = createSession(plan, { token, timeoutMs, onRequest });
  const called = plan.operations.filter((e) => e.checked && e.request);
  for (const entry of called) await checkOperation(session, entry, maxCases);
  await checkCredentials(session, called.find((e) => e.safe && e.credential && !e.skipped));
  await checkMethods(session);
  const { findings, notes, requests } = session;
  return { findings, notes, requests: requests(), skipped: plan.operations.filter((e) => e.skipped).map((e) => ({ operation: e.operationId, why: e.skipped })) };
}

/** What every check shares: sending (a late answer is a finding), and recording. */
function createSession(plan, { token, timeoutMs, onRequest }) {
  const conform = createConformance(plan.doc, plan.tools);
  const findings = [];
  const notes = [];
  let requests = 0;
  const session = {
    plan,
    token,
    findings,
    notes,
    requests: () => requests,
    finding: (check, operation, wire, status, field, message) => findings.push({ check, operation, request: wire?.shown ?? null, status, field, message }),
    note: (check, operation, wire, status, field, message) => notes.push({ check, operation, request: wire?.shown ?? null, status, field, message }),
    /** @returns {Promise<{ status: number, headers: Headers, bytes: Buffer } | null>} null when no complete answer came in time */
    async exchange(check, operation, wire) {
      let response = null;
      try {
        response = await send(wire, { timeoutMs });
      } catch (error) {
        if (error?.name !== 'TimeoutError') throw error;
        session.finding(check, operation, wire, 0, '(response)', `no complete answer within ${timeoutMs} ms`);
      }
      requests++;
      onRequest({ check, operation, request: wire.shown, status: response?.status ?? 0 });
      return response;
    },
    /** The answer checked against the operation's spec; a probe's answer is named by the probe. */
    conforms(check, entry, wire, response) {
      const result = conform(entry, response);
      const prefix = check === 'conformance' ? '' : 'in the answer: ';
      for (const f of result.findings) session.finding(check, entry.operationId, wire, response.status, f.field, prefix + f.message);
      for (const n of result.notes) session.note(check, entry.operationId, wire, response.status, n.field, n.message);
    },
  };
  return session;
}

/** The valid request (unless there is none to send), then the requests the spec forbids. */
async function checkOperation(session, entry, maxCases) {
  const { plan, token } = session;
  let baseline;
  if (!entry.skipped) {
    const wire = toWire(plan.upstream, entry, entry.request, { token });
    const response = await session.exchange('conformance', entry.operationId, wire);
    if (response) {
      baseline = response.status;
      session.conforms('conformance', entry, wire, response);
      // Declared or not, a 5xx to a valid request is the server failing (Schemathesis' not_a_server_error).
      if (response.status >= 500) session.finding('conformance', entry.operationId, wire, response.status, '(status)', 'a server error for a valid request');
      if (response.status >= 400) {
        session.note('negative', entry.operationId, wire, response.status, '(request)', 'the valid request was refused too: refusals of its invalid variants say little (give real values with --param)');
      }
    }
  }
  for (const c of negativeCases(plan.ctx, entry, maxCases)) {
    const wire = toWire(plan.upstream, entry, c.parts, { token, ...(c.rawBody ? { rawBody: c.rawBody } : {}) });
    const response = await session.exchange('negative', entry.operationId, wire);
    if (!response) continue;
    const { status } = response;
    if (status === 429) {
      // Refused for the rate, not for the rule: nothing learnt either way.
      session.note('negative', entry.operationId, wire, status, c.field, 'rate limited (429): not checked');
    } else if (status >= 500) {
      session.finding('negative', entry.operationId, wire, status, c.field, `${c.description}: a server error instead of a 4xx refusal`);
    } else if (status < 400) {
      const compared = baseline === undefined ? '' : `; the valid request got ${baseline}`;
      session.finding('negative', entry.operationId, wire, status, c.field, `${c.description}: accepted (expected a 4xx refusal${compared})`);
    } else session.conforms('negative', entry, wire, response);
  }
}

/** No credential, then a wrong one: each must get 401. */
async function checkCredentials(session, entry) {
  if (!entry) {
    session.note('auth', '(none)', null, 0, '(credential)', 'not checked: no operation that needs a credential is safe to call');
    return;
  }
  for (const credential of /** @type {const} */ (['none', 'wrong'])) {
    const wire = toWire(session.plan.upstream, entry, entry.request, { token: session.token, credential });
    const response = await session.exchange('auth', entry.operationId, wire);
    if (!response) continue;
    if (response.status === 401) {
      session.conforms('auth', entry, wire, response);
      continue;
    }
    const what = credential === 'none' ? 'no credential' : 'a wrong credential';
    session.finding('auth', entry.operationId, wire, response.status, `header.${entry.credential.header}`, `${what} got ${response.status}, expected 401`);
  }
}

/** On each path of the chosen operations, one method it does not declare: it must get 405. */
async function checkMethods(session) {
  const { plan, token } = session;
  const selected = new Set(plan.operations.map((e) => e.operationId));
  for (const path of plan.paths.filter((p) => p.operations.some((id) => selected.has(id)))) {
    const method = PROBE_METHODS.find((m) => !path.methods.includes(m));
    const label = path.operations.filter((id) => selected.has(id)).join('|');
    if (!method) {
      session.note('method', label, null, 0, '(method)', `not checked on ${path.path}: it declares ${PROBE_METHODS.join(', ')}`);
      continue;
    }
    const entry = plan.operations.find((e) => e.path === path.path);
    const probe = { path: path.path, method, credential: entry?.credential ?? null, body: null };
    const rawBody = method === 'GET' ? {} : { rawBody: { text: NOT_JSON, contentType: 'application/json' } };
    const wire = toWire(plan.upstream, probe, { path: path.values, query: {}, header: {} }, { token, ...rawBody });
    const response = await session.exchange('method', label, wire);
    if (!response) continue;
    if (response.status === 405) {
      if (!response.headers.get('allow')) session.note('method', label, wire, 405, 'header.Allow', 'a 405 without the Allow header RFC 9110 asks for');
      continue;
    }
    const hint = response.status === 400 && method !== 'GET' ? ' (a 400 usually means the server read the body, deliberately not JSON, before checking the method)' : '';
    session.finding('method', label, wire, response.status, '(method)', `${method} is not declared on ${path.path} (declared: ${path.methods.join(', ')}): got ${response.status}, expected 405${hint}`);
  }
}
