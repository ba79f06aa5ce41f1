// Requests the spec forbids, derived from an operation's valid request: each breaks one rule at
// one field (./mutations.mjs), plus the bodies a JSON operation must refuse (not JSON at all, or
// a media type it does not declare). A server that honours the spec answers each with a 4xx.
import { mutationsOf } from './mutations.mjs';

const MALFORMED_JSON = '{"contract_check": ';

/**
 * @returns {{ kind: string, field: string, description: string, parts: object, rawBody?: { text: string, contentType: string } }[]}
 *   at most `max`, spread over the kinds (a few of each rather than all of the first)
 */
export function negativeCases(ctx, entry, max) {
  const base = entry.probeBase;
  const { bodyMissing, ...valid } = base;
  const cases = mutationsOf(ctx, entry.requestSchema, valid)
    // Without an example of the body, only its absence can be derived (parameters still can).
    .filter((m) => !(bodyMissing && m.path[0] === 'body' && m.path.length > 1))
    // The description without its leading field: findings name the field on their own.
    .map((m) => ({ kind: m.kind, field: m.field, description: m.description.slice(m.field.length + 2), parts: m.apply(valid) }));
  if (entry.body) {
    cases.push({ kind: 'malformed', field: 'body', description: 'not valid JSON', parts: valid, rawBody: { text: MALFORMED_JSON, contentType: entry.body.mediaType } });
    if (!entry.body.declared.some((t) => t.startsWith('text/') || t.startsWith('*/'))) {
      const text = valid.body === undefined ? MALFORMED_JSON : JSON.stringify(valid.body);
      cases.push({ kind: 'media-type', field: 'header.Content-Type', description: `body sent as text/plain (declared: ${entry.body.declared.join(', ')})`, parts: valid, rawBody: { text, contentType: 'text/plain' } });
    }
  }
  return spread(cases, max);
}

/** Round-robin over the kinds, in their first-seen order: a cap keeps every kind. */
function spread(cases, max) {
  const byKind = new Map();
  for (const c of cases) byKind.set(c.kind, [...(byKind.get(c.kind) ?? []), c]);
  const out = [];
  const queues = [...byKind.values()];
  while (out.length < max && queues.some((q) => q.length > 0)) {
    for (const q of queues) if (q.length > 0 && out.length < max) out.push(q.shift());
  }
  return out;
}
