// Stage "emit": writes everything at once, or (with --check) only compares.
// generated/ is built in a sibling temporary folder and swapped in by rename, so a failed run
// never leaves a half-written tree; files outside generated/ are replaced by rename too.
import fs from 'node:fs/promises';
import path from 'node:path';

const GENERATED = 'generated';

export async function runEmit(ctx) {
  const stale = await findStale(ctx);
  if (ctx.check) {
    if (stale.length > 0) {
      throw new Error(`generated files are stale (run \`npm run generate\` and commit):\n  ${stale.join('\n  ')}`);
    }
    ctx.log('  check: every generated file is up to date');
    return;
  }
  if (stale.length === 0) {
    ctx.log('  emit: nothing changed');
    return;
  }
  await writeAtomically(ctx);
  ctx.log(`  emit: ${stale.length} file(s) changed:\n    ${stale.join('\n    ')}`);
}

/** Files whose content differs, is missing, or should no longer exist. */
async function findStale(ctx) {
  const stale = [];
  for (const [rel, content] of ctx.files) {
    const current = await fs.readFile(path.join(ctx.root, rel), 'utf8').catch(() => null);
    if (current !== content) stale.push(current === null ? `${rel} (missing)` : rel);
  }
  for (const rel of await listFiles(path.join(ctx.root, GENERATED), GENERATED)) {
    if (!ctx.files.has(rel)) stale.push(`${rel} (no longer generated)`);
  }
  return stale.sort();
}

async function listFiles(dir, rel) {
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
  const out = [];
  for (const entry of entries) {
    const childRel = `${rel}/${entry.name}`;
    if (entry.isDirectory()) out.push(...(await listFiles(path.join(dir, entry.name), childRel)));
    else out.push(childRel);
  }
  return out;
}

async function writeAtomically(ctx) {
  const target = path.join(ctx.root, GENERATED);
  const staging = path.join(ctx.root, `.generate-tmp-${process.pid}`);
  const retired = path.join(ctx.root, `.generate-old-${process.pid}`);
  const outside = [...ctx.files].filter(([rel]) => !rel.startsWith(`${GENERATED}/`));
  try {
    for (const [rel, content] of ctx.files) {
      const file = rel.startsWith(`${GENERATED}/`)
        ? path.join(staging, rel.slice(GENERATED.length + 1))
        : path.join(ctx.root, `${rel}.generate-tmp`);
      await fs.mkdir(path.dirname(file), { recursive: true });
      await fs.writeFile(file, content);
    }
    // Everything is on disk: now the renames, each atomic.
    const hadTarget = await fs.stat(target).then(() => true, () => false);
    if (hadTarget) await fs.rename(target, retired);
    await fs.rename(staging, target);
    for (const [rel] of outside) await fs.rename(path.join(ctx.root, `${rel}.generate-tmp`), path.join(ctx.root, rel));
  } finally {
    await fs.rm(staging, { recursive: true, force: true });
    await fs.rm(retired, { recursive: true, force: true });
    for (const [rel] of outside) await fs.rm(path.join(ctx.root, `${rel}.generate-tmp`), { force: true });
  }
}
