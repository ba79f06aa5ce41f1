// The real history of this repository's spec: every consecutive pair of first-parent commits on
// the main branch that changed a bundled spec diffs without error, every entry classified.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundlesAtCommit } from '../../scripts/lib/diff/bundles.mjs';
import { diffBundles } from '../../scripts/lib/diff/compare.mjs';
import { firstParents, isShallow, mainBranch } from '../../scripts/lib/diff/git.mjs';
import { CLASSES, RULES } from '../../scripts/lib/diff/rules.mjs';
import { root } from '../support/paths.js';

const SPECS = ['generated/*/openapi.json'];

function history() {
  if (isShallow(root)) throw new Error('this test needs the full git history (git fetch --unshallow)');
  const branch = mainBranch(root) ?? 'HEAD';
  return firstParents(root, branch, SPECS).reverse();
}

describe('spec diff over the repository history', () => {
  it('diffs each consecutive pair of spec-changing commits on main', () => {
    const commits = history();
    expect(commits.length).toBeGreaterThanOrEqual(3);
    let previous = new Map();
    for (const commit of commits) {
      const current = bundlesAtCommit(root, commit);
      const result = diffBundles(previous, current);
      for (const e of result.entries) {
        expect(CLASSES).toContain(e.class);
        expect(RULES[e.rule]?.class, `${commit.slice(0, 7)} ${e.rule}`).toBe(e.class);
        expect(typeof e.location).toBe('string');
        expect(result.services).toContain(e.service);
      }
      // A commit that changed a bundle shows some change (or only the generated header moved).
      expect(result.entries.length + (JSON.stringify([...previous]) === JSON.stringify([...current]) ? 1 : 0), commit).toBeGreaterThan(0);
      previous = current;
    }
  });

  it('reports the first spec commit as adding every service', () => {
    const [first] = history();
    const result = diffBundles(new Map(), bundlesAtCommit(root, first));
    expect(result.entries.map((e: any) => e.rule)).toEqual(result.services.map(() => 'service-added'));
  });

  it('npm run diff between two commits: JSON, Markdown, and --fail-on', () => {
    const commits = history();
    const base = commits[0]!;
    const head = commits[commits.length - 1]!;
    const cli = (args: string[]) => {
      try {
        return { code: 0, out: execFileSync(process.execPath, [path.join(root, 'scripts', 'diff.mjs'), '--base', base, '--head', head, ...args], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }) };
      } catch (error: any) {
        return { code: error.status, out: String(error.stdout) };
      }
    };
    const json = cli(['--json']);
    expect(json.code).toBe(0);
    const report = JSON.parse(json.out);
    expect(report.base.commit).toBe(base);
    expect(report.entries.length).toBeGreaterThan(0);
    const md = cli(['--format', 'md']);
    expect(md.out).toContain('| service | breaking | non-breaking | doc-only |');
    const worst = report.counts.breaking > 0 ? 'breaking' : report.counts['non-breaking'] > 0 ? 'non-breaking' : 'doc-only';
    expect(cli(['--fail-on', worst]).code).toBe(1);
    expect(cli(['--format', 'yaml']).code).toBe(2);
  });
});
