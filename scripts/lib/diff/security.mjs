// Authentication: which requirement sets an operation accepts, and the schemes themselves.
import { child } from './pointer.mjs';
import { annotationsOf } from './annotations.mjs';

/** Each accepted alternative as a canonical string ('' = no authentication needed). */
function alternatives(doc, op) {
  const list = op.node.security ?? doc.security ?? [];
  if (list.length === 0) return new Set(['']);
  return new Set(
    list.map((req) =>
      Object.entries(req)
        .map(([name, scopes]) => `${name}${scopes?.length ? `[${[...scopes].sort().join(',')}]` : ''}`)
        .sort()
        .join(' + '),
    ),
  );
}
const show = (alt) => (alt === '' ? 'no authentication' : alt);

export function compareSecurity(oldDoc, newDoc, a, b, emit) {
  const x = alternatives(oldDoc, a);
  const y = alternatives(newDoc, b);
  const at = b.node.security ? child(b.pointer, 'security') : '/security';
  for (const alt of x) if (!y.has(alt)) emit('security-requirement-removed', at, `${b.id ?? b.path}: ${show(alt)} no longer accepted`);
  for (const alt of y) if (!x.has(alt)) emit('security-requirement-added', at, `${b.id ?? b.path}: ${show(alt)} now accepted`);
}

const SCHEME_FIELDS = ['type', 'scheme', 'bearerFormat', 'in', 'name', 'flows', 'openIdConnectUrl'];

export function compareSchemes(oldDoc, newDoc, emit) {
  const sa = oldDoc.components?.securitySchemes ?? {};
  const sb = newDoc.components?.securitySchemes ?? {};
  for (const name of Object.keys(sa)) {
    if (!(name in sb)) continue; // a scheme no operation uses any more is reported per operation
    const at = child('/components/securitySchemes', name);
    for (const field of SCHEME_FIELDS) {
      if (JSON.stringify(sa[name][field]) !== JSON.stringify(sb[name][field])) emit('security-scheme-changed', child(at, field), `security scheme ${name}: ${field} ${JSON.stringify(sa[name][field]) ?? 'none'} -> ${JSON.stringify(sb[name][field]) ?? 'none'}`);
    }
    annotationsOf(sa[name], sb[name], at, `security scheme ${name}`, emit, SCHEME_FIELDS);
  }
}
