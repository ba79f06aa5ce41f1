// The CI release check (`npm run build` with CI=true, or `npm run diff -- --release-check`): a
// breaking change since the previous release needs the version raised (major, or minor while
// 0.x) and a CHANGELOG.md entry for the new version.
import fs from 'node:fs';
import path from 'node:path';
import { defaultBase, previousRelease, versionAt } from './base.mjs';
import { bundlesAtCommit, resolveCommit } from './bundles.mjs';
import { commitOf } from './git.mjs';
import { diffBundles } from './compare.mjs';
import { entryFor } from './changelog.mjs';
import { formatText } from './report.mjs';
import { BREAKING } from './rules.mjs';
import { compareVersions, isBreakingBump, nextBreaking, parseVersion } from './semver.mjs';

const readOptional = (file) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null);

/** Where the check compares from: DIFF_BASE, the previous release, or the base of the change. */
export function releaseBaseline(root, current, env = process.env) {
  if (!commitOf(root, 'HEAD')) throw new Error('release check: this is not a git clone with commits, so there is no previous release to compare with (run it in a clone, or set DIFF_BASE in one)');
  if (env.DIFF_BASE) {
    const commit = resolveCommit(root, env.DIFF_BASE);
    return { commit, label: `DIFF_BASE=${env.DIFF_BASE}`, version: versionAt(root, commit), why: 'named by DIFF_BASE' };
  }
  const release = previousRelease(root, current);
  if (release) return release;
  const base = defaultBase(root, { workingTree: false });
  return base && { ...base, version: versionAt(root, base.commit), why: `no earlier version exists, so the base of the change: ${base.why}` };
}

/**
 * @param {{ root: string, bundles: Map<string, object>, env?: object }} options bundles: the working tree's, fresh from the pipeline
 * @returns {{ ok: boolean, report: string }}
 */
export function checkRelease({ root, bundles, env = process.env }) {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const current = parseVersion(pkg.version);
  if (!current) return { ok: false, report: `release check: package.json version "${pkg.version}" is not a semantic version (x.y.z).` };
  const baseline = releaseBaseline(root, current, env);
  if (!baseline) return { ok: true, report: 'release check: no earlier commit to compare with (first commit).' };
  const result = diffBundles(bundlesAtCommit(root, baseline.commit), bundles);
  const head = { label: `working tree (version ${current.text})` };
  const summary = `release check against ${baseline.label}, ${baseline.why}: ${result.counts[BREAKING]} breaking, ${result.counts['non-breaking']} non-breaking, ${result.counts['doc-only']} doc-only change(s)`;
  const base = baseline.version;
  const changelog = readOptional(path.join(root, 'CHANGELOG.md'));
  const entry = entryFor(changelog, current.text);
  const problems = [];
  if (base && compareVersions(current, base) < 0) problems.push(`package.json version ${current.text} is lower than ${base.text} at ${baseline.label}.`);
  if (result.breaking) {
    const raised = base ? isBreakingBump(base, current) : false;
    if (!raised || !entry) {
      const needed = base ? nextBreaking(base) : 'a new major (or 0.x minor) version';
      problems.push(
        [
          `${result.counts[BREAKING]} breaking change(s) (listed above) for users of the generated clients or callers of the API.`,
          raised ? `The version is raised to ${current.text}, but CHANGELOG.md has no "## [${current.text}] - <date>" section listing the changes.` : `The version ${current.text} does not announce them: ${base ? `${base.text} -> ${needed}` : needed} is needed.`,
          'If the change is intended:',
          `  1. set "version" in package.json to ${raised ? current.text : needed} (${base?.major === 0 ? 'the minor part while the major is 0' : 'the major part'});`,
          `  2. add a "## [${raised ? current.text : needed}] - YYYY-MM-DD" section to CHANGELOG.md (Keep a Changelog) with one bullet per breaking change, under "### Changed" or "### Removed";`,
          '  3. commit both with the change.',
          'If it is not intended, undo it. `npm run diff` shows the full report for any base (`-- --base <ref>`).',
        ].join('\n'),
      );
    }
  } else if (base && compareVersions(current, base) > 0 && !entry) {
    problems.push(`The version is raised from ${base.text} to ${current.text}, but CHANGELOG.md has no "## [${current.text}] - <date>" section listing the changes.`);
  }
  const detail = result.breaking || problems.length ? formatText({ ...result, entries: result.entries.filter((e) => e.class === BREAKING) }, { base: baseline, head }) : '';
  const report = [summary, detail, ...problems.map((p) => `release check failed: ${p}`)].filter(Boolean).join('\n');
  return { ok: problems.length === 0, report: problems.length ? report : `${report}\nrelease check: ok (version ${current.text}${entry ? `, CHANGELOG entry ${entry.version}` : ''}).` };
}
