#!/usr/bin/env node
// Runtime benchmarks of the compiled client, all against one local ListEndpoints server
// (bench/server.mjs, a child process on 127.0.0.1) and all in the same rounds:
//   raw fetch (token) | our client (token) | our client (AK/SK) | vendor SDK core (AK/SK)
// Each round sends a fixed number of requests per contender, 8 in flight; the order of the
// contenders alternates between rounds; ratios are taken per round and reported as medians.
// Plus the client's own cost per call with a stub fetch (no network), to see what dominates.
// The cost of one AK/SK signature is bench/signing.mjs.
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import path from 'node:path';
import { alternate, buildDist, listEndpointsExample, median, repoRoot } from './lib.mjs';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 1500);
const CONCURRENCY = 8;
const TOKEN = 'bench-token';
const AK = 'BENCHAKEXAMPLE0000';
const SK = 'bench-secret-key-0000000000000000000000';
const PROJECT = 'p';

/** A class of the vendor's SDK core, by the deep path its generated service clients import. */
const vendorCore = (file, name = file) => createRequire(path.join(repoRoot, 'package.json'))(`@huaweicloud/huaweicloud-sdk-core/${file}`)[name];

/** Sends `total` requests, `CONCURRENCY` at a time; returns requests per second. */
async function throughput(call, total) {
  let started = 0;
  const worker = async () => {
    while (started < total) {
      started++;
      await call();
    }
  };
  const t = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return total / ((performance.now() - t) / 1000);
}

/** Every contender must get the real page back, or its numbers mean nothing. */
function check(body) {
  if (!Array.isArray(body?.endpoints) || body.endpoints.length === 0 || typeof body.total_count !== 'number') {
    throw new Error(`unexpected response body: ${JSON.stringify(body).slice(0, 200)}`);
  }
}

async function contenders(dist, baseUrl) {
  const { createVpcepClient } = await import(path.join(dist, 'generated/vpcep/index.js'));
  const token = createVpcepClient({ baseUrl, projectId: PROJECT, auth: { token: TOKEN }, retry: false });
  const aksk = createVpcepClient({ baseUrl, projectId: PROJECT, auth: { accessKey: AK, secretKey: SK }, retry: false });

  // What the vendor's generated service clients do: ClientBuilder -> HcClient, then
  // sendRequest with the options their ParamCreater builds for a GET.
  const credentials = new (vendorCore('auth/BasicCredentials', 'BasicCredentials'))().withAk(AK).withSk(SK).withProjectId(PROJECT);
  const vendor = new (vendorCore('ClientBuilder'))((hc) => hc).withCredential(credentials).withEndpoint(baseUrl).build();
  const vendorCall = () =>
    vendor.sendRequest({
      method: 'GET',
      url: '/v1/{project_id}/vpc-endpoints',
      contentType: 'application/json',
      pathParams: { project_id: PROJECT },
      queryParams: { limit: 10 },
      headers: {},
    });

  const url = `${baseUrl}/v1/${PROJECT}/vpc-endpoints?limit=10`;
  return {
    'raw fetch (token)': async () => {
      const res = await fetch(url, { headers: { 'X-Auth-Token': TOKEN } });
      if (!res.ok) throw new Error(`raw fetch: HTTP ${res.status}`);
      check(await res.json());
    },
    'ours (token)': async () => check(await token.listEndpoints({ limit: 10 })),
    'ours (AK/SK)': async () => check(await aksk.listEndpoints({ limit: 10 })),
    'vendor SDK (AK/SK)': async () => {
      const res = await vendorCall();
      if (res.httpStatusCode !== 200) throw new Error(`vendor SDK: HTTP ${res.httpStatusCode}`);
      check(res);
    },
  };
}

/**
 * µs per call of the transport's timeout and abort machinery: `exchange` with an engine that
 * answers at once (no network, no parsing), with and without a per-attempt timeout, a caller
 * signal and an overall deadline. The differences are what the machinery costs per call.
 */
async function machinery(dist) {
  const { exchange, transportConfig } = await import(path.join(dist, 'src/runtime/transport.js'));
  const res = { status: 200, statusText: 'OK', headers: {}, body: new Uint8Array(0), truncated: false };
  const engine = async () => res;
  const request = () => ({ method: 'GET', origin: 'http://127.0.0.1:9', path: '/v1/p/vpc-endpoints?limit=10', headers: {} });
  const bare = transportConfig({ engine: () => engine, retry: { maxAttempts: 1 } });
  const timed = transportConfig({ engine: () => engine, retry: { maxAttempts: 1 }, timeoutMs: 20_000 });
  const both = transportConfig({ engine: () => engine, retry: { maxAttempts: 1 }, timeoutMs: 20_000, totalTimeoutMs: 60_000 });
  const signal = new AbortController().signal;
  const calls = {
    none: () => exchange(bare, request()),
    timeout: () => exchange(timed, request()),
    timeoutSignal: () => exchange(timed, request(), { signal }),
    timeoutSignalTotal: () => exchange(both, request(), { signal }),
  };
  const N = 20_000;
  // 8 in flight, as in the throughput rounds (the shared timer stays armed between calls).
  const run = async (call) => {
    const t = performance.now();
    let left = N;
    await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
      while (left-- > 0) await call();
    }));
    return ((performance.now() - t) * 1000) / N;
  };
  for (const call of Object.values(calls)) await run(call); // warm-up
  const r = await alternate(ROUNDS, calls, (_, call) => run(call));
  return Object.fromEntries(Object.entries(r).map(([k, v]) => [k, median(v)]));
}

export async function benchRuntime() {
  const dist = buildDist();
  const server = fork(path.join(repoRoot, 'bench/server.mjs'), [path.join(dist, 'src/runtime/signer.js'), TOKEN, AK, SK], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  try {
    const [{ port }] = await once(server, 'message');
    const baseUrl = `http://127.0.0.1:${port}`;
    const calls = await contenders(dist, baseUrl);
    // Warm-up and correctness: a round each that must succeed throughout.
    for (const call of Object.values(calls)) await throughput(call, 200);
    const rps = await alternate(ROUNDS, calls, (_, call) => throughput(call, REQUESTS));
    const perRound = (a, b) => {
      const r = rps[a].map((x, i) => x / rps[b][i]);
      return { value: median(r), min: Math.min(...r), max: Math.max(...r) };
    };
    const result = {
      rounds: ROUNDS,
      requestsPerRound: REQUESTS,
      concurrency: CONCURRENCY,
      rps: Object.fromEntries(Object.entries(rps).map(([k, v]) => [k, median(v)])),
      ratios: {
        tokenVsFetch: { ...perRound('ours (token)', 'raw fetch (token)'), goal: 2 },
        akskVsToken: perRound('ours (AK/SK)', 'ours (token)'),
        oursVsVendor: { ...perRound('ours (AK/SK)', 'vendor SDK (AK/SK)'), goal: 3 },
      },
      machinery: await machinery(dist),
    };
    console.log(JSON.stringify(result, null, 2));
    return result;
  } finally {
    server.disconnect();
    server.kill();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchRuntime();
