// Our client's PATCH in each of Kubernetes' four patch media types, against the CCE mock: the
// body goes out in the chosen media type with its Content-Type (an apply patch as YAML text),
// the mock checks it against that media type's schema and rules, and the parameter rules of a
// media type (apply needs fieldManager, only apply may force) are refused before sending.
import { describe, expect, it } from 'vitest';
import { createCceClient, RequestValidationError } from '../../generated/cce/index.js';
import { mockUrl } from '../contract/harness.js';

interface Sent {
  contentType: string | null;
  body: string;
  url: string;
}

function recordingClient() {
  const sent: Sent[] = [];
  const client = createCceClient({
    baseUrl: mockUrl('cce'),
    auth: { token: 'patch-test-token' },
    validateResponses: true,
    retry: false,
    fetch: async (request: Request) => {
      sent.push({ contentType: request.headers.get('content-type'), body: await request.clone().text(), url: request.url });
      return fetch(request);
    },
  });
  return { client, sent };
}

const target = { namespace: 'default', name: 'cluster-test' } as const;
const applyYaml = 'apiVersion: v1\nkind: Endpoints\nmetadata:\n  name: cluster-test\nsubsets:\n  - addresses:\n      - ip: 172.16.106.152\n';

describe('patchCoreV1NamespacedEndpoints in every media type', () => {
  it('sends a strategic merge patch by default', async () => {
    const { client, sent } = recordingClient();
    const patched = await client.patchCoreV1NamespacedEndpoints({ ...target, body: { metadata: { labels: { app: 'web' } } } });
    expect(patched.metadata.labels).toEqual({ app: 'cluster-test' });
    expect(sent[0]!.contentType).toBe('application/strategic-merge-patch+json');
    expect(JSON.parse(sent[0]!.body)).toEqual({ metadata: { labels: { app: 'web' } } });
  });

  it('sends a JSON merge patch, removing a field with null', async () => {
    const { client, sent } = recordingClient();
    await client.patchCoreV1NamespacedEndpoints({ ...target, contentType: 'application/merge-patch+json', body: { subsets: null } });
    expect(sent[0]!.contentType).toBe('application/merge-patch+json');
    expect(sent[0]!.body).toBe('{"subsets":null}');
  });

  it('sends a JSON Patch as an array of operations', async () => {
    const { client, sent } = recordingClient();
    const body = [
      { op: 'test' as const, path: '/metadata/resourceVersion', value: '18186' },
      { op: 'add' as const, path: '/subsets/0/addresses/-', value: { ip: '172.16.79.158' } },
    ];
    await client.patchCoreV1NamespacedEndpoints({ ...target, contentType: 'application/json-patch+json', body });
    expect(sent[0]!.contentType).toBe('application/json-patch+json');
    expect(JSON.parse(sent[0]!.body)).toEqual(body);
  });

  it('sends an apply patch as the YAML text given, with its fieldManager and force', async () => {
    const { client, sent } = recordingClient();
    const answer = await client.withResponse.patchCoreV1NamespacedEndpoints({
      ...target,
      contentType: 'application/apply-patch+yaml',
      fieldManager: 'patch-test',
      force: true,
      body: applyYaml,
    });
    expect(answer.status).toBe(200);
    expect(sent[0]!.contentType).toBe('application/apply-patch+yaml');
    expect(sent[0]!.body).toBe(applyYaml);
    expect(new URL(sent[0]!.url).searchParams.get('fieldManager')).toBe('patch-test');
  });

  const refused: [string, object, string][] = [
    ['an apply patch without fieldManager', { contentType: 'application/apply-patch+yaml', body: applyYaml }, 'query.fieldManager'],
    ['a merge patch with force', { contentType: 'application/merge-patch+json', force: false, body: {} }, 'query.force'],
    ['a JSON Patch that is an object', { contentType: 'application/json-patch+json', body: { op: 'add' } }, 'body'],
    ['a JSON Patch operation without path', { contentType: 'application/json-patch+json', body: [{ op: 'remove' }] }, 'body[0].path'],
    ['an unknown JSON Patch op', { contentType: 'application/json-patch+json', body: [{ op: 'merge', path: '/a' }] }, 'body[0].op'],
    ['a strategic merge patch that is an array', { body: [] }, 'body'],
    ['an apply patch that is not text', { contentType: 'application/apply-patch+yaml', fieldManager: 'x', body: { kind: 'Endpoints' } }, 'body'],
    ['a media type Kubernetes does not take', { contentType: 'application/json', body: {} }, 'contentType'],
  ];

  it.each(refused)('refuses %s before sending, and so does the mock', async (_name, input, field) => {
    const { client, sent } = recordingClient();
    const error: any = await client.patchCoreV1NamespacedEndpoints({ ...target, ...input } as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestValidationError);
    expect(error.issues.map((i: any) => i.path)).toContain(field);
    expect(sent).toHaveLength(0);
    // The mock refuses the same request when the client's validation is off (only what can go on the wire).
    if (field === 'contentType' || (field === 'body' && (input as any).contentType === 'application/apply-patch+yaml')) return;
    const mocked: any = await client.patchCoreV1NamespacedEndpoints({ ...target, ...input } as never, { validate: false }).catch((e: unknown) => e);
    expect(sent).toHaveLength(1);
    expect(mocked?.status).toBe(422);
  });
});
