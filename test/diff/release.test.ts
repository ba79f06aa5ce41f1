// The CI release check on throwaway git repositories: an unannounced breaking change fails with
// instructions; raising the version (minor while 0.x) with a CHANGELOG entry passes; a release tag
// makes the next breaking change need the next version; a shallow clone gets a clear message.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkRelease } from '../../scripts/lib/diff/release.mjs';
import { parseChangelog } from '../../scripts/lib/diff/changelog.mjs';
import { loadSpecs } from '../support/specs.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const env = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com', GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' };
const git = (dir: string, ...args: string[]) => execFileSync('git', args, { cwd: dir, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

const CHANGELOG_010 = '# Changelog\n\n## [Unreleased]\n\n## [0.1.0] - 2026-11-24\n\n### Added\n\n- First release.\n';
const CHANGELOG_020 = CHANGELOG_010.replace('## [0.1.0]', '## [0.2.0] - 2026-12-01\n\n### Removed\n\n- `listEndpoints` (ListEndpoints).\n\n## [0.1.0]');

function write(dir: string, files: Record<string, string>) {
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
}
const pkg = (version: string) => JSON.stringify({ name: 'x', version }, null, 2);
const bundleFile = (doc: any) => JSON.stringify({ 'x-generated': 'header', ...doc }, null, 2);

async function fixture() {
  const vpcep = (await loadSpecs()).find((s) => s.name === 'vpcep')!.doc;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hwc-release-'));
  dirs.push(dir);
  git(dir, 'init', '-q', '-b', 'main');
  write(dir, { 'package.json': pkg('0.1.0'), 'CHANGELOG.md': CHANGELOG_010, 'generated/vpcep/openapi.json': bundleFile(vpcep) });
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'first release');
  write(dir, { 'README.md': 'later work\n' });
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'more');
  const breaking = structuredClone(vpcep);
  delete breaking.paths['/v1/{project_id}/vpc-endpoints'].get;
  const additive = structuredClone(vpcep);
  additive.components.schemas.Quota = { type: 'object', description: 'A quota.' };
  return { dir, vpcep, breaking, additive };
}
const check = (dir: string, doc: any, extra = {}) => checkRelease({ root: dir, bundles: new Map([['vpcep', doc]]), env: { ...extra } });

describe('release check', () => {
  it('passes when nothing breaks, and on an additive change without a version bump', async () => {
    const { dir, vpcep, additive } = await fixture();
    expect(check(dir, vpcep).ok).toBe(true);
    const result = check(dir, additive);
    expect(result.ok).toBe(true);
    expect(result.report).toContain('0 breaking, 1 non-breaking');
  });

  it('fails an unannounced breaking change and says what to do', async () => {
    const { dir, breaking } = await fixture();
    const { ok, report } = check(dir, breaking);
    expect(ok).toBe(false);
    expect(report).toContain('operation-removed');
    expect(report).toContain('ListEndpoints');
    expect(report).toContain('0.1.0 -> 0.2.0');
    expect(report).toContain('"## [0.2.0] - YYYY-MM-DD" section to CHANGELOG.md');
  });

  it('fails a version bump without its CHANGELOG entry, passes with it', async () => {
    const { dir, breaking } = await fixture();
    write(dir, { 'package.json': pkg('0.2.0') });
    const without = check(dir, breaking);
    expect(without.ok).toBe(false);
    expect(without.report).toContain('no "## [0.2.0] - <date>" section');
    write(dir, { 'CHANGELOG.md': CHANGELOG_020 });
    const withEntry = check(dir, breaking);
    expect(withEntry.report).toContain('release check: ok (version 0.2.0, CHANGELOG entry 0.2.0)');
    expect(withEntry.ok).toBe(true);
    // A patch bump does not announce a breaking change while 0.x.
    write(dir, { 'package.json': pkg('0.1.1'), 'CHANGELOG.md': CHANGELOG_020.replace('[0.2.0]', '[0.1.1]') });
    expect(check(dir, breaking).ok).toBe(false);
  });

  it('compares with the previous version once the bump is committed, and with a release tag', async () => {
    const { dir, breaking } = await fixture();
    write(dir, { 'package.json': pkg('0.2.0'), 'CHANGELOG.md': CHANGELOG_020, 'generated/vpcep/openapi.json': bundleFile(breaking) });
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', '0.2.0');
    const again = structuredClone(breaking);
    delete again.paths['/v1/{project_id}/vpc-endpoint-services'];
    const untagged = check(dir, again);
    // Uncommitted on top of the commit that raised the version: still part of 0.2.0.
    expect(untagged.report).toContain('(version 0.1.0, first commit)');
    expect(untagged.ok).toBe(true);
    git(dir, 'tag', 'v0.2.0');
    const tagged = check(dir, again);
    expect(tagged.report).toContain('tag v0.2.0');
    expect(tagged.ok).toBe(false);
    expect(tagged.report).toContain('0.2.0 -> 0.3.0');
    expect(check(dir, again, { DIFF_BASE: 'HEAD' }).report).toContain('DIFF_BASE=HEAD');
  });

  it('fails a breaking change committed after the commit that raised the version', async () => {
    const { dir, breaking } = await fixture();
    write(dir, { 'package.json': pkg('0.2.0'), 'CHANGELOG.md': CHANGELOG_020, 'generated/vpcep/openapi.json': bundleFile(breaking) });
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', '0.2.0');
    write(dir, { 'README.md': 'after the release\n' });
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'after 0.2.0');
    expect(check(dir, breaking).ok).toBe(true);
    const again = structuredClone(breaking);
    delete again.paths['/v1/{project_id}/vpc-endpoint-services'];
    const result = check(dir, again);
    expect(result.report).toContain('the commit that raised the version to 0.2.0');
    expect(result.ok).toBe(false);
    expect(result.report).toContain('0.2.0 -> 0.3.0');
  });

  it('explains a shallow clone instead of passing silently', async () => {
    const { dir, breaking } = await fixture();
    const shallow = fs.mkdtempSync(path.join(os.tmpdir(), 'hwc-shallow-'));
    dirs.push(shallow);
    git(shallow, 'clone', '-q', '--depth', '1', `file://${dir}`, '.');
    expect(() => check(shallow, breaking)).toThrow(/shallow clone.*git fetch --unshallow/s);
  });

  it('refuses to run outside a git clone', async () => {
    const { vpcep } = await fixture();
    const plain = fs.mkdtempSync(path.join(os.tmpdir(), 'hwc-plain-'));
    dirs.push(plain);
    write(plain, { 'package.json': pkg('0.1.0') });
    expect(() => check(plain, vpcep)).toThrow(/not a git clone/);
  });

  it('reads Keep a Changelog sections', () => {
    expect(parseChangelog(CHANGELOG_020).map((s) => [s.version, s.date])).toEqual([
      ['Unreleased', null],
      ['0.2.0', '2026-12-01'],
      ['0.1.0', '2026-11-24'],
    ]);
  });
});
