// Deletes what a write run created, newest first, whatever happened to the run; what cannot be
// deleted is reported with the request that deletes it by hand (the token is never printed).
import { request as undiciRequest } from 'undici';

/**
 * @param {{ tracker: ReturnType<import('./resources.mjs').createResourceTracker>, upstream: string,
 *   token: string, log: (line: string) => void, timeoutMs?: number }} options
 * @returns {Promise<{ deleted: object[], left: { resource: object, reason: string, byHand: string | null }[] }>}
 */
export async function deleteCreated({ tracker, upstream, token, log, timeoutMs = 60_000 }) {
  const base = new URL(upstream);
  const prefix = base.pathname.replace(/\/+$/, '');
  const pending = tracker.created.filter((r) => !r.deleted).reverse();
  const deleted = [];
  const left = [];
  if (pending.length === 0) return { deleted, left };
  log(`cleanup: deleting ${pending.length} resource(s) this run created, newest first`);
  for (const resource of pending) {
    const request = tracker.deleteRequest(resource);
    const name = describeResource(resource);
    if (!request) {
      const reason = resource.id ? 'the spec has no operation that deletes it' : 'its id was not in the answer that created it';
      left.push({ resource, reason, byHand: null });
      log(`  NOT deleted ${name}: ${reason}; delete it in the console`);
      continue;
    }
    const url = new URL(`${prefix}${request.path}`, base.origin);
    const byHand = `curl -X DELETE -H "X-Auth-Token: $HWC_AUTH_TOKEN" '${url.href}'`;
    try {
      const answer = await undiciRequest(url, { method: 'DELETE', headers: { 'x-auth-token': token, accept: 'application/json' }, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
      await answer.body.arrayBuffer();
      // 404: already gone (the workflow's own delete went through, or the server removed it).
      if ((answer.statusCode >= 200 && answer.statusCode < 300) || answer.statusCode === 404) {
        resource.deleted = true;
        deleted.push(resource);
        log(`  deleted ${name} (${request.operationId}: ${answer.statusCode})`);
      } else {
        left.push({ resource, reason: `${request.operationId} answered ${answer.statusCode}`, byHand });
        log(`  NOT deleted ${name}: ${request.operationId} answered ${answer.statusCode}; delete it by hand:\n      ${byHand}`);
      }
    } catch (error) {
      left.push({ resource, reason: error.message, byHand });
      log(`  NOT deleted ${name}: ${error.message}; delete it by hand:\n      ${byHand}`);
    }
  }
  // A child the server refused to delete went with its parent when the parent's delete passed
  // (a member group of a deleted VPC channel).
  const stillLeft = left.filter(({ resource }) => {
    const parent = deleted.find((p) => p.item && resource.item?.startsWith(`${p.item}/`) && Object.entries(p.params).every(([k, v]) => resource.params[k] === v));
    if (!parent) return true;
    resource.deleted = true;
    log(`  ${describeResource(resource)} went with ${describeResource(parent)}`);
    return false;
  });
  return { deleted, left: stillLeft };
}

export function describeResource(resource) {
  return `${resource.type} ${resource.id || '(id unknown)'}`;
}
