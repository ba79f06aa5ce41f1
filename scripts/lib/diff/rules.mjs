// Every rule the spec diff can report, with its one classification. A change is breaking when a
// user of the generated client or a caller of the API can be broken by it (code that no longer
// compiles, a request the server now refuses, a response the caller did not expect).
export const BREAKING = 'breaking';
export const NON_BREAKING = 'non-breaking';
export const DOC_ONLY = 'doc-only';
export const CLASSES = [BREAKING, NON_BREAKING, DOC_ONLY];

const B = BREAKING;
const N = NON_BREAKING;
const D = DOC_ONLY;

/**
 * Constraint dimensions compared on both sides; narrowed = fewer values valid than before. Only
 * type, range (multipleOf), pattern and format can change in a way that is neither.
 */
export const DIMENSIONS = ['type', 'enum', 'range', 'length', 'item-count', 'property-count', 'pattern', 'format', 'unique-items', 'additional-properties', 'variants'];
const CAN_JUST_CHANGE = new Set(['type', 'range', 'pattern', 'format']);

const dimensionRules = Object.fromEntries(
  DIMENSIONS.flatMap((dim) => [
    // Request side: the server accepts fewer (narrowed) or more (widened) values.
    [`request-${dim}-narrowed`, { class: B, summary: `request ${dim} narrowed: a request that was valid may now be refused` }],
    [`request-${dim}-widened`, { class: N, summary: `request ${dim} widened: every request that was valid still is` }],
    // Response side: the server may send values callers never saw (widened) or promises more (narrowed).
    // Open response objects are this project's convention, so opening or closing one breaks nobody.
    [`response-${dim}-widened`, { class: dim === 'additional-properties' ? N : B, summary: `response ${dim} widened: callers may receive values they did not expect` }],
    [`response-${dim}-narrowed`, { class: N, summary: `response ${dim} narrowed: every response callers may receive was valid before` }],
    ...(CAN_JUST_CHANGE.has(dim)
      ? [
          [`request-${dim}-changed`, { class: B, summary: `request ${dim} changed in a way that is neither narrower nor wider` }],
          [`response-${dim}-changed`, { class: B, summary: `response ${dim} changed in a way that is neither narrower nor wider` }],
        ]
      : []),
  ]),
);

