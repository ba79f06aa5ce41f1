// Bundles every service spec once per test file, with the same code the generator uses.
import path from 'node:path';
import { parse } from 'yaml';
import fs from 'node:fs';
import { loadRedoclyConfig, servicesFromConfig, bundleService } from '../../scripts/lib/redocly.mjs';
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
    const config = await loadRedoclyConfig(root);
    return Promise.all(
      servicesFromConfig(config, root).map(async (service: { name: string; root: string }) => {
        const { bundle } = await bundleService(config, service);
        const doc = bundle.parsed;
        const ledgerFile = path.join(path.dirname(service.root), 'discrepancies.yaml');
        const ledger = parse(fs.readFileSync(ledgerFile, 'utf8')).entries;
        return { name: service.name, doc, model: buildModel(service.name, doc), ledger };
      }),
    );
  })();
  return cache;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

/** Every operation of a bundled spec with its path and method. */
export function operationsOf(doc: any): { path: string; method: string; op: any }[] {
  return Object.entries(doc.paths ?? {}).flatMap(([p, item]: [string, any]) =>
    METHODS.filter((m) => item[m]).map((m) => ({ path: p, method: m, op: item[m] })),
  );
}

/** Follows local `$ref`s inside a bundled document. */
export function deref(doc: any, node: any): any {
  let current = node;
  while (current && typeof current === 'object' && typeof current.$ref === 'string') {
    current = current.$ref
      .slice(2)
      .split('/')
      .map((s: string) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce((obj: any, key: string) => obj?.[key], doc);
  }
  return current;
}
