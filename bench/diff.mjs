// `npm run bench -- diff`: the spec diff of all services, in process (what `npm run build` adds in
// CI, where the bundles are already made) and as the command a developer runs.
import { execFileSync } from 'node:child_process';
import { bundlesAtCommit } from '../scripts/lib/diff/bundles.mjs';
import { diffBundles } from '../scripts/lib/diff/compare.mjs';
import { firstParents } from '../scripts/lib/diff/git.mjs';
import { median, repoRoot } from './lib.mjs';

const GOAL_MS = 1000;
const ROUNDS = Number(process.env.BENCH_DIFF_ROUNDS ?? 30);

/** A copy of `doc` with `n` operations: the real ones, repeated under new ids and paths. */
function scaled(doc, n) {
  const out = structuredClone(doc);
  const items = Object.entries(doc.paths);
  for (let i = 0; Object.values(out.paths).reduce((k, item) => k + Object.keys(item).filter((m) => item[m]?.operationId).length, 0) < n; i++) {
    const [path, item] = items[i % items.length];
    const copy = structuredClone(item);
    for (const op of Object.values(copy)) if (op?.operationId) op.operationId = `${op.operationId}Copy${i}`;
    out.paths[`${path}/copy-${i}`] = copy;
  }
  return out;
}

/** Every enum in the document loses its last value: many entries in every operation. */
function everyEnumNarrowed(doc) {
  const out = structuredClone(doc);
  const walk = (node) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node.enum) && node.enum.length > 1) node.enum.pop();
    Object.values(node).forEach(walk);
  };
  walk(out.components);
  return out;
}

/** Wall and CPU time per diff: on a shared machine wall time includes waiting for a core. */
function timeDiff(before, after) {
  const ms = [];
  const cpu = [];
  let entries = 0;
  for (let i = 0; i < ROUNDS; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    entries = diffBundles(before, after).entries.length;
    ms.push(performance.now() - t);
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000);
  }
  return { first: ms[0], median: median(ms), cpuMedian: median(cpu), entries };
}

function timeCommand(args) {
  const ms = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    execFileSync(process.execPath, ['scripts/diff.mjs', ...args], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'ignore'], env: { ...process.env, REDOCLY_TELEMETRY: 'off' } });
    ms.push(performance.now() - t);
  }
  return median(ms);
}

export async function benchDiff() {
  const history = firstParents(repoRoot, 'HEAD', ['generated/*/openapi.json']);
  const oldest = history[history.length - 1];
  const now = bundlesAtCommit(repoRoot, 'HEAD');
  const first = bundlesAtCommit(repoRoot, oldest);
  const map = (f) => new Map([...now].map(([name, doc]) => [name, f(doc)]));
  const opsOf = (bundles) => [...bundles.values()].reduce((k, d) => k + Object.values(d.paths).reduce((j, item) => j + Object.keys(item).filter((m) => item[m]?.operationId).length, 0), 0);
  const big = map((doc) => scaled(doc, 20));
  const cases = [
    { name: 'all services, unchanged (HEAD vs HEAD)', ops: opsOf(now), ...timeDiff(now, map((d) => structuredClone(d))) },
    { name: `all services, first spec commit ${oldest.slice(0, 7)} vs HEAD`, ops: opsOf(now), ...timeDiff(first, now) },
    { name: 'all services, every enum narrowed', ops: opsOf(now), ...timeDiff(now, map(everyEnumNarrowed)) },
    { name: `${opsOf(big)} operations (20 per service), every enum narrowed`, scaled: true, ops: opsOf(big), ...timeDiff(big, new Map([...big].map(([n, d]) => [n, everyEnumNarrowed(d)]))) },
  ];
  for (const c of cases) console.log(`  ${c.name}: first ${c.first.toFixed(1)} ms, median ${c.median.toFixed(1)} ms (CPU ${c.cpuMedian.toFixed(1)} ms), ${c.entries} entries`);
  const command = {
    refs: timeCommand(['--base', oldest, '--head', 'HEAD']),
    workingTree: timeCommand(['--base', 'HEAD']),
  };
  console.log(`  npm run diff: ref vs ref ${command.refs.toFixed(0)} ms, working tree ${command.workingTree.toFixed(0)} ms (wall, median of 5)`);
  return { rounds: ROUNDS, cases, command, goalMs: GOAL_MS };
}

export function diffSection(r) {
  const worst = Math.max(...r.cases.filter((c) => !c.scaled).map((c) => c.first));
  const scaled = r.cases.find((c) => c.scaled);
  return [
    `## 4. \`npm run diff\`: the spec diff of all services (${r.rounds} rounds)`,
    '',
    'In process: `diffBundles` over the three bundles (what `npm run build` runs in CI, where the pipeline has',
    'just bundled the working tree). *First* is the first round (cold: nothing compiled or cached yet),',
    '*median* over all rounds (wall, and CPU time of the process: wall includes waiting for a core on this',
    'shared machine). The scaled case repeats each service\'s operations under new ids and paths.',
    '',
    '| case | operations | entries | first | median | median CPU |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...r.cases.map((c) => `| ${c.name} | ${c.ops} | ${c.entries} | ${c.first.toFixed(1)} ms | ${c.median.toFixed(1)} ms | ${c.cpuMedian.toFixed(1)} ms |`),
    '',
    '| goal | result |',
    '| --- | --- |',
    `| diff of all services well under 1 s (in process, worst first round of the real specs) | ${worst < r.goalMs / 4 ? '**met**' : worst < r.goalMs ? '**met** (under 1 s, not well under)' : '**not met**'}: ${worst.toFixed(0)} ms |`,
    `| (for scale) ${scaled.ops} operations, ${scaled.entries} entries | ${scaled.first < r.goalMs ? 'under 1 s' : 'over 1 s'}: ${scaled.first.toFixed(0)} ms first, ${scaled.median.toFixed(0)} ms median |`,
    '',
    `The command, wall time (median of 5 fresh processes): ref against ref ${r.command.refs.toFixed(0)} ms (git show of the`,
    `checked-in bundles); against the working tree ${r.command.workingTree.toFixed(0)} ms, nearly all of it loading`,
    '`@redocly/openapi-core` and bundling spec/ fresh (the same cost as the bundle stage of `npm run generate`).',
  ].join('\n');
}
