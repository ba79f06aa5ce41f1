#!/usr/bin/env node
// `npm run diff [-- options]`: what changed in the bundled specs between a git ref and the working
// tree (or another ref), classified as breaking, non-breaking or doc-only. See CONTRIBUTING.md ("Breaking changes and releases").
import { parseArgs } from 'node:util';
import { repoRoot } from './lib/context.mjs';
import { defaultBase } from './lib/diff/base.mjs';
import { bundlesAtCommit, bundlesOfWorkingTree, resolveCommit } from './lib/diff/bundles.mjs';
import { diffBundles } from './lib/diff/compare.mjs';
import { formatJson, formatMarkdown, formatText } from './lib/diff/report.mjs';
import { checkRelease } from './lib/diff/release.mjs';
import { CLASSES, RULES } from './lib/diff/rules.mjs';

const USAGE = `usage: npm run diff -- [--base <git-ref>] [--head <git-ref>] [--format text|md|json] [--json] [--fail-on breaking|non-breaking|doc-only] [--release-check]
  --base <ref>      compare with the bundles checked in at <ref> (default: the merge base with main;
                    on main itself HEAD when the spec has uncommitted edits, else HEAD^1)
  --head <ref>      compare <ref>'s checked-in bundles instead of the working tree (bundled fresh from spec/)
  --format <f>      text (default), md (Markdown) or json; --json is --format json
  --fail-on <class> exit 1 when an entry of that class or a more severe one is found
  --release-check   run the CI release check (previous release, version and CHANGELOG.md)
  --rules           list every rule with its class
  --help            this text`;

process.env.REDOCLY_TELEMETRY = 'off';
let args;
try {
  args = parseArgs({
    options: {
      base: { type: 'string' },
      head: { type: 'string' },
      format: { type: 'string', default: 'text' },
      json: { type: 'boolean', default: false },
      'fail-on': { type: 'string' },
      'release-check': { type: 'boolean', default: false },
      rules: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }).values;
} catch (error) {
  console.error(`diff: ${error.message}\n${USAGE}`);
  process.exit(2);
}
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
if (args.rules) {
  for (const [rule, { class: cls, summary }] of Object.entries(RULES)) console.log(`${cls.padEnd(12)} ${rule.padEnd(40)} ${summary}`);
  process.exit(0);
}
const format = args.json ? 'json' : args.format;
const failOn = args['fail-on'];
if (!['text', 'md', 'json'].includes(format) || (failOn && !CLASSES.includes(failOn))) {
  console.error(`diff: unknown ${failOn && !CLASSES.includes(failOn) ? `--fail-on ${failOn}` : `--format ${format}`}\n${USAGE}`);
  process.exit(2);
}

try {
  if (args['release-check']) {
    const { ok, report } = checkRelease({ root: repoRoot, bundles: await bundlesOfWorkingTree(repoRoot) });
    console.log(report);
    // exitCode, not exit(): a report longer than a pipe's buffer must reach the reader whole.
    process.exitCode = ok ? 0 : 1;
  } else {
    const base = args.base ? { commit: resolveCommit(repoRoot, args.base), label: args.base } : defaultBase(repoRoot);
    if (!base) throw new Error('HEAD is the first commit: there is nothing to compare with (name one with --base)');
    const head = args.head ? { commit: resolveCommit(repoRoot, args.head), label: args.head } : { commit: null, label: 'working tree' };
    const before = bundlesAtCommit(repoRoot, base.commit);
    const after = head.commit ? bundlesAtCommit(repoRoot, head.commit) : await bundlesOfWorkingTree(repoRoot);
    const result = diffBundles(before, after);
    const sides = { base: { ref: base.label, commit: base.commit, label: base.label }, head: { ref: head.label, commit: head.commit, label: head.label } };
    if (base.why && format !== 'json') console.error(`diff: base ${base.label}: ${base.why}`);
    console.log(format === 'json' ? formatJson(result, sides) : format === 'md' ? formatMarkdown(result, sides) : formatText(result, sides));
    const threshold = failOn ? CLASSES.indexOf(failOn) : -1;
    process.exitCode = failOn && result.entries.some((e) => CLASSES.indexOf(e.class) <= threshold) ? 1 : 0;
  }
} catch (error) {
  console.error(`diff: ${error.message}`);
  process.exit(2);
}
