#!/usr/bin/env node
// `pretest`: the docs test drives Debian's Chromium (/usr/bin/chromium) and checks that Chinese
// text is drawn with a real CJK font (not .notdef boxes), and never skips. A machine without
// either gets the Debian packages installed here (as root), or a clear error saying how.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

export const CHROMIUM = '/usr/bin/chromium';
// Either font package covers Simplified Chinese; the first is preferred.
const CJK_FONT_PACKAGES = ['fonts-noto-cjk', 'fonts-wqy-microhei'];

const missing = [];
if (!fs.existsSync(CHROMIUM)) missing.push('chromium');
if (!hasFontconfig()) missing.push('fontconfig'); // fc-list, to see which fonts cover Chinese
if (!hasChineseFont()) missing.push(CJK_FONT_PACKAGES[0]);

if (missing.length > 0) {
  const isRoot = process.getuid?.() === 0;
  const command = `apt-get install -y ${missing.join(' ')}`;
  if (!isRoot) {
    console.error(`ensure-chromium: missing ${missing.join(' and ')} and this is not root.\n  Install first:  sudo apt-get update && sudo ${command}`);
    process.exit(1);
  }
  console.log(`ensure-chromium: installing Debian's ${missing.join(' ')}…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = (pkg) => {
    try {
      execFileSync('apt-get', ['install', '-y', '--no-install-recommends', pkg], { stdio: 'inherit', env });
      return true;
    } catch (error) {
      console.error(`ensure-chromium: apt-get install ${pkg} failed (${error.message})`);
      return false;
    }
  };
  try {
    execFileSync('apt-get', ['update'], { stdio: 'inherit', env });
  } catch (error) {
    console.error(`ensure-chromium: apt-get update failed (${error.message}). Install by hand: ${command}`);
    process.exit(1);
  }
  for (const pkg of ['chromium', 'fontconfig']) if (missing.includes(pkg)) install(pkg);
  // The smaller fallback font if the preferred one cannot be installed.
  if (!hasChineseFont()) CJK_FONT_PACKAGES.some((pkg) => install(pkg) && hasChineseFont());
  if (!fs.existsSync(CHROMIUM)) {
    console.error(`ensure-chromium: ${CHROMIUM} is still missing (see the apt-get output above)`);
    process.exit(1);
  }
  if (!hasChineseFont()) {
    console.error(`ensure-chromium: installed ${missing.join(' ')}, but fontconfig still lists no font for Chinese (fc-list :lang=zh)`);
    process.exit(1);
  }
}

function hasFontconfig() {
  try {
    execFileSync('fc-list', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** fontconfig knows a font covering Chinese (what Chromium falls back to for CJK text). */
function hasChineseFont() {
  try {
    return execFileSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' }).trim() !== '';
  } catch {
    return false; // no fontconfig at all: the font packages bring it
  }
}
