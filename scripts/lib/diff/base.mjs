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
 * Where version `version` was released, looking back from `from`: its `v<version>` tag, else the
 * commit on the first-parent history that raised package.json to it.
 */
function releaseOf(root, version, from) {
  const tag = `v${version.text}`;
  const tagged = commitOf(root, `refs/tags/${tag}`);
  if (tagged) return { commit: tagged, label: `tag ${tag} (${short(tagged)})`, version, why: `the release tag of ${version.text}`, tagged: true };
  let release = null;
  // Only commits that touched package.json can have changed the version; the oldest of the run
  // that has `version` is where it was raised.
  for (const commit of firstParents(root, from, ['package.json'])) {
    if (versionAt(root, commit)?.text !== version.text) {
      return release && { commit: release, label: `${short(release)} (version ${version.text})`, version, why: `the commit that raised the version to ${version.text}` };
    }
    release = commit;
  }
  if (isShallow(root)) throw new ShallowCloneError(`the commit that raised the version to ${version.text} is not within the fetched history`);
  return release && { commit: release, label: `${short(release)} (version ${version.text}, first commit)`, version, why: `the first commit, with version ${version.text}` };
}

/**
 * The release the working tree (version `current`) is checked against:
 *  - the working tree raises the version: the release of HEAD's version;
 *  - HEAD's version was released earlier (a tag, or an older commit raised it): that release, so
 *    any breaking change since then needs a new version;
 *  - HEAD itself raised it (untagged): the release of the version before;
 *  - null: there has been no other version.
 */
export function previousRelease(root, current) {
  const head = commitOf(root, 'HEAD');
  const atHead = versionAt(root, head);
  if (!atHead) return null;
  if (atHead.text !== current.text) {
    const release = releaseOf(root, atHead, head);
    return release && { ...release, why: `the version is raised in the working tree; ${release.why}` };
  }
  const release = releaseOf(root, current, head);
  if (release && (release.tagged || release.commit !== head)) return release;
  const parent = commitOf(root, `${head}^1`);
  if (!parent) {
    if (isShallow(root)) throw new ShallowCloneError('HEAD has no parent in this shallow clone');
    return null;
  }
  const before = versionAt(root, parent);
  return before ? releaseOf(root, before, parent) : null;
}
