// The ledger (spec/<service>/discrepancies.yaml) as readers see it on the docs' ledger page: what
// the vendor's page says, what the spec does and why. Maintainer-only fields (the source file, the
// references consulted) stay out, file names and repository paths are reduced to what they name,
// and a mention of another entry becomes a link to it titled by that entry.
export const ledgerAnchor = (id) => id.toLowerCase();

const ID = /\b(?:CCE|VPCEP|APIG)-\d{3}\b/g;

/** [{ name, title, entries: [{ anchor, title, operations, where, document, spec, why }] }] */
export function ledgerPageModel(ctx) {
  const all = new Map(ctx.services.flatMap((s) => ctx.ledgers.get(s.name).map((e) => [e.id, e])));
  const prose = (text) => linkEntries(readable(String(text ?? '')), all);
  return ctx.services.map((service) => ({
    name: service.name,
    title: ctx.models.get(service.name).title,
    entries: ctx.ledgers.get(service.name).map((e) => ({
      anchor: ledgerAnchor(e.id),
      title: prose(e.title),
      operations: [].concat(e.operations).join(', '),
      where: prose(e.where),
      document: prose(e.document),
      spec: prose(e.spec),
      why: prose(e.why),
    })),
  }));
}

export function ledgerEntries(ctx) {
  return new Map(ctx.services.flatMap((s) => ctx.ledgers.get(s.name).map((e) => [e.id, e])));
}

/** Escaped HTML with maintainer paths reduced to what they name (`schemas/ErrorResponse.yaml` -> `ErrorResponse`). */
function readable(text) {
  return escapeHtml(
    text
      .replace(/\b\d{3}_[0-9a-f]{16}\.txt\b/g, "the vendor's page")
      .replace(/\bspec\/sources\/?(?:\s*\(?\d{3}(?:\s*[-,]\s*\d{3})*\)?)?/g, "the vendor's pages")
      .replace(/`?\bspec\/README\.md`?/g, "this reference's conventions")
      .replace(/`?\b(?:responses|schemas|parameters|examples|headers|paths)\/(?:\*\.ya?ml)?`?(?=[\s,.;)]|$)/g, 'the shared $1')
      .replace(/\bnode_modules\/(?:@[\w.-]+\/)?\s*/g, '')
      .replace(/`?(?:[\w@.-]+\/)+([\w-]+)\.(?:ya?ml|json|m?js|ts|txt|md|go|py)\b`?/g, '$1')
      .replace(/`?\b([\w-]+)\.(?:ya?ml)\b`?/g, '$1'),
  );
}

function linkEntries(html, all) {
  return html.replace(ID, (id) => (all.has(id) ? `<a href="#${ledgerAnchor(id)}">${escapeHtml(all.get(id).title)}</a>` : 'another entry'));
}

function escapeHtml(text) {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
