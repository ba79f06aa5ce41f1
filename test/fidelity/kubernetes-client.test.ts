// Kubernetes' official JS client (@kubernetes/client-node, a release nobody here wrote) creates
// Endpoints against the CCE mock. The bodies are the shapes the real kube-apiserver accepts
// (its validation: kubernetes/kubernetes pkg/apis/core/validation/validation.go), including the
// ones the vendor's page calls invalid; the mock must accept each and answer with the documented
// 201. Bodies the apiserver refuses must come back as its 422 Invalid Status.
import { ApiException, CoreV1Api, KubeConfig, PatchStrategy, setHeaderOptions, type V1Endpoints } from '@kubernetes/client-node';
import { describe, expect, inject, it } from 'vitest';

function mockUrl(service: string): string {
  const url = inject('prismUrls')[service];
  if (!url) throw new Error(`no mock for ${service}`);
  return url;
}

function coreApi(server: string): CoreV1Api {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'mock', server, skipTLSVerify: true }],
    users: [{ name: 'user', token: 'test-token' }],
    contexts: [{ name: 'mock', cluster: 'mock', user: 'user' }],
    currentContext: 'mock',
  });
  return kc.makeApiClient(CoreV1Api);
}

const api = () => coreApi(mockUrl('cce'));

const accepted: [string, V1Endpoints][] = [
  [
    'the documented request (two subsets, kind and apiVersion)',
    {
      kind: 'Endpoints',
      apiVersion: 'v1',
      metadata: { name: 'cluster-test' },
      subsets: [
        { addresses: [{ ip: '172.16.106.152' }], ports: [{ port: 1, protocol: 'TCP' }] },
        { addresses: [{ ip: '172.16.79.157' }], ports: [{ port: 1, protocol: 'TCP' }] },
      ],
    },
  ],
  ['no subsets at all', { metadata: { name: 'no-subsets' } }],
  ['a subset with only notReadyAddresses', { metadata: { name: 'not-ready' }, subsets: [{ notReadyAddresses: [{ ip: '10.0.0.7' }], ports: [{ port: 80 }] }] }],
  ['a subset without ports (headless Service)', { metadata: { name: 'headless' }, subsets: [{ addresses: [{ ip: '10.0.0.8' }] }] }],
  [
    'targetRef.resourceVersion set (as controllers copy it from the Pod)',
    {
      metadata: { name: 'with-target' },
      subsets: [
        {
          addresses: [{ ip: '10.0.0.9', targetRef: { kind: 'Pod', name: 'web-0', namespace: 'default', uid: '0d3f1c2e-1111-4a5b-9c8d-7e6f5a4b3c2d', resourceVersion: '4711' } }],
          ports: [{ port: 8080 }],
        },
      ],
    },
  ],
  ['no kind and no apiVersion (the server takes them from the URL)', { metadata: { name: 'no-kind' }, subsets: [{ addresses: [{ ip: '10.0.0.10' }], ports: [{ port: 443, protocol: 'TCP' }] }] }],
  ['a single port named "" (what the client sends for an unnamed port)', { metadata: { name: 'empty-port-name' }, subsets: [{ addresses: [{ ip: '10.0.0.11' }], ports: [{ name: '', port: 53, protocol: 'UDP' }] }] }],
  ['an IPv6 address and an appProtocol', { metadata: { name: 'v6' }, subsets: [{ addresses: [{ ip: '2001:db8::1' }], ports: [{ port: 443, appProtocol: 'kubernetes.io/h2c' }] }] }],
];

