// Vitest setup file of `npm run bench -- tests`: each test file runs in its own worker process,
// so that process's CPU (its own, and its children's: npm, tsc, Chromium, node) at the end of the
// file is the file's cost. Linux: read from /proc/self/stat (utime, stime, cutime, cstime).
import fs from 'node:fs';
import { afterAll, expect } from 'vitest';

const log = process.env['BENCH_TEST_CPU_LOG'];
const seconds = () => {
  const fields = fs.readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  return [11, 12, 13, 14].map((i) => Number(fields[i]) / 100);
};
afterAll(() => {
  if (!log) return;
  const [user, system, childUser, childSystem] = seconds();
  const entry = { file: expect.getState().testPath, self: user! + system!, children: childUser! + childSystem!, wall: process.uptime() };
  fs.appendFileSync(log, `${JSON.stringify(entry)}\n`);
});
