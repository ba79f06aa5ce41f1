#!/usr/bin/env node
// Bundle size of each service entry point (dist/generated/<service>/index.js) as a browser
// app would ship it: esbuild, ESM, minified, code splitting (the validators are imported
// lazily and must land in their own chunk). Sizes are gzip level 9 of each output file:
//   entry = the entry chunk plus every chunk it imports statically (openapi-fetch included),
//   lazy  = the chunks reached only through dynamic import() (the Ajv validators).
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import { buildDist, repoRoot, tmpRoot } from './lib.mjs';

const GOAL_BYTES = 10 * 1024;

async function measure(dist, service) {
  const outdir = path.join(tmpRoot, 'size', service);
  fs.rmSync(outdir, { recursive: true, force: true });
  const result = await esbuild.build({
    entryPoints: [path.join(dist, 'generated', service, 'index.js')],
    absWorkingDir: repoRoot,
    bundle: true,
    splitting: true,
    format: 'esm',
    minify: true,
    platform: 'browser',
    // The signer imports node:crypto, which no browser has: kept external so the sizes can still
    // be measured, and reported (nodeImports) because such a bundle cannot run in a browser.
    external: ['node:*'],
    target: 'es2022',
    outdir,
    metafile: true,
    logLevel: 'silent',
  });
  const outputs = result.metafile.outputs;
  const gz = (file) => gzipSync(fs.readFileSync(path.join(repoRoot, file)), { level: 9 }).length;
  const entry = Object.keys(outputs).find((f) => outputs[f].entryPoint);
  // Everything reachable from the entry by static imports is loaded up front.
  const eager = new Set();
  const walk = (file) => {
    if (eager.has(file)) return;
    eager.add(file);
    for (const imp of outputs[file].imports) if (imp.kind === 'import-statement' && outputs[imp.path]) walk(imp.path);
  };
  walk(entry);
  const js = Object.keys(outputs).filter((f) => f.endsWith('.js'));
  const lazy = js.filter((f) => !eager.has(f));
  const sum = (files) => files.reduce((n, f) => n + gz(f), 0);
  const raw = (files) => files.reduce((n, f) => n + outputs[f].bytes, 0);
  const inputs = (files, match) => files.some((f) => Object.keys(outputs[f].inputs).some((i) => i.includes(match)));
  return {
    service,
    entryGzip: sum([...eager]),
    entryMin: raw([...eager]),
    lazyGzip: sum(lazy),
    lazyMin: raw(lazy),
    chunks: js.length,
    openapiFetchInEntry: inputs([...eager], 'openapi-fetch'),
    validatorsInEntry: inputs([...eager], 'validators.js'),
    nodeImports: [...new Set(js.flatMap((f) => outputs[f].imports.filter((i) => i.external).map((i) => i.path)))],
    goalBytes: GOAL_BYTES,
  };
}

export async function benchSize() {
  const dist = buildDist();
  const services = fs.readdirSync(path.join(dist, 'generated')).sort();
  const result = [];
  for (const service of services) result.push(await measure(dist, service));
  console.log(JSON.stringify(result, null, 2));
  return result;
}

if (import.meta.url === `file://${process.argv[1]}`) await benchSize();
