// What `contract --workflows` believes a run created, from the exchanges alone: a create, each
// item of a batch create (APIG members), nothing for a failed create, cleared by the delete, and
// the delete request of each (the path with the parents' ids).
import { describe, expect, it } from 'vitest';
import { createResourceTracker } from '../../scripts/lib/workflows/resources.mjs';
import { loadSpecs } from '../support/specs.js';

const apig = (await loadSpecs()).find((s) => s.name === 'apig')!.doc;
const CHANNELS = '/v2/p1/apigw/instances/i1/vpc-channels';

describe('resource tracker', () => {
  it('a create, a batch create and deletes of APIG channels and members', () => {
    const tracker = createResourceTracker('apig', apig);
    expect(tracker.observe({ method: 'POST', pathname: CHANNELS, status: 400, body: {} })).toBeUndefined();
    const [channel] = tracker.observe({ method: 'POST', pathname: CHANNELS, status: 201, body: { id: 'c1', name: 'x' } })!;
    expect(channel).toMatchObject({ type: 'vpc-channels', id: 'c1' });
    const members = tracker.observe({ method: 'POST', pathname: `${CHANNELS}/c1/members`, status: 201, body: { members: [{ id: 'm1', host: '10.0.0.1' }, { id: 'm2', host: '10.0.0.2' }] } })!;
    expect(members.map((m: any) => m.id)).toEqual(['m1', 'm2']);
    // The same member answered again (an update by address) is not a second resource.
    expect(tracker.observe({ method: 'POST', pathname: `${CHANNELS}/c1/members`, status: 201, body: { members: [{ id: 'm1' }] } })).toEqual([]);
    expect(tracker.deleteRequest(members[1])).toEqual({ method: 'DELETE', path: `${CHANNELS}/c1/members/m2`, operationId: 'DeleteBackendInstanceV2' });
    tracker.observe({ method: 'DELETE', pathname: `${CHANNELS}/c1/members/m1`, status: 204, body: undefined });
    // A failed delete clears nothing; a delete of another channel's member neither.
    tracker.observe({ method: 'DELETE', pathname: `${CHANNELS}/c1/members/m2`, status: 500, body: undefined });
    tracker.observe({ method: 'DELETE', pathname: `${CHANNELS}/c9/members/m2`, status: 204, body: undefined });
    expect(tracker.created.filter((r: any) => !r.deleted).map((r: any) => `${r.type} ${r.id}`)).toEqual(['vpc-channels c1', 'members m2']);
    expect(tracker.deleteRequest(channel)).toMatchObject({ path: `${CHANNELS}/c1`, operationId: 'DeleteVpcChannelV2' });
  });
});
