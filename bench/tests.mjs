// `npm run bench -- tests`: the duration of `npm test` (vitest run) on this machine, wall and CPU
// (user + system, every process it started), and the CPU of each test file (bench/test-cpu.setup.ts).
// On 2 cores the wall time cannot be less than half the CPU time, so CPU is what the goal
// (`npm test` within 60 s) is decided by; wall time depends on what else the machine runs.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { machine, repoRoot, tmpRoot } from './lib.mjs';

/** CPU seconds of this process's finished children (and theirs), from /proc (Linux). */
function childrenCpu() {
  const fields = fs.readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

// The commit measured side by side as "before" (BENCH_TESTS_BASE overrides): the start of this
// round's work on the suite's duration. It runs first, from a git worktree of that commit with this
// checkout's node_modules linked, with the same probe; then the working tree.
const BASE = process.env['BENCH_TESTS_BASE'] ?? '3ee65f1';
// Rounds of (base, now), the order alternating from round to round: a machine that gets busier or
// quieter during the run (these are shared) then weighs on both sides alike.
const ROUNDS = Number(process.env['BENCH_TESTS_ROUNDS'] ?? 2);

// Chromium's renderers outlive the process that started them (they are re-parented), so the CPU
// of waited-for children misses them. A cpuacct control group (cgroup v1, as root) holds every
// process the run starts, whatever its parent: its usage is the whole CPU.
const CGROUPS = '/sys/fs/cgroup/cpuacct';

/** A fresh control group for one run, or undefined where none can be made. */
function makeCgroup(name) {
  const dir = path.join(CGROUPS, `bench-${name}-${process.pid}`);
  try {
    fs.mkdirSync(dir);
    return dir;
  } catch {
    return undefined;
  }
}

/** CPU seconds of every process that ran in `cgroup`; stops what is left in it and removes it. */
function closeCgroup(cgroup) {
  const usage = Number(fs.readFileSync(path.join(cgroup, 'cpuacct.usage'), 'utf8')) / 1e9;
  for (const pid of fs.readFileSync(path.join(cgroup, 'cgroup.procs'), 'utf8').split('\n').filter(Boolean)) {
    try {
      process.kill(Number(pid), 'SIGKILL');
    } catch {
      // gone already
    }
  }
  for (let i = 0; i < 50 && fs.readFileSync(path.join(cgroup, 'cgroup.procs'), 'utf8').trim(); i++) execFileSync('sleep', ['0.1']);
  fs.rmdirSync(cgroup);
  return usage;
}

/** `vitest run` with the CPU probe in `dir`: wall, CPU of everything it started, CPU per file. */
async function measure(dir) {
  const log = path.join(tmpRoot, `test-cpu-${path.basename(dir)}.jsonl`);
  fs.rmSync(log, { force: true });
  const load = machine().load;
  const cpu0 = childrenCpu();
  const cgroup = makeCgroup(path.basename(dir));
  const vitest = [process.execPath, path.join(dir, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--config', 'bench/vitest.cpu.config.ts'];
  // In the control group from its first instruction: the shell moves itself in, then becomes vitest.
  const [command, ...args] = cgroup ? ['/bin/sh', '-c', `echo $$ > ${cgroup}/cgroup.procs && exec "$@"`, 'sh', ...vitest] : vitest;
  const t0 = performance.now();
  const code = await new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: dir,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', BENCH_TEST_CPU_LOG: log },
    });
    child.on('exit', (c) => resolve(c));
  });
  const wallS = (performance.now() - t0) / 1000;
  const waitedS = childrenCpu() - cpu0;
  const cpuS = cgroup ? closeCgroup(cgroup) : waitedS;
  const files = fs
    .readFileSync(log, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line))
    .map((e) => ({ file: path.relative(dir, e.file), cpuS: e.self + e.children, selfS: e.self, childrenS: e.children, wallS: e.wall }))
    .sort((a, b) => b.cpuS - a.cpuS);
  const workersS = files.reduce((n, f) => n + f.cpuS, 0);
  console.log(`tests (${dir}): exit ${code}, wall ${wallS.toFixed(1)} s, CPU ${cpuS.toFixed(1)} s (waited-for ${waitedS.toFixed(1)} s, test files ${workersS.toFixed(1)} s)`);
  return { code, wallS, cpuS, waitedS, whole: Boolean(cgroup), workersS, files, load, loadAfter: machine().load };
}

export async function benchTests() {
  fs.mkdirSync(tmpRoot, { recursive: true });
  const baseCommit = execFileSync('git', ['rev-parse', '--short', BASE], { cwd: repoRoot, encoding: 'utf8' }).trim();
  const baseDir = path.join(tmpRoot, `tests-base-${baseCommit}`);
  fs.rmSync(baseDir, { recursive: true, force: true });
  execFileSync('git', ['worktree', 'add', '--detach', '-f', baseDir, baseCommit], { cwd: repoRoot, stdio: 'ignore' });
  const runs = { base: [], now: [] };
  try {
    fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(baseDir, 'node_modules'), 'dir');
    for (let round = 0; round < ROUNDS; round++) {
      for (const side of round % 2 === 0 ? ['base', 'now'] : ['now', 'base']) runs[side].push(await measure(side === 'base' ? baseDir : repoRoot));
    }
  } finally {
    execFileSync('git', ['worktree', 'remove', '--force', baseDir], { cwd: repoRoot, stdio: 'ignore' });
  }
  const rounds = runs.now.map((now, i) => ({ wall: now.wallS / runs.base[i].wallS, cpu: now.cpuS / runs.base[i].cpuS }));
  return { ...combine(runs.now), before: { commit: baseCommit, ...combine(runs.base) }, rounds, cores: machine().cores };
}

