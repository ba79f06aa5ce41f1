// Changes in the parts of an object that only document it: descriptions, examples, x- fields.
// Keys listed in `modelled` are compared elsewhere; any other key that changes is reported as
// a keyword this tool does not model (breaking, to be safe).
import { child } from './pointer.mjs';

const DOCS = new Set(['description', 'summary', 'title']);
const EXAMPLES = new Set(['example', 'examples']);
const METADATA = new Set(['tags', 'externalDocs']);
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

export function annotationsOf(a, b, pointer, label, emit, modelled) {
  const skip = new Set(modelled);
  for (const key of new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})])) {
    if (skip.has(key) || same(a?.[key], b?.[key])) continue;
    const at = child(pointer, key);
    if (DOCS.has(key)) emit('description-changed', at, `${label}: ${key} changed`);
    else if (EXAMPLES.has(key)) emit('example-changed', at, `${label}: ${key} changed`);
    else if (key.startsWith('x-')) emit('extension-changed', at, `${label}: ${key} changed`);
    else if (METADATA.has(key)) emit('metadata-changed', at, `${label}: ${key} changed`);
    else emit('schema-keyword-changed', at, `${label}: ${key} changed`);
  }
}
