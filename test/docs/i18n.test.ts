// Translations cannot go stale silently: the extraction of user-facing texts, the comparison with
// the translation files, and (in a throwaway copy of the repo) `generate --check`, `npm run lint`
// and `npm run i18n` against an edited English description and a new untranslated one.
import fs from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagnose, sourceHash, userTexts, withTexts } from '../../scripts/lib/i18n.mjs';
import { createSandbox, runGenerate, runI18n, runLint } from '../support/sandbox.js';
import { loadSpecs } from '../support/specs.js';
import { root } from '../support/paths.js';

const specs = await loadSpecs();

describe('user-facing texts of a bundle', () => {
  const doc = {
    info: { title: 'T', description: 'About.' },
    paths: {
      '/a/{id}': {
        get: {
          summary: 'Get one',
          'x-note': { description: 'maintainer only' },
          parameters: [{ name: 'id', description: 'The ID.', schema: { type: 'string', default: 'x', enum: ['x'] } }],
          responses: {
            200: {
              description: 'OK.',
              content: { 'application/json': { examples: { one: { summary: 'One item', value: { description: 'data, not prose' } } } } },
            },
          },
        },
      },
    },
    components: {
      schemas: {
        Item: {
          description: 'An item.',
          examples: [{ summary: 'data' }],
          properties: { description: { type: 'string', description: 'Free text.' }, default: { type: 'boolean', description: 'Is default.' } },
        },
      },
    },
  };

  it('are every description and summary and the title, keyed by JSON pointer, never data or x- fields', () => {
    expect(Object.fromEntries(userTexts(doc))).toEqual({
      '/info/title': 'T',
      '/info/description': 'About.',
      '/paths/~1a~1{id}/get/summary': 'Get one',
      '/paths/~1a~1{id}/get/parameters/0/description': 'The ID.',
      '/paths/~1a~1{id}/get/responses/200/description': 'OK.',
      '/paths/~1a~1{id}/get/responses/200/content/application~1json/examples/one/summary': 'One item',
      '/components/schemas/Item/description': 'An item.',
      '/components/schemas/Item/properties/description/description': 'Free text.',
      '/components/schemas/Item/properties/default/description': 'Is default.',
    });
  });

  it('are replaced in a copy by their translations', () => {
    const copy = withTexts(doc, new Map([['/paths/~1a~1{id}/get/summary', '获取一个']]));
    expect(copy.paths['/a/{id}'].get.summary).toBe('获取一个');
    expect(doc.paths['/a/{id}'].get.summary).toBe('Get one');
  });

  it('a translation is stale when its English changed, missing when empty or absent, orphaned when its text is gone', () => {
    const texts = new Map([
      ['/a', 'Alpha'],
      ['/b', 'Beta'],
      ['/c', 'Gamma'],
    ]);
    const result = diagnose(texts, {
      '/a': { source: sourceHash('Alpha'), text: '甲' },
      '/b': { source: sourceHash('Beta (old)'), text: '乙' },
      '/c': { source: sourceHash('Gamma'), text: '' },
      '/gone': { source: sourceHash('Delta'), text: '丁' },
    });
    expect(result).toMatchObject({ stale: ['/b'], missing: ['/c'], orphaned: ['/gone'] });
    expect([...result.translated]).toEqual([['/a', '甲']]);
  });
});

