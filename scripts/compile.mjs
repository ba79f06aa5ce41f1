#!/usr/bin/env node
// `node scripts/compile.mjs`: the published package's dist/, from generated/ and src/runtime/.
//   dist/esm  tsc's ES modules and declarations (the package is "type": "module")
//   dist/cjs  the same modules as CommonJS (esbuild, file by file), with the same declarations,
//             under a package.json saying "type": "commonjs", so TypeScript reads them as CJS
// The `prepare` script: npm runs it on `npm pack`, `npm publish` and installs from git.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './lib/context.mjs';
import { copyGeneratedJs } from './lib/dist.mjs';

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  console.log(`usage: node scripts/compile.mjs

Writes dist/esm (ES modules + .d.ts) and dist/cjs (CommonJS + .d.ts) from generated/ and
src/runtime/. Run by npm (prepare) on \`npm pack\`, \`npm publish\` and installs from git.

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
// stderr: `npm pack --json` owns stdout.
try {
  execFileSync(process.execPath, [tsc, '-p', path.join(repoRoot, 'tsconfig.build.json')], { stdio: ['ignore', 2, 2], cwd: repoRoot });
} catch {
  console.error('compile: tsc -p tsconfig.build.json failed');
  process.exit(1);
}

const esm = path.join(dist, 'esm');
const cjs = path.join(dist, 'cjs');
// The validators are generated as JavaScript with declarations beside it: copied as they are.
copyGeneratedJs(path.join(repoRoot, 'generated'), esm);
const files = fs.readdirSync(esm, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
// CommonJS from tsc's output, file by file. esbuild's transform (not build) sees no file path,
// so it applies the usual __esModule interop to require()d packages rather than Node's ESM rule;
// import() of the lazily loaded validators becomes require(), so a CJS program loads CJS only.
const { transform } = await import('esbuild');
for (const entry of files.filter((e) => e.name.endsWith('.js'))) {
  const from = path.join(entry.parentPath, entry.name);
  const { code } = await transform(fs.readFileSync(from, 'utf8'), {
    loader: 'js',
    format: 'cjs',
    target: 'node20',
    supported: { 'dynamic-import': false },
  });
  const to = path.join(cjs, path.relative(esm, from));
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.writeFileSync(to, code);
}
// One set of declarations: under dist/cjs/package.json ("type": "commonjs") TypeScript reads them as CJS.
for (const entry of files.filter((e) => e.name.endsWith('.d.ts'))) {
  const from = path.join(entry.parentPath, entry.name);
  const to = path.join(cjs, path.relative(esm, from));
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.copyFileSync(from, to);
}
fs.writeFileSync(path.join(cjs, 'package.json'), `${JSON.stringify({ type: 'commonjs' })}\n`);
console.error('compile: dist/esm and dist/cjs written');
