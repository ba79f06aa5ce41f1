// The one context object every stage of `npm run generate` reads and adds to.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadRedoclyConfig, servicesFromConfig } from './redocly.mjs';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * @param {{ check?: boolean, root?: string, log?: (line: string) => void }} options
 */
export async function createContext({ check = false, root = repoRoot, log = (line) => console.log(line) } = {}) {
  const config = await loadRedoclyConfig(root);
  return {
    root,
    check,
    log,
    config,
    services: servicesFromConfig(config, root),
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

/** Records one output file; paths are repo-relative with forward slashes. */
export function addFile(ctx, relativePath, content) {
  if (ctx.files.has(relativePath)) throw new Error(`two stages both write ${relativePath}`);
  ctx.files.set(relativePath, content);
}
