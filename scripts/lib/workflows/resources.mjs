// What a write run created on the server, worked out from the exchanges themselves (not from
// the workflow files): a successful call of an operation that creates a resource of the spec's
// resource model (the one the stateful mock uses) records the resource, with the URL and
// operation that delete it; a successful delete of it (by the workflow) clears it.
import { buildMockDefinition } from '../../stages/mocks.mjs';
import { matchOperation } from '../operations.mjs';

/**
 * @param {string} service
 * @param {any} doc  the bundled spec
 */
export function createResourceTracker(service, doc) {
  const { resources } = buildMockDefinition(service, doc);
  /** @type {{ type: string, id: string, item: string | null, deleteOperation: string | null, params: Record<string, string>, deleted: boolean }[]} */
  const created = [];

  return {
    created,
    /**
     * Records what an exchange did; returns the resources it created (none: undefined or []).
     * @param {{ method: string, pathname: string, status: number, body: unknown }} exchange
     */
    observe({ method, pathname, status, body }) {
      const matched = matchOperation(doc, method, pathname);
      if (!matched) return undefined;
      const { operationId, pathParams: params } = matched;
      const ok = status >= 200 && status < 300;
      const create = resources.find((r) => r.create === operationId);
      if (create && ok) {
        // A batch create (`members: [...]`) made one resource per item of its answer.
        const batch = create.batchField ? body?.[create.batchField] : undefined;
        const made = (Array.isArray(batch) ? batch : [body]).map((node) => {
          const id = create.idPath.reduce((n, key) => (n && typeof n === 'object' ? n[key] : undefined), node);
          return {
            type: typeName(create.collection),
            id: id === undefined || id === null ? '' : String(id),
            item: create.item,
            deleteOperation: create.delete ?? null,
            params: { ...params, ...(create.idParam && id !== undefined && id !== null ? { [create.idParam]: String(id) } : {}) },
            deleted: false,
          };
        });
        // An item the server answered again (an update by address) is already known.
        const fresh = made.filter((r) => !created.some((c) => c.item === r.item && c.id === r.id && r.id && sameParents(c.params, r.params) && !c.deleted));
        created.push(...fresh);
        return fresh;
      }
      const owner = resources.find((r) => r.delete === operationId);
      if (owner && ok) {
        for (const resource of created) {
          if (resource.item === owner.item && resource.params[owner.idParam] === params[owner.idParam] && sameParents(resource.params, params)) resource.deleted = true;
        }
      }
      return undefined;
    },
    /** The delete request of a resource ({ method, path }), or undefined when the spec has none. */
    deleteRequest(resource) {
      if (!resource.deleteOperation || !resource.item || !resource.id) return undefined;
      const path = resource.item.replace(/\{([^}]+)\}/g, (_, name) => encodeURIComponent(resource.params[name] ?? ''));
      return { method: 'DELETE', path, operationId: resource.deleteOperation };
    },
  };
}

function sameParents(a, b) {
  return Object.keys(b).every((name) => a[name] === undefined || a[name] === b[name]);
}

/** `/v1/{project_id}/vpc-endpoint-services` -> `vpc-endpoint-services`. */
function typeName(collection) {
  return collection.split('/').filter((s) => s && !s.startsWith('{')).pop() ?? collection;
}
