// Reuse of generated files whose inputs are unchanged. A cached file's header carries
// `cache <inputs>.<body>`: the hash of everything it derives from (the service bundle, the stage's
// code, the tool versions) and the hash of its own body, so a hand-edited file is never reused.
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { addFile } from './context.mjs';
import { withHeader } from './header.mjs';
import { specSources } from './sources.mjs';

const hash = (text) => createHash('sha256').update(text).digest('hex').slice(0, 16);
/** The 16-hex-digit hash used in cache tokens. */
export const textHash = hash;

/** The input key: hash of every part (strings) the output depends on. */
export function inputKey(...parts) {
  return hash(parts.join('\u0000'));
}

/** The code of the stage (and of the modules whose output it uses) and its packages' versions. */
export async function toolFingerprint(root, stageUrl, packages, alsoUrls = []) {
  const own = (await Promise.all([stageUrl, ...alsoUrls].map((u) => fs.readFile(new URL(u), 'utf8')))).join('\n');
  const versions = await Promise.all(
    packages.map(async (name) => `${name}@${JSON.parse(await fs.readFile(path.join(root, 'node_modules', name, 'package.json'), 'utf8')).version}`),
  );
  return `${own}\n${versions.join(',')}`;
}

/** The previous content of `rel` when it was made from the same inputs and not edited since. */
export async function reusable(ctx, rel, style, sources, key) {
  const previous = await fs.readFile(path.join(ctx.root, rel), 'utf8').catch(() => null);
  const token = previous?.slice(0, 1200).match(new RegExp(`cache ${key}\\.([0-9a-f]{16})`));
  if (!token) return null;
  const header = withHeader(style, [...sources, `cache ${key}.${token[1]}`], '');
  if (!previous.startsWith(header) || hash(previous.slice(header.length)) !== token[1]) return null;
  return previous;
}

export function cachedFile(style, sources, key, body) {
  return withHeader(style, [...sources, `cache ${key}.${hash(body)}`], body);
}

const bundleTexts = new WeakMap();
/** Records the JSON text of a bundle already serialised elsewhere (the bundle stage). */
export function primeBundleText(doc, text) {
  bundleTexts.set(doc, text);
}
/** The bundle's JSON text, serialised once per run and service. */
export function bundleText(ctx, service) {
  const doc = ctx.bundles.get(service.name);
  if (!bundleTexts.has(doc)) bundleTexts.set(doc, JSON.stringify(doc));
  return bundleTexts.get(doc);
}

/**
 * Adds one per-service output derived from the service's bundle: the previous file when its
 * inputs are unchanged and its body unedited, else `produce()`'s new body with a fresh token.
 * @param {{ service: { name: string }, rel: string, style: string, tool: string, produce: () => Promise<string> | string }} output
 */
export async function addServiceOutput(ctx, { service, rel, style, tool, produce }) {
  const sources = specSources(ctx, service);
  const key = inputKey(bundleText(ctx, service), tool);
  const previous = await reusable(ctx, rel, style, sources, key);
  addFile(ctx, rel, previous ?? cachedFile(style, sources, key, await produce()));
}
