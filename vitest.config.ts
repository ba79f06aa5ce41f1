import { defineConfig } from 'vitest/config';
import { LongestFirst } from './test/setup/sequencer.js';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/**/*.fuzz.test.ts', 'node_modules/**'],
    // One Prism mock per service for the whole run (URLs reach the tests through inject()).
    globalSetup: ['test/setup/prism.global.ts'],
    // Three files at a time on 2 cores: the browser and package tests mostly wait on their child
    // processes (Chromium, npm), and would otherwise hold a core's worth of slots idle.
    maxWorkers: 3,
    // Files run one after another in the same workers, sharing loaded modules (the specs,
    // validators, generated clients): re-importing them per file cost about a quarter of the CPU.
    // Files keep no state in shared modules (the loaded specs are frozen), and each starts and
    // stops its own servers.
    isolate: false,
    sequence: { sequencer: LongestFirst },
    testTimeout: 60_000,
    hookTimeout: 60_000,
    typecheck: {
      enabled: true,
      include: ['test/**/*.test-d.ts'],
      tsconfig: './tsconfig.json',
    },
  },
});
