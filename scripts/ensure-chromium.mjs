#!/usr/bin/env node
// `pretest`: the docs test drives Debian's Chromium (/usr/bin/chromium) and never skips, so a
// machine without it gets it installed here, or a clear error saying how.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

export const CHROMIUM = '/usr/bin/chromium';

if (!fs.existsSync(CHROMIUM)) {
  const isRoot = process.getuid?.() === 0;
  if (!isRoot) {
    console.error(
      `ensure-chromium: ${CHROMIUM} is missing and this is not root.\n` +
        '  Install it first:  sudo apt-get update && sudo apt-get install -y chromium',
    );
    process.exit(1);
  }
  console.log(`ensure-chromium: ${CHROMIUM} is missing; installing Debian's chromium package…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    execFileSync('apt-get', ['update'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', 'chromium'], { stdio: 'inherit', env });
  } catch (error) {
    console.error(`ensure-chromium: apt-get failed (${error.message}). Install it by hand: apt-get install -y chromium`);
    process.exit(1);
  }
  if (!fs.existsSync(CHROMIUM)) {
    console.error(`ensure-chromium: the chromium package installed, but ${CHROMIUM} is still missing`);
    process.exit(1);
  }
}
