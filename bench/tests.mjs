// `npm run bench -- tests`: the duration of `npm test` (vitest run) on this machine, wall and CPU
// (user + system, every process it started), and the CPU of each test file (bench/test-cpu.setup.ts).
// On 2 cores the wall time cannot be less than half the CPU time, so CPU is what the goal
// (`npm test` within 60 s) is decided by; wall time depends on what else the machine runs.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { machine, repoRoot, tmpRoot } from './lib.mjs';

/** CPU seconds of this process's finished children (and theirs), from /proc (Linux). */
function childrenCpu() {
  const fields = fs.readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

// Before this round's changes (commit 11de005, same machine, `npm test` with the same probe).
const BEFORE = {
  note: 'commit 11de005, 2026-12-01 23:39 UTC, load average 5.04 at the start, 9.76 at the end',
  wallS: 226.2,
  cpuS: 199.2,
  files: {
    'test/package/pack.test.ts': 75.0,
    'test/docs/browser.test.ts': 13.2,
    'test/docs/i18n.test.ts': 8.3,
    'test/faults/faults.test.ts': 7.5,
    'test/generate/pipeline.test.ts': 6.7,
    'test/contract/proxy.test.ts': 6.3,
    'test/types/diagnostics.test.ts': 5.1,
    'test/fuzz/requests.test.ts': 4.9,
  },
  workersS: 175.4,
};

export async function benchTests() {
  fs.mkdirSync(tmpRoot, { recursive: true });
  const log = path.join(tmpRoot, 'test-cpu.jsonl');
  fs.rmSync(log, { force: true });
  const load = machine().load;
  const cpu0 = childrenCpu();
  const t0 = performance.now();
  const vitest = path.join(repoRoot, 'node_modules', 'vitest', 'vitest.mjs');
  const code = await new Promise((resolve) => {
    const child = spawn(process.execPath, [vitest, 'run', '--config', 'bench/vitest.cpu.config.ts'], {
      cwd: repoRoot,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', BENCH_TEST_CPU_LOG: log },
    });
    child.on('exit', (c) => resolve(c));
  });
  const wallS = (performance.now() - t0) / 1000;
  const cpuS = childrenCpu() - cpu0;
  const files = fs
    .readFileSync(log, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line))
    .map((e) => ({ file: path.relative(repoRoot, e.file), cpuS: e.self + e.children, selfS: e.self, childrenS: e.children, wallS: e.wall }))
    .sort((a, b) => b.cpuS - a.cpuS);
  const workersS = files.reduce((n, f) => n + f.cpuS, 0);
  console.log(`tests: exit ${code}, wall ${wallS.toFixed(1)} s, CPU ${cpuS.toFixed(1)} s (test files ${workersS.toFixed(1)} s)`);
  return { code, wallS, cpuS, workersS, files, load, loadAfter: machine().load, cores: machine().cores };
}

export function testsSection(r) {
  const s = (v) => (v === undefined ? '—' : `${v.toFixed(1)} s`);
  const top = r.files.slice(0, 12);
  const met = r.cpuS / r.cores <= 60;
  return [
    '## 6. `npm test` duration',
    '',
    '`vitest run` as `npm test` runs it (Prism mocks, typecheck, every file), timed from outside: *wall*, and',
    '*CPU* = user + system time of every process it started (npm, tsc, Chromium, Prism included). Per file:',
    "the CPU of the file's worker process and its children (bench/test-cpu.setup.ts); the rest of the CPU is",
    "vitest's main process (transforms, the typecheck's tsc, the three Prism mocks). On",
    `${r.cores} cores the wall time cannot be less than CPU ÷ ${r.cores}; on a shared machine the wall time (and, through`,
    'contention, the CPU time too) also depends on what else runs.',
    '',
    `| | before (${BEFORE.note}) | now (load average ${r.load} at the start, ${r.loadAfter} at the end) |`,
    '| --- | ---: | ---: |',
    `| wall | ${s(BEFORE.wallS)} | ${s(r.wallS)} (exit code ${r.code}) |`,
    `| CPU, user + system | ${s(BEFORE.cpuS)} | ${s(r.cpuS)} |`,
    `| CPU ÷ ${r.cores} (least possible wall) | ${s(BEFORE.cpuS / r.cores)} | ${s(r.cpuS / r.cores)} |`,
    `| CPU of the test files' workers | ${s(BEFORE.workersS)} | ${s(r.workersS)} |`,
    ...top.map((f) => `| ${f.file} | ${s(BEFORE.files[f.file])} | ${s(f.cpuS)} (own ${f.selfS.toFixed(1)}, children ${f.childrenS.toFixed(1)}) |`),
    '',
    'CPU time is not free of load either: with the machine overloaded (load average far above the core count) the',
    'same work takes more CPU seconds (shared caches, hyperthreads), so compare columns only at similar load.',
    '',
    `Goal \`npm test\` ≤ 60 s on ${r.cores} cores: ${met ? '**met**' : '**not met**'} (CPU ÷ ${r.cores} = ${s(r.cpuS / r.cores)}).`,
  ].join('\n');
}
