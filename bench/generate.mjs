#!/usr/bin/env node
// Benchmark of `npm run generate`: the full pipeline and each stage, and, in the same run on
// the same bundled specs, @hey-api/openapi-ts (types + SDK with its fetch client) as the peer.
// Runs alternate between the two tools so machine noise hits both alike; we report medians.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { repoRoot } from '../scripts/lib/context.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** One fresh process per run, as a user would run it (module loading included). */
function timeOurs() {
  const out = execFileSync(process.execPath, [path.join(repoRoot, 'scripts/generate.mjs'), '--check'], {
    cwd: repoRoot,
    env: { ...process.env, REDOCLY_TELEMETRY: 'off' },
    encoding: 'utf8',
  });
  const stages = Object.fromEntries([...out.matchAll(/✓ (\S+)\s+(\d+) ms/g)].map((m) => [m[1], Number(m[2])]));
  const total = Number(out.match(/checked in (\d+) ms/)[1]);
  return { stages, total };
}

async function timePeer(work) {
  const script = path.join(work, 'peer.mjs');
  await fs.writeFile(
    script,
    `import { createClient } from ${JSON.stringify(path.join(repoRoot, 'node_modules/@hey-api/openapi-ts/dist/index.mjs'))};
const t = performance.now();
await Promise.all(${JSON.stringify(['cce', 'vpcep', 'apig'])}.map((s) => createClient({
  input: ${JSON.stringify(path.join(repoRoot, 'generated'))} + '/' + s + '/openapi.json',
  output: ${JSON.stringify(work)} + '/' + s,
  plugins: ['@hey-api/typescript', '@hey-api/sdk', '@hey-api/client-fetch'],
  logs: { level: 'silent' },
})));
console.log('peer ' + (performance.now() - t).toFixed(0));`,
  );
  const start = performance.now();
  const out = execFileSync(process.execPath, [script], { cwd: repoRoot, encoding: 'utf8' });
  return { total: performance.now() - start, inner: Number(out.match(/peer (\d+)/)[1]) };
}

async function main() {
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'hwc-bench-'));
  const ours = [];
  const peer = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const wall = performance.now();
      const o = timeOurs();
      o.wall = performance.now() - wall;
      ours.push(o);
      peer.push(await timePeer(work));
    }
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
  const stageNames = Object.keys(ours[0].stages);
  const result = {
    runs: RUNS,
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`,
    oursWallMs: median(ours.map((o) => o.wall)),
    oursPipelineMs: median(ours.map((o) => o.total)),
    stagesMs: Object.fromEntries(stageNames.map((s) => [s, median(ours.map((o) => o.stages[s]))])),
    peerWallMs: median(peer.map((p) => p.total)),
    peerInnerMs: median(peer.map((p) => p.inner)),
  };
  result.ratioWall = result.peerWallMs / result.oursWallMs;
  console.log(JSON.stringify(result, null, 2));
  return result;
}

export const benchGenerate = main;
if (import.meta.url === `file://${process.argv[1]}`) await main();
