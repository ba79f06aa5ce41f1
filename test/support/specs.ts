// The bundled spec of every service, as `npm run generate` wrote it (generated/<service>/
// openapi.json: CI's build fails first when it is stale), with its model and ledger.
import path from 'node:path';
import { parse } from 'yaml';
import fs from 'node:fs';
import { buildModel } from '../../scripts/stages/model.mjs';

import { root } from './paths.js';
export { root };
export const sourcesDir = path.join(root, 'spec', 'sources');

export interface LoadedSpec {
  name: string;
  doc: any;
  model: any;
  ledger: any[];
}

let cache: Promise<LoadedSpec[]> | undefined;

export function loadSpecs(): Promise<LoadedSpec[]> {
  cache ??= (async () => {
    const apis = parse(fs.readFileSync(path.join(root, 'redocly.yaml'), 'utf8')).apis as Record<string, { root: string }>;
    return Object.entries(apis).map(([name, api]) => {
      const { 'x-generated': _header, ...doc } = JSON.parse(fs.readFileSync(path.join(root, 'generated', name, 'openapi.json'), 'utf8'));
      const ledgerFile = path.join(root, path.dirname(api.root), 'discrepancies.yaml');
      const ledger = parse(fs.readFileSync(ledgerFile, 'utf8')).entries;
      // Frozen: test files share this module (isolate: false), so a test that changed a spec
      // would change it for every file after it. One that needs a changed spec copies it.
      return deepFreeze({ name, doc, model: buildModel(name, doc), ledger });
    });
  })();
  return cache;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** One way to walk a bundled spec, shared with the generator and `npm run contract`. */
export { deref, operationsOf } from '../../scripts/lib/operations.mjs';