describe('@kubernetes/client-node against the CCE mock', () => {
  it.each(accepted)('creates Endpoints with %s and reads the documented 201', async (_name, body) => {
    const answer = await api().createNamespacedEndpointsWithHttpInfo({ namespace: 'default', body });
    expect(answer.httpStatusCode).toBe(201);
    // The documented created object, parsed by the official client's own deserializer.
    expect(answer.data.kind).toBe('Endpoints');
    expect(answer.data.metadata?.name).toBe('cluster-test');
    expect(answer.data.metadata?.uid).toBe('81b1503d-5960-11e6-b444-286ed488fafe');
    expect(answer.data.metadata?.creationTimestamp).toEqual(new Date('2016-08-03T09:56:10Z'));
    expect(answer.data.metadata?.deletionTimestamp).toBeUndefined();
    expect(answer.data.subsets?.[0]?.ports?.[0]).toEqual({ port: 1, protocol: 'TCP' });
    // Plausible headers, not a schema's invented "string".
    expect(answer.headers['audit-id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(answer.headers['x-request-id']).toMatch(/^[0-9a-f]{32}$/);
    expect(answer.headers['warning'] ?? '').not.toBe('string');
  });

  const refused: [string, string, V1Endpoints][] = [
    ['port 0', 'port', { metadata: { name: 'bad-port' }, subsets: [{ addresses: [{ ip: '10.0.0.1' }], ports: [{ port: 0 }] }] }],
    ['a loopback address', 'ip', { metadata: { name: 'loopback' }, subsets: [{ addresses: [{ ip: '127.0.0.1' }], ports: [{ port: 80 }] }] }],
    ['a subset with neither addresses nor notReadyAddresses', 'subsets', { metadata: { name: 'empty-subset' }, subsets: [{ ports: [{ port: 80 }] }] }],
    [
      'two ports, one unnamed',
      'ports',
      { metadata: { name: 'two-ports' }, subsets: [{ addresses: [{ ip: '10.0.0.2' }], ports: [{ name: 'http', port: 80 }, { port: 443 }] }] },
    ],
    ['an upper-case port name', 'name', { metadata: { name: 'upper' }, subsets: [{ addresses: [{ ip: '10.0.0.3' }], ports: [{ name: 'HTTP', port: 80 }] }] }],
    ['no name and no generateName', 'metadata', { metadata: { labels: { a: 'b' } }, subsets: [] }],
  ];

  it.each(refused)('is answered 422 Invalid for %s, naming the field', async (_name, field, body) => {
    const error = await api()
      .createNamespacedEndpoints({ namespace: 'default', body })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(ApiException);
    const e = error as ApiException<string>;
    expect(e.code).toBe(422);
    const status = JSON.parse(e.body);
    expect(status).toMatchObject({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'Invalid', code: 422 });
    // The mock names the violated field in Prism's sl-violations header.
    const violations = JSON.parse(e.headers['sl-violations'] ?? '[]') as { location: string[] }[];
    expect(violations.map((v) => v.location.join('.')).join(' ')).toContain(field);
  });
});

// Read, replace, patch (every patch type the official client sends) and delete, as the client
// sends them: its own serialisation, Content-Type and query parameters.
describe('@kubernetes/client-node: the rest of the lifecycle against the CCE mock', () => {
  const target = { name: 'cluster-test', namespace: 'default' };

  it('reads an Endpoints object and parses the documented answer', async () => {
    const answer = await api().readNamespacedEndpointsWithHttpInfo(target);
    expect(answer.httpStatusCode).toBe(200);
    expect(answer.data.metadata?.resourceVersion).toBe('18186');
    expect(answer.data.subsets?.[0]?.addresses?.map((a) => a.ip)).toEqual(['172.16.106.152', '172.16.79.157']);
  });

  it('replaces it with the object it read (resourceVersion included)', async () => {
    const read = await api().readNamespacedEndpoints(target);
    read.subsets![0]!.addresses!.push({ ip: '172.16.79.158' });
    const answer = await api().replaceNamespacedEndpointsWithHttpInfo({ ...target, body: read, fieldManager: 'fidelity-test' });
    expect(answer.httpStatusCode).toBe(200);
    expect(answer.data.metadata?.resourceVersion).toBe('18203');
  });

  const patches: [string, PatchStrategy, object][] = [
    ['a JSON Patch (the client\'s default)', PatchStrategy.JsonPatch, [{ op: 'add', path: '/metadata/labels', value: { app: 'web' } }]],
    ['a JSON merge patch', PatchStrategy.MergePatch, { metadata: { labels: { app: 'web' } } }],
    ['a strategic merge patch', PatchStrategy.StrategicMergePatch, { metadata: { labels: { app: 'web' } }, subsets: null }],
    ['a server-side apply (sent as JSON text, which is YAML)', PatchStrategy.ServerSideApply, { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'cluster-test' } }],
  ];

  it.each(patches)('patches it with %s', async (_name, strategy, body) => {
    const apply = strategy === PatchStrategy.ServerSideApply;
    const answer = await api().patchNamespacedEndpointsWithHttpInfo(
      { ...target, body, ...(apply ? { fieldManager: 'fidelity-test', force: true } : {}) },
      strategy === PatchStrategy.JsonPatch ? undefined : setHeaderOptions('Content-Type', strategy),
    );
    expect(answer.httpStatusCode).toBe(200);
    expect(answer.data.metadata?.labels).toEqual({ app: 'cluster-test' });
  });

  it('is refused an apply patch without fieldManager (422, as the server does)', async () => {
    const error = await api()
      .patchNamespacedEndpoints({ ...target, body: { apiVersion: 'v1', kind: 'Endpoints' } }, setHeaderOptions('Content-Type', PatchStrategy.ServerSideApply))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiException);
    expect((error as ApiException<string>).code).toBe(422);
  });

  it('is refused a merge patch that sets force (422, as the server does)', async () => {
    const error = await api()
      .patchNamespacedEndpoints({ ...target, body: { metadata: {} }, force: true }, setHeaderOptions('Content-Type', PatchStrategy.MergePatch))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiException);
    expect((error as ApiException<string>).code).toBe(422);
  });

  it('lists a namespace page by page: limit and continue go out, metadata.continue comes back', async () => {
    const answer = await api().listNamespacedEndpointsWithHttpInfo({ namespace: 'default', limit: 1, labelSelector: 'app=web' });
    expect(answer.httpStatusCode).toBe(200);
    expect(answer.data.items.map((e) => e.metadata?.name)).toEqual(['cluster-test']);
    expect(answer.data.metadata?._continue).toMatch(/^eyJ/);
    const next = await api().listNamespacedEndpoints({ namespace: 'default', limit: 1, _continue: answer.data.metadata!._continue! });
    expect(next.kind).toBe('EndpointsList');
  });

  it('lists the Endpoints of all namespaces (items without kind and apiVersion)', async () => {
    const list = await api().listEndpointsForAllNamespaces({ resourceVersion: '0', resourceVersionMatch: 'NotOlderThan', timeoutSeconds: 30 });
    expect(list.items.map((e) => `${e.metadata?.namespace}/${e.metadata?.name}`)).toEqual(['default/cluster-test', 'default/kubernetes']);
    expect(list.items[0]!.kind).toBeUndefined();
  });

  it('deletes a collection by label and parses the list of deleted objects', async () => {
    const answer = await api().deleteCollectionNamespacedEndpointsWithHttpInfo({ namespace: 'default', labelSelector: 'app=web', propagationPolicy: 'Background' });
    expect(answer.httpStatusCode).toBe(200);
    // The official client types the answer as V1Status; the server (and the mock) send the deleted list.
    expect((answer.data as unknown as { kind: string; items: unknown[] }).kind).toBe('EndpointsList');
  });

  it('deletes it with DeleteOptions and parses the Status of Success', async () => {
    const answer = await api().deleteNamespacedEndpointsWithHttpInfo({ ...target, propagationPolicy: 'Background', body: { preconditions: { resourceVersion: '18203' } } });
    expect(answer.httpStatusCode).toBe(200);
    expect(answer.data).toMatchObject({ kind: 'Status', status: 'Success', details: { name: 'cluster-test', kind: 'endpoints' } });
  });
});
