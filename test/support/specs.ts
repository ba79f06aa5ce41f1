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
      return { name, doc, model: buildModel(name, doc), ledger };
    });
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
