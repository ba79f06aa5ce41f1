// Known response variants (`x-accept` on a schema): shapes the server is known to send instead of
// the documented one, each with the `normalise` step that turns it into the documented shape.
// The canonical schema stays the schema (types and docs show it); validators and the contract
// proxy use the expanded form, in which each variant is one more `anyOf` branch.

/** The normalise steps src/runtime/normalise.ts implements. */
export const NORMALISE_STEPS = ['wrap-array', 'parse-boolean', 'assume-utc'];

/** A copy of a schema tree where every `x-accept` became `anyOf: [canonical, ...variants]`. */
export function expandAccepted(node) {
  if (Array.isArray(node)) return node.map(expandAccepted);
  if (!node || typeof node !== 'object') return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) if (key !== 'x-accept') out[key] = expandAccepted(value);
  const variants = node['x-accept'];
  if (!Array.isArray(variants) || variants.length === 0) return out;
  const { description, ...canonical } = out;
  return {
    ...(description === undefined ? {} : { description }),
    anyOf: [canonical, ...variants.map(({ normalise: _step, ...shape }) => shape)],
  };
}