describe('the checked-in translations', () => {
  it.for(specs.map((s) => s.name))('%s: every user-facing English text has a current zh-CN translation', async (name) => {
    const file = path.join(root, 'spec', name, 'i18n', 'zh-CN.yaml');
    const { entries } = parse(await fs.readFile(file, 'utf8'));
    const texts = userTexts(specs.find((s) => s.name === name)!.doc);
    const result = diagnose(texts, entries);
    expect({ missing: result.missing, stale: result.stale, orphaned: result.orphaned }).toEqual({ missing: [], stale: [], orphaned: [] });
    expect(result.translated.size).toBe(texts.size);
    for (const [pointer, text] of result.translated) expect(text, pointer).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('in a copy of the repo', () => {
  let sandbox: Awaited<ReturnType<typeof createSandbox>>;
  const POINTER = '/components/parameters/sort_dir/description';
  const TRANSLATIONS = 'spec/vpcep/i18n/zh-CN.yaml';
  beforeAll(async () => {
    sandbox = await createSandbox();
  });
  afterAll(() => sandbox?.remove());

  // Several generator, lint and i18n runs: generous time on a loaded 2-core machine.
  it('an edited English description fails generate --check and lint, naming the field and the translation file, until re-synced', { timeout: 180_000 }, async () => {
    const file = path.join(sandbox.dir, 'spec/vpcep/parameters/sort_dir.yaml');
    const original = await fs.readFile(file, 'utf8');
    const translations = await fs.readFile(path.join(sandbox.dir, TRANSLATIONS), 'utf8');
    expect(original).toMatch(/Sort direction/);
    await fs.writeFile(file, original.replace('Sort direction', 'Order'));

    const check = await runGenerate(sandbox.dir, ['--check']);
    expect(check.code).not.toBe(0);
    expect(check.stderr).toContain(`${TRANSLATIONS}: ${POINTER}: the English text changed since it was translated`);
    expect(check.stderr).toMatch(/nothing was written/);

    const lint = await runLint(sandbox.dir);
    expect(lint.code).not.toBe(0);
    expect(lint.stderr).toContain(`${TRANSLATIONS}: ${POINTER}: the English text changed`);

    const status = await runI18n(sandbox.dir, ['--status']);
    expect(status.code).toBe(1);
    expect(status.stdout).toMatch(new RegExp(`stale +${POINTER.replace(/[/~]/g, '\\$&')}`));
    expect(status.stdout).toContain('en: Order of the returned VPC endpoints');

    // --write turns the stale entry into a skeleton that keeps the old translation beside the new English.
    const write = await runI18n(sandbox.dir, ['--write']);
    expect(write.code, write.stderr).toBe(0);
    const entry = parse(await fs.readFile(path.join(sandbox.dir, TRANSLATIONS), 'utf8')).entries[POINTER];
    expect(entry).toMatchObject({ text: '', en: expect.stringContaining('Order of the returned'), previous: expect.stringMatching(/排序/) });
    const stillMissing = await runGenerate(sandbox.dir, ['--check']);
    expect(stillMissing.stderr).toContain(`${TRANSLATIONS}: ${POINTER}: English text has no translation`);

    // Reverting the English: --write finds the old translation again by its hash.
    await fs.writeFile(file, original);
    await fs.writeFile(path.join(sandbox.dir, TRANSLATIONS), translations);
    expect((await runI18n(sandbox.dir, ['--status'])).code).toBe(0);
  });

  it('a new untranslated English text fails the check; --write reuses a translation of the same English elsewhere', { timeout: 180_000 }, async () => {
    const file = path.join(sandbox.dir, 'spec/vpcep/parameters/vpc_id.yaml');
    const original = await fs.readFile(file, 'utf8');
    try {
      // A new example summary whose English is already translated elsewhere (the ListEndpoints summary).
      await fs.writeFile(file, `${original.trimEnd()}\nexamples:\n  some:\n    summary: List VPC endpoints\n    value: 4189d3c2-8882-4871-a3c2-d380272eed80\n`);
      const check = await runGenerate(sandbox.dir, ['--check']);
      expect(check.code).not.toBe(0);
      expect(check.stderr).toContain(`${TRANSLATIONS}: /components/parameters/vpc_id/examples/some/summary: English text has no translation`);
      const write = await runI18n(sandbox.dir, ['--write']);
      expect(write.stdout).toMatch(/1 reused from identical English, 0 skeleton/);
      expect((await runI18n(sandbox.dir, ['--status'])).code).toBe(0);
    } finally {
      await fs.writeFile(file, original);
    }
  });
});
