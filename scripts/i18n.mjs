#!/usr/bin/env node
// `npm run i18n -- --status | --write`: keeps spec/<service>/i18n/<language>.yaml in step with the
// English spec. --status lists missing, stale and orphaned entries (with the English to translate)
// and exits 1 if there are any; --write rewrites the files in document order: translations whose
// English is unchanged stay, a text already translated elsewhere (same English) is reused, every
// other missing or stale text gets a skeleton `{ source, text: '', en }` (a stale one keeps its old
// text as `previous`), and orphaned entries are dropped. Then fill in every empty `text`.
import fs from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { stringify } from 'yaml';
import { createContext } from './lib/context.mjs';
import { bundleService } from './lib/redocly.mjs';
import { LANGUAGES, diagnose, readTranslation, sourceHash, translationFile, userTexts } from './lib/i18n.mjs';

const USAGE = `usage: npm run i18n -- --status | --write

  --status  list the missing, stale and orphaned translations, with the English
  --write   keep current translations, reuse identical ones, write skeletons for the rest
  --help    this text`;
/**
 * The command, callable in process (the translation tests run it against a sandbox copy).
 * @param {string[]} args
 * @param {{ root?: string, out?: (line: string) => void, err?: (line: string) => void }} [io]
 * @returns {Promise<number>} the exit code
 */
export async function main(args, { root, out = (l) => console.log(l), err = (l) => console.error(l) } = {}) {
  if (args.includes('--help') || args.includes('-h')) {
    out(USAGE);
    return 0;
  }
  const mode = args.length === 1 && ['--status', '--write'].includes(args[0]) ? args[0] : null;
  if (!mode) {
    err(`i18n: ${args.length ? `unknown argument(s) ${args.join(' ')}` : 'say what to do'}\n\n${USAGE}`);
    return 2;
  }
  process.env.REDOCLY_TELEMETRY = 'off';

  const ctx = await createContext({ log: () => {}, ...(root ? { root } : {}) });
  const work = [];
  const config = await ctx.redoclyConfig();
  for (const service of ctx.services) {
    const { bundle } = await bundleService(config, service);
    const texts = userTexts(bundle.parsed);
    for (const language of LANGUAGES) {
      const file = translationFile(service, language);
      work.push({ service, language, file, rel: path.relative(ctx.root, file), texts, entries: await readTranslation(file) });
    }
  }

  // Translation memory: English hash -> translated text, from every file of the same language.
  const memory = new Map();
  for (const { language, entries } of work) {
    for (const entry of Object.values(entries)) {
      if (entry?.text?.trim()) memory.set(`${language}:${entry.source}`, entry.text);
    }
  }

  let open = 0;
  for (const item of work) {
    const { missing, stale, orphaned, translated } = diagnose(item.texts, item.entries);
    const summary = `${item.rel}: ${translated.size} translated, ${missing.length} missing, ${stale.length} stale, ${orphaned.length} orphaned`;
    if (mode === '--status') {
      out(summary);
      for (const p of stale) out(`  stale    ${p}\n           en: ${oneLine(item.texts.get(p))}`);
      for (const p of missing) out(`  missing  ${p}\n           en: ${oneLine(item.texts.get(p))}`);
      for (const p of orphaned) out(`  orphaned ${p}`);
      open += missing.length + stale.length + orphaned.length;
      continue;
    }
    const next = {};
    let reused = 0;
    let skeletons = 0;
    for (const [pointer, english] of item.texts) {
      const source = sourceHash(english);
      if (translated.has(pointer)) {
        next[pointer] = { source, text: translated.get(pointer) };
        continue;
      }
      const remembered = memory.get(`${item.language}:${source}`);
      if (remembered) {
        next[pointer] = { source, text: remembered };
        reused++;
        continue;
      }
      const old = item.entries[pointer];
      next[pointer] = { source, text: '', en: english, ...(old?.text?.trim() ? { previous: old.text } : old?.previous ? { previous: old.previous } : {}) };
      skeletons++;
    }
    await fs.mkdir(path.dirname(item.file), { recursive: true });
    const header = `# ${item.language} translation of the user-facing text of spec/${item.service.name}. Keyed by JSON pointer into\n# the bundle; \`source\` is the hash of the English translated. Maintained with \`npm run i18n -- --status | --write\`.\n`;
    await fs.writeFile(item.file, header + stringify({ language: item.language, entries: next }, { lineWidth: 0 }));
    out(`${summary}\n  wrote ${item.rel}: ${reused} reused from identical English, ${skeletons} skeleton(s) to translate, ${orphaned.length} orphaned dropped`);
    open += skeletons;
  }
  return mode === '--status' && open > 0 ? 1 : 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exitCode = await main(process.argv.slice(2));

function oneLine(text) {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > 160 ? `${flat.slice(0, 157)}...` : flat;
}