/** The mean of several measurements of one side (per file too); the first load, the last. */
function combine(list) {
  const mean = (get) => list.reduce((n, m) => n + get(m), 0) / list.length;
  const names = [...new Set(list.flatMap((m) => m.files.map((f) => f.file)))];
  const files = names
    .map((file) => {
      const of = (key) => mean((m) => m.files.find((f) => f.file === file)?.[key] ?? 0);
      return { file, cpuS: of('cpuS'), selfS: of('selfS'), childrenS: of('childrenS'), wallS: of('wallS') };
    })
    .sort((a, b) => b.cpuS - a.cpuS);
  return {
    code: list.find((m) => m.code !== 0)?.code ?? 0,
    wallS: mean((m) => m.wallS),
    cpuS: mean((m) => m.cpuS),
    waitedS: mean((m) => m.waitedS),
    workersS: mean((m) => m.workersS),
    whole: list.every((m) => m.whole),
    files,
    load: list[0].load,
    loadAfter: list.at(-1).loadAfter,
  };
}

export function testsSection(r) {
  const s = (v) => (v === undefined ? '—' : `${v.toFixed(1)} s`);
  const top = r.files.slice(0, 12);
  const BEFORE = r.before;
  const beforeFile = (file) => BEFORE.files.find((f) => f.file === file)?.cpuS;
  const met = r.cpuS / r.cores <= 60;
  return [
    '## 6. `npm test` duration',
    '',
    '`vitest run` as `npm test` runs it (Prism mocks, typecheck, every file), timed from outside: *wall*, and',
    '*CPU* = user + system time of every process it started (npm, tsc, Chromium, Prism included), counted',
    r.whole
      ? 'in a control group that holds them all, whatever their parent (cpuacct).'
      : "as waited-for children (no control group could be made: Chromium's re-parented renderers are missing).",
    "*Waited-for CPU* is the part the run's process tree waited for: the rest is Chromium's renderers, which",
    'outlive the process that started them. Per file: what the file added to its worker\'s CPU and its',
    "waited-for children's (bench/test-cpu.setup.ts: Chromium's renderers are missing there too); the rest is",
    "vitest's main process (transforms, the typecheck's tsc, the three Prism mocks). On",
    `${r.cores} cores the wall time cannot be less than CPU ÷ ${r.cores}; on a shared machine the wall time (and, through`,
    'contention, the CPU time too) also depends on what else runs.',
    '',
    `Both measured in one run: commit ${BEFORE.commit} (from a worktree) and the working tree, ${r.rounds.length} round(s), the order alternating`,
    '(base then now, now then base, ...) so that a machine getting busier or quieter weighs on both alike. The table',
    'shows the means over the rounds; the ratios of each round are listed too.',
    '',
    `| | before (${BEFORE.commit}; load average ${BEFORE.load} at the start, ${BEFORE.loadAfter} at the end) | now (load average ${r.load} at the start, ${r.loadAfter} at the end) |`,
    '| --- | ---: | ---: |',
    `| wall | ${s(BEFORE.wallS)} (exit code ${BEFORE.code}) | ${s(r.wallS)} (exit code ${r.code}) |`,
    `| wall, now ÷ before | | ${(r.wallS / BEFORE.wallS).toFixed(2)} |`,
    `| CPU, now ÷ before | | ${(r.cpuS / BEFORE.cpuS).toFixed(2)} |`,
    `| wall and CPU, now ÷ before, per round | | ${r.rounds.map((x) => `${x.wall.toFixed(2)} / ${x.cpu.toFixed(2)}`).join('; ')} |`,
    `| CPU, user + system | ${s(BEFORE.cpuS)} | ${s(r.cpuS)} |`,
    `| CPU, waited-for processes | ${s(BEFORE.waitedS)} | ${s(r.waitedS)} |`,
    `| CPU ÷ ${r.cores} (least possible wall) | ${s(BEFORE.cpuS / r.cores)} | ${s(r.cpuS / r.cores)} |`,
    `| CPU of the test files' workers | ${s(BEFORE.workersS)} | ${s(r.workersS)} |`,
    ...top.map((f) => `| ${f.file} | ${s(beforeFile(f.file))} | ${s(f.cpuS)} (own ${f.selfS.toFixed(1)}, children ${f.childrenS.toFixed(1)}) |`),
    '',
    'CPU time is not free of load either: with the machine overloaded (load average far above the core count) the',
    'same work takes more CPU seconds (shared caches, hyperthreads), so compare columns only at similar load.',
    '',
    `Goal \`npm test\` ≤ 60 s on ${r.cores} cores: ${met && r.wallS <= 60 ? '**met**' : '**not met**'} (wall ${s(r.wallS)}, CPU ÷ ${r.cores} = ${s(r.cpuS / r.cores)}).`,
  ].join('\n');
}
