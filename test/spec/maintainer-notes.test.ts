// User-facing text of the published specs (every description, summary and title, including
// those of examples, servers and tags) carries no maintainer notes: no source file names, ledger
// ids or repository paths. Those belong in x- fields (x-source-document, x-ledger) and the ledger.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { loadSpecs, root } from '../support/specs.js';

const NOTES: [string, RegExp][] = [
  ['a source file name', /\b\d{3}_[0-9a-f]{16}(\.txt)?\b/],
  ['a ledger id', /\b(CCE|VPCEP|APIG)-\d{3}\b/],
  ['a repository path', /\b(spec|scripts|generated|test|src|node_modules|services|huaweicloud-sdk-[\w-]+)\/[\w./-]+/],
  ['a source file of a repository', /\b[\w-]+(\/[\w.-]+)+\.(go|py|ts|js|mjs|yaml|json|txt)\b/],
  ['the ledger file', /discrepancies\.yaml|DISCREPANCIES\.md/],
  ['a source page by its file number', /\b(page|pages|of|by) 00\d\b|\b00\d's\b/],
  ['a note about this repository', /\blint rule\b|\bthe project's\b/],
];

/** Every user-facing text of a document, with its JSON path; x- extensions are skipped. */
export function userTexts(node: unknown, at = '$', out: [string, string][] = []): [string, string][] {
  if (Array.isArray(node)) node.forEach((n, i) => userTexts(n, `${at}[${i}]`, out));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key.startsWith('x-')) continue;
      // A property named "description" is a name, not text: look inside it only.
      const isText = ['description', 'summary', 'title'].includes(key) && typeof value === 'string' && !at.endsWith('.properties');
      if (isText) out.push([`${at}.${key}`, value as string]);
      else if (key !== 'value' && key !== 'examples' && key !== 'example' && key !== 'enum' && key !== 'default') userTexts(value, `${at}.${key}`, out);
      else if (key === 'examples') userTexts(value, `${at}.${key}`, out);
    }
  }
  return out;
}

describe('no maintainer notes in user-facing text', () => {
  it('finds the texts it checks (the walk is not empty)', async () => {
    for (const spec of await loadSpecs()) expect(userTexts(spec.doc).length).toBeGreaterThan(100);
  });

  it('flags each kind of note', () => {
    const samples = ['see CCE-014', 'page 003_31f8f5798085a271.txt', 'spec/cce/discrepancies.yaml', 'huaweicloud-sdk-go-v3 services/cce/v3/region/region.go', 'Not on page 001', "001's example", 'the snake_case lint rule'];
    for (const sample of samples) expect(NOTES.some(([, re]) => re.test(sample)), sample).toBe(true);
    expect(NOTES.some(([, re]) => re.test('Kubernetes `kubernetes.io/h2c` and discovery.k8s.io/v1 EndpointSlice'))).toBe(false);
  });

  it.each(['cce', 'vpcep', 'apig'])('%s: descriptions, summaries and titles name no source file, ledger id or repository path', async (name) => {
    const spec = (await loadSpecs()).find((s) => s.name === name)!;
    const found = userTexts(spec.doc).flatMap(([where, text]) => NOTES.filter(([, re]) => re.test(text)).map(([kind, re]) => `${where}: ${kind} (${text.match(re)![0]})`));
    expect(found).toEqual([]);
  });

  it.each(['cce', 'vpcep', 'apig'])('%s: the Chinese bundle names none either', (name) => {
    const doc = JSON.parse(fs.readFileSync(path.join(root, 'generated', name, 'openapi.zh-CN.json'), 'utf8'));
    const texts = userTexts(doc);
    expect(texts.length).toBeGreaterThan(100);
    const found = texts.flatMap(([where, text]) => NOTES.filter(([, re]) => re.test(text)).map(([kind, re]) => `${where}: ${kind} (${text.match(re)![0]})`));
    expect(found).toEqual([]);
  });
});
