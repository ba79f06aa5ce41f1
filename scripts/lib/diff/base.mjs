// Which commit a diff compares with: the default base of a change, and the previous release.
import { commitOf, firstParents, git, isShallow, mainBranch, showFile } from './git.mjs';
import { parseVersion } from './semver.mjs';

const short = (commit) => commit.slice(0, 12);

/** Whether the working tree's spec inputs differ from HEAD (uncommitted edits). */
function specDirty(root) {
  return git(root, ['status', '--porcelain', '--', 'spec', 'redocly.yaml'], { allowFail: true })?.length > 0;
}

/**
 * The base of the change in HEAD: its merge base with the main branch. When HEAD is on the main
 * branch itself: HEAD when the spec has uncommitted edits (the diff shows them), else HEAD's first
 * parent (the diff shows the last commit).
 * @returns {{ commit: string, label: string, why: string } | null} null when there is nothing before HEAD
 */
export function defaultBase(root, { workingTree = true } = {}) {
  const head = commitOf(root, 'HEAD');
  if (!head) throw new Error('no commits yet: nothing to compare with');
  const main = mainBranch(root);
  const mergeBase = main ? git(root, ['merge-base', 'HEAD', main], { allowFail: true }) : null;
  if (mergeBase && mergeBase !== head) return { commit: mergeBase, label: `merge-base(HEAD, ${main}) ${short(mergeBase)}`, why: `where this branch left ${main}` };
  if (workingTree && specDirty(root)) return { commit: head, label: `HEAD ${short(head)}`, why: 'HEAD is the main branch and the spec has uncommitted edits' };
  const parent = commitOf(root, 'HEAD^1');
  if (parent) return { commit: parent, label: `HEAD^1 ${short(parent)}`, why: main ? `HEAD is on ${main}: its last change` : 'no main branch here: the last commit' };
  if (isShallow(root)) throw new ShallowCloneError('HEAD has no parent in this shallow clone');
  return null;
}

export class ShallowCloneError extends Error {
  constructor(detail) {
    super(`${detail}. This is a shallow clone, so the previous release cannot be found: fetch the full history (git fetch --unshallow --tags) or name the base with DIFF_BASE=<git ref>.`);
    this.name = 'ShallowCloneError';
  }
}

export const versionAt = (root, commit) => {
  const text = showFile(root, commit, 'package.json');
  if (text === null) return null;
  try {
    return parseVersion(JSON.parse(text).version);
  } catch {
    return null;
  }
};

/**
 * The previous release of the package at HEAD whose version is `current`:
 *  1. the nearest `v<semver>` tag reachable from HEAD, else
 *  2. the newest commit on HEAD's first-parent history whose package.json version differs from
 *     `current` (the state the current version was raised from), else
 *  3. null: the current version is the only one there has been.
 */
export function previousRelease(root, current) {
  const tag = git(root, ['describe', '--tags', '--abbrev=0', '--match', 'v[0-9]*', 'HEAD'], { allowFail: true });
  if (tag) {
    const commit = commitOf(root, tag);
    return { commit, label: `tag ${tag} (${short(commit)})`, version: parseVersion(tag) ?? versionAt(root, commit), why: 'the latest release tag' };
  }
  const head = commitOf(root, 'HEAD');
  const atHead = versionAt(root, head);
  if (atHead?.text !== current.text) return { commit: head, label: `HEAD ${short(head)} (version ${atHead?.text ?? 'none'})`, version: atHead, why: 'the version is raised in the working tree' };
  // Only commits that touched package.json can have changed the version.
  for (const commit of firstParents(root, 'HEAD', ['package.json'])) {
    const version = versionAt(root, commit);
    if (!version || version.text !== current.text) {
      return { commit, label: `${short(commit)} (version ${version?.text ?? 'none'})`, version, why: `the last commit before version ${current.text}` };
    }
    const parent = commitOf(root, `${commit}^1`);
    if (!parent) break;
    const before = versionAt(root, parent);
    if (!before || before.text !== current.text) {
      return before ? { commit: parent, label: `${short(parent)} (version ${before.text})`, version: before, why: `the last commit before version ${current.text}` } : null;
    }
  }
  if (isShallow(root)) throw new ShallowCloneError(`no commit with a version other than ${current.text} within the fetched history`);
  return null;
}
