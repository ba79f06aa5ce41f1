// Helpers shared by the benchmarks: medians, machine description, and a private build of dist/.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { copyGeneratedJs } from '../scripts/lib/dist.mjs';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Scratch space (git-ignored); nothing the benchmarks write lands anywhere else in the repo. */
export const tmpRoot = path.join(repoRoot, 'bench', '.tmp');

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

export function machine() {
  const cpus = os.cpus();
  return { cores: cpus.length, cpu: cpus[0]?.model?.trim() ?? 'unknown', node: process.version, load: os.loadavg().map((l) => l.toFixed(2)).join(' ') };
}

/**
 * The compiled JS the package ships, built by the same tsc config as `scripts/compile.mjs`, but
 * into bench/.tmp/dist: the repo's dist/ may be in use by tests running concurrently, and
 * compile.mjs deletes it first. Under bench/ so bare imports still resolve to node_modules.
 */
let built;
export function buildDist() {
  if (built) return built;
  const out = path.join(tmpRoot, 'dist');
  fs.rmSync(out, { recursive: true, force: true });
  const tsc = path.join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
  execFileSync(process.execPath, [tsc, '-p', path.join(repoRoot, 'tsconfig.build.json'), '--outDir', out, '--declaration', 'false'], {
    cwd: repoRoot,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  copyGeneratedJs(path.join(repoRoot, 'generated'), out);
  return (built = out);
}

/** Runs `fn` with the contenders in a rotated order each round, so drift hits all alike. */
export async function alternate(rounds, contenders, fn) {
  const results = Object.fromEntries(Object.keys(contenders).map((k) => [k, []]));
  const names = Object.keys(contenders);
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 ? [...names].reverse() : names;
    for (const name of order) results[name].push(await fn(name, contenders[name], r));
  }
  return results;
}

/** The 200 example of ListEndpoints from the bundled VPCEP spec: the body the server answers. */
export function listEndpointsExample() {
  const spec = JSON.parse(fs.readFileSync(path.join(repoRoot, 'generated/vpcep/openapi.json'), 'utf8'));
  const examples = spec.paths['/v1/{project_id}/vpc-endpoints'].get.responses['200'].content['application/json'].examples;
  return spec.components.examples[Object.values(examples)[0].$ref.split('/').pop()].value;
}

export const fmt = (n, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : String(n));
