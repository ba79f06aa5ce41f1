// JSON pointers (RFC 6901) and local $ref resolution that remembers where it landed.
export const escapeToken = (token) => String(token).replace(/~/g, '~0').replace(/\//g, '~1');
const unescapeToken = (token) => token.replace(/~1/g, '/').replace(/~0/g, '~');

export function child(pointer, ...tokens) {
  return tokens.reduce((p, t) => `${p}/${escapeToken(t)}`, pointer);
}

export function get(doc, pointer) {
  if (pointer === '') return doc;
  return pointer
    .slice(1)
    .split('/')
    .map(unescapeToken)
    .reduce((node, key) => (node === undefined || node === null ? undefined : node[key]), doc);
}

/**
 * Follows `$ref` chains inside one bundled document: { node, pointer } of the target. A reference
 * that leaves the document or resolves to nothing throws (bundles are self-contained).
 */
export function resolve(doc, node, pointer) {
  let current = node;
  let at = pointer;
  for (let depth = 0; current && typeof current === 'object' && typeof current.$ref === 'string'; depth++) {
    const ref = current.$ref;
    if (depth > 32 || !ref.startsWith('#')) throw new Error(`cannot resolve $ref ${ref} at ${at}`);
    at = decodeURIComponent(ref.slice(1));
    current = get(doc, at);
    if (current === undefined) throw new Error(`unresolved $ref ${ref}`);
  }
  return { node: current, pointer: at };
}
