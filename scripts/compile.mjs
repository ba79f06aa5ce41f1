#!/usr/bin/env node
// `node scripts/compile.mjs`: the published package's dist/, from generated/ and src/runtime/.
//   dist/esm  tsc's ES modules and declarations (the package is "type": "module")
//   dist/cjs  the same modules compiled as CommonJS, with the same declarations,
//             under a package.json saying "type": "commonjs", so TypeScript reads them as CJS
// Runs on `npm pack` / `npm publish` (prepack) and when the package is installed from git (prepare).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './lib/context.mjs';

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  console.log(`usage: node scripts/compile.mjs

Writes dist/esm (ES modules + .d.ts) and dist/cjs (CommonJS + .d.ts) from generated/ and
src/runtime/. Run by npm on \`npm pack\` (prepack) and on installs from git (prepare).

  --help  this text`);
  process.exit(0);
}

const dist = path.join(repoRoot, 'dist');
fs.rmSync(dist, { recursive: true, force: true });
const tsc = path.join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
if (!fs.existsSync(tsc)) {
  console.error('compile: typescript is not installed (run `npm ci` first)');
  process.exit(1);
}
// Both builds at once (stderr: `npm pack --json` owns stdout).
const tscRun = (config) =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [tsc, '-p', path.join(repoRoot, config)], { stdio: ['ignore', 2, 2], cwd: repoRoot });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`tsc -p ${config} failed (exit ${code})`))));
  });
try {
  await Promise.all([tscRun('tsconfig.build.json'), tscRun('tsconfig.build.cjs.json')]);
} catch (error) {
  console.error(`compile: ${error.message}`);
  process.exit(1);
}

const esm = path.join(dist, 'esm');
const cjs = path.join(dist, 'cjs');
const files = fs.readdirSync(esm, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
// One set of declarations: under dist/cjs/package.json ("type": "commonjs") TypeScript reads them as CJS.
for (const entry of files.filter((e) => e.name.endsWith('.d.ts'))) {
  const from = path.join(entry.parentPath, entry.name);
  const to = path.join(cjs, path.relative(esm, from));
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.copyFileSync(from, to);
}
fs.writeFileSync(path.join(cjs, 'package.json'), `${JSON.stringify({ type: 'commonjs' })}\n`);
console.error('compile: dist/esm and dist/cjs written');
