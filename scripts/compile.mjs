#!/usr/bin/env node
// Compiles the generated clients and the runtime to dist/ (JavaScript + declarations) for the
// published package; runs on `npm pack` / `npm publish` (prepack).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './lib/context.mjs';

fs.rmSync(path.join(repoRoot, 'dist'), { recursive: true, force: true });
const tsc = path.join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
execFileSync(process.execPath, [tsc, '-p', path.join(repoRoot, 'tsconfig.build.json')], { stdio: ['ignore', 2, 2], cwd: repoRoot });
// stderr: `npm pack --json` owns stdout.
console.error('compile: dist/ written');
