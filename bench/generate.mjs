#!/usr/bin/env node
// Benchmark of `npm run generate`: the full pipeline and each stage, and, in the same run on
// the same bundled specs, @hey-api/openapi-ts (types + SDK with its fetch client) as the peer.
// Everything runs in a throwaway copy of the repo (node_modules linked, as
// test/support/sandbox.ts does), never in the repo's generated/:
//   warm  = `generate` with generated/ up to date (lint, bundle and every output reused),
//   cold  = the same after deleting generated/docs/*.html (every page rendered and written),
//   fresh = after deleting generated/ (nothing reused: lint, bundle, types, validators, docs).
// One fresh process per run, as a user runs it (module loading included). The order of
// cold / warm / peer rotates every round so machine noise hits all alike; we report medians.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { median, repoRoot } from './lib.mjs';

const ROUNDS = Number(process.env.BENCH_RUNS ?? 5);
const SERVICES = ['cce', 'vpcep', 'apig'];
const COPY = ['spec', 'templates', 'scripts', 'generated', 'redocly.yaml', 'package.json'];

async function createSandbox() {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'hwc-bench-gen-'));
  for (const entry of COPY) await fs.cp(path.join(repoRoot, entry), path.join(dir, entry), { recursive: true });
  await fs.symlink(path.join(repoRoot, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return dir;
}

function timeOurs(dir) {
  const start = performance.now();
  const out = execFileSync(process.execPath, [path.join(dir, 'scripts/generate.mjs')], {
    cwd: dir,
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', NO_COLOR: '1' },
    encoding: 'utf8',
  });
  const wall = performance.now() - start;
  const stages = Object.fromEntries([...out.matchAll(/✓ (\S+)\s+(\d+) ms/g)].map((m) => [m[1], Number(m[2])]));
  const pipeline = Number(/generate: done in (\d+) ms/.exec(out)?.[1]);
  if (!Number.isFinite(pipeline)) throw new Error(`unexpected generate output:\n${out}`);
  return { wall, pipeline, stages, wrote: /emit: (\d+) file/.exec(out)?.[1] ?? '0' };
}

async function timePeer(dir, work) {
  const script = path.join(work, 'peer.mjs');
  await fs.writeFile(
    script,
    `import { createClient } from ${JSON.stringify(path.join(repoRoot, 'node_modules/@hey-api/openapi-ts/dist/index.mjs'))};
const t = performance.now();
await Promise.all(${JSON.stringify(SERVICES)}.map((s) => createClient({
  input: ${JSON.stringify(path.join(dir, 'generated'))} + '/' + s + '/openapi.json',
  output: ${JSON.stringify(path.join(work, 'out'))} + '/' + s,
  plugins: ['@hey-api/typescript', '@hey-api/sdk', '@hey-api/client-fetch'],
  logs: { level: 'silent' },
})));
console.log('peer ' + (performance.now() - t).toFixed(0));`,
  );
  const start = performance.now();
  const out = execFileSync(process.execPath, [script], { cwd: work, encoding: 'utf8' });
  const wall = performance.now() - start;
  // A peer that wrote nothing would be fast for the wrong reason.
  for (const s of SERVICES) await fs.access(path.join(work, 'out', s, 'sdk.gen.ts'));
  return { wall, pipeline: Number(/peer (\d+)/.exec(out)[1]) };
}

async function deleteDocsPages(dir) {
  const docs = path.join(dir, 'generated', 'docs');
  for (const f of await fs.readdir(docs)) if (f.endsWith('.html') && f !== 'index.html') await fs.rm(path.join(docs, f));
}

const summarise = (runs) => ({
  wallMs: median(runs.map((r) => r.wall)),
  pipelineMs: median(runs.map((r) => r.pipeline)),
  // Node start-up and module loading: what the in-process total does not see.
  startupMs: median(runs.map((r) => r.wall - r.pipeline)),
  ...(runs[0].stages ? { stagesMs: Object.fromEntries(Object.keys(runs[0].stages).map((s) => [s, median(runs.map((r) => r.stages[s]))])) } : {}),
});

export async function benchGenerate() {
  const dir = await createSandbox();
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'hwc-bench-peer-'));
  const runs = { cold: [], warm: [], peer: [], fresh: [] };
  const steps = {
    cold: async () => {
      await deleteDocsPages(dir);
      const r = timeOurs(dir);
      if (r.wrote === '0') throw new Error('cold run rendered no docs page');
      return r;
    },
    warm: async () => timeOurs(dir),
    fresh: async () => {
      await fs.rm(path.join(dir, 'generated'), { recursive: true, force: true });
      return timeOurs(dir);
    },
    peer: async () => timePeer(dir, work),
  };
  try {
    for (let i = 0; i < ROUNDS; i++) {
      const names = Object.keys(steps);
      const order = [...names.slice(i % names.length), ...names.slice(0, i % names.length)];
      for (const name of order) runs[name].push(await steps[name]());
    }
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
    await fs.rm(work, { recursive: true, force: true });
  }
  const ratio = (a) => median(runs[a].map((r, i) => r.wall / runs.peer[i].wall));
  const result = {
    rounds: ROUNDS,
    cold: summarise(runs.cold),
    warm: summarise(runs.warm),
    peer: summarise(runs.peer),
    fresh: summarise(runs.fresh),
    // ours ÷ peer, wall time, per round then median: < 1 means we are faster.
    ratioColdToPeer: ratio('cold'),
    ratioWarmToPeer: ratio('warm'),
    ratioFreshToPeer: ratio('fresh'),
    goalMs: 3000,
  };
  console.log(JSON.stringify(result, null, 2));
  return result;
}

if (import.meta.url === `file://${process.argv[1]}`) await benchGenerate();
