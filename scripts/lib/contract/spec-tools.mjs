// One set of Ajv instances per loaded spec, shared by the plan, the negative cases and the
// conformance check (building one costs a few hundred ms, compiling a response schema tens).
import { createSpecAjv } from '../../stages/validators.mjs';
import { createSchemaContext } from './schema.mjs';

const cache = new WeakMap();

/**
 * @param {{ validators?: Record<string, any> }} [options]
 * @returns {{ ctx: ReturnType<typeof createSchemaContext>, named(name: string): any, memo<T>(key: string, build: () => T): T, validator(schema: object, variants?: 'accept' | 'canonical'): any }}
 *   validator(): the compiled Ajv function of a spec schema, accepting its known variants
 *   (the client's rule) or only the documented shape
 */
export function specTools(service, doc, { validators = {} } = {}) {
  let tools = cache.get(doc);
  if (tools) return tools;
  const accepting = createSpecAjv(service, doc);
  let canonical;
  const compiled = { accept: new WeakMap(), canonical: new WeakMap() };
  const memos = new Map();
  tools = {
    /**
     * A validator the generator compiled ahead of time (generated/<service>/validators.js:
     * `<operationId>Request`, `<operationId>Response<status>`), when the caller loaded them:
     * the clients' own, and no compiling here.
     */
    named: (name) => validators[name],
    /** A value derived from the spec once (a request schema, say), so its compiled validator is reused. */
    memo(key, build) {
      if (!memos.has(key)) memos.set(key, build());
      return memos.get(key);
    },
    ctx: createSchemaContext(service, doc, accepting),
    validator(schema, variants = 'accept') {
      let fn = compiled[variants].get(schema);
      if (!fn) {
        const { ajv, toAjv } = variants === 'accept' ? accepting : (canonical ??= createSpecAjv(service, doc, { variants: 'canonical' }));
        fn = ajv.compile(toAjv(schema));
        compiled[variants].set(schema, fn);
      }
      return fn;
    },
  };
  cache.set(doc, tools);
  return tools;
}