export const RULES = {
  'service-removed': { class: B, summary: 'a whole service (its client and spec) is gone' },
  'service-added': { class: N, summary: 'a new service' },
  'operation-removed': { class: B, summary: 'an operation (a client method) is gone' },
  'operation-added': { class: N, summary: 'a new operation' },
  'operation-id-changed': { class: B, summary: 'an operation was renamed: its client method has a new name' },
  'operation-path-changed': { class: B, summary: 'an operation moved to another method or path' },
  'parameter-removed': { class: B, summary: 'a parameter is gone: code passing it no longer compiles' },
  'parameter-added-required': { class: B, summary: 'a new required parameter: existing calls lack it' },
  'parameter-added': { class: N, summary: 'a new optional parameter' },
  'parameter-became-required': { class: B, summary: 'an optional parameter is now required' },
  'parameter-became-optional': { class: N, summary: 'a required parameter is now optional' },
  'parameter-serialization-changed': { class: B, summary: 'style, explode or allowReserved changed: the same value is sent differently' },
  'request-body-removed': { class: B, summary: 'the request body is gone' },
  'request-body-added-required': { class: B, summary: 'a new required request body' },
  'request-body-added': { class: N, summary: 'a new optional request body' },
  'request-body-became-required': { class: B, summary: 'the request body is now required' },
  'request-body-became-optional': { class: N, summary: 'the request body is now optional' },
  'request-media-type-removed': { class: B, summary: 'a request content type is no longer accepted' },
  'request-media-type-added': { class: N, summary: 'a request content type is newly accepted' },
  'response-success-status-removed': { class: B, summary: 'a success status is gone: code handling its body breaks' },
  'response-success-status-added': { class: B, summary: 'a new success status: the result may have a shape callers do not handle' },
  'response-error-status-removed': { class: N, summary: 'an error status is no longer documented' },
  'response-error-status-added': { class: N, summary: 'a newly documented error status (it arrives as an error, as before)' },
  'response-media-type-removed': { class: B, summary: 'a response content type is gone' },
  'response-media-type-added': { class: N, summary: 'a response may come in a new content type (sent only when asked for)' },
  'response-header-removed': { class: B, summary: 'a response header is gone' },
  'response-header-became-optional': { class: B, summary: 'a response header that was always sent may now be missing' },
  'response-header-added': { class: N, summary: 'a new response header' },
  'response-header-became-required': { class: N, summary: 'a response header is now always sent' },
  'request-property-removed': { class: B, summary: 'a request field is gone (or became readOnly): code setting it no longer compiles' },
  'request-property-added-required': { class: B, summary: 'a new required request field: existing calls lack it' },
  'request-property-added': { class: N, summary: 'a new optional request field' },
  'request-property-became-required': { class: B, summary: 'an optional request field is now required' },
  'request-property-became-optional': { class: N, summary: 'a required request field is now optional' },
  'response-property-removed': { class: B, summary: 'a response field is gone (or became writeOnly)' },
  'response-property-added': { class: N, summary: 'a new response field (response objects are open)' },
  'response-property-became-optional': { class: B, summary: 'a response field that was always present may now be missing' },
  'response-property-became-required': { class: N, summary: 'a response field is now always present' },
  'request-default-changed': { class: B, summary: 'a request default changed: omitting the value now means something else' },
  'response-default-changed': { class: D, summary: 'a default on the response side changed (it only documents)' },
  'pagination-removed': { class: B, summary: 'x-pagination removed: the client no longer has the paginating helper' },
  'pagination-changed': { class: B, summary: 'x-pagination changed: the paginating helper reads other fields' },
  'pagination-added': { class: N, summary: 'x-pagination added: a new paginating helper' },
  'discriminator-changed': { class: B, summary: 'the discriminator property or mapping changed' },
  'schema-keyword-changed': { class: B, summary: 'a schema keyword this tool does not model changed (treated as breaking to be safe)' },
  'component-schema-removed': { class: B, summary: 'a named schema is gone: its exported type (components["schemas"][name]) no longer exists' },
  'component-schema-added': { class: N, summary: 'a new named schema' },
  'security-requirement-removed': { class: B, summary: 'a way to authenticate is no longer accepted (or authentication became necessary)' },
  'security-requirement-added': { class: N, summary: 'a new way to authenticate is accepted' },
  'security-scheme-changed': { class: B, summary: 'an authentication scheme changed (type, scheme, header name, flows)' },
  'server-removed': { class: B, summary: 'a server URL is gone' },
  'server-added': { class: N, summary: 'a new server URL' },
  'server-variable-narrowed': { class: B, summary: 'a server variable accepts fewer values (for example a region removed)' },
  'server-variable-widened': { class: N, summary: 'a server variable accepts more values (for example a new region)' },
  'server-default-changed': { class: B, summary: 'a server variable default changed: calls without it go elsewhere' },
  'dialect-changed': { class: B, summary: 'jsonSchemaDialect changed: schemas validate by other rules' },
  deprecated: { class: N, summary: 'deprecation added or removed (a warning, nothing stops working)' },
  'description-changed': { class: D, summary: 'a description, summary or title changed' },
  'example-changed': { class: D, summary: 'an example changed' },
  'extension-changed': { class: D, summary: 'an x- extension changed (documentation and tooling notes)' },
  'metadata-changed': { class: D, summary: 'info, tags or external docs changed' },
  ...dimensionRules,
};

export function classOf(rule) {
  const entry = RULES[rule];
  if (!entry) throw new Error(`spec diff: unknown rule ${rule}`);
  return entry.class;
}
