// File order: the files that run longest (most of it waiting on child processes: npm, Chromium,
// the generator) start first, so both workers stay busy to the end instead of one of them
// finishing alone; vitest's own order (its cache of durations, else file size) for the rest.
// A clean clone has no cache, hence the fixed list.
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const FIRST = [
  'test/package/pack.test.ts',
  'test/docs/browser.test.ts',
  'test/docs/i18n.test.ts',
  'test/faults/faults.test.ts',
  'test/generate/pipeline.test.ts',
  'test/contract/proxy.test.ts',
];

export class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (spec: TestSpecification) => {
      const at = FIRST.findIndex((file) => spec.moduleId.replaceAll('\\', '/').endsWith(file));
      return at === -1 ? FIRST.length : at;
    };
    return sorted
      .map((spec, index) => ({ spec, index }))
      .sort((a, b) => rank(a.spec) - rank(b.spec) || a.index - b.index)
      .map(({ spec }) => spec);
  }
}
