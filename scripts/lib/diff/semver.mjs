// The bit of semantic versioning the release check needs. While the major part is 0, the minor
// part is the one a breaking change raises (0.1.x -> 0.2.0), as npm's caret ranges assume.
const SEMVER = /^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

export function parseVersion(text) {
  const m = SEMVER.exec(String(text ?? '').trim().replace(/^v/, ''));
  if (!m) return null;
  return { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]), pre: m[4] ?? null, text: `${m[1]}.${m[2]}.${m[3]}${m[4] ? `-${m[4]}` : ''}` };
}

export function compareVersions(a, b) {
  for (const k of ['major', 'minor', 'patch']) if (a[k] !== b[k]) return a[k] - b[k];
  if (a.pre === b.pre) return 0;
  if (a.pre === null) return 1;
  if (b.pre === null) return -1;
  return a.pre < b.pre ? -1 : 1;
}

/** The smallest version after `base` that announces a breaking change. */
export function nextBreaking(base) {
  return base.major === 0 ? `0.${base.minor + 1}.0` : `${base.major + 1}.0.0`;
}

/** Whether going from `base` to `next` announces a breaking change. */
export function isBreakingBump(base, next) {
  if (base.major === 0) return next.major > 0 || next.minor > base.minor;
  return next.major > base.major;
}
