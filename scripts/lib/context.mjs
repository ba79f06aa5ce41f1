// The one context object every stage of `npm run generate` reads and adds to.
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * @param {{ check?: boolean, root?: string, log?: (line: string) => void, reuseSpecs?: boolean }} options
 *   reuseSpecs: skip lint and bundle of a service whose inputs are unchanged (see stages/bundle.mjs)
 */
export async function createContext({ check = false, root = repoRoot, log = (line) => console.log(line), reuseSpecs = true } = {}) {
  let config;
  return {
    root,
    check,
    log,
    reuseSpecs,
    /** Redocly's resolved config, loaded on first use (@redocly/openapi-core takes ~0.7 s to import). */
    redoclyConfig: () => (config ??= import('./redocly.mjs').then((m) => m.loadRedoclyConfig(root))),
    services: await readServices(root),
    /** service name -> previous bundle outputs when its inputs are unchanged (stages/bundle.mjs) */
    reusedBundles: new Map(),
    /** service name -> ledger entries (from spec/<service>/discrepancies.yaml) */
    ledgers: new Map(),
    /** service name -> bundled OpenAPI document (plain object) */
    bundles: new Map(),
    /** service name -> normalised operation model (see stages/model.mjs) */
    models: new Map(),
    /** repo-relative path -> file content: everything the run will write */
    files: new Map(),
    timings: [],
  };
}

/** The services under `apis:` in redocly.yaml, read without Redocly: [{ name, root (absolute) }]. */
async function readServices(root) {
  const file = path.join(root, 'redocly.yaml');
  let doc;
  try {
    doc = parse(await fs.readFile(file, 'utf8'), { prettyErrors: true });
  } catch (error) {
    throw new Error(`redocly.yaml: ${error.message}`);
  }
  return Object.entries(doc?.apis ?? {}).map(([name, api]) => {
    if (typeof api?.root !== 'string') throw new Error(`redocly.yaml: apis.${name}.root is missing`);
    return { name, root: path.resolve(root, api.root) };
  });
}

/** Records one output file; paths are repo-relative with forward slashes. */
export function addFile(ctx, relativePath, content) {
  if (ctx.files.has(relativePath)) throw new Error(`two stages both write ${relativePath}`);
  ctx.files.set(relativePath, content);
}
