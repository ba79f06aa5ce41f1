// A throwaway copy of the repository (node_modules linked, not copied) for tests that run the
// generator against a modified spec or template.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { root } from './paths.js';

const COPY = ['spec', 'templates', 'scripts', 'generated', 'redocly.yaml', 'package.json'];

export async function createSandbox(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'hwc-sandbox-'));
  for (const entry of COPY) await fs.cp(path.join(root, entry), path.join(dir, entry), { recursive: true });
  await fs.symlink(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return { dir, remove: () => fs.rm(dir, { recursive: true, force: true }) };
}

/**
 * `npm run generate [args]` against the sandbox, in this process: the command's own main(), so
 * its exit code and messages are the CLI's, without a Node start-up and module loading per run.
 */
export async function runGenerate(dir: string, args: string[] = []): Promise<{ code: number; stdout: string; stderr: string }> {
  const { main } = await import('../../scripts/generate.mjs');
  return runMain(main, dir, args);
}

/** `npm run lint` against the sandbox, in this process (as runGenerate). */
export async function runLint(dir: string, args: string[] = []): Promise<{ code: number; stdout: string; stderr: string }> {
  const { main } = await import('../../scripts/lint.mjs');
  return runMain(main, dir, args);
}

/** `npm run i18n -- <args>` against the sandbox, in this process (as runGenerate). */
export async function runI18n(dir: string, args: string[] = []): Promise<{ code: number; stdout: string; stderr: string }> {
  const { main } = await import('../../scripts/i18n.mjs');
  return runMain(main, dir, args);
}

type Main = (args: string[], io: { root: string; out: (line: string) => void; err: (line: string) => void }) => Promise<number>;

async function runMain(main: Main, dir: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { root: dir, out: (line: string) => out.push(line), err: (line: string) => err.push(line) });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

/** path -> content of every file below `dir` (relative paths). */
export async function snapshotTree(dir: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  const walk = async (current: string) => {
    for (const entry of await fs.readdir(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) await walk(full);
      else out.set(path.relative(dir, full), await fs.readFile(full));
    }
  };
  await walk(dir);
  return out;
}

export function diffTrees(a: Map<string, Buffer>, b: Map<string, Buffer>): string[] {
  const names = new Set([...a.keys(), ...b.keys()]);
  return [...names].filter((n) => !a.get(n) || !b.get(n) || !a.get(n)!.equals(b.get(n)!)).sort();
}
