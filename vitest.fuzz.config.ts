// `npm run test:fuzz`: the large property-based run (test/**/*.fuzz.test.ts), against the same
// Prism mocks as `npm test`.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.fuzz.test.ts'],
    globalSetup: ['test/setup/prism.global.ts'],
    testTimeout: 30 * 60_000,
    hookTimeout: 60_000,
  },
});
