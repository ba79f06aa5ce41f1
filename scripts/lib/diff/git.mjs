// The few git questions the diff asks, answered with `git` itself (no work tree changes).
import { execFileSync } from 'node:child_process';

export function git(root, args, { allowFail = false } = {}) {
  try {
    return execFileSync('git', args, { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] }).trimEnd();
  } catch (error) {
    if (allowFail) return null;
    const detail = String(error.stderr ?? '').trim().split('\n')[0];
    throw new Error(`git ${args.join(' ')} failed${detail ? `: ${detail}` : ''}`);
  }
}

/** The full commit id of `ref`, or null when it does not name a commit. */
export const commitOf = (root, ref) => git(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { allowFail: true }) || null;

/** A file's content at a commit, or null when it does not exist there. */
export const showFile = (root, commit, file) => git(root, ['show', `${commit}:${file}`], { allowFail: true });

export const isShallow = (root) => git(root, ['rev-parse', '--is-shallow-repository'], { allowFail: true }) === 'true';

/** First-parent history of `commit`, newest first. */
export const firstParents = (root, commit, paths = []) => {
  const out = git(root, ['rev-list', '--first-parent', commit, ...(paths.length ? ['--', ...paths] : [])]);
  return out ? out.split('\n') : [];
};

/** The main branch as this clone knows it (local branch first, then the remote's). */
export function mainBranch(root) {
  for (const ref of ['main', 'origin/main', 'refs/remotes/origin/HEAD', 'master', 'origin/master']) {
    if (commitOf(root, ref)) return ref;
  }
  return null;
}
