// Translations of the spec's user-facing text. English (the spec) is the source; each language has
// one file per service, spec/<service>/i18n/<language>.yaml, keyed by JSON pointer into the bundle:
//   entries:
//     /paths/~1v1~1{project_id}~1vpc-endpoints/get/summary:
//       source: 3f2a…   # hash of the English this translates
//       text: 查询终端节点列表
// An entry whose `source` is not the hash of the current English is stale; an English text with no
// entry (or an empty `text`) is missing. Both fail `generate --check` and `npm run lint`.
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
// js-yaml (through openapi-core, already loaded for lint and bundle) parses these files several times faster than `yaml`.
import { parseYaml } from '@redocly/openapi-core';

export const LANGUAGES = ['zh-CN'];

export const sourceHash = (english) => createHash('sha256').update(english).digest('hex').slice(0, 16);

const escapeToken = (token) => String(token).replace(/~/g, '~0').replace(/\//g, '~1');
const unescapeToken = (token) => token.replace(/~1/g, '/').replace(/~0/g, '~');
export const toPointer = (tokens) => tokens.map((t) => `/${escapeToken(t)}`).join('');

// Values that are data, not prose: example payloads, defaults, enums, and maintainer extensions.
const DATA_KEYS = new Set(['example', 'default', 'enum', 'const', 'externalValue']);
const TEXT_KEYS = new Set(['description', 'summary']);

/**
 * Every user-facing English text of a bundle: pointer -> text. That is every `description` and
 * `summary` string (operations, parameters, schemas and their properties, responses, headers,
 * tags, servers, security schemes, named examples) and the document title; never anything inside
 * an example value, a default/enum/const, or an `x-` extension.
 */
export function userTexts(doc) {
  const texts = new Map();
  if (typeof doc.info?.title === 'string') texts.set('/info/title', doc.info.title);
  walk(doc, [], texts);
  return texts;
}

function walk(node, tokens, texts) {
  if (Array.isArray(node)) {
    node.forEach((child, i) => walk(child, [...tokens, i], texts));
    return;
  }
  if (!node || typeof node !== 'object') return;
  const parentKey = tokens.at(-2);
  // In a `properties` map the keys are field names (a field may be called `default` or `x-…`).
  const fieldNames = tokens.at(-1) === 'properties';
  for (const [key, value] of Object.entries(node)) {
    if (!fieldNames && (key.startsWith('x-') || DATA_KEYS.has(key))) continue;
    // A named Example object (a member of an `examples` map): its value is data.
    if (key === 'value' && parentKey === 'examples') continue;
    // A schema's `examples` is a list of data; a media type's is a map of Example objects.
    if (key === 'examples' && Array.isArray(value)) continue;
    if (!fieldNames && TEXT_KEYS.has(key) && typeof value === 'string') {
      // `properties.description` is a schema (an object), so only strings are texts.
      if (value.trim() !== '') texts.set(toPointer([...tokens, key]), value);
      continue;
    }
    walk(value, [...tokens, key], texts);
  }
}

/** A copy of `doc` with every pointer in `replacements` (pointer -> text) set. */
export function withTexts(doc, replacements) {
  const copy = structuredClone(doc);
  for (const [pointer, text] of replacements) {
    const tokens = pointer.split('/').slice(1).map(unescapeToken);
    const last = tokens.pop();
    let node = copy;
    for (const token of tokens) node = node[token];
    node[last] = text;
  }
  return copy;
}

export function translationFile(service, language) {
  return path.join(path.dirname(service.root), 'i18n', `${language}.yaml`);
}

/** The entries of one translation file (pointer -> { source, text, ... }); {} when it does not exist. */
export async function readTranslation(file) {
  const text = await fs.readFile(file, 'utf8').catch((error) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (text === null) return {};
  let doc;
  try {
    doc = parseYaml(text);
  } catch (error) {
    throw new Error(`${file}: ${error.message}`);
  }
  const entries = doc?.entries ?? {};
  if (typeof entries !== 'object' || Array.isArray(entries)) throw new Error(`${file}: expected \`entries:\` to map JSON pointers to { source, text }`);
  return entries;
}

/**
 * Compares a translation with the English texts.
 * @returns {{ missing: string[], stale: string[], orphaned: string[], translated: Map<string, string> }}
 */
export function diagnose(texts, entries) {
  const missing = [];
  const stale = [];
  const translated = new Map();
  for (const [pointer, english] of texts) {
    const entry = entries[pointer];
    if (!entry || typeof entry.text !== 'string' || entry.text.trim() === '') missing.push(pointer);
    else if (entry.source !== sourceHash(english)) stale.push(pointer);
    else translated.set(pointer, entry.text);
  }
  const orphaned = Object.keys(entries).filter((pointer) => !texts.has(pointer));
  return { missing, stale, orphaned, translated };
}

/** One line per problem, naming the translation file and the field (JSON pointer into the bundle). */
export function describeDiagnosis(rel, { missing, stale, orphaned }) {
  return [
    ...stale.map((p) => `${rel}: ${p}: the English text changed since it was translated (stale translation)`),
    ...missing.map((p) => `${rel}: ${p}: English text has no translation`),
    ...orphaned.map((p) => `${rel}: ${p}: translates a text that is no longer in the spec`),
  ];
}

/** Every service's translations checked against its bundle; throws listing every problem. */
export async function checkTranslations(root, services, bundles) {
  const problems = [];
  const results = new Map();
  for (const service of services) {
    const texts = userTexts(bundles.get(service.name));
    for (const language of LANGUAGES) {
      const file = translationFile(service, language);
      const rel = path.relative(root, file).split(path.sep).join('/');
      const diagnosis = diagnose(texts, await readTranslation(file));
      problems.push(...describeDiagnosis(rel, diagnosis));
      results.set(`${service.name}:${language}`, { service, language, rel, texts, ...diagnosis });
    }
  }
  if (problems.length > 0) {
    throw new Error(
      `translations out of step with the English spec (${problems.length} problem(s); \`npm run i18n -- --status\` lists them, \`npm run i18n -- --write\` adds skeletons):\n  ${problems.join('\n  ')}`,
    );
  }
  return results;
}
