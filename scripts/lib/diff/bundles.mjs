// The two sides of a diff. A git ref: the bundles checked in at it (generated/<service>/openapi.json,
// which CI keeps current with the spec: `npm run build` fails on stale output). The working tree:
// bundled fresh from spec/ by the pipeline's own bundle stage, so uncommitted edits count.
import { commitOf, git, showFile } from './git.mjs';

const SPEC_FILE = /^generated\/([^/]+)\/openapi\.json$/;

function parseBundle(text, where) {
  try {
    const { 'x-generated': _header, ...doc } = JSON.parse(text);
    return doc;
  } catch (error) {
    throw new Error(`${where}: not valid JSON (${error.message})`);
  }
}

/** service name -> bundled document, as checked in at `commit`. */
export function bundlesAtCommit(root, commit) {
  const files = git(root, ['ls-tree', '-r', '--name-only', commit, '--', 'generated/']).split('\n').filter((f) => SPEC_FILE.test(f));
  const out = new Map();
  for (const file of files) out.set(SPEC_FILE.exec(file)[1], parseBundle(showFile(root, commit, file), `${file} at ${commit.slice(0, 12)}`));
  return out;
}

export function resolveCommit(root, ref) {
  const commit = commitOf(root, ref);
  if (!commit) throw new Error(`"${ref}" is not a commit in this repository`);
  return commit;
}

/** service name -> document bundled now from the working tree's spec (the pipeline's load and bundle stages). */
export async function bundlesOfWorkingTree(root) {
  const { createContext } = await import('../context.mjs');
  const { runLoad } = await import('../../stages/load.mjs');
  const { runBundle } = await import('../../stages/bundle.mjs');
  const ctx = await createContext({ root, log: () => {} });
  await runLoad(ctx);
  await runBundle(ctx);
  return ctx.bundles;
}
