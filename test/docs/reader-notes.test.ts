// What the docs add for readers: links from `x-ledger` to the readable ledger page and the note
// for `x-page-required`, in both languages; the ledger page itself carries no maintainer paths.
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NOTE_TEXT, withReaderNotes } from '../../scripts/lib/doc-notes.mjs';
import { root } from '../support/paths.js';
import { loadSpecs } from '../support/specs.js';

const specs = await loadSpecs();
const entries = new Map([
  ['VPCEP-019', { title: 'limit range: 0-1000 or 1-1000' }],
  ['VPCEP-020', { title: 'offset minimum' }],
]);
const doc = {
  paths: {
    '/x': {
      get: {
        description: 'Lists things.',
        'x-ledger': ['VPCEP-019', 'VPCEP-020'],
        parameters: [{ name: 'limit', description: 'Page size.', 'x-ledger': ['VPCEP-019'] }],
        responses: { 200: { description: 'OK.' } },
      },
    },
  },
  components: { schemas: { Port: { properties: { subsets: { type: 'array', 'x-page-required': true } } } } },
};

describe('reader notes', () => {
  it('English: the note, and links titled by the ledger entries, anchored by id but never showing it', () => {
    const out = withReaderNotes(doc, 'en', entries, './ledger.html');
    const op = out.paths['/x'].get;
    expect(op.description).toBe(
      "Lists things.\n\nHow this differs from the vendor's page: [limit range: 0-1000 or 1-1000](./ledger.html#vpcep-019); [offset minimum](./ledger.html#vpcep-020).",
    );
    expect(op.parameters[0].description).toContain('[limit range: 0-1000 or 1-1000](./ledger.html#vpcep-019)');
    expect(out.components.schemas.Port.properties.subsets.description).toBe(`*${NOTE_TEXT.en.pageRequired}*`);
    expect(JSON.stringify(out).replace(/#vpcep-0\d\d/g, '').replace(/"x-ledger":\[[^\]]*\]/g, '')).not.toMatch(/VPCEP-0/i);
    expect(doc.paths['/x'].get.description).toBe('Lists things.'); // the input is not changed
  });

  it('Chinese: the same notes and links in Chinese, to the Chinese ledger page', () => {
    const out = withReaderNotes(doc, 'zh-CN', entries, './ledger.zh-CN.html');
    expect(out.paths['/x'].get.parameters[0].description).toBe(`Page size.\n\n[${NOTE_TEXT['zh-CN'].ledger}](./ledger.zh-CN.html#vpcep-019)`);
    expect(out.paths['/x'].get.description).toContain('[1](./ledger.zh-CN.html#vpcep-019)、[2](./ledger.zh-CN.html#vpcep-020)');
    expect(out.components.schemas.Port.properties.subsets.description).toBe('*厂商页面将此字段标为必填，但服务端并不要求提供。*');
  });

  it('an id that no ledger has is an error, not a dead link', () => {
    expect(() => withReaderNotes({ paths: { '/y': { 'x-ledger': ['VPCEP-999'] } } }, 'en', entries, './ledger.html')).toThrow(/VPCEP-999/);
  });
});

describe('the published ledger page', () => {
  it.for(['ledger.html', 'ledger.zh-CN.html'])('%s lists every entry of every ledger without file names or repository paths', async (page) => {
    const html = await fs.readFile(path.join(root, 'generated', 'docs', page), 'utf8');
    const body = html.slice(html.indexOf('<body>'));
    for (const spec of specs) for (const entry of spec.ledger) expect(body, entry.id).toContain(`<article id="${entry.id.toLowerCase()}">`);
    expect(body).not.toMatch(/\d{3}_[0-9a-f]{16}\.txt|spec\/|node_modules|discrepancies\.yaml|\.ya?ml\b|\b(?:responses|schemas)\/(?!\w)/);
    expect(body.replace(/id="[a-z]+-\d{3}"|href="#[a-z]+-\d{3}"/g, '')).not.toMatch(/\b(CCE|VPCEP|APIG)-\d{3}\b/);
  });
});
