// Vitest setup file of `npm run bench -- tests`: the CPU a test file cost, as the growth of its
// worker process's CPU (its own, and its finished children's: npm, tsc, Chromium, node) from the
// file's start to its end. Workers run file after file (`isolate: false`), so a file's share is
// the difference, not the process total. Linux: read from /proc/self/stat (utime, stime, cutime, cstime).
import fs from 'node:fs';
import { afterAll, expect } from 'vitest';

const log = process.env['BENCH_TEST_CPU_LOG'];
const seconds = () => {
  const fields = fs.readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  return [11, 12, 13, 14].map((i) => Number(fields[i]) / 100);
};
// The setup file runs before the test file is imported: its imports count too.
const start = seconds();
const startWall = performance.now();
afterAll(() => {
  if (!log) return;
  const [user, system, childUser, childSystem] = seconds().map((s, i) => s - start[i]!);
  const entry = { file: expect.getState().testPath, self: user! + system!, children: childUser! + childSystem!, wall: (performance.now() - startWall) / 1000 };
  fs.appendFileSync(log, `${JSON.stringify(entry)}\n`);
});
